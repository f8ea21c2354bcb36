/**
 * Licence *notices*: short texts that say which licence applies without being the licence. They are
 * recognised as what they are instead of being matched (and failing to match) as licence texts.
 */
export interface Notice {
  /** The SPDX id the notice grants, or undefined when it only points elsewhere (the CRAN stub). */
  spdx?: string;
  kind: 'apache-notice' | 'gnu-notice' | 'cran-stub' | 'statement' | 'badge';
  /** The sentence the decision rests on. */
  excerpt: string;
}

/**
 * CRAN's two-line LICENSE file: "YEAR: 2017 / COPYRIGHT HOLDER: Jane Doe". It means "see DESCRIPTION".
 * Matched on the trimmed text, so that no part of the pattern competes for the same blanks (the
 * untrimmed /…\S.*\s*$/ was quadratic in a run of blanks followed by more text).
 */
const CRAN_STUB = /^YEAR:\s*\S[^\r\n]*\r?\n\s*COPYRIGHT HOLDER:\s*\S[^\r\n]*$/i;

const APACHE_NOTICE = /(?:Licensed|licenses\s+this\s+file\s+to\s+you)\s+under\s+the\s+Apache\s+License,?\s+Version\s+2\.0/i;

const GNU_NOTICE = new RegExp(
  String.raw`under the terms of the GNU (Lesser |Library |Affero )?General Public License as published by the Free Software Foundation,? (?:either )?version ([123](?:\.\d)?)(?: of the License)?(,? or \(at your option\) any later version)?`.replace(/ /g, '\\s+'),
  'i',
);

/** "licensed under the MIT License", "released under the terms of the BSD 3-Clause licence". */
const STATEMENT = /(?:licen[cs]ed|released|distributed|available)\s+under\s+(?:the\s+)?(?:terms\s+of\s+(?:the\s+)?)?\[?([A-Za-z][\w .+-]{1,40}?)\]?\s+licen[cs]e\b/i;
const BADGE = /img\.shields\.io\/(?:badge\/)?licen[cs]e-([\w.+%-]+?)-[a-z]+/i;

export function stubNotice(text: string): Notice | undefined {
  if (!/^\s*YEAR:/i.test(text)) return undefined;
  const trimmed = text.trim();
  return CRAN_STUB.test(trimmed) ? { kind: 'cran-stub', excerpt: trimmed.split(/\r?\n/)[0] ?? '' } : undefined;
}

/** A GNU or Apache notice in a text (a README, a NOTICE file, a source header). */
export function licenseNotice(text: string): Notice | undefined {
  const gnu = GNU_NOTICE.exec(text);
  if (gnu) {
    const family = gnu[1]?.trim().toLowerCase() === 'affero' ? 'AGPL' : gnu[1] ? 'LGPL' : 'GPL';
    const version = (gnu[2] ?? '').includes('.') ? (gnu[2] as string) : `${gnu[2]}.0`;
    const later = gnu[3] !== undefined;
    return { kind: 'gnu-notice', spdx: `${family}-${version}-${later ? 'or-later' : 'only'}`, excerpt: gnu[0].replace(/\s+/g, ' ') };
  }
  const apache = APACHE_NOTICE.exec(text);
  if (apache) return { kind: 'apache-notice', spdx: 'Apache-2.0', excerpt: apache[0] };
  return undefined;
}

/** A one-line statement or a badge naming a licence: the weakest evidence, a README's. */
export function licenseStatement(text: string, correct: (name: string) => string | undefined): Notice | undefined {
  const statement = STATEMENT.exec(text);
  const named = statement?.[1] ? correct(statement[1]) : undefined;
  if (statement && named) return { kind: 'statement', spdx: named, excerpt: statement[0].replace(/\s+/g, ' ') };
  const badge = BADGE.exec(text);
  const badged = badge?.[1] ? correct(decodeURIComponent(badge[1]).replace(/--/g, '-').replace(/_/g, ' ')) : undefined;
  if (badge && badged) return { kind: 'badge', spdx: badged, excerpt: badge[0] };
  return undefined;
}

/** The body of a README's "License"/"Licence" section, up to the next heading of the same or a higher level. */
export function readmeLicenseSection(text: string): { body: string; line: number } | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const heading = /^(#{1,6})\s+(?:the\s+)?(?:licen[cs]es?|licen[cs]ing|copyright(?: and licen[cs]e)?|licen[cs]e and copyright)\s*#*\s*$/i.exec(lines[index] ?? '');
    const setext = !heading && /^(?:licen[cs]es?|licen[cs]ing)\s*$/i.test(lines[index] ?? '') && /^(=+|-+)\s*$/.test(lines[index + 1] ?? '');
    if (!heading && !setext) continue;
    const level = heading ? (heading[1] as string).length : (lines[index + 1] ?? '').startsWith('=') ? 1 : 2;
    const body: string[] = [];
    for (let next = index + (setext ? 2 : 1); next < lines.length; next++) {
      const other = /^(#{1,6})\s/.exec(lines[next] ?? '');
      if (other && (other[1] as string).length <= level) break;
      body.push(lines[next] ?? '');
    }
    return { body: body.join('\n').trim(), line: index + 1 };
  }
  return undefined;
}
