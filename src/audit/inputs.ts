/**
 * The audit's inputs, in the order given, deduplicated: targets on the command line (a file that is
 * a list of targets is read as `--input FILE` would be), target files (`--input FILE`, `-` for
 * standard input), organisations (`--org OWNER`, listed through the API) and registry records
 * (`--registry PATH`). Then `--shard I/N` keeps the items whose key hashes to I.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { UsageError } from '../errors.js';
import type { GitHubClient } from '../source/github-http.js';
import { toIncompleteError } from '../source/github-http.js';
import { DEFAULT_GITHUB_HOSTS, isManifestFileName, parseTarget, redactUrl } from '../source/targets.js';
import { readRegularFile } from '../util/read-file.js';
import { redactText } from '../util/redact.js';
import { findRecordFiles, registryItems } from './registry.js';
import { itemKey, type AuditItem } from './types.js';

export interface InputOptions {
  targets: string[];
  inputFiles: string[];
  orgs: string[];
  registries: string[];
  includeForks: boolean;
  includeArchived: boolean;
  /** The web host of the GitHub API in use (github.com, or an Enterprise host). */
  githubHost: string;
  /** Lists an owner's repositories; only called for --org. */
  listOrg?: (owner: string) => Promise<OrgRepository[]>;
  /** Reads `-` (standard input). */
  readStdin?: () => Promise<string>;
  /** Told (one line for standard error) when a target on the command line is read as a list of targets. */
  notice?: (line: string) => void;
}

export interface OrgRepository {
  name: string;
  fork: boolean;
  archived: boolean;
  private: boolean;
}

/** Builds one item from what a user wrote; a target that cannot be parsed becomes an error item. */
export function makeItem(text: string, githubHosts: readonly string[], base: Partial<AuditItem> = {}): AuditItem {
  const recordId = base.registry?.ref.id;
  try {
    const target = parseTarget(text, { githubHosts, exists: (candidate) => existsSync(candidate) });
    const display = target.kind === 'local' ? target.path : target.display;
    return { ...base, target: display, open: text, key: itemKey(display, recordId) };
  } catch (error) {
    // The row shows the target as typed, without its credentials: rows and summaries are shared.
    const message = redactText(error instanceof Error ? error.message : String(error));
    const shown = redactText(redactUrl(text));
    return { ...base, target: shown, open: text, key: itemKey(shown, recordId), invalid: { message, exitCode: 2 } };
  }
}

/** `# comments` and blank lines are ignored; a line is a target as on the command line. */
export function parseTargetList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line !== '');
}

/** A target list given as a target is read whole only up to this size; a longer list goes with --input. */
const MAX_LIST_TARGET_BYTES = 16 * 1024 * 1024;

/**
 * A regular file given as an audit target that is not a manifest (.yaml, .yml, .json: audited as the
 * manifest, as `check` does) is a list of targets when it reads as one; its targets, else undefined
 * (a folder, a URL, a missing path: a target as it is). A file that is no plausible list (binary,
 * prose, structured data) is a usage error that points at --input.
 */
export async function targetListOf(target: string, githubHosts: readonly string[]): Promise<string[] | undefined> {
  try {
    if (!statSync(target).isFile()) return undefined;
  } catch {
    return undefined;
  }
  if (isManifestFileName(target)) return undefined;
  const shown = redactText(target);
  const hint = 'Give a list of targets with --input FILE (one target a line, # comments), a manifest as a .yaml, .yml or .json file, or a repository folder.';
  const notAList = (reason: string) => new UsageError(`${shown} is a file, not a repository folder, and not a list of targets: ${reason}.`, hint);
  const read = await readRegularFile(target, MAX_LIST_TARGET_BYTES);
  if (!read.ok) throw notAList(`cannot read it (${read.detail})`);
  if (read.truncated) throw notAList(`it is larger than ${MAX_LIST_TARGET_BYTES / (1024 * 1024)} MiB`);
  // A binary file (NUL bytes, or bytes that are not UTF-8) is no list.
  if (read.bytes.includes(0)) throw notAList('it is a binary file');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch {
    throw notAList('it is not UTF-8 text');
  }
  const problem = notATargetList(text, githubHosts);
  if (problem) throw notAList(problem);
  return parseTargetList(text);
}

/**
 * Why a text is not a list of targets (the first line that is not one), or undefined when it is. A line
 * is a target as on the command line: one word (a path with spaces only when it exists) that parses as a
 * folder, github:OWNER/REPO or a URL. Structured data (JSON, YAML keys and items, XML) and prose are not.
 */
export function notATargetList(text: string, githubHosts: readonly string[]): string | undefined {
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    const where = `line ${index + 1} (${quoteLine(line)})`;
    if (/^[{}[\]<"'`]/.test(line) || /^-{3}$|^\.{3}$/.test(line)) return `${where} is structured data, not a target`;
    if (/^[^\s/:]+:$/.test(line)) return `${where} is a YAML key, not a target`;
    if (/\s/.test(line) && !existsSync(line)) return `${where} is not a target (a target is one folder, repository or URL a line)`;
    try {
      parseTarget(line, { githubHosts, exists: (candidate) => existsSync(candidate) });
    } catch (error) {
      return `${where} is not a target: ${redactText(error instanceof Error ? error.message : String(error))}`;
    }
  }
  return undefined;
}

/** A line as the message quotes it: each word without a URL's credentials, at most 60 characters. */
function quoteLine(line: string): string {
  const shown = redactText(line.replace(/\S+/g, (word) => redactUrl(word)));
  return JSON.stringify(shown.length > 60 ? `${shown.slice(0, 59)}…` : shown);
}

export async function collectItems(options: InputOptions): Promise<AuditItem[]> {
  const hosts = [...new Set([...DEFAULT_GITHUB_HOSTS, options.githubHost.toLowerCase()])];
  const items: AuditItem[] = [];
  for (const target of options.targets) {
    const list = await targetListOf(target, hosts);
    if (list === undefined) {
      items.push(makeItem(target, hosts));
      continue;
    }
    options.notice?.(
      `dpg-check audit: ${redactText(target)} is a file, read as a list of targets (${list.length} target${list.length === 1 ? '' : 's'}), as --input ${redactText(target)} would be.`,
    );
    for (const line of list) items.push(makeItem(line, hosts));
  }
  let stdinUsed = false;
  for (const file of options.inputFiles) {
    let text: string;
    if (file === '-') {
      if (stdinUsed) throw new UsageError('Standard input (--input -) can be read only once.');
      stdinUsed = true;
      text = await (options.readStdin ?? readStdin)();
    } else {
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UsageError(
          `Cannot read the target list ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(error))}.`,
        );
      }
    }
    for (const target of parseTargetList(text)) items.push(makeItem(target, hosts));
  }
  for (const org of options.orgs) {
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(org)) throw new UsageError(`Not a GitHub owner name: ${org}`);
    if (!options.listOrg) throw new UsageError('--org needs the GitHub API.');
    const repositories = await options.listOrg(org);
    for (const repository of repositories) {
      if (repository.private) continue;
      if (repository.fork && !options.includeForks) continue;
      if (repository.archived && !options.includeArchived) continue;
      items.push(makeItem(`github:${org}/${repository.name}`, hosts));
    }
  }
  // All record files at once, so that a nominee given in one --registry pairs with its screening record given in another.
  const recordFiles = [...new Set(options.registries.flatMap((registry) => findRecordFiles(registry)))];
  if (recordFiles.length > 0) items.push(...registryItems(recordFiles, hosts, (target, base) => makeItem(target, hosts, base)));
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.key)) return false;
    seen.add(item.key);
    return true;
  });
}

/** `I/N` with 1 ≤ I ≤ N. */
export function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count || count > 10_000)
    throw new UsageError(`Not a shard: ${value}`, 'Write --shard I/N with 1 ≤ I ≤ N, for example --shard 2/4 for the second of four parts.');
  return { index, count };
}

/** Which shard (1…count) a key belongs to: a hash of the key, so it never depends on input order. */
export function shardOf(key: string, count: number): number {
  const digest = createHash('sha256').update(key).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

/** An owner's public repositories: the organisation's, else the user's; 100 a page, 10,000 at most. */
export async function listOwnerRepositories(client: GitHubClient, owner: string, context: { apiUrl: string; hasToken: boolean }): Promise<OrgRepository[]> {
  const repositories: OrgRepository[] = [];
  // GitHub's own parameter names ({org}, {username}), so that octokit's typed routes check the parameters.
  let route: 'GET /orgs/{org}/repos' | 'GET /users/{username}/repos' = 'GET /orgs/{org}/repos';
  for (let page = 1; page <= 100; page++) {
    let data: unknown;
    try {
      ({ data } =
        route === 'GET /orgs/{org}/repos'
          ? await client.request(route, { org: owner, type: 'public', per_page: 100, page, sort: 'full_name' })
          : await client.request(route, { username: owner, type: 'owner', per_page: 100, page, sort: 'full_name' }));
    } catch (error) {
      if (page === 1 && route === 'GET /orgs/{org}/repos' && (error as { status?: number }).status === 404) {
        route = 'GET /users/{username}/repos';
        page = 0;
        continue;
      }
      if (page === 1 && (error as { status?: number }).status === 404) throw new UsageError(`No GitHub organisation or user named ${owner} (--org).`);
      throw toIncompleteError(error, { repository: owner, hasToken: context.hasToken, apiUrl: context.apiUrl, action: `listing the repositories of ${owner}` });
    }
    if (!Array.isArray(data)) break;
    for (const entry of data as Array<Record<string, unknown>>) {
      if (typeof entry.name !== 'string') continue;
      repositories.push({ name: entry.name, fork: entry.fork === true, archived: entry.archived === true, private: entry.private === true });
    }
    if (data.length < 100) break;
  }
  return repositories.sort((a, b) => a.name.localeCompare(b.name));
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
