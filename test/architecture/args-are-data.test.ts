/**
 * Findings carry data, not prose (issue 18): every argument of every finding the fixtures produce is
 * an id, a path, a number, a quote of the repository or a list of those, by the rule of
 * test/support/prose-args.ts; the words around them are the templates' (src/findings.ts), where
 * docs/checks.md shows them. The fixtures are checked in this process: each repository of fixtures/
 * and fixtures/bad-inputs/, the registry records given as the manifest and cross-checked against a
 * repository, and a policy that exercises the policy codes (applied, and only reported).
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureRepositories } from '../../scripts/fixture-overlays.js';
import { runCheck, type RunCheckOptions } from '../../src/app/run-check.js';
import { loadRecord } from '../../src/audit/registry.js';
import { describeTemplate, renderTemplate, type Finding } from '../../src/findings.js';
import { allCodes } from '../../src/rules/codes.js';
import { REPO_ROOT } from '../support/cli.js';
import { FoundText, folderTexts, proseProblem } from '../support/prose-args.js';

const FIXTURES = path.join(REPO_ROOT, 'fixtures');
const scratch = mkdtempSync(path.join(tmpdir(), 'dpg-args-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function folders(parent: string): string[] {
  return readdirSync(parent)
    .filter((name) => statSync(path.join(parent, name)).isDirectory())
    .map((name) => path.join(parent, name));
}

/** A policy that produces every policy code: an unknown code, an unused waiver with a path, an expired one, a skipped indicator, an invalid entry. */
const POLICY = [
  'failOn: warn',
  'indicators:',
  '  "8":',
  '    skip: true',
  '    reason: Standards are reviewed by hand',
  '  "9a":',
  '    required: true',
  'waivers:',
  '  - code: licence/not-approved',
  '    reason: typo',
  '    expires: 2099-01-01',
  '  - code: license/not-approved',
  '    path: LICENSE',
  '    reason: nothing matches',
  '    expires: 2099-01-01',
  '  - code: standards/no-tests',
  '    reason: expired',
  '    expires: 2020-01-01',
  '  - code: manifest/found',
  '    reason: waived',
  '    expires: 2099-01-01',
  '  - code: copyright-placeholder',
  '    reason: not a code',
  '    expires: 2099-01-01',
  '',
].join('\n');

interface Run {
  name: string;
  target: string;
  options?: RunCheckOptions;
  /** Where the run's arguments may come from: the repository's files and those of its manifest. */
  found: string[];
}

function runs(): Run[] {
  const list: Run[] = [...fixtureRepositories(FIXTURES).map((name) => path.join(FIXTURES, name)), ...folders(path.join(FIXTURES, 'bad-inputs'))].map(
    (folder) => ({ name: path.relative(REPO_ROOT, folder), target: folder, found: [folder] }),
  );
  const records = readdirSync(path.join(FIXTURES, 'registry')).filter((name) => name.endsWith('.json'));
  for (const file of records) {
    const recordPath = path.join(FIXTURES, 'registry', file);
    list.push({ name: `registry record ${file} as the manifest`, target: recordPath, found: [recordPath] });
    const loaded = loadRecord(recordPath);
    if (!loaded.record) continue;
    for (const repository of ['complete-software', 'fail-2-not-approved', 'bare']) {
      const folder = path.join(FIXTURES, repository);
      list.push({
        name: `registry record ${file} against ${repository}`,
        target: folder,
        options: { application: { ref: loaded.ref, record: loaded.record, ...(loaded.application ? { manifest: loaded.application } : {}) } },
        found: [folder, recordPath],
      });
    }
  }
  const policyFile = path.join(scratch, 'reviewer-policy.yaml');
  writeFileSync(policyFile, POLICY);
  const complete = path.join(FIXTURES, 'complete-software');
  list.push({ name: 'a reviewer policy', target: complete, options: { reviewerPolicy: policyFile }, found: [complete, policyFile] });
  const withPolicy = path.join(scratch, 'with-policy');
  cpSync(complete, withPolicy, { recursive: true });
  writeFileSync(path.join(withPolicy, '.dpg-check.yaml'), POLICY);
  list.push({ name: "the repository's policy, reported", target: withPolicy, options: { repositoryPolicy: 'report' }, found: [withPolicy] });
  list.push({ name: "the repository's policy, applied", target: withPolicy, found: [withPolicy] });
  return list;
}

describe('finding arguments are data', () => {
  it('every template of every code parses, and docs/checks.md shows no construct of the language', () => {
    for (const [code, definition] of allCodes()) {
      for (const template of [definition.message, definition.fix, definition.question]) {
        if (template === undefined) continue;
        expect(() => renderTemplate(template, {}), code).not.toThrow();
        expect(describeTemplate(template), code).not.toMatch(/\{\?|\{\w+[|/]/);
      }
    }
  });

  it('no argument of a finding from the fixtures is prose (test/support/prose-args.ts)', { timeout: 180_000 }, async () => {
    const codes = allCodes();
    const problems: string[] = [];
    const seen = new Map<string, number>();
    for (const run of runs()) {
      const { report } = await runCheck(run.target, run.options ?? {});
      const found = new FoundText(run.found.flatMap((where) => (statSync(where).isDirectory() ? folderTexts(where) : folderTexts(path.dirname(where)))));
      for (const finding of report.findings as Finding[]) {
        expect(codes.has(finding.code), finding.code).toBe(true);
        for (const [name, value] of Object.entries(finding.args ?? {})) {
          seen.set(finding.code, (seen.get(finding.code) ?? 0) + 1);
          const problem = proseProblem(name, value, found);
          if (problem) problems.push(`${run.name}: ${finding.code} ${problem}`);
        }
      }
    }
    expect(problems).toEqual([]);
    // The runs reach most codes with arguments (the rest are held to the rule by the indicator tester's cases).
    const withArgs = [...codes.values()].filter((definition) => /\{[?\w]/.test(`${definition.message}${definition.fix ?? ''}${definition.question ?? ''}`));
    expect(withArgs.filter((definition) => seen.has(definition.code)).length).toBeGreaterThan(withArgs.length / 2);
  });
});
