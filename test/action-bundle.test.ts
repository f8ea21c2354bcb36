import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'dpg-action-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function filesUnder(folder: string, prefix = ''): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .sort();
}

describe('the committed Action bundle (action/)', () => {
  it('is what scripts/bundle-action.js makes from this source: a change that reaches the Action is committed with its bundle', () => {
    // The build (npm test runs it first) wrote dist/ and generated/ from this source; the bundle is made from them.
    const fresh = path.join(scratch, 'action');
    execFileSync(process.execPath, ['scripts/bundle-action.js', '--out', fresh], { cwd: REPO_ROOT, stdio: 'pipe' });
    const committed = path.join(REPO_ROOT, 'action');
    const stale = 'action/ is out of date: run `npm run build && npm run bundle:action` and commit action/';
    expect(filesUnder(committed), stale).toEqual(filesUnder(fresh));
    for (const file of filesUnder(fresh)) {
      expect(readFileSync(path.join(committed, file)).equals(readFileSync(path.join(fresh, file))), `${stale} (${file} differs)`).toBe(true);
    }
    expect(filesUnder(fresh)).toEqual(expect.arrayContaining(['index.js', 'THIRD-PARTY-NOTICES', 'generated/license-corpus.json', 'generated/spdx-ids.json']));
  }, 60_000);

  it('names every package bundled into index.js and generated/ (spdx-correct.cjs) with its licence in THIRD-PARTY-NOTICES', () => {
    const notices = readFileSync(path.join(REPO_ROOT, 'action/THIRD-PARTY-NOTICES'), 'utf8');
    const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    for (const name of ['yaml', '@octokit/core', 'ajv', 'smol-toml', 'undici', 'spdx-correct']) {
      const version = lock.packages[`node_modules/${name}`]?.version;
      expect(notices, name).toMatch(new RegExp(`^${name.replace('/', '\\/')} ${version} \\(`, 'm'));
    }
    expect(notices).toContain('Permission is hereby granted');
  });
});
