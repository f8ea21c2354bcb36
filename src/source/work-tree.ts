import { lstatSync } from 'node:fs';
import path from 'node:path';

/**
 * The root of the git work tree that holds `start`: the nearest folder at or above it with a `.git`
 * entry (a folder, or a file in a linked worktree or a submodule), as git itself finds it; undefined
 * outside any. Only names are looked at (lstat): nothing is opened and no git command runs, so a FIFO
 * or a hostile config in a `.git` cannot block or run anything.
 */
export function workTreeRootOf(start: string): string | undefined {
  let folder = path.resolve(start);
  for (;;) {
    try {
      lstatSync(path.join(folder, '.git'));
      return folder;
    } catch {
      // No .git here: one folder up.
    }
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}
