import { defineCodes, type DraftOf } from '../findings.js';
import { effectiveCategories, evidenceKinds, excerpt, list, manifestEvidence, missingReferences, urlsIn } from './helpers.js';
import { STANDARD_URL, type IndicatorModule } from './types.js';

const codes = defineCodes({
  'standards/declared': {
    status: 'pass',
    title: 'Standards and practices declared',
    description: 'The project lists the open standards and best practices it follows.',
    message: 'Follows: {names}.',
  },
  'standards/not-declared': {
    unanswered: true,
    status: 'fail',
    title: 'No standards or best practices',
    description: 'The application asks which open standards and best practices the solution adheres to, with evidence.',
    message: 'The manifest lists no open standards and no best practices.',
    fix: 'Add `standards: { openStandards: [{ name, evidence }], bestPractices: [{ name, evidence }] }`.',
  },
  'standards/evidence-missing': {
    status: 'warn',
    title: 'Standard without evidence',
    description: 'Adherence is demonstrated with evidence: a validator, an open test suite, a specification file.',
    message: '"{name}" is declared without evidence of adherence.',
    fix: 'Add `evidence:` links for "{name}" (a validator result, a test suite, the specification file in the repository).',
  },
  'standards/evidence-not-found': {
    status: 'fail',
    title: 'Standards evidence file missing',
    description:
      'Evidence given as a repository path must exist. (Text with a URL is evidence at that URL; a statement is judged by a reviewer; neither is read as a path.)',
    message: 'Evidence for "{name}" points at {reference}, which {reference|is|are} not in the repository.',
    fix: 'Correct the path, add the file, or give a URL.',
  },
  'standards/adherence-review': {
    status: 'review',
    title: 'Adherence evidence to read',
    description: 'Links outside the repository and statements of how a standard is followed are evidence only a reviewer can read.',
    message: 'Adherence to {names} is shown outside the repository or in words ({count} answers).',
    question: 'Do the links and statements given show that the solution adheres to {names}?',
  },
  'standards/artefact-not-declared': {
    status: 'warn',
    title: 'Standard in use but not declared',
    description: 'The repository holds artefacts of an open standard that the manifest does not claim; declaring it is free evidence.',
    message: '{path} follows {standard}, which the manifest does not list.',
    fix: 'Add {standard} to `standards.openStandards` with {path} as evidence.',
  },
  'standards/no-ci': {
    status: 'warn',
    title: 'No continuous integration',
    description: 'Automated builds and tests are a basic best practice and evidence that the code works as documented.',
    message: 'No CI configuration was found (GitHub Actions, GitLab CI, ...).',
    fix: 'Add a CI workflow that builds the project and runs its tests.',
  },
  'standards/no-tests': {
    status: 'warn',
    title: 'No tests',
    description: 'Tests are evidence of quality and make the solution safer to adopt and change.',
    message: 'No test files were found.',
    fix: 'Add automated tests and run them in CI.',
  },
  'standards/ai-risk-assessment-missing': {
    status: 'fail',
    title: 'No AI risk assessment',
    description: 'Since Standard 1.1.7, AI systems must provide an AI risk assessment.',
    message: 'The solution is an AI system, but no AI risk assessment is linked.',
    fix: 'Publish an AI risk assessment and link it as `standards.aiRiskAssessment`.',
  },
});

/** A finding of this indicator: one of its codes, with the arguments its templates name. */
type Draft = DraftOf<typeof codes>;

export const standardsIndicator: IndicatorModule = {
  meta: {
    id: '8',
    title: 'Adherence to standards and best practices',
    requirement:
      'Digital public goods must be designed and developed to align with relevant standards, best practices and/or principles. AI systems must provide an AI risk assessment (Standard 1.1.7).',
    url: STANDARD_URL,
  },
  codes,
  check(facts) {
    const findings: Draft[] = [];
    const standards = facts.manifest?.data?.standards;
    const declared = [
      ...(standards?.openStandards ?? []).map((item, index) => ({ item, pointer: `/standards/openStandards/${index}` })),
      ...(standards?.bestPractices ?? []).map((item, index) => ({ item, pointer: `/standards/bestPractices/${index}` })),
    ];
    if (declared.length === 0) findings.push({ code: 'standards/not-declared', evidence: manifestEvidence(facts, '') });
    else
      findings.push({
        code: 'standards/declared',
        args: { names: declared.map(({ item }) => item.name) },
        evidence: manifestEvidence(facts, '/standards'),
      });
    const toRead: string[] = [];
    let answers = 0;
    for (const { item, pointer } of declared) {
      // "Agile development: https://…" carries its evidence in its name.
      const evidence = [...(item.evidence ?? []), ...urlsIn(item.name)];
      if (evidence.length === 0) findings.push({ code: 'standards/evidence-missing', args: { name: item.name }, evidence: manifestEvidence(facts, pointer) });
      const references = (item.evidence ?? []).map((reference, index) => ({ reference, pointer: `${pointer}/evidence/${index}` }));
      const missing = missingReferences(facts, references);
      // One finding per declared standard, however many of its evidence lines are missing.
      if (missing.length > 0)
        findings.push({
          code: 'standards/evidence-not-found',
          args: { name: item.name, reference: missing.map((entry) => entry.reference) },
          evidence: missing.flatMap((entry) => manifestEvidence(facts, entry.pointer)),
        });
      const kinds = evidenceKinds(facts, evidence);
      if (kinds.urls.length + kinds.statements.length > 0) {
        toRead.push(item.name);
        answers += kinds.urls.length + kinds.statements.length;
      }
    }
    if (toRead.length > 0)
      findings.push({
        code: 'standards/adherence-review',
        args: { names: excerpt(list(toRead), 200), count: answers },
        evidence: manifestEvidence(facts, '/standards'),
      });
    const declaredText = declared
      .map(({ item }) => `${item.name} ${(item.evidence ?? []).join(' ')}`)
      .join(' ')
      .toLowerCase();
    const reported = new Set<string>();
    for (const artefact of facts.standardArtefacts) {
      if (reported.has(artefact.standard)) continue;
      const key = artefact.standard.toLowerCase().split(/[ (]/)[0] ?? '';
      if (declaredText.includes(key) || declaredText.includes(artefact.path.toLowerCase())) continue;
      reported.add(artefact.standard);
      findings.push({
        code: 'standards/artefact-not-declared',
        args: { path: artefact.path, standard: artefact.standard },
        evidence: [{ path: artefact.path }],
      });
    }
    if (facts.hasRepository) {
      if (facts.ciConfigs.length === 0) findings.push({ code: 'standards/no-ci' });
      if (facts.tests.length === 0 && effectiveCategories(facts).some((category) => category === 'software' || category === 'ai-system'))
        findings.push({ code: 'standards/no-tests' });
    }
    if (effectiveCategories(facts).includes('ai-system') && !standards?.aiRiskAssessment)
      findings.push({ code: 'standards/ai-risk-assessment-missing', evidence: manifestEvidence(facts, '/standards') });
    return findings;
  },
};
