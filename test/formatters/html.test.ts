/** The single-file HTML report: self-contained, loads nothing, escapes everything from the report. */
import { describe, expect, it } from 'vitest';
import { reportFor } from '../support/reports.js';
import { formatHtml } from '../../src/formatters/html.js';

const OPTIONS = { color: false };

/**
 * Anything that would make a browser fetch or run something. Only real tags are inspected: text from
 * the report is escaped, so `&lt;img src=x&gt;` is inert text. Plain `<a href>` links are navigation,
 * not loads, and may only be http(s) or in-page anchors.
 */
function expectNoLoads(html: string): void {
  const tags = html.match(/<[a-zA-Z!/][^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(20);
  const allowed = new Set([
    '!doctype',
    'html',
    'head',
    'meta',
    'title',
    'style',
    'body',
    'header',
    'main',
    'footer',
    'h1',
    'h2',
    'p',
    'span',
    'strong',
    'code',
    'a',
    'dl',
    'dt',
    'dd',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'details',
    'summary',
    'ul',
    'li',
  ]);
  for (const tag of tags) {
    const name = /^<\/?([a-zA-Z!][a-zA-Z0-9]*)/.exec(tag)![1]!.toLowerCase();
    expect(allowed, tag).toContain(name);
    expect(tag).not.toMatch(/\s(src|srcset|srcdoc|data|poster|action|formaction|background|ping|style|on[a-z]+)\s*=/i);
    if (name === 'meta') expect(tag).not.toMatch(/refresh/i);
    const href = /\shref="([^"]*)"/.exec(tag)?.[1];
    if (href !== undefined) expect(href).toMatch(/^(https?:\/\/|#)/);
  }
  const styles = html.match(/<style>[\s\S]*?<\/style>/g) ?? [];
  expect(styles).toHaveLength(1);
  expect(styles[0]).not.toMatch(/url\s*\(|@import|expression\s*\(|https?:/i);
}

describe('HTML formatter', () => {
  it('is one self-contained page that loads nothing', async () => {
    for (const fixture of ['fail-3-copyright-placeholder', 'complete-software', 'bare', 'warn-4-undeclared-mapbox']) {
      const html = formatHtml(await reportFor(fixture), OPTIONS);
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';`);
      expect(html).toMatch(/<style>[\s\S]+<\/style>/);
      expectNoLoads(html);
    }
  });

  it("shows the verdict, the 11 indicators coloured by status and each indicator's findings", async () => {
    const report = await reportFor('fail-3-copyright-placeholder');
    const html = formatHtml(report, OPTIONS);
    expect(html).toContain('<header class="verdict not-ready">');
    expect(html).toContain('✖ Not ready');
    expect(html).toContain('indicator 3 fails');
    const rows = html.match(/<tr class="s-(pass|fail|warn|review|na)">/g) ?? [];
    expect(rows).toHaveLength(11);
    expect(html).toContain('<tr class="s-fail"><td>3</td>');
    for (const indicator of report.indicators) expect(html).toContain(`id="indicator-${indicator.id}"`);
    // Sections that need action are open; passing ones are collapsed.
    expect(html).toMatch(/<details class="group s-fail" id="indicator-3" open>/);
    expect(html).toMatch(/<details class="group s-pass" id="indicator-1">/);
    expect(html).toContain('<code>ownership/copyright-placeholder</code>');
    expect(html).toContain('<code>LICENSE:3</code>');
    expect(html).toContain('<span class="label">Fix:</span> Replace the placeholder');
    expect(html).toContain('<span class="label">Reviewer\'s question:</span> Are the described protections adequate');
    // Rendered late, from the code's template: the words escaped, the arguments (a path, a quote of the file) as code.
    expect(html).toContain(
      '<p class="message"><code>LICENSE</code> line 3 is an unfilled template: &quot;<code>Copyright (c) &lt;year&gt; &lt;copyright holders&gt;</code>&quot;.</p>',
    );
    expect(formatHtml(await reportFor('complete-software'), OPTIONS)).toContain('<header class="verdict ready">');
  });

  it('escapes a script injected into a finding, its evidence and a waiver', async () => {
    const report = structuredClone(await reportFor('fail-3-copyright-placeholder'));
    const finding = report.findings.find((candidate) => candidate.code === 'ownership/copyright-placeholder')!;
    finding.message = '<script>alert("pwned")</script> and "><img src=x onerror=alert(1)>';
    finding.fix = '</p><script src="https://evil.example/x.js"></script>';
    finding.evidence = [
      { path: '<script>alert(2)</script>.txt', line: 1, note: '<iframe src="https://evil.example">' },
      { url: 'javascript:alert(3)' },
      { url: 'https://example.org/"><script>alert(4)</script>' },
    ];
    finding.waiver = { reason: '<style>body{background:url(https://evil.example/t.png)}</style>', expires: '2030-01-01' };
    report.source.target = '<script>alert(5)</script>';
    const html = formatHtml(report, OPTIONS);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img|<iframe/i);
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; and &quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<code>javascript:alert(3)</code>');
    expect(html).toContain('href="https://example.org/&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;"');
    expect(html.match(/<style>/g)).toHaveLength(1);
    expectNoLoads(html);
  });
});
