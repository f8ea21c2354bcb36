import type { CopyrightLine } from './types.js';

/**
 * A copyright notice: "Copyright" with a (c) or ©, or a marker followed at once by a year or a
 * template placeholder. Anything looser catches licence prose ("(c) You must retain...", a wrapped
 * "copyright holders and contributors").
 */
const COPYRIGHT_NOTICE = /^(?:copyright\s*(?:\(c\)|©)|(?:copyright|©|\(c\))\s*(?:(?:\(c\)|©)\s*)?(?:(?:19|20)\d{2}\b|[<[{]|yyyy\b))/i;
/** Template words inside <>, [] or {} ("<year>", "[name of copyright owner]"); a Markdown link is not one. */
const TEMPLATE_WORD = '(?:yyyy|yy|year|date|name|owner|holders?|author|fullname|copyright|organi[sz]ation|company|project|person|email)';
const PLACEHOLDER = new RegExp(
  `<[^>]*\\b${TEMPLATE_WORD}\\b[^>]*>|\\[[^\\]]*\\b${TEMPLATE_WORD}\\b[^\\]]*\\](?!\\()|\\{[^}]*\\b${TEMPLATE_WORD}\\b[^}]*\\}|\\byyyy\\b|\\byear\\b|name of (?:the )?(?:copyright )?(?:owner|author|holder)|\\bcopyright holders?\\s*$|\\byour name\\b|\\bauthor(?:'s)? name\\b`,
  'i',
);

/** Where a licence's own "how to apply" appendix starts: its template copyright lines are not the project's. */
const APPENDIX = /end of terms and conditions|how to apply (?:these terms|the apache license)|appendix: how to apply/i;

/** Copyright lines that belong to a licence's own text, not to the project. */
const LICENSE_OWN_COPYRIGHT = /free software foundation|creative commons corporation|open source initiative|mongodb,? inc|elasticsearch b\.?v|mariadb corporation|confluent,? inc|the open group|x consortium/i;

export function findCopyrightLines(path: string, text: string, limit = 20): CopyrightLine[] {
  const found: CopyrightLine[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length && found.length < limit; index++) {
    const raw = lines[index] ?? '';
    if (APPENDIX.test(raw)) break;
    if (raw.length > 500) continue;
    const text = raw.replace(/^[\s#*/;>|-]+/, '').trim();
    if (!COPYRIGHT_NOTICE.test(text) || LICENSE_OWN_COPYRIGHT.test(text)) continue;
    const placeholder = PLACEHOLDER.test(text.replace(/<[^<>\s]+@[^<>\s]+>/g, '').replace(/<https?:[^>]*>/g, ''));
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
