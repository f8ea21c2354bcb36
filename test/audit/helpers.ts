import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixtureRepositories } from '../../scripts/fixture-overlays.js';
import { CLI, REPO_ROOT, type CliResult } from '../support/cli.js';

export const FIXTURES = path.join(REPO_ROOT, 'fixtures');
export const REGISTRY_FIXTURES = path.join(FIXTURES, 'registry');
export const TOKEN = 'ghp_auditTestToken1234567890';
/** The fixture repositories: folders of fixtures/ that are one repository each (committed or materialised from an overlay). */
export const FIXTURE_REPOS = fixtureRepositories(FIXTURES);

/** No token, no CI, no GitHub CLI, no user cache unless a test says so. */
export function cleanEnv(scratch: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GITHUB_TOKEN: '',
    GH_TOKEN: '',
    GITHUB_API_URL: '',
    CI: '',
    NO_COLOR: '',
    FORCE_COLOR: '0',
    XDG_CACHE_HOME: path.join(scratch, 'xdg-cache'),
    HOME: scratch,
    PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
    ...extra,
  };
}

/** Runs the built CLI (or another entry point, `cli`); `input` goes to its standard input. */
export function runCliWith(
  args: string[],
  options: { env: NodeJS.ProcessEnv; input?: string; cwd?: string; timeoutMs?: number; cli?: string },
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [options.cli ?? CLI, ...args],
      { cwd: options.cwd ?? REPO_ROOT, env: options.env, maxBuffer: 256 * 1024 * 1024, timeout: options.timeoutMs ?? 120_000 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 99 : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
}

export interface Row {
  target: string;
  registryRecord?: { id: string; name: string; file: string; repositoryUrl?: string; stage?: string };
  license?: { expression: string };
  report?: {
    verdict: string;
    findings: Array<{ code: string; indicator: string; status: string; message: string; evidence: Array<Record<string, unknown>> }>;
    indicators: Array<{ id: string; status: string }>;
    counts: Record<string, number>;
    source: { target: string; revision?: string };
  };
  error?: { message: string; exitCode: number };
}

export function readJsonl(file: string): Row[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);
}

export function parseRows(text: string): Row[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);
}

export function keyOf(row: Row): string {
  const target = row.target.startsWith('github:') ? row.target.toLowerCase() : row.target;
  return row.registryRecord ? `${target} registry:${row.registryRecord.id}` : target;
}

/** A repository folder that ships the GPL-3.0 (the text from spdx-license-list) and nothing else of note. */
export function makeGplRepository(folder: string): string {
  mkdirSync(folder, { recursive: true });
  const license = JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules/spdx-license-list/licenses/GPL-3.0-only.json'), 'utf8')) as {
    licenseText: string;
  };
  writeFileSync(path.join(folder, 'COPYING'), license.licenseText);
  writeFileSync(path.join(folder, 'README.md'), '# Acme learning app\n\nCopyright 2024 Acme Learning Ltd.\n\nLessons for primary schools.\n');
  writeFileSync(path.join(folder, 'app.py'), 'print("hello")\n');
  return folder;
}

export async function waitFor(condition: () => boolean, timeoutMs: number, stepMs = 25): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return condition();
}
