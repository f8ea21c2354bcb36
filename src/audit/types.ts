/**
 * The batch audit's data: what is audited (items) and what each audited target leaves in the JSONL
 * file (rows). A row is either a report or an error, never both; its key says which input it answers.
 */
import type { LoadedManifest } from '../manifest/load.js';
import type { Report } from '../report/types.js';
import type { NomineeRecord, RegistryRecordRef } from '../rules/registry-record.js';

export type { RegistryRecordRef };

/** One thing to audit. */
export interface AuditItem {
  /** What the row will say: `github:OWNER/REPO`, a git URL (no credentials), a path. */
  target: string;
  /** What is given to the source: the target as typed (a git URL may carry credentials). */
  open: string;
  /** Identity for --resume, --shard and merge: the target (GitHub names lower-cased) and the record. */
  key: string;
  /** Set when the input cannot be audited at all (not a target, a record without repositories). */
  invalid?: { message: string; exitCode: number };
  /**
   * The record the item comes from; `record` is absent when the file could not be used. `application`
   * is the record (with its screening record) as a manifest: it stands in when the repository has none.
   */
  registry?: { ref: RegistryRecordRef; record?: NomineeRecord; application?: LoadedManifest };
}

export interface LicenseSummary {
  /** The project's licence expression as detected (`NONE`, `NOASSERTION` when unidentified). */
  expression: string;
  files: Array<{ path: string; spdx: string }>;
  declarations: Array<{ path: string; source: string; expression: string }>;
}

export interface AuditReportRow {
  target: string;
  registryRecord?: RegistryRecordRef;
  license?: LicenseSummary;
  report: Report;
}

export interface AuditErrorRow {
  target: string;
  registryRecord?: RegistryRecordRef;
  error: { message: string; exitCode: number; hint?: string };
}

export type AuditRow = AuditReportRow | AuditErrorRow;

export function isErrorRow(row: AuditRow): row is AuditErrorRow {
  return 'error' in row;
}

/** GitHub names are case-insensitive; everything else is compared as written. */
export function targetKey(target: string): string {
  return /^github:/i.test(target) ? target.toLowerCase() : target;
}

export function itemKey(target: string, recordId?: string): string {
  return recordId !== undefined ? `${targetKey(target)} registry:${recordId}` : targetKey(target);
}

export function rowKey(row: AuditRow): string {
  return itemKey(row.target, row.registryRecord?.id);
}

/** Whether a parsed JSON value has the shape of a row (enough to be counted and summarised). */
export function isAuditRow(value: unknown): value is AuditRow {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  if (typeof row.target !== 'string') return false;
  if ('error' in row) return typeof row.error === 'object' && row.error !== null && typeof (row.error as Record<string, unknown>).message === 'string';
  if (typeof row.report !== 'object' || row.report === null) return false;
  const report = row.report as Record<string, unknown>;
  // Every part the summaries read must have its shape: one malformed row is skipped, not fatal.
  const isObject = (item: unknown): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item);
  if (
    !Array.isArray(report.findings) ||
    !report.findings.every(
      (finding) =>
        isObject(finding) &&
        typeof finding.code === 'string' &&
        typeof finding.status === 'string' &&
        typeof finding.message === 'string' &&
        (finding.evidence === undefined || Array.isArray(finding.evidence)),
    )
  )
    return false;
  if (
    report.indicators !== undefined &&
    !(Array.isArray(report.indicators) && report.indicators.every((indicator) => isObject(indicator) && typeof indicator.id === 'string'))
  )
    return false;
  if (report.verdict !== undefined && report.verdict !== 'ready' && report.verdict !== 'not-ready') return false;
  return true;
}
