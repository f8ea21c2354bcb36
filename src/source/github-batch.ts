/**
 * What GitHub sources share: one octokit client (one connection pool, one rate-limit throttle), a limit
 * on requests at once, a disk cache, and a GraphQL batcher that puts the parts several repositories
 * need into one request. The batch audit gives one session to all its sources; a repository checked
 * alone has a session of its own, and is a batch of one.
 *
 * The batcher: sources submit parts (a repository fragment and how to read its answer); parts wait a
 * few milliseconds for company, then, when one of the shared request slots is free, up to `maxParts`
 * of them (and at most `maxWeight` bytes of expected file text) go in one query, each under its own
 * alias. A part whose repository does not exist fails alone; a request that fails fails all its parts.
 * When GraphQL says the hour's points are spent, the batcher waits for the reset (--on-rate-limit
 * wait) and asks again, or fails every part with a rate-limit error (fail).
 */
import { GitHubDiskCache } from './github-cache.js';
import { createGitHubClient, RequestSlots, SLOT_HELD_HEADER, type GitHubClient, type GitHubClientOptions } from './github-http.js';
import { composeQuery } from './github-query.js';

export interface GraphqlError {
  type?: string;
  message?: string;
  path?: unknown[];
}

export interface BatchPart<T> {
  /** Builds the part's fragment under the alias the batch gives it. */
  fragment(alias: string): string;
  /** Reads the part's answer: the value under its alias and the errors about it. May throw. */
  read(value: unknown, errors: GraphqlError[]): T;
  /** Roughly how many bytes of answer to expect (file texts), so that no request grows too large. */
  weight?: number;
}

export interface GraphqlBatcherOptions {
  client: GitHubClient;
  /** Where GraphQL is, when not at `/graphql` of the REST base (GitHub Enterprise Server). */
  graphqlUrl?: string;
  slots: RequestSlots;
  /** Parts per request at most. Default 20. */
  maxParts?: number;
  /** Expected answer bytes per request at most (a single larger part still goes, alone). Default 8 MiB. */
  maxWeight?: number;
  /** How long a part waits for others before a request is sent anyway. Default 10 ms. */
  delayMs?: number;
  onRateLimit: 'wait' | 'fail';
  /** The longest wait for the GraphQL quota to reset, in seconds. Default 3600. */
  maxWaitSeconds?: number;
  notice?: (line: string) => void;
  /** Aborts every request (a session of one: its check's --deadline); a shared batcher has none. */
  signal?: AbortSignal;
}

interface Pending {
  part: BatchPart<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** Sent alone: its batch failed as a whole, and this is its second chance. */
  solo?: boolean;
}

export interface BatcherStats {
  /** GraphQL requests sent (a retry after a rate-limit wait counts again). */
  requests: number;
  /** Parts answered. */
  parts: number;
  /** The most parts one request carried. */
  largestBatch: number;
  /** Batches that failed as a whole and were sent again part by part. */
  splits: number;
}

export class GraphqlBatcher {
  readonly stats: BatcherStats = { requests: 0, parts: 0, largestBatch: 0, splits: 0 };
  private readonly options: Required<Omit<GraphqlBatcherOptions, 'graphqlUrl' | 'notice' | 'signal'>> &
    Pick<GraphqlBatcherOptions, 'graphqlUrl' | 'notice' | 'signal'>;
  private readonly pending: Pending[] = [];
  private pumping = false;

  constructor(options: GraphqlBatcherOptions) {
    this.options = { maxParts: 20, maxWeight: 8 * 1024 * 1024, delayMs: 10, maxWaitSeconds: 3600, ...options };
  }

  submit<T>(part: BatchPart<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ part: part as BatchPart<unknown>, resolve: resolve as (value: unknown) => void, reject });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.pending.length > 0) {
        if (this.pending.length < this.options.maxParts && this.options.delayMs > 0) await sleep(this.options.delayMs);
        const release = await this.options.slots.acquire();
        const batch = this.take();
        if (batch.length === 0) {
          release();
          continue;
        }
        void this.send(batch).finally(release);
      }
    } finally {
      this.pumping = false;
    }
  }

  private take(): Pending[] {
    const batch: Pending[] = [];
    let weight = 0;
    while (this.pending.length > 0 && batch.length < this.options.maxParts) {
      const next = this.pending[0] as Pending;
      const nextWeight = next.part.weight ?? 0;
      if (batch.length > 0 && (next.solo || weight + nextWeight > this.options.maxWeight)) break;
      if (next.solo) return [this.pending.shift() as Pending];
      batch.push(this.pending.shift() as Pending);
      weight += nextWeight;
    }
    return batch;
  }

  private async send(batch: Pending[]): Promise<void> {
    const aliases = batch.map((_, index) => `p${index}`);
    let query: string;
    try {
      query = composeQuery(batch.map((entry, index) => entry.part.fragment(aliases[index] as string)));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    let body: { data?: unknown; errors?: unknown };
    try {
      body = await this.request(query);
    } catch (error) {
      // Stopped at the deadline: asking again part by part would only be stopped again.
      if (batch.length > 1 && !this.options.signal?.aborted && splitsOnFailure(error)) {
        // One heavy repository (a huge tree, GitHub's time limit per query) must not sink the others:
        // each part gets a request of its own.
        this.stats.splits++;
        this.pending.unshift(...batch.map((entry) => ({ ...entry, solo: true })));
        void this.pump();
        return;
      }
      for (const entry of batch) entry.reject(error);
      return;
    }
    const data = (typeof body.data === 'object' && body.data !== null ? body.data : {}) as Record<string, unknown>;
    const errors = (Array.isArray(body.errors) ? body.errors : []) as GraphqlError[];
    const aliasSet = new Set(aliases);
    const general = errors.filter((error) => !(Array.isArray(error.path) && typeof error.path[0] === 'string' && aliasSet.has(error.path[0])));
    if (general.length > 0) {
      if (batch.length > 1) {
        // "Something went wrong while executing your query. This may be the result of a timeout":
        // GitHub's answer to a query too heavy for its time limit. Part by part, then.
        this.stats.splits++;
        this.pending.unshift(...batch.map((entry) => ({ ...entry, solo: true })));
        void this.pump();
        return;
      }
      const first = general[0]?.message ?? 'unknown error';
      const failure = new Error(`GitHub's GraphQL API refused the query: ${first}`);
      for (const entry of batch) entry.reject(failure);
      return;
    }
    batch.forEach((entry, index) => {
      const alias = aliases[index] as string;
      try {
        entry.resolve(
          entry.part.read(
            data[alias] ?? null,
            errors.filter((error) => Array.isArray(error.path) && error.path[0] === alias),
          ),
        );
        this.stats.parts++;
      } catch (error) {
        entry.reject(error);
      }
    });
  }

  /** One request; a spent GraphQL quota is waited out (once) or turned into a rate-limit error. */
  private async request(query: string): Promise<{ data?: unknown; errors?: unknown }> {
    for (let attempt = 0; ; attempt++) {
      this.stats.requests++;
      const response = await this.options.client.request('POST /graphql', {
        query,
        headers: { [SLOT_HELD_HEADER]: '1' },
        ...(this.options.graphqlUrl ? { url: this.options.graphqlUrl } : {}),
        ...(this.options.signal ? { request: { signal: this.options.signal } } : {}),
      });
      const body = response.data as { data?: unknown; errors?: unknown } | string;
      if (typeof body !== 'object' || body === null) throw new Error("GitHub's answer to the GraphQL query is not JSON (it may have been cut short)");
      const limited = Array.isArray(body.errors) && (body.errors as GraphqlError[]).some((error) => error.type === 'RATE_LIMITED');
      if (!limited) return body;
      const headers = response.headers as Record<string, string | undefined>;
      const reset = Number(headers['x-ratelimit-reset']);
      const waitSeconds = Number.isFinite(reset) && reset > 0 ? Math.max(1, Math.ceil(reset - Date.now() / 1000)) : Number.POSITIVE_INFINITY;
      if (this.options.onRateLimit === 'fail' || attempt >= 1 || waitSeconds > this.options.maxWaitSeconds) {
        throw Object.assign(new Error('API rate limit exceeded (GraphQL)'), {
          status: 403,
          response: { headers: { ...headers, 'x-ratelimit-remaining': '0' } },
        });
      }
      (this.options.notice ?? ((line: string) => process.stderr.write(`${line}\n`)))(
        `dpg-check: the GitHub GraphQL rate limit is spent; waiting ${waitSeconds} s for it to reset (--on-rate-limit fail stops instead).`,
      );
      await sleep(waitSeconds * 1000);
    }
  }
}

/**
 * Whether a failed batch is worth sending again part by part: server errors, time-outs and cut
 * answers (what a too heavy query gets), and answers GitHub refused; not a spent quota or a refused
 * token, which would fail every part the same way.
 */
function splitsOnFailure(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  const headers = ((error as { response?: { headers?: Record<string, string | undefined> } }).response?.headers ?? {}) as Record<string, string | undefined>;
  if (status === 401 || status === 403 || status === 429 || headers['x-ratelimit-remaining'] === '0') return false;
  return true;
}

/** What every GitHub source reads through: the audit's, shared, or a repository's own. */
export interface GitHubSession {
  apiUrl: string;
  token?: string;
  client: GitHubClient;
  slots: RequestSlots;
  /** With a token only: GraphQL needs one. */
  batcher?: GraphqlBatcher;
  cache?: GitHubDiskCache;
  /** Levels of a tree listed per GraphQL round (the rest in follow-up rounds). */
  treeDepth: number;
  /**
   * How a repository's files are listed with a token: `graphql`, in rounds whose parts share requests
   * with other repositories' (the audit); `rest`, the recursive tree call, one request at any depth
   * (a repository alone, which has no one to share a request with).
   */
  treeListing: TreeListing;
}

export type TreeListing = 'graphql' | 'rest';

export interface GitHubSessionOptions extends Omit<GitHubClientOptions, 'cache' | 'slots'> {
  /** Requests at once, at most. */
  concurrency: number;
  /** Repositories (parts) per GraphQL request, at most. */
  batchSize: number;
  /** A folder for the disk cache; none when undefined. */
  cacheDir?: string;
  treeDepth?: number;
  batchDelayMs?: number;
  /** Least time between two GraphQL queries, in milliseconds. Default 100 (at most 600 a minute). */
  graphqlMinTimeMs?: number;
  /** Default `graphql`. */
  treeListing?: TreeListing;
  /** Aborts the batcher's requests: only for a session of one source (its --deadline). */
  signal?: AbortSignal;
}

export const DEFAULT_TREE_DEPTH = 4;
export const DEFAULT_GRAPHQL_MIN_TIME_MS = 100;

export function createGitHubSession(options: GitHubSessionOptions): GitHubSession {
  const slots = new RequestSlots(options.concurrency);
  const cache = options.cacheDir !== undefined ? new GitHubDiskCache(options.cacheDir, options.apiUrl) : undefined;
  const client = createGitHubClient({
    ...options,
    slots,
    ...(cache ? { cache } : {}),
    graphqlPace: { maxConcurrent: Math.max(1, options.concurrency), minTimeMs: options.graphqlMinTimeMs ?? DEFAULT_GRAPHQL_MIN_TIME_MS },
  });
  const base = options.apiUrl.replace(/\/+$/, '');
  const graphqlUrl = /\/api\/v3$/.test(base) ? base.replace(/\/api\/v3$/, '/api/graphql') : undefined;
  const batcher = options.token
    ? new GraphqlBatcher({
        client,
        slots,
        maxParts: options.batchSize,
        onRateLimit: options.onRateLimit,
        ...(graphqlUrl ? { graphqlUrl } : {}),
        ...(options.maxWaitSeconds !== undefined ? { maxWaitSeconds: options.maxWaitSeconds } : {}),
        ...(options.notice ? { notice: options.notice } : {}),
        ...(options.batchDelayMs !== undefined ? { delayMs: options.batchDelayMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      })
    : undefined;
  return {
    apiUrl: options.apiUrl,
    ...(options.token ? { token: options.token } : {}),
    client,
    slots,
    ...(batcher ? { batcher } : {}),
    ...(cache ? { cache } : {}),
    treeDepth: options.treeDepth ?? DEFAULT_TREE_DEPTH,
    treeListing: options.treeListing ?? 'graphql',
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
