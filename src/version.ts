import { readPackageJson } from './util/package-files.js';

/** The package's own version, read from package.json so that it cannot drift. */
export function toolVersion(): string {
  return readPackageJson<{ version: string }>('package.json').version;
}
