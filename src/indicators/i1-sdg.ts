import { defineCodes, type DraftOf } from '../findings.js';
import { readPackageJson } from '../util/package-files.js';
import { answerQuality, evidenceKinds, excerpt, manifestEvidence, missingReferences, referenceEvidence } from './helpers.js';
import { STANDARD_URL, type IndicatorModule } from './types.js';

interface SdgData {
  goals: Array<{ goal: number; title: string; targets: string[] }>;
}

let goalTitles: Map<number, string> | undefined;
let targetIds: Set<string> | undefined;

function loadSdgs(): { titles: Map<number, string>; targets: Set<string> } {
  if (!goalTitles || !targetIds) {
    const data = readPackageJson<SdgData>('data/sdg-targets.json');
    goalTitles = new Map(data.goals.map(({ goal, title }) => [goal, title]));
    targetIds = new Set(data.goals.flatMap(({ targets }) => targets));
  }
  return { titles: goalTitles, targets: targetIds };
}

const codes = defineCodes({
  'sdg/declared': {
    status: 'pass',
    title: 'SDGs declared',
    description: 'The project names the SDGs it advances, each with a statement of how.',
    message: 'Declares relevance to SDG {goals}.',
  },
  'sdg/none-declared': {
    unanswered: true,
    status: 'fail',
    title: 'No SDG declared',
    description: 'Indicator 1 asks which SDGs the solution is most relevant to and how; without at least one, the application cannot be assessed.',
    message: 'The manifest declares no Sustainable Development Goal.',
    fix: 'Add `sdgs:` to the manifest with at least one goal (1-17), the targets it serves (such as "3.8") and a couple of sentences on how the solution advances it.',
  },
  'sdg/duplicate-goal': {
    status: 'fail',
    title: 'SDG declared twice',
    description: 'Each goal should appear once, with all of its targets and relevance in one place.',
    message: 'SDG {goal} is declared more than once.',
    fix: 'Merge the entries for SDG {goal} into one.',
  },
  'sdg/unknown-target': {
    status: 'fail',
    title: 'Unknown SDG target',
    description: "SDG targets are the UN's 169 target ids, such as 3.8 or 4.a; a target that does not exist cannot be assessed.",
    message: "Target {target} is not one of the UN's SDG targets.",
    fix: 'Use a target id listed at https://sdgs.un.org/goals/goal{goal}, or remove it.',
  },
  'sdg/target-goal-mismatch': {
    status: 'fail',
    title: 'Target under the wrong goal',
    description: 'A target belongs to the goal whose number it starts with.',
    message: 'Target {target} belongs to SDG {targetGoal}, but is listed under SDG {goal}.',
    fix: 'Move target {target} under SDG {targetGoal}.',
  },
  'sdg/relevance-missing': {
    status: 'fail',
    title: 'SDG without relevance statement',
    description:
      'The application asks, for each selected SDG, how the solution is relevant to it and its targets; here neither a statement nor evidence is given.',
    message: 'SDG {goal} ({title}) has no statement of how the solution is relevant to it.',
    fix: 'Add `relevance:` to SDG {goal}: a couple of sentences on how the solution advances its targets.',
  },
  'sdg/relevance-placeholder': {
    status: 'fail',
    title: 'SDG relevance is a placeholder',
    description: 'A relevance statement must say how the solution advances the goal; a placeholder (TODO, n/a, lorem ipsum) says nothing.',
    message: 'The relevance statement for SDG {goal} is a placeholder: "{text}".',
    fix: 'Replace it with a couple of sentences on how the solution advances SDG {goal} and which targets it serves.',
  },
  'sdg/relevance-brief': {
    status: 'review',
    title: 'SDG relevance is brief',
    description:
      'A relevance statement of a few words is an answer, but a terse one: whether it shows how the solution advances the goal is for a reviewer to judge, with its evidence.',
    message: 'The relevance statement for SDG {goal} is brief: "{text}".',
    question: 'Do "{text}" and its evidence show how the solution advances SDG {goal}?',
    fix: 'Say in a couple of sentences how the solution advances SDG {goal} and which targets it serves.',
  },
  'sdg/relevance-link-only': {
    status: 'review',
    title: 'SDG relevance given as a link',
    description:
      'The application gives evidence for the goal but no statement of how the solution is relevant to it: the answer is outside the repository, at the link.',
    message: 'SDG {goal} ({title}) has evidence ({evidence}) but no statement of how the solution is relevant to it.',
    question: 'Does {evidence} show how the solution advances SDG {goal}?',
    fix: 'Add `relevance:` to SDG {goal}: a couple of sentences on how the solution advances its targets.',
  },
  'sdg/evidence-missing': {
    status: 'warn',
    title: 'SDG relevance without evidence',
    description: 'Reviewers look for evidence of relevance: deployments, reports, case studies.',
    message: 'SDG {goal} has no evidence links.',
    fix: 'Add `evidence:` URLs to SDG {goal} that show the solution advancing it.',
  },
  'sdg/evidence-not-found': {
    status: 'fail',
    title: 'SDG evidence file missing',
    description: 'Evidence given as a repository path must exist in the repository.',
    message: 'Evidence for SDG {goal} points at {reference}, which {reference|is|are} not in the repository.',
    fix: 'Correct the path, add the file, or give a URL.',
  },
  'sdg/all-goals-claimed': {
    status: 'review',
    title: 'Every SDG claimed',
    description: 'The application asks for the SDGs the solution is MOST relevant to; claiming all 17 usually means the selection was not made.',
    message: 'The manifest claims all 17 SDGs.',
    question: 'Is the solution really most relevant to every goal, or should the list be narrowed to the goals it demonstrably advances?',
    fix: 'Keep only the goals the solution most directly advances.',
  },
});

/** A finding of this indicator: one of its codes, with the arguments its templates name. */
type Draft = DraftOf<typeof codes>;

export const sdgIndicator: IndicatorModule = {
  meta: {
    id: '1',
    title: 'Relevance to the Sustainable Development Goals',
    requirement: 'Digital public goods must demonstrate relevance to advancing the Sustainable Development Goals (SDGs).',
    url: STANDARD_URL,
  },
  codes,
  check(facts) {
    const sdgs = facts.manifest?.data?.sdgs ?? [];
    if (sdgs.length === 0) return [{ code: 'sdg/none-declared', evidence: manifestEvidence(facts, '') }];
    const { titles, targets } = loadSdgs();
    const findings: Draft[] = [];
    const seen = new Set<number>();
    sdgs.forEach((sdg, index) => {
      const pointer = `/sdgs/${index}`;
      const title = titles.get(sdg.goal) ?? '';
      if (seen.has(sdg.goal)) findings.push({ code: 'sdg/duplicate-goal', args: { goal: sdg.goal }, evidence: manifestEvidence(facts, pointer) });
      seen.add(sdg.goal);
      (sdg.targets ?? []).forEach((target, targetIndex) => {
        const targetPointer = `${pointer}/targets/${targetIndex}`;
        const targetGoal = Number(target.split('.')[0]);
        if (!targets.has(target))
          findings.push({ code: 'sdg/unknown-target', args: { target, goal: targetGoal }, evidence: manifestEvidence(facts, targetPointer) });
        else if (targetGoal !== sdg.goal)
          findings.push({ code: 'sdg/target-goal-mismatch', args: { target, targetGoal, goal: sdg.goal }, evidence: manifestEvidence(facts, targetPointer) });
      });
      const given = evidenceKinds(facts, sdg.evidence ?? []);
      const quality = answerQuality(sdg.relevance, 8);
      if (quality === 'missing') {
        const links = [...given.urls, ...given.paths];
        if (links.length > 0)
          findings.push({
            code: 'sdg/relevance-link-only',
            args: { goal: sdg.goal, title, evidence: links.slice(0, 3) },
            evidence: [...manifestEvidence(facts, pointer), ...(sdg.evidence ?? []).flatMap((reference) => referenceEvidence(reference, facts))],
          });
        else findings.push({ code: 'sdg/relevance-missing', args: { goal: sdg.goal, title }, evidence: manifestEvidence(facts, pointer) });
      } else if (quality === 'placeholder') {
        findings.push({
          code: 'sdg/relevance-placeholder',
          args: { goal: sdg.goal, text: excerpt(sdg.relevance as string, 80) },
          evidence: manifestEvidence(facts, `${pointer}/relevance`),
        });
      } else if (quality === 'brief') {
        findings.push({
          code: 'sdg/relevance-brief',
          args: { goal: sdg.goal, text: excerpt(sdg.relevance as string, 80) },
          evidence: [...manifestEvidence(facts, `${pointer}/relevance`), ...(sdg.evidence ?? []).flatMap((reference) => referenceEvidence(reference, facts))],
        });
      }
      if ((sdg.evidence ?? []).length === 0)
        findings.push({ code: 'sdg/evidence-missing', args: { goal: sdg.goal }, evidence: manifestEvidence(facts, pointer) });
      const references = (sdg.evidence ?? []).map((reference, evidenceIndex) => ({ reference, pointer: `${pointer}/evidence/${evidenceIndex}` }));
      const missing = missingReferences(facts, references);
      // One finding per field, however many of its lines are missing.
      if (missing.length > 0) {
        findings.push({
          code: 'sdg/evidence-not-found',
          args: { goal: sdg.goal, reference: missing.map((entry) => entry.reference) },
          evidence: missing.flatMap((entry) => manifestEvidence(facts, entry.pointer)),
        });
      }
    });
    if (seen.size === 17) findings.push({ code: 'sdg/all-goals-claimed', evidence: manifestEvidence(facts, '/sdgs') });
    const goals = [...seen].sort((a, b) => a - b);
    findings.unshift({
      code: 'sdg/declared',
      args: { goals: goals.map((goal) => `${goal} (${titles.get(goal) ?? '?'})`) },
      evidence: [
        ...manifestEvidence(facts, '/sdgs'),
        ...sdgs.flatMap((sdg) =>
          (sdg.evidence ?? []).flatMap((reference) => referenceEvidence(reference, facts)).filter((evidence) => evidence.url !== undefined),
        ),
      ].slice(0, 10),
    });
    return findings;
  },
};
