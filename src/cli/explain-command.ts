import { allCodes, type RegisteredCode } from '../rules/codes.js';
import { checksDocAnchor } from '../docs/checks-doc.js';
import { ExitCode, UsageError } from '../errors.js';
import { INDICATORS } from '../indicators/index.js';
import { closeCodes } from '../util/suggest.js';
import { describeTemplate } from '../findings.js';
import { Chalk } from 'chalk';
import { renderCodeSpans } from '../formatters/groups.js';

export interface ExplainCommandOptions {
  format: 'text' | 'json' | 'md';
  /** List every code (or those of one area or indicator) instead of explaining one. */
  list?: boolean;
  color?: boolean;
}

/** What `explain --format json` prints: the code's definition and the Standard's words behind it. */
export interface CodeExplanation {
  code: string;
  status: RegisteredCode['status'];
  title: string;
  group: RegisteredCode['group'];
  /** The indicator the code belongs to, with the Standard's requirement; absent for manifest and policy codes. */
  indicator?: { id: string; title: string; requirement: string; url: string };
  description: string;
  /** The message, question and fix as docs/checks.md shows them (`[optional parts]`, `finding(s)`). */
  message: string;
  question?: string;
  fix?: string;
  /** The templates themselves, in the language of src/findings.ts, to render a finding's `args` with. */
  templates: { message: string; question?: string; fix?: string };
  /** Where docs/checks.md holds the same text. */
  docs: string;
}

const GROUP_TITLES: Record<string, string> = { manifest: 'The manifest', policy: 'The policy (waivers, skipped and required indicators)' };

/**
 * `dpg-check explain CODE`: the text docs/checks.md holds for one finding code, for a terminal (text),
 * as Markdown (md, the docs' own lines) or as JSON. `explain --list [AREA]`: every code, or those of an
 * area (`license`) or an indicator (`2`, `9a`), with its status and title.
 */
export function runExplainCommand(code: string | undefined, options: ExplainCommandOptions): number {
  const codes = allCodes();
  if (options.list) return listCodes(code, options);
  if (code === undefined || code.trim() === '')
    throw new UsageError('explain needs a finding code, such as license/not-approved.', 'dpg-check explain --list shows every code.');
  const wanted = code.trim().toLowerCase();
  const definition = codes.get(wanted);
  if (!definition) throw new UsageError(`Unknown finding code: ${code}`, suggestionHint(wanted, [...codes.keys()]));
  const explanation = explain(definition);
  const output =
    options.format === 'json'
      ? `${JSON.stringify(explanation, null, 2)}\n`
      : options.format === 'md'
        ? formatExplanation(explanation)
        : formatExplanationText(explanation, options.color ?? false);
  process.stdout.write(output);
  return ExitCode.Ready;
}

/** The codes of an area (`license`, the part before the slash) or an indicator (`2`, `9a`); all without a filter. */
function listCodes(filter: string | undefined, options: ExplainCommandOptions): number {
  const wanted = filter?.trim().toLowerCase().replace(/\/$/, '');
  const all = [...allCodes().values()];
  const chosen = wanted ? all.filter((definition) => definition.group === wanted || definition.code.startsWith(`${wanted}/`)) : all;
  if (chosen.length === 0) {
    const areas = [...new Set(all.map((definition) => definition.code.slice(0, definition.code.indexOf('/'))))];
    throw new UsageError(
      `No finding code is in ${filter}.`,
      `Give an area (${areas.join(', ')}) or an indicator (1-8, 9a, 9b, 9c), or no filter for every code.`,
    );
  }
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(chosen.map(explain), null, 2)}\n`);
    return ExitCode.Ready;
  }
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const width = Math.max(...chosen.map((definition) => definition.code.length));
  const lines: string[] = [];
  let group: string | undefined;
  for (const definition of chosen) {
    if (definition.group !== group) {
      group = definition.group;
      const indicator = INDICATORS.find((candidate) => candidate.meta.id === group)?.meta;
      lines.push(
        ...(lines.length > 0 ? [''] : []),
        chalk.bold(options.format === 'md' ? `### ${groupHeading(group, indicator)}` : groupHeading(group, indicator)),
      );
      if (options.format === 'md') lines.push('');
    }
    lines.push(
      options.format === 'md'
        ? `- \`${definition.code}\` (${definition.status}): ${definition.title}`
        : `  ${definition.code.padEnd(width)}  ${STATUS_WORD[definition.status].padEnd(6)}  ${definition.title}`,
    );
  }
  lines.push('', chalk.dim(`${chosen.length} code${chosen.length === 1 ? '' : 's'}. dpg-check explain CODE tells what one means.`));
  process.stdout.write(`${lines.join('\n')}\n`);
  return ExitCode.Ready;
}

const STATUS_WORD: Record<RegisteredCode['status'], string> = { pass: 'pass', fail: 'FAIL', warn: 'warn', review: 'review', 'n/a': 'n/a' };

function groupHeading(group: string, indicator: { id: string; title: string } | undefined): string {
  return indicator ? `Indicator ${indicator.id}: ${indicator.title}` : (GROUP_TITLES[group] ?? group);
}

/**
 * For a terminal: the same text as docs/checks.md without Markdown's marks (no `**`, `>` or
 * backticks), headed by the code and its status, the Standard's words indented under the indicator.
 */
export function formatExplanationText(explanation: CodeExplanation, color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const code = (text: string): string =>
    renderCodeSpans(
      text,
      (part) => part,
      (part) => chalk.cyan(part),
    );
  const lines = [`${chalk.bold(explanation.code)}  ${STATUS_WORD[explanation.status]}: ${explanation.title}`, ''];
  lines.push(chalk.bold(groupHeading(explanation.group, explanation.indicator)));
  if (explanation.indicator) lines.push(...wrap(`The Standard: ${explanation.indicator.requirement}`, 96).map((line) => `  ${chalk.dim(line)}`));
  lines.push('', ...wrap(code(explanation.description), 100));
  lines.push('', `${chalk.bold('Message:')} ${code(explanation.message)}`);
  if (explanation.question) lines.push(`${chalk.bold("Reviewer's question:")} ${code(explanation.question)}`);
  if (explanation.fix) lines.push(`${chalk.bold('Fix:')} ${code(explanation.fix)}`);
  lines.push('', chalk.dim(`Also in ${explanation.docs}`));
  return `${lines.join('\n')}\n`;
}

/** Words folded into lines of at most `width` characters (a longer word stands alone). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

export function explain(definition: RegisteredCode): CodeExplanation {
  const indicator = INDICATORS.find((candidate) => candidate.meta.id === definition.group)?.meta;
  return {
    code: definition.code,
    status: definition.status,
    title: definition.title,
    group: definition.group,
    ...(indicator ? { indicator: { id: indicator.id, title: indicator.title, requirement: indicator.requirement, url: indicator.url } } : {}),
    description: definition.description,
    message: describeTemplate(definition.message),
    ...(definition.question ? { question: describeTemplate(definition.question) } : {}),
    ...(definition.fix ? { fix: describeTemplate(definition.fix) } : {}),
    templates: {
      message: definition.message,
      ...(definition.question ? { question: definition.question } : {}),
      ...(definition.fix ? { fix: definition.fix } : {}),
    },
    docs: `docs/checks.md#${checksDocAnchor(definition.code)}`,
  };
}

/** As Markdown (`--format md`): the lines of docs/checks.md for the code, under its indicator's heading and the Standard's words. */
export function formatExplanation(explanation: CodeExplanation): string {
  const heading = explanation.indicator
    ? `Indicator ${explanation.indicator.id}: ${explanation.indicator.title}`
    : (GROUP_TITLES[explanation.group] ?? explanation.group);
  const lines = [explanation.code, '', heading];
  if (explanation.indicator) lines.push(`> ${explanation.indicator.requirement}`);
  lines.push('', `**${explanation.status}**: ${explanation.title}.`, '', explanation.description, '', `- Message: ${explanation.message}`);
  if (explanation.question) lines.push(`- Reviewer's question: ${explanation.question}`);
  if (explanation.fix) lines.push(`- Fix: ${explanation.fix}`);
  lines.push('', `Also in ${explanation.docs}`);
  return `${lines.join('\n')}\n`;
}

/** Codes a mistyped one was probably meant to be (src/util/suggest.ts). */
export const closeMatches = closeCodes;

function suggestionHint(wanted: string, codes: string[]): string {
  const matches = closeMatches(wanted, codes);
  const list = matches.length > 0 ? `Did you mean: ${matches.join(', ')}?` : 'No code is close to it.';
  return `${list}\nEvery code is listed in docs/checks.md (codes look like license/not-approved).`;
}
