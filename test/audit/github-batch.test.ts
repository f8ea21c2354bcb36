import { filesToPrefetch } from '../../src/facts/read-plan.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { createGitHubSession, type GitHubSession } from '../../src/source/github-batch.js';
import { GitHubSource } from '../../src/source/github.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { checkTarget, summarise } from '../remote/helpers.js';
import { FIXTURE_REPOS } from './helpers.js';

/** The shared GitHub session of the batch audit: batched GraphQL listing and texts, the disk cache. */
const TOKEN = 'batch-token';
let scratch: string;
let servers: FakeGitHub[] = [];
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dpg-audit-batch-'));
});
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function fake(options: Parameters<typeof startFakeGitHub>[0] = {}): Promise<FakeGitHub> {
  const server = await startFakeGitHub(options);
  servers.push(server);
  return server;
}

function session(github: FakeGitHub, extra: Partial<Parameters<typeof createGitHubSession>[0]> = {}): GitHubSession {
  return createGitHubSession({
    apiUrl: github.apiUrl,
    token: TOKEN,
    timeoutMs: 10_000,
    onRateLimit: 'fail',
    concurrency: 4,
    batchSize: 20,
    retries: 0,
    ...extra,
  });
}

function source(shared: GitHubSession, owner: string, repo: string, ref?: string): GitHubSource {
  return new GitHubSource({
    owner,
    repo,
    ...(ref ? { ref } : {}),
    display: `github:${owner}/${repo}`,
    token: TOKEN,
    apiUrl: shared.apiUrl,
    webOrigin: 'https://github.com',
    timeoutMs: 10_000,
    onRateLimit: 'fail',
    maxFileBytes: 512 * 1024,
    session: shared,
    readPlan: filesToPrefetch,
  });
}

const fixtures = FIXTURE_REPOS;

describe('batched GitHub listing (GraphQL) and texts', () => {
  it('gives the same report as the REST listing for every fixture, with one request per round for all of them', async () => {
    const github = await fake();
    const shared = session(github);
    const reports = await Promise.all(fixtures.map((name) => checkSource(source(shared, 'dpg', name))));
    const restGithub = await fake();
    for (const [index, name] of fixtures.entries()) {
      const plain = await checkTarget(`github:dpg/${name}`, { githubApiUrl: restGithub.apiUrl, token: TOKEN });
      expect(summarise(reports[index]!), name).toEqual(summarise(plain));
      expect(reports[index]!.source.revision).toBe(plain.source.revision);
    }
    // Round 1 (commit + tree) and round 3 (texts) for 19 repositories, plus the owner's .github.
    expect(github.requests.every((request) => request.kind === 'graphql')).toBe(true);
    expect(github.requests.length).toBeLessThanOrEqual(4);
    expect(github.requests.length / fixtures.length).toBeLessThan(0.25);
  }, 120_000);

  it('lists deep trees in follow-up rounds and skips node_modules and vendor', async () => {
    const deep = path.join(scratch, 'deep');
    const folder = path.join(deep, 'a/b/c/d/e/f/g/h/i');
    mkdirSync(folder, { recursive: true });
    mkdirSync(path.join(deep, 'node_modules/x'), { recursive: true });
    mkdirSync(path.join(deep, 'src/vendor/y'), { recursive: true });
    writeFileSync(path.join(folder, 'package.json'), '{"name":"deep","license":"MIT"}\n');
    writeFileSync(path.join(deep, 'node_modules/x/index.js'), '1\n');
    writeFileSync(path.join(deep, 'src/vendor/y/lib.js'), '1\n');
    writeFileSync(path.join(deep, 'README.md'), '# Deep\n');
    const github = await fake({ repos: { 'acme/deep': deep } });
    const shared = session(github, { treeDepth: 2 });
    const files = await source(shared, 'acme', 'deep').listFiles();
    expect(files).toEqual(['README.md', 'a/b/c/d/e/f/g/h/i/package.json']);
    const restFiles = await (await import('../../src/source/open.js'))
      .openSource('github:acme/deep', { githubApiUrl: github.apiUrl, token: TOKEN, env: {} })
      .then((plain) => plain.listFiles());
    expect(files).toEqual(restFiles);
  });

  it('a missing repository fails alone; its batch companions are answered', async () => {
    const github = await fake();
    const shared = session(github);
    const results = await Promise.allSettled([
      source(shared, 'dpg', 'no-such-repo').listFiles(),
      source(shared, 'dpg', 'data-set').listFiles(),
      source(shared, 'dpg', 'complete-software', 'no-such-ref').listFiles(),
    ]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: { kind: 'not-found' } });
    expect(String((results[0] as PromiseRejectedResult).reason.message)).toContain('dpg/no-such-repo');
    expect(results[1].status).toBe('fulfilled');
    expect(results[2]).toMatchObject({ status: 'rejected', reason: { kind: 'not-found' } });
    expect(String((results[2] as PromiseRejectedResult).reason.message)).toContain('no-such-ref');
  });

  it('a warm disk cache: one small request per batch of repositories, nothing else', async () => {
    const github = await fake();
    const cacheDir = path.join(scratch, 'cache-warm');
    const cold = session(github, { cacheDir });
    const names = ['complete-software', 'data-set', 'ai-system', 'content-collection'];
    const first = await Promise.all(names.map((name) => checkSource(source(cold, 'dpg', name))));
    const coldRequests = github.requests.length;
    const warm = session(github, { cacheDir });
    const second = await Promise.all(names.map((name) => checkSource(source(warm, 'dpg', name))));
    expect(second.map(summarise)).toEqual(first.map(summarise));
    const warmRequests = github.requests.slice(coldRequests);
    // Round 1 only (the commit), all four repositories in one request, plus the owner's .github.
    expect(warmRequests.length).toBeLessThanOrEqual(2);
    expect(warm.cache?.stats.objectHits).toBeGreaterThan(0);
  });

  it('a batch that fails as a whole (a server error, a time-out) is sent again part by part', async () => {
    const github = await fake();
    github.inject({ fault: { kind: 'status', status: 502 }, times: 1, on: 'graphql' });
    const shared = session(github);
    const files = await Promise.all([source(shared, 'dpg', 'data-set').listFiles(), source(shared, 'dpg', 'ai-system').listFiles()]);
    expect(files.map((list) => list.includes('README.md'))).toEqual([true, true]);
    expect(shared.batcher?.stats.splits).toBe(1);
    // The failed pair, then each repository alone, then the texts.
    expect(github.requests.slice(0, 3).map((request) => [request.status, request.repositories?.length])).toEqual([
      [502, 2],
      [200, 1],
      [200, 1],
    ]);
  });

  it('a spent GraphQL quota fails every part as a rate-limit error with --on-rate-limit fail', async () => {
    const github = await fake();
    github.inject({ fault: { kind: 'graphql-rate-limited' }, times: 1, on: 'graphql' });
    const shared = session(github);
    const results = await Promise.allSettled([source(shared, 'dpg', 'data-set').listFiles(), source(shared, 'dpg', 'ai-system').listFiles()]);
    for (const result of results) expect(result).toMatchObject({ status: 'rejected', reason: { kind: 'rate-limit' } });
  });
});
