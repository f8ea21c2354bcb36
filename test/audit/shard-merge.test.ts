import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseShard, shardOf } from '../../src/audit/inputs.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { cleanEnv, FIXTURE_REPOS, keyOf, readJsonl, runCliWith, TOKEN } from './helpers.js';

/** --shard I/N splits by a hash of each target; merge combines the parts into one summary. */
let scratch: string;
let servers: FakeGitHub[] = [];
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dpg-audit-shard-'));
});
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('shards', () => {
  it('I/N is validated; a key always lands in the same shard, whatever the order of the inputs', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '1']) expect(() => parseShard(bad)).toThrow(/Not a shard/);
    const keys = Array.from({ length: 400 }, (_, index) => `github:owner-${index % 20}/repo-${index}`);
    const counts = [0, 0, 0, 0];
    for (const key of keys) {
      const shard = shardOf(key, 4);
      expect(shardOf(key, 4)).toBe(shard);
      counts[shard - 1]!++;
    }
    // Roughly even: each of 4 shards gets 100 ± 40.
    for (const count of counts) expect(Math.abs(count - 100)).toBeLessThan(40);
  });
});

describe('dpg-check audit --shard and dpg-check merge', () => {
  it('three shards cover every target exactly once; merge deduplicates and writes csv, json, md and html summaries', async () => {
    const github = await startFakeGitHub({ token: TOKEN });
    servers.push(github);
    const env = cleanEnv(scratch, { GITHUB_TOKEN: TOKEN });
    const targets = [...FIXTURE_REPOS.map((name) => `github:dpg/${name}`), 'github:dpg/no-such-repo'];
    const list = path.join(scratch, 'targets.txt');
    // The same targets in another order for the third shard: the split does not depend on order.
    writeFileSync(list, `${targets.join('\n')}\n`);
    const reversed = path.join(scratch, 'reversed.txt');
    writeFileSync(reversed, `${[...targets].reverse().join('\n')}\n`);
    const parts: string[] = [];
    for (const index of [1, 2, 3]) {
      const out = path.join(scratch, `shard-${index}.jsonl`);
      parts.push(out);
      const result = await runCliWith(
        ['audit', '--input', index === 3 ? reversed : list, '--shard', `${index}/3`, '--out', out, '--github-api-url', github.apiUrl, '--no-cache'],
        { env },
      );
      expect([0, 1, 3]).toContain(result.code);
    }
    const perShard = parts.map((file) => readJsonl(file).map(keyOf));
    for (const keys of perShard) expect(keys.length).toBeGreaterThan(0);
    const all = perShard.flat();
    expect(all.length).toBe(targets.length);
    expect(new Set(all).size).toBe(targets.length);

    // A duplicate file (a shard run twice) and a torn line do not duplicate anything.
    const copy = path.join(scratch, 'shard-1-again.jsonl');
    writeFileSync(copy, `${readFileSync(parts[0]!, 'utf8')}{"target":"github:dpg/bare","rep`);
    const outputs: Record<string, string> = {};
    for (const format of ['csv', 'json', 'md', 'html']) {
      outputs[format] = path.join(scratch, `summary.${format}`);
      const merged = await runCliWith(['merge', ...parts, copy, '--summary', outputs[format]!], { env });
      expect(merged.code).toBe(3);
      expect(merged.stderr).toMatch(new RegExp(`${targets.length} targets \\(\\d+ duplicates dropped, 1 unreadable line skipped\\)`));
    }
    const merged = path.join(scratch, 'merged.jsonl');
    const withOut = await runCliWith(['merge', ...parts, copy, '--out', merged], { env });
    expect(withOut.code).toBe(3);
    expect(readJsonl(merged).map(keyOf).sort()).toEqual([...all].sort());

    const csv = readFileSync(outputs.csv!, 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe(
      'target,registry_record,manifest,verdict,license,indicator_1,indicator_2,indicator_3,indicator_4,indicator_5,indicator_6,indicator_7,indicator_8,indicator_9a,indicator_9b,indicator_9c,fail,warn,review,pass,mismatches,error',
    );
    expect(csv).toHaveLength(targets.length + 1);
    expect(csv.find((line) => line.startsWith('github:dpg/complete-software,'))).toMatch(
      /^github:dpg\/complete-software,,repository,ready,Apache-2\.0,pass,pass,pass,pass,pass,pass,pass,review,review,pass,pass,0,0,\d+,\d+,,$/,
    );
    expect(csv.find((line) => line.startsWith('github:dpg/no-such-repo,'))).toMatch(/,error,.*does not exist/);
    const missing = csv.find((line) => line.startsWith('github:dpg/fail-2-license-missing,'))?.split(',');
    expect(missing?.slice(2, 7)).toEqual(['repository', 'not-ready', 'Apache-2.0', 'pass', 'fail']);

    const json = JSON.parse(readFileSync(outputs.json!, 'utf8'));
    expect(json.totals).toMatchObject({ targets: targets.length, errors: 1 });
    expect(json.totals.ready + json.totals.notReady + json.totals.errors).toBe(targets.length);
    expect(json.indicators).toHaveLength(11);
    expect(json.rows.find((row: { target: string }) => row.target === 'github:dpg/data-set')).toMatchObject({
      verdict: 'ready',
      license: 'ODbL-1.0',
      indicators: { '2': 'pass' },
    });

    const md = readFileSync(outputs.md!, 'utf8');
    expect(md).toContain('# dpg-check audit summary');
    expect(md).toContain('| github:dpg/complete-software |  | repository | ready | Apache-2.0 |');
    expect(md).toContain('## Could not be checked');

    const html = readFileSync(outputs.html!, 'utf8');
    expect(html).toContain('<table id="targets"');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
  }, 180_000);

  it('a sharded run with --summary summarises its own part only', async () => {
    const out = path.join(scratch, 'local-shard.jsonl');
    const summary = path.join(scratch, 'local-shard.json');
    const env = cleanEnv(scratch);
    const targets = ['fixtures/bare', 'fixtures/data-set', 'fixtures/complete-software', 'fixtures/ai-system', 'fixtures/content-collection'];
    const result = await runCliWith(['audit', ...targets, '--shard', '1/2', '--out', out, '--summary', summary, '--no-cache'], { env });
    expect([0, 1]).toContain(result.code);
    const expected = targets.filter((target) => shardOf(target, 2) === 1).sort();
    expect(readJsonl(out).map(keyOf).sort()).toEqual(expected);
    expect(
      JSON.parse(readFileSync(summary, 'utf8'))
        .rows.map((row: { target: string }) => row.target)
        .sort(),
    ).toEqual(expected);
  });
});
