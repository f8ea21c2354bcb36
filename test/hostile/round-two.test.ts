/**
 * Hardening, round two (issue 15): each case here was reproduced on main before its fix. Registry
 * records that point at the auditor's own disk, a malformed URL escape, credentials and echoed tokens in
 * rows and messages, a malformed row given to merge, and the library's entry points called with wrong
 * arguments. Everything runs against servers on 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { UsageError } from '../../src/errors.js';
import { formatJson, formatText, loadFormatter, runCheck } from '../../src/index.js';
import { LocalSource } from '../../src/source/local.js';
import { openSource } from '../../src/source/open.js';
import { cleanEnv, COMPLETE, runDpg, scratchFolders, STACK_FRAME } from './support.js';

const folder = scratchFolders();

function nominee(name: string, urls: string[]): string {
  return JSON.stringify({
    name,
    license: [{ spdx: 'MIT' }],
    SDGs: [{ SDGNumber: 3, evidenceText: 'Clinics.' }],
    type: ['software'],
    repositories: urls.map((url) => ({ name: 'main', url })),
    organizations: [{ name: 'Example', org_type: 'owner' }],
    stage: 'DPG',
  });
}

function rows(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("registry records never read the auditor's own disk", () => {
  it('a repository URL that is a local path or another scheme is an error row, never audited', async () => {
    const dir = folder('registry-local');
    const records = path.join(dir, 'nominees');
    mkdirSync(records);
    writeFileSync(path.join(records, 'local.json'), nominee('Local', ['/etc', '../..', 'file:///etc', COMPLETE]));
    const out = path.join(dir, 'rows.jsonl');
    const result = await runDpg(['audit', '--registry', records, '--out', out, '--no-progress', '--no-cache'], { env: cleanEnv({ HOME: dir }) });
    expect(result.code).toBe(3);
    const written = rows(out);
    expect(written).toHaveLength(4);
    for (const row of written) {
      expect(row.report, JSON.stringify(row.target)).toBeUndefined();
      expect((row.error as { message: string }).message).toContain('not the URL of a remote repository');
    }
  });

  it('a record file that is a symbolic link, or too large, is an error row and is not read', async () => {
    const dir = folder('registry-files');
    const records = path.join(dir, 'nominees');
    mkdirSync(records);
    writeFileSync(path.join(dir, 'secret.json'), nominee('Outside', ['https://github.com/acme/secret-project-name']));
    symlinkSync(path.join(dir, 'secret.json'), path.join(records, 'linked.json'));
    writeFileSync(path.join(records, 'huge.json'), `{"name":"Huge","x":"${'a'.repeat(1024 * 1024 + 10)}"}`);
    const out = path.join(dir, 'rows.jsonl');
    const result = await runDpg(['audit', '--registry', records, '--out', out, '--no-progress', '--no-cache'], { env: cleanEnv({ HOME: dir }) });
    expect(result.code).toBe(3);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain('secret-project-name');
    const byTarget = Object.fromEntries(rows(out).map((row) => [row.target, (row.error as { message: string }).message]));
    expect(byTarget['registry:linked']).toContain('is a symbolic link');
    expect(byTarget['registry:huge']).toContain('over the 1048576-byte limit');
  });

  it("a malformed %-escape in one record's URL leaves the rest of the audit alone", async () => {
    const dir = folder('registry-escape');
    const records = path.join(dir, 'nominees');
    mkdirSync(records);
    writeFileSync(path.join(records, 'a-broken.json'), nominee('Broken', ['https://github.com/acme/%E0%A4%A']));
    writeFileSync(path.join(records, 'b-fine.json'), nominee('Fine', [`file://${COMPLETE}`]));
    const out = path.join(dir, 'rows.jsonl');
    const result = await runDpg(['audit', '--registry', records, '--out', out, '--no-progress', '--no-cache', '--clone'], { env: cleanEnv({ HOME: dir }) });
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).not.toContain(STACK_FRAME);
    expect(
      rows(out)
        .map((row) => (row.registryRecord as { id: string }).id)
        .sort(),
    ).toEqual(['a-broken', 'b-fine']);
  });
});

describe('credentials and echoed tokens never leave the process', () => {
  it('a password with "/" in an invalid or unreachable target is redacted in rows and on stderr', async () => {
    const dir = folder('credentials');
    const out = path.join(dir, 'rows.jsonl');
    const targets = ['ext::https://user:pa/ss-SECRET1@example.invalid/x', 'https://user:pa/ss-SECRET2@127.0.0.1:9/repo.git'];
    const audit = await runDpg(['audit', ...targets, '--out', out, '--no-progress', '--no-cache', '--timeout', '5'], { env: cleanEnv({ HOME: dir }) });
    expect(readFileSync(out, 'utf8')).not.toMatch(/SECRET[12]/);
    expect(audit.stderr).not.toMatch(/SECRET[12]/);
    const check = await runDpg(['check', targets[1] as string, '--timeout', '5'], { env: cleanEnv({ HOME: dir }) });
    expect(check.code).toBeGreaterThanOrEqual(2);
    expect(check.stderr).not.toMatch(/SECRET[12]|pa\/ss/);
  });

  it('a token echoed back in a 403 answer is not printed, nor kept in a row or a summary', async () => {
    const token = 'tok_SENTINEL_4e1b9c0d7a';
    const server: Server = createServer((_request, response) => {
      response.writeHead(403, { 'content-type': 'application/json', 'x-ratelimit-remaining': '4999' });
      response.end(
        JSON.stringify({
          message: `Token ${token} is not allowed to access this resource (authorization: token ${token})`,
          documentation_url: 'https://docs.github.com/rest',
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const dir = folder('echoed-token');
      const check = await runDpg(['check', 'github:acme/app', '--github-api-url', apiUrl], { env: cleanEnv({ HOME: dir, GITHUB_TOKEN: token }) });
      expect(check.code).toBe(3);
      expect(check.stderr).toContain('refused access (403)');
      expect(check.stderr).not.toContain(token);
      const out = path.join(dir, 'rows.jsonl');
      const summary = path.join(dir, 'summary.html');
      await runDpg(['audit', 'github:acme/app', '--github-api-url', apiUrl, '--out', out, '--summary', summary, '--no-progress', '--no-cache'], {
        env: cleanEnv({ HOME: dir, GITHUB_TOKEN: token }),
      });
      expect(readFileSync(out, 'utf8')).toContain('refused access (403)');
      expect(readFileSync(out, 'utf8')).not.toContain(token);
      expect(readFileSync(summary, 'utf8')).not.toContain(token);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('merge survives a malformed row', () => {
  it('findings: [null] is skipped as unreadable; every other row is merged', async () => {
    const dir = folder('merge-null');
    const good = await runDpg(['audit', COMPLETE, '--no-progress', '--no-cache'], { env: cleanEnv({ HOME: dir }) });
    const row = JSON.parse(good.stdout.trim().split('\n')[0] as string) as { report: { findings: unknown[] } };
    const broken = { ...row, target: 'broken/target', report: { ...row.report, findings: [null] } };
    const file = path.join(dir, 'rows.jsonl');
    writeFileSync(file, `${JSON.stringify(row)}\n${JSON.stringify(broken)}\n`);
    const summary = path.join(dir, 'summary.csv');
    const result = await runDpg(['merge', file, '--summary', summary], { env: cleanEnv({ HOME: dir }) });
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toContain('1 unreadable line skipped');
    expect(readFileSync(summary, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(2);
  });
});

describe('the library refuses wrong arguments with typed errors', () => {
  it('checkSource, runCheck, openSource, LocalSource.open and the formatters', async () => {
    await expect(checkSource(undefined as never)).rejects.toBeInstanceOf(UsageError);
    const source = await LocalSource.open(COMPLETE);
    try {
      await expect(checkSource(source, { failOn: 'nope' as never })).rejects.toThrow(/failOn must be "fail" or "warn", not "nope"/);
      await expect(checkSource(source, { maxFileBytes: -1 })).rejects.toBeInstanceOf(UsageError);
    } finally {
      await source.dispose();
    }
    await expect(runCheck(42 as never)).rejects.toBeInstanceOf(UsageError);
    await expect(runCheck(COMPLETE, { deadlineSeconds: Number.NaN })).rejects.toBeInstanceOf(UsageError);
    await expect(openSource(undefined as never)).rejects.toBeInstanceOf(UsageError);
    await expect(LocalSource.open(undefined as never)).rejects.toBeInstanceOf(UsageError);
    expect(() => formatJson(undefined as never, { color: false })).toThrow(UsageError);
    expect(() => formatText({ findings: [] } as never, { color: false })).toThrow(/expected a report/);
    expect(() => formatText(null as never, { color: false })).toThrow(UsageError);
    const sarif = await loadFormatter('sarif');
    expect(() => sarif('report' as never, { color: false })).toThrow(UsageError);
  });
});

describe('second review of round two', () => {
  it('redaction reaches the last "@" of the credentials, and long tokens', async () => {
    const { redactText } = await import('../../src/util/redact.js');
    expect(redactText('cannot reach https://user:p@ss/w0rd@example.org/repo.git')).toBe('cannot reach https://example.org/repo.git');
    const long = `ghp_${'a'.repeat(300)}`;
    expect(redactText(`token ${long} refused`)).toBe('token [REDACTED] refused');
  });

  it('lockfile licences: a choice with an open option is no restriction; workspaces are the project', async () => {
    const { parseDependencies, isRestrictiveLicense } = await import('../../src/facts/dependencies.js');
    expect(isRestrictiveLicense('(MIT OR SSPL-1.0)')).toBe(false);
    expect(isRestrictiveLicense('SSPL-1.0 OR BUSL-1.1')).toBe(true);
    const lock = JSON.stringify(
      {
        lockfileVersion: 3,
        packages: {
          '': { license: 'UNLICENSED' },
          'packages/web-app': { version: '0.1.0', license: 'UNLICENSED' },
          'node_modules/web-app': { link: true, resolved: 'packages/web-app' },
          'node_modules/left-pad': { version: '1.3.0', license: '(MIT OR SSPL-1.0)' },
          'node_modules/@acme/engine': { version: '2.0.0', license: 'BUSL-1.1' },
        },
      },
      null,
      2,
    );
    expect(parseDependencies('package-lock.json', lock).map((dependency) => `${dependency.name} ${dependency.license}`)).toEqual(['@acme/engine BUSL-1.1']);
  });
});
