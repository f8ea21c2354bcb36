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
  it("--format md prints the lines docs/checks.md holds for the code, under the Standard's words for its indicator", async () => {
    const result = await runCli(['explain', 'ownership/copyright-placeholder', '--format', 'md']);
    expect(result.code).toBe(0);
    for (const line of docSection('ownership/copyright-placeholder')) expect(result.stdout).toContain(line);
    expect(result.stdout).toContain('Indicator 3: Clear ownership');
    expect(result.stdout).toContain('> Ownership of assets that the digital public good produces must be clearly defined');
  });

  it('prints plain text for a terminal: no Markdown marks, the code spans as plain words', async () => {
    const result = await runCli(['explain', 'license/category-not-covered']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^license\/category-not-covered {2}FAIL: \S/);
    expect(result.stdout).toContain(
      'Indicator 2: Use of approved open licences\n  The Standard: Digital public goods must demonstrate the use of an approved open licence',
    );
    expect(result.stdout).toMatch(/^Fix: Add a licence with covers: \[\{category\}\] to the manifest\.$/m);
    expect(result.stdout).not.toMatch(/\*\*|`|^> /m);
    expect(result.stdout).toContain('Also in docs/checks.md#licensecategory-not-covered');
  });

  it('--list lists every code by indicator; an area or an indicator narrows it; JSON lists the explanations', async () => {
    const all = await runCli(['explain', '--list']);
    expect(all.code).toBe(0);
    const count = allCodes().size;
    expect(all.stdout.trimEnd().split('\n').at(-1)).toBe(`${count} codes. dpg-check explain CODE tells what one means.`);
    expect(all.stdout).toMatch(/^Indicator 9c: Protection from harassment$/m);
    expect(all.stdout).toMatch(/^ {2}license\/not-approved +FAIL +Licence not approved$/m);
    const area = await runCli(['explain', '--list', 'license']);
    const listed = area.stdout
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim().split(/\s+/)[0]);
    expect(listed).toEqual([...allCodes().keys()].filter((code) => code.startsWith('license/')));
    const indicator = JSON.parse((await runCli(['explain', '--list', '9a', '--format', 'json'])).stdout) as Array<{ code: string; group: string }>;
    expect(indicator.length).toBeGreaterThan(0);
    expect(indicator.every((entry) => entry.group === '9a')).toBe(true);
    const none = await runCli(['explain', '--list', 'licence']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No finding code is in licence.');
    const bare = await runCli(['explain']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('dpg-check explain --list shows every code.');
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
    expect(json).toMatchObject({
      code: 'license/not-approved',
      status: 'fail',
      group: '2',
      indicator: { id: '2' },
      docs: 'docs/checks.md#licensenot-approved',
    });
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
