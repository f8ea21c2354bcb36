import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JsonlAppender, prepareResume } from '../../src/audit/jsonl.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { cleanEnv, FIXTURE_REPOS, keyOf, readJsonl, runCliWith, spawnCli, TOKEN, waitFor } from './helpers.js';

/** Nothing lost: rows appended and fsync'd as targets finish; a killed run resumed gives the same results. */
let scratch: string;
let servers: FakeGitHub[] = [];
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dpg-audit-resume-'));
});
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function lines(file: string): number {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '').length;
  } catch {
    return 0;
  }
}

describe('the results file', () => {
  it('cuts off a torn last line and reads the keys done (first row of a key wins)', async () => {
    const file = path.join(scratch, 'torn.jsonl');
    writeFileSync(file, '{"target":"a","error":{"message":"x","exitCode":3}}\n{"target":"github:O/B","report":{"findings":[]}}\n{"target":"c","rep');
    const existing = await prepareResume(file, false);
    expect(existing.tornBytes).toBe('{"target":"c","rep'.length);
    expect([...existing.keys].sort()).toEqual(['a', 'github:o/b']);
    expect([...existing.errorKeys]).toEqual(['a']);
    expect(readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
    // --retry-errors: error rows leave the file, so those targets are audited again.
    const retried = await prepareResume(file, true);
    expect([...retried.keys]).toEqual(['github:o/b']);
    expect(readFileSync(file, 'utf8')).toBe('{"target":"github:O/B","report":{"findings":[]}}\n');
  });

  it('appends rows that finish together in one write, each line whole', async () => {
    const file = path.join(scratch, 'append.jsonl');
    const out = await JsonlAppender.open(file);
    await Promise.all(Array.from({ length: 50 }, (_, index) => out.append({ target: `t${index}`, error: { message: 'm', exitCode: 3 } })));
    await out.close();
    const rows = readJsonl(file);
    expect(rows.map((row) => row.target).sort()).toEqual(Array.from({ length: 50 }, (_, index) => `t${index}`).sort());
  });
});

describe('dpg-check audit --resume after the process is killed', () => {
  it('SIGKILL mid-run, then --resume: every target exactly once, the same results as an uninterrupted run', async () => {
    const github = await startFakeGitHub({ token: TOKEN });
    servers.push(github);
    const targets = [...FIXTURE_REPOS.map((name) => `github:dpg/${name}`), 'fixtures/bare', 'fixtures/data-set', 'github:dpg/no-such-repo'];
    const list = path.join(scratch, 'targets.txt');
    writeFileSync(list, `${targets.join('\n')}\n`);
    const env = cleanEnv(scratch, { GITHUB_TOKEN: TOKEN });
    const out = path.join(scratch, 'killed.jsonl');
    const common = [
      '--input',
      list,
      '--out',
      out,
      '--github-api-url',
      github.apiUrl,
      '--concurrency',
      '1',
      '--batch-size',
      '1',
      '--cache-dir',
      path.join(scratch, 'cache'),
    ];

    // Slow enough to be killed in the middle: every request waits 150 ms.
    github.inject({ fault: { kind: 'slow', delayMs: 150 }, times: Number.POSITIVE_INFINITY });
    const child = spawnCli(['audit', ...common], env);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    const reached = await waitFor(() => lines(out) >= 3, 60_000);
    expect(reached, stderr).toBe(true);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const before = lines(out);
    expect(before).toBeGreaterThanOrEqual(3);
    expect(before).toBeLessThan(targets.length);
    // As if the kill had landed in the middle of a write: a torn last line.
    appendFileSync(out, '{"target":"github:dpg/fail-9c-no-code-of-conduct","report":{"schemaVersion":1,"verd');

    github.clearFaults();
    const resumed = await runCliWith(['audit', ...common, '--resume'], { env });
    expect(resumed.stderr).toContain('cut off an unfinished last line');
    expect(resumed.stderr).toMatch(new RegExp(`${before} targets? already done`));
    expect(resumed.code).toBe(3);
    const rows = readJsonl(out);
    const keys = rows.map(keyOf);
    expect(keys.length).toBe(new Set(keys).size);
    expect(keys.sort()).toEqual(targets.map((target) => (target.startsWith('github:') ? target.toLowerCase() : target)).sort());

    // An uninterrupted run gives the same verdicts and findings.
    const reference = path.join(scratch, 'reference.jsonl');
    await runCliWith(['audit', '--input', list, '--out', reference, '--github-api-url', github.apiUrl, '--no-cache'], { env });
    const digest = (row: ReturnType<typeof readJsonl>[number]): string =>
      JSON.stringify([
        keyOf(row),
        row.error?.exitCode ?? null,
        row.report?.verdict ?? null,
        (row.report?.findings ?? []).map((finding) => `${finding.code}:${finding.status}`).sort(),
      ]);
    expect(rows.map(digest).sort()).toEqual(readJsonl(reference).map(digest).sort());

    // Resuming a finished run does nothing more.
    const again = await runCliWith(['audit', ...common, '--resume'], { env });
    expect(again.stderr).toContain(`${targets.length} targets already done`);
    expect(lines(out)).toBe(targets.length);
  }, 120_000);

  it('--resume --retry-errors audits the error rows again and keeps each target once', async () => {
    const github = await startFakeGitHub({ token: TOKEN });
    servers.push(github);
    const env = cleanEnv(scratch, { GITHUB_TOKEN: TOKEN });
    const out = path.join(scratch, 'retry.jsonl');
    github.inject({ fault: { kind: 'status', status: 503 }, times: Number.POSITIVE_INFINITY, on: 'graphql' });
    const first = await runCliWith(
      ['audit', 'github:dpg/data-set', 'fixtures/bare', '--out', out, '--github-api-url', github.apiUrl, '--no-cache', '--timeout', '5'],
      { env },
    );
    expect(first.code).toBe(3);
    expect(readJsonl(out).find((row) => row.target === 'github:dpg/data-set')?.error?.message).toContain('503');
    github.clearFaults();
    const second = await runCliWith(
      ['audit', 'github:dpg/data-set', 'fixtures/bare', '--out', out, '--github-api-url', github.apiUrl, '--no-cache', '--resume', '--retry-errors'],
      { env },
    );
    expect(second.code).toBe(1);
    const rows = readJsonl(out);
    expect(rows.map(keyOf).sort()).toEqual(['fixtures/bare', 'github:dpg/data-set']);
    expect(rows.find((row) => row.target === 'github:dpg/data-set')?.report?.verdict).toBe('ready');
  }, 60_000);
});
