import { piiIndicator } from '../../src/indicators/i9a-pii.js';
import { testIndicator } from '../support/indicator-tester.js';

/** A birth-registration app; each case changes its `doNoHarm.privacy:` answer or its SECURITY policy. */
const FILES = {
  'README.md': '# Birth Registry\n\nRegisters births at health facilities and sends them to the civil registry.\n',
  'SECURITY.md': '# Security policy\n\nReport vulnerabilities to security@birthregistry.example.org; we answer within 72 hours.\n',
};
const WITHOUT_SECURITY = { 'README.md': FILES['README.md'] };

const PROTECTIONS =
  'Records are encrypted at rest and in transit, access is role-based per facility, and every access is written to an audit log that the registrar reviews monthly.';

function manifest(privacy?: Record<string, unknown>): Record<string, unknown> {
  return { name: 'Birth Registry', categories: ['software'], ...(privacy ? { doNoHarm: { privacy } } : {}) };
}

testIndicator(piiIndicator, {
  valid: [
    {
      name: 'no PII collected',
      files: WITHOUT_SECURITY,
      manifest: manifest({ piiLevel: 'none' }),
      expect: [{ code: 'pii/none', message: 'Declares that PII is not collected, stored or distributed.' }],
    },
    {
      name: 'PII stored with protections described and a security policy',
      files: FILES,
      manifest: manifest({ piiLevel: 'collected-stored', piiTypes: ['name', 'date of birth', "mother's name"], protections: PROTECTIONS }),
      expect: [
        { code: 'pii/declared', message: `PII (collected-stored: name, date of birth, mother's name) is protected: ${PROTECTIONS}` },
        { code: 'pii/protections-review', status: 'review', message: "PII is handled (collected-stored): name, date of birth, mother's name." },
      ],
    },
    {
      name: 'PII only collected needs no security policy',
      files: WITHOUT_SECURITY,
      manifest: manifest({ piiLevel: 'collected', piiTypes: ['phone number'], protections: PROTECTIONS }),
      expect: ['pii/declared', 'pii/protections-review'],
    },
    {
      name: 'protections named in a few words',
      files: FILES,
      manifest: manifest({ piiLevel: 'collected-stored', piiTypes: ['name'], protections: 'Encrypted database.' }),
      expect: [
        'pii/declared',
        { code: 'pii/protections-brief', message: 'PII is handled (collected-stored); its protection is described briefly: "Encrypted database.".' },
      ],
    },
  ],
  invalid: [
    {
      name: 'the manifest does not say',
      files: FILES,
      manifest: manifest(),
      expect: [{ code: 'pii/not-declared', status: 'fail' }],
    },
    {
      name: 'PII stored without types or protections',
      files: FILES,
      manifest: manifest({ piiLevel: 'collected-stored-distributed' }),
      expect: [
        { code: 'pii/types-missing', message: 'The solution handles PII (collected-stored-distributed), but its types are not listed.' },
        { code: 'pii/protections-missing', message: 'The solution handles PII (collected-stored-distributed), but how it is protected is not described.' },
      ],
    },
    {
      name: 'a placeholder for the protections',
      files: FILES,
      manifest: manifest({ piiLevel: 'collected-stored', piiTypes: ['name'], protections: 'TODO' }),
      expect: ['pii/protections-missing'],
    },
    {
      name: 'PII stored and no SECURITY policy',
      files: WITHOUT_SECURITY,
      manifest: manifest({ piiLevel: 'collected-stored', piiTypes: ['name', 'date of birth'], protections: PROTECTIONS }),
      expect: [{ code: 'pii/security-policy-missing', status: 'warn', message: 'The solution stores PII, but the repository has no SECURITY policy.' }],
    },
  ],
});
