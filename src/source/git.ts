/**
 * Any git URL, read with the system `git`: a shallow, blob-less clone into a temporary folder
 * (`--depth 1 --filter=blob:none --no-checkout`), `git ls-tree` to list it, then a sparse checkout of only
 * the files the checks read (one batched download of those blobs), then LocalSource does the rest with
 * that listing (files outside the sparse set included); a read of a file that was not checked out falls
 * back to `git cat-file`, which fetches that one blob.
 *
 * Safety: the URL is an argument after `--`, never through a shell; transport helpers (`ext::`…) and
 * anything starting with `-` are refused before git runs, and `protocol.ext.allow=never` is set anyway;
 * `GIT_TERMINAL_PROMPT=0` and a process without a controlling terminal make a private repository fail
 * instead of prompting. git's own configuration (`url.<base>.insteadOf`, credential helpers) applies.
 * The temporary folder is removed on success, on failure, and on SIGINT/SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IncompleteError } from '../errors.js';
import { decodeText } from './decode.js';
import { isSkippedPath } from './listing.js';
import { LocalSource } from './local.js';
import { assertSafeGitUrl, redactUrl } from './targets.js';
import type { FileReadProblem, FileText, ReadPlanner, RepositorySource, SourceDescription } from './types.js';

export interface GitSourceOptions {
  url: string;
  /** A branch or tag name, or a full commit id. */
  ref?: string;
  /** What the user typed (credentials removed), for the report. */
  display: string;
  /** Time limit of each git command (the clone included), in milliseconds. */
  timeoutMs: number;
  /** `--verbose`: one line per git command. */
  log?: (line: string) => void;
  /** Where the temporary folder goes; the OS temp folder by default. */
  tempRoot?: string;
  /** Aborted at the run's --deadline: the running git is stopped and no other starts. */
  signal?: AbortSignal;
  /** The files checked out with the clone (one sparse checkout); without it, files are checked out as read. */
  readPlan?: ReadPlanner;
}

const FULL_COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

export class GitSource implements RepositorySource {
  readonly description: SourceDescription;
  private readonly local: LocalSource;
  private readonly folder: string;
  private readonly workTree: string;
  private readonly revision: string;
  private readonly options: GitSourceOptions;
  private disposed = false;

  private constructor(options: GitSourceOptions, folder: string, workTree: string, revision: string, local: LocalSource) {
    this.options = options;
    this.folder = folder;
    this.workTree = workTree;
    this.revision = revision;
    this.local = local;
    this.description = { kind: 'git', target: options.display, location: redactUrl(options.url), revision };
  }

  /** Clones and checks out what the checks read; any failure removes the folder and throws exit 3. */
  static async open(options: GitSourceOptions): Promise<GitSource> {
    assertSafeGitUrl(options.url);
    const tempRoot = options.tempRoot ?? tmpdir();
    sweepOnce(tempRoot);
    const folder = await mkdtemp(path.join(tempRoot, CLONE_PREFIX));
    track(folder);
    const workTree = path.join(folder, 'repo');
    try {
      const { commit: revision, files } = await cloneAndCheckout(options, workTree);
      const local = await LocalSource.open(workTree, {
        listing: files,
        gitTimeoutMs: options.timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return new GitSource(options, folder, workTree, revision, local);
    } catch (error) {
      await removeFolder(folder);
      throw error;
    }
  }

  listFiles(): Promise<string[]> {
    return this.local.listFiles();
  }

  async readText(filePath: string, maxBytes: number): Promise<FileText | FileReadProblem> {
    const result = await this.local.readText(filePath, maxBytes);
    if (!('reason' in result) || result.reason !== 'missing') return result;
    const files = await this.listFiles();
    if (!files.includes(filePath)) return result;
    // In the index but outside the sparse checkout: fetch the one blob.
    return this.readFromObjects(filePath, maxBytes);
  }

  private async readFromObjects(filePath: string, maxBytes: number): Promise<FileText | FileReadProblem> {
    const spec = `${this.revision}:${filePath}`;
    try {
      const sizeText = await runGit(['-C', this.workTree, 'cat-file', '-s', spec], this.options, { action: `reading ${filePath}` });
      const size = Number(sizeText.stdout.trim());
      const blob = await runGit(['-C', this.workTree, 'cat-file', 'blob', spec], this.options, { action: `reading ${filePath}`, maxStdoutBytes: maxBytes });
      const decoded = decodeText(blob.stdoutBytes.subarray(0, maxBytes));
      return { path: filePath, text: decoded.text, binary: decoded.binary, truncated: size > maxBytes, size };
    } catch (error) {
      return { path: filePath, reason: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.local.dispose();
    await removeFolder(this.folder);
  }
}

/**
 * Three git processes: the clone (trees only), the listing, and one checkout of the files the checks
 * read (one batched download of their blobs). The sparse-checkout patterns are written to the file git
 * reads them from and switched on for that one command (-c), instead of a `git sparse-checkout set`; the
 * commit is read from HEAD once it is detached, instead of a `git rev-parse`; and the listing is handed
 * to LocalSource, instead of its `git ls-files`.
 */
async function cloneAndCheckout(options: GitSourceOptions, workTree: string): Promise<{ commit: string; files: string[] }> {
  const byCommit = options.ref !== undefined && FULL_COMMIT.test(options.ref);
  const branch = options.ref !== undefined && !byCommit ? ['--branch', options.ref] : [];
  // No template (hooks samples, info/exclude, description): nothing of it is used, and each file is
  // one more to write and to remove per repository in an audit.
  await runGit(
    [
      'clone',
      '--quiet',
      '--template=',
      '--depth',
      '1',
      '--filter=blob:none',
      '--no-checkout',
      '--single-branch',
      '--no-tags',
      ...branch,
      '--',
      options.url,
      workTree,
    ],
    options,
    { action: 'cloning', network: true },
  );
  let revision = 'HEAD';
  if (byCommit) {
    await runGit(['-C', workTree, 'fetch', '--quiet', '--depth', '1', '--no-tags', 'origin', '--', options.ref as string], options, {
      action: `fetching commit ${options.ref}`,
      network: true,
    });
    revision = 'FETCH_HEAD';
  }
  // The tree is there (only blobs are filtered out): list it, plan the reads, check out just those.
  // `^{commit}`: a tag or anything else that is not a commit fails here, as it would at the checkout.
  const tree = await runGit(['-C', workTree, 'ls-tree', '-r', '-z', '--full-tree', `${revision}^{commit}`], options, { action: 'listing the files' });
  const files: string[] = [];
  for (const record of tree.stdout.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const [, type] = record.slice(0, tab).split(' ');
    const file = record.slice(tab + 1);
    if (type === 'blob' && !isSkippedPath(file)) files.push(file);
  }
  const patterns = (options.readPlan?.(files) ?? []).filter((file) => !/[\n\r]/.test(file)).map(sparsePattern);
  const gitDir = path.join(workTree, '.git');
  await mkdir(path.join(gitDir, 'info'), { recursive: true });
  await writeFile(path.join(gitDir, 'info', 'sparse-checkout'), `${patterns.join('\n')}\n`);
  await runGit(
    ['-C', workTree, '-c', 'core.sparseCheckout=true', '-c', 'core.sparseCheckoutCone=false', 'checkout', '--quiet', '--detach', `${revision}^{commit}`],
    options,
    { action: 'checking out', network: true },
  );
  return { commit: await detachedCommit(options, workTree), files };
}

/** The commit HEAD points at once detached: the HEAD file holds it, unless the refs are stored otherwise (reftable). */
async function detachedCommit(options: GitSourceOptions, workTree: string): Promise<string> {
  const head = (await readFile(path.join(workTree, '.git', 'HEAD'), 'utf8').catch(() => '')).trim();
  if (FULL_COMMIT.test(head)) return head;
  return (await runGit(['-C', workTree, 'rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], options, { action: 'reading the commit' })).stdout.trim();
}

/** A sparse-checkout (gitignore-style) pattern that matches exactly one path. */
function sparsePattern(file: string): string {
  let escaped = file.replace(/[\\*?[\]!#]/g, (character) => `\\${character}`);
  escaped = escaped.replace(/ +$/, (spaces) => spaces.replace(/ /g, '\\ '));
  return `/${escaped}`;
}

interface RunOptions {
  action: string;
  /** The command talks to the remote: its failures are explained as such. */
  network?: boolean;
  stdin?: string;
  /** Stop reading (and end git) after this many bytes of output. */
  maxStdoutBytes?: number;
}

interface RunResult {
  stdout: string;
  stdoutBytes: Buffer;
}

/** Runs git without a shell, a terminal or a prompt, within the time limit; exit 3 on failure. */
function runGit(args: string[], options: GitSourceOptions, run: RunOptions): Promise<RunResult> {
  const fullArgs = [
    '-c',
    'protocol.ext.allow=never',
    '-c',
    'core.fsmonitor=false',
    '-c',
    'core.hooksPath=/dev/null',
    '-c',
    'advice.detachedHead=false',
    ...args,
  ];
  const shown = args.map((arg) => (arg === options.url ? redactUrl(arg) : arg)).join(' ');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(options.signal.reason);
      return;
    }
    let child: ChildProcess;
    try {
      child = spawn('git', fullArgs, {
        // A new session has no controlling terminal, so neither git nor ssh can prompt.
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', LANGUAGE: 'C' },
      });
    } catch (error) {
      reject(
        new IncompleteError(
          `Could not run git: ${error instanceof Error ? error.message : String(error)}`,
          'Install git (https://git-scm.com) to check a repository by its git URL.',
        ),
      );
      return;
    }
    running.add(child);
    const chunks: Buffer[] = [];
    let outLength = 0;
    let stderr = '';
    let timedOut = false;
    let enough = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, options.timeoutMs);
    const onAbort = (): void => killGroup(child);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (enough) return;
      chunks.push(chunk);
      outLength += chunk.length;
      if (run.maxStdoutBytes !== undefined && outLength >= run.maxStdoutBytes) {
        enough = true;
        killGroup(child);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(run.stdin ?? '');
    child.on('error', (error) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      running.delete(child);
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(
        new IncompleteError(
          missing ? 'git is not installed (or not on the PATH), and it is needed to check a repository by its git URL.' : `Could not run git: ${error.message}`,
          missing ? 'Install git, or give a folder or a GitHub repository instead.' : undefined,
        ),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      running.delete(child);
      const elapsed = Math.round(performance.now() - started);
      const stopped = options.signal?.aborted === true;
      options.log?.(
        `git ${shown} → ${stopped ? 'stopped at the deadline' : timedOut ? 'timed out' : enough ? 'stopped at the read cap' : `exit ${code}`} ${elapsed} ms`,
      );
      if (stopped) {
        reject(options.signal?.reason);
        return;
      }
      const stdoutBytes = Buffer.concat(chunks, outLength);
      if (enough) {
        resolve({ stdout: stdoutBytes.toString('utf8'), stdoutBytes });
        return;
      }
      if (timedOut) {
        reject(
          new IncompleteError(
            `git took longer than ${options.timeoutMs / 1000} s ${run.action} ${redactUrl(options.url)}, and was stopped.`,
            'Allow more time with --timeout SECONDS, or check the network connection.',
          ),
        );
        return;
      }
      if (code !== 0) {
        reject(explainGitFailure(stderr, options, run));
        return;
      }
      resolve({ stdout: stdoutBytes.toString('utf8'), stdoutBytes });
    });
  });
}

function explainGitFailure(stderr: string, options: GitSourceOptions, run: RunOptions): IncompleteError {
  const url = redactUrl(options.url);
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^(hint:|warning: filtering not recognized)/.test(line))
    .map((line) => redactText(line, options.url));
  const detail = lines.slice(-3).join(' / ') || 'no message from git';
  const text = stderr.toLowerCase();
  if (/remote branch .* not found|couldn't find remote ref|not our ref|unadvertised object/.test(text)) {
    return new IncompleteError(
      `${url} has no branch, tag or commit named "${options.ref ?? 'HEAD'}" (git: ${detail}).`,
      'Check the name after @; a commit must be given as its full 40-character id.',
    );
  }
  if (
    /terminal prompts disabled|could not read (username|password)|authentication failed|permission denied \(publickey|host key verification failed|http basic: access denied/.test(
      text,
    )
  ) {
    return new IncompleteError(
      `git could not log in to ${url}: the repository is private or the credentials were refused (git: ${detail}).`,
      'Set up git credentials for this host (a credential helper, or an SSH key in ssh-agent) and run again; dpg-check never prompts.',
    );
  }
  if (/repository .*not found|does not appear to be a git repository|not found|does not exist|no such file or directory/.test(text) && run.network) {
    return new IncompleteError(
      `git could not find a repository at ${url} (git: ${detail}).`,
      'Check the URL; for a private repository, set up git credentials for this host.',
    );
  }
  if (
    /could not resolve host|connection refused|connection timed out|failed to connect|unable to access|network is unreachable|early eof|the remote end hung up|rpc failed/.test(
      text,
    )
  ) {
    return new IncompleteError(`git could not reach ${url} (git: ${detail}).`, 'Check the network connection (and proxy) and the URL, then run again.');
  }
  return new IncompleteError(`git failed ${run.action} ${url} (git: ${detail}).`, 'Run again with --verbose to see the git commands.');
}

/** git prints URLs; take credentials out of any it prints. */
function redactText(line: string, url: string): string {
  let result = line.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1');
  if (url !== redactUrl(url)) result = result.split(url).join(redactUrl(url));
  return result;
}

// Cleanup on the way out: temporary folders and running git processes, also on Ctrl-C.

const cleanup = new Set<string>();
const running = new Set<ChildProcess>();
let handlersInstalled = false;

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

function removeAllNow(): void {
  for (const child of running) killGroup(child);
  for (const folder of cleanup) {
    try {
      rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Best effort on the way out.
    }
  }
  cleanup.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removeAllNow();
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  // Die of the same signal, as a shell expects of a program interrupted by Ctrl-C.
  process.kill(process.pid, signal);
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', removeAllNow);
}

function uninstallHandlersWhenIdle(): void {
  if (!handlersInstalled || cleanup.size > 0) return;
  handlersInstalled = false;
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  process.removeListener('exit', removeAllNow);
}

function track(folder: string): void {
  installHandlers();
  cleanup.add(folder);
}

async function removeFolder(folder: string): Promise<void> {
  try {
    await rm(folder, { recursive: true, force: true, maxRetries: 3 });
  } finally {
    cleanup.delete(folder);
    uninstallHandlersWhenIdle();
  }
}

const CLONE_PREFIX = 'dpg-check-clone-';
/** A clone folder older than this belongs to no running check: a run killed before it could clean up left it. */
const STALE_CLONE_MS = 24 * 60 * 60 * 1000;
const swept = new Set<string>();

/**
 * Removes the clone folders that killed runs left behind (SIGKILL, a power cut: no exit handler runs),
 * once per process and temporary folder, in the background. Only this user's own folders, older than a
 * day, named as this tool names them, and never through a link.
 */
function sweepOnce(tempRoot: string): void {
  if (swept.has(tempRoot)) return;
  swept.add(tempRoot);
  void sweepStaleClones(tempRoot).catch(() => undefined);
}

export async function sweepStaleClones(tempRoot: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  for (const name of await readdir(tempRoot)) {
    if (!name.startsWith(CLONE_PREFIX)) continue;
    const folder = path.join(tempRoot, name);
    const info = await lstat(folder).catch(() => undefined);
    if (!info?.isDirectory() || (uid !== undefined && info.uid !== uid) || now - info.mtimeMs < STALE_CLONE_MS) continue;
    await rm(folder, { recursive: true, force: true }).catch(() => undefined);
    removed.push(folder);
  }
  return removed;
}
