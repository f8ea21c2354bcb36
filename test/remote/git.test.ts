import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IncompleteError, UsageError } from '../../src/errors.js';
import type { GitSource } from '../../src/source/git.js';
import { openTarget as openSource } from '../../src/app/open-target.js';
import { CLI, REPO_ROOT, runCli } from '../support/cli.js';
import { checkTarget, FIXTURES, git, makeBareRepository, summarise } from './helpers.js';

let scratch: string;
let temp: string;
let repo: { url: string; commit: string; bare: string };

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dpg-remote-git-'));
  temp = path.join(scratch, 'tmp');
  mkdirSync(temp);
  repo = makeBareRepository(path.join(FIXTURES, 'complete-software'), scratch);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const leftovers = (): string[] => readdirSync(temp);

describe('git URLs', () => {
  it('checks a file:// URL like the folder, at HEAD, a branch, a tag or a commit, and removes its clone', async () => {
    const expected = summarise(await checkTarget(path.join(FIXTURES, 'complete-software')));
    for (const suffix of ['', '@main', '@v1.0.0', `@${repo.commit}`]) {
      const report = await checkTarget(`${repo.url}${suffix}`, { tempRoot: temp });
      expect(summarise(report), suffix).toEqual(expected);
      expect(report.source).toEqual({ kind: 'git', target: `${repo.url}${suffix}`, location: repo.url, revision: repo.commit });
    }
    expect(leftovers()).toEqual([]);
  });

  it('starts three git processes: the clone, the listing of its tree, one checkout of the files read', async () => {
    for (const suffix of ['', `@${repo.commit}`]) {
      const result = await runCli(['check', `${repo.url}${suffix}`, '--verbose', '--format', 'json'], { env: { TMPDIR: temp } });
      expect(result.code, result.stderr).toBe(0);
      const commands = [...result.stderr.matchAll(/^dpg-check: git (?:-C \S+ )?(?:-c \S+ )*([a-z-]+)/gm)].map((match) => match[1]);
      // A commit named by its id is fetched after the clone (--single-branch leaves it out otherwise).
      expect(commands, suffix).toEqual(suffix ? ['clone', 'fetch', 'ls-tree', 'checkout'] : ['clone', 'ls-tree', 'checkout']);
      expect(JSON.parse(result.stdout).source.revision).toBe(repo.commit);
    }
    expect(leftovers()).toEqual([]);
  });

  it('a bare repository folder is read with git too', async () => {
    const report = await checkTarget(repo.bare, { tempRoot: temp });
    expect(report.source).toMatchObject({ kind: 'git', target: repo.bare, revision: repo.commit });
    expect(leftovers()).toEqual([]);
  });

  it('downloads only the blobs the checks read (sparse checkout), and reads others on demand', async () => {
    const source = (await openSource(repo.url, { tempRoot: temp })) as GitSource;
    try {
      const files = await source.listFiles();
      expect(files).toEqual(expect.arrayContaining(['src/server.js', 'README.md', 'dpg.yaml']));
      expect(files.some((file) => file.startsWith('.github/workflows/'))).toBe(true);
      const clone = path.join(temp, readdirSync(temp)[0] as string, 'repo');
      expect(existsSync(path.join(clone, 'README.md'))).toBe(true);
      // docs/admin-guide.md is in no read plan (src/server.js is: it is sampled for SPDX headers).
      expect(existsSync(path.join(clone, 'docs/admin-guide.md'))).toBe(false);
      const missing = git(['rev-list', '--objects', '--missing=print', 'HEAD'], clone)
        .split('\n')
        .filter((line) => line.startsWith('?'));
      expect(missing.length).toBeGreaterThan(3);
      const guide = await source.readText('docs/admin-guide.md', 1 << 20);
      expect(guide).toMatchObject({ path: 'docs/admin-guide.md', binary: false, truncated: false });
      expect('text' in guide && guide.text.length).toBeGreaterThan(10);
      const head = await source.readText('docs/admin-guide.md', 10);
      expect(head).toMatchObject({ truncated: true });
      expect('text' in head && Buffer.byteLength(head.text)).toBe(10);
    } finally {
      await source.dispose();
      await source.dispose();
    }
    expect(leftovers()).toEqual([]);
  });

  it('an unknown ref or repository ends with exit code 3, and the clone is removed', async () => {
    const noRef = await checkTarget(`${repo.url}@no-such-branch`, { tempRoot: temp }).catch((error: unknown) => error);
    expect(noRef).toBeInstanceOf(IncompleteError);
    expect((noRef as IncompleteError).message).toContain('has no branch, tag or commit named "no-such-branch"');
    const noRepo = await checkTarget(`file://${scratch}/nothing-here.git`, { tempRoot: temp }).catch((error: unknown) => error);
    expect(noRepo).toBeInstanceOf(IncompleteError);
    expect((noRepo as IncompleteError).exitCode).toBe(3);
    expect((noRepo as IncompleteError).message).toMatch(/git could not find a repository at file:\/\/.*nothing-here\.git/);
    expect(leftovers()).toEqual([]);
  });

  it('refuses transport helpers and option-like URLs before git runs (exit code 2)', async () => {
    const marker = path.join(scratch, 'pwned');
    for (const target of [
      `ext::sh -c touch% ${marker}`,
      'fd::17',
      '--upload-pack=touch /tmp/x',
      '-oProxyCommand=x',
      'ftp://example.com/repo.git',
      'ext::ssh x',
    ]) {
      const error = await openSource(target, { tempRoot: temp }).catch((caught: unknown) => caught);
      expect(error, target).toBeInstanceOf(UsageError);
      expect((error as UsageError).exitCode).toBe(2);
    }
    const cli = await runCli(['check', `ext::sh -c touch% ${marker}`]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('Refusing the git transport helper');
    expect(existsSync(marker)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it("honours git's url.<base>.insteadOf (and --clone sends a GitHub URL through git)", async () => {
    const config = path.join(scratch, 'gitconfig');
    writeFileSync(
      config,
      `[url "${repo.url}"]\n\tinsteadOf = https://git.example.invalid/team/project.git\n\tinsteadOf = https://github.com/dpg/complete-software.git\n`,
    );
    const env = { GIT_CONFIG_GLOBAL: config, GIT_CONFIG_NOSYSTEM: '1', TMPDIR: temp, GITHUB_TOKEN: '' };
    const viaGitUrl = await runCli(['check', 'https://git.example.invalid/team/project.git', '--format', 'json'], { env });
    expect(viaGitUrl.stderr).toBe('');
    expect(viaGitUrl.code).toBe(0);
    expect(JSON.parse(viaGitUrl.stdout).source).toMatchObject({ kind: 'git', revision: repo.commit });
    const viaClone = await runCli(['check', 'github:dpg/complete-software', '--clone', '--format', 'json'], { env });
    expect(viaClone.code).toBe(0);
    expect(JSON.parse(viaClone.stdout).source).toMatchObject({ kind: 'git', target: 'github:dpg/complete-software', revision: repo.commit });
    expect(leftovers()).toEqual([]);
  });
});

describe('a clone that hangs', () => {
  let server: Server;
  let url: string;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    // Accepts the connection and never answers: git waits until it is stopped.
    server = createServer(() => undefined);
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/team/slow.git`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('is stopped by --timeout with exit code 3', async () => {
    const result = await runCli(['check', url, '--timeout', '1'], { env: { TMPDIR: temp } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`git took longer than 1 s cloning ${url}, and was stopped.`);
    expect(result.stderr).toContain('--timeout');
    expect(leftovers()).toEqual([]);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`removes its temporary folder on ${signal}`, async () => {
      const child = spawn(process.execPath, [CLI, 'check', url], { cwd: REPO_ROOT, env: { ...process.env, TMPDIR: temp }, stdio: 'ignore' });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, exitSignal) => resolve({ code, signal: exitSignal })),
      );
      // Wait (bounded) for the clone folder to appear, then interrupt.
      for (let attempt = 0; attempt < 100 && leftovers().length === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(leftovers()).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      child.kill(signal);
      const result = await exited;
      expect(result.signal).toBe(signal);
      expect(leftovers()).toEqual([]);
    });
  }
});
