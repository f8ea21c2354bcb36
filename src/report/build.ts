import { allCodes } from '../codes.js';
import type { Facts } from '../facts/types.js';
import { FINDING_STATUSES, renderTemplate, worstStatus, type Evidence, type Finding, type FindingDraft, type FindingGroup, type FindingStatus } from '../findings.js';
import { INDICATORS } from '../indicators/index.js';
import { manifestFindings } from '../manifest/codes.js';
import { REPORT_SCHEMA_VERSION, STANDARD_VERSION, type FailOn, type Report } from './types.js';

export interface BuildOptions {
  toolVersion: string;
  failOn: FailOn;
  startedAt: Date;
}

/** Runs every indicator over the facts and assembles the report. Pure apart from the clock. */
export function buildReport(facts: Facts, options: BuildOptions): Report {
  const codes = allCodes();
  const render = (group: FindingGroup, draft: FindingDraft): Finding => {
    const definition = codes.get(draft.code);
    if (!definition || definition.group !== group) throw new Error(`${group === 'manifest' ? 'manifest' : `indicator ${group}`} returned the unregistered code ${draft.code}`);
    const args = draft.args ?? {};
    return {
      code: draft.code,
      indicator: group,
      status: definition.status,
      title: definition.title,
      message: renderTemplate(definition.message, args),
      evidence: uniqueEvidence(draft.evidence ?? []),
      ...(definition.fix && definition.status !== 'pass' && definition.status !== 'n/a' ? { fix: renderTemplate(definition.fix, args) } : {}),
      ...(definition.question ? { question: renderTemplate(definition.question, args) } : {}),
      ...(draft.args ? { args: draft.args } : {}),
    };
  };

  const findings: Finding[] = manifestFindings(facts).map((draft) => render('manifest', draft));
  const indicators: Report['indicators'] = [];
  for (const indicator of INDICATORS) {
    const rendered = indicator.check(facts).map((draft) => render(indicator.meta.id, draft));
    findings.push(...rendered);
    indicators.push({
      id: indicator.meta.id,
      title: indicator.meta.title,
      requirement: indicator.meta.requirement,
      url: indicator.meta.url,
      status: worstStatus(rendered.map((finding) => finding.status)),
      counts: countStatuses(rendered),
    });
  }
  const counts = countStatuses(findings);
  const blocking = counts.fail > 0 || (options.failOn === 'warn' && counts.warn > 0);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'dpg-check', version: options.toolVersion },
    standard: { name: 'Digital Public Goods Standard', version: STANDARD_VERSION },
    source: facts.source,
    manifest: facts.manifest ? { path: facts.manifest.path, format: facts.manifest.format } : null,
    verdict: blocking ? 'not-ready' : 'ready',
    failOn: options.failOn,
    indicators,
    findings,
    counts,
    timing: { startedAt: options.startedAt.toISOString(), durationMs: Date.now() - options.startedAt.getTime() },
  };
}

function uniqueEvidence(evidence: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((item) => {
    const key = JSON.stringify([item.path, item.line, item.column, item.url, item.note]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function countStatuses(findings: readonly Finding[]): Record<FindingStatus, number> {
  const counts = Object.fromEntries(FINDING_STATUSES.map((status) => [status, 0])) as Record<FindingStatus, number>;
  for (const finding of findings) counts[finding.status]++;
  return counts;
}
