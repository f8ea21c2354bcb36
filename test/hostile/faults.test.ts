/**
 * Network faults that test/remote/faults.test.ts does not cover yet (it covers: 500/502 retried then
 * answered, a lasting 502, spent quotas with wait and fail, secondary limits honoured and lasting, a
 * slow answer past and within the time limit in-process, truncated answers once and always, 401 on
 * REST and GraphQL, GraphQL RATE_LIMITED, no server). Added here:
 *
 * - the retries of a 5xx back off (the second pause is longer than the first), on REST and GraphQL;
 * - a 403 that is no rate limit, and a 404 on the GraphQL query, end with exit 3 and say so;
 * - through the CLI, `--timeout` bounds a slow server, and a server that sends the headers and then
 *   stalls in the middle of the body (the fake cannot do that: a raw server here does);
 * - an answer that is not JSON, and an endless answer, end with exit 3 without a stack trace.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { IncompleteError } from '../../src/errors.js';
import { openTarget as openSource } from '../../src/app/open-target.js';
import { startFakeGitHub, type FakeGitHub, type FaultRule } from '../support/fake-github.js';
import { cleanEnv, runDpg, STACK_FRAME } from './support.js';

const TOKEN = 'ghp_hostileFaultsToken000000000000000';
const TARGET = 'github:dpg/data-set';

let fakes: FakeGitHub[] = [];
let raws: Array<{ server: Server; sockets: Set<Socket> }> = [];
afterEach(async () => {
  await Promise.all(fakes.map((server) => server.close()));
  fakes = [];
  for (const { server, sockets } of raws) {
    for (const socket of sockets) socket.destroy();
    server.close();
  }
  raws = [];
});

async function fake(...rules: FaultRule[]): Promise<FakeGitHub> {
  const server = await startFakeGitHub({ token: TOKEN });
  for (const rule of rules) server.inject(rule);
  fakes.push(server);
  return server;
}

/** A bare HTTP server on 127.0.0.1 answering every request with `answer`. */
async function raw(answer: (response: ServerResponse) => void): Promise<string> {
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    request.resume();
    answer(response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  raws.push({ server, sockets });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** When each request reached the server, polled while the check runs (the fake records no times). */
function watchArrivals(server: FakeGitHub): { times: number[]; stop: () => void } {
  const times: number[] = [];
  const timer = setInterval(() => {
    while (times.length < server.requests.length) times.push(performance.now());
  }, 2);
  return { times, stop: () => clearInterval(timer) };
}

async function check(target: string, options: Parameters<typeof openSource>[1]): Promise<unknown> {
  const source = await openSource(target, { env: {}, ...options });
  try {
    return await checkSource(source);
  } finally {
    await source.dispose();
  }
}

describe('retries back off', () => {
  it.each([
    { name: 'REST (anonymous)', token: null, on: 'rest' as const },
    { name: 'GraphQL (token)', token: TOKEN, on: 'graphql' as const },
  ])('two 503s on $name are retried after growing pauses, then answered', async ({ token, on }) => {
    const unit = 150;
    const server = await fake({ fault: { kind: 'status', status: 503 }, times: 2, on });
    const arrivals = watchArrivals(server);
    const report = (await check(TARGET, { githubApiUrl: server.apiUrl, token, retries: 2, retryDelayMs: unit })) as { verdict: string };
    arrivals.stop();
    expect(report.verdict).toBe('ready');
    const faulted = server.requests.map((request, index) => ({ index, request })).filter(({ request }) => request.kind === on);
    expect(faulted.slice(0, 3).map(({ request }) => request.status)).toEqual([503, 503, 200]);
    const [first, second, third] = faulted.slice(0, 3).map(({ index }) => arrivals.times[index] as number);
    const pauses = [(second as number) - (first as number), (third as number) - (second as number)];
    // octokit's retry plugin waits unit × retry²: 1 then 4 units.
    expect(pauses[0]).toBeGreaterThanOrEqual(unit * 0.8);
    expect(pauses[1]).toBeGreaterThanOrEqual(unit * 4 * 0.8);
    expect(pauses[1]).toBeGreaterThan(pauses[0] as number);
  });
});

describe('lasting refusals end with exit 3 and say what happened', () => {
  it('a 403 that is no rate limit (access refused)', async () => {
    const server = await fake({ fault: { kind: 'status', status: 403 }, times: Infinity });
    const error = await check(TARGET, { githubApiUrl: server.apiUrl, token: TOKEN, retries: 2, retryDelayMs: 10 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IncompleteError);
    expect((error as IncompleteError).message).toMatch(/refused access \(403\) while .* for dpg\/data-set: Resource not accessible by integration/);
    // Not retried: a 403 without rate-limit headers does not change by asking again.
    expect(server.requests).toHaveLength(1);
  });

  it('a 404 on the GraphQL query', async () => {
    const server = await fake({ fault: { kind: 'status', status: 404 }, times: Infinity, on: 'graphql' });
    const error = await check(TARGET, { githubApiUrl: server.apiUrl, token: TOKEN, retries: 2, retryDelayMs: 10 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IncompleteError);
    expect((error as IncompleteError).exitCode).toBe(3);
  });
});

describe('--timeout bounds every request, through the CLI', () => {
  const env = cleanEnv({ GITHUB_TOKEN: TOKEN });

  it('a server slower than --timeout 1: exit 3 long before it would answer', async () => {
    const server = await fake({ fault: { kind: 'slow', delayMs: 60_000 }, times: Infinity });
    const result = await runDpg(['check', TARGET, '--github-api-url', server.apiUrl, '--timeout', '1'], { env, killAfterMs: 30_000 });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/no answer within 1 s/);
    expect(result.stderr).toContain('--timeout');
    expect(result.stderr).not.toContain(STACK_FRAME);
    // One request and its two retries (1 s each, after pauses of 1 s and 4 s): well under a minute.
    expect(result.ms).toBeLessThan(15_000);
  }, 40_000);

  it('a server that sends the headers, half the body, then stalls: exit 3 within the time limit', async () => {
    const apiUrl = await raw((response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000', 'x-ratelimit-remaining': '4999' });
      response.write('{"sha":"0000000000000000000000000000000000000000","tree":[');
      // …and nothing more, ever.
    });
    const result = await runDpg(['check', TARGET, '--github-api-url', apiUrl, '--timeout', '1'], { env, killAfterMs: 30_000 });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/the answer did not arrive within 1 s/);
    expect(result.stderr).not.toContain(STACK_FRAME);
    expect(result.ms).toBeLessThan(15_000);
  }, 40_000);

  // Node's timers overflow above 2^31-1 ms (they fire after 1 ms): such a --timeout would make every
  // request time out at once, so anything over a day is refused before any request is made.
  it('--timeout 3000000 (35 days) is refused with exit 2, before any request', async () => {
    const server = await fake();
    const result = await runDpg(['check', TARGET, '--github-api-url', server.apiUrl, '--timeout', '3000000'], { env, killAfterMs: 30_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--timeout.*at most 86400 seconds/);
    expect(server.requests).toHaveLength(0);
  }, 40_000);
});

describe('answers that are not what GitHub sends', () => {
  const env = cleanEnv({ GITHUB_TOKEN: TOKEN });

  /** A server that always answers `body` with status 200: the check must end with exit 3 and a message. */
  async function expectNotAListing(contentType: string, body: string): Promise<void> {
    const apiUrl = await raw((response) => {
      response.writeHead(200, { 'content-type': contentType });
      response.end(body);
    });
    const result = await runDpg(['check', TARGET, '--github-api-url', apiUrl, '--timeout', '5'], { env, killAfterMs: 30_000 });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^dpg-check: GitHub's answer to listing the files for dpg\/data-set is not a file listing/);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.stderr).not.toContain(STACK_FRAME);
  }

  it('an HTML page with status 200 (a captive portal, a proxy): exit 3, no stack trace', async () => {
    await expectNotAListing('text/html', '<html><body>Please log in to the hotel Wi-Fi</body></html>');
  }, 40_000);

  it('JSON of the wrong shape (a tree that is a string)', async () => {
    await expectNotAListing('application/json', JSON.stringify({ sha: 'x', tree: 'not a list', truncated: 'maybe', data: { repository: 42 } }));
  }, 40_000);

  it('an endless answer is cut at the answer cap: exit 3, memory bounded', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const apiUrl = await raw((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"sha":"x","tree":[],"padding":"');
      const pump = (): void => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    });
    const result = await runDpg(['check', TARGET, '--github-api-url', apiUrl, '--timeout', '20'], { env, killAfterMs: 60_000 });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/the answer is larger than \d+ bytes/);
    expect(result.stderr).not.toContain(STACK_FRAME);
  }, 90_000);
});
