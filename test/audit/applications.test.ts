import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecords } from '../../src/audit/registry.js';
import type { Report } from '../../src/report/types.js';
import { makeBareRepository } from '../remote/helpers.js';
import { REPO_ROOT } from '../support/cli.js';
import { cleanEnv, FIXTURES, keyOf, readJsonl, runCliWith, type Row } from './helpers.js';

/**
 * A reviewer's check reads the application: a registry record given to `check` is the manifest, and
 * `audit --registry` (nominee and screening records, in the registry's layout) uses the record as the
 * manifest of each repository that has none of its own. Repositories are local bare repositories that
 * git reaches through url.<base>.insteadOf, as `--clone` would reach GitHub.
 */
const LAYOUT = path.join(FIXTURES, 'registry/layout');
const NOMINEES = path.join(LAYOUT, 'nominees');
const SCREENINGS = path.join(LAYOUT, 'digitalpublicgoods');
const SHARED_REGISTRY = path.resolve(REPO_ROOT, '../shared/registry');
const validateReport = new Ajv2020({ allErrors: true, strict: true, validateFormats: false }).compile(
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/report.schema.json'), 'utf8')),
);

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dpg-applications-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function codes(report: Pick<Report, 'findings'> | undefined, indicator?: string): string[] {
  return (report?.findings ?? []).filter((finding) => indicator === undefined || finding.indicator === indicator).map((finding) => finding.code);
}

async function checkJson(args: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const result = await runCliWith(['check', ...args, '--format', 'json'], { env: cleanEnv(scratch) });
  return { code: result.code, report: (result.stdout ? JSON.parse(result.stdout) : undefined) as Report, stderr: result.stderr };
}

describe('dpg-check check on an application record', () => {
  it('a nominee record is checked as the application, with its screening record from the sibling folder', async () => {
    const { code, report, stderr } = await checkJson([path.join('fixtures/registry/layout/nominees/bare-tools.json')]);
    // Without its repository the application is judged on its answers alone (and says so).
    expect(code, stderr).toBe(0);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.manifest).toEqual({
      path: 'fixtures/registry/layout/nominees/bare-tools.json',
      format: 'json',
      origin: 'given',
      madeFrom: [
        { path: 'fixtures/registry/layout/nominees/bare-tools.json', format: 'dpga-nominee' },
        { path: 'fixtures/registry/layout/digitalpublicgoods/bare-tools.json', format: 'dpga-screening' },
      ],
    });
    expect(codes(report, 'manifest')).toEqual(['manifest/application', 'manifest/no-repository']);
    // Indicator 1 on the record's SDGs; indicators 3 to 9 on the screening answers.
    expect(codes(report, '1')).toContain('sdg/declared');
    expect(codes(report)).not.toContain('sdg/none-declared');
    expect(codes(report, '7')).toContain('laws/declared');
    expect(codes(report, '9b')).toEqual(['content/none']);
    expect(codes(report, '9c')).toEqual(['harassment/no-interaction']);
  });

  it('--screening names the screening record; it goes only with a nominee record', async () => {
    const elsewhere = path.join(scratch, 'answers.json');
    cpSync(path.join(SCREENINGS, 'bare-tools.json'), elsewhere);
    const copy = path.join(scratch, 'bare-tools.json');
    cpSync(path.join(NOMINEES, 'bare-tools.json'), copy);
    const alone = await checkJson([copy]);
    expect(alone.report.manifest?.madeFrom?.map((part) => part.format)).toEqual(['dpga-nominee']);
    const merged = await checkJson([copy, '--screening', elsewhere]);
    expect(merged.report.manifest?.madeFrom).toEqual([
      { path: copy, format: 'dpga-nominee' },
      { path: elsewhere, format: 'dpga-screening' },
    ]);
    expect(codes(merged.report, '9c')).toEqual(['harassment/no-interaction']);

    const wrong = await runCliWith(['check', 'fixtures/complete-software/dpg.yaml', '--screening', elsewhere], { env: cleanEnv(scratch) });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--screening goes with a DPGA nominee record');
    const notScreening = await runCliWith(['check', copy, '--screening', copy], { env: cleanEnv(scratch) });
    expect(notScreening.code).toBe(2);
    expect(notScreening.stderr).toContain('is a DPGA nominee record, not a DPGA screening record');
    expect(notScreening.stderr).not.toMatch(/\n\s+at /);
  });

  it('a publiccode.yml and an application API record as the target are read by their content', async () => {
    for (const [to, file, format] of [
      ['publiccode', 'publiccode.yml', 'publiccode'],
      ['dpga-app', 'application.json', 'dpga-app'],
      ['dpga-screening', 'answers.json', 'dpga-screening'],
    ] as const) {
      const written = await runCliWith(['convert', 'fixtures/complete-software/dpg.yaml', '--to', to], { env: cleanEnv(scratch) });
      const target = path.join(scratch, file);
      writeFileSync(target, written.stdout);
      const { report, stderr } = await checkJson([target]);
      expect(report?.manifest, `${file}: ${stderr}`).toMatchObject({ path: target, origin: 'given', madeFrom: [{ path: target, format }] });
      expect(codes(report, 'manifest'), file).toEqual(['manifest/application', 'manifest/no-repository']);
    }
  });

  it('a screening record as the target is merged with its sibling nominee record', async () => {
    const { report } = await checkJson([path.join('fixtures/registry/layout/digitalpublicgoods/bare-tools.json')]);
    expect(report.manifest?.madeFrom?.map((part) => part.format)).toEqual(['dpga-nominee', 'dpga-screening']);
    expect(codes(report, '1')).toContain('sdg/declared');
    expect(report.verdict).toBe('ready');
  });

  it('a record stored as a symbolic link is followed within its folder only', async () => {
    const root = path.join(scratch, 'linked-registry');
    mkdirSync(path.join(root, 'nominees'), { recursive: true });
    mkdirSync(path.join(root, 'digitalpublicgoods'), { recursive: true });
    mkdirSync(path.join(root, 'elsewhere'), { recursive: true });
    cpSync(path.join(NOMINEES, 'bare-tools.json'), path.join(root, 'nominees', 'linked.json'));
    cpSync(path.join(NOMINEES, 'bare-tools.json'), path.join(root, 'nominees', 'outward.json'));
    cpSync(path.join(SCREENINGS, 'bare-tools.json'), path.join(root, 'digitalpublicgoods', 'original.json'));
    cpSync(path.join(SCREENINGS, 'bare-tools.json'), path.join(root, 'elsewhere', 'answers.json'));
    symlinkSync('original.json', path.join(root, 'digitalpublicgoods', 'linked.json'));
    symlinkSync(path.join(root, 'elsewhere', 'answers.json'), path.join(root, 'digitalpublicgoods', 'outward.json'));
    const loaded = Object.fromEntries(
      loadRecords([path.join(root, 'nominees', 'linked.json'), path.join(root, 'nominees', 'outward.json')]).map((record) => [record.ref.id, record]),
    );
    expect(loaded.linked?.application?.convertedFrom?.formats).toEqual(['dpga-nominee', 'dpga-screening']);
    expect(loaded.outward?.application?.convertedFrom?.formats).toEqual(['dpga-nominee']);
    const viaCheck = await checkJson([path.join(root, 'nominees', 'outward.json')]);
    expect(viaCheck.report.manifest?.madeFrom?.map((part) => part.format)).toEqual(['dpga-nominee']);
  });

  it('--manifest takes a nominee record for a repository folder', async () => {
    const { report } = await checkJson(['fixtures/bare', '--manifest', path.join(NOMINEES, 'bare-tools.json')]);
    expect(report.manifest?.origin).toBe('given');
    expect(report.source.kind).toBe('local');
    expect(codes(report, 'manifest')).toEqual(['manifest/application']);
    expect(codes(report, '1')).toContain('sdg/declared');
  });

  it.skipIf(!existsSync(SHARED_REGISTRY))(
    'every approved record of the shared registry is read as an application, never as a broken dpg manifest',
    async () => {
      const { readdirSync } = await import('node:fs');
      const names = readdirSync(path.join(SHARED_REGISTRY, 'nominees'))
        .filter((name) => name.endsWith('.json'))
        .sort();
      // A sample spread over the registry keeps the test short; the bench runs them all.
      const sample = names.filter((_, index) => index % 25 === 0);
      for (const name of sample) {
        const { report, stderr } = await checkJson([path.join(SHARED_REGISTRY, 'nominees', name)]);
        expect(report, `${name}: ${stderr}`).toBeDefined();
        expect(codes(report, 'manifest'), name).not.toContain('manifest/schema-error');
        expect(codes(report, 'manifest'), name).toContain('manifest/application');
        const screening = existsSync(path.join(SHARED_REGISTRY, 'digitalpublicgoods', name));
        expect(report.manifest?.madeFrom?.length, name).toBe(screening ? 2 : 1);
      }
    },
    120_000,
  );
});

describe('dpg-check audit --registry on applications (nominee and screening records, --clone)', () => {
  let env: NodeJS.ProcessEnv;
  let bareCommit: string;
  beforeAll(() => {
    // fixtures/bare with a policy of its own that waives its missing licence and skips documentation.
    const bareWithPolicy = path.join(scratch, 'bare');
    cpSync(path.join(FIXTURES, 'bare'), bareWithPolicy, { recursive: true });
    writeFileSync(
      path.join(bareWithPolicy, '.dpg-check.yaml'),
      'waivers:\n  - code: license/file-missing\n    reason: the licence is on our web site\n    expires: 2999-12-31\nindicators:\n  "5":\n    skip: true\n    reason: documentation is on the web site\n',
    );
    const bare = makeBareRepository(bareWithPolicy, path.join(scratch, 'git'));
    bareCommit = bare.commit;
    const clinic = makeBareRepository(path.join(FIXTURES, 'complete-software'), path.join(scratch, 'git'));
    const config = path.join(scratch, 'gitconfig');
    writeFileSync(
      config,
      `[url "${bare.url}"]\n\tinsteadOf = https://github.com/dpg/bare.git\n[url "${clinic.url}"]\n\tinsteadOf = https://github.com/dpg/complete-software.git\n`,
    );
    const temp = path.join(scratch, 'tmp');
    mkdirSync(temp, { recursive: true });
    env = cleanEnv(scratch, { GIT_CONFIG_GLOBAL: config, GIT_CONFIG_NOSYSTEM: '1', TMPDIR: temp });
  });

  async function audit(
    extra: string[],
    name: string,
  ): Promise<{ code: number; stderr: string; rows: Map<string, Omit<Row, 'report'> & { report?: Report }>; csv: string[] }> {
    const out = path.join(scratch, `${name}.jsonl`);
    const summary = path.join(scratch, `${name}.csv`);
    const result = await runCliWith(
      ['audit', '--registry', NOMINEES, '--registry', SCREENINGS, '--clone', '--no-cache', '--no-progress', '--out', out, '--summary', summary, ...extra],
      { env },
    );
    return {
      code: result.code,
      stderr: result.stderr,
      rows: new Map(readJsonl(out).map((row) => [keyOf(row), row as unknown as Omit<Row, 'report'> & { report?: Report }])),
      csv: readFileSync(summary, 'utf8').trim().split('\r\n'),
    };
  }

  it('uses the application as the manifest of a repository without one, and cross-checks a repository with its own', async () => {
    const { code, stderr, rows, csv } = await audit([], 'applications');
    expect(code, stderr).toBe(3);
    // The summary says where each row's manifest came from.
    expect(csv.map((line) => line.split(',').slice(0, 4).join(',')).sort()).toEqual([
      'github:dpg/bare,bare-tools,registry,not-ready',
      'github:dpg/complete-software,open-clinic,repository,ready',
      'registry:orphan,orphan,,error',
      'target,registry_record,manifest,verdict',
    ]);
    expect([...rows.keys()].sort()).toEqual([
      'github:dpg/bare registry:bare-tools',
      'github:dpg/complete-software registry:open-clinic',
      'registry:orphan registry:orphan',
    ]);
    for (const row of rows.values()) if (row.report) expect(validateReport(row.report), JSON.stringify(validateReport.errors)).toBe(true);

    // No dpg manifest in the repository: the nominee and its screening record are its manifest.
    const bare = rows.get('github:dpg/bare registry:bare-tools');
    expect(bare?.report?.source.revision).toBe(bareCommit);
    expect(bare?.registryRecord, JSON.stringify(bare?.registryRecord)).toMatchObject({
      id: 'bare-tools',
      screeningFile: path.join(SCREENINGS, 'bare-tools.json'),
    });
    expect(bare?.report?.manifest).toMatchObject({
      origin: 'registry',
      madeFrom: [
        { path: path.join(NOMINEES, 'bare-tools.json'), format: 'dpga-nominee' },
        { path: path.join(SCREENINGS, 'bare-tools.json'), format: 'dpga-screening' },
      ],
    });
    const statuses = Object.fromEntries((bare?.report?.indicators ?? []).map((indicator) => [indicator.id, indicator.status]));
    expect(statuses['1']).toBe('pass');
    expect(codes(bare?.report)).not.toContain('sdg/none-declared');
    expect(codes(bare?.report, '4')).not.toContain('platform/undeclared');
    expect(codes(bare?.report, '9b')).toEqual(['content/none']);
    expect(codes(bare?.report, '9c')).toEqual(['harassment/no-interaction']);
    // The record's licence is not confirmed by the record itself: the repository carries no licence file.
    expect(codes(bare?.report, 'registry')).toContain('registry/license-undetected');
    expect(codes(bare?.report, 'registry')).not.toContain('registry/license-match');
    // Nor are its SDGs compared with themselves.
    expect(codes(bare?.report, 'registry').filter((code) => code.startsWith('registry/sdg-'))).toEqual([]);

    // The repository's own dpg.yaml is checked; where it differs from the record, the cross-check says so.
    const clinic = rows.get('github:dpg/complete-software registry:open-clinic');
    expect(clinic?.report?.manifest).toEqual({ path: 'dpg.yaml', format: 'yaml', origin: 'repository' });
    expect(codes(clinic?.report, 'registry').sort()).toEqual([
      'registry/license-declaration-mismatch',
      'registry/license-mismatch',
      'registry/owner-match',
      'registry/sdg-mismatch',
      'registry/type-mismatch',
    ]);
    expect(clinic?.report?.verdict).toBe('ready');

    expect(rows.get('registry:orphan registry:orphan')?.error?.message).toContain('has no nominee record');
  }, 120_000);

  it("reports the repository's own policy without applying it, unless --apply-repository-policy; a reviewer's --policy applies", async () => {
    const reported = (await audit([], 'reported')).rows.get('github:dpg/bare registry:bare-tools')?.report;
    const missing = reported?.findings.find((finding) => finding.code === 'license/file-missing');
    expect(missing?.waiver).toBeUndefined();
    expect(missing?.requestedWaiver).toEqual({ reason: 'the licence is on our web site', expires: '2999-12-31', policy: '.dpg-check.yaml' });
    expect(reported?.indicators.find((indicator) => indicator.id === '2')?.status).toBe('fail');
    expect(reported?.indicators.find((indicator) => indicator.id === '5')?.skipped).toBeUndefined();
    expect(reported?.findings.find((finding) => finding.code === 'policy/repository-policy-not-applied')?.message).toBe(
      'The repository policy .dpg-check.yaml is not applied; it asks for: 1 waiver (matching 1 finding); skipping indicator 5.',
    );
    expect(reported?.policies).toEqual([{ path: '.dpg-check.yaml', from: 'repository', applied: false }]);
    expect(reported?.policy).toBeNull();

    const applied = (await audit(['--apply-repository-policy'], 'applied')).rows.get('github:dpg/bare registry:bare-tools')?.report;
    expect(applied?.findings.find((finding) => finding.code === 'license/file-missing')?.waiver?.reason).toBe('the licence is on our web site');
    expect(applied?.indicators.find((indicator) => indicator.id === '5')?.skipped).toBe('documentation is on the web site');
    expect(codes(applied)).not.toContain('policy/repository-policy-not-applied');
    expect(applied?.policies).toEqual([{ path: '.dpg-check.yaml', from: 'repository', applied: true }]);

    const reviewer = path.join(scratch, 'reviewer.yaml');
    writeFileSync(
      reviewer,
      'failOn: fail\nwaivers:\n  - code: standards/no-ci\n    reason: CI is outside the repository for this programme\n    expires: 2999-12-31\n',
    );
    const reviewed = (await audit(['--policy', reviewer], 'reviewer')).rows.get('github:dpg/bare registry:bare-tools')?.report;
    expect(reviewed?.findings.find((finding) => finding.code === 'standards/no-ci')?.waiver?.reason).toBe('CI is outside the repository for this programme');
    expect(reviewed?.findings.find((finding) => finding.code === 'license/file-missing')?.waiver).toBeUndefined();
    expect(reviewed?.policies).toEqual([
      { path: '.dpg-check.yaml', from: 'repository', applied: false },
      { path: reviewer, from: 'reviewer', applied: true },
    ]);

    const missingPolicy = await runCliWith(['audit', 'fixtures/bare', '--policy', path.join(scratch, 'nowhere.yaml'), '--no-progress'], { env });
    expect(missingPolicy.code).toBe(2);
    expect(missingPolicy.stderr).toContain('Policy not found');
  }, 120_000);
});
