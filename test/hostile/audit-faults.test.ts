/**
 * An audit under a mix of injected faults (issue 8): server errors, slow and cut answers, a secondary
 * rate limit, missing repositories and folders, a git host that never answers (past --deadline).
 * Whatever each target meets, the audit must finish with every target exactly once in its results,
 * either reported or recorded as an error: none lost, none twice.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureRepositories } from '../../scripts/fixture-overlays.js';
import { startFakeGitHub, type FakeGitHub, type FaultRule } from '../support/fake-github.js';
import { startSilentHost } from '../support/silent-host.js';
import { cleanEnv, COMPLETE, REPO_ROOT, remove, runDpg, scratch, STACK_FRAME } from './support.js';

const TOKEN = 'ghp_hostileAuditFaults00000000000000000';
const folder = scratch('audit-faults');
afterAll(() => remove(folder));

interface Row {
  target: string;
  report?: { verdict: string };
  error?: { message: string; exitCode: number };
}

/** The fixtures the fake GitHub serves (every folder of fixtures/ that is a repository). */
const FIXTURES = fixtureRepositories(path.join(REPO_ROOT, 'fixtures'));

/** Faults taken in turn by whichever requests come first: transient ones, each within the retries. */
const MIX: FaultRule[] = [
  { fault: { kind: 'status', status: 502 }, times: 2 },
  { fault: { kind: 'slow', delayMs: 400 }, times: 3 },
  { fault: { kind: 'truncate' }, times: 1 },
  { fault: { kind: 'secondary', status: 429, retryAfter: 1 }, times: 1 },
  { fault: { kind: 'status', status: 500 }, times: 1 },
  { fault: { kind: 'slow', delayMs: 200 }, times: 2 },
  { fault: { kind: 'status', status: 503 }, times: 2 },
];

describe('an audit under a mix of injected faults', () => {
  for (const auth of ['token', 'anonymous'] as const) {
    it(`${auth}: every target is reported or an error row, exactly once`, async () => {
      const github: FakeGitHub = await startFakeGitHub({ token: TOKEN });
      for (const rule of MIX) github.inject(rule);
      const stalled = await startSilentHost();
      try {
        const targets = [
          ...FIXTURES.map((name) => `github:dpg/${name}`),
          'github:dpg/no-such-repo',
          'github:other/also-missing',
          COMPLETE,
          path.join(folder, 'no-such-folder'),
          `git://127.0.0.1:${stalled.port}/stalled.git`,
        ];
        const out = path.join(folder, `${auth}.jsonl`);
        const result = await runDpg(
          [
            'audit',
            ...targets,
            '--out',
            out,
            '--github-api-url',
            github.apiUrl,
            '--no-cache',
            '--no-progress',
            '--timeout',
            '30',
            '--deadline',
            '10',
            '--concurrency',
            '4',
          ],
          {
            env: cleanEnv(auth === 'token' ? { GITHUB_TOKEN: TOKEN } : {}),
            killAfterMs: 120_000,
          },
        );
        expect(result.stderr).not.toContain(STACK_FRAME);
        expect(result.code).toBe(3);

        const rows = readFileSync(out, 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Row);
        expect(rows.map((row) => row.target).sort()).toEqual([...targets].sort());
        for (const row of rows) expect(Number(row.report !== undefined) + Number(row.error !== undefined), row.target).toBe(1);

        const byTarget = new Map(rows.map((row) => [row.target, row]));
        expect(byTarget.get('github:dpg/no-such-repo')?.error?.exitCode).toBe(3);
        expect(byTarget.get('github:other/also-missing')?.error?.exitCode).toBe(3);
        expect(byTarget.get(path.join(folder, 'no-such-folder'))?.error?.exitCode).toBe(2);
        expect(byTarget.get(`git://127.0.0.1:${stalled.port}/stalled.git`)?.error?.message).toMatch(/took longer than 10 s \(--deadline\)/);
        expect(byTarget.get(COMPLETE)?.report?.verdict).toBe('ready');
        // The transient faults are absorbed by the retries: every fixture repository is reported.
        const reported = FIXTURES.filter((name) => byTarget.get(`github:dpg/${name}`)?.report !== undefined);
        expect(reported, JSON.stringify(rows.filter((row) => row.error).map((row) => [row.target, row.error?.message]))).toEqual(FIXTURES);
        // Faults were met (with a token a handful of batched requests take only the first ones).
        expect(github.requests.filter((request) => request.fault !== undefined).length).toBeGreaterThanOrEqual(
          auth === 'token' ? 3 : MIX.reduce((sum, rule) => sum + rule.times, 0),
        );
      } finally {
        stalled.close();
        await github.close();
      }
    }, 150_000);
  }
});
