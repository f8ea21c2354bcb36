import { parse as parseToml } from 'smol-toml';
import type { FileText } from '../source/types.js';
import { FOREIGN_FOLDER, isLicenseFileName } from './candidates.js';
import { normalizeExpression } from './spdx.js';
import { parseUntrustedYaml } from '../util/yaml.js';
import type { InventoryPart, LicenseFileFact, LicenseInventory, LicenseInventoryEntry } from './types.js';
import { type PathLookup, pathLookup } from '../util/path-lookup.js';

/**
 * The per-file licence inventory (issue 14): every place in the tree that says under which licence
 * some part of it is, so that Standard 1.1.7's "fully openly licensed" can be judged part by part.
 * The project's licence (detect.ts) answers "what is the project under"; the inventory answers "is
 * anything in it under something else".
 *
 * Planning works on the listing alone (one pass, by name); building works on the texts read.
 */

/** How many of each kind of file the inventory reads at most: enough to judge, bounded on any tree. */
const MAX_LICENSE_FILES = 100;
const MAX_SIDECARS = 100;
const MAX_CARDS = 20;
/** Vendored licence files are listed, not read: the first this many by path. */
const MAX_VENDORED_LISTED = 200;

/** The REUSE files that annotate paths with licences. */
const REUSE_FILES = ['REUSE.toml', '.reuse/dep5'] as const;

/** A REUSE sidecar: `photo.jpg.license` licenses `photo.jpg`. */
const SIDECAR = /^[^/]*[^/.][^/]*\.license$/i;

/** A Hugging Face-style card by name: MODEL_CARD.md, dataset_card.md, datacard.md. */
const CARD_NAME = /^(?:model|dataset|data)[-_ ]?card\.md$/i;

/** Files that are model weights or data sets: a README beside them is their card. */
const WEIGHTS_FILE = /\.(?:safetensors|gguf|onnx|pt|pth|ckpt|h5|tflite|mlmodel|pb)$/i;
const DATA_FILE = /\.(?:csv|tsv|parquet|arrow|jsonl|ndjson|geojson|shp|gpkg|xlsx?|ods|sqlite|feather|nc)$/i;
const CONTENT_FILE = /\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?|ico|mp3|wav|ogg|flac|mp4|webm|mov|avi|pdf|epub|ttf|otf|woff2?|psd|ai|xcf)$/i;

/** Folder names that say what their files are. */
const DATA_FOLDER = /^(?:data|datasets?|databases?|db|corpus|corpora)$/i;
const CONTENT_FOLDER =
  /^(?:docs?|documentation|assets|media|images?|img|pictures|photos|illustrations|fonts?|icons|art|artwork|audio|videos?|books?|stories|content|translations|brand)$/i;
const MODEL_FOLDER = /^(?:models?|weights|checkpoints)$/i;

/**
 * A first test over every path: an inventory file has one of these in its path (licence names and
 * sidecars "licen[cs]e", "copying", cards "card", LICENSES/ folders, or a weights or data extension).
 */
export const MAYBE_INVENTORY =
  /licen[cs]e|copying|card|\.(?:safetensors|gguf|onnx|pt|pth|ckpt|h5|tflite|mlmodel|pb|csv|tsv|parquet|arrow|jsonl|ndjson|geojson|shp|gpkg|xlsx?|ods|sqlite|feather|nc)$/i;

export interface InventoryPlan {
  /** The project's own licence files anywhere in the tree (the engine's candidates among them). */
  licenseFiles: string[];
  /** Licence files in vendored, dependency or test-data folders: listed, not read. */
  vendored: string[];
  reuseFiles: string[];
  sidecars: string[];
  cards: string[];
  /** More licence files or sidecars than are read. */
  truncated: boolean;
}

/** One pass over the listing: which files the inventory reads. */
export function planInventory(files: readonly string[], listed: PathLookup = pathLookup(files)): InventoryPlan {
  const licenseFiles: string[] = [];
  const vendored: string[] = [];
  const sidecars: string[] = [];
  const cards: string[] = [];
  const cardFolders = new Set<string>();
  let truncated = false;
  for (const file of files) {
    // Most paths are none of these: one cheap test on the whole path rules them out before any slicing.
    if (!MAYBE_INVENTORY.test(file)) continue;
    const slash = file.lastIndexOf('/');
    const basename = slash === -1 ? file : file.slice(slash + 1);
    const folder = slash === -1 ? '' : file.slice(0, slash);
    if (isLicenseFileName(basename) || /(^|\/)LICENSES$/.test(folder)) {
      if (FOREIGN_FOLDER.test(folder)) {
        if (vendored.length < MAX_VENDORED_LISTED) vendored.push(file);
        else truncated = true;
      } else if (licenseFiles.length < MAX_LICENSE_FILES) licenseFiles.push(file);
      else truncated = true;
      continue;
    }
    if (SIDECAR.test(basename)) {
      if (FOREIGN_FOLDER.test(folder)) continue;
      if (sidecars.length < MAX_SIDECARS) sidecars.push(file);
      else truncated = true;
    } else if (CARD_NAME.test(basename)) {
      if (cards.length < MAX_CARDS && !FOREIGN_FOLDER.test(folder)) cards.push(file);
    } else if (folder !== '' && (WEIGHTS_FILE.test(basename) || DATA_FILE.test(basename)) && !cardFolders.has(folder)) {
      cardFolders.add(folder);
      const readme = `${folder}/README.md`;
      if (cards.length < MAX_CARDS && listed.has(readme) && !FOREIGN_FOLDER.test(folder)) cards.push(readme);
    }
  }
  const reuseFiles = REUSE_FILES.filter((name) => listed.has(name));
  return { licenseFiles, vendored, reuseFiles, sidecars, cards: [...new Set(cards)], truncated };
}

/** Every file the inventory reads whole. */
export function inventoryReads(plan: InventoryPlan): string[] {
  return [...plan.licenseFiles, ...plan.reuseFiles, ...plan.sidecars, ...plan.cards];
}

export interface InventoryInputs {
  plan: InventoryPlan;
  texts: ReadonlyMap<string, FileText>;
  /** Every licence file identified: the engine's candidates and the inventory's other licence files. */
  licenseFiles: readonly LicenseFileFact[];
  /** Sampled source files, read for their headers. */
  headers?: ReadonlyMap<string, FileText>;
  readmePath?: string;
}

export function buildInventory(inputs: InventoryInputs): LicenseInventory {
  const entries: LicenseInventoryEntry[] = [];
  const problems: LicenseInventory['problems'] = [];
  for (const file of inputs.licenseFiles) {
    if (file.unreadable || file.role === 'included' || file.role === 'stub') continue;
    const projectLevel = file.scope === 'project';
    const part = file.covers ? { part: file.covers, partFrom: 'file-name' as const } : projectLevel ? undefined : partOfFolder(file.folder);
    entries.push({
      path: file.path,
      kind: 'licence-file',
      spdx: file.role === 'empty' ? 'NONE' : file.spdx,
      appliesTo: [projectLevel ? '' : `${file.folder}/`],
      ...(projectLevel ? { projectLevel: true } : {}),
      ...(part ?? {}),
    });
    const text = inputs.texts.get(file.path);
    // A licence-named file that grants nothing but reserves the rights is a notice against openness.
    // An unidentified text that resembles a licence (a BSD text with an extra sentence) grants one.
    if (text && !text.binary && (file.role === 'empty' || (file.spdx === 'NOASSERTION' && !file.closest)))
      entries.push(...rightsNotices(text, [projectLevel ? '' : `${file.folder}/`], part));
  }
  for (const path of inputs.plan.reuseFiles) {
    const text = inputs.texts.get(path);
    if (!text || text.binary) continue;
    const result = path.endsWith('dep5') ? dep5Entries(text) : reuseTomlEntries(text);
    entries.push(...result.entries);
    problems.push(...result.problems);
  }
  for (const path of inputs.plan.sidecars) {
    const text = inputs.texts.get(path);
    if (!text || text.binary) continue;
    const licensed = path.slice(0, -'.license'.length);
    for (const { expression, line } of spdxIdentifiers(text.text)) {
      entries.push({ path, line, kind: 'sidecar', spdx: expression, appliesTo: [licensed], ...(partOfPath(licensed) ?? {}) });
    }
  }
  for (const path of [...new Set([...(inputs.readmePath ? [inputs.readmePath] : []), ...inputs.plan.cards])]) {
    const text = inputs.texts.get(path);
    if (!text || text.binary) continue;
    const card = cardLicense(text.text);
    if (!card) continue;
    const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const part = card.part ? { part: card.part, partFrom: 'card' as const } : path === inputs.readmePath ? undefined : partOfCardFolder(path, folder);
    entries.push({ path, line: card.line, kind: 'card', spdx: card.spdx, written: card.raw, appliesTo: [folder === '' ? '' : `${folder}/`], ...(part ?? {}) });
  }
  for (const file of [...(inputs.headers?.values() ?? [])].sort((a, b) => a.path.localeCompare(b.path))) {
    const identifiers = spdxIdentifiers(file.text);
    for (const { expression, line } of identifiers.slice(0, 1))
      entries.push({ path: file.path, line, kind: 'spdx-header', spdx: expression, appliesTo: [file.path], part: 'software', partFrom: 'files' });
    if (identifiers.length === 0) entries.push(...rightsNotices(file, [file.path], { part: 'software', partFrom: 'files' }));
  }
  const readme = inputs.readmePath ? inputs.texts.get(inputs.readmePath) : undefined;
  if (readme && !readme.binary) entries.push(...permissionNotices(readme));
  return { entries, vendored: inputs.plan.vendored, problems, truncated: inputs.plan.truncated };
}

/** What a folder's name says its files are: the innermost folder that says anything. */
export function partOfFolder(folder: string): Pick<LicenseInventoryEntry, 'part' | 'partFrom'> | undefined {
  const segments = folder.split('/').reverse();
  for (const segment of segments) {
    if (DATA_FOLDER.test(segment)) return { part: 'data', partFrom: 'folder' };
    if (MODEL_FOLDER.test(segment)) return { part: 'model-weights', partFrom: 'folder' };
    if (CONTENT_FOLDER.test(segment)) return { part: 'content', partFrom: 'folder' };
  }
  return undefined;
}

/** What a path (or a glob) names: its extension first (an image is content wherever it is), then its folders. */
function partOfPath(path: string): Pick<LicenseInventoryEntry, 'part' | 'partFrom'> | undefined {
  const basename = path.slice(path.lastIndexOf('/') + 1);
  if (WEIGHTS_FILE.test(basename)) return { part: 'model-weights', partFrom: 'files' };
  if (DATA_FILE.test(basename)) return { part: 'data', partFrom: 'files' };
  if (CONTENT_FILE.test(basename)) return { part: 'content', partFrom: 'files' };
  const slash = path.lastIndexOf('/');
  return slash === -1 ? undefined : partOfFolder(path.slice(0, slash));
}

/** The part several paths share, or none when they differ. */
function partOfPaths(paths: readonly string[]): Pick<LicenseInventoryEntry, 'part' | 'partFrom'> | undefined {
  const parts = paths.map(partOfPath);
  const first = parts[0];
  return first && parts.every((part) => part?.part === first.part) ? first : undefined;
}

function partOfCardFolder(path: string, folder: string): Pick<LicenseInventoryEntry, 'part' | 'partFrom'> | undefined {
  if (/data/i.test(path.slice(path.lastIndexOf('/') + 1))) return { part: 'data', partFrom: 'card' };
  if (/model/i.test(path.slice(path.lastIndexOf('/') + 1))) return { part: 'model-weights', partFrom: 'card' };
  return partOfFolder(folder);
}

const SPDX_IDENTIFIER = /SPDX-License-Identifier:[ \t]*([^\r\n]*)/g;

/** Every `SPDX-License-Identifier:` line of a text, normalised, with its line. */
function spdxIdentifiers(text: string): Array<{ expression: string; line: number }> {
  const found: Array<{ expression: string; line: number }> = [];
  const lineOf = lineCounter(text);
  for (const match of text.matchAll(SPDX_IDENTIFIER)) {
    const raw = beforeCommentCloser(match[1] ?? '').trim();
    if (raw === '') continue;
    found.push({ expression: normalizeExpression(raw).expression, line: lineOf(match.index) });
  }
  return found;
}

// The expression before a comment's closer (star-slash, -->, star-paren), found without a pattern that could backtrack.
function beforeCommentCloser(text: string): string {
  const ends = ['*/', '-->', '*)'].map((closer) => text.indexOf(closer)).filter((index) => index !== -1);
  return ends.length === 0 ? text : text.slice(0, Math.min(...ends));
}

/** Line numbers (1-based) of offsets given in increasing order, in one pass over the text. */
function lineCounter(text: string): (offset: number) => number {
  let line = 1;
  let at = 0;
  return (offset) => {
    for (; at < offset && at < text.length; at++) if (text.charCodeAt(at) === 10) line++;
    return line;
  };
}

interface ParsedEntries {
  entries: LicenseInventoryEntry[];
  problems: LicenseInventory['problems'];
}

/** REUSE.toml (REUSE 3.2): `[[annotations]]` with `path` (a glob or a list) and `SPDX-License-Identifier`. */
function reuseTomlEntries(file: FileText): ParsedEntries {
  let document: Record<string, unknown>;
  try {
    document = parseToml(file.text) as Record<string, unknown>;
  } catch (error) {
    const line = (error as { line?: number }).line;
    return {
      entries: [],
      problems: [{ path: file.path, ...(typeof line === 'number' ? { line } : {}), message: `not valid TOML: ${firstLine((error as Error).message)}` }],
    };
  }
  const annotations = Array.isArray(document.annotations) ? document.annotations : [];
  const lineOf = lineCounter(file.text);
  const headerLines = [...file.text.matchAll(/^[ \t]*\[\[[ \t]*annotations[ \t]*\]\]/gm)].map((match) => lineOf(match.index));
  const entries: LicenseInventoryEntry[] = [];
  annotations.forEach((annotation: unknown, index) => {
    if (typeof annotation !== 'object' || annotation === null) return;
    const record = annotation as Record<string, unknown>;
    const paths = (Array.isArray(record.path) ? record.path : [record.path]).filter((path): path is string => typeof path === 'string');
    const identifier = record['SPDX-License-Identifier'];
    const identifiers = (Array.isArray(identifier) ? identifier : [identifier]).filter((id): id is string => typeof id === 'string' && id.trim() !== '');
    if (paths.length === 0 || identifiers.length === 0) return;
    const expression = identifiers.map((id) => normalizeExpression(id).expression).join(' AND ');
    const line = headerLines[index];
    entries.push({
      path: file.path,
      ...(line !== undefined ? { line } : {}),
      kind: 'reuse-toml',
      spdx: expression,
      appliesTo: paths,
      ...(partOfPaths(paths) ?? {}),
    });
  });
  return { entries, problems: [] };
}

/**
 * `.reuse/dep5` (the Debian copyright format REUSE read before REUSE.toml): stanzas of `Files:` (globs,
 * which may continue on indented lines) and `License:` (the id on its first line; the text may follow).
 */
function dep5Entries(file: FileText): ParsedEntries {
  const entries: LicenseInventoryEntry[] = [];
  let files: string[] = [];
  let filesLine = 0;
  let license = '';
  let field = '';
  const flush = (): void => {
    if (files.length > 0 && license !== '')
      entries.push({
        path: file.path,
        line: filesLine,
        kind: 'dep5',
        spdx: normalizeExpression(license).expression,
        appliesTo: files,
        ...(partOfPaths(files) ?? {}),
      });
    files = [];
    license = '';
    field = '';
  };
  file.text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (line.trim() === '') return flush();
    if (/^[ \t]/.test(line)) {
      if (field === 'files') files.push(...line.trim().split(/\s+/));
      return;
    }
    const colon = line.indexOf(':');
    if (colon === -1) return;
    field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (field === 'files') {
      files = value === '' ? [] : value.split(/\s+/);
      filesLine = index + 1;
    } else if (field === 'license') license = value;
  });
  flush();
  return { entries, problems: [] };
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

/** Card keys that say a card is a data set's, or a model's (Hugging Face card metadata). */
const DATASET_CARD_KEYS = new Set([
  'dataset_info',
  'size_categories',
  'task_categories',
  'source_datasets',
  'annotations_creators',
  'language_creators',
  'multilinguality',
  'configs',
]);
const MODEL_CARD_KEYS = new Set(['pipeline_tag', 'library_name', 'base_model', 'model-index', 'model_name', 'inference']);

/**
 * `license:` in the YAML front matter at the top of a card (`---` lines, the first 200 lines at most),
 * read as YAML (bounded, src/util/yaml.ts): one id, or a list of them (Hugging Face cards list several,
 * `license: [a, b]` or one per line), with comments and quotes as YAML has them. Several licences are
 * joined with AND: each applies to part of what the card describes. The card's other keys say whether
 * it describes a model or a data set.
 */
export function cardLicense(text: string): { spdx: string; raw: string; line: number; part?: InventoryPart } | undefined {
  const lines = text.split('\n', 200);
  if ((lines[0] ?? '').trim() !== '---') return undefined;
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end === -1) return undefined;
  const block = lines.slice(1, end);
  let data: unknown;
  try {
    data = parseUntrustedYaml(block.join('\n'));
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const record = data as Record<string, unknown>;
  const ids = (Array.isArray(record.license) ? record.license : [record.license])
    .filter((id): id is string => typeof id === 'string' && id.trim() !== '')
    .map((id) => id.trim());
  if (ids.length === 0) return undefined;
  const keys = Object.keys(record);
  const part: InventoryPart | undefined = keys.some((key) => DATASET_CARD_KEYS.has(key))
    ? 'data'
    : keys.some((key) => MODEL_CARD_KEYS.has(key))
      ? 'model-weights'
      : undefined;
  const line = block.findIndex((candidate) => /^license[ \t]*:/.test(candidate)) + 2;
  const spdx = ids.map((id) => normalizeExpression(id).expression);
  const expression = spdx.includes('NOASSERTION')
    ? 'NOASSERTION'
    : [...new Set(spdx)].map((id) => (ids.length > 1 && id.includes(' ') ? `(${id})` : id)).join(' AND ');
  return { spdx: expression, raw: ids.join(', '), line, ...(part ? { part } : {}) };
}

/** Words that reserve rights instead of granting them. */
const RIGHTS_RESERVED = /\ball rights reserved\b|\bused with (?:kind )?permission\b|\breproduced (?:here )?with permission\b/i;
/** Words that grant a licence: a file that has them is not a bare reservation. */
const GRANT =
  /licen[cs]ed under|permission is hereby granted|SPDX-License-Identifier|released under|available under|distributed under|creative commons|public domain|under the terms of|governed by|licen[cs]e (?:that )?can be found|see (?:the )?(?:file )?licen[cs]e|redistribution and use|are permitted|permission to (?:use|copy)/i;

/**
 * "All rights reserved" or "used with permission" in a file that grants no licence: the material it
 * speaks for is not openly licensed (a bare copyright line above an MIT text is no such notice).
 */
function rightsNotices(file: FileText, appliesTo: string[], part: Pick<LicenseInventoryEntry, 'part' | 'partFrom'> | undefined): LicenseInventoryEntry[] {
  if (GRANT.test(file.text)) return [];
  const match = RIGHTS_RESERVED.exec(file.text);
  if (!match) return [];
  const line = lineCounter(file.text)(match.index);
  const excerpt = (file.text.split(/\r\n|\r|\n/)[line - 1] ?? '').trim().slice(0, 160);
  return [{ path: file.path, line, kind: 'rights-notice', spdx: 'NOASSERTION', appliesTo, excerpt, ...(part ?? {}) }];
}

/**
 * A README's "used with permission" credits: material shown by permission of its owner is not under
 * the project's licence. "All rights reserved" in a README is most often the footer of an open project.
 */
function permissionNotices(readme: FileText): LicenseInventoryEntry[] {
  const entries: LicenseInventoryEntry[] = [];
  readme.text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (entries.length < 5 && /\b(?:used|reproduced) (?:here )?with (?:kind )?permission\b/i.test(line)) {
      entries.push({ path: readme.path, line: index + 1, kind: 'rights-notice', spdx: 'NOASSERTION', appliesTo: [], excerpt: line.trim().slice(0, 160) });
    }
  });
  return entries;
}
