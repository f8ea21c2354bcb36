/** dpg-check as a library: check a source, get a report, format it. */
import { checkedFormatter } from './formatters/index.js';
import { formatJson as formatJsonUnchecked } from './formatters/json.js';
import { formatText as formatTextUnchecked } from './formatters/text.js';
export { runCheck, type CheckRun, type RunCheckOptions } from './app/run-check.js';
export { checkSource, type CheckOptions } from './check.js';
export { allCodes, type RegisteredCode } from './rules/codes.js';
export { DpgCheckError, ExitCode, IncompleteError, UsageError } from './errors.js';
export type { Facts } from './facts/types.js';
export type { Evidence, Finding, FindingStatus, IndicatorId } from './findings.js';
/** One JSON document valid against schemas/report.schema.json; a UsageError for anything but a report. */
export const formatJson = checkedFormatter('json', formatJsonUnchecked);
/** Text for people; a UsageError for anything but a report. */
export const formatText = checkedFormatter('text', formatTextUnchecked);
export { loadFormatter, FORMAT_NAMES, type FormatName } from './formatters/index.js';
export { INDICATORS } from './indicators/index.js';
export type { IndicatorModule } from './indicators/types.js';
export { loadManifestFile, parseManifest, type LoadedManifest } from './manifest/load.js';
export type { DpgManifest } from './manifest/types.js';
export type { Report } from './report/types.js';
export { LocalSource } from './source/local.js';
// The library's openSource opens a target as check does: with the checks' read plan (src/app/open-target.ts).
export { openTarget as openSource } from './app/open-target.js';
export type { RepositorySource } from './source/types.js';
