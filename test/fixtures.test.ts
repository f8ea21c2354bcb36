/**
 * End-to-end runs of the built CLI over the fixture repositories in fixtures/: realistic projects
 * that must be ready, complete-software with one defect each that must fail exactly one indicator
 * (overlays, fixtures/overlays/, materialised by the build: docs/architecture.md), and an almost empty
 * repository. Each fixture is checked once, as a child process, and the runs start together (a few at
 * a time) so the file stays fast.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(REPO_ROOT, 'bin/dpg-check.js');

interface Evidence {
  path?: string;
  line?: number;
  column?: number;
  url?: string;
  note?: string;
}

interface Finding {
  code: string;
  indicator: string;
  status: 'pass' | 'fail' | 'warn' | 'review' | 'n/a';
  message: string;
  evidence: Evidence[];
}

interface Report {
  verdict: 'ready' | 'not-ready';
  manifest: { path: string; format: string } | null;
  indicators: Array<{ id: string; status: Finding['status'] }>;
  findings: Finding[];
  counts: Record<Finding['status'], number>;
}

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const INDICATOR_IDS = ['1', '2', '3', '4', '5', '6', '7', '8', '9a', '9b', '9c'];

/** Runs at most this many CLI processes at once (the machine has two cores). */
const CONCURRENCY = 4;
let running = 0;
const waiting: Array<() => void> = [];

async function limited<T>(task: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await task();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const baseEnv = { ...process.env };
  delete baseEnv.FORCE_COLOR;
  delete baseEnv.NO_COLOR;
  return limited(
    () =>
      new Promise((resolve) => {
        execFile(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...baseEnv, ...env }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve({ code, stdout, stderr });
        });
      }),
  );
}

const jsonRuns = new Map<string, Promise<CliResult>>();

/** The JSON check of a fixture, started once and shared by every test that asks for it. */
function checkFixture(name: string): Promise<CliResult> {
  let run = jsonRuns.get(name);
  if (!run) {
    run = runCli(['check', `fixtures/${name}`, '--format', 'json']);
    jsonRuns.set(name, run);
  }
  return run;
}

async function reportOf(name: string): Promise<{ code: number; report: Report }> {
  const result = await checkFixture(name);
  expect(result.stderr, `stderr of ${name}`).toBe('');
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

function indicatorStatus(report: Report, id: string): Finding['status'] | undefined {
  return report.indicators.find((indicator) => indicator.id === id)?.status;
}

function failingCodes(report: Report): string[] {
  return [...new Set(report.findings.filter((finding) => finding.status === 'fail').map((finding) => finding.code))].sort();
}

function fixtureLines(name: string, file: string): string[] {
  return readFileSync(path.join(REPO_ROOT, 'fixtures', name, file), 'utf8').split(/\r?\n/);
}

const PASSING = ['complete-software', 'content-collection', 'data-set', 'ai-system'];

/** One defect each: the indicator it breaks and every failing code it must cause, nothing more. */
const FAILING: Array<{ fixture: string; indicator: string; codes: string[] }> = [
  { fixture: 'fail-1-sdg-placeholder', indicator: '1', codes: ['sdg/relevance-placeholder'] },
  { fixture: 'fail-2-not-approved', indicator: '2', codes: ['license/not-approved'] },
  { fixture: 'fail-2-license-missing', indicator: '2', codes: ['license/file-missing'] },
  { fixture: 'fail-3-copyright-placeholder', indicator: '3', codes: ['ownership/copyright-placeholder'] },
  { fixture: 'fail-4-closed-without-alternative', indicator: '4', codes: ['platform/closed-without-alternative'] },
  { fixture: 'fail-5-no-readme', indicator: '5', codes: ['docs/readme-missing'] },
  { fixture: 'fail-6-no-mechanism', indicator: '6', codes: ['data/mechanism-missing'] },
  { fixture: 'fail-7-no-laws', indicator: '7', codes: ['laws/not-declared'] },
  { fixture: 'fail-8-no-standards', indicator: '8', codes: ['standards/not-declared'] },
  { fixture: 'fail-9a-pii-unprotected', indicator: '9a', codes: ['pii/protections-missing', 'pii/types-missing'] },
  // (The missing response time is a warning since session 3: the application form asks it, the Standard does not require it.)
  { fixture: 'fail-9b-content-unmoderated', indicator: '9b', codes: ['content/policy-missing', 'content/process-missing'] },
  // Users interact, with neither a code of conduct nor a described process to protect them. (Until
  // session 3 this fixture described a reporting process and failed only for lacking a code of conduct:
  // the Standard gives a code of conduct as an example of such a process, not as a requirement.)
  { fixture: 'fail-9c-no-code-of-conduct', indicator: '9c', codes: ['harassment/protection-missing'] },
];

// Start every run now; the tests below only wait for their results.
for (const name of [...PASSING, ...FAILING.map(({ fixture }) => fixture), 'bare', 'fail-manifest-invalid', 'warn-4-undeclared-mapbox']) void checkFixture(name);

describe('fixtures that are ready', () => {
  it.each(PASSING)('%s: exit 0, verdict ready, no failing finding', async (fixture) => {
    const { code, report } = await reportOf(fixture);
    expect(code).toBe(0);
    expect(report.verdict).toBe('ready');
    expect(report.manifest?.path).toBe('dpg.yaml');
    expect(report.findings.filter((finding) => finding.status === 'fail')).toEqual([]);
    expect(report.counts.fail).toBe(0);
    expect(report.indicators.map((indicator) => indicator.id)).toEqual(INDICATOR_IDS);
    for (const indicator of report.indicators) expect(indicator.status, `indicator ${indicator.id}`).not.toBe('fail');
    expect(report.findings.some((finding) => finding.code === 'manifest/found' && finding.status === 'pass')).toBe(true);
  });

  it('content-collection: CC-BY-SA-4.0 approved for content, contributions moderated', async () => {
    const { report } = await reportOf('content-collection');
    const license = report.findings.find((finding) => finding.code === 'license/approved');
    expect(license?.message).toContain('CC-BY-SA-4.0');
    expect(report.findings.some((finding) => finding.code === 'content/declared' && finding.status === 'pass')).toBe(true);
    expect(report.findings.some((finding) => finding.code === 'docs/readme-ok' && finding.status === 'pass')).toBe(true);
  });

  it('data-set: ODbL-1.0 approved for data, redistribution rights and data fields documented', async () => {
    const { report } = await reportOf('data-set');
    expect(report.findings.find((finding) => finding.code === 'license/approved')?.message).toContain('ODbL-1.0');
    for (const code of [
      'docs/data-fields-missing',
      'ownership/redistribution-evidence-missing',
      'ownership/content-rights-missing',
      'standards/artefact-not-declared',
    ]) {
      expect(report.findings.map((finding) => finding.code)).not.toContain(code);
    }
  });

  it('ai-system: weights, training code and training data each covered by an approved licence', async () => {
    const { report } = await reportOf('ai-system');
    const approved = report.findings.filter((finding) => finding.code === 'license/approved').map((finding) => finding.message);
    expect(approved).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Apache-2\.0 .* model weights\.$/),
        expect.stringMatching(/^Apache-2\.0 .* training code\.$/),
        expect.stringMatching(/^CC-BY-4\.0 .* training data\.$/),
      ]),
    );
    expect(report.findings.map((finding) => finding.code)).not.toContain('standards/ai-risk-assessment-missing');
  });
});

describe('fixtures with one defect', () => {
  it.each(FAILING)('$fixture: exit 1, only indicator $indicator fails', async ({ fixture, indicator, codes }) => {
    const { code, report } = await reportOf(fixture);
    expect(code).toBe(1);
    expect(report.verdict).toBe('not-ready');
    expect(indicatorStatus(report, indicator)).toBe('fail');
    for (const other of report.indicators.filter(({ id }) => id !== indicator)) expect(other.status, `indicator ${other.id}`).not.toBe('fail');
    for (const expected of codes) {
      const finding = report.findings.find((candidate) => candidate.code === expected);
      expect(finding, expected).toBeDefined();
      expect(finding?.status).toBe('fail');
      expect(finding?.indicator).toBe(indicator);
    }
    expect(failingCodes(report)).toEqual([...codes].sort());
  });

  it('fail-manifest-invalid: a tab-indented line is a syntax error at its line and column', async () => {
    const lines = fixtureLines('fail-manifest-invalid', 'dpg.yaml');
    expect(lines[42]).toMatch(/^\tcollectsNonPII: true$/);
    const { code, report } = await reportOf('fail-manifest-invalid');
    expect(code).toBe(1);
    expect(report.verdict).toBe('not-ready');
    const errors = report.findings.filter((finding) => finding.code === 'manifest/syntax-error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((finding) => finding.status === 'fail' && finding.indicator === 'manifest')).toBe(true);
    expect(errors[0]?.message).toMatch(/tab/i);
    expect(errors[0]?.evidence).toEqual([{ path: 'dpg.yaml', line: 43, column: 1 }]);
    // The valid rest is kept (session 3, issue 16): what is written whole before line 43 still counts,
    // so its SDGs and licences are not reported missing; the broken entry and what follows are.
    expect(report.findings.some((finding) => finding.code === 'sdg/none-declared')).toBe(false);
    expect(report.findings.some((finding) => finding.code === 'sdg/declared')).toBe(true);
    expect(report.findings.some((finding) => finding.code === 'data/not-declared' && finding.status === 'fail')).toBe(true);
  });
});

describe('a repository with almost nothing', () => {
  it('bare: exit 1, no manifest, no licence, a one-word README; every indicator fails', async () => {
    const { code, report } = await reportOf('bare');
    expect(code).toBe(1);
    expect(report.verdict).toBe('not-ready');
    expect(report.manifest).toBeNull();
    const byCode = new Map(report.findings.map((finding) => [finding.code, finding]));
    expect(byCode.get('manifest/missing')?.status).toBe('warn');
    expect(byCode.get('license/none-found')?.status).toBe('fail');
    expect(byCode.get('docs/readme-too-short')?.status).toBe('fail');
    expect(byCode.get('docs/readme-too-short')?.evidence).toEqual([{ path: 'README.md' }]);
    expect(byCode.get('docs/readme-too-short')?.message).toBe('README.md is too short to document the solution: 1 of the 150 words expected.');
    expect(byCode.get('docs/run-instructions-missing')?.status).toBe('fail');
    expect(byCode.get('ownership/evidence-missing')?.status).toBe('fail');
    expect(report.indicators.filter((indicator) => indicator.status === 'fail').map((indicator) => indicator.id)).toEqual(INDICATOR_IDS);
  });
});

describe('a known closed component that is not declared', () => {
  it('warn-4-undeclared-mapbox: still ready, indicator 4 to review, pointing at the dependency line', async () => {
    const lines = fixtureLines('warn-4-undeclared-mapbox', 'package.json');
    const dependencyLine = lines.findIndex((line) => line.includes('"mapbox-gl"')) + 1;
    expect(lines[dependencyLine - 1]).toContain('"^2.15.0"');
    const { code, report } = await reportOf('warn-4-undeclared-mapbox');
    expect(code).toBe(0);
    expect(report.verdict).toBe('ready');
    expect(indicatorStatus(report, '4')).toBe('review');
    const finding = report.findings.find((candidate) => candidate.code === 'platform/undeclared-proprietary-dependency');
    expect(finding?.status).toBe('review');
    expect(finding?.indicator).toBe('4');
    expect(finding?.evidence[0]).toMatchObject({ path: 'package.json', line: dependencyLine });
    expect(finding?.message).toContain('mapbox-gl ^2.15.0');
    expect(report.findings.map((candidate) => candidate.code)).not.toContain('platform/no-closed-components');
  });
});

describe('text output', () => {
  const ESC = '\u001b[';
  const lastLine = (stdout: string): string => stdout.trimEnd().split('\n').at(-1) ?? '';

  it('complete-software: ends with the READY line, and NO_COLOR=1 leaves no ANSI escape', async () => {
    const result = await runCli(['check', 'fixtures/complete-software'], { NO_COLOR: '1' });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.endsWith('\n')).toBe(true);
    expect(lastLine(result.stdout)).toMatch(/^READY: no finding fails \(0 failing, /);
    expect(result.stdout).not.toContain(ESC);
  });

  it('NO_COLOR=1 wins over FORCE_COLOR, which otherwise colours the output', async () => {
    const [forced, both] = await Promise.all([
      runCli(['check', 'fixtures/complete-software'], { FORCE_COLOR: '1' }),
      runCli(['check', 'fixtures/complete-software'], { FORCE_COLOR: '1', NO_COLOR: '1' }),
    ]);
    expect(forced.stdout).toContain(ESC);
    expect(both.stdout).not.toContain(ESC);
    expect(lastLine(both.stdout)).toMatch(/^READY/);
  });
});
