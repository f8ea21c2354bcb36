/**
 * What every source leaves out of a listing, and how much it lists: one rule for the local walk, the
 * git index, a clone's tree and the GitHub API, so that the same repository lists the same files
 * whichever way it is read.
 */

/** Folders never listed: dependencies and version-control internals say nothing about the project. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['.git', 'node_modules', 'vendor', '.hg', '.svn', 'bower_components']);

/** A path inside one of SKIPPED_FOLDERS, at any depth. */
export const SKIPPED_PATH = new RegExp(`(^|/)(${[...SKIPPED_FOLDERS].map((name) => name.replace('.', '\\.')).join('|')})/`);

/** Whether a listed path is left out (it lies inside a skipped folder). */
export function isSkippedPath(path: string): boolean {
  return SKIPPED_PATH.test(path);
}

/**
 * Files listed at most by the local and git sources. A listing is held in memory whole (about 1.2 KB
 * of heap per path at 100,000 files, docs/benchmarks.md), so `dpg-check check /` or a crafted tree of
 * millions of empty files would otherwise take minutes and gigabytes. Over the cap, the files nearest
 * the root are kept: every check reads root files or files a few folders deep.
 */
export const MAX_LISTED_FILES = 250_000;

/**
 * GitHub's own limit: the REST tree call answers at most 100,000 entries and says it is truncated
 * (docs.github.com, "Get a tree"); the GraphQL listing stops at the same number, so both say alike
 * that a listing is partial.
 */
export const GITHUB_MAX_LISTED_FILES = 100_000;
