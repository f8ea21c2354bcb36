/**
 * A manifest file named on the command line, in whatever format it is written: a dpg manifest, or an
 * application in another format (a DPGA nominee record, a screening record, an application API record,
 * a publiccode.yml) read as `dpg-check convert` reads it. For a reviewer the application is the manifest.
 *
 * A nominee record is half an application: its screening record (the answers to indicators 3 to 9) is
 * merged in when it is named with `--screening`, or found under the same file name in a sibling
 * `digitalpublicgoods/` folder, which is how the DPGA registry lays them out.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { parseManifest, readManifestFile, type LoadedManifest, type ManifestOrigin } from '../manifest/load.js';
import { recordFileToRead } from '../util/record-link.js';
import { identifyInput, readInputs, type ConvertInput } from './convert.js';
import type { FormatId } from './types.js';

/** Where the registry keeps screening records, beside the `nominees/` folder. */
export const SCREENING_FOLDER = 'digitalpublicgoods';
/** Where the registry keeps nominee records, beside the `digitalpublicgoods/` folder. */
export const NOMINEE_FOLDER = 'nominees';

export interface ManifestInputOptions {
  /** A screening record to merge with a nominee record (`--screening`). */
  screening?: string;
  origin?: ManifestOrigin;
}

/** Loads a manifest file in any format `convert` reads; a dpg manifest keeps the positions of its values. */
export async function loadManifestInput(filePath: string, options: ManifestInputOptions = {}): Promise<LoadedManifest> {
  const origin = options.origin ?? 'given';
  const read = await readManifestFile(filePath);
  if (typeof read !== 'string') return read;
  const format = formatOf({ path: filePath, text: read });
  if (format === undefined || format === 'dpg-yaml' || format === 'dpg-json') {
    if (options.screening !== undefined) throw new UsageError(`--screening goes with a DPGA nominee record; ${filePath} is a dpg manifest.`);
    // A dpg manifest, or something no format claims: the manifest parser reports what is wrong where.
    return parseManifest(filePath, read, origin);
  }
  const inputs: ConvertInput[] = [{ path: filePath, text: read }];
  if (options.screening !== undefined) {
    if (format !== 'dpga-nominee') throw new UsageError(`--screening goes with a DPGA nominee record; ${filePath} is ${describe(format)}.`);
    inputs.push(await readRecord(options.screening, 'dpga-screening'));
  } else if (format === 'dpga-nominee') {
    const sibling = siblingRecord(filePath, SCREENING_FOLDER);
    const screening = sibling ? await readRecord(sibling, 'dpga-screening').catch(() => undefined) : undefined;
    if (screening) inputs.push(screening);
  } else if (format === 'dpga-screening') {
    // The other half of the application: its nominee record names it, its SDGs, licences and owner.
    const sibling = siblingRecord(filePath, NOMINEE_FOLDER);
    const nominee = sibling ? await readRecord(sibling, 'dpga-nominee').catch(() => undefined) : undefined;
    if (nominee) inputs.unshift(nominee);
  }
  return applicationManifest(inputs, origin);
}

/** A manifest made from application records (one file, or a nominee with its screening record). */
export function applicationManifest(inputs: readonly ConvertInput[], origin: ManifestOrigin): LoadedManifest {
  const first = inputs[0];
  if (!first) throw new Error('an application needs at least one record');
  const result = readInputs(inputs);
  return {
    path: first.path,
    format: /\.json$/i.test(first.path) || /^\s*[[{]/.test(first.text) ? 'json' : 'yaml',
    origin,
    data: result.manifest,
    problems: [],
    // The converted values have no place of their own in the record: evidence points at the file.
    locate: () => ({ line: 1, column: 1 }),
    convertedFrom: { files: result.formats.map((entry) => entry.path), formats: result.formats.map((entry) => entry.format), lost: result.lost.length },
  };
}

/** The record of the same file name in a sibling folder of the registry's layout, when there is one. */
export function siblingRecord(filePath: string, folder: string): string | undefined {
  const candidate = path.join(path.dirname(path.dirname(path.resolve(filePath))), folder, path.basename(filePath));
  if (path.resolve(candidate) === path.resolve(filePath)) return undefined;
  try {
    // Found by name, not named by the user: a link is followed only within its folder.
    if (!existsSync(candidate) || recordFileToRead(candidate) === undefined) return undefined;
    // Named as the given file is: absolute for an absolute path, else relative to the current folder.
    return path.isAbsolute(filePath) ? candidate : path.relative(process.cwd(), candidate);
  } catch {
    return undefined;
  }
}

/** The format a file's content is in; undefined when it cannot be parsed or is no known format. */
export function formatOf(input: ConvertInput): FormatId | undefined {
  try {
    return identifyInput(input).format;
  } catch {
    return undefined;
  }
}

async function readRecord(filePath: string, expected: FormatId): Promise<ConvertInput> {
  const read = await readManifestFile(filePath);
  if (typeof read !== 'string') throw new UsageError(`${filePath}: ${read.problems[0]?.message ?? 'cannot be read'}`);
  const input = { path: filePath, text: read };
  const format = identifyInput(input).format;
  if (format !== expected) throw new UsageError(`${filePath} is ${describe(format)}, not ${describe(expected)}.`);
  return input;
}

function describe(format: FormatId): string {
  switch (format) {
    case 'dpga-nominee':
      return 'a DPGA nominee record';
    case 'dpga-screening':
      return 'a DPGA screening record';
    case 'dpga-app':
      return 'an application API record';
    case 'publiccode':
      return 'a publiccode.yml';
    default:
      return 'a dpg manifest';
  }
}
