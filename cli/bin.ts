/** Entry point of the built CLI (`dist/cli.js`). */
import { main } from './main.js'

const write = (stream: NodeJS.WriteStream) => (text: string) => void stream.write(text)

// `hookbench … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw err
  })
}

main(process.argv.slice(2), { out: write(process.stdout), err: write(process.stderr) }).then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    process.stderr.write(`hookbench: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exitCode = 70
  },
)
