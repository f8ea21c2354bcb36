import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import semver from 'semver';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './support/cli.js';

const hasPreCommit = spawnSync('pre-commit', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * The package as users get it: `npm pack`, installed into an empty folder, run through the bin that
 * npm links. Catches files missing from `files`, a broken bin, and dev-only imports at run time.
 */
describe('the packed package', () => {
  let folder: string;
  let installedCli: string;
  let tarball: string;
  let installWarnings: string;

  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'dpg-pack-'));
    // dist/ is already built by `npm test`; --ignore-scripts keeps pack from rebuilding under other tests.
    tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', folder], { cwd: REPO_ROOT, encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1) as string;
    tarball = path.join(folder, tarball);
    const project = path.join(folder, 'project');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(path.join(project, 'package.json'), '{ "name": "consumer", "private": true }\n');
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=warn', tarball], {
      cwd: project,
      encoding: 'utf8',
    });
    if (install.status !== 0) throw new Error(`npm install of the tarball failed: ${install.stderr}`);
    installWarnings = install.stderr;
    installedCli = path.join(project, 'node_modules/dpg-check/bin/dpg-check.js');
  }, 180_000);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('installs without a warning about engines, install scripts or deprecated packages', () => {
    expect(installWarnings.split('\n').filter((line) => /EBADENGINE|install.scripts|allowScripts|deprecated/i.test(line))).toEqual([]);
  });

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
    expect(readdirSync(path.join(dist, 'bundle'))).toContain('cli.cjs');
    expect(readFileSync(path.join(dist, 'bundle', 'cli.cjs'), 'utf8')).not.toContain('sourceMappingURL');
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

  it('the GitLab job runs the package npm installs: its script, as GitLab runs it, with DPG_CHECK_PACKAGE set to the tarball', () => {
    const job = parseYaml(readFileSync(path.join(REPO_ROOT, 'ci/gitlab-dpg-check.yml'), 'utf8'))['dpg-check'] as {
      variables: Record<string, string>;
      script: string[];
    };
    // No default: a package of that name is not on npm yet, and whoever registered it would run in the job.
    expect(job.variables.DPG_CHECK_PACKAGE).toBe('');
    // The project the job runs in: a clone of a ready repository.
    const project = path.join(folder, 'gitlab-project');
    cpSync(path.join(REPO_ROOT, 'fixtures/complete-software'), project, { recursive: true });
    execFileSync('git', ['init', '-q', project]);
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...job.variables,
      DPG_CHECK_PACKAGE: tarball,
      // npx's own cache in the scratch folder (no trace left in the user's), the packages from the registry or npm's cache.
      npm_config_cache: path.join(folder, 'npm-cache'),
      npm_config_prefer_offline: 'true',
      npm_config_loglevel: 'error',
    };
    // GitLab runs the script's lines in one shell that stops at the first failing line.
    const runJob = (jobEnv: NodeJS.ProcessEnv) =>
      spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', job.script.join('\n')], { cwd: project, env: jobEnv, encoding: 'utf8' });
    // Left unset, the job stops before installing anything, and says what to set.
    const unset = runJob({ ...env, DPG_CHECK_PACKAGE: '' });
    expect(unset.status).toBe(2);
    expect(unset.stderr).toContain('set DPG_CHECK_PACKAGE');
    expect(existsSync(path.join(project, 'dpg-check-report.json'))).toBe(false);
    const run = runJob(env);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(project, 'dpg-check-report.json'), 'utf8')).verdict).toBe('ready');
    const codeQuality = JSON.parse(readFileSync(path.join(project, 'gl-code-quality-report.json'), 'utf8')) as unknown[];
    expect(Array.isArray(codeQuality)).toBe(true);
    expect(readFileSync(path.join(project, 'dpg-check-junit.xml'), 'utf8')).toMatch(/^<\?xml/);
  }, 180_000);

  // pre-commit is Debian's (.ci/run installs it); in CI the test runs whether or not it is there.
  it.runIf(hasPreCommit || process.env.CI)(
    'the pre-commit recipe (ci/pre-commit-config.yaml) runs the package npm installs, with the tarball as its dependency',
    () => {
      const recipe = readFileSync(path.join(REPO_ROOT, 'ci/pre-commit-config.yaml'), 'utf8');
      const localHook = parseYaml(recipe).repos[0].hooks[0];
      expect(localHook).toMatchObject({ entry: 'dpg-check check', language: 'node', pass_filenames: false });
      // Not a package name until it is set: nothing of that name can be installed by mistake.
      expect(localHook.additional_dependencies).toEqual([expect.stringMatching(/^SET ME /)]);
      const run = (fixture: string) => {
        const project = path.join(folder, `pre-commit-${fixture}`);
        cpSync(path.join(REPO_ROOT, 'fixtures', fixture), project, { recursive: true });
        // The one-line change a user makes before dpg-check is published: the tarball instead of the version.
        writeFileSync(
          path.join(project, '.pre-commit-config.yaml'),
          recipe.replace(/(additional_dependencies: )\['SET ME[^']*'\]/, `$1${JSON.stringify([tarball])}`),
        );
        execFileSync('git', ['init', '-q', project]);
        execFileSync('git', ['-C', project, 'add', '-A']);
        return spawnSync('pre-commit', ['run', '--all-files'], {
          cwd: project,
          encoding: 'utf8',
          env: {
            ...process.env,
            PRE_COMMIT_HOME: path.join(folder, 'pre-commit-home'),
            npm_config_cache: path.join(folder, 'npm-cache'),
            npm_config_prefer_offline: 'true',
          },
        });
      };
      const ready = run('complete-software');
      expect(ready.stdout, ready.stderr).toMatch(/dpg-check \(DPG Standard readiness\)\.+Passed/);
      expect(ready.status).toBe(0);
      const failing = run('fail-3-copyright-placeholder');
      expect(failing.stdout).toMatch(/\.+Failed/);
      expect(failing.stdout).toContain('ownership/copyright-placeholder');
      expect(failing.status).toBe(1);
    },
    180_000,
  );

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
