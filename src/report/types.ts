import type { Finding, FindingStatus, IndicatorId } from '../findings.js';
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
}

/** The outcome of one check: what every formatter renders. Its JSON form follows schemas/report.schema.json. */
export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'dpg-check'; version: string };
  standard: { name: 'Digital Public Goods Standard'; version: string };
  source: SourceDescription;
  manifest: { path: string; format: 'yaml' | 'json' } | null;
  verdict: Verdict;
  failOn: FailOn;
  indicators: IndicatorResult[];
  findings: Finding[];
  counts: Record<FindingStatus, number>;
  timing: { startedAt: string; durationMs: number };
}
