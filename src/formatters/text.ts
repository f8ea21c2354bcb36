import { showControlCharacters } from '../util/control-characters.js';
import { Chalk, type ChalkInstance } from 'chalk';
import { worstStatus, type Finding, type FindingGroup, type FindingStatus } from '../findings.js';
import { formatEvidence } from './evidence.js';
import { pathFrom } from './repository-paths.js';
import { findingGroups, FIRST_RUN_NEXT, firstRunView, manifestLabel, manifestOriginNote } from './groups.js';
import type { Formatter } from './types.js';

const SYMBOL: Record<FindingStatus, string> = { pass: '✔', fail: '✖', warn: '⚠', review: '?', 'n/a': '-' };
const LABEL: Record<FindingStatus, string> = { pass: 'pass', fail: 'FAIL', warn: 'warn', review: 'review', 'n/a': 'n/a' };

function paint(chalk: ChalkInstance, status: FindingStatus, text: string): string {
  switch (status) {
    case 'pass':
      return chalk.green(text);
    case 'fail':
      return chalk.red.bold(text);
    case 'warn':
      return chalk.yellow(text);
    case 'review':
      return chalk.cyan(text);
    default:
      return chalk.dim(text);
  }
}

const clean = showControlCharacters;

/** For people: findings grouped under their indicator, each with its evidence and fix, then the verdict. */
export const formatText: Formatter = (report, options) => {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const lines: string[] = [];
  lines.push(chalk.bold(`dpg-check ${report.tool.version}`) + chalk.dim(` · ${report.standard.name} ${report.standard.version}`));
  lines.push(`Source:   ${clean(report.source.target)} (${report.source.kind})`);
  const origin = report.manifest ? manifestOriginNote(report.manifest) : '';
  // A first run: the questions only a manifest answers are named once, with the one thing to do next.
  const firstRun = firstRunView(report);
  if (firstRun) {
    lines.push(`Manifest: ${chalk.dim('none.')} ${chalk.bold('Next:')} ${FIRST_RUN_NEXT}`);
    lines.push(`${chalk.yellow('Not answered yet')} (dpg.yaml answers them): ${firstRun.summary}.`);
    lines.push('');
  } else lines.push(`Manifest: ${report.manifest ? `${clean(manifestLabel(report.manifest))}${origin ? chalk.dim(` (${origin})`) : ''}` : chalk.dim('none')}`);
  // --quiet: only what does not pass, and the verdict; no header (a first run keeps its "Next:").
  if (options.quiet) lines.splice(0, firstRun ? 2 : 3);

  const groups: Array<{ group: FindingGroup; heading: string; status: FindingStatus; findings: Finding[] }> = [];
  for (const { group, title, findings } of findingGroups(report)) {
    const indicator = report.indicators.find((candidate) => candidate.id === group);
    if (!indicator) {
      // The manifest, policy and registry groups are shown when something in them is not a plain pass.
      if (findings.some((finding) => finding.status !== 'pass'))
        groups.push({ group, heading: title, status: worstStatus(findings.filter((finding) => !finding.waiver).map((finding) => finding.status)), findings });
      continue;
    }
    const note =
      indicator.skipped !== undefined
        ? ` (skipped by policy: ${indicator.skipped})`
        : indicator.required
          ? ' (required by policy)'
          : indicator.waived && findings.every((finding) => finding.waiver || finding.status === 'pass' || finding.status === 'n/a')
            ? ` (by waiver: ${indicator.waived.join(', ')})`
            : '';
    groups.push({ group, heading: `${title}${note}`, status: indicator.status, findings });
  }

  for (const group of groups) {
    if (options.quiet && group.findings.every((finding) => finding.status === 'pass')) continue;
    const heading = `${paint(chalk, group.status, `${SYMBOL[group.status]} ${LABEL[group.status].padEnd(6)}`)} ${chalk.bold(clean(group.heading))}`;
    let shown = group.findings;
    if (firstRun) {
      // What the files show, without blank lines between indicators; a pass by its heading alone.
      if (firstRun.hidden.has(group.group)) continue;
      lines.push(`${heading}${firstRun.partly.has(group.group) ? chalk.dim(' (partly not answered yet)') : ''}`);
      shown = group.status === 'pass' ? [] : group.findings.filter((finding) => !firstRun.codes.has(finding.code) && finding.status !== 'pass');
    } else lines.push(...(options.quiet && lines.length === 0 ? [] : ['']), heading);
    if (options.quiet) shown = shown.filter((finding) => finding.status !== 'pass');
    for (const finding of shown) {
      if (finding.waiver) {
        lines.push(`    ${chalk.dim(`~ ${clean(finding.message)} [${finding.code}] waived until ${finding.waiver.expires}: ${clean(finding.waiver.reason)}`)}`);
        continue;
      }
      lines.push(`    ${paint(chalk, finding.status, SYMBOL[finding.status])} ${clean(finding.message)} ${chalk.dim(`[${finding.code}]`)}`);
      if (finding.requestedWaiver)
        lines.push(
          chalk.dim(
            `        ${clean(finding.requestedWaiver.policy)} asks to waive it until ${clean(finding.requestedWaiver.expires)} ("${clean(finding.requestedWaiver.reason)}"); not applied`,
          ),
        );
      for (const evidence of finding.evidence.slice(0, 5)) {
        const shown = options.relativeTo && evidence.path ? { ...evidence, path: pathFrom(report, evidence.path, options.relativeTo) } : evidence;
        const text = clean(formatEvidence(shown));
        if (text) lines.push(chalk.dim(`        at ${text}`));
      }
      if (finding.evidence.length > 5) lines.push(chalk.dim(`        … and ${finding.evidence.length - 5} more`));
      if (finding.question) lines.push(`        ${chalk.cyan('ask:')} ${clean(finding.question)}`);
      if (finding.fix) lines.push(`        ${chalk.bold('fix:')} ${clean(finding.fix)}`);
    }
  }

  const { counts } = report;
  const summary = `${counts.fail} failing, ${counts.warn} warning${counts.warn === 1 ? '' : 's'}, ${counts.review} to review, ${counts.pass} passing${report.waived > 0 ? `, ${report.waived} waived` : ''}`;
  const failingIndicators = report.indicators.filter((indicator) => indicator.status === 'fail').map((indicator) => indicator.id);
  lines.push('');
  if (report.verdict === 'ready') {
    lines.push(`${chalk.green.bold('READY')}: no finding fails (${summary}).`);
  } else {
    const failingGroups = (['manifest', 'policy'] as const).filter((group) =>
      report.findings.some((finding) => finding.indicator === group && finding.status === 'fail' && !finding.waiver),
    );
    const parts = [
      ...(failingIndicators.length > 0
        ? [`indicator${failingIndicators.length === 1 ? '' : 's'} ${failingIndicators.join(', ')} fail${failingIndicators.length === 1 ? 's' : ''}`]
        : []),
      ...failingGroups.map((group) => `the ${group} fails`),
    ];
    const because =
      parts.length > 0
        ? parts.join(' and ')
        : report.failOn === 'warn'
          ? 'warnings fail under fail-on warn'
          : 'an indicator the policy requires has warnings or reviews';
    lines.push(`${chalk.red.bold('NOT READY')}: ${because} (${summary}).`);
  }
  return `${lines.join('\n')}\n`;
};
