/**
 * `--deadline` bounds a whole check (and, in an audit, each target), where `--timeout` bounds each
 * request and git command: a server that never answers, a git host that accepts and stalls, and a
 * rate-limit pause longer than the deadline all end with exit code 3 soon after it, a clone's
 * temporary folder removed. withinDeadline itself is tested directly.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { IncompleteError } from '../../src/errors.js';
import { gatherFacts } from '../../src/facts/gather.js';
import type { FileReadProblem, FileText, RepositorySource } from '../../src/source/types.js';
import { DeadlineError, withinDeadline } from '../../src/util/deadline.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { startSilentHost, type SilentHost } from '../support/silent-host.js';
import { cleanEnv, COMPLETE, remove, runDpg, scratch as makeScratch, STACK_FRAME } from './support.js';

const TOKEN = 'ghp_hostileDeadlineToken00000000000000';

const made: string[] = [];
afterAll(() => made.forEach(remove));
const scratch = (prefix: string): string => {
  const folder = makeScratch(prefix);
  made.push(folder);
  return folder;
};

let fakes: FakeGitHub[] = [];
let hosts: SilentHost[] = [];
afterEach(async () => {
  await Promise.all(fakes.map((server) => server.close()));
  fakes = [];
  for (const host of hosts) host.close();
  hosts = [];
});

async function silentHost(): Promise<number> {
  const host = await startSilentHost();
  hosts.push(host);
  return host.port;
}

describe('withinDeadline', () => {
  it('returns what the work returns, and passes on its error, before the deadline', async () => {
    await expect(withinDeadline(5, 'Work', async () => 42)).resolves.toBe(42);
    await expect(withinDeadline(5, 'Work', async () => Promise.reject(new IncompleteError('no network')))).rejects.toThrow('no network');
    await expect(withinDeadline(undefined, 'Work', async (signal) => (signal === undefined ? 'unbounded' : 'bounded'))).resolves.toBe('unbounded');
  });

  it('aborts the work at the deadline, lets it wind down, then throws a DeadlineError (exit 3)', async () => {
    const events: string[] = [];
    const started = performance.now();
    const run = withinDeadline(0.2, 'The check of x', (signal) => {
      return new Promise<string>((_resolve, reject) => {
        signal?.addEventListener('abort', () => {
          events.push('aborted');
          // Cleaning up takes a moment (a clone's folder being removed); the error waits for it.
          setTimeout(() => {
            events.push('cleaned up');
            reject(signal.reason);
          }, 100);
        });
      });
    });
    const error = await run.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeadlineError);
    expect((error as DeadlineError).exitCode).toBe(3);
    expect((error as Error).message).toBe('The check of x took longer than 0.2 s (--deadline), and was stopped.');
    expect(events).toEqual(['aborted', 'cleaned up']);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('does not wait for work that ignores the signal longer than its wind-down time', async () => {
    const error = await withinDeadline(0.1, 'Work', () => new Promise(() => undefined)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeadlineError);
  }, 10_000);

  it('gatherFacts stops reading once the signal is aborted', async () => {
    const reads: string[] = [];
    const controller = new AbortController();
    const source: RepositorySource = {
      description: { kind: 'local', target: 'slow', location: 'slow' },
      listFiles: async () => ['LICENSE', 'README.md', 'package.json', ...Array.from({ length: 40 }, (_, index) => `packages/p${index}/package.json`)],
      readText: async (file: string): Promise<FileText | FileReadProblem> => {
        reads.push(file);
        if (reads.length === 3) controller.abort(new DeadlineError('The check of slow', 1));
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { path: file, text: '{}', size: 2, truncated: false, binary: false };
      },
      dispose: async () => undefined,
    };
    await expect(gatherFacts(source, { identifyLicenseText: () => ({ matches: [] }) as never, signal: controller.signal })).rejects.toBeInstanceOf(
      DeadlineError,
    );
    // The reads already started finish; no new one starts (16 run at once).
    expect(reads.length).toBeLessThanOrEqual(16);
  });
});

describe('--deadline through the CLI', () => {
  it('a GitHub API that never answers (--timeout 60): exit 3 soon after --deadline 2', async () => {
    const server = await startFakeGitHub({ token: TOKEN });
    fakes.push(server);
    server.inject({ fault: { kind: 'slow', delayMs: 120_000 }, times: Infinity });
    const result = await runDpg(['check', 'github:dpg/data-set', '--github-api-url', server.apiUrl, '--timeout', '60', '--deadline', '2'], {
      env: cleanEnv({ GITHUB_TOKEN: TOKEN }),
      killAfterMs: 30_000,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^dpg-check: The check of github:dpg\/data-set took longer than 2 s \(--deadline\), and was stopped\.\n/);
    expect(result.stderr).not.toContain(STACK_FRAME);
    expect(result.stdout).toBe('');
    expect(server.requests.length).toBeGreaterThan(0);
    expect(result.ms).toBeLessThan(8000);
  }, 40_000);

  it("a GraphQL query that never answers: a single check's own batcher stops it at the deadline", async () => {
    const server = await startFakeGitHub({ token: TOKEN });
    fakes.push(server);
    server.inject({ fault: { kind: 'slow', delayMs: 120_000 }, times: Infinity, on: 'graphql' });
    const result = await runDpg(['check', 'github:dpg/data-set', '--github-api-url', server.apiUrl, '--timeout', '60', '--deadline', '2'], {
      env: cleanEnv({ GITHUB_TOKEN: TOKEN }),
      killAfterMs: 30_000,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^dpg-check: The check of github:dpg\/data-set took longer than 2 s \(--deadline\), and was stopped\.\n/);
    expect(server.requests.map((request) => request.kind)).toEqual(['rest', 'graphql']);
    // Stopped, not waited for: work that ignores the signal is given 5 s to wind down.
    expect(result.ms).toBeLessThan(6000);
  }, 40_000);

  it('a rate-limit pause longer than the deadline does not hold the process', async () => {
    const server = await startFakeGitHub({ token: TOKEN });
    fakes.push(server);
    server.inject({ fault: { kind: 'secondary', status: 429, retryAfter: 50 }, times: Infinity });
    const result = await runDpg(['check', 'github:dpg/data-set', '--github-api-url', server.apiUrl, '--on-rate-limit', 'wait', '--deadline', '2'], {
      env: cleanEnv({ GITHUB_TOKEN: TOKEN }),
      killAfterMs: 40_000,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/took longer than 2 s \(--deadline\)/);
    expect(result.ms).toBeLessThan(10_000);
  }, 60_000);

  it('a git host that accepts and stalls: git is stopped at the deadline and the clone folder removed', async () => {
    const port = await silentHost();
    const temp = path.join(scratch('deadline-git'), 'tmp');
    mkdirSync(temp, { recursive: true });
    const result = await runDpg(['check', `git://127.0.0.1:${port}/group/app.git`, '--timeout', '60', '--deadline', '2', '--verbose'], {
      env: cleanEnv({ TMPDIR: temp }),
      killAfterMs: 30_000,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/git clone .* → stopped at the deadline \d+ ms/);
    expect(result.stderr).toMatch(/The check of git:\/\/127\.0\.0\.1:\d+\/group\/app\.git took longer than 2 s \(--deadline\)/);
    expect(readdirSync(temp)).toEqual([]);
    expect(result.ms).toBeLessThan(8000);
  }, 40_000);

  it('audit: a target past --deadline becomes an error row and the others are reported', async () => {
    const port = await silentHost();
    const out = path.join(scratch('deadline-audit'), 'rows.jsonl');
    const result = await runDpg(
      ['audit', COMPLETE, `git://127.0.0.1:${port}/stalled.git`, '--out', out, '--deadline', '2', '--timeout', '60', '--no-progress'],
      { env: cleanEnv(), killAfterMs: 40_000 },
    );
    expect(result.code).toBe(3);
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { target: string; report?: { verdict: string }; error?: { message: string; exitCode: number } });
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.target === COMPLETE)?.report?.verdict).toBe('ready');
    const stalled = rows.find((row) => row.target.includes('stalled'));
    expect(stalled?.error).toMatchObject({ exitCode: 3, message: expect.stringMatching(/took longer than 2 s \(--deadline\)/) });
    expect(result.ms).toBeLessThan(15_000);
  }, 60_000);

  it('audit: a target stopped during a long rate-limit pause does not hold the process', async () => {
    const server = await startFakeGitHub({ token: TOKEN });
    fakes.push(server);
    server.inject({ fault: { kind: 'secondary', status: 429, retryAfter: 50 }, times: Infinity });
    const out = path.join(scratch('deadline-audit-wait'), 'rows.jsonl');
    const result = await runDpg(
      [
        'audit',
        'github:dpg/data-set',
        '--out',
        out,
        '--github-api-url',
        server.apiUrl,
        '--on-rate-limit',
        'wait',
        '--deadline',
        '2',
        '--no-cache',
        '--no-progress',
      ],
      { env: cleanEnv({ GITHUB_TOKEN: TOKEN }), killAfterMs: 40_000 },
    );
    expect(result.code).toBe(3);
    expect(readFileSync(out, 'utf8')).toMatch(/took longer than 2 s \(--deadline\)/);
    expect(result.ms).toBeLessThan(12_000);
  }, 60_000);

  it('--deadline is refused when not a positive number of at most a day', async () => {
    for (const value of ['0', '-1', 'soon', '100000']) {
      const result = await runDpg(['check', COMPLETE, '--deadline', value]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--deadline/);
    }
  }, 30_000);
});
