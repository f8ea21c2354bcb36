import { gatherFacts, type GatherOptions } from './facts/gather.js';
import type { TextIdentifier } from './licenses/detect.js';
import type { LoadedManifest } from './manifest/load.js';
import { buildReport } from './report/build.js';
import type { FailOn, Report } from './report/types.js';
import type { RepositorySource } from './source/types.js';
import { toolVersion } from './version.js';

export interface CheckOptions {
  manifest?: LoadedManifest;
  failOn?: FailOn;
  maxFileBytes?: number;
  /** Identification of licence texts; the licence engine's by default. */
  identifyLicenseText?: TextIdentifier;
  /** Stops the check between reads and stages once aborted (the CLI's --deadline). */
  signal?: AbortSignal;
}

/** The whole check of one source: facts, indicators, report. The library entry point. */
export async function checkSource(source: RepositorySource, options: CheckOptions = {}): Promise<Report> {
  const startedAt = new Date();
  const identify = options.identifyLicenseText ?? (await loadTextIdentifier());
  const gatherOptions: GatherOptions = { identifyLicenseText: identify, ...(options.manifest ? { manifest: options.manifest } : {}), ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}), ...(options.signal ? { signal: options.signal } : {}) };
  const facts = await gatherFacts(source, gatherOptions);
  return buildReport(facts, { toolVersion: toolVersion(), startedAt, ...(options.failOn ? { failOn: options.failOn } : {}) });
}

/** The text engine loads its corpus on first use; importing it lazily keeps `--version` light. */
async function loadTextIdentifier(): Promise<TextIdentifier> {
  const { identifyLicenseText } = await import('./licenses/text/identify.js');
  return identifyLicenseText;
}
