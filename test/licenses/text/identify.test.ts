import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DICE_THRESHOLD,
  MAX_CHANGED_RUN,
  identifyLicenseText,
  loadLicenseCorpus,
  longestChangedRun,
  type TextIdentification,
} from '../../../src/licenses/text/identify.js';
import { normalizeLicenseText } from '../../../src/licenses/text/normalize.js';

const require = createRequire(import.meta.url);
const spdxFull = require('spdx-license-list/full') as Record<string, { name: string; licenseText: string }>;
const spdxText = (id: string): string => spdxFull[id]?.licenseText ?? '';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CORPUS = join(ROOT, 'generated/license-corpus.json');
const FIXTURES = join(ROOT, '../shared/corpora/licensee-fixtures');

// ---------------------------------------------------------------------------------------------
// Text mutations

/** Re-wraps every paragraph (blank-line separated) at `width` columns. */
function rewrap(text: string, width: number): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => {
      const lines: string[] = [];
      let line = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        if (line && line.length + 1 + word.length > width) {
          lines.push(line);
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      if (line) lines.push(line);
      return lines.join('\n');
    })
    .join('\n\n');
}

function dropFirstLine(text: string): string {
  return text.trimStart().replace(/^.*\n/, '');
}

/** Replaces the copyright line, or adds one when the text has none. */
function withOtherCopyright(text: string): string {
  const notice = 'Copyright (c) 2019-2024 Jane Q. Public <jane@example.org> and contributors';
  return /^\s*copyright\b.*$/im.test(text) ? text.replace(/^\s*copyright\b.*$/im, notice) : `${notice}\n\n${text}`;
}

/** A Markdown rendering: the title as a heading, numbered paragraphs as bullets, bold headings. */
function toMarkdown(text: string): string {
  const [title = '', ...rest] = text.trimStart().split('\n');
  const body = rest
    .join('\n')
    .split(/\n\s*\n/)
    .map((paragraph) => {
      const p = paragraph.trim();
      if (/^(?:\d+(?:\.\d+)*\.|\([a-z0-9]+\))\s/.test(p)) return `* ${p}`;
      if (p.split(/\s+/).length <= 5 && !/[.,;:]$/.test(p)) return `## **${p}**`;
      return p;
    })
    .join('\n\n');
  return `# ${title.replace(/^#+\s*/, '')}\n\n${body}`;
}

function withBomAndCrlf(text: string): string {
  return `\uFEFF${text.replace(/\n/g, '\r\n')}`;
}

/** The same words in a (deterministic) random order. */
function shuffleWords(text: string): string {
  const words = text.split(/\s+/);
  let seed = 42;
  for (let i = words.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [words[i], words[j]] = [words[j] as string, words[i] as string];
  }
  return words.join(' ');
}

/** Deletes the longest sentence of at least 12 words (a clause). */
function deleteLongestSentence(text: string): string {
  const sentences = (text.match(/[^.;!?]+[.;!?]/g) ?? []).filter((s) => s.split(/\s+/).length >= 12);
  const longest = sentences.sort((a, b) => b.length - a.length)[0] ?? '';
  return text.replace(longest, ' ');
}

function addSentence(text: string): string {
  const at = text.indexOf('.', Math.floor(text.length / 2)) + 1;
  const sentence = ' You must also send a postcard to the original author every year while you use the Software.';
  return text.slice(0, at) + sentence + text.slice(at);
}

// ---------------------------------------------------------------------------------------------

describe('generated corpus', () => {
  it('exists and was built with the current normaliser', () => {
    expect(existsSync(CORPUS), 'run: npx tsc -p tsconfig.build.json && node scripts/build-license-corpus.js').toBe(true);
    const corpus = JSON.parse(readFileSync(CORPUS, 'utf8')) as {
      licenses: Record<string, unknown>;
      entries: { ids: string[]; sha1: string }[];
    };
    const hashes = new Map<string, Set<string>>();
    for (const entry of corpus.entries) {
      for (const id of entry.ids) hashes.set(id, (hashes.get(id) ?? new Set()).add(entry.sha1));
    }
    const stale = Object.keys(corpus.licenses).filter((id) => {
      const sha1 = createHash('sha1')
        .update(normalizeLicenseText(spdxText(id)))
        .digest('hex');
      return !hashes.get(id)?.has(sha1);
    });
    expect(stale, 'corpus is stale: rebuild it with scripts/build-license-corpus.js').toEqual([]);
  });

  it('holds the current SPDX ids without the deprecated ones', () => {
    const info = loadLicenseCorpus();
    expect(info.ids).toBeGreaterThan(600);
    const corpus = JSON.parse(readFileSync(CORPUS, 'utf8')) as { licenses: Record<string, unknown> };
    expect(corpus.licenses).toHaveProperty('GPL-3.0-only');
    expect(corpus.licenses).not.toHaveProperty('GPL-3.0');
    expect(corpus.licenses).not.toHaveProperty('GPL-3.0+');
  });
});

describe('identifyLicenseText: SPDX texts and renderings of them', () => {
  const cases: [id: string, group: string[]][] = [
    ['MIT', ['MIT']],
    ['Apache-2.0', ['Apache-2.0']],
    ['BSD-3-Clause', ['BSD-3-Clause']],
    ['GPL-3.0-only', ['GPL-3.0-only', 'GPL-3.0-or-later']],
    ['MPL-2.0', ['MPL-2.0', 'MPL-2.0-no-copyleft-exception']],
    ['CC-BY-4.0', ['CC-BY-4.0']],
    ['ODbL-1.0', ['ODbL-1.0']],
  ];

  const expectIdentified = (result: TextIdentification, id: string): void => {
    expect(result.spdx).toBe(id);
    expect(result.matcher).not.toBe('none');
    expect(result.confidence).toBeGreaterThanOrEqual(DICE_THRESHOLD);
  };

  describe.each(cases)('%s', (id, group) => {
    const text = spdxText(id);

    it('matches its own SPDX text exactly, with the identical group', () => {
      const result = identifyLicenseText(text);
      expect(result).toMatchObject({ spdx: id, confidence: 100, matcher: 'exact', identicalGroup: group });
    });

    it.each([
      ['re-wrapped at 60 columns', (t: string) => rewrap(t, 60)],
      ['without its title line', dropFirstLine],
      ['with another copyright line', withOtherCopyright],
      ['rendered as Markdown', toMarkdown],
      ['with a BOM and CRLF line endings', withBomAndCrlf],
    ])('is still identified %s', (_label, mutate) => {
      expectIdentified(identifyLicenseText(mutate(text)), id);
    });

    it('is not identified from its words shuffled', () => {
      const result = identifyLicenseText(shuffleWords(text));
      expect(result.spdx).toBeNull();
      expect(result.confidence).toBeLessThan(50);
    });

    it('is not identified with a clause deleted', () => {
      const result = identifyLicenseText(deleteLongestSentence(text));
      expect(result.matcher).not.toBe('exact');
      expect(result.spdx === null || result.confidence < 100).toBe(true);
      expect(result.spdx).not.toBe(id);
    });

    it('is not identified with a sentence added, but reported as the closest licence', () => {
      const result = identifyLicenseText(addSentence(text));
      expect(result.spdx).toBeNull();
      // JSON is MIT plus one sentence, so MIT plus another sentence can be closest to JSON.
      expect(id === 'MIT' ? ['MIT', 'JSON'] : [id]).toContain(result.runnerUp?.spdx);
      // Short texts fall below the threshold; long ones are rejected for the long added passage.
      if (result.confidence >= DICE_THRESHOLD) expect(result.longestChange).toBeGreaterThan(MAX_CHANGED_RUN);
    });
  });

  it('identifies the LGPL-3.0 additional permissions alone (COPYING.LESSER) and with the GPL', () => {
    const full = spdxText('LGPL-3.0-only');
    const lesserOnly = full.slice(0, full.search(/^\s*GNU GENERAL PUBLIC LICENSE\s*$/m));
    for (const text of [full, lesserOnly, rewrap(lesserOnly, 72)]) {
      const result = identifyLicenseText(text);
      expect(result.spdx).toBe('LGPL-3.0-only');
      expect(result.identicalGroup).toEqual(['LGPL-3.0-only', 'LGPL-3.0-or-later']);
    }
  });

  it('reports the plain member of a group of identical texts', () => {
    expect(identifyLicenseText(spdxText('GFDL-1.3-invariants-or-later')).spdx).toBe('GFDL-1.3-only');
    expect(identifyLicenseText(spdxText('MPL-2.0-no-copyleft-exception')).spdx).toBe('MPL-2.0');
  });

  it('tells near-identical licences apart', () => {
    expect(identifyLicenseText(spdxText('Pixar')).spdx).toBe('Pixar');
    expect(identifyLicenseText(spdxText('JSON')).spdx).toBe('JSON');
    expect(identifyLicenseText(rewrap(spdxText('BSD-3-Clause-HP'), 70)).spdx).toBe('BSD-3-Clause-HP');
  });

  it('identifies a text with a changed name in place of "the copyright holder"', () => {
    const text = spdxText('BSD-3-Clause').replace(/the copyright holder(s?)/gi, 'Example Widgets Ltd');
    const result = identifyLicenseText(text);
    expect(result).toMatchObject({ spdx: 'BSD-3-Clause', matcher: 'dice' });
    expect(result.longestChange).toBeLessThanOrEqual(MAX_CHANGED_RUN);
  });
});

describe('identifyLicenseText: texts that are no licence', () => {
  it.each([
    ['empty', ''],
    ['whitespace', ' \n\t\n'],
    ['a copyright line', 'Copyright (c) 2024 Jane Doe. All rights reserved.'],
    ['a licence name', 'MIT License'],
    ['a licence notice', 'This project is licensed under the MIT License; see LICENSE.'],
    ['source code', 'export function add(a: number, b: number): number {\n  return a + b;\n}\n'],
  ])('%s', (_label, text) => {
    const result = identifyLicenseText(text);
    expect(result).toMatchObject({ spdx: null, matcher: 'none', identicalGroup: [] });
  });
});

describe('longestChangedRun', () => {
  const run = (a: number[], b: number[]): number => longestChangedRun(Int32Array.from(a), Int32Array.from(b), 100);
  it('finds the longest added, removed or rewritten passage', () => {
    expect(run([1, 2, 3, 4, 5], [1, 2, 3, 4, 5])).toBe(0);
    expect(run([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 20, 21, 22, 5, 6, 7, 8, 9])).toBe(3);
    expect(run([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 9])).toBe(4);
    // 30 replaced by 31 32: two changes separated by a short equal run count as one passage.
    expect(run([1, 2, 3, 4, 30, 5, 40, 6, 7, 8, 9], [1, 2, 3, 4, 31, 32, 5, 41, 6, 7, 8, 9])).toBe(4);
    expect(longestChangedRun(Int32Array.from([1, 2, 3]), Int32Array.from([4, 5, 6]), 2)).toBe(Number.POSITIVE_INFINITY);
  });
});

// ---------------------------------------------------------------------------------------------
// licensee's fixtures (../shared/corpora/licensee-fixtures: README.md, expected.tsv)

/**
 * Fixture cases whose answer comes from one licence text file, and that file. The other eight
 * cases are not about text identification and are scored below only:
 *  - description-license: R package; DESCRIPTION says "MIT + file LICENSE", LICENSE is a stub;
 *  - gemspec: a (misnamed) manifest and no licence file;
 *  - license-folder: no licence file at all;
 *  - licenses-dir-with-multiple-license-files, licenses-dir-with-top-level-license,
 *    multiple-license-files: several licence files, the answer is their conjunction;
 *  - readme, readme-invalid-encoding: the licence is stated only in the README.
 */
const SINGLE_FILE_CASES: Record<string, string[]> = {
  'agpl-3.0_markdown': ['LICENSE.md'],
  'apache-2.0_markdown': ['LICENSE.md'],
  'apache-with-readme-notice': ['LICENSE'],
  'artistic-2.0_markdown': ['LICENSE.md'],
  bom: ['LICENSE.txt'],
  'bsd-2-author': ['LICENSE'],
  'bsd-3-authorowner': ['LICENSE'],
  'bsd-3-clause_markdown': ['LICENSE.md'],
  'bsd-3-linebreak-owner': ['LICENSE'],
  'bsd-3-lists': ['LICENSE.BULLETS', 'LICENSE.NUMBERS'],
  'bsd-3-multilinecopyright': ['LICENSE'],
  'bsd-3-noendorseslash': ['LICENSE'],
  'bsd-plus-patents': ['license.txt'], // PATENTS is a separate grant with no SPDX id
  bsl: ['LICENSE_1_0.txt'],
  'case-sensitive': ['LiCeNsE.TxT'],
  'cc-by-4.0_markdown': ['LICENSE.md'],
  'cc-by-nc-sa': ['LICENSE'],
  'cc-by-nd': ['LICENSE'],
  'cc-by-sa-4.0_markdown': ['LICENSE.md'],
  'cc-by-sa-mdlinks': ['License.md'],
  'cc-by-sa-nocclicensor': ['License.md'],
  'cc0-1.0_markdown': ['LICENSE.md'],
  'cc0-cal2013': ['LICENSE'],
  'cc0-cc': ['LICENSE'],
  'copyright-encoding': ['COPYING'],
  'crlf-bsd': ['LICENSE.md'],
  'crlf-license': ['LICENSE'],
  'epl-1.0_markdown': ['LICENSE.md'],
  'eupl-cal2017': ['LICENSE.txt'],
  'fcpl-modified-mpl': ['LICENSE'],
  'gfdl-1.3_markdown': ['LICENSE.md'],
  'gpl-2.0_markdown': ['LICENSE.md'],
  'gpl-2.0_markdown_headings': ['LICENSE.md'],
  'gpl-3.0_markdown': ['LICENSE.md'],
  'gpl3-without-instructions': ['LICENSE'],
  html: ['license.html'],
  lgpl: ['COPYING.lesser'], // LICENSE beside it is the GPL-3.0 that the LGPL incorporates
  'lgpl-2.1_markdown': ['LICENSE.md'],
  'lgpl-3.0_markdown': ['LICENSE.md'],
  'license-in-parent-folder': ['LICENSE.txt'],
  'license-with-readme-reference': ['LICENSE'],
  'licenses-dir': ['LICENSES/MIT.txt'],
  'licenses-dir-with-license-ref': ['LICENSES/LicenseRef-MIT.txt'],
  mit: ['LICENSE.txt'],
  'mit-optional': ['LICENSE.txt'],
  'mit-with-copyright': ['LICENSE.txt'],
  mit_markdown: ['LICENSE.md'],
  'mpl-2.0_markdown': ['LICENSE.md'],
  'mpl-without-hrs': ['LICENSE'],
  'multiple-arrs': ['LICENSE'],
  'pixar-modified-apache': ['LICENSE.txt'],
  'unlicense-noinfo': ['LICENSE'],
  unlicense_markdown: ['LICENSE.md'],
  vim: ['LICENSE'],
  'wrk-modified-apache': ['LICENSE'],
};

interface Expected {
  fixture: string;
  accepted: string[];
}

function readExpected(): Expected[] {
  return readFileSync(join(FIXTURES, 'expected.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [fixture = '', accepted = ''] = line.split('\t');
      return { fixture, accepted: accepted.split('|').map((a) => a.trim()) };
    });
}

/** Whether an answer (SPDX id or expression, NONE, NOASSERTION) is among the accepted ones. */
function isAccepted(answer: string, accepted: readonly string[]): boolean {
  return accepted.some((pattern) => {
    const regex = new RegExp(`^${pattern.replace(/[.+?^${}()[\]\\]/g, '\\$&').replace(/\*/g, '[\\w.-]+')}$`);
    return regex.test(answer);
  });
}

/** NONE and NOASSERTION both mean "no SPDX id" for a single text. */
function fileAnswer(result: TextIdentification): string {
  return result.spdx ?? 'NONE';
}

const LICENCE_FILE = /^(?:un)?licen[cs]e(?:[-_. ].*)?$|^copying(?:[-_. ].*)?$/i;

/**
 * What the text identifier alone says about a fixture folder: the licence files at its root and
 * in a REUSE LICENSES/ folder, identified one by one; several licences are joined with AND.
 */
function folderAnswer(dir: string): string {
  const files = readdirSync(dir)
    .filter((name) => LICENCE_FILE.test(name) && statSync(join(dir, name)).isFile())
    .map((name) => join(dir, name));
  const reuse = join(dir, 'LICENSES');
  if (existsSync(reuse)) files.push(...readdirSync(reuse).map((name) => join(reuse, name)));
  const ids = new Set<string>();
  let unidentified = false;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const result = identifyLicenseText(text);
    if (result.spdx) ids.add(result.spdx);
    else if (normalizeLicenseText(text) !== '') unidentified = true;
  }
  if (ids.size > 0) return [...ids].sort().join(' AND ');
  return unidentified ? 'NOASSERTION' : 'NONE';
}

const fixturesPresent = existsSync(join(FIXTURES, 'expected.tsv'));
if (!fixturesPresent) {
  console.warn(`licensee fixtures not found at ${FIXTURES}: their tests are skipped`);
}

describe.skipIf(!fixturesPresent)('licensee fixtures (skipped when ../shared/corpora/licensee-fixtures is absent)', () => {
  const expected = fixturesPresent ? readExpected() : [];
  const single = expected.filter((e) => e.fixture in SINGLE_FILE_CASES);

  it('has the 63 documented cases', () => {
    expect(expected).toHaveLength(63);
    expect(single).toHaveLength(55);
  });

  it.each(single.map((e) => [e.fixture, e] as const))('%s', (fixture, { accepted }) => {
    for (const file of SINGLE_FILE_CASES[fixture] ?? []) {
      let text = readFileSync(join(FIXTURES, fixture, file), 'utf8');
      if (fixture === 'crlf-license') text = text.replace(/\n/g, '\r\n'); // stored without CR
      const result = identifyLicenseText(text);
      expect(
        isAccepted(
          fileAnswer(result),
          accepted.map((a) => (a === 'NOASSERTION' ? 'NONE' : a)),
        ),
        file,
      ).toBe(true);
    }
  });

  it('ipsum.txt (filler text) matches nothing', () => {
    const result = identifyLicenseText(readFileSync(join(FIXTURES, 'ipsum.txt'), 'utf8'));
    expect(result.spdx).toBeNull();
    expect(result.confidence).toBeLessThan(10);
  });

  it('scores all 63 cases with the text identifier alone', () => {
    const misses = expected
      .filter(({ fixture, accepted }) => !isAccepted(folderAnswer(join(FIXTURES, fixture)), accepted))
      .map(({ fixture }) => `${fixture}: ${folderAnswer(join(FIXTURES, fixture))}`);
    console.info(`licensee fixtures, text identifier alone: ${expected.length - misses.length}/${expected.length}`);
    // Not text identification: an R DESCRIPTION, READMEs, and the LGPL rule (COPYING.LESSER plus
    // the GPL it incorporates is the LGPL, not "GPL AND LGPL").
    expect(misses).toEqual(['description-license: NOASSERTION', 'lgpl: GPL-3.0-only AND LGPL-3.0-only', 'readme: NONE', 'readme-invalid-encoding: NONE']);
  });
});
