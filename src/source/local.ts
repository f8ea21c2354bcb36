import { execFile } from 'node:child_process';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ignore, { type Ignore } from 'ignore';
import { UsageError } from '../errors.js';
import { readRegularFile } from '../util/read-file.js';
import { decodeText } from './decode.js';
import type { FileReadProblem, FileText, RepositorySource, SourceDescription } from './types.js';
import { isSkippedPath, MAX_LISTED_FILES, SKIPPED_FOLDERS } from './listing.js';
import { sortedListing } from '../util/path-lookup.js';
import { workTreeRootOf } from './work-tree.js';

const execFileAsync = promisify(execFile);

/** The walk stops descending below this depth; deeper trees are pathological, not projects. */
const MAX_WALK_DEPTH = 64;

// The cap is the sources' shared one (./listing.ts); re-exported for the library's callers.
export { MAX_LISTED_FILES };

export interface LocalSourceOptions {
  /** At most this many files are listed (default MAX_LISTED_FILES); a warning says when more were left out. */
  maxFiles?: number;
  /** Where that warning goes (default: standard error). */
  warn?: (line: string) => void;
  /** Time limit of `git ls-files`, in milliseconds (default 60 s); past it the folder is walked instead. */
  gitTimeoutMs?: number;
  /** Aborted at the run's --deadline: `git ls-files` is killed. */
  signal?: AbortSignal;
  /** The files, already known (GitSource lists the commit's tree): no `git ls-files`, no walk. */
  listing?: readonly string[];
  /** Up to this many tracked files, untracked ones are listed everywhere (default LIST_ALL_UNTRACKED_UP_TO). */
  untrackedEverywhereUpTo?: number;
}

/**
 * Up to this many tracked files, untracked ones are listed everywhere: one `git ls-files --others` walk
 * of the work tree costs a few milliseconds there (about 60 ms at 100,000 files).
 */
const LIST_ALL_UNTRACKED_UP_TO = 20_000;

/**
 * Root folders whose untracked files are listed, in a large work tree, even when the folder has tracked
 * ones: documentation, community and licence files live there.
 */
const UNTRACKED_FOLDERS = ['.github', '.gitlab', 'docs', 'LICENSES', '.reuse'];

/** More untracked places than this are listed with one `git ls-files --others` of the whole tree. */
const MAX_UNTRACKED_PATHSPECS = 500;
const MAX_PATHSPEC_CHARACTERS = 24_000;

/** At most this many files, and folders, are looked at below one of UNTRACKED_FOLDERS. */
const MAX_FILES_BELOW = 2000;
const MAX_FOLDERS_BELOW = 500;

/** The first index after `start` whose path does not begin with `prefix` (every path from `start` to it does). */
function endOfRun(files: readonly string[], start: number, prefix: string): number {
  let low = start + 1;
  let high = files.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((files[middle] as string).startsWith(prefix)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The files below `folder` (paths from the root, `prefix/...`), breadth first, bounded; links are not
 * followed, and dependency folders (node_modules in `.github/actions/x/`) are not entered.
 */
async function filesBelow(folder: string, prefix: string): Promise<string[]> {
  const files: string[] = [];
  const queue = [{ absolute: folder, relative: prefix, depth: 0 }];
  for (let next = 0; next < queue.length && next < MAX_FOLDERS_BELOW && files.length < MAX_FILES_BELOW; next++) {
    const { absolute, relative, depth } = queue[next] as (typeof queue)[number];
    const entries = await readdir(absolute, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (depth < 8 && !SKIPPED_FOLDERS.has(entry.name)) queue.push({ absolute: path.join(absolute, entry.name), relative: child, depth: depth + 1 });
      } else files.push(child);
    }
  }
  return files;
}

/** A .gitignore larger than this is not a real one: it is not read (its folder is listed as if it had none). */
const MAX_GITIGNORE_BYTES = 256 * 1024;

export class LocalSource implements RepositorySource {
  readonly description: SourceDescription;
  private readonly root: string;
  private realRoot: string | undefined;
  private listing: Promise<string[]> | undefined;
  private readonly maxFiles: number;
  private readonly warn: (line: string) => void;
  private readonly gitTimeoutMs: number;
  private readonly signal: AbortSignal | undefined;
  private readonly knownFiles: readonly string[] | undefined;
  private readonly untrackedEverywhereUpTo: number;

  private constructor(root: string, target: string, options: LocalSourceOptions) {
    this.root = root;
    const repositoryRoot = workTreeRootOf(root);
    this.description = { kind: 'local', target, location: root, ...(repositoryRoot !== undefined && repositoryRoot !== root ? { repositoryRoot } : {}) };
    this.maxFiles = options.maxFiles ?? MAX_LISTED_FILES;
    this.warn = options.warn ?? ((line) => process.stderr.write(`${line}\n`));
    this.gitTimeoutMs = options.gitTimeoutMs ?? 60_000;
    this.signal = options.signal;
    this.knownFiles = options.listing;
    this.untrackedEverywhereUpTo = options.untrackedEverywhereUpTo ?? LIST_ALL_UNTRACKED_UP_TO;
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
    const fromGit = this.knownFiles ? [...this.knownFiles] : await this.listWithGit();
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
    if (cut)
      this.warn(
        `dpg-check: ${this.description.target} has more than ${this.maxFiles} files (or folders); only the ${files.length} files nearest the root were listed, so facts about the rest are missing.`,
      );
    return sortedListing(files);
  }

  /**
   * `git ls-files` is the fastest way to list a work tree and already honours every ignore rule. The
   * tracked files come from the index (fast at any size). Untracked files that are not ignored are
   * listed too (a file written but not yet added still counts), everywhere in a work tree of up to
   * LIST_ALL_UNTRACKED_UP_TO tracked files; in a larger one only where they can change a finding
   * (untrackedPlaces), because finding every untracked file walks the whole work tree, several times
   * the cost of the index at 100,000 files. When git cannot list (not a work tree, a FIFO that stalls
   * it past the time limit), the folder is walked instead.
   */
  private async listWithGit(): Promise<string[] | undefined> {
    const tracked = await this.lsFiles(['--cached', '--deduplicate']);
    if (tracked === undefined) return undefined;
    let untracked: string[] | undefined = [];
    if (tracked.length <= this.untrackedEverywhereUpTo) untracked = await this.lsFiles(['--others', '--exclude-standard']);
    else {
      const places = await this.untrackedPlaces(tracked);
      if (places.length > 0) untracked = await this.lsFiles(['--others', '--exclude-standard', '--', ...places]);
    }
    if (untracked === undefined) return undefined;
    const files: string[] = [];
    for (const entry of tracked) if (!isSkippedPath(entry)) files.push(entry);
    for (const entry of untracked) if (!isSkippedPath(entry)) files.push(entry);
    return files;
  }

  /**
   * In a large work tree, the places where an untracked file most often matters, as literal pathspecs
   * for `git ls-files --others`: a file at the root that git does not track (a LICENSE or dpg.yaml
   * written but not yet committed), a root folder with no tracked file (a package added but not
   * committed), and anything untracked in the folders of documentation, community and licence files
   * (UNTRACKED_FOLDERS). An untracked file elsewhere in a tracked folder counts once it is added (the
   * README says so).
   */
  private async untrackedPlaces(tracked: readonly string[]): Promise<string[]> {
    const rootNames = new Set<string>();
    const trackedIn = new Map<string, Set<string>>(UNTRACKED_FOLDERS.map((folder) => [folder, new Set<string>()]));
    // In git's order the files of a folder follow each other (paths with a common beginning do, in any
    // lexicographic order): the end of each root folder's run is found by binary search, so a folder
    // of 100,000 files costs a few comparisons, not a look at each.
    for (let index = 0; index < tracked.length; ) {
      const file = tracked[index] as string;
      const slash = file.indexOf('/');
      if (slash === -1) {
        rootNames.add(file);
        index++;
        continue;
      }
      const prefix = file.slice(0, slash + 1);
      const end = endOfRun(tracked, index, prefix);
      const folder = file.slice(0, slash);
      rootNames.add(folder);
      const known = trackedIn.get(folder);
      if (known) for (let inFolder = index; inFolder < end; inFolder++) known.add(tracked[inFolder] as string);
      index = end;
    }
    let entries;
    try {
      entries = await readdir(this.root, { withFileTypes: true });
    } catch {
      return [];
    }
    const places: string[] = [];
    for (const entry of entries) {
      if (SKIPPED_FOLDERS.has(entry.name)) continue;
      const known = trackedIn.get(entry.name);
      if (known && entry.isDirectory()) {
        for (const file of await filesBelow(path.join(this.root, entry.name), entry.name)) if (!known.has(file)) places.push(file);
      } else if (!rootNames.has(entry.name)) {
        places.push(entry.name);
      }
    }
    // Many untracked entries (a work tree never committed whole), or more than a command line holds
    // (Windows: 32,767 characters): one listing of everything.
    const pathspecs = places.map((place) => `:(literal)${place}`);
    return pathspecs.length > MAX_UNTRACKED_PATHSPECS || pathspecs.reduce((length, spec) => length + spec.length + 1, 0) > MAX_PATHSPEC_CHARACTERS
      ? ['.']
      : pathspecs;
  }

  /** `git ls-files -z ARGS`, each path as git gives it; undefined when git cannot list the folder. */
  private async lsFiles(args: readonly string[]): Promise<string[] | undefined> {
    try {
      const { stdout } = await execFileAsync('git', ['-c', 'core.fsmonitor=false', '-C', this.root, 'ls-files', '-z', ...args], {
        // fsmonitor is switched off because a repository's own config could name a command for it.
        // A FIFO in .git (index, HEAD, config, info/exclude) or as core.excludesFile blocks git for ever:
        // it is killed at the time limit (or the deadline), and the folder is walked instead.
        maxBuffer: 512 * 1024 * 1024,
        timeout: this.gitTimeoutMs,
        killSignal: 'SIGKILL',
        ...(this.signal ? { signal: this.signal } : {}),
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
      });
      const files = stdout.split('\0');
      // The listing ends with a NUL: the last piece is empty.
      if (files.at(-1) === '') files.pop();
      return files;
    } catch (error) {
      this.signal?.throwIfAborted();
      if ((error as { killed?: boolean }).killed)
        this.warn(`dpg-check: git ls-files did not finish within ${this.gitTimeoutMs / 1000} s in ${this.description.target}; the folder is walked instead.`);
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
        if (relativeDir === '')
          throw new UsageError(
            `Target cannot be read: ${this.description.target} (${describeFsError(error)})`,
            'Give the path of a repository folder you may read.',
          );
        return;
      }
      let activeRules = rules;
      if (entries.some((entry) => entry.name === '.gitignore' && entry.isFile())) {
        // Bounded and never a FIFO: a 47 MB .gitignore compiled whole ran out of memory.
        const read = await readRegularFile(path.join(absoluteDir, '.gitignore'), MAX_GITIGNORE_BYTES + 1, 5000);
        if (read.ok && read.size <= MAX_GITIGNORE_BYTES) activeRules = [...rules, { base: relativeDir, matcher: ignore().add(read.bytes.toString('utf8')) }];
        // An unreadable or oversized .gitignore only means fewer files are ignored.
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
          if (depth + 1 > MAX_WALK_DEPTH || SKIPPED_FOLDERS.has(entry.name) || isIgnored(relativePath, true)) continue;
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
    // Any component may be a link (a folder linked to /etc holds "passwd"): the whole resolved path must
    // stay inside the repository, not only its last component.
    this.realRoot ??= await realpath(this.root);
    let target: string;
    try {
      target = await realpath(absolute);
    } catch {
      return { path: relativePath, reason: 'broken-link', detail: 'a symbolic link that points nowhere (or to itself)' };
    }
    if (!isInside(this.realRoot, target)) {
      return {
        path: relativePath,
        reason: 'outside-repository',
        detail: info.isSymbolicLink()
          ? 'a symbolic link to a file outside the repository; not followed'
          : 'a path through a symbolic link to a folder outside the repository; not followed',
      };
    }
    const read = await readRegularFile(target, maxBytes);
    if (!read.ok) {
      if (read.reason === 'not-a-file') return { path: relativePath, reason: 'not-a-file', detail: read.detail };
      if (read.reason === 'missing') return { path: relativePath, reason: 'missing', detail: 'the file does not exist' };
      return { path: relativePath, reason: 'unreadable', detail: read.detail };
    }
    const decoded = decodeText(read.bytes);
    return { path: relativePath, text: decoded.text, binary: decoded.binary, truncated: read.truncated, size: read.size };
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

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  // "..foo" is a name inside the root; only ".." itself, or "../…", leaves it.
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'a folder, not a file';
  return code ? `cannot be read (${code})` : 'cannot be read';
}
