import type { DpgManifest } from '../manifest/types.js';
import { isRecord } from './answers.js';
import { readDpgManifest, sanitizeManifest, writeDpgJson, writeDpgYaml } from './dpg-manifest.js';
import { isAppRecord, readApp, writeApp } from './dpga-app.js';
import { isNomineeRecord, readNominee, writeNominee } from './dpga-nominee.js';
import { isScreeningRecord, readScreening, writeScreening } from './dpga-screening.js';
import { isPubliccode, readPubliccode, writePubliccode } from './publiccode.js';
import type { FormatId, ReadResult, WriteResult } from './types.js';

/** What a format is to `convert`: how to tell it from its content, read it into the manifest and write it. */
interface Codec {
  /** Whether a parsed document is of this format, from its content alone. */
  detect: (data: Record<string, unknown>, syntax: 'yaml' | 'json') => boolean;
  read: (data: Record<string, unknown>, text: string) => ReadResult;
  write: (manifest: DpgManifest) => WriteResult;
}

/**
 * Every format `convert` reads and writes, as data: adding one is its module plus one row here (and its
 * id in FORMAT_IDS, which the CLI's choices come from). Rows are in detection order: the registry's
 * and publiccode's own markers first, a plain manifest (anything with a name) last.
 */
const CODECS: Readonly<Record<FormatId, Codec>> = {
  publiccode: { detect: isPubliccode, read: (data) => readPubliccode(data), write: writePubliccode },
  'dpga-screening': { detect: isScreeningRecord, read: (data) => readScreening(data), write: writeScreening },
  'dpga-nominee': { detect: isNomineeRecord, read: (data) => readNominee(data), write: writeNominee },
  'dpga-app': { detect: isAppRecord, read: (data) => readApp(data), write: writeApp },
  'dpg-json': {
    detect: (data, syntax) => syntax === 'json' && typeof data.name === 'string',
    read: (_data, text) => readDpgManifest(text, 'json'),
    write: writeDpgJson,
  },
  'dpg-yaml': {
    detect: (data, syntax) => syntax === 'yaml' && typeof data.name === 'string',
    read: (_data, text) => readDpgManifest(text, 'yaml'),
    write: writeDpgYaml,
  },
};

/** Which format a parsed document is, from its content alone; undefined when it is none of them. */
export function detectFormat(data: unknown, syntax: 'yaml' | 'json'): FormatId | undefined {
  if (!isRecord(data)) return undefined;
  return (Object.keys(CODECS) as FormatId[]).find((format) => CODECS[format].detect(data, syntax));
}

/** Reads a parsed document of a known format into the dpg manifest. */
export function readFormat(format: FormatId, data: Record<string, unknown>, textValue: string): ReadResult {
  return CODECS[format].read(data, textValue);
}

export function writeFormat(format: FormatId, manifest: DpgManifest): WriteResult {
  return CODECS[format].write(manifest);
}

/** A nominee and its screening record are two halves of one application: one manifest. */
export function mergeNomineeAndScreening(nominee: ReadResult, screening: ReadResult): ReadResult {
  const lost = [...nominee.lost, ...screening.lost];
  const owners = nominee.manifest.ownership?.owners;
  const ownership = { ...(owners ? { owners } : {}), ...screening.manifest.ownership };
  const merged: DpgManifest = { ...nominee.manifest, ...screening.manifest, name: nominee.manifest.name };
  if (Object.keys(ownership).length > 0) merged.ownership = ownership;
  else delete merged.ownership;
  // The nominee's stage, sectors and organisations, the screening record's countries.
  const registry = { ...nominee.manifest.registry, ...screening.manifest.registry };
  if (Object.keys(registry).length > 0) merged.registry = registry;
  return sanitizeManifest(merged, lost);
}
