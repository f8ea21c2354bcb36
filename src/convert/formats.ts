import type { DpgManifest } from '../manifest/types.js';
import { isRecord } from './answers.js';
import { readDpgManifest, sanitizeManifest, writeDpgJson, writeDpgYaml } from './dpg-manifest.js';
import { isAppRecord, readApp, writeApp } from './dpga-app.js';
import { isNomineeRecord, readNominee, writeNominee } from './dpga-nominee.js';
import { isScreeningRecord, readScreening, writeScreening } from './dpga-screening.js';
import { isPubliccode, readPubliccode, writePubliccode } from './publiccode.js';
import type { FormatId, ReadResult, WriteResult } from './types.js';

/** Which format a parsed document is, from its content alone; undefined when it is none of them. */
export function detectFormat(data: unknown, syntax: 'yaml' | 'json'): FormatId | undefined {
  if (!isRecord(data)) return undefined;
  if (isPubliccode(data)) return 'publiccode';
  if (isScreeningRecord(data)) return 'dpga-screening';
  if (isNomineeRecord(data)) return 'dpga-nominee';
  if (isAppRecord(data)) return 'dpga-app';
  if (typeof data.name === 'string') return syntax === 'json' ? 'dpg-json' : 'dpg-yaml';
  return undefined;
}

/** Reads a parsed document of a known format into the dpg manifest. */
export function readFormat(format: FormatId, data: Record<string, unknown>, textValue: string): ReadResult {
  switch (format) {
    case 'dpg-yaml':
      return readDpgManifest(textValue, 'yaml');
    case 'dpg-json':
      return readDpgManifest(textValue, 'json');
    case 'dpga-nominee':
      return readNominee(data);
    case 'dpga-screening':
      return readScreening(data);
    case 'dpga-app':
      return readApp(data);
    case 'publiccode':
      return readPubliccode(data);
  }
}

export function writeFormat(format: FormatId, manifest: DpgManifest): WriteResult {
  switch (format) {
    case 'dpg-yaml':
      return writeDpgYaml(manifest);
    case 'dpg-json':
      return writeDpgJson(manifest);
    case 'dpga-nominee':
      return writeNominee(manifest);
    case 'dpga-screening':
      return writeScreening(manifest);
    case 'dpga-app':
      return writeApp(manifest);
    case 'publiccode':
      return writePubliccode(manifest);
  }
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
