import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { IncompleteError } from '../../src/errors.js';
import { openTarget as openSource } from '../../src/app/open-target.js';
import { isFileText, type FileText } from '../../src/source/types.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { checkTarget, FIXTURES, summarise } from './helpers.js';

let scratch: string;
let oddRepo: string;
let deepRepo: string;
let ownerGithub: string;
let servers: FakeGitHub[] = [];

async function fake(options: Parameters<typeof startFakeGitHub>[0] = {}): Promise<FakeGitHub> {
  const server = await startFakeGitHub({
    repos: { 'acme/odd': oddRepo, 'acme/deep': deepRepo },
    ownerGithub: { acme: ownerGithub, dpg: ownerGithub },
    ...options,
  });
  servers.push(server);
  return server;
}

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dpg-remote-gh-'));
  // A repository with the awkward cases: a big README, a binary licence, a link, UTF-16 text, deep files.
  oddRepo = path.join(scratch, 'odd');
  mkdirSync(path.join(oddRepo, 'docs'), { recursive: true });
  mkdirSync(path.join(oddRepo, 'packages/a/src/deep/er'), { recursive: true });
  writeFileSync(path.join(oddRepo, 'README.md'), `# Odd\n\n${'A line of text that repeats.\n'.repeat(40_000)}`);
  writeFileSync(path.join(oddRepo, 'LICENSE'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02, 0x00]));
  writeFileSync(path.join(oddRepo, 'NOTICE'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Copyright 2024 Odd Inc.\n', 'utf16le')]));
  writeFileSync(path.join(oddRepo, 'docs/real.md'), 'the real text\n');
  symlinkSync('docs/real.md', path.join(oddRepo, 'AUTHORS'));
  symlinkSync('../../outside.txt', path.join(oddRepo, 'docs/escape.md'));
  writeFileSync(path.join(oddRepo, 'packages/a/package.json'), '{"name":"a","dependencies":{"left-pad":"1.0.0"}}\n');
  writeFileSync(path.join(oddRepo, 'packages/a/src/deep/er/thing.test.js'), 'test\n');
  // Files 12 levels down, below three GraphQL listing rounds of an audit.
  deepRepo = path.join(scratch, 'deep');
  mkdirSync(path.join(deepRepo, 'src/main/java/org/example/app/a/b/c/d/e/f'), { recursive: true });
  writeFileSync(path.join(deepRepo, 'src/main/java/org/example/app/a/b/c/d/e/f/Main.java'), '// SPDX-License-Identifier: MIT\nclass Main {}\n');
  writeFileSync(path.join(deepRepo, 'LICENSE'), 'MIT License\n\nCopyright (c) 2024 Deep\n');
  writeFileSync(path.join(deepRepo, 'README.md'), '# Deep\n');
  // The owner's `.github` repository: community files GitHub shows for repositories without their own.
  ownerGithub = path.join(scratch, 'owner-github');
  mkdirSync(path.join(ownerGithub, '.github'), { recursive: true });
  mkdirSync(path.join(ownerGithub, 'docs'), { recursive: true });
  writeFileSync(path.join(ownerGithub, 'CODE_OF_CONDUCT.md'), '# Code of conduct (root copy)\n');
  writeFileSync(path.join(ownerGithub, '.github/CODE_OF_CONDUCT.md'), '# Code of conduct\nBe kind.\n');
  writeFileSync(path.join(ownerGithub, 'docs/SUPPORT.md'), '# Support\nAsk in discussions.\n');
  writeFileSync(path.join(ownerGithub, 'README.md'), 'profile\n');
});

afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('GitHub targets through the API', () => {
  it('with a token: at most 2 requests per repository (one listing, one GraphQL query)', async () => {
    const github = await fake({ ownerGithub: {} });
    const report = await checkTarget('github:dpg/complete-software', { githubApiUrl: github.apiUrl, token: 'test-token' });
    const requests = github.requestsFor('dpg/complete-software');
    expect(requests.map((request) => `${request.kind} ${request.method} ${request.path}`)).toEqual([
      'rest GET /repos/dpg/complete-software/git/trees/HEAD?recursive=1',
      'graphql POST /graphql',
    ]);
    expect(github.requests).toHaveLength(2);
    expect(requests.every((request) => request.auth === 'token')).toBe(true);
    expect(report.verdict).toBe('ready');
    // The web address follows the API's server (github.com for api.github.com).
    expect(report.source).toMatchObject({
      kind: 'github',
      target: 'github:dpg/complete-software',
      location: `${new URL(github.apiUrl).origin}/dpg/complete-software`,
    });
    expect(report.source.revision).toMatch(/^[0-9a-f]{40}$/);
  });

  it('with a token, a repository deeper than a GraphQL listing round still costs 2 requests: alone, it is listed with REST', async () => {
    const github = await fake({ ownerGithub: {} });
    const source = await openSource('github:acme/deep', { githubApiUrl: github.apiUrl, token: 'test-token', env: {} });
    expect(await source.listFiles()).toContain('src/main/java/org/example/app/a/b/c/d/e/f/Main.java');
    const report = await checkSource(source);
    await source.dispose();
    expect(github.requests.map((request) => `${request.kind} ${request.method} ${request.path}`)).toEqual([
      'rest GET /repos/acme/deep/git/trees/HEAD?recursive=1',
      'graphql POST /graphql',
    ]);
    // The texts, the commit and the owner's .github: one query, as a batch of one.
    expect(github.requests[1]?.repositories).toEqual(['acme/deep', 'acme/.github']);
    expect(report.source.revision).toMatch(/^[0-9a-f]{40}$/);
  });

  it('without a token: the REST API, anonymously (commit, listing, one download per file read)', async () => {
    const github = await fake({ ownerGithub: {} });
    const report = await checkTarget('https://github.com/dpg/complete-software', { githubApiUrl: github.apiUrl });
    const paths = github.requests.map((request) => request.path);
    expect(github.requests.every((request) => request.kind === 'rest' && request.auth === 'anonymous')).toBe(true);
    expect(paths[0]).toBe('/repos/dpg/complete-software/commits/HEAD');
    expect(paths[1]).toMatch(/^\/repos\/dpg\/complete-software\/git\/trees\/[0-9a-f]{40}\?recursive=1$/);
    const downloads = paths.filter((requestPath) => requestPath.includes('/git/blobs/'));
    // dpg.yaml, README.md, LICENSE, NOTICE, package.json, docker-compose.yml
    expect(downloads).toHaveLength(6);
    // The repository lacks SUPPORT and GOVERNANCE, so the owner's `.github` is asked for (404 here).
    expect(paths.filter((requestPath) => requestPath.startsWith('/repos/dpg/.github/'))).toHaveLength(1);
    expect(github.requests).toHaveLength(9);
    expect(report.verdict).toBe('ready');
  });

  it('accepts github:OWNER/REPO@REF, https://github.com/OWNER/REPO/tree/REF and …@REF', async () => {
    const github = await fake({ refs: ['v1.0.0', 'release/1.x'] });
    const baseline = summarise(await checkTarget(path.join(FIXTURES, 'data-set')));
    for (const target of [
      'github:dpg/data-set@v1.0.0',
      'https://github.com/dpg/data-set/tree/release/1.x',
      'https://github.com/dpg/data-set@main',
      'https://github.com/dpg/data-set.git',
    ]) {
      for (const token of ['test-token', null]) {
        const report = await checkTarget(target, { githubApiUrl: github.apiUrl, token });
        expect(summarise(report), `${target} ${token ? 'with' : 'without'} a token`).toEqual(baseline);
      }
    }
    expect(github.requests.some((request) => request.path === '/repos/dpg/data-set/git/trees/release%2F1.x?recursive=1')).toBe(true);
    expect(github.requests.some((request) => request.path === '/repos/dpg/data-set/commits/v1.0.0')).toBe(true);
  });

  it('reads a GitHub Enterprise Server API (…/api/v3, GraphQL at /api/graphql) and its web URLs', async () => {
    const github = await fake({ prefix: '/api/v3', ownerGithub: {} });
    const host = new URL(github.apiUrl).host;
    const report = await checkTarget(`http://${host}/dpg/complete-software`, { githubApiUrl: github.apiUrl, token: 'test-token' });
    expect(report.source).toMatchObject({ kind: 'github', location: `http://${host}/dpg/complete-software` });
    expect(github.requests.map((request) => request.path)).toEqual(['/api/v3/repos/dpg/complete-software/git/trees/HEAD?recursive=1', '/api/graphql']);
    const viaEnv = await checkTarget('github:dpg/complete-software', { env: { GITHUB_API_URL: github.apiUrl, GITHUB_TOKEN: 'test-token' }, token: undefined });
    expect(summarise(viaEnv)).toEqual(summarise(report));
  });

  it("lists inherited community files from the owner's .github repository, marked as inherited", async () => {
    const github = await fake();
    for (const token of ['test-token', null]) {
      const report = await checkTarget('github:dpg/fail-9c-no-code-of-conduct', { githubApiUrl: github.apiUrl, token });
      expect(report.source.inherited).toEqual([
        { path: '.github/CODE_OF_CONDUCT.md', repository: 'dpg/.github', sourcePath: '.github/CODE_OF_CONDUCT.md' },
        { path: '.github/SUPPORT.md', repository: 'dpg/.github', sourcePath: 'docs/SUPPORT.md' },
      ]);
      const codes = report.findings.map((finding) => finding.code);
      expect(codes).not.toContain('harassment/no-code-of-conduct');
      expect(report.findings.flatMap((finding) => finding.evidence.map((evidence) => evidence.path))).toContain('.github/CODE_OF_CONDUCT.md');
    }
    // An inherited file reads as the owner's copy.
    const source = await openSource('github:dpg/fail-9c-no-code-of-conduct', { githubApiUrl: github.apiUrl, token: null, env: {} });
    expect(await source.listFiles()).toContain('.github/SUPPORT.md');
    expect(await source.readText('.github/SUPPORT.md', 1000)).toMatchObject({
      path: '.github/SUPPORT.md',
      text: '# Support\nAsk in discussions.\n',
      truncated: false,
    });
    await source.dispose();
    // The folder itself has no code of conduct: the difference is the inherited file alone.
    const local = await checkTarget(path.join(FIXTURES, 'fail-9c-no-code-of-conduct'));
    expect(local.verdict).toBe('not-ready');
  });

  it("asks for the owner's .github once per owner, and never inherits from a private one", async () => {
    const github = await fake();
    for (const name of ['fail-9c-no-code-of-conduct', 'data-set']) await checkTarget(`github:dpg/${name}`, { githubApiUrl: github.apiUrl });
    expect(github.requests.filter((request) => request.path.startsWith('/repos/dpg/.github/git/trees/'))).toHaveLength(1);
    const withToken = await fake();
    for (const name of ['fail-9c-no-code-of-conduct', 'data-set'])
      await checkTarget(`github:dpg/${name}`, { githubApiUrl: withToken.apiUrl, token: 'test-token' });
    const graphql = withToken.requests.filter((request) => request.kind === 'graphql');
    expect(graphql.map((request) => request.repositories)).toEqual([['dpg/fail-9c-no-code-of-conduct', 'dpg/.github'], ['dpg/data-set']]);

    const privateOwner = await fake({ privateOwnerGithub: ['dpg'] });
    const report = await checkTarget('github:dpg/fail-9c-no-code-of-conduct', { githubApiUrl: privateOwner.apiUrl, token: 'test-token' });
    expect(report.source.inherited).toBeUndefined();
    expect(report.verdict).toBe('not-ready');
  });

  it('fetches files over the cap only up to the cap, leaves binary files undecoded, decodes UTF-16, follows links inside', async () => {
    for (const token of ['test-token', null]) {
      const github = await fake();
      const source = await openSource('github:acme/odd', { githubApiUrl: github.apiUrl, token, env: {}, maxFileBytes: 64 * 1024 });
      const files = await source.listFiles();
      expect(files).toEqual(
        expect.arrayContaining(['README.md', 'LICENSE', 'NOTICE', 'AUTHORS', 'packages/a/package.json', 'packages/a/src/deep/er/thing.test.js']),
      );
      const readme = (await source.readText('README.md', 64 * 1024)) as FileText;
      expect(readme).toMatchObject({ truncated: true, binary: false });
      expect(Buffer.byteLength(readme.text)).toBeLessThanOrEqual(64 * 1024);
      expect(readme.size).toBeGreaterThan(1_000_000);
      const download = github.requests.find((request) => request.contentBytes !== undefined && request.contentBytes >= 60 * 1024);
      expect(download?.range).toBe(`bytes=0-${64 * 1024 - 1}`);
      expect(download?.contentBytes).toBe(64 * 1024);
      expect(await source.readText('LICENSE', 1000)).toMatchObject({ binary: true, text: '' });
      expect(await source.readText('NOTICE', 1000)).toMatchObject({ binary: false, text: 'Copyright 2024 Odd Inc.\n' });
      expect(await source.readText('AUTHORS', 1000)).toMatchObject({ path: 'AUTHORS', text: 'the real text\n' });
      expect(await source.readText('docs/escape.md', 1000)).toMatchObject({ reason: 'outside-repository' });
      expect(await source.readText('nope.md', 1000)).toMatchObject({ reason: 'missing' });
      const small = await source.readText('docs/real.md', 4);
      expect(isFileText(small) && small).toMatchObject({ text: 'the ', truncated: true, size: 14 });
      // The big README never travelled whole, in any request.
      expect(github.requests.every((request) => (request.contentBytes ?? 0) <= 64 * 1024)).toBe(true);
      await source.dispose();
    }
  });
});

describe('GitHub failures end with exit code 3 and say what to do', () => {
  async function failure(target: string, options: Parameters<typeof checkTarget>[1]): Promise<IncompleteError> {
    const error = await checkTarget(target, options).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(IncompleteError);
    expect((error as IncompleteError).exitCode).toBe(3);
    return error as IncompleteError;
  }

  it('an unknown repository (token and no token)', async () => {
    const github = await fake();
    const withToken = await failure('github:dpg/no-such-repo', { githubApiUrl: github.apiUrl, token: 'test-token' });
    expect(withToken.message).toContain('the repository dpg/no-such-repo does not exist (or the token cannot see it)');
    const anonymous = await failure('github:dpg/no-such-repo', { githubApiUrl: github.apiUrl });
    expect(anonymous.message).toContain('does not exist (or it is private)');
    expect(anonymous.hint).toContain('GITHUB_TOKEN');
  });

  it('an unknown ref', async () => {
    const github = await fake();
    const error = await failure('github:dpg/data-set@no-such-branch', { githubApiUrl: github.apiUrl });
    expect(error.message).toContain('has no branch, tag or commit named "no-such-branch"');
  });
});
