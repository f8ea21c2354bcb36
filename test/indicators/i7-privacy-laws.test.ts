import { privacyLawsIndicator } from '../../src/indicators/i7-privacy-laws.js';
import { testIndicator } from '../support/indicator-tester.js';

/** A tele-consultation app in Kenya and the EU; each case changes its `privacy:` answer. */
const README = '# Tele Consult\n\nVideo consultations between rural health workers and specialists.\n';
const PRIVACY =
  '# Privacy policy\n\nWe process health data under the GDPR and the Kenya Data Protection Act 2019. Patients can ask for their records to be deleted.\n';
const CONTACT = { name: 'Wanjiru Kamau', title: 'Data Protection Officer', email: 'dpo@teleconsult.example.org' };

function manifest(privacy?: Record<string, unknown>, extra: Record<string, unknown> = { contact: CONTACT }): Record<string, unknown> {
  return { name: 'Tele Consult', categories: ['software'], ...(privacy ? { privacy } : {}), ...extra };
}

const GDPR = 'General Data Protection Regulation (GDPR)';

testIndicator(privacyLawsIndicator, {
  valid: [
    {
      name: 'laws with a privacy policy in the repository',
      files: { 'README.md': README, 'PRIVACY.md': PRIVACY },
      manifest: manifest({ laws: [{ name: GDPR, evidence: ['PRIVACY.md'] }, { name: 'Kenya Data Protection Act 2019' }], evidence: ['PRIVACY.md'] }),
      expect: [{ code: 'laws/declared', message: `Complies with: ${GDPR}; Kenya Data Protection Act 2019.`, evidence: [{ path: 'PRIVACY.md' }] }],
    },
    {
      name: 'a PRIVACY file is evidence even when the manifest does not link it',
      files: { 'README.md': README, 'PRIVACY.md': PRIVACY },
      manifest: manifest({ laws: [{ name: GDPR }] }),
      expect: ['laws/declared'],
    },
    {
      name: 'compliance shown by a privacy policy on the web site',
      files: { 'README.md': README },
      manifest: manifest({ laws: [{ name: GDPR }], evidence: ['Privacy policy: https://teleconsult.example.org/privacy'] }),
      expect: [
        'laws/declared',
        {
          code: 'laws/evidence-review',
          status: 'review',
          message: `Compliance with ${GDPR} is shown by a link outside the repository (https://teleconsult.example.org/privacy).`,
        },
      ],
    },
    {
      name: 'PII handled under laws none of which is about data protection',
      files: { 'README.md': README, 'PRIVACY.md': PRIVACY },
      manifest: manifest(
        { laws: [{ name: 'Kenya Health Act 2017' }] },
        { contact: CONTACT, doNoHarm: { privacy: { piiLevel: 'collected-stored', piiTypes: ['name', 'diagnosis'] } } },
      ),
      expect: [
        {
          code: 'laws/pii-without-data-protection-law',
          message: 'The solution handles PII (collected-stored), but none of the listed laws (Kenya Health Act 2017) is a data-protection law.',
        },
      ],
    },
  ],
  invalid: [
    {
      name: 'no laws listed',
      files: { 'README.md': README },
      manifest: manifest(),
      expect: [{ code: 'laws/not-declared', status: 'fail' }],
    },
    {
      name: 'a law with no evidence at all',
      files: { 'README.md': README },
      manifest: manifest({ laws: [{ name: GDPR }] }),
      expect: [{ code: 'laws/evidence-missing', message: 'No evidence of compliance is given (a privacy policy, terms of service).' }],
    },
    {
      name: 'evidence that points at a missing file',
      files: { 'README.md': README },
      manifest: manifest({ laws: [{ name: GDPR, evidence: ['legal/privacy-policy.md'] }] }),
      expect: [
        {
          code: 'laws/evidence-not-found',
          message: 'Compliance evidence points at legal/privacy-policy.md, which is not in the repository.',
          evidence: [{ path: 'dpg.yaml' }],
        },
      ],
    },
    {
      name: 'no authorised contact',
      files: { 'README.md': README, 'PRIVACY.md': PRIVACY },
      manifest: manifest({ laws: [{ name: GDPR, evidence: ['PRIVACY.md'] }] }, {}),
      expect: [{ code: 'laws/contact-missing', message: 'The manifest names no authorised contact for indicators 7-9.' }],
    },
  ],
});
