#!/usr/bin/env node
// Benchmark of dpg-check's fixed cost (issue 17): how much a run costs above Node's own start-up on a
// small repository, where the work itself is nearly nothing. Generates a git repository of 100 files (a
// copy of fixtures/complete-software, with its real LICENSE, README and manifest, plus source files),
// then prints the median wall time of
//   node -e 0                    Node's own start-up: the floor of any Node CLI
//   dpg-check --version          the CLI's start-up (target: <= 1.2x node -e 0)
//   dpg-check check REPO         the whole check (with the code cache the first round wrote; and without
//                                it, as the first run after an install)
//   dpg-check licenses REPO      the licence report alone
//   licensee detect REPO         when `licensee` is on the PATH (Debian: ruby-licensee); it only identifies
//                                the licence (target: check <= 0.5x licensee detect on 1,000 files)
// and then the GitHub Action, run as the runner runs it from a checkout with no install (target: it
// starts checking within 2 s of the step's start).
// and each one's ratio to node -e 0 (and to licensee detect). The commands run in turn within each
// round, so that a change of load on the machine touches all of them alike.
//
//   node bench/startup.js [--files 100] [--runs 15] [--keep]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeActionCheckout, runActionSteps } from '../test/support/simulated-runner.js';
import { flag, numberOption } from './args.js';

const root = path.resolve(import.meta.dirname, '..');
const fileCount = numberOption('files', 100);
const runs = numberOption('runs', 15);
const cli = path.join(root, 'bin/dpg-check.js');
const maxRss = path.join(root, 'bench/max-rss.cjs');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A git repository of `fileCount` files: the complete-software fixture plus source files in a few folders. */
function generateRepository(folder) {
  const fixture = path.join(root, 'fixtures/complete-software');
  cpSync(fixture, folder, { recursive: true });
  let made = execFileSync('git', ['-C', fixture, 'ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean).length;
  for (let index = 0; made < fileCount; index++, made++) {
    const dir = path.join(folder, 'lib', `module-${index % 10}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `file-${index}.js`), `// SPDX-License-Identifier: Apache-2.0\nexport const value${index} = ${index};\n`);
  }
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'bench@example.org',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'bench@example.org',
  };
  execFileSync('git', ['init', '-q', folder]);
  execFileSync('git', ['-C', folder, 'add', '-A'], { env });
  execFileSync('git', ['-C', folder, 'commit', '-qm', 'bench'], { env });
  return execFileSync('git', ['-C', folder, 'ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean).length;
}

/** One run of a command: wall time (ms) and, for a node program, its peak RSS (MB). */
function runOnce({ command, args, node, env = {} }) {
  const finalArgs = node ? ['--require', maxRss, ...args] : args;
  const started = performance.now();
  const result = spawnSync(command, finalArgs, {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  const ms = performance.now() - started;
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${String(result.stderr).trim()}`);
  return { ms, rssMb: node ? Number(String(result.output[3]).trim()) / 1024 : undefined };
}

const workspace = mkdtempSync(path.join(tmpdir(), 'dpg-bench-startup-'));
// A code cache of the bench's own (bin/code-cache.js), written by its first round, not one an earlier
// run of another command left in the user's.
process.env.XDG_CACHE_HOME = path.join(workspace, 'cache');
try {
  const repository = path.join(workspace, 'repo');
  const files = generateRepository(repository);
  const hasLicensee = spawnSync('licensee', ['version'], { stdio: 'ignore' }).status === 0;
  const commands = [
    { name: 'node -e 0', command: process.execPath, args: ['-e', '0'], node: true },
    { name: 'dpg-check --version', command: process.execPath, args: [cli, '--version'], node: true },
    { name: 'dpg-check check', command: process.execPath, args: [cli, 'check', repository], node: true },
    // With the cache turned off (bin/code-cache.js): everything compiled, as in a first run after an
    // install, which also writes the cache (~10 ms more).
    { name: 'dpg-check check, no code cache', command: process.execPath, args: [cli, 'check', repository], node: true, env: { DPG_CHECK_NO_CODE_CACHE: '1' } },
    { name: 'dpg-check licenses', command: process.execPath, args: [cli, 'licenses', repository], node: true },
    ...(hasLicensee ? [{ name: 'licensee detect', command: 'licensee', args: ['detect', repository], node: false }] : []),
  ];
  // One round unmeasured: the page cache, and a first start of Ruby.
  for (const command of commands) runOnce(command);
  const samples = new Map(commands.map((command) => [command.name, { ms: [], rss: [] }]));
  for (let round = 0; round < runs; round++) {
    for (const command of commands) {
      const { ms, rssMb } = runOnce(command);
      const sample = samples.get(command.name);
      sample.ms.push(ms);
      if (rssMb !== undefined) sample.rss.push(rssMb);
    }
  }
  const result = new Map([...samples].map(([name, sample]) => [name, { ms: median(sample.ms), rssMb: sample.rss.length ? median(sample.rss) : undefined }]));
  const nodeMs = result.get('node -e 0').ms;
  const licenseeMs = result.get('licensee detect')?.ms;
  const ratio = (value, to) => `${(value / to).toFixed(2)}x`;

  console.log(`dpg-check start-up benchmark: a git repository of ${files} files, median of ${runs} runs (commands in turn), node ${process.version}`);
  console.log('');
  console.log(`| command | median ms | peak RSS MB | to node -e 0 |${licenseeMs !== undefined ? ' to licensee detect |' : ''}`);
  console.log(`| --- | ---: | ---: | ---: |${licenseeMs !== undefined ? ' ---: |' : ''}`);
  for (const [name, { ms, rssMb }] of result) {
    console.log(
      `| ${name} | ${ms.toFixed(0)} | ${rssMb === undefined ? '' : rssMb.toFixed(0)} | ${ratio(ms, nodeMs)} |${licenseeMs !== undefined ? ` ${ratio(ms, licenseeMs)} |` : ''}`,
    );
  }
  console.log('');
  console.log(
    `--version: ${ratio(result.get('dpg-check --version').ms, nodeMs)} node -e 0 (target <= 1.2x); fixed cost of check above node -e 0: ${(result.get('dpg-check check').ms - nodeMs).toFixed(0)} ms`,
  );
  if (licenseeMs !== undefined)
    console.log(`check: ${ratio(result.get('dpg-check check').ms, licenseeMs)} licensee detect (target <= 0.5x on 1,000 files: --files 1000)`);
  else console.log('licensee not on the PATH (Debian: apt-get install ruby-licensee): no comparison with it');

  // The GitHub Action as the runner runs it (test/support/simulated-runner.js): a checkout of this
  // repository with no node_modules, action.yml's steps in bash, the committed bundle action/index.js.
  const checkout = makeActionCheckout(path.join(workspace, 'action-checkout'));
  const runnerTemp = path.join(workspace, 'runner-temp');
  mkdirSync(runnerTemp);
  const actionMs = [];
  for (let round = 0; round <= runs; round++) {
    const started = performance.now();
    const run = await runActionSteps(
      checkout,
      { target: '.', formats: 'json=report.json' },
      { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: repository, RUNNER_TEMP: runnerTemp },
    );
    if (run.code !== 0 && run.code !== 1) throw new Error(`the Action exited ${run.code}: ${run.stdout}${run.stderr}`);
    // The first round is unmeasured, as above.
    if (round > 0) actionMs.push(performance.now() - started);
  }
  console.log(
    `the Action (action.yml's step, from a checkout without node_modules): the whole check in ${median(actionMs).toFixed(0)} ms, median of ${runs} (target: checking starts within 2 s)`,
  );
} finally {
  if (!flag('keep')) rmSync(workspace, { recursive: true, force: true });
}
