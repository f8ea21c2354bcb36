import { licenseFromName, licenseFromUrl, type NamedLicense } from './names.js';

/**
 * Licence *notices*: short texts that say which licence applies without being the licence. They are
 * recognised as what they are instead of being matched (and failing to match) as licence texts.
 */
export interface Notice {
  /** The SPDX id the notice grants, or undefined when it only points elsewhere (the CRAN stub). */
  spdx?: string;
  kind: 'apache-notice' | 'gnu-notice' | 'cran-stub';
  /** The sentence the decision rests on. */
  excerpt: string;
  /** Where the excerpt starts in the text. */
  index?: number;
}

/**
 * CRAN's two-line LICENSE file: "YEAR: 2017 / COPYRIGHT HOLDER: Jane Doe". It means "see DESCRIPTION".
 * Matched on the trimmed text, so that no part of the pattern competes for the same blanks (the
 * untrimmed /…\S.*\s*$/ was quadratic in a run of blanks followed by more text).
 */
const CRAN_STUB = /^YEAR:\s*\S[^\r\n]*\r?\n\s*COPYRIGHT HOLDER:\s*\S[^\r\n]*$/i;

const APACHE_NOTICE = /(?:Licensed|licenses\s+this\s+file\s+to\s+you)\s+under\s+the\s+Apache\s+License,?\s+Version\s+2\.0/i;

/**
 * The GNU "how to apply" paragraph. GPL-3.0 and AGPL-3.0 write "Foundation, either version 3";
 * GPL-2.0 and LGPL-2.1 write "Foundation; either version 2".
 */
const GNU_NOTICE = new RegExp(
  String.raw`under the terms of the GNU (Lesser |Library |Affero )?General Public License as published by the Free Software Foundation[,;]? (?:either )?version ([123](?:\.\d)?)(?: of the License)?(,? or \(at your option\) any later version)?`.replace(
    / /g,
    '\\s+',
  ),
  'i',
);

/** "under the terms of the GNU General Public License version 3 as published by the Free Software Foundation": that version only. */
const GNU_NOTICE_ONE_VERSION = new RegExp(
  String.raw`under the terms of the GNU (Lesser |Library |Affero )?General Public License,? version ([123](?:\.\d)?),? as published by the Free Software Foundation`.replace(
    / /g,
    '\\s+',
  ),
  'i',
);

export function stubNotice(text: string): Notice | undefined {
  if (!/^\s*YEAR:/i.test(text)) return undefined;
  const trimmed = text.trim();
  return CRAN_STUB.test(trimmed) ? { kind: 'cran-stub', excerpt: trimmed.split(/\r?\n/)[0] ?? '' } : undefined;
}

/** A GNU or Apache notice in a text (a README, a NOTICE file, a source header). */
export function licenseNotice(text: string): Notice | undefined {
  const gnu = GNU_NOTICE.exec(text);
  const oneVersion = gnu ? undefined : GNU_NOTICE_ONE_VERSION.exec(text);
  const found = gnu ?? oneVersion;
  if (found) {
    const family = found[1]?.trim().toLowerCase() === 'affero' ? 'AGPL' : found[1] ? 'LGPL' : 'GPL';
    const version = (found[2] ?? '').includes('.') ? (found[2] as string) : `${found[2]}.0`;
    const later = gnu?.[3] !== undefined;
    return { kind: 'gnu-notice', spdx: `${family}-${version}-${later ? 'or-later' : 'only'}`, excerpt: found[0].replace(/\s+/g, ' '), index: found.index };
  }
  const apache = APACHE_NOTICE.exec(text);
  if (apache) return { kind: 'apache-notice', spdx: 'Apache-2.0', excerpt: apache[0], index: apache.index };
  return undefined;
}

/**
 * The title of a GNU licence text with its version line ("GNU AFFERO GENERAL PUBLIC LICENSE /
 * Version 3, 19 November 2007"): where the text proper starts in a file that opens with a notice.
 */
const GNU_TITLE = /GNU\s+(?:AFFERO\s+|LESSER\s+|LIBRARY\s+)?GENERAL\s+PUBLIC\s+LICEN[CS]E[\s*#_]*Version\s+\d(?:\.\d)?,\s+\w/i;

/**
 * A GNU licence text that opens with the project's own "how to apply" notice (GlobaLeaks' LICENSE:
 * the notice, a rule, then the AGPL): the notice and the text after it, when the notice comes
 * before the licence's title. The notice inside the text's own appendix is a template, not a grant,
 * which is why it must come first.
 */
export function leadingGnuNotice(text: string): { notice: Notice; rest: string } | undefined {
  const notice = licenseNotice(text.slice(0, 4000));
  if (notice?.kind !== 'gnu-notice' || notice.index === undefined) return undefined;
  const after = notice.index + notice.excerpt.length;
  const title = GNU_TITLE.exec(text.slice(after));
  if (!title) return undefined;
  return { notice, rest: text.slice(after + title.index) };
}

/** A licence named by a sentence, a badge or a link, with where it is and what part it covers. */
export interface LicenseReference {
  named: NamedLicense;
  kind: 'statement' | 'badge' | 'link';
  excerpt: string;
  index: number;
  /** The part of the project it is about, when the sentence names one: software, content or data. */
  covers?: 'software' | 'content' | 'data';
  /** The words naming that part, as written ("Mulberry Symbols"), when they name a part. */
  part?: string;
}

export interface ReferenceOptions {
  /**
   * Whether the text is about the project's licence (a README's licence section, a licence file):
   * sentences about a part, and bare links to licence pages, are read only there. Elsewhere a
   * sentence about "Leaflet, which is released under…" is someone else's licence.
   */
  aboutLicence: boolean;
}

/**
 * At most this many sentences (and "License:" lines) and this many addresses and links are looked at
 * in one text: real READMEs have a few sentences about licences and a few dozen links, and each look
 * reads a bounded window, so that a hostile text costs time in proportion to its length.
 */
const MAX_SENTENCES = 64;
const MAX_LINKS = 500;

/** "licensed under", "released under", "is under"… followed by the licence's name. */
const UNDER = /\b(?:licen[cs]ed|released|distributed|available|published|provided|offered|is|are)\s+under\b/gi;
/** The verbs that grant a licence: what follows them is a licence even when it is not recognised. */
const GRANTING = /^(?:licen[cs]ed|released|distributed)/i;
/** "MIT licensed", "[Apache-2.0 licensed](LICENSE)". */
const LICENSED_WORD = /\blicen[cs]ed\b/gi;
/** Addresses in text, Markdown and HTML. */
const URL = /\b(?:https?:\/\/|www\.)[^\s<>()"'`[\]|]{1,300}/gi;
/** "License: MIT" on a line of its own (bold or not). */
const LICENSE_LINE = /^[ \t>*_-]{0,8}licen[cs]e[*_]{0,2}[ \t]{0,8}:[*_ \t]{0,8}(\S.{0,200})$/i;

/**
 * Licences named in a text: "licensed under the MIT License", "This project is licensed under the
 * terms of the GNU AGPLv3", "MIT licensed", "License: Apache 2.0", a shields.io licence badge, and
 * (about a licence only) a link to a licence page or a link whose label is a licence's name.
 */
export function licenseReferences(text: string, options: ReferenceOptions): { references: LicenseReference[]; unnamed: number } {
  const references: LicenseReference[] = [];
  let unnamed = 0;
  let sentences = MAX_SENTENCES;
  let links = MAX_LINKS;
  for (const match of text.matchAll(UNDER)) {
    if (sentences-- <= 0) break;
    const start = match.index;
    const subject = subjectBefore(text, start);
    if (!options.aboutLicence && !aboutProject(subject)) continue;
    const named = nameAfter(text, start + match[0].length);
    if (!named) {
      // "distributed under the terms of the Healthcare Disclaimer": a grant of something unnamed.
      if (GRANTING.test(match[0])) unnamed++;
      continue;
    }
    references.push({
      named: named.license,
      kind: 'statement',
      excerpt: clean(text.slice(start, start + match[0].length + named.length)),
      index: start,
      ...coverage(subject),
    });
  }
  for (const match of text.matchAll(LICENSED_WORD)) {
    if (sentences-- <= 0) break;
    if (/^\s+under\b/i.test(text.slice(match.index + match[0].length, match.index + match[0].length + 8))) continue;
    const named = nameBefore(text, match.index);
    if (!named) continue;
    const subject = subjectBefore(text, match.index - named.length);
    if (!options.aboutLicence && !aboutProject(subject)) continue;
    references.push({
      named: named.license,
      kind: 'statement',
      excerpt: clean(text.slice(match.index - named.length, match.index + match[0].length)),
      index: match.index - named.length,
      ...coverage(subject),
    });
  }
  if (options.aboutLicence) references.push(...licenseLines(text, () => sentences-- > 0));
  for (const match of text.matchAll(URL)) {
    if (links-- <= 0) break;
    const badge = badgeLicense(match[0]);
    if (badge) {
      references.push({ named: badge, kind: 'badge', excerpt: match[0], index: match.index });
      continue;
    }
    const linked = options.aboutLicence ? licenseFromUrl(match[0]) : undefined;
    if (linked) references.push({ named: linked, kind: 'link', excerpt: match[0], index: match.index, ...coverage(subjectBefore(text, match.index), true) });
  }
  if (options.aboutLicence) references.push(...labelledLinks(text, () => links-- > 0));
  return { references: dedupe(references.sort((a, b) => a.index - b.index)), unnamed };
}

/**
 * A licence section that opens with the licence's name: "MIT", "MIT © Jane Doe", "Apache 2.0, see
 * LICENSE." (the most common README licence section of all). The name must start the first line and
 * be followed by nothing or by a copyright, a dash or "see".
 */
export function licenseAtStart(body: string): LicenseReference | undefined {
  const start = body.search(/\S/);
  if (start === -1) return undefined;
  const end = body.indexOf('\n', start);
  const line = body.slice(start, end === -1 ? Math.min(body.length, start + 200) : Math.min(end, start + 200));
  const words = flattenLinks(line)
    .text.replace(/^[*_]+|[*_]+$/g, '')
    .split(/\s+/)
    .filter(Boolean);
  const named = longestName(words, 0);
  const next = (words[named?.words ?? 0] ?? '').toLowerCase();
  if (!named || (next !== '' && !/^(?:©|\(c\)|copyright|[-–—]|see)/.test(next))) return undefined;
  return { named: named.license, kind: 'statement', excerpt: clean(line), index: start };
}

/** "License: MIT", "**Licence:** [Apache 2.0](LICENSE)". */
function licenseLines(text: string, more: () => boolean): LicenseReference[] {
  const found: LicenseReference[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    // Only a line that starts with the word is tested: the pattern is anchored and bounded.
    if (end - start <= 240 && /^[ \t>*_-]{0,8}licen[cs]e/i.test(text.slice(start, start + 20))) {
      if (!more()) break;
      const line = LICENSE_LINE.exec(text.slice(start, end).replace(/\r$/, ''));
      const named = line?.[1] ? longestName(flattenLinks(line[1]).text.split(/\s+/), 0) : undefined;
      if (named) found.push({ named: named.license, kind: 'statement', excerpt: clean(text.slice(start, end)), index: start });
    }
    start = end + 1;
  }
  return found;
}

/** Markdown links whose label is a licence's name: "[GPLv3](LICENSE.txt)", "[MIT](LICENSE)". */
function labelledLinks(text: string, more: () => boolean): LicenseReference[] {
  const found: LicenseReference[] = [];
  let position = 0;
  for (;;) {
    const close = text.indexOf('](', position);
    if (close === -1 || !more()) break;
    // The label is on the same line, at most 80 characters back (a bounded look back keeps this linear).
    const back = Math.max(0, close - 80);
    const bracket = text.slice(back, close).lastIndexOf('[');
    const open = bracket === -1 ? -1 : back + bracket;
    position = close + 2;
    if (open === -1 || text.slice(open, close).includes('\n')) continue;
    const named = licenseFromName(text.slice(open + 1, close));
    if (named)
      found.push({
        named,
        kind: 'link',
        excerpt: clean(text.slice(open, Math.min(text.length, close + 2 + 80)).replace(/\).*$/s, ')')),
        index: open,
        ...coverage(subjectBefore(text, open), true),
      });
  }
  return found;
}

/** One reference per licence and part: the same licence stated twice (a sentence and its link) is one. */
function dedupe(references: LicenseReference[]): LicenseReference[] {
  const seen = new Set<string>();
  return references.filter((reference) => {
    const key = `${reference.named.spdx}|${reference.covers ?? reference.part ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The licence named right after a trigger ("the terms of the GNU AGPLv3."), and how many characters it took. */
function nameAfter(text: string, from: number): { license: NamedLicense; length: number } | undefined {
  let window = text.slice(from, from + 300);
  const paragraph = window.search(/\n\s*\n/);
  if (paragraph !== -1) window = window.slice(0, paragraph);
  const flat = flattenLinks(window);
  const words = flat.text.split(/\s+/).filter(Boolean);
  let skip = 0;
  while (skip < words.length && skip < 8 && LEADING_FILLER.has((words[skip] as string).toLowerCase())) skip++;
  const named = longestName(words, skip);
  if (named) return { license: named.license, length: Math.min(window.length, approximateLength(window, named.words + skip)) };
  // "licensed under [these terms](https://opensource.org/licenses/MIT)": the address names it.
  const linked = flat.urls.map(licenseFromUrl).find((license) => license !== undefined);
  return linked && flat.urls.length === 1 ? { license: linked, length: window.length } : undefined;
}

/** Words between the trigger and the name: "under the terms of the", "under an open-source". */
const LEADING_FILLER = new Set([
  'the',
  'a',
  'an',
  'terms',
  'and',
  'conditions',
  'of',
  'open',
  'source',
  'open-source',
  'free',
  'permissive',
  'following',
  'copyleft',
  'same',
]);

/** The name before "licensed" ("MIT licensed", "[Apache-2.0 licensed](LICENSE)"). */
function nameBefore(text: string, at: number): { license: NamedLicense; length: number } | undefined {
  const window = text.slice(Math.max(0, at - 60), at);
  const words = window.split(/\s+/).map((word) => word.replace(/^[[(*_"]+/, ''));
  // The longest run of words just before "licensed" that is a licence's name.
  for (let count = Math.min(5, words.length); count >= 1; count--) {
    const candidate = words
      .slice(words.length - count)
      .join(' ')
      .trim();
    const license = candidate === '' ? undefined : licenseFromName(candidate);
    if (license) return { license, length: window.length - window.lastIndexOf(candidate.split(' ')[0] as string) };
  }
  return undefined;
}

/** The longest run of words from `skip` that is a licence's name, with "X or Y" as a choice. */
function longestName(words: readonly string[], skip: number): { license: NamedLicense; words: number } | undefined {
  const first = longestPrefix(words, skip);
  if (!first) return undefined;
  const next = (words[skip + first.words] ?? '').toLowerCase();
  if (next === 'or' || next === 'and') {
    const second = longestPrefix(words, skip + first.words + 1);
    if (second) {
      const spdx = `${first.license.spdx} ${next.toUpperCase()} ${second.license.spdx}`;
      return { license: { spdx }, words: first.words + 1 + second.words };
    }
  }
  return first;
}

function longestPrefix(words: readonly string[], skip: number): { license: NamedLicense; words: number } | undefined {
  for (let count = Math.min(12, words.length - skip); count >= 1; count--) {
    const license = licenseFromName(words.slice(skip, skip + count).join(' '));
    if (license) return { license, words: count };
  }
  return undefined;
}

/** How many characters of `window` its first `words` words take. */
function approximateLength(window: string, words: number): number {
  const pattern = /\S+/g;
  let end = 0;
  for (let count = 0; count < words; count++) {
    const match = pattern.exec(window);
    if (!match) break;
    end = match.index + match[0].length;
  }
  return end;
}

/** Markdown links as their labels, with their addresses kept apart; <…> addresses removed. */
function flattenLinks(window: string): { text: string; urls: string[] } {
  const urls: string[] = [];
  let text = '';
  let position = 0;
  for (;;) {
    const open = window.indexOf('[', position);
    const close = open === -1 ? -1 : window.indexOf('](', open);
    const end = close === -1 ? -1 : window.indexOf(')', close);
    if (end === -1) break;
    text += `${window.slice(position, open)}${window.slice(open + 1, close)}`;
    urls.push(window.slice(close + 2, end));
    position = end + 1;
  }
  text += window.slice(position);
  for (const match of text.matchAll(URL)) urls.push(match[0]);
  return { text: text.replace(/<[^<>\s]{1,300}>/g, ' '), urls };
}

/** The sentence (or list item) before `at`, up to 160 characters: its subject says what is licensed. */
function subjectBefore(text: string, at: number): string {
  // An address inside a Markdown link speaks with the link's label: "- Code - [GPLv3](https://…)".
  const window = text.slice(Math.max(0, at - 160), at).replace(/\[[^\]\n]{0,80}\]\($/, '');
  const boundary = Math.max(
    window.lastIndexOf('. '),
    window.lastIndexOf('.\n'),
    window.lastIndexOf('\n\n'),
    window.lastIndexOf('\n-'),
    window.lastIndexOf('\n*'),
    window.lastIndexOf('|'),
    window.lastIndexOf('<br'),
  );
  return window.slice(boundary + 1).replace(/^[\s*>-]+|[\s:-]+$/g, '');
}

/** Someone else's code: "This project uses Leaflet, which is released under…". */
const THIRD_PARTY =
  /\b(?:uses?|using|based on|built (?:on|with)|depends? on|dependenc(?:y|ies)|bundles?|bundled|third[- ]party|which|whose|forked|derived from|adapted from|ported from|includes|included|incorporates)\b/i;

/**
 * Outside a licence section, only a sentence about the project or its code names the project's
 * licence: one about its content or data is read in the licence section only.
 */
function aboutProject(subject: string): boolean {
  const { covers } = partOf(subject);
  return !THIRD_PARTY.test(subject) && (covers === undefined || covers === 'software');
}

const PART_WORDS: Array<[RegExp, 'software' | 'content' | 'data']> = [
  [/\b(?:source code|code|software|program|library|sdk)\b/i, 'software'],
  [/\b(?:contents?|documentation|docs|texts?|images|media|artwork|illustrations|icons|audio|videos?|translations|vocabulary|assets)\b/i, 'content'],
  [/\b(?:data|datasets?|data sets?|database)\b/i, 'data'],
];

/** What part of the project a subject names: one of software, content, data, or none (the whole). */
function partOf(subject: string): { covers?: 'software' | 'content' | 'data' } {
  const kinds = PART_WORDS.filter(([pattern]) => pattern.test(subject)).map(([, kind]) => kind);
  return kinds.length === 1 ? { covers: kinds[0] as 'software' | 'content' | 'data' } : {};
}

/**
 * What part a reference covers. A link in a list may be labelled with a part that is none of the
 * three ("- Mulberry Symbols - [CC BY-SA 4.0](…)"): the label is kept, to show, not to judge.
 */
function coverage(subject: string, listLabel = false): { covers?: 'software' | 'content' | 'data'; part?: string } {
  const { covers } = partOf(subject);
  if (covers) return { covers };
  const label = subject.replace(/[\s:–—-]+$/, '');
  return listLabel &&
    label !== '' &&
    label.length <= 40 &&
    !THIRD_PARTY.test(label) &&
    !/\b(?:is|are|licen[cs]ed|released|this|project|see)\b|[.!?[\]()]/i.test(label)
    ? { part: label }
    : {};
}

function clean(excerpt: string): string {
  return excerpt.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** A shields.io or badgen licence badge's message: `badge/License-AGPL%20v3-blue`, `badge/license/MIT/blue`. */
function badgeLicense(url: string): NamedLicense | undefined {
  const shields = /shields\.io\/badge\/([^?#\s]+)/i.exec(url)?.[1];
  if (shields) {
    // Shields writes a dash as "--", an underscore as "__" and a space as "_": label-message-colour.
    const parts = shields
      .replace(/\.(?:svg|png)$/i, '')
      .replace(/--/g, '\u0000')
      .replace(/__/g, '\u0001')
      .split('-');
    if (parts.length < 3 || !/^licen[cs]e$/i.test(decode(parts[0] as string))) return undefined;
    return licenseFromName(decode(parts.slice(1, -1).join('-')));
  }
  const badgen = /badgen\.net\/badge\/licen[cs]e\/([^/?#\s]+)/i.exec(url)?.[1];
  return badgen ? licenseFromName(decode(badgen)) : undefined;
}

function decode(part: string): string {
  let text = part
    .replace(/_/g, ' ')
    .replace(/\u0000/g, '-')
    .replace(/\u0001/g, '_');
  try {
    text = decodeURIComponent(text);
  } catch {
    // A malformed %-escape is left as written.
  }
  return text;
}

/**
 * The body of a README's "License"/"Licence" section, up to the next heading of the same or a higher
 * level, with the line of its heading and where the body starts in the text.
 */
export function readmeLicenseSection(text: string): { body: string; line: number; offset: number } | undefined {
  const lines = linesWithOffsets(text);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]?.text ?? '';
    const heading = /^(#{1,6})\s/.exec(line);
    const underline = lines[index + 1]?.text ?? '';
    const setext = !heading && /^(=+|-+)\s*$/.test(underline) && isLicenseHeading(line);
    if (!(heading && isLicenseHeading(line.slice(heading[0].length))) && !setext) continue;
    const level = heading ? (heading[1] as string).length : underline.startsWith('=') ? 1 : 2;
    const first = index + (setext ? 2 : 1);
    let end = first;
    while (end < lines.length) {
      const other = /^(#{1,6})\s/.exec(lines[end]?.text ?? '');
      if (other && (other[1] as string).length <= level) break;
      end++;
    }
    const from = lines[first]?.start ?? text.length;
    const to = end < lines.length ? (lines[end]?.start ?? text.length) : text.length;
    const raw = text.slice(from, to);
    const leading = raw.length - raw.trimStart().length;
    return { body: raw.trim().replace(/\r\n?/g, '\n'), line: index + 1, offset: from + leading };
  }
  return undefined;
}

/** The lines of a text with where each starts, for any of the three line breaks. */
function linesWithOffsets(text: string): Array<{ text: string; start: number }> {
  const lines: Array<{ text: string; start: number }> = [];
  let start = 0;
  for (const match of text.matchAll(/\r\n|\r|\n/g)) {
    lines.push({ text: text.slice(start, match.index), start });
    start = match.index + match[0].length;
  }
  lines.push({ text: text.slice(start), start });
  return lines;
}

/**
 * "License", "Licence", "Licensing", "Copyright and license", "Legal & licenses", with an emoji or a
 * shortcode before it ("## :memo: Legal & licenses", "### ©️ Open source - licence").
 */
function isLicenseHeading(title: string): boolean {
  if (title.length > 80) return false;
  const words = title
    .replace(/:[a-z_]+:/gi, ' ')
    .replace(/[^\p{L}\p{N}&\s-]/gu, ' ')
    .replace(/#+\s*$/, '')
    .trim()
    .toLowerCase();
  return /^(?:the )?(?:copyright|(?:(?:open[ -]source|legal|copyright)\s*(?:&|and|-)?\s*)?(?:licen[cs]es?|licen[cs]ing)(?:\s*(?:&|and|-)\s*(?:copyright|legal|credits|attribution))?)$/.test(
    words.replace(/\s+/g, ' '),
  );
}
