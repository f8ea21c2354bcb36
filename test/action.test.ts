import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { annotationCommand, outputBlock } from '../src/action/workflow-commands.js';
import { REPO_ROOT } from './support/cli.js';
import { makeActionCheckout, runActionSteps } from './support/simulated-runner.js';
import { startProxy } from './support/connect-proxy.js';
import { startFakeGitHub } from './support/fake-github.js';
import { startSilentHost } from './support/silent-host.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'dpg-action-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
/** What `uses: OWNER/dpg-check@REF` gives the runner: the committed files, no node_modules, dist/ or generated/. */
const checkout = makeActionCheckout(path.join(scratch, 'action-checkout'));

/** Runs the action as the runner would (action.yml's steps, from the checkout): inputs, summary and output files. */
async function runAction(inputs: Record<string, string>, name: string, extraEnv: Record<string, string> = {}) {
  const folder = path.join(scratch, name);
  const summary = path.join(folder, 'summary.md');
  const output = path.join(folder, 'output.txt');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(summary, '');
  writeFileSync(output, '');
  const env = {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: REPO_ROOT,
    RUNNER_TEMP: folder,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
    ...extraEnv,
  };
  const result = await runActionSteps(checkout, inputs, env);
  return { ...result, summary: readFileSync(summary, 'utf8'), output: readFileSync(output, 'utf8'), folder };
}

describe('the GitHub Action', () => {
  it('action.yml declares the inputs and outputs the entry point uses', () => {
    const action = parseYaml(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8'));
    expect(Object.keys(action.inputs)).toEqual(['target', 'manifest', 'policy', 'formats', 'fail-on', 'token', 'report-path', 'deadline']);
    expect(Object.keys(action.outputs)).toEqual(['verdict', 'report']);
    // One step: the committed bundle, with no install step before it.
    expect(action.runs.steps).toHaveLength(1);
    expect(action.runs.steps[0].run).toBe('node "$GITHUB_ACTION_PATH/action/index.js"');
    const env = action.runs.steps[0].env;
    expect(Object.keys(env)).toEqual([
      'INPUT_TARGET',
      'INPUT_MANIFEST',
      'INPUT_POLICY',
      'INPUT_FORMATS',
      'INPUT_FAIL_ON',
      'INPUT_TOKEN',
      'INPUT_REPORT_PATH',
      'INPUT_DEADLINE',
    ]);
  });

  it('runs from a checkout with no node_modules, dist/ or generated/: the committed bundle is all it needs', async () => {
    for (const missing of ['node_modules', 'dist', 'generated']) expect(existsSync(path.join(checkout, missing))).toBe(false);
    // "Apache 2" in package.json is not an SPDX expression: spdx-correct, loaded only for such a
    // declaration (generated/spdx-correct.cjs), reads it as Apache-2.0.
    const workspace = path.join(scratch, 'from-checkout-workspace');
    cpSync(path.join(REPO_ROOT, 'fixtures/complete-software'), workspace, { recursive: true });
    const packageJson = path.join(workspace, 'package.json');
    writeFileSync(packageJson, readFileSync(packageJson, 'utf8').replace('"license": "Apache-2.0"', '"license": "Apache 2"'));
    const result = await runAction({ target: '.', formats: 'json' }, 'from-checkout', { GITHUB_WORKSPACE: workspace });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // The licence corpus and the schema validators, read from action/generated/: MIT identified by its text, the manifest validated.
    const report = JSON.parse(readFileSync(path.join(result.folder, 'dpg-check-report.json'), 'utf8')) as {
      verdict: string;
      findings: Array<{ code: string }>;
    };
    expect(report.verdict).toBe('ready');
    const codes = report.findings.map((finding) => finding.code);
    expect(codes).toContain('license/file-identified');
    expect(codes).toContain('sdg/declared');
  });

  it('a GitHub target through an HTTP proxy: the bundle carries the GitHub client and the proxy agent (undici)', async () => {
    const token = 'ghp_actionProxyTest000000000000000000';
    const github = await startFakeGitHub({ token });
    const proxy = await startProxy();
    try {
      const result = await runAction({ target: 'github:dpg/data-set', token, formats: 'json' }, 'github-through-proxy', {
        GITHUB_API_URL: github.apiUrl,
        HTTP_PROXY: proxy.url,
      });
      expect(result.stderr).not.toMatch(/Cannot find|internal error/);
      expect([0, 1]).toContain(result.code);
      expect(JSON.parse(readFileSync(path.join(result.folder, 'dpg-check-report.json'), 'utf8')).source).toMatchObject({ kind: 'github' });
      expect(new Set(proxy.tunnels)).toEqual(new Set([new URL(github.apiUrl).host]));
      expect(github.requests.length).toBeGreaterThan(0);
      // The token is printed once, to mask it in the log (::add-mask::), and nowhere else.
      expect(result.stdout.replace(`::add-mask::${token}\n`, '')).not.toContain(token);
    } finally {
      proxy.close();
      await github.close();
    }
  }, 30_000);

  it('on a failing repository: exit 1, job summary, an annotation at the file and line, outputs, extra formats', async () => {
    const result = await runAction({ target: 'fixtures/fail-3-copyright-placeholder', formats: 'text sarif=test-output/action/dpg.sarif' }, 'failing');
    expect(result.code).toBe(1);
    expect(result.summary).toContain('**❌ Not ready**');
    expect(result.summary).toMatch(/\| 3 \| .* \| ❌ fail \|/);
    expect(result.stdout).toContain(
      '::error file=fixtures/fail-3-copyright-placeholder/LICENSE,line=3,title=ownership/copyright-placeholder::LICENSE line 3 is an unfilled template',
    );
    expect(result.stdout).toContain('NOT READY');
    const reportPath = path.join(result.folder, 'dpg-check-report.json');
    expect(result.output).toBe(`verdict<<DPG_CHECK_EOF\nnot-ready\nDPG_CHECK_EOF\nreport<<DPG_CHECK_EOF\n${reportPath}\nDPG_CHECK_EOF\n`);
    expect(JSON.parse(readFileSync(reportPath, 'utf8')).verdict).toBe('not-ready');
    expect(JSON.parse(readFileSync(path.join(REPO_ROOT, 'test-output/action/dpg.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('on a subfolder of the repository: SARIF locations re-based on the repository root, as the annotations are', async () => {
    // The workspace is a checkout (git init is enough) whose project lives in apps/clinic.
    const workspace = path.join(scratch, 'monorepo-workspace');
    cpSync(path.join(REPO_ROOT, 'fixtures/fail-3-copyright-placeholder'), path.join(workspace, 'apps/clinic'), { recursive: true });
    execFileSync('git', ['init', '-q', workspace]);
    const result = await runAction({ target: 'apps/clinic', formats: 'sarif=reports/dpg.sarif' }, 'subfolder', { GITHUB_WORKSPACE: workspace });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error file=apps/clinic/LICENSE,line=3,title=ownership/copyright-placeholder::');
    const sarif = JSON.parse(readFileSync(path.join(workspace, 'reports/dpg.sarif'), 'utf8')) as {
      runs: Array<{
        results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }>;
      }>;
    };
    const placeholder = sarif.runs[0]!.results.find((candidate) => candidate.ruleId === 'ownership/copyright-placeholder')!;
    expect(placeholder.locations[0]!.physicalLocation).toMatchObject({ artifactLocation: { uri: 'apps/clinic/LICENSE' }, region: { startLine: 3 } });
    expect(sarif.runs[0]!.results.every((candidate) => candidate.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('apps/clinic/'))).toBe(true);
  });

  it('on a ready repository: exit 0 and no error annotation', async () => {
    const result = await runAction({ target: 'fixtures/complete-software', 'fail-on': 'fail', token: 'ghp_notUsedForLocalTargets' }, 'ready');
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('::error');
    expect(result.stdout).toContain('::add-mask::ghp_notUsedForLocalTargets');
    expect(result.output).toContain('verdict<<DPG_CHECK_EOF\nready\n');
  });

  it('a Node older than 20 on the PATH is an error annotation that says what to set up (exit 2)', async () => {
    // As if a job had set up Node 18 before the step: the preload makes this Node say it is 18.
    const preload = path.join(scratch, 'node-18.cjs');
    writeFileSync(
      preload,
      "Object.defineProperty(process.versions, 'node', { value: '18.19.0' }); Object.defineProperty(process, 'version', { value: 'v18.19.0' });\n",
    );
    const result = await runAction({ target: 'fixtures/complete-software' }, 'old-node', { NODE_OPTIONS: `--require ${preload}` });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('::error title=dpg-check::dpg-check needs Node.js 20 or newer; this step found v18.19.0 on the PATH.');
    expect(result.output).toBe('');
  });

  it('a bad input is exit 2 with an error annotation, not a stack trace', async () => {
    const format = await runAction({ formats: 'yaml' }, 'bad-format');
    expect(format.code).toBe(2);
    expect(format.stdout).toContain('::error::unknown format "yaml"');
    const target = await runAction({ target: 'no/such/folder' }, 'bad-target');
    expect(target.code).toBe(2);
    expect(target.stdout).toContain('::error title=dpg-check::Target not found');
    expect(target.stderr).not.toMatch(/\n\s+at /);
    const deadline = await runAction({ deadline: 'soon' }, 'bad-deadline');
    expect(deadline.code).toBe(2);
    expect(deadline.stdout).toContain('::error::deadline must be a positive number of seconds, at most 86400, not "soon"');
  });

  it('a check past its deadline (a git host that never answers) ends the step with exit 3 and says why', async () => {
    const host = await startSilentHost();
    try {
      const started = performance.now();
      const result = await runAction({ target: `git://127.0.0.1:${host.port}/stalled.git`, deadline: '1' }, 'deadline');
      expect(result.code).toBe(3);
      expect(result.stdout).toMatch(/::error title=dpg-check::The check of git:\/\/127\.0\.0\.1:\d+\/stalled\.git took longer than 1 s \(--deadline\)/);
      expect(performance.now() - started).toBeLessThan(8000);
    } finally {
      host.close();
    }
  }, 30_000);
});

describe('workflow commands', () => {
  it('escape text so that a finding cannot inject a command of its own', () => {
    const command = annotationCommand({ level: 'error', message: 'bad\n::set-output name=x::y %', file: 'a,b:c.md', line: 3 });
    expect(command).toBe('::error file=a%2Cb%3Ac.md,line=3::bad%0A::set-output name=x::y %25');
    expect(command.split('\n')).toHaveLength(1);
  });

  it('outputs pick a delimiter the value does not contain', () => {
    expect(outputBlock('report', 'x\nDPG_CHECK_EOF\ny')).toBe('report<<DPG_CHECK_EOF_\nx\nDPG_CHECK_EOF\ny\nDPG_CHECK_EOF_\n');
  });
});
