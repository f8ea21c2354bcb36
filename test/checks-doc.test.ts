import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCodes } from '../src/rules/codes.js';
import { renderChecksDoc } from '../src/docs/checks-doc.js';
import { REPO_ROOT } from './support/cli.js';

describe('finding codes', () => {
  it('docs/checks.md lists every code as the code defines it (run `npm run docs` after a change)', () => {
    expect(readFileSync(path.join(REPO_ROOT, 'docs/checks.md'), 'utf8')).toBe(renderChecksDoc());
  });

  it('every code is `area/name`, and review codes ask a question', () => {
    for (const [code, definition] of allCodes()) {
      expect(code).toMatch(/^[a-z0-9]+\/[a-z0-9-]+$/);
      if (definition.status === 'review') expect(definition.question, code).toBeTruthy();
      if (definition.status === 'fail') expect(definition.fix, code).toBeTruthy();
    }
  });
});
