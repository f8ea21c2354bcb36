/** dpg-check as a library: check a source, get a report, format it. */
export { runCheck, type CheckRun, type RunCheckOptions } from './app/run-check.js';
export { checkSource, type CheckOptions } from './check.js';
export { allCodes, type RegisteredCode } from './codes.js';
export { DpgCheckError, ExitCode, IncompleteError, UsageError } from './errors.js';
export type { Facts } from './facts/types.js';
export type { Evidence, Finding, FindingStatus, IndicatorId } from './findings.js';
export { formatJson } from './formatters/json.js';
export { formatText } from './formatters/text.js';
export { INDICATORS } from './indicators/index.js';
export type { IndicatorModule } from './indicators/types.js';
export { loadManifestFile, parseManifest, type LoadedManifest } from './manifest/load.js';
export type { DpgManifest } from './manifest/types.js';
export type { Report } from './report/types.js';
export { LocalSource } from './source/local.js';
export { openSource } from './source/open.js';
export type { RepositorySource } from './source/types.js';
