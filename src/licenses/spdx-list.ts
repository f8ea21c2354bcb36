import { createRequire } from 'node:module';
import { readPackageJson } from '../util/package-files.js';

/** generated/spdx-osi-approved.json, written at build time by scripts/build-spdx-list.js. */
interface OsiList {
  source: string;
  osiApproved: string[];
}

let osi: ReadonlySet<string> | undefined;

/**
 * The SPDX ids the SPDX licence list marks OSI-approved. Read from the list generated at build time;
 * a source checkout that was never built reads the spdx-license-list package (a dev dependency) instead.
 */
export function osiApprovedIds(): ReadonlySet<string> {
  if (osi) return osi;
  let ids: string[];
  try {
    ids = readPackageJson<OsiList>('generated/spdx-osi-approved.json').osiApproved;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const list = createRequire(import.meta.url)('spdx-license-list') as Record<string, { osiApproved: boolean }>;
    ids = Object.entries(list)
      .filter(([, entry]) => entry.osiApproved)
      .map(([id]) => id);
  }
  osi = new Set(ids);
  return osi;
}
