import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { validateManifestData } from '../../src/manifest/validate.js';
import { REPO_ROOT, runCli } from '../support/cli.js';

interface JsonReport {
  findings: Array<{ code: string; indicator: string; status: string; message: string }>;
}

const FIXTURES = readdirSync(path.join(REPO_ROOT, 'fixtures')).filter((name) => existsSync(path.join(REPO_ROOT, 'fixtures', name, 'README.md')) || existsSync(path.join(REPO_ROOT, 'fixtures', name, 'LICENSE')) || name === 'fail-5-no-readme');
/** Fixtures whose files show a complete licence and owner: init must make indicators 2 and 3 pass. */
const COMPLETE = ['complete-software', 'content-collection', 'data-set', 'ai-system'];
/** Failures only a person can clear: whether a content or data collection is wholly owned. */
const HUMAN_ONLY = new Set(['ownership/content-rights-missing']);

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
  return new Set(report.findings.filter((finding) => (finding.indicator === '2' || finding.indicator === '3') && finding.status === 'fail').map((finding) => finding.code));
}

describe('dpg-check init --yes on every fixture', () => {
  it.each(FIXTURES)('%s: the manifest validates and what was detected passes indicators 2 and 3', async (fixture) => {
    const dir = withoutManifest(fixture);
    const before = await failures(dir);
    const result = await runCli(['init', dir, '--yes']);
    expect(result.code, result.stderr).toBe(0);
    const text = readFileSync(path.join(dir, 'dpg.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=node_modules/dpg-check/schemas/dpg-manifest.schema.json');
    const manifest = parse(text) as Record<string, unknown>;
    expect(validateManifestData(manifest).problems).toEqual([]);
    // What only a person can answer is there, empty, for check to report.
    expect(manifest).toMatchObject({ sdgs: [], platformIndependence: {}, dataExtraction: {} });
    expect(text).toContain('# To answer: contact:');
    const after = await failures(dir);
    // init adds no failure to indicators 2 and 3: what it detected is consistent with the files...
    for (const code of after) expect(before.has(code) || HUMAN_ONLY.has(code), `${fixture}: ${code}`).toBe(true);
    // ...and where the files show a licence and an owner, those indicators pass.
    if (COMPLETE.includes(fixture)) expect([...after].filter((code) => !HUMAN_ONLY.has(code)), fixture).toEqual([]);
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

    const other = withoutManifest('bare');
    const noTerminal = await runCli(['init', other]);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain('standard input is not one');
    expect((await runCli(['init', path.join(other, 'missing')])).code).toBe(2);
  });
});
