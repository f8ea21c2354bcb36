import type { FindingDraft } from '../findings.js';
import { isPlaceholder, isUrl, manifestEvidence, missingReferences } from './helpers.js';
import { STANDARD_URL, type IndicatorModule } from './types.js';

export const harassmentIndicator: IndicatorModule = {
  meta: {
    id: '9c',
    title: 'Protection from harassment',
    requirement: 'If the digital public good facilitates interactions with or between users or contributors, there must be a process for users and contributors to protect themselves against grief, abuse and harassment, and systems to address the safety and security of underage users.',
    url: STANDARD_URL,
  },
  codes: {
    'harassment/no-interaction': { status: 'pass', title: 'No user interaction', description: 'The solution does not facilitate interactions with or between users.', message: 'Declares that the solution does not facilitate interactions between users or contributors.' },
    'harassment/declared': { status: 'pass', title: 'Harassment protection', description: 'A code of conduct and protections for users, including underage users, are in place.', message: 'Users are protected from harassment; code of conduct: {codeOfConduct}.' },
    'harassment/not-declared': {
      status: 'fail',
      title: 'User interaction not declared',
      description: 'The application asks whether the solution facilitates interactions with or between users or contributors.',
      message: 'The manifest does not say whether the solution facilitates interactions between users or contributors.',
      fix: 'Add `doNoHarm.harassment.userInteraction: true` (with a code of conduct and protections) or `false`.',
    },
    'harassment/code-of-conduct-missing': {
      status: 'fail',
      title: 'No code of conduct',
      description: 'Where users or contributors interact, a code of conduct is the basic policy that protects them against abuse and harassment.',
      message: 'Users or contributors interact, but no code of conduct is declared or found in the repository.',
      fix: 'Add CODE_OF_CONDUCT.md (for example the Contributor Covenant) and declare it as `doNoHarm.harassment.codeOfConduct`.',
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
      description: 'There must be a process users and contributors can use to protect themselves against grief, abuse and harassment.',
      message: 'Users interact, but how they can protect themselves (blocking, reporting, enforcement) is not described.',
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
  },
  check(facts) {
    const harassment = facts.manifest?.data?.doNoHarm?.harassment;
    const evidence = manifestEvidence(facts, '/doNoHarm/harassment');
    const codeFiles = facts.community.codeOfConduct ?? [];
    if (harassment?.userInteraction === undefined) return [{ code: 'harassment/not-declared', evidence: manifestEvidence(facts, '') }];
    if (harassment.userInteraction === false) {
      const contributing = facts.community.contributing?.[0];
      if (contributing && codeFiles.length === 0 && !harassment.codeOfConduct) {
        return [{ code: 'harassment/no-interaction', evidence }, { code: 'harassment/contributors-interact', args: { path: contributing }, evidence: [{ path: contributing }] }];
      }
      return [{ code: 'harassment/no-interaction', evidence }];
    }
    const findings: FindingDraft[] = [];
    const declaredCode = harassment.codeOfConduct;
    if (declaredCode) {
      for (const missing of missingReferences(facts, [{ reference: declaredCode, pointer: '/doNoHarm/harassment/codeOfConduct' }])) {
        findings.push({ code: 'harassment/code-of-conduct-not-found', args: { reference: missing.reference }, evidence: manifestEvidence(facts, missing.pointer) });
      }
    } else if (codeFiles.length === 0) {
      findings.push({ code: 'harassment/code-of-conduct-missing', evidence });
    }
    if (isPlaceholder(harassment.protection, 6)) findings.push({ code: 'harassment/protection-missing', evidence });
    if (isPlaceholder(harassment.underageSafety, 4)) findings.push({ code: 'harassment/underage-safety-missing', evidence });
    if (findings.length === 0) {
      const codeOfConduct = declaredCode ?? codeFiles[0] ?? '';
      findings.push({ code: 'harassment/declared', args: { codeOfConduct }, evidence: [...evidence, isUrl(codeOfConduct) ? { url: codeOfConduct } : { path: codeOfConduct }] });
    }
    return findings;
  },
};
