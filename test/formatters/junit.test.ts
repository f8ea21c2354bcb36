/**
 * The JUnit formatter, read back with a real XML parser (fast-xml-parser): the counts a CI shows must
 * match the report's, and text from the repository must never break the document.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { reportFor } from '../support/reports.js';
import type { Report } from '../../src/report/types.js';
import { formatJUnit } from '../../src/formatters/junit.js';
import { escapeXmlAttribute, escapeXmlText, stripInvalidXmlChars } from '../../src/formatters/xml.js';

const OPTIONS = { color: false };

interface TestCase {
  '@_classname': string;
  '@_name': string;
  '@_file'?: string;
  failure?: { '@_message': string; '@_type': string; '#text'?: string };
  skipped?: { '@_message': string };
  'system-out'?: string;
}

interface TestSuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  testcase?: TestCase[];
}

interface Parsed {
  testsuites: { '@_name': string; '@_tests': string; '@_failures': string; '@_errors': string; '@_skipped': string; testsuite: TestSuite[] };
}

function parse(xml: string): Parsed {
  const valid = XMLValidator.validate(xml);
  expect(valid, JSON.stringify(valid)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    // A self-closing <skipped/> must still be an object with its attributes.
    alwaysCreateTextNode: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  });
  return parser.parse(xml) as Parsed;
}

const FIXTURES = ['fail-3-copyright-placeholder', 'bare', 'fail-manifest-invalid', 'complete-software', 'fail-8-no-standards', 'warn-4-undeclared-mapbox'];

describe('JUnit formatter', () => {
  it('parses, and its totals match the report counts', async () => {
    for (const fixture of FIXTURES) {
      const report = await reportFor(fixture);
      const { testsuites } = parse(formatJUnit(report, OPTIONS));
      const { counts } = report;
      const total = counts.fail + counts.warn + counts.review + counts.pass + counts['n/a'];
      expect(testsuites['@_name']).toBe('dpg-check');
      expect(Number(testsuites['@_tests'])).toBe(total);
      expect(Number(testsuites['@_failures'])).toBe(counts.fail);
      expect(Number(testsuites['@_skipped'])).toBe(counts.review + counts['n/a']);
      expect(Number(testsuites['@_errors'])).toBe(0);
      const cases = testsuites.testsuite.flatMap((suite) => suite.testcase ?? []);
      expect(cases).toHaveLength(total);
      expect(cases.filter((testcase) => testcase.failure)).toHaveLength(counts.fail);
      expect(cases.filter((testcase) => testcase.skipped)).toHaveLength(counts.review + counts['n/a']);
    }
  });

  it('has one suite per indicator, whose counts match the indicator, and one for the manifest', async () => {
    const report = await reportFor('fail-manifest-invalid');
    const { testsuites } = parse(formatJUnit(report, OPTIONS));
    expect(testsuites.testsuite.map((suite) => suite['@_name'])).toEqual([
      'manifest',
      ...report.indicators.map((indicator) => `${indicator.id}. ${indicator.title}`),
    ]);
    for (const indicator of report.indicators) {
      const suite = testsuites.testsuite.find((candidate) => candidate['@_name'] === `${indicator.id}. ${indicator.title}`)!;
      const { counts } = indicator;
      expect(Number(suite['@_tests'])).toBe(counts.fail + counts.warn + counts.review + counts.pass + counts['n/a']);
      expect(Number(suite['@_failures'])).toBe(counts.fail);
      expect(Number(suite['@_skipped'])).toBe(counts.review + counts['n/a']);
      for (const testcase of suite.testcase ?? []) expect(testcase['@_classname']).toBe(`dpg-check.indicator-${indicator.id}`);
    }
    const manifest = testsuites.testsuite[0]!;
    const syntaxErrors = report.findings.filter((finding) => finding.code === 'manifest/syntax-error');
    expect(syntaxErrors.length).toBeGreaterThan(0);
    expect((manifest.testcase ?? []).filter((testcase) => testcase.failure?.['@_type'] === 'manifest/syntax-error')).toHaveLength(syntaxErrors.length);
    expect((manifest.testcase ?? []).every((testcase) => testcase['@_classname'] === 'dpg-check.manifest')).toBe(true);
  });

  it('puts the code in the name and type, and evidence and fix in the failure body', async () => {
    const { testsuites } = parse(formatJUnit(await reportFor('fail-3-copyright-placeholder'), OPTIONS));
    const cases = testsuites.testsuite.flatMap((suite) => suite.testcase ?? []);
    const failing = cases.find((testcase) => testcase.failure)!;
    expect(failing['@_classname']).toBe('dpg-check.indicator-3');
    expect(failing['@_name']).toBe('ownership/copyright-placeholder (LICENSE)');
    expect(failing.failure!['@_type']).toBe('ownership/copyright-placeholder');
    expect(failing.failure!['@_message']).toContain('"Copyright (c) <year> <copyright holders>"');
    expect(failing.failure!['#text']).toContain('at LICENSE:3');
    expect(failing.failure!['#text']).toContain('fix: Replace the placeholder');
    const review = cases.find((testcase) => testcase['@_name'].startsWith('pii/protections-review'))!;
    expect(review.skipped!['@_message']).toBe(
      'needs human review: Are the described protections adequate for these data types, in the places the solution is deployed?',
    );
  });

  it('passes warnings with their text in system-out, and fails them under failOn warn', async () => {
    const report = await reportFor('fail-8-no-standards');
    expect(report.counts.warn).toBeGreaterThan(0);
    const warnCase = (xml: string) =>
      parse(xml)
        .testsuites.testsuite.flatMap((suite) => suite.testcase ?? [])
        .find((testcase) => testcase['@_name'].startsWith('standards/artefact-not-declared'))!;
    const passing = warnCase(formatJUnit(report, OPTIONS));
    expect(passing.failure).toBeUndefined();
    expect(passing.skipped).toBeUndefined();
    expect(passing['system-out']).toMatch(/^warning: /);

    const strict = { ...report, failOn: 'warn' as const };
    const parsed = parse(formatJUnit(strict, OPTIONS));
    expect(Number(parsed.testsuites['@_failures'])).toBe(report.counts.fail + report.counts.warn);
    expect(warnCase(formatJUnit(strict, OPTIONS)).failure!['@_type']).toBe('standards/artefact-not-declared');
  });

  it('skips waived findings with the reason and expiry', async () => {
    const report = structuredClone(await reportFor('fail-3-copyright-placeholder'));
    report.findings.find((finding) => finding.code === 'ownership/copyright-placeholder')!.waiver = {
      reason: 'Owner confirmed by the board',
      expires: '2030-01-31',
    };
    const { testsuites } = parse(formatJUnit(report, OPTIONS));
    const cases = testsuites.testsuite.flatMap((suite) => suite.testcase ?? []);
    const waived = cases.find((testcase) => testcase['@_name'].startsWith('ownership/copyright-placeholder'))!;
    expect(waived.failure).toBeUndefined();
    expect(waived.skipped!['@_message']).toBe('waived until 2030-01-31: Owner confirmed by the board');
    expect(Number(testsuites['@_failures'])).toBe(report.counts.fail - 1);
  });

  it('escapes markup and strips characters XML 1.0 cannot hold', async () => {
    const report = structuredClone(await reportFor('fail-3-copyright-placeholder'));
    const finding = report.findings.find((candidate) => candidate.code === 'ownership/copyright-placeholder')!;
    const nasty = `A <b>"quoted"</b> & 'apostrophe' ]]> tab\there\u0000nul\u0001\u001b[31m esc \uD800lone \uFFFE end 😀`;
    finding.message = nasty;
    finding.evidence = [{ path: 'dir/<weird>&"name".txt', line: 2, note: '</failure><injected/>' }];
    finding.fix = '<![CDATA[ not really ]]>';
    const xml = formatJUnit(report, OPTIONS);
    expect(xml).not.toContain('<injected/>');
    expect(xml).not.toMatch(/[\u0000\u0001\u001b\uFFFE]/);
    const { testsuites } = parse(xml);
    const testcase = testsuites.testsuite.flatMap((suite) => suite.testcase ?? []).find((candidate) => candidate.failure)!;
    const clean = stripInvalidXmlChars(nasty);
    // The parser decodes entities: what a CI shows is the text itself, less what XML cannot hold.
    expect(testcase.failure!['@_message']).toBe(clean.replace(/\s+/g, ' ').trim());
    expect(testcase.failure!['#text']).toContain(clean.split(' tab')[0]);
    expect(testcase.failure!['#text']).toContain('at dir/<weird>&"name".txt:2 (</failure><injected/>)');
    expect(testcase.failure!['#text']).toContain('fix: <![CDATA[ not really ]]>');
  });
});

const scratch = mkdtempSync(path.join(tmpdir(), 'dpg-junit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function casesOf(xml: string): TestCase[] {
  return parse(xml).testsuites.testsuite.flatMap((suite) => suite.testcase ?? []);
}

/** The Apache-2.0 text with some of its words changed: identified, with a "% similar" that depends on how many. */
function alteredApache(changes: Array<[string, string]>): string {
  let text = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules/spdx-license-list/licenses/Apache-2.0.json'), 'utf8')) as { licenseText: string })
    .licenseText;
  for (const [from, to] of changes) text = text.replace(from, to);
  return text;
}

/** A path of the checked folder from the root of the git repository that holds it, as the `file` attribute gives it. */
function fromRepositoryRoot(report: Report, file: string): string {
  const root = report.source.repositoryRoot;
  return root === undefined ? file : [...path.relative(root, report.source.location).split(path.sep), file].join('/');
}

describe('JUnit test case names and files', () => {
  it('names a case by its code and file, so it keeps its name when only the message changes (a percentage, a word count)', async () => {
    const folder = path.join(scratch, 'water-points');
    mkdirSync(folder, { recursive: true });
    const run = async (license: string, readme: string): Promise<TestCase[]> => {
      writeFileSync(path.join(folder, 'LICENSE'), license);
      writeFileSync(path.join(folder, 'README.md'), readme);
      const result = await runCli(['check', folder, '--format', 'junit']);
      expect(result.stderr).toBe('');
      return casesOf(result.stdout);
    };
    const before = await run(alteredApache([['perpetual', 'everlasting']]), '# Water points\n\nMaps of water points for district engineers.\n');
    const after = await run(
      alteredApache([
        ['perpetual', 'everlasting'],
        ['worldwide', 'global'],
        ['irrevocable', 'unrevokable'],
        ['royalty-free', 'free of royalties'],
        ['non-exclusive', 'nonexclusive'],
      ]),
      '# Water points\n\nMaps of water points for district engineers, with the pumps they serve and their repair history.\n',
    );
    // The messages changed between the two runs...
    const text = (cases: TestCase[], name: string) => {
      const testcase = cases.find((candidate) => candidate['@_name'] === name)!;
      return `${testcase.failure?.['@_message'] ?? ''}${testcase['system-out'] ?? ''}`;
    };
    expect(text(before, 'license/file-differs (LICENSE)')).toMatch(/\d+(\.\d+)?% similar/);
    expect(text(after, 'license/file-differs (LICENSE)')).not.toBe(text(before, 'license/file-differs (LICENSE)'));
    expect(text(after, 'docs/readme-too-short (README.md)')).not.toBe(text(before, 'docs/readme-too-short (README.md)'));
    // ...the names did not, and no name carries a number of the message.
    expect(after.map((testcase) => testcase['@_name'])).toEqual(before.map((testcase) => testcase['@_name']));
    for (const testcase of after) expect(testcase['@_name']).toMatch(/^[a-z0-9]+\/[a-z0-9-]+( \([^)]+\))?( #\d+)?$/);
  });

  it('names are unique within a suite: the same code on the same file is told apart by order', async () => {
    for (const fixture of FIXTURES) {
      for (const suite of parse(formatJUnit(await reportFor(fixture), OPTIONS)).testsuites.testsuite) {
        const names = (suite.testcase ?? []).map((testcase) => testcase['@_name']);
        expect(new Set(names).size, `${fixture}: ${names.join(', ')}`).toBe(names.length);
      }
    }
    const report = structuredClone(await reportFor('fail-3-copyright-placeholder'));
    const placeholder = report.findings.find((finding) => finding.code === 'ownership/copyright-placeholder')!;
    report.findings.splice(report.findings.indexOf(placeholder) + 1, 0, {
      ...placeholder,
      message: 'LICENSE line 9 is an unfilled template',
      evidence: [{ path: 'LICENSE', line: 9 }],
    });
    const names = casesOf(formatJUnit(report, OPTIONS))
      .map((testcase) => testcase['@_name'])
      .filter((name) => name.startsWith('ownership/copyright-placeholder'));
    expect(names).toEqual(['ownership/copyright-placeholder (LICENSE)', 'ownership/copyright-placeholder (LICENSE) #2']);
  });

  it('gives a case the file its evidence names, from the repository root, and none when no file shows the finding', async () => {
    const report = await reportFor('bare');
    const cases = casesOf(formatJUnit(report, OPTIONS));
    expect(cases.find((testcase) => testcase['@_name'] === 'docs/readme-too-short (README.md)')!['@_file']).toBe(fromRepositoryRoot(report, 'README.md'));
    expect(cases.find((testcase) => testcase['@_name'] === 'sdg/none-declared')!['@_file']).toBeUndefined();

    // A project in a subfolder of a git repository: the name keeps the short path, the file is from the root.
    const root = path.join(scratch, 'monorepo');
    cpSync(path.join(REPO_ROOT, 'fixtures/fail-3-copyright-placeholder'), path.join(root, 'apps/clinic'), { recursive: true });
    execFileSync('git', ['init', '-q', root]);
    const result = await runCli(['check', 'apps/clinic', '--format', 'junit'], { cwd: root });
    expect(result.code).toBe(1);
    const placeholder = casesOf(result.stdout).find((testcase) => testcase['@_name'] === 'ownership/copyright-placeholder (LICENSE)')!;
    expect(placeholder['@_file']).toBe('apps/clinic/LICENSE');
    expect(placeholder.failure!['#text']).toContain('at LICENSE:3');
  });
});

describe('XML escaping', () => {
  it('escapes text and attributes and removes invalid characters', () => {
    expect(escapeXmlText('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(escapeXmlAttribute('say "hi"\n\'there\'\t')).toBe('say &quot;hi&quot;&#10;&apos;there&apos;&#9;');
    expect(stripInvalidXmlChars('ok\u0000\u0008\u000b\u000c\u001f\t\n\r😀\uDC00\uD83D')).toBe('ok\t\n\r😀');
    expect(stripInvalidXmlChars('\uFFFF\uFFFEx\uE000')).toBe('x\uE000');
  });
});
