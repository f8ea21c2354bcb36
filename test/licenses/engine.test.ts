import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gatherFacts } from '../../src/facts/gather.js';
import { licenseNotice, readmeLicenseSection, stubNotice } from '../../src/licenses/notices.js';
import { identifyLicenseText } from '../../src/licenses/text/identify.js';
import { LocalSource } from '../../src/source/local.js';
import { REPO_ROOT, runCli } from '../support/cli.js';

const spdx = createRequire(import.meta.url)('spdx-license-list/full.js') as Record<string, { licenseText: string }>;
const scratch = mkdtempSync(path.join(tmpdir(), 'dpg-engine-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
async function licensesOf(files: Record<string, string>) {
  const root = path.join(scratch, `repo-${counter++}`);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return (await gatherFacts(await LocalSource.open(root), { identifyLicenseText })).licenses;
}

describe('notices', () => {
  it('reads the GPL "how to apply" notice, with and without "any later version"', () => {
    const later =
      'This program is free software: you can redistribute it and/or modify\nit under the terms of the GNU General Public License as published by\nthe Free Software Foundation, either version 3 of the License, or\n(at your option) any later version.';
    expect(licenseNotice(later)?.spdx).toBe('GPL-3.0-or-later');
    expect(
      licenseNotice('under the terms of the GNU Lesser General Public License as published by the Free Software Foundation, version 2.1 of the License.')?.spdx,
    ).toBe('LGPL-2.1-only');
    expect(
      licenseNotice(
        'under the terms of the GNU Affero General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version',
      )?.spdx,
    ).toBe('AGPL-3.0-or-later');
  });

  it('reads the Apache notice and the ASF source header', () => {
    expect(licenseNotice('Licensed under the Apache License, Version 2.0 (the "License");')?.spdx).toBe('Apache-2.0');
    expect(licenseNotice('The ASF licenses this file\nto you under the Apache License, Version 2.0 (the\n"License")')?.spdx).toBe('Apache-2.0');
  });

  it("an R package's LICENSE stub completes the DESCRIPTION's licence; elsewhere it is no licence", async () => {
    const stub = 'YEAR: 2021\nCOPYRIGHT HOLDER: Jane Doe\n';
    const rPackage = await licensesOf({ LICENSE: stub, DESCRIPTION: 'Package: tool\nVersion: 1.0\nLicense: MIT + file LICENSE\n' });
    expect(rPackage.files).toEqual([expect.objectContaining({ path: 'LICENSE', spdx: 'MIT', role: 'stub' })]);
    expect(rPackage.expression).toBe('MIT');
    const elsewhere = await licensesOf({ LICENSE: stub, 'package.json': '{ "name": "tool", "license": "MIT" }' });
    expect(elsewhere.files).toEqual([expect.objectContaining({ path: 'LICENSE', spdx: 'NOASSERTION' })]);
    expect(elsewhere.files[0]?.role).not.toBe('stub');
  });

  it("recognises CRAN's two-line stub", () => {
    expect(stubNotice('YEAR: 2017\nCOPYRIGHT HOLDER: Jane Doe\n')?.kind).toBe('cran-stub');
    expect(stubNotice('MIT License\n\nCopyright 2017 Jane Doe')).toBeUndefined();
  });

  it('finds the README licence section up to the next heading of its level', () => {
    const section = readmeLicenseSection('# Tool\n\nText.\n\n## Licence\n\nMIT, see LICENSE.\n\n### Notes\n\nmore\n\n## Support\n\nmail us\n');
    expect(section).toEqual({ body: 'MIT, see LICENSE.\n\n### Notes\n\nmore', line: 5, offset: 27 });
  });
});

describe('the project licence', () => {
  it('decides -or-later from a declaration', async () => {
    const licenses = await licensesOf({ COPYING: spdx['GPL-3.0-or-later']!.licenseText, 'package.json': '{"license": "GPL-3.0-or-later"}' });
    expect(licenses.expression).toBe('GPL-3.0-or-later');
    expect(licenses.files[0]).toMatchObject({ spdx: 'GPL-3.0-or-later', variant: { decidedBy: 'package.json (package.json)' } });
    expect(licenses.conflicts).toEqual([]);
  });

  it('decides -or-later from the README notice, and says so when nothing decides', async () => {
    const notice =
      '## License\n\nThis program is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version.\n';
    const decided = await licensesOf({ COPYING: spdx['GPL-3.0-only']!.licenseText, 'README.md': notice });
    expect(decided.expression).toBe('GPL-3.0-or-later');
    const undecided = await licensesOf({ COPYING: spdx['GPL-3.0-only']!.licenseText });
    expect(undecided.files[0]?.variant).toEqual({ undecided: true });
    expect(undecided.reasoning.join('\n')).toMatch(/same for GPL-3.0-only and GPL-3.0-or-later/);
  });

  it('joins the files of different licences with AND, sorted', async () => {
    const licenses = await licensesOf({ LICENSE: spdx.MIT!.licenseText, 'LICENSES/CC-BY-4.0.txt': spdx['CC-BY-4.0']!.licenseText });
    expect(licenses.expression).toBe('CC-BY-4.0 AND MIT');
  });

  it('is NONE with nothing, NOASSERTION with an unknown text, and LicenseRef for an unknown text beside a known one', async () => {
    expect((await licensesOf({ 'README.md': '# x\n' })).expression).toBe('NONE');
    const custom =
      'You may use this software only for non-commercial research at accredited universities, and you must send the author a postcard every year you use it.';
    expect((await licensesOf({ LICENSE: custom })).expression).toBe('NOASSERTION');
    expect((await licensesOf({ LICENSE: spdx.MIT!.licenseText, 'LICENSE-EXTRA': custom })).expression).toBe('MIT AND LicenseRef-LICENSE-EXTRA');
  });

  it('reports a declaration the files contradict, and a file nothing declares', async () => {
    const licenses = await licensesOf({ LICENSE: spdx.MIT!.licenseText, 'package.json': '{\n  "license": "ISC"\n}\n' });
    expect(licenses.conflicts).toEqual([
      { kind: 'declared-not-found', id: 'ISC', path: 'package.json', line: 2, found: 'LICENSE: MIT' },
      { kind: 'file-not-declared', id: 'MIT', path: 'LICENSE', found: 'LICENSE: MIT' },
    ]);
  });

  it('reports a README that names another licence than the files', async () => {
    const licenses = await licensesOf({ LICENSE: spdx['Apache-2.0']!.licenseText, 'README.md': '# x\n\nReleased under the MIT License.\n' });
    expect(licenses.conflicts).toEqual([{ kind: 'notice-contradicts-files', id: 'MIT', path: 'README.md', line: 3, found: 'LICENSE: Apache-2.0' }]);
  });

  it('falls back on the README, then on declarations', async () => {
    expect((await licensesOf({ 'README.md': `# x\n\n## License\n\n${spdx.MIT!.licenseText}\n` })).expression).toBe('MIT');
    expect((await licensesOf({ 'Cargo.toml': '[package]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n' })).expression).toBe('MIT OR Apache-2.0');
  });
});

const licensee = path.resolve(REPO_ROOT, '../shared/corpora/licensee-fixtures');
describe.skipIf(!existsSync(path.join(licensee, 'expected.tsv')))('the licensee corpus (skipped without ../shared)', () => {
  const rows = existsSync(path.join(licensee, 'expected.tsv'))
    ? readFileSync(path.join(licensee, 'expected.tsv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t'))
    : [];
  const matches = (actual: string, accepted: string): boolean => {
    if (accepted === actual) return true;
    if (accepted.includes('LicenseRef-*'))
      return new RegExp(`^${accepted.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/LicenseRef-\\\*/g, 'LicenseRef-[\\w.-]+')}$`).test(actual);
    return accepted.split(' AND ').sort().join(' AND ') === actual;
  };
  it.each(rows)('%s is one of: %s', async (fixture, accepted) => {
    const facts = await gatherFacts(await LocalSource.open(path.join(licensee, fixture as string)), { identifyLicenseText });
    const answers = (accepted as string).split('|').map((answer) => answer.trim());
    expect(
      answers.some((answer) => matches(facts.licenses.expression, answer)),
      `got ${facts.licenses.expression}`,
    ).toBe(true);
  });
});

describe('dpg-check licenses', () => {
  it('prints the expression, files, declarations and conflicts as JSON', async () => {
    const result = await runCli(['licenses', 'fixtures/ai-system', '--format', 'json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json).sort()).toEqual(['conflicts', 'declarations', 'expression', 'files', 'inventory', 'notices', 'parts', 'reasoning']);
    expect(json.expression).toBe('Apache-2.0 AND CC-BY-4.0');
    expect(json.files.map((file: { path: string; spdx: string }) => `${file.path}=${file.spdx}`)).toEqual([
      'LICENSE=Apache-2.0',
      'LICENSES/Apache-2.0.txt=Apache-2.0',
      'LICENSES/CC-BY-4.0.txt=CC-BY-4.0',
    ]);
  });

  it('--diff shows the passage that makes a modified licence unmatched', async () => {
    const modified = path.join(scratch, 'MODIFIED');
    writeFileSync(
      modified,
      spdx['Apache-2.0']!.licenseText.replace(
        'Grant of Patent License.',
        'Grant of Patent License. The patent grant below does not apply to any commercial use whatsoever by any party.',
      ),
    );
    const result = await runCli(['licenses', '--diff', modified]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('compared with Apache-2.0');
    expect(result.stdout).toContain('+ the patent grant below does not apply to any commercial use whatsoever by any party');
  });

  it('exits 2 for a --diff file that does not exist', async () => {
    const result = await runCli(['licenses', '--diff', 'no-such-file']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('File not found: no-such-file');
  });
});

describe('SPDX-License-Identifier headers', () => {
  it('counts the headers of sampled source files and lets them decide -or-later', async () => {
    const header = (id: string) => `// SPDX-License-Identifier: ${id}\nexport const value = 1;\n`;
    const licenses = await licensesOf({
      COPYING: spdx['GPL-3.0-only']!.licenseText,
      'src/a.ts': header('GPL-3.0-or-later'),
      'src/b.ts': header('GPL-3.0-or-later'),
      'src/vendored/c.py': '# SPDX-License-Identifier: MIT\n',
      'node_modules/x/index.js': header('ISC'),
    });
    expect(licenses.expression).toBe('GPL-3.0-or-later');
    expect(licenses.declarations.map(({ source, path, line, expression, notes }) => ({ source, path, line, expression, note: notes[0] }))).toEqual([
      { source: 'spdx-header', path: 'src/a.ts', line: 1, expression: 'GPL-3.0-or-later', note: 'SPDX header in 2 of 3 sampled source files' },
      { source: 'spdx-header', path: 'src/vendored/c.py', line: 1, expression: 'MIT', note: 'SPDX header in 1 of 3 sampled source files' },
    ]);
    // A header speaks for its own file: a differently licensed file is not a conflict with the project.
    expect(licenses.conflicts).toEqual([]);
  });
});
