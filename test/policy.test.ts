import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allCodes } from '../src/rules/codes.js';
import { renderTemplate, type Finding } from '../src/findings.js';
import { applyPolicy, POLICY_CODES } from '../src/policy/apply.js';
import { parsePolicy } from '../src/policy/load.js';
import { REPO_ROOT, runCli } from './support/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'dpg-policy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
/** A copy of the fixture whose only failure is the template copyright line in LICENSE (indicator 3). */
function failingRepo(policy?: string): string {
  const folder = path.join(scratch, `repo-${counter++}`);
  cpSync(path.join(REPO_ROOT, 'fixtures/fail-3-copyright-placeholder'), folder, { recursive: true });
  if (policy !== undefined) writeFileSync(path.join(folder, '.dpg-check.yaml'), policy);
  return folder;
}

async function check(folder: string, ...args: string[]) {
  const result = await runCli(['check', folder, '--format', 'json', ...args]);
  return { code: result.code, report: JSON.parse(result.stdout), stderr: result.stderr };
}

describe('waivers', () => {
  it('an active waiver keeps the finding, marked waived, and the check passes', async () => {
    const { code, report } = await check(
      failingRepo('waivers:\n  - code: ownership/copyright-placeholder\n    reason: The owner is being confirmed with the ministry\n    expires: 2099-12-31\n'),
    );
    expect(code).toBe(0);
    expect(report.verdict).toBe('ready');
    const waived = report.findings.find((finding: Finding) => finding.code === 'ownership/copyright-placeholder');
    expect(waived).toMatchObject({ status: 'fail', waiver: { reason: 'The owner is being confirmed with the ministry', expires: '2099-12-31' } });
    expect(report.waived).toBe(1);
    expect(report.counts.fail).toBe(0);
    expect(report.policy).toEqual({ path: '.dpg-check.yaml' });
  });

  it('an indicator whose every finding is waived passes by the waivers and says so, never n/a', async () => {
    const folder = path.join(scratch, `repo-${counter++}`);
    cpSync(path.join(REPO_ROOT, 'fixtures/fail-9b-content-unmoderated'), folder, { recursive: true });
    const waive = (code: string) => `  - code: ${code}\n    reason: moderation moves to the platform team in Q1\n    expires: 2099-12-31\n`;
    writeFileSync(
      path.join(folder, '.dpg-check.yaml'),
      `waivers:\n${['content/policy-missing', 'content/process-missing', 'content/response-time-missing'].map(waive).join('')}`,
    );
    const { code, report } = await check(folder);
    expect(code).toBe(0);
    const indicator = report.indicators.find((candidate: { id: string }) => candidate.id === '9b');
    expect(indicator).toMatchObject({ status: 'pass', waived: ['content/policy-missing', 'content/process-missing', 'content/response-time-missing'] });
    const text = await runCli(['check', folder, '--no-color']);
    expect(text.stdout).toMatch(
      /9b\. Inappropriate and illegal content \(by waiver: content\/policy-missing, content\/process-missing, content\/response-time-missing\)/,
    );
    const markdown = await runCli(['check', folder, '--format', 'markdown']);
    expect(markdown.stdout).toContain('pass (by waiver: `content/policy-missing`');
  });

  it('an expired waiver fails with a message that says it expired, and the finding counts again', async () => {
    const { code, report } = await check(failingRepo('waivers:\n  - code: ownership/copyright-placeholder\n    reason: temporary\n    expires: 2020-01-31\n'));
    expect(code).toBe(1);
    const expired = report.findings.find((finding: Finding) => finding.code === 'policy/waiver-expired');
    expect(expired).toMatchObject({
      indicator: 'policy',
      status: 'fail',
      message: 'The waiver for ownership/copyright-placeholder expired on 2020-01-31 ("temporary").',
      evidence: [{ path: '.dpg-check.yaml', line: 2, column: 5 }],
    });
    expect(report.findings.find((finding: Finding) => finding.code === 'ownership/copyright-placeholder').waiver).toBeUndefined();
  });

  it('a waiver for an unknown code is a warning and waives nothing', async () => {
    const { code, report } = await check(failingRepo('waivers:\n  - code: ownership/no-such-thing\n    reason: typo\n    expires: 2099-01-01\n'));
    expect(code).toBe(1);
    expect(report.findings.find((finding: Finding) => finding.code === 'policy/waiver-unknown-code')).toMatchObject({
      status: 'warn',
      message: 'The waiver for ownership/no-such-thing names no known finding code.',
    });
  });

  it('a path-scoped waiver only covers findings in that file', async () => {
    const elsewhere = await check(
      failingRepo('waivers:\n  - code: ownership/copyright-placeholder\n    path: NOTICE\n    reason: wrong file\n    expires: 2099-01-01\n'),
    );
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.report.findings.map((finding: Finding) => finding.code)).toContain('policy/waiver-unused');
    const here = await check(
      failingRepo('waivers:\n  - code: ownership/copyright-placeholder\n    path: LICENSE\n    reason: right file\n    expires: 2099-01-01\n'),
    );
    expect(here.code).toBe(0);
  });

  it('a waiver holds through its expiry day, in UTC', () => {
    const finding: Finding = {
      code: 'ownership/copyright-placeholder',
      indicator: '3',
      status: 'fail',
      title: 't',
      message: 'm',
      evidence: [{ path: 'LICENSE', line: 3 }],
    };
    const policy = parsePolicy('.dpg-check.yaml', 'waivers:\n  - code: ownership/copyright-placeholder\n    reason: r\n    expires: 2026-11-27\n');
    const known = new Set(allCodes().keys());
    expect(applyPolicy([finding], policy, known, new Date('2026-11-27T23:59:00Z')).findings[0]?.waiver).toBeDefined();
    expect(applyPolicy([finding], policy, known, new Date('2026-11-28T00:00:01Z')).drafts.map((draft) => draft.code)).toEqual(['policy/waiver-expired']);
  });
});

describe('indicator settings and failOn', () => {
  it('a skipped indicator is n/a with its reason and does not fail the check', async () => {
    const { code, report } = await check(failingRepo('indicators:\n  "3":\n    skip: true\n    reason: Ownership is settled in the grant agreement\n'));
    expect(code).toBe(0);
    expect(report.indicators.find((indicator: { id: string }) => indicator.id === '3')).toMatchObject({
      status: 'n/a',
      skipped: 'Ownership is settled in the grant agreement',
    });
  });

  it('a required indicator fails on its review findings', async () => {
    const folder = path.join(scratch, 'required');
    cpSync(path.join(REPO_ROOT, 'fixtures/complete-software'), folder, { recursive: true });
    expect((await check(folder)).code).toBe(0);
    writeFileSync(path.join(folder, '.dpg-check.yaml'), 'indicators:\n  9a:\n    required: true\n    reason: We hold health data\n');
    const { code, report } = await check(folder);
    expect(code).toBe(1);
    expect(report.indicators.find((indicator: { id: string }) => indicator.id === '9a')).toMatchObject({ status: 'review', required: true });
  });

  it("the policy's failOn applies, and --fail-on overrides it", async () => {
    const folder = path.join(scratch, 'fail-on');
    cpSync(path.join(REPO_ROOT, 'fixtures/complete-software'), folder, { recursive: true });
    rmSync(path.join(folder, '.github'), { recursive: true });
    writeFileSync(path.join(folder, '.dpg-check.yaml'), 'failOn: warn\n');
    expect((await check(folder)).report).toMatchObject({ verdict: 'not-ready', failOn: 'warn' });
    expect((await check(folder, '--fail-on', 'fail')).report).toMatchObject({ verdict: 'ready', failOn: 'fail' });
  });

  it('reads the policy from the manifest when there is no .dpg-check.yaml', async () => {
    const folder = failingRepo();
    const manifest = readFileSync(path.join(folder, 'dpg.yaml'), 'utf8');
    writeFileSync(
      path.join(folder, 'dpg.yaml'),
      `${manifest}\npolicy:\n  waivers:\n    - code: ownership/copyright-placeholder\n      reason: being fixed\n      expires: 2099-01-01\n`,
    );
    const { code, report } = await check(folder);
    expect(code).toBe(0);
    expect(report.policy).toEqual({ path: 'dpg.yaml' });
  });

  it('reports an invalid policy with file:line:column, and applies the valid rest', async () => {
    const { code, report } = await check(
      failingRepo(
        'failOn: sometimes\nwaivers:\n  - code: ownership/copyright-placeholder\n    reason: ok\n    expires: 2099-01-01\n  - code: ownership/copyright-placeholder\n    expires: 2099-01-01\n',
      ),
    );
    expect(code).toBe(1);
    const invalid = report.findings.filter((finding: Finding) => finding.code === 'policy/invalid');
    expect(invalid.map((finding: Finding) => [finding.evidence[0]?.line, finding.message])).toEqual([
      [1, '.dpg-check.yaml: `failOn` must be one of fail, warn, found "sometimes"'],
      [6, '.dpg-check.yaml: `waivers[1]` has no `reason`, which is required'],
    ]);
    expect(report.findings.find((finding: Finding) => finding.code === 'ownership/copyright-placeholder').waiver).toBeDefined();
  });
});

describe('mistakes in a policy get a suggestion (issue 16)', () => {
  it('a mistyped waiver code suggests the closest known code and waives nothing', async () => {
    const { code, report } = await check(
      failingRepo('waivers:\n  - code: ownership/copyright-placehloder\n    reason: The owner is being confirmed with the ministry\n    expires: 2099-12-31\n'),
    );
    expect(code).toBe(1);
    expect(report.findings.find((finding: Finding) => finding.code === 'policy/waiver-unknown-code')).toMatchObject({
      status: 'warn',
      message: 'The waiver for ownership/copyright-placehloder names no known finding code. Did you mean ownership/copyright-placeholder?',
      evidence: [{ path: '.dpg-check.yaml', line: 2, column: 5 }],
    });
    expect(report.findings.find((finding: Finding) => finding.code === 'ownership/copyright-placeholder').waiver).toBeUndefined();
  });

  it('a code under the wrong area, misspelt, or without its area finds the code meant', () => {
    const finding: Finding = {
      code: 'ownership/copyright-placeholder',
      indicator: '3',
      status: 'fail',
      title: 't',
      message: 'm',
      evidence: [{ path: 'LICENSE', line: 3 }],
    };
    const known = new Set(allCodes().keys());
    const waivers = ['licence/not-approved', 'sdg/none-declred', 'manifest/copyright-placeholder'];
    const policy = parsePolicy('.dpg-check.yaml', `waivers:\n${waivers.map((code) => `  - code: ${code}\n    reason: r\n    expires: 2099-01-01\n`).join('')}`);
    expect(policy.problems).toEqual([]);
    const drafts = applyPolicy([finding], policy, known, new Date('2026-01-01T00:00:00Z')).drafts;
    // The suggestion is data (the code meant); the template words it.
    expect(drafts.map((draft) => (draft.args as Record<string, unknown> | undefined)?.suggestion)).toEqual([
      'license/not-approved',
      'sdg/none-declared',
      'ownership/copyright-placeholder',
    ]);
    expect(drafts.map((draft) => renderTemplate(POLICY_CODES['policy/waiver-unknown-code'].message, draft.args))).toEqual([
      'The waiver for licence/not-approved names no known finding code. Did you mean license/not-approved?',
      'The waiver for sdg/none-declred names no known finding code. Did you mean sdg/none-declared?',
      'The waiver for manifest/copyright-placeholder names no known finding code. Did you mean ownership/copyright-placeholder?',
    ]);
  });

  it('a waiver code not shaped like one (no area, capitals) is invalid and still gets the code meant', () => {
    const policy = parsePolicy(
      '.dpg-check.yaml',
      'waivers:\n  - code: copyright-placeholder\n    reason: r\n    expires: 2099-01-01\n  - code: License/Not-Approved\n    reason: r\n    expires: 2099-01-01\n',
    );
    const drafts = applyPolicy([], policy, new Set(allCodes().keys()), new Date('2026-01-01T00:00:00Z')).drafts;
    expect(drafts.map((draft) => [draft.code, draft.evidence?.[0]?.line, renderTemplate(POLICY_CODES['policy/invalid'].message, draft.args)])).toEqual([
      [
        'policy/invalid',
        2,
        '.dpg-check.yaml: `waivers[0].code` must be a finding code such as license/not-approved (docs/checks.md lists them), found "copyright-placeholder"; did you mean ownership/copyright-placeholder?',
      ],
      [
        'policy/invalid',
        5,
        '.dpg-check.yaml: `waivers[1].code` must be a finding code such as license/not-approved (docs/checks.md lists them), found "License/Not-Approved"; did you mean license/not-approved?',
      ],
    ]);
  });

  it('unknown policy keys and bad values are named in plain words, at their line', () => {
    const text =
      'failOn: warning\nwaiver: []\nindicators:\n  "9":\n    skp: true\n    reason: Content moderation is the host platform\'s\nwaivers:\n  - code: ownership/copyright-placeholder\n    reason: Being confirmed\n    expires: end of March\n';
    const policy = parsePolicy('.dpg-check.yaml', text);
    expect(policy.problems.map((problem) => `${problem.position?.line}:${problem.position?.column} ${problem.message}`)).toEqual([
      '2:1 unknown key `waiver` in the policy; did you mean `waivers`?',
      '1:9 `failOn` must be one of fail, warn, found "warning"; did you mean `warn`?',
      '4:3 the key `9` in `indicators` must be one of 1, 2, 3, 4, 5, 6, 7, 8, 9a, 9b, 9c; did you mean `9a`, `9b` or `9c`?',
      '5:5 unknown key `skp` in `indicators["9"]`; did you mean `skip`?',
      '10:14 `waivers[0].expires` must be a date written YYYY-MM-DD, such as 2026-12-31, found "end of March"',
    ]);
  });
});

describe('a refused indicator key in a policy (issue 16)', () => {
  it('drops only that indicator; the others still apply', () => {
    const policy = parsePolicy(
      '.dpg-check.yaml',
      'indicators:\n  "10":\n    skip: true\n    reason: typo for 1\n  "3":\n    skip: true\n    reason: Ownership is settled in the grant agreement\n',
    );
    expect(policy.problems.map((problem) => `${problem.position?.line}:${problem.position?.column} ${problem.message}`)).toEqual([
      '2:3 the key `10` in `indicators` must be one of 1, 2, 3, 4, 5, 6, 7, 8, 9a, 9b, 9c; did you mean `1`?',
    ]);
    expect(policy.policy.indicators).toEqual({ 3: { skip: true, reason: 'Ownership is settled in the grant agreement' } });
  });
});
