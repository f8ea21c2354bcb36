/**
 * Configuration found above the checked folder, as ESLint and `reuse` find theirs: a project in a
 * subfolder of a git work tree (a monorepo's package) is answered for by the nearest dpg manifest and
 * policy in the folders above it, up to and including the work tree's root and never above it.
 *
 * Only local sources inside a work tree search (`source.repositoryRoot`, set by LocalSource when the
 * checked folder is below the root); a remote source is a whole repository and never does. A file
 * found this way is outside the source's own root, so it is read here with the same guards as the
 * source's files: the whole resolved path must stay inside the work tree (a symbolic link, or a path
 * through a linked folder, to anywhere else is refused and reported, not followed), only a regular
 * file is read (never a FIFO or a device), and at most `maxBytes` of it.
 */
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { readRegularFile } from '../util/read-file.js';
import { decodeText } from './decode.js';
import type { FileReadProblem, FileText, SourceDescription } from './types.js';

export interface FoundAbove {
  /** The file's path from the checked folder, `/`-separated: `../../dpg.yaml`. */
  path: string;
  absolute: string;
  /** How many folders above the checked folder it is (1 for `../dpg.yaml`). */
  levels: number;
}

export interface SearchAboveOptions {
  /** Look at most this many folders up (still never above the work tree's root). */
  maxLevels?: number;
}

/**
 * The nearest of `names` in the folders above the checked one, up to the work tree's root: in each
 * folder the names are tried in their order, and the first that exists (as anything but a folder)
 * is the one found, readable or not. Undefined when there is none, and for every source that is not
 * a local folder below a work tree's root.
 */
export async function findNearestAbove(
  description: SourceDescription,
  names: readonly string[],
  options: SearchAboveOptions = {},
): Promise<FoundAbove | undefined> {
  const root = description.repositoryRoot;
  if (description.kind !== 'local' || root === undefined) return undefined;
  const start = path.resolve(description.location);
  if (start === root || !isInside(root, start)) return undefined;
  let folder = path.dirname(start);
  for (let levels = 1; options.maxLevels === undefined || levels <= options.maxLevels; levels++) {
    for (const name of names) {
      const absolute = path.join(folder, name);
      const info = await lstat(absolute).catch(() => undefined);
      if (info === undefined || info.isDirectory()) continue;
      return { path: path.relative(start, absolute).split(path.sep).join('/'), absolute, levels };
    }
    if (folder === root) break;
    const parent = path.dirname(folder);
    // Not reached while `folder` is inside `root`; a guard all the same.
    if (parent === folder) break;
    folder = parent;
  }
  return undefined;
}

/** Reads a file `findNearestAbove` found: a problem, never an exception, when it cannot be read safely. */
export async function readFoundAbove(description: SourceDescription, found: FoundAbove, maxBytes: number): Promise<FileText | FileReadProblem> {
  const root = description.repositoryRoot as string;
  let realRoot: string;
  let target: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return { path: found.path, reason: 'unreadable', detail: 'the repository root cannot be resolved' };
  }
  try {
    target = await realpath(found.absolute);
  } catch {
    return { path: found.path, reason: 'broken-link', detail: 'a symbolic link that points nowhere (or to itself)' };
  }
  if (!isInside(realRoot, target)) {
    const info = await lstat(found.absolute).catch(() => undefined);
    return {
      path: found.path,
      reason: 'outside-repository',
      detail: info?.isSymbolicLink()
        ? 'a symbolic link to a file outside the repository; not followed'
        : 'a path through a symbolic link to a folder outside the repository; not followed',
    };
  }
  const read = await readRegularFile(target, maxBytes);
  if (!read.ok) {
    if (read.reason === 'not-a-file') return { path: found.path, reason: 'not-a-file', detail: read.detail };
    if (read.reason === 'missing') return { path: found.path, reason: 'missing', detail: 'the file does not exist' };
    return { path: found.path, reason: 'unreadable', detail: read.detail };
  }
  const decoded = decodeText(read.bytes);
  return { path: found.path, text: decoded.text, binary: decoded.binary, truncated: read.truncated, size: read.size };
}

/** How many folders above the checked folder a report path is: 2 for `../../dpg.yaml`, 0 for `dpg.yaml`. */
export function levelsAbove(reportPath: string): number {
  let levels = 0;
  while (reportPath.startsWith('../', levels * 3)) levels++;
  return levels;
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  // "..foo" is a name inside the root; only ".." itself, or "../…", leaves it.
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
