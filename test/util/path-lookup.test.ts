import { describe, expect, it } from 'vitest';
import { markSorted, pathLookup } from '../../src/util/path-lookup.js';

describe('pathLookup', () => {
  const sorted = ['.github/workflows/ci.yml', 'LICENSE', 'README.md', 'docs/a b.md', 'docs/install.md', 'packages/x/package.json', 'src/z.ts', 'src/é.ts'];

  it('answers for root names and deeper paths of a sorted listing, and for nothing else', () => {
    const listed = pathLookup(sorted);
    for (const file of sorted) expect(listed.has(file), file).toBe(true);
    for (const absent of ['license', 'docs', 'docs/', 'docs/install', 'packages/x', 'src/a.ts', 'zzz/y', '', 'README.md/'])
      expect(listed.has(absent), absent).toBe(false);
  });

  it('gives the same answers for a listing that is not sorted', () => {
    const shuffled = [...sorted].reverse();
    const listed = pathLookup(shuffled);
    for (const file of sorted) expect(listed.has(file), file).toBe(true);
    expect(listed.has('docs/other.md')).toBe(false);
  });

  it('a listing its source marked sorted is searched without a check of its order', () => {
    const listed = pathLookup(markSorted([...sorted]));
    for (const file of sorted) expect(listed.has(file), file).toBe(true);
    expect(listed.has('docs/other.md')).toBe(false);
  });

  it('a marked listing that its caller sorted again its own way is checked again, not searched as it is', () => {
    const shared = markSorted([...sorted]);
    shared.sort((a, b) => b.localeCompare(a));
    const listed = pathLookup(shared);
    for (const file of sorted) expect(listed.has(file), file).toBe(true);
  });

  it('an empty listing has nothing', () => {
    expect(pathLookup([]).has('README.md')).toBe(false);
    expect(pathLookup([]).has('a/b')).toBe(false);
  });
});
