import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { checkTarget, FIXTURES, makeBareRepository, summarise } from './helpers.js';

/**
 * The same repository read four ways — a folder, a file:// git URL (a bare repository made with git),
 * the fake GitHub with a token (GraphQL) and without (REST) — must give the same report.
 */
const FIXTURE_NAMES = [
  'complete-software',
  'ai-system',
  'content-collection',
  'data-set',
  'fail-9c-no-code-of-conduct',
  'fail-2-license-missing',
  'warn-4-undeclared-mapbox',
];

let scratch: string;
let github: FakeGitHub;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dpg-remote-eq-'));
  // No owner `.github` repository here: inheritance would (rightly) make GitHub differ from a folder.
  github = await startFakeGitHub();
});
afterAll(async () => {
  await github.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the same repository as a folder, a git URL and a GitHub repository', () => {
  for (const name of FIXTURE_NAMES) {
    it(`gives the same report for ${name}`, async () => {
      const folder = path.join(FIXTURES, name);
      const { url, commit } = makeBareRepository(folder, scratch);
      const local = await checkTarget(folder);
      const viaGit = await checkTarget(url);
      const viaToken = await checkTarget(`github:dpg/${name}`, { githubApiUrl: github.apiUrl, token: 'test-token' });
      const viaRest = await checkTarget(`https://github.com/dpg/${name}`, { githubApiUrl: github.apiUrl });

      expect(viaGit.source).toMatchObject({ kind: 'git', revision: commit });
      expect(viaToken.source).toMatchObject({ kind: 'github', target: `github:dpg/${name}` });
      expect(viaToken.source.revision).toMatch(/^[0-9a-f]{40}$/);
      expect(viaRest.source.revision).toBe(viaToken.source.revision);

      const expected = summarise(local);
      expect(expected.findings.length).toBeGreaterThan(5);
      expect(summarise(viaGit)).toEqual(expected);
      expect(summarise(viaToken)).toEqual(expected);
      expect(summarise(viaRest)).toEqual(expected);
    });
  }
});
