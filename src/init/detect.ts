import { execFile } from 'node:child_process';
import { gatherFacts } from '../facts/gather.js';
import type { Facts } from '../facts/types.js';
import { approveExpression } from '../licenses/approval.js';
import type { Category, DpgManifest, LicenseCoverage, LicenseDeclaration } from '../manifest/types.js';
import { LocalSource } from '../source/local.js';
import { isHttpUrl, isRecord } from '../convert/answers.js';
import { readPubliccode } from '../convert/publiccode.js';
import { parseUntrustedYaml } from '../util/yaml.js';

/** What the repository shows, as the parts of a manifest it can answer, and where each came from. */
export interface Detected {
  manifest: Partial<DpgManifest>;
  /** "field: source" notes, shown by init so that people know what to check. */
  sources: Record<string, string>;
}

const AI_COVERAGES: LicenseCoverage[] = ['model-weights', 'training-code', 'training-data'];
const DATA_LICENSE = /^(ODbL|ODC-By|PDDL|CDLA)/;
const MODEL_FILE = /\.(onnx|safetensors|pt|pth|h5|gguf|tflite|pb|ckpt)$/i;
const DATA_FILE = /\.(csv|tsv|parquet|geojson|xlsx?|jsonl|ndjson)$/i;

/** Reads what the repository shows: package manifests, publiccode.yml, README, licences, copyright lines, community files, git remote. */
export async function detect(directory: string): Promise<Detected> {
  const { identifyLicenseText } = await import('../licenses/text/identify.js');
  const source = await LocalSource.open(directory);
  let facts: Facts;
  try {
    facts = await gatherFacts(source, { identifyLicenseText });
    const extra = await Promise.all(['package.json', 'publiccode.yml', 'publiccode.yaml'].map(async (name) => (facts.fileSet.has(name) ? source.readText(name, 256 * 1024) : undefined)));
    const texts = Object.fromEntries(extra.flatMap((read) => (read && 'text' in read && !read.binary ? [[read.path, read.text]] : [])));
    return fromFacts(facts, texts, await gitRemote(directory));
  } finally {
    await source.dispose();
  }
}

export function fromFacts(facts: Facts, texts: Record<string, string>, remote: string | undefined): Detected {
  const manifest: Partial<DpgManifest> = {};
  const sources: Record<string, string> = {};
  const set = <K extends keyof DpgManifest>(key: K, value: DpgManifest[K] | undefined, from: string): void => {
    if (value === undefined || (Array.isArray(value) && value.length === 0) || manifest[key] !== undefined) return;
    manifest[key] = value;
    sources[key] = from;
  };

  const pkg = parseJson(texts['package.json']);
  const publiccodeText = texts['publiccode.yml'] ?? texts['publiccode.yaml'];
  const publiccode = publiccodeText ? fromPubliccode(publiccodeText) : undefined;
  const heading = facts.readme?.headings.find((candidate) => candidate.level === 1)?.text.replace(/[`*_]/g, '').trim();

  set('name', publiccode?.name, 'publiccode.yml');
  set('name', heading, facts.readme?.path ?? 'README');
  set('name', typeof pkg?.name === 'string' ? pkg.name : undefined, 'package.json');
  set('description', typeof pkg?.description === 'string' && pkg.description !== '' ? pkg.description : undefined, 'package.json');
  set('description', publiccode?.description, 'publiccode.yml');
  set('description', facts.readme ? firstParagraph(facts.readme.text) : undefined, facts.readme?.path ?? 'README');
  set('website', typeof pkg?.homepage === 'string' && isHttpUrl(pkg.homepage) ? [pkg.homepage] : undefined, 'package.json');
  set('website', publiccode?.website, 'publiccode.yml');
  set('repositories', remote ? [remote] : undefined, 'git remote origin');
  set('repositories', repositoryOf(pkg), 'package.json');
  set('repositories', publiccode?.repositories, 'publiccode.yml');

  const categories = detectCategories(facts);
  set('categories', categories, 'the repository\'s files and licence');
  set('licenses', detectLicenses(facts, categories ?? ['software']), 'the licence files');

  const owner = detectOwner(facts, publiccode);
  if (owner) {
    manifest.ownership = { owners: [{ name: owner.name }], ...(owner.evidence ? { evidence: [owner.evidence] } : {}) };
    sources.ownership = owner.from;
  }
  const docs = [facts.readme?.path, facts.files.some((file) => file.startsWith('docs/')) ? 'docs/' : undefined, ...(facts.community.contributing ?? []).slice(0, 1)].filter((link): link is string => link !== undefined);
  if (docs.length > 0) {
    manifest.documentation = { links: docs };
    sources.documentation = 'README, docs/ and CONTRIBUTING';
  }
  const privacyPolicy = facts.community.privacy?.[0];
  if (privacyPolicy) {
    manifest.privacy = { evidence: [privacyPolicy] };
    sources.privacy = privacyPolicy;
  }
  const standards = [...new Map(facts.standardArtefacts.map((artefact) => [artefact.standard, artefact.path])).entries()].map(([name, path]) => ({ name, evidence: [path] }));
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

/** The categories the files suggest; undefined when nothing does (a person then says). */
function detectCategories(facts: Facts): Category[] | undefined {
  const expression = facts.licenses.expression;
  const hasCode = facts.dependencies.length > 0 || facts.files.some((file) => /\.(py|js|ts|java|go|rb|php|cs|kt|rs|c|cpp|swift|dart|r)$/i.test(file) && !file.startsWith('docs/'));
  if (facts.files.some((file) => MODEL_FILE.test(file)) || facts.files.some((file) => /^models?\//i.test(file))) return ['ai-system'];
  if (facts.fileSet.has('datapackage.json') || DATA_LICENSE.test(expression) || (facts.files.some((file) => /^data\//.test(file) && DATA_FILE.test(file)) && !facts.dependencies.length)) return ['data'];
  if (/\bCC-BY/.test(expression) && !facts.dependencies.length) return ['content'];
  return hasCode ? ['software'] : undefined;
}

/** One declaration per licence the project's licence files hold, with the file as evidence. */
function detectLicenses(facts: Facts, categories: Category[]): LicenseDeclaration[] | undefined {
  // The engine says which files speak for the project (the root's, or the only ones one level down).
  const files = facts.licenses.files.filter((file) => file.scope === 'project' && (file.role ?? 'licence') === 'licence' && file.spdx !== 'NOASSERTION' && !file.unreadable);
  if (files.length === 0) return undefined;
  const root = files.filter((file) => file.folder === '');
  // A single root licence: the engine's conclusion (it decides GPL -only / -or-later from notices).
  const entries = root.length === 1 && files.every((file) => file.spdx === root[0]?.spdx) && !/ AND /.test(facts.licenses.expression) && !/^(NONE|NOASSERTION)$/.test(facts.licenses.expression)
    ? [{ expression: facts.licenses.expression, evidence: root[0]?.path as string }]
    : [...new Map(files.map((file) => [file.spdx, file.path])).entries()].map(([expression, evidence]) => ({ expression, evidence }));
  if (!categories.includes('ai-system')) return entries;
  // An AI system's licences must each say what they cover: code and weights, or training data.
  return entries.map((entry) => {
    const covers = entries.length === 1 ? AI_COVERAGES : AI_COVERAGES.filter((coverage) => approveExpression(entry.expression, coverage).approval !== 'not-approved' && (coverage === 'training-data') === !/^(Apache|MIT|BSD|GPL|LGPL|AGPL|MPL|EPL|ISC)/.test(entry.expression));
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
  return first.replace(/\s*(,|and)?\s*(its |other |the )?(contributors|authors)\.?$/i, '').replace(/[.,;\s]+$/, '').trim() || holder;
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
    return { name: manifest.name, ...(manifest.description ? { description: manifest.description } : {}), ...(manifest.website ? { website: manifest.website } : {}), ...(manifest.repositories ? { repositories: manifest.repositories } : {}), ...(manifest.ownership?.owners?.[0] ? { owner: manifest.ownership.owners[0].name } : {}), ...(manifest.contact ? { contact: { name: manifest.contact.name, email: manifest.contact.email } } : {}) };
  } catch {
    return undefined;
  }
}

/** The first paragraph of prose in a README: what most READMEs say the project is. */
function firstParagraph(text: string): string | undefined {
  const paragraphs = text.replace(/```[\s\S]*?```/g, '').split(/\n\s*\n/).map((block) => block.trim());
  const prose = paragraphs.find((block) => block !== '' && !/^(#|!\[|\[!\[|<|\||[-*] |>)/.test(block) && /[a-z]{3}/i.test(block));
  if (!prose) return undefined;
  const flat = prose.replace(/\s+/g, ' ').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '');
  const sentence = /^(.{20,280}?[.!?])(\s|$)/.exec(flat)?.[1];
  return sentence ?? flat.slice(0, 280);
}

function repositoryOf(pkg: Record<string, unknown> | undefined): string[] | undefined {
  const repository = pkg?.repository;
  const url = typeof repository === 'string' ? repository : isRecord(repository) && typeof repository.url === 'string' ? repository.url : undefined;
  const normalised = url ? normaliseGitUrl(url) : undefined;
  return normalised ? [normalised] : undefined;
}

/** git@github.com:o/r.git, git+https://..., ssh://git@host/o/r -> https://host/o/r. */
export function normaliseGitUrl(url: string): string | undefined {
  const trimmed = url.trim().replace(/^git\+/, '');
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
    execFile('git', ['remote', 'get-url', 'origin'], { cwd: directory, timeout: 10_000 }, (error, stdout) => resolve(error ? undefined : normaliseGitUrl(stdout)));
  });
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const data = JSON.parse(text) as unknown;
    return isRecord(data) ? data : undefined;
  } catch {
    return undefined;
  }
}
