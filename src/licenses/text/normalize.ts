/**
 * Licence-text normaliser, after the SPDX License List Matching Guidelines and licensee's
 * ContentHelper. Two texts that are "the same licence" under those guidelines should normalise to
 * the same string; the result is a single line of lower-case words separated by single spaces.
 *
 * The same function normalises the SPDX corpus at build time (scripts/build-license-corpus.js
 * imports the compiled module) and the project's files at run time, so any change here must be
 * followed by a corpus rebuild (test/licenses/text/identify.test.ts checks the corpus is current).
 * It is pure and idempotent: normalize(normalize(x)) === normalize(x).
 *
 * Order matters: markup goes first (HTML, Markdown, URLs, placeholders) so that the line rules
 * (title, version and copyright lines, "END OF TERMS AND CONDITIONS", list markers) see plain
 * lines; then lines are joined and reduced to words, and spelling variants are unified.
 */

import { lineBoundedFinder, replaceSpans } from '../../util/spans.js';

/** Bump when the rules change, so a stale generated corpus can be detected. */
export const NORMALIZER_VERSION = 1;

export function normalizeLicenseText(text: string): string {
  // One pass already yields a fixed point for real texts; iterating guarantees it for contrived
  // ones (e.g. a list marker that hid a copyright line until it was stripped). The output of a
  // pass is one line of words, on which a further pass is cheap and can only remove words.
  let current = normalizeOnce(text);
  for (let guard = 0; guard < 4; guard++) {
    const next = normalizeOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

function normalizeOnce(text: string): string {
  let s = stripInvisible(text);
  s = unifyLineBreaks(s);
  s = decodeHtmlEntities(s);
  s = stripHtmlMarkup(s);
  s = stripMarkdownMarkup(s);
  s = removeUrlsAndEmails(s);
  s = removePlaceholders(s);
  s = stripOptionalPhrases(s);
  let lines = s.split('\n').map((line) => line.trim());
  lines = stripHeader(lines);
  lines = lines.filter((line) => !isCopyrightStatement(line) && !isAllRightsReserved(line));
  lines = stripKnownOptionalParts(lines);
  lines = cutAtEndOfTerms(lines);
  lines = stripListMarkers(lines);
  return canonicalWords(toWords(lines.join('\n'))).join(' ');
}

/** Splits a normalised text into its words (the normalised form has single spaces only). */
export function tokenize(normalized: string): string[] {
  return normalized === '' ? [] : normalized.split(' ');
}

/** The distinct words of a normalised text (licensee's "wordset"). */
export function wordSet(normalized: string): Set<string> {
  return new Set(tokenize(normalized));
}

// ---------------------------------------------------------------------------------------------
// Characters and line breaks

function stripInvisible(s: string): string {
  // BOM and zero-width characters anywhere (a BOM can also follow a concatenation), NUL and other
  // C0/C1 controls except tab and line breaks, soft hyphens.
  return s.replace(/[\uFEFF\u200B-\u200D\u2060\u00AD]/g, '').replace(/[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g, '');
}

function unifyLineBreaks(s: string): string {
  // CRLF, lone CR, Unicode line/paragraph separators, vertical tab and form feed (GNU texts use ^L
  // between sections) all become LF.
  return s.replace(/\r\n?|[\u2028\u2029\u000B\u000C\u0085]/g, '\n');
}

// ---------------------------------------------------------------------------------------------
// HTML

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  copy: '©',
  reg: ' ',
  trade: ' ',
  sect: '§',
  para: ' ',
  middot: ' ',
  bull: '•',
  hellip: '...',
  ndash: '-',
  mdash: '-',
  lsquo: "'",
  rsquo: "'",
  sbquo: "'",
  ldquo: '"',
  rdquo: '"',
  bdquo: '"',
  laquo: '"',
  raquo: '"',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  shy: '',
};

function decodeHtmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

const BLOCK_TAGS = 'p|br|div|h[1-6]|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|pre|hr|blockquote|section|article|header|footer|body|html|main|nav';
const BLOCK_TAG_RE = new RegExp(`<\\/?(?:${BLOCK_TAGS})\\b[^<>]*>`, 'gi');

function stripHtmlMarkup(s: string): string {
  if (!s.includes('<')) return s;
  let t = replaceSpans(s, '<!--', '-->');
  t = removeRawTextElements(t);
  t = removeDeclarationsAndProcessingInstructions(t);
  return (
    t
      // Block elements separate lines, which the title/copyright/list rules rely on.
      .replace(BLOCK_TAG_RE, '\n\n')
      .replace(/<\/?[a-z][\w:-]*(?:\s[^<>]*)?\/?>/gi, ' ')
  );
}

/**
 * `<head>`, `<style>`, `<script>` and `<title>` elements with their content, as
 * /<(head|style|script|title)\b[^<>]*>[\s\S]*?<\/\1\s*>/gi replaced them by a paragraph break, but
 * in linear time: that pattern rescans the rest of the text from every opener that has no closer.
 */
export function removeRawTextElements(s: string): string {
  const opener = /<(head|style|script|title)\b[^<>]*>/gi;
  /** Names with no closer after some opener, hence none after any later one. */
  const unclosed = new Set<string>();
  let out = '';
  let position = 0;
  for (let match = opener.exec(s); match; match = opener.exec(s)) {
    const name = (match[1] ?? '').toLowerCase();
    if (unclosed.has(name)) continue;
    const closer = new RegExp(`<\\/${name}\\s*>`, 'gi');
    closer.lastIndex = opener.lastIndex;
    const closing = closer.exec(s);
    if (!closing) {
      unclosed.add(name);
      continue;
    }
    out += `${s.slice(position, match.index)}\n\n`;
    position = closing.index + closing[0].length;
    opener.lastIndex = position;
  }
  return position === 0 ? s : out + s.slice(position);
}

/**
 * `<!DOCTYPE …>` and `<?xml … ?>`, as /<![^<>]*>|<\?[\s\S]*?\?>/g removed them. That pattern is
 * quadratic only where a `<?` has no `?>` after it, which is past the last `?>`; beyond that point
 * the second alternative cannot match, so only the first (linear) one is applied there.
 */
export function removeDeclarationsAndProcessingInstructions(s: string): string {
  const last = s.lastIndexOf('?>');
  const cut = last === -1 ? 0 : last + 2;
  // No match crosses the cut: a declaration holds no ">" but its last, and the cut follows a ">".
  return s.slice(0, cut).replace(/<![^<>]*>|<\?[\s\S]*?\?>/g, ' ') + s.slice(cut).replace(/<![^<>]*>/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// Markdown

function stripMarkdownMarkup(s: string): string {
  // Every rule below needs one of these characters; normalised text has none (cheap second pass).
  if (!/[\\`~[\]#>=*_|+-]/.test(s)) return s;
  let t = s
    // Backslash escapes (\*, \[, \_ ...) would otherwise hide the markup they escape.
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1')
    // Code fences: drop the fence lines, keep the content.
    .replace(/^[ \t]*(?:```|~~~).*$/gm, '')
    // Reference-style link definitions: "[1]: https://..."
    .replace(/^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$/gm, '');
  // Images and inline links keep their text; reference links keep their text.
  t = replaceLinks(replaceLinks(t, 'inline'), 'reference');
  t = t
    // ATX headings, blockquotes. A closing run of #s is looked for only from the first blank of a
    // run (the lookbehind): from every blank, the search would be quadratic in a run of blanks.
    .replace(/^[ \t]*#{1,6}(?=[ \t]|$)/gm, '')
    .replace(/(?<![ \t])[ \t]+#+[ \t]*$/gm, '')
    .replace(/^[ \t]*(?:>[ \t]?)+/gm, '')
    // Horizontal rules and setext underlines become blank lines (paragraph breaks).
    .replace(/^[ \t]*(?:[=\-*_~+#][ \t]*){3,}$/gm, '');
  if (t.includes('*') || t.includes('|')) t = unboxLines(t);
  return (
    t
      // Emphasis (*x*, **x**, _x_, ~~x~~) around words; a bullet "* " is followed by a space, so stays.
      .replace(/(^|[\s([{"'“‘])(?:[*_]{1,3}|~~)(?=[^\s*_~])/gm, '$1')
      .replace(/([^\s*_~])(?:[*_]{1,3}|~~)(?=$|[\s)\]}.,;:!?"'”’])/gm, '$1')
  );
}

/**
 * Markdown links replaced by their text, exactly as /!?\[([^\]\n]*)\]\([^)\n]*\)/g ("inline") and
 * /!?\[([^\]\n]+)\]\[[^\]\n]*\]/g ("reference") replaced them by '$1', in linear time: those
 * patterns rescan the rest of the line from every "[", minutes for 512 KiB of "[".
 */
export function replaceLinks(s: string, kind: 'inline' | 'reference'): string {
  const [targetOpen, targetClose] = kind === 'inline' ? ['(', ')'] : ['[', ']'];
  const textEnd = lineBoundedFinder(s, ']');
  const targetEnd = kind === 'inline' ? lineBoundedFinder(s, ')') : textEnd;
  let out = '';
  let position = 0;
  for (let start = s.indexOf('['); start !== -1; ) {
    const end = textEnd(start + 1);
    // No "]" or line break after this "[", so none after any later one.
    if (end === -1) break;
    const textOk = s[end] === ']' && (kind === 'inline' || end > start + 1);
    const target = textOk && s[end + 1] === targetOpen ? targetEnd(end + 2) : -1;
    if (target !== -1 && s[target] === targetClose) {
      const from = s[start - 1] === '!' ? start - 1 : start;
      out += s.slice(position, from) + s.slice(start + 1, end);
      position = target + 1;
      start = s.indexOf('[', position);
    } else {
      // Every "[" before `end` ends its text there too, and fails the same way.
      start = s.indexOf('[', end + 1);
    }
  }
  return position === 0 ? s : out + s.slice(position);
}

/** unbox on every line, lines split as a multiline pattern splits them (an entity decoded earlier may have added \r or U+2028). */
export function unboxLines(s: string): string {
  return s
    .split(/([\n\r\u2028\u2029])/)
    .map((part, index) => (index % 2 === 0 ? unbox(part) : part))
    .join('');
}

/**
 * Boxed text ("*  6. Disclaimer of Warranty  *" in the MPL) loses its borders: what
 * /^[ \t]*[*|][ \t]?(.*?)[ \t]*[*|][ \t]*$/ replaced by '$1', without its quadratic backtracking
 * on a line of blanks between the borders.
 */
function unbox(line: string): string {
  const boxed = trimBlanks(line);
  if (boxed.length < 2 || !isBorder(boxed[0]) || !isBorder(boxed[boxed.length - 1])) return line;
  const inside = boxed.slice(1, -1);
  return trimBlanks(inside[0] === ' ' || inside[0] === '\t' ? inside.slice(1) : inside, 'end');
}

function isBorder(char: string | undefined): boolean {
  return char === '*' || char === '|';
}

/** Strips spaces and tabs (only: other blanks are text to the rules above). */
function trimBlanks(s: string, ends: 'both' | 'end' = 'both'): string {
  let start = 0;
  let end = s.length;
  while (ends === 'both' && start < end && (s[start] === ' ' || s[start] === '\t')) start++;
  while (end > start && (s[end - 1] === ' ' || s[end - 1] === '\t')) end--;
  return s.slice(start, end);
}

// ---------------------------------------------------------------------------------------------
// URLs, e-mail addresses, template placeholders

function removeUrlsAndEmails(s: string): string {
  // Licences are identified by their words; whether a URL is http or https, or present at all
  // (Markdown renderings turn them into links), should not matter.
  if (!s.includes('.')) return s;
  let t = s.replace(/\b(?:https?|ftp):\/\/[^\s<>"')\]]*/gi, ' ').replace(/\bwww\.[^\s<>"')\]]+/gi, ' ');
  // Scheme-less links such as wiki.creativecommons.org/Considerations_for_licensors.
  t = t.replace(/(?<![\w@.-])(?:[a-z0-9-]+\.)+(?:org|com|net|edu|gov|io|eu|int)(?:\/[^\s<>"')\]]*)?(?![\w-])/gi, ' ');
  return t.includes('@') ? removeEmails(t) : t;
}

const EMAIL_LOCAL_CHAR = /[\w.+-]/;
const EMAIL_DOMAIN = /[\w-]+(?:\.[\w-]+)+/y;

/**
 * E-mail addresses replaced by a space, exactly as /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g replaced them, in
 * linear time: that pattern retries from every character of a long run before an "@" that does not
 * start an address ("." repeated, then "@": quadratic). An address is the run of local-part
 * characters before an "@" (not reaching back into the previous address) and a domain after it.
 */
export function removeEmails(s: string): string {
  let out = '';
  let position = 0;
  for (let at = s.indexOf('@'); at !== -1; at = s.indexOf('@', at + 1)) {
    let start = at;
    while (start > position && EMAIL_LOCAL_CHAR.test(s[start - 1] ?? '')) start--;
    if (start === at) continue;
    EMAIL_DOMAIN.lastIndex = at + 1;
    if (!EMAIL_DOMAIN.exec(s)) continue;
    out += `${s.slice(position, start)} `;
    position = EMAIL_DOMAIN.lastIndex;
    at = position - 1;
  }
  return position === 0 ? s : out + s.slice(position);
}

function removePlaceholders(s: string): string {
  // Template fields such as <year>, <copyright holders>, [yyyy], [name of copyright owner],
  // <https://fsf.org/> left empty by URL removal, and any HTML tag that survived.
  return s.replace(/<[^<>\n]{0,80}>/g, ' ').replace(/\[[^[\]\n]{0,80}\]/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// Header: title, version line, copyright statements

// "Copyright", "©", or "(c)" before a year: a bare "(c)" at the start of a line is a list item.
const COPYRIGHT_MARK = /^[^\p{L}\p{N}(©]*(?:copyright(?![\p{L}\p{N}])|©|\(c\)\s*\d)/iu;
const MAX_TITLE_WORDS = 16;
// Titles name a licence, or are Creative Commons titles ("CC0 1.0 Universal",
// "Attribution-NoDerivatives 4.0 International"), which SPDX texts and real files word differently.
const TITLE_WORDS = /licen[cs]e|creative commons|\d\.\d\s+(?:international|universal|unported|generic)/i;
const MAX_TITLE_LINES = 2;
/** Longer lines are prose that happens to start with "Copyright", not a notice. */
const MAX_COPYRIGHT_WORDS = 30;

function wordCount(line: string): number {
  return line.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** A copyright statement that can be dropped anywhere: it names a year or uses © / (c). */
function isCopyrightStatement(line: string): boolean {
  if (!COPYRIGHT_MARK.test(line) || wordCount(line) > MAX_COPYRIGHT_WORDS) return false;
  const rest = line.replace(COPYRIGHT_MARK, '');
  // "Copyright" followed only by punctuation is what remains of "Copyright [yyyy] [owner]".
  return /©|\(c\)|(?<!\d)\d{4}(?!\d)/i.test(line) || !/[\p{L}\p{N}]/u.test(rest);
}

function isAllRightsReserved(line: string): boolean {
  return /^[^\p{L}]*all rights reserved[^\p{L}]*$/iu.test(line);
}

/** In the header any line that starts with a copyright mark is a notice ("Copyright Ben Balter"). */
function isHeaderCopyright(line: string): boolean {
  return (COPYRIGHT_MARK.test(line) || /©|copyright \(c\)|\(c\)\s*\d/i.test(line)) && wordCount(line) <= MAX_COPYRIGHT_WORDS;
}

function isVersionLine(line: string): boolean {
  return /^[^\p{L}\p{N}]*(?:version|v\.?|rev(?:ision)?\.?)\s*\d/iu.test(line) && wordCount(line) <= 8;
}

function isSpdxTag(line: string): boolean {
  return /^\W*spdx-license-identifier\s*:/i.test(line);
}

function isTitle(lines: readonly string[], index: number): boolean {
  const line = lines[index] ?? '';
  // A line ending like a sentence or clause is prose, not a title.
  if (!TITLE_WORDS.test(line) || /[.,;:]$/.test(line)) return false;
  if (wordCount(line) > MAX_TITLE_WORDS) return false;
  // A title stands apart: the next line is blank or a version/copyright line. This keeps the
  // first wrapped line of a body sentence ("This license applies to all files") in place.
  const next = lines[index + 1];
  if (next === undefined) return false;
  if (!(next === '' || isVersionLine(next) || isHeaderCopyright(next))) return false;
  return lines.slice(index + 1).some((l) => l !== '');
}

/**
 * Drops the leading title, version and copyright lines, in any order (licensee strips title,
 * version, copyright, then title again). Stops at the first line that is none of them.
 */
function stripHeader(lines: string[]): string[] {
  // Only lines followed by more content count as header: a text that is nothing but one line is
  // left to the other rules (and a normalised text, which is one line, is left alone).
  let lastContent = lines.length - 1;
  while (lastContent >= 0 && lines[lastContent] === '') lastContent--;
  let i = 0;
  let titles = 0;
  let inCopyright = false;
  while (i < lastContent) {
    const line = lines[i] ?? '';
    if (line === '') {
      inCopyright = false;
      i++;
    } else if (isHeaderCopyright(line) || isAllRightsReserved(line) || isSpdxTag(line)) {
      inCopyright = true;
      i++;
    } else if (inCopyright && isCopyrightContinuation(lines[i - 1] ?? '', line)) {
      i++;
    } else if (isVersionLine(line)) {
      i++;
    } else if (titles < MAX_TITLE_LINES && isTitle(lines, i)) {
      titles++;
      i++;
    } else {
      break;
    }
  }
  return lines.slice(i);
}

/** "Copyright (c) 2016 by X and Y\nand Z (see AUTHORS)" – the holder list wraps onto more lines. */
function isCopyrightContinuation(previous: string, line: string): boolean {
  // A holder list wraps ("and ...", "..., "), or a postal address follows (starts with a number).
  return /^(?:and(?!\p{L})|&|,|\d)/iu.test(line) || /(?:,|\band|&|\bby)$/i.test(previous);
}

// ---------------------------------------------------------------------------------------------
// Optional boilerplate, end of terms, list markers

/**
 * Sentences that SPDX templates mark optional or that licensee ignores, dropped from every text:
 * the CC dedication note under CC 4.0 licences and the MIT variant's "(including the next
 * paragraph)".
 */
function stripOptionalPhrases(s: string): string {
  return (
    s
      .replace(
        /the\s+text\s+of\s+the\s+creative\s+commons\s+public\s+licenses\s+is\s+dedicated\s+to\s+the\s+public\s+domain\s+under\s+the\s+cc0\s+public\s+domain\s+dedication\.?/gi,
        ' ',
      )
      .replace(/\(\s*including\s+the\s+next\s+paragraph\s*\)/gi, ' ')
      // The disclaimer above CC0 and the CC 1.0-3.0 licences ("CREATIVE COMMONS CORPORATION IS NOT
      // A LAW FIRM ... DISCLAIMS LIABILITY FOR DAMAGES RESULTING FROM ITS USE.").
      .replace(
        /creative\s+commons\s+corporation\s+is\s+not\s+a\s+law\s+firm\s+and\s+does\s+not\s+provide\s+legal\s+services[\s\S]{0,800}?disclaims\s+liability\s+for\s+damages\s+resulting\s+from\s+(?:its\s+use|the\s+use\s+of\s+this\s+document\s+or\s+the\s+information\s+or\s+works\s+provided\s+hereunder)\.?/gi,
        ' ',
      )
  );
}

/**
 * Lines that SPDX templates mark optional and that real files often omit (licensee strips the
 * same): the "Creative Commons Legal Code" heading, and the Unlicense's and CC0's pointer to more
 * information once its URL is gone. Dropped from every text so that either form compares equal.
 */
function stripKnownOptionalParts(lines: string[]): string[] {
  return lines.filter((line) => !/^creative commons legal code$/i.test(line) && !/^for more information,? please (?:refer to|see)\W*$/i.test(line));
}

/** GPL, LGPL, Apache... : everything after "END OF TERMS AND CONDITIONS" is "how to apply" advice. */
function cutAtEndOfTerms(lines: string[]): string[] {
  const index = lines.findIndex((line) => /^[^\p{L}]*end of (?:the )?terms and conditions(?!\p{L})/iu.test(line) && wordCount(line) <= 10);
  if (index <= 0 || !lines.slice(0, index).some((l) => l !== '')) return lines;
  return lines.slice(0, index);
}

// Bullets and numbering at the start of a line. Always a list marker: "*", "-", "•", "(a)", "a)",
// "(iv)", "1)", "(1)", "§ 3", and "1.Definitions" (EUPL). Only after a blank line or the end of a
// sentence: "1.", "1.2.", "1.2", "iv.", "a.", which also start a line when a sentence merely wraps
// ("... added under section\n7.  This requirement", "... Section\n2.1 of").
const LIST_MARKER = /^(?:[*\-+•·▪◦‣](?=\s)|§+\s*\d+(?:\.\d+)*\.?|\((?:\d{1,3}|[a-z]|[ivxl]{1,6})\)|(?:\d{1,3}|[a-z]|[ivxl]{1,6})\))\s*/i;
const NUMBER_GLUED_TO_HEADING = /^\d{1,3}(?:\.\d{1,3})*\.(?=[A-Z])/;
const LIST_MARKER_AFTER_BREAK = /^(?:(?:\d{1,3}|[ivxl]{1,6}|[a-z])(?:\.\d{1,3})*\.|\d{1,3}(?:\.\d{1,3})+)(?=\s|$)\s*/i;

function stripListMarkers(lines: string[]): string[] {
  return lines.map((line, index) => {
    const previous = index === 0 ? '' : (lines[index - 1] ?? '');
    const afterBreak = previous === '' || /[.:;!?)"'”’]$/.test(previous);
    let current = line;
    for (let guard = 0; guard < 4; guard++) {
      let next = current.replace(LIST_MARKER, '').replace(NUMBER_GLUED_TO_HEADING, '');
      if (afterBreak) next = next.replace(LIST_MARKER_AFTER_BREAK, '');
      if (next === current) break;
      current = next;
    }
    return current;
  });
}

// ---------------------------------------------------------------------------------------------
// Words

function toWords(s: string): string[] {
  // Already words (a second pass over normalised text): nothing below would change them.
  if (/^[a-z0-9 ]*$/.test(s)) return s.split(' ').filter((w) => w !== '');
  let t = s;
  // Enumerators in running text ("(i) the power ...; (ii) ownership", "... and b) the") and "(c)"
  // are not words; list items that a reformatting joined into one paragraph become such text.
  t = t.replace(/\((?:[a-z]|[ivx]{1,5}|\d{1,2})\)/gi, ' ');
  t = t.replace(/(?<=^|\s)(?:[a-z]|[ivx]{1,5}|\d{1,2})\)(?=\s)/gim, ' ');
  t = t.replace(/&/g, ' and ');
  // Apostrophes join ("licensor's" -> "licensors", "don't" -> "dont"); other quotes vanish too.
  t = t.replace(/['`‘’‛′´]/g, '');
  // Non-ASCII runs are folded on their own (Unicode regexes over a whole licence are slow); what
  // remains non-ASCII afterwards is a letter or digit. Then everything that is not a letter or digit
  // separates words: punctuation, dashes, quotes, markup.
  t = t.replace(/[^\x00-\x7F]+/g, (run) => foldCase(run).replace(/[^\p{L}\p{N}]+/gu, ' '));
  t = t.toLowerCase().replace(/[^a-z0-9\u0080-\uFFFF]+/g, ' ');
  return t.split(' ').filter((w) => w !== '');
}

function foldCase(s: string): string {
  // Fold case and drop diacritics (NFKD then strip marks); repeat until stable so that the result
  // is a fixed point (a few characters decompose into forms that lower-case differently).
  let current = s;
  for (let guard = 0; guard < 4; guard++) {
    const next = current.normalize('NFKD').toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Spelling variants (SPDX equivalent words list plus inflections), mapped to one form. */
const VARIANTS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    acknowledgment: 'acknowledgement',
    acknowledgments: 'acknowledgements',
    analogue: 'analog',
    analyse: 'analyze',
    analysed: 'analyzed',
    analysing: 'analyzing',
    artefact: 'artifact',
    artefacts: 'artifacts',
    authorisation: 'authorization',
    authorisations: 'authorizations',
    authorise: 'authorize',
    authorised: 'authorized',
    authorises: 'authorizes',
    authorising: 'authorizing',
    behaviour: 'behavior',
    calibre: 'caliber',
    cancelled: 'canceled',
    cancelling: 'canceling',
    capitalisations: 'capitalizations',
    catalogue: 'catalog',
    categorise: 'categorize',
    centre: 'center',
    colour: 'color',
    defence: 'defense',
    emphasised: 'emphasized',
    endeavour: 'endeavor',
    favour: 'favor',
    favourite: 'favorite',
    fulfil: 'fulfill',
    fulfils: 'fulfills',
    fulfilment: 'fulfillment',
    honour: 'honor',
    initialise: 'initialize',
    judgment: 'judgement',
    judgments: 'judgements',
    labelled: 'labeled',
    labelling: 'labeling',
    labour: 'labor',
    maximise: 'maximize',
    modelled: 'modeled',
    modelling: 'modeling',
    offence: 'offense',
    offences: 'offenses',
    optimise: 'optimize',
    organisation: 'organization',
    organisations: 'organizations',
    organise: 'organize',
    organised: 'organized',
    practise: 'practice',
    programme: 'program',
    programmes: 'programs',
    realise: 'realize',
    recognise: 'recognize',
    recognised: 'recognized',
    signalling: 'signaling',
    utilisation: 'utilization',
    whilst: 'while',
    wilful: 'willful',
    wilfull: 'willful',
    wilfully: 'willfully',
  }),
);

/** Prefixes written joined, hyphenated or apart: "non-commercial", "sub license", "e-mail". */
const JOINED_PREFIXES: ReadonlySet<string> = new Set(['non', 'sub', 'e']);

function canonicalWord(word: string): string {
  // licence, licences, licenced, licencee, licencing, sublicence ... -> licens...
  const w = word.includes('licenc') ? word.replace(/licenc/g, 'licens') : word;
  return VARIANTS.get(w) ?? w;
}

function canonicalWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = canonicalWord(words[i] ?? '');
    const next = words[i + 1];
    if (next !== undefined && JOINED_PREFIXES.has(word) && /^\p{L}/u.test(next) && (word !== 'e' || next === 'mail')) {
      out.push(word + canonicalWord(next));
      i++;
    } else if (word === 'per' && next === 'cent') {
      out.push('percent');
      i++;
    } else if ((word === 'owner' || word === 'owners') && out[out.length - 1] === 'copyright') {
      // SPDX: "copyright owner" and "copyright holder" are equivalent.
      out.push(word === 'owner' ? 'holder' : 'holders');
    } else {
      out.push(word);
    }
  }
  return out;
}
