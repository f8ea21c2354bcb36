import { isMap, isScalar, visit, type Document, type YAMLMap } from 'yaml';
import { manifestDocument } from '../convert/dpg-manifest.js';
import type { DpgManifest } from '../manifest/types.js';
import type { OpenQuestion } from './open-questions.js';

// The schema line's reference is convert's (the same for a converted and an initialised manifest).
export { schemaReference, SCHEMA_IN_PACKAGE } from '../convert/dpg-manifest.js';

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
  website: "The solution's web pages (http(s) URLs).",
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
  doNoHarm:
    'Indicator 9: 9a PII (piiLevel: none, collected, collected-stored, collected-stored-distributed), 9b content (level), 9c harassment (userInteraction).',
  contact: 'The person authorised to speak for the project on indicators 7-9: name, title, email.',
};

/**
 * dpg.yaml text: the schema line, a comment per field, and under each field the questions it leaves
 * open ("To answer: ..."), so that the empty answers init writes are marked as what they are.
 */
export function renderManifest(
  manifest: DpgManifest,
  options: { schema: string; open?: readonly OpenQuestion[]; detectedFrom?: Record<string, string> },
): string {
  const document: Document = manifestDocument(manifest);
  document.commentBefore = ` yaml-language-server: $schema=${options.schema}`;
  const open = options.open ?? [];
  const root = document.contents;
  if (isMap(root)) {
    for (const pair of (root as YAMLMap).items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const from = options.detectedFrom?.[key];
      const lines = [COMMENTS[key], from ? `Detected from ${from}; check it.` : undefined].filter((line): line is string => line !== undefined);
      for (const question of open.filter((candidate) => topLevel(candidate.field) === key)) {
        const rest = question.field.slice(key.length).replace(/^\./, '');
        lines.push(`To answer: ${rest === '' ? '' : `${rest}: `}${question.ask}.`);
      }
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
  if (!manifest.contact && open.some((question) => question.field === 'contact'))
    text += `\n# ${COMMENTS.contact}\n# To answer: contact: { name: ..., title: ..., email: ... }\n`;
  return text;
}

function topLevel(field: string): string {
  return field.split(/[.[]/, 1)[0] ?? field;
}
