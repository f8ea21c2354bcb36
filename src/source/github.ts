/**
 * A GitHub repository read through the API, without cloning.
 *
 * Requests per repository:
 * - with a token: through a GraphQL batcher, the audit's (shared with other repositories) or, for a
 *   repository checked alone, one of its own (a batch of one). Alone: 2 requests. The file listing (REST
 *   `git/trees/REF?recursive=1`, the one call that lists a whole repository at any depth), then one
 *   GraphQL query for the commit, the text of every file the checks read (by blob id, the caller's
 *   ReadPlanner) and, when the repository lacks community files, the owner's `.github` repository
 *   (asked once per owner). In an audit the listing is GraphQL too, in rounds that share requests
 *   (listTreeGraphql). The GraphQL parts are per-repository fragments (github-query.ts).
 * - without a token (the REST API's 60 requests an hour): the commit (1), the listing (1), one raw
 *   download per file read, and the owner's `.github` listing when needed (1).
 *
 * Files larger than the read cap are downloaded only up to the cap (a Range request whose answer is
 * cut off at the cap in any case); bytes are decoded with `decodeText`, so binary files stay undecoded.
 */
import { RequestError } from '@octokit/request-error';
import { IncompleteError } from '../errors.js';
import { decodeText } from './decode.js';
import { CUT_HEADER, MAX_BYTES_HEADER, toIncompleteError, type GitHubClient, type GitHubClientOptions } from './github-http.js';
import { createGitHubSession, type BatchPart, type GitHubSession, type GraphqlBatcher, type GraphqlError } from './github-batch.js';
import {
  ownerCommunityFragment,
  readNestedTree,
  readOwnerCommunityResult,
  readRepositoryResult,
  repositoryFragment,
  revisionFragment,
  subtreesFragment,
  type BlobResult,
  type NestedTree,
  type OwnerCommunityResult,
  type RepositoryQueryResult,
  type RepositoryQuerySpec,
} from './github-query.js';
import { inheritedListingPath, missingInheritableKinds, pickInheritedFiles } from './inherited-files.js';
import { GITHUB_MAX_LISTED_FILES, isSkippedPath, SKIPPED_FOLDERS } from './listing.js';
import type { FileReadProblem, FileText, InheritedFile, ReadPlanner, RepositorySource, SourceDescription } from './types.js';

export interface GitHubSourceOptions extends Omit<GitHubClientOptions, 'token'> {
  owner: string;
  repo: string;
  ref?: string;
  /** What the user typed (credentials removed), for the report. */
  display: string;
  token?: string;
  /** Web address of the server, for the report: `https://github.com`. */
  webOrigin: string;
  /** The read cap the checks use; files up to this size are fetched in the GraphQL query. */
  maxFileBytes: number;
  /** Total text asked for in one GraphQL query, at most; the rest is downloaded file by file. */
  maxQueryTextBytes?: number;
  /**
   * Shared with other sources (the batch audit): the client, its cache and, with a token, the GraphQL
   * batcher, whose requests carry several repositories. Without it the source makes a session of its
   * own, so that a repository checked alone goes the same way, as a batch of one.
   */
  session?: GitHubSession;
  /** Aborted at the run's --deadline: this source's requests are cancelled (a query shared with other repositories is not). */
  signal?: AbortSignal;
  /** The files fetched with the listing (in its GraphQL query); without it, files are fetched as read. */
  readPlan?: ReadPlanner;
}

/** A listed file: `[path, mode, blob id, size]`, the mode as a number (0o120000 is a symbolic link). */
type ListingEntry = [string, number, string, number];

/** A repository's listing as cached by root tree id: files only. */
interface CachedListing {
  truncated: boolean;
  entries: ListingEntry[];
}

/** A listing and the root tree it lists; the commit too when the listing named it (GraphQL does, REST does not). */
interface Listed {
  tree: string;
  entries: ListingEntry[];
  commit?: string;
}

interface TreeEntry {
  path: string;
  mode: string;
  type: string;
  sha: string;
  size?: number;
}

interface ListedFile {
  sha: string;
  size: number;
  symlink: boolean;
  /** Inherited files live in another repository. */
  from?: { owner: string; repo: string; path: string };
}

const DEFAULT_MAX_QUERY_TEXT_BYTES = 8 * 1024 * 1024;
const MAX_SYMLINK_HOPS = 8;
/** As the REST tree call: a listing stops at GitHub's 100,000 files and says it is partial. */
const MAX_LISTED_FILES = GITHUB_MAX_LISTED_FILES;
/** Follow-up rounds of a GraphQL listing, at most (each goes `treeDepth` levels deeper). */
const MAX_TREE_ROUNDS = 25;
/** Subtrees asked for in one part of a follow-up round. */
const SUBTREES_PER_PART = 40;
const SYMLINK_MODE = 0o120000;
/**
 * Requests at once in a session of one: as many as the checks read files at once (facts/gather.ts),
 * so that the slots, meant to keep an audit polite, never hold a single check's reads back.
 */
const ALONE_CONCURRENCY = 16;
/** A batch of one has two parts at most: the repository's texts and its owner's `.github`, in one query. */
const ALONE_BATCH_SIZE = 2;

/** The owners' `.github` repositories, asked once per owner and server (per process). */
const ownerCache = new Map<string, Promise<OwnerCommunityResult>>();

export class GitHubSource implements RepositorySource {
  readonly description: SourceDescription;
  /** Anonymous reads are one REST request each, against a quota of 60 an hour. */
  readonly readsAreCostly: boolean;
  private readonly session: GitHubSession;
  private readonly client: GitHubClient;
  private readonly options: GitHubSourceOptions;
  private listing: Promise<string[]> | undefined;
  private readonly entries = new Map<string, ListedFile>();
  private readonly fetched = new Map<string, BlobResult>();

  constructor(options: GitHubSourceOptions) {
    this.options = options;
    this.readsAreCostly = !options.token;
    this.session =
      options.session ??
      createGitHubSession({
        ...options,
        concurrency: ALONE_CONCURRENCY,
        batchSize: ALONE_BATCH_SIZE,
        // Its parts are submitted in the same tick: waiting for company would only add time.
        batchDelayMs: 0,
        treeListing: 'rest',
      });
    this.client = this.session.client;
    const web = `${options.webOrigin.replace(/\/+$/, '')}/${options.owner}/${options.repo}`;
    this.description = { kind: 'github', target: options.display, location: options.ref !== undefined ? `${web}/tree/${options.ref}` : web };
  }

  private get repository(): string {
    return `${this.options.owner}/${this.options.repo}`;
  }

  /** Request options that cancel a request at the run's deadline. */
  private get abortable(): { signal?: AbortSignal } {
    return this.options.signal ? { signal: this.options.signal } : {};
  }

  private fail(error: unknown, action: string): IncompleteError {
    // Stopped at the deadline: that, not the failed request, is what to report.
    if (this.options.signal?.aborted && this.options.signal.reason instanceof IncompleteError) return this.options.signal.reason;
    return toIncompleteError(error, {
      repository: this.repository,
      ...(this.options.ref !== undefined ? { ref: this.options.ref } : {}),
      hasToken: Boolean(this.options.token),
      apiUrl: this.options.apiUrl,
      action,
    });
  }

  listFiles(): Promise<string[]> {
    this.listing ??= this.list();
    return this.listing;
  }

  private list(): Promise<string[]> {
    const batcher = this.session.batcher;
    return batcher ? this.listWithToken(batcher) : this.listAnonymously();
  }

  /** Without a token: REST only (GraphQL needs one). */
  private async listAnonymously(): Promise<string[]> {
    // Pin the commit first, so the listing and every download agree, and a wrong ref is told apart
    // from a missing repository.
    const commit = await this.resolveCommit(this.options.ref ?? 'HEAD');
    this.description.revision = commit;
    const files = this.keep((await this.listTreeRest(commit)).entries);
    const missingKinds = this.missingKinds(files);
    const ownerCommunity = missingKinds.length > 0 ? await this.ownerCommunity(() => this.ownerCommunityRest()) : undefined;
    return this.withInherited(files, ownerCommunity, missingKinds);
  }

  /**
   * With a token, through the session's GraphQL batcher, whose requests may carry other repositories'
   * parts too:
   *
   * 1. the listing: REST for a repository alone (one request at any depth), GraphQL rounds in an audit
   *    (listTreeGraphql);
   * 2. the text of the files the checks read that the cache does not hold, with the commit when the
   *    listing did not say it, and the owner's `.github` community files when needed (once per owner):
   *    parts submitted together, so that alone they are one query.
   */
  private async listWithToken(batcher: GraphqlBatcher): Promise<string[]> {
    const { owner } = this.options;
    const revision = this.options.ref ?? 'HEAD';
    const listed = this.session.treeListing === 'rest' ? await this.listTreeRest(revision) : await this.listTreeGraphql(batcher, revision);
    const files = this.keep(listed.entries);
    const missingKinds = this.missingKinds(files);

    const texts = this.fetchTexts(batcher, this.options.readPlan?.(files) ?? [], listed.commit ?? revision, listed.commit === undefined);
    const community = missingKinds.length > 0 ? this.ownerCommunity(() => batcher.submit(ownerPart(owner))) : undefined;
    const [answer, ownerCommunity] = await Promise.all([
      texts,
      community?.catch((error: unknown) => Promise.reject(this.fail(error, `reading ${owner}/.github for inherited community files`))),
    ]);
    // Asked for by name, the commit is the one listed only if the ref has not moved in between.
    if (listed.commit === undefined && answer?.commitOid && answer.treeOid === listed.tree) this.description.revision = answer.commitOid;
    return this.withInherited(files, ownerCommunity, missingKinds);
  }

  /** Keeps the listed files the checks may look at; returns their paths, sorted. */
  private keep(entries: readonly ListingEntry[]): string[] {
    for (const [path, mode, sha, size] of entries) {
      if (!isSkippedPath(path)) this.entries.set(path, { sha, size, symlink: mode === SYMLINK_MODE });
    }
    return [...this.entries.keys()].sort();
  }

  /** The community files the repository lacks, which GitHub shows from the owner's `.github` repository. */
  private missingKinds(files: string[]): ReturnType<typeof missingInheritableKinds> {
    return this.options.repo.toLowerCase() === '.github' ? [] : missingInheritableKinds(files);
  }

  /** Adds the owner's community files the repository lacks to the listing (see docs/remote.md). */
  private withInherited(files: string[], ownerCommunity: OwnerCommunityResult | undefined, missingKinds: ReturnType<typeof missingInheritableKinds>): string[] {
    const { owner } = this.options;
    const inherited: InheritedFile[] = [];
    if (ownerCommunity?.exists && !ownerCommunity.isPrivate) {
      for (const { path: sourcePath } of pickInheritedFiles(
        ownerCommunity.files.map((file) => file.path),
        missingKinds,
      )) {
        const listed = inheritedListingPath(sourcePath);
        const file = ownerCommunity.files.find((candidate) => candidate.path === sourcePath);
        if (!file || this.entries.has(listed)) continue;
        this.entries.set(listed, { sha: file.oid, size: 0, symlink: false, from: { owner, repo: '.github', path: sourcePath } });
        inherited.push({ path: listed, repository: `${owner}/.github`, sourcePath });
      }
    }
    if (inherited.length > 0) this.description.inherited = inherited;
    return inherited.length > 0 ? [...files, ...inherited.map((file) => file.path)].sort() : files;
  }

  /**
   * The listing through GraphQL, in rounds whose parts share requests with other repositories':
   *
   * 1. the commit the revision points at and its root tree, `treeDepth` levels deep (only the commit
   *    when the cache holds the listing of the commit seen last time);
   * 2. while subtrees remain below that depth: those subtrees by id, `treeDepth` levels deeper each
   *    (GraphQL cannot recurse; most repositories need no such round at depth 4).
   *
   * Trees are named by id, so their answers are cached for good; only round 1 is asked again on a
   * re-run.
   */
  private async listTreeGraphql(batcher: GraphqlBatcher, revision: string): Promise<Listed> {
    const { owner, repo } = this.options;
    const cache = this.session.cache;
    const refKey = `${this.options.apiUrl}|${owner}/${repo}@${revision}`.toLowerCase();
    const hint = cache?.getObject<{ tree: string }>('ref', refKey);
    const hinted = hint ? cache?.getObject<CachedListing>('tree', hint.tree) : undefined;

    const first = await this.submit(batcher, 'listing the files', {
      fragment: (alias) => revisionFragment(alias, owner, repo, revision, hinted ? 0 : this.session.treeDepth),
      read: (value, errors) => {
        if (value === null || typeof value !== 'object') throw notFound(errors);
        const result = readRepositoryResult({ r: value }, { alias: 'r', owner, name: repo, revision, blobs: [] });
        if (!result?.commitOid || !result.treeOid) throw Object.assign(new Error('Not Found'), { status: this.options.ref !== undefined ? 404 : 409 });
        return { commit: result.commitOid, tree: result.treeOid, listing: readNestedTree((value as Record<string, unknown>).tree) };
      },
    });
    this.description.revision = first.commit;
    let listing = hint?.tree === first.tree && hinted ? hinted : cache?.getObject<CachedListing>('tree', first.tree);
    if (!listing) {
      listing = await this.expandTree(batcher, first.tree, first.listing?.oid === first.tree ? first.listing : undefined);
      cache?.setObject('tree', first.tree, listing);
    }
    if (hint?.tree !== first.tree) cache?.setObject('ref', refKey, { commit: first.commit, tree: first.tree });
    if (listing.truncated) {
      process.stderr.write(
        `dpg-check: listed only part of ${owner}/${repo} (more than ${MAX_LISTED_FILES.toLocaleString('en')} files); facts about the rest are missing. --clone reads it with git instead.\n`,
      );
    }
    return { commit: first.commit, tree: first.tree, entries: listing.entries };
  }

  /** Round 2 of listTreeGraphql: a nested tree, its deeper subtrees asked for by id until none is left. */
  private async expandTree(batcher: GraphqlBatcher, rootOid: string, root: NestedTree | undefined): Promise<CachedListing> {
    const { owner, repo } = this.options;
    const depth = this.session.treeDepth;
    const entries: CachedListing['entries'] = [];
    /** Subtree id → the folders it stands at (one tree can be at several paths). */
    let pending = new Map<string, string[]>();
    const visit = (tree: NestedTree, prefix: string): void => {
      for (const entry of tree.entries) {
        const path = `${prefix}${entry.name}`;
        if (entry.type === 'blob') entries.push([path, entry.mode, entry.oid, entry.size]);
        else if (entry.type === 'tree' && !SKIPPED_FOLDERS.has(entry.name)) {
          if (entry.object) visit(entry.object, `${path}/`);
          else pending.set(entry.oid, [...(pending.get(entry.oid) ?? []), `${path}/`]);
        }
      }
    };
    if (root) visit(root, '');
    else pending.set(rootOid, ['']);
    let rounds = 0;
    while (pending.size > 0 && entries.length < MAX_LISTED_FILES && rounds < MAX_TREE_ROUNDS) {
      rounds++;
      const wanted = [...pending.entries()];
      pending = new Map();
      const chunks: Array<Array<[string, string[]]>> = [];
      for (let index = 0; index < wanted.length; index += SUBTREES_PER_PART) chunks.push(wanted.slice(index, index + SUBTREES_PER_PART));
      const answers = await Promise.all(
        chunks.map((chunk) =>
          this.submit(batcher, 'listing the files', {
            fragment: (alias) =>
              subtreesFragment(
                alias,
                owner,
                repo,
                chunk.map(([oid], index) => ({ alias: `t${index}`, oid })),
                depth,
              ),
            read: (value, errors) => {
              if (value === null || typeof value !== 'object') throw notFound(errors);
              return chunk.map((_, index) => readNestedTree((value as Record<string, unknown>)[`t${index}`]));
            },
          }),
        ),
      );
      chunks.forEach((chunk, chunkIndex) => {
        chunk.forEach(([, prefixes], index) => {
          const tree = answers[chunkIndex]?.[index];
          if (tree) for (const prefix of prefixes) visit(tree, prefix);
        });
      });
    }
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { truncated: pending.size > 0 || entries.length > MAX_LISTED_FILES, entries: entries.slice(0, MAX_LISTED_FILES) };
  }

  /**
   * The planned files' text, from the cache or in one part, with the commit `revision` points at; no
   * part when every text is at hand and the commit is not wanted.
   */
  private async fetchTexts(batcher: GraphqlBatcher, planned: string[], revision: string, wantCommit: boolean): Promise<RepositoryQueryResult | undefined> {
    const cache = this.session.cache;
    const { blobs, total } = this.blobsToQuery(planned, (sha) => {
      const cached = cache?.getObject<BlobResult>('blob', sha);
      if (!cached || typeof cached.text !== 'string') return false;
      this.fetched.set(sha, cached);
      return true;
    });
    if (blobs.length === 0 && !wantCommit) return undefined;
    const { owner, repo } = this.options;
    const spec = (alias: string): RepositoryQuerySpec => ({ alias, owner, name: repo, revision, blobs });
    const result = await this.submit(batcher, 'reading the files', {
      weight: total,
      fragment: (alias) => repositoryFragment(spec(alias)),
      read: (value, errors) => {
        if (value === null || typeof value !== 'object') throw notFound(errors);
        return readRepositoryResult({ r: value }, spec('r'));
      },
    });
    for (const [oid, blob] of result?.blobs ?? []) {
      this.fetched.set(oid, blob);
      if (cache && blob.text !== null && !blob.isBinary && !blob.isTruncated) cache.setObject('blob', oid, blob);
    }
    return result;
  }

  /**
   * The planned files whose text goes into a GraphQL query: each blob once, links and files over the
   * read cap left out (they are fetched on demand), and at most maxQueryTextBytes in all. `alreadyHave`
   * skips blobs served otherwise (the disk cache).
   */
  private blobsToQuery(planned: readonly string[], alreadyHave: (sha: string) => boolean): { blobs: Array<{ alias: string; oid: string }>; total: number } {
    const maxTotal = this.options.maxQueryTextBytes ?? DEFAULT_MAX_QUERY_TEXT_BYTES;
    const blobs: Array<{ alias: string; oid: string }> = [];
    const seen = new Set<string>();
    let total = 0;
    for (const path of planned) {
      const entry = this.entries.get(path);
      if (!entry || entry.symlink || entry.size > this.options.maxFileBytes || seen.has(entry.sha)) continue;
      seen.add(entry.sha);
      if (alreadyHave(entry.sha) || total + entry.size > maxTotal) continue;
      total += entry.size;
      blobs.push({ alias: `b${blobs.length}`, oid: entry.sha });
    }
    return { blobs, total };
  }

  private async submit<T>(batcher: GraphqlBatcher, action: string, part: BatchPart<T>): Promise<T> {
    try {
      return await batcher.submit(part);
    } catch (error) {
      throw this.fail(error, action);
    }
  }

  /** REST: the commit a ref points at (`application/vnd.github.sha` answers with the id alone). */
  private async resolveCommit(ref: string): Promise<string> {
    try {
      const response = await this.client.request('GET /repos/{owner}/{repo}/commits/{ref}', {
        owner: this.options.owner,
        repo: this.options.repo,
        ref,
        headers: { accept: 'application/vnd.github.sha' },
        request: { parseSuccessResponseBody: false, ...this.abortable },
      });
      const sha = (await bodyBytes(response.data)).toString('utf8').trim();
      if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha))
        throw new IncompleteError(
          `GitHub answered something other than a commit id for ${this.repository}@${ref}.`,
          'Check --github-api-url: it should be the API address (https://HOST/api/v3 for GitHub Enterprise Server).',
        );
      return sha;
    } catch (error) {
      throw this.fail(error, 'resolving the ref');
    }
  }

  /** REST: the whole tree `ref` names, in one request (GitHub stops at 100,000 files and says so). */
  private async listTreeRest(ref: string): Promise<Listed> {
    const { owner, repo } = this.options;
    let data: unknown;
    try {
      ({ data } = await this.client.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
        owner,
        repo,
        tree_sha: ref,
        recursive: '1',
        request: this.abortable,
      }));
    } catch (error) {
      throw this.fail(error, 'listing the files');
    }
    const tree = data as { sha?: unknown; tree?: unknown; truncated?: unknown };
    if (typeof tree !== 'object' || tree === null || !Array.isArray(tree.tree) || typeof tree.sha !== 'string') {
      throw new IncompleteError(
        `GitHub's answer to listing the files for ${owner}/${repo} is not a file listing (it may have been cut short).`,
        'Run again; if it persists, check --github-api-url.',
      );
    }
    if (tree.truncated === true) {
      process.stderr.write(
        `dpg-check: GitHub listed only part of ${owner}/${repo} (more than 100,000 files); facts about the rest are missing. --clone reads it with git instead.\n`,
      );
    }
    const entries = (tree.tree as TreeEntry[])
      .filter((entry) => entry.type === 'blob')
      .map((entry): ListingEntry => [entry.path, Number.parseInt(entry.mode, 8), entry.sha, entry.size ?? 0]);
    return { tree: tree.sha, entries };
  }

  private ownerKey(): string {
    return `${this.options.apiUrl}|${this.options.owner.toLowerCase()}|${this.options.token ? 'token' : 'anonymous'}`;
  }

  private ownerCommunity(load: () => Promise<OwnerCommunityResult>): Promise<OwnerCommunityResult> {
    const key = this.ownerKey();
    let pending = ownerCache.get(key);
    if (!pending) {
      pending = load();
      ownerCache.set(key, pending);
      pending.catch(() => ownerCache.delete(key));
    }
    return pending;
  }

  /** Anonymous: the owner's `.github` repository listing; a 404 means it has none. */
  private async ownerCommunityRest(): Promise<OwnerCommunityResult> {
    const { owner } = this.options;
    let data: unknown;
    try {
      ({ data } = await this.client.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
        owner,
        repo: '.github',
        tree_sha: 'HEAD',
        recursive: '1',
        request: this.abortable,
      }));
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 404 || status === 409) return { exists: false, isPrivate: false, files: [] };
      throw this.fail(error, `reading ${owner}/.github for inherited community files`);
    }
    const entries = (data as { tree?: TreeEntry[] }).tree;
    if (!Array.isArray(entries)) return { exists: false, isPrivate: false, files: [] };
    const files = entries
      .filter((entry) => entry.type === 'blob' && /^(?:(?:\.github|docs)\/)?[^/]+$/.test(entry.path))
      .map((entry) => ({ path: entry.path, oid: entry.sha }));
    return { exists: true, isPrivate: false, files };
  }

  async readText(path: string, maxBytes: number): Promise<FileText | FileReadProblem> {
    await this.listFiles();
    let current = path;
    for (let hop = 0; hop <= MAX_SYMLINK_HOPS; hop++) {
      const entry = this.entries.get(current);
      if (!entry) {
        return hop === 0
          ? { path, reason: 'missing', detail: 'the file does not exist' }
          : { path, reason: 'broken-link', detail: 'a symbolic link that points nowhere (or to itself)' };
      }
      if (!entry.symlink) return { ...(await this.readBlob(entry, maxBytes)), path };
      const target = (await this.download(entry, 4096)).bytes.toString('utf8');
      const resolved = resolveLink(current, target);
      if (resolved === undefined) return { path, reason: 'outside-repository', detail: 'a symbolic link to a file outside the repository; not followed' };
      current = resolved;
    }
    return { path, reason: 'broken-link', detail: 'a symbolic link that points nowhere (or to itself)' };
  }

  private async readBlob(entry: ListedFile, maxBytes: number): Promise<Omit<FileText, 'path'>> {
    const fetched = this.fetched.get(entry.sha);
    if (fetched && !entry.from && fetched.text !== null && !fetched.isBinary && !fetched.isTruncated) {
      const bytes = Buffer.from(fetched.text, 'utf8');
      const decoded = decodeText(bytes.subarray(0, maxBytes));
      return { text: decoded.text, binary: decoded.binary, truncated: fetched.byteSize > maxBytes, size: fetched.byteSize };
    }
    const { bytes, size } = await this.download(entry, maxBytes);
    const decoded = decodeText(bytes);
    return { text: decoded.text, binary: decoded.binary, truncated: size > maxBytes, size };
  }

  /** REST: a blob's raw bytes, at most `maxBytes` of them (never the whole of a larger file). */
  private async download(entry: ListedFile, maxBytes: number): Promise<{ bytes: Buffer; size: number }> {
    const owner = entry.from?.owner ?? this.options.owner;
    const repo = entry.from?.repo ?? this.options.repo;
    try {
      const response = await this.client.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', {
        owner,
        repo,
        file_sha: entry.sha,
        headers: { accept: 'application/vnd.github.raw+json', range: `bytes=0-${Math.max(0, maxBytes - 1)}`, [MAX_BYTES_HEADER]: String(maxBytes) },
        request: { parseSuccessResponseBody: false, ...this.abortable },
      });
      const bytes = (await bodyBytes(response.data)).subarray(0, maxBytes);
      const headers = response.headers as Record<string, string | undefined>;
      const total = /\/(\d+)$/.exec(headers['content-range'] ?? '')?.[1];
      const size = entry.size > 0 ? entry.size : total !== undefined ? Number(total) : headers[CUT_HEADER] ? maxBytes + 1 : bytes.length;
      return { bytes, size };
    } catch (error) {
      if (error instanceof RequestError || error instanceof Error)
        throw this.fail(error, `reading ${entry.from ? `${owner}/${repo}:${entry.from.path}` : 'a file'}`);
      throw error;
    }
  }

  async dispose(): Promise<void> {
    // Nothing on disk; octokit keeps no connection open beyond fetch's pool.
  }
}

/** The owner's `.github` repository as a batch part; its absence is an answer. */
function ownerPart(owner: string): BatchPart<OwnerCommunityResult> {
  return {
    fragment: (alias) => ownerCommunityFragment(alias, owner),
    read: (value) => readOwnerCommunityResult({ g: value }, 'g'),
  };
}

/** A part's "not found" as the error toIncompleteError turns into its message. */
function notFound(errors: GraphqlError[]): Error {
  const message = errors.find((error) => error.type === 'NOT_FOUND')?.message ?? errors[0]?.message ?? 'Not Found';
  return Object.assign(new Error(message), { status: errors.length === 0 || errors.some((error) => error.type === 'NOT_FOUND') ? 404 : undefined });
}

async function bodyBytes(data: unknown): Promise<Buffer> {
  if (data === null || data === undefined) return Buffer.alloc(0);
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const stream = data as ReadableStream<Uint8Array>;
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Where a symbolic link inside the repository points, or undefined when it leaves the repository. */
function resolveLink(linkPath: string, target: string): string | undefined {
  if (target.startsWith('/')) return undefined;
  const parts = linkPath.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length > 0 ? parts.join('/') : undefined;
}
