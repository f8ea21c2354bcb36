/**
 * Findings carry data, not prose (issue 18): an argument is an id, a path, a number, a quote of the
 * checked repository's text or a list of those, and every word of dpg-check's own is in the code's
 * templates (src/findings.ts), where docs/checks.md can show it. This is the rule the tests hold the
 * arguments of real findings to (test/architecture/args-are-data.test.ts over the fixtures, and the
 * indicator tester over every case it runs).
 *
 * A string argument, or an item of a list, is prose when
 * 1. it is a fragment meant to be glued into a sentence: it starts with whitespace or with `;`, `,`,
 *    `:` or `. ` (`'; it resembles MIT (80%)'`, `' Did you mean X?'`, `' in LICENSE'`; a path such as
 *    `.github/` is not one), or it ends with whitespace and is not a quote of the repository (a quote
 *    cut at a length may end in a space); or
 * 2. it is a word of English grammar on its own (`isAre: 'are'`, `says: 'declares'`); or
 * 3. it holds a word of English grammar (an article, a preposition, a conjunction, a negation, a verb
 *    of dpg-check's sentences: GRAMMAR below, matched as a whole word and case-sensitively, so that the
 *    SPDX operators AND and OR are not words) and was not found by the tool: neither the value nor
 *    some piece of it that holds such a word (the value is cut before a final "(label)", as in
 *    "Ministry of Health (owner)", and at "; " and ", ", the separators of a list of names) is in the
 *    checked repository (a file's text or path, with whitespace collapsed; a quote's trailing "…" left
 *    out) or in dpg-check's reference data (data/*.json: the SDG titles, the known proprietary
 *    components and their alternatives).
 *
 * So "the owner", "not stated", "none described beyond the code of conduct" or "the same text as
 * GPL-3.0-only" fail (dpg-check's words), while "GDPR; Data Protection Act of Kenya" (names copied from
 * the manifest), a quoted relevance statement or "17 (Partnerships for the goals)" pass. One-word
 * values (ids, paths, numbers, SPDX expressions without spaces) are data by their shape, unless they
 * are a grammar word. Whether a value is found is a substring search, so a short phrase of dpg-check's
 * that a repository happens to hold ("the owner" in a README) passes: the rule errs on the side of
 * missing prose rather than calling a quote prose.
 *
 * Exempt by name are the arguments that pass on another component's own message, in its words: a
 * parser's or the schema validator's `detail`, the REUSE reader's `problem`, the licence engine's
 * `note` (how it read a declaration) and the `reason` a file could not be read (or a policy author's
 * reason, which is repository text anyway). Their wording belongs to that component, not to the
 * template that quotes it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ArgValue } from '../../src/findings.js';
import { REPO_ROOT } from './cli.js';

/** Arguments that carry another component's message as it worded it (see above). */
export const MESSAGE_ARGS: ReadonlySet<string> = new Set(['detail', 'problem', 'note', 'reason']);

/** Words of English grammar and of dpg-check's sentences: whole words, case-sensitive. */
const GRAMMAR = new Set([
  'a',
  'an',
  'the',
  'is',
  'are',
  'was',
  'be',
  'not',
  'no',
  'none',
  'of',
  'and',
  'or',
  'in',
  'on',
  'at',
  'by',
  'as',
  'to',
  'for',
  'it',
  'its',
  'which',
  'that',
  'with',
  'without',
  'than',
  'Did',
  'did',
  'you',
  'mean',
  'declares',
  'says',
  'resembles',
  'matching',
  'skipping',
  'requiring',
  'described',
  'stated',
  'named',
  'beyond',
]);

/** Text the tool found, whitespace collapsed: where an argument's words may come from. */
export class FoundText {
  private readonly text: string;

  constructor(texts: Iterable<string>) {
    this.text = [...texts, ...referenceData()].map(collapse).join('\n');
  }

  has(piece: string): boolean {
    const wanted = collapse(piece.replace(/…$/, ''));
    return wanted === '' || this.text.includes(wanted);
  }
}

/** The text of every file under a folder (and the paths), as a fixture's found text. */
export function folderTexts(folder: string): string[] {
  const texts: string[] = [];
  const walk = (directory: string, prefix: string): void => {
    for (const name of readdirSync(directory)) {
      const full = path.join(directory, name);
      const relative = prefix === '' ? name : `${prefix}/${name}`;
      texts.push(relative);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(full, relative);
      else if (stat?.isFile() && stat.size < 4 * 1024 * 1024) texts.push(readFileSync(full, 'utf8'));
    }
  };
  walk(folder, '');
  return texts;
}

let dataTexts: string[] | undefined;

/** dpg-check's reference data (data/*.json: SDG titles, known proprietary components, licence lists). */
function referenceData(): string[] {
  const folder = path.join(REPO_ROOT, 'data');
  dataTexts ??= readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .map((name) => readFileSync(path.join(folder, name), 'utf8'));
  return dataTexts;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Why an argument is prose (see the rule above), or undefined when it is data. */
export function proseProblem(name: string, value: ArgValue | undefined, found: FoundText): string | undefined {
  if (value === undefined || typeof value === 'number' || MESSAGE_ARGS.has(name)) return undefined;
  const items = typeof value === 'string' ? [value] : value.filter((item): item is string => typeof item === 'string');
  for (const item of items) {
    if (/^\s/.test(item) || /^[;,:]|^\.\s/.test(item)) return `${name}: ${JSON.stringify(item)} is a fragment of a sentence`;
    if (GRAMMAR.has(item)) return `${name}: ${JSON.stringify(item)} is a word of a sentence`;
    if (found.has(item)) continue;
    if (/\s$/.test(item)) return `${name}: ${JSON.stringify(item)} is a fragment of a sentence`;
    for (const piece of pieces(item)) {
      const grammar = piece.split(/\s+/).find((word) => GRAMMAR.has(word.replace(/^[("'“]+|[)"'”.,;:!?…]+$/g, '')));
      if (grammar !== undefined && !found.has(piece))
        return `${name}: ${JSON.stringify(item)} holds "${grammar}" in words the repository does not have (${JSON.stringify(piece)})`;
    }
  }
  return undefined;
}

/** A value cut where composed lists and labels join found pieces: a final " (label)", then "; " and ", ". */
function pieces(item: string): string[] {
  const label = /^(.+?) \(([^()]+)\)$/.exec(item);
  return (label ? [label[1] as string, label[2] as string] : [item]).flatMap((piece) => piece.split(/; |, /));
}
