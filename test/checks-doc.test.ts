import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCodes } from '../src/rules/codes.js';
import { renderChecksDoc } from '../src/docs/checks-doc.js';
import { REPO_ROOT, runCli } from './support/cli.js';

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

  it("the README's table of formats, the CLI's help and action.yml name every format of the formats table (run `npm run docs` after a change)", async () => {
    const { FORMATS, formatsTable } = await import('../src/formatters/index.js');
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`-->\n${formatsTable()}\n<!-- formats:end -->`);
    const help = (await runCli(['check', '--help'])).stdout.replace(/\s+/g, ' ');
    const action = readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8').replace(/\s+/g, ' ');
    for (const format of FORMATS) {
      expect(help, format.name).toContain(format.name);
      expect(action, format.name).toMatch(new RegExp(`[ (,]${format.name}[,)]`));
    }
  });
});
