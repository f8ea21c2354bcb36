/**
 * Which files the checks will read, predicted from the listing, so that remote sources can fetch them
 * all in one request (GitHub GraphQL) or one batch (a sparse git checkout) instead of one by one.
 *
 * This mirrors `gatherFacts` (src/facts/gather.ts) and `loadRepositoryManifest`; a wrong guess costs
 * one more request, never a wrong answer, because the sources still fetch anything else on demand.
 * (Better: gather.ts could export this list itself; see docs/remote.md.)
 */
import { dependencyManifests } from '../facts/dependencies.js';
import { findCommunityFiles } from '../facts/project-files.js';
import { findReadme } from '../facts/readme.js';
import { licenseFileCandidates } from '../licenses/candidates.js';
import { licenseFilesToRead } from '../licenses/detect.js';
import type { CommunityFileKind } from '../facts/types.js';

/** The manifest names `loadRepositoryManifest` looks for, in order (src/manifest/load.ts). */
const MANIFEST_NAMES = ['dpg.yaml', 'dpg.yml', 'dpg.json', '.github/dpg.yaml'];
/** The policy file names `loadPolicy` looks for (src/policy/load.ts), in order. */
const POLICY_NAMES = ['.dpg-check.yaml', '.dpg-check.yml'];
/** As in gather.ts: files whose copyright lines speak for the project. */
const OWNERSHIP_FILE = /^(NOTICE|COPYRIGHT|AUTHORS|COPYRIGHT\.\w+|NOTICE\.\w+|AUTHORS\.\w+)$/i;

export function planReads(files: readonly string[]): string[] {
  const fileSet = new Set(files);
  const manifest = MANIFEST_NAMES.find((name) => fileSet.has(name));
  const policy = POLICY_NAMES.find((name) => fileSet.has(name));
  const readme = findReadme(files);
  const rootFiles = files.filter((file) => !file.includes('/'));
  const planned = [
    ...(manifest ? [manifest] : []),
    ...(policy ? [policy] : []),
    ...(readme ? [readme] : []),
    ...licenseFilesToRead(licenseFileCandidates(files), rootFiles),
    ...rootFiles.filter((file) => OWNERSHIP_FILE.test(file)),
    ...dependencyManifests(files),
  ];
  return [...new Set(planned)];
}

/** Community files GitHub falls back to from the owner's `.github` repository (docs.github.com). */
export const INHERITABLE_KINDS: readonly CommunityFileKind[] = ['codeOfConduct', 'contributing', 'security', 'support', 'governance'];

/** The inheritable kinds the repository has no file of. */
export function missingInheritableKinds(files: readonly string[]): CommunityFileKind[] {
  const found = findCommunityFiles(files);
  return INHERITABLE_KINDS.filter((kind) => !(found[kind]?.length));
}

/**
 * The files of an owner's `.github` repository that stand in for the kinds a repository lacks, one per
 * kind, in GitHub's order of precedence (`.github/`, the root, `docs/`).
 */
export function pickInheritedFiles(ownerFiles: readonly string[], kinds: readonly CommunityFileKind[]): Array<{ kind: CommunityFileKind; path: string }> {
  const picked: Array<{ kind: CommunityFileKind; path: string }> = [];
  const found = findCommunityFiles(ownerFiles);
  const order = (file: string): number => (file.startsWith('.github/') ? 0 : file.includes('/') ? 2 : 1);
  for (const kind of kinds) {
    const candidates = [...(found[kind] ?? [])].filter((file) => !file.startsWith('.gitlab/')).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
    if (candidates[0] !== undefined) picked.push({ kind, path: candidates[0] });
  }
  return picked;
}

/** Where an inherited file is listed in the repository: `.github/<name>` (see docs/remote.md). */
export function inheritedListingPath(ownerPath: string): string {
  return `.github/${ownerPath.slice(ownerPath.lastIndexOf('/') + 1)}`;
}
