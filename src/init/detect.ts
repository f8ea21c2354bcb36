import { execFile } from 'node:child_process';
import { gatherFacts } from '../facts/gather.js';
import type { Facts } from '../facts/types.js';
import { approveExpression } from '../licenses/approval.js';
import type { Category, DpgManifest, LicenseCoverage, LicenseDeclaration } from '../manifest/types.js';
import { LocalSource } from '../source/local.js';
import { isFileText } from '../source/types.js';
import { isHttpUrl, isRecord } from '../convert/answers.js';
import { readPubliccode } from '../convert/publiccode.js';
import { findProprietaryDependencies } from '../indicators/proprietary-components.js';
import { MANIFEST_FILE_NAMES } from '../manifest/load.js';
import { parseUntrustedYaml } from '../util/yaml.js';
import { PACKAGE_FILES, readPackageMetadata } from './packages.js';

/** What the repository shows, as the parts of a manifest it can answer, and where each came from. */
export interface Detected {
  /** The answers init proposes: an existing manifest's (with --force), completed by what the repository shows. */
  manifest: Partial<DpgManifest>;
  /** "field: source" notes for what came from the repository, shown by init so that people know what to check. */
  sources: Record<string, string>;
  /** The manifest whose answers were kept (init --force), and how many problems (syntax, schema) kept some of it out. */
  existing?: { path: string; problems: number };
  /** The repository's files, so that answers naming a path can be checked as `check` does. */
  facts?: Facts;
}

/** Root files read for names, descriptions and addresses, besides those gatherFacts reads. */
const METADATA_FILES = [...PACKAGE_FILES, 'publiccode.yml', 'publiccode.yaml'];

const AI_COVERAGES: LicenseCoverage[] = ['model-weights', 'training-code', 'training-data'];
const DATA_LICENSE = /^(ODbL|ODC-By|PDDL|CDLA)/;
const MODEL_FILE = /\.(onnx|safetensors|pt|pth|h5|gguf|tflite|pb|ckpt)$/i;
const DATA_FILE = /\.(csv|tsv|parquet|geojson|xlsx?|jsonl|ndjson)$/i;

/**
 * Reads what the repository shows: package manifests, publiccode.yml, README, licences, copyright
 * lines, community files, the privacy policy, dependencies, git remote. With `keepExisting` (init
 * --force), the answers of the manifest already there come first and the repository fills the gaps.
 */
export async function detect(directory: string, options: { keepExisting?: boolean } = {}): Promise<Detected> {
  const { identifyLicenseText } = await import('../licenses/text/identify.js');
  const source = await LocalSource.open(directory);
  let facts: Facts;
  try {
    facts = await gatherFacts(source, { identifyLicenseText });
    const privacyPolicy = facts.community.privacy?.[0];
    const wanted = [...METADATA_FILES, ...(privacyPolicy ? [privacyPolicy] : [])].filter((name) => facts.listed.has(name));
    const reads = await Promise.all(wanted.map(async (name) => facts.texts.get(name) ?? source.readText(name, 256 * 1024)));
    const texts = Object.fromEntries(reads.flatMap((read) => (isFileText(read) && !read.binary ? [[read.path, read.text]] : [])));
    const detected = fromFacts(facts, texts, await gitRemote(directory));
    const existing = options.keepExisting ? existingManifest(facts) : undefined;
    return {
      ...(existing ? withExisting(existing.manifest, detected) : detected),
      ...(existing ? { existing: { path: existing.path, problems: existing.problems } } : {}),
      facts,
    };
  } finally {
    await source.dispose();
  }
}

/** The repository's own dpg manifest (not one converted from a registry record or publiccode.yml): its valid part. */
function existingManifest(facts: Facts): { path: string; manifest: DpgManifest; problems: number } | undefined {
  const loaded = facts.manifest;
  if (!loaded?.data || !(MANIFEST_FILE_NAMES as readonly string[]).includes(loaded.path) || loaded.convertedFrom) return undefined;
  const { $schema: _schema, ...manifest } = loaded.data as DpgManifest & { $schema?: string };
  return { path: loaded.path, manifest, problems: loaded.problems.length };
}

/**
 * The existing manifest's answers, completed by the repository's: an answer already given is kept as
 * it is (an empty one, `sdgs: []`, counts as not given), and what the repository shows fills the rest.
 * Only what the repository filled is noted as detected.
 */
export function withExisting(existing: DpgManifest, detected: Detected): Detected {
  const manifest = fillEmpty(existing, detected.manifest) as Partial<DpgManifest>;
  // Closed components are one answer: a manifest that says "none" is not given the detected ones beside it.
  if (existing.platformIndependence && !isEmptyValue(existing.platformIndependence)) manifest.platformIndependence = existing.platformIndependence;
  const sources = Object.fromEntries(
    Object.entries(detected.sources).filter(
      ([key]) => JSON.stringify(manifest[key as keyof DpgManifest]) !== JSON.stringify(existing[key as keyof DpgManifest]),
    ),
  );
  return { manifest, sources };
}

function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.values(value).every(isEmptyValue);
  return false;
}

function fillEmpty(existing: unknown, detected: unknown): unknown {
  if (detected === undefined) return existing;
  if (isEmptyValue(existing) && !isRecord(existing)) return detected;
  if (isRecord(existing) && isRecord(detected)) {
    const result: Record<string, unknown> = { ...existing };
    for (const [key, value] of Object.entries(detected)) result[key] = fillEmpty(existing[key], value);
    return result;
  }
  return existing;
}

export function fromFacts(facts: Facts, texts: Record<string, string>, remote: string | undefined): Detected {
  const manifest: Partial<DpgManifest> = {};
  const sources: Record<string, string> = {};
  const set = <K extends keyof DpgManifest>(key: K, value: DpgManifest[K] | undefined, from: string): void => {
    if (value === undefined || (Array.isArray(value) && value.length === 0) || manifest[key] !== undefined) return;
    manifest[key] = value;
    sources[key] = from;
  };

  const packages = readPackageMetadata(texts);
  const publiccodeText = texts['publiccode.yml'] ?? texts['publiccode.yaml'];
  const publiccode = publiccodeText ? fromPubliccode(publiccodeText) : undefined;
  const heading = facts.readme?.headings
    .find((candidate) => candidate.level === 1)
    ?.text.replace(/[`*_]/g, '')
    .trim();
  const readmePath = facts.readme?.path ?? 'README';
  const named = packages.find((pkg) => pkg.name !== undefined);

  set('name', publiccode?.name, 'publiccode.yml');
  // The package's name, unless the README's title is that name written out ("openclinic-registry" is
  // "OpenClinic Registry", "leafscan" is "LeafScan Cassava Disease Classifier").
  if (named?.name && heading && spellsOut(heading, named.name)) set('name', heading, `${readmePath}, spelling out ${named.file}'s name ${named.name}`);
  set('name', named?.name, named?.file ?? '');
  set('name', heading, readmePath);
  for (const pkg of packages) set('description', pkg.description, pkg.file);
  set('description', publiccode?.description, 'publiccode.yml');
  set('description', facts.readme ? firstParagraph(facts.readme.text) : undefined, readmePath);

  const repositoryCandidates: Array<[string, string]> = [
    ...(remote ? [[remote, 'git remote origin'] as [string, string]] : []),
    ...packages.flatMap((pkg) => {
      const url = pkg.repository ? normaliseGitUrl(pkg.repository) : undefined;
      return url ? [[url, pkg.file] as [string, string]] : [];
    }),
  ];
  const repositoryUrls = new Set(repositoryCandidates.map(([url]) => comparable(url)));
  // npm writes `homepage: https://github.com/o/r#readme`: a page of the code host is the repository, not a website.
  const isWebsite = (url: string | undefined): url is string =>
    url !== undefined && isHttpUrl(url) && !CODE_HOST_PAGE.test(url) && !repositoryUrls.has(comparable(url));
  for (const pkg of packages) set('website', isWebsite(pkg.homepage) ? [pkg.homepage] : undefined, pkg.file);
  set('website', publiccode?.website, 'publiccode.yml');
  for (const [url, from] of repositoryCandidates) set('repositories', [url], from);
  set('repositories', publiccode?.repositories, 'publiccode.yml');

  const categories = detectCategories(facts);
  set('categories', categories, "the repository's files and licence");
  set('licenses', detectLicenses(facts, categories ?? ['software']), 'the licence files');
  // Without a licence file, what the package manifests declare (check then asks for the file itself).
  const declared = facts.licenses.declarations.filter((declaration) => declaration.source !== 'dpg-manifest' && declaration.expression !== 'NOASSERTION');
  set('licenses', declared[0] ? [{ expression: declared[0].expression }] : undefined, `${declared[0]?.path ?? ''}'s licence field (no licence file was found)`);

  const owner = detectOwner(facts, publiccode);
  if (owner) {
    manifest.ownership = { owners: [{ name: owner.name }], ...(owner.evidence ? { evidence: [owner.evidence] } : {}) };
    sources.ownership = owner.from;
  }
  const documentationSite = packages.find((pkg) => pkg.documentation && isHttpUrl(pkg.documentation));
  const docs = [
    facts.readme?.path,
    facts.files.some((file) => file.startsWith('docs/')) ? 'docs/' : undefined,
    ...(facts.community.contributing ?? []).slice(0, 1),
    documentationSite?.documentation,
  ].filter((link): link is string => link !== undefined);
  if (docs.length > 0) {
    manifest.documentation = { links: docs };
    sources.documentation = ['README, docs/ and CONTRIBUTING', ...(documentationSite ? [`${documentationSite.file}'s documentation URL`] : [])].join(', ');
  }
  const privacyPolicy = facts.community.privacy?.[0];
  if (privacyPolicy) {
    const laws = lawsNamedIn(texts[privacyPolicy] ?? '');
    manifest.privacy = { ...(laws.length > 0 ? { laws: laws.map((name) => ({ name, evidence: [privacyPolicy] })) } : {}), evidence: [privacyPolicy] };
    sources.privacy = laws.length > 0 ? `${privacyPolicy} (the laws it names)` : privacyPolicy;
  }
  const closed = closedComponents(facts);
  if (closed) {
    manifest.platformIndependence = { hasClosedComponents: true, closedComponents: closed.components };
    sources.platformIndependence = `${closed.from}: known closed components (dpg-check's list), with their open alternatives`;
  }
  const standards = [...new Map(facts.standardArtefacts.map((artefact) => [artefact.standard, artefact.path])).entries()].map(([name, path]) => ({
    name,
    evidence: [path],
  }));
  if (standards.length > 0) {
    manifest.standards = { openStandards: standards };
    sources.standards = 'standard files in the repository';
  }
  const conduct = facts.community.codeOfConduct?.[0];
  const security = facts.community.security?.[0];
  if (conduct || security) {
    manifest.doNoHarm = { ...(security ? { privacy: { evidence: [security] } } : {}), ...(conduct ? { harassment: { codeOfConduct: conduct } } : {}) };
    sources.doNoHarm = [security, conduct].filter(Boolean).join(', ');
  }
  if (publiccode?.contact) {
    manifest.contact = publiccode.contact;
    sources.contact = 'publiccode.yml';
  }
  return { manifest, sources };
}

/** "OpenClinic Registry" spells out "openclinic-registry": its words, run together, begin with the package's name. */
function spellsOut(heading: string, packageName: string): boolean {
  const target = packageName.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  if (target.length < 3 || heading.length > 80) return false;
  let joined = '';
  for (const word of heading
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)) {
    joined += word;
    if (joined === target) return true;
    if (!target.startsWith(joined)) return false;
  }
  return false;
}

/** A page on a code host (not its Pages sites, which are websites). */
const CODE_HOST_PAGE = /^https?:\/\/(www\.)?(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)\//i;

/** A URL as compared with another: no fragment, query, trailing slash, `.git` or case. */
function comparable(url: string): string {
  const cut = url.search(/[#?]/);
  let end = cut < 0 ? url.length : cut;
  while (end > 0 && url[end - 1] === '/') end--;
  const bare = url.slice(0, end);
  return (bare.endsWith('.git') ? bare.slice(0, -4) : bare).toLowerCase();
}

/** Privacy and data-protection laws as a privacy policy names them, and the name init writes. */
const LAWS: Array<[RegExp, string]> = [
  [/\bGDPR\b|General Data Protection Regulation/i, 'General Data Protection Regulation (GDPR)'],
  [/\bCCPA\b|California Consumer Privacy Act/i, 'California Consumer Privacy Act (CCPA)'],
  [/\bHIPAA\b|Health Insurance Portability and Accountability Act/i, 'Health Insurance Portability and Accountability Act (HIPAA)'],
  [/\bCOPPA\b|Children'?s Online Privacy Protection Act/i, "Children's Online Privacy Protection Act (COPPA)"],
  [/\bFERPA\b|Family Educational Rights and Privacy Act/i, 'Family Educational Rights and Privacy Act (FERPA)'],
  [/\bPIPEDA\b|Personal Information Protection and Electronic Documents Act/i, 'Personal Information Protection and Electronic Documents Act (PIPEDA)'],
  [/\bLGPD\b|Lei Geral de Prote[cç][aã]o de Dados/i, 'Lei Geral de Proteção de Dados (LGPD)'],
  [/\bPOPIA\b|Protection of Personal Information Act/i, 'Protection of Personal Information Act (POPIA)'],
  [/\bNDPR\b|\bNDPA\b|Nigeria Data Protection/i, 'Nigeria Data Protection Act (NDPA)'],
  [/\bDPDP\b|Digital Personal Data Protection Act/i, 'Digital Personal Data Protection Act (DPDP)'],
  [/Kenya Data Protection Act/i, 'Kenya Data Protection Act 2019'],
  [/Uganda Data Protection and Privacy Act/i, 'Uganda Data Protection and Privacy Act 2019'],
  [/UK Data Protection Act|Data Protection Act 2018/i, 'UK Data Protection Act 2018'],
];
const NEGATION = /\b(not|no longer|never|neither|nor)\b/i;

/**
 * The laws a privacy policy names, where the sentence that names one does not deny it ("we are not
 * a HIPAA covered entity"). Each pattern is a handful of literals: linear in the text's length.
 */
export function lawsNamedIn(text: string): string[] {
  const found: string[] = [];
  const sample = text.slice(0, 256 * 1024);
  for (const [pattern, name] of LAWS) {
    const global = new RegExp(pattern.source, 'gi');
    let count = 0;
    for (const match of sample.matchAll(global)) {
      if (++count > 20) break;
      const start = Math.max(sample.lastIndexOf('.', match.index), sample.lastIndexOf('\n', match.index)) + 1;
      const ends = [sample.indexOf('.', match.index + match[0].length), sample.indexOf('\n', match.index + match[0].length)].filter((index) => index >= 0);
      const sentence = sample.slice(start, ends.length > 0 ? Math.min(...ends) : sample.length);
      if (!NEGATION.test(sentence)) {
        found.push(name);
        break;
      }
    }
  }
  return found;
}

/** The known closed components among the dependencies (dpg-check's curated list), with the open alternatives it names. */
function closedComponents(facts: Facts): { components: Array<{ name: string; openAlternatives: string[] }>; from: string } | undefined {
  const matches = findProprietaryDependencies(facts.dependencies);
  if (matches.length === 0) return undefined;
  const components = [
    ...new Map(
      matches.map(({ component }) => [component.id, { name: component.name, openAlternatives: component.alternatives.map((alternative) => alternative.name) }]),
    ).values(),
  ];
  const from = [...new Set(matches.map(({ dependency }) => `${dependency.path} (${dependency.name})`))].join(', ');
  return { components, from };
}

/** The categories the files suggest; undefined when nothing does (a person then says). */
function detectCategories(facts: Facts): Category[] | undefined {
  const expression = facts.licenses.expression;
  const hasCode =
    facts.dependencies.length > 0 ||
    facts.files.some((file) => /\.(py|js|ts|java|go|rb|php|cs|kt|rs|c|cpp|swift|dart|r)$/i.test(file) && !file.startsWith('docs/'));
  if (facts.files.some((file) => MODEL_FILE.test(file)) || facts.files.some((file) => /^models?\//i.test(file))) return ['ai-system'];
  if (
    facts.listed.has('datapackage.json') ||
    DATA_LICENSE.test(expression) ||
    (facts.files.some((file) => /^data\//.test(file) && DATA_FILE.test(file)) && !facts.dependencies.length)
  )
    return ['data'];
  if (/\bCC-BY/.test(expression) && !facts.dependencies.length) return ['content'];
  return hasCode ? ['software'] : undefined;
}

/** One declaration per licence the project's licence files hold, with the file as evidence. */
function detectLicenses(facts: Facts, categories: Category[]): LicenseDeclaration[] | undefined {
  // The engine says which files speak for the project (the root's, or the only ones one level down).
  const files = facts.licenses.files.filter(
    (file) => file.scope === 'project' && (file.role ?? 'licence') === 'licence' && file.spdx !== 'NOASSERTION' && !file.unreadable,
  );
  if (files.length === 0) return undefined;
  const root = files.filter((file) => file.folder === '');
  // A single root licence: the engine's conclusion (it decides GPL -only / -or-later from notices).
  const entries =
    root.length === 1 &&
    files.every((file) => file.spdx === root[0]?.spdx) &&
    !/ AND /.test(facts.licenses.expression) &&
    !/^(NONE|NOASSERTION)$/.test(facts.licenses.expression)
      ? [{ expression: facts.licenses.expression, evidence: root[0]?.path as string }]
      : [...new Map(files.map((file) => [file.spdx, file.path])).entries()].map(([expression, evidence]) => ({ expression, evidence }));
  if (!categories.includes('ai-system')) return entries;
  // An AI system's licences must each say what they cover: code and weights, or training data.
  return entries.map((entry) => {
    const covers =
      entries.length === 1
        ? AI_COVERAGES
        : AI_COVERAGES.filter(
            (coverage) =>
              approveExpression(entry.expression, coverage).approval !== 'not-approved' &&
              (coverage === 'training-data') === !/^(Apache|MIT|BSD|GPL|LGPL|AGPL|MPL|EPL|ISC)/.test(entry.expression),
          );
    return covers.length > 0 ? { ...entry, covers } : entry;
  });
}

function detectOwner(facts: Facts, publiccode: PubliccodeParts | undefined): { name: string; evidence?: string; from: string } | undefined {
  const lines = facts.copyrights.filter((line) => !line.placeholder && line.holder !== '');
  const rank = (path: string): number => (/^(NOTICE|COPYRIGHT)/i.test(path) ? 0 : /LICEN[CS]E/i.test(path) ? 1 : 2);
  const best = [...lines].sort((a, b) => rank(a.path) - rank(b.path))[0];
  if (best) return { name: cleanHolder(best.holder), evidence: best.path, from: `${best.path} line ${best.line}` };
  if (publiccode?.owner) return { name: publiccode.owner, from: 'publiccode.yml' };
  return undefined;
}

/** "Example Foundation and contributors." -> "Example Foundation". */
function cleanHolder(holder: string): string {
  // A README line goes on after the holder: "... Trust. The lessons are licensed under ...".
  const first = holder.split(/\.\s+(?=[A-Z])/)[0] ?? holder;
  return (
    first
      .replace(/\s*(,|and)?\s*(its |other |the )?(contributors|authors)\.?$/i, '')
      .replace(/[.,;\s]+$/, '')
      .trim() || holder
  );
}

interface PubliccodeParts {
  name?: string;
  description?: string;
  website?: string[];
  repositories?: string[];
  owner?: string;
  contact?: { name: string; email: string };
}

function fromPubliccode(text: string): PubliccodeParts | undefined {
  try {
    const data = parseUntrustedYaml(text);
    if (!isRecord(data)) return undefined;
    const { manifest } = readPubliccode(data);
    return {
      name: manifest.name,
      ...(manifest.description ? { description: manifest.description } : {}),
      ...(manifest.website ? { website: manifest.website } : {}),
      ...(manifest.repositories ? { repositories: manifest.repositories } : {}),
      ...(manifest.ownership?.owners?.[0] ? { owner: manifest.ownership.owners[0].name } : {}),
      ...(manifest.contact ? { contact: { name: manifest.contact.name, email: manifest.contact.email } } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The first paragraph of prose in a README: what most READMEs say the project is. */
function firstParagraph(text: string): string | undefined {
  const paragraphs = text
    .replace(/```[\s\S]*?```/g, '')
    .split(/\n\s*\n/)
    .map((block) => block.trim());
  const prose = paragraphs.find((block) => block !== '' && !/^(#|!\[|\[!\[|<|\||[-*] |>)/.test(block) && /[a-z]{3}/i.test(block));
  if (!prose) return undefined;
  const flat = prose
    .replace(/\s+/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '');
  const sentence = /^(.{20,280}?[.!?])(\s|$)/.exec(flat)?.[1];
  return sentence ?? flat.slice(0, 280);
}

/** git@github.com:o/r.git, git+https://..., ssh://git@host/o/r -> https://host/o/r. */
export function normaliseGitUrl(url: string): string | undefined {
  const trimmed = url.trim().replace(/^git\+/, '');
  // npm's shorthands: `github:o/r`, `gitlab:o/r`, `bitbucket:o/r`, and a bare `o/r` on GitHub.
  const shorthand = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(trimmed);
  if (shorthand)
    return `https://${shorthand[1] === 'gitlab' ? 'gitlab.com' : shorthand[1] === 'bitbucket' ? 'bitbucket.org' : 'github.com'}/${(shorthand[2] as string).replace(/\.git$/, '')}`;
  const scp = /^[\w.-]+@([\w.-]+):(.+?)(\.git)?\/?$/.exec(trimmed);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  const ssh = /^ssh:\/\/(?:[\w.-]+@)?([\w.-]+)(?::\d+)?\/(.+?)(\.git)?\/?$/.exec(trimmed);
  if (ssh) return `https://${ssh[1]}/${ssh[2]}`;
  const https = /^https?:\/\/(?:[^@/]+@)?([^/]+)\/(.+?)(\.git)?\/?$/.exec(trimmed);
  // Credentials in a remote URL are never copied into a manifest.
  if (https) return `https://${https[1]}/${https[2]}`;
  return undefined;
}

function gitRemote(directory: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['remote', 'get-url', 'origin'], { cwd: directory, timeout: 10_000 }, (error, stdout) =>
      resolve(error ? undefined : normaliseGitUrl(stdout)),
    );
  });
}
