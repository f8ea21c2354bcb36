import { defineCodes, type DraftOf } from '../findings.js';
import { evidenceKinds, excerpt, manifestEvidence, missingReferences, referenceEvidence } from './helpers.js';
import { STANDARD_URL, type IndicatorModule } from './types.js';

const DATA_PROTECTION_LAW = /gdpr|data protection|privacy|personal (data|information)|hipaa|ccpa|lgpd|popia|pipeda|dpdp|\bndpr\b|pdpa|appi/i;

const codes = defineCodes({
  'laws/declared': {
    status: 'pass',
    title: 'Laws declared',
    description: 'The project lists the laws it complies with, with evidence.',
    message: 'Complies with: {laws}.',
  },
  'laws/not-declared': {
    unanswered: true,
    status: 'fail',
    title: 'No applicable laws listed',
    description: 'The application asks for the privacy, domestic and international laws the solution complies with.',
    message: 'The manifest lists no privacy or other applicable laws.',
    fix: 'Add `privacy: { laws: [{ name: "General Data Protection Regulation (GDPR)", evidence: [...] }] }`.',
  },
  'laws/evidence-missing': {
    status: 'fail',
    title: 'No evidence of compliance',
    description: 'The application asks for evidence of adherence: a privacy policy, terms of service or other legal documentation.',
    message: 'No evidence of compliance is given (a privacy policy, terms of service).',
    fix: 'Add `privacy.evidence:` links to the privacy policy or legal documentation, or a PRIVACY.md to the repository.',
  },
  'laws/evidence-not-found': {
    status: 'fail',
    title: 'Compliance evidence file missing',
    description:
      'Evidence given as a repository path must exist. (Text with a URL is evidence at that URL, and a statement is judged by a reviewer: neither is read as a path.)',
    message: 'Compliance evidence points at {reference}, which {reference|is|are} not in the repository.',
    fix: 'Correct the path, add the file, or give a URL.',
  },
  'laws/evidence-review': {
    status: 'review',
    title: 'Compliance evidence to read',
    description:
      'Whether a privacy policy, terms of service or a description of the steps taken shows compliance with the laws listed is for a reviewer to judge: the evidence is outside the repository, or written as a statement.',
    message:
      'Compliance with {laws} is shown by {?links:{linkCount|a link|{linkCount} links} outside the repository ({links}{?moreLinks:, …})}{?statement:{?links: and }{statementCount|a statement|{statementCount} statements} ("{statement}"{?moreStatements:, …})}.',
    question: 'Does this evidence show that the solution complies with {laws} where it is deployed (a privacy policy, terms of service, legal documentation)?',
  },
  'laws/pii-without-data-protection-law': {
    status: 'review',
    title: 'PII without a data-protection law',
    description: 'A solution that handles personal data is expected to name the data-protection law(s) it complies with.',
    message: 'The solution handles PII ({level}), but none of the listed laws ({laws}) is a data-protection law.',
    question: 'Which data-protection law applies where the solution is deployed, and how does the solution comply with it?',
  },
  'laws/contact-missing': {
    unanswered: true,
    status: 'fail',
    title: 'No authorised contact',
    description:
      'Evidence for indicators 7-9 can only be given by someone authorised to speak for the project; the application collects their name, title and contact.',
    message: 'The manifest names no authorised contact for indicators 7-9.',
    fix: 'Add `contact: { name: "…", title: "…", email: "…" }`.',
  },
});

/** A finding of this indicator: one of its codes, with the arguments its templates name. */
type Draft = DraftOf<typeof codes>;

export const privacyLawsIndicator: IndicatorModule = {
  meta: {
    id: '7',
    title: 'Adherence to privacy and applicable laws',
    requirement: 'Digital public goods must be designed and developed to comply with privacy and other applicable laws.',
    url: STANDARD_URL,
  },
  codes,
  check(facts) {
    const findings: Draft[] = [];
    const privacy = facts.manifest?.data?.privacy;
    const laws = privacy?.laws ?? [];
    // Some applications answer the law question with a paragraph: messages quote its beginning.
    const lawNames = excerpt(laws.map((law) => law.name).join('; '), 120);
    const references = [
      ...(privacy?.evidence ?? []).map((reference, index) => ({ reference, pointer: `/privacy/evidence/${index}` })),
      ...laws.flatMap((law, lawIndex) =>
        (law.evidence ?? []).map((reference, index) => ({ reference, pointer: `/privacy/laws/${lawIndex}/evidence/${index}` })),
      ),
    ];
    const given = evidenceKinds(
      facts,
      references.map((entry) => entry.reference),
    );
    const privacyFiles = facts.community.privacy ?? [];
    if (laws.length === 0) findings.push({ code: 'laws/not-declared', evidence: manifestEvidence(facts, '') });
    const missing = missingReferences(facts, references);
    // A path that is not there fails as such (evidence-not-found), not a second time as no evidence.
    const documents = given.urls.length + given.paths.length + privacyFiles.length + missing.length;
    if (laws.length > 0 && documents === 0 && given.statements.length === 0)
      findings.push({ code: 'laws/evidence-missing', evidence: manifestEvidence(facts, '/privacy') });
    // One finding per field, however many of its lines are missing.
    if (missing.length > 0)
      findings.push({
        code: 'laws/evidence-not-found',
        args: { reference: missing.map((entry) => entry.reference) },
        evidence: missing.flatMap((entry) => manifestEvidence(facts, entry.pointer)),
      });
    const piiLevel = facts.manifest?.data?.doNoHarm?.privacy?.piiLevel;
    if (laws.length > 0 && piiLevel && piiLevel !== 'none' && !laws.some((law) => DATA_PROTECTION_LAW.test(law.name))) {
      findings.push({
        code: 'laws/pii-without-data-protection-law',
        args: { level: piiLevel, laws: laws.map((law) => law.name) },
        evidence: manifestEvidence(facts, '/privacy/laws'),
      });
    }
    if (!facts.manifest?.data?.contact) findings.push({ code: 'laws/contact-missing', evidence: manifestEvidence(facts, '') });
    if (laws.length > 0 && !findings.some((finding) => finding.code === 'laws/evidence-missing')) {
      findings.unshift({
        code: 'laws/declared',
        args: { laws: lawNames },
        evidence: [
          ...manifestEvidence(facts, '/privacy/laws'),
          ...references.slice(0, 5).flatMap((entry) => referenceEvidence(entry.reference, facts)),
          ...privacyFiles.map((path) => ({ path })),
        ],
      });
      // Links outside the repository and statements of the steps taken are read by a person: the first
      // three links and the first statement are shown, with how many there are.
      const { urls, statements } = given;
      if (urls.length + statements.length > 0)
        findings.push({
          code: 'laws/evidence-review',
          args: {
            laws: lawNames,
            links: urls.slice(0, 3),
            linkCount: urls.length,
            moreLinks: urls.length > 3 ? urls.length - 3 : undefined,
            statement: statements.length > 0 ? excerpt(statements[0] as string, 100) : undefined,
            statementCount: statements.length,
            moreStatements: statements.length > 1 ? statements.length - 1 : undefined,
          },
          evidence: [...manifestEvidence(facts, '/privacy'), ...given.urls.slice(0, 5).map((url) => ({ url }))],
        });
    }
    return findings;
  },
};
