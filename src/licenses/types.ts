/**
 * What the licence engine tells the rest of dpg-check. Indicator 2 and the `licenses` command read
 * these facts and nothing else, so the engine's insides can grow without touching the checks.
 */
export type LicenseMatcher = 'exact' | 'dice' | 'filename' | 'reuse' | 'notice' | 'none';

/** One file that holds licence text, with what it was identified as. */
export interface LicenseFileFact {
  path: string;
  /** The folder the file sits in ('' for the root); a monorepo's packages may carry their own. */
  folder: string;
  /** The SPDX id or expression, `NOASSERTION` for an unidentified licence text. */
  spdx: string;
  /** 0 to 100. */
  confidence: number;
  matcher: LicenseMatcher;
  /** Other ids whose text is identical (GPL-3.0-only and -or-later), when text alone cannot decide. */
  alternatives?: string[];
  /** Why the file could not be read, when it could not. */
  unreadable?: string;
  /** What kind of problem that was: the file's own (a link out, a binary...) or a failed read. */
  unreadableReason?: 'outside-repository' | 'not-a-file' | 'broken-link' | 'unreadable' | 'missing' | 'binary';
  /** For a fuzzy (dice) match: the longest passage, in words, that differs from the licence. */
  longestChange?: number;
  /** For an unidentified text: the licence it is closest to, when it resembles one. */
  closest?: { spdx: string; confidence: number };
  /**
   * What the file is to the project: its licence (the default); `stub`, a file that only completes a
   * declaration (CRAN's YEAR/COPYRIGHT HOLDER); `included`, a text another licence requires to ship
   * (the GPL beside the LGPL); `empty`, a licence-named file with no licence in it.
   */
  role?: 'licence' | 'stub' | 'included' | 'empty';
  /** For texts shared by -only and -or-later: what decided between them, or that nothing did. */
  variant?: { decidedBy: string } | { undecided: true };
}

/** Something that says which licence applies without being its text (a README notice, a badge). */
export interface LicenseNoticeFact {
  path: string;
  line?: number;
  spdx: string;
  kind: 'apache-notice' | 'gnu-notice' | 'statement' | 'badge' | 'readme-text';
  excerpt: string;
}

export interface LicenseConflict {
  kind: 'declared-not-found' | 'file-not-declared' | 'notice-contradicts-files';
  /** The licence id at issue. */
  id: string;
  /** Where the contradicting statement is. */
  path: string;
  line?: number;
  /** What the files show, for the message. */
  found: string;
}

export type DeclarationSource =
  | 'dpg-manifest'
  | 'package.json'
  | 'pyproject.toml'
  | 'setup.cfg'
  | 'Cargo.toml'
  | 'composer.json'
  | 'pom.xml'
  | 'gemspec'
  | 'DESCRIPTION'
  | 'csproj'
  | 'CITATION.cff'
  | 'publiccode.yml'
  | 'spdx-header';

/** A licence stated in a machine-readable place (a package manifest, an SPDX header). */
export interface LicenseDeclaration {
  source: DeclarationSource;
  path: string;
  line?: number;
  /** As written. */
  raw: string;
  /** A valid SPDX expression with current ids, or `NOASSERTION` when `raw` could not be understood. */
  expression: string;
  /** Notes on how `raw` became `expression`: a deprecated id mapped, a misspelling corrected. */
  notes: string[];
}

export interface LicenseFacts {
  files: LicenseFileFact[];
  declarations: LicenseDeclaration[];
  notices: LicenseNoticeFact[];
  /**
   * The project's licence as one SPDX expression: the root and REUSE licence files joined with AND
   * (or, without files, the README's licence, else the declarations); `NONE` when nothing licenses the
   * project, `NOASSERTION` when there is licence text but none could be identified.
   */
  expression: string;
  /** Where the expression came from and what was decided on the way. */
  reasoning: string[];
  conflicts: LicenseConflict[];
}
