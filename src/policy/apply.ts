import type { CodeDefinition, Finding, FindingDraft, IndicatorId } from '../findings.js';
import type { LoadedPolicy } from './types.js';

export const POLICY_CODES: Record<string, CodeDefinition> = {
  'policy/invalid': {
    status: 'fail',
    title: 'Policy is not valid',
    description: 'A policy that cannot be read or breaks schemas/policy.schema.json is not applied as written; the part that is valid still is.',
    message: '{path}: {detail}',
    fix: 'Correct the policy at the given line (schemas/policy.schema.json says what is allowed).',
  },
  'policy/waiver-expired': {
    status: 'fail',
    title: 'Waiver expired',
    description: 'A waiver holds until its expiry date; after it the finding counts again, and the expired waiver itself fails so that it is renewed or removed on purpose.',
    message: 'The waiver for {code}{where} expired on {expires} ("{reason}").',
    fix: 'Fix the finding and remove the waiver, or renew it with a new expiry date and reason.',
  },
  'policy/waiver-unknown-code': {
    status: 'warn',
    title: 'Waiver for an unknown code',
    description: 'A waiver names a finding code dpg-check does not have (a typo, or a code that was renamed); it waives nothing.',
    message: 'The waiver for {code} names no known finding code.',
    fix: 'Use a code from docs/checks.md.',
  },
  'policy/waiver-unused': {
    status: 'warn',
    title: 'Waiver matches nothing',
    description: 'A waiver that matches no finding is stale: the problem was fixed, or the path is wrong.',
    message: 'The waiver for {code}{where} matches no finding.',
    fix: 'Remove the waiver, or correct its path.',
  },
  'policy/indicator-skipped': {
    status: 'n/a',
    title: 'Indicator skipped by policy',
    description: 'The project policy leaves this indicator out of the verdict; its findings are still reported.',
    message: 'Indicator {indicator} is skipped: {reason}',
  },
};

export interface PolicyOutcome {
  findings: Finding[];
  /** Policy findings (expired waivers and the like) to add to the report. */
  drafts: FindingDraft[];
  skipped: Map<IndicatorId, string>;
  required: Set<IndicatorId>;
  failOn?: 'fail' | 'warn';
}

/** Today's date as YYYY-MM-DD in UTC: waivers expire at the end of their day, wherever CI runs. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
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
    outcome.drafts.push({ code: 'policy/invalid', args: { path: loaded.path, detail: problem.message }, evidence: [{ path: loaded.path, ...(problem.position ? { line: problem.position.line, column: problem.position.column } : {}) }] });
  }
  if (policy.failOn) outcome.failOn = policy.failOn;
  for (const [id, setting] of Object.entries(policy.indicators ?? {}) as Array<[IndicatorId, { skip?: boolean; required?: boolean; reason: string }]>) {
    if (setting.skip) {
      outcome.skipped.set(id, setting.reason);
      outcome.drafts.push({ code: 'policy/indicator-skipped', args: { indicator: id, reason: setting.reason }, evidence: [evidenceAt(loaded, `/indicators/${id}`)] });
    }
    if (setting.required) outcome.required.add(id);
  }
  const todayText = isoDate(today);
  (policy.waivers ?? []).forEach((waiver, index) => {
    const evidence = [evidenceAt(loaded, `/waivers/${index}`)];
    const where = waiver.path ? ` in ${waiver.path}` : '';
    if (!knownCodes.has(waiver.code)) {
      outcome.drafts.push({ code: 'policy/waiver-unknown-code', args: { code: waiver.code }, evidence });
      return;
    }
    const matches = outcome.findings.map((finding, position) => ({ finding, position })).filter(({ finding }) => finding.code === waiver.code && (!waiver.path || finding.evidence.some((item) => item.path === waiver.path)));
    if (matches.length === 0) {
      outcome.drafts.push({ code: 'policy/waiver-unused', args: { code: waiver.code, where }, evidence });
      return;
    }
    if (waiver.expires < todayText) {
      outcome.drafts.push({ code: 'policy/waiver-expired', args: { code: waiver.code, where, expires: waiver.expires, reason: waiver.reason }, evidence });
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
