import { FOREIGN_CODE } from '../facts/foreign-code.js';
import type { Facts } from '../facts/types.js';
import { defineCodes, type DraftOf, type Evidence } from '../findings.js';
import { approveExpression } from '../licenses/approval.js';
import type { InventoryPart, LicenseDeclaration, LicenseFileFact, LicenseInventoryEntry } from '../licenses/types.js';
import type { LicenseCoverage } from '../manifest/types.js';
import { coveragesFor, declaredCategories, effectiveCategories, manifestEvidence } from './helpers.js';
import { STANDARD_URL, type IndicatorModule } from './types.js';

const AI_COVERAGES: ReadonlySet<LicenseCoverage> = new Set(['model-weights', 'training-code', 'training-data']);
const ANY_CATEGORY: readonly LicenseCoverage[] = ['software', 'content', 'data'];

const codes = defineCodes({
  'license/approved': {
    status: 'pass',
    title: 'Approved licence',
    description: 'The licence is on the approved list for the category.',
    message: '{expression} is an approved licence for {category}.',
  },
  'license/file-identified': {
    status: 'pass',
    title: 'Licence file identified',
    description: 'The licence text was identified against the SPDX licence list.',
    message: '{path} holds {id} ({matcher} match, {confidence}% confidence{?alternatives:; the same text as {alternatives}}).',
  },
  'license/none-found': {
    status: 'fail',
    title: 'No licence',
    description: 'Without a licence nobody may use, change or share the work: it cannot be a digital public good.',
    message: 'No licence file and no licence declaration were found.',
    fix: 'Add a LICENSE file with the full text of an approved open licence (for software, an OSI-approved one such as Apache-2.0, MIT or GPL-3.0-or-later) and declare it under `licenses:` in the manifest.',
  },
  'license/file-missing': {
    status: 'fail',
    title: 'Licence declared but not in the repository',
    description: 'The application asks for evidence of the licence; the usual evidence is its text in the repository.',
    message: '{source} {?notice:says|declares} {expression}, but the repository carries no licence file.',
    fix: 'Add the full text of {expression} as LICENSE at the repository root (or under LICENSES/ for several licences).',
  },
  'license/not-declared': {
    status: 'warn',
    title: 'Licence not declared in the manifest',
    description: 'The application asks which licences the solution uses and what each covers; the manifest is where dpg-check reads that answer.',
    message: 'The repository carries {expression}, but the manifest declares no licence.',
    fix: 'Add `licenses: [{ expression: "{expression}", evidence: LICENSE }]` to the manifest.',
  },
  'license/categories-not-declared': {
    status: 'warn',
    title: 'Categories not declared',
    description: 'Which licences are approved depends on the category (software, content, data, standard, AI system).',
    message: 'The manifest declares no `categories`; licences are judged as software.',
    fix: 'Add `categories:` to the manifest: one or more of software, content, data, standard, ai-system.',
  },
  'license/not-approved': {
    status: 'fail',
    title: 'Licence not approved',
    description:
      'Only approved open licences qualify: OSI-approved for software, Creative Commons for content, Open Data Commons or CC-BY / CC-BY-SA / CC0 for data, either an OSI or a Creative Commons licence for an open standard.',
    message: '{expression} is not an approved licence for {category} ({rejected} not approved).',
    fix: 'Relicense the {category} under an approved licence; see https://opensource.org/licenses (software), https://creativecommons.org/licenses/ (content), https://opendefinition.org/licenses/ (data).',
  },
  'license/discouraged': {
    status: 'warn',
    title: 'Non-commercial licence',
    description: 'The DPGA accepts CC BY-NC and BY-NC-SA for content but encourages licences that allow commercial reuse (CC BY, CC BY-SA, CC0).',
    message: '{expression} is accepted for {category} but discouraged: it forbids commercial reuse.',
    fix: 'Consider CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0.',
  },
  'license/invalid-expression': {
    status: 'fail',
    title: 'Licence is not a valid SPDX expression',
    description: 'Licences are named by SPDX expressions so that tools and reviewers read them the same way.',
    message: '{source} declares "{raw}", which is not a valid SPDX licence expression.',
    fix: 'Use an SPDX id or expression from https://spdx.org/licenses/, such as "Apache-2.0" or "MIT OR Apache-2.0".',
  },
  'license/deprecated-id': {
    status: 'warn',
    title: 'Deprecated SPDX id',
    description:
      'Deprecated ids are ambiguous: a bare GPL-3.0 does not say whether later versions are allowed. dpg-check reads it as SPDX does (GPL-3.0-only) and lets it match a licence text of either variant, but the declaration should be explicit.',
    message: '{source} uses "{raw}": {note}.',
    fix: 'Write "{expression}" (or the -or-later form if that is what the project grants).',
  },
  'license/nonstandard-id': {
    status: 'warn',
    title: 'Licence not written as SPDX',
    description: 'A licence written in words or an old shorthand ("Apache 2", "MIT/Apache-2.0") is read by a best guess; an SPDX expression says it exactly.',
    message: '{source} says "{raw}": {note}.',
    fix: 'Write the SPDX expression "{expression}".',
  },
  'license/category-not-covered': {
    status: 'fail',
    title: 'Category without a licence',
    description:
      'Every category the solution belongs to needs an approved licence; since Standard 1.1.7 content and data collections must be fully openly licensed.',
    message: 'No declared licence covers the {category} of the solution.',
    fix: 'Add a licence with `covers: [{category}]` to the manifest.',
  },
  'license/ai-coverage-missing': {
    status: 'fail',
    title: 'AI component without an open licence',
    description: 'Since Standard 1.1.7 an AI system qualifies only when its model weights, training code and training data are all openly licensed.',
    message: "No declared licence covers the AI system's {coverage}.",
    fix: 'Publish the {coverage} under an open licence and declare it with `covers: [{coverage}]`.',
  },
  'license/mismatch': {
    status: 'fail',
    title: 'Declared licence not in the repository',
    description: 'What a project declares must match the licence it actually ships; a reviewer will reject a declaration the files contradict.',
    message: '{source} declares {id}, but no licence file in the repository holds it (found: {found}).',
    fix: 'Make the declaration and the licence files agree: correct the declaration, or add the licence text of {id}.',
  },
  'license/declared-elsewhere': {
    status: 'review',
    title: 'Content or data licence not in this repository',
    description:
      'A licence for content or data (Creative Commons, Open Data Commons) often covers material published elsewhere (a content platform, a data portal), not the code repository: its absence here is not a contradiction, but where it applies is for a reviewer to confirm.',
    message: '{source} declares {id}, a licence for content or data; no file in this repository holds it (found: {found}).',
    question: 'Where is the {id}-licensed content or data published, and does it say it is licensed under {id}?',
    fix: 'State where the {id} material is and add `covers:` to the declaration; add the licence text if the material is in this repository.',
  },
  'license/part-not-open': {
    status: 'fail',
    title: 'Part of a collection not openly licensed',
    description:
      "Since Standard 1.1.7 content and data collections (and AI systems) qualify only when they are fully openly licensed: a licence anywhere in the repository (a folder's licence file, a REUSE.toml annotation, a `.license` file) that grants less than an open licence (no derivatives, proprietary terms) takes the part it covers out of the open collection.",
    message: '{path} puts {?root:the repository|{?applies:{applies/ and }|the material it names}} under {id}, which is not an open licence for {category}.',
    fix: 'Relicense {?root:the repository|{?applies:{applies/ and }|the material it names}} under an approved licence (CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0), or remove it from the collection.',
  },
  'license/part-other-category': {
    status: 'review',
    title: 'Part licensed for another category',
    description:
      "A licence that is open, but not on the approved list for the part it covers (a software licence on a data folder), may still be acceptable: the folder's name may not say what it holds. A reviewer decides.",
    message:
      '{path} puts {?root:the repository|{?applies:{applies/ and }|the material it names}} under {id}, which is open but not on the list for {category} (the part is read from its {readFrom}).',
    question: 'Is {?root:the repository|{?applies:{applies/ and }|the material it names}} {category}, and is {id} acceptable for it?',
    fix: 'License {?root:the repository|{?applies:{applies/ and }|the material it names}} under a licence approved for {category}, or say in the manifest what it is (`licenses: [{ expression: {id}, covers: [...] }]`).',
  },
  'license/annotations-unreadable': {
    status: 'warn',
    title: 'REUSE annotations not read',
    description:
      'A REUSE.toml that is not valid TOML says nothing reliable about which files are under which licence: neither dpg-check nor the `reuse` tool can read it.',
    message: '{where} could not be read ({problem}); the licences it gives to files are not known.',
    fix: 'Correct {path} (`reuse lint` checks it).',
  },
  'license/rights-reserved': {
    status: 'review',
    title: 'Rights reserved in a collection',
    description:
      'Since Standard 1.1.7 a collection qualifies only when fully openly licensed: material marked "All rights reserved" or "used with permission", with no licence beside it, is not openly licensed unless a licence elsewhere covers it.',
    message: '{where} reserves rights over {?root:the repository|{?applies:{applies/ and }|the material it names}} ("{excerpt}") and grants no licence.',
    question:
      'Is {?root:the repository|{?applies:{applies/ and }|the material it names}} under an open licence stated elsewhere, or must it be relicensed or removed?',
    fix: 'Put {?root:the repository|{?applies:{applies/ and }|the material it names}} under an approved open licence (and say so beside it), or remove it from the collection.',
  },
  'license/model-card-not-open': {
    status: 'fail',
    title: 'Model card licence not open',
    description:
      "A Hugging Face model or dataset card states its licence in the README's front matter (`license:`). Since Standard 1.1.7 an AI system qualifies only with openly licensed model weights, training code and training data.",
    message: '{path} (the model card) licenses the {what} under "{license}", which is not an open licence for {coverage}.',
    fix: 'Publish the {what} under an open licence (for weights: an OSI-approved licence, CC-BY-4.0 or CC0-1.0) and say so in the card.',
  },
  'license/file-not-declared': {
    status: 'warn',
    title: 'Licence file not declared',
    description: 'Every licence the repository ships should be declared with what it covers, so reviewers know which parts it applies to.',
    message: '{path} holds {id}, which no declaration names.',
    fix: 'Declare {id} in the manifest with what it covers, or remove the file if it does not apply.',
  },
  'license/file-differs': {
    status: 'review',
    title: 'Licence text differs slightly',
    description:
      'The text matches a licence closely but not exactly: a rendering or wording variant, or a small change to the terms that a reviewer must rule out.',
    message: '{path} is {id} with small differences ({confidence}% similar; the longest differing passage is {words} words).',
    question: 'Do the differences change the terms? `dpg-check licenses --diff {path}` lists them.',
    fix: 'Use the unmodified text of {id}.',
  },
  'license/file-empty': {
    status: 'warn',
    title: 'Licence file without a licence',
    description: 'A file named like a licence that holds no licence text (empty, or only a copyright line) grants nothing.',
    message: '{path} holds no licence text.',
    fix: 'Put the full text of the licence in {path}, or remove it.',
  },
  'license/variant-undecided': {
    status: 'warn',
    title: '-only or -or-later not stated',
    description: 'The GNU licence texts are the same whether or not later versions are allowed; only a declaration or notice says which the project grants.',
    message: '{path} holds a text that is {ids/ or }; nothing in the repository says which.',
    fix: 'Declare the exact id in the manifest (or package manifest), or add the licence notice ("either version 3 of the License, or (at your option) any later version") to the README.',
  },
  'license/notice-mismatch': {
    status: 'warn',
    title: 'README or COPYRIGHT names another licence',
    description:
      'A README or a COPYRIGHT file that names a different licence from the licence files (a COPYRIGHT saying GPL-2.0 beside a COPYING holding the GPL-3.0) leaves users and reviewers to guess which applies.',
    message: '{path} says {id}, but the licence files hold {found}.',
    fix: 'Make {path} and the licence files agree.',
  },
  'license/text-not-included': {
    status: 'warn',
    title: 'Licence named but its text not included',
    description:
      'A licence file that only names the licence and points at its text (a notice, a link) is weaker evidence than the text itself, and most licences ask that their text ship with the work.',
    message: '{path} names {id} but does not hold its text.',
    fix: 'Put the full text of {id} in {path} (the notice can stay in the README or the source headers).',
  },
  'license/file-unidentified': {
    status: 'review',
    title: 'Licence text not identified',
    description: 'The text matches no licence of the SPDX list closely enough: it may be modified, custom or incomplete.',
    message: '{path} could not be identified as any SPDX licence{?closest:; it resembles {closest} ({similarity}%)}.',
    question: 'Is this an approved open licence, unmodified? `dpg-check licenses --diff {path}` shows how it differs from the closest licence.',
    fix: 'Use the unmodified text of an approved licence.',
  },
  'license/no-readable-file': {
    status: 'fail',
    title: 'No readable licence file',
    description:
      'A licence file that cannot be read safely (a link out of the repository, a binary, a FIFO) is no evidence; with no other licence file, the repository shows no licence.',
    message: 'No licence file of the project could be read ({paths}){?declared:; {declaredIn} declares {declared}}.',
    fix: 'Replace {first} with the full text of the licence, as a regular text file inside the repository.',
  },
  'license/file-unreadable': {
    status: 'warn',
    title: 'Licence file not read',
    description: 'A licence file that cannot be read safely (a link out of the repository, a binary) is no evidence.',
    message: '{path} was not read: {reason}.',
    fix: 'Replace {path} with the licence text itself.',
  },
});

/** A finding of this indicator: one of its codes, with the arguments its templates name. */
type Draft = DraftOf<typeof codes>;

export const licenseIndicator: IndicatorModule = {
  meta: {
    id: '2',
    title: 'Use of approved open licences',
    requirement:
      'Digital public goods must demonstrate the use of an approved open licence: OSI-approved licences for software, Creative Commons for content, Open Data Commons (or CC-BY, CC-BY-SA, CC0) for data; AI systems need open model weights, training code and training data.',
    url: STANDARD_URL,
  },
  codes,
  check(facts) {
    const findings: Draft[] = [];
    const { files, declarations } = facts.licenses;
    if (facts.manifest?.data && !declaredCategories(facts)) findings.push({ code: 'license/categories-not-declared', evidence: manifestEvidence(facts, '') });

    const fullyOpen = fullyOpenFindings(facts);
    const readable: LicenseFileFact[] = [];
    for (const file of files) {
      if (file.unreadable)
        findings.push({ code: 'license/file-unreadable', args: { path: file.path, reason: file.unreadable }, evidence: [{ path: file.path }] });
      else readable.push(file);
    }
    for (const file of readable) {
      if (file.role === 'empty') findings.push({ code: 'license/file-empty', args: { path: file.path }, evidence: [{ path: file.path }] });
      else if (file.role === 'included' || file.role === 'stub' || fullyOpen.failed.has(file.path)) continue;
      else if (file.spdx === 'NOASSERTION')
        findings.push({
          code: 'license/file-unidentified',
          args: { path: file.path, closest: file.closest?.spdx, similarity: file.closest?.confidence },
          evidence: [{ path: file.path }],
        });
      else {
        // Text cannot tell GPL-3.0-only from -or-later: say which ids share the text.
        findings.push({
          code: 'license/file-identified',
          args: { path: file.path, id: file.spdx, matcher: file.matcher, confidence: Math.round(file.confidence * 10) / 10, alternatives: file.alternatives },
          evidence: [{ path: file.path }],
        });
        if (file.noticeKind && isProjectLevel(file))
          findings.push({ code: 'license/text-not-included', args: { path: file.path, id: file.spdx }, evidence: [{ path: file.path }] });
        if (file.matcher === 'dice')
          findings.push({
            code: 'license/file-differs',
            args: { path: file.path, id: file.spdx, confidence: Math.round(file.confidence * 10) / 10, words: file.longestChange ?? 0 },
            evidence: [{ path: file.path }],
          });
        if (file.variant && 'undecided' in file.variant)
          findings.push({
            code: 'license/variant-undecided',
            args: { path: file.path, ids: [file.spdx, ...(file.alternatives ?? [])] },
            evidence: [{ path: file.path }],
          });
      }
    }

    const valid: LicenseDeclaration[] = [];
    for (const declaration of declarations) {
      const evidence = declarationEvidence(declaration);
      if (declaration.expression === 'NOASSERTION') {
        findings.push({ code: 'license/invalid-expression', args: { source: declaration.path, raw: declaration.raw }, evidence });
        continue;
      }
      valid.push(declaration);
      const deprecated = declaration.notes.find((note) => note.startsWith('deprecated id') || /\+ read as/.test(note));
      const nonstandard = declaration.notes.find((note) => /not an SPDX id; read as|^"[^"]*\/[^"]*" read as/.test(note));
      if (deprecated)
        findings.push({
          code: 'license/deprecated-id',
          args: { source: declaration.path, raw: declaration.raw, note: deprecated, expression: declaration.expression },
          evidence,
        });
      else if (nonstandard)
        findings.push({
          code: 'license/nonstandard-id',
          args: { source: declaration.path, raw: declaration.raw, note: nonstandard, expression: declaration.expression },
          evidence,
        });
    }

    const projectFiles = readable.filter((file) => isProjectLevel(file) && file.role !== 'empty' && file.role !== 'included');
    // Files that show no licence whoever reads them; a failed read (permissions, a git error) proves nothing.
    const unreadableProjectFiles = files.filter((file) => file.unreadable && file.unreadableReason !== 'unreadable' && isProjectLevel(file));
    if (projectFiles.length === 0 && unreadableProjectFiles.length > 0) {
      // A LICENSE that links out of the repository (or is a binary, a FIFO) shows no licence: the
      // warning about the file alone would let indicator 2 pass on the declarations.
      const first = valid[0];
      findings.push({
        code: 'license/no-readable-file',
        args: {
          paths: unreadableProjectFiles.map((file) => file.path),
          first: unreadableProjectFiles[0]?.path ?? 'LICENSE',
          declared: first?.expression,
          declaredIn: first?.path,
        },
        evidence: unreadableProjectFiles.map((file) => ({ path: file.path })),
      });
    }
    // A README statement or a COPYRIGHT notice names a licence as a declaration does.
    const notice = facts.licenses.notices[0];
    if (projectFiles.length === 0 && valid.length === 0 && !notice) {
      if (declarations.length === 0 && files.length === 0) findings.push({ code: 'license/none-found' });
      return findings;
    }
    if (projectFiles.length === 0 && facts.hasRepository && files.every((file) => !file.unreadable)) {
      const first = valid[0];
      if (first)
        findings.push({
          code: 'license/file-missing',
          args: { source: first.path, expression: first.expression },
          evidence: declarationEvidence(first),
        });
      else if (notice)
        findings.push({
          code: 'license/file-missing',
          args: { source: notice.path, notice: notice.kind, expression: notice.spdx },
          evidence: [{ path: notice.path, ...(notice.line !== undefined ? { line: notice.line } : {}), note: notice.excerpt }],
        });
    }

    const manifestDeclarations = valid.filter((declaration) => declaration.source === 'dpg-manifest');
    const detectedExpression = /^(NONE|NOASSERTION)$/.test(facts.licenses.expression) ? undefined : facts.licenses.expression;
    if (facts.manifest?.data && manifestDeclarations.length === 0 && detectedExpression) {
      findings.push({ code: 'license/not-declared', args: { expression: detectedExpression }, evidence: manifestEvidence(facts, '') });
    }

    findings.push(...approvalFindings(facts, licenseClaims(facts, manifestDeclarations, valid, projectFiles)));
    findings.push(...fullyOpen.findings);
    for (const problem of facts.licenses.inventory.problems) {
      const where = problem.line !== undefined ? `${problem.path}:${problem.line}` : problem.path;
      findings.push({
        code: 'license/annotations-unreadable',
        args: { where, path: problem.path, problem: problem.message },
        evidence: [{ path: problem.path, ...(problem.line !== undefined ? { line: problem.line } : {}) }],
      });
    }
    findings.push(...conflictFindings(facts));
    return findings;
  },
};

/**
 * Whether a file speaks for the project: the engine says so (root, LICENSES/, or the only licence files
 * one level down); facts made without that answer fall back on the folder.
 */
function isProjectLevel(file: LicenseFileFact): boolean {
  return file.scope ? file.scope === 'project' : file.folder === '' || /(^|\/)LICENSES$/.test(file.folder);
}

function declarationEvidence(declaration: LicenseDeclaration): Evidence[] {
  return [{ path: declaration.path, ...(declaration.line !== undefined ? { line: declaration.line } : {}), note: `${declaration.source}: ${declaration.raw}` }];
}

/** A licence said to apply to the project, what it says it covers (if it says), and where it is said. */
interface LicenseClaim {
  expression: string;
  covers?: readonly LicenseCoverage[];
  evidence: Evidence[];
}

/**
 * What the project's licences are, for approval: the manifest's declarations; without any, the parts
 * the licence engine found (each with the part of the project its file name or sentence names:
 * LICENSE-DATA.txt covers the data); without those, a package manifest's declaration.
 */
function licenseClaims(facts: Facts, manifestDeclarations: LicenseDeclaration[], valid: LicenseDeclaration[], projectFiles: LicenseFileFact[]): LicenseClaim[] {
  if (manifestDeclarations.length > 0) {
    const entries = facts.manifest?.data?.licenses ?? [];
    return manifestDeclarations.map((declaration) => {
      const covers = entries.find((candidate) => candidate.expression === declaration.raw)?.covers;
      return { expression: declaration.expression, ...(covers ? { covers } : {}), evidence: declarationEvidence(declaration) };
    });
  }
  const parts = facts.licenses.parts.filter((part) => !/^(NONE|NOASSERTION)$/.test(part.spdx) && !part.spdx.startsWith('LicenseRef-'));
  if (parts.length > 0 && parts.length === facts.licenses.parts.length) {
    return parts.map((part) => {
      const file = projectFiles.find((candidate) => candidate.path === part.path);
      const note = file ? `${file.spdx} (${file.matcher}, ${file.confidence}%)` : `${part.spdx} (${part.evidence})`;
      return {
        expression: part.spdx,
        ...(part.covers ? { covers: [part.covers] } : {}),
        evidence: [{ path: part.path, ...(part.line !== undefined ? { line: part.line } : {}), note }],
      };
    });
  }
  const other = valid.find((declaration) => declaration.source !== 'dpg-manifest');
  if (other) return [{ expression: other.expression, evidence: declarationEvidence(other) }];
  const detected = /^(NONE|NOASSERTION)$/.test(facts.licenses.expression) ? undefined : facts.licenses.expression;
  return detected
    ? [{ expression: detected, evidence: projectFiles.map((file) => ({ path: file.path, note: `${file.spdx} (${file.matcher}, ${file.confidence}%)` })) }]
    : [];
}

/**
 * Each category the solution belongs to (each AI component) is judged on the licences that cover it.
 * A licence with `covers:` (or a file named for its part) covers what it says. Without, each licence is
 * attributed to the categories its family serves (an OSI licence to software, Creative Commons to
 * content, ODC and CC-BY/CC0 to data): AGPL code with CC-BY-SA data passes both, and only a category
 * that no approved licence covers fails. A licence that serves none of them is judged against each, so
 * a plain gap (MIT for a data set) still fails.
 */
function approvalFindings(facts: Facts, claims: readonly LicenseClaim[]): Draft[] {
  const findings: Draft[] = [];
  // Licences without `covers:`, one part per licence of an AND (each may cover a different part).
  const unattributed = claims.filter((claim) => !claim.covers).flatMap((claim) => conjuncts(claim.expression).map((expression) => ({ expression, claim })));
  const coverages = coveragesFor(effectiveCategories(facts));
  // A licence that is open for no category at all (BUSL beside MIT, a proprietary LicenseRef) covers
  // something all the same: it is judged with every category, so it fails rather than hides behind an
  // approved one. An open licence for another category (CC-BY beside Apache) covers material elsewhere.
  const orphans = unattributed.filter((part) => !ANY_CATEGORY.some((coverage) => servesCoverage(part.expression, coverage)));
  for (const coverage of coverages) {
    // A standard is covered by what covers its text or its reference code.
    const explicit = claims.filter((claim) =>
      claim.covers?.some(
        (covered) =>
          covered === coverage ||
          // A standard is covered by what covers its text or its reference code; an AI system's training data by a data licence.
          (coverage === 'standard' && (covered === 'software' || covered === 'content')) ||
          (coverage === 'training-data' && covered === 'data'),
      ),
    );
    const serving = unattributed.filter((part) => servesCoverage(part.expression, coverage));
    const covering = [
      ...explicit.map((claim) => ({ expression: claim.expression, claim })),
      ...(explicit.length > 0 || serving.length > 0 ? [...serving, ...orphans] : unattributed),
    ];
    const category = coverage.replace('-', ' ');
    if (covering.length === 0) {
      findings.push(
        AI_COVERAGES.has(coverage)
          ? { code: 'license/ai-coverage-missing', args: { coverage: category }, evidence: manifestEvidence(facts, '/licenses') }
          : { code: 'license/category-not-covered', args: { category: coverage }, evidence: manifestEvidence(facts, '/licenses') },
      );
      continue;
    }
    const expression = [...new Set(covering.map((part) => part.expression))]
      .map((part, _index, all) => (all.length > 1 && part.includes(' ') ? `(${part})` : part))
      .join(' AND ');
    const evidence = [...new Set(covering.map((part) => part.claim))].flatMap((claim) => claim.evidence);
    const result = approveExpression(expression, coverage);
    if (result.approval === 'approved') findings.push({ code: 'license/approved', args: { expression, category }, evidence });
    else if (result.approval === 'discouraged') findings.push({ code: 'license/discouraged', args: { expression, category }, evidence });
    else if (result.approval === 'not-approved')
      findings.push({ code: 'license/not-approved', args: { expression, category, rejected: result.rejected }, evidence });
  }
  return findings;
}

/** The coverage an inventory part is judged as: a data set's data and an AI system's training data share one rule. */
function coverageOfPart(part: InventoryPart): LicenseCoverage {
  return part === 'software' ? 'software' : part;
}

/**
 * Standard 1.1.7: a content or data collection (or an AI system) must be fully openly licensed. Every
 * entry of the licence inventory outside the project's own licence (a folder's licence file, a REUSE
 * annotation, a `.license` sidecar, a card, a rights notice) is judged for the part it covers:
 * - open for no category at all (CC-BY-ND, a proprietary LicenseRef, a restricting model licence): fails,
 *   naming the file;
 * - open, but not on the list for the part its name or folder says it covers (MIT on `data/`): a reviewer
 *   decides, since the folder's name may not say what it holds;
 * - "All rights reserved" or "used with permission" with no licence: a reviewer decides.
 * Software licences on folders whose part is not known (a code folder under MIT) stay as they are.
 */
function fullyOpenFindings(facts: Facts): { findings: Draft[]; failed: Set<string> } {
  const failed = new Set<string>();
  const categories = effectiveCategories(facts);
  const collection = categories.filter((category) => category === 'content' || category === 'data' || category === 'ai-system');
  if (collection.length === 0) return { findings: [], failed };
  const fallback: LicenseCoverage = collection.includes('content') ? 'content' : collection.includes('data') ? 'data' : 'training-data';
  const readmePath = facts.readme?.path;
  const findings: Draft[] = [];
  for (const entry of facts.licenses.inventory.entries) {
    if (entry.projectLevel || FOREIGN_CODE.test(entry.path) || entry.kind === 'spdx-header') continue;
    const where = entry.line !== undefined ? `${entry.path}:${entry.line}` : entry.path;
    const evidence: Evidence[] = [{ path: entry.path, ...(entry.line !== undefined ? { line: entry.line } : {}) }];
    const applies = appliesTo(entry);
    if (entry.kind === 'rights-notice') {
      findings.push({ code: 'license/rights-reserved', args: { where, ...applies, excerpt: entry.excerpt ?? '' }, evidence });
      continue;
    }
    if (entry.kind === 'card') {
      // A README's card speaks for the project: for an AI system its weights, for a data set its data.
      const part: InventoryPart | undefined =
        entry.part ?? (entry.path === readmePath ? (categories.includes('ai-system') ? 'model-weights' : 'data') : undefined);
      const coverage = part ? coverageOfPart(part) : fallback;
      const restricted = (entry.written ?? '').split(', ').some((id) => RESTRICTED_CARD_LICENSE.test(id));
      if (!restricted && (entry.spdx === 'NOASSERTION' || servesCoverage(entry.spdx, coverage))) continue;
      // `other` (and ids the card format does not know) send the reader to license_name or a LICENSE file:
      // no evidence either way. Known responsible-AI and model licences restrict use: not open. A licence
      // that is open but not on the list for this part (Apache-2.0 on a data set) is for a reviewer.
      if (!restricted && entry.spdx !== 'NOASSERTION' && ANY_CATEGORY.some((category) => servesCoverage(entry.spdx, category))) {
        findings.push({
          code: 'license/part-other-category',
          args: { path: where, ...applies, id: entry.spdx, category: coverage.replace('-', ' '), readFrom: 'card' },
          evidence,
        });
        continue;
      }
      findings.push({
        code: 'license/model-card-not-open',
        args: {
          path: where,
          license: entry.written ?? entry.spdx,
          what: coverage === 'model-weights' ? 'model' : 'data set',
          coverage: coverage.replace('-', ' '),
        },
        evidence,
      });
      failed.add(entry.path);
      continue;
    }
    if (/^(NONE|NOASSERTION)$/.test(entry.spdx)) continue;
    const coverage = entry.part ? coverageOfPart(entry.part) : fallback;
    if (servesCoverage(entry.spdx, coverage)) continue;
    if (!ANY_CATEGORY.some((category) => servesCoverage(entry.spdx, category)) || entry.spdx.startsWith('LicenseRef-')) {
      findings.push({ code: 'license/part-not-open', args: { path: where, ...applies, id: entry.spdx, category: coverage.replace('-', ' ') }, evidence });
      failed.add(entry.path);
    } else if (entry.part) {
      findings.push({
        code: 'license/part-other-category',
        args: { path: where, ...applies, id: entry.spdx, category: coverage.replace('-', ' '), readFrom: PART_SOURCE[entry.partFrom ?? 'folder'] },
        evidence,
      });
    }
  }
  return { findings, failed };
}

/** Where the part a licence covers was read from (`partFrom`), as the message names it. */
const PART_SOURCE: Record<NonNullable<LicenseInventoryEntry['partFrom']>, string> = {
  'file-name': 'file name',
  folder: 'folder',
  files: 'files',
  card: 'card',
};

/**
 * What an inventory entry licenses, as arguments: `root: "."` for the whole repository (a notice at
 * the root), else `applies`, its paths and patterns ("images/", "docs/*.png"); with neither, the
 * templates say "the material it names".
 */
function appliesTo(entry: LicenseInventoryEntry): { root?: string; applies?: string[] } {
  if (entry.appliesTo.length === 1 && entry.appliesTo[0] === '') return { root: '.' };
  return entry.appliesTo.length > 0 ? { applies: entry.appliesTo.map((target) => (target === '' ? '.' : target)) } : {};
}

/** Hugging Face card licence ids of licences that restrict use (RAIL, Llama, Gemma and the like). */
const RESTRICTED_CARD_LICENSE =
  /^(?:[\w.+-]*openrail[\w.+-]*|[\w-]*rail-[\w.-]+|llama\d[\w.-]*|gemma|deepfloyd-if-license|apple-ascl|bigcode-openrail-m|afl-3\.0-restricted)$/i;

/** Whether a licence is one of those approved (or accepted, discouraged) for a category. */
function servesCoverage(expression: string, coverage: LicenseCoverage): boolean {
  const approval = approveExpression(expression, coverage).approval;
  return approval === 'approved' || approval === 'discouraged';
}

/** The top-level parts of an AND expression: "MIT AND (CC-BY-4.0 OR CC0-1.0)" gives two. */
export function conjuncts(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  const upper = expression.toUpperCase();
  for (let index = 0; index < expression.length; index++) {
    const character = expression[index];
    if (character === '(') depth++;
    else if (character === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && upper.startsWith(' AND ', index)) {
      parts.push(expression.slice(start, index));
      start = index + ' AND '.length;
      index = start - 1;
    }
  }
  parts.push(expression.slice(start));
  return parts.map((part) => unwrap(part.trim())).filter((part) => part !== '');
}

/** "(A OR B)" is "A OR B" when the brackets enclose the whole part. */
function unwrap(part: string): string {
  if (!part.startsWith('(') || !part.endsWith(')')) return part;
  let depth = 0;
  for (let index = 0; index < part.length; index++) {
    if (part[index] === '(') depth++;
    else if (part[index] === ')') depth--;
    if (depth === 0 && index < part.length - 1) return part;
  }
  return unwrap(part.slice(1, -1).trim());
}

/** What the licence engine found contradictory, as findings. */
function conflictFindings(facts: Facts): Draft[] {
  return facts.licenses.conflicts.map((conflict): Draft => {
    const evidence: Evidence[] = [{ path: conflict.path, ...(conflict.line !== undefined ? { line: conflict.line } : {}) }];
    if (conflict.kind === 'declared-not-found') {
      // A Creative Commons or Open Data Commons licence usually covers material published elsewhere.
      const elsewhere = !servesCoverage(conflict.id, 'software') && (servesCoverage(conflict.id, 'content') || servesCoverage(conflict.id, 'data'));
      return {
        code: elsewhere ? 'license/declared-elsewhere' : 'license/mismatch',
        args: { source: conflict.path, id: conflict.id, found: conflict.found },
        evidence,
      };
    }
    if (conflict.kind === 'notice-contradicts-files')
      return { code: 'license/notice-mismatch', args: { path: conflict.path, id: conflict.id, found: conflict.found }, evidence };
    return { code: 'license/file-not-declared', args: { path: conflict.path, id: conflict.id }, evidence };
  });
}
