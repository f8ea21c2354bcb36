/** The shields.io endpoint badge over real fixture reports: it must say what the verdict says. */
import { describe, expect, it } from 'vitest';
import { reportFor } from '../support/reports.js';
import { badgeFor, formatBadge } from '../../src/formatters/badge.js';

const OPTIONS = { color: false };

describe('badge formatter', () => {
  it('follows the shields.io endpoint schema', async () => {
    for (const fixture of ['fail-3-copyright-placeholder', 'complete-software', 'bare']) {
      const badge = JSON.parse(formatBadge(await reportFor(fixture), OPTIONS)) as Record<string, unknown>;
      expect(Object.keys(badge).sort()).toEqual(['color', 'label', 'message', 'schemaVersion']);
      expect(badge.schemaVersion).toBe(1);
      expect(badge.label).toBe('DPG readiness');
      expect(typeof badge.message).toBe('string');
      expect((badge.message as string).length).toBeGreaterThan(0);
    }
  });

  it('is red with the number of failing indicators when not ready', async () => {
    const one = await reportFor('fail-3-copyright-placeholder');
    expect(one.verdict).toBe('not-ready');
    expect(badgeFor(one)).toEqual({ schemaVersion: 1, label: 'DPG readiness', message: '1 of 11 indicators fails', color: 'red' });
    expect(badgeFor(await reportFor('bare'))).toMatchObject({ message: '11 of 11 indicators fail', color: 'red' });
  });

  it('is yellow when ready with findings to review, green when nothing is left', async () => {
    const ready = await reportFor('complete-software');
    expect(ready.verdict).toBe('ready');
    expect(ready.counts.review).toBeGreaterThan(0);
    expect(badgeFor(ready)).toMatchObject({ message: `ready, ${ready.counts.review} to review`, color: 'yellow' });
    const clean = structuredClone(ready);
    clean.findings = clean.findings.filter((finding) => finding.status === 'pass');
    expect(badgeFor(clean)).toMatchObject({ message: 'ready', color: 'brightgreen' });
  });

  it('explains a verdict that rests on warnings or on the manifest', async () => {
    const warned = structuredClone(await reportFor('fail-8-no-standards'));
    warned.findings = warned.findings.filter((finding) => finding.status !== 'fail');
    warned.failOn = 'warn';
    warned.verdict = 'not-ready';
    expect(badgeFor(warned)).toMatchObject({ message: '1 of 11 indicators warns', color: 'red' });
    const manifest = structuredClone(await reportFor('fail-manifest-invalid'));
    manifest.findings = manifest.findings.filter((finding) => finding.indicator === 'manifest' || finding.status !== 'fail');
    expect(badgeFor(manifest)).toMatchObject({ message: 'manifest fails', color: 'red' });
  });

  it('does not count waived findings', async () => {
    const report = structuredClone(await reportFor('fail-3-copyright-placeholder'));
    report.findings.find((finding) => finding.status === 'fail')!.waiver = { reason: 'Accepted', expires: '2030-01-01' };
    report.verdict = 'ready';
    expect(badgeFor(report)).toMatchObject({ color: 'yellow' });
    expect(badgeFor(report).message).toMatch(/^ready, \d+ to review$/);
  });
});
