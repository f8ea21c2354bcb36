/**
 * The approval of an SPDX expression against spdx-satisfies as an oracle. dpg-check evaluates the
 * expression tree itself because it must also say which branch was only "discouraged" and which ids
 * were rejected; whether an expression is approved at all must agree with the well-kept library.
 * Two documented differences are kept out of the comparison by construction: an exception (WITH)
 * only adds permissions, so dpg-check judges it by its licence (the oracle's list is given every
 * licence-with-exception pair), and `-or-later` is judged by the version named (every family in
 * the pool is approved or not as a whole, so the two readings agree).
 */
import fc from 'fast-check';
import { createRequire } from 'node:module';
import satisfies from 'spdx-satisfies';
import { describe, expect, it } from 'vitest';
import { approveExpression } from '../../src/licenses/approval.js';

const spdxList = createRequire(import.meta.url)('spdx-license-list') as Record<string, { osiApproved: boolean }>;
const POOL = [
  'MIT',
  'Apache-2.0',
  'GPL-2.0-only',
  'GPL-2.0-or-later',
  'GPL-3.0-or-later',
  'BSD-3-Clause',
  'MPL-2.0',
  'Unlicense',
  'ISC',
  'CC0-1.0',
  'CC-BY-4.0',
  'SSPL-1.0',
  'BUSL-1.1',
  'Elastic-2.0',
  'JSON',
  'CC-BY-NC-4.0',
  'ODbL-1.0',
  'WTFPL',
];
const EXCEPTIONS = ['Classpath-exception-2.0', 'LLVM-exception'];

const leaf = fc
  .tuple(fc.constantFrom(...POOL), fc.option(fc.constantFrom(...EXCEPTIONS), { freq: 4 }))
  .map(([id, exception]) => (exception ? `${id} WITH ${exception}` : id));
const { expression } = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('expression'), fc.constantFrom('AND', 'OR'), tie('expression')).map(([left, op, right]) => `(${left} ${op} ${right})`),
  ),
}));

/** What the oracle is told is allowed: the approved ids of the pool, each also with every exception. */
function allowed(approved: (id: string) => boolean): string[] {
  const ids = POOL.filter(approved).map((id) => id.replace(/-or-later$/, '-only'));
  return [...ids, ...ids.flatMap((id) => EXCEPTIONS.map((exception) => `${id} WITH ${exception}`))];
}

describe('approval agrees with spdx-satisfies on whether an expression is approved', () => {
  it('software: OSI-approved licences', () => {
    const osi = allowed((id) => spdxList[id.replace(/-or-later$/, '-only')]?.osiApproved === true);
    fc.assert(
      fc.property(expression, (text) => {
        expect(approveExpression(text, 'software').approval === 'approved', text).toBe(satisfies(text, osi));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('data: the open data licences of the approved list', () => {
    const data = POOL.filter((id) => approveExpression(id, 'data').approval === 'approved');
    // The data list holds CC0, CC-BY and ODbL of this pool and none of the software licences.
    expect(data).toEqual(expect.arrayContaining(['CC0-1.0', 'CC-BY-4.0', 'ODbL-1.0']));
    expect(data).not.toContain('MIT');
    const oracleList = allowed((id) => data.includes(id));
    fc.assert(
      fc.property(expression, (text) => {
        expect(approveExpression(text, 'data').approval === 'approved', text).toBe(satisfies(text, oracleList));
      }),
      { numRuns: 2000, seed: 12 },
    );
  });

  it('names the rejected ids of a conjunction that is not approved', () => {
    expect(approveExpression('MIT AND (SSPL-1.0 OR BUSL-1.1)', 'software')).toEqual({ approval: 'not-approved', rejected: ['SSPL-1.0', 'BUSL-1.1'] });
  });

  it('one rule per category: the DPGA lists plus the Open Definition, the same for a data set and for training data', () => {
    // A recognised DPG publishes its data under OGL-UK-3.0 (Open Definition conformant); the DPGA's software list names Unicode-DFS-2015.
    expect(approveExpression('OGL-UK-3.0', 'data').approval).toBe('approved');
    expect(approveExpression('Unicode-DFS-2015', 'software').approval).toBe('approved');
    for (const id of ['CC-BY-3.0', 'CC-BY-SA-3.0', 'OGL-UK-3.0', 'ODbL-1.0', 'CC0-1.0', 'CC-BY-NC-4.0', 'MIT', 'CC-BY-ND-4.0']) {
      expect(approveExpression(id, 'training-data').approval, id).toBe(approveExpression(id, 'data').approval);
    }
    expect(approveExpression('CC-BY-NC-4.0', 'data').approval).toBe('not-approved');
    expect(approveExpression('CC-BY-ND-4.0', 'content').approval).toBe('not-approved');
    expect(approveExpression('OGL-UK-3.0', 'content').approval).toBe('approved');
  });
});
