import type { Facts } from '../facts/types.js';
import { defineCodes, type DraftOf } from '../findings.js';
import { effectiveCategories, isUrl, manifestEvidence, manifestReferenceExists, missingReferences, readReference, referenceExists, urlsIn } from './helpers.js';
import { STANDARD_URL, type IndicatorModule } from './types.js';

/** Fewer words than this cannot tell a stranger how to install and run anything. */
export const MIN_README_WORDS = 150;
/** Fewer words than this say nothing, wherever else the documentation is. */
const MIN_POINTING_README_WORDS = 10;

const HOW_TO_HEADING =
  /\b(install(ation|ing)?|set ?up|getting started|get started|quick ?start|usage|using|how to (use|run)|run(ning)?|deploy(ment|ing)?|build(ing)?|develop(ment|ing)?|requirements|prerequisites|configuration|tutorial)\b/i;
const DATA_DICTIONARY = /(^|\/)(data[-_ ]?dictionary|codebook|schema|datapackage\.json|fields?|variables|metadata)[^/]*$/i;

const codes = defineCodes({
  'docs/readme-ok': {
    status: 'pass',
    title: 'README',
    description: 'A README of substance is at the root.',
    message: '{path} has {words} words and sections: {?sections:{sections}|none}.',
  },
  'docs/readme-missing': {
    status: 'fail',
    title: 'No README',
    description: 'A README is where a stranger starts; without one the solution cannot be launched by someone unfamiliar with it.',
    message: 'The repository has no README.',
    fix: 'Add README.md: what the solution is, how to install it, how to run it, where the documentation is.',
  },
  'docs/readme-unreadable': {
    status: 'fail',
    title: 'README not readable',
    description: 'A README that is binary or cannot be read is no documentation.',
    message: '{path} could not be read as text: {?reason:{reason}|a binary file}.',
    fix: 'Write the README as UTF-8 text (Markdown, reStructuredText or plain text).',
  },
  'docs/readme-too-short': {
    status: 'fail',
    title: 'README too short',
    description: `A README of fewer than ${MIN_README_WORDS} words cannot tell a stranger how to install and run the solution.`,
    message: '{path} is too short to document the solution: {words} of the {minimum} words expected.',
    fix: 'Describe what the solution does, its requirements, how to install, configure and run it, or link to documentation that does.',
  },
  'docs/readme-brief': {
    status: 'review',
    title: 'Brief README that points elsewhere',
    description: `A README of fewer than ${MIN_README_WORDS} words that points to installation or documentation elsewhere (a docs folder, a wiki, a documentation site) is terse, not missing: whether a stranger can launch the solution from what it points to is for a reviewer to judge.`,
    message: '{path} is brief ({words} words) and points to documentation at {links}.',
    question: 'Can a technical person unfamiliar with the project install and run it from {links}?',
    fix: 'Summarise requirements, installation and usage in the README itself, with the links for details.',
  },
  'docs/run-instructions-missing': {
    status: 'fail',
    title: 'No install or run instructions',
    description: 'Documentation must let a technical person unfamiliar with the project launch and run it.',
    message: '{path} has no installation, usage or getting-started section, and no documentation folder or link is declared.',
    fix: 'Add sections such as "Installation" and "Usage" to the README, or declare where the documentation lives under `documentation.links`.',
  },
  'docs/run-instructions-elsewhere': {
    status: 'review',
    title: 'Run instructions outside the README',
    description: 'The README has no install or usage section; the declared documentation may have it.',
    message: '{path} has no installation or usage section; documentation is at {links}.',
    question: 'Do the linked documents tell a technical stranger how to install and run the solution?',
  },
  'docs/not-declared': {
    status: 'warn',
    title: 'Documentation not declared',
    description: 'The application asks how and where the solution is documented.',
    message: 'The manifest does not say where the documentation is.',
    fix: 'Add `documentation: { links: [...] }` with the README, docs folder or documentation site.',
  },
  'docs/link-not-found': {
    status: 'fail',
    title: 'Declared documentation missing',
    description:
      'Documentation declared as a repository path must exist. (Text with a URL is documentation at that URL; only what looks like a path is looked for in the repository.)',
    message: 'Documentation points at {reference}, which {reference|is|are} not in the repository.',
    fix: 'Correct the path, add the document, or give a URL.',
  },
  'docs/data-fields-unverified': {
    status: 'review',
    title: 'Data fields not checked without the repository',
    description:
      'For data, documentation must describe all the fields. Checked without its repository, the application declares no data dictionary and none could be looked for: it may well be in the repository or on the data portal.',
    message: 'The solution is a data set; no data dictionary is declared (`documentation.dataFields`), and without the repository none could be looked for.',
    question: 'Is there documentation that describes every field of the data set, how the data was collected and how to interpret it?',
    fix: 'Declare the data dictionary as `documentation.dataFields`.',
  },
  'docs/data-fields-missing': {
    status: 'fail',
    title: 'Data fields not described',
    description: 'For data, documentation must describe all the fields in the set, how the data was collected and how it should be interpreted.',
    message: 'The solution is a data set, but no data dictionary is declared (`documentation.dataFields`) or found.',
    fix: 'Describe every field (a data dictionary, a datapackage.json or a schema) and declare it as `documentation.dataFields`.',
  },
});

/** A finding of this indicator: one of its codes, with the arguments its templates name. */
type Draft = DraftOf<typeof codes>;

export const documentationIndicator: IndicatorModule = {
  meta: {
    id: '5',
    title: 'Documentation',
    requirement:
      'Digital public goods require documentation of the source code, use cases, and/or functional requirements. For software, technical documentation that would allow a technical person unfamiliar with the project to launch and run it; for data, documentation that describes all the fields and how the data was collected and should be interpreted; for content, what is needed to access and use it.',
    url: STANDARD_URL,
  },
  codes,
  check(facts) {
    const findings: Draft[] = [];
    const declared = facts.manifest?.data?.documentation;
    const links = declared?.links ?? [];
    const categories = effectiveCategories(facts);
    // Install-and-run instructions are what software needs; a content collection or a data set needs
    // what it takes to access and use it, which a README of any shape can give.
    const runnable = categories.some((category) => category === 'software' || category === 'ai-system');
    if (facts.hasRepository) {
      const readme = facts.readme;
      const readmeProblem = facts.readProblems.find((problem) => /(^|\/)readme(\.\w+)?$/i.test(problem.path));
      const binaryReadme = [...facts.texts.values()].find((file) => file.binary && /(^|\/)readme(\.\w+)?$/i.test(file.path));
      if (readmeProblem || binaryReadme) {
        const path = readmeProblem?.path ?? binaryReadme?.path ?? 'README';
        findings.push({ code: 'docs/readme-unreadable', args: { path, reason: readmeProblem?.detail }, evidence: [{ path }] });
      } else if (!readme) {
        findings.push({ code: 'docs/readme-missing' });
      } else {
        const sections = readme.headings.filter((heading) => HOW_TO_HEADING.test(heading.text));
        const docsFolder = ['docs', 'doc', 'documentation', 'wiki'].find((folder) => referenceExists(facts, folder));
        // Where else the documentation is: declared links (not the README itself), links in the README, a docs folder.
        const pointers = unique([
          ...links.flatMap((link) => documentationPointer(link, facts)),
          ...readmeDocumentationLinks(readme.text, facts),
          ...(docsFolder ? [`${docsFolder}/`] : []),
        ]).filter((pointer) => pointer !== readme.path);
        if (readme.wordCount < MIN_README_WORDS) {
          // A README of a sentence or two that sends the reader on is terse; an empty one is no README.
          if (pointers.length > 0 && readme.wordCount >= MIN_POINTING_README_WORDS)
            findings.push({
              code: 'docs/readme-brief',
              args: { path: readme.path, words: readme.wordCount, links: pointers.slice(0, 4) },
              evidence: [{ path: readme.path }, ...manifestEvidence(facts, '/documentation')],
            });
          else
            findings.push({
              code: 'docs/readme-too-short',
              args: { path: readme.path, words: readme.wordCount, minimum: MIN_README_WORDS },
              evidence: [{ path: readme.path }],
            });
        }
        if (sections.length === 0 && runnable) {
          if (pointers.length > 0) {
            if (readme.wordCount >= MIN_README_WORDS)
              findings.push({
                code: 'docs/run-instructions-elsewhere',
                args: { path: readme.path, links: pointers.slice(0, 4) },
                evidence: [{ path: readme.path }, ...manifestEvidence(facts, '/documentation')],
              });
          } else {
            findings.push({ code: 'docs/run-instructions-missing', args: { path: readme.path }, evidence: [{ path: readme.path }] });
          }
        }
        if (readme.wordCount >= MIN_README_WORDS && (sections.length > 0 || !runnable)) {
          findings.push({
            code: 'docs/readme-ok',
            args: {
              path: readme.path,
              words: readme.wordCount,
              sections: (sections.length > 0 ? sections : readme.headings).map((heading) => heading.text).slice(0, 6),
            },
            evidence: (sections.length > 0 ? sections : readme.headings)
              .slice(0, 3)
              .map((heading) => ({ path: readme.path, line: heading.line, note: heading.text })),
          });
        }
      }
    }
    if (facts.manifest?.data && links.length === 0 && !declared?.summary) findings.push({ code: 'docs/not-declared', evidence: manifestEvidence(facts, '') });
    const references = links.map((reference, index) => ({ reference, pointer: `/documentation/links/${index}` }));
    if (declared?.dataFields) references.push({ reference: declared.dataFields, pointer: '/documentation/dataFields' });
    const missing = missingReferences(facts, references);
    // One finding per field, however many of its lines are missing.
    if (missing.length > 0)
      findings.push({
        code: 'docs/link-not-found',
        args: { reference: missing.map((entry) => entry.reference) },
        evidence: missing.flatMap((entry) => manifestEvidence(facts, entry.pointer)),
      });
    if (categories.includes('data') && !declared?.dataFields) {
      const found = facts.files.find((file) => DATA_DICTIONARY.test(file) && !isUrl(file));
      // Outside the repository is not absent: without one, a person looks.
      if (!found)
        findings.push({
          code: facts.hasRepository ? 'docs/data-fields-missing' : 'docs/data-fields-unverified',
          evidence: manifestEvidence(facts, '/documentation'),
        });
    }
    return findings;
  },
};

/** Where a declared documentation answer points: its URLs, or its path when the repository has it. */
function documentationPointer(answer: string, facts: Facts): string[] {
  const read = readReference(answer, facts);
  if (read.kind === 'url') return read.urls;
  if (read.kind === 'path' && manifestReferenceExists(facts, read.path)) return [read.path];
  return [];
}

/** A README line that names documentation or installation and links somewhere: "See the [install guide](docs/install.md)". */
const DOCUMENTATION_WORD = /\b(install(ation|ing)?|set ?up|getting started|documentation|docs|guide|manual|wiki|tutorial|deploy(ment)?|handbook)\b/i;
const MARKDOWN_LINK_TARGET = /\]\(([^()\s]{1,300})\)/g;

function readmeDocumentationLinks(text: string, facts: Facts): string[] {
  const found: string[] = [];
  for (const line of text.split('\n', 5000)) {
    if (line.length > 2000 || !DOCUMENTATION_WORD.test(line)) continue;
    for (const match of line.matchAll(MARKDOWN_LINK_TARGET)) {
      const target = match[1] as string;
      if (/\.(png|jpe?g|gif|svg)(\?|$)/i.test(target) || /shields\.io|badge/i.test(target)) continue;
      // A relative link counts only when the repository has what it points at: a dead link documents nothing.
      if (isUrl(target) || referenceExists(facts, target)) found.push(target.replace(/^\.\//, ''));
    }
    for (const url of urlsIn(line)) if (!/\.(png|jpe?g|gif|svg)(\?|$)/i.test(url) && !/shields\.io|badge/i.test(url)) found.push(url);
  }
  return unique(found);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
