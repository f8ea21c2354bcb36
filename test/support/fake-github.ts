/**
 * A fake GitHub for tests: a real HTTP server on 127.0.0.1 (random port) that serves the REST
 * endpoints and the GraphQL query dpg-check uses, answering from folders on disk (by default
 * OWNER/REPO → fixtures/REPO), counting requests, and injecting faults on demand.
 *
 * It is not a GraphQL engine: it finds the aliased `repository(owner:, name:)` fields of the query and,
 * inside them, the `object(expression:)` / `object(oid:)` fields, and answers each with the shape of the
 * fragment it spreads (DpgCheckCommit, DpgCheckBlob, DpgCheckTree), computed from the files.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from './cli.js';

export type Fault =
  | { kind: 'status'; status: 500 | 502 | 503 | 401 | 403 | 404 }
  | { kind: 'rate-limit'; resetInSeconds: number }
  | { kind: 'secondary'; status: 403 | 429; retryAfter: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'truncate' }
  | { kind: 'graphql-rate-limited' };

export interface FaultRule {
  fault: Fault;
  /** How many requests it hits; Infinity for all. */
  times: number;
  /** Only requests of this kind (default: any). */
  on?: 'graphql' | 'rest';
}

export interface RecordedRequest {
  method: string;
  path: string;
  kind: 'graphql' | 'rest';
  status: number;
  /** `token` when an Authorization header came, else `anonymous`. */
  auth: 'token' | 'anonymous';
  range?: string;
  /** Bytes of file content sent (raw blob downloads). */
  contentBytes?: number;
  /** For GraphQL: the repositories the query named (`owner/name`). */
  repositories?: string[];
  fault?: Fault['kind'];
}

export interface FakeGitHubOptions {
  /** OWNER/REPO → folder; anything else maps to fixtures/REPO when that folder exists. */
  repos?: Record<string, string>;
  /** OWNER → folder served as OWNER/.github (the inherited community files). */
  ownerGithub?: Record<string, string>;
  /** Owners whose `.github` repository is private. */
  privateOwnerGithub?: string[];
  /** `/api/v3` to look like GitHub Enterprise Server (GraphQL then at /api/graphql). */
  prefix?: '' | '/api/v3';
  /** When set, only this token is accepted (others get 401). */
  token?: string | undefined;
  /** Extra ref names that point at the one commit (besides HEAD, main and the commit id). */
  refs?: string[];
  /**
   * Organisations (or users) whose repository list `GET /orgs/OWNER/repos` and `GET /users/OWNER/repos`
   * answer, in pages of `per_page` (the repositories themselves are served as usual).
   */
  orgs?: Record<string, Array<{ name: string; fork?: boolean; archived?: boolean; private?: boolean }>>;
  /** Owners that are users: `GET /orgs/OWNER/repos` answers 404 for them, as GitHub does. */
  users?: string[];
  /** REST answers carry an ETag and a matching If-None-Match gets 304 (as GitHub does). Default true. */
  etags?: boolean;
}

export interface FakeGitHub {
  /** What to pass to --github-api-url. */
  apiUrl: string;
  requests: RecordedRequest[];
  inject(rule: FaultRule): void;
  clearFaults(): void;
  /** Requests about one repository (REST paths under it, GraphQL queries naming it). */
  requestsFor(repository: string): RecordedRequest[];
  close(): Promise<void>;
}

interface Blob {
  path: string;
  mode: string;
  sha: string;
  bytes: Buffer;
}

interface Repository {
  commit: string;
  rootTree: string;
  blobs: Map<string, Blob>;
  /** Tree sha → entries (name, mode, type, sha). */
  trees: Map<string, Array<{ name: string; mode: string; type: 'blob' | 'tree'; sha: string }>>;
  /** folder path ('' for the root) → tree sha */
  treeOfFolder: Map<string, string>;
  files: Blob[];
  isPrivate: boolean;
}

const SECONDARY_MESSAGE = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

function gitHash(type: string, body: Buffer): string {
  return createHash('sha1').update(`${type} ${body.length}\0`).update(body).digest('hex');
}

/** Reads a folder as git would store it: blobs, trees (real ids) and one commit. */
function loadRepository(folder: string, isPrivate = false): Repository {
  const blobs = new Map<string, Blob>();
  const files: Blob[] = [];
  const trees = new Map<string, Array<{ name: string; mode: string; type: 'blob' | 'tree'; sha: string }>>();
  const treeOfFolder = new Map<string, string>();
  const visit = (relative: string): string => {
    const absolute = path.join(folder, relative);
    const entries: Array<{ name: string; mode: string; type: 'blob' | 'tree'; sha: string }> = [];
    for (const name of readdirSync(absolute).sort()) {
      if (name === '.git') continue;
      const childRelative = relative === '' ? name : `${relative}/${name}`;
      const info = lstatSync(path.join(folder, childRelative));
      if (info.isDirectory()) {
        entries.push({ name, mode: '040000', type: 'tree', sha: visit(childRelative) });
      } else {
        const symlink = info.isSymbolicLink();
        const bytes = symlink ? Buffer.from(readlinkSync(path.join(folder, childRelative))) : readFileSync(path.join(folder, childRelative));
        const blob: Blob = { path: childRelative, mode: symlink ? '120000' : info.mode & 0o111 ? '100755' : '100644', sha: gitHash('blob', bytes), bytes };
        blobs.set(blob.sha, blob);
        files.push(blob);
        entries.push({ name, mode: blob.mode, type: 'blob', sha: blob.sha });
      }
    }
    const sorted = [...entries].sort((a, b) =>
      Buffer.compare(Buffer.from(a.type === 'tree' ? `${a.name}/` : a.name), Buffer.from(b.type === 'tree' ? `${b.name}/` : b.name)),
    );
    const body = Buffer.concat(
      sorted.map((entry) => Buffer.concat([Buffer.from(`${entry.mode === '040000' ? '40000' : entry.mode} ${entry.name}\0`), Buffer.from(entry.sha, 'hex')])),
    );
    const sha = gitHash('tree', body);
    trees.set(sha, entries);
    treeOfFolder.set(relative, sha);
    return sha;
  };
  const rootTree = visit('');
  const commit = gitHash(
    'commit',
    Buffer.from(`tree ${rootTree}\nauthor Fake <fake@example.com> 1700000000 +0000\ncommitter Fake <fake@example.com> 1700000000 +0000\n\nfixture\n`),
  );
  return { commit, rootTree, blobs, trees, treeOfFolder, files: files.sort((a, b) => a.path.localeCompare(b.path)), isPrivate };
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const prefix = options.prefix ?? '';
  const requests: RecordedRequest[] = [];
  const faults: FaultRule[] = [];
  const cache = new Map<string, Repository | null>();
  const sockets = new Set<Socket>();
  let remaining = 5000;
  const extraRefs = new Set(options.refs ?? []);

  const repository = (owner: string, name: string): Repository | undefined => {
    const key = `${owner}/${name}`.toLowerCase();
    if (!cache.has(key)) {
      let folder: string | undefined;
      let isPrivate = false;
      if (name === '.github') {
        folder = options.ownerGithub?.[owner];
        isPrivate = options.privateOwnerGithub?.includes(owner) ?? false;
      } else {
        folder = options.repos?.[`${owner}/${name}`] ?? path.join(REPO_ROOT, 'fixtures', name);
      }
      const usable = folder !== undefined && /^[\w.-]+$/.test(name) && statSafe(folder);
      cache.set(key, usable ? loadRepository(folder as string, isPrivate) : null);
    }
    return cache.get(key) ?? undefined;
  };

  /** A ref, commit id or tree id → the tree to list (commit ids and names give the root tree). */
  const resolve = (repo: Repository, ref: string): { commit: string; tree: string } | undefined => {
    if (ref === 'HEAD' || ref === 'main' || ref === repo.commit || extraRefs.has(ref)) return { commit: repo.commit, tree: repo.rootTree };
    if (repo.trees.has(ref)) return { commit: repo.commit, tree: ref };
    return undefined;
  };

  const rateHeaders = (): Record<string, string> => ({
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': String(Math.max(0, --remaining)),
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-ratelimit-resource': 'core',
  });

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: `fake-github error: ${String(error)}` }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(request);
    const isGraphql = request.method === 'POST' && (url.pathname === `${prefix}/graphql` || (prefix === '/api/v3' && url.pathname === '/api/graphql'));
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname + url.search,
      kind: isGraphql ? 'graphql' : 'rest',
      status: 0,
      auth: request.headers.authorization ? 'token' : 'anonymous',
      ...(typeof request.headers.range === 'string' ? { range: request.headers.range } : {}),
    };
    requests.push(record);
    let query = '';
    if (isGraphql) {
      try {
        query = String((JSON.parse(body.toString('utf8')) as { query?: unknown }).query ?? '');
      } catch {
        query = '';
      }
      record.repositories = [...query.matchAll(/repository\(owner: ("(?:[^"\\]|\\.)*"), name: ("(?:[^"\\]|\\.)*")\)/g)].map(
        (match) => `${JSON.parse(match[1] as string)}/${JSON.parse(match[2] as string)}`,
      );
    }
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      const text = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
      // Conditional requests, as GitHub answers them: an ETag on every REST 200, a 304 when it matches.
      if (!isGraphql && request.method === 'GET' && status === 200 && options.etags !== false) {
        const etag = `"${createHash('sha1')
          .update(text)
          .update(String(request.headers.accept ?? ''))
          .digest('hex')}"`;
        if (request.headers['if-none-match'] === etag) {
          record.status = 304;
          response.writeHead(304, { etag, ...rateHeaders() });
          response.end();
          return;
        }
        headers = { etag, ...headers };
      }
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...rateHeaders(), ...headers });
      response.end(text);
    };

    // Faults first.
    const rule = faults.find((candidate) => candidate.times > 0 && (candidate.on === undefined || candidate.on === record.kind));
    let truncate = false;
    if (rule) {
      rule.times--;
      record.fault = rule.fault.kind;
      const fault = rule.fault;
      switch (fault.kind) {
        case 'status': {
          const message =
            fault.status === 401
              ? 'Bad credentials'
              : fault.status === 404
                ? 'Not Found'
                : fault.status === 403
                  ? 'Resource not accessible by integration'
                  : 'Server Error';
          send(fault.status, { message, documentation_url: 'https://docs.github.com/rest' });
          return;
        }
        case 'rate-limit':
          record.status = 403;
          response.writeHead(403, {
            'content-type': 'application/json; charset=utf-8',
            'x-ratelimit-limit': '60',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-used': '60',
            'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + fault.resetInSeconds),
          });
          response.end(
            JSON.stringify({
              message: "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit.)",
              documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
            }),
          );
          return;
        case 'secondary':
          send(
            fault.status,
            { message: SECONDARY_MESSAGE, documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits' },
            { 'retry-after': String(fault.retryAfter) },
          );
          return;
        case 'slow':
          await new Promise((resolveDelay) => setTimeout(resolveDelay, fault.delayMs));
          if (request.socket.destroyed) return;
          break;
        case 'truncate':
          truncate = true;
          break;
        case 'graphql-rate-limited':
          send(
            200,
            { data: null, errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] },
            { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) },
          );
          return;
      }
    }
    const sendMaybeTruncated = (status: number, payload: Buffer | string, headers: Record<string, string>): void => {
      const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
      if (!truncate) {
        send(status, bytes, headers);
        return;
      }
      record.status = status;
      response.writeHead(status, { ...rateHeaders(), ...headers, 'content-length': String(bytes.length) });
      response.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      setTimeout(() => request.socket.destroy(), 20);
    };

    const authorization = request.headers.authorization;
    const token = authorization?.replace(/^(token|bearer)\s+/i, '');
    if ((options.token !== undefined && authorization !== undefined && token !== options.token) || (isGraphql && authorization === undefined)) {
      send(401, {
        message: isGraphql && authorization === undefined ? 'This endpoint requires you to be authenticated.' : 'Bad credentials',
        documentation_url: 'https://docs.github.com/graphql',
      });
      return;
    }

    if (isGraphql) {
      sendMaybeTruncated(200, JSON.stringify(answerGraphql(query)), { 'content-type': 'application/json; charset=utf-8' });
      return;
    }
    const ownerList = request.method === 'GET' ? new RegExp(`^${prefix}/(orgs|users)/([^/]+)/repos$`).exec(url.pathname) : null;
    if (ownerList) {
      const [, kind, owner = ''] = ownerList;
      const listed = Object.entries(options.orgs ?? {}).find(([name]) => name.toLowerCase() === decodeURIComponent(owner).toLowerCase());
      const isUser = (options.users ?? []).some((name) => name.toLowerCase() === decodeURIComponent(owner).toLowerCase());
      if (!listed || (kind === 'orgs' && isUser)) {
        send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
        return;
      }
      const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30)));
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
      const visible = listed[1].filter((entry) => !entry.private || authorization);
      const slice = visible.slice((page - 1) * perPage, page * perPage);
      const items = slice.map((entry) => ({
        name: entry.name,
        full_name: `${listed[0]}/${entry.name}`,
        owner: { login: listed[0] },
        private: entry.private ?? false,
        fork: entry.fork ?? false,
        archived: entry.archived ?? false,
        default_branch: 'main',
      }));
      const next: Record<string, string> =
        page * perPage < visible.length ? { link: `<http://127.0.0.1${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"` } : {};
      sendMaybeTruncated(200, JSON.stringify(items), { 'content-type': 'application/json; charset=utf-8', ...next });
      return;
    }
    if (request.method !== 'GET' || !url.pathname.startsWith(`${prefix}/repos/`)) {
      send(404, { message: 'Not Found' });
      return;
    }
    const parts = url.pathname
      .slice(`${prefix}/repos/`.length)
      .split('/')
      .map((part) => decodeURIComponent(part));
    const [owner = '', name = '', ...rest] = parts;
    const repo = repository(owner, name);
    if (!repo || (repo.isPrivate && !authorization)) {
      send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      return;
    }
    const accept = request.headers.accept ?? '';
    if (rest[0] === 'commits' && rest.length >= 2) {
      const ref = rest.slice(1).join('/');
      const resolved = resolve(repo, ref);
      if (!resolved) {
        send(422, { message: `No commit found for SHA: ${ref}`, documentation_url: 'https://docs.github.com/rest/commits/commits#get-a-commit' });
        return;
      }
      if (accept.includes('application/vnd.github.sha'))
        sendMaybeTruncated(200, resolved.commit, { 'content-type': 'application/vnd.github.sha; charset=utf-8' });
      else sendMaybeTruncated(200, JSON.stringify({ sha: resolved.commit }), { 'content-type': 'application/json; charset=utf-8' });
      return;
    }
    if (rest[0] === 'git' && rest[1] === 'trees' && rest.length >= 3) {
      const ref = rest.slice(2).join('/');
      const resolved = resolve(repo, ref);
      if (!resolved) {
        send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/git/trees#get-a-tree' });
        return;
      }
      const recursive = url.searchParams.has('recursive');
      const tree: unknown[] = [];
      const walk = (sha: string, base: string): void => {
        for (const entry of repo.trees.get(sha) ?? []) {
          const entryPath = base === '' ? entry.name : `${base}/${entry.name}`;
          const blob = entry.type === 'blob' ? repo.blobs.get(entry.sha) : undefined;
          tree.push({
            path: entryPath,
            mode: entry.mode,
            type: entry.type,
            sha: entry.sha,
            ...(blob ? { size: blob.bytes.length } : {}),
            url: `http://fake/${entry.sha}`,
          });
          if (recursive && entry.type === 'tree') walk(entry.sha, entryPath);
        }
      };
      walk(resolved.tree, '');
      sendMaybeTruncated(200, JSON.stringify({ sha: resolved.tree, url: 'http://fake/tree', tree, truncated: false }), {
        'content-type': 'application/json; charset=utf-8',
      });
      return;
    }
    if (rest[0] === 'git' && rest[1] === 'blobs' && rest.length === 3) {
      const blob = repo.blobs.get(rest[2] as string);
      if (!blob) {
        send(404, { message: 'Not Found' });
        return;
      }
      if (accept.includes('application/vnd.github.raw')) {
        const range = /^bytes=(\d+)-(\d+)$/.exec(String(request.headers.range ?? ''));
        if (range) {
          const start = Number(range[1]);
          const end = Math.min(Number(range[2]), blob.bytes.length - 1);
          const slice = blob.bytes.subarray(start, end + 1);
          record.contentBytes = slice.length;
          sendMaybeTruncated(slice.length < blob.bytes.length ? 206 : 200, slice, {
            'content-type': 'application/vnd.github.raw; charset=utf-8',
            ...(slice.length < blob.bytes.length ? { 'content-range': `bytes ${start}-${end}/${blob.bytes.length}` } : {}),
          });
          return;
        }
        record.contentBytes = blob.bytes.length;
        sendMaybeTruncated(200, blob.bytes, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
        return;
      }
      record.contentBytes = blob.bytes.length;
      sendMaybeTruncated(200, JSON.stringify({ sha: blob.sha, size: blob.bytes.length, encoding: 'base64', content: blob.bytes.toString('base64') }), {
        'content-type': 'application/json; charset=utf-8',
      });
      return;
    }
    send(404, { message: 'Not Found' });
  }

  function answerGraphql(query: string): unknown {
    const data: Record<string, unknown> = {};
    const errors: unknown[] = [];
    // As GitHub does: a query with a fragment it never spreads is refused whole.
    for (const [, name] of query.matchAll(/^fragment (\w+) on /gm)) {
      if (!query.includes(`...${name} `)) return { errors: [{ message: `Fragment ${name} was defined, but not used` }] };
    }
    for (const field of topLevelRepositoryFields(query)) {
      const repo = repository(field.owner, field.name);
      if (!repo) {
        data[field.alias] = null;
        errors.push({
          type: 'NOT_FOUND',
          path: [field.alias],
          locations: [{ line: 1, column: 1 }],
          message: `Could not resolve to a Repository with the name '${field.owner}/${field.name}'.`,
        });
        continue;
      }
      const value: Record<string, unknown> = {};
      if (/\bnameWithOwner\b/.test(field.body)) value.nameWithOwner = `${field.owner}/${field.name}`;
      if (/\bisPrivate\b/.test(field.body)) value.isPrivate = repo.isPrivate;
      for (const object of field.body.matchAll(/(\w+): object\((oid|expression): ("(?:[^"\\]|\\.)*")\) \{ \.\.\.(\w+) \}/g)) {
        const [, alias = '', by, literal = '""', fragment] = object;
        const argument = JSON.parse(literal) as string;
        if (fragment === 'DpgCheckBlob' && by === 'oid') {
          const blob = repo.blobs.get(argument);
          const binary = blob ? blob.bytes.subarray(0, 8000).includes(0) : false;
          value[alias] = blob
            ? { oid: blob.sha, byteSize: blob.bytes.length, isBinary: binary, isTruncated: false, text: binary ? null : blob.bytes.toString('utf8') }
            : null;
        } else if (fragment === 'DpgCheckCommit' && by === 'expression') {
          const resolved = resolve(repo, argument);
          value[alias] = resolved ? { oid: resolved.commit, tree: { oid: resolved.tree } } : null;
        } else if (/^DpgCheckTree\d+$/.test(fragment ?? '')) {
          // The batch audit's nested listings: a tree by id, or `REV:` / `REV:folder`, N levels deep.
          const depth = Number((fragment as string).slice('DpgCheckTree'.length));
          let treeSha: string | undefined;
          if (by === 'oid') treeSha = repo.trees.has(argument) ? argument : undefined;
          else {
            const [ref = '', folder = ''] = argument.split(/:(.*)/s);
            treeSha = resolve(repo, ref) ? repo.treeOfFolder.get(folder.replace(/\/+$/, '')) : undefined;
          }
          const nested = (sha: string, level: number): unknown => ({
            oid: sha,
            entries: (repo.trees.get(sha) ?? []).map((entry) => ({
              name: entry.name,
              type: entry.type,
              mode: parseInt(entry.mode, 8),
              oid: entry.sha,
              size: entry.type === 'blob' ? (repo.blobs.get(entry.sha)?.bytes.length ?? 0) : 0,
              ...(level > 1 ? { object: entry.type === 'tree' ? nested(entry.sha, level - 1) : {} } : {}),
            })),
          });
          value[alias] = treeSha ? nested(treeSha, depth) : null;
        } else if (fragment === 'DpgCheckTree' && by === 'expression') {
          const [ref = '', folder = ''] = argument.split(/:(.*)/s);
          const resolved = resolve(repo, ref);
          const treeSha = resolved ? repo.treeOfFolder.get(folder) : undefined;
          value[alias] = treeSha ? { entries: (repo.trees.get(treeSha) ?? []).map((entry) => ({ name: entry.name, type: entry.type, oid: entry.sha })) } : null;
        } else {
          throw new Error(`fake-github does not know the field ${object[0]}`);
        }
      }
      data[field.alias] = value;
    }
    if (/\brateLimit \{/.test(query)) data.rateLimit = { cost: 1, remaining: remaining, resetAt: new Date(Date.now() + 3600_000).toISOString() };
    return errors.length > 0 ? { data, errors } : { data };
  }

  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}${prefix}`,
    requests,
    inject: (rule) => faults.push({ ...rule }),
    clearFaults: () => faults.splice(0),
    requestsFor: (repositoryName) =>
      requests.filter((entry) =>
        entry.kind === 'graphql'
          ? (entry.repositories ?? []).some((name) => name.toLowerCase() === repositoryName.toLowerCase())
          : entry.path.toLowerCase().startsWith(`${prefix}/repos/${repositoryName.toLowerCase()}/`),
      ),
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolveClose());
      }),
  };
}

function statSafe(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > 4 * 1024 * 1024) request.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The top-level `alias: repository(owner: "…", name: "…") { … }` fields of a query, with their bodies. */
function topLevelRepositoryFields(query: string): Array<{ alias: string; owner: string; name: string; body: string }> {
  const fields: Array<{ alias: string; owner: string; name: string; body: string }> = [];
  const pattern = /(\w+): repository\(owner: ("(?:[^"\\]|\\.)*"), name: ("(?:[^"\\]|\\.)*")\) \{/g;
  for (const match of query.matchAll(pattern)) {
    const start = (match.index ?? 0) + match[0].length;
    let depth = 1;
    let index = start;
    let inString = false;
    for (; index < query.length && depth > 0; index++) {
      const character = query[index];
      if (inString) {
        if (character === '\\') index++;
        else if (character === '"') inString = false;
      } else if (character === '"') inString = true;
      else if (character === '{') depth++;
      else if (character === '}') depth--;
    }
    fields.push({
      alias: match[1] as string,
      owner: JSON.parse(match[2] as string),
      name: JSON.parse(match[3] as string),
      body: query.slice(start, index - 1),
    });
  }
  return fields;
}
