import { harassmentIndicator } from '../../src/indicators/i9c-harassment.js';
import { testIndicator } from '../support/indicator-tester.js';

/** A peer-tutoring forum for secondary-school pupils; each case changes `doNoHarm.harassment:`. */
const README = '# Study Circle\n\nPupils ask questions and volunteer tutors answer them in moderated threads.\n';
const CODE_OF_CONDUCT =
  '# Contributor Covenant Code of Conduct\n\n## Our Pledge\n\nWe pledge to make participation in our community a harassment-free experience for everyone.\n';
const CONTRIBUTING = '# Contributing\n\nPull requests are welcome: open an issue first to discuss what you would like to change.\n';

const PROTECTION = 'Users can block others and report any message; reports reach a moderator within a day, who can hide messages and suspend accounts.';
const UNDERAGE = 'Pupils under 16 join through their school, with parental consent; private messages between adults and minors are disabled.';

function manifest(harassment?: Record<string, unknown>): Record<string, unknown> {
  return { name: 'Study Circle', categories: ['software'], ...(harassment ? { doNoHarm: { harassment } } : {}) };
}

testIndicator(harassmentIndicator, {
  valid: [
    {
      name: 'no user interaction and a code of conduct for contributors',
      files: { 'README.md': README, 'CODE_OF_CONDUCT.md': CODE_OF_CONDUCT, 'CONTRIBUTING.md': CONTRIBUTING },
      manifest: manifest({ userInteraction: false }),
      expect: [{ code: 'harassment/no-interaction', message: 'Declares that the solution does not facilitate interactions between users or contributors.' }],
    },
    {
      name: 'interaction protected by a code of conduct and a described process',
      files: { 'README.md': README, 'CODE_OF_CONDUCT.md': CODE_OF_CONDUCT },
      manifest: manifest({ userInteraction: true, codeOfConduct: 'CODE_OF_CONDUCT.md', protection: PROTECTION, underageSafety: UNDERAGE }),
      expect: [
        {
          code: 'harassment/declared',
          message:
            'Users interact and a process protects them: code of conduct CODE_OF_CONDUCT.md; Users can block others and report any message; reports reach a moderator within a day, who can hide….',
          evidence: [{ path: 'CODE_OF_CONDUCT.md' }],
        },
        { code: 'harassment/protection-review', status: 'review' },
      ],
    },
    {
      name: 'a code of conduct found in the repository is a process',
      files: { 'README.md': README, '.github/CODE_OF_CONDUCT.md': CODE_OF_CONDUCT },
      manifest: manifest({ userInteraction: true, underageSafety: UNDERAGE }),
      expect: [
        { code: 'harassment/declared', message: 'Users interact and a process protects them: code of conduct .github/CODE_OF_CONDUCT.md.' },
        {
          code: 'harassment/protection-review',
          message: /^Users interact; protection: "none described beyond the code of conduct"; underage users: "Pupils under 16 join through their school/,
        },
      ],
    },
    {
      name: 'the safety of underage users described in a few words',
      files: { 'README.md': README, 'CODE_OF_CONDUCT.md': CODE_OF_CONDUCT },
      manifest: manifest({ userInteraction: true, codeOfConduct: 'CODE_OF_CONDUCT.md', protection: PROTECTION, underageSafety: 'Parental consent required.' }),
      expect: [
        'harassment/declared',
        { code: 'harassment/protection-brief', message: 'Users interact; the safety of underage users is described briefly: "Parental consent required.".' },
      ],
    },
    {
      name: 'users do not interact, but contributors are invited and there is no code of conduct',
      files: { 'README.md': README, 'CONTRIBUTING.md': CONTRIBUTING },
      manifest: manifest({ userInteraction: false }),
      expect: [
        'harassment/no-interaction',
        {
          code: 'harassment/contributors-interact',
          message: 'The manifest says users do not interact, but CONTRIBUTING.md invites contributions and the repository has no code of conduct.',
          evidence: [{ path: 'CONTRIBUTING.md' }],
        },
      ],
    },
  ],
  invalid: [
    {
      name: 'the manifest does not say',
      files: { 'README.md': README },
      manifest: manifest(),
      expect: [{ code: 'harassment/not-declared', status: 'fail' }],
    },
    {
      name: 'users interact with no protection and nothing for minors',
      files: { 'README.md': README },
      manifest: manifest({ userInteraction: true }),
      expect: [
        'harassment/protection-missing',
        { code: 'harassment/underage-safety-missing', message: 'Users interact, but how underage users are kept safe is not described.' },
      ],
    },
    {
      name: 'a protection process in three words and no code of conduct',
      files: { 'README.md': README },
      manifest: manifest({ userInteraction: true, protection: 'Moderators review reports.', underageSafety: UNDERAGE }),
      expect: [
        { code: 'harassment/protection-brief', status: 'review', message: 'Users interact; protection is described briefly: "Moderators review reports.".' },
      ],
    },
    {
      name: 'a declared code of conduct the repository does not have',
      files: { 'README.md': README },
      manifest: manifest({ userInteraction: true, codeOfConduct: 'docs/CODE_OF_CONDUCT.md', protection: PROTECTION, underageSafety: UNDERAGE }),
      expect: [
        { code: 'harassment/code-of-conduct-not-found', message: 'The code of conduct points at docs/CODE_OF_CONDUCT.md, which is not in the repository.' },
      ],
    },
  ],
});
