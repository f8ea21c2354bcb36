import type { LoadedManifest } from '../manifest/load.js';
import { isFileText, type RepositorySource } from '../source/types.js';
import { applicationManifest, formatOf } from './application.js';
import type { ConvertInput } from './convert.js';
import type { FormatId } from './types.js';

import { CONVERTIBLE_FILES } from './convertible-files.js';
import type { PathLookup } from '../util/path-lookup.js';

export { CONVERTIBLE_FILES };

const MAX_BYTES = 1024 * 1024;

export async function loadConvertedManifest(source: RepositorySource, files: PathLookup): Promise<LoadedManifest | undefined> {
  const found = new Map<FormatId, ConvertInput>();
  for (const { names, format } of CONVERTIBLE_FILES) {
    for (const name of names.filter((candidate) => files.has(candidate))) {
      const read = await source.readText(name, MAX_BYTES);
      if (!isFileText(read) || read.binary || read.truncated) continue;
      const input = { path: name, text: read.text };
      // A file is used only when its content is what its name says; anything else is left alone.
      if (formatOf(input) === format) {
        found.set(format, input);
        break;
      }
    }
  }
  const dpga = [found.get('dpga-nominee'), found.get('dpga-screening')].filter((input): input is ConvertInput => input !== undefined);
  const publiccode = found.get('publiccode');
  const inputs = dpga.length > 0 ? dpga : publiccode ? [publiccode] : [];
  if (inputs.length === 0) return undefined;
  try {
    return applicationManifest(inputs, 'repository');
  } catch {
    // A record without a name cannot stand in for a manifest; `check` then reports none.
    return undefined;
  }
}
