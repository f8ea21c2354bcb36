import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Progress } from '../../src/audit/progress.js';
import { makeBareRepository } from '../remote/helpers.js';
import { startFakeGitHub } from '../support/fake-github.js';
import { cleanEnv, FIXTURES, readJsonl, runCliWith, TOKEN } from './helpers.js';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dpg-audit-clone-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('dpg-check audit --clone', () => {
  it('reads every GitHub target with git (no API request), and removes its clones', async () => {
    const complete = makeBareRepository(path.join(FIXTURES, 'complete-software'), scratch);
    const data = makeBareRepository(path.join(FIXTURES, 'data-set'), scratch);
    const github = await startFakeGitHub({ token: TOKEN });
    const web = github.apiUrl;
    const config = path.join(scratch, 'gitconfig');
    writeFileSync(
      config,
      `[url "${complete.url}"]\n\tinsteadOf = ${web}/dpg/complete-software.git\n[url "${data.url}"]\n\tinsteadOf = ${web}/dpg/data-set.git\n`,
    );
    const temp = path.join(scratch, 'tmp');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(temp);
    const out = path.join(scratch, 'clone.jsonl');
    try {
      const result = await runCliWith(
        ['audit', 'github:dpg/complete-software', 'github:dpg/data-set', '--clone', '--out', out, '--github-api-url', github.apiUrl, '--no-cache'],
        { env: cleanEnv(scratch, { GITHUB_TOKEN: TOKEN, GIT_CONFIG_GLOBAL: config, GIT_CONFIG_NOSYSTEM: '1', TMPDIR: temp }) },
      );
      expect(result.code, result.stderr).toBe(0);
      const rows = readJsonl(out);
      expect(rows.map((row) => [row.target, row.report?.source.revision, (row.report?.source as { kind?: string } | undefined)?.kind]).sort()).toEqual([
        ['github:dpg/complete-software', complete.commit, 'git'],
        ['github:dpg/data-set', data.commit, 'git'],
      ]);
      expect(github.requests).toEqual([]);
      expect(readdirSync(temp)).toEqual([]);
    } finally {
      await github.close();
    }
  });
});

describe('progress on standard error', () => {
  function capture(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
    let text = '';
    (stream as PassThrough).on('data', (chunk: Buffer) => (text += chunk.toString()));
    Object.assign(stream, { isTTY, columns: 120 });
    return { stream, text: () => text };
  }

  it('on a terminal: one line redrawn in place with done/total, rate, ETA and errors', async () => {
    const { stream, text } = capture(true);
    const progress = new Progress({ total: 10, skipped: 0, stream });
    progress.start();
    progress.tick('ok');
    progress.tick('error');
    await new Promise((resolve) => setTimeout(resolve, 300));
    progress.log('a notice');
    progress.stop('done.');
    const output = text();
    expect(output).toMatch(/\r\x1b\[Kdpg-check audit: 2\/10 \(20%\) · [\d.]+\/s · ETA [^·]+ · 1 error/);
    expect(output).toContain('\r\x1b[Ka notice\n');
    expect(output.endsWith('\r\x1b[Kdone.\n')).toBe(true);
  });

  it('elsewhere: a plain line every interval, no control characters', async () => {
    const { stream, text } = capture(false);
    const progress = new Progress({ total: 3, skipped: 2, stream, intervalSeconds: 0.1 });
    progress.start();
    progress.tick('ok');
    await new Promise((resolve) => setTimeout(resolve, 350));
    progress.stop('dpg-check audit: finished.');
    const lines = text().trim().split('\n');
    expect(lines[0]).toBe('dpg-check audit: 2 targets already done (--resume); 3 to go.');
    expect(lines.filter((line) => /^dpg-check audit: 1\/3 \(33%\)/.test(line)).length).toBeGreaterThanOrEqual(2);
    expect(lines.at(-1)).toBe('dpg-check audit: finished.');
    expect(text()).not.toMatch(/[\r\x1b]/);
  });
});
