import { ownershipIndicator } from '../../src/indicators/i3-ownership.js';
import { licenseText, testIndicator } from '../support/indicator-tester.js';

const MIT_2024 = licenseText('MIT').replace('<year> <copyright holders>', '2024 Open Health Commons Foundation');
const README = '# Clinic Queue\n\nA waiting-room queue for rural clinics: patients take a number by SMS and are called when a nurse is free.\n';

const OWNERS = { owners: [{ name: 'Open Health Commons Foundation', type: 'organisation' }] };

function manifest(extra: Record<string, unknown>): Record<string, unknown> {
  return { name: 'Clinic Queue', categories: ['software'], ...extra };
}

testIndicator(ownershipIndicator, {
  valid: [
    {
      name: 'owner declared and named in the licence copyright line',
      files: { 'README.md': README, LICENSE: MIT_2024 },
      manifest: manifest({ ownership: OWNERS }),
      expect: [
        { code: 'ownership/owner-declared', message: 'Owned by Open Health Commons Foundation.' },
        { code: 'ownership/copyright-found', message: 'Copyright held by Open Health Commons Foundation.', evidence: [{ path: 'LICENSE', line: 3 }] },
      ],
    },
    {
      name: 'a NOTICE file names the owner; the licence has no copyright line',
      files: { 'README.md': README, LICENSE: licenseText('Apache-2.0'), NOTICE: 'Clinic Queue\nCopyright 2021-2024 Open Health Commons Foundation\n' },
      manifest: manifest({ ownership: { ...OWNERS, evidence: ['NOTICE', 'https://openhealthcommons.example.org/about'] } }),
      expect: ['ownership/owner-declared', { code: 'ownership/copyright-found', evidence: [{ path: 'NOTICE', line: 2 }] }],
    },
    {
      name: 'a data set whose owners own all of it',
      files: { 'README.md': README, LICENSE: MIT_2024, 'data/clinics.csv': 'id,name,district\n1,Kisumu East,Kisumu\n' },
      manifest: { name: 'Clinic Locations', categories: ['data'], ownership: { ...OWNERS, ownsAllContentAndData: true } },
      expect: ['ownership/owner-declared'],
    },
    {
      name: 'no owner in the manifest, but the copyright notices name one',
      files: { 'README.md': README, LICENSE: MIT_2024 },
      manifest: manifest({}),
      expect: [
        {
          code: 'ownership/owner-unnamed',
          status: 'review',
          message: 'The manifest names no owner; the copyright notices name Open Health Commons Foundation.',
        },
        'ownership/copyright-found',
      ],
    },
    {
      name: 'the declared owner is not the copyright holder',
      files: { 'README.md': README, LICENSE: licenseText('MIT').replace('<year> <copyright holders>', '2019 Amina Otieno') },
      manifest: manifest({ ownership: OWNERS }),
      expect: [
        {
          code: 'ownership/owner-not-in-copyright',
          message: 'The declared owner (Open Health Commons Foundation) does not appear in the copyright notices (Amina Otieno).',
        },
      ],
    },
  ],
  invalid: [
    {
      name: 'no owner, no copyright notice, no evidence',
      files: { 'README.md': README, LICENSE: licenseText('Apache-2.0') },
      manifest: manifest({}),
      expect: ['ownership/owner-missing', { code: 'ownership/no-copyright-notice', status: 'warn' }, 'ownership/evidence-missing'],
    },
    {
      name: 'the MIT template with its copyright line never filled in',
      files: { 'README.md': README, LICENSE: licenseText('MIT') },
      manifest: manifest({ ownership: OWNERS }),
      expect: [
        {
          code: 'ownership/copyright-placeholder',
          message: 'LICENSE line 3 is an unfilled template: "Copyright (c) <year> <copyright holders>".',
          evidence: [{ path: 'LICENSE', line: 3 }],
        },
        'ownership/evidence-missing',
      ],
    },
    {
      name: 'an owner without any copyright line is warned about',
      files: { 'README.md': README, LICENSE: licenseText('Apache-2.0') },
      manifest: manifest({ ownership: { ...OWNERS, evidence: ['https://openhealthcommons.example.org/about'] } }),
      expect: [{ code: 'ownership/no-copyright-notice', message: 'No copyright notice was found in the licence files, NOTICE, COPYRIGHT, AUTHORS or README.' }],
    },
    {
      name: 'ownership evidence points at a file the repository does not have',
      files: { 'README.md': README, LICENSE: MIT_2024 },
      manifest: manifest({ ownership: { ...OWNERS, evidence: ['docs/trademark-registration.pdf'] } }),
      expect: [
        { code: 'ownership/evidence-not-found', message: 'Ownership evidence points at docs/trademark-registration.pdf, which is not in the repository.' },
      ],
    },
    {
      name: 'a content collection that does not say whether it owns its content',
      files: {
        'README.md': README,
        LICENSE: licenseText('CC-BY-4.0'),
        NOTICE: 'Copyright 2024 Open Health Commons Foundation\n',
        'lessons/hand-washing.md': '# Hand washing\n',
      },
      manifest: { name: 'Clinic Lessons', categories: ['content'], ownership: OWNERS },
      expect: [
        {
          code: 'ownership/content-rights-missing',
          message: 'The manifest does not say whether the owners own all of the content, or have the right to redistribute it.',
        },
      ],
    },
    {
      name: 'a data set that does not own all its data and shows no right to redistribute it',
      files: { 'README.md': README, LICENSE: MIT_2024, 'data/facilities.csv': 'id,name\n1,Kisumu East\n' },
      manifest: { name: 'Clinic Locations', categories: ['data'], ownership: { ...OWNERS, ownsAllContentAndData: false } },
      expect: ['ownership/redistribution-evidence-missing'],
    },
  ],
});
