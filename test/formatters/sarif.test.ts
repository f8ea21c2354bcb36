/**
 * The SARIF formatter over real reports of the fixture repositories, checked for the structure GitHub
 * code scanning reads and validated with Microsoft's SARIF multitool (the official validator), with
 * GitHub's own rules (GH1001-GH2012: a location with a file and a start line on every result, full
 * message text, relative paths...) switched on.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/cli.js';
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

/**
 * A path of the checked folder as code scanning reads it, from the root of the git repository: the
 * fixtures are a subfolder of this repository's work tree (when the tests run in a clone of it).
 */
function fromRepositoryRoot(report: Report, file: string): string {
  const root = report.source.repositoryRoot;
  if (root === undefined) return file;
  return [...path.relative(root, report.source.location).split(path.sep), file].join('/');
}

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
          expect(physical.artifactLocation).toEqual({ uri: fromRepositoryRoot(report, evidence.path!), uriBaseId: '%SRCROOT%' });
          if (evidence.line) expect(physical.region.startLine).toBe(evidence.line);
          if (evidence.line && evidence.column) expect(physical.region.startColumn).toBe(evidence.column);
        } else {
          // The documented fallback: the manifest, else the README (each of these fixtures has README.md), at line 1.
          expect(physical.artifactLocation.uri).toBe(fromRepositoryRoot(report, report.manifest?.path ?? 'README.md'));
          expect(physical.region.startLine).toBe(1);
        }
      });
    }
  });

  it('places the placeholder copyright at LICENSE line 3', async () => {
    const report = await reportFor('fail-3-copyright-placeholder');
    const sarif = run(parse(report));
    const result = sarif.results.find((candidate) => candidate.ruleId === 'ownership/copyright-placeholder')!;
    expect(result.level).toBe('error');
    expect(result.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: fromRepositoryRoot(report, 'LICENSE'), uriBaseId: '%SRCROOT%' },
      region: { startLine: 3 },
    });
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
    expect(result.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'Owner confirmed in the NOTICE file (waived until 2030-06-30)' },
    ]);
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

const work = mkdtempSync(path.join(tmpdir(), 'dpg-sarif-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A git repository (git init; nothing needs committing) with projects in subfolders, as a monorepo
 * has them: apps/clinic (a fixture with a placeholder copyright and a dpg.yaml), tools/scanner (code
 * only: neither a manifest nor a README), tools/cli (its README in .github/, where GitHub finds it too)
 * and answers/clinic.yaml, a manifest kept apart from the project.
 */
function monorepo(): string {
  const root = path.join(work, 'monorepo');
  if (existsSync(root)) return root;
  cpSync(path.join(REPO_ROOT, 'fixtures/fail-3-copyright-placeholder'), path.join(root, 'apps/clinic'), { recursive: true });
  mkdirSync(path.join(root, 'tools/scanner'), { recursive: true });
  writeFileSync(path.join(root, 'tools/scanner/scan.py'), 'import sys\n\nprint("scanning", sys.argv[1:])\n');
  mkdirSync(path.join(root, 'tools/cli/.github'), { recursive: true });
  writeFileSync(path.join(root, 'tools/cli/cli.py'), 'print("hello")\n');
  writeFileSync(path.join(root, 'tools/cli/.github/README.md'), '# Clinic CLI\n\nA command line for the clinic registry.\n');
  mkdirSync(path.join(root, 'answers'));
  cpSync(path.join(root, 'apps/clinic/dpg.yaml'), path.join(root, 'answers/clinic.yaml'));
  execFileSync('git', ['init', '-q', root]);
  return root;
}

async function sarifOf(args: string[], cwd: string): Promise<SarifLog> {
  const result = await runCli(['check', ...args, '--format', 'sarif'], { cwd });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as SarifLog;
}

function uris(log: SarifLog): string[] {
  return run(log).results.flatMap((result) =>
    [...result.locations, ...(result.relatedLocations ?? [])].map((location) => location.physicalLocation.artifactLocation.uri),
  );
}

describe('SARIF of a subfolder of a git repository', () => {
  it('re-bases every location on the repository root, from the root or from inside the subfolder, as the Action re-bases its annotations', async () => {
    const root = monorepo();
    const fromRoot = await sarifOf(['apps/clinic'], root);
    const placeholder = run(fromRoot).results.find((result) => result.ruleId === 'ownership/copyright-placeholder')!;
    expect(placeholder.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'apps/clinic/LICENSE', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3 },
    });
    expect(uris(fromRoot).length).toBeGreaterThan(2);
    expect(uris(fromRoot).every((uri) => uri.startsWith('apps/clinic/'))).toBe(true);

    // The same check run inside the subfolder: the same locations and the same fingerprints.
    const fromInside = await sarifOf(['.'], path.join(root, 'apps/clinic'));
    expect(run(fromInside).results.map((result) => [result.locations, result.partialFingerprints])).toEqual(
      run(fromRoot).results.map((result) => [result.locations, result.partialFingerprints]),
    );
  });

  it('places a manifest given on the command line where it is, relative to the folder dpg-check ran in', async () => {
    const root = monorepo();
    const given = await sarifOf(['apps/clinic', '--manifest', 'answers/clinic.yaml'], root);
    expect(run(given).results.find((result) => result.ruleId === 'pii/protections-review')!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'answers/clinic.yaml',
    );
    expect(run(given).results.find((result) => result.ruleId === 'ownership/copyright-placeholder')!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'apps/clinic/LICENSE',
    );
    // A manifest checked on its own, from another folder of the repository.
    const alone = await sarifOf(['clinic/dpg.yaml'], path.join(root, 'apps'));
    expect(new Set(uris(alone))).toEqual(new Set(['apps/clinic/dpg.yaml']));
  });

  it('anchors findings without a file at the README wherever it is, else at dpg.yaml (yet to be written, and said so), never at a README.md that is not there', async () => {
    const root = monorepo();
    const scanner = run(await sarifOf(['tools/scanner'], root));
    const sdg = scanner.results.find((result) => result.ruleId === 'sdg/none-declared')!;
    expect(sdg.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'tools/scanner/dpg.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 },
    });
    expect(sdg.locations[0]!.message!.text).toMatch(
      /neither a dpg manifest nor a README: it is anchored at dpg\.yaml, which does not exist yet\. `dpg-check init` writes it/,
    );
    expect(scanner.results.some((result) => result.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('README.md'))).toBe(false);

    const cli = run(await sarifOf(['tools/cli'], root));
    const owner = cli.results.find((result) => result.ruleId === 'ownership/owner-missing')!;
    expect(owner.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'tools/cli/.github/README.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 },
    });
    expect(owner.locations[0]!.message!.text).toContain('anchored at the README');
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
  if (probe.error || probe.status !== 0)
    return { reason: `the SARIF multitool binary cannot run here (${probe.error?.message ?? `exit ${probe.status}: ${probe.stderr}`})` };
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

/**
 * Runs `sarif-multitool validate` (no shell) and returns what it found, notes included. The files come
 * after a single-valued option: a list option such as `--log` would take them as its own values.
 */
function validate(files: string[]): Promise<ValidationProblem[]> {
  const config = path.join(work, 'github-rules.xml');
  writeFileSync(config, GITHUB_CONFIG);
  const output = path.join(work, `validation-${Math.random().toString(36).slice(2)}.sarif`);
  return new Promise((resolve, reject) => {
    execFile(
      tool.binary!,
      ['validate', '--rule-kind', 'Sarif;Gh;Ghas', '--log', 'ForceOverwrite', '--output', output, '--config', config, ...files],
      { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && !/Analysis completed/.test(stdout)) {
          reject(new Error(`sarif-multitool failed: ${error.message}\n${stdout}\n${stderr}`));
          return;
        }
        const log = JSON.parse(readFileSync(output, 'utf8')) as {
          runs: Array<{
            results?: Array<{
              ruleId: string;
              level?: string;
              message: { text?: string; arguments?: string[] };
              locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string } } }>;
            }>;
          }>;
        };
        const problems = (log.runs[0]?.results ?? []).map((result) => ({
          ruleId: result.ruleId,
          level: result.level ?? 'warning',
          where: result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '',
          message: result.message.text ?? (result.message.arguments ?? []).join(' | '),
        }));
        resolve(problems);
      },
    );
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

  it('finds none in the SARIF of subfolders of a git repository, anchors included', async () => {
    const root = monorepo();
    const runs: Array<[string, string[], string]> = [
      ['clinic', ['apps/clinic'], root],
      ['clinic-given', ['apps/clinic', '--manifest', 'answers/clinic.yaml'], root],
      ['clinic-alone', ['clinic/dpg.yaml'], path.join(root, 'apps')],
      ['scanner', ['tools/scanner'], root],
      ['cli', ['.'], path.join(root, 'tools/cli')],
    ];
    const files: string[] = [];
    for (const [name, args, cwd] of runs) {
      const file = path.join(work, `subfolder-${name}.sarif`);
      writeFileSync(file, JSON.stringify(await sarifOf(args, cwd)));
      files.push(file);
    }
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
