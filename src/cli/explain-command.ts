import { allCodes, type RegisteredCode } from '../rules/codes.js';
import { checksDocAnchor } from '../docs/checks-doc.js';
import { ExitCode, UsageError } from '../errors.js';
import { INDICATORS } from '../indicators/index.js';
import { closeCodes } from '../util/suggest.js';

export interface ExplainCommandOptions {
  format: 'text' | 'json';
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
  message: string;
  question?: string;
  fix?: string;
  /** Where docs/checks.md holds the same text. */
  docs: string;
}

const GROUP_TITLES: Record<string, string> = { manifest: 'The manifest', policy: 'The policy (waivers, skipped and required indicators)' };

/** `dpg-check explain CODE`: the text docs/checks.md holds for one finding code. */
export function runExplainCommand(code: string, options: ExplainCommandOptions): number {
  const codes = allCodes();
  const wanted = code.trim().toLowerCase();
  const definition = codes.get(wanted);
  if (!definition) throw new UsageError(`Unknown finding code: ${code}`, suggestionHint(wanted, [...codes.keys()]));
  const explanation = explain(definition);
  process.stdout.write(options.format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation));
  return ExitCode.Ready;
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
    message: definition.message,
    ...(definition.question ? { question: definition.question } : {}),
    ...(definition.fix ? { fix: definition.fix } : {}),
    docs: `docs/checks.md#${checksDocAnchor(definition.code)}`,
  };
}

/** The lines of docs/checks.md for the code, under the heading of its indicator (the Standard's words). */
export function formatExplanation(explanation: CodeExplanation): string {
  const heading = explanation.indicator ? `Indicator ${explanation.indicator.id}: ${explanation.indicator.title}` : (GROUP_TITLES[explanation.group] ?? explanation.group);
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

