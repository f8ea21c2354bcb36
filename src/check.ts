import { assertCheckOptions, assertSource } from './app/arguments.js';
import { checkOpenSource } from './app/run-check.js';
import type { TextIdentifier } from './licenses/detect.js';
import type { LoadedManifest } from './manifest/load.js';
import type { FailOn, Report } from './report/types.js';
import type { RepositorySource } from './source/types.js';

export interface CheckOptions {
  manifest?: LoadedManifest;
  failOn?: FailOn;
  maxFileBytes?: number;
  /** Identification of licence texts; the licence engine's by default. */
  identifyLicenseText?: TextIdentifier;
  /** Stops the check between reads and stages once aborted (the CLI's --deadline). */
  signal?: AbortSignal;
}

/**
 * The whole check of a source the caller has opened (and disposes of): the library entry point for
 * sources of one's own. It runs the pipeline of `runCheck` (src/app/run-check.ts) from the listing on.
 */
export async function checkSource(source: RepositorySource, options: CheckOptions = {}): Promise<Report> {
  assertSource(source, 'checkSource');
  assertCheckOptions(options, 'checkSource');
  const manifest = options.manifest;
  const { report } = await checkOpenSource(
    source,
    source.description.target,
    {
      ...(options.failOn ? { failOn: options.failOn } : {}),
      ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}),
      ...(options.identifyLicenseText ? { identifyLicenseText: options.identifyLicenseText } : {}),
      ...(manifest ? { loadedManifest: manifest } : {}),
    },
    options.signal,
  );
  return report;
}
