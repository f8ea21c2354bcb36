import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isEmptyAnswer, isRecord } from '../../src/convert/answers.js';
import type { LostField } from '../../src/convert/types.js';
import { parsePointer } from '../../src/manifest/parse.js';
import { REPO_ROOT } from '../support/cli.js';

/** The DPGA registry data shared beside the repository (absent in a plain clone). */
export const REGISTRY = path.resolve(REPO_ROOT, '../shared/registry');
export const HAS_REGISTRY = existsSync(path.join(REGISTRY, 'nominees'));

export interface RegistryRecord {
  file: string;
  data: Record<string, unknown>;
  /** For the registry's few files that only name another record (git symlinks checked out as text). */
  linkTo?: string;
}

/** Every record of a registry folder; a file that holds only another file's name is read as that file. */
export function registryRecords(folder: 'nominees' | 'digitalpublicgoods'): RegistryRecord[] {
  const directory = path.join(REGISTRY, folder);
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(directory, file), 'utf8');
      if (text.trimStart().startsWith('{')) return { file, data: JSON.parse(text) as Record<string, unknown> };
      const target = text.trim();
      return { file, linkTo: target, data: JSON.parse(readFileSync(path.join(directory, target), 'utf8')) as Record<string, unknown> };
    });
}

const LOST = Symbol('lost');

/** The original with every reported loss marked: a lost property is not compared, a lost list item is dropped. */
export function markLost(original: unknown, lost: readonly LostField[]): unknown {
  const copy = structuredClone(original);
  for (const entry of lost) {
    const segments = parsePointer(entry.path);
    const last = segments.pop();
    let parent: unknown = copy;
    for (const segment of segments) parent = isRecord(parent) || Array.isArray(parent) ? (parent as Record<string, unknown>)[segment] : undefined;
    if (last === undefined) continue;
    if (Array.isArray(parent) && Number(last) < parent.length) parent[Number(last)] = LOST;
    // A missing answer that the writer fills in is a loss too: mark it even though it is absent.
    else if (isRecord(parent)) parent[last] = LOST;
  }
  return copy;
}

/**
 * Where the round-tripped document differs from the marked original, or undefined when it does not.
 * The registry writes "no answer" several ways (missing, "", [], [""]); they compare equal, and an
 * empty string item in a list is no item.
 */
export function firstDifference(expected: unknown, actual: unknown, at = ''): string | undefined {
  if (expected === LOST) return undefined;
  if (isEmptyAnswer(expected) && isEmptyAnswer(actual)) return undefined;
  if (Array.isArray(expected)) {
    const kept = expected.filter((item) => item !== LOST && item !== '');
    const other = Array.isArray(actual) ? actual.filter((item) => item !== '') : [];
    if (kept.length !== other.length) return `${at}: ${kept.length} items, written ${other.length}`;
    for (const [index, item] of kept.entries()) {
      const difference = firstDifference(item, other[index], `${at}/${index}`);
      if (difference) return difference;
    }
    return undefined;
  }
  if (isRecord(expected)) {
    if (!isRecord(actual)) return `${at}: an object, written ${JSON.stringify(actual)}`;
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const difference = firstDifference(expected[key], actual[key], `${at}/${key}`);
      if (difference) return difference;
    }
    return undefined;
  }
  return expected === actual ? undefined : `${at}: ${JSON.stringify(expected)}, written ${JSON.stringify(actual)}`;
}

/** A loss's path with list indexes folded, for the figures: /SDGs/3/evidenceURL -> /SDGs/[]/evidenceURL. */
export function fieldOf(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/[]');
}

/**
 * The written document without the defaults the writer had to assume where the original's value was
 * lost entirely (a nominee whose only type, "standard", has no category is written as software).
 */
export function withoutAssumed(marked: unknown, written: Record<string, unknown>, assumed: ReadonlyArray<{ path: string }>): Record<string, unknown> {
  const result = structuredClone(written);
  for (const { path: pointer } of assumed) {
    const segments = parsePointer(pointer);
    let value: unknown = marked;
    for (const segment of segments) value = isRecord(value) || Array.isArray(value) ? (value as Record<string, unknown>)[segment] : undefined;
    const gone = value === LOST || (Array.isArray(value) && value.every((item) => item === LOST)) || isEmptyAnswer(value);
    if (!gone) continue;
    const last = segments.pop() as string;
    let parent: unknown = result;
    for (const segment of segments) parent = isRecord(parent) ? parent[segment] : undefined;
    if (isRecord(parent)) delete parent[last];
  }
  return result;
}
