import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * The DPGA registry keeps a few records as symbolic links to another record of the same folder
 * (`digitalpublicgoods/mifos-mobile.json` -> `mifos-community-app.json`). Where git checks links out
 * as plain files (core.symlinks=false, a ZIP download, a copy), such a file holds only its target's
 * name. Readers of records follow it: once, and only to a `.json` file in the same folder.
 */
export function linkedRecord(file: string, text: string): string | undefined {
  const target = text.trim();
  if (target.length > 255 || !/^[\w][\w.-]*\.json$/.test(target)) return undefined;
  return path.join(path.dirname(file), target);
}

/**
 * The file to read for a record found by itself (a folder listing, a sibling looked up): itself, or, when
 * it is a symbolic link, its target if that lies in the same folder (as the registry's links do);
 * undefined for a link out of its folder, or anything that is not a file.
 */
export function recordFileToRead(file: string): string | undefined {
  try {
    const info = lstatSync(file);
    if (!info.isSymbolicLink()) return info.isFile() ? file : undefined;
    const target = realpathSync(file);
    return path.dirname(target) === realpathSync(path.dirname(file)) && lstatSync(target).isFile() ? target : undefined;
  } catch {
    return undefined;
  }
}
