#!/usr/bin/env node
// Benchmark for `dpg-check check` on a large local repository (issue: the local check, target: within
// 3x of the floor, under 150 MB peak RSS). Generates a tree of 100,000 files holding a few real
// licence/README/manifest files, then prints median wall time and peak RSS of dpg-check beside two
// floors, each Node's own start-up (`node -e 0`) plus a listing of the same tree:
//   - plain `git ls-files` (the tracked files, read from the index): the floor the target is set against;
//   - `git ls-files --cached --others --exclude-standard`, what the local source runs today (it also
//     walks the work tree for untracked files, several times slower than plain ls-files).
// When `licensee` is on the PATH (Debian: ruby-licensee), `licensee detect` on the same tree too.
//
//   node bench/local.js [--files 100000] [--runs 5] [--keep]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { flag, numberOption } from './args.js';

const root = path.resolve(import.meta.dirname, '..');
const fileCount = numberOption('files', 100_000);
const runs = numberOption('runs', 5);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs a command `runs` times; returns the median wall time (ms) and, for node programs, peak RSS (MB). */
function measure(command, commandArgs, { cwd, node = false } = {}) {
  const times = [];
  const rss = [];
  for (let run = 0; run < runs; run++) {
    const finalArgs = node ? ['--require', path.join(root, 'bench/max-rss.cjs'), ...commandArgs] : commandArgs;
    const started = performance.now();
    const result = spawnSync(command, finalArgs, { cwd, stdio: ['ignore', 'ignore', 'inherit', 'pipe'], maxBuffer: 1 << 30 });
    times.push(performance.now() - started);
    if (result.error) throw result.error;
    if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${commandArgs.join(' ')} exited ${result.status}`);
    if (node) rss.push(Number(String(result.output[3]).trim()) / 1024);
  }
  return { ms: median(times), rssMb: node ? median(rss) : undefined };
}

function generateTree(folder) {
  const fixture = path.join(root, 'fixtures/complete-software');
  cpSync(fixture, folder, { recursive: true });
  // 100 top-level packages x 10 folders x N files: a monorepo-like shape with realistic depth.
  let made = execFileSync('git', ['-C', fixture, 'ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean).length;
  const perFolder = Math.ceil((fileCount - made) / 1000);
  for (let pkg = 0; pkg < 100 && made < fileCount; pkg++) {
    for (let sub = 0; sub < 10 && made < fileCount; sub++) {
      const dir = path.join(folder, 'packages', `pkg-${pkg}`, 'src', `module-${sub}`);
      mkdirSync(dir, { recursive: true });
      for (let file = 0; file < perFolder && made < fileCount; file++, made++) {
        writeFileSync(path.join(dir, `file-${file}.ts`), `export const value${file} = ${file};\n`);
      }
    }
  }
  return made;
}

const workspace = mkdtempSync(path.join(tmpdir(), 'dpg-bench-local-'));
try {
  const tree = path.join(workspace, 'repo');
  process.stderr.write(`generating ${fileCount} files in ${tree} ...\n`);
  const made = generateTree(tree);
  const gitEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'bench@example.org',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'bench@example.org',
  };
  execFileSync('git', ['init', '-q', tree]);
  execFileSync('git', ['-C', tree, 'add', '-A'], { env: gitEnv });
  execFileSync('git', ['-C', tree, 'commit', '-qm', 'bench'], { env: gitEnv });
  const walkTree = path.join(workspace, 'walk');
  cpSync(tree, walkTree, { recursive: true, filter: (source) => !source.includes(`${path.sep}.git`) || source.endsWith('.gitignore') });

  const cli = path.join(root, 'bin/dpg-check.js');
  const hasLicensee = spawnSync('licensee', ['version'], { stdio: 'ignore' }).status === 0;
  measure(process.execPath, [cli, 'check', tree, '--format', 'json'], { node: true }); // warm the page cache
  const nodeStart = measure(process.execPath, ['-e', '0'], { node: true });
  const lsPlain = measure('git', ['-C', tree, 'ls-files', '-z']);
  const lsOthers = measure('git', ['-C', tree, 'ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  const check = measure(process.execPath, [cli, 'check', tree, '--format', 'json'], { node: true });
  const walk = measure(process.execPath, [cli, 'check', walkTree, '--format', 'json'], { node: true });
  const licensee = hasLicensee ? measure('licensee', ['detect', tree]) : undefined;
  const floorPlain = nodeStart.ms + lsPlain.ms;
  const floorOthers = nodeStart.ms + lsOthers.ms;

  const rows = [
    ['node -e 0', nodeStart.ms, nodeStart.rssMb],
    ['git ls-files', lsPlain.ms, undefined],
    ['git ls-files --cached --others --exclude-standard', lsOthers.ms, undefined],
    ['floor: node -e 0 + git ls-files', floorPlain, undefined],
    ['floor: node -e 0 + git ls-files --others', floorOthers, undefined],
    ['dpg-check check (git work tree)', check.ms, check.rssMb],
    ['dpg-check check (plain folder, walk)', walk.ms, walk.rssMb],
    ...(licensee ? [['licensee detect', licensee.ms, undefined]] : []),
  ];
  const ratio = (value, to) => `${(value / to).toFixed(2)}x`;
  console.log(`dpg-check local benchmark: ${made} files, median of ${runs} runs, node ${process.version}`);
  console.log('');
  console.log('| command | median ms | peak RSS MB |');
  console.log('| --- | ---: | ---: |');
  for (const [name, ms, rss] of rows) console.log(`| ${name} | ${ms.toFixed(0)} | ${rss === undefined ? '' : rss.toFixed(0)} |`);
  console.log('');
  console.log('| ratio of | to node -e 0 + git ls-files | to node -e 0 + git ls-files --others |');
  console.log('| --- | ---: | ---: |');
  console.log(`| check (git work tree) | ${ratio(check.ms, floorPlain)} (target <= 3x) | ${ratio(check.ms, floorOthers)} |`);
  console.log(`| check (plain folder, walk) | ${ratio(walk.ms, floorPlain)} | ${ratio(walk.ms, floorOthers)} |`);
  console.log('');
  console.log(`git ls-files --others costs ${ratio(lsOthers.ms, lsPlain.ms)} plain git ls-files`);
  if (licensee) console.log(`check / licensee detect: ${ratio(check.ms, licensee.ms)} (git work tree), ${ratio(walk.ms, licensee.ms)} (walk)`);
  else console.log('licensee not on the PATH (Debian: apt-get install ruby-licensee): no comparison with it');
  console.log(`peak RSS: ${check.rssMb.toFixed(0)} MB (target < 150 MB); walk: ${walk.rssMb.toFixed(0)} MB`);
} finally {
  if (!flag('keep')) rmSync(workspace, { recursive: true, force: true });
}
