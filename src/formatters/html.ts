import type { Evidence, Finding, FindingGroup, FindingStatus, RenderStyle } from '../findings.js';
import { renderMessage } from '../report/render.js';
import { summarizeVerdict } from './badge.js';
import { helpUriFor } from './sarif.js';
import type { Formatter } from './types.js';
import { findingGroups, FIRST_RUN_NEXT, firstRunView, manifestLabel, manifestOriginNote, renderCodeSpans } from './groups.js';
import { escapeHtml } from './xml.js';

const SYMBOL: Record<FindingStatus, string> = { pass: '✔', fail: '✖', warn: '⚠', review: '?', 'n/a': '–' };
const CLASS: Record<FindingStatus, string> = { pass: 's-pass', fail: 's-fail', warn: 's-warn', review: 's-review', 'n/a': 's-na' };
const ORDER: Record<FindingStatus, number> = { fail: 0, warn: 1, review: 2, pass: 3, 'n/a': 4 };

/**
 * Inline styles only: the page must work offline and from a CI artefact, so it loads nothing (no
 * fonts, images, scripts or style sheets), and its Content-Security-Policy forbids loading anything.
 */
const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #fff; --panel: #f6f8fa; --line: #d1d9e0;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9; --warn: #9a6700; --warn-bg: #fff8c5;
  --review: #0969da; --review-bg: #ddf4ff; --na: #59636e; --na-bg: #eff2f5; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d;
  --pass: #3fb950; --pass-bg: #12261e; --fail: #f85149; --fail-bg: #2d1214; --warn: #d29922; --warn-bg: #272115;
  --review: #4493f8; --review-bg: #121d2f; --na: #9198a1; --na-bg: #1b2129; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: 0 .3em; overflow-wrap: anywhere; }
a { color: var(--review); }
.verdict { border: 1px solid var(--line); border-left-width: 6px; border-radius: 8px; padding: 1rem 1.25rem; background: var(--panel); }
.verdict.ready { border-left-color: var(--pass); } .verdict.not-ready { border-left-color: var(--fail); }
.verdict .word { font-weight: 700; } .verdict.ready .word { color: var(--pass); } .verdict.not-ready .word { color: var(--fail); }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .75rem 0 0; color: var(--muted); }
.meta dt { font-weight: 600; } .meta dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.s-fail td:first-child { box-shadow: inset 4px 0 var(--fail); } tr.s-warn td:first-child { box-shadow: inset 4px 0 var(--warn); }
tr.s-review td:first-child { box-shadow: inset 4px 0 var(--review); } tr.s-pass td:first-child { box-shadow: inset 4px 0 var(--pass); }
tr.s-na td:first-child { box-shadow: inset 4px 0 var(--na); }
.status { display: inline-block; min-width: 4.5rem; padding: 0 .5rem; border-radius: 1rem; font-size: .85em; font-weight: 600; text-align: center; white-space: nowrap; }
.status.s-pass { color: var(--pass); background: var(--pass-bg); }
.status.s-fail { color: var(--fail); background: var(--fail-bg); }
.status.s-warn { color: var(--warn); background: var(--warn-bg); }
.status.s-review { color: var(--review); background: var(--review-bg); }
.status.s-na { color: var(--na); background: var(--na-bg); }
details.group { border: 1px solid var(--line); border-radius: 8px; margin: .6rem 0; background: var(--bg); }
details.group > summary { cursor: pointer; padding: .6rem .9rem; font-weight: 600; list-style-position: inside; }
details.group > summary .tally { font-weight: 400; color: var(--muted); margin-left: .5rem; }
details.group[open] > summary { border-bottom: 1px solid var(--line); }
.requirement { color: var(--muted); margin: .6rem .9rem; }
ul.findings { list-style: none; margin: 0; padding: 0 .9rem .6rem; }
li.finding { padding: .6rem 0; border-top: 1px solid var(--line); } li.finding:first-child { border-top: 0; }
li.finding p { margin: .3rem 0; }
ul.evidence { margin: .3rem 0; padding-left: 1.25rem; color: var(--muted); }
.label { font-weight: 600; }
.waived { color: var(--muted); font-style: italic; }
footer { margin-top: 2rem; color: var(--muted); font-size: .9em; }
@media print { details.group > summary { list-style: none; } }
`;

function h(text: string): string {
  return escapeHtml(text);
}

/** A link only for http(s) URLs; anything else (javascript:, data:, file:) is shown as text. */
function link(url: string, text?: string): string {
  if (!/^https?:\/\//i.test(url)) return `<code>${h(url)}</code>`;
  return `<a href="${h(url)}" rel="noopener noreferrer">${h(text ?? url)}</a>`;
}

function evidenceItem(evidence: Evidence): string {
  const parts: string[] = [];
  if (evidence.path !== undefined && evidence.path !== '') {
    let where = evidence.path;
    if (evidence.line !== undefined) where += `:${evidence.line}`;
    if (evidence.line !== undefined && evidence.column !== undefined) where += `:${evidence.column}`;
    parts.push(`<code>${h(where)}</code>`);
  }
  if (evidence.url) parts.push(link(evidence.url));
  if (evidence.note) parts.push(parts.length > 0 ? `(${h(evidence.note)})` : h(evidence.note));
  return parts.length > 0 ? `<li>${parts.join(' ')}</li>` : '';
}

/** A message's words escaped (its backtick spans as code), its arguments (paths, ids, quotes) as code; numbers as words. */
const HTML_STYLE: RenderStyle = {
  text: (words) => renderCodeSpans(words, h, (code) => `<code>${h(code)}</code>`),
  value: (value) => (typeof value === 'number' ? h(String(value)) : `<code>${h(value)}</code>`),
};

function findingItem(finding: Finding): string {
  const lines: string[] = [];
  const waived = finding.waiver ? ' waived-finding' : '';
  lines.push(`<li class="finding ${CLASS[finding.status]}${waived}">`);
  lines.push(
    `<p><span class="status ${CLASS[finding.status]}">${SYMBOL[finding.status]} ${h(finding.status)}</span> <a href="${h(helpUriFor(finding.code))}" rel="noopener noreferrer"><code>${h(finding.code)}</code></a> <strong>${h(finding.title)}</strong></p>`,
  );
  lines.push(`<p class="message">${renderMessage(finding, HTML_STYLE)}</p>`);
  const evidence = finding.evidence.map(evidenceItem).filter(Boolean);
  if (evidence.length > 0) lines.push(`<ul class="evidence">${evidence.join('')}</ul>`);
  if (finding.question && finding.status === 'review')
    lines.push(
      `<p class="question"><span class="label">Reviewer's question:</span> ${renderCodeSpans(finding.question, h, (code) => `<code>${h(code)}</code>`)}</p>`,
    );
  if (finding.fix) lines.push(`<p class="fix"><span class="label">Fix:</span> ${renderCodeSpans(finding.fix, h, (code) => `<code>${h(code)}</code>`)}</p>`);
  if (finding.waiver)
    lines.push(`<p class="waived">Waived until ${h(finding.waiver.expires)}: ${h(finding.waiver.reason)}. It no longer counts against the verdict.</p>`);
  lines.push('</li>');
  return lines.join('\n');
}

function tally(counts: Record<FindingStatus, number>): string {
  return (['fail', 'warn', 'review', 'pass', 'n/a'] as const)
    .filter((status) => counts[status] > 0)
    .map((status) => `${counts[status]} ${status}`)
    .join(' · ');
}

function countFindings(findings: readonly Finding[]): Record<FindingStatus, number> {
  const counts: Record<FindingStatus, number> = { fail: 0, warn: 0, review: 0, pass: 0, 'n/a': 0 };
  for (const finding of findings) counts[finding.status]++;
  return counts;
}

function worst(findings: readonly Finding[]): FindingStatus {
  return findings.reduce<FindingStatus>((status, finding) => (ORDER[finding.status] < ORDER[status] ? finding.status : status), 'n/a');
}

function groupSection(id: string, heading: string, status: FindingStatus, findings: readonly Finding[], requirement?: string, url?: string): string {
  const sorted = [...findings].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const open = status === 'fail' || status === 'warn' || status === 'review' ? ' open' : '';
  const lines = [`<details class="group ${CLASS[status]}" id="${h(id)}"${open}>`];
  lines.push(
    `<summary><span class="status ${CLASS[status]}">${SYMBOL[status]} ${h(status)}</span> ${h(heading)}<span class="tally">${h(tally(countFindings(findings)))}</span></summary>`,
  );
  if (requirement) lines.push(`<p class="requirement">${h(requirement)}${url ? ` ${link(url, 'The Standard')}` : ''}</p>`);
  lines.push(sorted.length > 0 ? `<ul class="findings">\n${sorted.map(findingItem).join('\n')}\n</ul>` : '<p class="requirement">No findings.</p>');
  lines.push('</details>');
  return lines.join('\n');
}

function groupAnchor(group: FindingGroup): string {
  return group === 'manifest' || group === 'policy' || group === 'registry' ? group : `indicator-${group}`;
}

/**
 * One self-contained HTML page for one report: the verdict, the indicators in a table coloured by
 * status, then every indicator's findings in a collapsible section (open where something needs
 * action) with evidence, fix and the reviewer's question. No script at all; everything from the
 * report is escaped.
 */
export const formatHtml: Formatter = (report) => {
  const summary = summarizeVerdict(report);
  const verdictWord = summary.ready ? '✔ Ready' : '✖ Not ready';
  const notes: string[] = [];
  if (!summary.ready) notes.push(summary.because);
  if (summary.open.warn > 0) notes.push(`${summary.open.warn} ${summary.open.warn === 1 ? 'warning' : 'warnings'}`);
  if (summary.open.review > 0) notes.push(`${summary.open.review} to review`);
  if (summary.waived > 0) notes.push(`${summary.waived} waived`);

  const out: string[] = [];
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">');
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`);
  out.push('<meta name="referrer" content="no-referrer">');
  out.push(`<meta name="generator" content="dpg-check ${h(report.tool.version)}">`);
  out.push(`<title>${h(`DPG readiness: ${summary.ready ? 'ready' : 'not ready'} · ${report.source.target}`)}</title>`);
  out.push(`<style>${STYLE}</style>`, '</head>', '<body>');

  out.push(`<header class="verdict ${summary.ready ? 'ready' : 'not-ready'}">`);
  out.push(`<h1>DPG readiness: <span class="word">${verdictWord}</span></h1>`);
  if (notes.length > 0) out.push(`<p>${h(notes.join(' · '))}</p>`);
  out.push('<dl class="meta">');
  out.push(
    `<dt>Source</dt><dd><code>${h(report.source.target)}</code> (${h(report.source.kind)})${report.source.revision ? ` at <code>${h(report.source.revision)}</code>` : ''}</dd>`,
  );
  out.push(
    `<dt>Manifest</dt><dd>${report.manifest ? `<code>${h(manifestLabel(report.manifest))}</code>${manifestOriginNote(report.manifest) ? ` (${h(manifestOriginNote(report.manifest))})` : ''}` : 'none'}</dd>`,
  );
  const firstRun = firstRunView(report);
  if (firstRun)
    out.push(
      `<dt>Next</dt><dd>${renderCodeSpans(FIRST_RUN_NEXT, h, (code) => `<code>${h(code)}</code>`)}</dd>`,
      `<dt>Not answered yet</dt><dd>${h(firstRun.summary)}</dd>`,
    );
  out.push(`<dt>Standard</dt><dd>${h(`${report.standard.name} ${report.standard.version}`)}</dd>`);
  out.push(
    `<dt>Checked</dt><dd>${h(report.timing.startedAt)} by dpg-check ${h(report.tool.version)}${report.failOn === 'warn' ? ', failing on warnings' : ''}</dd>`,
  );
  out.push(`<dt>Findings</dt><dd>${h(tally(report.counts) || 'none')}</dd>`);
  out.push('</dl>', '</header>', '<main>');

  out.push('<h2>Indicators</h2>', '<table class="indicators">');
  out.push(
    '<thead><tr><th>#</th><th>Indicator</th><th>Status</th><th class="n">Fail</th><th class="n">Warn</th><th class="n">Review</th><th class="n">Pass</th></tr></thead>',
    '<tbody>',
  );
  for (const indicator of report.indicators) {
    const { counts } = indicator;
    out.push(
      `<tr class="${CLASS[indicator.status]}"><td>${h(indicator.id)}</td><td><a href="#${h(groupAnchor(indicator.id))}">${h(indicator.title)}</a></td><td><span class="status ${CLASS[indicator.status]}">${SYMBOL[indicator.status]} ${h(indicator.status)}</span>${indicator.waived && indicator.status === 'pass' ? ` <small>by waiver: ${h(indicator.waived.join(', '))}</small>` : ''}</td><td class="n">${counts.fail}</td><td class="n">${counts.warn}</td><td class="n">${counts.review}</td><td class="n">${counts.pass}</td></tr>`,
    );
  }
  out.push('</tbody>', '</table>');

  out.push('<h2>Findings</h2>');
  for (const { group, title, findings } of findingGroups(report)) {
    const indicator = report.indicators.find((candidate) => candidate.id === group);
    out.push(
      indicator
        ? groupSection(groupAnchor(group), title, indicator.status, findings, indicator.requirement, indicator.url)
        : groupSection(groupAnchor(group), title, worst(findings), findings),
    );
  }
  out.push('</main>');
  out.push(
    `<footer>Generated by dpg-check ${h(report.tool.version)}. Every finding code is explained in ${link('https://github.com/dpg-check/dpg-check/blob/main/docs/checks.md', 'docs/checks.md')}.</footer>`,
  );
  out.push('</body>', '</html>');
  return `${out.join('\n')}\n`;
};
