import { parse as parseToml } from 'smol-toml';
import { parseUntrustedYaml } from '../util/yaml.js';
import { lineAtIndex, lineStarts } from '../util/lines.js';
import type { Dependency } from './types.js';

type Parser = (path: string, text: string) => Dependency[];

/**
 * Dependency manifests read for indicator 4, by file name. Each parser is forgiving: a manifest it
 * cannot parse yields no dependencies rather than an error, because indicator 4 only looks for known
 * closed components and a broken lock-step file is not the project's licence problem.
 */
const PARSERS: Array<{ pattern: RegExp; parse: Parser }> = [
  { pattern: /(^|\/)package\.json$/, parse: parsePackageJson },
  { pattern: /(^|\/)requirements[^/]*\.txt$/, parse: parseRequirements },
  { pattern: /(^|\/)pyproject\.toml$/, parse: parsePyproject },
  { pattern: /(^|\/)pom\.xml$/, parse: parsePom },
  { pattern: /(^|\/)build\.gradle(\.kts)?$/, parse: parseGradle },
  { pattern: /(^|\/)composer\.json$/, parse: parseComposer },
  { pattern: /(^|\/)go\.mod$/, parse: parseGoMod },
  { pattern: /(^|\/)Gemfile$/, parse: parseGemfile },
  { pattern: /(^|\/)(docker-)?compose(\.[\w-]+)?\.ya?ml$/, parse: parseCompose },
  { pattern: /(^|\/)Dockerfile(\.[\w-]+)?$|\.dockerfile$/i, parse: parseDockerfile },
  { pattern: /\.csproj$/, parse: parseCsproj },
  { pattern: /(^|\/)package-lock\.json$/, parse: parsePackageLock },
  { pattern: /(^|\/)composer\.lock$/, parse: parseComposerLock },
];

const IGNORED_FOLDERS = /(^|\/)(node_modules|vendor|third[-_]party|fixtures?|test|tests|examples?|samples?|testdata|docs?)\//i;
const MAX_DEPTH = 3;

/** A cheap test on the file name alone, so that a tree of 100,000 files is scanned fast. */
const MANIFEST_BASENAME =
  /^(package\.json|package-lock\.json|composer\.lock|requirements[^/]*\.txt|pyproject\.toml|pom\.xml|build\.gradle(\.kts)?|composer\.json|go\.mod|Gemfile|(docker-)?compose(\.[\w-]+)?\.ya?ml|Dockerfile(\.[\w-]+)?|[^/]*\.dockerfile|[^/]*\.csproj)$/i;

/** True of every dependency manifest's path: its base name, wherever it sits (src/facts/shortlist.ts). */
export const DEPENDENCY_MANIFEST_MAY_MATCH = new RegExp(`(?:^|/)${MANIFEST_BASENAME.source.slice(1)}`, 'i');

export function isDependencyManifest(path: string): boolean {
  if (!MANIFEST_BASENAME.test(path.slice(path.lastIndexOf('/') + 1))) return false;
  if (IGNORED_FOLDERS.test(path) || path.split('/').length > MAX_DEPTH + 1) return false;
  return PARSERS.some(({ pattern }) => pattern.test(path));
}

export function dependencyManifests(files: readonly string[], limit = 60): string[] {
  // Shallow manifests first: the root's describe the product, deeper ones its parts.
  return files
    .filter(isDependencyManifest)
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))
    .slice(0, limit);
}

/**
 * Dependencies kept per manifest. Real manifests list a few hundred at most; a crafted one with tens of
 * thousands would make the line look-ups below (one search of the text each) quadratic.
 */
export const MAX_DEPENDENCIES_PER_FILE = 1000;

export function parseDependencies(path: string, text: string): Dependency[] {
  const parser = PARSERS.find(({ pattern }) => pattern.test(path));
  if (!parser) return [];
  lineLookupsLeft = MAX_DEPENDENCIES_PER_FILE;
  try {
    return parser.parse(path, text).slice(0, MAX_DEPENDENCIES_PER_FILE);
  } catch {
    return [];
  }
}

/** Line look-ups left for the manifest being parsed; past the cap no dependency is kept anyway. */
let lineLookupsLeft = MAX_DEPENDENCIES_PER_FILE;

/**
 * Offsets where each line starts, so that a line number costs a binary search, not a scan of the text
 * (the text of the manifest being parsed is remembered: its dependencies are looked up one by one).
 */
let lastText: { text: string; starts: number[] } | undefined;

function startsOf(text: string): number[] {
  if (lastText?.text === text) return lastText.starts;
  const starts = lineStarts(text);
  lastText = { text, starts };
  return starts;
}

/** The first line that mentions a name, for evidence; a guess is better than no line. */
function lineOf(text: string, needle: string): number | undefined {
  const index = text.indexOf(needle);
  return index === -1 ? undefined : lineAtIndex(startsOf(text), index);
}

function withLine(text: string, dependency: Omit<Dependency, 'line'>, needle: string): Dependency {
  if (lineLookupsLeft <= 0) return dependency;
  lineLookupsLeft--;
  const line = lineOf(text, needle);
  return line === undefined ? dependency : { ...dependency, line };
}

/**
 * Licences that restrict use more than an open licence: source-available (SSPL, BUSL, Elastic, Commons
 * Clause, PolyForm), non-commercial or no-derivatives Creative Commons, and packages marked proprietary
 * or UNLICENSED (npm's word for "all rights reserved"). On short licence strings only.
 */
const RESTRICTIVE_LICENSE =
  /\b(SSPL|BUSL|BSL-1\.1|Elastic-2\.0|Elastic License|Commons[- ]Clause|PolyForm|CC-BY(-SA)?-NC|CC-BY-NC|CC-BY(-NC)?-ND|UNLICENSED|proprietary)\b/i;

/** Restrictive only when every choice is: "(MIT OR SSPL-1.0)" lets the user take MIT. */
export function isRestrictiveLicense(license: string): boolean {
  if (license.length > 200) return false;
  return license
    .replace(/[()]/g, ' ')
    .split(/\s+OR\s+/i)
    .every((choice) => RESTRICTIVE_LICENSE.test(choice));
}

/** package-lock.json v2/v3: `packages["node_modules/NAME"]` with its licence and dev/optional flags. */
function parsePackageLock(path: string, text: string): Dependency[] {
  const json = JSON.parse(text) as { packages?: Record<string, unknown> };
  const dependencies: Dependency[] = [];
  for (const [key, value] of Object.entries(json.packages ?? {})) {
    // Only installed packages: '' is the project, other keys without node_modules/ its own workspaces.
    if (!key.includes('node_modules/') || typeof value !== 'object' || value === null) continue;
    const entry = value as Record<string, unknown>;
    if (entry.link === true) continue;
    const license = typeof entry.license === 'string' ? entry.license : undefined;
    if (!license || !isRestrictiveLicense(license)) continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    // Only what the product needs at run time is mandatory: not dev, optional or peer-optional packages.
    const runtime = entry.dev !== true && entry.devOptional !== true && entry.optional !== true;
    dependencies.push(
      withLine(
        text,
        { ecosystem: 'npm', name, version: typeof entry.version === 'string' ? entry.version : '', path, runtime, license, fromLockfile: true },
        `"${key}"`,
      ),
    );
  }
  return dependencies;
}

/** composer.lock: `packages` (run time) and `packages-dev`, each with a list of licences. */
function parseComposerLock(path: string, text: string): Dependency[] {
  const json = JSON.parse(text) as Record<string, unknown>;
  const dependencies: Dependency[] = [];
  for (const [section, runtime] of [
    ['packages', true],
    ['packages-dev', false],
  ] as const) {
    const list = json[section];
    if (!Array.isArray(list)) continue;
    for (const value of list) {
      if (typeof value !== 'object' || value === null) continue;
      const entry = value as Record<string, unknown>;
      const licenses = Array.isArray(entry.license) ? entry.license.filter((item): item is string => typeof item === 'string') : [];
      const license = licenses.join(' OR ');
      if (typeof entry.name !== 'string' || !license || !isRestrictiveLicense(license)) continue;
      dependencies.push(
        withLine(
          text,
          {
            ecosystem: 'composer',
            name: entry.name,
            version: typeof entry.version === 'string' ? entry.version : '',
            path,
            runtime,
            license,
            fromLockfile: true,
          },
          `"${entry.name}"`,
        ),
      );
    }
  }
  return dependencies;
}

function parsePackageJson(path: string, text: string): Dependency[] {
  const json = JSON.parse(text) as Record<string, unknown>;
  const dependencies: Dependency[] = [];
  const sections: Array<[string, boolean]> = [
    ['dependencies', true],
    ['peerDependencies', true],
    ['optionalDependencies', false],
    ['devDependencies', false],
  ];
  for (const [section, runtime] of sections) {
    const entries = json[section];
    if (!entries || typeof entries !== 'object') continue;
    for (const [name, version] of Object.entries(entries as Record<string, unknown>)) {
      dependencies.push(withLine(text, { ecosystem: 'npm', name, version: String(version ?? ''), path, runtime }, `"${name}"`));
    }
  }
  return dependencies;
}

const PEP508 = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(\(?\s*[<>=!~][^;#]*)?/;

function pep508(path: string, text: string, requirement: string, runtime: boolean): Dependency | undefined {
  const match = PEP508.exec(requirement);
  if (!match?.[1]) return undefined;
  const version = (match[2] ?? '').replace(/[()\s]/g, '');
  return withLine(text, { ecosystem: 'pypi', name: match[1], version, path, runtime }, match[1]);
}

function parseRequirements(path: string, text: string): Dependency[] {
  const runtime = !/(dev|test|doc|lint)/i.test(path);
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('-'))
    .flatMap((line) => pep508(path, text, line, runtime) ?? []);
}

function parsePyproject(path: string, text: string): Dependency[] {
  // biome-ignore lint/suspicious/noExplicitAny: a TOML document of any shape; each field is type-checked where it is read
  const toml = parseToml(text) as Record<string, any>;
  const found: Dependency[] = [];
  for (const requirement of (toml.project?.dependencies as unknown[] | undefined) ?? []) {
    const dependency = typeof requirement === 'string' ? pep508(path, text, requirement, true) : undefined;
    if (dependency) found.push(dependency);
  }
  const poetry = toml.tool?.poetry?.dependencies as Record<string, unknown> | undefined;
  for (const [name, spec] of Object.entries(poetry ?? {})) {
    if (name.toLowerCase() === 'python') continue;
    const version =
      typeof spec === 'string' ? spec : typeof spec === 'object' && spec && 'version' in spec ? String((spec as { version: unknown }).version) : '';
    found.push(withLine(text, { ecosystem: 'pypi', name, version, path, runtime: true }, name));
  }
  return found;
}

function parsePom(path: string, text: string): Dependency[] {
  const found: Dependency[] = [];
  const properties = new Map<string, string>();
  for (const body of elementBodies(text, 'properties')) {
    for (const property of body.matchAll(/<([\w.-]+)>([^<]*)<\/\1>/g)) properties.set(property[1] ?? '', (property[2] ?? '').trim());
  }
  for (const body of elementBodies(text, 'dependency')) {
    const groupId = /<groupId>\s*([^<\s]+)\s*<\/groupId>/.exec(body)?.[1];
    const artifactId = /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(body)?.[1];
    if (!groupId || !artifactId) continue;
    let version = /<version>\s*([^<\s]+)\s*<\/version>/.exec(body)?.[1] ?? '';
    version = version.replace(/^\$\{([^}]+)\}$/, (whole, key: string) => properties.get(key) ?? whole);
    const scope = /<scope>\s*(\w+)\s*<\/scope>/.exec(body)?.[1] ?? 'compile';
    found.push(
      withLine(
        text,
        { ecosystem: 'maven', name: `${groupId}:${artifactId}`, version, path, runtime: scope !== 'test' && scope !== 'provided' },
        `<artifactId>${artifactId}</artifactId>`,
      ),
    );
  }
  return found;
}

/**
 * The bodies of `<name>…</name>` elements, as /<name>([\s\S]*?)<\/name>/g found them, in linear time:
 * that expression is quadratic on a file of openers without closers (seconds for 512 KiB).
 */
function elementBodies(text: string, name: string): string[] {
  const open = `<${name}>`;
  const close = `</${name}>`;
  const bodies: string[] = [];
  for (let start = text.indexOf(open); start !== -1; ) {
    const end = text.indexOf(close, start + open.length);
    // No closer after this opener means none after any later one.
    if (end === -1) break;
    bodies.push(text.slice(start + open.length, end));
    start = text.indexOf(open, end + close.length);
  }
  return bodies;
}

function parseGradle(path: string, text: string): Dependency[] {
  const found: Dependency[] = [];
  // The version and the rest up to the closing quote are matched possessively (a lookahead, then a
  // back-reference to what it saw), so a line without a closing quote fails at once instead of
  // backtracking over every split of the text (quadratic: 0.8 s for 32 KiB, minutes for 512 KiB).
  const pattern = /^[ \t]*(\w+)\s*(?:\(\s*)?(?:platform\()?["']([\w.-]+):([\w.-]+)(?::(?=([^"'@]+))\4)?(?=([^"']*))\5["']/gm;
  for (const match of text.matchAll(pattern)) {
    const configuration = match[1] ?? '';
    const runtime = !/^test|^androidTest|^debug|^kapt|^annotationProcessor|^compileOnly/i.test(configuration);
    found.push(withLine(text, { ecosystem: 'gradle', name: `${match[2]}:${match[3]}`, version: match[4] ?? '', path, runtime }, `${match[2]}:${match[3]}`));
  }
  return found;
}

function parseComposer(path: string, text: string): Dependency[] {
  const json = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
  const found: Dependency[] = [];
  for (const [section, runtime] of [
    ['require', true],
    ['require-dev', false],
  ] as const) {
    for (const [name, version] of Object.entries(json[section] ?? {})) {
      if (name === 'php' || name.startsWith('ext-')) continue;
      found.push(withLine(text, { ecosystem: 'composer', name, version: String(version), path, runtime }, `"${name}"`));
    }
  }
  return found;
}

function parseGoMod(path: string, text: string): Dependency[] {
  const found: Dependency[] = [];
  const lines = text.split(/\r?\n/);
  let inBlock = false;
  lines.forEach((raw, index) => {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (/^require\s*\($/.test(line)) inBlock = true;
    else if (inBlock && line === ')') inBlock = false;
    else {
      const match = (inBlock ? /^(\S+)\s+(\S+)/ : /^require\s+(\S+)\s+(\S+)/).exec(line);
      if (match?.[1] && match[2]) found.push({ ecosystem: 'go', name: match[1], version: match[2], path, line: index + 1, runtime: true });
    }
  });
  return found;
}

function parseGemfile(path: string, text: string): Dependency[] {
  const found: Dependency[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^\s*gem\s+["']([^"']+)["'](?:\s*,\s*["']([^"']+)["'])?/.exec(line);
    if (match?.[1]) found.push({ ecosystem: 'rubygems', name: match[1], version: match[2] ?? '', path, line: index + 1, runtime: true });
  });
  return found;
}

/** `name:tag` or `name@digest`, with an optional registry host; the tag is the version. */
export function splitImage(image: string): { name: string; version: string } {
  const withoutDigest = image.split('@')[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > lastSlash) return { name: withoutDigest.slice(0, colon), version: withoutDigest.slice(colon + 1) };
  return { name: withoutDigest, version: '' };
}

function parseCompose(path: string, text: string): Dependency[] {
  // Without yaml's duplicate-key check (quadratic: a mapping of 30,000 keys took 6 s; duplicates do
  // not matter here), nesting-bounded, silent: see src/util/yaml.ts.
  // A compose file that names no image has no dependency to report: no need to parse it.
  if (!/image/.test(text)) return [];
  const document = parseUntrustedYaml(text) as { services?: Record<string, { image?: unknown }> } | null;
  const found: Dependency[] = [];
  for (const service of Object.values(document?.services ?? {})) {
    if (typeof service?.image !== 'string') continue;
    const { name, version } = splitImage(service.image);
    found.push(withLine(text, { ecosystem: 'docker', name, version, path, runtime: true }, service.image));
  }
  return found;
}

function parseDockerfile(path: string, text: string): Dependency[] {
  const found: Dependency[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)/i.exec(line);
    if (!match?.[1] || match[1].toLowerCase() === 'scratch' || match[1].includes('$')) return;
    const { name, version } = splitImage(match[1]);
    found.push({ ecosystem: 'docker', name, version, path, line: index + 1, runtime: true });
  });
  return found;
}

function parseCsproj(path: string, text: string): Dependency[] {
  const found: Dependency[] = [];
  for (const match of text.matchAll(/<PackageReference\s+Include="([^"]+)"(?:\s+Version="([^"]*)")?/g)) {
    if (match[1]) found.push(withLine(text, { ecosystem: 'nuget', name: match[1], version: match[2] ?? '', path, runtime: true }, `"${match[1]}"`));
  }
  return found;
}
