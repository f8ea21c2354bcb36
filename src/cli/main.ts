import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_TIMEOUT_SECONDS } from '../defaults.js';
import { existsSync } from 'node:fs';
import { DpgCheckError, ExitCode, UsageError } from '../errors.js';
import { redactText } from '../util/redact.js';
import { closestName } from '../util/suggest.js';
import { toolVersion } from '../version.js';
import { FORMAT_LIST } from '../formatters/index.js';
import { FORMAT_IDS } from '../convert/types.js';
import type { AuditCommandOptions } from './audit-command.js';
import type { MergeCommandOptions } from './merge-command.js';

export const EXIT_CODES_HELP = `
Exit codes:
  0  ready: no finding fails
  1  not ready: at least one finding fails (or warns, with --fail-on warn)
  2  usage or input error: unknown option, a target or manifest that does not exist
  3  the check could not be completed (a remote source failed, --deadline passed, an internal error)`;

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
    .addHelpText(
      'after',
      `
Examples:
  dpg-check                                  check the current folder (the check command is the default)
  dpg-check init                             start a dpg.yaml, answers pre-filled from the repository
  dpg-check check github:OWNER/REPO --format markdown
  dpg-check check registry/nominees/NAME.json    check a DPGA application
  dpg-check audit --registry registry/nominees --out rows.jsonl --summary summary.html
  dpg-check explain license/not-approved
${EXIT_CODES_HELP}`,
    );

  program
    .command('check', { isDefault: true })
    .description('check a repository (a folder, a GitHub repository or any git URL) against every indicator of the DPG Standard')
    .argument(
      '[target]',
      'a folder, github:OWNER/REPO[@REF], https://github.com/OWNER/REPO[/tree/REF], a git URL, or a manifest file checked on its own (a dpg manifest, a DPGA nominee or screening record, an application API record, a publiccode.yml)',
      '.',
    )
    .option(
      '-m, --manifest <file>',
      'use this manifest instead of looking for dpg.yaml, dpg.yml, dpg.json, .github/dpg.yaml: a dpg manifest, a DPGA nominee or screening record, an application API record or a publiccode.yml (told from its content)',
    )
    .option(
      '--screening <file>',
      "with a DPGA nominee record (the target or --manifest): its screening record, merged in (default: the same file name in a sibling digitalpublicgoods/ folder, the registry's layout)",
    )
    .option('--policy <file>', "a reviewer's policy (waivers, indicators, failOn as in .dpg-check.yaml), applied after the repository's own")
    .option(
      '-f, --format <format[=file]>',
      `output format, repeatable: ${FORMAT_LIST}; FORMAT=FILE writes to a file, at most one goes to standard output (default: text)`,
      collect,
      [],
    )
    .option('-q, --quiet', 'text format: only the problems (every finding that does not pass) and the verdict')
    .addOption(
      new Option('--fail-on <level>', "lowest finding status that makes the check fail (default: the policy's failOn, else fail)").choices(['fail', 'warn']),
    )
    .option('--max-file-bytes <bytes>', 'read at most this many bytes of any file', parsePositiveInteger, DEFAULT_MAX_FILE_BYTES)
    .option('--no-color', 'no colour in text output (also when NO_COLOR is set or output is not a terminal)')
    .option(
      '--github-api-url <url>',
      'GitHub API to use, e.g. https://HOST/api/v3 for GitHub Enterprise Server (default: GITHUB_API_URL, else https://api.github.com)',
    )
    .option('--clone', 'read a GitHub repository with git (a shallow clone) instead of the API')
    .addOption(
      new Option('--on-rate-limit <mode>', 'when the GitHub API quota is spent: wait for the reset, or fail (default: fail when CI=true, else wait)').choices([
        'wait',
        'fail',
      ]),
    )
    .option('--timeout <seconds>', 'time limit of each network request and git command', parsePositiveNumber, DEFAULT_TIMEOUT_SECONDS)
    .option(
      '--deadline <seconds>',
      'time limit of the whole check; past it, requests and git are stopped, a clone is removed, and the check ends with exit code 3 (default: none)',
      parsePositiveNumber,
    )
    .option('--verbose', 'log each GitHub request and git command to stderr')
    .addHelpText(
      'after',
      `
Examples:
  dpg-check check                      check the current folder
  dpg-check check path/to/repo --format json > report.json
  dpg-check check --format text --format sarif=dpg.sarif --format junit=dpg.xml
  dpg-check check --manifest dpg.yaml --fail-on warn
  dpg-check check --quiet              only what fails, warns or needs review, and the verdict
  dpg-check check registry/nominees/bahmni.json    an application, with ../digitalpublicgoods/bahmni.json merged in
  dpg-check check github:OWNER/REPO@v1.2.0
  dpg-check check https://gitlab.com/GROUP/PROJECT.git

In a subfolder of a git work tree without a manifest (or .dpg-check.yaml) of its own, the nearest
one in the folders above it, up to the work tree's root, is used, as ESLint and reuse find theirs.

GitHub repositories are read through the API with GITHUB_TOKEN, GH_TOKEN or \`gh auth token\`,
else anonymously (60 requests an hour), through HTTPS_PROXY when it is set. Other git URLs, and
GitHub with --clone, use git.
${EXIT_CODES_HELP}`,
    )
    .action(async (target: string, options: CheckCommandOptions) => {
      const { runCheckCommand } = await import('./check-command.js');
      process.exitCode = await runCheckCommand(target, options);
    });

  program
    .command('licenses')
    .description(
      'identify the licences of a repository: the combined SPDX expression and where each part comes from, each licence file, the declarations, the per-file inventory (REUSE, cards, sidecars, headers, rights notices) and any conflicts',
    )
    .argument('[target]', 'a folder, github:OWNER/REPO[@REF] or a git URL, as check takes', '.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--diff <file>', 'show how a file differs from the licence it is closest to')
    .option('--no-color', 'no colour in text output')
    .addHelpText(
      'after',
      `
Examples:
  dpg-check licenses                   the licences of the current folder
  dpg-check licenses --format json     { expression, parts[], files[], declarations[], notices[], conflicts[] }
  dpg-check licenses --diff LICENSE    why LICENSE is not matched exactly

Exit codes: 0 done (whatever the licence), 2 usage or input error.`,
    )
    .action(async (target: string, options: LicensesCommandOptions) => {
      const { runLicensesCommand } = await import('./licenses-command.js');
      process.exitCode = await runLicensesCommand(target, options);
    });

  program
    .command('init')
    .description('write dpg.yaml: a questionnaire per indicator, pre-filled from what the repository shows')
    .argument('[folder]', 'the repository folder', '.')
    .option('-y, --yes', 'write what the repository shows without asking; what only people can answer is left empty for check to report')
    .option('--force', 'rewrite an existing manifest, starting from its answers (they become the defaults; --yes keeps them)')
    .addHelpText(
      'after',
      `
Examples:
  dpg-check init                       answer the questions, in a terminal
  dpg-check init --yes                 write what was detected, then run dpg-check check

Exit codes: 0 written, 2 usage error (a manifest exists and --force was not given, no terminal without --yes).`,
    )
    .action(async (folder: string, options: { yes?: boolean; force?: boolean }) => {
      const { runInitCommand } = await import('./init-command.js');
      process.exitCode = await runInitCommand(folder, options);
    });

  program
    .command('explain')
    .description('explain a finding code: what it means, why the Standard asks for it and how to fix it; --list lists the codes')
    .argument('[code]', 'a finding code, such as license/not-approved; with --list, an area (license) or an indicator (2, 9a) to list')
    .option('-l, --list', 'list every finding code (or those of an area or indicator) with its status and title')
    .addOption(
      new Option('-f, --format <format>', 'output format: text for a terminal, md (the Markdown of docs/checks.md), json')
        .choices(['text', 'md', 'markdown', 'json'])
        .default('text'),
    )
    .option('--no-color', 'no colour in text output')
    .addHelpText(
      'after',
      `
Examples:
  dpg-check explain ownership/copyright-placeholder
  dpg-check explain license/not-approved --format json
  dpg-check explain --list             every code, by indicator
  dpg-check explain --list license     the codes of one area (or an indicator: --list 9a)

Exit codes: 0 explained, 2 unknown code (close matches are suggested).`,
    )
    .action(async (code: string | undefined, options: { format: 'text' | 'md' | 'markdown' | 'json'; list?: boolean; color: boolean }) => {
      const { runExplainCommand } = await import('./explain-command.js');
      const { useColor } = await import('./check-command.js');
      process.exitCode = runExplainCommand(code, {
        format: options.format === 'markdown' ? 'md' : options.format,
        ...(options.list ? { list: true } : {}),
        color: useColor(options.color),
      });
    });

  program
    .command('convert')
    .description('convert between the dpg manifest, the DPGA nominee and screening records, the application API record and publiccode.yml')
    .argument('<input...>', 'input files (their format is told from their content); a DPGA nominee and its screening record together make one manifest')
    .addOption(new Option('-t, --to <format>', 'the format to write').choices(FORMAT_IDS).makeOptionMandatory())
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .addOption(new Option('--output <file>', 'the same as --out').hideHelp())
    .option('--force', 'overwrite the output file if it exists')
    .addOption(
      new Option('-f, --format <format>', 'text: the document, and what was not carried over on stderr; json: a JSON report with the document and lost[]')
        .choices(['text', 'json'])
        .default('text'),
    )
    .addHelpText(
      'after',
      `
Formats: dpg-yaml, dpg-json (the dpg manifest), dpga-nominee, dpga-screening (the DPGA registry's records),
dpga-app (the application API's record), publiccode (publiccode.yml).

Examples:
  dpg-check convert nominees/bahmni.json digitalpublicgoods/bahmni.json --to dpg-yaml -o dpg.yaml
  dpg-check convert dpg.yaml --to dpga-nominee
  dpg-check convert publiccode.yml --to dpg-yaml --format json

What the target cannot hold is listed, never dropped silently. Exit codes: 0 converted, 2 usage or input error.`,
    )
    .action(async (inputs: string[], options: ConvertCommandOptions & { output?: string }) => {
      const { runConvertCommand } = await import('./convert-command.js');
      process.exitCode = await runConvertCommand(inputs, withOut(options));
    });

  program
    .command('audit')
    .description(
      'audit many repositories at once (targets, target lists, GitHub organisations, DPGA registry records): one JSONL row per target, a summary for reviewers',
    )
    .argument(
      '[targets...]',
      'folders, github:OWNER/REPO[@REF], GitHub URLs or git URLs; a file of targets (one a line, # comments) is read as a list, as --input FILE is',
    )
    .option('-i, --input <file>', 'a file of targets, one a line (# comments and blank lines ignored); - reads standard input; repeatable', collect, [])
    .option('--org <owner>', "a GitHub organisation's (or user's) public repositories; repeatable", collect, [])
    .option('--include-forks', 'with --org: include forks')
    .option('--include-archived', 'with --org: include archived repositories')
    .option(
      '--registry <path>',
      'DPGA registry records: a folder of .json records or a record file, nominee or screening records or both (paired by file name; a missing half is taken from the sibling nominees/ or digitalpublicgoods/ folder). Each repository a nominee lists is audited with the application as its manifest when it has no dpg manifest of its own, and cross-checked against the record; repeatable',
      collect,
      [],
    )
    .option('--policy <file>', "the reviewer's policy (waivers, indicators, failOn as in .dpg-check.yaml), applied to every target")
    .option(
      '--apply-repository-policy',
      "apply each repository's own policy (.dpg-check.yaml or policy: in its manifest); by default it is reported on the findings it would waive, not applied",
    )
    .option('-o, --out <file.jsonl>', 'append one JSON row per target as it finishes (fsync per row); default: rows to standard output')
    .addOption(new Option('--output <file.jsonl>', 'the same as --out').hideHelp())
    .option('--resume', 'skip the targets already in --out (an unfinished last line is cut off and redone)')
    .option('--retry-errors', 'with --resume: audit again the targets whose row is an error')
    .option('--overwrite', 'start --out afresh when it already holds results')
    .option('--shard <i/n>', 'audit only part I of N (by a hash of each target, so every run splits alike); combine with merge')
    .option('--concurrency <n>', 'requests (and clones) at once', parsePositiveInteger, 4)
    .option('--batch-size <n>', 'repositories per GraphQL request, with a GitHub token', parsePositiveInteger, 20)
    .option('--cache-dir <dir>', 'cache of GitHub API answers (default: $XDG_CACHE_HOME/dpg-check, else ~/.cache/dpg-check)')
    .option('--no-cache', 'no disk cache')
    .option('--clone', 'read GitHub repositories with git instead of the API')
    .option(
      '--summary <file>',
      'write a summary; the format comes from the extension (.csv, .json, .md, .html) or --summary-format; - for standard output (Markdown by default; needs --out)',
    )
    .option('--summary-format <format>', `format of --summary: ${SUMMARY_FORMAT_LIST}`, parseSummaryFormat)
    .option('--github-api-url <url>', 'GitHub API to use (default: GITHUB_API_URL, else https://api.github.com)')
    .addOption(
      new Option('--on-rate-limit <mode>', 'when the GitHub API quota is spent: wait for the reset, or stop (default: fail when CI=true, else wait)').choices([
        'wait',
        'fail',
      ]),
    )
    .option('--timeout <seconds>', 'time limit of each network request and git command', parsePositiveNumber, DEFAULT_TIMEOUT_SECONDS)
    .option(
      '--deadline <seconds>',
      'time limit of each target; a target past it becomes an error row and the audit goes on (default: none)',
      parsePositiveNumber,
    )
    .option('--max-file-bytes <bytes>', 'read at most this many bytes of any file', parsePositiveInteger, DEFAULT_MAX_FILE_BYTES)
    .addOption(new Option('--fail-on <level>', 'lowest finding status that makes a target not ready').choices(['fail', 'warn']))
    .option('--no-progress', 'no progress on standard error')
    .option('--progress-interval <seconds>', 'seconds between progress lines when standard error is not a terminal', parsePositiveNumber, 5)
    .option('--verbose', 'log each GitHub request and git command to stderr')
    .addHelpText(
      'after',
      `
Examples:
  dpg-check audit github:OWNER/A github:OWNER/B --out results.jsonl --summary summary.html
  dpg-check audit --input targets.txt --out results.jsonl --resume
  dpg-check audit --org OWNER --out org.jsonl --summary org.csv
  dpg-check audit --registry registry/nominees --out registry.jsonl --shard 1/4
  dpg-check audit --registry registry/nominees --registry registry/digitalpublicgoods --clone --policy reviewer.yaml
  dpg-check merge shard-*.jsonl --summary registry.html

Exit codes: 0 every target ready, 1 some not ready, 2 usage or input error, 3 some target could not
be checked (error rows) or the run stopped (spent quota, refused token; go on with --resume).
See docs/audit.md.`,
    )
    .action(async (targets: string[], options: AuditCommandOptions & { output?: string }) => {
      const { runAuditCommand } = await import('./audit-command.js');
      process.exitCode = await runAuditCommand(targets, withOut(options));
    });

  program
    .command('merge')
    .description('combine audit results (JSONL files of several runs or shards) into one summary, each target once')
    .argument('<files...>', 'JSONL results of dpg-check audit')
    .option('--summary <file>', 'the summary to write; format from the extension (.csv, .json, .md, .html) or --summary-format; - for standard output')
    .option('--summary-format <format>', `format of --summary: ${SUMMARY_FORMAT_LIST}`, parseSummaryFormat)
    .option('-o, --out <file.jsonl>', 'also write the combined rows, one per target')
    .addOption(new Option('--output <file.jsonl>', 'the same as --out').hideHelp())
    .option('--overwrite', 'replace --out when it exists')
    .addHelpText(
      'after',
      `
Examples:
  dpg-check merge shard-1.jsonl shard-2.jsonl --summary summary.html
  dpg-check merge results/*.jsonl --summary summary.csv --out all.jsonl

Exit codes: as audit, for the combined targets.`,
    )
    .action(async (files: string[], options: MergeCommandOptions & { output?: string }) => {
      const { runMergeCommand } = await import('./merge-command.js');
      process.exitCode = await runMergeCommand(files, withOut(options));
    });

  return program;
}

/** The formats `convert --to` takes (src/convert/types.ts; repeated here so that --help loads nothing). */

export interface ConvertCommandOptions {
  to: 'dpg-yaml' | 'dpg-json' | 'dpga-nominee' | 'dpga-screening' | 'dpga-app' | 'publiccode';
  /** `-o, --out` (also spelled `--output`, as convert's option was first named). */
  out?: string;
  format: 'text' | 'json';
  force?: boolean;
}

export interface LicensesCommandOptions {
  format: 'text' | 'json';
  diff?: string;
  color: boolean;
}

export interface CheckCommandOptions {
  manifest?: string;
  screening?: string;
  policy?: string;
  /** `--format` values as given: `FORMAT` or `FORMAT=FILE`. */
  format: string[];
  failOn?: 'fail' | 'warn';
  maxFileBytes: number;
  color: boolean;
  githubApiUrl?: string;
  clone?: boolean;
  onRateLimit?: 'wait' | 'fail';
  timeout: number;
  deadline?: number;
  verbose?: boolean;
  /** Text format: only the findings that do not pass, and the verdict. */
  quiet?: boolean;
}

/** The formats of --summary-format (src/audit/summary.ts; repeated here so that --help loads nothing). */
const SUMMARY_FORMATS = ['csv', 'json', 'md', 'html'];
const SUMMARY_FORMAT_LIST = 'csv, json, md (or markdown), html';

/** `--summary-format`: `markdown` is `md`, as in --format and a summary file named .markdown. */
function parseSummaryFormat(value: string): string {
  const format = value.trim().toLowerCase() === 'markdown' ? 'md' : value.trim().toLowerCase();
  if (!SUMMARY_FORMATS.includes(format)) throw new InvalidArgumentError(`Allowed choices are ${SUMMARY_FORMAT_LIST}.`);
  return format;
}

/**
 * `-o` is `--out` in every command; `--output` (convert's first spelling) is accepted everywhere as the
 * same option, unlisted. Both at once must agree.
 */
function withOut<T extends { out?: string; output?: string }>(options: T): Omit<T, 'output'> {
  const { output, ...rest } = options;
  if (output === undefined) return rest;
  if (rest.out !== undefined && rest.out !== output) throw new UsageError(`--out ${rest.out} and --output ${output} are the same option; give one.`);
  return { ...rest, out: output };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parsePositiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return parsed;
}

/** Node's timers overflow past 2^31 - 1 ms (and then fire at once); a day is more than any request or check needs. */
const MAX_TIMEOUT_SECONDS = 86_400;

function parsePositiveNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a positive number of seconds');
  if (parsed > MAX_TIMEOUT_SECONDS) throw new InvalidArgumentError(`at most ${MAX_TIMEOUT_SECONDS} seconds (a day)`);
  return parsed;
}

/** Runs the CLI; never lets an exception or a stack trace reach the user unless --debug asks. */
export async function main(argv: string[]): Promise<void> {
  // A reader that stops early (`| head`) closes the pipe: that is its choice, not an error to report.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  const program = buildProgram();
  const debug = argv.includes('--debug');
  try {
    rejectMistypedCommand(
      argv[2],
      program.commands.map((command) => command.name()),
    );
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = handleError(error, debug);
  }
}

/**
 * `check` is the default command, so a mistyped command name (`chek`, `lisences`) would be read as a
 * target and fail as "not found" or "too many arguments". A first word that is no file or folder and
 * is close to a command's name gets a suggestion instead.
 */
function rejectMistypedCommand(word: string | undefined, commands: readonly string[]): void {
  if (word === undefined || word.startsWith('-') || commands.includes(word) || /[/\\:.@]/.test(word) || existsSync(word)) return;
  const closest = closestName(word, commands);
  if (closest) {
    throw new UsageError(
      `Unknown command "${word}". Did you mean "${closest}"?`,
      `Commands: ${commands.join(', ')}. A folder to check is given as a path (dpg-check check ./${word}).`,
    );
  }
}

function handleError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here too, with exit code 0.
    if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    return ExitCode.UsageOrInput;
  }
  if (error instanceof DpgCheckError) {
    process.stderr.write(`dpg-check: ${redactText(error.message)}\n`);
    if (error.hint) process.stderr.write(`${redactText(error.hint)}\n`);
    if (debug && error.stack) process.stderr.write(`${redactText(error.stack)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`dpg-check: internal error: ${redactText(message)}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${redactText(error.stack)}\n`);
  else process.stderr.write('Run again with --debug for details, and report it with the output.\n');
  return ExitCode.Incomplete;
}
