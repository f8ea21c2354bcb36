import type { Finding, FindingStatus, IndicatorId } from '../findings.js';
import type { ManifestOrigin } from '../manifest/load.js';
import type { SourceDescription } from '../source/types.js';

export const STANDARD_VERSION = '1.1.7';
export const REPORT_SCHEMA_VERSION = 1;

export type Verdict = 'ready' | 'not-ready';
export type FailOn = 'fail' | 'warn';

export interface IndicatorResult {
  id: IndicatorId;
  title: string;
  requirement: string;
  url: string;
  status: FindingStatus;
  counts: Record<FindingStatus, number>;
  /** Set when the project policy leaves this indicator out of the verdict: the reason. */
  skipped?: string;
  /** Set when the project policy holds this indicator strictly (warnings and reviews fail). */
  required?: boolean;
  /** The codes of this indicator's findings that a waiver covers (the indicator may pass by them). */
  waived?: string[];
}

/** The outcome of one check: what every formatter renders. Its JSON form follows schemas/report.schema.json. */
export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'dpg-check'; version: string };
  standard: { name: 'Digital Public Goods Standard'; version: string };
  source: SourceDescription;
  /**
   * The manifest that was read: where it came from (the repository, a file given on the command line,
   * a registry record) and, when it was converted from application records, which files made it.
   */
  manifest: { path: string; format: 'yaml' | 'json'; origin: ManifestOrigin; madeFrom?: Array<{ path: string; format: string }> } | null;
  verdict: Verdict;
  failOn: FailOn;
  indicators: IndicatorResult[];
  findings: Finding[];
  /** Findings by status, not counting waived ones. */
  counts: Record<FindingStatus, number>;
  /** How many findings a waiver covers. */
  waived: number;
  /** The policy file applied, when there was one (the repository's, else the reviewer's). */
  policy: { path: string } | null;
  /** Every policy read, applied or only reported (a repository's policy in a reviewer's audit). */
  policies?: Array<{ path: string; from: 'repository' | 'reviewer'; applied: boolean }>;
  /**
   * With no manifest (a first run): the application's questions not answered yet, by finding code and
   * indicator. Formats say so once and point to `dpg-check init`; the findings are in `findings` too.
   */
  notAnswered?: { codes: string[]; indicators: IndicatorId[] };
  timing: { startedAt: string; durationMs: number };
}
