/**
 * The GraphQL query the GitHub source sends with a token: for each repository, the commit its ref
 * points at and the text of the files the checks read (fetched by blob id, so they match the listing
 * exactly); for each owner, the community files of its `.github` repository. Every part is a fragment
 * under its own alias, so one request can carry several repositories (the batch audit's do):
 *
 *   composeQuery([
 *     repositoryFragment({ alias: 'r0', owner: 'a', name: 'x', revision: 'HEAD', blobs: [...] }),
 *     repositoryFragment({ alias: 'r1', owner: 'b', name: 'y', revision: 'v2', blobs: [...] }),
 *     ownerCommunityFragment('g0', 'a'),
 *   ])
 *
 * Strings are written as JSON string literals (valid GraphQL strings); blob ids are checked hex.
 */

export interface BlobRequest {
  /** Alias of the field, unique within the repository fragment: `b0`, `b1`… */
  alias: string;
  /** The blob's git object id (from the tree listing). */
  oid: string;
}

export interface RepositoryQuerySpec {
  alias: string;
  owner: string;
  name: string;
  /** A branch, tag or commit, or `HEAD` for the default branch. */
  revision: string;
  blobs: readonly BlobRequest[];
}

export interface BlobResult {
  oid: string;
  byteSize: number;
  isBinary: boolean;
  isTruncated: boolean;
  text: string | null;
}

export interface RepositoryQueryResult {
  /** The commit the revision points at (tags peeled). */
  commitOid?: string;
  /** The commit's root tree, to check it is the tree that was listed. */
  treeOid?: string;
  blobs: Map<string, BlobResult>;
}

/** The folders of an owner's `.github` repository that GitHub takes community files from. */
export const OWNER_COMMUNITY_FOLDERS = [
  { alias: 'root', folder: '' },
  { alias: 'dotgithub', folder: '.github' },
  { alias: 'docs', folder: 'docs' },
] as const;

export interface OwnerCommunityResult {
  exists: boolean;
  isPrivate: boolean;
  /** Files of the root, `.github/` and `docs/` folders (paths relative to that repository). */
  files: Array<{ path: string; oid: string }>;
}

const ALIAS = /^[A-Za-z_][A-Za-z0-9_]*$/;
const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** How deep one nested tree fragment lists (DpgCheckTree1 … DpgCheckTree{MAX_TREE_DEPTH}). */
export const MAX_TREE_DEPTH = 8;

const FRAGMENTS: Record<string, string> = {
  DpgCheckCommit:
    'fragment DpgCheckCommit on GitObject { oid ... on Commit { tree { oid } } ... on Tag { target { oid ... on Commit { tree { oid } } ... on Tag { target { oid ... on Commit { tree { oid } } } } } } }',
  DpgCheckBlob: 'fragment DpgCheckBlob on Blob { oid byteSize isBinary isTruncated text }',
  DpgCheckTree: 'fragment DpgCheckTree on Tree { entries { name type oid } }',
  // Nested listings for the batch audit: GraphQL has no recursion, so DpgCheckTreeN spells out N levels.
  DpgCheckEntry: 'fragment DpgCheckEntry on TreeEntry { name type mode oid size }',
  ...Object.fromEntries(
    Array.from({ length: MAX_TREE_DEPTH }, (_, index) => {
      const depth = index + 1;
      const name = `DpgCheckTree${depth}`;
      const nested = depth === 1 ? '' : ` object { ...DpgCheckTree${depth - 1} }`;
      return [name, `fragment ${name} on Tree { oid entries { ...DpgCheckEntry${nested} } }`];
    }),
  ),
};

/**
 * A GraphQL string literal. A lone surrogate (possible in a registry record's JSON: "\\ud800") is not
 * valid in GraphQL and would make GitHub refuse the whole batch: it becomes U+FFFD, so that part alone
 * is simply not found.
 */
function literal(value: string): string {
  return JSON.stringify(value.replace(LONE_SURROGATE, '\uFFFD'));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function checkAlias(alias: string): void {
  if (!ALIAS.test(alias)) throw new Error(`Invalid GraphQL alias: ${alias}`);
}

export function repositoryFragment(spec: RepositoryQuerySpec): string {
  checkAlias(spec.alias);
  const blobs = spec.blobs.map((blob) => {
    checkAlias(blob.alias);
    if (!OID.test(blob.oid)) throw new Error(`Invalid blob id: ${blob.oid}`);
    return `    ${blob.alias}: object(oid: ${literal(blob.oid)}) { ...DpgCheckBlob }`;
  });
  return [
    `  ${spec.alias}: repository(owner: ${literal(spec.owner)}, name: ${literal(spec.name)}) {`,
    '    nameWithOwner',
    `    revision: object(expression: ${literal(spec.revision)}) { ...DpgCheckCommit }`,
    ...blobs,
    '  }',
  ].join('\n');
}

export function ownerCommunityFragment(alias: string, owner: string): string {
  checkAlias(alias);
  return [
    `  ${alias}: repository(owner: ${literal(owner)}, name: ".github") {`,
    '    isPrivate',
    ...OWNER_COMMUNITY_FOLDERS.map(
      ({ alias: folderAlias, folder }) => `    ${folderAlias}: object(expression: ${literal(`HEAD:${folder}`)}) { ...DpgCheckTree }`,
    ),
    '  }',
  ].join('\n');
}

/**
 * One request for any number of fragments, plus the rate limit left (free to ask for). Only the
 * fragment definitions the fields spread are included: GraphQL refuses a query with an unused one.
 */
export function composeQuery(fragments: readonly string[]): string {
  const body = fragments.join('\n');
  // Fragments spread by the body, and those they spread in turn (the nested tree listings).
  const used = new Set<string>();
  const pending = [body];
  for (let text = pending.pop(); text !== undefined; text = pending.pop()) {
    for (const [name, definition] of Object.entries(FRAGMENTS)) {
      if (used.has(name) || !text.includes(`...${name} `)) continue;
      used.add(name);
      pending.push(definition.slice(definition.indexOf('{')));
    }
  }
  const definitions = Object.entries(FRAGMENTS)
    .filter(([name]) => used.has(name))
    .map(([, definition]) => definition);
  return `query DpgCheck {\n${body}\n  rateLimit { cost remaining resetAt }\n}\n${definitions.join('\n')}\n`;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one repository's part of the answer; undefined when the repository was not found. */
export function readRepositoryResult(data: Json, spec: RepositoryQuerySpec): RepositoryQueryResult | undefined {
  const repository = data[spec.alias];
  if (!isObject(repository)) return undefined;
  const result: RepositoryQueryResult = { blobs: new Map() };
  let revision: unknown = repository.revision;
  for (let depth = 0; depth < 3 && isObject(revision); depth++) {
    if (isObject(revision.tree)) {
      result.commitOid = String(revision.oid);
      result.treeOid = String(revision.tree.oid);
      break;
    }
    revision = revision.target;
  }
  for (const blob of spec.blobs) {
    const value = repository[blob.alias];
    if (!isObject(value) || typeof value.byteSize !== 'number') continue;
    result.blobs.set(blob.oid, {
      oid: blob.oid,
      byteSize: value.byteSize,
      isBinary: value.isBinary === true,
      isTruncated: value.isTruncated === true,
      text: typeof value.text === 'string' ? value.text : null,
    });
  }
  return result;
}

export function readOwnerCommunityResult(data: Json, alias: string): OwnerCommunityResult {
  const repository = data[alias];
  if (!isObject(repository)) return { exists: false, isPrivate: false, files: [] };
  const files: Array<{ path: string; oid: string }> = [];
  for (const { alias: folderAlias, folder } of OWNER_COMMUNITY_FOLDERS) {
    const tree = repository[folderAlias];
    if (!isObject(tree) || !Array.isArray(tree.entries)) continue;
    for (const entry of tree.entries) {
      if (!isObject(entry) || entry.type !== 'blob' || typeof entry.name !== 'string') continue;
      files.push({ path: folder === '' ? entry.name : `${folder}/${entry.name}`, oid: String(entry.oid) });
    }
  }
  return { exists: true, isPrivate: repository.isPrivate === true, files };
}

/**
 * The first round of a batched listing (the batch audit): the commit the revision points at and, when
 * `treeDepth` > 0, its root tree listed `treeDepth` levels deep. `REV:` is git's "root tree of REV".
 */
export function revisionFragment(alias: string, owner: string, name: string, revision: string, treeDepth: number): string {
  checkAlias(alias);
  return [
    `  ${alias}: repository(owner: ${literal(owner)}, name: ${literal(name)}) {`,
    '    nameWithOwner',
    `    revision: object(expression: ${literal(revision)}) { ...DpgCheckCommit }`,
    ...(treeDepth > 0 ? [`    tree: object(expression: ${literal(`${revision}:`)}) { ...${treeFragmentName(treeDepth)} }`] : []),
    '  }',
  ].join('\n');
}

/** Follow-up rounds: trees by id (the subtrees a shallower listing stopped at), each `depth` levels deep. */
export function subtreesFragment(alias: string, owner: string, name: string, subtrees: readonly BlobRequest[], depth: number): string {
  checkAlias(alias);
  const fields = subtrees.map((subtree) => {
    checkAlias(subtree.alias);
    if (!OID.test(subtree.oid)) throw new Error(`Invalid tree id: ${subtree.oid}`);
    return `    ${subtree.alias}: object(oid: ${literal(subtree.oid)}) { ...${treeFragmentName(depth)} }`;
  });
  return [`  ${alias}: repository(owner: ${literal(owner)}, name: ${literal(name)}) {`, ...fields, '  }'].join('\n');
}

function treeFragmentName(depth: number): string {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_TREE_DEPTH) throw new Error(`Invalid tree depth: ${depth}`);
  return `DpgCheckTree${depth}`;
}

/** A tree as the nested fragments return it; `object` is absent below the depth asked for. */
export interface NestedTree {
  oid: string;
  entries: NestedTreeEntry[];
}

export interface NestedTreeEntry {
  name: string;
  /** `blob`, `tree` or `commit` (a submodule). */
  type: string;
  /** The git file mode as a number: 0o100644, 0o100755, 0o120000 (a symbolic link), 0o40000 (a tree). */
  mode: number;
  oid: string;
  size: number;
  /** The subtree's own listing, when the fragment went that deep. */
  object?: NestedTree;
}

export function readNestedTree(value: unknown): NestedTree | undefined {
  if (!isObject(value) || !Array.isArray(value.entries) || typeof value.oid !== 'string') return undefined;
  const entries: NestedTreeEntry[] = [];
  for (const entry of value.entries) {
    if (!isObject(entry) || typeof entry.name !== 'string' || typeof entry.oid !== 'string') continue;
    const object = readNestedTree(entry.object);
    entries.push({
      name: entry.name,
      type: String(entry.type ?? '').toLowerCase(),
      mode: typeof entry.mode === 'number' ? entry.mode : 0,
      oid: entry.oid,
      size: typeof entry.size === 'number' ? entry.size : 0,
      ...(object ? { object } : {}),
    });
  }
  return { oid: value.oid, entries };
}
