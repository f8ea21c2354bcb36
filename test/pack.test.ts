import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import semver from 'semver';
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
    const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', folder], { cwd: REPO_ROOT, encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1) as string;
    const project = path.join(folder, 'project');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(path.join(project, 'package.json'), '{ "name": "consumer", "private": true }\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', path.join(folder, tarball)], {
      cwd: project,
      stdio: 'pipe',
    });
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

  it('ships no source maps (src/ is not shipped for them to point at) and no output of a removed source file', () => {
    const dist = path.join(folder, 'project/node_modules/dpg-check/dist');
    const files = readdirSync(dist, { recursive: true, encoding: 'utf8' });
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    const js = files.filter((file) => file.endsWith('.js'));
    // The bundled CLI (dist/bundle/, scripts/bundle-cli.js) is built from dist/, not compiled from src/.
    expect(js.filter((file) => !file.startsWith(`bundle${path.sep}`) && !existsSync(path.join(REPO_ROOT, 'src', file.replace(/\.js$/, '.ts'))))).toEqual([]);
    expect(js.filter((file) => file.startsWith(`bundle${path.sep}`)).length).toBeGreaterThan(1);
    expect(js.filter((file) => readFileSync(path.join(dist, file), 'utf8').includes('sourceMappingURL'))).toEqual([]);
  });

  it('installs only run-time packages, each fit for the oldest Node that engines allows, in under 40 MB', () => {
    const modules = path.join(folder, 'project/node_modules');
    const ours = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    const oldest = semver.minVersion(ours.engines.node)?.version as string;
    const packages: Array<{ name: string; node?: string }> = [];
    let bytes = 0;
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile()) bytes += lstatSync(full).size;
        if (entry.isFile() && entry.name === 'package.json' && path.basename(path.dirname(path.dirname(full))).match(/^(node_modules|@[^/]+)$/)) {
          const manifest = JSON.parse(readFileSync(full, 'utf8')) as { name?: string; version?: string; engines?: { node?: string } };
          if (manifest.name && manifest.version)
            packages.push({ name: `${manifest.name}@${manifest.version}`, ...(manifest.engines?.node ? { node: manifest.engines.node } : {}) });
        }
      }
    };
    walk(modules);
    const names = packages.map((entry) => entry.name.replace(/@[^@]+$/, ''));
    // The octokit SDK (88 MB) and the SPDX licence texts (12 MB, read only by the build) are not installed.
    expect(names).not.toContain('octokit');
    expect(names).not.toContain('spdx-license-list');
    expect(names).toContain('@octokit/core');
    // npm warns EBADENGINE for any package whose engines exclude the running Node: none may need a newer Node than ours says.
    expect(
      packages.filter((entry) => entry.node !== undefined && !semver.satisfies(oldest, entry.node)).map((entry) => `${entry.name} needs node ${entry.node}`),
    ).toEqual([]);
    expect(bytes / 1024 / 1024).toBeLessThan(40);
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
