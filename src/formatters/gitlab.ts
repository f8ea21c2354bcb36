import type { FindingStatus } from '../findings.js';
import type { Report } from '../report/types.js';
import { escapeMarkdown } from './markdown.js';
import { repositoryPath } from './repository-paths.js';
import { actionable, fingerprintFindings, helpUriFor, primaryLocation } from './sarif.js';
import type { Formatter } from './types.js';

/** GitLab's severities, from least to most severe: info, minor, major, critical, blocker. */
export type GitLabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/**
 * A failing finding blocks readiness but is not a defect in running code, so `major` rather than
 * `critical`/`blocker`; a warning is `minor`; a question for a reviewer is `info`. A waived finding
 * is `info` whatever its status: it is accepted for now and no longer counts.
 */
const SEVERITY: Record<FindingStatus, GitLabSeverity> = { fail: 'major', warn: 'minor', review: 'info', pass: 'info', 'n/a': 'info' };

export interface CodeQualityIssue {
  type: 'issue';
  check_name: string;
  description: string;
  /** Markdown (Code Climate's `content.body`), with everything from the repository escaped. */
  content: { body: string };
  fingerprint: string;
  severity: GitLabSeverity;
  location: { path: string; lines: { begin: number } };
}

/**
 * GitLab Code Quality (`artifacts: reports: codequality:`), the subset of the Code Climate issue
 * format GitLab reads: description, check_name, fingerprint, severity, location.path and
 * location.lines.begin on every issue. One issue per failing, warning or review finding; findings
 * that name no file are anchored as in SARIF (the manifest, else the README, else dpg.yaml: see
 * primaryLocation), and line-less evidence at line 1. GitLab reads `location.path` from the root of
 * the repository, as code scanning reads SARIF: a subfolder's paths are re-based on it as SARIF's are
 * (repositoryPath). Fingerprints are the SARIF ones: stable when lines move, unique within a report.
 */
export function codeQualityFor(report: Report): CodeQualityIssue[] {
  const findings = report.findings.filter(actionable);
  const fingerprints = fingerprintFindings(findings, report);
  return findings.map((finding, index) => {
    const location = primaryLocation(finding, report);
    let description = finding.message;
    if (finding.status === 'review' && finding.question) description += ` Needs human review: ${finding.question}`;
    if (finding.waiver) description = `[waived until ${finding.waiver.expires}: ${finding.waiver.reason}] ${description}`;
    const body = [
      `**${escapeMarkdown(finding.title)}** (${finding.status}, ${finding.indicator === 'manifest' ? 'the dpg manifest' : `DPG indicator ${escapeMarkdown(finding.indicator)}`})`,
      escapeMarkdown(finding.message),
      finding.question ? `**Reviewer's question:** ${escapeMarkdown(finding.question)}` : '',
      finding.fix ? `**Fix:** ${escapeMarkdown(finding.fix)}` : '',
      finding.waiver ? `**Waived** until ${escapeMarkdown(finding.waiver.expires)}: ${escapeMarkdown(finding.waiver.reason)}` : '',
      `See ${helpUriFor(finding.code)}`,
    ]
      .filter(Boolean)
      .join('\n\n');
    return {
      type: 'issue',
      check_name: finding.code,
      description,
      content: { body },
      fingerprint: fingerprints[index]!,
      severity: finding.waiver ? 'info' : SEVERITY[finding.status],
      location: { path: repositoryPath(report, location.path), lines: { begin: location.line ?? 1 } },
    };
  });
}

export const formatGitLab: Formatter = (report) => `${JSON.stringify(codeQualityFor(report), null, 2)}\n`;
