import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './support/cli.js';

/**
 * The package as users get it: `npm pack`, installed into an empty folder, run through the bin that
 * npm links. Catches files missing from `files`, a broken bin, and dev-only imports at run time.
 */
describe('the packed package', () => {
  let folder: string;
  let installedCli: string;

  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'dpg-pack-'));
    // dist/ is already built by `npm test`; --ignore-scripts keeps pack from rebuilding under other tests.
    const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', folder], { cwd: REPO_ROOT, encoding: 'utf8' }).trim().split('\n').at(-1) as string;
    const project = path.join(folder, 'project');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(path.join(project, 'package.json'), '{ "name": "consumer", "private": true }\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', path.join(folder, tarball)], { cwd: project, stdio: 'pipe' });
    installedCli = path.join(project, 'node_modules/dpg-check/bin/dpg-check.js');
  }, 180_000);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('ships only what it needs', () => {
    const shipped = readdirSync(path.join(folder, 'project/node_modules/dpg-check')).sort();
    expect(shipped).toEqual(expect.arrayContaining(['bin', 'data', 'dist', 'docs', 'package.json', 'schemas']));
    expect(shipped).not.toContain('src');
    expect(shipped).not.toContain('test');
    expect(shipped).not.toContain('fixtures');
  });

  it('runs --version and a check from the installed package', async () => {
    const version = await runCli(['--version'], { cli: installedCli, cwd: folder });
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const check = await runCli(['check', path.join(REPO_ROOT, 'fixtures/complete-software'), '--format', 'json'], { cli: installedCli, cwd: folder });
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout).verdict).toBe('ready');
  });
});
