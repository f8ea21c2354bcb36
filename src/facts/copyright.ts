import { replaceSpans } from '../util/spans.js';
import type { CopyrightLine } from './types.js';

/** "(c)" or "©": either may stand for the word, before or after it. */
const MARK = '(?:\\(c\\)|©)';
/**
 * A copyright notice: "Copyright" with a (c) or ©, or a marker followed at once by a year or a
 * template placeholder ("(C) Copyright 2015", "Copyright: 2019" and "© Copyright" too). Anything
 * looser catches licence prose ("(c) You must retain...", a wrapped "copyright holders and
 * contributors"). Anchored, with one optional part after another: linear on any line.
 */
const COPYRIGHT_NOTICE = new RegExp(
  `^(?:${MARK}\\s*)?(?:copyright\\s*:?\\s*${MARK}|(?:copyright|${MARK})\\s*:?\\s*(?:${MARK}\\s*)?(?:(?:19|20)\\d{2}\\b|[<[{$]|yyyy\\b))`,
  'i',
);
/** Template words inside <>, [] or {} ("<year>", "[name of copyright owner]"); a Markdown link is not one. */
const TEMPLATE_WORD = '(?:yyyy|yy|year|date|name|owner|holders?|author|fullname|copyright|organi[sz]ation|company|project|person|email)';
const PLACEHOLDER = new RegExp(
  `<[^>]*\\b${TEMPLATE_WORD}\\b[^>]*>|\\[[^\\]]*\\b${TEMPLATE_WORD}\\b[^\\]]*\\](?!\\()|\\{[^}]*\\b${TEMPLATE_WORD}\\b[^}]*\\}|\\byyyy\\b|\\byear\\b|name of (?:the )?(?:copyright )?(?:owner|author|holder)|\\bcopyright holders?\\s*$|\\byour name\\b|\\bauthor(?:'s)? name\\b`,
  'i',
);

/** What every notice holds: one cheap test per line before the line is normalised. */
const MAYBE_NOTICE = /copyright|©|\(c\)|&(?:copy|#169|#xa9);/i;

/** Where a licence's own "how to apply" appendix starts: its template copyright lines are not the project's. */
const APPENDIX = /end of terms and conditions|how to apply (?:these terms|the apache license)|appendix: how to apply/i;

/** Copyright lines that belong to a licence's own text, not to the project. */
const LICENSE_OWN_COPYRIGHT =
  /free software foundation|creative commons corporation|open source initiative|mongodb,? inc|elasticsearch b\.?v|mariadb corporation|confluent,? inc|the open group|x consortium/i;

/**
 * Files that build plugins copy into every source file after filling in their variables
 * (`license-header.txt`, `LICENSE_HEADER`, `.license-header`, `copyright.tmpl`), and files under a
 * folder whose name is itself a template variable (`{{cookiecutter.project_slug}}/LICENSE`).
 */
const TEMPLATE_FILE = /(?:^|[-_.])(?:headers?|tmpl|tpl|template)(?:[-_.]|$)/i;
const TEMPLATE_FOLDER = /\{\{|\{%|\$\{/;
/** Variables of header and project templates: `${year}`, `$YEAR`, `{{ year }}`, `{% now %}`, `%year%`, `@year@`. */
const TEMPLATE_VARIABLE = /\$\{|\$[a-z_]|\{\{|\{%|%[a-z_]\w*%|@[a-z_]\w*@/i;

export function findCopyrightLines(path: string, text: string, limit = 20): CopyrightLine[] {
  const template = isTemplateFile(path);
  const found: CopyrightLine[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let inAppendix = false;
  for (let index = 0; index < lines.length && found.length < limit; index++) {
    const raw = lines[index] ?? '';
    if (!inAppendix && APPENDIX.test(raw)) inAppendix = true;
    if (raw.length > 500 || !MAYBE_NOTICE.test(raw)) continue;
    const start = noticeText(raw);
    if (!COPYRIGHT_NOTICE.test(start) || LICENSE_OWN_COPYRIGHT.test(start)) continue;
    const text = withoutTrailingEmphasis(start);
    const placeholder = PLACEHOLDER.test(text.replace(/<[^<>\s]+@[^<>\s]+>/g, '').replace(/<https?:[^>]*>/g, ''));
    // The licence's own how-to-apply template is not the project's notice; the same line filled in
    // ("Copyright 2018 Foo Ltd" in Apache's appendix, "Copyright (C) 2019 Jane Doe" in the GPL's) is.
    if (inAppendix && placeholder) continue;
    // A header template's variables are filled in where it is applied: they name no missing owner.
    if (template && (placeholder || TEMPLATE_VARIABLE.test(text))) continue;
    found.push({ path, line: index + 1, text, holder: holderOf(text), placeholder });
  }
  return found;
}

function isTemplateFile(path: string): boolean {
  return TEMPLATE_FILE.test(path.slice(path.lastIndexOf('/') + 1)) || TEMPLATE_FOLDER.test(path);
}

/** Known HTML elements of READMEs' footers; `<year>` or `<jane@example.org>` are not tags. */
const HTML_TAG = /<\/?(?:a|b|i|u|p|em|strong|small|sub|sup|span|div|center|footer|font|br|hr|h[1-6]|td|th|tr|li|img)(?=[\s/>])/iy;
const ENTITY = /&(?:copy|#169|#x0*a9);/gi;

/**
 * The line as a person reads it: entities decoded, HTML tags and the variation selector of "©️"
 * removed, then the comment, quote, list and emphasis marks before the notice.
 */
function noticeText(raw: string): string {
  const decoded = raw
    .replace(ENTITY, '©')
    .replace(/&nbsp;/gi, ' ')
    .replace(/\uFE0F/g, '');
  return stripTags(decoded)
    .replace(/\s+/g, ' ')
    .replace(/^[\s#*/;>|_`~-]+/, '')
    .trim();
}

/** "_Copyright 2023 Example Org_" ends at "Org": a loop, as a `[*_]+$` pattern would rescan runs of marks. */
function withoutTrailingEmphasis(text: string): string {
  let end = text.length;
  while (end > 0 && '*_`~ '.includes(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/** Removes HTML tags in one pass: each `<` is looked at once, and the search for `>` resumes after it. */
function stripTags(text: string): string {
  if (!text.includes('<')) return text;
  let out = '';
  let position = 0;
  for (let open = text.indexOf('<'); open !== -1; open = text.indexOf('<', open + 1)) {
    if (open < position) continue;
    HTML_TAG.lastIndex = open;
    if (!HTML_TAG.test(text)) continue;
    const close = text.indexOf('>', HTML_TAG.lastIndex);
    // No `>` after this tag means none after any later one either.
    if (close === -1) break;
    out += `${text.slice(position, open)} `;
    position = close + 1;
  }
  return position === 0 ? text : out + text.slice(position);
}

/** One year or range at the start of the holder text, with the separators after it. */
const YEARS = /(?:19|20)\d{2}(?:\s?[-–—]{1,2}\s?(?:\d{1,4}(?![\da-z])|present|now|today|current)?)?[\s,;/&+.–—-]*(?:and\s(?=(?:19|20)\d{2}))?/iy;
/** Years after the holder: "Caldera International Inc. 2001-2002". */
const TRAILING_YEARS = /,? (?:19|20)\d{2}(?: ?[-–—] ?\d{1,4})?$/;
/** Markers and words before the holder: "Copyright", "(c)", "©", ":", "by". */
const MARKERS = /^(?:copyright\b|\(c\)|©|by\s|[\s:,])+/i;
/** Where the holder's name ends: a licence statement or reserved-rights sentence after it. */
const HOLDER_END = /\ball rights reserved\b|\b(?:licensed|released|distributed|published|available) under\b|\s[|·•]\s/i;
/** A trailing "and contributors" or "et al." after a name: the name is the holder. */
const AND_OTHERS = /.[,]? (?:(?:and|&) (?:(?:the|its|all|other|[\w.-]+) )?(?:contributors|others|authors)|et al\.?)$/i;
/** The optional comma before a legal form: "Thoughtworks, Inc" and "Thoughtworks Inc" are one holder. */
const LEGAL_FORM_COMMA = /, (?=(?:inc|ltd|llc|gmbh|corp|co|plc|ag|pty|s\.a|b\.v|e\.v)\b)/gi;
/** Abbreviations whose full stop does not end the holder's name. */
const ABBREVIATION = /^(?:dr|mr|mrs|ms|prof|st|co|jr|sr|no|vs)$/i;

/**
 * The holder as a person would name it: no marks, years, e-mail addresses, links, markup, reserved
 * rights or trailing sentence. "Copyright (c) 2019-23 LCubed AB. All rights reserved." gives
 * "LCubed AB". Every step is a scan or an anchored pattern on one line of at most 500 characters.
 */
function holderOf(text: string): string {
  let rest = collapseSpaces(text).replace(MARKERS, '');
  rest = rest.slice(yearsLength(rest)).replace(MARKERS, '');
  const end = HOLDER_END.exec(rest);
  if (end) rest = rest.slice(0, end.index);
  rest = untilSentenceEnd(withoutAddresses(withoutLinkTargets(rest)));
  rest = trimMarks(rest.replace(/[*`]/g, ''));
  const others = AND_OTHERS.exec(rest);
  if (others) rest = trimMarks(rest.slice(0, others.index + 1));
  return trimMarks(rest.replace(TRAILING_YEARS, '')).replace(LEGAL_FORM_COMMA, ' ');
}

/** "[Example Foundation](https://example.org)" reads "Example Foundation"; other brackets ("[various years]") stay. */
function withoutLinkTargets(text: string): string {
  const unlinked = replaceSpans(text, '](', ')', ']');
  return unlinked === text ? text : unlinked.replace(/[[\]]/g, '');
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** How many characters of years and ranges ("2017, 2018, 2020", "2015 - present", "2019-23") lead the text. */
function yearsLength(text: string): number {
  let position = 0;
  for (;;) {
    YEARS.lastIndex = position;
    if (!YEARS.test(text) || YEARS.lastIndex === position) return position;
    position = YEARS.lastIndex;
  }
}

/**
 * Drops words that are e-mail addresses or links (`<jane@example.org>`, `(https://example.org)`,
 * `www.example.org`), keeping a comma that followed one: "Tatu Ylonen <ylo@cs.hut.fi>, Espoo".
 */
function withoutAddresses(text: string): string {
  const kept: string[] = [];
  for (const word of text.split(' ')) {
    if (!word.includes('@') && !/^[<(]?(?:https?:\/\/|www\.)/i.test(word)) kept.push(word);
    else if (/[,;]$/.test(word) && kept.length > 0) kept[kept.length - 1] += word.charAt(word.length - 1);
  }
  return kept.join(' ');
}

/**
 * Cuts at the first full stop that ends a sentence ("OpenMRS Inc. OpenMRS is a registered
 * trademark ..."): one followed by a capital, after a word that is neither an initial nor a known
 * abbreviation.
 */
function untilSentenceEnd(text: string): string {
  for (let stop = text.indexOf('. '); stop !== -1; stop = text.indexOf('. ', stop + 1)) {
    const next = text.charAt(stop + 2);
    if (next === '' || next.toUpperCase() === next.toLowerCase() || next !== next.toUpperCase()) continue;
    const word = text.slice(text.lastIndexOf(' ', stop - 1) + 1, stop);
    if (word.length < 2 || ABBREVIATION.test(word) || word.includes('.')) continue;
    return text.slice(0, stop);
  }
  return text;
}

const TRIMMED = new Set([' ', '.', ',', ';', ':', '-', '–', '—', '|', '_', '(']);

/**
 * Trims punctuation and spaces from both ends, without a pattern that could backtrack over runs
 * (the final full stop too: messages add their own), and closes a bracket left open by a dropped
 * address ("Donald Arseneau (Vancouver, Canada)").
 */
function trimMarks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && TRIMMED.has(text.charAt(start))) start++;
  while (end > start && TRIMMED.has(text.charAt(end - 1))) end--;
  const trimmed = text.slice(start, end);
  return count(trimmed, '(') > count(trimmed, ')') ? `${trimmed})` : trimmed;
}

function count(text: string, char: string): number {
  let found = 0;
  for (let index = text.indexOf(char); index !== -1; index = text.indexOf(char, index + 1)) found++;
  return found;
}
