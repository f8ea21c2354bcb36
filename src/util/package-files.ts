import { existsSync, readFileSync } from 'node:fs';

let root: URL | undefined;

/**
 * The package's root folder (where its package.json is), found from this module's own location by
 * walking up: the same answer from `src/` (tests), `dist/` (the library) and the bundled CLI's chunks
 * (`dist/bundle/`), whatever depth the running file sits at.
 */
function packageRoot(): URL {
  if (root) return root;
  let folder = new URL('./', import.meta.url);
  for (let level = 0; level < 8; level++) {
    const manifest = new URL('package.json', folder);
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'dpg-check') {
      root = folder;
      return folder;
    }
    folder = new URL('../', folder);
  }
  // Not found (a copied file): the layout of src/ and dist/, two folders below the root.
  root = new URL('../../', import.meta.url);
  return root;
}

/**
 * Set (to true) only in the GitHub Action's bundle (scripts/bundle-action.js), a single file whose
 * generated files sit beside it: an action checkout holds the repository's committed files (schemas/,
 * data/, package.json) but not what the build writes to generated/.
 */
declare const DPG_CHECK_GENERATED_BESIDE_BUNDLE: boolean | undefined;

/** The URL of a file that ships with the package (schemas/, data/, generated/, package.json). */
export function packageFileUrl(relativePath: string): URL {
  if (typeof DPG_CHECK_GENERATED_BESIDE_BUNDLE !== 'undefined' && DPG_CHECK_GENERATED_BESIDE_BUNDLE && relativePath.startsWith('generated/')) {
    return new URL(relativePath, import.meta.url);
  }
  return new URL(relativePath, packageRoot());
}

/** Reads a JSON file that ships with the package. Paths are relative to the package root. */
export function readPackageJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(packageFileUrl(relativePath), 'utf8')) as T;
}
