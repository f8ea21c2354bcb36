/**
 * The SARIF formatter over real reports of the fixture repositories, checked for the structure GitHub
 * code scanning reads and validated with Microsoft's SARIF multitool (the official validator), with
 * GitHub's own rules (GH1001-GH2012: a location with a file and a start line on every result, full
 * message text, relative paths...) switched on.
 */
import { execFile, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshReport as check, reportFor } from '../support/reports.js';
import { checksDocAnchor } from '../../src/docs/checks-doc.js';
import { formatSarif, FINGERPRINT_KEY, sarifFor, type SarifLog } from '../../src/formatters/sarif.js';
import type { Report } from '../../src/report/types.js';

const OPTIONS = { color: false };


function parse(report: Report): SarifLog {
  return JSON.parse(formatSarif(report, OPTIONS)) as SarifLog;
}

function run(log: SarifLog) {
  expect(log.runs).toHaveLength(1);
  return log.runs[0]!;
}

const FIXTURES = ['fail-3-copyright-placeholder', 'bare', 'fail-manifest-invalid', 'warn-4-undeclared-mapbox', 'complete-software', 'fail-8-no-standards'];

describe('SARIF formatter', () => {
  it('describes the tool and one rule per code that has a result', async () => {
    const report = await reportFor('fail-3-copyright-placeholder');
    const log = parse(report);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    const { driver } = run(log).tool;
    expect(driver.name).toBe('dpg-check');
    expect(driver.version).toBe(report.tool.version);
    expect(driver.informationUri).toBe('https://github.com/dpg-check/dpg-check');
    const ids = driver.rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    const rule = driver.rules.find((candidate) => candidate.id === 'ownership/copyright-placeholder')!;
    expect(rule).toBeDefined();
    expect(rule.name).toBe('OwnershipCopyrightPlaceholder');
    expect(rule.shortDescription.text).toMatch(/^Copyright notice is a template/);
    expect(rule.fullDescription.text.length).toBeGreaterThan(10);
    expect(rule.help.text).toContain('Fix:');
    expect(rule.help.markdown).toContain('**Fix:**');
    expect(rule.helpUri).toBe(`https://github.com/dpg-check/dpg-check/blob/main/docs/checks.md#${checksDocAnchor('ownership/copyright-placeholder')}`);
    expect(rule.defaultConfiguration.level).toBe('error');
    expect(rule.properties.tags).toEqual(expect.arrayContaining(['dpg', 'dpg-indicator-3']));
    // Passing codes have no results and so no rules.
    expect(ids).not.toContain('sdg/declared');
  });

  it('reports failing, warning and review findings only, with the right rule, level and location', async () => {
    for (const fixture of FIXTURES) {
      const report = await reportFor(fixture);
      const sarif = run(parse(report));
      const actionable = report.findings.filter((finding) => ['fail', 'warn', 'review'].includes(finding.status));
      expect(sarif.results).toHaveLength(actionable.length);
      expect(sarif.results).toHaveLength(report.counts.fail + report.counts.warn + report.counts.review);
      sarif.results.forEach((result, index) => {
        const finding = actionable[index]!;
        expect(result.ruleId).toBe(finding.code);
        expect(sarif.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
        expect(result.level).toBe({ fail: 'error', warn: 'warning', review: 'note' }[finding.status as 'fail' | 'warn' | 'review']);
        expect(result.message.text).toContain(finding.message.trim().replace(/\.$/, ''));
        expect(result.locations).toHaveLength(1);
        const physical = result.locations[0]!.physicalLocation;
        expect(physical.artifactLocation.uri.length).toBeGreaterThan(0);
        expect(physical.region.startLine).toBeGreaterThanOrEqual(1);
        const evidence = finding.evidence.find((item) => item.path);
        if (evidence) {
          expect(physical.artifactLocation).toEqual({ uri: evidence.path, uriBaseId: '%SRCROOT%' });
          if (evidence.line) expect(physical.region.startLine).toBe(evidence.line);
          if (evidence.line && evidence.column) expect(physical.region.startColumn).toBe(evidence.column);
        } else {
          // The documented fallback: the manifest, else README.md, at line 1.
          expect(physical.artifactLocation.uri).toBe(report.manifest?.path ?? 'README.md');
          expect(physical.region.startLine).toBe(1);
        }
      });
    }
  });

  it('places the placeholder copyright at LICENSE line 3', async () => {
    const sarif = run(parse(await reportFor('fail-3-copyright-placeholder')));
    const result = sarif.results.find((candidate) => candidate.ruleId === 'ownership/copyright-placeholder')!;
    expect(result.level).toBe('error');
    expect(result.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'LICENSE', uriBaseId: '%SRCROOT%' }, region: { startLine: 3 } });
    expect(result.message.text).toContain('unfilled template');
  });

  it('gives every result a partial fingerprint that is stable across runs and unique within one', async () => {
    for (const fixture of ['bare', 'fail-manifest-invalid', 'fail-3-copyright-placeholder']) {
      const first = run(parse(await check(fixture))).results.map((result) => result.partialFingerprints[FINGERPRINT_KEY]);
      const second = run(parse(await check(fixture))).results.map((result) => result.partialFingerprints[FINGERPRINT_KEY]);
      expect(first.every((value) => typeof value === 'string' && /^[0-9a-f]{32}$/.test(value))).toBe(true);
      expect(second).toEqual(first);
      expect(new Set(first).size).toBe(first.length);
    }
  });

  it('keeps fingerprints when the flagged text moves to another line', async () => {
    const report = await reportFor('fail-3-copyright-placeholder');
    const moved = structuredClone(report);
    const finding = moved.findings.find((candidate) => candidate.code === 'ownership/copyright-placeholder')!;
    finding.evidence = [{ path: 'LICENSE', line: 7 }];
    finding.args = { ...finding.args, line: 7 };
    finding.message = finding.message.replace('line 3', 'line 7');
    const before = sarifFor(report).runs[0]!.results.find((result) => result.ruleId === finding.code)!;
    const after = sarifFor(moved).runs[0]!.results.find((result) => result.ruleId === finding.code)!;
    expect(after.locations[0]!.physicalLocation.region.startLine).toBe(7);
    expect(after.partialFingerprints).toEqual(before.partialFingerprints);
  });

  it('marks waived findings as externally suppressed results', async () => {
    const report = structuredClone(await reportFor('fail-3-copyright-placeholder'));
    const finding = report.findings.find((candidate) => candidate.code === 'ownership/copyright-placeholder')!;
    finding.waiver = { reason: 'Owner confirmed in the NOTICE file', expires: '2030-06-30' };
    const result = run(parse(report)).results.find((candidate) => candidate.ruleId === finding.code)!;
    expect(result.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'Owner confirmed in the NOTICE file (waived until 2030-06-30)' }]);
    const others = run(parse(report)).results.filter((candidate) => candidate.ruleId !== finding.code);
    expect(others.every((candidate) => candidate.suppressions === undefined)).toBe(true);
  });

  it('records the run: invocation and verdict', async () => {
    const report = await reportFor('fail-3-copyright-placeholder');
    const sarif = run(parse(report));
    expect(sarif.invocations).toEqual([expect.objectContaining({ executionSuccessful: true, startTimeUtc: report.timing.startedAt })]);
    expect(sarif.properties).toMatchObject({ verdict: 'not-ready' });
  });
});

/** The multitool's native binary, from the platform package @microsoft/sarif-multitool installs. */
function multitool(): { binary?: string; reason?: string } {
  let binary: string;
  try {
    binary = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;
  } catch (error) {
    return { reason: `@microsoft/sarif-multitool is not installed for ${process.platform}: ${String(error)}` };
  }
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    // The package's own postinstall is `chmod u+x Sarif.Multitool`; npm may not have run it
    // (--ignore-scripts, or install scripts not allowed), so do the same here.
    try {
      chmodSync(binary, statSync(binary).mode | 0o100);
    } catch (error) {
      return { reason: `the SARIF multitool binary is not executable and cannot be made so: ${String(error)}` };
    }
  }
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.error || probe.status !== 0) return { reason: `the SARIF multitool binary cannot run here (${probe.error?.message ?? `exit ${probe.status}: ${probe.stderr}`})` };
  return { binary };
}

/** GitHub's rules are off by default; this configuration switches them on as errors. */
const GITHUB_RULES = [
  'GH1001.ProvideRequiredLocationProperties',
  'GH1002.InlineThreadFlowLocations',
  'GH1003.ProvideRequiredRegionProperties',
  'GH1004.ReviewArraysThatExceedConfigurableDefaults',
  'GH1005.LocationsMustBeRelativeUrisOrFilePaths',
  'GH1006.ProvideCheckoutPath',
  'GH1007.ProvideFullyFormattedMessageStrings',
  'GH1011.GhasReferenceFinalSchema',
  'GH1013.GhProvideRequiredSarifLogProperties',
  'GH1014.GhasProvideRequiredRunProperties',
  'GH1015.GhasProvideRequiredResultProperties',
  'GH1016.GhasProvideRequiredLocationProperties',
  'GH1017.GhasProvideRequiredPhysicalLocationProperties',
  'GH1018.GhasProvideToolDriver',
  'GH2012.GhasProvideRequiredReportingDescriptorProperties',
];
const GITHUB_CONFIG = `<?xml version="1.0" encoding="utf-8"?>\n<Properties>\n${GITHUB_RULES.map((rule) => `  <Properties Key="${rule}.Options">\n    <Property Key="RuleEnabled" Value="Error" Type="Driver.RuleEnabledState" />\n  </Properties>\n`).join('')}</Properties>\n`;

interface ValidationProblem {
  ruleId: string;
  level: string;
  where: string;
  message: string;
}

const tool = multitool();
const work = mkdtempSync(path.join(tmpdir(), 'dpg-sarif-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Runs `sarif-multitool validate` (no shell) and returns what it found, notes included. The files come
 * after a single-valued option: a list option such as `--log` would take them as its own values.
 */
function validate(files: string[]): Promise<ValidationProblem[]> {
  const config = path.join(work, 'github-rules.xml');
  writeFileSync(config, GITHUB_CONFIG);
  const output = path.join(work, `validation-${Math.random().toString(36).slice(2)}.sarif`);
  return new Promise((resolve, reject) => {
    execFile(tool.binary!, ['validate', '--rule-kind', 'Sarif;Gh;Ghas', '--log', 'ForceOverwrite', '--output', output, '--config', config, ...files], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && !/Analysis completed/.test(stdout)) {
        reject(new Error(`sarif-multitool failed: ${error.message}\n${stdout}\n${stderr}`));
        return;
      }
      const log = JSON.parse(readFileSync(output, 'utf8')) as { runs: Array<{ results?: Array<{ ruleId: string; level?: string; message: { text?: string; arguments?: string[] }; locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string } } }> }> }> };
      const problems = (log.runs[0]?.results ?? []).map((result) => ({
        ruleId: result.ruleId,
        level: result.level ?? 'warning',
        where: result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '',
        message: result.message.text ?? (result.message.arguments ?? []).join(' | '),
      }));
      resolve(problems);
    });
  });
}

describe.skipIf(!tool.binary)(`SARIF multitool validation${tool.reason ? ` (skipped: ${tool.reason})` : ''}`, () => {
  it('finds no error, warning or note in the SARIF of several fixtures, GitHub rules included', async () => {
    const files: string[] = [];
    for (const fixture of FIXTURES) {
      const file = path.join(work, `${fixture}.sarif`);
      writeFileSync(file, formatSarif(await reportFor(fixture), OPTIONS));
      files.push(file);
    }
    const waived = structuredClone(await reportFor('fail-3-copyright-placeholder'));
    waived.findings.find((finding) => finding.code === 'ownership/copyright-placeholder')!.waiver = { reason: 'Accepted for now', expires: '2030-01-01' };
    const waivedFile = path.join(work, 'waived.sarif');
    writeFileSync(waivedFile, formatSarif(waived, OPTIONS));
    files.push(waivedFile);

    const problems = await validate(files);
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  });

  it('is a real check: a result without a region breaks GitHub rule GH1003', async () => {
    const log = sarifFor(await reportFor('fail-3-copyright-placeholder'));
    const physical = log.runs[0]!.results[0]!.locations[0]!.physicalLocation as { region?: unknown };
    delete physical.region;
    const file = path.join(work, 'broken.sarif');
    writeFileSync(file, JSON.stringify(log));
    const problems = await validate([file]);
    expect(problems.map((problem) => problem.ruleId)).toContain('GH1003');
  });
});
