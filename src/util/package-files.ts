import { readFileSync } from 'node:fs';

/**
 * Reads a JSON file that ships with the package (schemas/, data/, package.json). Paths are relative
 * to the package root; `src/` and `dist/` sit at the same depth, so one URL serves both.
 */
export function readPackageJson<T>(relativePath: string): T {
  const url = new URL(`../../${relativePath}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}
