import { licenseFileCandidates } from '../licenses/candidates.js';
import { licenseFilesToRead } from '../licenses/detect.js';
import { inventoryReads, planInventory, type InventoryPlan } from '../licenses/inventory.js';
import { CONVERTIBLE_FILES } from '../convert/convertible-files.js';
import { MANIFEST_FILE_NAMES } from '../manifest/load.js';
import { POLICY_FILE_NAMES } from '../policy/load.js';
import { dependencyManifests } from './dependencies.js';
import { findReadme } from './readme.js';
import { classifierShortlist } from './shortlist.js';
import { type PathLookup, pathLookup } from '../util/path-lookup.js';

/**
 * Files whose copyright lines speak for the project (besides licence files and the README):
 * NOTICE, AUTHORS and COPYRIGHT with or without an extension, and the variants `COPYRIGHTS` and
 * `COPYRIGHT-NOTICE.md`.
 */
const OWNERSHIP_FILE = /^(?:NOTICE|AUTHORS|COPYRIGHTS?(?:[-_]NOTICE)?)(?:\.\w+)?$/i;

/** Source files whose first lines may carry an `SPDX-License-Identifier` header. */
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|kts|scala|c|h|cc|cpp|hpp|cs|rb|php|swift|dart|ex|exs|erl|sh|vue|svelte)$/i;
const VENDORED = /(^|\/)(node_modules|vendor|third[-_]party|external|dist|build|generated|fixtures?|testdata)\//i;

/** How many source files are sampled for SPDX headers, and how much of each is read. */
export const HEADER_SAMPLE_SIZE = 24;
/** At most this many root ownership files (NOTICE*, AUTHORS*, COPYRIGHT*) and package manifests are read. */
const MAX_FILES_OF_A_KIND = 20;
export const HEADER_BYTES = 2048;

/**
 * Which files the checks read, decided from the listing alone: the one place that says so. Remote
 * sources use it to fetch everything in one request or one sparse checkout.
 */
export interface ReadPlan {
  manifest?: string;
  policy?: string;
  readme?: string;
  rootFiles: string[];
  licenseCandidates: string[];
  /** The per-file licence inventory's files: licence files anywhere, REUSE files, sidecars, cards. */
  licenseInventory: InventoryPlan;
  ownershipFiles: string[];
  dependencyManifests: string[];
  /** A sample of source files spread over the tree, read only for their SPDX headers. */
  headerSample: string[];
  /** Everything above that is read whole (up to the byte cap), without duplicates. */
  wholeFiles: string[];
}

/**
 * `shortlist` is classifierShortlist(files): given by a caller that classifies the listing again
 * (gatherFacts), so that the listing is scanned once.
 */
export function planReads(
  files: readonly string[],
  listed: PathLookup = pathLookup(files),
  shortlist: readonly string[] = classifierShortlist(files),
): ReadPlan {
  // Without a dpg manifest, check reads a DPGA record or publiccode.yml instead (src/convert/fallback.ts).
  const manifest = MANIFEST_FILE_NAMES.find((name) => listed.has(name));
  const convertible = manifest ? [] : CONVERTIBLE_FILES.flatMap(({ names }) => names.filter((name) => listed.has(name)));
  const policy = POLICY_FILE_NAMES.find((name) => listed.has(name));
  const readme = findReadme(shortlist);
  const rootFiles = shortlist.filter((file) => !file.includes('/'));
  // A handful is evidence; hundreds of NOTICE.* files would only cost memory.
  const ownershipFiles = rootFiles.filter((file) => OWNERSHIP_FILE.test(file)).slice(0, MAX_FILES_OF_A_KIND);
  const manifests = dependencyManifests(shortlist);
  const licenseCandidates = licenseFileCandidates(shortlist);
  const licenseInventory = planInventory(shortlist, listed);
  const wholeFiles = [
    ...new Set([
      ...(manifest ? [manifest] : []),
      ...convertible,
      ...(policy ? [policy] : []),
      ...(readme ? [readme] : []),
      ...licenseFilesToRead(licenseCandidates, rootFiles).slice(0, licenseCandidates.length + MAX_FILES_OF_A_KIND),
      ...ownershipFiles,
      ...manifests,
      ...inventoryReads(licenseInventory),
    ]),
  ];
  return {
    ...(manifest ? { manifest } : {}),
    ...(policy ? { policy } : {}),
    ...(readme ? { readme } : {}),
    rootFiles,
    licenseCandidates,
    licenseInventory,
    ownershipFiles,
    dependencyManifests: manifests,
    headerSample: sampleSourceFiles(files),
    wholeFiles,
  };
}

/**
 * Evenly spaced over the listing, so that a monorepo's packages are all represented: from each of
 * HEADER_SAMPLE_SIZE equally spaced points, the next source file. Only a few paths are tested, not
 * the whole tree.
 */
function sampleSourceFiles(files: readonly string[]): string[] {
  const isSource = (file: string): boolean => SOURCE_FILE.test(file) && !VENDORED.test(file);
  const sample = new Set<string>();
  const step = files.length / HEADER_SAMPLE_SIZE;
  for (let slot = 0; slot < HEADER_SAMPLE_SIZE && files.length > 0; slot++) {
    const end = Math.min(files.length, Math.floor((slot + 1) * step));
    for (let index = Math.floor(slot * step); index < end; index++) {
      const file = files[index] as string;
      if (isSource(file)) {
        sample.add(file);
        break;
      }
    }
  }
  return [...sample];
}

/** Every file the checks read (whole files and the SPDX-header sample): what a remote source fetches with its listing. */
export function filesToPrefetch(files: readonly string[]): string[] {
  const plan = planReads(files);
  return [...new Set([...plan.wholeFiles, ...plan.headerSample])];
}
