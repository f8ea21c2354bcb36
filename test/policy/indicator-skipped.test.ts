import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { factsOf, licenseText } from '../support/indicator-tester.js';

/**
 * A project policy that skips an indicator, read from the repository's .dpg-check.yaml the real way
 * (facts gathered over an in-memory repository) and applied by the report builder.
 */
describe('policy: a skipped indicator', () => {
  const files = {
    'README.md': '# Clinic Queue\n\nA waiting-room queue for rural clinics.\n',
    // The MIT template, never filled in: indicator 3 fails unless it is skipped.
    LICENSE: licenseText('MIT'),
    '.dpg-check.yaml': 'indicators:\n  "3":\n    skip: true\n    reason: Ownership is settled in the grant agreement\n',
  };
  const manifest = { name: 'Clinic Queue', categories: ['software'], licenses: [{ expression: 'MIT' }] };

  it('is n/a in the report, keeps its findings, and a policy finding says why, pointing at the setting', async () => {
    const report = buildReport(await factsOf({ name: 'skip 3', files, manifest }), {
      toolVersion: '0.0.0',
      startedAt: new Date('2026-01-01T00:00:00Z'),
      today: new Date('2026-01-01T00:00:00Z'),
    });
    expect(report.indicators.find((indicator) => indicator.id === '3')).toMatchObject({
      status: 'n/a',
      skipped: 'Ownership is settled in the grant agreement',
    });
    expect(report.findings.some((finding) => finding.indicator === '3' && finding.code === 'ownership/copyright-placeholder')).toBe(true);
    expect(report.findings.find((finding) => finding.code === 'policy/indicator-skipped')).toMatchObject({
      indicator: 'policy',
      status: 'n/a',
      message: 'Indicator 3 is skipped: Ownership is settled in the grant agreement',
      evidence: [{ path: '.dpg-check.yaml', line: 3 }],
    });
  });

  it('without the policy, the same repository fails indicator 3', async () => {
    const { '.dpg-check.yaml': _policy, ...withoutPolicy } = files;
    const report = buildReport(await factsOf({ name: 'no policy', files: withoutPolicy, manifest }), {
      toolVersion: '0.0.0',
      startedAt: new Date('2026-01-01T00:00:00Z'),
    });
    expect(report.indicators.find((indicator) => indicator.id === '3')?.status).toBe('fail');
    expect(report.findings.map((finding) => finding.code)).not.toContain('policy/indicator-skipped');
  });
});
