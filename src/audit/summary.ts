/**
 * The audit summary: one row per target (deduplicated by key, a report preferred over an error),
 * indicator statuses, verdict, licence expression and the declared-vs-detected mismatches, written as
 * CSV, JSON, Markdown or a self-contained HTML page (summary-html.ts).
 */
import path from 'node:path';
import { UsageError } from '../errors.js';
import { FINDING_STATUSES, INDICATOR_IDS, type FindingStatus, type IndicatorId } from '../findings.js';
import { INDICATORS } from '../indicators/index.js';
import { STANDARD_VERSION } from '../report/types.js';
import { toolVersion } from '../version.js';
import { redactText } from '../util/redact.js';
import { writeOutput } from '../util/write-output.js';
import { isErrorRow, rowKey, type AuditRow } from './types.js';

export const SUMMARY_FORMATS = ['csv', 'json', 'md', 'html'] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

/** Codes that say a declaration disagrees with the repository (licence declarations, registry records). */
export const MISMATCH_CODES = new Set([
  'license/mismatch',
  'license/notice-mismatch',
  'license/file-not-declared',
  'registry/license-mismatch',
  'registry/license-undetected',
  'registry/license-url-elsewhere',
  'registry/license-url-missing-file',
  'registry/license-declaration-mismatch',
  'registry/sdg-mismatch',
  'registry/type-mismatch',
  'registry/owner-mismatch',
]);

export interface SummaryFinding {
  code: string;
  indicator: string;
  status: FindingStatus;
  message: string;
  /** `path:line` or a URL, or a note. */
  evidence: string[];
  fix?: string;
  question?: string;
  waived?: boolean;
}

export interface SummaryRow {
  target: string;
  key: string;
  record?: { id: string; name: string; stage?: string; file: string; repositoryUrl?: string };
  verdict: 'ready' | 'not-ready' | 'error';
  /**
   * Where the row's manifest came from: `repository` (its own file), `registry` (the application
   * stood in), `given` (a manifest file as the target), `none`; empty for an error row.
   */
  manifest?: 'repository' | 'registry' | 'given' | 'none';
  error?: { message: string; exitCode: number };
  license?: string;
  revision?: string;
  /** Status per indicator; empty for an error row. */
  indicators: Partial<Record<IndicatorId, FindingStatus>>;
  counts?: Record<FindingStatus, number>;
  mismatches: Array<{ code: string; status: FindingStatus; message: string }>;
  findings: SummaryFinding[];
}

export interface SummaryModel {
  generatedAt: string;
  tool: { name: 'dpg-check'; version: string };
  standard: { version: string };
  totals: { targets: number; ready: number; notReady: number; errors: number; mismatches: number };
  indicators: Array<{ id: IndicatorId; title: string; counts: Record<FindingStatus, number> }>;
  rows: SummaryRow[];
}

/** Collects rows (in any order, duplicates allowed) and builds the model. */
export class SummaryBuilder {
  private readonly rows = new Map<string, SummaryRow>();
  duplicates = 0;

  add(row: AuditRow): void {
    const key = rowKey(row);
    const existing = this.rows.get(key);
    if (existing) {
      this.duplicates++;
      // A report beats an error (a shard that retried); otherwise the first row stays.
      if (!(existing.verdict === 'error' && !isErrorRow(row))) return;
    }
    this.rows.set(key, summariseRow(row, key));
  }

  build(now = new Date()): SummaryModel {
    const rows = [...this.rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const indicators = INDICATORS.map((indicator) => {
      const counts = Object.fromEntries(FINDING_STATUSES.map((status) => [status, 0])) as Record<FindingStatus, number>;
      for (const row of rows) {
        const status = row.indicators[indicator.meta.id];
        if (status) counts[status]++;
      }
      return { id: indicator.meta.id, title: indicator.meta.title, counts };
    });
    return {
      generatedAt: now.toISOString(),
      tool: { name: 'dpg-check', version: toolVersion() },
      standard: { version: STANDARD_VERSION },
      totals: {
        targets: rows.length,
        ready: rows.filter((row) => row.verdict === 'ready').length,
        notReady: rows.filter((row) => row.verdict === 'not-ready').length,
        errors: rows.filter((row) => row.verdict === 'error').length,
        mismatches: rows.filter((row) => row.mismatches.length > 0).length,
      },
      indicators,
      rows,
    };
  }
}

function summariseRow(row: AuditRow, key: string): SummaryRow {
  const record = row.registryRecord
    ? {
        id: row.registryRecord.id,
        name: row.registryRecord.name,
        file: row.registryRecord.file,
        ...(row.registryRecord.stage ? { stage: row.registryRecord.stage } : {}),
        ...(row.registryRecord.repositoryUrl ? { repositoryUrl: row.registryRecord.repositoryUrl } : {}),
      }
    : undefined;
  if (isErrorRow(row)) {
    // Rows written by earlier versions (or edited by hand) may hold what redaction would have removed.
    return {
      target: redactText(row.target),
      key,
      ...(record ? { record } : {}),
      verdict: 'error',
      error: { message: redactText(row.error.message), exitCode: row.error.exitCode },
      indicators: {},
      mismatches: [],
      findings: [],
    };
  }
  const report = row.report;
  const indicators: Partial<Record<IndicatorId, FindingStatus>> = {};
  for (const indicator of report.indicators ?? []) if ((INDICATOR_IDS as readonly string[]).includes(indicator.id)) indicators[indicator.id] = indicator.status;
  const findings: SummaryFinding[] = (report.findings ?? []).map((finding) => ({
    code: finding.code,
    indicator: finding.indicator,
    status: finding.status,
    message: finding.message,
    evidence: (finding.evidence ?? [])
      .filter((evidence) => typeof evidence === 'object' && evidence !== null)
      .map((evidence) =>
        [evidence.path ? `${evidence.path}${evidence.line !== undefined ? `:${evidence.line}` : ''}` : '', evidence.url ?? '', evidence.note ?? '']
          .filter(Boolean)
          .join(' '),
      )
      .filter(Boolean),
    ...(finding.fix ? { fix: finding.fix } : {}),
    ...(finding.question ? { question: finding.question } : {}),
    ...(finding.waiver ? { waived: true } : {}),
  }));
  return {
    target: row.target,
    key,
    ...(record ? { record } : {}),
    verdict: report.verdict,
    // Rows of earlier versions carry no origin: their manifest was the repository's own.
    manifest: report.manifest ? (report.manifest.origin ?? 'repository') : 'none',
    ...(row.license ? { license: row.license.expression } : {}),
    ...(report.source?.revision ? { revision: report.source.revision } : {}),
    indicators,
    counts: report.counts,
    mismatches: findings
      .filter((finding) => MISMATCH_CODES.has(finding.code) && !finding.waived)
      .map((finding) => ({ code: finding.code, status: finding.status, message: finding.message })),
    findings,
  };
}

export function summaryFormatOf(file: string, explicit?: string): SummaryFormat {
  if (explicit !== undefined) {
    const wanted = explicit.toLowerCase() === 'markdown' ? 'md' : explicit.toLowerCase();
    if ((SUMMARY_FORMATS as readonly string[]).includes(wanted)) return wanted as SummaryFormat;
    throw new UsageError(`Unknown summary format: ${explicit}`, `Use one of ${SUMMARY_FORMATS.join(', ')}.`);
  }
  // `-` is standard output: Markdown unless --summary-format says otherwise (a terminal, a job summary).
  if (file === '-') return 'md';
  const extension = path.extname(file).slice(1).toLowerCase();
  const format = extension === 'markdown' ? 'md' : extension === 'htm' ? 'html' : extension;
  if ((SUMMARY_FORMATS as readonly string[]).includes(format)) return format as SummaryFormat;
  throw new UsageError(
    `Cannot tell the summary format from ${file}`,
    `Name it .csv, .json, .md or .html, or give --summary-format (${SUMMARY_FORMATS.join(', ')}).`,
  );
}

export async function renderSummary(model: SummaryModel, format: SummaryFormat): Promise<string> {
  switch (format) {
    case 'csv':
      return summaryCsv(model);
    case 'json':
      return `${JSON.stringify({ ...model, rows: model.rows.map(({ findings: _findings, ...rest }) => rest) }, null, 2)}\n`;
    case 'md':
      return summaryMarkdown(model);
    case 'html': {
      const { summaryHtml } = await import('./summary-html.js');
      return summaryHtml(model);
    }
  }
}

export async function writeSummary(file: string, model: SummaryModel, format: SummaryFormat): Promise<void> {
  const text = await renderSummary(model, format);
  if (file === '-') {
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(text, (error) => (error && (error as NodeJS.ErrnoException).code !== 'EPIPE' ? reject(error) : resolve())),
    );
    return;
  }
  await writeOutput(file, text, 'the summary');
}

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
function cell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function summaryCsv(model: SummaryModel): string {
  const header = [
    'target',
    'registry_record',
    'manifest',
    'verdict',
    'license',
    ...INDICATOR_IDS.map((id) => `indicator_${id}`),
    ...FINDING_STATUSES.filter((status) => status !== 'n/a'),
    'mismatches',
    'error',
  ];
  const lines = [header.join(',')];
  for (const row of model.rows) {
    lines.push(
      [
        row.target,
        row.record?.id,
        row.manifest,
        row.verdict,
        row.license,
        ...INDICATOR_IDS.map((id) => row.indicators[id]),
        ...FINDING_STATUSES.filter((status) => status !== 'n/a').map((status) => row.counts?.[status]),
        row.mismatches.map((mismatch) => `${mismatch.code}: ${mismatch.message}`).join(' | '),
        row.error?.message,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function md(text: string | undefined): string {
  return (text ?? '')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/[\r\n]+/g, ' ');
}

const MD_STATUS: Record<FindingStatus, string> = { pass: '✔ pass', fail: '✖ fail', warn: '⚠ warn', review: '? review', 'n/a': '– n/a' };

export function summaryMarkdown(model: SummaryModel): string {
  const { totals } = model;
  const lines: string[] = [
    '# dpg-check audit summary',
    '',
    `${totals.targets} targets: ${totals.ready} ready, ${totals.notReady} not ready, ${totals.errors} could not be checked; ${totals.mismatches} with declared-vs-detected mismatches. DPG Standard ${model.standard.version}, dpg-check ${model.tool.version}, ${model.generatedAt}.`,
    '',
    '## Indicators',
    '',
    `| indicator | ${FINDING_STATUSES.join(' | ')} |`,
    `| --- | ${FINDING_STATUSES.map(() => '---:').join(' | ')} |`,
    ...model.indicators.map(
      (indicator) => `| ${indicator.id}. ${md(indicator.title)} | ${FINDING_STATUSES.map((status) => indicator.counts[status]).join(' | ')} |`,
    ),
    '',
    '## Targets',
    '',
    `| target | record | manifest | verdict | licence | ${INDICATOR_IDS.join(' | ')} |`,
    `| --- | --- | --- | --- | --- | ${INDICATOR_IDS.map(() => ':-:').join(' | ')} |`,
    ...model.rows.map(
      (row) =>
        `| ${md(row.target)} | ${md(row.record?.id)} | ${row.manifest ?? ''} | ${row.verdict} | ${md(row.license)} | ${INDICATOR_IDS.map((id) => (row.indicators[id] ? MD_STATUS[row.indicators[id] as FindingStatus] : '')).join(' | ')} |`,
    ),
  ];
  const mismatched = model.rows.filter((row) => row.mismatches.length > 0);
  if (mismatched.length > 0) {
    lines.push('', '## Declared vs detected', '');
    for (const row of mismatched)
      for (const mismatch of row.mismatches)
        lines.push(`- **${md(row.target)}**${row.record ? ` (${md(row.record.id)})` : ''}: \`${mismatch.code}\` ${md(mismatch.message)}`);
  }
  const errors = model.rows.filter((row) => row.error);
  if (errors.length > 0) {
    lines.push('', '## Could not be checked', '');
    for (const row of errors) lines.push(`- **${md(row.target)}**${row.record ? ` (${md(row.record.id)})` : ''}: ${md(row.error?.message)}`);
  }
  return `${lines.join('\n')}\n`;
}
