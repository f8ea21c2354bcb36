/**
 * The HTTP side of the GitHub source: an octokit client (`@octokit/core` with the retry and throttling
 * plugins, the only parts of the `octokit` SDK the tool uses) whose fetch adds a time limit to every request, reads each answer whole (so a
 * connection cut mid-answer is an error, not an empty body), caps how much of a file is downloaded,
 * and logs each request for `--verbose`. Also turns octokit's errors into messages a user can act on.
 */
import Bottleneck from 'bottleneck';
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { RequestError } from '@octokit/request-error';
import { IncompleteError } from '../errors.js';
import { fetchThroughProxy, proxySettings, proxyShown, type ProxySettings } from './proxy.js';
import { redactUrl } from './targets.js';

export type RateLimitMode = 'wait' | 'fail';

export interface GitHubClientOptions {
  /** REST base URL: `https://api.github.com`, or `https://HOST/api/v3` for GitHub Enterprise Server. */
  apiUrl: string;
  token?: string;
  /** Time limit of each request, in milliseconds. */
  timeoutMs: number;
  onRateLimit: RateLimitMode;
  /** `--verbose`: one line per request. */
  log?: (line: string) => void;
  /** Notices the user should always see (waiting for a rate limit). */
  notice?: (line: string) => void;
  /** Retries of a failed request (5xx, network), after 1 s, 4 s, 9 s… Default 2. */
  retries?: number;
  /** The unit of those delays, in milliseconds (default 1000; tests make it short). */
  retryDelayMs?: number;
  /** The longest wait for a rate limit to reset, in seconds; longer waits fail instead. Default 3600. */
  maxWaitSeconds?: number;
  /**
   * A disk cache of GET answers (the batch audit): answers at immutable URLs (a blob or tree by id) are
   * served from it without a request; others are revalidated with If-None-Match, and a 304 is served
   * from it (GitHub does not count 304s against the rate limit).
   */
  cache?: ResponseCache;
  /** Shared between sources: at most this many requests at once (the batch audit's politeness). */
  slots?: RequestSlots;
  /**
   * Pace of GraphQL queries. octokit's throttling sends every POST, GraphQL queries included, one at a
   * time a second apart (GitHub's advice for requests that create content); the batch audit only
   * reads, and GitHub's secondary limit for GraphQL is 2,000 points a minute (a query like ours costs
   * 1), so it allows `maxConcurrent` queries at once, `minTimeMs` apart.
   */
  graphqlPace?: { maxConcurrent: number; minTimeMs: number };
}

/** A stored answer to a GET request. */
export interface CachedResponse {
  status: number;
  headers: Record<string, string>;
  /** The body, base64. */
  body: string;
  etag?: string;
}

export interface ResponseCache {
  getResponse(key: string): CachedResponse | undefined;
  setResponse(key: string, value: CachedResponse): void;
  /** Counters for the benchmark and --verbose. */
  noteRequest(kind: 'hit' | 'revalidated' | 'miss'): void;
}

/** A counting semaphore: at most `size` holders at once, served in order. */
export class RequestSlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    this.free = Math.max(1, size);
  }

  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}

/** A header that says the caller already holds one of the shared slots (the GraphQL batcher does); never sent. */
export const SLOT_HELD_HEADER = 'x-dpg-check-slot-held';

/** What went wrong with a GitHub request, for callers that act on it (the audit stops on a spent quota). */
export type GitHubFailureKind = 'network' | 'rate-limit' | 'auth' | 'not-found' | 'forbidden' | 'server' | 'other';

/** An IncompleteError from the GitHub source, with the kind of failure. */
export class GitHubIncompleteError extends IncompleteError {
  readonly kind: GitHubFailureKind;

  constructor(kind: GitHubFailureKind, message: string, hint?: string) {
    super(message, hint);
    this.kind = kind;
  }
}

/** A header the client sets to cap how many bytes of an answer are read; never sent. */
export const MAX_BYTES_HEADER = 'x-dpg-check-max-bytes';
/** Set on an answer whose body was cut at the cap. */
export const CUT_HEADER = 'x-dpg-check-cut';
/** No JSON answer the source asks for is larger than this (a full tree listing is at most ~7 MB). */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** A request that could not complete: no connection, a timeout, an answer cut short. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

/**
 * The client class: the core (requests, hooks, auth) with the two plugins, applied in the order the
 * `octokit` SDK applies them (retry inside throttling). Only `request` is used (no REST methods,
 * pagination or GraphQL client: test/remote/conformance.test.ts fails on any other call).
 */
const GitHubOctokit = Octokit.plugin(retry, throttling);

export type GitHubClient = InstanceType<typeof GitHubOctokit>;

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const log = options.log;
  const notice = options.notice ?? ((line: string) => process.stderr.write(`${line}\n`));
  const maxWait = options.maxWaitSeconds ?? 3600;
  const quiet = (): void => undefined;
  // Read (and checked) once per client: a malformed HTTPS_PROXY is a usage error before any request.
  const proxy = proxySettings(options.apiUrl);
  const shown = proxy ? proxyShown(options.apiUrl, proxy) : undefined;
  if (shown) log?.(`requests go through the proxy ${shown} (HTTPS_PROXY / HTTP_PROXY; NO_PROXY is honoured)`);
  return new GitHubOctokit({
    ...(options.token ? { auth: options.token } : {}),
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    userAgent: 'dpg-check',
    log: { debug: quiet, info: quiet, warn: log ?? quiet, error: log ?? quiet },
    request: { fetch: limitedFetch(options.timeoutMs, log, options.cache, options.slots, options.token ? 'token' : 'anonymous', proxy) },
    // 429 is left to the throttling plugin, which honours retry-after (the retry plugin would not).
    retry: {
      retries: options.retries ?? 2,
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451],
      ...(options.retryDelayMs !== undefined ? { retryAfterBaseValue: options.retryDelayMs } : {}),
    },
    throttle: {
      ...(options.graphqlPace
        ? { write: new Bottleneck.Group({ id: 'dpg-check-queries', maxConcurrent: options.graphqlPace.maxConcurrent, minTime: options.graphqlPace.minTimeMs }) }
        : {}),
      onRateLimit: (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) => {
        if (options.onRateLimit === 'fail' || retryCount >= 1 || retryAfter > maxWait) return false;
        notice(`dpg-check: the GitHub API rate limit is spent; waiting ${formatSeconds(retryAfter)} for it to reset (--on-rate-limit fail stops instead).`);
        return true;
      },
      onSecondaryRateLimit: (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) => {
        // GitHub asks for a pause (retry-after); honour a short one even with --on-rate-limit fail.
        const limit = options.onRateLimit === 'fail' ? 60 : maxWait;
        if (retryCount >= 2 || retryAfter > limit) return false;
        notice(`dpg-check: GitHub asked to slow down (secondary rate limit); waiting ${formatSeconds(retryAfter)}.`);
        return true;
      },
    },
  });
}

function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  return `${Math.ceil(seconds / 60)} min`;
}

/**
 * fetch with a time limit per request, the answer read whole (up to a cap) before octokit sees it, and
 * a log line per request: method, URL (no credentials; the token travels in a header and is never
 * logged), status, time, and the rate limit left.
 */
function limitedFetch(
  timeoutMs: number,
  log: ((line: string) => void) | undefined,
  cache?: ResponseCache,
  slots?: RequestSlots,
  auth = 'anonymous',
  proxy?: ProxySettings,
): typeof fetch {
  const plain = limitedFetchOnce(timeoutMs, log, proxy);
  if (!cache && !slots) return plain;
  return async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    const held = headers.has(SLOT_HELD_HEADER);
    headers.delete(SLOT_HELD_HEADER);
    const send = async (sendHeaders: Headers): Promise<Response> => {
      const release = held || !slots ? undefined : await slots.acquire();
      try {
        return await plain(input, { ...init, headers: sendHeaders });
      } finally {
        release?.();
      }
    };
    if (!cache || method !== 'GET') return send(headers);
    const key = `${auth}\n${url}\n${headers.get('accept') ?? ''}\n${headers.get('range') ?? ''}\n${headers.get(MAX_BYTES_HEADER) ?? ''}`;
    const stored = cache.getResponse(key);
    const replay = (entry: CachedResponse, live?: Headers): Response => {
      const out = new Headers(entry.headers);
      // The rate-limit headers of the live answer, when there was one, so the throttling sees them.
      live?.forEach((value, name) => {
        if (name.startsWith('x-ratelimit-')) out.set(name, value);
      });
      return new Response(Buffer.from(entry.body, 'base64'), { status: entry.status, headers: out });
    };
    if (stored && isImmutableUrl(url)) {
      cache.noteRequest('hit');
      log?.(`${method} ${redactUrl(url)} ${stored.status} from the cache`);
      return replay(stored);
    }
    if (stored?.etag) headers.set('if-none-match', stored.etag);
    const response = await send(headers);
    if (response.status === 304 && stored) {
      cache.noteRequest('revalidated');
      return replay(stored, response.headers);
    }
    cache.noteRequest('miss');
    const etag = response.headers.get('etag') ?? undefined;
    if ((response.status === 200 || response.status === 206) && (etag !== undefined || isImmutableUrl(url))) {
      const body = Buffer.from(await response.arrayBuffer());
      const kept: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (['content-type', 'content-range', 'etag', 'link', CUT_HEADER].includes(name)) kept[name] = value;
      });
      cache.setResponse(key, { status: response.status, headers: kept, body: body.toString('base64'), ...(etag !== undefined ? { etag } : {}) });
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    return response;
  };
}

/** REST URLs whose answer can never change: a blob, a tree or a commit named by its full id. */
function isImmutableUrl(url: string): boolean {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return false;
  }
  return /\/repos\/[^/]+\/[^/]+\/(git\/blobs|git\/trees|commits)\/[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(pathname);
}

function limitedFetchOnce(timeoutMs: number, log: ((line: string) => void) | undefined, proxy?: ProxySettings): typeof fetch {
  return async (input, init = {}) => {
    const send = await fetchThroughProxy(proxy);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    headers.delete(SLOT_HELD_HEADER);
    const capHeader = headers.get(MAX_BYTES_HEADER);
    headers.delete(MAX_BYTES_HEADER);
    const cap = capHeader ? Number(capHeader) : MAX_ANSWER_BYTES;
    const timer = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timer]) : timer;
    const started = performance.now();
    const describe = (status: string, extra = ''): string => `${method} ${redactUrl(url)} ${status} ${Math.round(performance.now() - started)} ms${extra}`;
    let response: Response;
    try {
      response = await send(url, { ...init, headers, signal });
    } catch (error) {
      // Stopped at the run's deadline: octokit passes an AbortError on without retrying it.
      if (init.signal?.aborted) {
        log?.(describe('stopped at the deadline'));
        throw new DOMException('stopped at the deadline', 'AbortError');
      }
      const viaProxy = proxy ? proxyShown(url, proxy) : undefined;
      const reason =
        (timer.aborted ? `no answer within ${timeoutMs / 1000} s` : describeFetchError(error)) + (viaProxy ? `, with the proxy ${viaProxy} set` : '');
      log?.(describe(`failed: ${reason}`));
      throw new NetworkError(reason);
    }
    let body: Uint8Array | null = null;
    let cut = false;
    try {
      if (response.body) ({ bytes: body, cut } = await readCapped(response.body, cap));
    } catch (error) {
      if (init.signal?.aborted) {
        log?.(describe(`${response.status}, stopped at the deadline`));
        throw new DOMException('stopped at the deadline', 'AbortError');
      }
      const reason = timer.aborted
        ? `the answer did not arrive within ${timeoutMs / 1000} s`
        : `the connection closed before the whole answer arrived (${describeFetchError(error)})`;
      log?.(describe(`${response.status}, failed: ${reason}`));
      throw new NetworkError(reason);
    }
    if (cut && !capHeader) {
      log?.(describe(`${response.status}, answer over ${MAX_ANSWER_BYTES} bytes`));
      throw new NetworkError(`the answer is larger than ${MAX_ANSWER_BYTES} bytes`);
    }
    const remaining = response.headers.get('x-ratelimit-remaining');
    log?.(describe(String(response.status), remaining !== null ? `, rate limit ${remaining} left` : ''));
    const outHeaders = new Headers(response.headers);
    if (cut) outHeaders.set(CUT_HEADER, '1');
    const nullBody = [101, 204, 205, 304].includes(response.status);
    return new Response(nullBody ? null : body, { status: response.status, statusText: response.statusText, headers: outHeaders });
  };
}

async function readCapped(stream: ReadableStream<Uint8Array>, cap: number): Promise<{ bytes: Uint8Array; cut: boolean }> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let cut = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
    if (length >= cap) {
      cut = length > cap || !(await isAtEnd(reader));
      break;
    }
  }
  if (cut || length >= cap) await reader.cancel().catch(() => undefined);
  const bytes = Buffer.concat(chunks, length);
  return { bytes: length > cap ? bytes.subarray(0, cap) : bytes, cut };
}

/** After exactly `cap` bytes: is there more? (Reads one more chunk; never much.) */
async function isAtEnd(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<boolean> {
  const { done, value } = await reader.read();
  return done || value.length === 0;
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? (error as NodeJS.ErrnoException | undefined)?.code;
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host name cannot be resolved (${code})`;
  if (code === 'ECONNREFUSED') return 'the connection was refused (ECONNREFUSED)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `the connection was reset (${code})`;
  if (code) return `${message} (${code})`;
  return message;
}

export interface ErrorContext {
  /** `OWNER/REPO`. */
  repository: string;
  ref?: string;
  hasToken: boolean;
  apiUrl: string;
  /** What was being done, for the message: "listing the files". */
  action: string;
}

/** Turns whatever octokit threw into an IncompleteError (exit 3) that says what happened and what to do. */
export function toIncompleteError(error: unknown, context: ErrorContext): IncompleteError {
  if (error instanceof IncompleteError) return error;
  const where = `GitHub (${redactUrl(context.apiUrl)})`;
  const noTokenHint =
    'Set GITHUB_TOKEN (or GH_TOKEN, or log in with `gh auth login`) for 5,000 requests an hour instead of 60, or use --clone to read the repository with git.';
  const status = (error as { status?: number }).status;
  const headers = ((error as { response?: { headers?: Record<string, string | undefined> } }).response?.headers ?? {}) as Record<string, string | undefined>;
  const message = error instanceof Error ? error.message : String(error);
  if (
    error instanceof NetworkError ||
    (error instanceof RequestError && error.cause instanceof NetworkError) ||
    (status === 500 && !(error as { response?: unknown }).response)
  ) {
    const reason = error instanceof RequestError && error.cause instanceof Error ? error.cause.message : message;
    return new GitHubIncompleteError(
      'network',
      `Could not reach ${where} while ${context.action} for ${context.repository}: ${reason}.`,
      'Check the network connection (and proxy), the --github-api-url, or allow more time with --timeout SECONDS; then run again.',
    );
  }
  const rateLimited = headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message) || status === 429;
  if (rateLimited) {
    const reset = Number(headers['x-ratelimit-reset']);
    const resetText = Number.isFinite(reset) && reset > 0 ? ` It resets at ${new Date(reset * 1000).toISOString().replace(/\.\d+Z$/, 'Z')}.` : '';
    const retryAfter = headers['retry-after'];
    const secondary = /secondary/i.test(message) || (retryAfter !== undefined && headers['x-ratelimit-remaining'] !== '0');
    return new GitHubIncompleteError(
      'rate-limit',
      secondary
        ? `${where} refused to answer more requests for now (a secondary rate limit${retryAfter ? `, retry after ${retryAfter} s` : ''}) while ${context.action} for ${context.repository}.`
        : `The ${where} rate limit is spent (${context.hasToken ? 'for this token' : 'for anonymous requests from this address'}) while ${context.action} for ${context.repository}.${resetText}`,
      context.hasToken
        ? 'Wait for the reset (--on-rate-limit wait does that), or use --clone to read the repository with git.'
        : `${noTokenHint} --on-rate-limit wait waits for the reset.`,
    );
  }
  if (status === 401) {
    return new GitHubIncompleteError(
      'auth',
      `${where} refused the token (401 Bad credentials) while ${context.action} for ${context.repository}: it is wrong, expired or revoked.`,
      'Create a new token (or run `gh auth refresh`), or unset GITHUB_TOKEN and GH_TOKEN to read public repositories without one.',
    );
  }
  if (status === 404 || status === 422 || status === 409) {
    const what =
      context.ref !== undefined
        ? `${context.repository} has no branch, tag or commit named "${context.ref}", or the repository does not exist`
        : status === 409
          ? `${context.repository} is empty (no commits)`
          : `the repository ${context.repository} does not exist`;
    return new GitHubIncompleteError(
      'not-found',
      `Not found on ${where}: ${what}${context.hasToken ? ' (or the token cannot see it)' : ' (or it is private)'}.`,
      context.hasToken
        ? 'Check the OWNER/REPO spelling and the ref; for a private repository the token needs read access to it.'
        : 'Check the OWNER/REPO spelling and the ref; for a private repository set GITHUB_TOKEN to a token that can read it.',
    );
  }
  if (status === 403) {
    return new GitHubIncompleteError(
      'forbidden',
      `${where} refused access (403) while ${context.action} for ${context.repository}: ${firstLine(message)}.`,
      'The token may lack access to this repository (or its organisation requires SSO authorisation for the token).',
    );
  }
  if (typeof status === 'number' && status >= 500) {
    return new GitHubIncompleteError(
      'server',
      `${where} answered ${status} (a server error) while ${context.action} for ${context.repository}, also after retrying.`,
      'GitHub may be having trouble; try again later.',
    );
  }
  return new GitHubIncompleteError(
    'other',
    `${where} request failed while ${context.action} for ${context.repository}: ${firstLine(message)}${status ? ` (status ${status})` : ''}.`,
  );
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').replace(/ - https:\/\/docs\.github\.com\S*$/, '').slice(0, 300);
}
