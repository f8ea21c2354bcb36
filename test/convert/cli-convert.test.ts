import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaProblems } from '../../src/convert/schemas.js';
import type { FormatId } from '../../src/convert/types.js';
import { REPO_ROOT, runCli } from '../support/cli.js';

const MANIFEST = path.join(REPO_ROOT, 'fixtures/complete-software/dpg.yaml');
let dir: string;

/** A small nominee and screening pair in the registry's shapes (the registry itself may be absent). */
const NOMINEE = {
  name: 'Example Registry',
  aliases: [''],
  description: 'An example application.',
  website: 'https://example.org',
  license: [{ spdx: 'GPL-3.0', licenseURL: 'https://example.org/LICENSE' }],
  SDGs: [{ SDGNumber: 3, evidenceText: 'Clinics use it to follow up missed vaccinations.', evidenceURL: 'https://example.org/impact' }],
  sectors: ['Health'],
  type: ['software'],
  repositories: [{ name: 'main', url: 'https://github.com/example/registry' }],
  organizations: [
    { name: 'Example Foundation', website: 'https://example.org', org_type: 'owner', contact_name: 'Ada Example', contact_email: 'ada@example.org' },
    { name: 'Health Fund', website: 'https://fund.example.org', org_type: 'funder' },
  ],
  stage: 'DPG',
};
const SCREENING = {
  name: 'Example Registry',
  clearOwnership: { isOwnershipExplicit: 'Yes', copyrightURL: 'https://example.org/about' },
  platformIndependence: { mandatoryDepsCreateMoreRestrictions: 'No', isSoftwarePltIndependent: '', pltIndependenceDesc: '' },
  documentation: { isDocumentationAvailable: 'Yes', documentationURL: ['https://example.org/docs'] },
  NonPII: { collectsNonPII: 'Yes', checkNonPIIAccessMechanism: 'Yes', nonPIIAccessMechanism: 'CSV export and a REST API.' },
  privacy: { isPrivacyCompliant: 'Yes', privacyComplianceList: ['GDPR'], adherenceSteps: ['https://example.org/privacy'] },
  standards: {
    supportStandards: 'Yes',
    standardsList: ['HL7 FHIR'],
    evidenceStandardSupport: ['https://example.org/fhir'],
    implementBestPractices: 'Yes',
    bestPracticesList: ['Principles for Digital Development'],
  },
  doNoHarm: {
    preventHarm: { stepsToPreventHarm: 'Yes', additionalInfoMechanismProcessesPolicies: '' },
    dataPrivacySecurity: {
      collectsPII: 'Yes',
      typesOfDataCollected: ['Name'],
      thirdPartyDataSharing: 'No',
      dataSharingCircumstances: [''],
      ensurePrivacySecurity: 'Yes',
      privacySecurityDescription: 'Encrypted at rest.',
    },
    inappropriateIllegalContent: {
      collectStoreDistribute: 'No',
      type: '',
      contentFilter: '',
      policyGuidelinesDocumentationLink: '',
      illegalContentDetection: '',
      illegalContentDetectionMechanism: '',
    },
    protectionFromHarassment: {
      userInteraction: 'No',
      addressSafetySecurityUnderageUsers: '',
      stepsAddressRiskPreventSafetyUnderageUsers: [''],
      griefAbuseHarassmentProtection: '',
      harassmentProtectionSteps: [''],
    },
  },
  locations: { developmentCountries: ['Kenya'], deploymentCountries: ['Kenya'] },
};

afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dpg-convert-'));
  writeFileSync(path.join(dir, 'nominee.json'), JSON.stringify(NOMINEE, null, 2));
  writeFileSync(path.join(dir, 'screening.json'), JSON.stringify(SCREENING, null, 2));
});

describe('dpg-check convert', () => {
  it('makes one dpg manifest of a nominee and its screening record, listing what it cannot hold', async () => {
    const out = path.join(dir, 'pair.yaml');
    const result = await runCli(['convert', path.join(dir, 'nominee.json'), path.join(dir, 'screening.json'), '--to', 'dpg-yaml', '-o', out]);
    expect(result.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=https:\/\/unpkg\.com\/dpg-check@\d+\.\d+\.\d+[^/]*\/schemas\/dpg-manifest\.schema\.json\n/);
    const manifest = parse(text) as Record<string, unknown>;
    expect(schemaProblems('dpg-yaml', manifest)).toEqual([]);
    // The registry's deprecated id is kept as written; `check` says what it means.
    expect(manifest).toMatchObject({
      name: 'Example Registry',
      licenses: [{ expression: 'GPL-3.0' }],
      ownership: { owners: [{ name: 'Example Foundation' }], evidence: ['https://example.org/about'] },
      contact: { email: 'ada@example.org' },
    });
    expect(result.stderr).toContain('as dpga-nominee');
    expect(result.stderr).toContain('as dpga-screening');
    // What the registry records beyond the Standard's questions is kept under registry:, not lost.
    expect(manifest.registry).toEqual({
      stage: 'DPG',
      sectors: ['Health'],
      organizations: [{ name: 'Health Fund', website: 'https://fund.example.org', org_type: 'funder', position: 1 }],
      locations: { developmentCountries: ['Kenya'], deploymentCountries: ['Kenya'] },
    });
    expect(result.stderr).not.toMatch(/\/sectors|\/stage|\/organizations|\/locations/);
    // The pair gives the screening record's countries back.
    const screening = await runCli(['convert', out, '--to', 'dpga-screening']);
    expect((JSON.parse(screening.stdout) as { locations: unknown }).locations).toEqual(SCREENING.locations);
  });

  it('--format json reports inputs, the document and lost[]', async () => {
    const result = await runCli(['convert', path.join(dir, 'nominee.json'), '--to', 'dpg-json', '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { inputs: unknown[]; document: string; lost: Array<{ path: string; in: string }> };
    expect(report.inputs).toEqual([{ path: path.join(dir, 'nominee.json'), format: 'dpga-nominee' }]);
    expect(JSON.parse(report.document)).toMatchObject({ name: 'Example Registry' });
    expect(report.lost).toEqual([]);
  });

  it('gives the nominee back whole: stage, sectors, funders in their place, repository names', async () => {
    const nominee = {
      ...NOMINEE,
      organizations: [{ name: 'Health Fund', org_type: 'funder' }, ...NOMINEE.organizations],
      repositories: [{ name: 'server', url: 'https://github.com/example/registry' }],
    };
    writeFileSync(path.join(dir, 'funded.json'), JSON.stringify(nominee));
    const manifest = await runCli(['convert', path.join(dir, 'funded.json'), '--to', 'dpg-yaml', '-o', path.join(dir, 'funded.yaml')]);
    expect(manifest.code, manifest.stderr).toBe(0);
    expect(parse(readFileSync(path.join(dir, 'funded.yaml'), 'utf8')).registry.repositoryNames).toEqual({ 'https://github.com/example/registry': 'server' });
    const back = await runCli(['convert', path.join(dir, 'funded.yaml'), '--to', 'dpga-nominee', '--format', 'json']);
    const report = JSON.parse(back.stdout) as { document: string; lost: unknown[]; assumed: unknown[] };
    const { aliases: _aliases, ...expected } = nominee;
    expect(JSON.parse(report.document)).toEqual(expected);
    expect(report.assumed).toEqual([]);
    // The other formats have no place for it, and say so.
    const publiccode = await runCli(['convert', path.join(dir, 'funded.yaml'), '--to', 'publiccode', '--format', 'json']);
    expect((JSON.parse(publiccode.stdout) as { lost: Array<{ path: string }> }).lost.map((entry) => entry.path)).toContain('/registry');
  });

  it.each<[FormatId, (text: string) => unknown]>([
    ['dpga-nominee', JSON.parse],
    ['dpga-screening', JSON.parse],
    ['dpga-app', JSON.parse],
    ['publiccode', parse],
    ['dpg-json', JSON.parse],
  ])('writes the complete fixture manifest as %s, valid against its schema', async (to, parseText) => {
    const result = await runCli(['convert', MANIFEST, '--to', to]);
    expect(result.code, result.stderr).toBe(0);
    expect(schemaProblems(to, parseText(result.stdout))).toEqual([]);
    expect(result.stderr).toContain('as dpg-yaml');
  });

  it('reads back what it wrote: publiccode.yml and the application record', async () => {
    for (const [to, file] of [
      ['publiccode', 'publiccode.yml'],
      ['dpga-app', 'app.json'],
    ] as const) {
      const written = path.join(dir, file);
      expect((await runCli(['convert', MANIFEST, '--to', to, '-o', written, '--force'])).code).toBe(0);
      const back = await runCli(['convert', written, '--to', 'dpg-yaml']);
      expect(back.code, back.stderr).toBe(0);
      const manifest = parse(back.stdout) as Record<string, unknown>;
      expect(schemaProblems('dpg-yaml', manifest)).toEqual([]);
      expect(manifest).toMatchObject({
        name: 'OpenClinic Registry',
        licenses: [{ expression: 'Apache-2.0' }],
        repositories: ['https://github.com/open-health-commons/openclinic-registry'],
      });
    }
  });

  it('says which licence ids a nominee cannot hold', async () => {
    const file = path.join(dir, 'later.yaml');
    writeFileSync(file, 'name: Later\nsdgs: [{ goal: 4 }]\nlicenses: [{ expression: GPL-3.0-or-later }, { expression: MIT OR Apache-2.0 }]\n');
    const result = await runCli(['convert', file, '--to', 'dpga-nominee', '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { document: string; lost: Array<{ reason: string }>; assumed: Array<{ path: string }> };
    expect((JSON.parse(report.document) as { license: Array<{ spdx: string }> }).license.map((entry) => entry.spdx)).toEqual(['GPL-3.0', 'MIT', 'Apache-2.0']);
    expect(report.lost.map((entry) => entry.reason).join('\n')).toMatch(/no -or-later ids; GPL-3.0-or-later is written as GPL-3.0/);
    expect(report.lost.map((entry) => entry.reason).join('\n')).toMatch(/choice \(OR\)/);
    expect(report.assumed.map((entry) => entry.path)).toEqual(expect.arrayContaining(['/stage', '/type']));
  });

  it('refuses with exit 2: an unknown format, a missing file, a missing SDG, an existing output', async () => {
    const unknown = path.join(dir, 'unknown.json');
    writeFileSync(unknown, '{"hello": 1}');
    const cases: Array<[string[], RegExp]> = [
      [['convert', unknown, '--to', 'dpg-yaml'], /cannot tell its format/],
      [['convert', path.join(dir, 'nope.json'), '--to', 'dpg-yaml'], /cannot read .*nope\.json: no such file/],
      [['convert', path.join(dir, 'screening.json'), '--to', 'dpga-nominee'], /needs at least one licence/],
      [['convert', MANIFEST, '--to', 'dpg-yaml', '-o', MANIFEST], /exists; convert does not overwrite it without --force/],
      [['convert', MANIFEST, MANIFEST, '--to', 'dpg-yaml'], /one input, or a DPGA nominee with its screening record/],
      [['convert', MANIFEST, '--to', 'docx'], /Allowed choices are/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
