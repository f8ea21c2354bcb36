import { CONVERTIBLE_FILES } from '../convert/convertible-files.js';
import { loadManifestAbove, loadNamedManifest, MANIFEST_FILE_NAMES, type LoadedManifest } from '../manifest/load.js';
import type { RepositorySource } from '../source/types.js';
import type { PathLookup } from '../util/path-lookup.js';

/**
 * Finds and loads the repository's manifest; undefined when it has none. The checked folder's own
 * wins (a dpg manifest, else a DPGA record or publiccode.yml in it, converted); without one, a local
 * folder below the root of a git work tree is answered for by the nearest dpg manifest in the folders
 * above it, up to that root (src/source/parent-files.ts). Such a manifest's `path` leads to it from the
 * checked folder (`../../dpg.yaml`), as every other path of the report does.
 *
 * The converters (and the schemas they compile) are loaded only when a file they read is there.
 */
export async function loadRepositoryManifest(source: RepositorySource, files: PathLookup): Promise<LoadedManifest | undefined> {
  const name = MANIFEST_FILE_NAMES.find((candidate) => files.has(candidate));
  if (name !== undefined) return loadNamedManifest(source, name);
  if (CONVERTIBLE_FILES.some(({ names }) => names.some((candidate) => files.has(candidate)))) {
    const { loadConvertedManifest } = await import('../convert/fallback.js');
    const converted = await loadConvertedManifest(source, files);
    if (converted) return converted;
  }
  return loadManifestAbove(source);
}
