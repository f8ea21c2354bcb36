import type { LoadedManifest } from '../manifest/load.js';
import type { FileReadProblem, FileText } from '../source/types.js';
import { idFromFileName } from './candidates.js';
import { declarationsFromFile, declarationsFromManifest, isDeclarationFile } from './declarations.js';
import { isKnownLicenseId, normalizeExpression } from './spdx.js';
import type { LicenseFacts, LicenseFileFact } from './types.js';

export interface LicenseInputs {
  /** The licence files to consider, from `licenseFileCandidates`. */
  candidates: readonly string[];
  /** Texts already read, by path (licence candidates and root package manifests among them). */
  texts: ReadonlyMap<string, FileText>;
  readProblems: readonly FileReadProblem[];
  manifest?: LoadedManifest;
}

/** The files the licence engine wants read: the candidates and the root package manifests. */
export function licenseFilesToRead(candidates: readonly string[], rootFiles: readonly string[]): string[] {
  return [...candidates, ...rootFiles.filter(isDeclarationFile)];
}

export type TextIdentifier = (text: string) => { spdx: string | null; confidence: number; matcher: 'exact' | 'dice' | 'none'; identicalGroup: string[] };

/**
 * Gathers the licence facts of a repository. Identification from text is delegated to `identify`
 * (the text engine); file names that state an id (REUSE's `LICENSES/MIT.txt`) are trusted when the
 * text cannot be identified.
 */
export function detectLicenses(inputs: LicenseInputs, identify: TextIdentifier): LicenseFacts {
  const files: LicenseFileFact[] = [];
  for (const path of inputs.candidates) {
    const slash = path.lastIndexOf('/');
    const folder = slash === -1 ? '' : path.slice(0, slash);
    const problem = inputs.readProblems.find((candidate) => candidate.path === path);
    if (problem) {
      files.push({ path, folder, spdx: 'NOASSERTION', confidence: 0, matcher: 'none', unreadable: problem.detail });
      continue;
    }
    const file = inputs.texts.get(path);
    if (!file) continue;
    if (file.binary) {
      files.push({ path, folder, spdx: 'NOASSERTION', confidence: 0, matcher: 'none', unreadable: 'a binary file' });
      continue;
    }
    const identified = identify(file.text);
    if (identified.spdx) {
      const alternatives = identified.identicalGroup.filter((id) => id !== identified.spdx);
      files.push({ path, folder, spdx: identified.spdx, confidence: identified.confidence, matcher: identified.matcher, ...(alternatives.length > 0 ? { alternatives } : {}) });
      continue;
    }
    const fromName = idFromFileName(path);
    if (fromName && isKnownLicenseId(fromName)) {
      const { expression } = normalizeExpression(fromName);
      files.push({ path, folder, spdx: expression, confidence: 50, matcher: /(^|\/)LICENSES\//.test(path) ? 'reuse' : 'filename' });
      continue;
    }
    files.push({ path, folder, spdx: 'NOASSERTION', confidence: 0, matcher: 'none' });
  }
  const declarations = [
    ...(inputs.manifest ? declarationsFromManifest(inputs.manifest) : []),
    ...[...inputs.texts.values()].filter((file) => isDeclarationFile(file.path)).sort((a, b) => a.path.localeCompare(b.path)).flatMap(declarationsFromFile),
  ];
  return { files, declarations };
}
