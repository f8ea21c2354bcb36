/**
 * Opens whatever `dpg-check check TARGET` names: a folder, a GitHub repository (API, no clone) or any
 * git URL (a shallow clone). The remote sources are imported only when needed, so a local check never
 * loads octokit.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_TIMEOUT_SECONDS } from '../defaults.js';
import { UsageError } from '../errors.js';
import { registerSecret } from '../util/redact.js';
import { LocalSource } from './local.js';
import { isManifestFileName, parseTarget, redactUrl, webOriginOfApi, type Target } from './targets.js';
import type { ReadPlanner, RepositorySource } from './types.js';

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

export interface OpenSourceOptions {
  /** The GitHub API (`--github-api-url`); else GITHUB_API_URL; else https://api.github.com. */
  githubApiUrl?: string;
  /** Read a GitHub repository with git instead of the API (`--clone`). */
  clone?: boolean;
  /** What to do when the API quota is spent; default `fail` when CI=true, else `wait`. */
  onRateLimit?: 'wait' | 'fail';
  /** Time limit of each request and each git command, in seconds. */
  timeoutSeconds?: number;
  /** One line per request / git command, to stderr by default. */
  verbose?: boolean;
  log?: (line: string) => void;
  /** A GitHub token; `null` for none; undefined to look in GITHUB_TOKEN, GH_TOKEN, then `gh auth token`. */
  token?: string | null | undefined;
  /** The checks' read cap: GitHub fetches files up to this size in its one query. */
  maxFileBytes?: number;
  /** The environment to read GITHUB_TOKEN, GH_TOKEN, GITHUB_API_URL and CI from; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Where temporary clones go. */
  tempRoot?: string;
  /** Retries of failed API requests (5xx, network), and the unit of their delays in milliseconds. */
  retries?: number;
  retryDelayMs?: number;
  /** Aborted at the run's --deadline: requests are cancelled and git is stopped. */
  signal?: AbortSignal;
  /** What the check will read, fetched with the listing (src/app/open-target.ts passes the checks' plan). */
  readPlan?: ReadPlanner;
}

export async function openSource(targetText: string, options: OpenSourceOptions = {}): Promise<RepositorySource> {
  if (typeof targetText !== 'string' || targetText.trim() === '')
    throw new UsageError('openSource: the target must be a folder, github:OWNER/REPO or a git URL.');
  const env = options.env ?? process.env;
  const apiUrl = normaliseApiUrl(options.githubApiUrl ?? (env.GITHUB_API_URL || DEFAULT_GITHUB_API_URL));
  const web = webOriginOfApi(apiUrl);
  const target = parseTarget(targetText, { githubHosts: [web.host], exists: (candidate) => existsSync(candidate) });
  const timeoutMs = (options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const log = options.log ?? (options.verbose ? (line: string) => process.stderr.write(`dpg-check: ${line}\n`) : undefined);

  if (target.kind === 'local') {
    // A manifest file given as the target is checked on its own.
    if (existsSync(target.path) && statSync(target.path).isFile() && isManifestFileName(target.path)) {
      const { ManifestOnlySource } = await import('./manifest-only.js');
      return new ManifestOnlySource(target.path);
    }
    const bare = bareRepositoryUrl(target.path);
    if (bare === undefined) return LocalSource.open(target.path, { gitTimeoutMs: timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
    return openGit({ kind: 'git', url: bare, display: target.path }, timeoutMs, log, options);
  }
  if (target.kind === 'git') return openGit(target, timeoutMs, log, options);

  if (options.clone) {
    const url = `${web.origin}/${target.owner}/${target.repo}.git`;
    return openGit({ kind: 'git', url, ...(target.ref !== undefined ? { ref: target.ref } : {}), display: target.display }, timeoutMs, log, options);
  }
  const token = options.token === null ? undefined : (options.token ?? (await findGitHubToken(env, web.host)));
  const { GitHubSource } = await import('./github.js');
  return new GitHubSource({
    owner: target.owner,
    repo: target.repo,
    ...(target.ref !== undefined ? { ref: target.ref } : {}),
    display: target.display,
    ...(token ? { token } : {}),
    apiUrl,
    webOrigin: web.origin,
    timeoutMs,
    onRateLimit: options.onRateLimit ?? (env.CI === 'true' ? 'fail' : 'wait'),
    ...(log ? { log } : {}),
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.readPlan ? { readPlan: options.readPlan } : {}),
  });
}

async function openGit(
  target: Extract<Target, { kind: 'git' }>,
  timeoutMs: number,
  log: ((line: string) => void) | undefined,
  options: OpenSourceOptions,
): Promise<RepositorySource> {
  const { GitSource } = await import('./git.js');
  return GitSource.open({
    url: target.url,
    ...(target.ref !== undefined ? { ref: target.ref } : {}),
    display: target.display,
    timeoutMs,
    ...(log ? { log } : {}),
    ...(options.tempRoot ? { tempRoot: options.tempRoot } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.readPlan ? { readPlan: options.readPlan } : {}),
  });
}

function normaliseApiUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`Not a valid GitHub API URL: ${redactUrl(value)}`, 'Give --github-api-url as https://HOST/api/v3 for GitHub Enterprise Server.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`The GitHub API URL must be http(s): ${redactUrl(value)}`);
  if (url.username || url.password) throw new UsageError('Put no credentials in the GitHub API URL; use GITHUB_TOKEN.');
  return url.href.replace(/\/+$/, '');
}

/** A bare repository folder (HEAD, objects/, refs/ and no work tree) is read with git, as file://. */
function bareRepositoryUrl(folder: string): string | undefined {
  try {
    if (!statSync(folder).isDirectory() || existsSync(path.join(folder, '.git'))) return undefined;
    if (
      !statSync(path.join(folder, 'HEAD')).isFile() ||
      !statSync(path.join(folder, 'objects')).isDirectory() ||
      !statSync(path.join(folder, 'refs')).isDirectory()
    )
      return undefined;
    return pathToFileURL(path.resolve(folder)).href;
  } catch {
    return undefined;
  }
}

/**
 * A token for GitHub: GITHUB_TOKEN, else GH_TOKEN, else what the GitHub CLI (`gh auth token`) has for
 * the host, when `gh` is installed. Never printed.
 */
export async function findGitHubToken(env: NodeJS.ProcessEnv, host: string): Promise<string | undefined> {
  const fromEnv = env.GITHUB_TOKEN?.trim() || env.GH_TOKEN?.trim();
  if (fromEnv) {
    registerSecret(fromEnv);
    return fromEnv;
  }
  return new Promise((resolve) => {
    execFile('gh', ['auth', 'token', '--hostname', host], { timeout: 5000, env: { ...env, GH_PROMPT_DISABLED: '1', NO_COLOR: '1' } }, (error, stdout) => {
      const token = error ? '' : stdout.trim();
      const usable = token !== '' && !/\s/.test(token);
      if (usable) registerSecret(token);
      resolve(usable ? token : undefined);
    });
  });
}
