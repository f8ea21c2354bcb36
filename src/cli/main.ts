import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { DpgCheckError, ExitCode } from '../errors.js';
import { toolVersion } from '../version.js';

export const EXIT_CODES_HELP = `
Exit codes:
  0  ready: no finding fails
  1  not ready: at least one finding fails (or warns, with --fail-on warn)
  2  usage or input error: unknown option, a target or manifest that does not exist
  3  the check could not be completed (a remote source failed, an internal error)`;

/** Builds the command line. Commands import their modules only when they run, so `--version` stays light. */
export function buildProgram(): Command {
  const program = new Command();
  // Set before the commands are added: subcommands copy these settings when they are created.
  program.exitOverride();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text) });
  program
    .name('dpg-check')
    .description('Check how ready a project is to be recognised as a Digital Public Good (DPG Standard 1.1.7).')
    .version(toolVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--debug', 'print stack traces of internal errors')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP);

  program
    .command('check', { isDefault: true })
    .description('check a repository (a folder, a GitHub repository or any git URL) against every indicator of the DPG Standard')
    .argument('[target]', 'a folder, github:OWNER/REPO[@REF], https://github.com/OWNER/REPO[/tree/REF], or a git URL', '.')
    .option('-m, --manifest <file>', 'use this manifest instead of looking for dpg.yaml, dpg.yml, dpg.json, .github/dpg.yaml')
    .option('-f, --format <format[=file]>', `output format, repeatable: ${FORMAT_LIST}; FORMAT=FILE writes to a file, at most one goes to standard output (default: text)`, collect, [])
    .addOption(new Option('--fail-on <level>', 'lowest finding status that makes the check fail (default: the policy\'s failOn, else fail)').choices(['fail', 'warn']))
    .option('--max-file-bytes <bytes>', 'read at most this many bytes of any file', parsePositiveInteger, 512 * 1024)
    .option('--no-color', 'no colour in text output (also when NO_COLOR is set or output is not a terminal)')
    .option('--github-api-url <url>', 'GitHub API to use, e.g. https://HOST/api/v3 for GitHub Enterprise Server (default: GITHUB_API_URL, else https://api.github.com)')
    .option('--clone', 'read a GitHub repository with git (a shallow clone) instead of the API')
    .addOption(new Option('--on-rate-limit <mode>', 'when the GitHub API quota is spent: wait for the reset, or fail (default: fail when CI=true, else wait)').choices(['wait', 'fail']))
    .option('--timeout <seconds>', 'time limit of each network request and git command', parsePositiveNumber, 60)
    .option('--verbose', 'log each GitHub request and git command to stderr')
    .addHelpText('after', `
Examples:
  dpg-check check                      check the current folder
  dpg-check check path/to/repo --format json > report.json
  dpg-check check --format text --format sarif=dpg.sarif --format junit=dpg.xml
  dpg-check check --manifest dpg.yaml --fail-on warn
  dpg-check check github:OWNER/REPO@v1.2.0
  dpg-check check https://gitlab.com/GROUP/PROJECT.git

GitHub repositories are read through the API with GITHUB_TOKEN, GH_TOKEN or \`gh auth token\`,
else anonymously (60 requests an hour). Other git URLs, and GitHub with --clone, use git.
${EXIT_CODES_HELP}`)
    .action(async (target: string, options: CheckCommandOptions) => {
      const { runCheckCommand } = await import('./check-command.js');
      process.exitCode = await runCheckCommand(target, options);
    });

  program
    .command('licenses')
    .description('identify the licences of a repository: each licence file, the declarations, the combined SPDX expression and any conflicts')
    .argument('[target]', 'the repository folder', '.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--diff <file>', 'show how a file differs from the licence it is closest to')
    .option('--no-color', 'no colour in text output')
    .addHelpText('after', `
Examples:
  dpg-check licenses                   the licences of the current folder
  dpg-check licenses --format json     { expression, files[], declarations[], notices[], conflicts[] }
  dpg-check licenses --diff LICENSE    why LICENSE is not matched exactly

Exit codes: 0 done (whatever the licence), 2 usage or input error.`)
    .action(async (target: string, options: LicensesCommandOptions) => {
      const { runLicensesCommand } = await import('./licenses-command.js');
      process.exitCode = await runLicensesCommand(target, options);
    });

  return program;
}

export interface LicensesCommandOptions {
  format: 'text' | 'json';
  diff?: string;
  color: boolean;
}

export interface CheckCommandOptions {
  manifest?: string;
  /** `--format` values as given: `FORMAT` or `FORMAT=FILE`. */
  format: string[];
  failOn?: 'fail' | 'warn';
  maxFileBytes: number;
  color: boolean;
  githubApiUrl?: string;
  clone?: boolean;
  onRateLimit?: 'wait' | 'fail';
  timeout: number;
  verbose?: boolean;
}

const FORMAT_LIST = 'text, json, markdown, sarif, junit, gitlab, badge, html';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parsePositiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return parsed;
}

function parsePositiveNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a positive number of seconds');
  return parsed;
}

/** Runs the CLI; never lets an exception or a stack trace reach the user unless --debug asks. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = handleError(error, debug);
  }
}

function handleError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here too, with exit code 0.
    if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    return ExitCode.UsageOrInput;
  }
  if (error instanceof DpgCheckError) {
    process.stderr.write(`dpg-check: ${error.message}\n`);
    if (error.hint) process.stderr.write(`${error.hint}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`dpg-check: internal error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('Run again with --debug for details, and report it with the output.\n');
  return ExitCode.Incomplete;
}
