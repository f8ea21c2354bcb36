import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approveExpression } from '../src/licenses/approval.js';
import { normalizeExpression } from '../src/licenses/spdx.js';

describe('normalizeExpression', () => {
  it.each([
    ['MIT', 'MIT', []],
    [
      'GPL-3.0',
      'GPL-3.0-only',
      [
        'deprecated id GPL-3.0 does not say whether later versions are allowed: read as GPL-3.0-only (as SPDX defines it), and a licence text of GPL-3.0-or-later matches it as well',
      ],
    ],
    ['GPL-2.0+', 'GPL-2.0-or-later', ['GPL-2.0+ read as GPL-2.0-or-later']],
    [
      'LGPL-2.1 OR MIT',
      'LGPL-2.1-only OR MIT',
      [
        'deprecated id LGPL-2.1 does not say whether later versions are allowed: read as LGPL-2.1-only (as SPDX defines it), and a licence text of LGPL-2.1-or-later matches it as well',
      ],
    ],
    [
      'GPL-2.0-with-classpath-exception',
      'GPL-2.0-only WITH Classpath-exception-2.0',
      [
        'deprecated id GPL-2.0-with-classpath-exception does not say whether later versions are allowed: read as GPL-2.0-only WITH Classpath-exception-2.0 (as SPDX defines it), and a licence text of GPL-2.0-or-later matches it as well',
      ],
    ],
    ['(MIT OR Apache-2.0) AND CC-BY-4.0', '(MIT OR Apache-2.0) AND CC-BY-4.0', []],
    ['Apache-2.0 WITH LLVM-exception', 'Apache-2.0 WITH LLVM-exception', []],
  ])('%s -> %s', (raw, expression, notes) => {
    const result = normalizeExpression(raw);
    expect(result.expression).toBe(expression);
    expect(result.notes).toEqual(notes);
  });

  it('corrects a common misspelling and says so', () => {
    const result = normalizeExpression('Apache 2');
    expect(result.expression).toBe('Apache-2.0');
    expect(result.notes[0]).toMatch(/not an SPDX id; read as Apache-2.0/);
  });

  it('does not guess -or-later for a bare GNU name', () => {
    expect(normalizeExpression('GPL-3.0').expression).toBe('GPL-3.0-only');
  });

  it.each(['', 'UNLICENSED', 'SEE LICENSE IN LICENSE.txt', 'MIT AND', 'Proprietary blah blah'])('"%s" is NOASSERTION', (raw) => {
    expect(normalizeExpression(raw).expression).toBe('NOASSERTION');
  });

  it('never throws, and its output is stable when normalised again', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const first = normalizeExpression(raw);
        if (first.expression !== 'NOASSERTION') expect(normalizeExpression(first.expression).expression).toBe(first.expression);
      }),
      { numRuns: 500 },
    );
  });
});

describe('approveExpression', () => {
  it.each([
    ['MIT', 'software', 'approved'],
    ['GPL-3.0', 'software', 'approved'],
    ['GPL-3.0-or-later', 'software', 'approved'],
    ['SSPL-1.0', 'software', 'not-approved'],
    ['BUSL-1.1', 'software', 'not-approved'],
    ['MIT OR SSPL-1.0', 'software', 'approved'],
    ['MIT AND SSPL-1.0', 'software', 'not-approved'],
    ['GPL-2.0-only WITH Classpath-exception-2.0', 'software', 'approved'],
    ['CC-BY-4.0', 'content', 'approved'],
    ['CC-BY-NC-SA-4.0', 'content', 'discouraged'],
    ['CC-BY-ND-4.0', 'content', 'not-approved'],
    ['CC-BY-NC-4.0 OR CC-BY-4.0', 'content', 'approved'],
    ['MIT', 'content', 'not-approved'],
    ['ODbL-1.0', 'data', 'approved'],
    ['CC0-1.0', 'data', 'approved'],
    ['CC-BY-NC-4.0', 'data', 'not-approved'],
    ['Apache-2.0', 'model-weights', 'approved'],
    ['CC-BY-4.0', 'training-data', 'approved'],
    ['OpenRAIL', 'model-weights', 'unknown'],
  ] as const)('%s for %s is %s', (expression, category, approval) => {
    expect(approveExpression(expression, category).approval).toBe(approval);
  });

  it('names the licences that are not approved', () => {
    expect(approveExpression('MIT AND SSPL-1.0', 'software').rejected).toEqual(['SSPL-1.0']);
  });
});
