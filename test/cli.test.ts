import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './support/cli.js';

const reportSchema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/report.schema.json'), 'utf8'));
const validateReport = new Ajv2020({ allErrors: true, strict: true, validateFormats: false }).compile(reportSchema);
const scratch = mkdtempSync(path.join(tmpdir(), 'dpg-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('dpg-check CLI', () => {
  it('prints its version and nothing else', async () => {
    const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const result = await runCli(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
    // The launcher answers `--version` alone without loading the CLI; through the CLI (with another
    // option) the answer is the same.
    expect(await runCli(['-V'])).toEqual(result);
    expect(await runCli(['--debug', '--version'])).toEqual(result);
  });

  it('documents the exit codes in --help', async () => {
    const result = await runCli(['check', '--help']);
    expect(result.code).toBe(0);
    for (const line of ['0  ready', '1  not ready', '2  usage or input error', '3  the check could not be completed']) expect(result.stdout).toContain(line);
  });

  it('exits 0 on a ready repository, with a JSON report valid against the schema', async () => {
    const result = await runCli(['check', 'fixtures/complete-software', '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.verdict).toBe('ready');
    expect(report.indicators.map((indicator: { id: string }) => indicator.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9a', '9b', '9c']);
  });

  it('exits 1 on a repository that is not ready, and the report still validates', async () => {
    const bare = path.join(scratch, 'bare');
    cpSync(path.join(REPO_ROOT, 'fixtures/complete-software/README.md'), path.join(bare, 'README.md'), { recursive: true });
    const result = await runCli(['check', bare, '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.verdict).toBe('not-ready');
    // The README's licence section names the Apache License 2.0, but no licence file is there.
    expect(report.findings.map((finding: { code: string }) => finding.code)).toEqual(
      expect.arrayContaining(['manifest/missing', 'license/file-missing', 'sdg/none-declared']),
    );
  });

  it('exits 2 with a clear message for a target that does not exist', async () => {
    const result = await runCli(['check', 'no/such/folder']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Target not found: no/such/folder');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for an unknown option or format', async () => {
    const unknown = await runCli(['check', '--no-such-option']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--no-such-option'");
    const format = await runCli(['check', '--format', 'yaml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('unknown format "yaml"; choose from text, json, markdown (or md), sarif, junit, gitlab, badge, html');
    const twoOnStdout = await runCli(['check', 'fixtures/complete-software', '--format', 'text', '--format', 'json']);
    expect(twoOnStdout.code).toBe(2);
    expect(twoOnStdout.stderr).toContain('only one format can go to standard output');
  });

  it('exits 2 for a --manifest that does not exist', async () => {
    const result = await runCli(['check', 'fixtures/complete-software', '--manifest', 'missing.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Manifest not found: missing.yaml');
  });

  it("uses --manifest instead of the repository's own, and reports its errors with file:line:column", async () => {
    const manifest = path.join(scratch, 'broken.yaml');
    writeFileSync(manifest, 'name: Broken\nsdgs:\n  - goal: 3\n    relevance: "unclosed\n');
    const result = await runCli(['check', 'fixtures/complete-software', '--manifest', manifest]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`Manifest: ${manifest}`);
    expect(result.stdout).toContain(`at ${manifest}:4:16\n`);
    expect(result.stdout).toContain('Missing closing "quote (the quoted text opened here is never closed) [manifest/syntax-error]');
  });

  it('--fail-on warn turns a warning into exit 1', async () => {
    const repo = path.join(scratch, 'warned');
    cpSync(path.join(REPO_ROOT, 'fixtures/complete-software'), repo, { recursive: true });
    rmSync(path.join(repo, '.github'), { recursive: true });
    const relaxed = await runCli(['check', repo, '--format', 'json']);
    expect(relaxed.code).toBe(0);
    expect(JSON.parse(relaxed.stdout).findings.map((finding: { code: string }) => finding.code)).toContain('standards/no-ci');
    const strict = await runCli(['check', repo, '--fail-on', 'warn', '--format', 'json']);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout)).toMatchObject({ verdict: 'not-ready', failOn: 'warn' });
  });

  it('text output ends with the verdict and has no colour when NO_COLOR is set or output is piped', async () => {
    for (const env of [{ NO_COLOR: '1' }, {}]) {
      const result = await runCli(['check', 'fixtures/complete-software'], { env });
      expect(result.code).toBe(0);
      expect(result.stdout).not.toContain('\u001b[');
      expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^READY: no finding fails/);
    }
  });

  it('colours text output when FORCE_COLOR asks for it', async () => {
    const result = await runCli(['check', 'fixtures/complete-software'], { env: { FORCE_COLOR: '1' } });
    expect(result.stdout).toContain('\u001b[');
  });

  it.each(['text', 'json', 'markdown', 'sarif', 'junit', 'gitlab', 'badge', 'html'])(
    'keeps the exit-code contract with --format %s (0 ready, 1 not ready)',
    async (format) => {
      const ready = await runCli(['check', 'fixtures/complete-software', '--format', format]);
      expect(ready.code).toBe(0);
      expect(ready.stdout.length).toBeGreaterThan(0);
      const notReady = await runCli(['check', 'fixtures/fail-3-copyright-placeholder', '--format', format]);
      expect(notReady.code).toBe(1);
      expect(notReady.stdout).toContain(format === 'badge' ? '1 of 11 indicators fails' : format === 'html' ? 'Not ready' : 'ownership/copyright-placeholder');
    },
  );

  it('writes several formats in one run: files for some, standard output for one', async () => {
    const folder = path.join(scratch, 'outputs');
    const result = await runCli([
      'check',
      'fixtures/fail-3-copyright-placeholder',
      '--format',
      'markdown',
      '--format',
      `sarif=${folder}/dpg.sarif`,
      '--format',
      `junit=${folder}/nested/dpg.xml`,
      '--format',
      `json=${folder}/report.json`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('| 3 |');
    expect(JSON.parse(readFileSync(path.join(folder, 'dpg.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(path.join(folder, 'nested/dpg.xml'), 'utf8')).toMatch(/^<\?xml/);
    const report = JSON.parse(readFileSync(path.join(folder, 'report.json'), 'utf8'));
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  });

  it('exits 2 when an output file cannot be written', async () => {
    const blocker = path.join(scratch, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const result = await runCli(['check', 'fixtures/complete-software', '--format', `json=${blocker}/report.json`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Cannot write ${blocker}/report.json: a file stands where a folder is needed`);
  });

  it('checks a manifest given as the target on its own, and says the repository was not inspected', async () => {
    const result = await runCli(['check', 'fixtures/complete-software/dpg.yaml', '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.source).toMatchObject({ kind: 'manifest', target: 'fixtures/complete-software/dpg.yaml' });
    expect(report.findings.find((finding: { code: string }) => finding.code === 'manifest/no-repository')).toMatchObject({ status: 'warn' });
    // Nothing file-based is claimed missing: no README, licence-file or CI findings.
    const codes = report.findings.map((finding: { code: string }) => finding.code);
    for (const code of ['docs/readme-missing', 'license/file-missing', 'standards/no-ci', 'ownership/no-copyright-notice']) expect(codes).not.toContain(code);
    const broken = path.join(scratch, 'broken-target.yaml');
    writeFileSync(broken, 'name: [unclosed\n');
    const failing = await runCli(['check', broken]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('[manifest/syntax-error]');
  });
});

describe('first-run help (issue 16)', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'dpg-cli-help-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('a mistyped command gets a suggestion, not "not found" or "too many arguments"', async () => {
    const chek = await runCli(['chek', 'fixtures/bare']);
    expect(chek.code).toBe(2);
    expect(chek.stderr).toContain('Unknown command "chek". Did you mean "check"?');
    const lisences = await runCli(['lisences']);
    expect(lisences.code).toBe(2);
    expect(lisences.stderr).toContain('Did you mean "licenses"?');
    // A folder that happens to be named like a command is still checked.
    expect((await runCli(['fixtures/bare', '--format', 'json'])).code).toBe(1);
    expect((await runCli(['--help'])).stdout).toContain('Examples:');
  });

  it('--format md is Markdown; with every format in a file, one verdict line on stderr', async () => {
    const markdown = await runCli(['check', 'fixtures/complete-software', '--format', 'md']);
    expect(markdown.stdout).toContain('## DPG readiness');
    const file = path.join(scratch, 'report.json');
    const quiet = await runCli(['check', 'fixtures/complete-software', '--format', `json=${file}`]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toMatch(
      new RegExp(`^dpg-check: READY \\(0 failing, \\d+ warnings, \\d+ to review\\); wrote json to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\n$`),
    );
  });

  it('audit --summary - writes the summary to standard output (it needs --out for the rows)', async () => {
    const refused = await runCli(['audit', 'fixtures/bare', '--summary', '-', '--no-progress']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--summary - writes the summary to standard output');
    const rows = path.join(scratch, 'rows.jsonl');
    const result = await runCli(['audit', 'fixtures/bare', '--out', rows, '--summary', '-', '--no-progress', '--no-cache']);
    expect(result.stdout).toContain('# dpg-check audit summary');
    expect(readFileSync(rows, 'utf8')).toContain('"target":"fixtures/bare"');
  });
});

describe('a copy that was never built', () => {
  it('says so and how to build it (exit 2), instead of a stack trace; --version still answers', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'dpg-unbuilt-'));
    try {
      cpSync(path.join(REPO_ROOT, 'bin'), path.join(copy, 'bin'), { recursive: true });
      cpSync(path.join(REPO_ROOT, 'package.json'), path.join(copy, 'package.json'));
      const cli = path.join(copy, 'bin/dpg-check.js');
      const check = await runCli(['check', '.'], { cli });
      expect(check.code).toBe(2);
      expect(check.stderr).toMatch(/^dpg-check: this copy is not built \(no dist\/ in .*\); run `npm run build` there\.\n$/);
      expect((await runCli(['--version'], { cli })).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
