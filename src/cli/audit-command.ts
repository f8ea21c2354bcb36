/**
 * `dpg-check audit`: many repositories in one run, for reviewers. Inputs (targets, --input, --org,
 * --registry) → items (deduplicated, sharded, minus those done with --resume) → the runner → one JSONL
 * row per target as it finishes → the summary. See docs/audit.md.
 */
import { stat, truncate } from 'node:fs/promises';
import { ExitCode, UsageError } from '../errors.js';
import { collectItems, listOwnerRepositories, parseShard, shardOf } from '../audit/inputs.js';
import { JsonlAppender, lockResults, prepareResume, readRows, StdoutSink, type RowSink } from '../audit/jsonl.js';
import { Progress } from '../audit/progress.js';
import { runAudit } from '../audit/runner.js';
import { SummaryBuilder, summaryFormatOf, writeSummary } from '../audit/summary.js';
import { rowKey, type AuditRow } from '../audit/types.js';
import { createGitHubSession, type GitHubSession } from '../source/github-batch.js';
import { defaultCacheDir } from '../source/github-cache.js';
import { DEFAULT_GITHUB_API_URL, findGitHubToken } from '../source/open.js';
import { webOriginOfApi } from '../source/targets.js';
import { exitEvenIfStoppedWorkLingers } from '../util/deadline.js';
import { redactText } from '../util/redact.js';

export interface AuditCommandOptions {
  input: string[];
  org: string[];
  includeForks?: boolean;
  includeArchived?: boolean;
  registry: string[];
  out?: string;
  resume?: boolean;
  retryErrors?: boolean;
  overwrite?: boolean;
  concurrency: number;
  batchSize: number;
  /** A folder, or false with --no-cache. */
  cache: boolean;
  cacheDir?: string;
  clone?: boolean;
  summary?: string;
  summaryFormat?: string;
  shard?: string;
  githubApiUrl?: string;
  onRateLimit?: 'wait' | 'fail';
  timeout: number;
  deadline?: number;
  maxFileBytes: number;
  failOn?: 'fail' | 'warn';
  verbose?: boolean;
  progress: boolean;
  progressInterval: number;
  policy?: string;
  applyRepositoryPolicy?: boolean;
}

export async function runAuditCommand(targets: string[], options: AuditCommandOptions): Promise<number> {
  if (options.resume && !options.out) throw new UsageError('--resume needs --out FILE.jsonl: the results of the earlier run.');
  if (options.retryErrors && !options.resume) throw new UsageError('--retry-errors goes with --resume.');
  if (targets.length === 0 && options.input.length === 0 && options.org.length === 0 && options.registry.length === 0) {
    throw new UsageError('Nothing to audit.', 'Give targets, --input FILE (one target a line, - for standard input), --org OWNER or --registry PATH.');
  }
  // One writer per results file, from before --resume reads it to after the summary is written.
  const release = options.out ? await lockResults(options.out) : undefined;
  try {
    return await auditLocked(targets, options);
  } finally {
    release?.();
  }
}

async function auditLocked(targets: string[], options: AuditCommandOptions): Promise<number> {
  const env = process.env;
  if (options.summary === '-' && !options.out)
    throw new UsageError(
      '--summary - writes the summary to standard output, where the rows go without --out.',
      'Give --out FILE.jsonl for the rows, or a file for the summary.',
    );
  const summaryFormat = options.summary ? summaryFormatOf(options.summary, options.summaryFormat) : undefined;
  const shard = options.shard ? parseShard(options.shard) : undefined;
  const apiUrl = normaliseApiUrl(options.githubApiUrl ?? (env.GITHUB_API_URL || DEFAULT_GITHUB_API_URL));
  const web = webOriginOfApi(apiUrl);
  const onRateLimit = options.onRateLimit ?? (env.CI === 'true' ? 'fail' : 'wait');

  // Existing results: refuse to clobber them by accident.
  let done = new Set<string>();
  if (options.out) {
    if (options.resume) {
      const existing = await prepareResume(options.out, options.retryErrors === true);
      done = existing.keys;
      if (existing.tornBytes > 0)
        process.stderr.write(
          `dpg-check audit: cut off an unfinished last line of ${options.out} (${existing.tornBytes} bytes); that target is audited again.\n`,
        );
      if (existing.badLines > 0)
        process.stderr.write(
          `dpg-check audit: ${existing.badLines} line${existing.badLines === 1 ? '' : 's'} of ${options.out} ${existing.badLines === 1 ? 'is' : 'are'} not a result and ${existing.badLines === 1 ? 'was' : 'were'} skipped.\n`,
        );
    } else {
      const size = await stat(options.out).then(
        (info) => info.size,
        () => 0,
      );
      if (size > 0 && !options.overwrite)
        throw new UsageError(`${options.out} already holds results.`, 'Add --resume to go on where it stopped, or --overwrite to start again.');
      if (size > 0) await truncate(options.out, 0);
    }
  }

  // The reviewer's policy is read once, before any target: a wrong path stops the run at once.
  const reviewerPolicy = options.policy !== undefined ? await (await import('../app/run-check.js')).loadReviewerPolicy(options.policy) : undefined;

  const notices: string[] = [];
  let progress: Progress | undefined;
  const notice = (line: string): void => (progress ? progress.log(line) : void notices.push(line));
  const token = await findGitHubToken(env, web.host);
  const cacheDir = options.cache === false ? undefined : (options.cacheDir ?? defaultCacheDir(env));
  const session: GitHubSession = createGitHubSession({
    apiUrl,
    ...(token ? { token } : {}),
    timeoutMs: options.timeout * 1000,
    onRateLimit,
    concurrency: options.concurrency,
    batchSize: options.batchSize,
    ...(cacheDir !== undefined ? { cacheDir } : {}),
    notice,
    ...(options.verbose ? { log: (line: string) => notice(`dpg-check: ${line}`) } : {}),
  });

  const all = await collectItems({
    targets,
    inputFiles: options.input,
    orgs: options.org,
    registries: options.registry,
    includeForks: options.includeForks === true,
    includeArchived: options.includeArchived === true,
    githubHost: web.host,
    listOrg: (owner) => listOwnerRepositories(session.client, owner, { apiUrl, hasToken: Boolean(token) }),
    notice,
  });
  const mine = shard ? all.filter((item) => shardOf(item.key, shard.count) === shard.index) : all;
  const items = mine.filter((item) => !done.has(item.key));
  const skipped = mine.length - items.length;

  const sink: RowSink = options.out ? await JsonlAppender.open(options.out) : new StdoutSink();
  const builder = options.summary && !options.out ? new SummaryBuilder() : undefined;
  progress = new Progress({ total: items.length, skipped, enabled: options.progress, intervalSeconds: options.progressInterval });
  for (const line of notices) progress.log(line);
  progress.start();
  let result;
  try {
    result = await runAudit({
      items,
      sink,
      apiUrl,
      session,
      concurrency: options.concurrency,
      batchSize: options.batchSize,
      clone: options.clone === true,
      maxFileBytes: options.maxFileBytes,
      ...(options.failOn ? { failOn: options.failOn } : {}),
      ...(reviewerPolicy ? { reviewerPolicy } : {}),
      applyRepositoryPolicy: options.applyRepositoryPolicy === true,
      timeoutSeconds: options.timeout,
      ...(options.deadline !== undefined ? { deadlineSeconds: options.deadline } : {}),
      onRateLimit,
      verbose: options.verbose === true,
      log: (line) => progress?.log(line),
      onDone: (_item, row: AuditRow) => {
        progress?.tick('error' in row ? 'error' : 'ok');
        builder?.add(row);
      },
    });
  } finally {
    await sink.close();
  }

  const seconds = progress.elapsedSeconds;
  const finished = result.checked + result.errors;
  const rate = seconds > 0 ? ` (${(finished / seconds).toFixed(1)}/s)` : '';
  const where = options.out ? `; results in ${options.out}` : '';
  progress.stop(
    `dpg-check audit: ${finished} of ${items.length} target${items.length === 1 ? '' : 's'} in ${seconds.toFixed(1)} s${rate}: ${result.ready} ready, ${result.notReady} not ready, ${result.errors} could not be checked${skipped > 0 ? `; ${skipped} done earlier` : ''}${where}.`,
  );

  // The outcome is that of every target of this run's inputs (with --resume, earlier rows too).
  let { notReady, errors } = result;
  const summary = builder ?? (options.summary ? new SummaryBuilder() : undefined);
  if (options.out) {
    const keys = new Set(mine.map((item) => item.key));
    const seen = new Set<string>();
    notReady = 0;
    errors = 0;
    for await (const row of readRows(options.out)) {
      const key = rowKey(row);
      // A sharded run (or a file shared by several inputs) answers for its own items only.
      if (!keys.has(key) || seen.has(key)) continue;
      seen.add(key);
      if ('error' in row) errors++;
      else if (row.report.verdict !== 'ready') notReady++;
      summary?.add(row);
    }
  }
  if (options.summary && summaryFormat && summary) {
    await writeSummary(options.summary, summary.build(), summaryFormat);
    if (options.summary !== '-') process.stderr.write(`dpg-check audit: summary written to ${options.summary}.\n`);
  }

  // Everything is written: a target stopped at its deadline must not hold the process.
  if (result.pastDeadline > 0) exitEvenIfStoppedWorkLingers();
  if (result.stopped) {
    process.stderr.write(`dpg-check: ${redactText(result.stopped.message)}\n`);
    if (result.stopped.hint) process.stderr.write(`${redactText(result.stopped.hint)}\n`);
    process.stderr.write(options.out ? `The audit stopped; run the same command with --resume to go on.\n` : 'The audit stopped.\n');
    return ExitCode.Incomplete;
  }
  if (errors > 0) return ExitCode.Incomplete;
  return notReady > 0 ? ExitCode.NotReady : ExitCode.Ready;
}

function normaliseApiUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`Not a valid GitHub API URL: ${value}`, 'Give --github-api-url as https://HOST/api/v3 for GitHub Enterprise Server.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`The GitHub API URL must be http(s): ${value}`);
  if (url.username || url.password) throw new UsageError('Put no credentials in the GitHub API URL; use GITHUB_TOKEN.');
  return url.href.replace(/\/+$/, '');
}
