import { licenseIndicator } from '../../src/indicators/i2-license.js';
import { licenseText, testIndicator } from '../support/indicator-tester.js';

const APACHE = licenseText('Apache-2.0');
const MIT = licenseText('MIT').replace('<year> <copyright holders>', '2024 Open Health Commons Foundation');
const GPL3 = licenseText('GPL-3.0-only');

const README = '# Clinic Queue\n\nA waiting-room queue for rural clinics: patients take a number by SMS and are called when a nurse is free.\n';
/** A README long enough to be a collection's description. */
const STORIES = `# Open Storybooks\n\n${'Illustrated stories for early readers, free to read, print and translate. '.repeat(15)}\n`;
const OWNERSHIP = { owners: [{ name: 'Open Health Commons Foundation' }], ownsAllContentAndData: true };

function software(licenses?: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'Clinic Queue', categories: ['software'], ...(licenses ? { licenses } : {}), ...extra };
}

function collection(categories: string[], licenses: unknown[]): Record<string, unknown> {
  return { name: 'Open Storybooks', categories, licenses, ownership: OWNERSHIP };
}

testIndicator(licenseIndicator, {
  valid: [
    {
      name: 'Apache-2.0 declared and shipped as LICENSE',
      files: { 'README.md': README, LICENSE: APACHE },
      manifest: software([{ expression: 'Apache-2.0', covers: ['software'], evidence: 'LICENSE' }]),
      expect: [
        { code: 'license/approved', message: 'Apache-2.0 is an approved licence for software.', evidence: [{ path: 'dpg.yaml' }] },
        { code: 'license/file-identified', message: 'LICENSE holds Apache-2.0 (exact match, 100% confidence).', evidence: [{ path: 'LICENSE' }] },
      ],
    },
    {
      name: 'an MIT text with a few words changed is for a reviewer',
      files: { 'README.md': README, LICENSE: MIT.replace('free of charge', 'without any charge whatsoever') },
      manifest: software([{ expression: 'MIT' }]),
      expect: [
        'license/approved',
        {
          code: 'license/file-differs',
          status: 'review',
          message: /^LICENSE is MIT with small differences \(\d+(\.\d)?% similar; the longest differing passage is \d+ words\)\.$/,
        },
      ],
    },
    {
      name: 'a home-made licence text that matches no SPDX licence',
      files: {
        'README.md': README,
        LICENSE:
          'Clinic Queue Community Licence\n\nYou may use this program in any clinic that does not charge patients for care. You may not sell it.\nAsk the foundation before you share changes.\n',
      },
      manifest: software([{ expression: 'MIT' }]),
      expect: [{ code: 'license/file-unidentified', status: 'review', message: /^LICENSE could not be identified as any SPDX licence/ }],
    },
    {
      name: 'a content licence declared for material published elsewhere',
      files: { 'README.md': README, LICENSE: APACHE },
      manifest: {
        name: 'Clinic Queue',
        categories: ['software', 'content'],
        licenses: [
          { expression: 'Apache-2.0', covers: ['software'] },
          { expression: 'CC-BY-4.0', covers: ['content'] },
        ],
        ownership: OWNERSHIP,
      },
      expect: [
        {
          code: 'license/declared-elsewhere',
          message: 'dpg.yaml declares CC-BY-4.0, a licence for content or data; no file in this repository holds it (found: LICENSE: Apache-2.0).',
        },
      ],
    },
    {
      name: 'MIT on the data folder of a content and data collection',
      files: { 'README.md': STORIES, LICENSE: licenseText('CC-BY-4.0'), 'data/LICENSE': MIT, 'data/schools.csv': 'id,name\n1,Kisumu Primary\n' },
      manifest: collection(['content', 'data'], [{ expression: 'CC-BY-4.0' }]),
      expect: [
        {
          code: 'license/part-other-category',
          status: 'review',
          message: 'data/LICENSE puts data/ under MIT, which is open but not on the list for data (the part is read from its folder).',
        },
      ],
    },
    {
      name: 'photographs marked "All rights reserved" in a content collection',
      files: {
        'README.md': STORIES,
        LICENSE: licenseText('CC-BY-4.0'),
        'photos/COPYRIGHT-LICENSE.txt': 'Photographs (c) 2021 Jane Lens. All rights reserved.\n',
        'photos/market.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
      },
      manifest: collection(['content'], [{ expression: 'CC-BY-4.0' }]),
      expect: [
        {
          code: 'license/rights-reserved',
          message:
            'photos/COPYRIGHT-LICENSE.txt:1 reserves rights over photos/ ("Photographs (c) 2021 Jane Lens. All rights reserved.") and grants no licence.',
        },
      ],
    },
  ],
  invalid: [
    {
      name: 'no licence anywhere',
      files: { 'README.md': README, 'src/queue.py': 'queue = []\n' },
      manifest: software(),
      expect: [{ code: 'license/none-found', message: 'No licence file and no licence declaration were found.' }],
    },
    {
      name: 'MIT declared but no licence file',
      files: { 'README.md': README },
      manifest: software([{ expression: 'MIT' }]),
      expect: [{ code: 'license/file-missing', message: 'dpg.yaml declares MIT, but the repository carries no licence file.' }],
    },
    {
      name: 'a LICENSE file the manifest does not declare',
      files: { 'README.md': README, LICENSE: MIT },
      manifest: software(),
      expect: [
        { code: 'license/not-declared', status: 'warn', message: 'The repository carries MIT, but the manifest declares no licence.' },
        'license/approved',
      ],
    },
    {
      name: 'a manifest without categories',
      files: { 'README.md': README, LICENSE: MIT },
      manifest: { name: 'Clinic Queue', licenses: [{ expression: 'MIT' }] },
      expect: [{ code: 'license/categories-not-declared', message: 'The manifest declares no `categories`; licences are judged as software.' }],
    },
    {
      name: 'a software licence for a data set',
      files: { 'README.md': STORIES, LICENSE: MIT, 'data/schools.csv': 'id,name\n1,Kisumu Primary\n' },
      manifest: collection(['data'], [{ expression: 'MIT' }]),
      expect: [{ code: 'license/not-approved', message: 'MIT is not an approved licence for data (MIT not approved).' }],
    },
    {
      name: 'a non-commercial Creative Commons licence for content',
      files: { 'README.md': STORIES, LICENSE: licenseText('CC-BY-NC-4.0') },
      manifest: collection(['content'], [{ expression: 'CC-BY-NC-4.0' }]),
      expect: [{ code: 'license/discouraged', status: 'warn', message: 'CC-BY-NC-4.0 is accepted for content but discouraged: it forbids commercial reuse.' }],
    },
    {
      name: 'a licence expression that does not parse',
      files: { 'README.md': README, LICENSE: MIT },
      manifest: software([{ expression: 'MIT AND OR Apache-2.0' }]),
      expect: [{ code: 'license/invalid-expression', message: 'dpg.yaml declares "MIT AND OR Apache-2.0", which is not a valid SPDX licence expression.' }],
    },
    {
      name: 'the deprecated id GPL-3.0',
      files: { 'README.md': README, COPYING: GPL3 },
      manifest: software([{ expression: 'GPL-3.0' }]),
      expect: [
        { code: 'license/deprecated-id', message: /^dpg\.yaml uses "GPL-3\.0": deprecated id GPL-3\.0 does not say whether later versions are allowed/ },
      ],
    },
    {
      name: 'a licence written in words',
      files: { 'README.md': README, LICENSE: APACHE },
      manifest: software([{ expression: 'Apache 2' }]),
      expect: [{ code: 'license/nonstandard-id', message: 'dpg.yaml says "Apache 2": "Apache 2" is not an SPDX id; read as Apache-2.0.' }],
    },
    {
      name: 'software and data, with a licence for the software only',
      files: { 'README.md': README, LICENSE: MIT, 'data/clinics.csv': 'id,name\n', 'data/data-dictionary.md': '# Fields\n' },
      manifest: { ...collection(['software', 'data'], [{ expression: 'MIT', covers: ['software'] }]), name: 'Clinic Queue' },
      expect: [{ code: 'license/category-not-covered', message: 'No declared licence covers the data of the solution.' }],
    },
    {
      name: 'an AI system whose training data has no licence',
      files: { 'README.md': README, LICENSE: APACHE },
      manifest: { name: 'Crop Doctor', categories: ['ai-system'], licenses: [{ expression: 'Apache-2.0', covers: ['model-weights', 'training-code'] }] },
      expect: [{ code: 'license/ai-coverage-missing', message: "No declared licence covers the AI system's training data." }],
    },
    {
      name: 'MIT declared, Apache-2.0 shipped',
      files: { 'README.md': README, LICENSE: APACHE },
      manifest: software([{ expression: 'MIT' }]),
      expect: [
        { code: 'license/mismatch', message: 'dpg.yaml declares MIT, but no licence file in the repository holds it (found: LICENSE: Apache-2.0).' },
        { code: 'license/file-not-declared', status: 'warn', message: 'LICENSE holds Apache-2.0, which no declaration names.' },
      ],
    },
    {
      name: 'illustrations under a no-derivatives licence in a content collection',
      files: {
        'README.md': STORIES,
        LICENSE: licenseText('CC-BY-4.0'),
        'images/LICENSE': licenseText('CC-BY-ND-4.0'),
        'images/cover.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]),
      },
      manifest: collection(['content'], [{ expression: 'CC-BY-4.0' }]),
      expect: [
        {
          code: 'license/part-not-open',
          message: 'images/LICENSE puts images/ under CC-BY-ND-4.0, which is not an open licence for content.',
          evidence: [{ path: 'images/LICENSE' }],
        },
      ],
    },
    {
      name: 'a REUSE.toml that is not valid TOML',
      files: { 'README.md': README, LICENSE: MIT, 'REUSE.toml': 'version = 1\n\n[[annotations]\npath = "docs/**"\nSPDX-License-Identifier = "CC-BY-4.0"\n' },
      manifest: software([{ expression: 'MIT' }]),
      expect: [
        {
          code: 'license/annotations-unreadable',
          status: 'warn',
          message: /^REUSE\.toml(:\d+)? could not be read \(.+\); the licences it gives to files are not known\.$/,
        },
      ],
    },
    {
      name: 'a model card under a licence that restricts use',
      files: {
        'README.md': `---\nlanguage: en\nlicense: openrail\ntags:\n  - image-classification\n---\n\n# Crop Doctor\n\nTells crop diseases apart from leaf photos.\n`,
        LICENSE: APACHE,
      },
      manifest: {
        name: 'Crop Doctor',
        categories: ['ai-system'],
        licenses: [
          { expression: 'Apache-2.0', covers: ['model-weights', 'training-code'] },
          { expression: 'CC-BY-4.0', covers: ['training-data'] },
        ],
      },
      expect: [
        {
          code: 'license/model-card-not-open',
          message: 'README.md:3 (the model card) licenses the model under "openrail", which is not an open licence for model weights.',
        },
      ],
    },
    {
      name: 'an empty LICENSE file',
      files: { 'README.md': README, LICENSE: '' },
      manifest: software([{ expression: 'MIT' }]),
      expect: [{ code: 'license/file-empty', status: 'warn', message: 'LICENSE holds no licence text.' }, 'license/file-missing'],
    },
    {
      name: 'a GPL text with nothing saying -only or -or-later',
      files: { 'README.md': README, COPYING: GPL3 },
      manifest: software(),
      expect: [
        { code: 'license/variant-undecided', message: 'COPYING holds a text that is GPL-3.0-only or GPL-3.0-or-later; nothing in the repository says which.' },
      ],
    },
    {
      name: 'a README that names another licence than the LICENSE file',
      files: { 'README.md': `${README}\n## License\n\nThis project is licensed under the GNU General Public License v2.0 only.\n`, LICENSE: MIT },
      manifest: software([{ expression: 'MIT' }]),
      expect: [{ code: 'license/notice-mismatch', message: /^README\.md says GPL-2\.0-only, but the licence files hold LICENSE: MIT\.$/ }],
    },
    {
      name: 'a LICENSE that only points at the Apache licence',
      files: {
        'README.md': README,
        LICENSE:
          'Copyright 2024 Open Health Commons Foundation\n\nLicensed under the Apache License, Version 2.0 (the "License");\nyou may not use this file except in compliance with the License.\nYou may obtain a copy of the License at\n\n    http://www.apache.org/licenses/LICENSE-2.0\n\nUnless required by applicable law or agreed to in writing, software\ndistributed under the License is distributed on an "AS IS" BASIS,\nWITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\nSee the License for the specific language governing permissions and\nlimitations under the License.\n',
      },
      manifest: software([{ expression: 'Apache-2.0' }]),
      expect: [{ code: 'license/text-not-included', status: 'warn', message: 'LICENSE names Apache-2.0 but does not hold its text.' }],
    },
    {
      name: 'the only LICENSE is a link out of the repository',
      files: { 'README.md': README, LICENSE: { unreadable: 'outside-repository' } },
      manifest: software([{ expression: 'MIT' }]),
      expect: [
        { code: 'license/no-readable-file', message: 'No licence file of the project could be read (LICENSE); dpg.yaml declares MIT.' },
        { code: 'license/file-unreadable', status: 'warn', message: 'LICENSE was not read: a symbolic link to a file outside the repository; not followed.' },
      ],
    },
    {
      name: 'a binary LICENSE beside a readable COPYING',
      files: { 'README.md': README, LICENSE: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x00, 0x0a]), COPYING: MIT },
      manifest: software([{ expression: 'MIT' }]),
      expect: [{ code: 'license/file-unreadable', message: /^LICENSE was not read: / }],
    },
  ],
});
