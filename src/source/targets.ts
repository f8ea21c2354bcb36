import { UsageError } from '../errors.js';

/**
 * What `dpg-check check TARGET` names. Parsing is pure (no file system, no network) except for the
 * caller's `exists` probe, so a folder that happens to look like a URL still wins.
 *
 * Forms:
 * - a path: `.`, `path/to/repo`, `/abs/path` (an existing path always wins)
 * - GitHub: `github:OWNER/REPO`, `https://github.com/OWNER/REPO`, either with `@REF` or `/tree/REF`
 *   (also `.git` endings, and the web host of a GitHub Enterprise server given with --github-api-url)
 * - any git URL: `https://…`, `http://…`, `ssh://…`, `git://…`, `file://…`, `user@host:path`;
 *   `@REF` after the last path segment picks a branch, tag or commit
 */
export type Target =
  | { kind: 'local'; path: string }
  | { kind: 'github'; owner: string; repo: string; ref?: string; display: string }
  | { kind: 'git'; url: string; ref?: string; display: string };

export interface ParseTargetOptions {
  /** Web hosts whose URLs are GitHub repositories (github.com always; an Enterprise host too). */
  githubHosts?: readonly string[];
  /** Whether a path exists on disk; an existing path is never parsed as a URL. */
  exists?: (path: string) => boolean;
}

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;
/** Characters git refuses in ref names (git check-ref-format), plus whitespace. */
const BAD_REF = /[\s~^:?*[\\\x00-\x1f\x7f]|\.\.|@\{|^[-/.]|\/\/|\.lock$|\/$|\.$/;
/** `transport::address`: git's remote helpers (`ext::`, `fd::`, …) run programs; never accepted. */
const TRANSPORT_HELPER = /^[A-Za-z][A-Za-z0-9+.-]*::/;
const URL_SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
const ALLOWED_GIT_SCHEMES = new Set(['https', 'http', 'ssh', 'git', 'file', 'git+ssh', 'ssh+git']);
/** scp-like syntax: `[user@]host:path`, with no slash before the colon. */
const SCP_LIKE = /^(?:([^@/\s]+)@)?([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(?!\/\/)(.+)$/;

export const DEFAULT_GITHUB_HOSTS = ['github.com', 'www.github.com'];

/**
 * A file given as the target is a manifest checked on its own (in any format `convert` reads) when its
 * name ends in .yaml, .yml or .json; any other file is not a target (audit reads it as a target list).
 */
export function isManifestFileName(name: string): boolean {
  return /\.(ya?ml|json)$/i.test(name);
}

export function parseTarget(target: string, options: ParseTargetOptions = {}): Target {
  if (target === '') throw new UsageError('The target is empty.', 'Give a folder, a GitHub repository (github:OWNER/REPO) or a git URL.');
  if (target.startsWith('-'))
    throw new UsageError(
      `Refusing a target that starts with "-": ${target}`,
      'Options go before or after the target; a path starting with "-" can be written ./-name.',
    );
  if (/[\x00-\x1f\x7f]/.test(target)) throw new UsageError('The target contains control characters.');
  if (options.exists?.(target)) return { kind: 'local', path: target };
  const githubHosts = new Set([...DEFAULT_GITHUB_HOSTS, ...(options.githubHosts ?? [])].map((host) => host.toLowerCase()));

  if (/^github:/i.test(target)) return parseGitHubPath(target.slice('github:'.length), target);
  if (TRANSPORT_HELPER.test(target)) {
    throw new UsageError(
      `Refusing the git transport helper in ${redactUrl(target)}`,
      'Remote helpers such as ext:: run programs; give an https://, ssh://, git:// or file:// URL.',
    );
  }
  const scheme = URL_SCHEME.exec(target)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (!ALLOWED_GIT_SCHEMES.has(scheme))
      throw new UsageError(
        `Unsupported URL scheme "${scheme}": ${redactUrl(target)}`,
        'Give an https://, ssh://, git:// or file:// URL, github:OWNER/REPO, or a folder.',
      );
    if (scheme === 'https' || scheme === 'http') {
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        throw new UsageError(`Not a valid URL: ${redactUrl(target)}`);
      }
      if (githubHosts.has(url.hostname.toLowerCase()) && !url.username && !url.password) {
        return parseGitHubPath(decodeURIComponent(url.pathname.replace(/^\/+/, '')), redactUrl(target));
      }
    }
    return gitTarget(target);
  }
  const scp = SCP_LIKE.exec(target);
  // A one-letter "host" is a Windows drive (C:\repo), never an scp-like URL.
  if (scp && (scp[2] as string).length > 1) {
    if ((scp[3] as string).startsWith('-')) throw new UsageError(`Refusing a git URL whose path starts with "-": ${target}`);
    return gitTarget(target);
  }
  return { kind: 'local', path: target };
}

function parseGitHubPath(rest: string, display: string): Target {
  const hint = 'Write github:OWNER/REPO, github:OWNER/REPO@REF or https://github.com/OWNER/REPO/tree/REF.';
  let path = rest.replace(/\/+$/, '');
  let ref: string | undefined;
  const tree = /^([^/]+)\/([^/]+)\/tree\/(.+)$/.exec(path);
  if (tree) {
    path = `${tree[1]}/${tree[2]}`;
    ref = tree[3];
  } else {
    const at = path.lastIndexOf('@');
    if (at !== -1 && at > path.indexOf('/')) {
      ref = path.slice(at + 1);
      path = path.slice(0, at);
    }
  }
  const parts = path.split('/');
  if (parts.length !== 2) throw new UsageError(`Not a GitHub repository: ${display}`, hint);
  const owner = parts[0] as string;
  const repo = (parts[1] as string).replace(/\.git$/, '');
  if (!OWNER.test(owner) || !REPO.test(repo) || repo === '.' || repo === '..') throw new UsageError(`Not a GitHub repository: ${display}`, hint);
  if (ref !== undefined) checkRef(ref, display);
  return { kind: 'github', owner, repo, ...(ref !== undefined ? { ref } : {}), display: `github:${owner}/${repo}${ref !== undefined ? `@${ref}` : ''}` };
}

function checkRef(ref: string, display: string): void {
  if (ref === '' || ref.length > 250 || BAD_REF.test(ref)) throw new UsageError(`Not a valid branch, tag or commit name in ${display}: "${ref}"`);
}

/** A git URL, with an optional `@REF` after its last path segment (`https://host/group/repo.git@v1.2`). */
function gitTarget(target: string): Target {
  let url = target;
  let ref: string | undefined;
  // Only an "@" in the path can start a ref: the one of "user:password@host" must not (a URL without a
  // path, https://user:TOKEN@host, was split into the URL "https://user:TOKEN" and the ref "host",
  // and its display kept the token).
  const pathStart = pathStartOf(target);
  const lastSlash = Math.max(target.lastIndexOf('/'), target.lastIndexOf(':'));
  const at = target.lastIndexOf('@');
  if (pathStart !== -1 && at > lastSlash && at > pathStart) {
    ref = target.slice(at + 1);
    url = target.slice(0, at);
  }
  const display = redactUrl(url);
  if (ref !== undefined) checkRef(ref, display);
  assertSafeGitUrl(url);
  return { kind: 'git', url, ...(ref !== undefined ? { ref } : {}), display: ref !== undefined ? `${display}@${ref}` : display };
}

/** Where the path of a git URL starts (its first "/" after the host, or after scp's ":"); -1 when it has none. */
function pathStartOf(target: string): number {
  const scheme = URL_SCHEME.exec(target);
  if (scheme) return target.indexOf('/', scheme[0].length);
  const scp = SCP_LIKE.exec(target);
  if (!scp) return -1;
  const hostEnd = (scp[1] !== undefined ? scp[1].length + 1 : 0) + (scp[2] as string).length;
  return hostEnd;
}

/** Refuses what could make git run a program or read an option: helpers, a leading dash. */
export function assertSafeGitUrl(url: string): void {
  if (url.startsWith('-')) throw new UsageError(`Refusing a git URL that starts with "-": ${redactUrl(url)}`);
  if (TRANSPORT_HELPER.test(url)) throw new UsageError(`Refusing the git transport helper in ${redactUrl(url)}`);
  const scheme = URL_SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined && !ALLOWED_GIT_SCHEMES.has(scheme)) throw new UsageError(`Unsupported URL scheme "${scheme}": ${redactUrl(url)}`);
  if (scheme === undefined && !SCP_LIKE.test(url)) throw new UsageError(`Not a git URL: ${redactUrl(url)}`);
  if (/[\x00-\x1f\x7f]/.test(url)) throw new UsageError('The git URL contains control characters.');
  // A host or user name that starts with "-" would reach ssh as an option (-oProxyCommand=…, the
  // CVE-2017-1000117 family). git refuses it too, but only after starting, and with exit code 3;
  // refusing it here keeps it a usage error and does not depend on the installed git's version.
  const authority = scheme !== undefined ? (/^[^:]+:\/\/([^/?#]*)/.exec(url)?.[1] ?? '') : (SCP_LIKE.exec(url)?.slice(1, 3).filter(Boolean).join('@') ?? '');
  if (authority.split('@').some((part) => part.startsWith('-') || decodeURIComponentSafe(part).startsWith('-'))) {
    throw new UsageError(`Refusing a git URL whose host or user name starts with "-": ${redactUrl(url)}`);
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Removes credentials (`user:secret@`) and secret-looking query parameters from a URL for display. */
export function redactUrl(value: string): string {
  const scheme = URL_SCHEME.exec(value);
  // scp-like "user:password@host:path": keep the user, drop what follows its colon.
  if (!scheme) return value.replace(/^([^@/:\s]+):[^@\s]*@/, '$1@');
  try {
    const url = new URL(value);
    if (url.username || url.password) {
      url.username = '';
      url.password = '';
    }
    for (const key of [...url.searchParams.keys()]) {
      if (/token|secret|password|key|sig|auth/i.test(key)) url.searchParams.set(key, 'REDACTED');
    }
    return url.toString();
  } catch {
    // Not a URL the parser takes (a password with "/" ends the authority early): drop up to the "@".
    return value.replace(/\/\/[^@\s]*@/, '//');
  }
}

/** The web host of a GitHub API URL: `api.github.com` → `github.com`; `https://ghe.example/api/v3` → `ghe.example`. */
export function webOriginOfApi(apiUrl: string): { origin: string; host: string } {
  const url = new URL(apiUrl);
  if (url.hostname === 'api.github.com') return { origin: 'https://github.com', host: 'github.com' };
  if (url.hostname.startsWith('api.') && !/\/api\/v3\/?$/.test(url.pathname)) {
    // GitHub Enterprise Cloud with data residency: api.HOST → HOST.
    const host = url.hostname.slice(4);
    return { origin: `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`, host };
  }
  return { origin: url.origin, host: url.hostname };
}
