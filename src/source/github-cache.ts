/**
 * A disk cache of GitHub API answers, for the batch audit (`--cache-dir`), so that a re-run costs
 * little:
 *
 * - git objects by id, which never change: a repository's full listing by its root tree id, a file's
 *   text by its blob id (what the GraphQL queries return, cached per object rather than per query,
 *   because a batched query mixes repositories and its exact text never repeats);
 * - REST GET answers by URL and request headers, revalidated with If-None-Match (a 304 costs no rate
 *   limit), or served without a request when the URL names an object by id;
 * - the last commit seen for `OWNER/REPO@REV`, a hint only: the commit is always asked again, but when
 *   it has not moved, the listing and the texts come from the cache.
 *
 * Layout: `DIR/v1/<api host>/{objects,rest,refs}/<2 hex>/<id>.json`, written atomically (a temporary
 * file renamed), so shards running at once can share a folder. Nothing is ever deleted by dpg-check;
 * removing the folder is always safe. The folder is created private to the user (0700): it holds the
 * text of files the token could read.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { CachedResponse, ResponseCache } from './github-http.js';

export interface CacheStats {
  /** REST answers served without a request (immutable URLs). */
  restHits: number;
  /** REST answers revalidated with a 304. */
  restRevalidated: number;
  /** REST requests that were answered in full. */
  restMisses: number;
  /** Git objects (listings, texts) found in the cache. */
  objectHits: number;
  objectMisses: number;
}

/** `$XDG_CACHE_HOME/dpg-check`, else `~/.cache/dpg-check`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME?.trim();
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(homedir(), '.cache'), 'dpg-check');
}

type ObjectKind = 'tree' | 'blob' | 'ref';

export class GitHubDiskCache implements ResponseCache {
  readonly stats: CacheStats = { restHits: 0, restRevalidated: 0, restMisses: 0, objectHits: 0, objectMisses: 0 };
  private readonly folder: string;
  private readonly madeFolders = new Set<string>();

  constructor(root: string, apiUrl: string) {
    const url = new URL(apiUrl);
    const host = `${url.host}${url.pathname}`.replace(/[^A-Za-z0-9.-]+/g, '_').replace(/_+$/, '');
    this.folder = path.join(path.resolve(root), 'v1', host);
  }

  get location(): string {
    return this.folder;
  }

  getResponse(key: string): CachedResponse | undefined {
    return this.read<CachedResponse>('rest', hash(key));
  }

  setResponse(key: string, value: CachedResponse): void {
    this.write('rest', hash(key), value);
  }

  noteRequest(kind: 'hit' | 'revalidated' | 'miss'): void {
    if (kind === 'hit') this.stats.restHits++;
    else if (kind === 'revalidated') this.stats.restRevalidated++;
    else this.stats.restMisses++;
  }

  getObject<T>(kind: ObjectKind, id: string): T | undefined {
    const value = this.read<T>(kind === 'ref' ? 'refs' : 'objects', objectKey(kind, id));
    if (kind !== 'ref') {
      if (value === undefined) this.stats.objectMisses++;
      else this.stats.objectHits++;
    }
    return value;
  }

  setObject(kind: ObjectKind, id: string, value: unknown): void {
    this.write(kind === 'ref' ? 'refs' : 'objects', objectKey(kind, id), value);
  }

  private file(area: string, key: string): string {
    return path.join(this.folder, area, key.slice(0, 2), `${key}.json`);
  }

  private read<T>(area: string, key: string): T | undefined {
    try {
      return JSON.parse(readFileSync(this.file(area, key), 'utf8')) as T;
    } catch {
      // Missing, or damaged (a full disk): a miss either way.
      return undefined;
    }
  }

  private write(area: string, key: string, value: unknown): void {
    const file = this.file(area, key);
    const folder = path.dirname(file);
    try {
      if (!this.madeFolders.has(folder)) {
        mkdirSync(path.resolve(this.folder, '..', '..'), { recursive: true, mode: 0o700 });
        mkdirSync(folder, { recursive: true, mode: 0o700 });
        this.madeFolders.add(folder);
      }
      const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      writeFileSync(temporary, JSON.stringify(value), { mode: 0o600 });
      renameSync(temporary, file);
    } catch {
      // A cache that cannot be written is no cache; the run goes on.
    }
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Objects are named by their git id (hex); refs by a hash of `OWNER/REPO@REV`. */
function objectKey(kind: ObjectKind, id: string): string {
  if (kind !== 'ref' && /^[0-9a-f]{40,64}$/.test(id)) return `${id}-${kind}`;
  return hash(`${kind}\n${id}`);
}
