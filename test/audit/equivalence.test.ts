import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { REPO_ROOT } from '../support/cli.js';
import { cleanEnv, FIXTURE_REPOS, readJsonl, runCliWith } from './helpers.js';

/**
 * One pipeline: the CLI's check, the GitHub Action and an audit give the same report for the same
 * target and options, for every fixture, a manifest given as the target and a registry record given
 * as the target (the audit with --apply-repository-policy, which is what check and the Action do).
 */
let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dpg-same-report-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Everything a report says about the target; only the timing differs from run to run. */
function comparable(report: Report): Omit<Report, 'timing'> {
  const { timing: _timing, ...rest } = report;
  return rest;
}

async function viaCheck(target: string): Promise<Report> {
  const result = await runCliWith(['check', target, '--format', 'json'], { env: cleanEnv(scratch) });
  expect([0, 1], `${target}: ${result.stderr}`).toContain(result.code);
  return JSON.parse(result.stdout) as Report;
}

async function viaAction(target: string, name: string): Promise<Report> {
  const folder = path.join(scratch, 'action', name);
  mkdirSync(folder, { recursive: true });
  for (const file of ['summary.md', 'output.txt']) writeFileSync(path.join(folder, file), '');
  const report = path.join(folder, 'report.json');
  const result = await runCliWith([], {
    env: cleanEnv(scratch, {
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: REPO_ROOT,
      RUNNER_TEMP: folder,
      GITHUB_STEP_SUMMARY: path.join(folder, 'summary.md'),
      GITHUB_OUTPUT: path.join(folder, 'output.txt'),
      INPUT_TARGET: target,
      INPUT_FORMATS: `json=${path.join(folder, 'stdout.json')}`,
      INPUT_REPORT_PATH: report,
    }),
    // The Action as it ships: the committed bundle (scripts/bundle-action.js).
    cli: path.join(REPO_ROOT, 'action/index.js'),
  });
  expect([0, 1], `${target}: ${result.stdout}${result.stderr}`).toContain(result.code);
  return JSON.parse(readFileSync(report, 'utf8')) as Report;
}

describe('the CLI, the Action and the audit', () => {
  it('give the same report for every fixture, a manifest as the target and a registry record as the target', async () => {
    const copy = path.join(scratch, 'copy-of-complete-software');
    cpSync(path.join('fixtures', 'complete-software'), copy, { recursive: true });
    // A copy of the same manifest and licence in another folder: work remembered between targets must not leak.
    const targets = [
      ...FIXTURE_REPOS.map((name) => `fixtures/${name}`),
      copy,
      'fixtures/complete-software/dpg.yaml',
      'fixtures/registry/layout/nominees/bare-tools.json',
    ];
    const out = path.join(scratch, 'fixtures.jsonl');
    const result = await runCliWith(['audit', ...targets, '--apply-repository-policy', '--out', out, '--no-cache', '--no-progress', '--concurrency', '3'], {
      env: cleanEnv(scratch),
    });
    expect([1, 3], result.stderr).toContain(result.code);
    const rows = new Map(readJsonl(out).map((row) => [row.target, row]));
    expect(rows.size).toBe(targets.length);
    for (const [index, target] of targets.entries()) {
      const row = rows.get(target);
      expect(row?.error, target).toBeUndefined();
      const fromCheck = comparable(await viaCheck(target));
      expect(comparable(row?.report as unknown as Report), `audit of ${target}`).toEqual(fromCheck);
      expect(comparable(await viaAction(target, String(index))), `Action on ${target}`).toEqual(fromCheck);
    }
  }, 240_000);
});
