/** GitLab Code Quality JSON over real fixture reports: every issue carries what GitLab requires. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { freshReport as check, reportFor } from '../support/reports.js';
import { codeQualityFor, formatGitLab, type CodeQualityIssue } from '../../src/formatters/gitlab.js';
import { FINGERPRINT_KEY, sarifFor } from '../../src/formatters/sarif.js';
import type { Report } from '../../src/report/types.js';

const OPTIONS = { color: false };

/**
 * A path of the checked folder as GitLab reads it, from the root of the git repository: the fixtures
 * are a subfolder of this repository's work tree (when the tests run in a clone of it).
 */
function fromRepositoryRoot(report: Report, file: string): string {
  const root = report.source.repositoryRoot;
  if (root === undefined) return file;
  return [...path.relative(root, report.source.location).split(path.sep), file].join('/');
}
const FIXTURES = ['fail-3-copyright-placeholder', 'bare', 'fail-manifest-invalid', 'warn-4-undeclared-mapbox', 'complete-software', 'fail-8-no-standards'];

describe('GitLab Code Quality formatter', () => {
  it('emits one complete issue per failing, warning or review finding', async () => {
    for (const fixture of FIXTURES) {
      const report = await reportFor(fixture);
      const issues = JSON.parse(formatGitLab(report, OPTIONS)) as CodeQualityIssue[];
      expect(Array.isArray(issues)).toBe(true);
      expect(issues).toHaveLength(report.counts.fail + report.counts.warn + report.counts.review);
      for (const issue of issues) {
        expect(typeof issue.description).toBe('string');
        expect(issue.description.length).toBeGreaterThan(0);
        expect(issue.check_name).toMatch(/^[a-z0-9]+\/[a-z0-9-]+$/);
        expect(issue.fingerprint).toMatch(/^[0-9a-f]{32}$/);
        expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity);
        expect(typeof issue.location.path).toBe('string');
        expect(issue.location.path.length).toBeGreaterThan(0);
        expect(issue.location.path.startsWith('/')).toBe(false);
        expect(Number.isInteger(issue.location.lines.begin)).toBe(true);
        expect(issue.location.lines.begin).toBeGreaterThanOrEqual(1);
      }
      // GitLab keeps one issue per fingerprint: they must be unique.
      expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(issues.length);
    }
  });

  it('maps statuses to severities and places findings where their evidence is', async () => {
    const report = await reportFor('fail-3-copyright-placeholder');
    const issues = codeQualityFor(report);
    const placeholder = issues.find((issue) => issue.check_name === 'ownership/copyright-placeholder')!;
    expect(placeholder).toMatchObject({ severity: 'major', location: { path: fromRepositoryRoot(report, 'LICENSE'), lines: { begin: 3 } } });
    expect(placeholder.description).toContain('unfilled template');
    const review = issues.find((issue) => issue.check_name === 'pii/protections-review')!;
    expect(review).toMatchObject({ severity: 'info', location: { path: fromRepositoryRoot(report, 'dpg.yaml'), lines: { begin: 66 } } });
    expect(review.description).toContain('Needs human review: Are the described protections adequate');
    const warning = codeQualityFor(await reportFor('fail-8-no-standards')).find((issue) => issue.check_name === 'standards/artefact-not-declared')!;
    expect(warning.severity).toBe('minor');
  });

  it('anchors findings without a file at README.md when there is no manifest, at the manifest otherwise', async () => {
    const bareReport = await reportFor('bare');
    const bare = codeQualityFor(bareReport);
    expect(bare.find((issue) => issue.check_name === 'sdg/none-declared')!.location).toEqual({
      path: fromRepositoryRoot(bareReport, 'README.md'),
      lines: { begin: 1 },
    });
    const report = structuredClone(await reportFor('fail-3-copyright-placeholder'));
    report.findings.find((finding) => finding.code === 'ownership/copyright-placeholder')!.evidence = [];
    expect(codeQualityFor(report).find((issue) => issue.check_name === 'ownership/copyright-placeholder')!.location).toEqual({
      path: fromRepositoryRoot(report, 'dpg.yaml'),
      lines: { begin: 1 },
    });
  });

  it('uses the same stable fingerprints as SARIF, across runs', async () => {
    const first = codeQualityFor(await check('fail-manifest-invalid')).map((issue) => issue.fingerprint);
    const second = codeQualityFor(await check('fail-manifest-invalid')).map((issue) => issue.fingerprint);
    expect(second).toEqual(first);
    const sarif = sarifFor(await reportFor('fail-manifest-invalid')).runs[0]!.results.map((result) => result.partialFingerprints[FINGERPRINT_KEY]);
    expect(sarif).toEqual(first);
  });

  it('lowers waived findings to info and says so', async () => {
    const report = structuredClone(await reportFor('fail-3-copyright-placeholder'));
    report.findings.find((finding) => finding.code === 'ownership/copyright-placeholder')!.waiver = { reason: 'Accepted by the board', expires: '2030-01-01' };
    const issue = codeQualityFor(report).find((candidate) => candidate.check_name === 'ownership/copyright-placeholder')!;
    expect(issue.severity).toBe('info');
    expect(issue.description).toMatch(/^\[waived until 2030-01-01: Accepted by the board\] /);
  });
});

describe('GitLab Code Quality of a subfolder of a git repository', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'dpg-gitlab-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('gives location.path from the repository root, as GitLab reads it and as SARIF does, from the root or from inside the subfolder', async () => {
    // git init is enough: apps/clinic is a project (a dpg.yaml, a placeholder copyright), tools/scanner has neither manifest nor README.
    const root = path.join(work, 'monorepo');
    cpSync(path.join(REPO_ROOT, 'fixtures/fail-3-copyright-placeholder'), path.join(root, 'apps/clinic'), { recursive: true });
    mkdirSync(path.join(root, 'tools/scanner'), { recursive: true });
    writeFileSync(path.join(root, 'tools/scanner/scan.py'), 'print("scanning")\n');
    execFileSync('git', ['init', '-q', root]);
    const issuesOf = async (args: string[], cwd: string): Promise<CodeQualityIssue[]> => {
      const result = await runCli(['check', ...args, '--format', 'gitlab'], { cwd });
      expect(result.stderr).toBe('');
      return JSON.parse(result.stdout) as CodeQualityIssue[];
    };
    const fromRoot = await issuesOf(['apps/clinic'], root);
    expect(fromRoot.find((issue) => issue.check_name === 'ownership/copyright-placeholder')!.location).toEqual({
      path: 'apps/clinic/LICENSE',
      lines: { begin: 3 },
    });
    expect(fromRoot.find((issue) => issue.check_name === 'pii/protections-review')!.location.path).toBe('apps/clinic/dpg.yaml');
    expect(fromRoot.every((issue) => issue.location.path.startsWith('apps/clinic/'))).toBe(true);
    const fromInside = await issuesOf(['.'], path.join(root, 'apps/clinic'));
    expect(fromInside.map((issue) => [issue.fingerprint, issue.location])).toEqual(fromRoot.map((issue) => [issue.fingerprint, issue.location]));
    // Anchored where nothing names a file: the dpg.yaml to be written, in the subfolder.
    const scanner = await issuesOf(['tools/scanner'], root);
    expect(scanner.find((issue) => issue.check_name === 'sdg/none-declared')!.location).toEqual({ path: 'tools/scanner/dpg.yaml', lines: { begin: 1 } });
  });
});
