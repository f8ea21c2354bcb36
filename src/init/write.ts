import { isMap, isScalar, visit, type Document, type YAMLMap } from 'yaml';
import { manifestDocument } from '../convert/dpg-manifest.js';
import type { DpgManifest } from '../manifest/types.js';

/**
 * The answers only a person can give, written as explicit empty answers when init does not ask
 * (--yes): valid against the schema, so `check` reads the file and reports each one as missing.
 */
export function withEmptyAnswers(manifest: DpgManifest): DpgManifest {
  const doNoHarm = manifest.doNoHarm ?? {};
  return {
    ...manifest,
    sdgs: manifest.sdgs ?? [],
    ownership: manifest.ownership ?? {},
    platformIndependence: manifest.platformIndependence ?? {},
    documentation: manifest.documentation ?? {},
    dataExtraction: manifest.dataExtraction ?? {},
    privacy: { laws: [], ...manifest.privacy },
    standards: { openStandards: [], ...manifest.standards },
    doNoHarm: { privacy: doNoHarm.privacy ?? {}, content: doNoHarm.content ?? {}, harassment: doNoHarm.harassment ?? {} },
  };
}

/** Short comments that say what each field answers, in the Standard's terms. */
const COMMENTS: Record<string, string> = {
  name: 'Full name of the solution, as the DPG registry would show it.',
  description: 'A tweet-length description.',
  website: 'The solution\'s web pages (http(s) URLs).',
  repositories: 'Where the source (code, data, content or model) is hosted.',
  categories: 'software, content, data, ai-system: decides which licences indicator 2 accepts.',
  sdgs: 'Indicator 1: the SDGs the solution is MOST relevant to; for each: goal, targets, relevance, evidence.',
  licenses: 'Indicator 2: the open licences (SPDX expressions), what each covers and where it is published.',
  ownership: 'Indicator 3: who owns the solution, and public evidence of it (copyright, trademark).',
  platformIndependence: 'Indicator 4: closed components that create a proprietary dependency, with open alternatives (hasClosedComponents: false if none).',
  documentation: 'Indicator 5: documentation that lets a technical stranger launch and run the solution.',
  dataExtraction: 'Indicator 6: does it collect non-PII data (collectsNonPII), how it can be exported (mechanism), in which open formats.',
  privacy: 'Indicator 7: the privacy and other laws it complies with (laws: [{ name, evidence }]).',
  standards: 'Indicator 8: open standards and best practices, each with evidence.',
  doNoHarm: 'Indicator 9: 9a PII (piiLevel: none, collected, collected-stored, collected-stored-distributed), 9b content (level), 9c harassment (userInteraction).',
  contact: 'The person authorised to speak for the project on indicators 7-9: name, title, email.',
};

/** The questions still open, as a comment under the field: what `check` will report until answered. */
export const OPEN_QUESTIONS: Record<string, string> = {
  sdgs: 'To answer: which SDGs, and how the solution advances each (dpg-check init asks).',
  platformIndependence: 'To answer: hasClosedComponents (true/false), and closedComponents with openAlternatives.',
  dataExtraction: 'To answer: collectsNonPII (true/false); if true, mechanism and formats.',
  privacy: 'To answer: the laws complied with, with evidence.',
  standards: 'To answer: the open standards followed, with evidence.',
  doNoHarm: 'To answer: privacy.piiLevel, content.level and harassment.userInteraction, and what each level asks for.',
  contact: 'To answer: contact: { name: ..., title: ..., email: ... }',
};

/** dpg.yaml text: the schema line, a comment per field, and the open questions where answers are empty. */
export function renderManifest(manifest: DpgManifest, options: { openQuestions: boolean; detectedFrom?: Record<string, string> }): string {
  const document: Document = manifestDocument(manifest);
  const root = document.contents;
  if (isMap(root)) {
    for (const pair of (root as YAMLMap).items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const from = options.detectedFrom?.[key];
      const lines = [COMMENTS[key], from ? `Detected from ${from}; check it.` : undefined].filter((line): line is string => line !== undefined);
      if (options.openQuestions && OPEN_QUESTIONS[key] && isEmptyAnswer(manifest[key as keyof DpgManifest])) lines.push(OPEN_QUESTIONS[key] as string);
      if (lines.length > 0) pair.key.commentBefore = lines.map((line) => ` ${line}`).join('\n');
    }
  }
  // Text taken from the repository (a README title such as "$(touch x)") is written double-quoted
  // when it holds what a shell or a template would expand, so that nothing downstream reads it as code.
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && /[$`\\]/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  let text = document.toString({ lineWidth: 100 });
  if (options.openQuestions && !manifest.contact) text += `\n# ${COMMENTS.contact}\n# ${OPEN_QUESTIONS.contact}\n`;
  return text;
}

function isEmptyAnswer(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value !== null && typeof value === 'object') return Object.values(value).every(isEmptyAnswer);
  return false;
}
