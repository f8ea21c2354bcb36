import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IncompleteError } from '../../src/errors.js';
import { startFakeGitHub, type FakeGitHub, type FaultRule } from '../support/fake-github.js';
import { checkTarget, FIXTURES, summarise } from './helpers.js';

/**
 * Every fault the fake GitHub can inject, on the token path (GraphQL) and the anonymous one (REST):
 * transient ones are retried or waited out; lasting ones end in IncompleteError (exit code 3) with a
 * message that says what happened and what to do, and never the token.
 */
const TOKEN = 'ghp_secretTokenValue1234567890';
let servers: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function fakeWith(...rules: FaultRule[]): Promise<FakeGitHub> {
  const server = await startFakeGitHub({ token: TOKEN });
  for (const rule of rules) server.inject(rule);
  servers.push(server);
  return server;
}

async function expectFailure(promise: Promise<unknown>): Promise<IncompleteError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(IncompleteError);
  const incomplete = error as IncompleteError;
  expect(incomplete.exitCode).toBe(3);
  expect(`${incomplete.message}\n${incomplete.hint ?? ''}`).not.toContain(TOKEN);
  return incomplete;
}

const TARGET = 'github:dpg/data-set';
const modes = [
  { name: 'token', options: { token: TOKEN } },
  { name: 'anonymous', options: { token: null } },
] as const;

describe.each(modes)('GitHub faults ($name)', ({ options }) => {
  const check = (server: FakeGitHub, extra: Record<string, unknown> = {}): ReturnType<typeof checkTarget> =>
    checkTarget(TARGET, { githubApiUrl: server.apiUrl, ...options, ...extra });

  it('retries a 500 and a 502, then answers as if nothing happened', async () => {
    const server = await fakeWith({ fault: { kind: 'status', status: 500 }, times: 1 }, { fault: { kind: 'status', status: 502 }, times: 1 });
    const report = await check(server, { retries: 2 });
    expect(summarise(report)).toEqual(summarise(await checkTarget(path.join(FIXTURES, 'data-set'))));
    expect(server.requests.slice(0, 3).map((request) => request.status)).toEqual([500, 502, 200]);
  });

  it('gives up on a lasting 502 after retrying', async () => {
    const server = await fakeWith({ fault: { kind: 'status', status: 502 }, times: Infinity });
    const error = await expectFailure(check(server));
    expect(error.message).toMatch(/answered 502 \(a server error\) while (listing the files|resolving the ref) for dpg\/data-set, also after retrying/);
    expect(error.hint).toContain('try again later');
    expect(server.requests).toHaveLength(2);
  });

  it('a spent quota (403, x-ratelimit-remaining: 0) with --on-rate-limit fail stops at once', async () => {
    const server = await fakeWith({ fault: { kind: 'rate-limit', resetInSeconds: 1800 }, times: Infinity });
    const error = await expectFailure(check(server, { onRateLimit: 'fail' }));
    expect(error.message).toMatch(/rate limit is spent .* for dpg\/data-set\. It resets at \d{4}-\d\d-\d\dT/);
    expect(error.hint).toContain(options.token ? '--clone' : 'GITHUB_TOKEN');
    expect(server.requests).toHaveLength(1);
  });

  it('a spent quota with --on-rate-limit wait waits for the reset, says so, and goes on', async () => {
    const server = await fakeWith({ fault: { kind: 'rate-limit', resetInSeconds: 1 }, times: 1 });
    const notices: string[] = [];
    const started = Date.now();
    const { openTarget: openSource } = await import('../../src/app/open-target.js');
    const { checkSource } = await import('../../src/check.js');
    const source = await openSource(TARGET, { githubApiUrl: server.apiUrl, env: {}, onRateLimit: 'wait', ...options, log: (line) => notices.push(line) });
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => stderr.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      const report = await checkSource(source);
      expect(report.verdict).toBe('ready');
    } finally {
      process.stderr.write = write;
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(stderr.join('')).toMatch(/the GitHub API rate limit is spent; waiting \d+ s for it to reset/);
    expect(notices.some((line) => /rate limit 0 left/.test(line))).toBe(true);
  });

  it('honours retry-after on a secondary rate limit (403 and 429)', async () => {
    for (const status of [403, 429] as const) {
      const server = await fakeWith({ fault: { kind: 'secondary', status, retryAfter: 1 }, times: 1 });
      const started = Date.now();
      const report = await check(server, { onRateLimit: 'fail' });
      expect(report.verdict).toBe('ready');
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(server.requests[0]?.status).toBe(status);
    }
  });

  it('a secondary rate limit that lasts ends with exit 3', async () => {
    const server = await fakeWith({ fault: { kind: 'secondary', status: 429, retryAfter: 120 }, times: Infinity });
    const error = await expectFailure(check(server, { onRateLimit: 'fail' }));
    expect(error.message).toContain('secondary rate limit, retry after 120 s');
  });

  it('a slow answer past --timeout is a network failure', async () => {
    const server = await fakeWith({ fault: { kind: 'slow', delayMs: 5000 }, times: Infinity });
    const started = Date.now();
    const error = await expectFailure(check(server, { timeoutSeconds: 0.3 }));
    expect(error.message).toMatch(/Could not reach GitHub \(http:\/\/127\.0\.0\.1:\d+\/\) while .* for dpg\/data-set: no answer within 0\.3 s/);
    expect(error.hint).toContain('--timeout');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a slow answer within --timeout is just slow', async () => {
    const server = await fakeWith({ fault: { kind: 'slow', delayMs: 300 }, times: 2 });
    const report = await check(server, { timeoutSeconds: 5 });
    expect(report.verdict).toBe('ready');
  });

  it('a truncated answer is retried, and reported when it persists', async () => {
    const once = await fakeWith({ fault: { kind: 'truncate' }, times: 1 });
    expect((await check(once)).verdict).toBe('ready');
    expect(once.requests[0]?.fault).toBe('truncate');
    const always = await fakeWith({ fault: { kind: 'truncate' }, times: Infinity });
    const error = await expectFailure(check(always));
    expect(error.message).toContain('the connection closed before the whole answer arrived');
  });
});

describe('GitHub token faults', () => {
  it('a wrong or revoked token (401) says so without printing it', async () => {
    const server = await fakeWith();
    const error = await expectFailure(checkTarget(TARGET, { githubApiUrl: server.apiUrl, token: 'ghp_revokedToken000000000000000' }));
    expect(error.message).toContain('refused the token (401 Bad credentials)');
    expect(error.message).not.toContain('ghp_revoked');
    expect(error.hint).toContain('unset GITHUB_TOKEN and GH_TOKEN');
    expect(server.requests).toHaveLength(1);
  });

  it('a 401 on the GraphQL query', async () => {
    const server = await fakeWith({ fault: { kind: 'status', status: 401 }, times: Infinity, on: 'graphql' });
    const error = await expectFailure(checkTarget(TARGET, { githubApiUrl: server.apiUrl, token: TOKEN }));
    expect(error.message).toContain('401 Bad credentials');
  });

  it('a GraphQL RATE_LIMITED answer', async () => {
    const server = await fakeWith({ fault: { kind: 'graphql-rate-limited' }, times: Infinity, on: 'graphql' });
    const error = await expectFailure(checkTarget(TARGET, { githubApiUrl: server.apiUrl, token: TOKEN, onRateLimit: 'fail' }));
    expect(error.message).toContain('rate limit is spent (for this token)');
  });

  it('no server at all', async () => {
    const server = await fakeWith();
    const apiUrl = server.apiUrl;
    await server.close();
    servers = [];
    const error = await expectFailure(checkTarget(TARGET, { githubApiUrl: apiUrl, token: TOKEN }));
    expect(error.message).toContain('the connection was refused (ECONNREFUSED)');
  });
});
