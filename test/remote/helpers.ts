import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkSource } from '../../src/check.js';
import type { Report } from '../../src/report/types.js';
import { openTarget as openSource } from '../../src/app/open-target.js';
import type { OpenSourceOptions } from '../../src/source/open.js';
import { REPO_ROOT } from '../support/cli.js';

export const FIXTURES = path.join(REPO_ROOT, 'fixtures');

/** Opens, checks and disposes, in this process. */
export async function checkTarget(target: string, options: OpenSourceOptions = {}): Promise<Report> {
  const source = await openSource(target, { env: {}, token: null, retries: 1, retryDelayMs: 100, ...options });
  try {
    return await checkSource(source);
  } finally {
    await source.dispose();
  }
}

/** What must agree between two reports of the same repository, whatever the source. */
export function summarise(report: Report): { verdict: string; indicators: string[]; findings: string[] } {
  return {
    verdict: report.verdict,
    indicators: report.indicators.map((indicator) => `${indicator.id}:${indicator.status}`),
    findings: report.findings
      .map(
        (finding) =>
          `${finding.code}:${finding.status}:${finding.evidence.map((evidence) => `${evidence.path ?? ''}${evidence.line ? `#${evidence.line}` : ''}`).join(',')}`,
      )
      .sort(),
  };
}

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

export function git(args: string[], cwd?: string): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });
}

/**
 * A bare repository holding a copy of a folder (one commit on `main`, tag `v1.0.0`), made with real
 * git; returns its file:// URL and the commit id.
 */
export function makeBareRepository(folder: string, scratch: string, name = path.basename(folder)): { url: string; commit: string; bare: string } {
  const work = path.join(scratch, `${name}-work`);
  mkdirSync(work, { recursive: true });
  cpSync(folder, work, { recursive: true });
  git(['init', '-q', '-b', 'main'], work);
  git(['add', '-A'], work);
  git(['commit', '-q', '-m', 'fixture'], work);
  git(['tag', 'v1.0.0'], work);
  const commit = git(['rev-parse', 'HEAD'], work).trim();
  const bare = path.join(scratch, `${name}.git`);
  git(['clone', '-q', '--bare', work, bare]);
  // Let the blob filter work over file:// (servers like GitHub allow it; a local bare repo must opt in).
  git(['config', 'uploadpack.allowFilter', 'true'], bare);
  git(['config', 'uploadpack.allowAnySHA1InWant', 'true'], bare);
  return { url: pathToFileURL(bare).href, commit, bare };
}
