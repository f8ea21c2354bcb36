import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { findCopyrightLines } from '../src/facts/copyright.js';

const licenses = createRequire(import.meta.url)('spdx-license-list/full.js') as Record<string, { licenseText: string }>;

describe('findCopyrightLines', () => {
  it.each([
    ['Copyright (c) 2019-2024 Open Health Commons Foundation', 'Open Health Commons Foundation'],
    ['Copyright 2021 The Example Authors. All rights reserved.', 'The Example Authors'],
    ['© 2020, 2022 Jane Doe <jane@example.org>', 'Jane Doe'],
    ['Copyright (C) Microsoft Corporation.', 'Microsoft Corporation'],
    ['// Copyright 2018 Google LLC', 'Google LLC'],
  ])('reads the holder of "%s"', (line, holder) => {
    expect(findCopyrightLines('LICENSE', line)).toEqual([{ path: 'LICENSE', line: 1, text: line.replace(/^\/\/ /, ''), holder, placeholder: false }]);
  });

  it.each([
    'Copyright (c) <year> <copyright holders>',
    'Copyright [yyyy] [name of copyright owner]',
    'Copyright (C) {year} {fullname}',
    'Copyright (c) YEAR COPYRIGHT HOLDER',
  ])('flags the template "%s"', (line) => {
    expect(findCopyrightLines('LICENSE', `MIT License\n\n${line}\n`)[0]).toMatchObject({ line: 3, placeholder: true });
  });

  it("finds no notice in licence prose or in the licence's own how-to-apply appendix", () => {
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

  it("does not take a licence's own copyright (the SSPL's MongoDB line) for the project's", () => {
    expect(findCopyrightLines('LICENSE', licenses['SSPL-1.0']!.licenseText)).toEqual([]);
  });
});

describe("findCopyrightLines: the holder's name, cleaned", () => {
  it.each([
    // decentralised-dataexchange/data-exchange-agreements README: a range with a 2-digit end
    ['Copyright (c) 2021-23 LCubed AB (iGrant.io), Sweden', 'LCubed AB (iGrant.io), Sweden'],
    ['Copyright 2019-23 LCubed AB', 'LCubed AB'],
    // jellow-aac/jellow-communicator-android LICENSE.txt
    ['Copyright (c) 2015 - present NINAAD DIGITAL TECHNOLOGY PRIVATE LIMITED.', 'NINAAD DIGITAL TECHNOLOGY PRIVATE LIMITED'],
    ['Copyright (c) 2015-present Example Foundation', 'Example Foundation'],
    // globaleaks/GlobaLeaks LICENSE: a dash between the years and the holder
    ['Copyright (c) 2011-2024 - GlobaLeaks', 'GlobaLeaks'],
    ['Copyright (c) 2015 - Example Foundation', 'Example Foundation'],
    ['Copyright 2017, 2018, 2020 Jane Doe', 'Jane Doe'],
    ['Copyright 2019 - 3M Company', '3M Company'],
    ['(C) Copyright 2015 IBM Corp.', 'IBM Corp'],
    // openmrs/openmrs-core NOTICE.md: the trademark sentence after the holder is not part of it
    ['Copyright (c) OpenMRS Inc. OpenMRS is a registered trademark and the OpenMRS graphic logo is a trademark of OpenMRS Inc.', 'OpenMRS Inc'],
    // architecture-building-systems/CityEnergyAnalyst LICENSE: a bare link after the holder
    ['Copyright (c) 2013 Architecture and Building Systems - ETH Zurich http://systems.arch.ethz.ch', 'Architecture and Building Systems - ETH Zurich'],
    // cboard-org/cboard README: the organisation is the holder, beside its contributors
    ['Copyright © 2017-2024, Assistive Technology LLC & Cboard contributors.', 'Assistive Technology LLC'],
    ['Copyright 2020 Jane Doe et al.', 'Jane Doe'],
    ['Copyright 2018 The Kolibri contributors', 'The Kolibri contributors'],
    // cloud-carbon-footprint/cloud-carbon-footprint NOTICE and LICENSE spell it both ways: one holder
    ['© 2021 Thoughtworks, Inc.', 'Thoughtworks Inc'],
    ['Copyright 2021 Thoughtworks Inc', 'Thoughtworks Inc'],
    ['Copyright (C) 1995-1998 Eric Young (eay@cryptsoft.com) All rights reserved.', 'Eric Young'],
    ['Copyright (c) 1995 Tatu Ylonen <ylo@cs.hut.fi>, Espoo, Finland', 'Tatu Ylonen, Espoo, Finland'],
    ['Copyright 2024 [Example Foundation](https://example.org)', 'Example Foundation'],
    ['Copyright (c) 2004-2010 by Internet Systems Consortium, Inc. ("ISC")', 'Internet Systems Consortium Inc. ("ISC")'],
  ])('"%s" is held by "%s"', (line, holder) => {
    expect(findCopyrightLines('LICENSE', line)[0]).toMatchObject({ holder, placeholder: false });
  });
});

describe('findCopyrightLines: notices in READMEs and COPYRIGHT files', () => {
  it.each([
    ['<p align="center">© 2023 <a href="https://example.org">Example Foundation</a></p>', '© 2023 Example Foundation', 'Example Foundation'],
    ['<sub>Copyright &copy; 2019-2023 Example Org. All rights reserved.</sub>', 'Copyright © 2019-2023 Example Org. All rights reserved.', 'Example Org'],
    ['_Copyright (c) 2019-2023 Example Org_', 'Copyright (c) 2019-2023 Example Org', 'Example Org'],
    ['**©️ 2023 Example Foundation** | Privacy | Terms', '© 2023 Example Foundation** | Privacy | Terms', 'Example Foundation'],
  ])('reads the README footer "%s"', (line, text, holder) => {
    const readme = `# Example\n\nA tool for clinics.\n\n## Licence\n\nMIT, see [LICENSE](LICENSE).\n\n---\n${line}\n`;
    expect(findCopyrightLines('README.md', readme)).toEqual([{ path: 'README.md', line: 10, text, holder, placeholder: false }]);
  });

  it('reads a COPYRIGHT file in the Debian style (globaleaks/GlobaLeaks AUTHORS)', () => {
    expect(findCopyrightLines('COPYRIGHT.txt', 'Files: *\nCopyright: 2011-2024 - GlobaLeaks\nLicense: AGPL-3.0\n')).toEqual([
      { path: 'COPYRIGHT.txt', line: 2, text: 'Copyright: 2011-2024 - GlobaLeaks', holder: 'GlobaLeaks', placeholder: false },
    ]);
  });

  it('leaves a "©️ Open source - licence" heading alone (NMF-earth/nmf-app README)', () => {
    expect(findCopyrightLines('README.md', '### ©️ Open source - licence\n\nRepository and contributions are under GPL-3.0.\n')).toEqual([]);
  });
});

describe("findCopyrightLines: a licence's how-to-apply appendix filled in", () => {
  it("takes a filled-in Apache-2.0 appendix as the project's notice (cloud-carbon-footprint/cloud-carbon-footprint LICENSE)", () => {
    const text = licenses['Apache-2.0']!.licenseText.replace('Copyright [yyyy] [name of copyright owner]', 'Copyright 2021 Thoughtworks Inc');
    expect(findCopyrightLines('LICENSE', text)).toEqual([
      { path: 'LICENSE', line: expect.any(Number), text: 'Copyright 2021 Thoughtworks Inc', holder: 'Thoughtworks Inc', placeholder: false },
    ]);
  });

  it("takes a filled-in GPL-3.0 appendix as the project's notice (NMF-earth/nmf-app LICENSE)", () => {
    const text = licenses['GPL-3.0-or-later']!.licenseText.replace('Copyright (C) <year>  <name of author>', 'Copyright (C) 2019  Pierre Bresson');
    expect(findCopyrightLines('LICENSE', text)).toMatchObject([{ holder: 'Pierre Bresson', placeholder: false }]);
  });

  it("never reports the unfilled template of any licence's appendix", () => {
    const appendix = /end of terms and conditions|how to apply (?:these terms|the apache license)|appendix: how to apply/i;
    for (const [id, { licenseText }] of Object.entries(licenses)) {
      const start = licenseText.split(/\r\n|\r|\n/).findIndex((line) => appendix.test(line));
      if (start === -1) continue;
      expect(
        findCopyrightLines('LICENSE', licenseText).filter((line) => line.line > start),
        id,
      ).toEqual([]);
    }
  });
});

describe('findCopyrightLines: licence-header templates', () => {
  it('leaves out the variable lines of a header template (informatici/openhospital-core .license-header/license-header.txt)', () => {
    const header = '${project.name} (${project.url})\nCopyright © ${license.git.copyrightYears} ${owner} (${email})\n\n${project.description}\n';
    expect(findCopyrightLines('.license-header/license-header.txt', header)).toEqual([]);
  });

  it.each([
    ['LICENSE_HEADER', 'Copyright (C) $YEAR Example Foundation'],
    ['.license-header', ' * Copyright {{year}} {{owner}}'],
    ['config/header.txt', 'Copyright (c) <year> <owner>. All rights reserved.'],
    ['copyright.tmpl', 'Copyright @year@ @owner@'],
    ['{{cookiecutter.project_slug}}/LICENSE', 'Copyright (c) {{ cookiecutter.year }}, {{ cookiecutter.full_name }}'],
  ])('%s: "%s" is a template\'s variable, not the project\'s placeholder', (path, line) => {
    expect(findCopyrightLines(path, `${line}\n`)).toEqual([]);
  });

  it("keeps a header template's filled-in notice (openmrs/openmrs-core license-header.txt)", () => {
    const header =
      'the terms of the Healthcare Disclaimer located at http://openmrs.org/license.\n\nCopyright (C) OpenMRS Inc. OpenMRS is a registered trademark and the OpenMRS\ngraphic logo is a trademark of OpenMRS Inc.\n';
    expect(findCopyrightLines('license-header.txt', header)).toMatchObject([{ line: 3, holder: 'OpenMRS Inc', placeholder: false }]);
  });

  it("still reports the same variables in the project's own LICENSE as an unfilled placeholder", () => {
    expect(findCopyrightLines('LICENSE', 'MIT License\n\nCopyright (c) ${year} ${owner}\n')).toMatchObject([{ line: 3, placeholder: true }]);
  });
});
