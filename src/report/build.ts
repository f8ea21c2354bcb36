import { allCodes } from '../rules/codes.js';
import type { Facts } from '../facts/types.js';
import type { LoadedManifest } from '../manifest/load.js';
import {
  FINDING_STATUSES,
  renderTemplate,
  worstStatus,
  type ArgValue,
  type CodeDefinition,
  type DraftArgs,
  type Evidence,
  type Finding,
  type FindingArgs,
  type FindingDraft,
  type FindingGroup,
  type FindingStatus,
  type IndicatorId,
} from '../findings.js';
import { INDICATORS } from '../indicators/index.js';
import { manifestFindings } from '../rules/manifest.js';
import { applyPolicies, type PolicyInput } from '../policy/apply.js';
import type { LoadedPolicy } from '../policy/types.js';
import { REPORT_SCHEMA_VERSION, STANDARD_VERSION, type FailOn, type Report } from './types.js';

export interface BuildOptions {
  toolVersion: string;
  /** From the command line; overrides the policy's `failOn`. */
  failOn?: FailOn;
  startedAt: Date;
  /** The date waivers are judged against (today by default). */
  today?: Date;
  /** The registry cross-check's findings (audit --registry): rendered, waived and counted like every other. */
  registryFindings?: readonly FindingDraft[];
  /** A reviewer's policy (--policy FILE), applied after the repository's; its failOn wins. */
  reviewerPolicy?: LoadedPolicy;
  /** Whether the repository's own policy is applied (the default) or only reported (a reviewer's audit). */
  repositoryPolicy?: 'apply' | 'report';
}

/** Runs every indicator over the facts, applies the project's policy and assembles the report. */
export function buildReport(facts: Facts, options: BuildOptions): Report {
  const codes = allCodes();
  const render = (group: FindingGroup, draft: FindingDraft): Finding => {
    const definition = codes.get(draft.code);
    if (!definition || definition.group !== group)
      throw new Error(
        `${group === 'manifest' || group === 'policy' || group === 'registry' ? group : `indicator ${group}`} returned the unregistered code ${draft.code}`,
      );
    const args = givenArgs(draft.args ?? {});
    return {
      code: draft.code,
      indicator: group,
      status: definition.status,
      title: definition.title,
      message: renderTemplate(definition.message, args),
      evidence: uniqueEvidence(draft.evidence ?? []),
      ...(definition.fix && definition.status !== 'pass' && definition.status !== 'n/a' ? { fix: renderTemplate(definition.fix, args) } : {}),
      ...(definition.question ? { question: renderTemplate(definition.question, args) } : {}),
      ...(Object.keys(args).length > 0 ? { args } : {}),
    };
  };

  const rendered: Finding[] = manifestFindings(facts).map((draft) => render('manifest', draft));
  for (const indicator of INDICATORS) rendered.push(...indicator.check(facts).map((draft) => render(indicator.meta.id, draft)));
  rendered.push(...(options.registryFindings ?? []).map((draft) => render('registry', draft)));
  const policies: Array<PolicyInput & { from: 'repository' | 'reviewer' }> = [
    ...(facts.policy ? [{ loaded: facts.policy, applied: options.repositoryPolicy !== 'report', from: 'repository' as const }] : []),
    ...(options.reviewerPolicy ? [{ loaded: options.reviewerPolicy, applied: true, from: 'reviewer' as const }] : []),
  ];
  const outcome = applyPolicies(rendered, policies, new Set(codes.keys()), options.today ?? new Date());
  const findings = [...outcome.findings, ...outcome.drafts.map((draft) => render('policy', draft))];
  const failOn: FailOn = options.failOn ?? outcome.failOn ?? 'fail';

  const appliedPolicy = policies.find((policy) => policy.applied && policy.from === 'repository') ?? policies.find((policy) => policy.applied);
  const counted = (finding: Finding): boolean => !finding.waiver;
  const indicators: Report['indicators'] = INDICATORS.map((indicator) => {
    const own = findings.filter((finding) => finding.indicator === indicator.meta.id && counted(finding));
    const waivedCodes = [...new Set(findings.filter((finding) => finding.indicator === indicator.meta.id && finding.waiver).map((finding) => finding.code))];
    const skipped = outcome.skipped.get(indicator.meta.id);
    // With every finding waived, the indicator passes by the waiver: never "n/a", which reads as "does not apply".
    const status = skipped !== undefined ? 'n/a' : own.length === 0 && waivedCodes.length > 0 ? 'pass' : worstStatus(own.map((finding) => finding.status));
    return {
      id: indicator.meta.id,
      title: indicator.meta.title,
      requirement: indicator.meta.requirement,
      url: indicator.meta.url,
      status,
      counts: countStatuses(own),
      ...(skipped !== undefined ? { skipped } : {}),
      ...(waivedCodes.length > 0 ? { waived: waivedCodes } : {}),
      ...(outcome.required.has(indicator.meta.id) ? { required: true } : {}),
    };
  });

  const blocks = (finding: Finding): boolean => {
    if (finding.waiver) return false;
    if (outcome.skipped.has(finding.indicator as IndicatorId)) return false;
    if (finding.status === 'fail') return true;
    if (finding.status === 'warn' && failOn === 'warn') return true;
    return (finding.status === 'warn' || finding.status === 'review') && outcome.required.has(finding.indicator as IndicatorId);
  };
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'dpg-check', version: options.toolVersion },
    standard: { name: 'Digital Public Goods Standard', version: STANDARD_VERSION },
    source: facts.source,
    manifest: facts.manifest ? manifestSummary(facts.manifest) : null,
    policy: appliedPolicy ? { path: appliedPolicy.loaded.path } : null,
    ...(policies.length > 0 ? { policies: policies.map((policy) => ({ path: policy.loaded.path, from: policy.from, applied: policy.applied })) } : {}),
    verdict: findings.some(blocks) ? 'not-ready' : 'ready',
    failOn,
    indicators,
    findings,
    counts: countStatuses(findings.filter(counted)),
    waived: findings.filter((finding) => finding.waiver).length,
    ...notAnswered(facts, findings, codes, outcome.skipped),
    timing: { startedAt: options.startedAt.toISOString(), durationMs: Date.now() - options.startedAt.getTime() },
  };
}

/** A draft's arguments as the report keeps them: an optional argument that was not given is left out (and `args` with none). */
function givenArgs(args: DraftArgs): FindingArgs {
  const kept: Record<string, ArgValue> = {};
  for (const [name, value] of Object.entries(args)) if (value !== undefined) kept[name] = value;
  return kept;
}

/**
 * A first run (a repository with no manifest): which of the application's questions are not answered
 * yet, so that formats say so once and point to `dpg-check init` instead of repeating "the manifest
 * declares no ..." under every indicator. The findings stay in the report, and the verdict is unchanged.
 */
function notAnswered(
  facts: Facts,
  findings: readonly Finding[],
  codes: ReadonlyMap<string, CodeDefinition>,
  skipped: ReadonlyMap<IndicatorId, string>,
): Pick<Report, 'notAnswered'> {
  if (facts.manifest || !facts.hasRepository) return {};
  // A question of an indicator the policy skips is not asked at all.
  const unanswered = findings.filter((finding) => !finding.waiver && codes.get(finding.code)?.unanswered && !skipped.has(finding.indicator as IndicatorId));
  if (unanswered.length === 0) return {};
  return {
    notAnswered: {
      codes: [...new Set(unanswered.map((finding) => finding.code))],
      indicators: [...new Set(unanswered.map((finding) => finding.indicator as IndicatorId))],
    },
  };
}

function manifestSummary(manifest: LoadedManifest): NonNullable<Report['manifest']> {
  const converted = manifest.convertedFrom;
  return {
    path: manifest.path,
    format: manifest.format,
    origin: manifest.origin,
    ...(converted ? { madeFrom: converted.files.map((file, index) => ({ path: file, format: converted.formats[index] ?? 'unknown' })) } : {}),
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
