import type { Defined } from '../util/defined.js';
/**
 * Helpers for the DPGA's form answers: "Yes" / "No" / "Unknown" strings, empty strings for questions
 * that did not apply, and lists that hold `[""]` when nothing was entered.
 */
export type YesNo = 'Yes' | 'No' | 'Unknown';

/** Yes -> true, No -> false, anything else (Unknown, "", missing) -> undefined: the manifest's "not answered". */
export function fromYesNo(value: unknown): boolean | undefined {
  if (value === 'Yes') return true;
  if (value === 'No') return false;
  return undefined;
}

export function toYesNo(value: boolean | undefined): YesNo {
  return value === undefined ? 'Unknown' : value ? 'Yes' : 'No';
}

/** True for the ways the registry writes "no answer": missing, null, "", [] and [""]. */
export function isEmptyAnswer(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.every((item) => item === '' || item === null);
  return false;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A non-empty string, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The strings of a list, without the empty ones the form leaves behind. */
export function strings(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string' && item !== '');
}

/** A list for the form: the registry writes `[""]` when a list question has no answer. */
export function formList(items: readonly string[] | undefined): string[] {
  return items && items.length > 0 ? [...items] : [''];
}

/** Splits off duplicates: the manifest's lists are sets (uniqueItems). */
export function uniqueWithDuplicates(items: readonly string[]): { unique: string[]; duplicates: number[] } {
  const seen = new Set<string>();
  const unique: string[] = [];
  const duplicates: number[] = [];
  items.forEach((item, index) => {
    if (seen.has(item)) duplicates.push(index);
    else {
      seen.add(item);
      unique.push(item);
    }
  });
  return { unique, duplicates };
}

/** The dpg manifest schema's test for a URL (`pattern: ^https?://`). */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//.test(value);
}

/** The dpg manifest schema's test for an email address. */
export function isEmail(value: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);
}

/** Escapes a key for a JSON pointer. */
export function pointer(...segments: Array<string | number>): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Drops undefined properties and empty objects, so written documents hold no `key: undefined`. */
export function compactObject<T extends Record<string, unknown>>(value: T): Defined<T> | undefined {
  const entries = Object.entries(value).filter(([, item]) => item !== undefined && !(isRecord(item) && Object.keys(item).length === 0));
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as Defined<T>);
}

/** Sets `target[key]` when `value` is defined (a compactObject of nothing leaves the key out). */
export function assignDefined<T extends object, K extends keyof T>(target: T, key: K, value: Exclude<T[K], undefined> | undefined): void {
  if (value !== undefined) target[key] = value;
}
