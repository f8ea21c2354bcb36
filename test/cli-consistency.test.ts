/**
 * The same option means the same in every command (issue 16): `-o` is `--out` everywhere (`--output`
 * accepted as the same option), `markdown` and `md` name the same format wherever a format is named,
 * `check --quiet` prints only the problems, and the audit's help says that a file target is a list.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './support/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'dpg-cli-consistency-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const MANIFEST = path.join(REPO_ROOT, 'fixtures/complete-software/dpg.yaml');
const NO_NETWORK = { GITHUB_TOKEN: '', GH_TOKEN: '', CI: '', XDG_CACHE_HOME: path.join(scratch, 'cache') };

describe('-o is --out in every command, --output the same option', () => {
  it('convert writes with -o, --out and --output alike; its help documents --out', async () => {
    for (const [index, option] of ['-o', '--out', '--output'].entries()) {
      const out = path.join(scratch, `converted-${index}.json`);
      const result = await runCli(['convert', MANIFEST, '--to', 'publiccode', option, out]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe('');
      expect(readFileSync(out, 'utf8')).toContain('OpenClinic Registry');
      expect(result.stderr).toContain(`to ${out}`);
    }
    const help = await runCli(['convert', '--help']);
    expect(help.stdout).toMatch(/-o, --out <file>/);
    expect(help.stdout).not.toContain('--output');
  });

  it('refuses --out and --output naming two files (exit 2), and accepts them naming one', async () => {
    const first = path.join(scratch, 'first.json');
    const conflict = await runCli(['convert', MANIFEST, '--to', 'publiccode', '--out', first, '--output', path.join(scratch, 'second.json')]);
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toContain('are the same option; give one');
    expect(existsSync(first)).toBe(false);
    const same = await runCli(['convert', MANIFEST, '--to', 'publiccode', '--out', first, '--output', first]);
    expect(same.code).toBe(0);
  });

  it('audit and merge take --output as --out', async () => {
    const rows = path.join(scratch, 'audit-output.jsonl');
    const audit = await runCli(['audit', 'fixtures/bare', '--output', rows, '--no-progress', '--no-cache'], { env: NO_NETWORK });
    expect(audit.stdout).toBe('');
    expect(readFileSync(rows, 'utf8')).toContain('"target":"fixtures/bare"');
    const merged = path.join(scratch, 'merged.jsonl');
    const merge = await runCli(['merge', rows, '--output', merged]);
    expect(merge.code, merge.stderr).toBe(1);
    expect(readFileSync(merged, 'utf8')).toContain('"target":"fixtures/bare"');
    for (const command of ['audit', 'merge']) {
      const help = await runCli([command, '--help']);
      expect(help.stdout).toMatch(/-o, --out <file\.jsonl>/);
      expect(help.stdout).not.toContain('--output');
    }
  });
});

describe('markdown and md name the same format', () => {
  it('check --format markdown and --format md give the same report', async () => {
    const markdown = await runCli(['check', 'fixtures/complete-software', '--format', 'markdown']);
    const md = await runCli(['check', 'fixtures/complete-software', '--format', 'md']);
    expect(markdown.stdout).toContain('## DPG readiness');
    const withoutTimes = (text: string): string => text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME').replace(/\d+(\.\d+)? ?m?s\b/g, 'DURATION');
    expect(withoutTimes(md.stdout)).toBe(withoutTimes(markdown.stdout));
  });

  it('audit and merge take --summary-format markdown as md', async () => {
    const rows = path.join(scratch, 'audit-markdown.jsonl');
    const audit = await runCli(['audit', 'fixtures/bare', '--out', rows, '--summary', '-', '--summary-format', 'markdown', '--no-progress', '--no-cache'], {
      env: NO_NETWORK,
    });
    expect(audit.stderr).not.toContain('error');
    expect(audit.stdout).toContain('# dpg-check audit summary');
    const merge = await runCli(['merge', rows, '--summary', '-', '--summary-format', 'markdown']);
    expect(merge.stdout).toContain('# dpg-check audit summary');
    const wrong = await runCli(['merge', rows, '--summary', '-', '--summary-format', 'word']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('csv, json, md (or markdown), html');
  });
});

describe('check --quiet', () => {
  it('prints only the findings that do not pass, under their indicators, and the verdict', async () => {
    const full = await runCli(['check', 'fixtures/fail-3-copyright-placeholder']);
    const quiet = await runCli(['check', 'fixtures/fail-3-copyright-placeholder', '--quiet']);
    expect(quiet.code).toBe(full.code);
    expect(quiet.code).toBe(1);
    expect(full.stdout).toContain('✔');
    expect(quiet.stdout).not.toContain('✔');
    expect(quiet.stdout).not.toContain('[sdg/declared]');
    // No header, and no indicator whose every finding passes.
    expect(quiet.stdout).not.toMatch(/^dpg-check \d/m);
    expect(quiet.stdout).not.toContain('1. Relevance to the Sustainable Development Goals');
    expect(quiet.stdout).toContain('[ownership/copyright-placeholder]');
    expect(quiet.stdout.startsWith('\n')).toBe(false);
    const verdict = full.stdout.trimEnd().split('\n').at(-1)!;
    expect(verdict).toMatch(/^NOT READY: /);
    expect(quiet.stdout.trimEnd().split('\n').at(-1)).toBe(verdict);
    // Every problem of the full report is still there.
    for (const line of full.stdout.split('\n').filter((text) => /^ {4}[✖⚠?] /.test(text))) expect(quiet.stdout).toContain(line);
    expect(quiet.stdout.split('\n').length).toBeLessThan(full.stdout.split('\n').length);
  });

  it('applies to a text report written to a file, and leaves the other formats whole', async () => {
    const text = path.join(scratch, 'quiet.txt');
    const json = path.join(scratch, 'quiet.json');
    const result = await runCli(['check', 'fixtures/fail-3-copyright-placeholder', '-q', '--format', `text=${text}`, '--format', `json=${json}`]);
    expect(result.code).toBe(1);
    expect(readFileSync(text, 'utf8')).not.toContain('✔');
    expect(readFileSync(text, 'utf8')).toContain('[ownership/copyright-placeholder]');
    expect(readFileSync(json, 'utf8')).toContain('"status": "pass"');
  });

  it('says so when no text output was asked for, and writes the JSON report whole', async () => {
    const result = await runCli(['check', 'fixtures/fail-3-copyright-placeholder', '--quiet', '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('dpg-check: --quiet changes only the text format, and none was asked for (json); the other formats are written whole.\n');
    const report = JSON.parse(result.stdout) as { findings: Array<{ status: string }> };
    expect(report.findings.some((finding) => finding.status === 'pass')).toBe(true);
  });

  it('is in the help', async () => {
    const help = await runCli(['check', '--help']);
    expect(help.stdout).toMatch(/-q, --quiet +text format: only the problems/);
  });
});

describe('audit --help', () => {
  it('says that a file given as a target is read as a list of targets', async () => {
    const help = await runCli(['audit', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('a file of targets (one a line, # comments) is read as a list, as --input FILE is');
  });
});

describe('evidence paths in the text report open from where dpg-check ran', () => {
  it('a folder checked from elsewhere shows its paths from here; the JSON report keeps them relative to the folder', async () => {
    const fromRoot = await runCli(['check', 'fixtures/fail-3-copyright-placeholder']);
    expect(fromRoot.stdout).toMatch(/^ {8}at fixtures\/fail-3-copyright-placeholder\/LICENSE$/m);
    const fromFixtures = await runCli(['check', 'fail-3-copyright-placeholder'], { cwd: path.join(REPO_ROOT, 'fixtures') });
    expect(fromFixtures.stdout).toMatch(/^ {8}at fail-3-copyright-placeholder\/LICENSE$/m);
    const inside = await runCli(['check', '.'], { cwd: path.join(REPO_ROOT, 'fixtures/fail-3-copyright-placeholder') });
    expect(inside.stdout).toMatch(/^ {8}at LICENSE$/m);
    const json = JSON.parse((await runCli(['check', 'fixtures/fail-3-copyright-placeholder', '--format', 'json'])).stdout) as {
      findings: Array<{ code: string; evidence: Array<{ path?: string }> }>;
    };
    expect(json.findings.find((finding) => finding.code === 'ownership/copyright-placeholder')?.evidence[0]?.path).toBe('LICENSE');
  });
});
