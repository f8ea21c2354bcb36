import type { LoadedManifest } from '../manifest/load.js';
import type { FileReadProblem, FileText } from '../source/types.js';
import { idFromFileName } from './candidates.js';
import { declarationsFromFile, declarationsFromManifest, isDeclarationFile } from './declarations.js';
import { licenseNotice, licenseStatement, readmeLicenseSection, stubNotice } from './notices.js';
import { isKnownLicenseId, licenseIds, normalizeExpression } from './spdx.js';
import type { LicenseConflict, LicenseDeclaration, LicenseFacts, LicenseFileFact, LicenseNoticeFact } from './types.js';

export interface LicenseInputs {
  /** The licence files to consider, from `licenseFileCandidates`. */
  candidates: readonly string[];
  /** Texts already read, by path (licence candidates and root package manifests among them). */
  texts: ReadonlyMap<string, FileText>;
  readProblems: readonly FileReadProblem[];
  /** The beginnings of a sample of source files, for their `SPDX-License-Identifier` headers. */
  headers?: ReadonlyMap<string, FileText>;
  manifest?: LoadedManifest;
  /** The README, whose licence section, notice or badge is evidence when no licence file is. */
  readmePath?: string;
}

/** The files the licence engine wants read: the candidates and the root package manifests. */
export function licenseFilesToRead(candidates: readonly string[], rootFiles: readonly string[]): string[] {
  return [...candidates, ...rootFiles.filter(isDeclarationFile)];
}

export type TextIdentifier = (text: string) => { spdx: string | null; confidence: number; matcher: 'exact' | 'dice' | 'none'; identicalGroup: string[]; longestChange?: number; runnerUp?: { spdx: string; confidence: number } };

/** Copyright lines and blank lines only: a licence-named file that grants nothing. */
const ONLY_COPYRIGHT = /^(?:\s*(?:copyright\b|\(c\)|©).*|\s*)$/i;

/**
 * Gathers the licence facts of a repository and concludes on the project's licence. Identification
 * from text is delegated to `identify` (the text engine); notices, stubs and file names fill in what
 * text cannot tell.
 */
export function detectLicenses(inputs: LicenseInputs, identify: TextIdentifier): LicenseFacts {
  const declarations: LicenseDeclaration[] = [
    ...(inputs.manifest ? declarationsFromManifest(inputs.manifest) : []),
    ...[...inputs.texts.values()].filter((file) => isDeclarationFile(file.path)).sort((a, b) => a.path.localeCompare(b.path)).flatMap(declarationsFromFile),
    ...headerDeclarations(inputs.headers),
  ];
  const notices = readmeNotices(inputs, identify);
  const files = inputs.candidates.flatMap((path) => identifyFile(path, inputs, identify, declarations) ?? []);
  decideVariants(files, declarations, notices);
  markIncludedTexts(files);
  const { expression, reasoning } = conclude(files, declarations, notices);
  return { files, declarations, notices, expression, reasoning, conflicts: findConflicts(files, declarations, notices) };
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
    const { expression, notes } = normalizeExpression(raw);
    return { source: 'spdx-header' as const, path, line, raw, expression, notes: [`SPDX header in ${count} of ${headers.size} sampled source files`, ...notes] };
  });
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

function identifyFile(path: string, inputs: LicenseInputs, identify: TextIdentifier, declarations: LicenseDeclaration[]): LicenseFileFact | undefined {
  const folder = folderOf(path);
  const problem = inputs.readProblems.find((candidate) => candidate.path === path);
  if (problem) return { path, folder, spdx: 'NOASSERTION', confidence: 0, matcher: 'none', unreadable: problem.detail, unreadableReason: problem.reason };
  const file = inputs.texts.get(path);
  if (!file) return undefined;
  if (file.binary) return { path, folder, spdx: 'NOASSERTION', confidence: 0, matcher: 'none', unreadable: 'a binary file', unreadableReason: 'binary' };
  // "MIT + file LICENSE": the stub holds the year and holder; the licence is the DESCRIPTION's. Without
  // a DESCRIPTION (not an R package) the two lines are no licence, and are judged as any other text.
  const description = declarations.find((declaration) => declaration.source === 'DESCRIPTION');
  if (description && stubNotice(file.text)) {
    return { path, folder, spdx: description.expression, confidence: 100, matcher: 'notice', role: 'stub' };
  }
  if (file.text.split(/\r\n|\r|\n/).every((line) => ONLY_COPYRIGHT.test(line))) {
    return { path, folder, spdx: 'NONE', confidence: 100, matcher: 'none', role: 'empty' };
  }
  const identified = identify(file.text);
  if (identified.spdx) {
    const alternatives = identified.identicalGroup.filter((id) => id !== identified.spdx);
    return { path, folder, spdx: identified.spdx, confidence: identified.confidence, matcher: identified.matcher, ...(alternatives.length > 0 ? { alternatives } : {}), ...(identified.matcher === 'dice' && identified.longestChange !== undefined ? { longestChange: identified.longestChange } : {}) };
  }
  const notice = licenseNotice(file.text);
  if (notice?.spdx && file.text.length < 4000) return { path, folder, spdx: notice.spdx, confidence: 90, matcher: 'notice' };
  const fromName = idFromFileName(path);
  // A REUSE file name states the id; a LicenseRef- name is the project's own licence.
  if (fromName && isKnownLicenseId(fromName)) {
    return { path, folder, spdx: normalizeExpression(fromName).expression, confidence: 50, matcher: /(^|\/)LICENSES\//.test(path) ? 'reuse' : 'filename' };
  }
  return { path, folder, spdx: 'NOASSERTION', confidence: identified.confidence, matcher: 'none', ...(identified.runnerUp ? { closest: identified.runnerUp } : {}) };
}

/** The README's licence: its section's text, a notice, or a statement or badge. */
function readmeNotices(inputs: LicenseInputs, identify: TextIdentifier): LicenseNoticeFact[] {
  const readme = inputs.readmePath ? inputs.texts.get(inputs.readmePath) : undefined;
  if (!readme || readme.binary) return [];
  const found: LicenseNoticeFact[] = [];
  const section = readmeLicenseSection(readme.text);
  if (section && section.body.split(/\s+/).length > 60) {
    const identified = identify(section.body);
    if (identified.spdx) found.push({ path: readme.path, line: section.line, spdx: identified.spdx, kind: 'readme-text', excerpt: `the "License" section holds the ${identified.spdx} text` });
  }
  const text = section?.body ?? readme.text;
  const notice = licenseNotice(text) ?? licenseNotice(readme.text);
  if (notice?.spdx && !found.some((item) => item.spdx === notice.spdx)) found.push({ path: readme.path, ...lineOfExcerpt(readme.text, notice.excerpt), spdx: notice.spdx, kind: notice.kind as LicenseNoticeFact['kind'], excerpt: notice.excerpt });
  if (found.length === 0) {
    const statement = licenseStatement(text, (name) => {
      const { expression } = normalizeExpression(name);
      return expression === 'NOASSERTION' ? undefined : expression;
    });
    if (statement?.spdx) found.push({ path: readme.path, ...lineOfExcerpt(readme.text, statement.excerpt), spdx: statement.spdx, kind: statement.kind as LicenseNoticeFact['kind'], excerpt: statement.excerpt });
  }
  return found;
}

function lineOfExcerpt(text: string, excerpt: string): { line?: number } {
  const start = excerpt.split(' ').slice(0, 3).join(' ');
  const index = text.replace(/\s+/g, ' ').indexOf(start);
  if (index === -1) return {};
  // Count lines in the original text up to the same number of non-space characters.
  const wanted = text.replace(/\s+/g, ' ').slice(0, index).replace(/ /g, '').length;
  let seen = 0;
  let line = 1;
  for (const character of text) {
    if (character === '\n') line++;
    else if (!/\s/.test(character)) {
      // Stop on the excerpt's first character, after the `wanted` characters before it.
      if (seen === wanted) break;
      seen++;
    }
  }
  return { line };
}

/**
 * GPL, LGPL, AGPL and GFDL texts are the same for -only and -or-later. A declaration or a notice
 * ("or (at your option) any later version") decides; otherwise the family is reported undecided.
 */
function decideVariants(files: LicenseFileFact[], declarations: LicenseDeclaration[], notices: LicenseNoticeFact[]): void {
  const declared = declarations.flatMap((declaration) => {
    const tree = normalizeExpression(declaration.expression).tree;
    return tree ? licenseIds(tree).map((id) => ({ id, by: `${declaration.path} (${declaration.source})` })) : [];
  });
  const noticed = notices.map((notice) => ({ id: notice.spdx, by: `the notice in ${notice.path}` }));
  for (const file of files) {
    const group = [file.spdx, ...(file.alternatives ?? [])];
    if (!group.some((id) => /-(only|or-later)$/.test(id))) continue;
    const decision = [...declared, ...noticed].find(({ id }) => group.includes(id));
    if (decision) {
      file.spdx = decision.id;
      file.alternatives = group.filter((id) => id !== decision.id);
      file.variant = { decidedBy: decision.by };
    } else {
      file.variant = { undecided: true };
    }
  }
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

function isProjectFile(file: LicenseFileFact): boolean {
  return file.folder === '' || /(^|\/)LICENSES$/.test(file.folder);
}

function conclude(files: LicenseFileFact[], declarations: LicenseDeclaration[], notices: LicenseNoticeFact[]): { expression: string; reasoning: string[] } {
  const reasoning: string[] = [];
  const project = files.filter((file) => isProjectFile(file) && !file.unreadable && (file.role ?? 'licence') === 'licence');
  const identified = project.filter((file) => file.spdx !== 'NOASSERTION' && file.spdx !== 'NONE');
  const unidentified = project.filter((file) => file.spdx === 'NOASSERTION');
  for (const file of files.filter((candidate) => candidate.role === 'included')) reasoning.push(`${file.path} is the GPL text the LGPL requires to ship; it does not license the project on its own`);
  for (const file of files.filter((candidate) => candidate.role === 'stub')) reasoning.push(`${file.path} only completes ${file.spdx} as declared in DESCRIPTION`);
  for (const file of identified.filter((candidate) => candidate.variant && 'undecided' in candidate.variant)) {
    reasoning.push(`${file.path}: the text is the same for ${[file.spdx, ...(file.alternatives ?? [])].join(' and ')}; no declaration or notice says which, so it is reported as ${file.spdx}`);
  }
  if (identified.length > 0 || unidentified.length > 0) {
    // Sorted, so that the same files give the same expression whatever order they are listed in.
    const ids = [...new Set(identified.map((file) => file.spdx))].sort();
    for (const file of unidentified) ids.push(`LicenseRef-${file.path.replace(/[^A-Za-z0-9.-]+/g, '-')}`);
    if (identified.length === 0) {
      reasoning.push(`no licence file could be identified (${unidentified.map((file) => file.path).join(', ')})`);
      return { expression: 'NOASSERTION', reasoning };
    }
    reasoning.push(`from the licence files: ${identified.map((file) => `${file.path} (${file.spdx})`).join(', ')}${ids.length > 1 ? '; each file licenses part of the project, so they are joined with AND' : ''}`);
    return { expression: ids.map((id) => (id.includes(' ') ? `(${id})` : id)).join(' AND '), reasoning };
  }
  const stub = files.find((file) => file.role === 'stub' && file.spdx !== 'NOASSERTION');
  if (stub) return { expression: stub.spdx, reasoning };
  const notice = notices[0];
  if (notice) {
    reasoning.push(`no licence file; ${notice.path} says ${notice.spdx} (${notice.kind})`);
    return { expression: notice.spdx, reasoning };
  }
  const declared = declarations.find((declaration) => declaration.expression !== 'NOASSERTION');
  if (declared) {
    reasoning.push(`no licence file or notice; ${declared.path} declares ${declared.expression}`);
    return { expression: declared.expression, reasoning };
  }
  reasoning.push('no licence file, notice or declaration');
  return { expression: 'NONE', reasoning };
}

/** Declarations and notices that the licence files contradict. */
function findConflicts(files: LicenseFileFact[], declarations: LicenseDeclaration[], notices: LicenseNoticeFact[]): LicenseConflict[] {
  const project = files.filter((file) => isProjectFile(file) && !file.unreadable && file.role !== 'empty');
  // While a project licence file is unidentified it may hold what is declared: claim no conflict.
  if (project.length === 0 || project.some((file) => file.spdx === 'NOASSERTION')) return [];
  const carried = new Set(project.flatMap((file) => [...idsOf(file.spdx), ...(file.alternatives ?? [])]));
  const found = project.map((file) => `${file.path}: ${file.spdx}`).join('; ');
  const conflicts: LicenseConflict[] = [];
  const declaredIds = new Set<string>();
  for (const declaration of declarations) {
    for (const id of idsOf(declaration.expression)) {
      declaredIds.add(id);
      // A header speaks for its own file, which may come from elsewhere under its own licence.
      if (!carried.has(id) && declaration.source !== 'spdx-header') conflicts.push({ kind: 'declared-not-found', id, path: declaration.path, ...(declaration.line !== undefined ? { line: declaration.line } : {}), found });
    }
  }
  for (const notice of notices) {
    if (!carried.has(notice.spdx)) conflicts.push({ kind: 'notice-contradicts-files', id: notice.spdx, path: notice.path, ...(notice.line !== undefined ? { line: notice.line } : {}), found });
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
