import { defineCodes, type DraftOf, type Finding, type IndicatorId } from '../findings.js';
import { closeCodes } from '../util/suggest.js';
import type { LoadedPolicy } from './types.js';

export const POLICY_CODES = defineCodes({
  'policy/invalid': {
    status: 'fail',
    title: 'Policy is not valid',
    description: 'A policy that cannot be read or breaks schemas/policy.schema.json is not applied as written; the part that is valid still is.',
    message: '{path}: {detail}{?suggestion:; did you mean {suggestion}?}',
    fix: 'Correct the policy at the given line (schemas/policy.schema.json says what is allowed).',
  },
  'policy/waiver-expired': {
    status: 'fail',
    title: 'Waiver expired',
    description:
      'A waiver holds until its expiry date; after it the finding counts again, and the expired waiver itself fails so that it is renewed or removed on purpose.',
    message: 'The waiver for {code}{?path: in {path}} expired on {expires} ("{reason}").',
    fix: 'Fix the finding and remove the waiver, or renew it with a new expiry date and reason.',
  },
  'policy/waiver-unknown-code': {
    status: 'warn',
    title: 'Waiver for an unknown code',
    description:
      'A waiver names a finding code dpg-check does not have (a typo, or a code that was renamed); it waives nothing. The closest known code is suggested.',
    message: 'The waiver for {code} names no known finding code.{?suggestion: Did you mean {suggestion}?}',
    fix: 'Use a code from docs/checks.md (`dpg-check explain CODE` tells what one means).',
  },
  'policy/waiver-unused': {
    status: 'warn',
    title: 'Waiver matches nothing',
    description: 'A waiver that matches no finding is stale: the problem was fixed, or the path is wrong.',
    message: 'The waiver for {code}{?path: in {path}} matches no finding.',
    fix: 'Remove the waiver, or correct its path.',
  },
  'policy/repository-policy-not-applied': {
    status: 'review',
    title: "Repository's policy not applied",
    description:
      "In a reviewer's audit the audited repository does not decide its own verdict: what its policy (.dpg-check.yaml, or policy: in its manifest) asks for (waivers, skipped or required indicators, failOn) is reported and not applied. Each finding it would waive shows the waiver it asks for. `dpg-check audit --apply-repository-policy` applies it; a reviewer's own policy (--policy FILE) applies to every target.",
    message:
      'The repository policy {path} is not applied; it asks for: {?waivers:{waivers} {waivers|waiver|waivers} (matching {matched} {matched|finding|findings})}{?skipped:{?waivers:; }skipping {skipped|indicator|indicators} {skipped}}{?required:{?waivers,skipped:; }requiring {required|indicator|indicators} {required}}{?failOn:{?waivers,skipped,required:; }failOn: {failOn}}{?invalid:{?waivers,skipped,required,failOn:; }{invalid} invalid {invalid|entry|entries} ({problem})}.',
    question:
      'Are the waivers and settings the repository asks for justified? If so, waive the findings in your own policy (--policy FILE) or audit with --apply-repository-policy.',
  },
  'policy/indicator-skipped': {
    status: 'n/a',
    title: 'Indicator skipped by policy',
    description: 'The project policy leaves this indicator out of the verdict; its findings are still reported.',
    message: 'Indicator {indicator} is skipped: {reason}',
  },
});

/** A finding about the policy: one of its codes, with the arguments its templates name. */
type Draft = DraftOf<typeof POLICY_CODES>;

export interface PolicyOutcome {
  findings: Finding[];
  /** Policy findings (expired waivers and the like) to add to the report. */
  drafts: Draft[];
  skipped: Map<IndicatorId, string>;
  required: Set<IndicatorId>;
  failOn?: 'fail' | 'warn';
}

/** Today's date as YYYY-MM-DD in UTC: waivers expire at the end of their day, wherever CI runs. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A policy and whether it is applied or only reported (a repository's policy in a reviewer's audit). */
export interface PolicyInput {
  loaded: LoadedPolicy;
  applied: boolean;
}

/**
 * Applies several policies in order (the repository's, then the reviewer's, whose failOn wins): those
 * applied waive findings and set indicators; those not applied only mark what they would waive.
 */
export function applyPolicies(findings: readonly Finding[], policies: readonly PolicyInput[], knownCodes: ReadonlySet<string>, today: Date): PolicyOutcome {
  const outcome: PolicyOutcome = { findings: [...findings], drafts: [], skipped: new Map(), required: new Set() };
  for (const { loaded, applied } of policies) {
    if (!applied) {
      const requested = requestPolicy(outcome.findings, loaded, knownCodes, today);
      outcome.findings = requested.findings;
      outcome.drafts.push(...requested.drafts);
      continue;
    }
    const one = applyPolicy(outcome.findings, loaded, knownCodes, today);
    outcome.findings = one.findings;
    outcome.drafts.push(...one.drafts);
    for (const [id, reason] of one.skipped) outcome.skipped.set(id, reason);
    for (const id of one.required) outcome.required.add(id);
    if (one.failOn) outcome.failOn = one.failOn;
  }
  return outcome;
}

/**
 * A policy that is reported, not applied: each finding a live waiver of it matches gains
 * `requestedWaiver`, and one finding says what the policy asks for. Nothing changes a verdict.
 */
function requestPolicy(
  findings: readonly Finding[],
  loaded: LoadedPolicy,
  knownCodes: ReadonlySet<string>,
  today: Date,
): { findings: Finding[]; drafts: Draft[] } {
  const { policy } = loaded;
  const result = [...findings];
  const todayText = isoDate(today);
  // Only waivers that would take effect count: a known code, not expired; a finding is counted once.
  let waivers = 0;
  const covered = new Set<number>();
  for (const waiver of policy.waivers ?? []) {
    if (!knownCodes.has(waiver.code) || waiver.expires < todayText) continue;
    waivers++;
    result.forEach((finding, position) => {
      if (
        finding.code !== waiver.code ||
        finding.waiver ||
        finding.requestedWaiver ||
        (waiver.path && !finding.evidence.some((item) => item.path === waiver.path))
      )
        return;
      result[position] = { ...finding, requestedWaiver: { reason: waiver.reason, expires: waiver.expires, policy: loaded.path } };
      covered.add(position);
    });
  }
  const settings = Object.entries(policy.indicators ?? {}) as Array<[IndicatorId, { skip?: boolean; required?: boolean }]>;
  const skipped = settings.filter(([, setting]) => setting.skip).map(([id]) => id);
  const required = settings.filter(([, setting]) => setting.required).map(([id]) => id);
  if (waivers === 0 && skipped.length === 0 && required.length === 0 && !policy.failOn && loaded.problems.length === 0) return { findings: result, drafts: [] };
  const args = {
    path: loaded.path,
    ...(waivers > 0 ? { waivers, matched: covered.size } : {}),
    skipped,
    required,
    failOn: policy.failOn,
    ...(loaded.problems.length > 0 ? { invalid: loaded.problems.length, problem: loaded.problems[0]?.message ?? '' } : {}),
  };
  return { findings: result, drafts: [{ code: 'policy/repository-policy-not-applied', args, evidence: [evidenceAt(loaded, '')] }] };
}

/**
 * Applies waivers and per-indicator settings to rendered findings. Pure: the date is passed in.
 * Waived findings keep their status and gain `waiver`; the report builder leaves them out of the verdict.
 */
export function applyPolicy(findings: readonly Finding[], loaded: LoadedPolicy | undefined, knownCodes: ReadonlySet<string>, today: Date): PolicyOutcome {
  const outcome: PolicyOutcome = { findings: [...findings], drafts: [], skipped: new Map(), required: new Set() };
  if (!loaded) return outcome;
  const { policy } = loaded;
  for (const problem of loaded.problems) {
    // A waiver code that is not even shaped like one (no area, capitals) is a mistyped code too.
    const closest = problem.waiverCode === undefined ? undefined : closeCodes(problem.waiverCode, knownCodes, 1)[0];
    outcome.drafts.push({
      code: 'policy/invalid',
      args: { path: loaded.path, detail: problem.message, suggestion: closest },
      evidence: [{ path: loaded.path, ...(problem.position ? { line: problem.position.line, column: problem.position.column } : {}) }],
    });
  }
  if (policy.failOn) outcome.failOn = policy.failOn;
  for (const [id, setting] of Object.entries(policy.indicators ?? {}) as Array<[IndicatorId, { skip?: boolean; required?: boolean; reason: string }]>) {
    if (setting.skip) {
      outcome.skipped.set(id, setting.reason);
      outcome.drafts.push({
        code: 'policy/indicator-skipped',
        args: { indicator: id, reason: setting.reason },
        evidence: [evidenceAt(loaded, `/indicators/${id}`)],
      });
    }
    if (setting.required) outcome.required.add(id);
  }
  const todayText = isoDate(today);
  (policy.waivers ?? []).forEach((waiver, index) => {
    const evidence = [evidenceAt(loaded, `/waivers/${index}`)];
    if (!knownCodes.has(waiver.code)) {
      const closest = closeCodes(waiver.code, knownCodes, 1)[0];
      outcome.drafts.push({
        code: 'policy/waiver-unknown-code',
        args: { code: waiver.code, suggestion: closest },
        evidence,
      });
      return;
    }
    const matches = outcome.findings
      .map((finding, position) => ({ finding, position }))
      .filter(({ finding }) => finding.code === waiver.code && (!waiver.path || finding.evidence.some((item) => item.path === waiver.path)));
    if (matches.length === 0) {
      outcome.drafts.push({ code: 'policy/waiver-unused', args: { code: waiver.code, path: waiver.path }, evidence });
      return;
    }
    if (waiver.expires < todayText) {
      outcome.drafts.push({
        code: 'policy/waiver-expired',
        args: { code: waiver.code, path: waiver.path, expires: waiver.expires, reason: waiver.reason },
        evidence,
      });
      return;
    }
    for (const { finding, position } of matches) outcome.findings[position] = { ...finding, waiver: { reason: waiver.reason, expires: waiver.expires } };
  });
  return outcome;
}

function evidenceAt(loaded: LoadedPolicy, pointer: string): { path: string; line?: number; column?: number } {
  const position = loaded.locate(`${loaded.pointer}${pointer}`);
  return { path: loaded.path, ...(position ? { line: position.line, column: position.column } : {}) };
}
