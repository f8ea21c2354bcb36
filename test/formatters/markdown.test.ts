/** The Markdown formatter (PR comments, GitHub job summaries) over real fixture reports. */
import { describe, expect, it } from 'vitest';
import { reportFor } from '../support/reports.js';
import type { Finding } from '../../src/findings.js';
import { escapeMarkdown, formatMarkdown, inlineCode, MARKDOWN_LIMIT, markdownLink } from '../../src/formatters/markdown.js';

const OPTIONS = { color: false };
const INDICATOR_IDS = ['1', '2', '3', '4', '5', '6', '7', '8', '9a', '9b', '9c'];

/** The rows of the indicator table: lines `| <id> | ...`. */
function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => /^\| (\d|9[abc]) \|/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading);
  if (start < 0) return '';
  const next = markdown.indexOf('\n### ', start + heading.length);
  return markdown.slice(start, next < 0 ? undefined : next);
}

describe('Markdown formatter', () => {
  it('states the verdict, tabulates the 11 indicators and lists the failing finding', async () => {
    const report = await reportFor('fail-3-copyright-placeholder');
    const markdown = formatMarkdown(report, OPTIONS);
    expect(markdown).toContain('**❌ Not ready** — indicator 3 fails');
    const rows = tableRows(markdown);
    expect(rows.map((row) => row[0])).toEqual(INDICATOR_IDS);
    for (const row of rows) expect(row).toHaveLength(7);
    const three = rows.find((row) => row[0] === '3')!;
    expect(three[2]).toBe('❌ fail');
    expect(three.slice(3)).toEqual(['1', '0', '0', '1']);

    const action = section(markdown, '### Findings that need action');
    expect(action).toContain('#### 3. Clear ownership');
    expect(action).toContain(
      // Rendered late, from the code's template: the arguments (a path, a quote of the file) as code, which shows them as they are.
      '- ❌ `ownership/copyright-placeholder` `LICENSE` line 3 is an unfilled template: "`Copyright (c) <year> <copyright holders>`".',
    );
    expect(action).toContain('  - Evidence: `LICENSE:3`');
    expect(action).toContain('  - Fix: Replace the placeholder');
    expect(action).toContain('- 🔍 `pii/protections-review`');
    expect(action).toContain("  - Reviewer's question: Are the described protections adequate");
    // Passes are not listed.
    for (const finding of report.findings.filter((candidate) => candidate.status === 'pass')) expect(action).not.toContain(`\`${finding.code}\``);
  });

  it('says ready when nothing fails, and names several failing indicators', async () => {
    expect(formatMarkdown(await reportFor('complete-software'), OPTIONS)).toMatch(/^\*\*✅ Ready\*\*( — .*)?$/m);
    const bare = formatMarkdown(await reportFor('bare'), OPTIONS);
    expect(bare).toContain('**❌ Not ready** — indicators 1, 2, 3, 4, 5, 6, 7, 8, 9a, 9b, 9c fail');
    // A first run: one line says what to do and what is not answered yet, not a finding per question.
    expect(bare).toContain(
      '**Next:** run `dpg-check init`: it writes dpg.yaml with what the files show and asks the rest. Not answered yet: indicators 1, 4, 6, 7, 9a, 9b, 9c, and part of 3, 8.',
    );
    expect(bare).not.toContain('`sdg/none-declared`');
    expect(bare).toContain('`license/none-found`');
    expect(tableRows(bare)).toHaveLength(11);
  });

  it('links URL evidence and shows file evidence as code', async () => {
    const markdown = formatMarkdown(await reportFor('warn-4-undeclared-mapbox'), OPTIONS);
    expect(markdown).toContain('`package.json:9`');
    expect(markdown).toContain('[https://github.com/mapbox/mapbox-gl-js/blob/main/LICENSE.txt](https://github.com/mapbox/mapbox-gl-js/blob/main/LICENSE.txt)');
  });

  it('escapes text from the repository so it cannot break the table or inject HTML', async () => {
    const report = structuredClone(await reportFor('fail-3-copyright-placeholder'));
    report.indicators[2]!.title = 'Clear | ownership <img src=x onerror=alert(1)>';
    const finding = report.findings.find((candidate) => candidate.code === 'ownership/copyright-placeholder')!;
    finding.message = 'Owner is <script>alert(1)</script> | *bold* _it_ [x](javascript:alert(1)) $x^2$ @octocat\n# heading';
    finding.evidence = [
      { path: 'we`ird|<b>.txt', line: 1 },
      { url: 'javascript:alert(1)' },
      { url: 'https://example.org/a(b)' },
      { url: 'https://example.org/has space' },
    ];
    const markdown = formatMarkdown(report, OPTIONS);
    expect(markdown).not.toMatch(/<script|<img/);
    const rows = tableRows(markdown);
    expect(rows).toHaveLength(11);
    for (const row of rows) expect(row).toHaveLength(7);
    expect(markdown).toContain(
      'Owner is &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*bold\\* \\_it\\_ \\[x\\](javascript:alert(1)) \\$x^2\\$ @\u2060octocat # heading',
    );
    expect(markdown).toContain('``we`ird|<b>.txt:1``');
    expect(markdown).toContain('`javascript:alert(1)`');
    // No link to javascript: (the escaped `\\](` in the message text is not a link).
    expect(markdown).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(markdown).toContain('[https://example.org/a(b)](https://example.org/a%28b%29)');
    expect(markdown).toContain('`https://example.org/has space`');
  });

  it('lists waived findings apart, with reason and expiry', async () => {
    const report = structuredClone(await reportFor('fail-3-copyright-placeholder'));
    report.findings.find((finding) => finding.code === 'ownership/copyright-placeholder')!.waiver = { reason: 'Board <approved> it', expires: '2030-12-31' };
    const markdown = formatMarkdown(report, OPTIONS);
    expect(section(markdown, '### Findings that need action')).not.toContain('ownership/copyright-placeholder');
    const waived = section(markdown, '### Waived findings');
    expect(waived).toContain('`ownership/copyright-placeholder`');
    expect(waived).toContain('Waived until 2030-12-31: Board &lt;approved&gt; it');
  });

  it('stays under the PR comment limit and says how many findings were left out', async () => {
    const report = structuredClone(await reportFor('fail-3-copyright-placeholder'));
    const template = report.findings.find((finding) => finding.code === 'ownership/copyright-placeholder')!;
    const many: Finding[] = Array.from({ length: 3000 }, (_, index) => ({
      ...template,
      indicator: INDICATOR_IDS[index % 11] as Finding['indicator'],
      message: `Finding number ${index}: ${'long text '.repeat(10)}`,
      evidence: [{ path: `src/file-${index}.txt`, line: index + 1 }],
    }));
    report.findings = [...report.findings, ...many];
    const markdown = formatMarkdown(report, OPTIONS);
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    const match = /_…and (\d+) more findings left out/.exec(markdown);
    expect(match).not.toBeNull();
    const listed = (markdown.match(/^- (❌|⚠️|🔍) `/gm) ?? []).length;
    const needAction = report.findings.filter((finding) => ['fail', 'warn', 'review'].includes(finding.status)).length;
    expect(listed + Number(match![1])).toBe(needAction);
    expect(tableRows(markdown)).toHaveLength(11);
  });
});

describe('Markdown escaping helpers', () => {
  it('escapes inline Markdown and HTML', () => {
    expect(escapeMarkdown('a|b <i>&</i> *x* `y` [z] ~w~ $m$ \\')).toBe('a\\|b &lt;i&gt;&amp;&lt;/i&gt; \\*x\\* \\`y\\` \\[z\\] \\~w\\~ \\$m\\$ \\\\');
    expect(escapeMarkdown('line\nbreak')).toBe('line break');
    expect(escapeMarkdown('mail me@example.org or @someone')).toBe('mail me@\u2060example.org or @\u2060someone');
  });

  it('fences code spans longer than the backticks inside', () => {
    expect(inlineCode('plain')).toBe('`plain`');
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`edge`')).toBe('`` `edge` ``');
  });

  it('links only http(s) URLs', () => {
    expect(markdownLink('https://example.org/x')).toBe('[https://example.org/x](https://example.org/x)');
    expect(markdownLink('https://example.org/x', 'label')).toBe('[label](https://example.org/x)');
    expect(markdownLink('file:///etc/passwd')).toBe('`file:///etc/passwd`');
    expect(markdownLink('https://example.org/a)b')).toBe('[https://example.org/a)b](https://example.org/a%29b)');
  });

  it('code in fix texts and questions is shown as code, the rest escaped; the HTML page likewise', async () => {
    const { formatHtml } = await import('../../src/formatters/html.js');
    const report = structuredClone(await reportFor('fail-3-copyright-placeholder'));
    const finding = report.findings.find((candidate) => candidate.status === 'fail') as Finding;
    finding.fix = 'Add `ownership: { owners: [{ name: "…" }] }` to the manifest, then run `dpg-check check`; a *star* stays text.';
    const markdown = formatMarkdown(report, OPTIONS);
    expect(markdown).toContain('Fix: Add `ownership: { owners: [{ name: "…" }] }` to the manifest, then run `dpg-check check`; a \\*star\\* stays text.');
    const html = formatHtml(report, OPTIONS);
    expect(html).toContain('Add <code>ownership: { owners: [{ name: &quot;…&quot; }] }</code> to the manifest, then run <code>dpg-check check</code>');
    finding.fix = 'An odd ` backtick stays text.';
    expect(formatMarkdown(report, OPTIONS)).toContain('Fix: An odd \\` backtick stays text.');
  });
});
