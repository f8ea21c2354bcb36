import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectItems, listOwnerRepositories, parseTargetList } from '../../src/audit/inputs.js';
import { createGitHubSession } from '../../src/source/github-batch.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { cleanEnv, FIXTURES, keyOf, parseRows, readJsonl, runCliWith, TOKEN } from './helpers.js';

/** Each input kind of `dpg-check audit`, error rows, and what goes where (stdout, --out). */
let scratch: string;
let servers: FakeGitHub[] = [];
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dpg-audit-inputs-'));
});
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function fake(options: Parameters<typeof startFakeGitHub>[0] = {}): Promise<FakeGitHub> {
  const server = await startFakeGitHub({ token: TOKEN, ...options });
  servers.push(server);
  return server;
}

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return cleanEnv(scratch, { GITHUB_TOKEN: TOKEN, ...extra });
}

describe('target lists', () => {
  it('ignores # comments and blank lines', () => {
    expect(parseTargetList('# reviewers, batch 3\n\ngithub:a/b   # the app\n  fixtures/bare\n\r\n#github:c/d\n')).toEqual(['github:a/b', 'fixtures/bare']);
  });

  it('deduplicates targets (GitHub names in any case), keeping the first', async () => {
    const items = await collectItems({
      targets: ['github:Dpg/Data-Set', 'https://github.com/dpg/data-set', 'fixtures/bare', 'fixtures/bare'],
      inputFiles: [],
      orgs: [],
      registries: [],
      includeForks: false,
      includeArchived: false,
      githubHost: 'github.com',
    });
    expect(items.map((item) => item.target)).toEqual(['github:Dpg/Data-Set', 'fixtures/bare']);
  });
});

describe('dpg-check audit inputs', () => {
  it('targets on the command line, --input FILE and --input - (stdin), each audited once; stdout stays clean with --out', async () => {
    const github = await fake();
    const list = path.join(scratch, 'targets.txt');
    writeFileSync(list, '# batch for review\ngithub:dpg/data-set\n\nfixtures/bare   # a local folder\nhttps://github.com/dpg/data-set\n');
    const out = path.join(scratch, 'mixed.jsonl');
    const result = await runCliWith(
      ['audit', 'fixtures/complete-software', '--input', list, '--input', '-', '--out', out, '--github-api-url', github.apiUrl, '--no-cache'],
      { env: env(), input: 'https://github.com/dpg/ai-system\n# nothing else\n' },
    );
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/dpg-check audit: 4 of 4 targets in [\d.]+ s/);
    const rows = readJsonl(out);
    expect(rows.map(keyOf).sort()).toEqual(['fixtures/bare', 'fixtures/complete-software', 'github:dpg/ai-system', 'github:dpg/data-set']);
    expect(rows.every((row) => row.report && !row.error)).toBe(true);
    // fixtures/bare is not ready: exit 1.
    expect(result.code).toBe(1);
  });

  it('without --out, rows go to standard output and progress to standard error', async () => {
    const result = await runCliWith(['audit', 'fixtures/complete-software', 'fixtures/data-set', '--no-cache', '--progress-interval', '0.1'], { env: env() });
    expect(result.code).toBe(0);
    const rows = parseRows(result.stdout);
    expect(rows.map((row) => row.target).sort()).toEqual(['fixtures/complete-software', 'fixtures/data-set']);
    expect(result.stderr).not.toContain('{');
  });

  it('--org OWNER: its public repositories, without forks and archived ones unless asked; a user works too', async () => {
    const github = await fake({
      orgs: {
        acme: [
          { name: 'app', fork: false },
          { name: 'app-fork', fork: true },
          { name: 'old-app', archived: true },
          { name: 'secret', private: true },
        ],
        someone: [{ name: 'tool' }],
      },
      users: ['someone'],
      repos: {
        'acme/app': path.join(FIXTURES, 'complete-software'),
        'acme/app-fork': path.join(FIXTURES, 'complete-software'),
        'acme/old-app': path.join(FIXTURES, 'data-set'),
        'someone/tool': path.join(FIXTURES, 'data-set'),
      },
    });
    const out = path.join(scratch, 'org.jsonl');
    const first = await runCliWith(['audit', '--org', 'acme', '--org', 'someone', '--out', out, '--github-api-url', github.apiUrl, '--no-cache'], {
      env: env(),
    });
    expect(first.stderr).toContain('2 of 2 targets');
    expect(readJsonl(out).map(keyOf).sort()).toEqual(['github:acme/app', 'github:someone/tool']);
    expect(first.code).toBe(0);

    const all = path.join(scratch, 'org-all.jsonl');
    const second = await runCliWith(
      ['audit', '--org', 'acme', '--include-forks', '--include-archived', '--out', all, '--github-api-url', github.apiUrl, '--no-cache'],
      { env: env() },
    );
    expect(second.code).toBe(0);
    expect(readJsonl(all).map(keyOf).sort()).toEqual(['github:acme/app', 'github:acme/app-fork', 'github:acme/old-app']);
  });

  it('--org of an owner that does not exist is a usage error (exit 2)', async () => {
    const github = await fake({ orgs: {} });
    const result = await runCliWith(['audit', '--org', 'nobody-here', '--github-api-url', github.apiUrl, '--no-cache'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No GitHub organisation or user named nobody-here');
  });

  it('lists an organisation page by page (100 a page), and revalidates the listing with an ETag from the cache', async () => {
    const names = Array.from({ length: 230 }, (_, index) => ({ name: `repo-${String(index).padStart(3, '0')}` }));
    const github = await fake({ orgs: { big: names } });
    const cacheDir = path.join(scratch, 'org-cache');
    const session = () =>
      createGitHubSession({ apiUrl: github.apiUrl, token: TOKEN, timeoutMs: 10_000, onRateLimit: 'fail', concurrency: 2, batchSize: 5, cacheDir });
    const listed = await listOwnerRepositories(session().client, 'big', { apiUrl: github.apiUrl, hasToken: true });
    expect(listed).toHaveLength(230);
    expect(github.requests.map((request) => request.status)).toEqual([200, 200, 200]);
    const again = await listOwnerRepositories(session().client, 'big', { apiUrl: github.apiUrl, hasToken: true });
    expect(again).toEqual(listed);
    // The same three pages, each answered 304 Not Modified (free of rate limit), served from the cache.
    expect(github.requests.slice(3).map((request) => request.status)).toEqual([304, 304, 304]);
  });
});

describe('error rows', () => {
  it('a missing repository, a missing folder and a refused target are error rows; the run goes on (exit 3)', async () => {
    const github = await fake();
    const out = path.join(scratch, 'errors.jsonl');
    const result = await runCliWith(
      [
        'audit',
        'github:dpg/no-such-repo',
        'no/such/folder',
        'ext::sh -c touch% /tmp/pwned',
        'github:dpg/data-set',
        '--out',
        out,
        '--github-api-url',
        github.apiUrl,
        '--no-cache',
      ],
      { env: env() },
    );
    expect(result.code).toBe(3);
    const rows = readJsonl(out);
    expect(rows).toHaveLength(4);
    const byTarget = new Map(rows.map((row) => [row.target, row]));
    expect(byTarget.get('github:dpg/no-such-repo')?.error).toMatchObject({ exitCode: 3, message: expect.stringContaining('does not exist') });
    expect(byTarget.get('no/such/folder')?.error).toMatchObject({ exitCode: 2 });
    expect(byTarget.get('ext::sh -c touch% /tmp/pwned')?.error).toMatchObject({ exitCode: 2, message: expect.stringContaining('transport helper') });
    expect(byTarget.get('github:dpg/data-set')?.report?.verdict).toBe('ready');
    expect(result.stderr).toContain('3 could not be checked');
  });

  it('an unreachable server is an error row per target, not a crash', async () => {
    const github = await fake();
    const apiUrl = github.apiUrl;
    await github.close();
    servers = [];
    const out = path.join(scratch, 'unreachable.jsonl');
    const result = await runCliWith(
      ['audit', 'github:dpg/data-set', 'fixtures/bare', '--out', out, '--github-api-url', apiUrl, '--no-cache', '--timeout', '5'],
      { env: env() },
    );
    expect(result.code).toBe(3);
    const rows = readJsonl(out);
    expect(rows.find((row) => row.target === 'github:dpg/data-set')?.error?.message).toMatch(/Could not reach/);
    expect(rows.find((row) => row.target === 'fixtures/bare')?.report?.verdict).toBe('not-ready');
  });

  it('refuses to clobber results: an existing --out needs --resume or --overwrite; --resume needs --out', async () => {
    const out = path.join(scratch, 'existing.jsonl');
    writeFileSync(out, '{"target":"x","error":{"message":"m","exitCode":3}}\n');
    const clobber = await runCliWith(['audit', 'fixtures/bare', '--out', out, '--no-cache'], { env: env() });
    expect(clobber.code).toBe(2);
    expect(clobber.stderr).toContain('already holds results');
    const noOut = await runCliWith(['audit', 'fixtures/bare', '--resume'], { env: env() });
    expect(noOut.code).toBe(2);
    const nothing = await runCliWith(['audit'], { env: env() });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('Nothing to audit');
  });
});

describe('a target list given as a target', () => {
  it('audit FILE reads a list of targets as --input FILE would, says so on stderr, and still audits a manifest file given as a target', async () => {
    const github = await fake();
    const list = path.join(scratch, 'batch-7.txt');
    writeFileSync(list, "# reviewers' batch 7\r\ngithub:dpg/data-set\r\n\r\nfixtures/bare   # the local checkout\r\n");
    const out = path.join(scratch, 'list-as-target.jsonl');
    const result = await runCliWith(
      [
        'audit',
        list,
        'fixtures/complete-software/dpg.yaml',
        'fixtures/registry/open-clinic.json',
        '--out',
        out,
        '--github-api-url',
        github.apiUrl,
        '--no-cache',
        '--no-progress',
      ],
      { env: env() },
    );
    expect(result.stderr).toContain(`dpg-check audit: ${list} is a file, read as a list of targets (2 targets), as --input ${list} would be.`);
    expect(result.stderr).not.toContain('not a folder');
    const rows = readJsonl(out);
    // The list's targets, not the list itself; a manifest and a nominee record given as targets are audited as before.
    expect(rows.map(keyOf).sort()).toEqual([
      'fixtures/bare',
      'fixtures/complete-software/dpg.yaml',
      'fixtures/registry/open-clinic.json',
      'github:dpg/data-set',
    ]);
    expect(rows.filter((row) => row.error)).toEqual([]);
    expect(rows.find((row) => row.target === 'fixtures/complete-software/dpg.yaml')?.report?.source.target).toBe('fixtures/complete-software/dpg.yaml');
    // fixtures/bare is not ready.
    expect(result.code).toBe(1);

    const viaInput = path.join(scratch, 'list-via-input.jsonl');
    const same = await runCliWith(['audit', '--input', list, '--out', viaInput, '--github-api-url', github.apiUrl, '--no-cache', '--no-progress'], {
      env: env(),
    });
    expect(same.code).toBe(1);
    expect(readJsonl(viaInput).map(keyOf).sort()).toEqual(['fixtures/bare', 'github:dpg/data-set']);
  });

  it('a file that is not a list of targets is a usage error (exit 2) that points at --input, and nothing is audited', async () => {
    const binary = path.join(scratch, 'logo.png');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const latin1 = path.join(scratch, 'targets-latin1.txt');
    writeFileSync(latin1, Buffer.from('github:dpg/caf\xe9\n', 'latin1'));
    const readme = path.join(scratch, 'NOTES.md');
    writeFileSync(readme, '# Batch 7\n\nThese repositories were nominated in March.\n');
    // A manifest saved under a name that is not a manifest's: its YAML lines are no targets.
    const manifest = path.join(scratch, 'answers.txt');
    writeFileSync(manifest, readFileSync(path.join(FIXTURES, 'complete-software/dpg.yaml')));
    // A nominee record without its .json extension: JSON is no list either.
    const record = path.join(scratch, 'open-clinic');
    writeFileSync(record, readFileSync(path.join(FIXTURES, 'registry/open-clinic.json')));
    const cases: Array<[string, RegExp]> = [
      [binary, /it is a binary file/],
      [latin1, /it is not UTF-8 text/],
      [readme, /line 3 \("These repositories were nominated in March\."\) is not a target/],
      [manifest, /line \d+ \(".*"\) is (not a target|a YAML key)/],
      [record, /line 1 \("\{"\) is structured data/],
    ];
    for (const [file, reason] of cases) {
      const result = await runCliWith(['audit', file, 'fixtures/bare', '--no-cache', '--no-progress'], { env: env() });
      expect(result.code, `${file}: ${result.stderr}`).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`dpg-check: ${file} is a file, not a repository folder, and not a list of targets: `);
      expect(result.stderr).toMatch(reason);
      expect(result.stderr).toContain('--input FILE');
    }
    // The line quoted in the message keeps no credentials.
    const withToken = path.join(scratch, 'with-token.txt');
    writeFileSync(withToken, 'https://reviewer:ghp_listSECRET42@github.com/dpg/data-set main branch\n');
    const quoted = await runCliWith(['audit', withToken, '--no-cache', '--no-progress'], { env: env() });
    expect(quoted.code).toBe(2);
    expect(quoted.stderr).toContain('line 1 ("https://github.com/dpg/data-set main branch") is not a target');
    expect(quoted.stderr).not.toContain('SECRET');
  });
});

describe('politeness', () => {
  it('without a token: REST only, and a re-run from the cache revalidates with ETags (304) or asks nothing', async () => {
    const github = await fake({ token: undefined });
    const cacheDir = path.join(scratch, 'anonymous-cache');
    const args = ['audit', 'github:dpg/data-set', 'github:dpg/complete-software', '--github-api-url', github.apiUrl, '--cache-dir', cacheDir];
    const first = await runCliWith([...args, '--out', path.join(scratch, 'anon-1.jsonl')], { env: cleanEnv(scratch) });
    expect(first.code).toBe(0);
    const cold = github.requests.splice(0);
    expect(cold.every((request) => request.kind === 'rest' && request.auth === 'anonymous')).toBe(true);
    const second = await runCliWith([...args, '--out', path.join(scratch, 'anon-2.jsonl')], { env: cleanEnv(scratch) });
    expect(second.code).toBe(0);
    const warm = github.requests.splice(0);
    // Only what can change is asked again (the commit of HEAD, the owner's .github), each answered 304.
    expect(warm.length).toBeLessThan(cold.length / 3);
    expect(warm.every((request) => request.status === 304 || request.status === 404)).toBe(true);
    expect(readJsonl(path.join(scratch, 'anon-2.jsonl')).map((row) => row.report?.verdict)).toEqual(['ready', 'ready']);
  });

  it('a spent quota with --on-rate-limit fail stops the run (exit 3) without writing error rows; --resume finishes it', async () => {
    const github = await fake();
    github.inject({ fault: { kind: 'graphql-rate-limited' }, times: 1, on: 'graphql' });
    const out = path.join(scratch, 'quota.jsonl');
    const args = [
      'audit',
      'github:dpg/data-set',
      'github:dpg/ai-system',
      'fixtures/bare',
      '--out',
      out,
      '--github-api-url',
      github.apiUrl,
      '--no-cache',
      '--on-rate-limit',
      'fail',
    ];
    const stopped = await runCliWith(args, { env: env() });
    expect(stopped.code).toBe(3);
    expect(stopped.stderr).toContain('rate limit is spent');
    expect(stopped.stderr).toContain('--resume');
    expect(readJsonl(out).filter((row) => row.target.startsWith('github:'))).toEqual([]);
    const resumed = await runCliWith([...args, '--resume'], { env: env() });
    expect(resumed.code).toBe(1);
    expect(readJsonl(out).map(keyOf).sort()).toEqual(['fixtures/bare', 'github:dpg/ai-system', 'github:dpg/data-set']);
  });
});
