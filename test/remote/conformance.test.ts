/**
 * Conformance of every GitHub API call the tool makes with what GitHub itself publishes, instead of
 * with the project's own fake (test/support/fake-github.ts):
 *
 * - GraphQL: every kind of document the tool sends, built through its own functions, validated against
 *   GitHub's schema (npm `@octokit/graphql-schema`); and every document the sources really send in a
 *   run, validated as it arrives.
 * - REST: the routes found by a scan of src/ must be the routes listed here; each exists in GitHub's
 *   OpenAPI descriptions (npm `@octokit/openapi`: api.github.com, GHEC and the GHES versions it ships),
 *   and every request sent in a run is matched against its operation: query parameters known, values
 *   within the documented enums and limits, media types documented.
 * - Answers: a local server on 127.0.0.1 answers GraphQL by executing the query against GitHub's
 *   schema (so each answer has exactly the shape GitHub's would), and REST with bodies checked against
 *   the OpenAPI response schemas. Recorded real answers from npm `@octokit/fixtures` are replayed where
 *   one fits (a raw file, a renamed repository's 301); where none fits, an answer is made by hand from
 *   the OpenAPI `examples` of the operation, and the test says so.
 *
 * No network beyond 127.0.0.1. The large description files are read directly (not through
 * `@octokit/openapi`'s index, which would load every variant, ~400 MB).
 */
import { filesToPrefetch } from '../../src/facts/read-plan.js';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { schema as githubGraphqlSchema, validate } from '@octokit/graphql-schema';
import { Ajv, type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { buildClientSchema, execute, GraphQLError, Kind, parse, visit, type ExecutionResult, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOwnerRepositories } from '../../src/audit/inputs.js';
import { checkSource } from '../../src/check.js';
import type { Report } from '../../src/report/types.js';
import { createGitHubSession, type GitHubSession } from '../../src/source/github-batch.js';
import { createGitHubClient, GitHubIncompleteError } from '../../src/source/github-http.js';
import { composeQuery, MAX_TREE_DEPTH, ownerCommunityFragment, repositoryFragment, revisionFragment, subtreesFragment } from '../../src/source/github-query.js';
import { GitHubSource } from '../../src/source/github.js';
import { isFileText } from '../../src/source/types.js';
import { REPO_ROOT } from '../support/cli.js';
import { FIXTURES, summarise } from './helpers.js';

// ---------------------------------------------------------------------------------------------------
// GitHub's descriptions
// ---------------------------------------------------------------------------------------------------

const NODE_MODULES = path.join(REPO_ROOT, 'node_modules');
const OPENAPI_DIR = path.join(NODE_MODULES, '@octokit/openapi/generated');
const FIXTURES_DIR = path.join(NODE_MODULES, '@octokit/fixtures/scenarios/api.github.com');

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: { type?: string; enum?: string[]; default?: unknown; maximum?: number };
  'x-multi-segment'?: boolean;
  $ref?: string;
}

interface OpenApiOperation {
  operationId: string;
  description?: string;
  parameters?: OpenApiParameter[];
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown; examples?: Record<string, { $ref?: string; value?: unknown }> }> }>;
}

interface OpenApiDocument {
  info: { version: string };
  paths: Record<string, Record<string, OpenApiOperation | OpenApiParameter[]>>;
  components: {
    parameters: Record<string, OpenApiParameter>;
    schemas: Record<string, unknown>;
    examples: Record<string, { value: unknown }>;
    responses: Record<string, unknown>;
  };
}

/** An operation with its parameters resolved, and a matcher for request paths. */
interface Operation {
  method: string;
  template: string;
  operationId: string;
  parameters: OpenApiParameter[];
  description: string;
  raw: OpenApiOperation;
  pattern: RegExp;
  pathParams: string[];
}

function loadOpenApi(file: string): OpenApiDocument {
  return JSON.parse(readFileSync(path.join(OPENAPI_DIR, file), 'utf8')) as OpenApiDocument;
}

function operationsOf(document: OpenApiDocument): Operation[] {
  const resolve = (parameter: OpenApiParameter): OpenApiParameter => {
    if (!parameter.$ref) return parameter;
    const name = parameter.$ref.replace('#/components/parameters/', '');
    const found = document.components.parameters[name];
    if (!found) throw new Error(`unresolved parameter ${parameter.$ref}`);
    return found;
  };
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    const shared = ((item.parameters ?? []) as OpenApiParameter[]).map(resolve);
    for (const [method, value] of Object.entries(item)) {
      if (method === 'parameters') continue;
      const raw = value as OpenApiOperation;
      const parameters = [...shared, ...(raw.parameters ?? []).map(resolve)];
      const pathParams: string[] = [];
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
        pathParams.push(name);
        const multi = parameters.some((parameter) => parameter.name === name && parameter['x-multi-segment']);
        return multi ? '(.+)' : '([^/]+)';
      });
      operations.push({
        method: method.toUpperCase(),
        template,
        operationId: raw.operationId,
        parameters,
        description: raw.description ?? '',
        raw,
        pattern: new RegExp(`^${source}$`),
        pathParams,
      });
    }
  }
  return operations;
}

/** `GET /orgs/{owner}/repos` and `GET /orgs/{org}/repos` are the same route on the wire. */
function shapeOf(route: string): string {
  return route.replace(/\{[^}]+\}/g, '{}');
}

/** The operation a request goes to: the one whose template matches with the fewest parameters. */
function findOperation(
  operations: readonly Operation[],
  method: string,
  pathname: string,
): { operation: Operation; params: Record<string, string> } | undefined {
  const candidates = operations
    .filter((operation) => operation.method === method)
    .map((operation) => ({ operation, match: operation.pattern.exec(pathname) }))
    .filter((candidate): candidate is { operation: Operation; match: RegExpExecArray } => candidate.match !== null)
    .sort((a, b) => a.operation.pathParams.length - b.operation.pathParams.length);
  const best = candidates[0];
  if (!best) return undefined;
  const params: Record<string, string> = {};
  best.operation.pathParams.forEach((name, index) => {
    params[name] = decodeURIComponent(best.match[index + 1] as string);
  });
  return { operation: best.operation, params };
}

const API = loadOpenApi('api.github.com.json');
const API_OPERATIONS = operationsOf(API);
/** The other descriptions the package ships: GitHub Enterprise Cloud and each GitHub Enterprise Server. */
const OTHER_DESCRIPTIONS = readdirSync(OPENAPI_DIR)
  .filter((file) => file.endsWith('.json') && !file.endsWith('.deref.json') && file !== 'api.github.com.json')
  .sort();

const GRAPHQL_SCHEMA = buildClientSchema(githubGraphqlSchema.json as unknown as IntrospectionQuery);

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: 'github', components: { schemas: API.components.schemas } });
const responseValidators = new Map<string, ValidateFunction>();

/** The JSON schema of an operation's 200 answer, with its references into the description. */
function responseValidator(operation: Operation): ValidateFunction | undefined {
  const cached = responseValidators.get(operation.operationId);
  if (cached) return cached;
  const schema = operation.raw.responses['200']?.content?.['application/json']?.schema;
  if (!schema) return undefined;
  const rewritten = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"github#/components/schemas/')) as object;
  const compiled = ajv.compile(rewritten);
  responseValidators.set(operation.operationId, compiled);
  return compiled;
}

function example(name: string): unknown {
  const found = API.components.examples[name];
  if (!found) throw new Error(`no example ${name} in the OpenAPI description`);
  return structuredClone(found.value);
}

/** One recorded exchange of an `@octokit/fixtures` scenario, as recorded (raw-fixture.json). */
interface RecordedExchange {
  method: string;
  path: string;
  status: number;
  response: unknown;
  rawHeaders: string[];
}

function recordedScenario(name: string): RecordedExchange[] {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, name, 'raw-fixture.json'), 'utf8')) as RecordedExchange[];
}

function recordedHeaders(exchange: RecordedExchange): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let index = 0; index + 1 < exchange.rawHeaders.length; index += 2)
    headers[(exchange.rawHeaders[index] as string).toLowerCase()] = exchange.rawHeaders[index + 1] as string;
  // Hop-by-hop and length headers belong to the original connection, not to the answer.
  for (const name of ['connection', 'content-length', 'transfer-encoding', 'content-encoding']) delete headers[name];
  return headers;
}

// ---------------------------------------------------------------------------------------------------
// A repository as git stores it (real object ids), for the answers
// ---------------------------------------------------------------------------------------------------

type GitObject =
  | { kind: 'blob'; oid: string; bytes: Buffer }
  | { kind: 'tree'; oid: string; entries: Array<{ name: string; mode: string; oid: string }> }
  | { kind: 'commit'; oid: string; tree: string }
  | { kind: 'tag'; oid: string; target: string };

interface ModelRepository {
  owner: string;
  name: string;
  id: number;
  isPrivate: boolean;
  objects: Map<string, GitObject>;
  /** `HEAD`, branch and tag names → commit or tag object id. */
  refs: Map<string, string>;
}

interface FileSpec {
  bytes: Buffer;
  /** `100644`, `100755` or `120000` (a symbolic link, whose bytes are the target). */
  mode?: string;
}

function gitHash(type: string, body: Buffer): string {
  return createHash('sha1').update(`${type} ${body.length}\0`).update(body).digest('hex');
}

function writeTree(objects: Map<string, GitObject>, files: ReadonlyArray<[string, FileSpec]>): string {
  const entries: Array<{ name: string; mode: string; oid: string }> = [];
  const folders = new Map<string, Array<[string, FileSpec]>>();
  for (const [file, spec] of files) {
    const slash = file.indexOf('/');
    if (slash < 0) {
      const oid = gitHash('blob', spec.bytes);
      objects.set(oid, { kind: 'blob', oid, bytes: spec.bytes });
      entries.push({ name: file, mode: spec.mode ?? '100644', oid });
    } else {
      const folder = file.slice(0, slash);
      folders.set(folder, [...(folders.get(folder) ?? []), [file.slice(slash + 1), spec]]);
    }
  }
  for (const [folder, inside] of folders) entries.push({ name: folder, mode: '040000', oid: writeTree(objects, inside) });
  const key = (entry: { name: string; mode: string }): Buffer => Buffer.from(entry.mode === '040000' ? `${entry.name}/` : entry.name);
  entries.sort((a, b) => Buffer.compare(key(a), key(b)));
  const body = Buffer.concat(
    entries.map((entry) => Buffer.concat([Buffer.from(`${entry.mode.replace(/^0/, '')} ${entry.name}\0`), Buffer.from(entry.oid, 'hex')])),
  );
  const oid = gitHash('tree', body);
  objects.set(oid, { kind: 'tree', oid, entries });
  return oid;
}

let nextRepositoryId = 1000;

function modelRepository(
  fullName: string,
  files: Record<string, string | FileSpec>,
  options: { isPrivate?: boolean; branches?: string[] } = {},
): ModelRepository {
  const [owner, name] = fullName.split('/') as [string, string];
  const objects = new Map<string, GitObject>();
  const tree = writeTree(
    objects,
    Object.entries(files).map(([file, spec]) => [file, typeof spec === 'string' ? { bytes: Buffer.from(spec) } : spec]),
  );
  const commit = gitHash(
    'commit',
    Buffer.from(`tree ${tree}\nauthor Octo <octo@example.com> 1700000000 +0000\ncommitter Octo <octo@example.com> 1700000000 +0000\n\nfixture\n`),
  );
  objects.set(commit, { kind: 'commit', oid: commit, tree });
  const tag = gitHash('tag', Buffer.from(`object ${commit}\ntype commit\ntag v1.0.0\ntagger Octo <octo@example.com> 1700000000 +0000\n\nrelease\n`));
  objects.set(tag, { kind: 'tag', oid: tag, target: commit });
  const refs = new Map<string, string>([
    ['HEAD', commit],
    ['main', commit],
    ['v1.0.0', tag],
  ]);
  for (const branch of options.branches ?? []) refs.set(branch, commit);
  return { owner, name, id: nextRepositoryId++, isPrivate: options.isPrivate ?? false, objects, refs };
}

function folderFiles(folder: string): Record<string, FileSpec> {
  const files: Record<string, FileSpec> = {};
  const visit = (relative: string): void => {
    for (const name of readdirSync(path.join(folder, relative)).sort()) {
      if (name === '.git') continue;
      const child = relative === '' ? name : `${relative}/${name}`;
      const info = lstatSync(path.join(folder, child));
      if (info.isDirectory()) visit(child);
      else if (info.isSymbolicLink()) files[child] = { bytes: Buffer.from(readlinkSync(path.join(folder, child))), mode: '120000' };
      else files[child] = { bytes: readFileSync(path.join(folder, child)), mode: info.mode & 0o111 ? '100755' : '100644' };
    }
  };
  visit('');
  return files;
}

/** The object a revision names (a ref, or an object id), or undefined. */
function revisionObject(repository: ModelRepository, revision: string): GitObject | undefined {
  const oid = repository.refs.get(revision) ?? (/^[0-9a-f]{40}$/.test(revision) ? revision : undefined);
  return oid ? repository.objects.get(oid) : undefined;
}

function peelToTree(repository: ModelRepository, object: GitObject | undefined): Extract<GitObject, { kind: 'tree' }> | undefined {
  for (let hop = 0; object && hop < 4; hop++) {
    if (object.kind === 'tree') return object;
    if (object.kind === 'blob') return undefined;
    object = repository.objects.get(object.kind === 'commit' ? object.tree : object.target);
  }
  return undefined;
}

/** git's `REV`, `REV:` and `REV:path`. */
function resolveExpression(repository: ModelRepository, expression: string): GitObject | undefined {
  const colon = expression.indexOf(':');
  if (colon < 0) return revisionObject(repository, expression);
  let object: GitObject | undefined = peelToTree(repository, revisionObject(repository, expression.slice(0, colon)));
  for (const part of expression
    .slice(colon + 1)
    .split('/')
    .filter(Boolean)) {
    if (object?.kind !== 'tree') return undefined;
    const entry: { oid: string } | undefined = object.entries.find((candidate) => candidate.name === part);
    object = entry ? repository.objects.get(entry.oid) : undefined;
  }
  return object;
}

// ---------------------------------------------------------------------------------------------------
// The conformance server: checks each request against the descriptions, answers in their shapes
// ---------------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
}

interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The OpenAPI operation (`git/get-tree`), or `graphql`. */
  operation?: string;
  /** The route template as GitHub's description writes it. */
  template?: string;
  status: number;
  /** A request that reached the repository through a renamed repository's redirect. */
  redirected?: boolean;
}

interface IncomingRequest {
  method: string;
  pathname: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

type Route = { kind: 'graphql' } | { kind: 'unknown' } | { kind: 'rest'; operation: Operation; params: Record<string, string>; pathname: string };

interface OrgRepositorySpec {
  name: string;
  fork?: boolean;
  archived?: boolean;
  private?: boolean;
}

interface ServerOptions {
  /** `/api/v3` to stand as GitHub Enterprise Server (GraphQL then at /api/graphql). */
  prefix?: '' | '/api/v3';
  /** Old `owner/name` → the repository it was renamed to (GitHub answers 301 under the old name). */
  renames?: Record<string, string>;
  orgs?: Record<string, OrgRepositorySpec[]>;
  users?: Record<string, OrgRepositorySpec[]>;
  /** Answers before the model's: a recorded answer, a fault. */
  override?: (request: IncomingRequest) => Answer | undefined;
}

const DOCS = 'https://docs.github.com/rest';
const RATE_HEADERS = {
  'x-ratelimit-limit': '5000',
  'x-ratelimit-remaining': '4999',
  'x-ratelimit-used': '1',
  'x-ratelimit-resource': 'core',
  'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
};
/** Media types every REST operation answers (the default representation). */
const DEFAULT_MEDIA_TYPES = ['application/vnd.github.v3+json', 'application/vnd.github+json', 'application/json', '*/*'];

class ConformanceGitHub {
  readonly requests: RecordedRequest[] = [];
  /** What did not conform: a request GitHub's descriptions do not describe, or an answer off its schema. */
  readonly violations: string[] = [];
  /** Every GraphQL document received. */
  readonly documents: string[] = [];
  apiUrl = '';
  private origin = '';
  private readonly repositories = new Map<string, ModelRepository>();
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((request, response) => void this.handle(request, response));

  constructor(readonly options: ServerOptions = {}) {
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  add(...repositories: ModelRepository[]): this {
    for (const repository of repositories) this.repositories.set(`${repository.owner}/${repository.name}`.toLowerCase(), repository);
    return this;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.apiUrl = `${this.origin}${this.options.prefix ?? ''}`;
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private repository(owner: string, name: string, followRenames = true): ModelRepository | { renamedTo: ModelRepository } | undefined {
    const key = `${owner}/${name}`.toLowerCase();
    const found = this.repositories.get(key);
    if (found) return found;
    const target = Object.entries(this.options.renames ?? {}).find(([old]) => old.toLowerCase() === key)?.[1];
    const renamed = followRenames && target ? this.repositories.get(target.toLowerCase()) : undefined;
    return renamed ? { renamedTo: renamed } : undefined;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', this.origin);
    const incoming: IncomingRequest = {
      method: request.method ?? 'GET',
      pathname: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: Buffer.concat(chunks),
    };
    const recorded: RecordedRequest = {
      method: incoming.method,
      path: `${url.pathname}${url.search}`,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)])),
      status: 0,
    };
    this.requests.push(recorded);
    for (const name of Object.keys(recorded.headers)) {
      if (name.startsWith('x-dpg-check')) this.violations.push(`${recorded.method} ${recorded.path}: the internal header ${name} reached GitHub`);
    }
    let answer: Answer;
    try {
      const route = this.classify(incoming, recorded);
      answer = this.options.override?.(incoming) ?? this.answer(incoming, recorded, route);
    } catch (error) {
      this.violations.push(`${recorded.method} ${recorded.path}: the test server failed: ${(error as Error).stack}`);
      answer = { status: 500, body: { message: 'test server error' } };
    }
    recorded.status = answer.status;
    const body =
      answer.body === undefined
        ? Buffer.alloc(0)
        : Buffer.isBuffer(answer.body)
          ? answer.body
          : typeof answer.body === 'string'
            ? Buffer.from(answer.body)
            : Buffer.from(JSON.stringify(answer.body));
    const headers: Record<string, string> = {
      ...RATE_HEADERS,
      ...(typeof answer.body === 'object' && !Buffer.isBuffer(answer.body) ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      ...answer.headers,
      'content-length': String(body.length),
    };
    response.writeHead(answer.status, headers);
    response.end(body);
  }

  /**
   * Which of GitHub's operations a request is (GraphQL, or the OpenAPI operation its path matches),
   * checked against the description. Every request is classified, also those a test answers itself.
   */
  private classify(request: IncomingRequest, recorded: RecordedRequest): Route {
    const prefix = this.options.prefix ?? '';
    const graphqlPath = prefix === '/api/v3' ? '/api/graphql' : '/graphql';
    if (request.method === 'POST' && request.pathname === graphqlPath) {
      recorded.operation = 'graphql';
      return { kind: 'graphql' };
    }
    if (!request.pathname.startsWith(`${prefix}/`)) {
      this.violations.push(`${recorded.method} ${recorded.path}: not under the API's base URL ${prefix || '/'}`);
      return { kind: 'unknown' };
    }
    let pathname = request.pathname.slice(prefix.length);
    // `/repositories/ID/...` is where GitHub's redirects for renamed repositories point.
    const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(pathname);
    if (byId) {
      const repository = [...this.repositories.values()].find((candidate) => String(candidate.id) === byId[1]);
      if (!repository) return { kind: 'unknown' };
      pathname = `/repos/${repository.owner}/${repository.name}${byId[2] ?? ''}`;
      recorded.redirected = true;
    }
    const found = findOperation(API_OPERATIONS, request.method, pathname);
    if (!found) {
      this.violations.push(`${recorded.method} ${recorded.path}: no such route in GitHub's REST description`);
      return { kind: 'unknown' };
    }
    recorded.operation = found.operation.operationId;
    recorded.template = `${found.operation.method} ${found.operation.template}`;
    this.checkRequest(found.operation, request, recorded);
    return { kind: 'rest', operation: found.operation, params: found.params, pathname };
  }

  private answer(request: IncomingRequest, recorded: RecordedRequest, route: Route): Answer {
    if (route.kind === 'graphql') return this.graphql(request);
    if (route.kind === 'unknown') return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
    const { operation, params, pathname } = route;
    if ('owner' in params && 'repo' in params) {
      const repository = this.repository(params.owner as string, params.repo as string);
      if (!repository) return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
      if ('renamedTo' in repository) return this.movedPermanently(repository.renamedTo, pathname.replace(/^\/repos\/[^/]+\/[^/]+/, ''), request.query);
      return this.checkAnswer(operation, this.repositoryAnswer(operation.operationId, repository, params, request));
    }
    if (operation.operationId === 'repos/list-for-org' || operation.operationId === 'repos/list-for-user') {
      const owner = (params.org ?? params.username) as string;
      const list = operation.operationId === 'repos/list-for-org' ? this.options.orgs?.[owner] : (this.options.users?.[owner] ?? this.options.orgs?.[owner]);
      if (!list) return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
      const perPage = Number(request.query.get('per_page') ?? 30);
      const page = Number(request.query.get('page') ?? 1);
      const template = (example('minimal-repository-items') as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
      const body = list.slice((page - 1) * perPage, page * perPage).map((entry, index) => ({
        ...template,
        id: 5000 + (page - 1) * perPage + index,
        name: entry.name,
        full_name: `${owner}/${entry.name}`,
        fork: entry.fork ?? false,
        archived: entry.archived ?? false,
        private: entry.private ?? false,
      }));
      return this.checkAnswer(operation, { status: 200, body });
    }
    this.violations.push(`${recorded.method} ${recorded.path}: ${operation.operationId} is a GitHub route this test does not answer yet`);
    return { status: 501, body: { message: 'not served by the conformance test' } };
  }

  /** What GitHub's description says this request may carry: known query parameters, values in range, a documented media type. */
  private checkRequest(operation: Operation, request: IncomingRequest, recorded: RecordedRequest): void {
    const where = `${recorded.method} ${recorded.path} (${operation.operationId})`;
    for (const [name, value] of request.query) {
      const parameter = operation.parameters.find((candidate) => candidate.in === 'query' && candidate.name === name);
      if (!parameter) {
        this.violations.push(`${where}: query parameter "${name}" is not a parameter of the operation`);
        continue;
      }
      const schema = parameter.schema ?? {};
      if (schema.enum && !schema.enum.includes(value)) this.violations.push(`${where}: ${name}=${value} is not one of ${schema.enum.join(', ')}`);
      if (schema.type === 'integer' && !/^\d+$/.test(value)) this.violations.push(`${where}: ${name}=${value} is not an integer`);
      const max = schema.maximum ?? Number(/\(max (\d+)\)/.exec(parameter.description ?? '')?.[1] ?? Number.POSITIVE_INFINITY);
      if (schema.type === 'integer' && Number(value) > max) this.violations.push(`${where}: ${name}=${value} is over the documented maximum ${max}`);
    }
    for (const parameter of operation.parameters) {
      if (parameter.in === 'query' && parameter.required && !request.query.has(parameter.name))
        this.violations.push(`${where}: the required query parameter "${parameter.name}" is missing`);
    }
    const accept = String(request.headers.accept ?? '*/*');
    const documented = Object.keys(operation.raw.responses['200']?.content ?? {});
    for (const mediaType of accept.split(',').map((part) => (part.split(';')[0] as string).trim())) {
      if (DEFAULT_MEDIA_TYPES.includes(mediaType) || documented.includes(mediaType) || operation.description.includes(`\`${mediaType}\``)) continue;
      this.violations.push(`${where}: the media type ${mediaType} is not documented for the operation`);
    }
  }

  private checkAnswer(operation: Operation, answer: Answer): Answer {
    if (answer.status !== 200 || typeof answer.body !== 'object' || Buffer.isBuffer(answer.body)) return answer;
    const check = responseValidator(operation);
    if (check && !check(answer.body))
      this.violations.push(`the test's own ${operation.operationId} answer is off GitHub's schema: ${ajv.errorsText(check.errors)}`);
    return answer;
  }

  /** The recorded 301 of `@octokit/fixtures`' rename-repository scenario, moved onto this server (the path is kept, as GitHub does). */
  private movedPermanently(repository: ModelRepository, rest: string, query: URLSearchParams): Answer {
    const recorded = recordedScenario('rename-repository').find((exchange) => exchange.method === 'get' && exchange.status === 301);
    if (!recorded) throw new Error('the rename-repository scenario has no recorded 301');
    const search = query.toString();
    const location = `${this.apiUrl}/repositories/${repository.id}${rest}${search ? `?${search}` : ''}`;
    const body = { ...(recorded.response as Record<string, string>), url: location };
    return { status: 301, headers: { ...recordedHeaders(recorded), location }, body: JSON.stringify(body) };
  }

  private repositoryAnswer(operationId: string, repository: ModelRepository, params: Record<string, string>, request: IncomingRequest): Answer {
    const accept = String(request.headers.accept ?? '');
    if (operationId === 'repos/get-commit') {
      let object = revisionObject(repository, params.ref as string);
      if (object?.kind === 'tag') object = repository.objects.get(object.target);
      if (object?.kind !== 'commit')
        return { status: 422, body: { message: `No commit found for SHA: ${params.ref}`, documentation_url: DOCS, status: '422' } };
      if (accept.includes('application/vnd.github.sha'))
        return { status: 200, headers: { 'content-type': 'application/vnd.github.sha; charset=utf-8' }, body: object.oid };
      return { status: 200, body: { sha: object.oid } };
    }
    if (operationId === 'git/get-tree') {
      const named = revisionObject(repository, params.tree_sha as string);
      const tree = peelToTree(repository, named);
      if (!tree) return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
      const recursive = request.query.has('recursive');
      const listing: Array<Record<string, unknown>> = [];
      const walk = (object: Extract<GitObject, { kind: 'tree' }>, prefix: string): void => {
        for (const entry of object.entries) {
          const child = repository.objects.get(entry.oid) as GitObject;
          const type = child.kind === 'tree' ? 'tree' : 'blob';
          const base = `${this.apiUrl}/repos/${repository.owner}/${repository.name}/git/${type}s/${entry.oid}`;
          listing.push({
            path: `${prefix}${entry.name}`,
            mode: entry.mode,
            type,
            sha: entry.oid,
            ...(child.kind === 'blob' ? { size: child.bytes.length } : {}),
            url: base,
          });
          if (recursive && child.kind === 'tree') walk(child, `${prefix}${entry.name}/`);
        }
      };
      walk(tree, '');
      return {
        status: 200,
        body: { sha: tree.oid, url: `${this.apiUrl}/repos/${repository.owner}/${repository.name}/git/trees/${tree.oid}`, tree: listing, truncated: false },
      };
    }
    if (operationId === 'git/get-blob') {
      const blob = repository.objects.get(params.file_sha as string);
      if (blob?.kind !== 'blob') return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
      if (accept.includes('application/vnd.github.raw'))
        return { status: 200, headers: { 'content-type': 'application/vnd.github.raw+json; charset=utf-8' }, body: blob.bytes };
      return {
        status: 200,
        body: {
          sha: blob.oid,
          node_id: 'B_test',
          size: blob.bytes.length,
          url: `${this.apiUrl}/repos/${repository.owner}/${repository.name}/git/blobs/${blob.oid}`,
          content: blob.bytes.toString('base64'),
          encoding: 'base64',
        },
      };
    }
    this.violations.push(`${operationId} is a GitHub route this test does not answer yet`);
    return { status: 501, body: { message: 'not served by the conformance test' } };
  }

  /** GraphQL: the document validated against GitHub's schema, then executed against it. */
  private graphql(request: IncomingRequest): Answer {
    let query: string;
    try {
      query = String((JSON.parse(request.body.toString('utf8')) as { query?: unknown }).query ?? '');
    } catch {
      this.violations.push('POST /graphql: the body is not JSON');
      return { status: 400, body: { message: 'Problems parsing JSON' } };
    }
    this.documents.push(query);
    const errors = validate(query);
    if (errors.length > 0) {
      this.violations.push(`POST /graphql: GitHub's schema rejects the document: ${errors.map((error) => error.message).join('; ')}`);
      return { status: 200, body: { errors: errors.map((error) => ({ message: error.message, locations: error.locations })) } };
    }
    const result = execute({ schema: GRAPHQL_SCHEMA, document: parse(query), rootValue: this.graphqlRoot() }) as ExecutionResult;
    return {
      status: 200,
      body: {
        data: result.data ?? null,
        ...(result.errors?.length
          ? { errors: result.errors.map((error) => ({ type: error.extensions.type, path: error.path, locations: error.locations, message: error.message })) }
          : {}),
      },
    };
  }

  private graphqlRoot(): Record<string, unknown> {
    const gitObject = (repository: ModelRepository, object: GitObject | undefined): Record<string, unknown> | null => {
      if (!object) return null;
      switch (object.kind) {
        case 'blob': {
          const isBinary = object.bytes.includes(0);
          return {
            __typename: 'Blob',
            oid: object.oid,
            byteSize: object.bytes.length,
            isBinary,
            isTruncated: false,
            text: isBinary ? null : object.bytes.toString('utf8'),
          };
        }
        case 'tree':
          return {
            __typename: 'Tree',
            oid: object.oid,
            entries: () =>
              object.entries.map((entry) => {
                const child = repository.objects.get(entry.oid) as GitObject;
                return {
                  name: entry.name,
                  type: child.kind,
                  mode: Number.parseInt(entry.mode, 8),
                  oid: entry.oid,
                  size: child.kind === 'blob' ? child.bytes.length : 0,
                  object: () => gitObject(repository, child),
                };
              }),
          };
        case 'commit':
          return { __typename: 'Commit', oid: object.oid, tree: () => gitObject(repository, repository.objects.get(object.tree)) };
        case 'tag':
          return { __typename: 'Tag', oid: object.oid, target: () => gitObject(repository, repository.objects.get(object.target)) };
      }
    };
    return {
      repository: ({ owner, name, followRenames }: { owner: string; name: string; followRenames?: boolean }) => {
        let repository = this.repository(owner, name, followRenames !== false);
        if (repository && 'renamedTo' in repository) repository = repository.renamedTo;
        if (!repository) throw new GraphQLError(`Could not resolve to a Repository with the name '${owner}/${name}'.`, { extensions: { type: 'NOT_FOUND' } });
        const found = repository;
        return {
          nameWithOwner: `${found.owner}/${found.name}`,
          isPrivate: found.isPrivate,
          object: ({ expression, oid }: { expression?: string; oid?: string }) =>
            gitObject(found, oid !== undefined ? found.objects.get(oid) : resolveExpression(found, expression ?? '')),
        };
      },
      rateLimit: { cost: 1, remaining: 4999, limit: 5000, used: 1, nodeCount: 1, resetAt: new Date(Date.now() + 3_600_000).toISOString() },
    };
  }
}

// ---------------------------------------------------------------------------------------------------
// Sources pointed at a server
// ---------------------------------------------------------------------------------------------------

const TOKEN = 'conformance-token';
const MAX_FILE_BYTES = 512 * 1024;

function gitHubSource(server: ConformanceGitHub, fullName: string, options: { token?: boolean; ref?: string; session?: GitHubSession } = {}): GitHubSource {
  const [owner, repo] = fullName.split('/') as [string, string];
  return new GitHubSource({
    owner,
    repo,
    ...(options.ref !== undefined ? { ref: options.ref } : {}),
    display: `github:${fullName}`,
    ...(options.token || options.session ? { token: TOKEN } : {}),
    apiUrl: options.session?.apiUrl ?? server.apiUrl,
    webOrigin: 'https://github.com',
    timeoutMs: 10_000,
    onRateLimit: 'fail',
    retries: 0,
    maxFileBytes: MAX_FILE_BYTES,
    ...(options.session ? { session: options.session } : {}),
    readPlan: filesToPrefetch,
  });
}

function batchSession(server: ConformanceGitHub, treeDepth: number): GitHubSession {
  return createGitHubSession({
    apiUrl: server.apiUrl,
    token: TOKEN,
    timeoutMs: 10_000,
    onRateLimit: 'fail',
    concurrency: 4,
    batchSize: 20,
    retries: 0,
    treeDepth,
    batchDelayMs: 5,
    graphqlMinTimeMs: 1,
  });
}

async function check(source: GitHubSource): Promise<Report> {
  try {
    return await checkSource(source);
  } finally {
    await source.dispose();
  }
}

async function failure(promise: Promise<unknown>): Promise<GitHubIncompleteError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GitHubIncompleteError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

/** The argument values of a document, by argument name (`owner`, `name`, `expression`, `oid`). */
function argumentValues(document: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  visit(parse(document), {
    Argument(node) {
      if (node.value.kind === Kind.STRING) values.set(node.name.value, [...(values.get(node.name.value) ?? []), node.value.value]);
    },
  });
  return values;
}

function schemaErrors(document: string): string[] {
  return validate(document).map((error) => error.message);
}

// ---------------------------------------------------------------------------------------------------
// What the tool sends, found by scanning src/
// ---------------------------------------------------------------------------------------------------

/**
 * Every REST route the tool names, as its source writes it, with the operation GitHub's description
 * has for it. A new route in src/ fails the scan test until it is listed here (and exercised below).
 */
const REST_ROUTES: Record<
  string,
  { operationId: string /** Path parameter names the tool writes differently from GitHub (same position, same URL). */; renamed?: Record<string, string> }
> = {
  'GET /repos/{owner}/{repo}/commits/{ref}': { operationId: 'repos/get-commit' },
  'GET /repos/{owner}/{repo}/git/trees/{tree_sha}': { operationId: 'git/get-tree' },
  'GET /repos/{owner}/{repo}/git/blobs/{file_sha}': { operationId: 'git/get-blob' },
  'GET /orgs/{owner}/repos': { operationId: 'repos/list-for-org', renamed: { owner: 'org' } },
  'GET /users/{owner}/repos': { operationId: 'repos/list-for-user', renamed: { owner: 'username' } },
};
/** GraphQL has no OpenAPI operation: its documents are checked against the GraphQL schema instead. */
const GRAPHQL_ROUTE = 'POST /graphql';
/** The files that build GraphQL documents or send them (the GitHub source sends its parts through the batcher). */
const GRAPHQL_FILES = ['src/source/github-batch.ts', 'src/source/github-query.ts'];

function sourceFiles(folder = path.join(REPO_ROOT, 'src')): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

function scanSource(): { routes: Map<string, string[]>; methodCalls: string[]; graphqlFiles: string[] } {
  const routes = new Map<string, string[]>();
  const methodCalls: string[] = [];
  const graphqlFiles: string[] = [];
  for (const file of sourceFiles()) {
    const relative = path.relative(REPO_ROOT, file).split(path.sep).join('/');
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/['"`]((?:GET|POST|PUT|PATCH|DELETE|HEAD) \/[^'"`\s]*)['"`]/g)) {
      const route = match[1] as string;
      routes.set(route, [...new Set([...(routes.get(route) ?? []), relative])]);
    }
    // octokit's other ways of calling the API: its REST methods, pagination, its GraphQL client, raw fetch.
    for (const match of text.matchAll(
      /\.rest\.\w+\.\w+\s*\(|\.paginate(?:\.iterator)?\s*\(|(?<!this)\.graphql\s*\(|\bgraphql\s*\(\s*[`'"]|\bfetch\s*\(\s*[`'"]https?:/g,
    ))
      methodCalls.push(`${relative}: ${match[0]}`);
    if (/\bfragment\s+\w+\s+on\s+[A-Z]\w*|\bquery\s+[A-Z]\w*\s*[({]|POST \/graphql/.test(text)) graphqlFiles.push(relative);
  }
  return { routes, methodCalls, graphqlFiles: graphqlFiles.sort() };
}

// ---------------------------------------------------------------------------------------------------
// Runs of the tool against the conformance server (shared by the tests below)
// ---------------------------------------------------------------------------------------------------

const OID_A = 'a'.repeat(40);
const OID_B = '0123456789abcdef0123456789abcdef01234567';
const OID_SHA256 = 'f'.repeat(64);

/** A repository deeper than the batch's tree depth, so that the listing needs follow-up rounds by tree id. */
const DEEP_FILES: Record<string, string> = {
  'README.md': '# Deep\n\nA project with folders several levels down.\n',
  LICENSE: 'MIT License\n\nCopyright (c) 2024 Deep\n',
  'src/a/b/c/d/e/index.js': '// SPDX-License-Identifier: MIT\nexport {};\n',
  'src/a/b/c/d/e/f/g/deeper.js': 'export const deeper = 1;\n',
  'docs/guide/part/one.md': 'one\n',
  'node_modules/left-pad/index.js': 'module.exports = 1;\n',
};

const OWNER_GITHUB_FILES: Record<string, string> = {
  '.github/CODE_OF_CONDUCT.md': '# Code of conduct\nBe kind.\n',
  'CONTRIBUTING.md': '# Contributing\n',
  'docs/SUPPORT.md': '# Support\nAsk in discussions.\n',
  'profile/README.md': 'profile\n',
};

interface Runs {
  server: ConformanceGitHub;
  ghes: ConformanceGitHub;
  anonymous: Report;
  token: Report;
  tokenAtRef: Report;
  batch: Report[];
  /** The batched listing of dpg/deep (tree depth 2, so follow-up rounds). */
  deepFiles: string[];
  ghesReport: Report;
  org: Awaited<ReturnType<typeof listOwnerRepositories>>;
  user: Awaited<ReturnType<typeof listOwnerRepositories>>;
  missingBatch: GitHubIncompleteError;
  missingRest: GitHubIncompleteError;
}

let runs: Runs;
const servers: ConformanceGitHub[] = [];

async function serve(repositories: ModelRepository[], options: ServerOptions = {}): Promise<ConformanceGitHub> {
  const server = await new ConformanceGitHub(options).add(...repositories).start();
  servers.push(server);
  return server;
}

beforeAll(async () => {
  const complete = modelRepository('dpg/complete-software', folderFiles(path.join(FIXTURES, 'complete-software')), { branches: ['release/1.0'] });
  const dataSet = modelRepository('dpg/data-set', folderFiles(path.join(FIXTURES, 'data-set')));
  const deep = modelRepository('dpg/deep', DEEP_FILES);
  const ownerGithub = modelRepository('dpg/.github', OWNER_GITHUB_FILES);
  const orgRepositories = Array.from({ length: 150 }, (_, index) => ({
    name: `project-${String(index).padStart(3, '0')}`,
    fork: index % 10 === 0,
    archived: index % 25 === 0,
  }));
  const server = await serve([complete, dataSet, deep, ownerGithub], {
    orgs: { dpg: orgRepositories },
    users: { octocat: [{ name: 'hello-world' }, { name: 'spoon-knife', fork: true }] },
  });
  const ghes = await serve(
    [modelRepository('dpg/complete-software', folderFiles(path.join(FIXTURES, 'complete-software'))), modelRepository('dpg/.github', OWNER_GITHUB_FILES)],
    { prefix: '/api/v3' },
  );

  const anonymous = await check(gitHubSource(server, 'dpg/complete-software'));
  const token = await check(gitHubSource(server, 'dpg/complete-software', { token: true }));
  const tokenAtRef = await check(gitHubSource(server, 'dpg/complete-software', { token: true, ref: 'release/1.0' }));
  const session = batchSession(server, 2);
  const batchSources = ['dpg/complete-software', 'dpg/data-set', 'dpg/deep'].map((name) => gitHubSource(server, name, { session }));
  const batch = await Promise.all(batchSources.map((source) => check(source)));
  const deepFiles = await (batchSources[2] as GitHubSource).listFiles();
  const taggedSession = batchSession(server, MAX_TREE_DEPTH);
  batch.push(await check(gitHubSource(server, 'dpg/complete-software', { session: taggedSession, ref: 'v1.0.0' })));
  const ghesReport = await check(gitHubSource(ghes, 'dpg/complete-software', { session: batchSession(ghes, 4) }));
  const client = createGitHubClient({ apiUrl: server.apiUrl, token: TOKEN, timeoutMs: 10_000, onRateLimit: 'fail', retries: 0 });
  const org = await listOwnerRepositories(client, 'dpg', { apiUrl: server.apiUrl, hasToken: true });
  const user = await listOwnerRepositories(client, 'octocat', { apiUrl: server.apiUrl, hasToken: true });
  const missingBatch = await failure(gitHubSource(server, 'dpg/no-such-repository', { session }).listFiles());
  const missingRest = await failure(gitHubSource(server, 'dpg/no-such-repository').listFiles());
  runs = { server, ghes, anonymous, token, tokenAtRef, batch, deepFiles, ghesReport, org, user, missingBatch, missingRest };
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

// ---------------------------------------------------------------------------------------------------
// 1. GraphQL
// ---------------------------------------------------------------------------------------------------

describe("GraphQL documents against GitHub's published schema (@octokit/graphql-schema)", () => {
  const cases: Array<[string, () => string]> = [
    [
      'one repository: its commit and files by blob id (sha-1 and sha-256 ids), with the owner’s .github community files',
      () =>
        composeQuery([
          repositoryFragment({
            alias: 'r0',
            owner: 'dpg',
            name: 'complete-software',
            revision: 'HEAD',
            blobs: [
              { alias: 'b0', oid: OID_A },
              { alias: 'b1', oid: OID_B },
              { alias: 'b2', oid: OID_SHA256 },
            ],
          }),
          ownerCommunityFragment('g0', 'dpg'),
        ]),
    ],
    [
      'one repository at a branch with a slash, no file to read, no owner part',
      () => composeQuery([repositoryFragment({ alias: 'r0', owner: 'dpg', name: 'complete-software', revision: 'release/1.0', blobs: [] })]),
    ],
    ['the owner’s .github community files alone', () => composeQuery([ownerCommunityFragment('g0', 'dpg')])],
    ...Array.from({ length: MAX_TREE_DEPTH + 1 }, (_, depth): [string, () => string] => [
      `batch round 1 for several repositories, tree listed ${depth} level(s) deep`,
      () => composeQuery(['HEAD', 'v1.0.0', OID_A].map((revision, index) => revisionFragment(`p${index}`, 'dpg', `repo-${index}`, revision, depth))),
    ]),
    ...Array.from({ length: MAX_TREE_DEPTH }, (_, index): [string, () => string] => [
      `batch follow-up round: subtrees by id, ${index + 1} level(s) deep each`,
      () =>
        composeQuery([
          subtreesFragment(
            'p0',
            'dpg',
            'deep',
            [
              { alias: 't0', oid: OID_A },
              { alias: 't1', oid: OID_B },
            ],
            index + 1,
          ),
          subtreesFragment('p1', 'dpg', 'other', [{ alias: 't0', oid: OID_SHA256 }], index + 1),
        ]),
    ]),
    [
      'batch text round: several repositories’ blobs at a commit id, and an owner’s community files',
      () =>
        composeQuery([
          repositoryFragment({ alias: 'p0', owner: 'dpg', name: 'a', revision: OID_A, blobs: [{ alias: 'b0', oid: OID_B }] }),
          repositoryFragment({
            alias: 'p1',
            owner: 'dpg',
            name: 'b',
            revision: OID_B,
            blobs: [
              { alias: 'b0', oid: OID_A },
              { alias: 'b1', oid: OID_SHA256 },
            ],
          }),
          ownerCommunityFragment('p2', 'dpg'),
        ]),
    ],
    [
      'a full mixed batch of 20 parts (every kind the batcher carries)',
      () =>
        composeQuery(
          Array.from({ length: 20 }, (_, index) => {
            const alias = `p${index}`;
            switch (index % 4) {
              case 0:
                return revisionFragment(alias, 'dpg', `repo-${index}`, 'HEAD', 4);
              case 1:
                return subtreesFragment(alias, 'dpg', `repo-${index}`, [{ alias: 't0', oid: OID_A }], 4);
              case 2:
                return repositoryFragment({ alias, owner: 'dpg', name: `repo-${index}`, revision: OID_B, blobs: [{ alias: 'b0', oid: OID_A }] });
              default:
                return ownerCommunityFragment(alias, `owner-${index}`);
            }
          }),
        ),
    ],
  ];

  it.each(cases)('%s', (_, build) => {
    const document = build();
    expect(schemaErrors(document)).toEqual([]);
  });

  it('names, owners and refs of any text are sent as string literals that GitHub reads back unchanged', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        (owner, name, revision) => {
          const document = composeQuery([
            repositoryFragment({ alias: 'r0', owner, name, revision, blobs: [{ alias: 'b0', oid: OID_A }] }),
            revisionFragment('r1', owner, name, revision, 2),
            subtreesFragment('r2', owner, name, [{ alias: 't0', oid: OID_B }], 1),
            ownerCommunityFragment('g0', owner),
          ]);
          expect(schemaErrors(document)).toEqual([]);
          const values = argumentValues(document);
          expect(values.get('owner')).toEqual([owner, owner, owner, owner]);
          expect(values.get('name')).toEqual([name, name, name, '.github']);
          expect(values.get('expression')).toEqual([revision, revision, `${revision}:`, 'HEAD:', 'HEAD:.github', 'HEAD:docs']);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('every document the sources sent in the runs (single repository, batch rounds, GHES) passed the schema', () => {
    const documents = [...runs.server.documents, ...runs.ghes.documents];
    expect(documents.length).toBeGreaterThan(0);
    for (const document of documents) expect(schemaErrors(document)).toEqual([]);
    // Every kind was sent: texts by blob id, the owner's .github, round-1 trees, follow-up subtrees, a tag.
    expect(documents.some((document) => document.includes('...DpgCheckBlob'))).toBe(true);
    expect(documents.some((document) => document.includes('...DpgCheckTree }') && document.includes('name: ".github"'))).toBe(true);
    expect(documents.some((document) => /tree: object\(expression: "HEAD:"\) \{ \.\.\.DpgCheckTree2 \}/.test(document))).toBe(true);
    expect(documents.some((document) => /t0: object\(oid: "[0-9a-f]{40}"\) \{ \.\.\.DpgCheckTree2 \}/.test(document))).toBe(true);
    expect(documents.some((document) => document.includes('object(expression: "v1.0.0")'))).toBe(true);
    expect(runs.ghes.requests.filter((request) => request.operation === 'graphql').every((request) => request.path === '/api/graphql')).toBe(true);
  });

  it('the files that build or send GraphQL documents are the ones covered here', () => {
    expect(scanSource().graphqlFiles).toEqual(GRAPHQL_FILES);
  });

  it('GitHub rejects what the tool must never send (the check is not vacuous)', () => {
    // An unknown field, a fragment on the wrong type, an unused fragment: each is refused.
    expect(schemaErrors('query { repository(owner: "a", name: "b") { nameWithOwner noSuchField } }')).not.toEqual([]);
    expect(schemaErrors('query { repository(owner: "a", name: "b") { ...F } } fragment F on Blob { oid }')).not.toEqual([]);
    expect(schemaErrors(`${composeQuery([ownerCommunityFragment('g0', 'dpg')])}fragment Unused on Blob { oid }\n`)).not.toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// 2. REST
// ---------------------------------------------------------------------------------------------------

describe("REST routes against GitHub's OpenAPI descriptions (@octokit/openapi)", () => {
  it('the routes named in src/ are exactly the routes covered here, and no other octokit call is made', () => {
    const { routes, methodCalls } = scanSource();
    // Compared by shape, so that renaming a path parameter is not a new route.
    expect([...routes.keys()].map(shapeOf).sort()).toEqual([...Object.keys(REST_ROUTES), GRAPHQL_ROUTE].map(shapeOf).sort());
    expect(methodCalls).toEqual([]);
  });

  it.each([...scanSource().routes.keys()].filter((route) => route !== GRAPHQL_ROUTE))(
    '%s (as src/ writes it) is an operation of api.github.com, with the path parameters in the same places',
    (route) => {
      const [method, template] = route.split(' ') as [string, string];
      const expected = Object.entries(REST_ROUTES).find(([covered]) => shapeOf(covered) === shapeOf(route))?.[1];
      expect(expected, 'a route not listed in REST_ROUTES').toBeDefined();
      const operation = API_OPERATIONS.find((candidate) => candidate.method === method && shapeOf(candidate.template) === shapeOf(template));
      expect(operation?.operationId).toBe(expected?.operationId);
      const toolParams = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
      // Same number of path parameters; a name the tool writes differently is listed in REST_ROUTES
      // (octokit fills the template the tool gives, so the URL is the same).
      expect(toolParams.map((name) => expected?.renamed?.[name] ?? name)).toEqual(operation?.pathParams);
    },
  );

  it('the error statuses the tool reads as "not found" or "empty" are the ones GitHub documents for those routes', () => {
    const statuses = (operationId: string): string[] =>
      Object.keys(API_OPERATIONS.find((operation) => operation.operationId === operationId)?.raw.responses ?? {});
    // toIncompleteError: 404 and 422 (no such repository or ref), 409 (an empty repository).
    for (const operationId of ['git/get-tree', 'repos/get-commit', 'git/get-blob'])
      expect(statuses(operationId), operationId).toEqual(expect.arrayContaining(['200', '404', '409', '422']));
    // GitHub documents only 200 for the organisation list; the 404 for a user's name (which the tool
    // takes as "a user, not an organisation") is GitHub's general answer for an unknown path.
    expect(statuses('repos/list-for-org')).toEqual(['200']);
  });

  it.each(OTHER_DESCRIPTIONS)('every route also exists in %s (GitHub Enterprise Cloud / Server)', (file) => {
    const operations = operationsOf(loadOpenApi(file));
    const missing = Object.keys(REST_ROUTES).filter((route) => {
      const [method, template] = route.split(' ') as [string, string];
      return !operations.some((candidate) => candidate.method === method && shapeOf(candidate.template) === shapeOf(template));
    });
    expect(missing).toEqual([]);
  });

  it('every request the runs sent matched its operation: known query parameters, values in range, documented media types', () => {
    const all = [...runs.server.requests, ...runs.ghes.requests];
    expect([...runs.server.violations, ...runs.ghes.violations]).toEqual([]);
    expect(all.every((request) => request.operation !== undefined)).toBe(true);
    // Each covered route was really sent (so that its parameters were checked), and nothing else.
    const sent = new Set(all.map((request) => request.operation));
    expect([...sent].sort()).toEqual([...Object.values(REST_ROUTES).map((route) => route.operationId), 'graphql'].sort());
  });

  it('the request checker refuses what GitHub does not describe (it is not vacuous)', async () => {
    const server = await serve([modelRepository('dpg/deep', DEEP_FILES)], { orgs: { dpg: [{ name: 'a' }] } });
    const client = createGitHubClient({ apiUrl: server.apiUrl, token: TOKEN, timeoutMs: 10_000, onRateLimit: 'fail', retries: 0 });
    const attempt = (promise: Promise<unknown>): Promise<unknown> => promise.catch(() => undefined);
    await attempt(client.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { owner: 'dpg', repo: 'deep', tree_sha: 'HEAD', per_page: 5 }));
    await attempt(
      client.request('GET /orgs/{org}/repos', { org: 'dpg', type: 'owner' as 'all' /* refused by octokit's own types too; sent on purpose */, per_page: 500 }),
    );
    await attempt(
      client.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', {
        owner: 'dpg',
        repo: 'deep',
        file_sha: OID_A,
        headers: { accept: 'application/vnd.github.html+json' },
      }),
    );
    await attempt(client.request('GET /repos/{owner}/{repo}/git/everything', { owner: 'dpg', repo: 'deep' }));
    await attempt(client.request('POST /graphql', { query: 'query { repository(owner: "dpg", name: "deep") { noSuchField } }' }));
    expect(server.violations.map((violation) => violation.replace(/^.*?: /, ''))).toEqual([
      'query parameter "per_page" is not a parameter of the operation',
      'type=owner is not one of all, public, private, forks, sources, member',
      'per_page=500 is over the documented maximum 100',
      'the media type application/vnd.github.html+json is not documented for the operation',
      "no such route in GitHub's REST description",
      expect.stringContaining('GitHub\'s schema rejects the document: Cannot query field "noSuchField"'),
    ]);
  });

  it('the parameters sent are the ones GitHub documents (recursive, per_page, page, type, sort; media types)', () => {
    const requests = runs.server.requests;
    const trees = requests.filter((request) => request.operation === 'git/get-tree');
    expect(trees.length).toBeGreaterThan(0);
    expect(trees.every((request) => JSON.stringify(request.query) === JSON.stringify({ recursive: '1' }))).toBe(true);
    // A ref with a slash is sent as one path segment (%2F), which GitHub's tree_sha takes.
    expect(trees.some((request) => request.path.includes('/git/trees/release%2F1.0?'))).toBe(true);
    const commits = requests.filter((request) => request.operation === 'repos/get-commit');
    expect(commits.map((request) => request.headers.accept)).toEqual(commits.map(() => 'application/vnd.github.sha'));
    const blobs = requests.filter((request) => request.operation === 'git/get-blob');
    expect(blobs.length).toBeGreaterThan(0);
    expect(blobs.every((request) => request.headers.accept === 'application/vnd.github.raw+json')).toBe(true);
    const lists = requests.filter((request) => request.operation?.startsWith('repos/list-for-'));
    expect(lists.map((request) => `${request.operation} ${JSON.stringify(request.query)}`)).toEqual([
      'repos/list-for-org {"type":"public","per_page":"100","page":"1","sort":"full_name"}',
      'repos/list-for-org {"type":"public","per_page":"100","page":"2","sort":"full_name"}',
      'repos/list-for-org {"type":"public","per_page":"100","page":"1","sort":"full_name"}',
      'repos/list-for-user {"type":"owner","per_page":"100","page":"1","sort":"full_name"}',
    ]);
    // Every request is authenticated the same way, with the token in a header (never in the URL).
    expect(
      requests.filter((request) => request.headers.authorization !== undefined).every((request) => request.headers.authorization === `token ${TOKEN}`),
    ).toBe(true);
    expect(requests.every((request) => !request.path.includes(TOKEN))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// 3. Answers in GitHub's shapes, and recorded answers replayed
// ---------------------------------------------------------------------------------------------------

describe("the GitHub source reads answers shaped by GitHub's descriptions", () => {
  it('REST (anonymous), REST + GraphQL (token) and batched GraphQL agree on the report', () => {
    const expected = summarise(runs.anonymous);
    expect(summarise(runs.token)).toEqual(expected);
    expect(summarise(runs.tokenAtRef)).toEqual(expected);
    expect(summarise(runs.batch[0] as Report)).toEqual(expected);
    expect(summarise(runs.batch[3] as Report)).toEqual(expected);
    expect(summarise(runs.ghesReport)).toEqual(expected);
    // The commit every path reports is the model's (tags peeled), and the owner's files were inherited.
    const revisions = new Set(
      [runs.anonymous, runs.token, runs.tokenAtRef, ...runs.batch.slice(0, 1), runs.batch[3] as Report].map((report) => report.source.revision),
    );
    expect(revisions.size).toBe(1);
    expect(runs.anonymous.source.inherited?.map((file) => file.sourcePath)).toEqual(runs.token.source.inherited?.map((file) => file.sourcePath));
  });

  it('the batched listing of a deep repository finds every file below the first round, and skips node_modules', () => {
    expect(runs.deepFiles).toEqual(
      expect.arrayContaining(['LICENSE', 'README.md', 'docs/guide/part/one.md', 'src/a/b/c/d/e/f/g/deeper.js', 'src/a/b/c/d/e/index.js']),
    );
    expect(runs.deepFiles.filter((file) => file.startsWith('node_modules/'))).toEqual([]);
    expect((runs.batch[2] as Report).source.revision).toMatch(/^[0-9a-f]{40}$/);
  });

  it('an organisation’s repositories over two pages, and a user’s (after the organisation route’s 404)', () => {
    expect(runs.org).toHaveLength(150);
    expect(runs.org.filter((repository) => repository.fork)).toHaveLength(15);
    expect(runs.org.filter((repository) => repository.archived)).toHaveLength(6);
    expect(runs.user).toEqual([
      { name: 'hello-world', fork: false, archived: false, private: false },
      { name: 'spoon-knife', fork: true, archived: false, private: false },
    ]);
  });

  it('a missing repository: GraphQL’s NOT_FOUND error and REST’s 404 both say "not found"', () => {
    expect(runs.missingBatch.kind).toBe('not-found');
    expect(runs.missingRest.kind).toBe('not-found');
    expect(runs.missingBatch.message).toContain('dpg/no-such-repository');
  });
});

describe('recorded answers replayed through the GitHub source', () => {
  it('@octokit/fixtures get-content (recorded from api.github.com): the raw README of octokit-fixture-org/hello-world', async () => {
    const [listing, raw] = recordedScenario('get-content') as [RecordedExchange, RecordedExchange];
    const entry = (listing.response as Array<{ name: string; path: string; sha: string; size: number; type: string }>)[0];
    expect(entry).toMatchObject({ path: 'README.md', type: 'file' });
    const readme = String(raw.response);
    // The recording is consistent with git: the blob id GitHub listed is the hash of the bytes it served.
    expect(gitHash('blob', Buffer.from(readme))).toBe(entry?.sha);
    const repository = modelRepository('octokit-fixture-org/hello-world', { 'README.md': readme });
    // The blob download is answered with the recorded answer to the raw README (body and headers): the
    // tool downloads by blob id (git/blobs) rather than by path (contents/), but the bytes and the raw
    // representation are the same.
    const server = await serve([repository], {
      override: (request) =>
        request.pathname.endsWith(`/git/blobs/${entry?.sha}`) ? { status: raw.status, headers: recordedHeaders(raw), body: readme } : undefined,
    });
    const source = gitHubSource(server, 'octokit-fixture-org/hello-world');
    expect(await source.listFiles()).toEqual(['README.md']);
    const text = await source.readText('README.md', MAX_FILE_BYTES);
    expect(isFileText(text) && text.text).toBe('# hello-world');
    expect(isFileText(text) && text.size).toBe(entry?.size);
    expect(server.requests.some((request) => request.path === `/repos/octokit-fixture-org/hello-world/git/blobs/${entry?.sha}`)).toBe(true);
    // With a token the same text comes by blob id through GraphQL.
    const withToken = gitHubSource(server, 'octokit-fixture-org/hello-world', { token: true });
    const viaGraphql = await withToken.readText('README.md', MAX_FILE_BYTES);
    expect(isFileText(viaGraphql) && viaGraphql.text).toBe('# hello-world');
    expect(server.violations).toEqual([]);
  });

  it('@octokit/fixtures rename-repository (recorded): a renamed repository’s 301 is followed, with and without a token', async () => {
    const recorded = recordedScenario('rename-repository');
    const moved = recorded.find((exchange) => exchange.method === 'get' && exchange.status === 301);
    expect(moved && recordedHeaders(moved).location).toMatch(/^https:\/\/api\.github\.com\/repositories\/\d+$/);
    const renamed = modelRepository('octokit-fixture-org/hello-world-newname', { 'README.md': '# hello-world\n', LICENSE: 'MIT License\n' });
    const server = await serve([renamed], { renames: { 'octokit-fixture-org/hello-world': 'octokit-fixture-org/hello-world-newname' } });
    const anonymous = gitHubSource(server, 'octokit-fixture-org/hello-world');
    expect(await anonymous.listFiles()).toEqual(['LICENSE', 'README.md']);
    const readme = await anonymous.readText('README.md', MAX_FILE_BYTES);
    expect(isFileText(readme) && readme.text).toBe('# hello-world\n');
    expect(server.requests.filter((request) => request.status === 301).length).toBeGreaterThanOrEqual(2);
    expect(server.requests.filter((request) => request.redirected).every((request) => request.status === 200)).toBe(true);
    // GraphQL's repository(owner:, name:) follows renames by default (followRenames: true in the schema).
    const withToken = gitHubSource(server, 'octokit-fixture-org/hello-world', { token: true });
    expect(await withToken.listFiles()).toEqual(['LICENSE', 'README.md']);
    expect(server.violations).toEqual([]);
  });

  it('no fixture records a spent rate limit: a 403 made by hand from GitHub’s documentation, on recorded headers, is a rate-limit error', async () => {
    const [, raw] = recordedScenario('get-content') as [RecordedExchange, RecordedExchange];
    const reset = Math.floor(Date.now() / 1000) + 1800;
    // GitHub's documented answer to a spent primary rate limit: 403 (or 429) with x-ratelimit-remaining 0.
    const limited = (status: number): Answer => ({
      status,
      headers: {
        ...recordedHeaders(raw),
        'content-type': 'application/json; charset=utf-8',
        'x-ratelimit-limit': '60',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-used': '60',
        'x-ratelimit-reset': String(reset),
      },
      body: {
        message:
          "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)",
        documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
      },
    });
    for (const status of [403, 429]) {
      const server = await serve([modelRepository('dpg/limited', { 'README.md': '# Limited\n' })], {
        override: (request) => (request.pathname.startsWith('/repos/') ? limited(status) : undefined),
      });
      const error = await failure(gitHubSource(server, 'dpg/limited').listFiles());
      expect(error.kind, `status ${status}`).toBe('rate-limit');
      expect(error.message).toContain(new Date(reset * 1000).toISOString().replace(/\.\d+Z$/, 'Z'));
      expect(error.message).toContain('for anonymous requests');
    }
  });

  it('no fixture records GraphQL: a spent GraphQL quota (RATE_LIMITED, made by hand from GitHub’s documentation) is a rate-limit error', async () => {
    const server = await serve([modelRepository('dpg/limited', { 'README.md': '# Limited\n' })], {
      override: (request) =>
        request.pathname === '/graphql'
          ? {
              status: 200,
              headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-resource': 'graphql', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1800) },
              body: { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] },
            }
          : undefined,
    });
    const single = await failure(gitHubSource(server, 'dpg/limited', { token: true }).listFiles());
    expect(single.kind).toBe('rate-limit');
    const batched = await failure(gitHubSource(server, 'dpg/limited', { session: batchSession(server, 2) }).listFiles());
    expect(batched.kind).toBe('rate-limit');
  });

  it('no fixture records git trees, commits or repository lists: the OpenAPI examples of those operations, served as they are', async () => {
    const tree = example('git-tree-response-recursively-retrieving-a-tree') as { sha: string; tree: Array<{ path: string; sha: string; size: number }> };
    const commitSha = (API.paths['/repos/{owner}/{repo}/commits/{ref}']?.get as OpenApiOperation).responses['200']?.content?.['application/vnd.github.sha']
      ?.examples?.default?.value as string;
    const blob = example('blob') as { content: string; sha: string };
    const repositories = example('minimal-repository-items') as Array<{ name: string; fork: boolean; archived?: boolean; private: boolean }>;
    expect(commitSha).toMatch(/^[0-9a-f]{40}$/);
    const server = await serve([], {
      override: (request) => {
        const { pathname } = request;
        if (pathname === `/repos/octocat/Hello-World/commits/HEAD`)
          return { status: 200, headers: { 'content-type': 'application/vnd.github.sha; charset=utf-8' }, body: commitSha };
        if (pathname === `/repos/octocat/Hello-World/git/trees/${commitSha}`) return { status: 200, body: tree };
        // The examples do not share ids: the blob example's bytes stand for the tree example's file.
        if (pathname === `/repos/octocat/Hello-World/git/blobs/${tree.tree[0]?.sha}`) return { status: 200, body: Buffer.from(blob.content, 'base64') };
        if (pathname === '/repos/octocat/.github/git/trees/HEAD')
          return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/git/trees#get-a-tree', status: '404' } };
        if (pathname === '/orgs/octo-org/repos') return { status: 200, body: repositories };
        return undefined;
      },
    });
    const source = gitHubSource(server, 'octocat/Hello-World');
    expect(await source.listFiles()).toEqual(['subdir/file.txt']);
    expect(source.description.revision).toBe(commitSha);
    const text = await source.readText('subdir/file.txt', MAX_FILE_BYTES);
    expect(isFileText(text) && text.text).toBe('Content of the blob');
    // The tree says 132 bytes: the size the source reports is the listing's.
    expect(isFileText(text) && text.size).toBe(tree.tree[0]?.size);
    const client = createGitHubClient({ apiUrl: server.apiUrl, timeoutMs: 10_000, onRateLimit: 'fail', retries: 0 });
    expect(await listOwnerRepositories(client, 'octo-org', { apiUrl: server.apiUrl, hasToken: false })).toEqual(
      repositories.map((repository) => ({ name: repository.name, fork: repository.fork, archived: repository.archived === true, private: repository.private })),
    );
    // The requests the examples answered are GitHub's operations with GitHub's parameters.
    expect(server.requests.map((request) => request.operation)).toEqual([
      'repos/get-commit',
      'git/get-tree',
      'git/get-tree',
      'git/get-blob',
      'repos/list-for-org',
    ]);
    expect(server.violations).toEqual([]);
  });

  it('a file over the read cap: GitHub’s raw blob answer is read only up to the cap, and the size is the listing’s', async () => {
    const big = `# Big\n${'x'.repeat(200_000)}\n`;
    const server = await serve([modelRepository('dpg/big', { 'README.md': big })]);
    const source = gitHubSource(server, 'dpg/big');
    const text = await source.readText('README.md', 1000);
    expect(isFileText(text) && text.text.length).toBe(1000);
    expect(isFileText(text) && text.truncated).toBe(true);
    expect(isFileText(text) && text.size).toBe(Buffer.byteLength(big));
    const download = server.requests.find((request) => request.operation === 'git/get-blob');
    // A Range header is sent; GitHub's description does not mention one for blobs (the cap holds anyway).
    expect(download?.headers.range).toBe('bytes=0-999');
    expect(server.violations).toEqual([]);
  });
});
