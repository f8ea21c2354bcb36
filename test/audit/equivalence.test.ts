import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import type { Report } from '../../src/report/types.js';
import { LocalSource } from '../../src/source/local.js';
import { summarise } from '../remote/helpers.js';
import { cleanEnv, FIXTURE_REPOS, readJsonl, runCliWith } from './helpers.js';

/** An audit row's report is the report `check` gives (the audit's memoised licence and manifest work included). */
let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dpg-audit-same-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('dpg-check audit reports', () => {
  it('are the reports of dpg-check check, for every fixture (and a repeated one)', async () => {
    const out = path.join(scratch, 'fixtures.jsonl');
    const copy = path.join(scratch, 'copy-of-complete-software');
    cpSync(path.join('fixtures', 'complete-software'), copy, { recursive: true });
    const targets = [...FIXTURE_REPOS.map((name) => `fixtures/${name}`), copy];
    // A copy of the same manifest and licence in another folder: memoised work must not leak between them.
    const result = await runCliWith(['audit', ...targets, '--out', out, '--no-cache', '--concurrency', '3'], { env: cleanEnv(scratch) });
    expect([1, 3]).toContain(result.code);
    const rows = readJsonl(out);
    expect(rows).toHaveLength(targets.length);
    for (const row of rows) {
      const expected = await checkSource(await LocalSource.open(row.target));
      expect(summarise(row.report as unknown as Report), row.target).toEqual(summarise(expected));
    }
  }, 120_000);
});
