import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInventory, cardLicense, planInventory } from '../../src/licenses/inventory.js';
import type { FileText } from '../../src/source/types.js';
import { runCli } from '../support/cli.js';

/** The licence inventory (issue 14, item 2): every licence statement in the tree, by file. */

const text = (id: string): string => JSON.parse(readFileSync(path.join('node_modules/spdx-license-list/licenses', `${id}.json`), 'utf8')).licenseText as string;

function fileText(filePath: string, body: string): FileText {
  return { path: filePath, text: body, binary: false, truncated: false, size: body.length } as FileText;
}

describe('planInventory', () => {
  it('finds licence files at any depth, REUSE files, sidecars and cards in one pass, and lists vendored licences apart', () => {
    const files = [
      'LICENSE',
      'REUSE.toml',
      '.reuse/dep5',
      'content/books/volume-1/illustrations/LICENSE',
      'content/books/volume-1/illustrations/fox.png',
      'content/books/volume-1/illustrations/fox.png.license',
      'docs/COPYING.content',
      'vendor/leaflet/LICENSE',
      'node_modules/left-pad/LICENSE',
      'test/fixtures/gpl/COPYING',
      'models/classifier/README.md',
      'models/classifier/model.safetensors',
      'data/census/README.md',
      'data/census/schools.csv',
      'data/census/districts.csv',
      'MODEL_CARD.md',
      'src/license.ts',
    ];
    const plan = planInventory(files);
    expect(plan.licenseFiles).toEqual(['LICENSE', 'content/books/volume-1/illustrations/LICENSE', 'docs/COPYING.content']);
    expect(plan.vendored).toEqual(['vendor/leaflet/LICENSE', 'node_modules/left-pad/LICENSE', 'test/fixtures/gpl/COPYING']);
    expect(plan.reuseFiles).toEqual(['REUSE.toml', '.reuse/dep5']);
    expect(plan.sidecars).toEqual(['content/books/volume-1/illustrations/fox.png.license']);
    expect(plan.cards).toEqual(['models/classifier/README.md', 'data/census/README.md', 'MODEL_CARD.md']);
    expect(plan.truncated).toBe(false);
  });

  it('reads a bounded number of licence files on a huge tree and says the list is cut', () => {
    const files = Array.from({ length: 5000 }, (_unused, index) => `packages/p${index}/LICENSE`);
    const plan = planInventory(files);
    expect(plan.licenseFiles.length).toBe(100);
    expect(plan.truncated).toBe(true);
  });
});

describe('buildInventory', () => {
  const emptyPlan = { licenseFiles: [], vendored: [], reuseFiles: [], sidecars: [], cards: [], truncated: false };

  it('reads REUSE.toml annotations with their line, a list of paths and the part they cover', () => {
    const toml =
      'version = 1\n\n[[annotations]]\npath = "assets/**/*.svg"\nSPDX-License-Identifier = "CC-BY-SA-4.0"\n\n# partner material\n[[annotations]]\npath = ["data/*.csv", "data/raw/**"]\nprecedence = "override"\nSPDX-License-Identifier = "ODbL-1.0"\n';
    const inventory = buildInventory({
      plan: { ...emptyPlan, reuseFiles: ['REUSE.toml'] },
      texts: new Map([['REUSE.toml', fileText('REUSE.toml', toml)]]),
      licenseFiles: [],
    });
    expect(inventory.entries).toEqual([
      { path: 'REUSE.toml', line: 3, kind: 'reuse-toml', spdx: 'CC-BY-SA-4.0', appliesTo: ['assets/**/*.svg'], part: 'content', partFrom: 'files' },
      { path: 'REUSE.toml', line: 8, kind: 'reuse-toml', spdx: 'ODbL-1.0', appliesTo: ['data/*.csv', 'data/raw/**'], part: 'data', partFrom: 'files' },
    ]);
    expect(inventory.problems).toEqual([]);
  });

  it('reports a REUSE.toml that is not TOML as a problem with its line, and reads the rest of the inventory', () => {
    const inventory = buildInventory({
      plan: { ...emptyPlan, reuseFiles: ['REUSE.toml'], sidecars: ['a.png.license'] },
      texts: new Map([
        ['REUSE.toml', fileText('REUSE.toml', 'version = 1\n[[annotations]\npath = "x"\n')],
        ['a.png.license', fileText('a.png.license', 'SPDX-License-Identifier: CC0-1.0\n')],
      ]),
      licenseFiles: [],
    });
    expect(inventory.problems).toHaveLength(1);
    expect(inventory.problems[0]).toMatchObject({ path: 'REUSE.toml', line: 2 });
    expect(inventory.problems[0]?.message).toMatch(/^not valid TOML/);
    expect(inventory.entries).toEqual([
      { path: 'a.png.license', line: 1, kind: 'sidecar', spdx: 'CC0-1.0', appliesTo: ['a.png'], part: 'content', partFrom: 'files' },
    ]);
  });

  it('reads .reuse/dep5 stanzas, Files continued on indented lines and License text after its id', () => {
    const dep5 =
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: atlas\n\nFiles: maps/*.geojson\n maps/regions/*\nCopyright: 2021 Survey Office\nLicense: ODbL-1.0\n The Open Database License text follows.\n .\n More text.\n\nFiles: *\nCopyright: 2024 Atlas contributors\nLicense: MPL-2.0\n';
    const inventory = buildInventory({
      plan: { ...emptyPlan, reuseFiles: ['.reuse/dep5'] },
      texts: new Map([['.reuse/dep5', fileText('.reuse/dep5', dep5)]]),
      licenseFiles: [],
    });
    expect(inventory.entries.map(({ line, spdx, appliesTo, part }) => ({ line, spdx, appliesTo, part }))).toEqual([
      { line: 4, spdx: 'ODbL-1.0', appliesTo: ['maps/*.geojson', 'maps/regions/*'], part: undefined },
      { line: 12, spdx: 'MPL-2.0', appliesTo: ['*'], part: undefined },
    ]);
  });

  it('lists SPDX headers per file and a source file that reserves its rights without a licence', () => {
    const headers = new Map([
      ['src/a.ts', fileText('src/a.ts', '// SPDX-FileCopyrightText: 2024 X\n// SPDX-License-Identifier: GPL-3.0-or-later\nexport {};\n')],
      ['src/b.c', fileText('src/b.c', '/* SPDX-License-Identifier: MIT */\nint x;\n')],
      ['src/c.java', fileText('src/c.java', '/*\n * Copyright 2019 Acme Corp. All rights reserved.\n * Proprietary and confidential.\n */\nclass C {}\n')],
      [
        'src/d.go',
        fileText(
          'src/d.go',
          '// Copyright 2019 The Go Authors. All rights reserved.\n// Use of this source code is governed by a BSD-style\n// license that can be found in the LICENSE file.\n',
        ),
      ],
    ]);
    const inventory = buildInventory({ plan: emptyPlan, texts: new Map(), licenseFiles: [], headers });
    expect(inventory.entries.map((entry) => `${entry.path}:${entry.line} ${entry.kind} ${entry.spdx}`)).toEqual([
      'src/a.ts:2 spdx-header GPL-3.0-or-later',
      'src/b.c:1 spdx-header MIT',
      'src/c.java:2 rights-notice NOASSERTION',
    ]);
  });

  it('takes a README\'s "used with permission" credit as a rights notice, but not its "All rights reserved" footer', () => {
    const readme = '# Atlas\n\nMaps for district planning.\n\nCover photo used with permission of the Survey Office.\n\n© 2024 Atlas. All rights reserved.\n';
    const inventory = buildInventory({
      plan: emptyPlan,
      texts: new Map([['README.md', fileText('README.md', readme)]]),
      licenseFiles: [],
      readmePath: 'README.md',
    });
    expect(inventory.entries).toEqual([
      {
        path: 'README.md',
        line: 5,
        kind: 'rights-notice',
        spdx: 'NOASSERTION',
        appliesTo: [],
        excerpt: 'Cover photo used with permission of the Survey Office.',
      },
    ]);
  });
});

describe('cardLicense', () => {
  it('reads the licence of a Hugging Face card and whether it is a model or a data set', () => {
    expect(cardLicense('---\nlanguage:\n- en\nlicense: apache-2.0\npipeline_tag: image-classification\n---\n# M\n')).toEqual({
      spdx: 'Apache-2.0',
      raw: 'apache-2.0',
      line: 4,
      part: 'model-weights',
    });
    expect(cardLicense('---\nlicense: "cc-by-4.0"\ndataset_info:\n  features: []\n---\n')).toEqual({
      spdx: 'CC-BY-4.0',
      raw: 'cc-by-4.0',
      line: 2,
      part: 'data',
    });
    expect(cardLicense('---\nlicense: other\nlicense_name: acme-research\n---\n')?.spdx).toBe('NOASSERTION');
    // Front matter must open the file; a licence key after it is prose.
    expect(cardLicense('# Title\n---\nlicense: mit\n---\n')).toBeUndefined();
    // Lists (Hugging Face cards name several licences) and comments, as YAML has them.
    expect(cardLicense('---\nlicense: [cc-by-nc-nd-4.0, mit]\ntask_categories: [text-classification]\n---\n')).toEqual({
      spdx: 'CC-BY-NC-ND-4.0 AND MIT',
      raw: 'cc-by-nc-nd-4.0, mit',
      line: 2,
      part: 'data',
    });
    expect(cardLicense('---\nlanguage: en\nlicense:\n  - cc-by-4.0\n  - odbl\n---\n')).toMatchObject({ spdx: 'CC-BY-4.0 AND ODbL-1.0', line: 3 });
    expect(cardLicense('---\nlicense: mit # the code; the weights too\n---\n')?.spdx).toBe('MIT');
    expect(cardLicense('---\ntitle: x\n---\nlicense: mit\n')).toBeUndefined();
  });
});

describe('dpg-check licenses shows the inventory', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'dpg-inventory-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  // vendor/ and node_modules/ are never listed (src/source); third_party/ is listed, as someone else's.
  it('lists every licence statement with what it applies to, and the vendored licence files apart (text and JSON)', async () => {
    const files: Record<string, string> = {
      'README.md': '# Storybooks\n\nOpen picture books.\n',
      LICENSE: text('CC-BY-4.0'),
      'books/en/illustrations/LICENSE.txt': text('CC-BY-ND-4.0'),
      'REUSE.toml': 'version = 1\n\n[[annotations]]\npath = "fonts/**"\nSPDX-License-Identifier = "OFL-1.1"\n',
      'third_party/pdfjs/LICENSE': text('Apache-2.0'),
    };
    for (const [name, body] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(scratch, name)), { recursive: true });
      writeFileSync(path.join(scratch, name), body);
    }
    const result = await runCli(['licenses', scratch]);
    expect(result.code).toBe(0);
    const inventory = result.stdout.slice(result.stdout.indexOf('Inventory'));
    expect(inventory).toMatch(
      /^ {2}books\/en\/illustrations\/LICENSE\.txt +CC-BY-ND-4\.0 +licence file; for books\/en\/illustrations\/; the content \(by its folder\)$/m,
    );
    expect(inventory).toMatch(/^ {2}REUSE\.toml:3 +OFL-1\.1 +REUSE\.toml; for fonts\/\*\*; the content \(by its folder\)$/m);
    expect(inventory).toMatch(/Vendored and test-data licence files \(1, not the project's; not read\)\n {2}third_party\/pdfjs\/LICENSE/);
    const json = JSON.parse((await runCli(['licenses', scratch, '--format', 'json'])).stdout);
    expect(json.inventory.vendored).toEqual(['third_party/pdfjs/LICENSE']);
    expect(json.inventory.entries.map((entry: { path: string; spdx: string }) => `${entry.path}=${entry.spdx}`)).toEqual([
      'LICENSE=CC-BY-4.0',
      'books/en/illustrations/LICENSE.txt=CC-BY-ND-4.0',
      'REUSE.toml=OFL-1.1',
    ]);
  });
});

describe('dpg-check licenses shows repository text safely', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'dpg-inventory-escape-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('control characters in an excerpt or a file name are shown as escapes, never sent to the terminal', async () => {
    mkdirSync(path.join(scratch, 'docs'), { recursive: true });
    writeFileSync(path.join(scratch, 'LICENSE'), text('CC-BY-4.0'));
    writeFileSync(path.join(scratch, 'docs/LICENSE'), 'Photos (c) Foo \u001b]0;owned\u0007\u001b[31mRED All rights reserved.\n');
    const result = await runCli(['licenses', scratch]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(result.stdout).toContain('Photos (c) Foo \\x1b]0;owned\\x07\\x1b[31mRED All rights reserved.');
  });
});

describe('dpg-check licenses on a remote target', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'dpg-licenses-remote-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' },
    });

  it('reads a git URL as check does (a local bare repository), and exits 3 with one clear line on an unreachable host', async () => {
    const work = path.join(scratch, 'work');
    mkdirSync(path.join(work, 'data'), { recursive: true });
    writeFileSync(path.join(work, 'LICENSE'), text('MPL-2.0'));
    writeFileSync(path.join(work, 'data/LICENSE'), text('ODbL-1.0'));
    git(scratch, 'init', '-q', work);
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', 'licences');
    git(scratch, 'clone', '-q', '--bare', work, path.join(scratch, 'remote.git'));
    const result = await runCli(['licenses', `file://${path.join(scratch, 'remote.git')}`, '--format', 'json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.expression).toBe('MPL-2.0');
    expect(json.inventory.entries.map((entry: { path: string; spdx: string }) => `${entry.path}=${entry.spdx}`)).toEqual([
      'LICENSE=MPL-2.0',
      'data/LICENSE=ODbL-1.0',
    ]);
    const unreachable = await runCli(['licenses', 'https://127.0.0.1:9/owner/repo.git']);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toMatch(/^dpg-check: git could not reach https:\/\/127\.0\.0\.1:9\/owner\/repo\.git/);
    expect(unreachable.stderr).not.toMatch(/\n\s+at /);
  });
});
