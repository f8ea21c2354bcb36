import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allCodes } from '../../src/rules/codes.js';
import { repositoryTarget } from '../../src/audit/registry.js';
import { REPO_ROOT } from '../support/cli.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { cleanEnv, FIXTURE_REPOS, FIXTURES, keyOf, makeGplRepository, readJsonl, REGISTRY_FIXTURES, runCliWith, TOKEN, type Row } from './helpers.js';

/** DPGA registry records: each repository audited and cross-checked against the record's declarations. */
const reportSchema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/report.schema.json'), 'utf8'));
const validateReport = new Ajv2020({ allErrors: true, strict: true, validateFormats: false }).compile(reportSchema);
const SHARED_NOMINEES = path.resolve(REPO_ROOT, '../shared/registry/nominees');

let scratch: string;
let servers: FakeGitHub[] = [];
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dpg-audit-registry-'));
});
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function registryFindings(row: Row | undefined): Record<string, string> {
  return Object.fromEntries(
    (row?.report?.findings ?? []).filter((finding) => finding.indicator === 'registry').map((finding) => [finding.code, finding.message]),
  );
}

describe('registry repository URLs', () => {
  it('GitHub URLs audit the default branch, whatever page they show; GitLab pages lose their /-/ part', () => {
    const hosts = ['github.com', 'www.github.com'];
    expect(repositoryTarget('https://github.com/Aam-Digital/ndb-core', hosts)).toBe('github:Aam-Digital/ndb-core');
    expect(repositoryTarget('https://github.com/org/app.git', hosts)).toBe('github:org/app');
    expect(repositoryTarget('https://github.com/org/app/tree/master/backend', hosts)).toBe('github:org/app');
    expect(repositoryTarget('https://gitlab.com/group/sub/project/-/tree/main', hosts)).toBe('https://gitlab.com/group/sub/project');
    expect(repositoryTarget('https://bitbucket.org/team/repo', hosts)).toBe('https://bitbucket.org/team/repo');
  });
});

describe('dpg-check audit --registry (fixtures/registry)', () => {
  it('cross-checks licences, licence URLs, SDGs and owners, with error rows for what cannot be audited', async () => {
    const gpl = makeGplRepository(path.join(scratch, 'gpl-app'));
    const github = await startFakeGitHub({ token: TOKEN, repos: { 'acme/gpl-app': gpl } });
    servers.push(github);
    const out = path.join(scratch, 'registry.jsonl');
    const result = await runCliWith(['audit', '--registry', REGISTRY_FIXTURES, '--out', out, '--github-api-url', github.apiUrl, '--no-cache'], {
      env: cleanEnv(scratch, { GITHUB_TOKEN: TOKEN }),
    });
    const rows = readJsonl(out);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    expect([...byKey.keys()].sort()).toEqual([
      'github:acme/gpl-app registry:stale-licence',
      'github:dpg/complete-software registry:open-clinic',
      'github:dpg/data-set registry:water-points',
      'github:dpg/retired-water-tools registry:water-points',
      'registry:broken registry:broken',
      'registry:no-repository registry:no-repository',
    ]);
    expect(result.code).toBe(3);

    // Everything agrees.
    const clinic = byKey.get('github:dpg/complete-software registry:open-clinic');
    expect(clinic?.registryRecord).toMatchObject({
      id: 'open-clinic',
      name: 'OpenClinic Registry',
      stage: 'DPG',
      repositoryUrl: 'https://github.com/dpg/complete-software',
    });
    expect(Object.keys(registryFindings(clinic)).sort()).toEqual(['registry/license-match', 'registry/owner-match', 'registry/sdg-match']);
    expect(clinic?.report?.verdict).toBe('ready');

    // GPL-2.0 declared, GPL-3.0 shipped; the licence URL is another repository's; owner unknown. The
    // repository has no manifest, so the record is its manifest: its SDGs are judged, not compared with themselves.
    const staleRow = byKey.get('github:acme/gpl-app registry:stale-licence');
    const stale = registryFindings(staleRow);
    expect(Object.keys(stale).sort()).toEqual(['registry/license-mismatch', 'registry/license-url-elsewhere', 'registry/owner-mismatch']);
    expect((staleRow?.report as unknown as { manifest: { origin: string } }).manifest.origin).toBe('registry');
    expect(staleRow?.report?.findings.map((finding) => finding.code)).not.toContain('sdg/none-declared');
    expect(stale['registry/license-mismatch']).toMatch(/declares GPL-2\.0, but the repository carries GPL-3\.0/);
    expect(stale['registry/license-url-elsewhere']).toContain('someone-else/learning-template');
    expect(stale['registry/owner-mismatch']).toContain('Ministry of Education of Ruritania');

    // A licence URL to a file the repository lacks; SDGs that differ from dpg.yaml; owner by its short name.
    const water = byKey.get('github:dpg/data-set registry:water-points');
    const waterFindings = registryFindings(water);
    expect(Object.keys(waterFindings).sort()).toEqual([
      'registry/license-match',
      'registry/license-url-missing-file',
      'registry/owner-match',
      'registry/sdg-mismatch',
    ]);
    expect(waterFindings['registry/license-url-missing-file']).toContain('LICENSE.md');
    expect(waterFindings['registry/sdg-mismatch']).toMatch(/declares SDGs 6, 11; dpg\.yaml declares 6/);
    const mismatch = water?.report?.findings.find((finding) => finding.code === 'registry/sdg-mismatch');
    expect(mismatch?.evidence).toEqual([
      { path: 'dpg.yaml', line: expect.any(Number) },
      { note: `${path.join(REGISTRY_FIXTURES, 'water-points.json')}#/SDGs` },
    ]);

    expect(byKey.get('github:dpg/retired-water-tools registry:water-points')?.error?.message).toContain('does not exist');
    expect(byKey.get('registry:no-repository registry:no-repository')?.error?.message).toContain('lists no repository');
    expect(byKey.get('registry:broken registry:broken')?.error?.message).toContain('not valid JSON');

    // Registry findings (none of which fails) leave these verdicts alone, and reports with them follow the report schema.
    for (const row of rows.filter((candidate) => candidate.report)) expect(validateReport(row.report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(byKey.get('github:dpg/data-set registry:water-points')?.report?.verdict).toBe('ready');
  });

  it('every registry code is registered in the "registry" group and documented in docs/checks.md', () => {
    const registry = [...allCodes().values()].filter((code) => code.group === 'registry');
    expect(registry.map((code) => code.code).sort()).toEqual([
      'registry/license-declaration-mismatch',
      'registry/license-match',
      'registry/license-mismatch',
      'registry/license-undetected',
      'registry/license-url-elsewhere',
      'registry/license-url-missing-file',
      'registry/owner-match',
      'registry/owner-mismatch',
      'registry/sdg-match',
      'registry/sdg-mismatch',
      'registry/sdg-unverifiable',
      'registry/type-mismatch',
    ]);
    const doc = readFileSync(path.join(REPO_ROOT, 'docs/checks.md'), 'utf8');
    for (const code of registry) expect(doc).toContain(`### ${code.code}`);
  });
});

describe.skipIf(!existsSync(SHARED_NOMINEES))('a sample of the real DPGA registry (../shared/registry), without network', () => {
  it('audits every GitHub repository of 15 records against the fake GitHub and cross-checks each', async () => {
    // Records whose repositories are all on github.com, so that nothing is cloned from the network.
    const records = readdirSync(SHARED_NOMINEES)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => ({
        file: path.join(SHARED_NOMINEES, name),
        data: JSON.parse(readFileSync(path.join(SHARED_NOMINEES, name), 'utf8')) as { repositories?: Array<{ url: string }> },
      }))
      .filter(
        (record) =>
          (record.data.repositories ?? []).length > 0 &&
          (record.data.repositories ?? []).every((repository) => /^https:\/\/github\.com\/[^/]+\/[^/]+/.test(repository.url)),
      );
    const sample = records.filter((_, index) => index % Math.max(1, Math.floor(records.length / 15)) === 0).slice(0, 15);
    expect(sample.length).toBe(15);
    // Each repository is served from a fixture (round robin), as OWNER/REPO of its URL.
    const repos: Record<string, string> = {};
    let next = 0;
    for (const record of sample) {
      for (const repository of record.data.repositories ?? []) {
        const [owner, name] = new URL(repository.url).pathname.split('/').filter(Boolean) as [string, string];
        repos[`${owner}/${name.replace(/\.git$/, '')}`] = path.join(FIXTURES, FIXTURE_REPOS[next++ % FIXTURE_REPOS.length] as string);
      }
    }
    const github = await startFakeGitHub({ token: TOKEN, repos });
    servers.push(github);
    const out = path.join(scratch, 'real.jsonl');
    const args = ['audit', ...sample.flatMap((record) => ['--registry', record.file]), '--out', out, '--github-api-url', github.apiUrl, '--no-cache'];
    const result = await runCliWith(args, { env: cleanEnv(scratch, { GITHUB_TOKEN: TOKEN }) });
    expect([0, 1]).toContain(result.code);
    const rows = readJsonl(out);
    expect(rows.length).toBe(new Set(Object.keys(repos).map((name) => name.toLowerCase())).size);
    for (const row of rows) {
      expect(row.error, row.target).toBeUndefined();
      expect(validateReport(row.report), JSON.stringify(validateReport.errors)).toBe(true);
      const codes = (row.report?.findings ?? []).filter((finding) => finding.indicator === 'registry').map((finding) => finding.code);
      expect(
        codes.some((code) => code.startsWith('registry/license-')),
        row.target,
      ).toBe(true);
      // A repository with a dpg manifest has its SDGs compared with the record's; one without is
      // checked with the record as its manifest, so indicator 1 is judged on the record's SDGs.
      const manifest = (row.report as unknown as { manifest: { origin: string } }).manifest;
      if (manifest.origin === 'repository')
        expect(
          codes.some((code) => code.startsWith('registry/sdg-')),
          row.target,
        ).toBe(true);
      else {
        expect(manifest.origin, row.target).toBe('registry');
        expect(
          row.report?.findings.map((finding) => finding.code),
          row.target,
        ).toContain('sdg/declared');
        expect(
          row.report?.findings.map((finding) => finding.code),
          row.target,
        ).not.toContain('sdg/none-declared');
      }
    }
    // Fixture licences rarely match what the real records declare: mismatches are found and named.
    expect(rows.some((row) => (row.report?.findings ?? []).some((finding) => finding.code === 'registry/license-mismatch'))).toBe(true);
    // Only the fake server was asked (no clone, no other host), with few requests per repository.
    expect(github.requests.length).toBeLessThanOrEqual(rows.length);
  });
});
