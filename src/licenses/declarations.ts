import { parse as parseToml } from 'smol-toml';
import { parseUntrustedYaml } from '../util/yaml.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { FileText } from '../source/types.js';
import { normalizeExpression } from './spdx.js';
import type { DeclarationSource, LicenseDeclaration } from './types.js';

/**
 * Licence fields of package manifests. Only root manifests speak for the whole project; each reader
 * returns what the file states (as written) and never throws on a malformed file.
 */
interface DeclarationReader {
  source: DeclarationSource;
  matches: (basename: string) => boolean;
  read: (text: string) => Array<{ raw: string; needle?: RegExp; notes?: string[] }>;
}

const READERS: DeclarationReader[] = [
  { source: 'package.json', matches: (name) => name === 'package.json', read: readPackageJson },
  { source: 'pyproject.toml', matches: (name) => name === 'pyproject.toml', read: readPyproject },
  { source: 'setup.cfg', matches: (name) => name === 'setup.cfg', read: readSetupCfg },
  { source: 'Cargo.toml', matches: (name) => name === 'Cargo.toml', read: readCargo },
  { source: 'composer.json', matches: (name) => name === 'composer.json', read: readComposer },
  { source: 'pom.xml', matches: (name) => name === 'pom.xml', read: readPom },
  { source: 'gemspec', matches: (name) => name.endsWith('.gemspec'), read: readGemspec },
  { source: 'DESCRIPTION', matches: (name) => name === 'DESCRIPTION', read: readRDescription },
  { source: 'csproj', matches: (name) => /\.(csproj|nuspec|fsproj|vbproj)$/.test(name), read: readDotnet },
  { source: 'CITATION.cff', matches: (name) => name === 'CITATION.cff', read: readCitation },
  { source: 'publiccode.yml', matches: (name) => /^publiccode\.ya?ml$/.test(name), read: readPubliccode },
];

/** Root files whose licence fields are read. */
export function isDeclarationFile(path: string): boolean {
  return !path.includes('/') && READERS.some((reader) => reader.matches(path));
}

export function declarationsFromFile(file: FileText): LicenseDeclaration[] {
  const reader = READERS.find((candidate) => candidate.matches(file.path.slice(file.path.lastIndexOf('/') + 1)));
  if (!reader || file.binary) return [];
  let found: ReturnType<DeclarationReader['read']>;
  try {
    found = reader.read(file.text);
  } catch {
    return [];
  }
  return found
    .filter(({ raw }) => raw.trim() !== '')
    .map(({ raw, needle, notes }) => declaration(reader.source, file.path, raw, needle ? lineOf(file.text, needle) : undefined, notes));
}

export function declarationsFromManifest(manifest: LoadedManifest): LicenseDeclaration[] {
  return (manifest.data?.licenses ?? []).map((entry, index) =>
    declaration('dpg-manifest', manifest.path, entry.expression, manifest.locate(`/licenses/${index}/expression`)?.line),
  );
}

function declaration(source: DeclarationSource, path: string, raw: string, line: number | undefined, extraNotes: string[] = []): LicenseDeclaration {
  const { expression, notes, alternatives } = normalizeExpression(raw);
  return {
    source,
    path,
    raw,
    expression,
    notes: [...extraNotes, ...notes],
    ...(line !== undefined ? { line } : {}),
    ...(alternatives ? { alternatives } : {}),
  };
}

function lineOf(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : undefined;
}

function anyOf(ids: string[]): string {
  return ids.length === 1 ? (ids[0] as string) : ids.map((id) => (/\s/.test(id) ? `(${id})` : id)).join(' OR ');
}

function readPackageJson(text: string): ReturnType<DeclarationReader['read']> {
  const json = JSON.parse(text) as { license?: unknown; licenses?: unknown };
  const needle = /"licen[cs]es?"\s*:/;
  if (typeof json.license === 'string') return [{ raw: json.license, needle }];
  if (json.license && typeof json.license === 'object' && typeof (json.license as { type?: unknown }).type === 'string')
    return [{ raw: (json.license as { type: string }).type, needle }];
  // The long-deprecated `licenses: [{ type }]` array means "any of these".
  if (Array.isArray(json.licenses)) {
    const types = json.licenses
      .map((entry) => (typeof entry === 'string' ? entry : (entry as { type?: unknown })?.type))
      .filter((type): type is string => typeof type === 'string');
    if (types.length > 0) return [{ raw: anyOf(types), needle }];
  }
  return [];
}

/** Trove classifiers name licences in words; the common ones map to SPDX ids. */
const TROVE: Record<string, string> = {
  'MIT License': 'MIT',
  'Apache Software License': 'Apache-2.0',
  'BSD License': 'BSD-3-Clause',
  'GNU General Public License v2 (GPLv2)': 'GPL-2.0-only',
  'GNU General Public License v2 or later (GPLv2+)': 'GPL-2.0-or-later',
  'GNU General Public License v3 (GPLv3)': 'GPL-3.0-only',
  'GNU General Public License v3 or later (GPLv3+)': 'GPL-3.0-or-later',
  'GNU Lesser General Public License v2 (LGPLv2)': 'LGPL-2.0-only',
  'GNU Lesser General Public License v2 or later (LGPLv2+)': 'LGPL-2.0-or-later',
  'GNU Lesser General Public License v3 (LGPLv3)': 'LGPL-3.0-only',
  'GNU Lesser General Public License v3 or later (LGPLv3+)': 'LGPL-3.0-or-later',
  'GNU Affero General Public License v3': 'AGPL-3.0-only',
  'GNU Affero General Public License v3 or later (AGPLv3+)': 'AGPL-3.0-or-later',
  'Mozilla Public License 2.0 (MPL 2.0)': 'MPL-2.0',
  'ISC License (ISCL)': 'ISC',
  'Eclipse Public License 2.0 (EPL-2.0)': 'EPL-2.0',
  'European Union Public Licence 1.2 (EUPL 1.2)': 'EUPL-1.2',
  'The Unlicense (Unlicense)': 'Unlicense',
  'Boost Software License 1.0 (BSL-1.0)': 'BSL-1.0',
  'Python Software Foundation License': 'PSF-2.0',
  'CC0 1.0 Universal (CC0 1.0) Public Domain Dedication': 'CC0-1.0',
};

function fromClassifiers(classifiers: unknown, text: string): ReturnType<DeclarationReader['read']> {
  if (!Array.isArray(classifiers)) return [];
  const ids = classifiers
    .filter((classifier): classifier is string => typeof classifier === 'string' && classifier.startsWith('License ::'))
    .map((classifier) => TROVE[classifier.split('::').at(-1)?.trim() ?? ''])
    .filter((id): id is string => id !== undefined);
  if (ids.length === 0) return [];
  return [
    {
      raw: anyOf([...new Set(ids)]),
      needle: /License ::/,
      notes: [`read from Trove classifiers${text.includes('License :: OSI Approved :: BSD License') ? ' (BSD is read as BSD-3-Clause)' : ''}`],
    },
  ];
}

function readPyproject(text: string): ReturnType<DeclarationReader['read']> {
  const toml = parseToml(text) as { project?: { license?: unknown; classifiers?: unknown }; tool?: { poetry?: { license?: unknown; classifiers?: unknown } } };
  const needle = /^[ \t]*license\s*=/m;
  const license = toml.project?.license ?? toml.tool?.poetry?.license;
  // PEP 639: a string is an SPDX expression; the older table form holds free text or a file name.
  if (typeof license === 'string') return [{ raw: license, needle }];
  if (license && typeof license === 'object' && typeof (license as { text?: unknown }).text === 'string')
    return [{ raw: (license as { text: string }).text, needle }];
  return fromClassifiers(toml.project?.classifiers ?? toml.tool?.poetry?.classifiers, text);
}

function readSetupCfg(text: string): ReturnType<DeclarationReader['read']> {
  const metadata = /^\[metadata\]([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(text)?.[1] ?? '';
  const license = /^license\s*=\s*(.+)$/m.exec(metadata)?.[1]?.trim();
  if (license) return [{ raw: license, needle: /^license\s*=/m }];
  const classifiers = /^classifiers\s*=\s*\n((?:[ \t]+.+\n?)+)/m
    .exec(metadata)?.[1]
    ?.split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return fromClassifiers(classifiers, text);
}

function readCargo(text: string): ReturnType<DeclarationReader['read']> {
  const toml = parseToml(text) as { package?: { license?: unknown } };
  return typeof toml.package?.license === 'string' ? [{ raw: toml.package.license, needle: /^[ \t]*license\s*=/m }] : [];
}

function readComposer(text: string): ReturnType<DeclarationReader['read']> {
  const json = JSON.parse(text) as { license?: unknown };
  const needle = /"license"\s*:/;
  if (typeof json.license === 'string') return [{ raw: json.license, needle }];
  // composer: several licences in an array are a disjunction.
  if (Array.isArray(json.license) && json.license.every((item) => typeof item === 'string') && json.license.length > 0)
    return [{ raw: anyOf(json.license as string[]), needle }];
  return [];
}

/** Licence names and URLs as pom.xml files write them. */
const POM_URLS: Array<[RegExp, string]> = [
  [/apache\.org\/licenses\/LICENSE-2\.0/i, 'Apache-2.0'],
  [/opensource\.org\/licenses\/MIT/i, 'MIT'],
  [/gnu\.org\/licenses\/gpl-3\.0/i, 'GPL-3.0-only'],
  [/gnu\.org\/licenses\/lgpl-3\.0/i, 'LGPL-3.0-only'],
  [/gnu\.org\/licenses\/agpl-3\.0/i, 'AGPL-3.0-only'],
  [/mozilla\.org\/MPL\/2\.0/i, 'MPL-2.0'],
  [/eclipse\.org\/legal\/epl-2\.0/i, 'EPL-2.0'],
  [/opensource\.org\/licenses\/BSD-3-Clause/i, 'BSD-3-Clause'],
];

function readPom(text: string): ReturnType<DeclarationReader['read']> {
  const block = /<licenses>([\s\S]*?)<\/licenses>/.exec(text)?.[1];
  if (!block) return [];
  const names = [...block.matchAll(/<license>([\s\S]*?)<\/license>/g)].map((match) => {
    const body = match[1] ?? '';
    const url = /<url>\s*([^<]+?)\s*<\/url>/.exec(body)?.[1] ?? '';
    const fromUrl = POM_URLS.find(([pattern]) => pattern.test(url))?.[1];
    return fromUrl ?? /<name>\s*([^<]+?)\s*<\/name>/.exec(body)?.[1] ?? '';
  });
  const known = names.filter(Boolean);
  // Maven: when several licences are listed, the user may choose any of them.
  return known.length > 0
    ? [{ raw: known.length === 1 ? (known[0] as string) : anyOf(known.map((name) => normalizeExpression(name).expression)), needle: /<licenses>/ }]
    : [];
}

function readGemspec(text: string): ReturnType<DeclarationReader['read']> {
  const single = /\.license\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (single) return [{ raw: single, needle: /\.license\s*=/ }];
  const list = /\.licenses\s*=\s*\[([^\]]*)\]/.exec(text)?.[1];
  const ids = list ? [...list.matchAll(/["']([^"']+)["']/g)].map((match) => match[1] as string) : [];
  return ids.length > 0 ? [{ raw: anyOf(ids), needle: /\.licenses\s*=/ }] : [];
}

/** R's DESCRIPTION `License:` field uses CRAN's own short names. */
const CRAN: Record<string, string> = {
  'GPL-2': 'GPL-2.0-only',
  'GPL-3': 'GPL-3.0-only',
  'GPL (>= 2)': 'GPL-2.0-or-later',
  'GPL (>= 2.0)': 'GPL-2.0-or-later',
  'GPL (>= 3)': 'GPL-3.0-or-later',
  'LGPL-2.1': 'LGPL-2.1-only',
  'LGPL-3': 'LGPL-3.0-only',
  'LGPL (>= 2.1)': 'LGPL-2.1-or-later',
  'AGPL-3': 'AGPL-3.0-only',
  'Apache License 2.0': 'Apache-2.0',
  'Apache License (== 2.0)': 'Apache-2.0',
  'Apache License (>= 2)': 'Apache-2.0',
  BSD_2_clause: 'BSD-2-Clause',
  BSD_3_clause: 'BSD-3-Clause',
  MIT: 'MIT',
  CC0: 'CC0-1.0',
  'CC BY 4.0': 'CC-BY-4.0',
  'MPL-2.0': 'MPL-2.0',
};

function readRDescription(text: string): ReturnType<DeclarationReader['read']> {
  const field = /^License:\s*(.+(?:\n[ \t]+.+)*)/m.exec(text)?.[1]?.replace(/\s+/g, ' ').trim();
  if (!field) return [];
  // "MIT + file LICENSE": the LICENSE file only holds the year and holder the MIT template needs.
  const alternatives = field.split('|').map((part) => part.replace(/\s*\+\s*file\s+LICEN[CS]E\s*$/i, '').trim());
  const ids = alternatives.map((part) => CRAN[part] ?? part);
  const notes = field !== ids.join(' | ') ? [`CRAN licence "${field}" read as ${anyOf(ids)}`] : [];
  return [{ raw: anyOf(ids), needle: /^License:/m, notes }];
}

function readDotnet(text: string): ReturnType<DeclarationReader['read']> {
  const expression =
    /<PackageLicenseExpression>\s*([^<]+?)\s*<\/PackageLicenseExpression>/.exec(text)?.[1] ??
    /<license\s+type="expression"\s*>\s*([^<]+?)\s*<\/license>/.exec(text)?.[1];
  return expression ? [{ raw: expression, needle: /<PackageLicenseExpression>|<license\s+type="expression"/ }] : [];
}

function readCitation(text: string): ReturnType<DeclarationReader['read']> {
  // A file that never says "license" cannot declare one: no need to parse it (YAML costs ~1.5 µs a character).
  if (!/license/i.test(text)) return [];
  const document = parseUntrustedYaml(text) as { license?: unknown } | null;
  const license = document?.license;
  if (typeof license === 'string') return [{ raw: license, needle: /^license:/m }];
  if (Array.isArray(license) && license.every((item) => typeof item === 'string') && license.length > 0)
    return [{ raw: anyOf(license as string[]), needle: /^license:/m }];
  return [];
}

function readPubliccode(text: string): ReturnType<DeclarationReader['read']> {
  if (!/license/i.test(text)) return [];
  const document = parseUntrustedYaml(text) as { legal?: { license?: unknown } } | null;
  const license = document?.legal?.license;
  return typeof license === 'string' ? [{ raw: license, needle: /^[ \t]+license:/m }] : [];
}
