import { createHash } from 'node:crypto';
import { allCodes } from '../rules/codes.js';
import { checksDocAnchor } from '../docs/checks-doc.js';
import { describeTemplate, type Evidence, type Finding, type FindingStatus } from '../findings.js';
import type { Report } from '../report/types.js';
import { normalizePath, repositoryPath } from './repository-paths.js';
import type { Formatter } from './types.js';

export const INFORMATION_URI = 'https://github.com/dpg-check/dpg-check';

/** Where docs/checks.md explains a code. */
export function helpUriFor(code: string): string {
  return `${INFORMATION_URI}/blob/main/docs/checks.md#${checksDocAnchor(code)}`;
}

/** The findings that ask for something: machine formats report these and leave passes out. */
export function actionable(finding: Finding): boolean {
  return finding.status === 'fail' || finding.status === 'warn' || finding.status === 'review';
}

export interface AnchoredLocation {
  /** Relative to the checked folder (a manifest given on the command line: as given), `/`-separated. */
  path: string;
  line?: number;
  column?: number;
  note?: string;
  /**
   * False when evidence names the file; else where the finding is only anchored: at the dpg manifest,
   * at the README, or at `dpg.yaml`, the manifest the project has yet to write (see primaryLocation).
   */
  fallback: false | 'manifest' | 'readme' | 'new-manifest';
}

/**
 * The file a finding is shown at. SARIF 2.1.0 lets a result have no location, but GitHub code
 * scanning shows a result only at a file and a start line ("At least one location is required for
 * code scanning to display a result", SARIF support for code scanning), and `upload-sarif` refuses the
 * whole file when a result has none ("locationFromSarifResult: expected at least one location",
 * github/codeql-action#2459); GitLab Code Quality needs a path on every issue too. Some findings are
 * about something missing (no SDG declared, no CI), so no file shows them. They are anchored at line 1:
 * - of the DPG manifest when there is one: it is where a project answers the DPG questions, and where
 *   nearly every such fix goes;
 * - else of the README, when the report shows one (the documentation findings name it);
 * - else of `dpg.yaml` in the checked folder, which does not exist yet: the file `dpg-check init` writes
 *   and where the missing answers go. Code scanning lists such an alert with its message and no preview
 *   of the file, as for any path it cannot find: better than an alert that is dropped, or one pinned to
 *   a README that is not there.
 * The SARIF location's message says which.
 */
export function primaryLocation(finding: Finding, report: Report): AnchoredLocation {
  const evidence = finding.evidence.find((item) => item.path !== undefined && item.path !== '');
  if (evidence?.path !== undefined) return { ...positionOf(evidence), path: normalizePath(evidence.path), fallback: false };
  if (report.manifest) return { path: normalizePath(report.manifest.path), line: 1, fallback: 'manifest' };
  const readme = readmeOf(report);
  if (readme !== undefined) return { path: normalizePath(readme), line: 1, fallback: 'readme' };
  return { path: NEW_MANIFEST, line: 1, fallback: 'new-manifest' };
}

/** Where `dpg-check init` writes the manifest. */
const NEW_MANIFEST = 'dpg.yaml';

/** The documentation codes whose `path` argument (and first evidence) is the repository's README. */
const README_CODES = new Set([
  'docs/readme-ok',
  'docs/readme-too-short',
  'docs/readme-brief',
  'docs/run-instructions-missing',
  'docs/run-instructions-elsewhere',
  'docs/readme-unreadable',
]);

function readmeOf(report: Report): string | undefined {
  for (const finding of report.findings) {
    if (!README_CODES.has(finding.code)) continue;
    const named = typeof finding.args?.path === 'string' ? finding.args.path : finding.evidence.find((item) => item.path)?.path;
    if (named) return named;
  }
  return undefined;
}

const ANCHOR_MESSAGE: Record<Exclude<AnchoredLocation['fallback'], false>, string> = {
  manifest: 'No file shows this finding; it is anchored here, at the dpg manifest, where the answer belongs.',
  readme:
    'No file shows this finding and there is no dpg manifest yet; it is anchored at the README. The answers belong in dpg.yaml, which `dpg-check init` writes.',
  'new-manifest':
    'No file shows this finding, and the repository has neither a dpg manifest nor a README: it is anchored at dpg.yaml, which does not exist yet. `dpg-check init` writes it; the answer belongs there.',
};

function positionOf(evidence: Evidence): Omit<AnchoredLocation, 'path' | 'fallback'> {
  const position: Omit<AnchoredLocation, 'path' | 'fallback'> = {};
  if (evidence.line !== undefined && evidence.line >= 1) {
    position.line = evidence.line;
    if (evidence.column !== undefined && evidence.column >= 1) position.column = evidence.column;
  }
  if (evidence.note) position.note = evidence.note;
  return position;
}

export { normalizePath };

/**
 * Stable identities for findings, in the order given: a hash of the code, the file it is shown at
 * (relative to the checked folder, before any re-basing on the repository's root, so that it is the
 * same from wherever the check runs) and the string arguments of its message (a list as its items joined with ", ", as lists were
 * written before they were kept as lists). Line numbers and other numbers (word counts, dependency
 * counts) are left out: they change whenever the file is edited, and an alert must not be closed
 * and reopened as a new one because a line moved. Findings that would still be identical (the same
 * syntax error twice in one file) are told apart by their order.
 */
export function fingerprintFindings(findings: readonly Finding[], report: Report): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const location = primaryLocation(finding, report);
    const args = finding.args
      ? Object.entries(finding.args)
          .flatMap(
            ([name, value]): Array<[string, string]> =>
              typeof value === 'string' ? [[name, value]] : typeof value === 'object' ? [[name, value.map(String).join(', ')]] : [],
          )
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      : [['message', finding.message]];
    const identity = JSON.stringify([finding.code, location.path, args]);
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);
    return sha256(occurrence === 1 ? identity : `${identity}\n${occurrence}`).slice(0, 32);
  });
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

const LEVEL: Record<FindingStatus, SarifLevel> = { fail: 'error', warn: 'warning', review: 'note', pass: 'none', 'n/a': 'none' };
const PROBLEM_SEVERITY: Record<FindingStatus, string> = {
  fail: 'error',
  warn: 'warning',
  review: 'recommendation',
  pass: 'recommendation',
  'n/a': 'recommendation',
};

/** The key of our partial fingerprint; its version changes if the way it is computed ever does. */
export const FINGERPRINT_KEY = 'dpgCheckFinding/v1';

/** GitHub keeps at most 10 locations per result; related locations are capped to stay readable. */
const MAX_RELATED_LOCATIONS = 10;

interface SarifMessage {
  text: string;
  markdown?: string;
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
  properties: Record<string, unknown>;
}

interface SarifPhysicalLocation {
  artifactLocation: { uri: string; uriBaseId?: string };
  region: { startLine: number; startColumn?: number };
}

interface SarifLocation {
  id?: number;
  physicalLocation: SarifPhysicalLocation;
  message?: SarifMessage;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: Array<{ kind: 'external'; status: 'accepted'; justification: string }>;
  properties: Record<string, unknown>;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<Record<string, unknown> & { tool: { driver: Record<string, unknown> & { rules: SarifRule[] } }; results: SarifResult[] }>;
}

/** A file path as a URI reference: each segment percent-encoded; absolute paths as file: URIs. */
function pathToUri(path: string): { uri: string; uriBaseId?: string } {
  const encoded = path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  if (/^[A-Za-z]:\//.test(path)) return { uri: `file:///${encoded.replace('%3A', ':')}` };
  if (path.startsWith('/')) return { uri: `file://${encoded}` };
  return { uri: encoded, uriBaseId: '%SRCROOT%' };
}

/**
 * GitHub code scanning places a result only with `region.startLine` (the multitool's GH1003), so
 * evidence that names a whole file (a LICENSE that is not identified) is placed at its first line.
 * The URI is relative to the repository's root (re-based when a subfolder was checked): code scanning
 * reads relative URIs from the root and resolves no `uriBaseId`, so `%SRCROOT%` only names that root
 * for other viewers, and `originalUriBaseIds` is left out rather than write the machine's own folders
 * into a file that is uploaded.
 */
function physicalLocation(report: Report, location: { path: string; line?: number; column?: number }): SarifPhysicalLocation {
  const region: { startLine: number; startColumn?: number } = { startLine: location.line ?? 1 };
  if (location.line !== undefined && location.column !== undefined) region.startColumn = location.column;
  return { artifactLocation: pathToUri(repositoryPath(report, location.path)), region };
}

/** `ownership/copyright-placeholder` -> `OwnershipCopyrightPlaceholder`, the rule's friendly name. */
function pascalCase(code: string): string {
  return code
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

function groupTag(group: Finding['indicator']): string {
  return group === 'manifest' ? 'dpg-manifest' : `dpg-indicator-${group}`;
}

function ruleFor(finding: Finding): SarifRule {
  const definition = allCodes().get(finding.code);
  const status = definition?.status ?? finding.status;
  const title = definition?.title ?? finding.title;
  const description = ensurePeriod(definition?.description ?? finding.title);
  // The rule's help is the code's, not one finding's: its templates as docs/checks.md shows them.
  const fix = definition?.fix === undefined ? undefined : describeTemplate(definition.fix);
  const question = definition?.question === undefined ? undefined : describeTemplate(definition.question);
  const helpUri = helpUriFor(finding.code);
  const group = definition?.group ?? finding.indicator;
  const where = group === 'manifest' ? 'the dpg manifest' : `DPG Standard indicator ${group}`;
  const helpText = [description, question ? `Reviewer's question: ${question}` : '', fix ? `Fix: ${fix}` : '', `More: ${helpUri}`].filter(Boolean).join('\n\n');
  const helpMarkdown = [
    `**${title}** (${status}, ${where})`,
    description,
    question ? `**Reviewer's question:** ${question}` : '',
    fix ? `**Fix:** ${fix}` : '',
    `See [${finding.code} in docs/checks.md](${helpUri}).`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    id: finding.code,
    name: pascalCase(finding.code),
    shortDescription: { text: ensurePeriod(title) },
    fullDescription: { text: description },
    help: { text: helpText, markdown: helpMarkdown },
    helpUri,
    defaultConfiguration: { level: LEVEL[status] },
    properties: {
      tags: ['dpg', groupTag(group), status],
      precision: 'high',
      'problem.severity': PROBLEM_SEVERITY[status],
    },
  };
}

function ensurePeriod(text: string): string {
  const trimmed = text.trim();
  return /[.!?)]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function resultMessage(finding: Finding): string {
  const parts = [ensurePeriod(finding.message)];
  if (finding.status === 'review' && finding.question) parts.push(`Reviewer's question: ${ensurePeriod(finding.question)}`);
  if (finding.fix) parts.push(`Fix: ${ensurePeriod(finding.fix)}`);
  if (finding.waiver) parts.push(`Waived until ${finding.waiver.expires}: ${ensurePeriod(finding.waiver.reason)}`);
  return parts.join(' ');
}

function endTime(report: Report): string | undefined {
  const start = Date.parse(report.timing.startedAt);
  if (Number.isNaN(start)) return undefined;
  return new Date(start + Math.max(0, Math.round(report.timing.durationMs))).toISOString();
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, one rule per code that has a
 * result, one result per failing, warning or review finding (passes are not results). Waived findings
 * are results with an external, accepted suppression.
 */
export function sarifFor(report: Report): SarifLog {
  const findings = report.findings.filter(actionable);
  const fingerprints = fingerprintFindings(findings, report);
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const results: SarifResult[] = findings.map((finding, index) => {
    let ruleNumber = ruleIndex.get(finding.code);
    if (ruleNumber === undefined) {
      ruleNumber = rules.length;
      ruleIndex.set(finding.code, ruleNumber);
      rules.push(ruleFor(finding));
    }
    const primary = primaryLocation(finding, report);
    const location: SarifLocation = { physicalLocation: physicalLocation(report, primary) };
    if (primary.fallback) location.message = { text: ANCHOR_MESSAGE[primary.fallback] };
    else if (primary.note) location.message = { text: primary.note };

    const related: SarifLocation[] = [];
    const primaryEvidence = finding.evidence.find((item) => item.path !== undefined && item.path !== '');
    for (const evidence of finding.evidence) {
      if (evidence === primaryEvidence || evidence.path === undefined || evidence.path === '') continue;
      if (related.length >= MAX_RELATED_LOCATIONS) break;
      const relatedLocation: SarifLocation = {
        id: related.length + 1,
        physicalLocation: physicalLocation(report, { ...positionOf(evidence), path: normalizePath(evidence.path) }),
      };
      if (evidence.note) relatedLocation.message = { text: evidence.note };
      related.push(relatedLocation);
    }
    const urls = finding.evidence.filter((item) => item.url !== undefined && item.url !== '').map((item) => item.url as string);

    const properties: Record<string, unknown> = { indicator: finding.indicator, status: finding.status, title: finding.title };
    if (urls.length > 0) properties.evidenceUrls = urls;
    if (finding.question) properties.question = finding.question;
    if (finding.fix) properties.fix = finding.fix;
    if (finding.waiver) properties.waiverExpires = finding.waiver.expires;

    const result: SarifResult = {
      ruleId: finding.code,
      ruleIndex: ruleNumber,
      level: LEVEL[finding.status],
      message: { text: resultMessage(finding) },
      locations: [location],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[index]! },
      properties,
    };
    if (related.length > 0) result.relatedLocations = related;
    if (finding.waiver)
      result.suppressions = [{ kind: 'external', status: 'accepted', justification: `${finding.waiver.reason} (waived until ${finding.waiver.expires})` }];
    return result;
  });

  const invocation: Record<string, unknown> = { executionSuccessful: true, startTimeUtc: report.timing.startedAt };
  const end = endTime(report);
  if (end) invocation.endTimeUtc = end;

  const run: SarifLog['runs'][number] = {
    tool: {
      driver: {
        name: 'dpg-check',
        version: report.tool.version,
        semanticVersion: report.tool.version,
        informationUri: INFORMATION_URI,
        rules,
      },
    },
    invocations: [invocation],
    results,
    properties: {
      verdict: report.verdict,
      failOn: report.failOn,
      standard: `${report.standard.name} ${report.standard.version}`,
      counts: report.counts,
    },
  };
  const repositoryUri = remoteRepositoryUri(report);
  if (repositoryUri && report.source.revision) run.versionControlProvenance = [{ repositoryUri, revisionId: report.source.revision }];
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
}

function remoteRepositoryUri(report: Report): string | undefined {
  if (report.source.kind !== 'git' && report.source.kind !== 'github') return undefined;
  try {
    const url = new URL(report.source.location);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export const formatSarif: Formatter = (report) => `${JSON.stringify(sarifFor(report), null, 2)}\n`;
