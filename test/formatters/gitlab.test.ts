/** GitLab Code Quality JSON over real fixture reports: every issue carries what GitLab requires. */
import { describe, expect, it } from 'vitest';
import { freshReport as check, reportFor } from '../support/reports.js';
import { codeQualityFor, formatGitLab, type CodeQualityIssue } from '../../src/formatters/gitlab.js';
import { FINGERPRINT_KEY, sarifFor } from '../../src/formatters/sarif.js';

const OPTIONS = { color: false };
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
    expect(placeholder).toMatchObject({ severity: 'major', location: { path: 'LICENSE', lines: { begin: 3 } } });
    expect(placeholder.description).toContain('unfilled template');
    const review = issues.find((issue) => issue.check_name === 'pii/protections-review')!;
    expect(review).toMatchObject({ severity: 'info', location: { path: 'dpg.yaml', lines: { begin: 66 } } });
    expect(review.description).toContain('Needs human review: Are the described protections adequate');
    const warning = codeQualityFor(await reportFor('fail-8-no-standards')).find((issue) => issue.check_name === 'standards/artefact-not-declared')!;
    expect(warning.severity).toBe('minor');
  });

  it('anchors findings without a file at README.md when there is no manifest, at the manifest otherwise', async () => {
    const bare = codeQualityFor(await reportFor('bare'));
    expect(bare.find((issue) => issue.check_name === 'sdg/none-declared')!.location).toEqual({ path: 'README.md', lines: { begin: 1 } });
    const report = structuredClone(await reportFor('fail-3-copyright-placeholder'));
    report.findings.find((finding) => finding.code === 'ownership/copyright-placeholder')!.evidence = [];
    expect(codeQualityFor(report).find((issue) => issue.check_name === 'ownership/copyright-placeholder')!.location).toEqual({ path: 'dpg.yaml', lines: { begin: 1 } });
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
