#!/usr/bin/env node
// Benchmark for `dpg-check audit` (issue 5): 400 repositories behind the fake GitHub of the tests, each
// request answered after 150 ms of injected latency. Prints repositories per second, requests per
// repository (by kind), peak RSS, and the same run again from the warm disk cache.
// Targets: at most 1 request per repository amortised, at least 20 repositories per second, a warm
// re-run of the whole set in under 5 seconds.
//
//   npm run build && node bench/audit.js [--repos 400] [--latency 150] [--concurrency 4] [--batch-size 20] [--keep]
//   (BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=DIR' profiles the audits)
//
// The repositories are copies of the fixtures (fixtures/*, round robin) under generated OWNER/REPO names
// (20 owners), each made unique (a line added to its README, or a file when it has none) so that no
// two repositories share every file: only identical files (licence texts) share git ids, as in real life.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { fixtureRepositories } from '../scripts/fixture-overlays.js';
import { flag, numberOption } from './args.js';

const root = path.resolve(import.meta.dirname, '..');
const repoCount = numberOption('repos', 400);
const latencyMs = numberOption('latency', 150);
const concurrency = numberOption('concurrency', 4);
const batchSize = numberOption('batch-size', 20);
const keep = flag('keep');
const work = path.join(root, '.bench', 'audit');
const TOKEN = 'bench-token';

if (!existsSync(path.join(root, 'dist/cli/audit-command.js'))) {
  console.error('bench/audit.js: build first (npm run build).');
  process.exit(2);
}

/** The fake GitHub is TypeScript (test/support): compile it alone into .bench/. */
function loadFakeGitHub() {
  const out = path.join(root, '.bench', 'fake-github');
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  execFileSync(
    process.execPath,
    [
      tsc,
      '--outDir',
      out,
      '--rootDir',
      root,
      '--module',
      'NodeNext',
      '--moduleResolution',
      'NodeNext',
      '--target',
      'ES2022',
      '--types',
      'node',
      '--skipLibCheck',
      '--declaration',
      'false',
      path.join(root, 'test/support/fake-github.ts'),
    ],
    { stdio: 'inherit' },
  );
  return import(pathToFileURL(path.join(out, 'test/support/fake-github.js')).href);
}

function generateRepositories() {
  // Repositories only: not fixtures/overlays, fixtures/registry, nor the case collection fixtures/bad-inputs.
  const fixtures = fixtureRepositories(path.join(root, 'fixtures'));
  rmSync(path.join(work, 'repos'), { recursive: true, force: true });
  const repos = {};
  const targets = [];
  for (let index = 0; index < repoCount; index++) {
    const fixture = fixtures[index % fixtures.length];
    const owner = `bench-org-${String(index % 20).padStart(2, '0')}`;
    const name = `${fixture}-${String(index).padStart(3, '0')}`;
    const folder = path.join(work, 'repos', owner, name);
    mkdirSync(folder, { recursive: true });
    cpSync(path.join(root, 'fixtures', fixture), folder, { recursive: true });
    const readme = path.join(folder, 'README.md');
    if (existsSync(readme)) appendFileSync(readme, `\n<!-- bench repository ${index} -->\n`);
    else writeFileSync(path.join(folder, '.bench-id'), `${index}\n`);
    repos[`${owner}/${name}`] = folder;
    targets.push(`github:${owner}/${name}`);
  }
  return { repos, targets };
}

/** Runs the CLI as a child (the fake server lives in this process, so never spawnSync). */
function runAudit(apiUrl, targetsFile, outFile, cacheDir) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
        ...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []),
        '--require',
        path.join(root, 'bench/max-rss.cjs'),
        path.join(root, 'bin/dpg-check.js'),
        'audit',
        '--input',
        targetsFile,
        '--out',
        outFile,
        '--overwrite',
        '--github-api-url',
        apiUrl,
        '--cache-dir',
        cacheDir,
        '--concurrency',
        String(concurrency),
        '--batch-size',
        String(batchSize),
        '--no-progress',
      ],
      { cwd: root, env: { ...process.env, GITHUB_TOKEN: TOKEN, GH_TOKEN: '', GITHUB_API_URL: '', CI: '' }, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let rss = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdio[3].on('data', (chunk) => (rss += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ms: performance.now() - started, rssMb: Number(rss.trim()) / 1024, stderr }));
  });
}

function rowsOf(file) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

function describeRun(label, run, requests, rows) {
  const errors = rows.filter((row) => row.error).length;
  const byKind = requests.reduce(
    (counts, request) => ({ ...counts, [`${request.kind} ${request.status}`]: (counts[`${request.kind} ${request.status}`] ?? 0) + 1 }),
    {},
  );
  const perSecond = rows.length / (run.ms / 1000);
  console.log(
    `${label.padEnd(5)} ${String(rows.length).padStart(4)} repositories in ${(run.ms / 1000).toFixed(2)} s = ${perSecond.toFixed(1)} repositories/s; ${requests.length} requests = ${(requests.length / rows.length).toFixed(3)} per repository (${
      Object.entries(byKind)
        .map(([kind, count]) => `${count} ${kind}`)
        .join(', ') || 'none'
    }); peak RSS ${run.rssMb.toFixed(0)} MB; ${errors} errors; exit ${run.code}`,
  );
  return { perSecond, perRepository: requests.length / rows.length, seconds: run.ms / 1000, errors };
}

const { startFakeGitHub } = await loadFakeGitHub();
mkdirSync(work, { recursive: true });
const { repos, targets } = generateRepositories();
const targetsFile = path.join(work, 'targets.txt');
writeFileSync(targetsFile, `${targets.join('\n')}\n`);
const cacheDir = path.join(work, 'cache');
rmSync(cacheDir, { recursive: true, force: true });

const github = await startFakeGitHub({ token: TOKEN, repos });
github.inject({ fault: { kind: 'slow', delayMs: latencyMs }, times: Number.POSITIVE_INFINITY });
console.log(
  `dpg-check audit: ${repoCount} repositories (copies of the fixtures, 20 owners) behind the fake GitHub, ${latencyMs} ms per request; --concurrency ${concurrency} --batch-size ${batchSize}; Node ${process.version}`,
);
try {
  const cold = await runAudit(github.apiUrl, targetsFile, path.join(work, 'cold.jsonl'), cacheDir);
  const coldRequests = github.requests.splice(0);
  const coldFigures = describeRun('cold', cold, coldRequests, rowsOf(path.join(work, 'cold.jsonl')));
  const warm = await runAudit(github.apiUrl, targetsFile, path.join(work, 'warm.jsonl'), cacheDir);
  const warmRequests = github.requests.splice(0);
  const warmFigures = describeRun('warm', warm, warmRequests, rowsOf(path.join(work, 'warm.jsonl')));
  if (cold.code === 2 || warm.code === 2) console.error(cold.stderr, warm.stderr);
  console.log(
    `targets: ≤ 1 request per repository: ${coldFigures.perRepository <= 1 ? 'met' : 'missed'} (${coldFigures.perRepository.toFixed(3)}); ≥ 20 repositories/s: ${coldFigures.perSecond >= 20 ? 'met' : 'missed'} (${coldFigures.perSecond.toFixed(1)}); warm re-run < 5 s: ${warmFigures.seconds < 5 ? 'met' : 'missed'} (${warmFigures.seconds.toFixed(2)} s)`,
  );
} finally {
  await github.close();
  if (!keep) rmSync(work, { recursive: true, force: true });
}
