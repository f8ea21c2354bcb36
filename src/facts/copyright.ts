import type { CopyrightLine } from './types.js';

/** A line that opens with a copyright marker, possibly behind comment or Markdown punctuation. */
const COPYRIGHT_LINE = /^[\s#*/;>|-]*(?:copyright\b|\(c\)|©)/i;
const YEAR = /\b(?:19|20)\d{2}\b/;
const PLACEHOLDER = /<[^>]*>|\[[^\]]*\]|\{[^}]*\}|\byyyy\b|\byear\b|name of (?:the )?(?:copyright )?(?:owner|author|holder)|copyright holders?\b|\byour name\b|\bauthor(?:'s)? name\b|\bowner\b\s*$/i;

/** Copyright lines that belong to a licence's own text, not to the project. */
const LICENSE_OWN_COPYRIGHT = /free software foundation|creative commons corporation|open source initiative/i;

export function findCopyrightLines(path: string, text: string, limit = 20): CopyrightLine[] {
  const found: CopyrightLine[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length && found.length < limit; index++) {
    const raw = lines[index] ?? '';
    if (raw.length > 500 || !COPYRIGHT_LINE.test(raw)) continue;
    const text = raw.replace(/^[\s#*/;>|-]+/, '').trim();
    if (LICENSE_OWN_COPYRIGHT.test(text)) continue;
    const placeholder = PLACEHOLDER.test(text.replace(/<[^<>\s]+@[^<>\s]+>/g, '').replace(/<https?:[^>]*>/g, ''));
    const hasMark = /\(c\)|©/i.test(text);
    // "Copyright" alone (a heading, a sentence about copyright law) is not a copyright notice.
    if (!placeholder && !hasMark && !YEAR.test(text)) continue;
    found.push({ path, line: index + 1, text, holder: holderOf(text), placeholder });
  }
  return found;
}

function holderOf(text: string): string {
  return text
    .replace(/^(?:copyright\b|\(c\)|©|\s|:)+/gi, '')
    .replace(/^(?:(?:19|20)\d{2}(?:\s*[-–,]\s*(?:(?:19|20)\d{2}|present))*[,.]?\s*)+/i, '')
    .replace(/^by\s+/i, '')
    .replace(/\s*all rights reserved\.?\s*$/i, '')
    .replace(/[.,;\s]+$/, '')
    .trim();
}
