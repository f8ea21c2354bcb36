/**
 * A sentinel token, in GITHUB_TOKEN, GH_TOKEN and in the userinfo or query of a target URL, must appear
 * in no output: no report of any format (standard output or FORMAT=FILE), no error message, no
 * `--verbose` line, for runs that pass and runs that fail (401, 500, a slow or cut answer, a spent
 * quota, no server at all, a clone that fails). Everything runs against servers on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub, type FaultRule } from '../support/fake-github.js';
import { allFormatArgs, cleanEnv, FILE_FORMATS, readOutputs, remove, runDpg, scratch, STACK_FRAME, type RunResult } from './support.js';

const SENTINEL = `ghp_SENTINEL${randomBytes(12).toString('hex')}`;
/** The sentinel as it could appear once encoded (in a URL, in JSON, in base64 of a header). */
const FORMS = [SENTINEL, encodeURIComponent(SENTINEL), Buffer.from(SENTINEL).toString('base64'), SENTINEL.slice(4, 24)];
const ALL_FORMATS = ['text', 'json', 'markdown', 'sarif', 'junit', 'gitlab', 'badge', 'html'] as const;

let servers: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});
const folders: string[] = [];
afterAll(() => folders.forEach(remove));

async function fake(token = SENTINEL, ...rules: FaultRule[]): Promise<FakeGitHub> {
  const server = await startFakeGitHub({ token });
  for (const rule of rules) server.inject(rule);
  servers.push(server);
  return server;
}

interface Leakless {
  result: RunResult;
  outputs: Record<string, string>;
}

/** Runs the CLI with every format (JSON on stdout, seven files) and asserts the sentinel is nowhere. */
async function runWithoutLeak(args: string[], env: NodeJS.ProcessEnv, options: { allFormats?: boolean } = {}): Promise<Leakless> {
  const dir = scratch('secrets');
  folders.push(dir);
  const outputs = path.join(dir, 'out');
  mkdirSync(outputs);
  const result = await runDpg([...args, ...(options.allFormats === false ? [] : allFormatArgs(outputs))], {
    env: cleanEnv({ HOME: dir, ...env }),
    killAfterMs: 30_000,
  });
  const written = readOutputs(outputs);
  for (const [where, text] of Object.entries({ stdout: result.stdout, stderr: result.stderr, ...written })) {
    for (const form of FORMS) expect(text, `the token (as ${form === SENTINEL ? 'itself' : JSON.stringify(form)}) in ${where}`).not.toContain(form);
  }
  expect(result.stderr).not.toContain(STACK_FRAME);
  return { result, outputs: written };
}

describe('the token never appears in output', () => {
  it('a passing run, GITHUB_TOKEN, --verbose, every format at once (stdout and files)', async () => {
    const github = await fake();
    const { result, outputs } = await runWithoutLeak(['check', 'github:dpg/complete-software', '--github-api-url', github.apiUrl, '--verbose'], {
      GITHUB_TOKEN: SENTINEL,
    });
    expect(result.code).toBe(0);
    expect(Object.keys(outputs).sort()).toEqual([...FILE_FORMATS].sort());
    expect(result.stderr).toMatch(/^dpg-check: GET http:\/\/127\.0\.0\.1:\d+\/repos\/dpg\/complete-software\/git\/trees\/HEAD\?recursive=1 200/m);
    // The token was used (it is the only one the server accepts), in a header.
    expect(github.requests.every((request) => request.auth === 'token' && request.status === 200)).toBe(true);
  });

  it.each(ALL_FORMATS)('--format %s on standard output (GH_TOKEN)', async (format) => {
    const github = await fake();
    const { result } = await runWithoutLeak(
      ['check', 'github:dpg/data-set', '--github-api-url', github.apiUrl, '--format', format],
      { GH_TOKEN: SENTINEL },
      { allFormats: false },
    );
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(0);
  });

  const failures: Array<{ name: string; rules: FaultRule[]; token?: string; args?: string[]; env?: NodeJS.ProcessEnv; message: RegExp }> = [
    { name: 'a token GitHub refuses (401)', rules: [], token: 'ghp_theOnlyTokenTheServerAccepts000000', message: /refused the token \(401 Bad credentials\)/ },
    { name: 'a 401 on the GraphQL query', rules: [{ fault: { kind: 'status', status: 401 }, times: Infinity, on: 'graphql' }], message: /401/ },
    {
      name: 'a lasting 500, after the retries',
      rules: [{ fault: { kind: 'status', status: 500 }, times: Infinity }],
      message: /answered 500 \(a server error\)/,
    },
    { name: 'a 403 (access refused)', rules: [{ fault: { kind: 'status', status: 403 }, times: Infinity }], message: /refused access \(403\)/ },
    { name: 'a 404', rules: [{ fault: { kind: 'status', status: 404 }, times: Infinity }], message: /Not found on GitHub/ },
    {
      name: 'an answer slower than --timeout',
      rules: [{ fault: { kind: 'slow', delayMs: 10_000 }, times: Infinity }],
      args: ['--timeout', '0.5'],
      message: /no answer within 0\.5 s/,
    },
    { name: 'answers cut short', rules: [{ fault: { kind: 'truncate' }, times: Infinity }], message: /the connection closed before the whole answer arrived/ },
    {
      name: 'a spent quota under CI=true',
      rules: [{ fault: { kind: 'rate-limit', resetInSeconds: 900 }, times: Infinity }],
      env: { CI: 'true' },
      message: /rate limit is spent/,
    },
    {
      name: 'a lasting secondary rate limit',
      rules: [{ fault: { kind: 'secondary', status: 429, retryAfter: 300 }, times: Infinity }],
      args: ['--on-rate-limit', 'fail'],
      message: /secondary rate limit/,
    },
  ];

  it.each(failures)(
    'a failing run: $name (exit 3, --verbose)',
    async ({ rules, token, args, env, message }) => {
      const github = await fake(token ?? SENTINEL, ...rules);
      const { result, outputs } = await runWithoutLeak(['check', 'github:dpg/data-set', '--github-api-url', github.apiUrl, '--verbose', ...(args ?? [])], {
        GITHUB_TOKEN: SENTINEL,
        ...env,
      });
      expect(result.code).toBe(3);
      expect(result.stdout).toBe('');
      expect(outputs).toEqual({});
      expect(result.stderr).toMatch(message);
    },
    40_000,
  );

  it('no server at all (connection refused)', async () => {
    const github = await fake();
    const apiUrl = github.apiUrl;
    await github.close();
    servers = [];
    const { result } = await runWithoutLeak(['check', 'github:dpg/data-set', '--github-api-url', apiUrl, '--verbose'], { GITHUB_TOKEN: SENTINEL });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('ECONNREFUSED');
  });
});

describe('a token in a target URL never appears in output', () => {
  it('https://user:TOKEN@HOST/OWNER/REPO on the GitHub host: read with git (a URL with credentials), which fails; --verbose', async () => {
    const github = await fake();
    const host = new URL(github.apiUrl).host;
    const { result } = await runWithoutLeak(
      ['check', `http://x-access-token:${SENTINEL}@${host}/dpg/complete-software`, '--github-api-url', github.apiUrl, '--verbose', '--timeout', '10'],
      {},
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/git (could not|failed)/);
    expect(result.stderr).toMatch(/^dpg-check: .*git .*clone/m);
  });

  it('a URL without a path (http://user:TOKEN@HOST), which used to be split into URL "http://user:TOKEN" and ref "HOST"', async () => {
    const github = await fake();
    const host = new URL(github.apiUrl).host;
    const { result } = await runWithoutLeak(['check', `http://user:${SENTINEL}@${host}`, '--verbose', '--timeout', '10'], {});
    expect(result.code).toBe(3);
  });

  it('a token in the query of a git URL (?access_token=TOKEN)', async () => {
    const github = await fake();
    const host = new URL(github.apiUrl).host;
    const { result } = await runWithoutLeak(['check', `http://${host}/group/app.git?access_token=${SENTINEL}`, '--verbose', '--timeout', '10'], {});
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('access_token=REDACTED');
  });

  it('scp syntax with a password (user:TOKEN@host:path), ssh replaced by `false`', async () => {
    const { result } = await runWithoutLeak(['check', `user:${SENTINEL}@127.0.0.1:group/app.git`, '--verbose', '--timeout', '10'], {
      GIT_SSH_COMMAND: 'false',
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('user@127.0.0.1:group/app.git');
  });

  it('a URL with credentials given as --github-api-url is refused without echoing them', async () => {
    const { result } = await runWithoutLeak(
      ['check', 'github:dpg/data-set', '--github-api-url', `http://x:${SENTINEL}@127.0.0.1:1`],
      {},
      { allFormats: false },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Put no credentials in the GitHub API URL');
  });

  // GITHUB_API_URL may come from a CI secret: an invalid one is named without its credentials.
  it('an invalid --github-api-url holding credentials is refused without echoing them', async () => {
    for (const url of [`http://x:${SENTINEL}@127.0.0.1:bad`, `ftp://x:${SENTINEL}@127.0.0.1/`]) {
      const { result } = await runWithoutLeak(['check', 'github:dpg/data-set', '--github-api-url', url], {}, { allFormats: false });
      expect(result.code).toBe(2);
    }
  });
});
