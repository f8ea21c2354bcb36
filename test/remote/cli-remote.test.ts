import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';

/** The built CLI against the fake GitHub: options, token handling, exit codes, --verbose. */
const TOKEN = 'ghp_cliSecretToken0987654321';
const reportSchema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/report.schema.json'), 'utf8'));
const validateReport = new Ajv2020({ allErrors: true, strict: true, validateFormats: false }).compile(reportSchema);
/** No token, no CI, no GitHub CLI on the PATH unless a test says so. */
const CLEAN_ENV = { GITHUB_TOKEN: '', GH_TOKEN: '', GITHUB_API_URL: '', CI: '', PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin` };

let servers: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});
async function fake(options: Parameters<typeof startFakeGitHub>[0] = {}): Promise<FakeGitHub> {
  const server = await startFakeGitHub({ token: TOKEN, ...options });
  servers.push(server);
  return server;
}

describe('dpg-check check on GitHub targets', () => {
  it('with GITHUB_TOKEN: exit 0, a valid JSON report, 2 requests', async () => {
    const github = await fake();
    const result = await runCli(['check', 'github:dpg/complete-software', '--github-api-url', github.apiUrl, '--format', 'json'], {
      env: { ...CLEAN_ENV, GITHUB_TOKEN: TOKEN },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.source).toMatchObject({ kind: 'github', target: 'github:dpg/complete-software' });
    expect(github.requestsFor('dpg/complete-software').length).toBeLessThanOrEqual(2);
    expect(github.requests.every((request) => request.auth === 'token')).toBe(true);
  });

  it('GH_TOKEN works too, and GITHUB_API_URL stands for --github-api-url', async () => {
    const github = await fake();
    const result = await runCli(['check', 'https://github.com/dpg/data-set'], { env: { ...CLEAN_ENV, GH_TOKEN: TOKEN, GITHUB_API_URL: github.apiUrl } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Source:   github:dpg/data-set (github)');
    expect(github.requests.map((request) => request.kind)).toEqual(['rest', 'graphql']);
  });

  it('a report with inherited community files validates against the schema', async () => {
    const github = await fake({ ownerGithub: { dpg: path.join(REPO_ROOT, 'fixtures/complete-software') } });
    const result = await runCli(['check', 'github:dpg/fail-9c-no-code-of-conduct', '--github-api-url', github.apiUrl, '--format', 'json'], {
      env: { ...CLEAN_ENV, GITHUB_TOKEN: TOKEN },
    });
    const report = JSON.parse(result.stdout);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.source.inherited).toEqual([{ path: '.github/CODE_OF_CONDUCT.md', repository: 'dpg/.github', sourcePath: 'CODE_OF_CONDUCT.md' }]);
    expect(result.code).toBe(0);
  });

  it('--verbose logs each request (method, URL, status, time, rate limit) and never the token', async () => {
    const github = await fake();
    const result = await runCli(['check', 'github:dpg/data-set', '--github-api-url', github.apiUrl, '--verbose'], {
      env: { ...CLEAN_ENV, GITHUB_TOKEN: TOKEN },
    });
    expect(result.code).toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^dpg-check: GET http:\/\/127\.0\.0\.1:\d+\/repos\/dpg\/data-set\/git\/trees\/HEAD\?recursive=1 200 \d+ ms, rate limit \d+ left$/);
    expect(lines[1]).toMatch(/^dpg-check: POST http:\/\/127\.0\.0\.1:\d+\/graphql 200 \d+ ms, rate limit \d+ left$/);
    expect(result.stderr + result.stdout).not.toContain(TOKEN);
  });

  it('an unknown repository: exit 3 with what happened and what to do, no stack trace', async () => {
    const github = await fake();
    const result = await runCli(['check', 'github:dpg/missing', '--github-api-url', github.apiUrl], { env: CLEAN_ENV });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('dpg-check: Not found on GitHub (http://127.0.0.1:');
    expect(result.stderr).toContain('the repository dpg/missing does not exist (or it is private).');
    expect(result.stderr).toContain('set GITHUB_TOKEN');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a revoked token: exit 3, the token never printed', async () => {
    const github = await fake();
    const result = await runCli(['check', 'github:dpg/data-set', '--github-api-url', github.apiUrl, '--verbose'], {
      env: { ...CLEAN_ENV, GITHUB_TOKEN: 'ghp_revoked111111111111111111' },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('refused the token (401 Bad credentials)');
    expect(result.stderr).not.toContain('ghp_revoked');
  });

  it('a spent quota under CI=true fails at once (the default there), exit 3', async () => {
    const github = await fake();
    github.inject({ fault: { kind: 'rate-limit', resetInSeconds: 600 }, times: Infinity });
    const result = await runCli(['check', 'github:dpg/data-set', '--github-api-url', github.apiUrl], { env: { ...CLEAN_ENV, CI: 'true' } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('rate limit is spent (for anonymous requests from this address)');
    expect(result.stderr).toContain('GITHUB_TOKEN');
    expect(github.requests).toHaveLength(1);
  });

  it('a network failure: exit 3', async () => {
    const github = await fake();
    const apiUrl = github.apiUrl;
    await github.close();
    servers = [];
    const result = await runCli(['check', 'github:dpg/data-set', '--github-api-url', apiUrl, '--timeout', '2'], { env: { ...CLEAN_ENV, GITHUB_TOKEN: TOKEN } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Could not reach GitHub');
    expect(result.stderr).toContain('ECONNREFUSED');
  });

  it('bad option values are usage errors (exit 2)', async () => {
    expect((await runCli(['check', 'github:a/b', '--on-rate-limit', 'later'])).code).toBe(2);
    expect((await runCli(['check', 'github:a/b', '--timeout', '0'])).code).toBe(2);
    const badUrl = await runCli(['check', 'github:a/b', '--github-api-url', 'not a url'], { env: CLEAN_ENV });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('Not a valid GitHub API URL');
  });

  it('--version and local checks never load octokit (the remote sources are imported on demand)', () => {
    const main = readFileSync(path.join(REPO_ROOT, 'dist/cli/main.js'), 'utf8');
    const command = readFileSync(path.join(REPO_ROOT, 'dist/cli/check-command.js'), 'utf8');
    const open = readFileSync(path.join(REPO_ROOT, 'dist/source/open.js'), 'utf8');
    for (const text of [main, command, open]) expect(text).not.toMatch(/^import .*(octokit|github|\.\/git\.js)/m);
    expect(open).toContain("await import('./github.js')");
    expect(open).toContain("await import('./git.js')");
  });
});
