#!/usr/bin/env node
// Benchmark of `dpg-check audit` over git URLs (issue 17): N local bare repositories served over
// file:// with partial-clone filters allowed (as GitHub does), each a copy of a fixture made unique.
// Prints, side by side in one run (median of --runs):
//   git alone       for every repository `git clone --depth 1 --filter=blob:none` with its checkout: the
//                   one git command that fetches a repository's files, run --concurrency at a time
//   dpg-check audit the whole audit of the same repositories at the same concurrency (--no-cache)
// the median of each round's ratio of the two (target: <= 1.5x), and the git processes dpg-check starts per repository, counted
// by a `git` first on its PATH that logs each command (target: at most two).
//
//   npm run build && node bench/audit-git.js [--repos 30] [--concurrency 4] [--runs 3] [--keep]
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fixtureRepositories } from '../scripts/fixture-overlays.js';
import { flag, numberOption } from './args.js';

const root = path.resolve(import.meta.dirname, '..');
const repoCount = numberOption('repos', 30);
const concurrency = numberOption('concurrency', 4);
const runs = numberOption('runs', 3);
const work = path.join(root, '.bench', 'audit-git');
const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.org',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.org',
};

if (!existsSync(path.join(root, 'dist/cli/audit-command.js'))) {
  console.error('bench/audit-git.js: build first (npm run build).');
  process.exit(2);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Bare repositories of the fixtures (round robin), each with one line of its own, served as file:// URLs. */
function generateRepositories() {
  // Repositories only: not fixtures/overlays, fixtures/registry, nor the case collection fixtures/bad-inputs.
  const fixtures = fixtureRepositories(path.join(root, 'fixtures'));
  rmSync(path.join(work, 'repos'), { recursive: true, force: true });
  const urls = [];
  for (let index = 0; index < repoCount; index++) {
    const fixture = fixtures[index % fixtures.length];
    const tree = path.join(work, 'trees', `${fixture}-${index}`);
    rmSync(tree, { recursive: true, force: true });
    cpSync(path.join(root, 'fixtures', fixture), tree, { recursive: true });
    const readme = path.join(tree, 'README.md');
    if (existsSync(readme)) appendFileSync(readme, `\n<!-- bench repository ${index} -->\n`);
    else writeFileSync(path.join(tree, '.bench-id'), `${index}\n`);
    execFileSync('git', ['init', '-q', '-b', 'main', tree]);
    execFileSync('git', ['-C', tree, 'add', '-A'], { env: gitEnv });
    execFileSync('git', ['-C', tree, 'commit', '-qm', 'bench'], { env: gitEnv });
    const bare = path.join(work, 'repos', `${fixture}-${index}.git`);
    execFileSync('git', ['clone', '-q', '--bare', tree, bare]);
    // As GitHub does: clients may ask for a partial clone.
    execFileSync('git', ['-C', bare, 'config', 'uploadpack.allowFilter', 'true']);
    urls.push(`file://${bare}`);
  }
  rmSync(path.join(work, 'trees'), { recursive: true, force: true });
  return urls;
}

function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** Every repository's clone with its checkout, `concurrency` at a time. */
async function gitAlone(urls) {
  const target = path.join(work, 'clones');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) {
        const index = next++;
        const result = await run('git', [
          'clone',
          '--quiet',
          '--depth',
          '1',
          '--filter=blob:none',
          '--single-branch',
          '--no-tags',
          '--',
          urls[index],
          path.join(target, String(index)),
        ]);
        if (result.code !== 0) throw new Error(`git clone ${urls[index]}: ${result.stderr}`);
      }
    }),
  );
  const ms = performance.now() - started;
  rmSync(target, { recursive: true, force: true });
  return ms;
}

async function audit(urls, env = {}) {
  const out = path.join(work, 'audit.jsonl');
  const started = performance.now();
  const result = await run(
    process.execPath,
    [path.join(root, 'bin/dpg-check.js'), 'audit', ...urls, '--out', out, '--overwrite', '--no-cache', '--no-progress', '--concurrency', String(concurrency)],
    { cwd: root, env: { ...process.env, CI: '', ...env } },
  );
  const ms = performance.now() - started;
  // 0 all ready, 1 some not ready: both are a finished audit.
  if (result.code !== 0 && result.code !== 1) throw new Error(`audit exited ${result.code}: ${result.stderr.slice(-2000)}`);
  return { ms, stderr: result.stderr };
}

mkdirSync(work, { recursive: true });
try {
  const urls = generateRepositories();
  // The git processes dpg-check starts, counted by a `git` first on the PATH that logs its arguments.
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const wrapper = path.join(work, 'counting-git');
  const log = path.join(work, 'git-commands.log');
  mkdirSync(wrapper, { recursive: true });
  writeFileSync(path.join(wrapper, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
  writeFileSync(log, '');
  await audit(urls, { PATH: `${wrapper}${path.delimiter}${process.env.PATH}` });
  const gitLines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const byCommand = new Map();
  for (const line of gitLines) {
    const command = /^(?:-C \S+ |-c \S+ )*([a-z-]+)/.exec(line)?.[1] ?? '?';
    byCommand.set(command, (byCommand.get(command) ?? 0) + 1);
  }
  // One round unmeasured (page cache), then rounds of both in turn.
  await gitAlone(urls);
  const gitMs = [];
  const auditMs = [];
  for (let round = 0; round < runs; round++) {
    gitMs.push(await gitAlone(urls));
    auditMs.push((await audit(urls)).ms);
  }
  const git = median(gitMs);
  const dpg = median(auditMs);
  // The ratio of each round's pair, whose two runs met the same load on the machine (disk above all).
  const ratios = gitMs.map((ms, round) => auditMs[round] / ms);
  const ratio = median(ratios);
  console.log(
    `dpg-check audit over ${urls.length} local git repositories (file://, partial clone allowed), concurrency ${concurrency}, median of ${runs} runs, node ${process.version}`,
  );
  console.log('');
  console.log('| run | median ms | per repository ms | to git alone |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(`| git alone (clone with checkout) | ${git.toFixed(0)} | ${(git / urls.length).toFixed(1)} | 1.00x |`);
  console.log(`| dpg-check audit | ${dpg.toFixed(0)} | ${(dpg / urls.length).toFixed(1)} | ${ratio.toFixed(2)}x |`);
  console.log('');
  console.log(
    `git processes per repository: ${(gitLines.length / urls.length).toFixed(2)} (${[...byCommand].map(([command, count]) => `${command} ${(count / urls.length).toFixed(2)}`).join(', ')}); target: at most 2`,
  );
  console.log(
    `audit: ${ratio.toFixed(2)}x git alone, the median of each round's ratio (rounds ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}x; target <= 1.5x)`,
  );
} finally {
  if (!flag('keep')) rmSync(work, { recursive: true, force: true });
}
