/**
 * bin/code-cache.js: the bundled CLI is compiled with V8's code cache, kept in the user's cache folder.
 * Every run gives the same answer whatever the cache holds; a cache nobody else may write is the only
 * one read.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './support/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'dpg-code-cache-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cacheFiles(home: string): string[] {
  const folder = path.join(home, 'dpg-check', 'code-cache');
  return existsSync(folder) ? readdirSync(folder).map((name) => path.join(folder, name)) : [];
}

async function check(home: string, extra: NodeJS.ProcessEnv = {}, cwd?: string) {
  const result = await runCli(['check', path.join(REPO_ROOT, 'fixtures/complete-software'), '--format', 'json'], {
    env: { XDG_CACHE_HOME: home, DPG_CHECK_NO_CODE_CACHE: '', ...extra },
    ...(cwd ? { cwd } : {}),
  });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout).verdict as string;
}

describe('the code cache of the bundled CLI', () => {
  it('is written by the first run, private to the user, and read, not rewritten, by the next', async () => {
    const home = path.join(scratch, 'first');
    expect(await check(home)).toBe('ready');
    const [file] = cacheFiles(home);
    expect(file).toBeDefined();
    expect(statSync(file as string).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file as string)).mode & 0o777).toBe(0o700);
    const written = statSync(file as string).mtimeMs;
    expect(await check(home)).toBe('ready');
    // Accepted by V8: nothing to write again.
    expect(statSync(file as string).mtimeMs).toBe(written);
  });

  it('a cache others may write, or one that is not V8 data, is not used: the run compiles and writes its own', async () => {
    const home = path.join(scratch, 'foreign');
    await check(home);
    const [file] = cacheFiles(home) as [string];
    writeFileSync(file, 'not a code cache');
    chmodSync(file, 0o666);
    expect(await check(home)).toBe('ready');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(file).size).toBeGreaterThan(100_000);
    writeFileSync(file, Buffer.alloc(4096, 7), { mode: 0o600 });
    expect(await check(home)).toBe('ready');
    expect(statSync(file).size).toBeGreaterThan(100_000);
  });

  it('a cache folder others may write into is not used: nothing is read from it or written through it', async () => {
    const home = path.join(scratch, 'shared');
    const folder = path.join(home, 'dpg-check', 'code-cache');
    mkdirSync(folder, { recursive: true });
    chmodSync(folder, 0o777);
    // What another user could leave there: a link to a file of ours, named as a write might name it.
    const victim = path.join(scratch, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, path.join(folder, 'planted.tmp'));
    expect(await check(home)).toBe('ready');
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readdirSync(folder)).toEqual(['planted.tmp']);
  });

  it('an empty or relative HOME (and no XDG_CACHE_HOME) writes no cache, in the folder checked or anywhere', async () => {
    const cwd = path.join(scratch, 'cwd');
    mkdirSync(cwd);
    for (const HOME of ['', 'relative-home']) {
      expect(await check('', { HOME }, cwd)).toBe('ready');
      expect(readdirSync(cwd), HOME).toEqual([]);
    }
  });

  it('keeps a few cache files, one per command, and removes older ones', async () => {
    const home = path.join(scratch, 'prune');
    await check(home);
    const folder = path.join(home, 'dpg-check', 'code-cache');
    for (let index = 0; index < 12; index++) writeFileSync(path.join(folder, `old-${index}.bin`), 'x', { mode: 0o600 });
    // Another command writes its own cache, and the oldest beyond eight go.
    const result = await runCli(['explain', 'license/approved'], { env: { XDG_CACHE_HOME: home, DPG_CHECK_NO_CODE_CACHE: '' } });
    expect(result.code).toBe(0);
    expect(cacheFiles(home).filter((file) => file.endsWith('.bin')).length).toBe(8);
  });

  it('DPG_CHECK_NO_CODE_CACHE=1 writes nothing', async () => {
    const home = path.join(scratch, 'off');
    expect(await check(home, { DPG_CHECK_NO_CODE_CACHE: '1' })).toBe('ready');
    expect(cacheFiles(home)).toEqual([]);
  });
});
