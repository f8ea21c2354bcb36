/**
 * A package in a subfolder of a git work tree (a monorepo) is answered for by the nearest manifest and
 * policy in the folders above it, up to the work tree's root, as ESLint and reuse find their
 * configuration: through the CLI, on git repositories made here (git init; nothing needs committing).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/report/types.js';
import { REPO_ROOT, runCli } from './support/cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'dpg-parent-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MANIFEST = path.join(REPO_ROOT, 'fixtures/complete-software/dpg.yaml');

/** The root policy: one waiver for the root manifest, one for the web package, one for a file api does not have. */
const ROOT_POLICY = `waivers:
  - code: docs/readme-too-short
    path: packages/web/README.md
    reason: The web package is documented in the root README
    expires: 2999-01-01
  - code: pii/protections-review
    path: dpg.yaml
    reason: Reviewed by the privacy officer
    expires: 2999-01-01
  - code: docs/readme-too-short
    path: packages/api/NOTES.md
    reason: A waiver for a file api does not have
    expires: 2999-01-01
`;

/**
 * root/dpg.yaml and root/.dpg-check.yaml; packages/api has neither; packages/web has its own dpg.yaml
 * (named "Web Package") and no policy. `git` false: the same tree, not a work tree.
 */
function monorepo(name: string, git = true): string {
  const root = path.join(work, name);
  mkdirSync(path.join(root, 'packages/api'), { recursive: true });
  mkdirSync(path.join(root, 'packages/web'), { recursive: true });
  cpSync(MANIFEST, path.join(root, 'dpg.yaml'));
  writeFileSync(path.join(root, '.dpg-check.yaml'), ROOT_POLICY);
  writeFileSync(path.join(root, 'packages/api/README.md'), '# Clinic API\n\nThe REST API of the clinic registry.\n');
  writeFileSync(path.join(root, 'packages/api/server.py'), 'print("serving")\n');
  writeFileSync(path.join(root, 'packages/web/dpg.yaml'), readFileSync(MANIFEST, 'utf8').replace('name: OpenClinic Registry', 'name: Web Package'));
  writeFileSync(path.join(root, 'packages/web/README.md'), '# Web\n');
  if (git) execFileSync('git', ['init', '-q', root]);
  return root;
}

async function reportOf(args: string[], cwd: string): Promise<{ report: Report; code: number; stderr: string }> {
  const result = await runCli(['check', ...args, '--format', 'json'], { cwd });
  return { report: JSON.parse(result.stdout) as Report, code: result.code, stderr: result.stderr };
}

function lineOf(file: string, text: string): number {
  return (
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(text)) + 1
  );
}

describe('a subfolder of a git work tree without a manifest of its own', () => {
  it('is checked with the nearest manifest and policy above it, named by their paths from the checked folder', async () => {
    const root = monorepo('found');
    const { report, stderr } = await reportOf(['.'], path.join(root, 'packages/api'));
    expect(stderr).toBe('');
    expect(report.manifest).toEqual({ path: '../../dpg.yaml', format: 'yaml', origin: 'repository' });
    expect(report.policy).toEqual({ path: '../../.dpg-check.yaml' });
    expect(report.findings.some((finding) => finding.code === 'manifest/missing')).toBe(false);
    const found = report.findings.find((finding) => finding.code === 'manifest/found')!;
    expect(found.evidence).toEqual([
      { path: '../../dpg.yaml', note: 'found above the checked folder: the nearest manifest up to the root of the git work tree' },
    ]);
    // The manifest's answers are judged, with evidence at their lines in the file above.
    expect(report.indicators.find((indicator) => indicator.id === '1')!.status).toBe('pass');
    const sdg = report.findings.find((finding) => finding.code === 'sdg/declared')!;
    expect(sdg.evidence[0]).toEqual({ path: '../../dpg.yaml', line: lineOf(MANIFEST, 'sdgs:') + 1, column: 3 });
    // The root policy's waiver for dpg.yaml (written from the root) covers the finding in ../../dpg.yaml.
    const review = report.findings.find((finding) => finding.code === 'pii/protections-review')!;
    expect(review.evidence[0]!.path).toBe('../../dpg.yaml');
    expect(review.waiver).toEqual({ reason: 'Reviewed by the privacy officer', expires: '2999-01-01' });
    // The web package's waiver is not api's: left out, not reported as matching nothing. The waiver for
    // a file api does not have matches nothing, and its finding points at its own line of the policy.
    const unused = report.findings.filter((finding) => finding.code === 'policy/waiver-unused');
    expect(unused).toHaveLength(1);
    expect(unused[0]!.message).toContain('in NOTES.md');
    expect(unused[0]!.evidence[0]).toMatchObject({
      path: '../../.dpg-check.yaml',
      line: lineOf(path.join(root, '.dpg-check.yaml'), 'path: packages/api/NOTES.md') - 1,
    });
  });

  it('is the same from the repository root: paths stay relative to the checked folder', async () => {
    const root = monorepo('from-root');
    const inside = await reportOf(['.'], path.join(root, 'packages/api'));
    const outside = await reportOf(['packages/api'], root);
    expect(outside.report.manifest).toEqual(inside.report.manifest);
    expect(outside.report.policy).toEqual(inside.report.policy);
    expect(outside.report.findings.map((finding) => [finding.code, finding.evidence])).toEqual(
      inside.report.findings.map((finding) => [finding.code, finding.evidence]),
    );
  });

  it('shows where the manifest came from in the text report, with openable locations', async () => {
    const root = monorepo('text');
    const result = await runCli(['check', '.'], { cwd: path.join(root, 'packages/api') });
    expect(result.stdout).toMatch(/^Manifest: \.\.\/\.\.\/dpg\.yaml$/m);
    expect(result.stdout).toContain(`at ../../dpg.yaml:${lineOf(MANIFEST, 'sdgs:') + 1}:3`);
  });

  it('places evidence in the manifest above at its path from the repository root in SARIF, JUnit and GitLab Code Quality', async () => {
    const root = monorepo('ci-formats');
    const api = path.join(root, 'packages/api');
    const result = await runCli(['check', '.', '--format', 'sarif=dpg.sarif', '--format', 'gitlab=gl.json', '--format', 'junit=dpg.xml'], { cwd: api });
    expect(result.code).toBe(1);
    const sarif = JSON.parse(readFileSync(path.join(api, 'dpg.sarif'), 'utf8')) as {
      runs: Array<{
        results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }> }>;
      }>;
    };
    const results = sarif.runs[0]!.results;
    const review = results.find((item) => item.ruleId === 'standards/adherence-review')!;
    expect(review.locations[0]!.physicalLocation.artifactLocation.uri).toBe('dpg.yaml');
    expect(review.locations[0]!.physicalLocation.region!.startLine).toBe(lineOf(MANIFEST, 'openStandards:'));
    const readme = results.find((item) => item.ruleId === 'docs/readme-too-short')!;
    expect(readme.locations[0]!.physicalLocation.artifactLocation.uri).toBe('packages/api/README.md');
    expect(results.every((item) => !item.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('..'))).toBe(true);

    const gitlab = JSON.parse(readFileSync(path.join(api, 'gl.json'), 'utf8')) as Array<{ check_name: string; location: { path: string } }>;
    expect(gitlab.find((issue) => issue.check_name === 'standards/adherence-review')!.location.path).toBe('dpg.yaml');
    expect(gitlab.find((issue) => issue.check_name === 'docs/readme-too-short')!.location.path).toBe('packages/api/README.md');
    expect(readFileSync(path.join(api, 'dpg.xml'), 'utf8')).toContain('file="dpg.yaml"');
  });
});

describe('where the search stops', () => {
  it("uses the subfolder's own manifest before any above it, and the nearest policy with waiver paths read from the subfolder", async () => {
    const root = monorepo('own-wins');
    const { report } = await reportOf(['.'], path.join(root, 'packages/web'));
    expect(report.manifest).toEqual({ path: 'dpg.yaml', format: 'yaml', origin: 'repository' });
    expect(report.findings.find((finding) => finding.code === 'manifest/found')!.evidence).toEqual([{ path: 'dpg.yaml' }]);
    expect(report.policy).toEqual({ path: '../../.dpg-check.yaml' });
    // packages/web/README.md, written from the root, is README.md from here.
    expect(report.findings.find((finding) => finding.code === 'docs/readme-too-short')!.waiver).toMatchObject({
      reason: 'The web package is documented in the root README',
    });
    // The waiver for the root's dpg.yaml is not for web's own: left out.
    expect(report.findings.find((finding) => finding.code === 'pii/protections-review')!.waiver).toBeUndefined();
    expect(report.findings.filter((finding) => finding.code === 'policy/waiver-unused')).toHaveLength(0);
  });

  it("prefers the subfolder's own manifest policy to a .dpg-check.yaml above it", async () => {
    const root = monorepo('own-policy');
    const web = path.join(root, 'packages/web');
    writeFileSync(path.join(web, 'dpg.yaml'), `${readFileSync(path.join(web, 'dpg.yaml'), 'utf8')}\npolicy:\n  failOn: warn\n`);
    const { report } = await reportOf(['.'], web);
    expect(report.policy).toEqual({ path: 'dpg.yaml' });
  });

  it('does not search outside a git work tree', async () => {
    const root = monorepo('no-git', false);
    const { report } = await reportOf(['.'], path.join(root, 'packages/api'));
    expect(report.manifest).toBeNull();
    expect(report.policy).toBeNull();
    expect(report.findings.some((finding) => finding.code === 'manifest/missing')).toBe(true);
  });

  it('does not search above the root of the work tree', async () => {
    const outer = path.join(work, 'outer');
    mkdirSync(path.join(outer, 'repo/packages/api'), { recursive: true });
    cpSync(MANIFEST, path.join(outer, 'dpg.yaml'));
    writeFileSync(path.join(outer, '.dpg-check.yaml'), ROOT_POLICY);
    writeFileSync(path.join(outer, 'repo/packages/api/README.md'), '# API\n');
    execFileSync('git', ['init', '-q', path.join(outer, 'repo')]);
    const { report } = await reportOf(['.'], path.join(outer, 'repo/packages/api'));
    expect(report.manifest).toBeNull();
    expect(report.policy).toBeNull();
  });

  it('never searches for a remote source: a bare repository inside a work tree is read with git as a whole repository', async () => {
    const root = monorepo('remote');
    const origin = path.join(work, 'remote-origin');
    mkdirSync(origin);
    writeFileSync(path.join(origin, 'README.md'), '# Vendored tool\n');
    const git = (args: string[], cwd: string): void =>
      void execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'ignore' });
    git(['init', '-q', '-b', 'main'], origin);
    git(['add', '.'], origin);
    git(['commit', '-q', '-m', 'first'], origin);
    git(['clone', '-q', '--bare', origin, path.join(root, 'packages/tool.git')], root);
    const { report } = await reportOf(['packages/tool.git'], root);
    expect(report.source.kind).toBe('git');
    expect(report.manifest).toBeNull();
    expect(report.policy).toBeNull();
  });
});

describe('a manifest or policy above that is a link out of the repository', () => {
  it('is refused, not followed, with a finding that says why', async () => {
    const root = path.join(work, 'linked');
    const elsewhere = path.join(work, 'elsewhere');
    mkdirSync(path.join(root, 'packages/api'), { recursive: true });
    mkdirSync(elsewhere);
    writeFileSync(path.join(elsewhere, 'dpg.yaml'), readFileSync(MANIFEST, 'utf8').replace('name: OpenClinic Registry', 'name: Secret Outside Name'));
    writeFileSync(path.join(elsewhere, 'policy.yaml'), 'failOn: warn\n');
    symlinkSync(path.join(elsewhere, 'dpg.yaml'), path.join(root, 'dpg.yaml'));
    symlinkSync(path.join(elsewhere, 'policy.yaml'), path.join(root, '.dpg-check.yaml'));
    writeFileSync(path.join(root, 'packages/api/README.md'), '# API\n');
    execFileSync('git', ['init', '-q', root]);

    const result = await runCli(['check', '.', '--format', 'json'], { cwd: path.join(root, 'packages/api') });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('Secret Outside Name');
    const report = JSON.parse(result.stdout) as Report;
    const unreadable = report.findings.find((finding) => finding.code === 'manifest/unreadable')!;
    expect(unreadable.status).toBe('fail');
    expect(unreadable.message).toBe('../../dpg.yaml: cannot read the manifest: a symbolic link to a file outside the repository; not followed');
    expect(unreadable.evidence).toEqual([{ path: '../../dpg.yaml' }]);
    const policy = report.findings.find((finding) => finding.code === 'policy/invalid')!;
    expect(policy.message).toBe('../../.dpg-check.yaml: cannot read the policy: a symbolic link to a file outside the repository; not followed');
    // The policy outside was not applied.
    expect(report.failOn).not.toBe('warn');
  });

  it('is read when the link stays inside the repository', async () => {
    const root = path.join(work, 'linked-inside');
    mkdirSync(path.join(root, 'packages/api'), { recursive: true });
    mkdirSync(path.join(root, 'config'));
    cpSync(MANIFEST, path.join(root, 'config/dpg.yaml'));
    symlinkSync('config/dpg.yaml', path.join(root, 'dpg.yaml'));
    writeFileSync(path.join(root, 'packages/api/README.md'), '# API\n');
    execFileSync('git', ['init', '-q', root]);
    const { report } = await reportOf(['.'], path.join(root, 'packages/api'));
    expect(report.manifest).toEqual({ path: '../../dpg.yaml', format: 'yaml', origin: 'repository' });
    expect(report.findings.some((finding) => finding.code === 'manifest/found')).toBe(true);
  });
});

describe('a manifest found above: its paths are read from its own folder', () => {
  it('paths that lead out of the package are not reported missing, the licence beside the manifest counts, a missing path inside the package still is', async () => {
    const root = monorepo('paths-from-above');
    // The monorepo's documentation, privacy notice, API description and licence sit at its root.
    for (const file of ['LICENSE', 'PRIVACY.md', 'api/openapi.yaml', 'docs/admin-guide.md']) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      cpSync(path.join(REPO_ROOT, 'fixtures/complete-software', file), path.join(root, file));
    }
    const { report } = await reportOf(['packages/api'], root);
    const codes = report.findings.map((finding) => finding.code);
    for (const code of ['docs/link-not-found', 'laws/evidence-not-found', 'standards/evidence-not-found', 'license/file-missing'])
      expect(codes, code).not.toContain(code);
    expect(report.findings.find((finding) => finding.code === 'license/file-identified')?.evidence[0]?.path).toBe('../../LICENSE');

    // A path the root manifest writes into the package is judged in the package: there, it is missing.
    const manifest = readFileSync(path.join(root, 'dpg.yaml'), 'utf8').replace(
      'links: [README.md, docs/, api/openapi.yaml]',
      'links: [README.md, packages/api/docs/, api/openapi.yaml]',
    );
    writeFileSync(path.join(root, 'dpg.yaml'), manifest);
    const inside = await reportOf(['packages/api'], root);
    expect(inside.report.findings.find((finding) => finding.code === 'docs/link-not-found')?.message).toContain('packages/api/docs/');
    mkdirSync(path.join(root, 'packages/api/docs'));
    writeFileSync(path.join(root, 'packages/api/docs/index.md'), '# API docs\n');
    const found = await reportOf(['packages/api'], root);
    expect(found.report.findings.map((finding) => finding.code)).not.toContain('docs/link-not-found');
  });
});

describe('a manifest found above: what its paths cannot do', () => {
  it('a placeholder answer ("TBD") is no evidence from a subfolder either, and a manifest named with --manifest ../ is read from the checked folder', async () => {
    const root = monorepo('placeholder-from-above');
    writeFileSync(path.join(root, 'dpg.yaml'), readFileSync(path.join(root, 'dpg.yaml'), 'utf8').replace(/evidence: \[PRIVACY\.md\]/g, 'evidence: [TBD]'));
    const atRoot = await reportOf(['.'], root);
    const lawsAtRoot = atRoot.report.findings.filter((finding) => finding.indicator === '7' && finding.status === 'fail').map((finding) => finding.code);
    expect(lawsAtRoot.length).toBeGreaterThan(0);
    const fromPackage = await reportOf(['packages/api'], root);
    expect(fromPackage.report.findings.filter((finding) => finding.indicator === '7' && finding.status === 'fail').map((finding) => finding.code)).toEqual(
      lawsAtRoot,
    );
    // Named on the command line, the same manifest is no manifest "found above": a path it writes that the
    // checked folder lacks is missing, not outside.
    writeFileSync(path.join(root, 'dpg.yaml'), readFileSync(MANIFEST, 'utf8'));
    const given = await reportOf(['packages/api', '--manifest', 'dpg.yaml'], root);
    expect(given.report.findings.map((finding) => finding.code)).toContain('docs/link-not-found');
  });

  it('a root waiver whose path names the checked folder does not widen to every finding of its code', async () => {
    const root = monorepo('folder-waiver');
    writeFileSync(
      path.join(root, '.dpg-check.yaml'),
      'waivers:\n  - code: docs/readme-too-short\n    path: packages/api\n    reason: A waiver for the folder, not a file\n    expires: 2999-01-01\n',
    );
    const { report } = await reportOf(['packages/api'], root);
    const short = report.findings.find((finding) => finding.code === 'docs/readme-too-short');
    expect(short).toBeDefined();
    expect(short?.waiver).toBeUndefined();
  });
});

describe('a root waiver for the licence beside the manifest found above', () => {
  it('still waives that licence when a package is checked, where findings name it ../../LICENSE', async () => {
    const root = monorepo('licence-waiver');
    const apache = readFileSync(path.join(REPO_ROOT, 'LICENSE'), 'utf8');
    // One definition reworded: Apache-2.0 with small differences (license/file-differs).
    writeFileSync(
      path.join(root, 'LICENSE'),
      apache.replace('shall mean the copyright owner or entity authorized by', 'shall mean the owner of the copyright, or an entity authorised by'),
    );
    writeFileSync(
      path.join(root, '.dpg-check.yaml'),
      'waivers:\n  - code: license/file-differs\n    path: LICENSE\n    reason: The appendix is reworded; the terms are the same\n    expires: 2999-01-01\n',
    );
    const atRoot = await reportOf(['.'], root);
    expect(atRoot.report.findings.find((finding) => finding.code === 'license/file-differs')?.waiver).toBeDefined();
    const fromPackage = await reportOf(['packages/api'], root);
    const differs = fromPackage.report.findings.find((finding) => finding.code === 'license/file-differs');
    expect(differs?.evidence[0]?.path).toBe('../../LICENSE');
    expect(differs?.waiver?.reason).toBe('The appendix is reworded; the terms are the same');
  });
});
