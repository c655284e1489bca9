/**
 * `hookbench`: render and check Braze and Zendesk webhook templates from the command line.
 * Exit codes: 0 ok (warnings allowed), 1 errors, 2 bad usage or unreadable input, 3 aborted.
 */
import { Command, CommanderError, Option } from 'commander'
import { checkCommand, renderCommand } from './render.js'
import { EXIT, UsageError, type Io } from './io.js'
import { version } from '../package.json'

const dialectOption = () =>
  new Option('--dialect <dialect>', 'dialect of a file without front matter').choices(['braze', 'zendesk'])
const blocksOption = () => new Option('--content-blocks <dir>', 'folder of content blocks (default: nearest content-blocks/)')

export async function main(argv: string[], io: Io): Promise<number> {
  let code: number = EXIT.ok
  const program = new Command('hookbench')
    .description('Render and check Braze ↔ Zendesk webhook templates offline.')
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError()

  program
    .command('render')
    .description('render a template against a sample and print the body (or the whole request)')
    .argument('<file>', 'template file')
    .option('--sample <file>', 'sample file (FILE#LABEL picks one sample of a list)')
    .option('--samples <dirOrFile>', 'render against every sample in a folder or file, one line each')
    .addOption(dialectOption())
    .addOption(new Option('--format <format>', 'body: the rendered body; json: request, aborted, diagnostics').choices(['body', 'json']).default('body'))
    .addOption(blocksOption())
    .option('--now <iso>', "what 'now' means, for reproducible dates")
    .action(async (file: string, options) => {
      code = await renderCommand(file, options, io)
    })

  program
    .command('check')
    .description('parse and lint a template without a sample')
    .argument('<file>', 'template file')
    .addOption(dialectOption())
    .addOption(blocksOption())
    .action(async (file: string, options) => {
      code = await checkCommand(file, options, io)
    })

  try {
    await program.parseAsync(argv, { from: 'user' })
    return code
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    if (err instanceof UsageError) {
      io.err(`hookbench: ${err.message}\n`)
      return EXIT.usage
    }
    throw err
  }
}
