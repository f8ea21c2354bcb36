import type { LoadedManifest } from '../manifest/load.js';
import type { FileReadProblem, FileText } from '../source/types.js';
import { coversFromName, idFromFileName, isNamedAfterLicense, isPackageFolder } from './candidates.js';
import { declarationsFromFile, declarationsFromManifest, isDeclarationFile } from './declarations.js';
import { leadingGnuNotice, licenseAtStart, licenseNotice, licenseReferences, readmeLicenseSection, stubNotice, type LicenseReference } from './notices.js';
import { isKnownLicenseId, licenseIds, normalizeExpression } from './spdx.js';
import type { NamedLicense } from './names.js';
import type { LicenseConflict, LicenseDeclaration, LicenseFacts, LicenseFileFact, LicenseNoticeFact, LicensePart } from './types.js';
import { lineLocator } from '../util/lines.js';
import { buildInventory, type InventoryPlan } from './inventory.js';

export interface LicenseInputs {
  /** The licence files to consider, from `licenseFileCandidates`. */
  candidates: readonly string[];
  /** Texts already read, by path (licence candidates, root package manifests and COPYRIGHT files among them). */
  texts: ReadonlyMap<string, FileText>;
  readProblems: readonly FileReadProblem[];
  /** The beginnings of a sample of source files, for their `SPDX-License-Identifier` headers. */
  headers?: ReadonlyMap<string, FileText>;
  manifest?: LoadedManifest;
  /** The README, whose licence section, notice or badge is evidence when no licence file is. */
  readmePath?: string;
  /** What the per-file inventory reads (inventory.ts); without it, the inventory holds the candidates alone. */
  inventory?: InventoryPlan;
}

/** The files the licence engine wants read: the candidates and the root package manifests. */
export function licenseFilesToRead(candidates: readonly string[], rootFiles: readonly string[]): string[] {
  return [...candidates, ...rootFiles.filter(isDeclarationFile)];
}

export type TextIdentifier = (text: string) => {
  spdx: string | null;
  confidence: number;
  matcher: 'exact' | 'dice' | 'none';
  identicalGroup: string[];
  longestChange?: number;
  runnerUp?: { spdx: string; confidence: number };
};

/** Copyright lines and blank lines only: a licence-named file that grants nothing. */
const ONLY_COPYRIGHT = /^(?:\s*(?:copyright\b|\(c\)|©).*|\s*)$/i;

/** A root COPYRIGHT file: its opening says which licence the project is under. */
const COPYRIGHT_FILE = /^COPYRIGHTS?(?:\.(?:txt|md|markdown|rst))?$/i;

/**
 * How much a notice is worth on its own, out of 100. The stewards' notices are formal; a sentence,
 * a link or a badge names a licence with fewer words to go wrong in... and fewer to be sure of.
 */
const NOTICE_CONFIDENCE: Record<LicenseNoticeFact['kind'], number> = {
  'readme-text': 95,
  'gnu-notice': 90,
  'apache-notice': 90,
  statement: 75,
  link: 70,
  badge: 65,
};
/** A licence file that names its licence by a sentence or a link instead of holding its text. */
const REFERENCE_FILE_CONFIDENCE = 80;
/** A short text is a notice, not a licence: the shortest licence texts people name (MIT, ISC) are longer. */
const MAX_NOTICE_FILE_CHARS = 2000;

/**
 * Gathers the licence facts of a repository and concludes on the project's licence. Identification
 * from text is delegated to `identify` (the text engine); notices, stubs and file names fill in what
 * text cannot tell.
 */
export function detectLicenses(inputs: LicenseInputs, identify: TextIdentifier): LicenseFacts {
  const declarations: LicenseDeclaration[] = [
    ...(inputs.manifest ? declarationsFromManifest(inputs.manifest) : []),
    ...[...inputs.texts.values()]
      .filter((file) => isDeclarationFile(file.path))
      .sort((a, b) => a.path.localeCompare(b.path))
      .flatMap(declarationsFromFile),
    ...headerDeclarations(inputs.headers),
  ];
  const notices = dedupeNotices([...readmeNotices(inputs, identify), ...copyrightNotices(inputs)]);
  const files = inputs.candidates.flatMap((path) => identifyFile(path, inputs, identify, declarations) ?? []);
  assignScopes(files);
  decideVariants(files, declarations, notices);
  markIncludedTexts(files);
  const { expression, parts, reasoning } = conclude(files, declarations, notices);
  // The inventory's other licence files (deeper, or named for a part) speak for their folders only.
  const plan = inputs.inventory ?? { licenseFiles: [], vendored: [], reuseFiles: [], sidecars: [], cards: [], truncated: false };
  const candidates = new Set(inputs.candidates);
  const others = plan.licenseFiles
    .filter((path) => !candidates.has(path))
    .flatMap((path) => identifyFile(path, inputs, identify, declarations) ?? [])
    .map((file): LicenseFileFact => ({ ...file, scope: 'folder' }));
  const inventory = buildInventory({
    plan,
    texts: inputs.texts,
    licenseFiles: [...files, ...others],
    ...(inputs.headers ? { headers: inputs.headers } : {}),
    ...(inputs.readmePath ? { readmePath: inputs.readmePath } : {}),
  });
  return { files, inventory, declarations, notices, expression, parts, reasoning, conflicts: findConflicts(files, declarations, notices) };
}

const SPDX_HEADER = /SPDX-License-Identifier:\s*([^\r\n]*?)\s*(?:\*\/|-->|\*\)|$)/m;

/**
 * `SPDX-License-Identifier` headers over the sampled source files, one declaration per expression
 * with how many files carry it: evidence of what the code says about itself, as REUSE reads it.
 */
function headerDeclarations(headers: ReadonlyMap<string, FileText> | undefined): LicenseDeclaration[] {
  if (!headers || headers.size === 0) return [];
  const found = new Map<string, { path: string; line: number; count: number }>();
  for (const file of [...headers.values()].sort((a, b) => a.path.localeCompare(b.path))) {
    const match = SPDX_HEADER.exec(file.text);
    if (!match?.[1]) continue;
    const raw = match[1].trim();
    const entry = found.get(raw);
    if (entry) entry.count++;
    else found.set(raw, { path: file.path, line: file.text.slice(0, match.index).split('\n').length, count: 1 });
  }
  return [...found.entries()].map(([raw, { path, line, count }]) => {
    const { expression, notes, alternatives } = normalizeExpression(raw);
    return {
      source: 'spdx-header' as const,
      path,
      line,
      raw,
      expression,
      notes: [`SPDX header in ${count} of ${headers.size} sampled source files`, ...notes],
      ...(alternatives ? { alternatives } : {}),
    };
  });
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

function identifyFile(path: string, inputs: LicenseInputs, identify: TextIdentifier, declarations: LicenseDeclaration[]): LicenseFileFact | undefined {
  const folder = folderOf(path);
  const covers = coversFromName(path);
  const base = { path, folder, ...(covers ? { covers } : {}) };
  const problem = inputs.readProblems.find((candidate) => candidate.path === path);
  if (problem) return { ...base, spdx: 'NOASSERTION', confidence: 0, matcher: 'none', unreadable: problem.detail, unreadableReason: problem.reason };
  const file = inputs.texts.get(path);
  if (!file) return undefined;
  if (file.binary) return { ...base, spdx: 'NOASSERTION', confidence: 0, matcher: 'none', unreadable: 'a binary file', unreadableReason: 'binary' };
  // "MIT + file LICENSE": the stub holds the year and holder; the licence is the DESCRIPTION's. Without
  // a DESCRIPTION (not an R package) the two lines are no licence, and are judged as any other text.
  const description = declarations.find((declaration) => declaration.source === 'DESCRIPTION');
  if (description && stubNotice(file.text)) {
    return { ...base, spdx: description.expression, confidence: 100, matcher: 'notice', role: 'stub' };
  }
  if (file.text.split(/\r\n|\r|\n/).every((line) => ONLY_COPYRIGHT.test(line))) {
    return { ...base, spdx: 'NONE', confidence: 100, matcher: 'none', role: 'empty' };
  }
  const opened = gnuTextAfterNotice(file.text, identify);
  if (opened) return { ...base, ...opened, variant: { decidedBy: `${path} itself: its own notice comes before the licence text` } };
  const identified = identify(file.text);
  if (identified.spdx) {
    const alternatives = identified.identicalGroup.filter((id) => id !== identified.spdx);
    return {
      ...base,
      spdx: identified.spdx,
      confidence: identified.confidence,
      matcher: identified.matcher,
      ...(alternatives.length > 0 ? { alternatives } : {}),
      ...(identified.matcher === 'dice' && identified.longestChange !== undefined ? { longestChange: identified.longestChange } : {}),
    };
  }
  const notice = noticeFile(file.text, path);
  if (notice) return { ...base, ...notice };
  // A file named after a licence (MIT.md, JSON.md) whose text is no licence at all is no licence file.
  if (isNamedAfterLicense(path) && !identified.runnerUp) return undefined;
  const fromName = idFromFileName(path);
  // A REUSE file name states the id; a LicenseRef- name is the project's own licence.
  if (fromName && isKnownLicenseId(fromName)) {
    return { ...base, spdx: normalizeExpression(fromName).expression, confidence: 50, matcher: /(^|\/)LICENSES\//.test(path) ? 'reuse' : 'filename' };
  }
  return { ...base, spdx: 'NOASSERTION', confidence: identified.confidence, matcher: 'none', ...(identified.runnerUp ? { closest: identified.runnerUp } : {}) };
}

/**
 * A GNU licence text that opens with the project's "how to apply" notice (GlobaLeaks' LICENSE): the
 * text after the notice is identified, and the notice decides -only or -or-later. The notice is too
 * long a passage for the text to match with it (issue 14).
 */
function gnuTextAfterNotice(
  text: string,
  identify: TextIdentifier,
): Pick<LicenseFileFact, 'spdx' | 'confidence' | 'matcher' | 'alternatives' | 'longestChange'> | undefined {
  const opened = leadingGnuNotice(text);
  if (!opened?.notice.spdx) return undefined;
  const rest = identify(opened.rest);
  if (!rest.spdx || !rest.identicalGroup.includes(opened.notice.spdx)) return undefined;
  const spdx = opened.notice.spdx;
  const alternatives = rest.identicalGroup.filter((id) => id !== spdx);
  return {
    spdx,
    confidence: rest.confidence,
    matcher: rest.matcher,
    ...(alternatives.length > 0 ? { alternatives } : {}),
    ...(rest.matcher === 'dice' && rest.longestChange !== undefined ? { longestChange: rest.longestChange } : {}),
  };
}

/**
 * A short licence file that is a notice instead of the licence: the GNU "how to apply" paragraph or
 * the Apache notice (which decide for themselves), or a sentence or link that names one licence
 * ("This program is licensed under the Apache License 2.0, see https://…"). A second grant of
 * something unnamed ("also distributed under the terms of the Healthcare Disclaimer") or two
 * licences named leave the file unidentified: the notice does not say it all.
 */
function noticeFile(
  text: string,
  path: string,
): Pick<LicenseFileFact, 'spdx' | 'confidence' | 'matcher' | 'noticeKind' | 'alternatives' | 'variant'> | undefined {
  if (text.length > 4000) return undefined;
  const notice = licenseNotice(text);
  if (notice?.spdx) {
    const kind = notice.kind === 'gnu-notice' ? 'gnu-notice' : 'apache-notice';
    return {
      spdx: notice.spdx,
      confidence: 90,
      matcher: 'notice',
      noticeKind: kind,
      ...(kind === 'gnu-notice' ? { variant: { decidedBy: `${path} itself, the GNU notice` } } : {}),
    };
  }
  if (text.length > MAX_NOTICE_FILE_CHARS) return undefined;
  const { references, unnamed } = licenseReferences(text, { aboutLicence: true });
  const named = oneLicence(references.map((reference) => reference.named));
  if (!named || unnamed > 0) return undefined;
  return {
    spdx: named.spdx,
    confidence: REFERENCE_FILE_CONFIDENCE,
    matcher: 'notice',
    noticeKind: 'reference',
    ...(named.alternatives ? { alternatives: named.alternatives } : {}),
  };
}

/**
 * The one licence several references name, or undefined when they name several: "GNU AGPLv3" and a
 * link to gnu.org/licenses/agpl-3.0 are one (either variant); "AGPLv3+" beside them decides it.
 */
function oneLicence(named: readonly NamedLicense[]): NamedLicense | undefined {
  const decided = [...new Set(named.filter((license) => !license.alternatives).map((license) => license.spdx))];
  if (decided.length > 1) return undefined;
  const choice = decided[0] !== undefined ? { spdx: decided[0] } : named[0];
  if (!choice) return undefined;
  const fits = named.every((license) => [license.spdx, ...(license.alternatives ?? [])].includes(choice.spdx));
  return fits ? choice : undefined;
}

/** The root, a REUSE LICENSES/ folder, or a folder above the checked one (`../..`: a monorepo's root). */
function isProjectLevel(file: LicenseFileFact): boolean {
  return file.folder === '' || /(^|\/)LICENSES$/.test(file.folder) || /^\.\.(?:\/\.\.)*$/.test(file.folder);
}

/**
 * Which files speak for the project: those at the root and under LICENSES/; when there are none, the
 * licence files of the package folders one level down (`python/LICENSE`, `packages/core/LICENSE`),
 * which are then the project's only licence.
 */
function assignScopes(files: LicenseFileFact[]): void {
  const rootHasLicence = files.some((file) => isProjectLevel(file) && file.role !== 'empty');
  for (const file of files) {
    file.scope = isProjectLevel(file) || (!rootHasLicence && isPackageFolder(file.folder)) ? 'project' : 'folder';
  }
}

/** The README's licence: its section's text, a notice, statements, badges and links. */
function readmeNotices(inputs: LicenseInputs, identify: TextIdentifier): LicenseNoticeFact[] {
  const readme = inputs.readmePath ? inputs.texts.get(inputs.readmePath) : undefined;
  if (!readme || readme.binary) return [];
  const lineAt = lineLocator(readme.text);
  const found: LicenseNoticeFact[] = [];
  const section = readmeLicenseSection(readme.text);
  const base = { path: readme.path, from: 'readme' as const };
  if (section && section.body.split(/\s+/).length > 60) {
    const identified = identify(section.body);
    if (identified.spdx)
      found.push({
        ...base,
        line: section.line,
        spdx: identified.spdx,
        kind: 'readme-text',
        excerpt: `the "License" section holds the ${identified.spdx} text`,
      });
  }
  const inSection = section ? licenseNotice(section.body) : undefined;
  const notice = inSection ?? licenseNotice(readme.text);
  if (notice?.spdx) {
    const index = (inSection && section ? section.offset : 0) + (notice.index ?? 0);
    found.push({ ...base, line: lineAt(index), spdx: notice.spdx, kind: notice.kind as 'gnu-notice' | 'apache-notice', excerpt: notice.excerpt });
  }
  // The licence section speaks about the licence; the rest of the README only when it speaks about the project.
  const opening = section ? licenseAtStart(section.body) : undefined;
  const sectionReferences = section
    ? [...(opening ? [opening] : []), ...licenseReferences(section.body, { aboutLicence: true }).references].map((reference) => ({
        reference,
        index: section.offset + reference.index,
      }))
    : [];
  const otherReferences = licenseReferences(readme.text, { aboutLicence: false }).references.map((reference) => ({ reference, index: reference.index }));
  for (const { reference, index } of [...sectionReferences, ...otherReferences]) found.push(referenceNotice(reference, { ...base, line: lineAt(index) }));
  return found;
}

/**
 * The opening notice of a root COPYRIGHT file ("Copyright 2020 … Licensed under the MIT License", a
 * DEP-5 "License: GPL-2+"): the project's licence as its authors state it. Only the opening counts:
 * what follows is often the list of third-party components and their licences.
 */
function copyrightNotices(inputs: LicenseInputs): LicenseNoticeFact[] {
  const found: LicenseNoticeFact[] = [];
  for (const file of [...inputs.texts.values()].filter((candidate) => COPYRIGHT_FILE.test(candidate.path)).sort((a, b) => a.path.localeCompare(b.path))) {
    if (file.binary) continue;
    const head = file.text.slice(0, 3000);
    const lineAt = lineLocator(head);
    const base = { path: file.path, from: 'copyright-file' as const };
    const notice = licenseNotice(head);
    const reference = licenseReferences(head, { aboutLicence: true }).references[0];
    if (notice?.spdx && (!reference || (notice.index ?? 0) <= reference.index))
      found.push({ ...base, line: lineAt(notice.index ?? 0), spdx: notice.spdx, kind: notice.kind as 'gnu-notice' | 'apache-notice', excerpt: notice.excerpt });
    else if (reference) found.push(referenceNotice(reference, { ...base, line: lineAt(reference.index) }));
  }
  return found;
}

function referenceNotice(reference: LicenseReference, where: Pick<LicenseNoticeFact, 'path' | 'line' | 'from'>): LicenseNoticeFact {
  const { named, kind, excerpt, covers, part } = reference;
  return {
    ...where,
    spdx: named.spdx,
    ...(named.alternatives ? { alternatives: named.alternatives } : {}),
    kind,
    excerpt,
    ...(covers ? { covers } : {}),
    ...(part ? { part } : {}),
  };
}

/**
 * One notice per licence and part in a file, the strongest first: a sentence and the link in it name
 * one licence once. "GPLv3" beside "GPL-3.0-or-later" is not the same: the second decides the first.
 */
function dedupeNotices(notices: LicenseNoticeFact[]): LicenseNoticeFact[] {
  const key = (notice: LicenseNoticeFact): string => [notice.path, notice.spdx, ...(notice.alternatives ?? []), notice.covers ?? notice.part ?? ''].join('|');
  const seen = new Set<string>();
  return notices.filter((notice) => {
    if (seen.has(key(notice))) return false;
    seen.add(key(notice));
    return true;
  });
}

/** What may decide -only or -or-later: a declaration or notice that names exactly one of them. */
interface VariantDecider {
  id: string;
  by: string;
}

/**
 * GPL, LGPL, AGPL and GFDL texts are the same for -only and -or-later. A declaration or a notice
 * ("or (at your option) any later version") decides; otherwise the family is reported undecided. A
 * deprecated bare id (GPL-3.0) and a name without "only" or "or later" (GPLv3) decide nothing: they
 * say no more than the text. A README statement of that kind is decided the same way.
 */
function decideVariants(files: LicenseFileFact[], declarations: LicenseDeclaration[], notices: LicenseNoticeFact[]): void {
  const declared = declarations.flatMap((declaration): VariantDecider[] =>
    idsOf(declaration.expression)
      .filter((id) => !isAmbiguousIn(declaration, id))
      .map((id) => ({ id, by: `${declaration.path} (${declaration.source})` })),
  );
  const noticed = notices
    .filter((notice) => !notice.alternatives)
    .map((notice) => ({ id: notice.spdx, by: `the ${describeNoticeKind(notice.kind)} in ${notice.path}` }));
  const deciders = [...declared, ...noticed];
  for (const file of files) {
    const group = [file.spdx, ...(file.alternatives ?? [])];
    if (!group.some((id) => /-(only|or-later)$/.test(id)) || file.variant) continue;
    const decision = deciders.find(({ id }) => group.includes(id));
    if (decision) {
      file.spdx = decision.id;
      file.alternatives = group.filter((id) => id !== decision.id);
      file.variant = { decidedBy: decision.by };
    } else {
      file.variant = { undecided: true };
    }
  }
  for (const notice of notices.filter((candidate) => candidate.alternatives)) {
    const group = [notice.spdx, ...(notice.alternatives ?? [])];
    const decision = deciders.find(({ id }) => group.includes(id));
    if (!decision) continue;
    notice.spdx = decision.id;
    delete notice.alternatives;
  }
}

/** Whether a declaration's id is a deprecated bare GNU id (or a GNU name) that matches -or-later too. */
function isAmbiguousIn(declaration: LicenseDeclaration, id: string): boolean {
  return /-only$/.test(id) && (declaration.alternatives ?? []).includes(id.replace(/-only$/, '-or-later'));
}

/** The ids a declaration matches: its own, and for an ambiguous GNU id the -or-later one too. */
function matchedIds(declaration: LicenseDeclaration): string[] {
  const ids = idsOf(declaration.expression);
  return [...ids, ...ids.filter((id) => isAmbiguousIn(declaration, id)).map((id) => id.replace(/-only$/, '-or-later'))];
}

/**
 * The LGPL-3.0 is a set of permissions on top of the GPL-3.0 and requires shipping both texts
 * (COPYING and COPYING.LESSER): the GPL file then does not license the project on its own.
 */
function markIncludedTexts(files: LicenseFileFact[]): void {
  for (const lesser of files.filter((file) => file.spdx.startsWith('LGPL-3.0'))) {
    for (const file of files) {
      if (file.folder === lesser.folder && file.spdx.startsWith('GPL-3.0') && !file.role) file.role = 'included';
    }
  }
}

/** Notices about a part that is not the code (the content, the data, a named collection) license that part only. */
function isAboutAnotherPart(notice: LicenseNoticeFact): boolean {
  return (notice.covers !== undefined && notice.covers !== 'software') || notice.part !== undefined;
}

interface Conclusion {
  expression: string;
  parts: LicensePart[];
  reasoning: string[];
}

function conclude(files: LicenseFileFact[], declarations: LicenseDeclaration[], notices: LicenseNoticeFact[]): Conclusion {
  const reasoning: string[] = [];
  const project = files.filter((file) => file.scope === 'project' && !file.unreadable && (file.role ?? 'licence') === 'licence');
  const identified = project.filter((file) => file.spdx !== 'NOASSERTION' && file.spdx !== 'NONE');
  const unidentified = project.filter((file) => file.spdx === 'NOASSERTION');
  for (const file of files.filter((candidate) => candidate.role === 'included'))
    reasoning.push(`${file.path} is the GPL text the LGPL requires to ship; it does not license the project on its own`);
  for (const file of files.filter((candidate) => candidate.role === 'stub'))
    reasoning.push(`${file.path} only completes ${file.spdx} as declared in DESCRIPTION`);
  for (const file of identified.filter((candidate) => candidate.variant && 'undecided' in candidate.variant)) {
    reasoning.push(
      `${file.path}: the text is the same for ${[file.spdx, ...(file.alternatives ?? [])].join(' and ')}; no declaration or notice says which, so it is reported as ${file.spdx}`,
    );
  }
  for (const file of identified.filter((candidate) => candidate.variant && 'decidedBy' in candidate.variant && /itself/.test(candidate.variant.decidedBy))) {
    reasoning.push(`${file.path}: ${file.spdx}, as decided by ${(file.variant as { decidedBy: string }).decidedBy}`);
  }
  const promoted = project.filter((file) => !isProjectLevel(file));
  if (promoted.length > 0)
    reasoning.push(
      `no licence file at the root; ${promoted.map((file) => file.path).join(', ')}, one level down, ${promoted.length === 1 ? 'is the only licence file and counts' : 'are the only licence files and count'} for the project`,
    );
  const others = { declarations, notices, files };
  if (identified.length > 0 || unidentified.length > 0) {
    if (identified.length === 0) {
      reasoning.push(`no licence file could be identified (${unidentified.map((file) => file.path).join(', ')})`);
      for (const notice of notices.filter((candidate) => candidate.covers !== undefined && isAboutAnotherPart(candidate)))
        reasoning.push(`${notice.path}${notice.line !== undefined ? `:${notice.line}` : ''} says the ${notice.covers} is under ${notice.spdx}`);
      return { expression: 'NOASSERTION', parts: [], reasoning };
    }
    const parts = [
      ...partsOfFiles(identified, others),
      ...unidentified.map((file): LicensePart => ({ spdx: licenseRef(file), from: 'file', path: file.path, evidence: 'text', confidence: 0, confirmedBy: [] })),
    ];
    // A README that states another licence for the content or the data adds that part (jellow's README).
    const carried = new Set(identified.flatMap((file) => [...idsOf(file.spdx), ...(file.alternatives ?? [])]));
    parts.push(
      ...partsOfNotices(
        notices.filter((notice) => isAboutAnotherPart(notice) && notice.covers !== undefined && !carried.has(notice.spdx)),
        others,
      ),
    );
    return finish(parts, reasoning);
  }
  const stub = files.find((file) => file.role === 'stub' && file.spdx !== 'NOASSERTION');
  const description = declarations.find((declaration) => declaration.source === 'DESCRIPTION');
  if (stub && description) return finish([{ ...declarationPart(description, others), confirmedBy: [stub.path] }], reasoning);
  const projectNotice = notices.find((notice) => !isAboutAnotherPart(notice));
  if (projectNotice) {
    reasoning.push('no licence file');
    if (projectNotice.alternatives)
      reasoning.push(
        `${projectNotice.path}: "${projectNotice.excerpt}" is ${[projectNotice.spdx, ...projectNotice.alternatives].join(' or ')}; nothing says which, so it is reported as ${projectNotice.spdx}`,
      );
    const partNotices = notices.filter((notice) => isAboutAnotherPart(notice) && notice.covers !== undefined && notice.spdx !== projectNotice.spdx);
    return finish(partsOfNotices([projectNotice, ...partNotices], others), reasoning);
  }
  const declared = declarations.find((declaration) => declaration.expression !== 'NOASSERTION');
  if (declared) {
    reasoning.push('no licence file or notice');
    return finish([declarationPart(declared, others)], reasoning);
  }
  reasoning.push('no licence file, notice or declaration');
  return { expression: 'NONE', parts: [], reasoning };
}

/** The expression of the parts (sorted, LicenseRefs last) and one line of reasoning per part. */
function finish(parts: LicensePart[], reasoning: string[]): Conclusion {
  const ordered = [
    ...parts.filter((part) => !part.spdx.startsWith('LicenseRef-')).sort((a, b) => (a.spdx < b.spdx ? -1 : a.spdx > b.spdx ? 1 : 0)),
    ...parts.filter((part) => part.spdx.startsWith('LicenseRef-')),
  ];
  for (const part of ordered) reasoning.push(describePart(part));
  if (ordered.length > 1) reasoning.push('each part licenses part of the project, so they are joined with AND');
  const expression = ordered.map((part) => (ordered.length > 1 && / (?:OR|AND) /.test(part.spdx) ? `(${part.spdx})` : part.spdx)).join(' AND ');
  return { expression, parts: ordered, reasoning };
}

interface Others {
  declarations: readonly LicenseDeclaration[];
  notices: readonly LicenseNoticeFact[];
  files: readonly LicenseFileFact[];
}

/** One part per licence among the project's files; the other files with the same licence confirm it. */
function partsOfFiles(identified: LicenseFileFact[], others: Others): LicensePart[] {
  const parts: LicensePart[] = [];
  for (const file of identified) {
    const existing = parts.find((part) => part.spdx === file.spdx);
    if (existing) {
      if (!existing.confirmedBy.includes(file.path)) existing.confirmedBy.push(file.path);
      continue;
    }
    const ids = [file.spdx, ...(file.alternatives ?? [])];
    parts.push({
      spdx: file.spdx,
      from: 'file',
      path: file.path,
      evidence: file.matcher === 'notice' ? 'notice' : 'text',
      confidence: file.confidence,
      ...(file.covers ? { covers: file.covers } : {}),
      confirmedBy: confirmations(ids, others, file.path),
    });
  }
  return parts;
}

function partsOfNotices(notices: LicenseNoticeFact[], others: Others): LicensePart[] {
  return notices.map((notice) => {
    const from = notice.from === 'readme' ? 'readme' : 'notice';
    return {
      spdx: notice.spdx,
      from,
      path: notice.path,
      ...(notice.line !== undefined ? { line: notice.line } : {}),
      evidence: notice.kind === 'readme-text' ? 'text' : 'notice',
      confidence: NOTICE_CONFIDENCE[notice.kind],
      kind: notice.kind,
      ...(notice.covers ? { covers: notice.covers } : {}),
      confirmedBy: confirmations([notice.spdx, ...(notice.alternatives ?? [])], others, `${notice.path}:${notice.line ?? ''}`),
    };
  });
}

function declarationPart(declaration: LicenseDeclaration, others: Others): LicensePart {
  return {
    spdx: declaration.expression,
    from: 'declaration',
    path: declaration.path,
    ...(declaration.line !== undefined ? { line: declaration.line } : {}),
    evidence: 'declaration',
    confidence: 70,
    confirmedBy: confirmations(matchedIds(declaration), others, declaration.path),
  };
}

/** The declarations, notices and licence files other than `self` that name one of `ids`. */
function confirmations(ids: readonly string[], others: Others, self: string): string[] {
  const names = (candidates: readonly string[]): boolean => candidates.some((id) => ids.includes(id));
  return [
    ...others.declarations
      .filter((declaration) => declaration.path !== self && names(matchedIds(declaration)))
      .map((declaration) => `${declaration.path} (${declaration.source})`),
    ...others.notices
      .filter((notice) => `${notice.path}:${notice.line ?? ''}` !== self && !isAboutAnotherPart(notice) && names([notice.spdx, ...(notice.alternatives ?? [])]))
      .map((notice) => `${notice.path}${notice.line !== undefined ? `:${notice.line}` : ''} (${describeNoticeKind(notice.kind)})`),
    ...others.files
      .filter((file) => file.path !== self && file.scope === 'project' && names([file.spdx, ...(file.alternatives ?? [])]))
      .map((file) => file.path),
  ].filter((entry, index, all) => all.indexOf(entry) === index);
}

function licenseRef(file: LicenseFileFact): string {
  return `LicenseRef-${file.path.replace(/[^A-Za-z0-9.-]+/g, '-')}`;
}

/** One line saying where a part comes from and how sure it is. */
function describePart(part: LicensePart): string {
  const where = `${part.path}${part.line !== undefined ? `:${part.line}` : ''}`;
  const covering = part.covers ? ` for the ${part.covers}` : '';
  const confirmed = part.confirmedBy.length > 0 ? `; ${part.confirmedBy.join(', ')} ${part.confirmedBy.length === 1 ? 'says' : 'say'} the same` : '';
  if (part.spdx.startsWith('LicenseRef-')) return `${part.spdx}: ${where} holds a licence text that matches no SPDX licence`;
  if (part.from === 'declaration') return `${part.spdx}${covering} from ${where}: a declaration only, weaker evidence than a licence text${confirmed}`;
  if (part.evidence === 'text') {
    const how =
      part.from === 'readme'
        ? 'the licence text in the README'
        : part.confidence === 100
          ? 'the licence text, matched exactly'
          : `the licence text with small differences, ${part.confidence}% similar`;
    return `${part.spdx}${covering} from ${where} (${how})${confirmed}`;
  }
  const what =
    part.from === 'file'
      ? 'a notice that names the licence instead of holding its text'
      : `${part.kind ? `the ${describeNoticeKind(part.kind)}` : 'a notice'} in ${part.from === 'readme' ? 'the README' : 'a COPYRIGHT file'}`;
  return `${part.spdx}${covering} from ${where} (${what}): weaker evidence than a licence text${confirmed}`;
}

function describeNoticeKind(kind: LicenseNoticeFact['kind']): string {
  return { 'apache-notice': 'Apache notice', 'gnu-notice': 'GNU notice', statement: 'statement', badge: 'badge', link: 'link', 'readme-text': 'licence text' }[
    kind
  ];
}

/** Declarations and notices that the licence files contradict. */
function findConflicts(files: LicenseFileFact[], declarations: LicenseDeclaration[], notices: LicenseNoticeFact[]): LicenseConflict[] {
  const project = files.filter((file) => file.scope === 'project' && !file.unreadable && file.role !== 'empty');
  // While a project licence file is unidentified it may hold what is declared: claim no conflict.
  if (project.length === 0 || project.some((file) => file.spdx === 'NOASSERTION')) return [];
  const carried = new Set(project.flatMap((file) => [...idsOf(file.spdx), ...(file.alternatives ?? [])]));
  const found = project.map((file) => `${file.path}: ${file.spdx}`).join('; ');
  const conflicts: LicenseConflict[] = [];
  const declaredIds = new Set<string>();
  for (const declaration of declarations) {
    for (const id of idsOf(declaration.expression)) {
      const matches = [id, ...(isAmbiguousIn(declaration, id) ? [id.replace(/-only$/, '-or-later')] : [])];
      for (const match of matches) declaredIds.add(match);
      // A header speaks for its own file, which may come from elsewhere under its own licence.
      if (!matches.some((match) => carried.has(match)) && declaration.source !== 'spdx-header')
        conflicts.push({
          kind: 'declared-not-found',
          id,
          path: declaration.path,
          ...(declaration.line !== undefined ? { line: declaration.line } : {}),
          found,
        });
    }
  }
  for (const notice of notices.filter((candidate) => !isAboutAnotherPart(candidate))) {
    if (![notice.spdx, ...(notice.alternatives ?? [])].some((id) => carried.has(id)))
      conflicts.push({
        kind: 'notice-contradicts-files',
        id: notice.spdx,
        path: notice.path,
        ...(notice.line !== undefined ? { line: notice.line } : {}),
        found,
      });
  }
  if (declarations.length > 0) {
    for (const file of project.filter((candidate) => candidate.role !== 'included' && candidate.role !== 'stub')) {
      const ids = [file.spdx, ...(file.alternatives ?? [])];
      if (!ids.some((id) => declaredIds.has(id))) conflicts.push({ kind: 'file-not-declared', id: file.spdx, path: file.path, found });
    }
  }
  return conflicts;
}

function idsOf(expression: string): string[] {
  const tree = normalizeExpression(expression).tree;
  return tree ? licenseIds(tree) : [];
}
