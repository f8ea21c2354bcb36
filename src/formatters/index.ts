import { assertReport } from '../report/assert.js';
import type { Formatter } from './types.js';

/**
 * Every report format, as data: the name `--format` takes, other spellings, what it is for (the CLI's
 * help, the README's table: `npm run docs` writes it) and how to load it. Adding a format is one file
 * plus one row here. Each loads only when asked for.
 */
export const FORMATS = [
  { name: 'text', aliases: [], for: 'people, in a terminal', load: async () => (await import('./text.js')).formatText },
  {
    name: 'json',
    aliases: [],
    for: 'machines: one document valid against `schemas/report.schema.json`',
    load: async () => (await import('./json.js')).formatJson,
  },
  {
    name: 'markdown',
    aliases: ['md'],
    for: 'pull-request comments and job summaries: a verdict line, a table of the indicators, the findings that need action',
    load: async () => (await import('./markdown.js')).formatMarkdown,
  },
  {
    name: 'sarif',
    aliases: [],
    for: "GitHub code scanning and other SARIF 2.1.0 viewers: one rule per code with help, results with locations (from the repository's root when a subfolder is checked; a finding no file shows is anchored at the manifest, else the README, else at `dpg.yaml`, yet to be written), stable fingerprints, waivers as suppressions (validated by `@microsoft/sarif-multitool` in the tests)",
    load: async () => (await import('./sarif.js')).formatSarif,
  },
  {
    name: 'junit',
    aliases: [],
    for: 'test reporters (Jenkins, GitLab, GitHub): a suite per indicator, a case per finding, named by its code and file (stable from run to run) with a `file` attribute; failures, skips for reviews',
    load: async () => (await import('./junit.js')).formatJUnit,
  },
  { name: 'gitlab', aliases: [], for: 'GitLab Code Quality (paths from the repository root)', load: async () => (await import('./gitlab.js')).formatGitLab },
  {
    name: 'badge',
    aliases: [],
    for: 'a shields.io endpoint badge (`https://img.shields.io/endpoint?url=...`)',
    load: async () => (await import('./badge.js')).formatBadge,
  },
  {
    name: 'html',
    aliases: [],
    for: 'one self-contained page for a reviewer, no scripts, nothing loaded from outside',
    load: async () => (await import('./html.js')).formatHtml,
  },
] as const satisfies ReadonlyArray<{ name: string; aliases: readonly string[]; for: string; load: () => Promise<Formatter> }>;

export type FormatName = (typeof FORMATS)[number]['name'];
export const FORMAT_NAMES: readonly FormatName[] = FORMATS.map((format) => format.name);

/** The formats for help texts: `text, json, markdown (or md), ...`. */
export const FORMAT_LIST = FORMATS.map((format) => (format.aliases.length > 0 ? `${format.name} (or ${format.aliases.join(', ')})` : format.name)).join(', ');

/** The README's table of formats (between its `formats` markers), from FORMATS. */
export function formatsTable(): string {
  return ['| format | for |', '| --- | --- |', ...FORMATS.map((format) => `| \`${format.name}\` | ${format.for} |`)].join('\n');
}

export async function loadFormatter(name: FormatName): Promise<Formatter> {
  const entry = FORMATS.find((format) => format.name === name);
  if (!entry) throw new Error(`unknown format "${name}"`);
  return checkedFormatter(name, await entry.load());
}

/** A formatter that refuses anything but a report (a UsageError), as the library's callers need. */
export function checkedFormatter(name: string, format: Formatter): Formatter {
  return (report, options) => {
    assertReport(report, `format ${name}`);
    return format(report, options ?? { color: false });
  };
}

/** The format a name or alias (`md`) means, or undefined. */
export function formatNamed(written: string): FormatName | undefined {
  const wanted = written.trim().toLowerCase();
  return FORMATS.find((format) => format.name === wanted || (format.aliases as readonly string[]).includes(wanted))?.name;
}

export interface OutputSpec {
  format: FormatName;
  /** Where to write; undefined for standard output. */
  file?: string;
}

/**
 * Reads `--format FORMAT[=FILE]` values: several formats in one run, at most one of them on standard
 * output. Throws a message for the user on anything else.
 */
export function parseOutputSpecs(values: readonly string[]): OutputSpec[] {
  const specs = (values.length === 0 ? ['text'] : values).map((value): OutputSpec => {
    const equals = value.indexOf('=');
    const written = (equals === -1 ? value : value.slice(0, equals)).trim().toLowerCase();
    const name = formatNamed(written);
    const file = equals === -1 ? undefined : value.slice(equals + 1);
    if (name === undefined) throw new Error(`unknown format "${written}"; choose from ${FORMAT_LIST}`);
    if (file !== undefined && file.trim() === '') throw new Error(`--format ${name}= needs a file name after "="`);
    return { format: name, ...(file !== undefined ? { file } : {}) };
  });
  const toStdout = specs.filter((spec) => spec.file === undefined);
  if (toStdout.length > 1)
    throw new Error(
      `only one format can go to standard output (got ${toStdout.map((spec) => spec.format).join(', ')}); give the others a file: --format sarif=dpg.sarif`,
    );
  return specs;
}
