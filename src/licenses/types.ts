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
  /**
   * Whether the file speaks for the whole project (at the root, under LICENSES/, or, when the root
   * has none, the licence files of the package folders one level down) or only for its own folder.
   */
  scope?: 'project' | 'folder';
  /** The part of the project the file's name says it covers (LICENSE-DATA.txt, COPYING.content). */
  covers?: CoveredPart;
  /**
   * With matcher `notice`: what the file holds instead of the licence text. `gnu-notice` and
   * `apache-notice` are the stewards' own notices; `reference` a sentence or link naming the licence.
   */
  noticeKind?: 'gnu-notice' | 'apache-notice' | 'reference';
}

/** What part of the project a licence covers, in the manifest's words (documentation and fonts are content). */
export type CoveredPart = 'software' | 'content' | 'data';

/**
 * Something that says which licence applies without being its text: a README's sentence, badge,
 * link or licence section, or the notice of a COPYRIGHT file.
 */
export interface LicenseNoticeFact {
  path: string;
  line?: number;
  spdx: string;
  /** Other ids it may mean: a GNU licence named without "only" or "or later" is either. */
  alternatives?: string[];
  kind: 'apache-notice' | 'gnu-notice' | 'statement' | 'badge' | 'link' | 'readme-text';
  /** The README, or a COPYRIGHT file beside the licence files. */
  from: 'readme' | 'copyright-file';
  excerpt: string;
  /** The part of the project it is about, when its sentence names one ("the contents … are licensed under"). */
  covers?: CoveredPart;
  /** The words naming a part that is none of the three ("Mulberry Symbols"). */
  part?: string;
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
  /**
   * Ids the declaration may mean besides `expression`'s: a deprecated bare GPL-3.0 is GPL-3.0-only
   * under SPDX but is as often written for GPL-3.0-or-later, so a text of either matches it.
   */
  alternatives?: string[];
}

/**
 * One part of the project expression and what it rests on. A licence text identified is the strongest
 * evidence; a notice, a README statement or a declaration names the licence without carrying it.
 */
export interface LicensePart {
  /** The licence: an SPDX id, an OR choice, or a LicenseRef for an unidentified text. */
  spdx: string;
  from: 'file' | 'notice' | 'readme' | 'declaration';
  path: string;
  line?: number;
  /**
   * `text`: the licence text itself, identified; `notice`: a notice or a sentence, badge or link that
   * names the licence without its text; `declaration`: a package or dpg manifest field.
   */
  evidence: 'text' | 'notice' | 'declaration';
  /** 0 to 100, as sure as the identification is; a notice or a declaration alone is at most 90. */
  confidence: number;
  /** For a part read from a README or a COPYRIGHT file: what kind of notice it is. */
  kind?: LicenseNoticeFact['kind'];
  covers?: CoveredPart;
  /** The declarations, notices and other licence files that name the same licence. */
  confirmedBy: string[];
}

/** The part of the project an inventory entry is about: the manifest's parts, and an AI model's weights. */
export type InventoryPart = CoveredPart | 'model-weights';

/**
 * One place in the tree that puts some files under a licence (or reserves their rights): a licence
 * file, a REUSE.toml annotation or `.reuse/dep5` stanza, a `.license` sidecar, a card's `license:`,
 * an SPDX header, an "All rights reserved" / "used with permission" notice.
 */
export interface LicenseInventoryEntry {
  path: string;
  line?: number;
  kind: 'licence-file' | 'reuse-toml' | 'dep5' | 'sidecar' | 'card' | 'spdx-header' | 'rights-notice';
  /** The SPDX expression; `NOASSERTION` for an unidentified text or a rights notice, `NONE` for a licence file that grants nothing. */
  spdx: string;
  /** As written, where that differs from `spdx` (a card's `other`, `openrail`). */
  written?: string;
  /** What it speaks for: `''` the whole repository, `folder/`, a file, or REUSE globs; empty when the text does not say. */
  appliesTo: string[];
  /** A licence file that speaks for the project (root, LICENSES/, a package folder): judged as the project's licence. */
  projectLevel?: boolean;
  /** The part of the project it covers, when the file's name, its folder, its files or the card say. */
  part?: InventoryPart;
  partFrom?: 'file-name' | 'folder' | 'files' | 'card';
  /** The line of a rights notice. */
  excerpt?: string;
}

export interface LicenseInventory {
  /** Everything in the project's own folders, in the order: licence files, REUSE, sidecars, cards, headers, notices. */
  entries: LicenseInventoryEntry[];
  /** Licence files in vendored, dependency or test-data folders: someone else's, listed apart and not read. */
  vendored: string[];
  /** Inventory files that could not be understood (a REUSE.toml that is not TOML). */
  problems: Array<{ path: string; line?: number; message: string }>;
  /** More licence files or sidecars than are read: only the first are in the inventory. */
  truncated: boolean;
}

export interface LicenseFacts {
  files: LicenseFileFact[];
  /** Every place in the tree that puts some part under a licence (the project's licence files among them). */
  inventory: LicenseInventory;
  declarations: LicenseDeclaration[];
  notices: LicenseNoticeFact[];
  /**
   * The project's licence as one SPDX expression: the root and REUSE licence files (or, without any,
   * those of the package folders one level down) joined with AND, with the licence a README gives the
   * content or the data; without files, the README's or COPYRIGHT's licence, else the declarations.
   * `NONE` when nothing licenses the project, `NOASSERTION` when there is licence text but none could
   * be identified.
   */
  expression: string;
  /** Where each part of the expression comes from and how sure it is. */
  parts: LicensePart[];
  /** Where the expression came from and what was decided on the way. */
  reasoning: string[];
  conflicts: LicenseConflict[];
}
