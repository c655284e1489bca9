/**
 * `hookbench`: render and check Braze and Zendesk webhook templates from the command line.
 * Exit codes: 0 ok (warnings allowed), 1 errors, 2 bad usage or unreadable input, 3 aborted.
 */
import { Command, CommanderError, Option } from 'commander'
import { deployCommand } from './deploy.js'
import { exportCommand } from './export.js'
import { flowListCommand, flowRunCommand } from './flow.js'
import { historyCommand } from './history.js'
import { importTemplateCommand } from './importTemplate.js'
import { checkCommand, renderCommand } from './render.js'
import { sendCommand } from './send.js'
import { webCommand } from './web.js'
import { importCommand, initCommand } from './workspaceCommands.js'
import { EXIT, UsageError, type Io } from './io.js'
import { EXPORT_TARGETS } from '../shared/export/index.js'
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

  program
    .command('send')
    .description('render with an environment and send the request to the sandbox (secrets from HOOKBENCH_SECRET_<NAME>)')
    .argument('<file>', 'template file')
    .requiredOption('--sample <file>', 'sample file (FILE#LABEL picks one sample of a list)')
    .requiredOption('--env <name>', 'environment (environments/NAME.json)')
    .option('--workspace <dir>', 'workspace folder (default: the one holding the template)')
    .option('--dry-run', 'render and check, print the request, send nothing')
    .option('--yes-production', 'allow sending to a production environment')
    .option('--timeout <seconds>', 'give up after this long (default 30)')
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .action(async (file: string, options) => {
      code = await sendCommand(file, options, io)
    })

  program
    .command('history')
    .description('list the sends recorded in the workspace, newest first')
    .option('--template <file>', 'only sends of this template')
    .option('--workspace <dir>', 'workspace folder (default: the current one)')
    .option('--limit <n>', 'at most this many', '50')
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .action(async (options) => {
      code = await historyCommand(options, io)
    })

  program
    .command('init')
    .description('create a workspace with example templates, samples and a sandbox environment')
    .argument('<dir>', 'folder (created if missing; must be empty or a workspace)')
    .action(async (dir: string) => {
      code = await initCommand(dir, io)
    })

  program
    .command('import')
    .description('import samples: braze-export FILE, zendesk-tickets FILE, users-csv FILE, or from the sandbox: braze-user EXTERNAL_ID --env NAME, zendesk-ticket ID --env NAME')
    .argument('<source>', 'braze-export | zendesk-tickets | users-csv | braze-user | zendesk-ticket')
    .argument('<what>', 'the file, the external_id or the ticket id')
    .option('--workspace <dir>', 'workspace folder (default: the current one)')
    .option('--env <name>', 'environment to import from (sandbox sources)')
    .action(async (source: string, what: string, options) => {
      code = await importCommand(source, what, options, io)
    })

  program
    .command('export')
    .description('hand a template to a dashboard: Braze webhook composer or messaging API, Zendesk webhook or trigger (secrets as <STAND-INS>)')
    .argument('<file>', 'template file')
    .addOption(new Option('--for <target>', 'the dashboard or API shape to give').choices(EXPORT_TARGETS).makeOptionMandatory())
    .option('--env <name>', 'put in the values of this environment (environments/NAME.json)')
    .option('--include-secrets', 'put in real secret values (from HOOKBENCH_SECRET_<NAME>) instead of stand-ins')
    .addOption(new Option('--format <format>', 'text: field by field; json: the API payload').choices(['text', 'json']).default('text'))
    .option('--out <file>', 'save instead of printing: FILE.json the API payload, FILE.txt the raw body')
    .option('--samples <dirOrFile>', 'check the body against these samples (default: the workspace\'s)')
    .option('--workspace <dir>', 'workspace folder (default: the one holding the template)')
    .addOption(dialectOption())
    .addOption(blocksOption())
    .action(async (file: string, options) => {
      code = await exportCommand(file, options, io)
    })

  program
    .command('deploy')
    .description('create or update the Zendesk webhook and trigger of a Zendesk → Braze template, and record their ids in it')
    .argument('<file>', 'template file')
    .requiredOption('--env <name>', 'environment whose Zendesk account gets them (environments/NAME.json)')
    .option('--workspace <dir>', 'workspace folder (default: the one holding the template)')
    .option('--yes-production', 'allow deploying to a production environment')
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .action(async (file: string, options) => {
      code = await deployCommand(file, options, io)
    })

  program
    .command('import-template')
    .description('make a template of a Braze webhook (body or messaging-API object) or a Zendesk trigger (with --webhook FILE)')
    .argument('<source>', 'braze | zendesk-trigger')
    .argument('<file>', 'the pasted body, webhook object or trigger JSON')
    .option('--name <name>', 'template name (default: the trigger title or the file name)')
    .option('--webhook <file>', 'zendesk-trigger: the webhook JSON (GET /api/v2/webhooks/{id})')
    .option('--url <url>', 'braze: the webhook URL')
    .option('--method <method>', 'braze: the HTTP method')
    .option('--header <header>', 'braze: a header "Name: value" (repeatable)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--env <name>', "turn this environment's values back into %{env.NAME} references")
    .option('--adopt', 'zendesk-trigger: record the ids as deployed to --env, so deploy updates this trigger and webhook')
    .option('--workspace <dir>', 'workspace folder (default: the current one)')
    .action(async (source: string, file: string, options) => {
      code = await importTemplateCommand(source, file, options, io)
    })

  const flow = program.command('flow').description('flow runs: the whole Braze → Zendesk → Braze round trip of flows/NAME.yaml, step by step')
  flow
    .command('run')
    .description('run a flow against the sandboxes (secrets from HOOKBENCH_SECRET_<NAME>); exit 0 when every step passes, 1 when one fails')
    .argument('<flow>', 'flow name (flows/NAME.yaml) or file')
    .option('--workspace <dir>', 'workspace folder (default: the current one, or the one holding the flow file)')
    .option('--keep', 'keep the test ticket (no clean-up)')
    .option('--save-sample <name>', 'save the ticket the Zendesk template was rendered against as this Zendesk ticket sample')
    .option('--yes-production', 'allow a production environment (its tickets are never deleted)')
    .addOption(new Option('--format <format>', 'text: step by step as it runs; json: the run; junit: JUnit XML, one test case per step').choices(['text', 'json', 'junit']).default('text'))
    .action(async (name: string, options) => {
      code = await flowRunCommand(name, options, io)
    })
  flow
    .command('list')
    .description("list the workspace's flows with their problems")
    .option('--workspace <dir>', 'workspace folder (default: the current one)')
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .action(async (options) => {
      code = await flowListCommand(options, io)
    })

  program
    .command('web')
    .description('serve the app in a browser on 127.0.0.1, behind a per-run token')
    .option('--workspace <dir>', 'open this workspace')
    .option('--port <port>', 'port (0: any free port)', '0')
    .action(async (options) => {
      code = await webCommand(options, io)
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
