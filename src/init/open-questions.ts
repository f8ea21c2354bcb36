import type { Facts } from '../facts/types.js';
import { answerQuality } from '../indicators/helpers.js';
import type { DpgManifest } from '../manifest/types.js';

/** A question of the application the manifest does not answer yet: `check` fails until it is answered. */
export interface OpenQuestion {
  indicator: string;
  /** Where the answer goes in the manifest (`doNoHarm.privacy.piiLevel`). */
  field: string;
  /** What to answer, in a few words. */
  ask: string;
}

/** A free-text answer that `check` reads as no answer at all. */
const unanswered = (text: string | undefined): boolean => {
  const quality = answerQuality(text, 1);
  return quality === 'missing' || quality === 'placeholder';
};

/**
 * The questions a manifest leaves open, in the order init asks them: each one a `check` failure that
 * only a person can clear (which SDGs, whether PII is collected, who speaks for the project). It
 * follows the indicators' own conditions, so that what init lists is what check will report; what the
 * repository lacks (a licence file, a README of substance) is for check to say, not a question.
 */
export function openQuestions(manifest: Partial<DpgManifest>, facts?: Pick<Facts, 'copyrights' | 'community' | 'licenses'>): OpenQuestion[] {
  const open: OpenQuestion[] = [];
  const add = (indicator: string, field: string, ask: string): void => {
    open.push({ indicator, field, ask });
  };
  const categories = manifest.categories && manifest.categories.length > 0 ? manifest.categories : ['software'];

  const sdgs = manifest.sdgs ?? [];
  if (sdgs.length === 0) add('1', 'sdgs', 'which SDGs the solution is most relevant to, the targets it serves, how it advances each, and evidence');
  sdgs.forEach((sdg, index) => {
    if (unanswered(sdg.relevance)) add('1', `sdgs[${index}].relevance`, `how the solution advances SDG ${sdg.goal}, in a couple of sentences`);
  });

  // A licence file the repository has (readable or not) is for check to judge; the question is open when nothing names a licence.
  const licenceShown = (facts?.licenses.files.length ?? 0) > 0 || (facts?.licenses.declarations.length ?? 0) > 0;
  if ((manifest.licenses ?? []).length === 0 && !licenceShown)
    add('2', 'licenses', 'the open licence (an SPDX expression) and the file or URL that publishes it');

  const ownership = manifest.ownership ?? {};
  if ((ownership.owners ?? []).length === 0) add('3', 'ownership.owners', 'who owns the solution (an organisation, or the people who own it)');
  const copyright = (facts?.copyrights ?? []).some((line) => !line.placeholder);
  if ((ownership.evidence ?? []).length === 0 && !copyright)
    add('3', 'ownership.evidence', 'public evidence of ownership: a copyright notice, trademark or terms');
  if (categories.some((category) => category === 'content' || category === 'data')) {
    if (ownership.ownsAllContentAndData === undefined)
      add('3', 'ownership.ownsAllContentAndData', 'whether the owners own (or hold the licence to) all of the content and data');
    else if (ownership.ownsAllContentAndData === false && (ownership.redistributionEvidence ?? []).length === 0)
      add('3', 'ownership.redistributionEvidence', 'evidence of the right to redistribute the content and data the owners do not own');
  }

  const platform = manifest.platformIndependence ?? {};
  const components = platform.closedComponents ?? [];
  if (platform.hasClosedComponents === undefined && components.length === 0)
    add('4', 'platformIndependence.hasClosedComponents', 'whether it depends on closed components, and if so which, with their open alternatives');
  else if (platform.hasClosedComponents === true && components.length === 0 && unanswered(platform.description))
    add('4', 'platformIndependence.closedComponents', 'the closed components it depends on, with their open alternatives');
  components.forEach((component, index) => {
    if ((component.openAlternatives ?? []).length === 0 && component.mandatory !== false)
      add(
        '4',
        `platformIndependence.closedComponents[${index}].openAlternatives`,
        `the open alternatives to ${component.name} (or mandatory: false if it is optional)`,
      );
  });

  const data = manifest.dataExtraction ?? {};
  if (data.collectsNonPII === undefined)
    add('6', 'dataExtraction.collectsNonPII', 'whether it collects or uses non-personal data, and if so how it can be exported and in which open formats');
  else if (data.collectsNonPII && unanswered(data.mechanism))
    add('6', 'dataExtraction.mechanism', 'how the non-personal data can be exported or imported (APIs, exports)');

  const privacy = manifest.privacy ?? {};
  const laws = privacy.laws ?? [];
  if (laws.length === 0) add('7', 'privacy.laws', 'the privacy and other applicable laws it complies with, with evidence');
  else if ((privacy.evidence ?? []).length === 0 && laws.every((law) => (law.evidence ?? []).length === 0) && (facts?.community.privacy ?? []).length === 0)
    add('7', 'privacy.evidence', 'evidence of compliance: a privacy policy, terms or an assessment');

  const standards = manifest.standards ?? {};
  if ((standards.openStandards ?? []).length + (standards.bestPractices ?? []).length === 0)
    add('8', 'standards', 'the open standards and best practices it follows, each with evidence');
  if (categories.includes('ai-system') && !standards.aiRiskAssessment) add('8', 'standards.aiRiskAssessment', 'the AI risk assessment (a file or URL)');

  const pii = manifest.doNoHarm?.privacy ?? {};
  if (!pii.piiLevel) add('9a', 'doNoHarm.privacy.piiLevel', 'whether it collects, stores or distributes personally identifiable information (PII)');
  else if (pii.piiLevel !== 'none') {
    if ((pii.piiTypes ?? []).length === 0) add('9a', 'doNoHarm.privacy.piiTypes', 'which types of PII');
    if (unanswered(pii.protections)) add('9a', 'doNoHarm.privacy.protections', 'how the privacy, security and integrity of the PII are ensured');
  }

  const content = manifest.doNoHarm?.content ?? {};
  if (!content.level) add('9b', 'doNoHarm.content.level', 'whether it collects, stores or distributes content');
  else if (content.level !== 'none') {
    if ((content.types ?? []).length === 0) add('9b', 'doNoHarm.content.types', 'which types of content');
    if (content.level === 'collected-stored-distributed') {
      if (!content.moderationPolicy)
        add('9b', 'doNoHarm.content.moderationPolicy', 'the policy that identifies inappropriate and illegal content (a file or URL)');
      if (unanswered(content.process)) add('9b', 'doNoHarm.content.process', 'how inappropriate or illegal content is detected, reported and removed');
    }
  }

  const harassment = manifest.doNoHarm?.harassment ?? {};
  if (harassment.userInteraction === undefined) add('9c', 'doNoHarm.harassment.userInteraction', 'whether users or contributors can interact with each other');
  else if (harassment.userInteraction) {
    if (unanswered(harassment.protection) && !harassment.codeOfConduct && (facts?.community.codeOfConduct ?? []).length === 0)
      add('9c', 'doNoHarm.harassment.protection', 'how users can protect themselves from harassment (or a code of conduct)');
    if (unanswered(harassment.underageSafety)) add('9c', 'doNoHarm.harassment.underageSafety', 'how the safety of underage users is addressed');
  }

  if (!manifest.contact) add('7', 'contact', 'the person authorised to speak for the project on indicators 7-9: name, title, email');
  return open;
}

/** The open questions as init prints them, one a line. */
export function describeOpenQuestions(open: readonly OpenQuestion[]): string {
  return open.map((question) => `  ${question.indicator.padEnd(3)} ${question.field}: ${question.ask}`).join('\n');
}
