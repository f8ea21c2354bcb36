import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkSource } from '../../src/check.js';
import type { Finding } from '../../src/findings.js';
import type { Report } from '../../src/report/types.js';
import { LocalSource } from '../../src/source/local.js';

/**
 * Answers judged the way a DPGA reviewer would (issue 13). The answers quoted here are excerpts of real
 * approved applications in the DPGA registry (publicgoods-candidates, public data), named at each use;
 * the repositories around them are small stand-ins written for the tests.
 */
const scratch = mkdtempSync(path.join(tmpdir(), 'dpg-reviewer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const README = `# Example solution\n\n${'Example prose about the solution and the people who use it. '.repeat(20)}\n\n## Installation\n\nRun \`make install\`.\n\n## Usage\n\nRun \`make run\`.\n`;

/** A complete application (every indicator answered) that each test changes in one place. */
function baseManifest(): Record<string, unknown> {
  return {
    name: 'Example',
    categories: ['software'],
    sdgs: [{ goal: 3, relevance: 'Clinics use the solution to follow up missed immunisations in rural districts.', evidence: ['https://example.org/impact'] }],
    licenses: [{ expression: 'Apache-2.0' }],
    ownership: { owners: [{ name: 'Example Foundation' }], evidence: ['https://example.org/about'] },
    platformIndependence: { hasClosedComponents: false },
    documentation: { links: ['README.md'] },
    dataExtraction: { collectsNonPII: true, mechanism: 'Administrators export every table as CSV or JSON from the settings page.', formats: ['CSV', 'JSON'] },
    privacy: { laws: [{ name: 'General Data Protection Regulation (GDPR)', evidence: ['PRIVACY.md'] }] },
    standards: { openStandards: [{ name: 'HL7 FHIR R4', evidence: ['api/'] }] },
    doNoHarm: {
      privacy: { piiLevel: 'none' },
      content: { level: 'none' },
      harassment: { userInteraction: false },
    },
    contact: { name: 'Ada Example', email: 'ada@example.org' },
  };
}

let counter = 0;
/** Checks a repository of the base files, the manifest and `files` (a file given as null is left out). */
async function check(manifest: Record<string, unknown>, files: Record<string, string | null> = {}): Promise<Report> {
  const folder = path.join(scratch, `repo-${counter++}`);
  const all: Record<string, string | null> = {
    'README.md': README,
    LICENSE: APACHE_NOTICE,
    'PRIVACY.md': '# Privacy\n\nWe follow the GDPR.\n',
    'api/openapi.yaml': 'openapi: 3.0.0\n',
    'dpg.yaml': stringify(manifest),
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    if (text === null) continue;
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), text);
  }
  const source = await LocalSource.open(folder);
  try {
    return await checkSource(source);
  } finally {
    await source.dispose();
  }
}

const APACHE_NOTICE =
  'Copyright 2024 Example Foundation\n\nLicensed under the Apache License, Version 2.0 (the "License");\nyou may not use this file except in compliance with the License.\nYou may obtain a copy of the License at\n\n    http://www.apache.org/licenses/LICENSE-2.0\n\nUnless required by applicable law or agreed to in writing, software\ndistributed under the License is distributed on an "AS IS" BASIS,\nWITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\nSee the License for the specific language governing permissions and\nlimitations under the License.\n';

function findings(report: Report, indicator: string): Finding[] {
  return report.findings.filter((finding) => finding.indicator === indicator);
}
function codes(report: Report, indicator: string): string[] {
  return findings(report, indicator).map((finding) => finding.code);
}
function status(report: Report, indicator: string): string | undefined {
  return report.indicators.find((candidate) => candidate.id === indicator)?.status;
}

describe('free text is not a repository path', () => {
  it('labelled URLs and paragraphs with links are evidence at the links (if-me, glific, openmrs)', async () => {
    const manifest = baseManifest();
    // if-me's privacy and documentation answers; openmrs's standards answer (a paragraph with two links).
    manifest.privacy = { laws: [{ name: 'GDPR', evidence: ['Privacy policy - https://www.if-me.org/privacy'] }] };
    manifest.documentation = {
      links: ['Technical documentation - https://github.com/ifmeorg/ifme/wiki', 'API documentation: https://glific.github.io/slate/'],
    };
    manifest.standards = {
      openStandards: [
        {
          name: 'HL7 FHIR',
          evidence: [
            'Yes. FHIR2 Module (https://wiki.openmrs.org/display/projects/OpenMRS+FHIR+Module); REST Web Services module (https://addons.openmrs.org/show/org.openmrs.module.webservices-rest).',
          ],
        },
      ],
    };
    const report = await check(manifest, { 'PRIVACY.md': null });
    expect(codes(report, '5')).not.toContain('docs/link-not-found');
    expect(codes(report, '7')).not.toContain('laws/evidence-not-found');
    expect(codes(report, '8')).not.toContain('standards/evidence-not-found');
    expect(status(report, '5')).not.toBe('fail');
    expect(status(report, '7')).not.toBe('fail');
    expect(status(report, '8')).not.toBe('fail');
    const declared = findings(report, '7').find((finding) => finding.code === 'laws/declared');
    expect(declared?.evidence).toContainEqual({ url: 'https://www.if-me.org/privacy', note: 'Privacy policy' });
    // The policy is outside the repository: a reviewer reads it.
    expect(findings(report, '7').find((finding) => finding.code === 'laws/evidence-review')?.message).toBe(
      'Compliance with GDPR is shown by a link outside the repository (https://www.if-me.org/privacy).',
    );
    expect(codes(report, '8')).toContain('standards/adherence-review');
  });

  it('a statement is judged by a reviewer, not looked for as a file (zamba)', async () => {
    const manifest = baseManifest();
    manifest.privacy = {
      laws: [
        {
          name: 'GDPR',
          evidence: [
            'The project is an open-source package. Other people may use this library in their own projects or to work with their own data. It does not collect/store any PII data.',
          ],
        },
      ],
    };
    const report = await check(manifest, {});
    expect(codes(report, '7')).toEqual(expect.arrayContaining(['laws/declared', 'laws/evidence-review']));
    expect(codes(report, '7')).not.toContain('laws/evidence-not-found');
    expect(findings(report, '7').find((finding) => finding.code === 'laws/evidence-review')?.question).toContain('GDPR');
  });

  it('a path that looks like one and is missing still fails, once per field', async () => {
    const manifest = baseManifest();
    manifest.privacy = { laws: [{ name: 'GDPR', evidence: ['docs/privacy-policy.md', 'legal/terms.md', 'Privacy policy - https://example.org/privacy'] }] };
    const report = await check(manifest);
    const notFound = findings(report, '7').filter((finding) => finding.code === 'laws/evidence-not-found');
    expect(notFound).toHaveLength(1);
    expect(notFound[0]?.message).toBe('Compliance evidence points at docs/privacy-policy.md, legal/terms.md, which are not in the repository.');
    expect(status(report, '7')).toBe('fail');
  });

  it("a URL inside a best practice's name is its evidence (cboard)", async () => {
    const manifest = baseManifest();
    manifest.standards = {
      bestPractices: [{ name: 'Material design: https://material.io/design/guidelines-overview' }, { name: 'Agile development process' }],
    };
    const report = await check(manifest);
    const missing = findings(report, '8')
      .filter((finding) => finding.code === 'standards/evidence-missing')
      .map((finding) => finding.args?.name);
    expect(missing).toEqual(['Agile development process']);
  });
});

describe('several licences, each for what its family serves', () => {
  it('AGPL code with CC-BY-SA data passes both categories; no "relicense" fix', async () => {
    const manifest = baseManifest();
    manifest.categories = ['software', 'data'];
    manifest.licenses = [{ expression: 'AGPL-3.0-only' }, { expression: 'CC-BY-SA-4.0' }];
    manifest.documentation = { links: ['README.md'], dataFields: 'api/openapi.yaml' };
    manifest.ownership = { owners: [{ name: 'Example Foundation' }], evidence: ['https://example.org/about'], ownsAllContentAndData: true };
    const report = await check(manifest, { LICENSE: 'Copyright 2024 Example Foundation\n' });
    const approved = findings(report, '2')
      .filter((finding) => finding.code === 'license/approved')
      .map((finding) => finding.message);
    expect(approved).toEqual(['AGPL-3.0-only is an approved licence for software.', 'CC-BY-SA-4.0 is an approved licence for data.']);
    expect(codes(report, '2')).not.toContain('license/not-approved');
  });

  it('BSD code with CC-BY-NC-SA content (jellow-aac-communicator): software approved, content accepted but discouraged', async () => {
    const manifest = baseManifest();
    manifest.categories = ['software', 'content'];
    manifest.licenses = [{ expression: 'BSD-3-Clause AND CC-BY-NC-SA-4.0' }];
    manifest.ownership = { owners: [{ name: 'Example Foundation' }], evidence: ['https://example.org/about'], ownsAllContentAndData: true };
    const report = await check(manifest);
    expect(
      findings(report, '2')
        .filter((finding) => ['license/approved', 'license/discouraged', 'license/not-approved'].includes(finding.code))
        .map((finding) => `${finding.code} ${finding.args?.expression} ${finding.args?.category}`),
    ).toEqual(['license/approved BSD-3-Clause software', 'license/discouraged CC-BY-NC-SA-4.0 content']);
  });

  it('a plain gap still fails: MIT for a data set', async () => {
    const manifest = baseManifest();
    manifest.categories = ['data'];
    manifest.licenses = [{ expression: 'MIT' }];
    const report = await check(manifest);
    expect(findings(report, '2').find((finding) => finding.code === 'license/not-approved')?.message).toBe(
      'MIT is not an approved licence for data (MIT not approved).',
    );
    expect(status(report, '2')).toBe('fail');
  });

  it("a content licence for material published elsewhere is no mismatch with the code's licence file (storyweaver)", async () => {
    const manifest = baseManifest();
    manifest.licenses = [{ expression: 'CC-BY-4.0' }, { expression: 'Apache-2.0' }];
    const report = await check(manifest);
    expect(codes(report, '2')).not.toContain('license/mismatch');
    expect(codes(report, '2')).toContain('license/declared-elsewhere');
    expect(status(report, '2')).not.toBe('fail');
  });
});

describe('terse is not missing', () => {
  it("a short genuine answer is a review with the reviewer's question; a placeholder still fails", async () => {
    const manifest = baseManifest();
    // nmf.earth's SDG 13 statement, cboard's PII protection, a two-word mechanism.
    manifest.sdgs = [{ goal: 13, relevance: 'Help individuals to track their carbon footprint', evidence: ['https://nmf.earth'] }];
    manifest.dataExtraction = { collectsNonPII: true, mechanism: 'REST API', formats: ['JSON'] };
    (manifest.doNoHarm as Record<string, unknown>).privacy = {
      piiLevel: 'collected-stored',
      piiTypes: ['e-mail address'],
      protections: 'encrypted password, protected database',
    };
    const report = await check(manifest, { 'SECURITY.md': '# Security\n\nReport to security@example.org.\n' });
    expect(findings(report, '1').find((finding) => finding.code === 'sdg/relevance-brief')?.question).toBe(
      'Do "Help individuals to track their carbon footprint" and its evidence show how the solution advances SDG 13?',
    );
    expect(codes(report, '6')).toContain('data/mechanism-brief');
    expect(codes(report, '9a')).toContain('pii/protections-brief');
    for (const indicator of ['1', '6', '9a']) expect(status(report, indicator), indicator).toBe('review');

    manifest.sdgs = [{ goal: 13, relevance: 'TBD' }];
    manifest.dataExtraction = { collectsNonPII: true, mechanism: 'n/a' };
    (manifest.doNoHarm as Record<string, unknown>).privacy = { piiLevel: 'collected-stored', piiTypes: ['e-mail address'], protections: 'todo' };
    const placeholders = await check(manifest, { 'SECURITY.md': '# Security\n' });
    expect(codes(placeholders, '1')).toContain('sdg/relevance-placeholder');
    expect(codes(placeholders, '6')).toContain('data/mechanism-missing');
    expect(codes(placeholders, '9a')).toContain('pii/protections-missing');
  });

  it('an SDG answered only by a link is a review; neither statement nor link fails (glific)', async () => {
    const manifest = baseManifest();
    manifest.sdgs = [{ goal: 11, evidence: ['https://glific.org/case-studies'] }, { goal: 4 }];
    const report = await check(manifest);
    expect(codes(report, '1')).toEqual(expect.arrayContaining(['sdg/relevance-link-only', 'sdg/relevance-missing']));
    expect(findings(report, '1').find((finding) => finding.code === 'sdg/relevance-link-only')?.args?.goal).toBe(11);
    expect(findings(report, '1').find((finding) => finding.code === 'sdg/relevance-missing')?.args?.goal).toBe(4);
  });

  it('a brief README that links its install guide is a review; one that links nothing fails', async () => {
    const brief =
      '# Example\n\nExample helps clinics follow up immunisations.\n\nSee the [installation guide](docs/install.md) and the [user manual](https://example.org/manual).\n';
    const report = await check(baseManifest(), { 'README.md': brief, 'docs/install.md': '# Install\n' });
    expect(codes(report, '5')).toContain('docs/readme-brief');
    expect(codes(report, '5')).not.toContain('docs/readme-too-short');
    expect(status(report, '5')).toBe('review');
    const bare = await check({ ...baseManifest(), documentation: { summary: 'See the README.' } }, { 'README.md': '# Example\n\nExample helps clinics.\n' });
    expect(codes(bare, '5')).toEqual(expect.arrayContaining(['docs/readme-too-short', 'docs/run-instructions-missing']));
  });
});

describe('no fail stricter than the Standard', () => {
  it('a described process protects users without a code of conduct; neither fails', async () => {
    const manifest = baseManifest();
    (manifest.doNoHarm as Record<string, unknown>).harassment = {
      userInteraction: true,
      protection: 'Users can block and report other users from every message; moderators review reports within a day and suspend abusive accounts.',
      underageSafety: 'Accounts are for adults only; sign-up asks for the date of birth and refuses users under 18.',
    };
    const report = await check(manifest);
    expect(codes(report, '9c')).toEqual(['harassment/declared', 'harassment/protection-review']);
    expect(status(report, '9c')).toBe('review');
    delete (manifest.doNoHarm as Record<string, { protection?: string }>).harassment?.protection;
    const none = await check(manifest);
    expect(codes(none, '9c')).toContain('harassment/protection-missing');
    expect(status(none, '9c')).toBe('fail');
    const withCode = await check(manifest, { 'CODE_OF_CONDUCT.md': '# Contributor Covenant Code of Conduct\n' });
    expect(status(withCode, '9c')).not.toBe('fail');
  });

  it('a content collection needs no install section; an optional closed component needs no alternative', async () => {
    const manifest = baseManifest();
    manifest.categories = ['content'];
    manifest.licenses = [{ expression: 'CC-BY-4.0' }];
    manifest.ownership = { owners: [{ name: 'Example Foundation' }], evidence: ['https://example.org/about'], ownsAllContentAndData: true };
    manifest.platformIndependence = { hasClosedComponents: true, closedComponents: [{ name: 'Google Analytics', mandatory: false }] };
    const stories = `# Open storybooks\n\n${'Illustrated stories for early readers in twelve languages, free to read, print and translate. '.repeat(12)}\n\n## Languages\n\nEnglish, Swahili, Hindi.\n`;
    const report = await check(manifest, { 'README.md': stories, LICENSE: 'Creative Commons Attribution 4.0 International\n' });
    expect(codes(report, '5')).not.toContain('docs/run-instructions-missing');
    expect(codes(report, '5')).toContain('docs/readme-ok');
    expect(codes(report, '4')).toEqual(['platform/closed-optional']);
  });
});

describe('no leniency where the Standard is plainly not met (review of session 3)', () => {
  it('a licence no category approves fails beside an approved one', async () => {
    const manifest = baseManifest();
    manifest.licenses = [{ expression: 'MIT' }, { expression: 'BUSL-1.1' }];
    const report = await check(manifest);
    expect(findings(report, '2').find((finding) => finding.code === 'license/not-approved')?.message).toBe(
      'MIT AND BUSL-1.1 is not an approved licence for software (BUSL-1.1 not approved).',
    );
    expect(status(report, '2')).toBe('fail');
  });

  it('a sentence in place of the code of conduct is no process', async () => {
    const manifest = baseManifest();
    (manifest.doNoHarm as Record<string, unknown>).harassment = {
      userInteraction: true,
      codeOfConduct: 'We do not have a code of conduct yet',
      underageSafety: 'Accounts are for adults only; sign-up refuses anyone under 18.',
    };
    const report = await check(manifest);
    expect(codes(report, '9c')).toContain('harassment/protection-missing');
  });

  it('placeholder evidence is no evidence; a missing path fails once', async () => {
    const manifest = baseManifest();
    manifest.privacy = { laws: [{ name: 'GDPR', evidence: ['TBD'] }] };
    const placeholder = await check(manifest, { 'PRIVACY.md': null });
    expect(codes(placeholder, '7')).toContain('laws/evidence-missing');
    manifest.privacy = { laws: [{ name: 'GDPR', evidence: ['docs/privacy.md'] }] };
    const missing = await check(manifest, { 'PRIVACY.md': null });
    expect(codes(missing, '7').filter((code) => code.startsWith('laws/evidence'))).toEqual(['laws/evidence-not-found']);
  });

  it('a dead link in the README documents nothing', async () => {
    const readme = `# Example\n\n${'Example helps clinics follow up immunisations in rural districts. '.repeat(25)}\n\nSee the [installation guide](docs/INSTALL.md).\n`;
    const report = await check({ ...baseManifest(), documentation: { summary: 'See the README.' } }, { 'README.md': readme });
    expect(codes(report, '5')).toContain('docs/run-instructions-missing');
  });

  it('"Yes" is no description of closed components', async () => {
    const manifest = baseManifest();
    manifest.platformIndependence = { hasClosedComponents: true, description: 'Yes' };
    const report = await check(manifest);
    expect(codes(report, '4')).toEqual(['platform/closed-components-unlisted']);
  });
});

describe('dependencies under restrictive licences, from the lockfile', () => {
  it('a run-time package locked under BUSL or UNLICENSED is a review under 4; a dev-only one is not', async () => {
    // The shape of npm's package-lock.json v3 and composer.lock; the package names are invented.
    const lock = {
      name: 'example',
      lockfileVersion: 3,
      packages: {
        '': { name: 'example', version: '1.0.0', license: 'Apache-2.0' },
        'node_modules/express': { version: '4.19.2', license: 'MIT' },
        'node_modules/@acme/search-engine': { version: '2.3.0', license: 'BUSL-1.1' },
        'node_modules/internal-sdk': { version: '0.9.1', license: 'UNLICENSED' },
        'node_modules/db-test-server': { version: '9.1.0', license: 'SSPL-1.0', dev: true },
      },
    };
    const composer = {
      packages: [
        { name: 'acme/reports', version: '1.2.0', license: ['proprietary'] },
        { name: 'monolog/monolog', version: '3.5.0', license: ['MIT'] },
      ],
      'packages-dev': [{ name: 'acme/profiler', version: '1.0.0', license: ['CC-BY-NC-4.0'] }],
    };
    const report = await check(baseManifest(), {
      'package-lock.json': `${JSON.stringify(lock, null, 2)}\n`,
      'composer.lock': `${JSON.stringify(composer, null, 2)}\n`,
    });
    const restricted = findings(report, '4').filter((finding) => finding.code === 'platform/restricted-dependency-license');
    expect(restricted.map((finding) => finding.message).sort()).toEqual([
      'composer.lock locks acme/reports 1.2.0 under proprietary.',
      'package-lock.json locks @acme/search-engine 2.3.0 under BUSL-1.1.',
      'package-lock.json locks internal-sdk 0.9.1 under UNLICENSED.',
    ]);
    expect(restricted.find((finding) => finding.args?.dependency === '@acme/search-engine')?.evidence).toEqual([{ path: 'package-lock.json', line: 14 }]);
    expect(status(report, '4')).toBe('review');
    expect(codes(report, '4')).not.toContain('platform/no-closed-components');
  });
});

describe('Standard 1.1.7: collections fully openly licensed, AI model cards', () => {
  const ccBy = (version: string): string =>
    JSON.parse(readFileSync(path.join('node_modules/spdx-license-list/licenses', `${version}.json`), 'utf8')).licenseText as string;

  it('a content repository whose images/LICENSE is CC-BY-ND-4.0 fails, naming images/LICENSE', async () => {
    const manifest = baseManifest();
    manifest.categories = ['content'];
    manifest.licenses = [{ expression: 'CC-BY-4.0' }];
    manifest.ownership = { owners: [{ name: 'Example Foundation' }], evidence: ['https://example.org/about'], ownsAllContentAndData: true };
    const stories = `# Open storybooks\n\n${'Illustrated stories for early readers, free to read, print and translate. '.repeat(15)}\n`;
    const report = await check(manifest, {
      'README.md': stories,
      LICENSE: ccBy('CC-BY-4.0'),
      'images/LICENSE': ccBy('CC-BY-ND-4.0'),
      'images/cover.png': 'png',
    });
    const part = findings(report, '2').find((finding) => finding.code === 'license/part-not-open');
    expect(part?.message).toBe('images/LICENSE puts images/ under CC-BY-ND-4.0, which is not an open licence for content.');
    expect(part?.evidence).toEqual([{ path: 'images/LICENSE' }]);
    expect(status(report, '2')).toBe('fail');
    // A software project may keep a CC-BY-ND file in a folder: the "fully open" rule is for collections.
    const software = await check(baseManifest(), { 'images/LICENSE': ccBy('CC-BY-ND-4.0'), 'images/cover.png': 'png' });
    expect(codes(software, '2')).not.toContain('license/part-not-open');
  });

  it('an AI system whose model card names a licence that is not open fails for the model weights', async () => {
    const manifest = baseManifest();
    manifest.categories = ['ai-system'];
    manifest.licenses = [{ expression: 'Apache-2.0', covers: ['model-weights', 'training-code', 'training-data'] }];
    const card = `---\nlanguage: en\nlicense: openrail\ntags:\n  - text-classification\n---\n\n# Crop disease classifier\n\n${'A model that tells crop diseases apart from leaf photos. '.repeat(20)}\n\n## Usage\n\nRun it.\n`;
    const report = await check(manifest, { 'README.md': card });
    expect(findings(report, '2').find((finding) => finding.code === 'license/model-card-not-open')?.message).toBe(
      'README.md:3 (the model card) licenses the model under "openrail", which is not an open licence for model weights.',
    );
    const open = await check(manifest, { 'README.md': card.replace('license: openrail', 'license: apache-2.0') });
    expect(codes(open, '2')).not.toContain('license/model-card-not-open');
  });
});

describe('Standard 1.1.7 per file: the licence inventory judged part by part', () => {
  const text = (id: string): string =>
    JSON.parse(readFileSync(path.join('node_modules/spdx-license-list/licenses', `${id}.json`), 'utf8')).licenseText as string;
  const stories = `# Open storybooks\n\n${'Illustrated stories for early readers, free to read, print and translate. '.repeat(15)}\n`;
  const collection = (categories: string[]): Record<string, unknown> => ({
    ...baseManifest(),
    categories,
    licenses: [{ expression: 'CC-BY-4.0' }],
    ownership: { owners: [{ name: 'Example Foundation' }], evidence: ['https://example.org/about'], ownsAllContentAndData: true },
  });

  it('a REUSE.toml annotation and a .license sidecar that grant less than an open licence fail, naming file and line', async () => {
    const reuse =
      'version = 1\n\n[[annotations]]\npath = "stories/**"\nSPDX-FileCopyrightText = "2024 Example Foundation"\nSPDX-License-Identifier = "CC-BY-4.0"\n\n[[annotations]]\npath = ["partners/**/*.png", "partners/logos/**"]\nSPDX-FileCopyrightText = "Partner logos"\nSPDX-License-Identifier = "LicenseRef-Proprietary"\n';
    const report = await check(collection(['content']), {
      'README.md': stories,
      LICENSE: text('CC-BY-4.0'),
      'REUSE.toml': reuse,
      'illustrations/fox.svg': '<svg/>',
      'illustrations/fox.svg.license': 'SPDX-FileCopyrightText: 2023 A. Painter\nSPDX-License-Identifier: CC-BY-NC-ND-4.0\n',
    });
    const parts = findings(report, '2').filter((finding) => finding.code === 'license/part-not-open');
    expect(parts.map((finding) => finding.message).sort()).toEqual([
      'REUSE.toml:8 puts partners/**/*.png and partners/logos/** under LicenseRef-Proprietary, which is not an open licence for content.',
      'illustrations/fox.svg.license:2 puts illustrations/fox.svg under CC-BY-NC-ND-4.0, which is not an open licence for content.',
    ]);
    expect(status(report, '2')).toBe('fail');
    // The open annotation (CC-BY-4.0 on stories/) is no finding.
    expect(parts.some((finding) => finding.message.includes('stories/'))).toBe(false);
  });

  it('a .reuse/dep5 stanza is read as REUSE reads it: Files on several lines, License on the first line of its field', async () => {
    const dep5 =
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: storybooks\n\nFiles: data/schools.csv\n data/districts.csv\nCopyright: 2022 Ministry of Education\nLicense: CC-BY-NC-ND-4.0\n\nFiles: docs/*\nCopyright: 2024 Example Foundation\nLicense: CC-BY-4.0\n';
    const report = await check(collection(['content', 'data']), {
      'README.md': stories,
      LICENSE: text('CC-BY-4.0'),
      '.reuse/dep5': dep5,
      'data/schools.csv': 'id,name\n',
    });
    const part = findings(report, '2').find((finding) => finding.code === 'license/part-not-open');
    expect(part?.message).toBe('.reuse/dep5:4 puts data/schools.csv and data/districts.csv under CC-BY-NC-ND-4.0, which is not an open licence for data.');
    expect(part?.evidence).toEqual([{ path: '.reuse/dep5', line: 4 }]);
  });

  it('an open licence on a part it is not listed for (MIT on data/) and a bare "All rights reserved" are for a reviewer, not fails', async () => {
    const report = await check(collection(['content', 'data']), {
      'README.md': stories,
      LICENSE: text('CC-BY-4.0'),
      'data/LICENSE': text('MIT').replace('<year>', '2024').replace('<copyright holders>', 'Example Foundation'),
      'data/schools.csv': 'id,name\n',
      'photos/COPYRIGHT-LICENSE.txt': 'Photographs (c) 2021 Jane Lens. All rights reserved.\n',
      'photos/market.jpg': 'jpg',
    });
    const review = findings(report, '2')
      .filter((finding) => finding.status === 'review')
      .map((finding) => finding.code);
    expect(review).toContain('license/part-other-category');
    expect(findings(report, '2').find((finding) => finding.code === 'license/part-other-category')?.message).toBe(
      'data/LICENSE puts data/ under MIT, which is open but not on the list for data (the part is read from its folder).',
    );
    const reserved = findings(report, '2').find((finding) => finding.code === 'license/rights-reserved');
    expect(reserved?.message).toBe(
      'photos/COPYRIGHT-LICENSE.txt:1 reserves rights over photos/ ("Photographs (c) 2021 Jane Lens. All rights reserved.") and grants no licence.',
    );
    expect(codes(report, '2')).not.toContain('license/part-not-open');
    // An MIT text that says "All rights reserved" in its copyright line grants a licence: no rights notice.
    const granted = await check(collection(['content']), {
      'README.md': stories,
      LICENSE: text('CC-BY-4.0'),
      'docs/LICENSE': `Copyright (c) 2024 Example Foundation. All rights reserved.\n\n${text('MIT')}`,
    });
    expect(codes(granted, '2')).not.toContain('license/rights-reserved');
  });

  it('a dataset card in a data folder is judged for the data; a card that names an open licence is no finding', async () => {
    const card = (license: string): string =>
      `---\nlicense: ${license}\ntask_categories:\n  - tabular-classification\nsize_categories:\n  - 10K<n<100K\n---\n\n# School census\n`;
    const closed = await check(collection(['data']), {
      'README.md': stories,
      LICENSE: text('CC-BY-4.0'),
      'data/census/README.md': card('cc-by-nc-nd-4.0'),
      'data/census/schools.parquet': 'PAR1',
    });
    expect(findings(closed, '2').find((finding) => finding.code === 'license/model-card-not-open')?.message).toBe(
      'data/census/README.md:2 (the model card) licenses the data set under "cc-by-nc-nd-4.0", which is not an open licence for data.',
    );
    const open = await check(collection(['data']), {
      'README.md': stories,
      LICENSE: text('CC-BY-4.0'),
      'data/census/README.md': card('odbl'),
      'data/census/schools.parquet': 'PAR1',
    });
    expect(codes(open, '2')).not.toContain('license/model-card-not-open');
  });

  it('root licence files named for their part are judged for that part: Apache-2.0 for the software, CC-BY-4.0 (LICENSE-DATA.txt) for the data', async () => {
    const manifest: Record<string, unknown> = { ...baseManifest(), categories: ['software', 'data'] };
    delete manifest.licenses;
    const report = await check(manifest, { LICENSE: text('Apache-2.0'), 'LICENSE-DATA.txt': text('CC-BY-4.0') });
    const approvals = findings(report, '2').filter((finding) => finding.code === 'license/approved' || finding.code === 'license/not-approved');
    expect(approvals.map((finding) => finding.message)).toEqual([
      'Apache-2.0 is an approved licence for software.',
      'CC-BY-4.0 is an approved licence for data.',
    ]);
  });

  it('a REUSE.toml that is not TOML is a warning naming its line, not a silent pass', async () => {
    const report = await check(collection(['content']), {
      'README.md': stories,
      LICENSE: text('CC-BY-4.0'),
      'REUSE.toml': 'version = 1\n\n[[annotations]]\npath = "images/**\nSPDX-License-Identifier = "CC-BY-ND-4.0"\n',
    });
    const problem = findings(report, '2').find((finding) => finding.code === 'license/annotations-unreadable');
    expect(problem?.status).toBe('warn');
    expect(problem?.evidence).toEqual([{ path: 'REUSE.toml', line: 4 }]);
    expect(problem?.message).toMatch(/^REUSE\.toml:4 could not be read \(not valid TOML: .+\); the licences it gives to files are not known\.$/);
  });

  it("a data licence named by its file (LICENSE-DATA) covers an AI system's training data", async () => {
    const manifest: Record<string, unknown> = { ...baseManifest(), categories: ['ai-system'] };
    delete manifest.licenses;
    const report = await check(manifest, { LICENSE: text('MIT'), 'LICENSE-DATA.txt': text('CC-BY-4.0') });
    const training = findings(report, '2').find(
      (finding) => /training data/.test(finding.message) && (finding.code === 'license/approved' || finding.code === 'license/not-approved'),
    );
    expect(training?.message).toBe('CC-BY-4.0 is an approved licence for training data.');
  });

  it('a card whose licence is open but not listed for its part (Apache-2.0 on a data set) is for a reviewer; a card listing a restricted licence beside an open one fails', async () => {
    const card = (license: string): string => `---\nlicense: ${license}\ntask_categories:\n  - tabular-classification\n---\n\n# School census\n`;
    const open = await check(collection(['data']), {
      'README.md': stories,
      LICENSE: text('CC-BY-4.0'),
      'data/census/README.md': card('apache-2.0'),
      'data/census/schools.parquet': 'PAR1',
    });
    expect(codes(open, '2')).toContain('license/part-other-category');
    expect(codes(open, '2')).not.toContain('license/model-card-not-open');
    const listed = await check(collection(['data']), {
      'README.md': stories,
      LICENSE: text('CC-BY-4.0'),
      'data/census/README.md': card('[cc-by-4.0, cc-by-nc-nd-4.0]'),
      'data/census/schools.parquet': 'PAR1',
    });
    expect(codes(listed, '2')).toContain('license/model-card-not-open');
  });

  it('vendored licence files are no part of the collection', async () => {
    const report = await check(collection(['content']), {
      'README.md': stories,
      LICENSE: text('CC-BY-4.0'),
      'vendor/pdfjs/LICENSE': text('CC-BY-ND-4.0'),
      'third_party/fonts/LICENSE.txt': 'Copyright 2010 Foundry. All rights reserved.\n',
    });
    expect(codes(report, '2')).not.toContain('license/part-not-open');
    expect(codes(report, '2')).not.toContain('license/rights-reserved');
  });
});

describe('model cards that point elsewhere', () => {
  it('license: other is no evidence either way', async () => {
    const manifest = baseManifest();
    manifest.categories = ['ai-system'];
    manifest.licenses = [{ expression: 'Apache-2.0', covers: ['model-weights', 'training-code', 'training-data'] }];
    const card = `---\nlicense: other\nlicense_name: see LICENSE\n---\n\n# Model\n\n${'A model for crop diseases. '.repeat(30)}\n\n## Usage\n\nRun it.\n`;
    const report = await check(manifest, { 'README.md': card });
    expect(codes(report, '2')).not.toContain('license/model-card-not-open');
  });
});
