import { execFile } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { lstat, open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ignore, { type Ignore } from 'ignore';
import { UsageError } from '../errors.js';
import { decodeText } from './decode.js';
import type { FileReadProblem, FileText, RepositorySource, SourceDescription } from './types.js';

const execFileAsync = promisify(execFile);

/** Folders never listed by the walk: dependencies and VCS internals say nothing about the project. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', 'vendor', '.hg', '.svn', 'bower_components']);

const SKIPPED_PATH = new RegExp(`(^|/)(${[...SKIPPED_DIRECTORIES].map((name) => name.replace('.', '\\.')).join('|')})/`);

/** The walk stops descending below this depth; deeper trees are pathological, not projects. */
const MAX_WALK_DEPTH = 64;

/**
 * Files listed at most (and folders walked at most). A listing is held in memory whole (about 1.2 KB
 * of heap per path at 100,000 files, docs/benchmarks.md), so `dpg-check check /` or a crafted tree of
 * millions of empty files would otherwise take minutes and gigabytes. Over the cap, the files nearest
 * the root are kept: every check reads root files or files a few folders deep. GitHub's own listing
 * stops at 100,000.
 */
export const MAX_LISTED_FILES = 250_000;

export interface LocalSourceOptions {
  /** At most this many files are listed (default MAX_LISTED_FILES); a warning says when more were left out. */
  maxFiles?: number;
  /** Where that warning goes (default: standard error). */
  warn?: (line: string) => void;
}

export class LocalSource implements RepositorySource {
  readonly description: SourceDescription;
  private readonly root: string;
  private realRoot: string | undefined;
  private listing: Promise<string[]> | undefined;
  private readonly maxFiles: number;
  private readonly warn: (line: string) => void;

  private constructor(root: string, target: string, options: LocalSourceOptions) {
    this.root = root;
    this.description = { kind: 'local', target, location: root };
    this.maxFiles = options.maxFiles ?? MAX_LISTED_FILES;
    this.warn = options.warn ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /** Opens a folder; a target that is missing or not a folder is a usage error (exit 2). */
  static async open(target: string, options: LocalSourceOptions = {}): Promise<LocalSource> {
    // Called from JavaScript too: a wrong argument is a typed error, not a TypeError from path.resolve.
    if (typeof target !== 'string' || target === '') throw new UsageError('LocalSource.open: the target must be a folder path.');
    const root = path.resolve(target);
    let info;
    try {
      info = await stat(root);
    } catch {
      throw new UsageError(`Target not found: ${target}`, 'Give the path of a repository folder.');
    }
    if (!info.isDirectory()) {
      throw new UsageError(`Target is not a folder: ${target}`, 'Give the path of a repository folder.');
    }
    return new LocalSource(root, target, options);
  }

  /**
   * Lists once and remembers. The CLI calls this right after opening, before it loads the checks, so
   * that `git ls-files` runs while Node compiles the rest of the program.
   */
  listFiles(): Promise<string[]> {
    this.listing ??= this.list();
    return this.listing;
  }

  private async list(): Promise<string[]> {
    const fromGit = await this.listWithGit();
    let files: string[];
    let cut = false;
    if (fromGit && fromGit.length > 0) {
      files = fromGit;
      if (files.length > this.maxFiles) {
        // git lists everything; keep the files nearest the root.
        files = nearestToRoot(files, this.maxFiles);
        cut = true;
      }
    } else {
      ({ files, cut } = await this.walk());
    }
    if (cut) this.warn(`dpg-check: ${this.description.target} has more than ${this.maxFiles} files (or folders); only the ${files.length} files nearest the root were listed, so facts about the rest are missing.`);
    // git lists tracked files in order already; sorting only when needed saves time on large trees.
    return isSorted(files) ? files : files.sort();
  }

  /**
   * `git ls-files` is the fastest way to list a work tree and already honours every ignore rule.
   * fsmonitor is switched off because a repository's own config could name a command for it.
   */
  private async listWithGit(): Promise<string[] | undefined> {
    try {
      const { stdout } = await execFileAsync(
        'git',
        ['-c', 'core.fsmonitor=false', '-C', this.root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'],
        { maxBuffer: 512 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' } },
      );
      const files: string[] = [];
      for (const entry of stdout.split('\0')) {
        if (entry !== '' && !SKIPPED_PATH.test(entry)) files.push(entry);
      }
      return files;
    } catch {
      return undefined;
    }
  }

  /**
   * A walk that honours `.gitignore` files at every level, for folders that are not git work trees.
   * Breadth first, so that when it stops at the cap (files, or folders for a tree of empty folders)
   * what it has listed are the files nearest the root.
   */
  private async walk(): Promise<{ files: string[]; cut: boolean }> {
    const files: string[] = [];
    let cut = false;
    const queue: Array<{ relativeDir: string; rules: Array<{ base: string; matcher: Ignore }>; depth: number }> = [{ relativeDir: '', rules: [], depth: 0 }];
    let foldersVisited = 0;
    const visit = async (relativeDir: string, rules: Array<{ base: string; matcher: Ignore }>, depth: number): Promise<void> => {
      const absoluteDir = relativeDir === '' ? this.root : path.join(this.root, relativeDir);
      let entries;
      try {
        entries = await readdir(absoluteDir, { withFileTypes: true });
      } catch (error) {
        // An unreadable sub-folder only hides its files; an unreadable repository is an input error
        // (exit 2), not a repository without a README or a licence.
        if (relativeDir === '') throw new UsageError(`Target cannot be read: ${this.description.target} (${describeFsError(error)})`, 'Give the path of a repository folder you may read.');
        return;
      }
      let activeRules = rules;
      if (entries.some((entry) => entry.name === '.gitignore' && entry.isFile())) {
        try {
          const text = await readFile(path.join(absoluteDir, '.gitignore'), 'utf8');
          activeRules = [...rules, { base: relativeDir, matcher: ignore().add(text) }];
        } catch {
          // An unreadable .gitignore only means fewer files are ignored.
        }
      }
      const isIgnored = (relativePath: string, isDirectory: boolean): boolean =>
        activeRules.some(({ base, matcher }) => {
          const local = base === '' ? relativePath : relativePath.slice(base.length + 1);
          return matcher.ignores(isDirectory ? `${local}/` : local);
        });
      for (const entry of entries) {
        if (files.length >= this.maxFiles) {
          cut = true;
          return;
        }
        const relativePath = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
        if (entry.isDirectory()) {
          if (depth + 1 > MAX_WALK_DEPTH || SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(relativePath, true)) continue;
          queue.push({ relativeDir: relativePath, rules: activeRules, depth: depth + 1 });
        } else if (!isIgnored(relativePath, false)) {
          // Symlinks are listed like files; readText decides whether they may be followed.
          files.push(relativePath);
        }
      }
    };
    // An index, not shift(): shifting a queue of many folders is quadratic.
    for (let next = 0; next < queue.length && !cut; next++) {
      if (foldersVisited >= this.maxFiles) {
        cut = true;
        break;
      }
      const folder = queue[next] as (typeof queue)[number];
      queue[next] = undefined as unknown as (typeof queue)[number];
      foldersVisited++;
      await visit(folder.relativeDir, folder.rules, folder.depth);
    }
    return { files, cut };
  }

  async readText(relativePath: string, maxBytes: number): Promise<FileText | FileReadProblem> {
    const absolute = path.resolve(this.root, relativePath);
    if (!isInside(this.root, absolute)) {
      return { path: relativePath, reason: 'outside-repository', detail: 'the path leaves the repository' };
    }
    let info;
    try {
      info = await lstat(absolute);
    } catch {
      return { path: relativePath, reason: 'missing', detail: 'the file does not exist' };
    }
    let target = absolute;
    if (info.isSymbolicLink()) {
      // Follow a link only when what it points at is inside the repository.
      this.realRoot ??= await realpath(this.root);
      try {
        target = await realpath(absolute);
      } catch {
        return { path: relativePath, reason: 'broken-link', detail: 'a symbolic link that points nowhere (or to itself)' };
      }
      if (!isInside(this.realRoot, target)) {
        return { path: relativePath, reason: 'outside-repository', detail: 'a symbolic link to a file outside the repository; not followed' };
      }
      info = await stat(target);
    }
    if (!info.isFile()) {
      return { path: relativePath, reason: 'not-a-file', detail: 'not a regular file (a folder, FIFO or device); not read' };
    }
    let handle;
    try {
      // O_NONBLOCK guards against a FIFO swapped in after the stat above.
      handle = await open(target, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
    } catch (error) {
      return { path: relativePath, reason: 'unreadable', detail: describeFsError(error) };
    }
    try {
      const length = Math.min(info.size, maxBytes);
      const buffer = Buffer.alloc(length);
      let offset = 0;
      while (offset < length) {
        const { bytesRead } = await handle.read(buffer, offset, length - offset, offset);
        if (bytesRead === 0) break;
        offset += bytesRead;
      }
      const decoded = decodeText(buffer.subarray(0, offset));
      return { path: relativePath, text: decoded.text, binary: decoded.binary, truncated: info.size > maxBytes, size: info.size };
    } catch (error) {
      return { path: relativePath, reason: 'unreadable', detail: describeFsError(error) };
    } finally {
      await handle.close();
    }
  }

  async dispose(): Promise<void> {
    // Nothing to clean up: the folder belongs to the user.
  }
}

/** The `limit` paths with the fewest folders (ties: in listing order). */
function nearestToRoot(files: readonly string[], limit: number): string[] {
  const depthOf = (file: string): number => {
    let depth = 0;
    for (let index = file.indexOf('/'); index !== -1; index = file.indexOf('/', index + 1)) depth++;
    return depth;
  };
  return files
    .map((file, index) => ({ file, index, depth: depthOf(file) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.file);
}

function isSorted(items: readonly string[]): boolean {
  for (let index = 1; index < items.length; index++) if ((items[index - 1] as string) > (items[index] as string)) return false;
  return true;
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'a folder, not a file';
  return code ? `cannot be read (${code})` : 'cannot be read';
}
