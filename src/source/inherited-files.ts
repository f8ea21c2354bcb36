/**
 * Community files a GitHub repository inherits from its owner's `.github` repository when it has none
 * of a kind (docs.github.com): which kinds are missing, which of the owner's files stand in, and where
 * they are listed. (Which files a check reads is the caller's plan: ReadPlanner in ./types.ts.)
 */
import { findCommunityFiles, type CommunityFileKind } from './community-files.js';

/** Community files GitHub falls back to from the owner's `.github` repository (docs.github.com). */
export const INHERITABLE_KINDS: readonly CommunityFileKind[] = ['codeOfConduct', 'contributing', 'security', 'support', 'governance'];

/** The inheritable kinds the repository has no file of. */
export function missingInheritableKinds(files: readonly string[]): CommunityFileKind[] {
  const found = findCommunityFiles(files);
  return INHERITABLE_KINDS.filter((kind) => !found[kind]?.length);
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
