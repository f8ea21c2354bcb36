import type { Finding, FindingGroup, FindingStatus, IndicatorId } from '../findings.js';
import type { Report } from '../report/types.js';
import type { Formatter } from './types.js';

/**
 * What the verdict rests on, for the formatters that state it in words (badge, Markdown, HTML).
 * Waived findings stay in every output but block nothing, so they are counted apart.
 */
export interface VerdictSummary {
  ready: boolean;
  /** Indicators with an unwaived failing finding, in the Standard's order. */
  failingIndicators: IndicatorId[];
  /** Indicators with an unwaived warning (they block only under `failOn: 'warn'`). */
  warningIndicators: IndicatorId[];
  manifestFails: boolean;
  /** Counts of unwaived findings by status. */
  open: Record<FindingStatus, number>;
  waived: number;
  /** Why the report is not ready, e.g. "indicators 3, 5 fail"; empty when ready. */
  because: string;
}

export function isWaived(finding: Finding): boolean {
  return finding.waiver !== undefined;
}

export function summarizeVerdict(report: Report): VerdictSummary {
  const open: Record<FindingStatus, number> = { fail: 0, warn: 0, review: 0, pass: 0, 'n/a': 0 };
  const failing = new Set<FindingGroup>();
  const warning = new Set<FindingGroup>();
  let waived = 0;
  for (const finding of report.findings) {
    if (isWaived(finding)) {
      waived++;
      continue;
    }
    open[finding.status]++;
    if (finding.status === 'fail') failing.add(finding.indicator);
    if (finding.status === 'warn') warning.add(finding.indicator);
  }
  const ids = report.indicators.map((indicator) => indicator.id);
  const failingIndicators = ids.filter((id) => failing.has(id));
  const warningIndicators = ids.filter((id) => warning.has(id));
  const manifestFails = failing.has('manifest');
  const ready = report.verdict === 'ready';
  let because = '';
  if (!ready) {
    const parts: string[] = [];
    if (failingIndicators.length > 0)
      parts.push(`${plural(failingIndicators.length, 'indicator')} ${failingIndicators.join(', ')} ${failingIndicators.length === 1 ? 'fails' : 'fail'}`);
    if (manifestFails) parts.push('the manifest fails');
    if (parts.length === 0 && report.failOn === 'warn' && warningIndicators.length > 0) {
      parts.push(
        `${plural(warningIndicators.length, 'indicator')} ${warningIndicators.join(', ')} ${warningIndicators.length === 1 ? 'warns' : 'warn'} (failing on warnings)`,
      );
    }
    if (parts.length === 0 && report.failOn === 'warn' && warning.has('manifest')) parts.push('the manifest warns (failing on warnings)');
    because = parts.length > 0 ? parts.join(' and ') : 'see the findings';
  }
  return { ready, failingIndicators, warningIndicators, manifestFails, open, waived, because };
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}

export interface EndpointBadge {
  schemaVersion: 1;
  label: string;
  message: string;
  color: 'brightgreen' | 'yellow' | 'red';
}

/**
 * A shields.io endpoint badge (https://shields.io/badges/endpoint-badge): serve this JSON anywhere
 * and point `https://img.shields.io/endpoint?url=...` at it. Green when ready with nothing left to
 * look at, yellow when ready with warnings or questions for a reviewer, red when not ready.
 */
export function badgeFor(report: Report): EndpointBadge {
  const summary = summarizeVerdict(report);
  const total = report.indicators.length;
  const label = 'DPG readiness';
  if (!summary.ready) {
    const failing = summary.failingIndicators.length;
    const warning = summary.warningIndicators.length;
    let message: string;
    if (failing > 0) message = `${failing} of ${total} indicators ${failing === 1 ? 'fails' : 'fail'}`;
    else if (summary.manifestFails) message = 'manifest fails';
    else if (report.failOn === 'warn' && warning > 0) message = `${warning} of ${total} indicators ${warning === 1 ? 'warns' : 'warn'}`;
    else message = 'not ready';
    return { schemaVersion: 1, label, message, color: 'red' };
  }
  const notes: string[] = [];
  if (summary.open.warn > 0) notes.push(`${summary.open.warn} ${summary.open.warn === 1 ? 'warning' : 'warnings'}`);
  if (summary.open.review > 0) notes.push(`${summary.open.review} to review`);
  if (notes.length === 0) return { schemaVersion: 1, label, message: 'ready', color: 'brightgreen' };
  return { schemaVersion: 1, label, message: `ready, ${notes.join(', ')}`, color: 'yellow' };
}

export const formatBadge: Formatter = (report) => `${JSON.stringify(badgeFor(report), null, 2)}\n`;
