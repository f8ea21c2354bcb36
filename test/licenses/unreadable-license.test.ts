/**
 * Indicator 2 when a licence file cannot be read (a link out of the repository, a binary): the file
 * is no evidence, so with no other project-level licence file the indicator fails, whatever the
 * declarations say; beside a readable licence file it is only a warning.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { LocalSource } from '../../src/source/local.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'dpg-unreadable-license-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const MIT = (createRequire(import.meta.url)('spdx-license-list/full.js') as Record<string, { licenseText: string }>).MIT?.licenseText ?? '';
const outside = path.join(scratch, 'outside.txt');
writeFileSync(outside, MIT);

let counter = 0;
async function licenceFindings(setup: (root: string) => void): Promise<Array<{ code: string; status: string; message: string }>> {
  const root = path.join(scratch, `repo-${counter++}`);
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'README.md'), '# Tool\n\nA tool.\n');
  setup(root);
  const report = await checkSource(await LocalSource.open(root));
  return report.findings.filter((finding) => finding.indicator === '2');
}

describe('an unreadable licence file', () => {
  it('alone, with a package.json declaring MIT: indicator 2 fails (no-readable-file), not only a warning', async () => {
    const findings = await licenceFindings((root) => {
      symlinkSync(outside, path.join(root, 'LICENSE'));
      writeFileSync(path.join(root, 'package.json'), '{ "name": "tool", "license": "MIT" }\n');
    });
    expect(findings.find((finding) => finding.code === 'license/file-unreadable')?.status).toBe('warn');
    expect(findings.find((finding) => finding.code === 'license/no-readable-file')).toMatchObject({
      status: 'fail',
      message: 'No licence file of the project could be read (LICENSE); package.json declares MIT.',
    });
    expect(findings.map((finding) => finding.code)).not.toContain('license/file-missing');
  });

  it('alone, with no declaration either: indicator 2 fails', async () => {
    const findings = await licenceFindings((root) => writeFileSync(path.join(root, 'LICENSE'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])));
    expect(findings.find((finding) => finding.code === 'license/no-readable-file')).toMatchObject({
      status: 'fail',
      message: 'No licence file of the project could be read (LICENSE).',
    });
  });

  it('beside a readable licence file at the root: only the warning', async () => {
    const findings = await licenceFindings((root) => {
      symlinkSync(outside, path.join(root, 'LICENSE'));
      writeFileSync(path.join(root, 'COPYING'), MIT);
    });
    expect(findings.map((finding) => finding.code)).toEqual(expect.arrayContaining(['license/file-unreadable', 'license/file-identified']));
    expect(findings.map((finding) => finding.code)).not.toContain('license/no-readable-file');
    expect(findings.filter((finding) => finding.status === 'fail')).toEqual([]);
  });

  it("in a package folder only: the project's own LICENSE decides", async () => {
    const findings = await licenceFindings((root) => {
      writeFileSync(path.join(root, 'LICENSE'), MIT);
      mkdirSync(path.join(root, 'packages/a'), { recursive: true });
      symlinkSync(outside, path.join(root, 'packages/a/LICENSE'));
    });
    expect(findings.map((finding) => finding.code)).not.toContain('license/no-readable-file');
  });
});

// A failed read (no permission) is only a warning: the corpus case license-unreadable runs it as nobody.
describe('a licence file that could not be read for another reason', () => {
  it('a symbolic link that points nowhere shows no licence: indicator 2 fails', async () => {
    const findings = await licenceFindings((root) => symlinkSync('no-such-file', path.join(root, 'LICENSE')));
    expect(findings.find((finding) => finding.code === 'license/no-readable-file')?.status).toBe('fail');
  });
});
