import { createRequire } from 'node:module';
import { readPackageJson } from '../util/package-files.js';

/** generated/spdx-ids.json, written at build time by scripts/build-spdx-list.js. */
interface SpdxIdLists {
  source: string;
  /** Every current SPDX licence id (spdx-license-ids). */
  current: string[];
  /** The deprecated ids (spdx-license-ids/deprecated.json), such as the bare GPL-3.0. */
  deprecated: string[];
  /** The ids the SPDX licence list marks OSI-approved, current and deprecated alike. */
  osiApproved: string[];
}

let lists: SpdxIdLists | undefined;

/**
 * The SPDX id lists, read from the file generated at build time: one JSON file, which the GitHub
 * Action's bundle carries beside it (it has no node_modules to read spdx-license-ids from). A source
 * checkout that was never built reads the packages themselves (spdx-license-list is a dev dependency).
 */
function spdxIdLists(): SpdxIdLists {
  if (lists) return lists;
  try {
    lists = readPackageJson<SpdxIdLists>('generated/spdx-ids.json');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const require = createRequire(import.meta.url);
    const list = require('spdx-license-list') as Record<string, { osiApproved: boolean }>;
    lists = {
      source: 'node_modules',
      current: require('spdx-license-ids/index.json') as string[],
      deprecated: require('spdx-license-ids/deprecated.json') as string[],
      osiApproved: Object.entries(list)
        .filter(([, entry]) => entry.osiApproved)
        .map(([id]) => id),
    };
  }
  return lists;
}

/** Every current SPDX licence id. */
export function currentSpdxIds(): readonly string[] {
  return spdxIdLists().current;
}

/** The deprecated SPDX licence ids (GPL-3.0, LGPL-2.1+, ...). */
export function deprecatedSpdxIds(): readonly string[] {
  return spdxIdLists().deprecated;
}

let osi: ReadonlySet<string> | undefined;

/** The SPDX ids the SPDX licence list marks OSI-approved. */
export function osiApprovedIds(): ReadonlySet<string> {
  osi ??= new Set(spdxIdLists().osiApproved);
  return osi;
}
