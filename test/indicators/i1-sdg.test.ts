import { sdgIndicator } from '../../src/indicators/i1-sdg.js';
import { testIndicator } from '../support/indicator-tester.js';

/** A small school-attendance app; each case changes its `sdgs:` answer. */
const FILES = {
  'README.md': '# Attendance Register\n\nTracks daily attendance in primary schools and flags pupils at risk of dropping out.\n',
  'docs/impact-2023.md': '# Impact 2023\n\nAttendance rose by 6% in the 40 pilot schools.\n',
};

const EDUCATION =
  'Head teachers see which pupils miss school repeatedly and follow up with their families, which keeps more children in primary school until they complete it (4.1).';

function manifest(sdgs: unknown[]): Record<string, unknown> {
  return { name: 'Attendance Register', categories: ['software'], sdgs };
}

testIndicator(sdgIndicator, {
  valid: [
    {
      name: 'one goal with targets, a relevance statement and a link',
      files: FILES,
      manifest: manifest([{ goal: 4, targets: ['4.1'], relevance: EDUCATION, evidence: ['https://attendance.example.org/impact'] }]),
      expect: [
        {
          code: 'sdg/declared',
          message: 'Declares relevance to SDG 4 (Quality education).',
          evidence: [{ path: 'dpg.yaml', line: 5 }, { url: 'https://attendance.example.org/impact' }],
        },
      ],
    },
    {
      name: 'evidence given as a report in the repository',
      files: FILES,
      manifest: manifest([{ goal: 4, targets: ['4.1', '4.a'], relevance: EDUCATION, evidence: ['docs/impact-2023.md'] }]),
      expect: ['sdg/declared'],
    },
    {
      name: 'a short relevance statement is for a reviewer, not a failure',
      files: FILES,
      manifest: manifest([{ goal: 4, relevance: 'Keeps children in school.', evidence: ['https://attendance.example.org/impact'] }]),
      expect: [
        'sdg/declared',
        { code: 'sdg/relevance-brief', status: 'review', message: 'The relevance statement for SDG 4 is brief: "Keeps children in school.".' },
      ],
    },
    {
      name: 'relevance given only as a link to a case study',
      files: FILES,
      manifest: manifest([{ goal: 4, evidence: ['Case study: https://attendance.example.org/impact'] }]),
      expect: [
        {
          code: 'sdg/relevance-link-only',
          message: 'SDG 4 (Quality education) has evidence (https://attendance.example.org/impact) but no statement of how the solution is relevant to it.',
        },
      ],
    },
    {
      name: 'every one of the 17 goals claimed',
      files: FILES,
      manifest: manifest(
        Array.from({ length: 17 }, (_, index) => ({ goal: index + 1, relevance: EDUCATION, evidence: ['https://attendance.example.org/impact'] })),
      ),
      expect: ['sdg/declared', { code: 'sdg/all-goals-claimed', evidence: [{ path: 'dpg.yaml', line: 5 }] }],
    },
  ],
  invalid: [
    {
      name: 'no manifest at all',
      files: FILES,
      expect: [{ code: 'sdg/none-declared', status: 'fail' }],
    },
    {
      name: 'a manifest without sdgs',
      files: FILES,
      manifest: { name: 'Attendance Register', categories: ['software'] },
      expect: [{ code: 'sdg/none-declared', evidence: [{ path: 'dpg.yaml' }] }],
    },
    {
      name: 'the same goal declared twice',
      files: FILES,
      manifest: manifest([
        { goal: 4, targets: ['4.1'], relevance: EDUCATION, evidence: ['https://attendance.example.org/impact'] },
        {
          goal: 4,
          targets: ['4.5'],
          relevance: 'Girls and boys are followed up alike, so absences of girls are not overlooked (4.5).',
          evidence: ['https://attendance.example.org/equity'],
        },
      ]),
      expect: [{ code: 'sdg/duplicate-goal', message: 'SDG 4 is declared more than once.' }],
    },
    {
      name: 'a target the UN does not define',
      files: FILES,
      manifest: manifest([{ goal: 4, targets: ['4.9'], relevance: EDUCATION, evidence: ['https://attendance.example.org/impact'] }]),
      expect: [{ code: 'sdg/unknown-target', message: "Target 4.9 is not one of the UN's SDG targets.", evidence: [{ path: 'dpg.yaml', line: 7, column: 9 }] }],
    },
    {
      name: 'a target listed under another goal',
      files: FILES,
      manifest: manifest([{ goal: 4, targets: ['3.8'], relevance: EDUCATION, evidence: ['https://attendance.example.org/impact'] }]),
      expect: [{ code: 'sdg/target-goal-mismatch', message: 'Target 3.8 belongs to SDG 3, but is listed under SDG 4.' }],
    },
    {
      name: 'a goal with neither statement nor evidence',
      files: FILES,
      manifest: manifest([{ goal: 4, targets: ['4.1'] }]),
      expect: ['sdg/relevance-missing', { code: 'sdg/evidence-missing', status: 'warn' }],
    },
    {
      name: 'a placeholder where the relevance should be',
      files: FILES,
      manifest: manifest([{ goal: 4, relevance: 'TODO', evidence: ['https://attendance.example.org/impact'] }]),
      expect: [{ code: 'sdg/relevance-placeholder', message: 'The relevance statement for SDG 4 is a placeholder: "TODO".' }],
    },
    {
      name: 'a good statement without evidence',
      files: FILES,
      manifest: manifest([{ goal: 4, targets: ['4.1'], relevance: EDUCATION }]),
      expect: [{ code: 'sdg/evidence-missing', message: 'SDG 4 has no evidence links.' }],
    },
    {
      name: 'evidence that points at a report the repository does not have',
      files: FILES,
      manifest: manifest([{ goal: 4, relevance: EDUCATION, evidence: ['docs/impact-2024.md', 'docs/impact-2023.md', 'reports/pilot.pdf'] }]),
      expect: [
        {
          code: 'sdg/evidence-not-found',
          message: 'Evidence for SDG 4 points at docs/impact-2024.md, reports/pilot.pdf, which are not in the repository.',
          evidence: [
            { path: 'dpg.yaml', line: 8 },
            { path: 'dpg.yaml', line: 10 },
          ],
        },
      ],
    },
  ],
});
