import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/cli.js';

interface JsonReport {
  manifest: { path: string } | null;
  findings: Array<{ code: string; status: string; message: string }>;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The complete fixture without its dpg.yaml, plus the given files. */
function repositoryWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dpg-fallback-'));
  made.push(dir);
  cpSync(path.join(REPO_ROOT, 'fixtures/complete-software'), dir, { recursive: true });
  rmSync(path.join(dir, 'dpg.yaml'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

async function check(dir: string): Promise<JsonReport> {
  const result = await runCli(['check', dir, '--format', 'json']);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as JsonReport;
}

describe('check without a dpg manifest', () => {
  it('reads publiccode.yml as the manifest and says so', async () => {
    const convert = await runCli(['convert', path.join(REPO_ROOT, 'fixtures/complete-software/dpg.yaml'), '--to', 'publiccode']);
    const report = await check(repositoryWith({ 'publiccode.yml': convert.stdout }));
    expect(report.manifest?.path).toBe('publiccode.yml');
    const converted = report.findings.find((finding) => finding.code === 'manifest/converted');
    expect(converted).toMatchObject({ status: 'pass' });
    expect(converted?.message).toContain('read publiccode.yml (publiccode) as the manifest');
    expect(report.findings.some((finding) => finding.code === 'manifest/missing')).toBe(false);
    expect(report.findings.find((finding) => finding.code === 'ownership/owner-declared')?.message).toContain('Open Health Commons Foundation');
  });

  it('prefers a DPGA nominee with its screening record', async () => {
    const nominee = {
      name: 'OpenClinic Registry',
      description: 'x',
      website: '',
      license: [{ spdx: 'Apache-2.0', licenseURL: 'LICENSE' }],
      SDGs: [{ SDGNumber: 3, evidenceText: 'Clinics use it to follow up missed doses of vaccines.' }],
      type: ['software'],
      organizations: [{ name: 'Open Health Commons Foundation', org_type: 'owner' }],
      stage: 'nominee',
    };
    const screening = {
      name: 'OpenClinic Registry',
      clearOwnership: { isOwnershipExplicit: 'Yes', copyrightURL: 'NOTICE' },
      platformIndependence: { mandatoryDepsCreateMoreRestrictions: 'No' },
      documentation: { isDocumentationAvailable: 'Yes' },
      NonPII: { collectsNonPII: 'No', checkNonPIIAccessMechanism: '' },
      privacy: { isPrivacyCompliant: 'Yes' },
      standards: { supportStandards: 'Yes', implementBestPractices: 'Yes' },
      doNoHarm: {
        preventHarm: { stepsToPreventHarm: 'Yes' },
        dataPrivacySecurity: { collectsPII: 'No' },
        inappropriateIllegalContent: { collectStoreDistribute: 'No' },
        protectionFromHarassment: { userInteraction: 'No' },
      },
      locations: { developmentCountries: [], deploymentCountries: [] },
    };
    const convert = await runCli(['convert', path.join(REPO_ROOT, 'fixtures/complete-software/dpg.yaml'), '--to', 'publiccode']);
    const report = await check(
      repositoryWith({ 'nominee.json': JSON.stringify(nominee), 'screening.json': JSON.stringify(screening), 'publiccode.yml': convert.stdout }),
    );
    expect(report.manifest?.path).toBe('nominee.json');
    expect(report.findings.find((finding) => finding.code === 'manifest/converted')?.message).toContain(
      'read nominee.json screening.json (dpga-nominee and dpga-screening)',
    );
    expect(report.findings.find((finding) => finding.code === 'sdg/declared')).toBeDefined();
  });

  it('uses dpg.yaml when there is one, and ignores a file that is not what its name says', async () => {
    const dir = repositoryWith({ 'nominee.json': '{"hello": "world"}' });
    expect((await check(dir)).findings.some((finding) => finding.code === 'manifest/missing')).toBe(true);
    cpSync(path.join(REPO_ROOT, 'fixtures/complete-software/dpg.yaml'), path.join(dir, 'dpg.yaml'));
    const report = await check(dir);
    expect(report.manifest?.path).toBe('dpg.yaml');
    expect(report.findings.some((finding) => finding.code === 'manifest/converted')).toBe(false);
  });
});
