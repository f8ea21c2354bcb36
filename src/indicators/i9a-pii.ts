import { defineCodes, type DraftOf } from '../findings.js';
import { answerQuality, excerpt, manifestEvidence } from './helpers.js';
import { STANDARD_URL, type IndicatorModule } from './types.js';

const codes = defineCodes({
  'pii/none': {
    status: 'pass',
    title: 'No PII',
    description: 'The solution cannot collect, store or distribute PII.',
    message: 'Declares that PII is not collected, stored or distributed.',
  },
  'pii/declared': {
    status: 'pass',
    title: 'PII protections described',
    description: 'The PII handled and its protections are described.',
    message: 'PII ({level}: {types}) is protected: {protections}',
  },
  'pii/not-declared': {
    unanswered: true,
    status: 'fail',
    title: 'PII handling not declared',
    description: 'The application asks whether the solution allows the collection, storage or distribution of PII.',
    message: 'The manifest does not say whether the solution collects, stores or distributes PII.',
    fix: 'Add `doNoHarm.privacy.piiLevel`: none, collected, collected-stored or collected-stored-distributed.',
  },
  'pii/types-missing': {
    status: 'fail',
    title: 'PII types not listed',
    description: 'A solution that handles PII must say which types (name, email, health records, ...).',
    message: 'The solution handles PII ({level}), but its types are not listed.',
    fix: 'List them under `doNoHarm.privacy.piiTypes`.',
  },
  'pii/protections-missing': {
    status: 'fail',
    title: 'PII protections not described',
    description: 'A solution that handles PII must demonstrate how its privacy, security and integrity are ensured.',
    message: 'The solution handles PII ({level}), but how it is protected is not described.',
    fix: 'Describe under `doNoHarm.privacy.protections` the measures (encryption, access control, consent, retention, audit) and the steps taken to prevent harm.',
  },
  'pii/security-policy-missing': {
    status: 'warn',
    title: 'No security policy',
    description: 'A solution that stores PII should tell people how to report vulnerabilities privately.',
    message: 'The solution stores PII, but the repository has no SECURITY policy.',
    fix: 'Add SECURITY.md with how to report a vulnerability and how reports are handled.',
  },
  'pii/protections-brief': {
    status: 'review',
    title: 'PII protections described briefly',
    description:
      'Protections named in a few words ("encrypted passwords, protected database") are an answer, but a terse one: whether they are adequate for the data handled is for a reviewer to judge.',
    message: 'PII is handled ({level}); its protection is described briefly: "{protections}".',
    question: 'Are "{protections}" adequate protection for {types}, in the places the solution is deployed?',
    fix: 'Describe how PII is protected: encryption at rest and in transit, access control, retention, where data is stored.',
  },
  'pii/protections-review': {
    status: 'review',
    title: 'PII protections to assess',
    description: 'Whether protections are adequate for the data handled is a judgement for a reviewer.',
    message: 'PII is handled ({level}): {types}.',
    question: 'Are the described protections adequate for these data types, in the places the solution is deployed?',
  },
});

/** A finding of this indicator: one of its codes, with the arguments its templates name. */
type Draft = DraftOf<typeof codes>;

export const piiIndicator: IndicatorModule = {
  meta: {
    id: '9a',
    title: 'Data privacy and security',
    requirement:
      'Digital public goods that collect, store and distribute personally identifiable (PII) data must demonstrate how they ensure the privacy, security and integrity of this data, in addition to the steps taken to prevent adverse impacts resulting from its collection, storage and distribution.',
    url: STANDARD_URL,
  },
  codes,
  check(facts) {
    const privacy = facts.manifest?.data?.doNoHarm?.privacy;
    const level = privacy?.piiLevel;
    const evidence = manifestEvidence(facts, '/doNoHarm/privacy');
    if (!level) return [{ code: 'pii/not-declared', evidence: manifestEvidence(facts, '') }];
    if (level === 'none') return [{ code: 'pii/none', evidence }];
    const findings: Draft[] = [];
    const types = privacy?.piiTypes ?? [];
    if (types.length === 0) findings.push({ code: 'pii/types-missing', args: { level }, evidence });
    const protections = answerQuality(privacy?.protections, 6);
    if (protections === 'missing' || protections === 'placeholder') findings.push({ code: 'pii/protections-missing', args: { level }, evidence });
    if (level !== 'collected' && facts.hasRepository && !(facts.community.security ?? []).length) findings.push({ code: 'pii/security-policy-missing' });
    if (!findings.some((finding) => finding.code === 'pii/types-missing' || finding.code === 'pii/protections-missing')) {
      findings.unshift({
        code: 'pii/declared',
        args: { level, types, protections: (privacy?.protections ?? '').trim().slice(0, 160) },
        evidence,
      });
      if (protections === 'brief')
        findings.push({
          code: 'pii/protections-brief',
          args: { level, types, protections: excerpt(privacy?.protections as string, 100) },
          evidence,
        });
      else findings.push({ code: 'pii/protections-review', args: { level, types }, evidence });
    }
    return findings;
  },
};
