/**
 * The audit summary as one self-contained HTML page: it loads nothing (no CDN, fonts or images; its
 * Content-Security-Policy forbids it), so it works offline and as a CI artefact. It holds:
 *
 * - totals per indicator as a stacked bar chart (inline SVG);
 * - a table of targets by indicator status in colour, sortable (click a heading) and filterable
 *   (text, verdict, indicator and status, mismatches only), each row opening its findings on click;
 * - the declared-vs-detected licence mismatches, filtered with the targets (a mismatch shows while
 *   its target does).
 *
 * Both tables sit in a box that scrolls sideways, so on a phone-width screen the page itself never
 * does (the script lets the box overflow when the table fits, so that the sticky heading works). An
 * SPDX id never breaks inside (`GPL-3.0-or-later` is one unbreakable span): a licence expression wraps
 * at its spaces only.
 *
 * Rows are written into the page (readable without scripts); the script only sorts, filters and shows
 * findings, from data embedded as JSON and inserted with textContent, never as HTML.
 */
import { createHash } from 'node:crypto';
import { FINDING_STATUSES, INDICATOR_IDS, type FindingStatus } from '../findings.js';
import { escapeHtml } from '../formatters/xml.js';
import type { SummaryModel } from './summary.js';

const STATUS_LABEL: Record<FindingStatus, string> = { pass: 'pass', fail: 'fail', warn: 'warn', review: 'review', 'n/a': 'n/a' };
const STATUS_CLASS: Record<FindingStatus, string> = { pass: 's-pass', fail: 's-fail', warn: 's-warn', review: 's-review', 'n/a': 's-na' };
const CHART_ORDER: FindingStatus[] = ['fail', 'warn', 'review', 'pass', 'n/a'];

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #fff; --panel: #f6f8fa; --line: #d1d9e0;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9; --warn: #9a6700; --warn-bg: #fff8c5;
  --review: #0969da; --review-bg: #ddf4ff; --na: #59636e; --na-bg: #eff2f5; --error: #8250df; --error-bg: #fbefff; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d;
  --pass: #3fb950; --pass-bg: #12261e; --fail: #f85149; --fail-bg: #2d1214; --warn: #d29922; --warn-bg: #272115;
  --review: #4493f8; --review-bg: #121d2f; --na: #9198a1; --na-bg: #1b2129; --error: #ab7df8; --error-bg: #231c33; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 96rem; padding: 1.5rem; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; }
.meta { color: var(--muted); margin: 0; }
.totals { display: flex; gap: .75rem; flex-wrap: wrap; margin: 1rem 0 0; padding: 0; list-style: none; }
.totals li { border: 1px solid var(--line); border-radius: 8px; padding: .5rem .9rem; background: var(--panel); }
.totals b { font-size: 1.3rem; display: block; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
svg text { fill: var(--fg); font: 12px system-ui, sans-serif; }
.chart-legend { display: flex; gap: 1rem; flex-wrap: wrap; color: var(--muted); margin: .25rem 0 0; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; vertical-align: -1px; margin-right: .3rem; }
.controls { display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; margin-bottom: .6rem; }
.controls input[type="search"], .controls select { font: inherit; padding: .3rem .5rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); max-width: 100%; }
.controls input[type="search"] { width: 18rem; }
.controls label.check { display: inline-flex; align-items: center; gap: .35rem; white-space: nowrap; cursor: pointer; }
.controls label.check input { margin: 0; }
#shown { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
.table-scroll { max-width: 100%; overflow-x: auto; }
.table-scroll.fits { overflow: visible; }
.table-scroll:focus-visible { outline: 2px solid var(--review); outline-offset: 2px; }
th, td { text-align: left; padding: .3rem .45rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { position: sticky; top: 0; background: var(--panel); cursor: pointer; user-select: none; white-space: nowrap; }
thead th[aria-sort="ascending"]::after { content: " ▲"; } thead th[aria-sort="descending"]::after { content: " ▼"; }
tbody tr.target { cursor: pointer; } tbody tr.target:hover { background: var(--panel); }
tbody tr.target[aria-expanded="true"] { background: var(--panel); }
td.st { text-align: center; padding: .3rem .2rem; }
#targets tr.target td:first-child { min-width: 13rem; } #targets tr.target td:nth-child(2) { min-width: 7rem; }
#targets tr.target td:last-child { min-width: 9rem; overflow-wrap: anywhere; }
#mismatches td:first-child { min-width: 10rem; } #mismatches td:last-child { min-width: 14rem; }
code.license { overflow-wrap: normal; word-break: normal; }
.spdx { white-space: nowrap; overflow-wrap: normal; word-break: keep-all; }
#mismatches-none { color: var(--muted); }
.status { display: inline-block; min-width: 3.2rem; padding: 0 .4rem; border-radius: 1rem; font-size: .85em; font-weight: 600; text-align: center; white-space: nowrap; }
.s-pass { color: var(--pass); background: var(--pass-bg); } .s-fail { color: var(--fail); background: var(--fail-bg); }
.s-warn { color: var(--warn); background: var(--warn-bg); } .s-review { color: var(--review); background: var(--review-bg); }
.s-na { color: var(--na); background: var(--na-bg); } .s-error { color: var(--error); background: var(--error-bg); }
.s-ready { color: var(--pass); background: var(--pass-bg); } .s-not-ready { color: var(--fail); background: var(--fail-bg); }
tr.details td { background: var(--panel); padding: .5rem 1rem 1rem; }
tr.details .details-body { position: sticky; left: 1rem; max-width: min(calc(100vw - 5rem), 91rem); overflow-wrap: anywhere; }
ul.findings { list-style: none; margin: 0; padding: 0; }
ul.findings li { padding: .35rem 0; border-top: 1px solid var(--line); } ul.findings li:first-child { border-top: 0; }
.finding-code { color: var(--muted); margin-left: .4rem; }
.evidence, .fix { color: var(--muted); margin: .1rem 0 0 4rem; }
.error-message { color: var(--error); }
.mismatch-count { font-weight: 600; color: var(--warn); }
footer { margin-top: 2rem; color: var(--muted); }
/* A phone: the targets' names stay in view while the table scrolls sideways. */
@media (max-width: 40rem) {
  body { padding: 1rem .75rem; }
  .controls input[type="search"] { width: 100%; }
  #targets tr.target td:first-child { min-width: 10rem; }
  #targets tr.target td:first-child, #targets th:first-child { position: sticky; left: 0; z-index: 1; background: var(--bg); box-shadow: 1px 0 0 var(--line); }
  tr.details .details-body { left: .75rem; max-width: calc(100vw - 4rem); }
  #targets thead th:first-child { background: var(--panel); z-index: 2; }
  #targets tr.target:hover td:first-child, #targets tr.target[aria-expanded="true"] td:first-child { background: var(--panel); }
}
`;

/**
 * The page's behaviour. Written without template literals (it sits in one) and hashed into the CSP.
 * Data: window data from <script type="application/json" id="audit-data">: { rows: [{ f: [[status,
 * code, message, evidence[], fix, question, waived]] }] } in table order.
 */
const SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('audit-data').textContent);
  var table = document.getElementById('targets');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.querySelectorAll('tr.target'));
  var SEVERITY = { fail: 0, warn: 1, review: 2, pass: 3, 'n/a': 4, '': 5 };
  var VERDICT = { error: 0, 'not-ready': 1, ready: 2 };
  var sortKey = null, sortDir = 1;

  function value(row, key) {
    if (key.indexOf('i:') === 0) return SEVERITY[row.getAttribute('data-i-' + key.slice(2)) || ''];
    if (key === 'verdict') return VERDICT[row.getAttribute('data-verdict')];
    if (key === 'mismatches') return -Number(row.getAttribute('data-mismatches'));
    return (row.getAttribute('data-' + key) || '').toLowerCase();
  }

  function closeDetails(row) {
    var next = row.nextElementSibling;
    if (next && next.classList.contains('details')) next.remove();
    row.setAttribute('aria-expanded', 'false');
  }

  function sortBy(key, th) {
    sortDir = sortKey === key ? -sortDir : 1;
    sortKey = key;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', sortDir === 1 ? 'ascending' : 'descending');
    rows.forEach(closeDetails);
    rows.sort(function (a, b) {
      var x = value(a, key), y = value(b, key);
      var order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      if (order === 0) order = a.getAttribute('data-target').localeCompare(b.getAttribute('data-target'));
      return order * sortDir;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    var key = th.getAttribute('data-key');
    if (!key) return;
    th.tabIndex = 0;
    th.addEventListener('click', function () { sortBy(key, th); });
    th.addEventListener('keydown', function (event) { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sortBy(key, th); } });
  });

  var text = document.getElementById('filter-text');
  var verdict = document.getElementById('filter-verdict');
  var indicator = document.getElementById('filter-indicator');
  var status = document.getElementById('filter-status');
  var mismatchOnly = document.getElementById('filter-mismatches');
  var shown = document.getElementById('shown');
  var INDICATORS = JSON.parse(table.getAttribute('data-indicators'));
  var mismatchTable = document.getElementById('mismatches');
  var mismatchRows = mismatchTable ? Array.prototype.slice.call(mismatchTable.tBodies[0].rows) : [];
  var mismatchShown = document.getElementById('mismatches-shown');
  var mismatchNone = document.getElementById('mismatches-none');
  var byIndex = {};
  rows.forEach(function (row) { byIndex[row.getAttribute('data-index')] = row; });

  function applyFilter() {
    var needle = text.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var ok = true;
      if (needle && row.getAttribute('data-search').indexOf(needle) === -1) ok = false;
      if (ok && verdict.value && row.getAttribute('data-verdict') !== verdict.value) ok = false;
      if (ok && mismatchOnly.checked && row.getAttribute('data-mismatches') === '0') ok = false;
      if (ok && status.value) {
        var ids = indicator.value ? [indicator.value] : INDICATORS;
        ok = ids.some(function (id) { return row.getAttribute('data-i-' + id) === status.value; });
      } else if (ok && indicator.value && !status.value) {
        ok = Boolean(row.getAttribute('data-i-' + indicator.value));
      }
      if (!ok) closeDetails(row);
      row.hidden = !ok;
      if (ok) count++;
    });
    shown.textContent = count + ' of ' + rows.length + ' targets';
    // A licence mismatch shows while its target does: every filter applies to both tables.
    var mismatchCount = 0;
    mismatchRows.forEach(function (row) {
      var target = byIndex[row.getAttribute('data-index')];
      row.hidden = !target || target.hidden;
      if (!row.hidden) mismatchCount++;
    });
    if (mismatchShown) mismatchShown.textContent = mismatchCount + ' of ' + mismatchRows.length + ' licence mismatches';
    if (mismatchNone) mismatchNone.hidden = mismatchCount > 0;
    if (mismatchTable) mismatchTable.parentNode.hidden = mismatchCount === 0;
    fitTables();
  }

  // A table that fits needs no scroll box of its own (and the page's sticky heading then works).
  var scrollBoxes = Array.prototype.slice.call(document.querySelectorAll('.table-scroll'));
  function fitTables() {
    scrollBoxes.forEach(function (box) {
      var inner = box.querySelector('table');
      var fits = Boolean(inner) && inner.offsetWidth <= box.clientWidth;
      box.classList.toggle('fits', fits);
      box.tabIndex = fits ? -1 : 0;
    });
  }
  window.addEventListener('resize', fitTables);
  [text, verdict, indicator, status, mismatchOnly].forEach(function (control) {
    control.addEventListener('input', applyFilter);
    control.addEventListener('change', applyFilter);
  });

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function details(row) {
    var entry = data.rows[Number(row.getAttribute('data-index'))];
    var tr = element('tr', 'details');
    var td = element('td');
    td.colSpan = row.cells.length;
    // On a phone the table scrolls sideways; the findings stay in view (sticky, as wide as the screen).
    var box = td.appendChild(element('div', 'details-body'));
    if (entry.e) {
      box.appendChild(element('p', 'error-message', entry.e));
    } else {
      var list = element('ul', 'findings');
      var findings = entry.f.slice().sort(function (a, b) { return SEVERITY[a[0]] - SEVERITY[b[0]]; });
      findings.forEach(function (finding) {
        var li = element('li');
        li.appendChild(element('span', 'status ' + (finding[0] === 'n/a' ? 's-na' : 's-' + finding[0]), finding[0]));
        li.appendChild(document.createTextNode(' ' + finding[2]));
        li.appendChild(element('code', 'finding-code', finding[1] + (finding[6] ? ' (waived)' : '')));
        if (finding[3].length) li.appendChild(element('div', 'evidence', 'at ' + finding[3].join(', ')));
        if (finding[4]) li.appendChild(element('div', 'fix', 'fix: ' + finding[4]));
        if (finding[5]) li.appendChild(element('div', 'fix', 'reviewer: ' + finding[5]));
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    tr.appendChild(td);
    return tr;
  }

  function toggle(row) {
    if (row.getAttribute('aria-expanded') === 'true') { closeDetails(row); return; }
    row.after(details(row));
    row.setAttribute('aria-expanded', 'true');
    fitTables();
  }
  rows.forEach(function (row) {
    row.tabIndex = 0;
    row.addEventListener('click', function () { toggle(row); });
    row.addEventListener('keydown', function (event) { if (event.key === 'Enter') { event.preventDefault(); toggle(row); } });
  });
  applyFilter();
})();
`;

function shorten(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function h(text: string | number | undefined): string {
  return escapeHtml(text === undefined ? '' : String(text));
}

const SPDX_OPERATORS = new Set(['AND', 'OR', 'WITH', 'and', 'or', 'with']);

/**
 * A licence expression that wraps only at its spaces: each SPDX id (and an exception after WITH) is
 * one unbreakable span, so `GPL-3.0-or-later` never breaks at a hyphen or inside a word; the
 * operators and parentheses stay as text between them.
 */
export function licenseHtml(expression: string | undefined): string {
  if (!expression) return '';
  return expression
    .split(/(\s+|[()])/)
    .filter((token) => token !== '')
    .map((token) =>
      /^\s+$/.test(token) ? ' ' : token === '(' || token === ')' || SPDX_OPERATORS.has(token) ? h(token) : `<span class="spdx">${h(token)}</span>`,
    )
    .join('');
}

function statusBadge(status: FindingStatus | undefined): string {
  if (!status) return '';
  return `<span class="status ${STATUS_CLASS[status]}">${h(STATUS_LABEL[status])}</span>`;
}

const COLOURS: Record<FindingStatus, string> = { fail: 'var(--fail)', warn: 'var(--warn)', review: 'var(--review)', pass: 'var(--pass)', 'n/a': 'var(--na)' };

function chart(model: SummaryModel): string {
  const barX = 290;
  const barWidth = 480;
  const rowHeight = 24;
  const height = model.indicators.length * rowHeight + 10;
  const parts: string[] = [];
  model.indicators.forEach((indicator, index) => {
    const y = 5 + index * rowHeight;
    const total = FINDING_STATUSES.reduce((sum, status) => sum + indicator.counts[status], 0);
    parts.push(`<text x="0" y="${y + 15}">${h(shorten(`${indicator.id}. ${indicator.title}`, 44))}</text>`);
    let x = barX;
    for (const status of CHART_ORDER) {
      const count = indicator.counts[status];
      if (count === 0 || total === 0) continue;
      const width = (count / total) * barWidth;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${rowHeight - 6}" style="fill:${COLOURS[status]}"><title>${h(`${indicator.id} ${status}: ${count}`)}</title></rect>`,
      );
      x += width;
    }
    const labels = CHART_ORDER.filter((status) => indicator.counts[status] > 0).map((status) => `${indicator.counts[status]} ${status}`);
    parts.push(`<text x="${barX + barWidth + 8}" y="${y + 15}">${h(labels.join(' · ') || 'no results')}</text>`);
  });
  const legend = CHART_ORDER.map((status) => `<span><span class="swatch" style="background:${COLOURS[status]}"></span>${h(status)}</span>`).join('');
  return `<svg id="chart" role="img" aria-label="Targets by indicator status" viewBox="0 0 1000 ${height}" width="100%" style="max-width:1000px">${parts.join('')}</svg><div class="chart-legend">${legend}<span>${h(model.totals.errors)} target${model.totals.errors === 1 ? '' : 's'} could not be checked and ${model.totals.errors === 1 ? 'is' : 'are'} not counted</span></div>`;
}

export function summaryHtml(model: SummaryModel): string {
  const { totals } = model;
  const data = {
    rows: model.rows.map((row) =>
      row.error
        ? { e: row.error.message }
        : {
            f: row.findings.map((finding) => [
              finding.status,
              finding.code,
              finding.message,
              finding.evidence,
              finding.fix ?? '',
              finding.question ?? '',
              finding.waived ? 1 : 0,
            ]),
          },
    ),
  };
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  const scriptHash = createHash('sha256').update(SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'`;

  const rows = model.rows.map((row, index) => {
    const search = [row.target, row.record?.id ?? '', row.record?.name ?? '', row.license ?? '', row.error?.message ?? ''].join(' ').toLowerCase();
    const indicatorAttributes = INDICATOR_IDS.map((id) => ` data-i-${id}="${h(row.indicators[id] ?? '')}"`).join('');
    const verdictBadge = `<span class="status s-${row.verdict}">${h(row.verdict)}</span>`;
    const cells = INDICATOR_IDS.map((id) => `<td class="st">${statusBadge(row.indicators[id])}</td>`).join('');
    const mismatches = row.error
      ? `<span class="error-message">${h(row.error.message.slice(0, 140))}</span>`
      : row.mismatches.length > 0
        ? `<span class="mismatch-count">${row.mismatches.length}</span> ${h(row.mismatches.map((mismatch) => mismatch.code).join(', '))}`
        : '';
    return `<tr class="target" aria-expanded="false" data-index="${index}" data-target="${h(row.target)}" data-record="${h(row.record?.name ?? '')}" data-license="${h(row.license ?? '')}" data-verdict="${h(row.verdict)}" data-mismatches="${row.mismatches.length}" data-search="${h(search)}"${indicatorAttributes}><td><code>${h(row.target)}</code></td><td>${h(row.record ? row.record.name : '')}${row.manifest === 'registry' ? ' <small title="the application is the manifest: the repository has no dpg manifest">(application as manifest)</small>' : ''}</td><td>${verdictBadge}</td><td><code class="license">${licenseHtml(row.license)}</code></td>${cells}<td>${mismatches}</td></tr>`;
  });

  const licenceMismatches = model.rows.flatMap((row, index) =>
    row.mismatches.filter((mismatch) => /licen[cs]e/i.test(mismatch.code)).map((mismatch) => ({ row, index, mismatch })),
  );
  const mismatchTable =
    licenceMismatches.length === 0
      ? '<p>No licence declaration disagrees with what the repositories carry.</p>'
      : `<p class="meta" id="mismatches-shown" aria-live="polite">${h(licenceMismatches.length)} of ${h(licenceMismatches.length)} licence mismatches</p>
<div class="table-scroll" role="region" aria-label="Licence mismatches" tabindex="0"><table id="mismatches"><thead><tr><th>Target</th><th>Record</th><th>Licence found</th><th>Status</th><th>Mismatch</th></tr></thead><tbody>${licenceMismatches
          .map(
            ({ row, index, mismatch }) =>
              `<tr data-index="${index}" data-target="${h(row.target)}"><td><code>${h(row.target)}</code></td><td>${h(row.record?.id ?? '')}</td><td><code class="license">${licenseHtml(row.license)}</code></td><td>${statusBadge(mismatch.status)}</td><td>${h(mismatch.message)} <code class="finding-code">${h(mismatch.code)}</code></td></tr>`,
          )
          .join('')}</tbody></table></div>
<p id="mismatches-none" hidden>No licence mismatch among the targets the filter shows.</p>`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${h(csp)}">
<meta name="generator" content="dpg-check ${h(model.tool.version)}">
<title>dpg-check audit: ${h(totals.targets)} targets</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>dpg-check audit</h1>
<p class="meta">Digital Public Goods Standard ${h(model.standard.version)} · dpg-check ${h(model.tool.version)} · generated ${h(model.generatedAt)}</p>
<ul class="totals" id="totals">
<li><b>${h(totals.targets)}</b>targets</li>
<li><b class="s-ready status">${h(totals.ready)}</b>ready</li>
<li><b class="s-not-ready status">${h(totals.notReady)}</b>not ready</li>
<li><b class="s-error status">${h(totals.errors)}</b>could not be checked</li>
<li><b>${h(totals.mismatches)}</b>with mismatches</li>
</ul>
</header>
<main>
<section>
<h2>Indicators</h2>
${chart(model)}
</section>
<section>
<h2>Targets</h2>
<div class="controls">
<input id="filter-text" type="search" placeholder="Filter: target, record, licence" aria-label="Filter by target, record or licence">
<select id="filter-verdict" aria-label="Verdict"><option value="">any verdict</option><option value="ready">ready</option><option value="not-ready">not ready</option><option value="error">could not be checked</option></select>
<select id="filter-indicator" aria-label="Indicator"><option value="">any indicator</option>${model.indicators.map((indicator) => `<option value="${h(indicator.id)}">${h(`${indicator.id}. ${indicator.title}`)}</option>`).join('')}</select>
<select id="filter-status" aria-label="Status"><option value="">any status</option>${FINDING_STATUSES.map((status) => `<option value="${h(status)}">${h(status)}</option>`).join('')}</select>
<label class="check" for="filter-mismatches"><input id="filter-mismatches" type="checkbox"><span>mismatches only</span></label>
<span id="shown" aria-live="polite">${h(model.rows.length)} of ${h(model.rows.length)} targets</span>
</div>
<div class="table-scroll" role="region" aria-label="Targets" tabindex="0">
<table id="targets" data-indicators="${h(JSON.stringify(INDICATOR_IDS))}">
<thead><tr><th data-key="target">Target</th><th data-key="record">Record</th><th data-key="verdict">Verdict</th><th data-key="license">Licence</th>${INDICATOR_IDS.map((id) => `<th data-key="i:${id}" title="${h(model.indicators.find((indicator) => indicator.id === id)?.title ?? id)}">${h(id)}</th>`).join('')}<th data-key="mismatches">Mismatches</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>
</section>
<section>
<h2>Licence mismatches</h2>
${mismatchTable}
</section>
</main>
<footer>Click a target for its findings; click a heading to sort. Full reports are in the audit's JSONL results.</footer>
<script type="application/json" id="audit-data">${json}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
