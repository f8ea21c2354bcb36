import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeMatches } from '../src/cli/explain-command.js';
import { allCodes } from '../src/rules/codes.js';
import { REPO_ROOT, runCli } from './support/cli.js';

/** The section docs/checks.md holds for a code, from its heading to the next one. */
function docSection(code: string): string[] {
  const doc = readFileSync(path.join(REPO_ROOT, 'docs/checks.md'), 'utf8').split('\n');
  const start = doc.indexOf(`### ${code}`);
  const end = doc.findIndex((line, index) => index > start && line.startsWith('#'));
  return doc.slice(start + 1, end === -1 ? undefined : end).filter((line) => line.trim() !== '');
}

describe('dpg-check explain', () => {
  it('prints the text docs/checks.md holds for the code, under the Standard\'s words for its indicator', async () => {
    const result = await runCli(['explain', 'ownership/copyright-placeholder']);
    expect(result.code).toBe(0);
    for (const line of docSection('ownership/copyright-placeholder')) expect(result.stdout).toContain(line);
    expect(result.stdout).toContain('Indicator 3: Clear ownership');
    expect(result.stdout).toContain('> Ownership of assets that the digital public good produces must be clearly defined');
  });

  it('explains every code as docs/checks.md does', async () => {
    const { explain, formatExplanation } = await import('../src/cli/explain-command.js');
    for (const definition of allCodes().values()) {
      const text = formatExplanation(explain(definition));
      for (const line of docSection(definition.code)) expect(text, definition.code).toContain(line);
    }
  });

  it('--format json gives the definition with the indicator and the docs anchor', async () => {
    const result = await runCli(['explain', 'license/not-approved', '--format', 'json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ code: 'license/not-approved', status: 'fail', group: '2', indicator: { id: '2' }, docs: 'docs/checks.md#licensenot-approved' });
    expect(json.fix).toBeTruthy();
  });

  it('an unknown code exits 2 with close matches and no stack trace', async () => {
    const result = await runCli(['explain', 'license/not-aproved']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Unknown finding code: license/not-aproved');
    expect(result.stderr).toContain('Did you mean: license/not-approved');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('suggests codes for a fragment or a code under the wrong area', () => {
    const codes = [...allCodes().keys()];
    expect(closeMatches('copyright-placeholder', codes)).toContain('ownership/copyright-placeholder');
    expect(closeMatches('manifest/not-approved', codes)).toContain('license/not-approved');
    expect(closeMatches('zzzzzzzzzzzz', codes)).toEqual([]);
  });
});
