import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDING_STATUSES, INDICATOR_IDS, type FindingStatus, type IndicatorId } from '../../src/findings.js';
import { licenseHtml, summaryHtml } from '../../src/audit/summary-html.js';
import type { SummaryModel, SummaryRow } from '../../src/audit/summary.js';
import { REPO_ROOT } from '../support/cli.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { cleanEnv, FIXTURE_REPOS, makeGplRepository, REGISTRY_FIXTURES, runCliWith, TOKEN } from './helpers.js';

/**
 * The HTML summary in a real browser: Debian's chromium driven by playwright-core (never a browser
 * download). Sorting, filtering, the findings on click, the chart, no script or CSP error; and, at a
 * desktop width (1400 px) and a phone width (420 px): no sideways overflow of the page, SPDX ids never
 * broken inside, the "mismatches only" box one clickable label with its text, and the filter applied
 * to the licence mismatches too. Screenshots are the test's artefacts, in test-output/summary-html/
 * (test-output/ is git-ignored); their paths are printed.
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`summary-html.test.ts: ${CHROMIUM} is missing, so the HTML summary is not tested in a browser (apt-get install chromium; .ci/run does).`);

const SCREENSHOTS = path.join(REPO_ROOT, 'test-output', 'summary-html');

/** The browser's globals, used only inside functions that run in the page (the project has no DOM lib). */
declare const document: any;
declare const window: any;
declare const getComputedStyle: (element: any) => { overflowX: string };

const DESKTOP = { name: 'desktop', width: 1400, options: { viewport: { width: 1400, height: 1000 } } satisfies BrowserContextOptions };
const PHONE = { name: 'phone', width: 420, options: { viewport: { width: 420, height: 900 }, isMobile: true, hasTouch: true } satisfies BrowserContextOptions };
const WIDTHS = [DESKTOP, PHONE];

let scratch: string;
let github: FakeGitHub;
let summaryFile: string;
let browser: Browser;
beforeAll(async () => {
  if (!hasChromium) return;
  scratch = mkdtempSync(path.join(tmpdir(), 'dpg-audit-html-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  github = await startFakeGitHub({ token: TOKEN, repos: { 'acme/gpl-app': makeGplRepository(path.join(scratch, 'gpl-app')) } });
  summaryFile = path.join(scratch, 'summary.html');
  const targets = FIXTURE_REPOS.map((name) => `github:dpg/${name}`);
  const result = await runCliWith(
    [
      'audit',
      ...targets,
      'github:dpg/no-such-repo',
      '--registry',
      REGISTRY_FIXTURES,
      '--out',
      path.join(scratch, 'results.jsonl'),
      '--summary',
      summaryFile,
      '--github-api-url',
      github.apiUrl,
      '--no-cache',
    ],
    { env: cleanEnv(scratch, { GITHUB_TOKEN: TOKEN }) },
  );
  if (!existsSync(summaryFile)) throw new Error(`no summary: ${result.stderr}`);
  // The page itself is an artefact too, next to its screenshots.
  copyFileSync(summaryFile, path.join(SCREENSHOTS, 'audit-summary.html'));
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    timeout: 60_000,
  });
}, 120_000);
afterAll(async () => {
  if (!hasChromium) return;
  await browser?.close();
  await github?.close();
  rmSync(scratch, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  /** Page errors, console errors and warnings (a CSP violation is one). */
  problems: string[];
  /** Every URL the page asked for. */
  requests: string[];
  close: () => Promise<void>;
}

async function open(file: string, options: BrowserContextOptions): Promise<Opened> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href);
  return { page, problems, requests, close: () => context.close() };
}

async function screenshot(page: Page, name: string, annotate: (message: string) => Promise<unknown>): Promise<string> {
  const shot = path.join(SCREENSHOTS, name);
  // From the top: a sticky heading would otherwise be drawn where the page was scrolled to.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shot, fullPage: true });
  expect(statSync(shot).size).toBeGreaterThan(10_000);
  console.log(`summary-html.test.ts: screenshot ${path.relative(REPO_ROOT, shot)}`);
  // A message only: an attachment would be copied into .vitest-attachments/, which git does not ignore.
  await annotate(`screenshot: ${shot}`);
  return shot;
}

/**
 * Elements that reach past the viewport's sides, unless they are inside a box that scrolls sideways
 * and that box is itself within the viewport. Also the page's own scroll width.
 */
function sidewaysOverflow(page: Page): Promise<{
  viewport: number;
  scrollWidth: number;
  offenders: string[];
  scrollBoxes: Array<{ id: string; left: number; right: number; clientWidth: number; scrollWidth: number; overflowX: string }>;
}> {
  return page.evaluate(() => {
    const viewport: number = document.documentElement.clientWidth;
    const describe = (element: any): string =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : ''}`;
    const scrollsSideways = (element: any): boolean => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(element).overflowX);
    const offenders: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.left >= -0.5 && box.right <= viewport + 0.5) continue;
      let ancestor = element.parentElement;
      while (ancestor && ancestor !== document.body && !scrollsSideways(ancestor)) ancestor = ancestor.parentElement;
      const container = ancestor && ancestor !== document.body ? ancestor.getBoundingClientRect() : null;
      if (container && container.left >= -0.5 && container.right <= viewport + 0.5) continue;
      offenders.push(`${describe(element)} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
    }
    const scrollBoxes = [...document.querySelectorAll('.table-scroll')].map((box: any) => {
      const rect = box.getBoundingClientRect();
      return {
        id: box.querySelector('table')?.id ?? '',
        left: rect.left,
        right: rect.right,
        clientWidth: box.clientWidth,
        scrollWidth: box.scrollWidth,
        overflowX: getComputedStyle(box).overflowX,
      };
    });
    return { viewport, scrollWidth: document.documentElement.scrollWidth, offenders: offenders.slice(0, 20), scrollBoxes };
  });
}

interface LicenceCell {
  table: string;
  text: string;
  /** Line boxes the whole expression covers. */
  lines: number;
  /** Each SPDX id (operators and parentheses left out) with the number of line boxes its text covers. */
  ids: Array<{ id: string; lines: number }>;
}

/**
 * Every visible licence cell: its text and, through Range rects over the text itself (whatever the
 * markup), on how many lines each SPDX id is drawn. An id broken inside (at a hyphen, a dot, anywhere)
 * covers two lines.
 */
function licenceCells(page: Page): Promise<LicenceCell[]> {
  return page.evaluate(() => {
    const lineCount = (range: any): number => {
      const tops: number[] = [];
      for (const rect of range.getClientRects()) {
        if (rect.width < 0.5) continue;
        if (!tops.some((top) => Math.abs(top - rect.top) < 2)) tops.push(rect.top);
      }
      return tops.length;
    };
    const cells: any[] = [...document.querySelectorAll('#targets tr.target:not([hidden]) td:nth-child(4), #mismatches tbody tr:not([hidden]) td:nth-child(3)')];
    return cells.map((cell) => {
      const texts: Array<{ node: any; start: number }> = [];
      const walker = document.createTreeWalker(cell, 4 /* NodeFilter.SHOW_TEXT */);
      let full = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        texts.push({ node, start: full.length });
        full += node.data;
      }
      const at = (offset: number, end: boolean): [any, number] => {
        const found = [...texts].reverse().find((entry) => (end ? entry.start < offset : entry.start <= offset));
        return [found!.node, offset - found!.start];
      };
      const whole = document.createRange();
      whole.selectNodeContents(cell);
      const ids: Array<{ id: string; lines: number }> = [];
      for (const match of full.matchAll(/[^\s()]+/g)) {
        if (['AND', 'OR', 'WITH'].includes(match[0])) continue;
        const range = document.createRange();
        range.setStart(...at(match.index, false));
        range.setEnd(...at(match.index + match[0].length, true));
        ids.push({ id: match[0], lines: lineCount(range) });
      }
      return { table: cell.closest('table').id, text: full, lines: lineCount(whole), ids };
    });
  });
}

/** The "mismatches only" checkbox, its label and where the label's words are drawn. */
function checkboxGeometry(page: Page): Promise<{
  labelTag: string;
  labelText: string;
  sameLabel: boolean;
  box: { left: number; right: number; top: number; bottom: number };
  text: { left: number; right: number; top: number; bottom: number };
}> {
  return page.evaluate(() => {
    const checkbox = document.getElementById('filter-mismatches');
    const label = checkbox.closest('label');
    const walker = document.createTreeWalker(label, 4);
    let node = walker.nextNode();
    while (node && !/mismatches only/.test(node.data)) node = walker.nextNode();
    const range = document.createRange();
    range.selectNodeContents(node);
    const words = range.getBoundingClientRect();
    const box = checkbox.getBoundingClientRect();
    const plain = (rect: any) => ({ left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom });
    // The checkbox is labelled by this label (its `labels`), whether nested or by `for`.
    return {
      labelTag: label.tagName,
      labelText: label.textContent.trim(),
      sameLabel: [...checkbox.labels].includes(label) && node.parentElement.closest('label') === label,
      box: plain(box),
      text: plain(words),
    };
  });
}

const visibleTargets = (page: Page): Promise<string[]> =>
  page.$$eval('#targets tbody tr.target:not([hidden])', (rows) => rows.map((row) => row.getAttribute('data-target') ?? ''));

/** The licence mismatch rows shown, after checking that hidden rows take no room. */
async function visibleMismatches(page: Page): Promise<string[]> {
  const rows = await page.$$eval('#mismatches tbody tr', (all) =>
    all.map((row) => ({ target: row.getAttribute('data-target') ?? '', hidden: row.hidden as boolean, height: row.getBoundingClientRect().height as number })),
  );
  for (const row of rows) if (row.hidden) expect(row.height).toBe(0);
  return rows.filter((row) => !row.hidden).map((row) => row.target);
}

describe.skipIf(!hasChromium)('the HTML summary in Chromium', () => {
  it('sorts, filters, shows findings on click, draws the chart, loads nothing and raises no error', async () => {
    const { page, problems, requests, close } = await open(summaryFile, DESKTOP.options);
    try {
      const total = FIXTURE_REPOS.length + 1 + 6;
      expect(await visibleTargets(page)).toHaveLength(total);
      expect(await page.textContent('#shown')).toBe(`${total} of ${total} targets`);

      // Sorting: by target, both ways; by indicator 2, failures first.
      await page.click('th[data-key="target"]');
      const ascending = await visibleTargets(page);
      expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b)));
      expect(await page.getAttribute('th[data-key="target"]', 'aria-sort')).toBe('ascending');
      await page.click('th[data-key="target"]');
      expect(await visibleTargets(page)).toEqual([...ascending].reverse());
      await page.click('th[data-key="i:2"]');
      const statuses = await page.$$eval('#targets tbody tr.target', (rows) => rows.map((row) => row.getAttribute('data-i-2') ?? ''));
      const order: Record<string, number> = { fail: 0, warn: 1, review: 2, pass: 3, 'n/a': 4, '': 5 };
      expect(statuses.map((status) => order[status])).toEqual([...statuses.map((status) => order[status])].sort((a, b) => (a as number) - (b as number)));
      expect(statuses[0]).toBe('fail');
      await page.click('th[data-key="verdict"]');
      expect(await page.$eval('#targets tbody tr.target', (row) => row.getAttribute('data-verdict'))).toBe('error');

      // Filtering: text, verdict, indicator + status, mismatches only.
      await page.fill('#filter-text', 'complete-software');
      expect(await visibleTargets(page)).toEqual(['github:dpg/complete-software', 'github:dpg/complete-software']);
      await page.fill('#filter-text', '');
      await page.selectOption('#filter-verdict', 'error');
      const errors = await visibleTargets(page);
      expect(errors.sort()).toEqual(['github:dpg/no-such-repo', 'github:dpg/retired-water-tools', 'registry:broken', 'registry:no-repository']);
      expect(await page.textContent('#shown')).toBe(`4 of ${total} targets`);
      await page.selectOption('#filter-verdict', '');
      await page.selectOption('#filter-indicator', '9c');
      await page.selectOption('#filter-status', 'fail');
      expect(await visibleTargets(page)).toContain('github:dpg/fail-9c-no-code-of-conduct');
      for (const target of await visibleTargets(page)) expect(await page.getAttribute(`#targets tr.target[data-target="${target}"]`, 'data-i-9c')).toBe('fail');
      await page.selectOption('#filter-indicator', '');
      await page.selectOption('#filter-status', '');
      await page.check('#filter-mismatches');
      const mismatched = await visibleTargets(page);
      expect(mismatched).toContain('github:acme/gpl-app');
      expect(mismatched).not.toContain('github:dpg/ai-system');
      await page.uncheck('#filter-mismatches');
      expect(await visibleTargets(page)).toHaveLength(total);

      // A target's findings on click.
      const row = page.locator('#targets tr.target[data-target="github:acme/gpl-app"]');
      await row.click();
      expect(await row.getAttribute('aria-expanded')).toBe('true');
      const details = page.locator('#targets tr.details');
      expect(await details.count()).toBe(1);
      const text = await details.textContent();
      expect(text).toContain('registry/license-mismatch');
      expect(text).toContain('declares GPL-2.0, but the repository carries GPL-3.0');
      await row.click();
      expect(await details.count()).toBe(0);

      // The chart: one bar per indicator, coloured segments; the licence mismatch table.
      expect(await page.$$eval('#chart text', (texts) => texts.length)).toBeGreaterThanOrEqual(22);
      expect(await page.$$eval('#chart rect', (rects) => rects.length)).toBeGreaterThanOrEqual(11);
      expect(await page.textContent('#mismatches')).toContain('registry/license-mismatch');

      expect(problems).toEqual([]);
      expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  describe.each(WIDTHS)('at $width px ($name)', ({ name, width, options }) => {
    it('the page never scrolls sideways: the tables scroll in their own box, within the screen', async ({ annotate }) => {
      const { page, problems, requests, close } = await open(summaryFile, options);
      try {
        // Findings open (the widest state of the table).
        await page.click('#targets tr.target[data-target="github:acme/gpl-app"] td:first-child');
        expect(await page.locator('#targets tr.details').count()).toBe(1);
        const layout = await sidewaysOverflow(page);
        expect(layout.viewport).toBe(width);
        expect(layout.offenders).toEqual([]);
        expect(layout.scrollWidth).toBeLessThanOrEqual(width);
        const targetsBox = layout.scrollBoxes.find((box) => box.id === 'targets')!;
        expect(targetsBox).toBeDefined();
        for (const box of layout.scrollBoxes) {
          expect(box.left).toBeGreaterThanOrEqual(0);
          expect(box.right).toBeLessThanOrEqual(width);
        }
        // The findings are readable without scrolling sideways: their box lies within the screen.
        const findings = await page.$eval('#targets tr.details ul.findings', (list) => {
          const rect = list.getBoundingClientRect();
          return { left: rect.left as number, right: rect.right as number };
        });
        expect(findings.left).toBeGreaterThanOrEqual(0);
        expect(findings.right).toBeLessThanOrEqual(width);
        await screenshot(page, `audit-summary-${name}-${width}px.png`, annotate);

        if (width === PHONE.width) {
          // Sixteen columns do not fit a phone: the box scrolls, and scrolled to its end it shows the
          // last column whole, while the target's name stays in view (a sticky first column).
          expect(targetsBox.overflowX).toBe('auto');
          expect(targetsBox.scrollWidth).toBeGreaterThan(targetsBox.clientWidth);
          await page.$eval('#targets', (table) => {
            const box = table.closest('.table-scroll');
            box.scrollLeft = box.scrollWidth;
          });
          const scrolled = await page.$eval('#targets', (table) => {
            const box = table.closest('.table-scroll').getBoundingClientRect();
            const last = table.tHead.rows[0].cells[table.tHead.rows[0].cells.length - 1].getBoundingClientRect();
            const first = table.querySelector('tr.target td:first-child').getBoundingClientRect();
            return {
              boxLeft: box.left as number,
              boxRight: box.right as number,
              lastLeft: last.left as number,
              lastRight: last.right as number,
              firstLeft: first.left as number,
            };
          });
          expect(scrolled.lastLeft).toBeGreaterThanOrEqual(scrolled.boxLeft);
          expect(scrolled.lastRight).toBeLessThanOrEqual(scrolled.boxRight + 0.5);
          expect(Math.abs(scrolled.firstLeft - scrolled.boxLeft)).toBeLessThan(1);
          await screenshot(page, `audit-summary-${name}-${width}px-scrolled.png`, annotate);
        } else {
          // On a desktop the table fits: no box of its own, so the heading sticks to the top of the
          // page while the targets scroll under it.
          expect(targetsBox.overflowX).toBe('visible');
          await page.$eval('#targets', (table) => window.scrollTo(0, table.getBoundingClientRect().top + window.scrollY + 200));
          const headingTop = await page.$eval('#targets thead th', (th) => th.getBoundingClientRect().top as number);
          expect(Math.abs(headingTop)).toBeLessThan(1);
        }
        expect(problems).toEqual([]);
        expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
      } finally {
        await close();
      }
    }, 60_000);

    it('a licence expression wraps at its spaces only: every SPDX id is drawn on one line', async () => {
      const { page, problems, close } = await open(summaryFile, options);
      try {
        const cells = await licenceCells(page);
        expect(cells.filter((cell) => cell.table === 'targets').length).toBeGreaterThan(20);
        expect(cells.filter((cell) => cell.table === 'mismatches').length).toBeGreaterThan(0);
        const broken = cells.flatMap((cell) =>
          cell.ids.filter((id) => id.lines !== 1).map((id) => `${cell.table}: ${id.id} in "${cell.text}" on ${id.lines} lines`),
        );
        expect(broken).toEqual([]);
        // Not vacuous: an expression of several ids is there, and on a phone it does wrap (between ids).
        const several = cells.find((cell) => cell.text === 'Apache-2.0 AND CC-BY-4.0');
        expect(several).toBeDefined();
        if (width === PHONE.width) expect(several!.lines).toBeGreaterThan(1);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    }, 60_000);

    it('"mismatches only" is one label with its checkbox, side by side, and a click on the words toggles it', async () => {
      const { page, problems, close } = await open(summaryFile, options);
      try {
        const total = FIXTURE_REPOS.length + 1 + 6;
        const geometry = await checkboxGeometry(page);
        expect(geometry.labelTag).toBe('LABEL');
        expect(geometry.labelText).toBe('mismatches only');
        expect(geometry.sameLabel).toBe(true);
        // On one line: the vertical centres within 4 px, the words right after the box (no more than 12 px).
        expect(Math.abs((geometry.box.top + geometry.box.bottom) / 2 - (geometry.text.top + geometry.text.bottom) / 2)).toBeLessThan(4);
        const gap = geometry.text.left - geometry.box.right;
        expect(gap).toBeGreaterThanOrEqual(0);
        expect(gap).toBeLessThanOrEqual(12);
        expect(geometry.box.right - geometry.box.left).toBeLessThan(30);

        const x = (geometry.text.left + geometry.text.right) / 2;
        const y = (geometry.text.top + geometry.text.bottom) / 2;
        const press = width === PHONE.width ? () => page.touchscreen.tap(x, y) : () => page.mouse.click(x, y);
        await press();
        expect(await page.isChecked('#filter-mismatches')).toBe(true);
        const mismatched = await visibleTargets(page);
        expect(mismatched.length).toBeGreaterThan(0);
        expect(mismatched.length).toBeLessThan(total);
        expect(mismatched).toContain('github:acme/gpl-app');
        await press();
        expect(await page.isChecked('#filter-mismatches')).toBe(false);
        expect(await visibleTargets(page)).toHaveLength(total);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    }, 60_000);

    it('the filter applies to the licence mismatches too', async ({ annotate }) => {
      const { page, problems, close } = await open(summaryFile, options);
      try {
        const all = await visibleMismatches(page);
        expect(all.length).toBeGreaterThanOrEqual(2);
        expect(new Set(all).size).toBeGreaterThanOrEqual(2);
        expect(await page.textContent('#mismatches-shown')).toBe(`${all.length} of ${all.length} licence mismatches`);
        expect(await page.isVisible('#mismatches-none')).toBe(false);

        // Typing narrows both tables, to the same targets.
        await page.fill('#filter-text', 'gpl-app');
        const shown = await visibleMismatches(page);
        expect(shown.length).toBeGreaterThan(0);
        expect(shown.length).toBeLessThan(all.length);
        expect(new Set(shown)).toEqual(new Set(['github:acme/gpl-app']));
        expect(await page.textContent('#mismatches-shown')).toBe(`${shown.length} of ${all.length} licence mismatches`);
        for (const target of shown) expect(await visibleTargets(page)).toContain(target);

        // A target without a licence mismatch: the table is empty and says so.
        await page.fill('#filter-text', 'complete-software');
        expect(await visibleMismatches(page)).toEqual([]);
        expect(await page.isVisible('#mismatches-none')).toBe(true);
        expect(await page.isVisible('#mismatches')).toBe(false);
        await screenshot(page, `audit-summary-${name}-${width}px-filtered.png`, annotate);

        // The other filters too: "ready" hides every mismatch of a target that is not ready.
        await page.fill('#filter-text', '');
        expect(await visibleMismatches(page)).toEqual(all);
        await page.selectOption('#filter-verdict', 'not-ready');
        const notReady = new Set(await visibleTargets(page));
        const notReadyMismatches = await visibleMismatches(page);
        expect(notReadyMismatches.every((target) => notReady.has(target))).toBe(true);
        expect(notReadyMismatches).toEqual(all.filter((target) => notReady.has(target)));
        await page.selectOption('#filter-verdict', '');
        expect(await visibleMismatches(page)).toEqual(all);
        expect(await page.isVisible('#mismatches-none')).toBe(false);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    }, 60_000);
  });

  it('long and compound licence expressions: each id on one line at both widths, no overflow, escaped', async ({ annotate }) => {
    const expressions = [
      'GPL-3.0-or-later WITH Classpath-exception-2.0',
      '(MIT OR Apache-2.0) AND LicenseRef-scancode-proprietary-commercial-license',
      'CC-BY-NC-SA-4.0',
      'AGPL-3.0-or-later AND CC-BY-SA-4.0 AND ODbL-1.0 AND OFL-1.1-no-RFN',
      'LicenseRef-<b>not-markup</b>',
      'NOASSERTION',
    ];
    const model = syntheticModel(expressions);
    const file = path.join(scratch, 'licences.html');
    writeFileSync(file, summaryHtml(model));
    for (const { name, width, options } of WIDTHS) {
      const { page, problems, requests, close } = await open(file, options);
      try {
        const cells = await licenceCells(page);
        expect(cells.filter((cell) => cell.table === 'targets').map((cell) => cell.text)).toEqual(expressions);
        expect(cells.filter((cell) => cell.table === 'mismatches').map((cell) => cell.text)).toEqual(expressions);
        const broken = cells.flatMap((cell) =>
          cell.ids.filter((id) => id.lines !== 1).map((id) => `${cell.table}: ${id.id} in "${cell.text}" on ${id.lines} lines`),
        );
        expect(broken).toEqual([]);
        if (width === PHONE.width) expect(cells.some((cell) => cell.lines > 1)).toBe(true);
        expect(await page.$$eval('#targets b', (bold) => bold.length)).toBe(0);
        const layout = await sidewaysOverflow(page);
        expect(layout.offenders).toEqual([]);
        expect(layout.scrollWidth).toBeLessThanOrEqual(width);
        await screenshot(page, `licences-${name}-${width}px.png`, annotate);
        expect(problems).toEqual([]);
        expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
      } finally {
        await close();
      }
    }
  }, 60_000);
});

describe('licenseHtml', () => {
  it('makes each SPDX id one unbreakable span; operators, parentheses and spaces stay text', () => {
    expect(licenseHtml('(MIT OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0')).toBe(
      '(<span class="spdx">MIT</span> OR <span class="spdx">Apache-2.0</span>) AND <span class="spdx">GPL-2.0-only</span> WITH <span class="spdx">Classpath-exception-2.0</span>',
    );
    expect(licenseHtml('LicenseRef-<x>&"y"')).toBe('<span class="spdx">LicenseRef-&lt;x&gt;&amp;&quot;y&quot;</span>');
    expect(licenseHtml(undefined)).toBe('');
  });

  it("the page keeps its one script within the CSP: the hash in the policy is the script's", async () => {
    const { createHash } = await import('node:crypto');
    const html = summaryHtml(syntheticModel(['MIT']));
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1] as string);
    expect(scripts).toHaveLength(1);
    const policy = (/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '').replace(/&#39;/g, "'");
    expect(policy).toContain(
      `script-src 'sha256-${createHash('sha256')
        .update(scripts[0] as string)
        .digest('base64')}'`,
    );
    expect(policy).toContain("default-src 'none'");
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
  });
});

/** A summary with one target per licence expression, each with a licence mismatch. */
function syntheticModel(expressions: string[]): SummaryModel {
  const counts = (status: FindingStatus): Record<FindingStatus, number> =>
    Object.fromEntries(FINDING_STATUSES.map((each) => [each, each === status ? expressions.length : 0])) as Record<FindingStatus, number>;
  const rows: SummaryRow[] = expressions.map((expression, index) => {
    const mismatch = {
      code: 'registry/license-mismatch',
      status: 'warn' as const,
      message: `The registry record declares MIT, but the repository carries ${expression}.`,
    };
    return {
      target: `github:example-organisation/a-rather-long-repository-name-${index}`,
      key: `github:example-organisation/a-rather-long-repository-name-${index}`,
      record: { id: `record-${index}`, name: `Record ${index}`, file: `registry/nominees/record-${index}.json` },
      verdict: 'not-ready',
      manifest: 'repository',
      license: expression,
      indicators: Object.fromEntries(INDICATOR_IDS.map((id) => [id, 'pass'])) as Record<IndicatorId, FindingStatus>,
      counts: counts('pass'),
      mismatches: [mismatch],
      findings: [{ ...mismatch, indicator: 'registry', evidence: ['LICENSE:1'] }],
    };
  });
  return {
    generatedAt: '2026-01-01T00:00:00.000Z',
    tool: { name: 'dpg-check', version: '0.0.0-test' },
    standard: { version: '1.1.7' },
    totals: { targets: rows.length, ready: 0, notReady: rows.length, errors: 0, mismatches: rows.length },
    indicators: INDICATOR_IDS.map((id) => ({ id, title: `Indicator ${id}`, counts: counts('pass') })),
    rows,
  };
}
