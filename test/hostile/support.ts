/**
 * Helpers of the hostile-input tests: a runner of the built CLI with a time limit (and optionally as
 * the unprivileged user `nobody`), scratch folders, and a `git` on the PATH that records every call.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI, REPO_ROOT } from '../support/cli.js';
import { afterAll } from 'vitest';

export { CLI, REPO_ROOT };
export const BAD_INPUTS = path.join(REPO_ROOT, 'fixtures/bad-inputs');
export const COMPLETE = path.join(REPO_ROOT, 'fixtures/complete-software');

/** What a stack trace looks like in Node's output. */
export const STACK_FRAME = '\n    at ';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** True when the run was killed for taking longer than its limit. */
  timedOut: boolean;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Killed (SIGKILL) after this long; the result says so. */
  killAfterMs?: number;
  /** Run as nobody:nogroup (setpriv), so that file permissions apply even when the tests run as root. */
  asNobody?: boolean;
  /** Options for node itself (`--max-old-space-size=64`). */
  nodeArgs?: string[];
  /** Called with the child once it started (to close its standard output early, for example). */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
}

/** Whether `setpriv` can run a command as nobody here (it needs root, and the user to exist). */
export const canRunAsNobody: boolean = (() => {
  if (process.getuid?.() !== 0) return false;
  return spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'true']).status === 0;
})();

/** Runs the built CLI as a child process, never through a shell. */
export function runDpg(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const nodeArgs = [...(options.nodeArgs ?? []), CLI, ...args];
  const [command, commandArgs] = options.asNobody
    ? ['setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command as string, commandArgs as string[], {
      cwd: options.cwd ?? REPO_ROOT,
      env: options.env ?? cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdout.on('error', () => undefined);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.killAfterMs ?? 20_000);
    options.onSpawn?.(child);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        ms: performance.now() - started,
        timedOut,
      });
    });
  });
}

/** A scratch folder that everyone may read (the `nobody` runs need to reach into it). */
export function scratch(prefix: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), `dpg-hostile-${prefix}-`));
  chmodSync(folder, 0o755);
  return folder;
}

/** A maker of scratch folders for one test file; every folder it made is removed after the file's tests. */
export function scratchFolders(): (prefix: string) => string {
  const folders: string[] = [];
  afterAll(() => folders.forEach(remove));
  return (prefix) => {
    const dir = scratch(prefix);
    folders.push(dir);
    return dir;
  };
}

export function remove(folder: string): void {
  // A test may have left a folder without permissions; give them back so it can be removed.
  spawnSync('chmod', ['-R', 'u+rwx', folder]);
  rmSync(folder, { recursive: true, force: true });
}

/** A copy of fixtures/complete-software (or an empty folder) to break. */
export function repositoryFrom(base: 'complete-software' | 'empty', folder: string): string {
  mkdirSync(folder, { recursive: true });
  if (base === 'complete-software') cpSync(COMPLETE, folder, { recursive: true });
  return folder;
}

/** Writes a file of `size` bytes: `head` first, then `fill` repeated. */
export function writeLargeFile(file: string, size: number, head: string | Buffer, fill: string | Buffer): void {
  const buffer = Buffer.alloc(size, fill);
  (typeof head === 'string' ? Buffer.from(head) : head).copy(buffer, 0);
  writeFileSync(file, buffer);
}

/** No token, no CI, no user configuration; `PATH` may start with a folder of fakes. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}, binFirst?: string): NodeJS.ProcessEnv {
  const home = extra.HOME ?? tmpdir();
  return {
    PATH: [...(binFirst ? [binFirst] : []), path.dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
    HOME: home,
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    GITHUB_TOKEN: '',
    GH_TOKEN: '',
    GITHUB_API_URL: '',
    CI: '',
    ...extra,
  };
}

/**
 * A folder holding a `git` that appends its arguments to a log (NUL-separated, one call per line)
 * and then runs the real git; `calls()` reads the log back.
 */
export function recordingGit(folder: string): { bin: string; calls: () => string[][] } {
  const bin = path.join(folder, 'bin');
  const log = path.join(folder, 'git-calls.log');
  mkdirSync(bin, { recursive: true });
  const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim() || '/usr/bin/git';
  writeFileSync(
    path.join(bin, 'git'),
    `#!/bin/sh\nfor argument in "$@"; do printf '%s\\0' "$argument" >> '${log}'; done\nprintf '\\n' >> '${log}'\nexec '${realGit}' "$@"\n`,
    { mode: 0o755 },
  );
  return {
    bin,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => line.split('\0').slice(0, -1))
        : [],
  };
}

/** Every format at once: JSON on standard output, the seven others as files in `outputs`. */
export const FILE_FORMATS = ['text', 'markdown', 'sarif', 'junit', 'gitlab', 'badge', 'html'] as const;

export function allFormatArgs(outputs: string): string[] {
  return ['--format', 'json', ...FILE_FORMATS.flatMap((format) => ['--format', `${format}=${path.join(outputs, `report.${format}`)}`])];
}

export function readOutputs(outputs: string): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const format of FILE_FORMATS) {
    const file = path.join(outputs, `report.${format}`);
    if (existsSync(file)) texts[format] = readFileSync(file, 'utf8');
  }
  return texts;
}
