/**
 * Property-based tests (fast-check) of the code that parses what a repository says: the manifest
 * loader, the licence-text normaliser (idempotent), SPDX expression handling, and the README,
 * copyright and dependency readers. The properties live in bench/fuzz.js, which soaks them with
 * 10,000 cases each against dist/; here they run on the TypeScript sources, a few hundred cases each.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseReadme } from '../../src/facts/readme.js';
import { findCopyrightLines } from '../../src/facts/copyright.js';
import { parseDependencies } from '../../src/facts/dependencies.js';
import { normalizeExpression } from '../../src/licenses/spdx.js';
import { normalizeLicenseText } from '../../src/licenses/text/normalize.js';
import { parseManifest } from '../../src/manifest/load.js';

interface FuzzProperty {
  name: string;
  arbitrary: fc.Arbitrary<unknown>;
  predicate: (input: unknown) => boolean;
}
type FuzzModule = { fuzzProperties: (fastCheck: typeof fc, implementations: Record<string, unknown>) => FuzzProperty[] };

// A plain-JS module shared with the soak; imported by a computed name so that TypeScript does not ask
// for its types.
const fuzzModule = '../../bench/fuzz.js';
const { fuzzProperties } = (await import(/* @vite-ignore */ fuzzModule)) as FuzzModule;

const properties = fuzzProperties(fc, { parseManifest, normalizeLicenseText, normalizeExpression, analyseReadme, findCopyrightLines, parseDependencies });
const RUNS = 400;
const SEED = 20_240_808;

describe('properties (fast-check, shared with bench/fuzz.js)', () => {
  it('the soak and this test run the same five properties', () => {
    expect(properties.map((property) => property.name.split(':')[0])).toEqual(['manifest', 'manifest', 'licence text', 'SPDX', 'facts']);
  });

  for (const property of properties) {
    it(property.name, () => {
      fc.assert(
        fc.property(property.arbitrary, (input) => property.predicate(input)),
        { numRuns: RUNS, seed: SEED },
      );
    });
  }

  it('parseManifest never throws on a !!binary document (src/manifest/validate.ts deletes from a Uint8Array)', () => {
    const manifest = properties[0] as FuzzProperty;
    for (const text of ['!!binary aGVsbG8=', '!!binary f$}<3.8?.} +', '--- !!binary\naGVsbG8=\n']) expect(manifest.predicate(text)).toBe(true);
  });

  it('parseManifest never throws on a key named toString among unique items (fast-deep-equal in ajv)', () => {
    const manifest = properties[0] as FuzzProperty;
    expect(manifest.predicate('categories:\n  - a: 1\n  - toString: 1\n')).toBe(true);
  });

  it('normalizeLicenseText is idempotent on real licence texts and on mangled ones', () => {
    const texts = [
      'MIT License\n\nCopyright (c) 2024 Example\n\nPermission is hereby granted, free of charge, ...',
      '# Apache License\n\n**Version 2.0**, January 2004\n\n1. Definitions.\n\n   (a) "License" shall mean ...',
      '<p>THE SOFTWARE IS PROVIDED &quot;AS IS&quot;</p>',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('\n', ' ', '*', '#', '<!--', '-->', '[', ']', '(', ')', '&amp;', '1. ', '©', '\u00ad')), { maxLength: 8 }),
        (text, edits) => {
          let mangled = text;
          for (const [at, insert] of edits) mangled = mangled.slice(0, at % (mangled.length + 1)) + insert + mangled.slice(at % (mangled.length + 1));
          const once = normalizeLicenseText(mangled);
          expect(normalizeLicenseText(once)).toBe(once);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('SPDX expressions: deprecated ids are upgraded and the result is stable', () => {
    for (const [raw, expected] of [
      ['GPL-2.0+', 'GPL-2.0-or-later'],
      ['GPL-3.0 WITH Classpath-exception-2.0', 'GPL-3.0-only WITH Classpath-exception-2.0'],
      ['MIT/Apache-2.0', 'MIT OR Apache-2.0'],
      ['((MIT))', 'MIT'],
      ['MIT AND (Apache-2.0 OR BSD-3-Clause)', 'MIT AND (Apache-2.0 OR BSD-3-Clause)'],
    ] as const) {
      const result = normalizeExpression(raw);
      expect(result.expression).toBe(expected);
      expect(normalizeExpression(result.expression).expression).toBe(expected);
    }
  });
});
