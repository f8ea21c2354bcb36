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
