import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureRepositories } from '../../scripts/fixture-overlays.js';
import { validateManifestData } from '../../src/manifest/validate.js';
import { REPO_ROOT, runCli } from '../support/cli.js';

interface JsonReport {
  findings: Array<{ code: string; indicator: string; status: string; message: string }>;
}

const FIXTURES = fixtureRepositories(path.join(REPO_ROOT, 'fixtures')).filter(
  (name) =>
    existsSync(path.join(REPO_ROOT, 'fixtures', name, 'README.md')) ||
    existsSync(path.join(REPO_ROOT, 'fixtures', name, 'LICENSE')) ||
    name === 'fail-5-no-readme',
);
/** Fixtures whose files show a complete licence and owner: init must make indicators 2 and 3 pass. */
const COMPLETE = ['complete-software', 'content-collection', 'data-set', 'ai-system'];
/** Failures only a person can clear: whether a content or data collection is wholly owned. */
const HUMAN_ONLY = new Set(['ownership/content-rights-missing']);
const VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const SCHEMA_LINE = `# yaml-language-server: $schema=https://unpkg.com/dpg-check@${VERSION}/schemas/dpg-manifest.schema.json`;

/**
 * The question of the application (the manifest field init names) behind each failure that a person
 * must answer. `init --yes` must list every one of them it leaves open, and list nothing else.
 */
const QUESTION_OF: Record<string, string> = {
  'sdg/none-declared': 'sdgs',
  'license/none-found': 'licenses',
  'ownership/owner-missing': 'ownership.owners',
  'ownership/evidence-missing': 'ownership.evidence',
  'ownership/content-rights-missing': 'ownership.ownsAllContentAndData',
  'platform/not-declared': 'platformIndependence.hasClosedComponents',
  'data/not-declared': 'dataExtraction.collectsNonPII',
  'laws/not-declared': 'privacy.laws',
  'laws/contact-missing': 'contact',
  'standards/not-declared': 'standards',
  'standards/ai-risk-assessment-missing': 'standards.aiRiskAssessment',
  'pii/not-declared': 'doNoHarm.privacy.piiLevel',
  'content/not-declared': 'doNoHarm.content.level',
  'harassment/not-declared': 'doNoHarm.harassment.userInteraction',
};
/** Failures that no answer clears: the repository itself lacks something (a README of substance, an approved licence file). */
const REPOSITORY_GAPS = new Set([
  'license/no-readable-file',
  'docs/readme-missing',
  'docs/readme-too-short',
  'docs/run-instructions-missing',
  'license/not-approved',
  'license/file-missing',
  'ownership/copyright-placeholder',
]);

/** The fields init --yes printed as still to answer. */
function listedQuestions(stderr: string): string[] {
  const block = stderr.split('Still to answer')[1]?.split('asks them at a terminal')[0] ?? '';
  return [...block.matchAll(/^ {2}(?:1|2|3|4|5|6|7|8|9a|9b|9c) +([\w.[\]]+): /gm)].map((match) => match[1] as string);
}

async function report(dir: string): Promise<JsonReport> {
  return JSON.parse((await runCli(['check', dir, '--format', 'json'])).stdout) as JsonReport;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A copy of a fixture without its manifest, as a repository before `init`. */
function withoutManifest(fixture: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `dpg-init-${fixture}-`));
  made.push(dir);
  cpSync(path.join(REPO_ROOT, 'fixtures', fixture), dir, { recursive: true });
  rmSync(path.join(dir, 'dpg.yaml'), { force: true });
  return dir;
}

async function failures(dir: string): Promise<Set<string>> {
  const result = await runCli(['check', dir, '--format', 'json']);
  const report = JSON.parse(result.stdout) as JsonReport;
  return new Set(
    report.findings.filter((finding) => (finding.indicator === '2' || finding.indicator === '3') && finding.status === 'fail').map((finding) => finding.code),
  );
}

describe('dpg-check init --yes on every fixture', () => {
  it.each(FIXTURES)(
    '%s: the manifest validates, what was detected passes indicators 2 and 3, and every failure left is a question init lists',
    async (fixture) => {
      const dir = withoutManifest(fixture);
      const before = await failures(dir);
      const result = await runCli(['init', dir, '--yes']);
      expect(result.code, result.stderr).toBe(0);
      const text = readFileSync(path.join(dir, 'dpg.yaml'), 'utf8');
      expect(text.split('\n')[0]).toBe(SCHEMA_LINE);
      const manifest = parse(text) as Record<string, unknown>;
      expect(validateManifestData(manifest).problems).toEqual([]);
      // What only a person can answer is there, empty and marked, for check to report.
      expect(manifest).toMatchObject({ sdgs: [], dataExtraction: {} });
      expect(text).toContain('# To answer: which SDGs the solution is most relevant to, the targets it serves');
      expect(text).toContain('# To answer: contact:');
      const after = await failures(dir);
      // init adds no failure to indicators 2 and 3: what it detected is consistent with the files...
      for (const code of after) expect(before.has(code) || HUMAN_ONLY.has(code), `${fixture}: ${code}`).toBe(true);
      // ...and where the files show a licence and an owner, those indicators pass.
      if (COMPLETE.includes(fixture))
        expect(
          [...after].filter((code) => !HUMAN_ONLY.has(code)),
          fixture,
        ).toEqual([]);

      // Every failure left is a question init listed (and `init` asks at a terminal), or a gap in the
      // repository that no answer closes; and init lists no question that check does not fail on.
      const failing = (await report(dir)).findings.filter((finding) => finding.status === 'fail').map((finding) => finding.code);
      const listed = listedQuestions(result.stderr);
      for (const code of failing)
        expect(
          REPOSITORY_GAPS.has(code) || listed.includes(QUESTION_OF[code] ?? `(no question for ${code})`),
          `${fixture}: ${code} is neither listed nor a repository gap\n${result.stderr}`,
        ).toBe(true);
      const questions = new Set(failing.map((code) => QUESTION_OF[code]));
      for (const field of listed) expect(questions.has(field), `${fixture}: ${field} is listed, but check does not fail on it`).toBe(true);
      if (listed.length > 0) expect(result.stderr).toContain(`dpg-check init --force ${dir} asks them at a terminal`);
    },
  );

  it('leaves only the questions of a person on a fixture with a package manifest (complete-software)', async () => {
    // Before: sdg, platform, data, laws/not-declared, contact, pii, content, harassment. The laws are
    // the ones PRIVACY.md names; the rest needs a person, and init --yes says so.
    const dir = withoutManifest('complete-software');
    const result = await runCli(['init', dir, '--yes']);
    const failing = (await report(dir)).findings.filter((finding) => finding.status === 'fail').map((finding) => finding.code);
    expect(failing.sort()).toEqual([
      'content/not-declared',
      'data/not-declared',
      'harassment/not-declared',
      'laws/contact-missing',
      'pii/not-declared',
      'platform/not-declared',
      'sdg/none-declared',
    ]);
    expect(listedQuestions(result.stderr)).toEqual([
      'sdgs',
      'platformIndependence.hasClosedComponents',
      'dataExtraction.collectsNonPII',
      'doNoHarm.privacy.piiLevel',
      'doNoHarm.content.level',
      'doNoHarm.harassment.userInteraction',
      'contact',
    ]);
    expect(result.stderr).toContain('Still to answer: 7 questions only a person can answer; check fails on each until it is answered.');
    const manifest = parse(readFileSync(path.join(dir, 'dpg.yaml'), 'utf8')) as { privacy?: unknown };
    expect(manifest.privacy).toEqual({
      laws: [
        { name: 'General Data Protection Regulation (GDPR)', evidence: ['PRIVACY.md'] },
        { name: 'Kenya Data Protection Act 2019', evidence: ['PRIVACY.md'] },
      ],
      evidence: ['PRIVACY.md'],
    });
  });

  it('lists the known closed components among the dependencies, with their open alternatives', async () => {
    const dir = withoutManifest('warn-4-undeclared-mapbox');
    const result = await runCli(['init', dir, '--yes']);
    const manifest = parse(readFileSync(path.join(dir, 'dpg.yaml'), 'utf8')) as {
      platformIndependence?: { hasClosedComponents?: boolean; closedComponents?: Array<{ name: string; openAlternatives?: string[] }> };
    };
    expect(manifest.platformIndependence).toMatchObject({
      hasClosedComponents: true,
      closedComponents: [{ name: 'Mapbox GL JS 2.0 and later', openAlternatives: expect.arrayContaining(['MapLibre GL JS (npm maplibre-gl)']) as unknown }],
    });
    expect(result.stderr).toMatch(/platformIndependence: package\.json \(mapbox-gl\)/);
    const platform = (await report(dir)).findings.filter((finding) => finding.indicator === '4');
    expect(platform.map((finding) => `${finding.status} ${finding.code}`)).toEqual(['pass platform/closed-with-alternatives']);
  });

  it('detects categories, licences and owners as the fixtures declare them', async () => {
    const expected: Record<string, { categories: string[]; owner: string }> = {
      'complete-software': { categories: ['software'], owner: 'Open Health Commons Foundation' },
      'content-collection': { categories: ['content'], owner: 'Kasama Open Education Trust' },
      'data-set': { categories: ['data'], owner: 'Open Water Data Initiative' },
      'ai-system': { categories: ['ai-system'], owner: 'Agri AI Commons' },
    };
    for (const [fixture, { categories, owner }] of Object.entries(expected)) {
      const dir = withoutManifest(fixture);
      expect((await runCli(['init', dir, '--yes'])).code).toBe(0);
      const manifest = parse(readFileSync(path.join(dir, 'dpg.yaml'), 'utf8')) as { categories?: string[]; ownership?: { owners?: Array<{ name: string }> } };
      expect(manifest.categories, fixture).toEqual(categories);
      expect(manifest.ownership?.owners?.[0]?.name, fixture).toBe(owner);
    }
  });

  it('never overwrites a manifest without --force, and needs a terminal without --yes', async () => {
    const dir = withoutManifest('complete-software');
    writeFileSync(path.join(dir, 'dpg.yml'), 'name: Mine\n');
    const refused = await runCli(['init', dir, '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/dpg\.yml already exists .*without --force/);
    expect(existsSync(path.join(dir, 'dpg.yaml'))).toBe(false);
    expect((await runCli(['init', dir, '--yes', '--force'])).code).toBe(0);
    expect(readFileSync(path.join(dir, 'dpg.yml'), 'utf8')).toBe('name: Mine\n');
    // --force starts from the manifest that is there.
    expect((parse(readFileSync(path.join(dir, 'dpg.yaml'), 'utf8')) as { name: string }).name).toBe('Mine');

    const other = withoutManifest('bare');
    const noTerminal = await runCli(['init', other]);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain('standard input is not one');
    expect((await runCli(['init', path.join(other, 'missing')])).code).toBe(2);
  });
});

/** A repository made of the given files (a git repository, as init's users have). */
function repository(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dpg-init-made-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const README = '# Welcome to the project\n\nThis repository holds the code of a tool that maps water points for district engineers.\n';

describe('dpg-check init --yes: names and addresses from the package manifest', () => {
  it("takes the name from pyproject.toml rather than the README's heading, and the URLs from [project.urls]", async () => {
    const dir = repository({
      'README.md': README,
      'pyproject.toml': [
        '[project]',
        'name = "water-points"',
        'description = "Water point functionality data pipeline"',
        '',
        '[project.urls]',
        'Homepage = "https://waterpoints.example.org"',
        '"Source Code" = "https://github.com/owdi/water-points"',
        'Documentation = "https://docs.waterpoints.example.org"',
      ].join('\n'),
      'water_points/__init__.py': '',
    });
    const result = await runCli(['init', dir, '--yes']);
    expect(result.code, result.stderr).toBe(0);
    const manifest = parse(readFileSync(path.join(dir, 'dpg.yaml'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: 'water-points',
      description: 'Water point functionality data pipeline',
      website: ['https://waterpoints.example.org'],
      repositories: ['https://github.com/owdi/water-points'],
      documentation: { links: ['README.md', 'https://docs.waterpoints.example.org'] },
    });
    expect(result.stderr).toContain('  name: pyproject.toml\n');
    expect(result.stderr).toContain('  website: pyproject.toml\n');
  });

  it("reads poetry's [tool.poetry] name, homepage and repository", async () => {
    const dir = repository({
      'README.md': README,
      'pyproject.toml': [
        '[tool.poetry]',
        'name = "leafscan"',
        'homepage = "https://leafscan.example.org"',
        'repository = "https://gitlab.com/agri-ai/leafscan"',
        'documentation = "https://leafscan.example.org/docs"',
      ].join('\n'),
    });
    expect((await runCli(['init', dir, '--yes'])).code).toBe(0);
    expect(parse(readFileSync(path.join(dir, 'dpg.yaml'), 'utf8'))).toMatchObject({
      name: 'leafscan',
      website: ['https://leafscan.example.org'],
      repositories: ['https://gitlab.com/agri-ai/leafscan'],
      documentation: { links: ['README.md', 'https://leafscan.example.org/docs'] },
    });
  });

  it.each([
    [
      'package.json',
      JSON.stringify({ name: '@owdi/water-points', homepage: 'https://github.com/owdi/water-points#readme', repository: 'github:owdi/water-points' }),
      'water-points',
    ],
    ['composer.json', JSON.stringify({ name: 'owdi/water-points' }), 'water-points'],
    ['DESCRIPTION', 'Package: waterPoints\nTitle: Water Point Data\n', 'waterPoints'],
    ['pom.xml', '<project><parent><name>Parent</name></parent><artifactId>water-points</artifactId><name>Water Points</name></project>', 'Water Points'],
    ['Cargo.toml', '[package]\nname = "water-points"\n', 'water-points'],
    ['setup.cfg', '[metadata]\nname = water-points\n', 'water-points'],
  ])('takes the name from %s', async (file, text, name) => {
    const dir = repository({ 'README.md': README, [file]: text });
    expect((await runCli(['init', dir, '--yes'])).code).toBe(0);
    const manifest = parse(readFileSync(path.join(dir, 'dpg.yaml'), 'utf8')) as { name: string; website?: string[] };
    expect(manifest.name).toBe(name);
    // npm's default homepage is the repository's README, not a website.
    expect(manifest.website).toBeUndefined();
  });

  it("keeps the README's heading when it spells out the package's name, and the README's heading without a package manifest", async () => {
    const spelled = repository({ 'README.md': '# OpenClinic Registry\n\nA registry.\n', 'package.json': JSON.stringify({ name: 'openclinic-registry' }) });
    expect((await runCli(['init', spelled, '--yes'])).code).toBe(0);
    expect((parse(readFileSync(path.join(spelled, 'dpg.yaml'), 'utf8')) as { name: string }).name).toBe('OpenClinic Registry');
    const readmeOnly = repository({ 'README.md': '# Water Point Mapper\n\nA tool.\n' });
    expect((await runCli(['init', readmeOnly, '--yes'])).code).toBe(0);
    expect((parse(readFileSync(path.join(readmeOnly, 'dpg.yaml'), 'utf8')) as { name: string }).name).toBe('Water Point Mapper');
  });
});

describe('dpg-check init: the $schema line', () => {
  it('points at the schema npm publishes with this version, a file the package ships', async () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schemas/');
    expect(existsSync(path.join(REPO_ROOT, 'schemas/dpg-manifest.schema.json'))).toBe(true);
    const dir = repository({ 'README.md': README, 'requirements.txt': 'flask\n' });
    expect((await runCli(['init', dir, '--yes'])).code).toBe(0);
    const first = readFileSync(path.join(dir, 'dpg.yaml'), 'utf8').split('\n')[0];
    expect(first).toBe(SCHEMA_LINE);
    expect(first).not.toContain('node_modules');
  });

  it('points at the installed copy, relative to dpg.yaml, when the repository has dpg-check installed', async () => {
    const dir = repository({
      'README.md': README,
      'package.json': '{"name": "water-points"}',
      'node_modules/dpg-check/schemas/dpg-manifest.schema.json': '{}',
    });
    expect((await runCli(['init', dir, '--yes'])).code).toBe(0);
    expect(readFileSync(path.join(dir, 'dpg.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=node_modules/dpg-check/schemas/dpg-manifest.schema.json',
    );
  });
});

describe('dpg-check init --force --yes keeps the existing answers', () => {
  it('writes every answer of the manifest already there, and fills only its gaps from the repository', async () => {
    const dir = withoutManifest('complete-software');
    const original = readFileSync(path.join(REPO_ROOT, 'fixtures/complete-software/dpg.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'dpg.yaml'), original);
    const result = await runCli(['init', dir, '--yes', '--force']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Kept the answers of dpg.yaml.');
    expect(result.stderr).not.toContain('Still to answer');
    const written = parse(readFileSync(path.join(dir, 'dpg.yaml'), 'utf8')) as { doNoHarm: { privacy: Record<string, unknown> } };
    const expected = parse(original) as { doNoHarm: { privacy: Record<string, unknown> } };
    // The one gap the repository fills: the security policy as evidence for 9a.
    expected.doNoHarm.privacy.evidence = ['SECURITY.md'];
    expect(written).toEqual(expected);
    expect((await report(dir)).findings.filter((finding) => finding.status === 'fail')).toEqual([]);
  });

  it('starts from a partial dpg.yml: its answers win, the repository fills the rest, and the open questions are listed', async () => {
    const dir = withoutManifest('complete-software');
    writeFileSync(
      path.join(dir, 'dpg.yml'),
      [
        'name: Mine',
        'sdgs:',
        '  - goal: 3',
        '    targets: ["3.8"]',
        '    relevance: Clinics use it to follow up every missed vaccination of a child.',
        '  - goal: 4',
        'platformIndependence:',
        '  hasClosedComponents: false',
        'contact: { name: Amina Otieno, email: amina@example.org }',
        'unknownKey: dropped',
        '',
      ].join('\n'),
    );
    const result = await runCli(['init', dir, '--yes', '--force']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Kept the answers of dpg.yml (except what it could not use: 1 problem, see dpg-check check).');
    expect(result.stderr).toContain('dpg.yml is still there: check reads dpg.yaml first');
    const manifest = parse(readFileSync(path.join(dir, 'dpg.yaml'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: 'Mine',
      sdgs: [{ goal: 3, targets: ['3.8'], relevance: 'Clinics use it to follow up every missed vaccination of a child.' }, { goal: 4 }],
      platformIndependence: { hasClosedComponents: false },
      contact: { name: 'Amina Otieno', email: 'amina@example.org' },
      licenses: [{ expression: 'Apache-2.0', evidence: 'LICENSE' }],
    });
    expect(manifest).not.toHaveProperty('unknownKey');
    // An SDG without its relevance is a question too, marked where the answer goes.
    expect(readFileSync(path.join(dir, 'dpg.yaml'), 'utf8')).toContain(
      '# To answer: [1].relevance: how the solution advances SDG 4, in a couple of sentences.\nsdgs:',
    );
    expect(listedQuestions(result.stderr)).toEqual([
      'sdgs[1].relevance',
      'dataExtraction.collectsNonPII',
      'doNoHarm.privacy.piiLevel',
      'doNoHarm.content.level',
      'doNoHarm.harassment.userInteraction',
    ]);
    // Only what the repository filled is marked as detected.
    expect(result.stderr).not.toMatch(/^ {2}name: /m);
  });

  it('says so when the existing manifest gives no answer to keep', async () => {
    const dir = withoutManifest('complete-software');
    writeFileSync(path.join(dir, 'dpg.yaml'), 'name: [unclosed\n');
    const result = await runCli(['init', dir, '--yes', '--force']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('No answer of dpg.yaml could be read (dpg-check check says why): init started from the repository alone.');
    expect((parse(readFileSync(path.join(dir, 'dpg.yaml'), 'utf8')) as { name: string }).name).toBe('OpenClinic Registry');
  });
});
