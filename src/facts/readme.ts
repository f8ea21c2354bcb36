import type { ReadmeFacts } from './types.js';
import { replaceSpans } from '../util/spans.js';

const README_NAME = /^readme(?:\.(md|markdown|rst|txt|adoc|asciidoc|org))?$/i;
/** True of every README found (src/facts/shortlist.ts). */
export const README_MAY_MATCH = /(^|\/)readme[^/]*$/i;
const PREFERRED_EXTENSIONS = ['md', 'markdown', 'rst', 'adoc', 'asciidoc', 'org', 'txt', ''];

/** The README a visitor sees first: the root's, else `.github/` or `docs/`. */
export function findReadme(allFiles: readonly string[]): string | undefined {
  const files = allFiles.filter((file) => README_MAY_MATCH.test(file));
  for (const folder of ['', '.github/', 'docs/']) {
    const candidates = files.filter(
      (file) => file.startsWith(folder) && !file.slice(folder.length).includes('/') && README_NAME.test(file.slice(folder.length)),
    );
    if (candidates.length > 0) {
      return candidates.sort((a, b) => rank(a) - rank(b))[0];
    }
  }
  return undefined;
}

function rank(file: string): number {
  const extension = /\.(\w+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
  const index = PREFERRED_EXTENSIONS.indexOf(extension);
  return index === -1 ? PREFERRED_EXTENSIONS.length : index;
}

export function analyseReadme(path: string, text: string): ReadmeFacts {
  const lines = text.split(/\r\n|\r|\n/);
  const headings: ReadmeFacts['headings'] = [];
  let inFence = false;
  const proseLines: string[] = [];
  lines.forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      return;
    }
    if (inFence) return;
    proseLines.push(line);
    // A heading is a short line; a longer one is prose. The bound also keeps the per-line patterns
    // below (and stripInline) cheap on a hostile README made of one huge line.
    if (line.length > MAX_HEADING_LINE) return;
    const atx = atxHeading(line);
    const asciidoc = /^(={1,6})\s+(.+)$/.exec(line);
    const next = lines[index + 1] ?? '';
    if (atx) headings.push({ level: atx.level, text: stripInline(atx.text), line: index + 1 });
    else if (asciidoc?.[1] && asciidoc[2]) headings.push({ level: asciidoc[1].length, text: asciidoc[2].trim(), line: index + 1 });
    else if (line.trim() !== '' && /^(=+|-+|~+|\^+|\*+)\s*$/.test(next) && next.trim().length >= Math.min(3, line.trim().length)) {
      // Setext (Markdown) and reStructuredText headings: a line underlined by a row of one character.
      headings.push({ level: next.trim().startsWith('=') ? 1 : 2, text: stripInline(line.trim()), line: index + 1 });
    }
  });
  // Comments, images, tags and URLs are not words. These used to be regular expressions
  // (/<!--[\s\S]*?-->/g, /!\[[^\]]*\]\([^)]*\)/g, /<[^>]+>/g), which take quadratic time on a README
  // full of openers that are never closed ("<!--" repeated: minutes for 512 KiB); the scanners below
  // remove exactly the same spans in linear time. (A badge, [![alt](image)](link), needs no rule of
  // its own: its image is removed as an image and its link as a URL.)
  const prose = removeUrls(removeTags(removeImages(removeComments(proseLines.join('\n')))));
  const wordCount = prose.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
  return { path, text, wordCount, headings };
}

/** Lines longer than this are never headings (real ones are a few words). */
const MAX_HEADING_LINE = 500;

/**
 * An ATX heading (`## Title ##`): exactly what /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/ matched, without
 * its cubic backtracking on a line of blanks ("# a" then 2,000 spaces took 2.5 s; 512 KiB, hours).
 */
function atxHeading(line: string): { level: number; text: string } | undefined {
  const opening = /^\s{0,3}(#{1,6})\s+/.exec(line);
  if (!opening?.[1]) return undefined;
  const level = opening[1].length;
  const rest = line.slice(opening[0].length);
  if (rest === '') {
    // Only blanks after the #s: the expression gave one blank (not the first) to its text.
    const blanks = line.slice(line.indexOf('#') + level);
    return /[^\u2028\u2029]/.test(blanks.slice(1)) ? { level, text: ' ' } : undefined;
  }
  // The shortest text that leaves only blanks, a closing run of #s and blanks; "." never matched
  // U+2028/U+2029, so a text holding one was no heading.
  let text = rest.trimEnd();
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  text = text.slice(0, end).trimEnd();
  if (text === '') text = rest.slice(0, 1);
  return /[\u2028\u2029]/.test(text) ? undefined : { level, text };
}

function removeComments(text: string): string {
  return replaceSpans(text, '<!--', '-->');
}

/** `<` then at least one character that is not `>`, then `>`. */
function removeTags(text: string): string {
  let out = '';
  let position = 0;
  let from = 0;
  for (;;) {
    const start = text.indexOf('<', from);
    if (start === -1) break;
    const end = text.indexOf('>', start + 1);
    if (end === -1) break;
    if (end === start + 1) {
      // "<>" is no tag; the next "<" may start one.
      from = start + 1;
      continue;
    }
    out += `${text.slice(position, start)} `;
    position = end + 1;
    from = position;
  }
  return out + text.slice(position);
}

/** `![alt](target)`: alt without `]`, target without `)`, as /!\[[^\]]*\]\([^)]*\)/g. */
function removeImages(text: string): string {
  let out = '';
  let position = 0;
  let from = 0;
  for (;;) {
    const start = text.indexOf('![', from);
    if (start === -1) break;
    const altEnd = text.indexOf(']', start + 2);
    if (altEnd === -1) break;
    if (text[altEnd + 1] !== '(') {
      // Every opener before this "]" closes its alt text here too, and fails the same way.
      from = altEnd + 1;
      continue;
    }
    const end = text.indexOf(')', altEnd + 2);
    if (end === -1) break;
    out += `${text.slice(position, start)} `;
    position = end + 1;
    from = position;
  }
  return out + text.slice(position);
}

/** `http://` or `https://` and everything up to the next blank. */
function removeUrls(text: string): string {
  return text.replace(/https?:\/\/\S+/g, ' ');
}

function stripInline(text: string): string {
  return text
    .replace(/[*_`]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim();
}
