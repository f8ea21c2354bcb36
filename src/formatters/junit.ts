import type { Finding } from '../findings.js';
import type { Report } from '../report/types.js';
import { formatEvidence } from './evidence.js';
import type { Formatter } from './types.js';
import { findingGroups } from './groups.js';
import { normalizePath, repositoryPath } from './repository-paths.js';
import { escapeXmlAttribute, escapeXmlText, stripInvalidXmlChars } from './xml.js';

/** Test names are one line in every CI's list; the whole message is in the failure. */
const MAX_NAME_SUBJECT = 120;

type Outcome =
  | { kind: 'pass'; out?: string }
  | { kind: 'failure'; message: string; type: string; body: string }
  | { kind: 'skipped'; message: string; out?: string };

interface Suite {
  name: string;
  classname: string;
  findings: Finding[];
}

function oneLine(text: string): string {
  return stripInvalidXmlChars(text).replace(/\s+/g, ' ').trim();
}

function shortened(text: string): string {
  const line = oneLine(text);
  return line.length <= MAX_NAME_SUBJECT ? line : `${line.slice(0, MAX_NAME_SUBJECT - 1).trimEnd()}…`;
}

/** The file a finding is about: its first evidence with a path. */
function fileOf(finding: Finding): string | undefined {
  return finding.evidence.find((evidence) => evidence.path !== undefined && evidence.path !== '')?.path;
}

/**
 * Test case names, stable from run to run, since CI test reports follow a test's history (and flaky
 * or fixed tests) by its name: the code and what it is about (the file, else the URL of its evidence),
 * never the message, whose numbers change with every edit ("99.6% similar", word counts, line
 * numbers). The same code about the same thing twice in a suite (two syntax errors in one manifest)
 * is told apart by order: `#2`.
 */
function caseNames(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const file = fileOf(finding);
    const subject = file !== undefined ? normalizePath(file) : finding.evidence.find((evidence) => evidence.url)?.url;
    const name = subject !== undefined && subject !== '' ? `${finding.code} (${shortened(subject)})` : finding.code;
    const occurrence = (seen.get(name) ?? 0) + 1;
    seen.set(name, occurrence);
    return occurrence === 1 ? name : `${name} #${occurrence}`;
  });
}

function details(finding: Finding): string {
  const lines = [finding.message];
  for (const evidence of finding.evidence) {
    const text = formatEvidence(evidence);
    if (text) lines.push(`at ${text}`);
  }
  if (finding.question) lines.push(`ask: ${finding.question}`);
  if (finding.fix) lines.push(`fix: ${finding.fix}`);
  return lines.join('\n');
}

/**
 * How a finding shows as a test: a failure when it blocks the verdict (fail, or warn under
 * `failOn: 'warn'`), skipped when only a person can judge it (review) or it does not apply (n/a) or it
 * is waived, and passing otherwise; a warning that does not block passes with its text in system-out.
 */
function outcomeOf(finding: Finding, report: Report): Outcome {
  if (finding.waiver && finding.status !== 'pass' && finding.status !== 'n/a') {
    return {
      kind: 'skipped',
      message: `waived until ${finding.waiver.expires}: ${oneLine(finding.waiver.reason)}`,
      out: `${finding.status}: ${details(finding)}`,
    };
  }
  switch (finding.status) {
    case 'fail':
      return { kind: 'failure', message: oneLine(finding.message), type: finding.code, body: details(finding) };
    case 'warn':
      if (report.failOn === 'warn') return { kind: 'failure', message: oneLine(finding.message), type: finding.code, body: details(finding) };
      return { kind: 'pass', out: `warning: ${details(finding)}` };
    case 'review':
      return { kind: 'skipped', message: `needs human review: ${oneLine(finding.question ?? finding.message)}`, out: details(finding) };
    case 'n/a':
      return { kind: 'skipped', message: `not applicable: ${oneLine(finding.message)}` };
    default:
      return { kind: 'pass' };
  }
}

/** `2024-05-01T10:00:00.123Z` -> `2024-05-01T10:00:00`, the form the JUnit schema gives `timestamp`. */
function junitTimestamp(iso: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})/.exec(iso);
  return match?.[1];
}

function seconds(milliseconds: number): string {
  return (Math.max(0, milliseconds) / 1000).toFixed(3);
}

/**
 * JUnit XML as GitLab (`artifacts: reports: junit:`), Jenkins and most CI test viewers read it: one
 * test suite per indicator (and one for the manifest's own findings), one test case per finding, named
 * by its code and file (caseNames) and with a `file` attribute when evidence names one.
 */
export const formatJUnit: Formatter = (report) => {
  const suites: Suite[] = [];
  for (const { group, title, findings } of findingGroups(report)) {
    const isIndicator = report.indicators.some((indicator) => indicator.id === group);
    suites.push({ name: isIndicator ? title : group, classname: isIndicator ? `dpg-check.indicator-${group}` : `dpg-check.${group}`, findings });
  }

  const timestamp = junitTimestamp(report.timing.startedAt);
  const totals = { tests: 0, failures: 0, skipped: 0 };
  const body: string[] = [];
  for (const suite of suites) {
    const outcomes = suite.findings.map((finding) => outcomeOf(finding, report));
    const names = caseNames(suite.findings);
    const failures = outcomes.filter((outcome) => outcome.kind === 'failure').length;
    const skipped = outcomes.filter((outcome) => outcome.kind === 'skipped').length;
    totals.tests += outcomes.length;
    totals.failures += failures;
    totals.skipped += skipped;
    const attributes = [
      `name="${escapeXmlAttribute(suite.name)}"`,
      `tests="${outcomes.length}"`,
      `failures="${failures}"`,
      `errors="0"`,
      `skipped="${skipped}"`,
      `time="0"`,
    ];
    if (timestamp) attributes.push(`timestamp="${timestamp}"`);
    body.push(`  <testsuite ${attributes.join(' ')}>`);
    suite.findings.forEach((finding, index) => {
      const outcome = outcomes[index]!;
      // `file`: the evidence's file from the repository's root, as test reporters that annotate files read it.
      const file = fileOf(finding);
      const fileAttribute = file !== undefined ? ` file="${escapeXmlAttribute(repositoryPath(report, file))}"` : '';
      const open = `    <testcase classname="${escapeXmlAttribute(suite.classname)}" name="${escapeXmlAttribute(names[index]!)}"${fileAttribute} time="0"`;
      const children: string[] = [];
      if (outcome.kind === 'failure') {
        children.push(
          `      <failure message="${escapeXmlAttribute(outcome.message)}" type="${escapeXmlAttribute(outcome.type)}">${escapeXmlText(outcome.body)}</failure>`,
        );
      } else if (outcome.kind === 'skipped') {
        children.push(`      <skipped message="${escapeXmlAttribute(outcome.message)}"/>`);
      }
      const out = outcome.kind === 'failure' ? undefined : outcome.out;
      if (out) children.push(`      <system-out>${escapeXmlText(out)}</system-out>`);
      body.push(children.length === 0 ? `${open}/>` : `${open}>\n${children.join('\n')}\n    </testcase>`);
    });
    body.push('  </testsuite>');
  }

  const header = `<testsuites name="dpg-check" tests="${totals.tests}" failures="${totals.failures}" errors="0" skipped="${totals.skipped}" time="${seconds(report.timing.durationMs)}">`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${header}\n${body.join('\n')}\n</testsuites>\n`;
};
