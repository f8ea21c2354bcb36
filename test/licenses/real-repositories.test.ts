/**
 * The licence engine on the shapes real DPG repositories have (issue 14): README statements, notice
 * files, licence files one level down, files named after a licence or a part, COPYRIGHT beside
 * COPYING, GNU notices inside licence files, deprecated bare GNU ids, and where each part of the
 * expression comes from. Excerpts are quoted from the repositories named (snapshots judged in
 * ../shared/corpora/real-dpgs); licence texts come from spdx-license-list.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { gatherFacts } from '../../src/facts/gather.js';
import { licenseFileCandidates } from '../../src/licenses/candidates.js';
import { licenseFromName, licenseFromUrl } from '../../src/licenses/names.js';
import { licenseNotice, licenseReferences, readmeLicenseSection } from '../../src/licenses/notices.js';
import { identifyLicenseText } from '../../src/licenses/text/identify.js';
import { LocalSource } from '../../src/source/local.js';
import { runCli } from '../support/cli.js';

const spdx = createRequire(import.meta.url)('spdx-license-list/full.js') as Record<string, { licenseText: string }>;
const text = (id: string): string => spdx[id]?.licenseText ?? '';
const scratch = mkdtempSync(path.join(tmpdir(), 'dpg-real-licences-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
function repository(files: Record<string, string>): string {
  const root = path.join(scratch, `repo-${counter++}`);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

async function licensesOf(files: Record<string, string>) {
  return (await gatherFacts(await LocalSource.open(repository(files)), { identifyLicenseText })).licenses;
}

async function licenceFindings(files: Record<string, string>) {
  const report = await checkSource(await LocalSource.open(repository(files)));
  return report.findings.filter((finding) => finding.indicator === '2').map(({ code, status, message }) => ({ code, status, message }));
}

// ifmeorg/ifme, README.md: the licence is named in a sentence without the word "licence" after it.
const IFME_README =
  '# if-me.org\n\n## License\n\nThe source code is licensed under GNU AGPLv3. For more information see\nhttp://www.gnu.org/licenses/agpl-3.0.txt or\n[LICENSE.txt](https://github.com/ifmeorg/ifme/blob/main/LICENSE.txt).\n';
// NMF-earth/nmf-app, README.md: an emoji before the heading, "are under" and a link as the name.
const NMF_README =
  '# NMF.earth app\n\n<br />\n\n### ©️ Open source - licence\n\nRepository and contributions are under [GNU General Public License v3.0](https://github.com/NotMyFaultEarth/nmf-app/blob/main/LICENSE)\n';
// glific/glific, README.md line 3: the licence only in a badge, far from any licence section.
const GLIFIC_BADGE = '[![License: AGPL v3](https://img.shields.io/badge/License-AGPL%20v3-blue.svg)](https://www.gnu.org/licenses/agpl-3.0)';
// healthsites/healthsites, README.md: one link per part, labelled "Data:" and "Code:".
const HEALTHSITES_README =
  '# Healthsites\n\n# License\n\nData: [Open Database License](http://opendatacommons.org/licenses/odbl/)<br>\nData credits : &copy; <a href="http://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors <br>\nCode: [3-clause BSD License](https://opensource.org/license/bsd-3-clause/)\n';
// jellow-aac/jellow-communicator-android, README.md: the code under one licence, the content under another.
const JELLOW_README =
  "# Jellow\n\nLicense\n---\n\nCopyright (c) NINAAD DIGITAL TECHNOLOGY PRIVATE LIMITED. All rights reserved.\n\nThe Jellow Communicator application's code is licensed under the [BSD](LICENSE.txt) License.\n\nThe Jellow Communicator application's contents including its interface, visual identity, icons and their associated vocabulary are licensed under a [Creative Commons Attribution-Non-Commercial-ShareAlike 4.0 International](https://creativecommons.org/licenses/by-nc-sa/4.0/)  License.\n\nSee our [Privacy Policy](http://jellow.org/privacypolicy/index.html).\n";
// globaleaks/GlobaLeaks, LICENSE: the "how to apply" notice, a rule, a title, then the AGPL text.
const GLOBALEAKS_HEADER =
  '-------------------------------------------------------------------------------\nCopyright (c) 2011-2024 - GlobaLeaks\n\nThis program is free software: you can redistribute it and/or modify\nit under the terms of the GNU Affero General Public License as\npublished by the Free Software Foundation, either version 3 of the\nLicense, or (at your option) any later version.\n\nThis program is distributed in the hope that it will be useful,\nbut WITHOUT ANY WARRANTY; without even the implied warranty of\nMERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the\nGNU Affero General Public License for more details.\n\nYou should have received a copy of the GNU Affero General Public License\nalong with this program.  If not, see <http://www.gnu.org/licenses/>.\n-------------------------------------------------------------------------------\n                               AGPLv3 LICENSE\n-------------------------------------------------------------------------------\n';
// openmrs/openmrs-core, license-header.txt: names the MPL and links it, and adds terms of its own.
const OPENMRS_HEADER =
  'This Source Code Form is subject to the terms of the Mozilla Public License, \nv. 2.0. If a copy of the MPL was not distributed with this file, You can \nobtain one at http://mozilla.org/MPL/2.0/. OpenMRS is also distributed under \nthe terms of the Healthcare Disclaimer located at http://openmrs.org/license.\n\nCopyright (C) OpenMRS Inc. OpenMRS is a registered trademark and the OpenMRS \ngraphic logo is a trademark of OpenMRS Inc.\n';
/** The GNU "how to apply" paragraph, as GPL-3.0 writes it. */
const GPL3_LATER_NOTICE =
  'This program is free software: you can redistribute it and/or modify\nit under the terms of the GNU General Public License as published by\nthe Free Software Foundation, either version 3 of the License, or\n(at your option) any later version.\n';

describe('1. a licence stated only in the README', () => {
  it('reads "licensed under GNU AGPLv3" with no "License" after the name (ifme), as either AGPL variant', async () => {
    const licenses = await licensesOf({ 'README.md': IFME_README });
    expect(licenses.expression).toBe('AGPL-3.0-only');
    expect(licenses.notices[0]).toMatchObject({
      path: 'README.md',
      line: 5,
      spdx: 'AGPL-3.0-only',
      alternatives: ['AGPL-3.0-or-later'],
      kind: 'statement',
      covers: 'software',
      from: 'readme',
    });
    expect(licenses.reasoning.join('\n')).toMatch(/AGPL-3\.0-only or AGPL-3\.0-or-later; nothing says which/);
    expect(licenses.reasoning.join('\n')).toMatch(/the statement in the README\): weaker evidence than a licence text/);
  });

  it('finds a licence heading with an emoji and a link that names the licence (NMF.earth)', async () => {
    expect(readmeLicenseSection(NMF_README)).toMatchObject({ line: 5 });
    const licenses = await licensesOf({ 'README.md': NMF_README });
    expect(licenses.expression).toBe('GPL-3.0-only');
    expect(licenses.notices[0]).toMatchObject({ spdx: 'GPL-3.0-only', alternatives: ['GPL-3.0-or-later'], line: 7 });
  });

  it('reads a badge outside the licence section, which used to be searched alone (glific)', async () => {
    const licenses = await licensesOf({ 'README.md': `# Glific\n\n${GLIFIC_BADGE}\n\n## License\n\nSee [LICENSE](LICENSE).\n` });
    expect(licenses.notices).toEqual([expect.objectContaining({ kind: 'badge', spdx: 'AGPL-3.0-only', alternatives: ['AGPL-3.0-or-later'], line: 3 })]);
    expect(licenses.expression).toBe('AGPL-3.0-only');
  });

  it('reads links to licence pages, one per part, labelled "Data:" and "Code:" (healthsites)', async () => {
    const licenses = await licensesOf({ 'README.md': HEALTHSITES_README });
    expect(licenses.expression).toBe('BSD-3-Clause AND ODbL-1.0');
    expect(licenses.parts.map(({ spdx: id, from, covers, line }) => ({ id, from, covers, line }))).toEqual([
      { id: 'BSD-3-Clause', from: 'readme', covers: 'software', line: 7 },
      { id: 'ODbL-1.0', from: 'readme', covers: 'data', line: 5 },
    ]);
  });

  it('reads a licence section that opens with the name, but not a name with terms added (openmrs)', async () => {
    expect((await licensesOf({ 'README.md': '# tool\n\n## License\n\nMIT © Jane Doe\n' })).expression).toBe('MIT');
    // openmrs/openmrs-core, README.md: the MPL "with Healthcare Disclaimer" is not the MPL.
    const openmrs = await licensesOf({ 'README.md': '# OpenMRS\n\n## License\n\n[MPL 2.0 w/ HD](LICENSE) © [OpenMRS Inc.](https://openmrs.org/)\n' });
    expect(openmrs.notices).toEqual([]);
  });

  it("does not take a dependency's licence for the project's", async () => {
    const licenses = await licensesOf({ 'README.md': '# Map\n\nThis project uses Leaflet, which is released under the BSD 2-Clause License.\n' });
    expect(licenses.notices).toEqual([]);
    expect(licenses.expression).toBe('NONE');
  });

  it('reads licence names from its own table, not by spdx-correct guesses', () => {
    expect(licenseFromName('Eclipse Public License 2.0')).toEqual({ spdx: 'EPL-2.0' });
    expect(licenseFromName('EUPL 1.2')).toEqual({ spdx: 'EUPL-1.2' });
    expect(licenseFromName('Creative Commons Attribution-Non-Commercial-ShareAlike 4.0 International')).toEqual({ spdx: 'CC-BY-NC-SA-4.0' });
    expect(licenseFromName('GNU AGPLv3')).toEqual({ spdx: 'AGPL-3.0-only', alternatives: ['AGPL-3.0-or-later'] });
    expect(licenseFromName('AGPLv3+')).toEqual({ spdx: 'AGPL-3.0-or-later' });
    expect(licenseFromName('Apache License, Version 2.0')).toEqual({ spdx: 'Apache-2.0' });
    // openmrs/openmrs-core README: "MPL 2.0 w/ HD" is not plain MPL-2.0; a bare "BSD" is two licences.
    expect(licenseFromName('MPL 2.0 w/ HD')).toBeUndefined();
    expect(licenseFromName('BSD')).toBeUndefined();
    expect(licenseFromUrl('https://opensource.org/license/bsd-3-clause/')).toEqual({ spdx: 'BSD-3-Clause' });
    expect(licenseFromUrl('http://www.gnu.org/licenses/agpl-3.0.txt')).toEqual({ spdx: 'AGPL-3.0-only', alternatives: ['AGPL-3.0-or-later'] });
  });

  it('indicator 2: a README statement without a licence file is reported as a missing file', async () => {
    const findings = await licenceFindings({ 'README.md': '# Tool\n\nThis project is licensed under the MIT License.\n' });
    expect(findings).toContainEqual({
      code: 'license/file-missing',
      status: 'fail',
      message: 'README.md says MIT, but the repository carries no licence file.',
    });
  });
});

describe('2. a short notice that names a licence and links its text', () => {
  const notice = 'Copyright 2021 Example Org\n\nThis program is licensed under the Apache License 2.0, see https://www.apache.org/licenses/LICENSE-2.0\n';

  it('concludes on the licence the notice names, as weaker evidence, confirmed by the package manifest', async () => {
    const licenses = await licensesOf({ LICENSE: notice, 'package.json': '{ "name": "tool", "license": "Apache-2.0" }\n' });
    expect(licenses.expression).toBe('Apache-2.0');
    expect(licenses.files[0]).toMatchObject({ path: 'LICENSE', spdx: 'Apache-2.0', matcher: 'notice', noticeKind: 'reference', confidence: 80 });
    expect(licenses.parts).toEqual([
      { spdx: 'Apache-2.0', from: 'file', path: 'LICENSE', evidence: 'notice', confidence: 80, confirmedBy: ['package.json (package.json)'] },
    ]);
    expect(licenses.reasoning.join('\n')).toMatch(
      /names the licence instead of holding its text\): weaker evidence than a licence text; package\.json \(package\.json\) says the same/,
    );
    expect(licenses.conflicts).toEqual([]);
  });

  it('indicator 2: identified, with a warning that the text is not included, and no missing file', async () => {
    const codes = (await licenceFindings({ LICENSE: notice, 'package.json': '{ "name": "tool", "license": "Apache-2.0" }\n' })).map((finding) => finding.code);
    expect(codes).toEqual(expect.arrayContaining(['license/file-identified', 'license/text-not-included', 'license/approved']));
    expect(codes).not.toContain('license/file-missing');
    expect(codes).not.toContain('license/file-unidentified');
  });

  it('leaves a notice that also grants unnamed terms unidentified (the text of openmrs license-header.txt as a LICENSE)', async () => {
    const licenses = await licensesOf({ LICENSE: OPENMRS_HEADER });
    expect(licenses.files[0]).toMatchObject({ path: 'LICENSE', spdx: 'NOASSERTION' });
  });

  it('takes a licence-header template (license-header.txt, LICENSE.tmpl) for no licence file of the project', async () => {
    const licenses = await licensesOf({
      LICENSE: OPENMRS_HEADER,
      'license-header.txt': OPENMRS_HEADER,
      LICENSE_HEADER: OPENMRS_HEADER,
      'build/license.tmpl': OPENMRS_HEADER,
    });
    expect(licenses.files.map((file) => file.path)).toEqual(['LICENSE']);
    expect(licenses.inventory.entries.map((entry) => entry.path)).toEqual(['LICENSE']);
  });
});

describe('3. the only licence files one level down', () => {
  it('a language package folder: python/LICENSE counts for the project, and the report says so without contradicting itself', async () => {
    const files = {
      'python/LICENSE': text('MIT'),
      'python/pyproject.toml': '[project]\nname = "tool"\n',
      'README.md': '# Tool\n',
      'package.json': '{ "name": "tool", "license": "MIT" }\n',
    };
    const licenses = await licensesOf(files);
    expect(licenses.expression).toBe('MIT');
    expect(licenses.files[0]).toMatchObject({ path: 'python/LICENSE', scope: 'project' });
    expect(licenses.reasoning[0]).toBe('no licence file at the root; python/LICENSE, one level down, is the only licence file and counts for the project');
    const codes = (await licenceFindings(files)).map((finding) => finding.code);
    expect(codes).toContain('license/file-identified');
    expect(codes).not.toContain('license/file-missing');
  });

  it('monorepo packages: packages/core and packages/ui', async () => {
    const licenses = await licensesOf({ 'packages/core/LICENSE': text('MIT'), 'packages/ui/LICENSE': text('MIT'), 'packages/core/package.json': '{}' });
    expect(licenses.expression).toBe('MIT');
    expect(licenses.parts[0]).toMatchObject({ spdx: 'MIT', path: 'packages/core/LICENSE', confirmedBy: ['packages/ui/LICENSE'] });
  });

  it('not beside a root licence, and not from a folder of documents', async () => {
    const beside = await licensesOf({ LICENSE: text('Apache-2.0'), 'python/LICENSE': text('MIT') });
    expect(beside.expression).toBe('Apache-2.0');
    expect(beside.files.find((file) => file.path === 'python/LICENSE')?.scope).toBe('folder');
    expect((await licensesOf({ 'docs/LICENSE': text('CC-BY-4.0') })).expression).toBe('NONE');
  });
});

describe('4. files named after a licence or after the part they cover', () => {
  it('LICENSE-CODE.txt and LICENSE-DATA.txt cover the software and the data (healthsites)', async () => {
    const licenses = await licensesOf({ 'LICENSE-CODE.txt': text('BSD-3-Clause'), 'LICENSE-DATA.txt': text('ODbL-1.0') });
    expect(licenses.files.map(({ path: file, spdx: id, covers }) => ({ file, id, covers }))).toEqual([
      { file: 'LICENSE-CODE.txt', id: 'BSD-3-Clause', covers: 'software' },
      { file: 'LICENSE-DATA.txt', id: 'ODbL-1.0', covers: 'data' },
    ]);
    expect(licenses.reasoning).toContain('ODbL-1.0 for the data from LICENSE-DATA.txt (the licence text, matched exactly)');
  });

  it('finds MIT.md, LICENSE.data.md, COPYING.content, LICENSE-CC-BY.txt and names with spaces', () => {
    const listing = ['MIT.md', 'LICENSE.data.md', 'COPYING.content', 'LICENSE-CC-BY.txt', 'License for content.txt', 'JSON.md', 'src/index.js', 'docs/MIT.md'];
    expect(licenseFileCandidates(listing).sort()).toEqual([
      'COPYING.content',
      'JSON.md',
      'LICENSE-CC-BY.txt',
      'LICENSE.data.md',
      'License for content.txt',
      'MIT.md',
    ]);
  });

  it('reports each with the part its name says; a file named after an id that holds no licence is dropped', async () => {
    const licenses = await licensesOf({
      LICENSE: text('MIT'),
      'License for content.txt': text('CC-BY-SA-4.0'),
      'COPYING.content': text('CC-BY-4.0'),
      'JSON.md': '# JSON\n\nThe configuration is written in JSON.\n',
    });
    expect(licenses.files.map(({ path: file, spdx: id, covers }) => `${file}=${id}${covers ? `/${covers}` : ''}`).sort()).toEqual([
      'COPYING.content=CC-BY-4.0/content',
      'LICENSE=MIT',
      'License for content.txt=CC-BY-SA-4.0/content',
    ]);
    expect(licenses.expression).toBe('CC-BY-4.0 AND CC-BY-SA-4.0 AND MIT');
  });
});

describe('5. a COPYRIGHT file that names another licence than COPYING', () => {
  const copyright =
    'Copyright (C) 2010 Jane Doe\n\nThis program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation; either version 2 of the License, or (at your option) any later version.\n';

  it('is a conflict, reported by indicator 2', async () => {
    const files = { COPYING: text('GPL-3.0-or-later'), COPYRIGHT: copyright };
    const licenses = await licensesOf(files);
    expect(licenses.conflicts).toEqual([
      { kind: 'notice-contradicts-files', id: 'GPL-2.0-or-later', path: 'COPYRIGHT', line: 3, found: 'COPYING: GPL-3.0-only' },
    ]);
    expect(await licenceFindings(files)).toContainEqual({
      code: 'license/notice-mismatch',
      status: 'warn',
      message: 'COPYRIGHT says GPL-2.0-or-later, but the licence files hold COPYING: GPL-3.0-only.',
    });
  });

  it('a COPYRIGHT that agrees decides the variant of the text', async () => {
    const licenses = await licensesOf({ COPYING: text('GPL-2.0-only'), COPYRIGHT: copyright });
    expect(licenses.expression).toBe('GPL-2.0-or-later');
    expect(licenses.conflicts).toEqual([]);
  });
});

describe('6. the "or any later version" notice in the licence file', () => {
  it('before the full text, decides -or-later and lets the text match exactly (GlobaLeaks)', async () => {
    const files = {
      LICENSE: GLOBALEAKS_HEADER + text('AGPL-3.0-or-later'),
      'publiccode.yml': 'publiccodeYmlVersion: "0.2"\nname: GlobaLeaks\nlegal:\n  license: AGPL-3.0\n',
    };
    const licenses = await licensesOf(files);
    expect(licenses.files[0]).toMatchObject({
      path: 'LICENSE',
      spdx: 'AGPL-3.0-or-later',
      matcher: 'exact',
      variant: { decidedBy: 'LICENSE itself: its own notice comes before the licence text' },
    });
    expect(licenses.expression).toBe('AGPL-3.0-or-later');
    expect(licenses.conflicts).toEqual([]);
    const codes = (await licenceFindings(files)).map((finding) => finding.code);
    expect(codes).not.toContain('license/variant-undecided');
    expect(codes).not.toContain('license/file-unidentified');
  });

  it('as the whole LICENSE file, decides -or-later itself (no "nothing says which")', async () => {
    const files = { LICENSE: GPL3_LATER_NOTICE, 'package.json': '{ "name": "tool", "license": "GPL-3.0" }\n' };
    const licenses = await licensesOf(files);
    expect(licenses.files[0]).toMatchObject({ spdx: 'GPL-3.0-or-later', matcher: 'notice', variant: { decidedBy: 'LICENSE itself, the GNU notice' } });
    expect(licenses.conflicts).toEqual([]);
    const codes = (await licenceFindings(files)).map((finding) => finding.code);
    expect(codes).not.toContain('license/variant-undecided');
    expect(codes).not.toContain('license/mismatch');
    expect(codes).toContain('license/text-not-included');
  });

  it('reads GPL-2.0\'s semicolon and cboard\'s "version 3 as published" (that version only)', () => {
    expect(
      licenseNotice(
        'under the terms of the GNU General Public License as published by the Free Software Foundation; either version 2 of the License, or (at your option) any later version.',
      )?.spdx,
    ).toBe('GPL-2.0-or-later');
    // cboard-org/cboard, README.md
    expect(
      licenseNotice(
        'This program is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License version 3 as published by the Free Software Foundation.',
      )?.spdx,
    ).toBe('GPL-3.0-only');
  });
});

describe('7. a bare deprecated GNU id in a declaration', () => {
  it('matches either variant: no mismatch with an -or-later text, and a warning that says why', async () => {
    const files = {
      COPYING: text('GPL-3.0-or-later'),
      'README.md': `# Tool\n\n${GPL3_LATER_NOTICE}`,
      'package.json': '{ "name": "tool", "license": "GPL-3.0" }\n',
    };
    const licenses = await licensesOf(files);
    expect(licenses.declarations[0]).toMatchObject({ expression: 'GPL-3.0-only', alternatives: ['GPL-3.0-or-later'] });
    expect(licenses.expression).toBe('GPL-3.0-or-later');
    expect(licenses.conflicts).toEqual([]);
    const findings = await licenceFindings(files);
    expect(findings.map((finding) => finding.code)).not.toContain('license/mismatch');
    expect(findings).toContainEqual({
      code: 'license/deprecated-id',
      status: 'warn',
      message:
        'package.json uses "GPL-3.0": deprecated id GPL-3.0 does not say whether later versions are allowed: read as GPL-3.0-only (as SPDX defines it), and a licence text of GPL-3.0-or-later matches it as well.',
    });
  });

  it('decides nothing: the text stays undecided with only a bare id beside it', async () => {
    const licenses = await licensesOf({ COPYING: text('GPL-3.0-only'), 'package.json': '{ "name": "tool", "license": "GPL-3.0" }\n' });
    expect(licenses.files[0]?.variant).toEqual({ undecided: true });
    expect(licenses.conflicts).toEqual([]);
  });
});

describe('8. where each part of the expression comes from', () => {
  it('a licence text and a README statement for the content (jellow), each with its evidence', async () => {
    const licenses = await licensesOf({ 'LICENSE.txt': text('BSD-3-Clause'), 'README.md': JELLOW_README });
    expect(licenses.expression).toBe('BSD-3-Clause AND CC-BY-NC-SA-4.0');
    expect(licenses.parts).toEqual([
      { spdx: 'BSD-3-Clause', from: 'file', path: 'LICENSE.txt', evidence: 'text', confidence: 100, confirmedBy: [] },
      {
        spdx: 'CC-BY-NC-SA-4.0',
        from: 'readme',
        path: 'README.md',
        line: 10,
        evidence: 'notice',
        confidence: 75,
        kind: 'statement',
        covers: 'content',
        confirmedBy: [],
      },
    ]);
    expect(licenses.reasoning).toContain(
      'CC-BY-NC-SA-4.0 for the content from README.md:10 (the statement in the README): weaker evidence than a licence text',
    );
  });

  it('the content statement is read from the sentence about the content', () => {
    const { references } = licenseReferences(JELLOW_README, { aboutLicence: true });
    expect(references.map(({ named, covers }) => ({ id: named.spdx, covers }))).toEqual([{ id: 'CC-BY-NC-SA-4.0', covers: 'content' }]);
  });

  it('`dpg-check licenses` says when the expression rests on weaker evidence than a text', async () => {
    const result = await runCli(['licenses', repository({ 'README.md': IFME_README }), '--no-color']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Licence: AGPL-3.0-only (from a README statement: weaker evidence than a licence text)');
    const json = JSON.parse((await runCli(['licenses', repository({ 'README.md': IFME_README }), '--format', 'json'])).stdout);
    expect(json.parts).toEqual([expect.objectContaining({ spdx: 'AGPL-3.0-only', from: 'readme', evidence: 'notice' })]);
  });
});
