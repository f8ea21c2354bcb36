import { currentSpdxIds, deprecatedSpdxIds } from './spdx-list.js';

/**
 * Licences named in words or by the address of their page, as README sentences, badges, links and
 * short notices name them: "the GNU AGPLv3", "Apache License, Version 2.0", "Creative Commons
 * Attribution-ShareAlike 4.0 International", https://opensource.org/licenses/MIT. A name is read only
 * when the whole phrase is a licence's name ("MPL 2.0 w/ HD" is not MPL-2.0), and only from a table
 * of the names people write: spdx-correct guesses too freely for free text (it reads "EUPL" as
 * UPL-1.0, "Eclipse Public License 2.0" as EPL-1.0, and "GNU AGPLv3" as -or-later).
 */
export interface NamedLicense {
  spdx: string;
  /**
   * The other ids the name may mean. A GNU licence named without "only" or "or later" (GPLv3,
   * AGPL-3.0, gnu.org/licenses/agpl-3.0) is either: `spdx` is the -only id, as SPDX reads the
   * deprecated bare id, and the -or-later id is the alternative.
   */
  alternatives?: string[];
}

const CURRENT_IDS = currentSpdxIds();
const DEPRECATED_IDS = deprecatedSpdxIds();
const CURRENT = new Set(CURRENT_IDS);
/** Lower-cased id -> id, for names and addresses that write an id in any case ("apache-2.0"). */
const BY_LOWER = new Map([...DEPRECATED_IDS, ...CURRENT_IDS].map((id) => [id.toLowerCase(), id] as const));

/** The SPDX id a string is, in any case; a deprecated bare GNU id is ambiguous. */
export function licenseFromId(text: string): NamedLicense | undefined {
  const id = BY_LOWER.get(text.trim().toLowerCase());
  if (!id) return undefined;
  if (CURRENT.has(id)) return { spdx: id };
  return gnuFamilyVersion(id) ?? undefined;
}

/** A deprecated bare GNU id (GPL-3.0, AGPL-3.0, LGPL-2.1, GFDL-1.3): -only, or -or-later. */
function gnuFamilyVersion(id: string): NamedLicense | undefined {
  const match = /^(A?GPL|LGPL|GFDL)-(\d\.\d)$/.exec(id);
  return match ? gnu(match[1] as string, match[2] as string, undefined) : undefined;
}

/** A GNU licence of a family and version, -only, -or-later or (variant undefined) either. */
function gnu(family: string, version: string, variant: 'only' | 'or-later' | undefined): NamedLicense | undefined {
  const only = `${family}-${version}-only`;
  const later = `${family}-${version}-or-later`;
  if (!CURRENT.has(only) || !CURRENT.has(later)) return undefined;
  if (variant === 'only') return { spdx: only };
  if (variant === 'or-later') return { spdx: later };
  return { spdx: only, alternatives: [later] };
}

/** The id of a licence named in words, or undefined when the phrase is not (only) a licence's name. */
export function licenseFromName(phrase: string): NamedLicense | undefined {
  if (phrase.length > 120) return undefined;
  const asId = licenseFromId(phrase.trim().replace(/[.,;:]+$/, ''));
  if (asId) return asId;
  const name = normalizeName(phrase);
  if (name === '') return undefined;
  return licenseFromId(name) ?? gnuName(name) ?? creativeCommonsName(name) ?? otherName(name.replace(/ license$/, ''));
}

/**
 * Lower case, one spelling of "license", no quotes or emphasis, "version 2" and "v. 2" as "v2", no
 * leading "the", no trailing abbreviation in brackets ("the MIT License (MIT)").
 */
function normalizeName(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/licen[cs]e/g, 'license')
    .replace(/[“”"'`*_]/g, '')
    .replace(/[,;:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!?]+$/, '')
    .replace(/ \([\w. -]{1,15}\)$/, '')
    .replace(/^the /, '')
    .replace(/\bversion ?/g, 'v')
    .replace(/\bv\. ?/g, 'v')
    .replace(/ v (?=\d)/g, ' v')
    .trim();
}

const GNU_NAME =
  /^(?:gnu )?(?:(a|l)gpl|(affero|lesser|library) (?:general public license|gpl)|general public license|gpl)(?: license)?(?:[ -]?v?(\d(?:\.\d)?))?(?: license)?(?:[ -]?(only|or[ -]later|\+|or any later v|or any later))?$/;

/** GPL, LGPL and AGPL in their usual spellings: "GNU AGPLv3", "GPL v2 or later", "LGPL-2.1". */
function gnuName(name: string): NamedLicense | undefined {
  const match = GNU_NAME.exec(name);
  if (!match) return undefined;
  const abbreviation = match[1];
  const word = match[2];
  const family = abbreviation === 'a' || word === 'affero' ? 'AGPL' : abbreviation === 'l' || word === 'lesser' || word === 'library' ? 'LGPL' : 'GPL';
  // The AGPL has had one version since 2007; an unnumbered GPL or LGPL could be any of three.
  const written = match[3] ?? (family === 'AGPL' ? '3' : undefined);
  if (!written) return undefined;
  const version = written.includes('.') ? written : `${written}.0`;
  const variant = match[4] === undefined ? undefined : match[4] === 'only' ? 'only' : 'or-later';
  return gnu(family, version, variant);
}

/** Creative Commons names: "CC BY-SA 4.0", "Creative Commons Attribution-NonCommercial 4.0 International", "CC0". */
function creativeCommonsName(name: string): NamedLicense | undefined {
  if (/^(?:cc0|cc zero|creative commons zero|cc0 1\.0|creative commons cc0)(?: v?1\.0)?(?: universal)?(?: public domain dedication)?(?: license)?$/.test(name))
    return { spdx: 'CC0-1.0' };
  const match = /^(?:creative commons|cc)[ -](.+)$/.exec(name);
  if (!match) return undefined;
  const words = (match[1] as string)
    .replace(/-/g, ' ')
    .replace(/\bnon commercial\b/g, 'noncommercial')
    .replace(/\bshare alike\b/g, 'sharealike')
    .replace(/\bno (derivatives|derivs)\b/g, 'noderivatives')
    .split(' ');
  const elements = new Set<string>();
  let version: string | undefined;
  for (const word of words) {
    const element = CC_ELEMENTS[word];
    if (element) elements.add(element);
    else if (/^v?\d\.\d$/.test(word)) version = word.replace(/^v/, '');
    else if (!CC_FILLERS.has(word)) return undefined;
  }
  if (!elements.has('BY') || !version) return undefined;
  const id = ['CC', 'BY', ...(['NC', 'ND', 'SA'] as const).filter((element) => elements.has(element)), version].join('-');
  return CURRENT.has(id) ? { spdx: id } : undefined;
}

const CC_ELEMENTS: Record<string, string> = {
  by: 'BY',
  attribution: 'BY',
  nc: 'NC',
  noncommercial: 'NC',
  sa: 'SA',
  sharealike: 'SA',
  nd: 'ND',
  noderivatives: 'ND',
  noderivs: 'ND',
};
const CC_FILLERS = new Set(['international', 'unported', 'generic', 'public', 'license', '']);

/** Other licences by their usual names; the trailing "license" is already removed. */
const OTHER_NAMES: Array<[RegExp, (match: RegExpExecArray) => string | undefined]> = [
  [/^(?:mit|expat|mit\/expat|x11\/mit)$/, () => 'MIT'],
  // "Apache License" alone means 2.0: 1.0 and 1.1 have not been used for new work since 2004.
  [
    /^(?:apache|asl|apache software)(?: license)?(?:[ -]?v?(\d(?:\.\d)?))?$/,
    (match) => ({ '2': 'Apache-2.0', '2.0': 'Apache-2.0', '1.1': 'Apache-1.1', '1.0': 'Apache-1.0' })[match[1] ?? '2'],
  ],
  // A bare "BSD" is two licences; "new BSD" is the 3-clause one, "simplified BSD" the 2-clause one.
  [
    /^(?:(new|modified|revised|simplified|freebsd) )?bsd(?:[ -](2|3|4)(?:[ -]clause)?)?$/,
    (match) => bsd(match[2] ?? ({ new: '3', modified: '3', revised: '3', simplified: '2', freebsd: '2' } as Record<string, string>)[match[1] ?? '']),
  ],
  [/^(2|3|4|two|three|four)[ -]clause bsd$/, (match) => bsd({ two: '2', three: '3', four: '4' }[match[1] as string] ?? match[1])],
  [/^(?:mozilla public license|mpl)[ -]?v?(1\.0|1\.1|2\.0|2)$/, (match) => `MPL-${match[1] === '2' ? '2.0' : match[1]}`],
  [/^(?:eclipse public license|epl)[ -]?v?(1\.0|2\.0|1|2)$/, (match) => `EPL-${(match[1] as string).length === 1 ? `${match[1]}.0` : match[1]}`],
  [/^(?:european union public license|eupl)[ -]?v?(1\.0|1\.1|1\.2)$/, (match) => `EUPL-${match[1]}`],
  [/^(?:isc|isc license \(iscl\))$/, () => 'ISC'],
  [/^(?:the )?unlicense$/, () => 'Unlicense'],
  [/^(?:boost software|boost|bsl)(?: license)?(?:[ -]?v?1\.0)?$/, () => 'BSL-1.0'],
  [/^zlib(?:\/libpng)?$/, () => 'Zlib'],
  [/^(?:open data commons )?(?:open database|odbl)(?: license)?(?:[ -]?v?1\.0)?$/, () => 'ODbL-1.0'],
  [/^(?:odc[ -]by|open data commons attribution)(?: license)?(?:[ -]?v?1\.0)?$/, () => 'ODC-By-1.0'],
  [/^(?:pddl|open data commons public domain dedication and license)(?:[ -]?v?1\.0)?$/, () => 'PDDL-1.0'],
  [/^artistic(?: license)?[ -]?v?2\.0$/, () => 'Artistic-2.0'],
  [/^(?:wtfpl|do what the fuck you want to public)$/, () => 'WTFPL'],
  [/^postgresql$/, () => 'PostgreSQL'],
];

function bsd(clauses: string | undefined): string | undefined {
  return clauses === '2' ? 'BSD-2-Clause' : clauses === '3' ? 'BSD-3-Clause' : clauses === '4' ? 'BSD-4-Clause' : undefined;
}

function otherName(name: string): NamedLicense | undefined {
  for (const [pattern, toId] of OTHER_NAMES) {
    const match = pattern.exec(name);
    const id = match ? toId(match) : undefined;
    if (id && CURRENT.has(id)) return { spdx: id };
  }
  return undefined;
}

/** Licence pages by address: the SPDX list, OSI, choosealicense, and the stewards' own pages. */
const URL_RULES: Array<[RegExp, (match: RegExpExecArray) => NamedLicense | undefined]> = [
  [/^(?:www\.)?opensource\.org\/licenses?\/([\w.+-]+?)(?:-license)?(?:\.php|\.html)?$/, (match) => licenseFromId(match[1] as string)],
  [/^spdx\.org\/licenses\/([\w.+-]+?)(?:\.html|\.json)?$/, (match) => licenseFromId(match[1] as string)],
  [/^choosealicense\.com\/licenses\/([\w.+-]+)$/, (match) => licenseFromId(match[1] as string)],
  [/^(?:www\.)?apache\.org\/licenses\/license-2\.0(?:\.txt|\.html)?$/, () => ({ spdx: 'Apache-2.0' })],
  [
    /^(?:www\.)?gnu\.org\/licenses\/(?:old-licenses\/)?(agpl|gpl|lgpl|fdl)(?:-(\d\.\d))?(?:\.en)?(?:\.html|\.txt|\.md)?$/,
    (match) => gnu(match[1] === 'fdl' ? 'GFDL' : (match[1] as string).toUpperCase(), match[2] ?? (match[1] === 'fdl' ? '1.3' : '3.0'), undefined),
  ],
  [/^(?:www\.)?mozilla\.org\/(?:[a-z-]+\/)?mpl\/(2\.0|1\.1)(?:\/.*)?$/, (match) => ({ spdx: `MPL-${match[1]}` })],
  [/^(?:www\.)?creativecommons\.org\/licenses\/(by(?:-nc)?(?:-nd|-sa)?)\/(\d\.\d)(?:\/.*)?$/, (match) => licenseFromId(`CC-${match[1]}-${match[2]}`)],
  [/^(?:www\.)?creativecommons\.org\/publicdomain\/zero\/1\.0(?:\/.*)?$/, () => ({ spdx: 'CC0-1.0' })],
  [/^(?:www\.)?eclipse\.org\/legal\/epl-(v10|v20|2\.0)(?:\.html)?$/, (match) => ({ spdx: match[1] === 'v10' ? 'EPL-1.0' : 'EPL-2.0' })],
  [
    /^(?:www\.)?opendatacommons\.org\/licenses\/(odbl|by|pddl)(?:\/.*)?$/,
    (match) => ({ spdx: { odbl: 'ODbL-1.0', by: 'ODC-By-1.0', pddl: 'PDDL-1.0' }[match[1] as 'odbl' | 'by' | 'pddl'] }),
  ],
];

/** The licence whose page an address is, or undefined. */
export function licenseFromUrl(url: string): NamedLicense | undefined {
  if (url.length > 300) return undefined;
  const address = url
    .toLowerCase()
    .replace(/^<|>$/g, '')
    .replace(/^(?:https?:)?\/\//, '')
    .replace(/[?#].*$/, '')
    .replace(/[/.,;:]+$/, '');
  for (const [pattern, toLicense] of URL_RULES) {
    const match = pattern.exec(address);
    if (match) return toLicense(match);
  }
  return undefined;
}
