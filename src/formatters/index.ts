import { assertReport } from '../report/assert.js';
import type { Formatter } from './types.js';

/** Every report format, by the name `--format` takes. Each loads only when asked for. */
export const FORMAT_NAMES = ['text', 'json', 'markdown', 'sarif', 'junit', 'gitlab', 'badge', 'html'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export async function loadFormatter(name: FormatName): Promise<Formatter> {
  return checkedFormatter(name, await loadUnchecked(name));
}

/** A formatter that refuses anything but a report (a UsageError), as the library's callers need. */
export function checkedFormatter(name: string, format: Formatter): Formatter {
  return (report, options) => {
    assertReport(report, `format ${name}`);
    return format(report, options ?? { color: false });
  };
}

async function loadUnchecked(name: FormatName): Promise<Formatter> {
  switch (name) {
    case 'text':
      return (await import('./text.js')).formatText;
    case 'json':
      return (await import('./json.js')).formatJson;
    case 'markdown':
      return (await import('./markdown.js')).formatMarkdown;
    case 'sarif':
      return (await import('./sarif.js')).formatSarif;
    case 'junit':
      return (await import('./junit.js')).formatJUnit;
    case 'gitlab':
      return (await import('./gitlab.js')).formatGitLab;
    case 'badge':
      return (await import('./badge.js')).formatBadge;
    case 'html':
      return (await import('./html.js')).formatHtml;
  }
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
    // `md` as the audit's summaries call it.
    const name = written === 'md' ? 'markdown' : written;
    const file = equals === -1 ? undefined : value.slice(equals + 1);
    if (!(FORMAT_NAMES as readonly string[]).includes(name)) throw new Error(`unknown format "${name}"; choose from ${FORMAT_NAMES.join(', ')}`);
    if (file !== undefined && file.trim() === '') throw new Error(`--format ${name}= needs a file name after "="`);
    return { format: name as FormatName, ...(file !== undefined ? { file } : {}) };
  });
  const toStdout = specs.filter((spec) => spec.file === undefined);
  if (toStdout.length > 1) throw new Error(`only one format can go to standard output (got ${toStdout.map((spec) => spec.format).join(', ')}); give the others a file: --format sarif=dpg.sarif`);
  return specs;
}
