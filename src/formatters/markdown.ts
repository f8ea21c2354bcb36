import type { Evidence, Finding, FindingGroup, FindingStatus, RenderStyle } from '../findings.js';
import { renderMessage } from '../report/render.js';
import type { Report } from '../report/types.js';
import { summarizeVerdict } from './badge.js';
import type { Formatter } from './types.js';
import { findingGroups, FIRST_RUN_NEXT, firstRunView, manifestLabel, manifestOriginNote, renderCodeSpans } from './groups.js';
import { stripInvalidXmlChars } from './xml.js';

export const STATUS_EMOJI: Record<FindingStatus, string> = { pass: '✅', fail: '❌', warn: '⚠️', review: '🔍', 'n/a': '➖' };

/**
 * GitHub refuses PR comments over 65,536 characters (job summaries may be 1 MiB). Findings are listed
 * until the output reaches this size; the rest are counted in a closing line.
 */
export const MARKDOWN_LIMIT = 60_000;

/** A message's words escaped (its backtick spans as code), its arguments (paths, ids, quotes) as code; numbers as words. */
const MARKDOWN_STYLE: RenderStyle = {
  text: (words) => renderCodeSpans(words, escapeMarkdown, inlineCode),
  value: (value) => (typeof value === 'number' ? escapeMarkdown(String(value)) : inlineCode(value)),
};

/** Evidence items shown per finding; the JSON report has them all. */
const MAX_EVIDENCE = 5;

const ORDER: Record<FindingStatus, number> = { fail: 0, warn: 1, review: 2, pass: 3, 'n/a': 4 };

/**
 * Text from the repository as inline Markdown that renders as itself: HTML is neutralised with
 * entities, Markdown punctuation is backslash-escaped (`|` included, so it is safe in table cells),
 * `$` cannot start maths, an `@name` cannot ping anyone (a word joiner follows the `@`), and line breaks
 * become spaces so the text cannot start a heading or list of its own.
 */
export function escapeMarkdown(text: string): string {
  return stripInvalidXmlChars(text)
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~$]/g, '\\$&')
    .replace(/@(?=\w)/g, '@\u2060');
}

/** An inline code span that holds any text: the fence is longer than any run of backticks inside. */
export function inlineCode(text: string): string {
  const content = stripInvalidXmlChars(text).replace(/[\r\n\t\u2028\u2029]+/g, ' ');
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = content.startsWith('`') || content.endsWith('`') || (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** A link for http(s) URLs only (percent-encoding what would end the destination); anything else as code. */
export function markdownLink(url: string, label?: string): string {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return inlineCode(url);
  const destination = url.replace(/[()<>"'`\\|[\]{}^]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  const text = label ?? (url.length > 80 ? `${url.slice(0, 79)}…` : url);
  return `[${escapeMarkdown(text)}](${destination})`;
}

function evidenceText(evidence: Evidence): string {
  let location = '';
  if (evidence.path !== undefined && evidence.path !== '') {
    let where = evidence.path;
    if (evidence.line !== undefined) where += `:${evidence.line}`;
    if (evidence.line !== undefined && evidence.column !== undefined) where += `:${evidence.column}`;
    location = inlineCode(where);
    if (evidence.url) location += ` ${markdownLink(evidence.url)}`;
  } else if (evidence.url) {
    location = markdownLink(evidence.url);
  }
  const note = evidence.note ? escapeMarkdown(evidence.note) : '';
  if (location && note) return `${location} (${note})`;
  return location || note;
}

function findingLines(finding: Finding): string[] {
  const lines = [`- ${STATUS_EMOJI[finding.status]} ${inlineCode(finding.code)} ${renderMessage(finding, MARKDOWN_STYLE)}`];
  const evidence = finding.evidence.slice(0, MAX_EVIDENCE).map(evidenceText).filter(Boolean);
  if (finding.evidence.length > MAX_EVIDENCE) evidence.push(`and ${finding.evidence.length - MAX_EVIDENCE} more`);
  if (evidence.length > 0) lines.push(`  - Evidence: ${evidence.join(', ')}`);
  if (finding.status === 'review' && finding.question) lines.push(`  - Reviewer's question: ${renderCodeSpans(finding.question, escapeMarkdown, inlineCode)}`);
  if (finding.fix) lines.push(`  - Fix: ${renderCodeSpans(finding.fix, escapeMarkdown, inlineCode)}`);
  return lines;
}

function waivedLines(finding: Finding): string[] {
  const waiver = finding.waiver!;
  return [
    `- ${STATUS_EMOJI[finding.status]} ${inlineCode(finding.code)} ${renderMessage(finding, MARKDOWN_STYLE)}`,
    `  - Waived until ${escapeMarkdown(waiver.expires)}: ${escapeMarkdown(waiver.reason)}`,
  ];
}

function groupHeading(report: Report, group: FindingGroup, title: string): string {
  if (group === 'manifest') return `#### Manifest ${report.manifest ? inlineCode(report.manifest.path) : ''}`.trimEnd();
  return `#### ${escapeMarkdown(title)}`;
}

interface Block {
  /** Lines that introduce the block, printed once before its first item. */
  heading: string[];
  items: string[][];
}

/**
 * For pull-request comments and GitHub job summaries (`>> $GITHUB_STEP_SUMMARY`): the verdict, a
 * table of the 11 indicators, then the findings that need action grouped by indicator, and waived
 * findings apart. Everything that comes from the repository is escaped.
 */
export const formatMarkdown: Formatter = (report) => {
  const summary = summarizeVerdict(report);
  const out: string[] = [];
  out.push('## DPG readiness', '');
  if (summary.ready) {
    const notes: string[] = [];
    if (summary.open.warn > 0) notes.push(`${summary.open.warn} ${summary.open.warn === 1 ? 'warning' : 'warnings'}`);
    if (summary.open.review > 0) notes.push(`${summary.open.review} to review`);
    out.push(`**✅ Ready**${notes.length > 0 ? ` — ${notes.join(', ')}` : ''}`);
  } else {
    out.push(`**❌ Not ready** — ${escapeMarkdown(summary.because)}`);
  }
  out.push('');
  const manifest = report.manifest
    ? `${inlineCode(manifestLabel(report.manifest))}${manifestOriginNote(report.manifest) ? ` (${escapeMarkdown(manifestOriginNote(report.manifest))})` : ''}`
    : 'none';
  out.push(
    `${escapeMarkdown(`${report.standard.name} ${report.standard.version}`)} · source ${inlineCode(report.source.target)} · manifest ${manifest} · dpg-check ${escapeMarkdown(report.tool.version)}`,
  );
  out.push('');
  const firstRun = firstRunView(report);
  if (firstRun) out.push(`**Next:** ${renderCodeSpans(FIRST_RUN_NEXT, escapeMarkdown, inlineCode)} Not answered yet: ${escapeMarkdown(firstRun.summary)}.`, '');
  out.push('| # | Indicator | Status | Fail | Warn | Review | Pass |', '| --- | --- | --- | ---: | ---: | ---: | ---: |');
  for (const indicator of report.indicators) {
    const title = /^https?:\/\//i.test(indicator.url) ? markdownLink(indicator.url, indicator.title) : escapeMarkdown(indicator.title);
    const { counts } = indicator;
    const byWaiver = indicator.waived && indicator.status === 'pass' ? ` (by waiver: ${indicator.waived.map(inlineCode).join(', ')})` : '';
    out.push(
      `| ${escapeMarkdown(indicator.id)} | ${title} | ${STATUS_EMOJI[indicator.status]} ${indicator.status}${byWaiver} | ${counts.fail} | ${counts.warn} | ${counts.review} | ${counts.pass} |`,
    );
  }
  out.push('');

  // On a first run, the unanswered questions are the one line above, not a finding each.
  const open = report.findings.filter(
    (finding) =>
      !finding.waiver &&
      finding.status !== 'pass' &&
      finding.status !== 'n/a' &&
      !(firstRun && (firstRun.codes.has(finding.code) || firstRun.hidden.has(finding.indicator))),
  );
  const waived = report.findings.filter((finding) => finding.waiver);
  const blocks: Block[] = [];
  if (open.length === 0) {
    out.push('### Findings that need action', '', 'None.', '');
  } else {
    let first = true;
    for (const { group, title } of findingGroups(report)) {
      const findings = open.filter((finding) => finding.indicator === group).sort((a, b) => ORDER[a.status] - ORDER[b.status]);
      if (findings.length === 0) continue;
      const heading = first ? ['### Findings that need action', '', groupHeading(report, group, title), ''] : ['', groupHeading(report, group, title), ''];
      first = false;
      blocks.push({ heading, items: findings.map(findingLines) });
    }
  }
  if (waived.length > 0) {
    blocks.push({
      heading: ['', '### Waived findings', '', 'These no longer count against the verdict until the waiver expires.', ''],
      items: waived.map(waivedLines),
    });
  }

  const footer = ['', '<sub>Finding codes are explained in [docs/checks.md](https://github.com/dpg-check/dpg-check/blob/main/docs/checks.md).</sub>'];
  let length = out.join('\n').length + footer.join('\n').length + 400;
  let left = 0;
  for (const block of blocks) {
    let headed = false;
    for (const item of block.items) {
      const text = item.join('\n');
      const needed = text.length + 1 + (headed ? 0 : block.heading.join('\n').length + 1);
      if (left > 0 || length + needed > MARKDOWN_LIMIT) {
        left++;
        continue;
      }
      if (!headed) {
        out.push(...block.heading);
        headed = true;
      }
      out.push(...item);
      length += needed;
    }
  }
  if (left > 0) {
    out.push(
      '',
      `_…and ${left} more ${left === 1 ? 'finding' : 'findings'} left out to stay within GitHub's comment size limit; run \`dpg-check check --format json\` for every finding._`,
    );
  }
  out.push(...footer);
  return `${out.join('\n')}\n`;
};
