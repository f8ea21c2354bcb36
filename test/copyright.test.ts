import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { findCopyrightLines } from '../src/facts/copyright.js';

const licenses = createRequire(import.meta.url)('spdx-license-list/full.js') as Record<string, { licenseText: string }>;

describe('findCopyrightLines', () => {
  it.each([
    ['Copyright (c) 2019-2024 Open Health Commons Foundation', 'Open Health Commons Foundation'],
    ['Copyright 2021 The Example Authors. All rights reserved.', 'The Example Authors'],
    ['© 2020, 2022 Jane Doe <jane@example.org>', 'Jane Doe <jane@example.org>'],
    ['Copyright (C) Microsoft Corporation.', 'Microsoft Corporation'],
    ['// Copyright 2018 Google LLC', 'Google LLC'],
  ])('reads the holder of "%s"', (line, holder) => {
    expect(findCopyrightLines('LICENSE', line)).toEqual([{ path: 'LICENSE', line: 1, text: line.replace(/^\/\/ /, ''), holder, placeholder: false }]);
  });

  it.each(['Copyright (c) <year> <copyright holders>', 'Copyright [yyyy] [name of copyright owner]', 'Copyright (C) {year} {fullname}', 'Copyright (c) YEAR COPYRIGHT HOLDER'])('flags the template "%s"', (line) => {
    expect(findCopyrightLines('LICENSE', `MIT License\n\n${line}\n`)[0]).toMatchObject({ line: 3, placeholder: true });
  });

  it('finds no notice in licence prose or in the licence\'s own how-to-apply appendix', () => {
    expect(findCopyrightLines('LICENSE', licenses['Apache-2.0']!.licenseText)).toEqual([]);
    expect(findCopyrightLines('COPYING', licenses['GPL-3.0-or-later']!.licenseText)).toEqual([]);
    expect(findCopyrightLines('LICENSE', licenses['BSD-3-Clause']!.licenseText.replace(/^Copyright.*$/m, ''))).toEqual([]);
  });

  it('ignores "Copyright" headings and sentences about copyright', () => {
    expect(findCopyrightLines('README.md', '## Copyright\n\nCopyright law protects this work.\n')).toEqual([]);
  });
});

describe('findCopyrightLines: notices that look like templates but are not', () => {
  it.each([
    'Copyright 2023-2025 Agri AI Commons. Code and weights: Apache License 2.0 ([LICENSE](LICENSE)).',
    'Copyright 2024 [Example Foundation](https://example.org)',
    'Copyright (c) 2024 Example Foundation {Kenya}',
  ])('"%s" is a real notice', (line) => {
    expect(findCopyrightLines('README.md', line)[0]).toMatchObject({ placeholder: false });
  });

  it('does not take a licence\'s own copyright (the SSPL\'s MongoDB line) for the project\'s', () => {
    expect(findCopyrightLines('LICENSE', licenses['SSPL-1.0']!.licenseText)).toEqual([]);
  });
});
