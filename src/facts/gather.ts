import { DEFAULT_MAX_FILE_BYTES } from '../defaults.js';
import { detectLicenses, type TextIdentifier } from '../licenses/detect.js';
import { isFromAbove, LICENSE_NAMES_ABOVE, type LoadedManifest } from '../manifest/load.js';
import { loadRepositoryManifest } from './repository-manifest.js';
import { loadPolicy } from '../policy/load.js';
import { isFileText, type FileReadProblem, type FileText, type RepositorySource } from '../source/types.js';
import { findCopyrightLines } from './copyright.js';
import { parseDependencies } from './dependencies.js';
import { findCiConfigs, findCommunityFiles, findStandardArtefacts, findTests } from './project-files.js';
import { classifierShortlist } from './shortlist.js';
import { analyseReadme } from './readme.js';
import { HEADER_BYTES, planReads } from './read-plan.js';
import type { CopyrightLine, Facts } from './types.js';
import { pathLookup } from '../util/path-lookup.js';

export interface GatherOptions {
  /** A manifest given with `--manifest`; otherwise the repository's own is looked for. */
  manifest?: LoadedManifest;
  /** Bytes read at most from any one file. */
  maxFileBytes?: number;
  identifyLicenseText: TextIdentifier;
  /** Aborted when the run's --deadline passes: no further file is read or analysed. */
  signal?: AbortSignal;
}

/** Lockfiles whose recorded licences are read (package-lock.json, composer.lock), and how much of one at most. */
const LOCKFILE = /(^|\/)(package-lock\.json|composer\.lock)$/;
const MAX_LOCKFILE_BYTES = 16 * 1024 * 1024;

/** How many files are read at once: enough to hide latency on remote sources, few enough to stay polite. */
const READ_CONCURRENCY = 16;

/** Gathers every fact the indicators need, reading only the handful of files that matter. */
export async function gatherFacts(source: RepositorySource, options: GatherOptions): Promise<Facts> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const signal = options.signal;
  const files = await source.listFiles();
  signal?.throwIfAborted();
  const listed = pathLookup(files);
  const manifest = options.manifest ?? (await loadRepositoryManifest(source, listed));
  const policy = await loadPolicy(source, listed, manifest);

  const shortlist = classifierShortlist(files);
  const plan = planReads(files, listed, shortlist);
  const { readme: readmePath, ownershipFiles } = plan;
  const licenseCandidates = [...plan.licenseCandidates];
  const manifestsToParse = plan.dependencyManifests;
  // The manifest and policy were read by their loaders; the rest is read here.
  const toRead = plan.wholeFiles.filter((path) => path !== plan.manifest && path !== plan.policy);

  const texts = new Map<string, FileText>();
  const readProblems: FileReadProblem[] = [];
  await forEachLimited(toRead, READ_CONCURRENCY, async (path) => {
    signal?.throwIfAborted();
    const result = await source.readText(path, maxBytes);
    if (isFileText(result)) texts.set(path, result);
    else if (result.reason !== 'missing') readProblems.push(result);
  });
  const headers = new Map<string, FileText>();
  const headerSample = source.readsAreCostly ? [] : plan.headerSample.filter((path) => !texts.has(path));
  await forEachLimited(headerSample, READ_CONCURRENCY, async (path) => {
    signal?.throwIfAborted();
    const result = await source.readText(path, HEADER_BYTES);
    if (isFileText(result) && !result.binary) headers.set(path, result);
  });

  // A package checked with its monorepo's manifest (found above, src/manifest/load.ts) and no licence
  // file of its own is under the licence beside that manifest, up to the work tree's root.
  if (manifest && isFromAbove(manifest) && !licenseCandidates.some((path) => !path.includes('/'))) {
    const above = await licenseFileAbove(source, maxBytes);
    if (above) {
      licenseCandidates.unshift(above.path);
      if (isFileText(above.read)) texts.set(above.path, above.read);
      else readProblems.push(above.read);
    }
  }

  signal?.throwIfAborted();
  const licenses = detectLicenses(
    {
      candidates: licenseCandidates,
      inventory: plan.licenseInventory,
      texts,
      headers,
      readProblems,
      ...(manifest ? { manifest } : {}),
      ...(readmePath ? { readmePath } : {}),
    },
    options.identifyLicenseText,
  );
  signal?.throwIfAborted();
  const readmeText = readmePath ? texts.get(readmePath) : undefined;
  const readme = readmeText && !readmeText.binary ? analyseReadme(readmeText.path, readmeText.text) : undefined;

  const copyrights: CopyrightLine[] = [];
  for (const path of unique([...licenses.files.map((file) => file.path), ...ownershipFiles, ...(readme ? [readme.path] : [])])) {
    const file = texts.get(path);
    if (file && !file.binary) copyrights.push(...findCopyrightLines(path, file.text));
  }

  // Lockfiles are often larger than the read cap: one more read, bounded, where reads are cheap.
  for (const path of manifestsToParse) {
    const file = texts.get(path);
    if (!file?.truncated || file.binary || !LOCKFILE.test(path) || source.readsAreCostly || file.size > MAX_LOCKFILE_BYTES) continue;
    signal?.throwIfAborted();
    const whole = await source.readText(path, MAX_LOCKFILE_BYTES);
    if (isFileText(whole) && !whole.truncated && !whole.binary) texts.set(path, whole);
  }
  const dependencies = manifestsToParse.flatMap((path) => {
    const file = texts.get(path);
    return file && !file.binary && !file.truncated ? parseDependencies(path, file.text) : [];
  });

  return {
    source: source.description,
    files,
    listed,
    hasRepository: source.description.kind !== 'manifest',
    ...(manifest ? { manifest } : {}),
    ...(policy ? { policy } : {}),
    texts,
    readProblems,
    ...(readme ? { readme } : {}),
    licenses,
    copyrights,
    community: findCommunityFiles(shortlist),
    ciConfigs: findCiConfigs(shortlist),
    tests: findTests(shortlist),
    standardArtefacts: findStandardArtefacts(shortlist),
    dependencies,
  };
}

async function licenseFileAbove(source: RepositorySource, maxBytes: number): Promise<{ path: string; read: FileText | FileReadProblem } | undefined> {
  const { findNearestAbove, readFoundAbove } = await import('../source/parent-files.js');
  const found = await findNearestAbove(source.description, LICENSE_NAMES_ABOVE);
  return found ? { path: found.path, read: await readFoundAbove(source.description, found, maxBytes) } : undefined;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

async function forEachLimited<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
