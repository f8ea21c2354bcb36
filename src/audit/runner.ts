/**
 * Runs an audit: every item checked with bounded concurrency, each result appended to the sink as it
 * finishes. GitHub targets share one session (client, request slots, disk cache, GraphQL batcher);
 * with a token, `concurrency × batchSize` of them are in flight so that each GraphQL request can carry
 * up to `batchSize` repositories while at most `concurrency` requests are open. Folders and git URLs
 * (and every GitHub target with --clone) take `concurrency` at a time.
 *
 * A target that fails becomes an error row and the run goes on; only a spent GitHub quota (with
 * --on-rate-limit fail) or a refused token stops the run, because every later target would fail the
 * same way: the targets not done are left for --resume.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { runCheck } from '../app/run-check.js';
import { DpgCheckError, ExitCode } from '../errors.js';
import type { Facts } from '../facts/types.js';
import type { TextIdentifier } from '../licenses/detect.js';
import type { LoadedPolicy } from '../policy/types.js';
import type { FailOn, Report } from '../report/types.js';
import type { GitHubSession } from '../source/github-batch.js';
import { GitHubIncompleteError } from '../source/github-http.js';
import { openTarget } from '../app/open-target.js';
import { filesToPrefetch } from '../facts/read-plan.js';
import { DEFAULT_GITHUB_HOSTS, parseTarget, webOriginOfApi, type Target } from '../source/targets.js';
import type { RepositorySource } from '../source/types.js';
import { DeadlineError } from '../util/deadline.js';
import { redactText } from '../util/redact.js';
import type { RowSink } from './jsonl.js';
import type { AuditItem, AuditRow, LicenseSummary } from './types.js';

export interface RunOptions {
  items: readonly AuditItem[];
  sink: RowSink;
  apiUrl: string;
  /** The shared GitHub session; GitHub targets are cloned when undefined or with `clone`. */
  session?: GitHubSession;
  concurrency: number;
  batchSize: number;
  clone: boolean;
  maxFileBytes: number;
  failOn?: FailOn;
  timeoutSeconds: number;
  /** Time limit of each target (`--deadline`); past it the target becomes an error row. */
  deadlineSeconds?: number;
  onRateLimit: 'wait' | 'fail';
  verbose: boolean;
  log: (line: string) => void;
  /** Called as each item ends, after its row is on disk. */
  onDone?: (item: AuditItem, row: AuditRow) => void;
  identifyLicenseText?: TextIdentifier;
  /** A reviewer's policy (--policy), applied to every target. */
  reviewerPolicy?: LoadedPolicy;
  /** Apply each repository's own policy (--apply-repository-policy); by default it is only reported. */
  applyRepositoryPolicy?: boolean;
}

export interface RunResult {
  checked: number;
  ready: number;
  notReady: number;
  errors: number;
  /** Set when the run stopped early (quota spent, token refused). */
  stopped?: DpgCheckError;
  /** Targets stopped at --deadline (their stopped work may leave a rate-limit wait behind). */
  pastDeadline: number;
}

export async function runAudit(options: RunOptions): Promise<RunResult> {
  const result: RunResult = { checked: 0, ready: 0, notReady: 0, errors: 0, pastDeadline: 0 };
  const identify = memoise(options.identifyLicenseText ?? (await import('../licenses/text/identify.js')).identifyLicenseText);
  const web = webOriginOfApi(options.apiUrl);
  const githubHosts = [...new Set([...DEFAULT_GITHUB_HOSTS, web.host.toLowerCase()])];
  const viaApi: AuditItem[] = [];
  const others: AuditItem[] = [];
  for (const item of options.items) {
    const target = item.invalid ? undefined : safeParse(item.open, githubHosts);
    if (target?.kind === 'github' && !options.clone && options.session) viaApi.push(item);
    else others.push(item);
  }

  const runOne = async (item: AuditItem): Promise<void> => {
    if (result.stopped) return;
    let row: AuditRow;
    try {
      row = await auditItem(item, options, identify, githubHosts, web.origin, () => result.pastDeadline++);
    } catch (error) {
      if (stopsTheRun(error)) {
        result.stopped ??= error as DpgCheckError;
        return;
      }
      throw error;
    }
    await options.sink.append(row);
    if ('error' in row) result.errors++;
    else {
      result.checked++;
      if (row.report.verdict === 'ready') result.ready++;
      else result.notReady++;
    }
    options.onDone?.(item, row);
  };

  const apiWidth = options.session?.batcher ? options.concurrency * Math.max(1, options.batchSize) : options.concurrency;
  await Promise.all([
    pool(viaApi, apiWidth, runOne, () => result.stopped !== undefined),
    pool(others, options.concurrency, runOne, () => result.stopped !== undefined),
  ]);
  return result;
}

function stopsTheRun(error: unknown): boolean {
  return error instanceof GitHubIncompleteError && (error.kind === 'rate-limit' || error.kind === 'auth');
}

async function pool<T>(items: readonly T[], width: number, run: (item: T) => Promise<void>, stop: () => boolean): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stop()) {
      const item = items[next++] as T;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, worker));
}

function safeParse(text: string, githubHosts: readonly string[]): Target | undefined {
  try {
    return parseTarget(text, { githubHosts, exists: (candidate) => existsSync(candidate) });
  } catch {
    return undefined;
  }
}

/** One target: open, gather, report, cross-check against its registry record; an error row when it fails. */
async function auditItem(
  item: AuditItem,
  options: RunOptions,
  identify: TextIdentifier,
  githubHosts: readonly string[],
  webOrigin: string,
  onDeadline: () => void,
): Promise<AuditRow> {
  const base = { target: item.target, ...(item.registry ? { registryRecord: item.registry.ref } : {}) };
  if (item.invalid) return { ...base, error: item.invalid };
  try {
    const checked = await checkItem(item, options, identify, githubHosts, webOrigin);
    return { ...base, ...checked };
  } catch (error) {
    if (stopsTheRun(error)) throw error;
    if (error instanceof DeadlineError) onDeadline();
    // An upstream message may echo a token or a URL's credentials: rows are shared, so they are redacted.
    if (error instanceof DpgCheckError)
      return { ...base, error: { message: redactText(error.message), exitCode: error.exitCode, ...(error.hint ? { hint: redactText(error.hint) } : {}) } };
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, error: { message: redactText(`internal error: ${message}`), exitCode: ExitCode.Incomplete } };
  }
}

async function checkItem(
  item: AuditItem,
  options: RunOptions,
  identify: TextIdentifier,
  githubHosts: readonly string[],
  webOrigin: string,
): Promise<{ license: LicenseSummary; report: Report }> {
  const registry = item.registry;
  const { report, facts } = await runCheck(item.open, {
    open: (signal) => openItem(item, options, githubHosts, webOrigin, signal),
    ...(registry?.record
      ? { application: { ref: registry.ref, record: registry.record, ...(registry.application ? { manifest: registry.application } : {}) } }
      : {}),
    ...(options.reviewerPolicy ? { reviewerPolicy: options.reviewerPolicy } : {}),
    repositoryPolicy: options.applyRepositoryPolicy ? 'apply' : 'report',
    ...(options.failOn ? { failOn: options.failOn } : {}),
    maxFileBytes: options.maxFileBytes,
    ...(options.deadlineSeconds !== undefined ? { deadlineSeconds: options.deadlineSeconds } : {}),
    identifyLicenseText: identify,
    githubHosts,
  });
  return { license: licenseSummary(facts), report };
}

async function openItem(
  item: AuditItem,
  options: RunOptions,
  githubHosts: readonly string[],
  webOrigin: string,
  signal: AbortSignal | undefined,
): Promise<RepositorySource> {
  const target = safeParse(item.open, githubHosts);
  const session = options.session;
  if (target?.kind === 'github' && session && !options.clone) {
    const { GitHubSource } = await import('../source/github.js');
    return new GitHubSource({
      owner: target.owner,
      repo: target.repo,
      ...(target.ref !== undefined ? { ref: target.ref } : {}),
      display: target.display,
      ...(session.token ? { token: session.token } : {}),
      apiUrl: options.apiUrl,
      webOrigin,
      timeoutMs: options.timeoutSeconds * 1000,
      onRateLimit: options.onRateLimit,
      maxFileBytes: options.maxFileBytes,
      session,
      readPlan: filesToPrefetch,
      ...(signal ? { signal } : {}),
    });
  }
  return openTarget(item.open, {
    githubApiUrl: options.apiUrl,
    clone: options.clone,
    onRateLimit: options.onRateLimit,
    timeoutSeconds: options.timeoutSeconds,
    maxFileBytes: options.maxFileBytes,
    ...(options.verbose ? { verbose: true, log: options.log } : {}),
    ...(session ? { token: session.token ?? null } : {}),
    ...(signal ? { signal } : {}),
  });
}

function licenseSummary(facts: Facts): LicenseSummary {
  return {
    expression: facts.licenses.expression,
    files: facts.licenses.files.filter((file) => (file.role ?? 'licence') === 'licence').map((file) => ({ path: file.path, spdx: file.spdx })),
    declarations: facts.licenses.declarations
      .filter((declaration) => declaration.source !== 'spdx-header')
      .map((declaration) => ({ path: declaration.path, source: declaration.source, expression: declaration.expression })),
  };
}

const MEMO_LIMIT = 5000;

/**
 * Licence texts repeat across repositories (the Apache-2.0 text is the same byte for byte in thousands
 * of them), and identifying one is the costliest step of a check: each distinct text is identified
 * once per run. Results are copied out, so no report shares an object with another.
 */
function memoise(identify: TextIdentifier): TextIdentifier {
  const known = new Map<string, ReturnType<TextIdentifier>>();
  return (text) => {
    const key = createHash('sha1').update(text).digest('base64');
    let result = known.get(key);
    if (!result) {
      if (known.size >= MEMO_LIMIT) known.clear();
      result = identify(text);
      known.set(key, result);
    }
    return structuredClone(result);
  };
}
