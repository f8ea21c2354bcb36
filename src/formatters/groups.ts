import type { Finding, FindingGroup } from '../findings.js';
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
  if (manifest.origin === 'given') return 'named for this check: the target, --manifest or the Action\'s manifest input';
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
