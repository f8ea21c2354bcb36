import { defineCodes, type DraftOf } from '../findings.js';
import { answerQuality, excerpt, manifestEvidence, missingReferences, readReference, referenceEvidence } from './helpers.js';
import { STANDARD_URL, type IndicatorModule } from './types.js';

const codes = defineCodes({
  'harassment/no-interaction': {
    status: 'pass',
    title: 'No user interaction',
    description: 'The solution does not facilitate interactions with or between users.',
    message: 'Declares that the solution does not facilitate interactions between users or contributors.',
  },
  'harassment/declared': {
    status: 'pass',
    title: 'Harassment protection',
    description: 'A process protects users and contributors (a code of conduct, reporting, blocking, moderation), and underage users are addressed.',
    message: 'Users interact and a process protects them: {?codeOfConduct:code of conduct {codeOfConduct}}{?protection:{?codeOfConduct:; }{protection}}.',
  },
  'harassment/protection-review': {
    status: 'review',
    title: 'Harassment protection to assess',
    description: 'Whether the process described protects users and contributors, and underage users, where the solution is used is a judgement for a reviewer.',
    message: 'Users interact; protection: "{?protection:{protection}|none described beyond the code of conduct}"; underage users: "{underage}".',
    question: 'Can users and contributors protect themselves against grief, abuse and harassment with this process, and are underage users kept safe?',
  },
  'harassment/protection-brief': {
    status: 'review',
    title: 'Harassment protection described briefly',
    description: 'A process described in a few words is an answer, but a terse one: whether it protects users is for a reviewer to judge.',
    message:
      'Users interact; {?underageSafety:the safety of underage users is described briefly: "{underageSafety}"|protection is described briefly: "{protection}"}.',
    question: 'Is "{?underageSafety:{underageSafety}|{protection}}" a process that protects users and contributors (and underage users) in practice?',
    fix: 'Describe how users report abuse, block others and how reports are handled; link the code of conduct or policy.',
  },
  'harassment/not-declared': {
    unanswered: true,
    status: 'fail',
    title: 'User interaction not declared',
    description: 'The application asks whether the solution facilitates interactions with or between users or contributors.',
    message: 'The manifest does not say whether the solution facilitates interactions between users or contributors.',
    fix: 'Add `doNoHarm.harassment.userInteraction: true` (with a code of conduct and protections) or `false`.',
  },
  'harassment/code-of-conduct-not-found': {
    status: 'fail',
    title: 'Declared code of conduct missing',
    description: 'A code of conduct given as a repository path must exist.',
    message: 'The code of conduct points at {reference}, which is not in the repository.',
    fix: 'Correct the path, add the file, or give a URL.',
  },
  'harassment/protection-missing': {
    status: 'fail',
    title: 'No harassment protection process',
    description:
      "There must be a process users and contributors can use to protect themselves against grief, abuse and harassment. A code of conduct is the Standard's example of one; a described process (reporting, blocking, moderation) is another.",
    message: 'Users interact, but no process to protect them is described (blocking, reporting, enforcement) and no code of conduct is declared or found.',
    fix: 'Describe it under `doNoHarm.harassment.protection`.',
  },
  'harassment/underage-safety-missing': {
    status: 'fail',
    title: 'No safety measures for underage users',
    description: 'The project must have systems to address the safety and security of underage users.',
    message: 'Users interact, but how underage users are kept safe is not described.',
    fix: 'Describe it under `doNoHarm.harassment.underageSafety` (age requirements, parental consent, restricted features, reporting).',
  },
  'harassment/contributors-interact': {
    status: 'review',
    title: 'Contributors interact',
    description: 'The Standard covers interactions between contributors too; a repository that invites contributions facilitates them.',
    message: 'The manifest says users do not interact, but {path} invites contributions and the repository has no code of conduct.',
    question: 'Contributors interact in issues and reviews: is there a code of conduct and a way to report harassment?',
    fix: 'Add CODE_OF_CONDUCT.md for contributors.',
  },
});

/** A finding of this indicator: one of its codes, with the arguments its templates name. */
type Draft = DraftOf<typeof codes>;

export const harassmentIndicator: IndicatorModule = {
  meta: {
    id: '9c',
    title: 'Protection from harassment',
    requirement:
      'If the digital public good facilitates interactions with or between users or contributors, there must be a process for users and contributors to protect themselves against grief, abuse and harassment, and systems to address the safety and security of underage users.',
    url: STANDARD_URL,
  },
  codes,
  check(facts) {
    const harassment = facts.manifest?.data?.doNoHarm?.harassment;
    const evidence = manifestEvidence(facts, '/doNoHarm/harassment');
    const codeFiles = facts.community.codeOfConduct ?? [];
    if (harassment?.userInteraction === undefined) return [{ code: 'harassment/not-declared', evidence: manifestEvidence(facts, '') }];
    if (harassment.userInteraction === false) {
      const contributing = facts.community.contributing?.[0];
      if (contributing && codeFiles.length === 0 && !harassment.codeOfConduct) {
        return [
          { code: 'harassment/no-interaction', evidence },
          { code: 'harassment/contributors-interact', args: { path: contributing }, evidence: [{ path: contributing }] },
        ];
      }
      return [{ code: 'harassment/no-interaction', evidence }];
    }
    const findings: Draft[] = [];
    const declaredCode = harassment.codeOfConduct;
    const missing = declaredCode ? missingReferences(facts, [{ reference: declaredCode, pointer: '/doNoHarm/harassment/codeOfConduct' }]) : [];
    for (const entry of missing)
      findings.push({ code: 'harassment/code-of-conduct-not-found', args: { reference: entry.reference }, evidence: manifestEvidence(facts, entry.pointer) });
    // A code of conduct is a link or a file; a sentence in its place ("we do not have one yet") is none.
    const declaredKind = declaredCode !== undefined ? readReference(declaredCode, facts).kind : undefined;
    const codeOfConduct = missing.length === 0 && (declaredKind === 'url' || declaredKind === 'path') ? declaredCode : codeFiles[0];
    // A code of conduct is one process (the Standard's example); a described process is another.
    const protection = answerQuality(harassment.protection, 6);
    if ((protection === 'missing' || protection === 'placeholder') && !codeOfConduct) findings.push({ code: 'harassment/protection-missing', evidence });
    else if (protection === 'brief' && !codeOfConduct)
      findings.push({ code: 'harassment/protection-brief', args: { protection: excerpt(harassment.protection as string, 80) }, evidence });
    const underage = answerQuality(harassment.underageSafety, 4);
    if (underage === 'missing' || underage === 'placeholder') findings.push({ code: 'harassment/underage-safety-missing', evidence });
    else if (underage === 'brief')
      findings.push({
        code: 'harassment/protection-brief',
        args: { underageSafety: excerpt(harassment.underageSafety as string, 80) },
        evidence,
      });
    if (!findings.some((finding) => finding.code !== 'harassment/protection-brief')) {
      findings.unshift({
        code: 'harassment/declared',
        args: { codeOfConduct, protection: protection === 'ok' || protection === 'brief' ? excerpt(harassment.protection as string, 100) : undefined },
        evidence: [...evidence, ...(codeOfConduct ? referenceEvidence(codeOfConduct, facts) : [])],
      });
      // The process is described in words: whether it protects anyone is a reviewer's judgement.
      if (!findings.some((finding) => finding.code === 'harassment/protection-brief')) {
        findings.push({
          code: 'harassment/protection-review',
          args: {
            protection: protection === 'ok' ? excerpt(harassment.protection as string, 100) : undefined,
            underage: excerpt(harassment.underageSafety ?? '', 100),
          },
          evidence,
        });
      }
    }
    return findings;
  },
};
