import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { cleanEnv, FIXTURE_REPOS, makeGplRepository, REGISTRY_FIXTURES, runCliWith, TOKEN } from './helpers.js';

/**
 * The HTML summary in a real browser: Debian's chromium driven by playwright-core (never a browser
 * download). Sorting, filtering, the findings on click, the chart, no script or CSP error; a screenshot
 * goes to test-output/.
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`summary-html.test.ts: ${CHROMIUM} is missing, so the HTML summary is not tested in a browser (apt-get install chromium; .ci/run does).`);

let scratch: string;
let github: FakeGitHub;
let summaryFile: string;
beforeAll(async () => {
  if (!hasChromium) return;
  scratch = mkdtempSync(path.join(tmpdir(), 'dpg-audit-html-'));
  github = await startFakeGitHub({ token: TOKEN, repos: { 'acme/gpl-app': makeGplRepository(path.join(scratch, 'gpl-app')) } });
  summaryFile = path.join(scratch, 'summary.html');
  const targets = FIXTURE_REPOS.map((name) => `github:dpg/${name}`);
  const result = await runCliWith(['audit', ...targets, 'github:dpg/no-such-repo', '--registry', REGISTRY_FIXTURES, '--out', path.join(scratch, 'results.jsonl'), '--summary', summaryFile, '--github-api-url', github.apiUrl, '--no-cache'], { env: cleanEnv(scratch, { GITHUB_TOKEN: TOKEN }) });
  if (!existsSync(summaryFile)) throw new Error(`no summary: ${result.stderr}`);
}, 120_000);
afterAll(async () => {
  if (!hasChromium) return;
  await github.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe.skipIf(!hasChromium)('the HTML summary in Chromium', () => {
  it('sorts, filters, shows findings on click, draws the chart, loads nothing and raises no error', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'], timeout: 60_000 });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
      });
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(summaryFile).href);

      const visibleTargets = (): Promise<string[]> => page.$$eval('#targets tbody tr.target:not([hidden])', (rows) => rows.map((row) => row.getAttribute('data-target') ?? ''));
      const total = FIXTURE_REPOS.length + 1 + 6;
      expect(await visibleTargets()).toHaveLength(total);
      expect(await page.textContent('#shown')).toBe(`${total} of ${total} targets`);

      // Sorting: by target, both ways; by indicator 2, failures first.
      await page.click('th[data-key="target"]');
      const ascending = await visibleTargets();
      expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b)));
      expect(await page.getAttribute('th[data-key="target"]', 'aria-sort')).toBe('ascending');
      await page.click('th[data-key="target"]');
      expect(await visibleTargets()).toEqual([...ascending].reverse());
      await page.click('th[data-key="i:2"]');
      const statuses = await page.$$eval('#targets tbody tr.target', (rows) => rows.map((row) => row.getAttribute('data-i-2') ?? ''));
      const order: Record<string, number> = { fail: 0, warn: 1, review: 2, pass: 3, 'n/a': 4, '': 5 };
      expect(statuses.map((status) => order[status])).toEqual([...statuses.map((status) => order[status])].sort((a, b) => (a as number) - (b as number)));
      expect(statuses[0]).toBe('fail');
      await page.click('th[data-key="verdict"]');
      expect(await page.$eval('#targets tbody tr.target', (row) => row.getAttribute('data-verdict'))).toBe('error');

      // Filtering: text, verdict, indicator + status, mismatches only.
      await page.fill('#filter-text', 'complete-software');
      expect(await visibleTargets()).toEqual(['github:dpg/complete-software', 'github:dpg/complete-software']);
      await page.fill('#filter-text', '');
      await page.selectOption('#filter-verdict', 'error');
      const errors = await visibleTargets();
      expect(errors.sort()).toEqual(['github:dpg/no-such-repo', 'github:dpg/retired-water-tools', 'registry:broken', 'registry:no-repository']);
      expect(await page.textContent('#shown')).toBe(`4 of ${total} targets`);
      await page.selectOption('#filter-verdict', '');
      await page.selectOption('#filter-indicator', '9c');
      await page.selectOption('#filter-status', 'fail');
      expect(await visibleTargets()).toContain('github:dpg/fail-9c-no-code-of-conduct');
      for (const target of await visibleTargets()) expect(await page.getAttribute(`#targets tr.target[data-target="${target}"]`, 'data-i-9c')).toBe('fail');
      await page.selectOption('#filter-indicator', '');
      await page.selectOption('#filter-status', '');
      await page.check('#filter-mismatches');
      const mismatched = await visibleTargets();
      expect(mismatched).toContain('github:acme/gpl-app');
      expect(mismatched).not.toContain('github:dpg/ai-system');
      await page.uncheck('#filter-mismatches');
      expect(await visibleTargets()).toHaveLength(total);

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

      mkdirSync(path.join(REPO_ROOT, 'test-output'), { recursive: true });
      const shot = path.join(REPO_ROOT, 'test-output', 'audit-summary.png');
      await page.click('#targets tr.target[data-target="github:acme/gpl-app"]');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(10_000);

      expect(problems).toEqual([]);
      expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
