/**
 * The JUnit formatter, read back with a real XML parser (fast-xml-parser): the counts a CI shows must
 * match the report's, and text from the repository must never break the document.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { reportFor } from '../support/reports.js';
import { formatJUnit } from '../../src/formatters/junit.js';
import { escapeXmlAttribute, escapeXmlText, stripInvalidXmlChars } from '../../src/formatters/xml.js';

const OPTIONS = { color: false };


interface TestCase {
  '@_classname': string;
  '@_name': string;
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
    expect(testsuites.testsuite.map((suite) => suite['@_name'])).toEqual(['manifest', ...report.indicators.map((indicator) => `${indicator.id}. ${indicator.title}`)]);
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
    expect(failing['@_name']).toMatch(/^ownership\/copyright-placeholder: LICENSE line 3 is an unfilled template/);
    expect(failing.failure!['@_type']).toBe('ownership/copyright-placeholder');
    expect(failing.failure!['@_message']).toContain('"Copyright (c) <year> <copyright holders>"');
    expect(failing.failure!['#text']).toContain('at LICENSE:3');
    expect(failing.failure!['#text']).toContain('fix: Replace the placeholder');
    const review = cases.find((testcase) => testcase['@_name'].startsWith('pii/protections-review'))!;
    expect(review.skipped!['@_message']).toBe('needs human review: Are the described protections adequate for these data types, in the places the solution is deployed?');
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
    report.findings.find((finding) => finding.code === 'ownership/copyright-placeholder')!.waiver = { reason: 'Owner confirmed by the board', expires: '2030-01-31' };
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

describe('XML escaping', () => {
  it('escapes text and attributes and removes invalid characters', () => {
    expect(escapeXmlText('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(escapeXmlAttribute('say "hi"\n\'there\'\t')).toBe('say &quot;hi&quot;&#10;&apos;there&apos;&#9;');
    expect(stripInvalidXmlChars('ok\u0000\u0008\u000b\u000c\u001f\t\n\r😀\uDC00\uD83D')).toBe('ok\t\n\r😀');
    expect(stripInvalidXmlChars('\uFFFF\uFFFEx\uE000')).toBe('x\uE000');
  });
});
