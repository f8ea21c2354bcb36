/**
 * Hardening, round two (issue 15), the file-system half: init never writes through a link, git metadata
 * that is a FIFO cannot hang a check, a path through a symlinked folder is not read outside the
 * repository, a huge .gitignore is not compiled, `licenses --diff` reads no device or FIFO, a full disk
 * is exit 3 with no half row, a results file has one writer, and killed runs' clones are swept.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepStaleClones } from '../../src/source/git.js';
import { startSilentHost } from '../support/silent-host.js';
import { CLI, cleanEnv, COMPLETE, runDpg, scratchFolders, STACK_FRAME } from './support.js';

const folder = scratchFolders();

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.org',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.org',
  GIT_CONFIG_NOSYSTEM: '1',
};
function git(args: string[], cwd: string): void {
  execFileSync('git', args, { cwd, env: GIT_ENV, stdio: 'ignore' });
}
function gitRepository(dir: string): string {
  const repo = path.join(dir, 'repo');
  cpSync(COMPLETE, repo, { recursive: true });
  git(['init', '-q', '-b', 'main'], repo);
  git(['add', '-A'], repo);
  git(['commit', '-q', '-m', 'fixture'], repo);
  return repo;
}
/** Processes whose command line names `needle` (a git left running by a stopped check). */
function processesNaming(needle: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      } catch {
        return '';
      }
    })
    .filter((line) => line.includes(needle) && !line.includes('vitest'));
}

describe('init never writes through a link', () => {
  it('a dpg.yaml that is a dangling link, or a link with --force, is refused; nothing outside is written', async () => {
    const dir = folder('init-link');
    const repo = path.join(dir, 'repo');
    mkdirSync(repo);
    writeFileSync(path.join(repo, 'README.md'), '# $(touch pwned)\n\nA tool.\n');
    const outside = path.join(dir, 'home', '.bash_aliases');
    mkdirSync(path.dirname(outside));
    symlinkSync(outside, path.join(repo, 'dpg.yaml'));
    const dangling = await runDpg(['init', repo, '--yes'], { env: cleanEnv({ HOME: dir }) });
    expect(dangling.code).toBe(2);
    expect(existsSync(outside)).toBe(false);
    writeFileSync(outside, 'alias ls="ls -l"\n');
    const forced = await runDpg(['init', repo, '--yes', '--force'], { env: cleanEnv({ HOME: dir }) });
    expect(forced.code).toBe(2);
    expect(forced.stderr).toContain('is a symbolic link');
    expect(readFileSync(outside, 'utf8')).toBe('alias ls="ls -l"\n');

    rmSync(path.join(repo, 'dpg.yaml'));
    const written = await runDpg(['init', repo, '--yes'], { env: cleanEnv({ HOME: dir }) });
    expect(written.code, written.stderr).toBe(0);
    expect(readFileSync(path.join(repo, 'dpg.yaml'), 'utf8')).toContain('name: "$(touch pwned)"');
    expect(readdirSync(repo).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('git metadata that is a FIFO cannot hang a check', () => {
  it('.git/index as a FIFO: git is killed at --timeout and the folder is walked instead', async () => {
    const dir = folder('fifo-index');
    const repo = gitRepository(dir);
    rmSync(path.join(repo, '.git', 'index'));
    execFileSync('mkfifo', [path.join(repo, '.git', 'index')]);
    const started = Date.now();
    const result = await runDpg(['check', repo, '--timeout', '2', '--format', 'json'], { env: cleanEnv({ HOME: dir }), killAfterMs: 30_000 });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('walked instead');
    expect(processesNaming(repo)).toEqual([]);
  });

  it('core.excludesFile as a FIFO, with --deadline: exit 3 and no git left running', async () => {
    const dir = folder('fifo-excludes');
    const repo = gitRepository(dir);
    const fifo = path.join(dir, 'excludes');
    execFileSync('mkfifo', [fifo]);
    git(['config', 'core.excludesFile', fifo], repo);
    // git reads the excludes only to list untracked files, which it does for a file written but not yet added.
    writeFileSync(path.join(repo, 'GOVERNANCE.md'), '# Governance\n');
    const result = await runDpg(['check', repo, '--deadline', '1'], { env: cleanEnv({ HOME: dir }), killAfterMs: 30_000 });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('--deadline');
    expect(result.stderr).not.toContain(STACK_FRAME);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(processesNaming(repo)).toEqual([]);
  });
});

describe('no read outside the repository through a symlinked folder', () => {
  it('a tracked .github/dpg.yaml whose folder became a link out of the tree is not read', async () => {
    const dir = folder('symlinked-folder');
    const repo = path.join(dir, 'repo');
    mkdirSync(path.join(repo, '.github'), { recursive: true });
    writeFileSync(path.join(repo, 'README.md'), '# Tool\n');
    writeFileSync(path.join(repo, '.github', 'dpg.yaml'), 'name: Inside\n');
    git(['init', '-q', '-b', 'main'], repo);
    git(['add', '-A'], repo);
    git(['commit', '-q', '-m', 'x'], repo);
    const outside = path.join(dir, 'outside');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'dpg.yaml'), 'name: OUTSIDE-SENTINEL\n');
    rmSync(path.join(repo, '.github'), { recursive: true });
    symlinkSync(outside, path.join(repo, '.github'));
    const result = await runDpg(['check', repo, '--format', 'json'], { env: cleanEnv({ HOME: dir }) });
    expect(result.stdout).not.toContain('OUTSIDE-SENTINEL');
    expect(result.stdout).toContain('symbolic link to a folder outside the repository');
  });
});

describe('bounded reads', () => {
  it('a 48 MB .gitignore in a folder that is not a git repository is not compiled', async () => {
    const dir = folder('huge-gitignore');
    const repo = path.join(dir, 'repo');
    cpSync(COMPLETE, repo, { recursive: true });
    writeFileSync(path.join(repo, '.gitignore'), 'node_modules/\n*.log\n'.repeat(2_400_000));
    const started = Date.now();
    const result = await runDpg(['check', repo, '--format', 'json'], { env: cleanEnv({ HOME: dir }), killAfterMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('licenses --diff refuses a link to /dev/zero and a FIFO at once', async () => {
    const dir = folder('diff-devices');
    symlinkSync('/dev/zero', path.join(dir, 'LICENSE'));
    execFileSync('mkfifo', [path.join(dir, 'COPYING')]);
    for (const name of ['LICENSE', 'COPYING']) {
      const started = Date.now();
      const result = await runDpg(['licenses', dir, '--diff', path.join(dir, name)], { env: cleanEnv({ HOME: dir }), killAfterMs: 30_000 });
      expect(result.code, name).toBe(2);
      expect(result.stderr).toContain('not a regular file');
      expect(Date.now() - started).toBeLessThan(10_000);
    }
  });
});

describe.skipIf(!existsSync('/dev/full'))('a full disk is exit 3, with no half row', () => {
  it('--out, --format FILE and --summary on a full device', async () => {
    const dir = folder('full-disk');
    const audit = await runDpg(['audit', COMPLETE, '--out', '/dev/full', '--no-progress', '--no-cache'], { env: cleanEnv({ HOME: dir }) });
    expect(audit.code).toBe(3);
    expect(audit.stderr).toContain('/dev/full');
    const check = await runDpg(['check', COMPLETE, '--format', 'json=/dev/full'], { env: cleanEnv({ HOME: dir }) });
    expect(check.code).toBe(3);
    expect(check.stderr).toContain('no space left');
    const summary = await runDpg(
      ['audit', COMPLETE, '--out', path.join(dir, 'rows.jsonl'), '--summary', '/dev/full', '--summary-format', 'csv', '--no-progress', '--no-cache'],
      { env: cleanEnv({ HOME: dir }) },
    );
    expect(summary.code).toBe(3);
  });
});

describe('one writer per results file', () => {
  it('a second audit on a locked --out is refused (exit 2); a stale lock is taken over', async () => {
    const dir = folder('lock');
    const out = path.join(dir, 'rows.jsonl');
    // A live process that is a dpg-check holds it (its command line names it, as a real run's does).
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', 'dpg-check'], { stdio: 'ignore' });
    writeFileSync(`${out}.lock`, `${holder.pid}\n${(await import('node:os')).hostname()}\n`);
    const refused = await runDpg(['audit', COMPLETE, '--out', out, '--no-progress', '--no-cache'], { env: cleanEnv({ HOME: dir }) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`is writing ${out}`);
    expect(existsSync(out)).toBe(false);
    const merge = await runDpg(['merge', path.join(dir, 'none.jsonl'), '--out', out], { env: cleanEnv({ HOME: dir }) });
    expect(merge.code).toBe(2);
    holder.kill();
    // A live process that is no dpg-check (a reused pid) does not hold it.
    writeFileSync(`${out}.lock`, `${process.pid}\n${(await import('node:os')).hostname()}\n`);
    const reused = await runDpg(['audit', COMPLETE, '--out', out, '--no-progress', '--no-cache', '--overwrite'], { env: cleanEnv({ HOME: dir }) });
    expect(reused.code, reused.stderr).toBe(0);
    rmSync(out);

    writeFileSync(`${out}.lock`, '2147483646\nthis-host\n'.replace('this-host', (await import('node:os')).hostname()));
    const taken = await runDpg(['audit', COMPLETE, '--out', out, '--no-progress', '--no-cache'], { env: cleanEnv({ HOME: dir }) });
    expect(taken.code, taken.stderr).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(existsSync(`${out}.lock`)).toBe(false);
  });
});

describe('the lock goes with the run', () => {
  it('Ctrl-C during an audit removes the lock', async () => {
    const dir = folder('lock-sigint');
    const host = await startSilentHost();
    const out = path.join(dir, 'rows.jsonl');
    try {
      const child = spawn(process.execPath, [CLI, 'audit', `http://127.0.0.1:${host.port}/team/repo.git`, '--out', out, '--no-progress', '--timeout', '60'], {
        env: cleanEnv({ HOME: dir }),
        stdio: 'ignore',
      });
      for (let waited = 0; waited < 10_000 && !existsSync(`${out}.lock`); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(existsSync(`${out}.lock`)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const ended = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
      child.kill('SIGINT');
      expect(await ended).toBe('SIGINT');
      expect(existsSync(`${out}.lock`)).toBe(false);
    } finally {
      host.close();
    }
  });
});

describe('clones of killed runs are swept', () => {
  it("only this tool's folders older than a day, never through a link", async () => {
    const root = folder('sweep');
    const old = path.join(root, 'dpg-check-clone-old1');
    const fresh = path.join(root, 'dpg-check-clone-new1');
    const other = path.join(root, 'someone-else-old');
    for (const dir of [old, fresh, other]) mkdirSync(path.join(dir, 'repo'), { recursive: true });
    const target = path.join(root, 'precious');
    mkdirSync(target);
    symlinkSync(target, path.join(root, 'dpg-check-clone-link'));
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    for (const dir of [old, other]) utimesSync(dir, twoDaysAgo, twoDaysAgo);
    const removed = await sweepStaleClones(root);
    expect(removed).toEqual([old]);
    expect(existsSync(fresh) && existsSync(other) && existsSync(target) && existsSync(path.join(root, 'dpg-check-clone-link'))).toBe(true);
  });
});
