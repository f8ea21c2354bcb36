/**
 * The readers of registry free text (codes of conduct, data formats, closed components) run on
 * records that `check` also finds in repositories (dpga-screening.json, up to 1 MiB). Each must read a
 * text in linear time: here each gets 512 KiB of the pathological inputs that make backtracking
 * patterns quadratic (openers never closed, runs of one character before the text a pattern waits for).
 * A linear reader takes milliseconds; a quadratic one, minutes.
 */
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { closedComponentsIn } from '../../src/convert/closed-components.js';
import { codeOfConductIn } from '../../src/convert/code-of-conduct.js';
import { dataFormatsIn } from '../../src/convert/data-formats.js';
import { readScreening } from '../../src/convert/dpga-screening.js';
import { answerQuality, readReference, urlsIn } from '../../src/indicators/helpers.js';

const BYTES = 512 * 1024;
const LIMIT_MS = 2000;

const TOKENS = [
  '(',
  ')',
  '[',
  ']',
  '"',
  "'",
  '“',
  '.',
  ',',
  ';',
  ' ',
  '\n',
  'a',
  'A ',
  'A',
  'a ',
  '-',
  '/',
  '#',
  '%20',
  'https://',
  'https://x',
  'https://x ',
  'https://x/a) ',
  'http://x)',
  'https://x.org/a)',
  'www.',
  '.csv',
  'csv',
  'json-',
  '.md',
  'x/',
  'CODE_OF_CONDUCT',
  'code of conduct ',
  'code  of  conduct :- ',
  'Contributor Covenant ',
  'conduct/',
  'Closed component: ',
  '; open alternatives: ',
  '; replacement: ',
  'A as ',
  'A and ',
  ' as ',
  'replaceable by ',
  'A replaceable by ',
  'can be replaced by ',
  'A can be replaced with ',
  'replace A with ',
  'is an open source alternative to ',
  'A is used; it ',
  'alternatives such as ',
  'A, ',
  'A or ',
  '(A) ',
  'e.g. ',
];
/** A marker, then a run of one character to the end: the run is where backtracking multiplies. */
const MARKERS = ['https://x', 'https://x(', 'https://x.org/'.repeat(1000), 'code of conduct', 'Closed component: A', 'A as', 'replaceable by', "'", '(', 'x.'];
const RUNS = [' ', '.', 'a', 'A', ')', "'", '-', '/', '\n'];

function cases(): Array<{ name: string; text: string }> {
  const out = TOKENS.map((token) => ({ name: JSON.stringify(token), text: token.repeat(Math.ceil(BYTES / token.length)).slice(0, BYTES) }));
  for (const marker of MARKERS)
    for (const run of RUNS) out.push({ name: `${JSON.stringify(marker)} + ${JSON.stringify(run)}…`, text: marker + run.repeat(BYTES - marker.length) });
  return out;
}

const SCANNERS: Array<[string, (text: string) => unknown]> = [
  // The indicators' readers of answers (links with their labels, paths, statements, brief answers).
  ['urlsIn', (text) => urlsIn(text)],
  ['readReference', (text) => readReference(text)],
  ['answerQuality', (text) => answerQuality(text, 8)],
  ['codeOfConductIn', (text) => codeOfConductIn([text])],
  ['dataFormatsIn', (text) => dataFormatsIn(text)],
  ['closedComponentsIn', (text) => closedComponentsIn(text)],
];

describe('the free-text readers of registry records read 512 KiB of pathological text in linear time', () => {
  for (const [name, scan] of SCANNERS) {
    it(name, () => {
      const slow: string[] = [];
      for (const { name: input, text } of cases()) {
        const started = performance.now();
        scan(text);
        const ms = performance.now() - started;
        if (ms > LIMIT_MS) slow.push(`${input}: ${Math.round(ms)} ms`);
      }
      expect(slow).toEqual([]);
    });
  }

  it('a screening record whose free-text answers are all pathological', () => {
    const text = 'A as '.repeat(BYTES / 5);
    const record = {
      name: 'Hostile',
      platformIndependence: { mandatoryDepsCreateMoreRestrictions: 'Yes', pltIndependenceDesc: text },
      NonPII: { collectsNonPII: 'Yes', nonPIIAccessMechanism: text },
      doNoHarm: { protectionFromHarassment: { userInteraction: 'Yes', harassmentProtectionSteps: [text], stepsAddressRiskPreventSafetyUnderageUsers: [text] } },
    };
    const started = performance.now();
    readScreening(record);
    expect(performance.now() - started).toBeLessThan(LIMIT_MS * 2);
  });
});
