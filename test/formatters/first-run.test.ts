import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

/**
 * Issue 16: on a repository without a manifest, every format points to `dpg-check init`, and the text
 * report names the unanswered questions once instead of a "the manifest declares no ..." per indicator.
 */
describe('a first run (no manifest)', () => {
  it('the text report is at most 25 lines, says what to do next, and lists each unanswered question once', async () => {
    const result = await runCli(['check', 'fixtures/bare']);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(25);
    expect(lines[2]).toBe('Manifest: none. Next: run `dpg-check init`: it writes dpg.yaml with what the files show and asks the rest.');
    expect(lines[3]).toBe('Not answered yet (dpg.yaml answers them): indicators 1, 4, 6, 7, 9a, 9b, 9c, and part of 3, 8.');
    for (const code of ['sdg/none-declared', 'platform/not-declared', 'laws/not-declared', 'laws/contact-missing', 'pii/not-declared', 'manifest/missing'])
      expect(result.stdout).not.toContain(`[${code}]`);
    // What the files show is still there, and the verdict is the same.
    expect(result.stdout).toContain('[license/none-found]');
    expect(result.stdout).toContain('[standards/no-ci]');
    expect(lines.at(-1)).toMatch(/^NOT READY: indicators 1, 2, 3, 4, 5, 6, 7, 8, 9a, 9b, 9c fail/);
  });

  it.each(['text', 'json', 'md', 'html', 'sarif', 'junit', 'gitlab'])('--format %s tells the user to run dpg-check init', async (format) => {
    const result = await runCli(['check', 'fixtures/bare', '--format', format]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('dpg-check init');
  });

  it('the JSON report keeps every finding and says which questions are not answered yet', async () => {
    const report = JSON.parse((await runCli(['check', 'fixtures/bare', '--format', 'json'])).stdout);
    expect(report.notAnswered.indicators).toEqual(['1', '3', '4', '6', '7', '8', '9a', '9b', '9c']);
    expect(report.notAnswered.codes).toContain('sdg/none-declared');
    expect(report.findings.map((finding: { code: string }) => finding.code)).toContain('sdg/none-declared');
    // With a manifest there is no first run, even when the manifest leaves questions out.
    const answered = JSON.parse((await runCli(['check', 'fixtures/fail-7-no-laws', '--format', 'json'])).stdout);
    expect(answered.notAnswered).toBeUndefined();
  });
});

describe('the first-run summary', () => {
  it('names only partly unanswered indicators without an empty list, and leaves out an indicator the policy skips', async () => {
    const { firstRunView } = await import('../../src/formatters/groups.js');
    const finding = (code: string, indicator: string, status: 'fail' | 'warn') => ({ code, indicator, status, title: '', message: '', evidence: [] });
    const indicators = ['1', '3'].map((id) => ({
      id,
      title: `Indicator ${id}`,
      requirement: '',
      url: '',
      status: 'fail',
      counts: { fail: 1, warn: 0, review: 0, pass: 0, 'n/a': 0 },
    }));
    const report = {
      indicators,
      findings: [finding('ownership/owner-missing', '3', 'fail'), finding('ownership/no-copyright-notice', '3', 'warn')],
      notAnswered: { codes: ['ownership/owner-missing'], indicators: ['3'] },
    } as never;
    expect(firstRunView(report)?.summary).toBe('part of indicator 3');
  });

  it('an indicator the policy skips is not reported as not answered', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'dpg-first-run-'));
    try {
      const policy = path.join(folder, 'reviewer.yaml');
      writeFileSync(policy, 'indicators:\n  "1": { skip: true, reason: SDGs are judged elsewhere }\n');
      const report = JSON.parse((await runCli(['check', 'fixtures/bare', '--policy', policy, '--format', 'json'])).stdout);
      expect(report.notAnswered.indicators).not.toContain('1');
      expect(report.notAnswered.indicators).toContain('4');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
