import type { Finding, FindingGroup, IndicatorId } from '../findings.js';
import type { Report } from '../report/types.js';

/**
 * The groups a report's findings fall in, in the order every formatter shows them: the manifest and
 * the policies first (they shape everything after), the indicators, then the registry cross-check
 * (audit --registry). Groups other than the indicators appear only when they hold a finding.
 */
export function findingGroups(report: Report): Array<{ group: FindingGroup; title: string; findings: Finding[] }> {
  const of = (group: FindingGroup): Finding[] => report.findings.filter((finding) => finding.indicator === group);
  const groups: Array<{ group: FindingGroup; title: string; findings: Finding[] }> = [];
  const extra = (group: FindingGroup, title: string): void => {
    const findings = of(group);
    if (findings.length > 0) groups.push({ group, title, findings });
  };
  extra('manifest', 'Manifest');
  extra('policy', 'Policy');
  for (const indicator of report.indicators) groups.push({ group: indicator.id, title: `${indicator.id}. ${indicator.title}`, findings: of(indicator.id) });
  extra('registry', 'Registry record');
  return groups;
}

/** "nominees/x.json (dpga-nominee) + digitalpublicgoods/x.json (dpga-screening)", or the manifest's path. */
export function manifestLabel(manifest: NonNullable<Report['manifest']>): string {
  if (!manifest.madeFrom || manifest.madeFrom.length === 0) return manifest.path;
  return manifest.madeFrom.map((part) => `${part.path} (${part.format})`).join(' + ');
}

/** Where the manifest came from, in words, when it is not the repository's own file. */
export function manifestOriginNote(manifest: NonNullable<Report['manifest']>): string {
  if (manifest.origin === 'registry') return 'the registry application (the repository has no dpg manifest)';
  if (manifest.origin === 'given') return "named for this check: the target, --manifest or the Action's manifest input";
  return '';
}

/**
 * Fix texts and questions mark code with backticks (`dpg-check init`, `ownership.owners`). Formats that
 * can show code render those spans as code and the rest as text, each escaped its own way; a text with
 * an odd number of backticks is all text.
 */
export function renderCodeSpans(text: string, renderText: (part: string) => string, renderCode: (part: string) => string): string {
  const parts = text.split('`');
  if (parts.length % 2 === 0) return renderText(text);
  return parts.map((part, index) => (index % 2 === 1 && part !== '' ? renderCode(part) : renderText(part))).join('');
}

/** What a first run (a repository with no manifest) is told to do next; code in backticks. */
export const FIRST_RUN_NEXT = 'run `dpg-check init`: it writes dpg.yaml with what the files show and asks the rest.';

export interface FirstRunView {
  /** "indicators 1, 4, 6, 7, 9a, 9b, 9c, and part of 3, 8". */
  summary: string;
  /** The codes that only say a question is not answered yet: not listed one by one. */
  codes: ReadonlySet<string>;
  /** Groups with nothing to show but unanswered questions (and the manifest group, whose news is "Next:"). */
  hidden: ReadonlySet<FindingGroup>;
  /** Indicators with an unanswered question beside what the files show. */
  partly: ReadonlySet<FindingGroup>;
}

/**
 * A first run (no manifest): the indicators only the manifest can answer, named once, so that each
 * format can say "not answered yet" once instead of "the manifest declares no ..." nine times. Null
 * when the report has a manifest.
 */
export function firstRunView(report: Report): FirstRunView | null {
  if (!report.notAnswered) return null;
  const codes = new Set(report.notAnswered.codes);
  const open = (finding: Finding): boolean => !finding.waiver && finding.status !== 'pass' && finding.status !== 'n/a';
  const whole: FindingGroup[] = [];
  const partly: FindingGroup[] = [];
  const hidden = new Set<FindingGroup>(['manifest']);
  for (const { group, findings } of findingGroups(report)) {
    if (!report.notAnswered.indicators.includes(group as IndicatorId)) continue;
    if (findings.filter(open).every((finding) => codes.has(finding.code))) {
      whole.push(group);
      hidden.add(group);
    } else partly.push(group);
  }
  const wholly = whole.length > 0 ? `indicator${whole.length === 1 ? '' : 's'} ${whole.join(', ')}` : '';
  const partial = partly.length > 0 ? `part of ${wholly ? '' : `indicator${partly.length === 1 ? '' : 's'} `}${partly.join(', ')}` : '';
  const summary = wholly && partial ? `${wholly}, and ${partial}` : wholly || partial;
  return { summary, codes, hidden, partly: new Set(partly) };
}
