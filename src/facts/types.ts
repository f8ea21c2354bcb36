import type { CommunityFileKind } from '../source/community-files.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { LoadedPolicy } from '../policy/types.js';
import type { LicenseFacts } from '../licenses/types.js';
import type { FileReadProblem, FileText, SourceDescription } from '../source/types.js';
import type { PathLookup } from '../util/path-lookup.js';

/**
 * A line of a file that says who holds the copyright. Lines that are not the project's notice are
 * never listed: a licence's own copyright (the FSF's), the unfilled template of a licence's
 * how-to-apply appendix, and the variable lines of a licence-header template (`license-header.txt`
 * with `Copyright ${year} ${owner}`), which a build plugin fills in where it applies them.
 */
export interface CopyrightLine {
  path: string;
  line: number;
  /** The line as a person reads it: comment marks, Markdown emphasis and HTML tags removed. */
  text: string;
  /** The holder's name without marks, years, e-mail addresses, links or "All rights reserved"; empty when none could be read. */
  holder: string;
  /** True for template text such as `[yyyy] [name of copyright owner]` that was never filled in. */
  placeholder: boolean;
}

export interface ReadmeFacts {
  path: string;
  text: string;
  /** Words of prose, not counting code blocks, badges or markup. */
  wordCount: number;
  headings: Array<{ level: number; text: string; line: number }>;
}

export type { CommunityFileKind };

export interface Dependency {
  ecosystem: 'npm' | 'pypi' | 'maven' | 'gradle' | 'go' | 'composer' | 'rubygems' | 'docker' | 'nuget';
  name: string;
  /** The version or range as written (`^2.1.0`, `8.10.2`, `latest`); empty when none is given. */
  version: string;
  path: string;
  line?: number;
  /** False for development-only dependencies, which the Standard's "mandatory" does not cover. */
  runtime: boolean;
  /**
   * The licence a lockfile records for it (package-lock.json, composer.lock). Lockfiles list every
   * package, so only those whose licence restricts use (source-available, non-commercial, proprietary)
   * are kept from them.
   */
  license?: string;
  /** Read from a lockfile: every resolved package, not the project's own choice of dependencies. */
  fromLockfile?: boolean;
}

export interface StandardArtefact {
  path: string;
  /** The standard the file follows: OpenAPI, FHIR, publiccode.yml, ... */
  standard: string;
}

/**
 * Everything the checks know about a repository, gathered once per run. Indicators read facts and
 * nothing else: no file system, no network.
 */
export interface Facts {
  source: SourceDescription;
  /** Every file, relative and `/`-separated; empty for a manifest checked on its own. */
  files: readonly string[];
  /** Whether a path is listed (a lookup that needs no Set of the whole listing). */
  listed: PathLookup;
  /** False when only a manifest was given: file-based checks then say they could not look. */
  hasRepository: boolean;
  /** The manifest, or undefined when the repository has none. */
  manifest?: LoadedManifest;
  /** The project's policy (`.dpg-check.yaml` or the manifest's `policy:`), when it has one. */
  policy?: LoadedPolicy;
  /** The texts of the files the checks read, by path. */
  texts: ReadonlyMap<string, FileText>;
  /** Files that were looked for but could not be read safely (symlinks out, FIFOs, no permission). */
  readProblems: readonly FileReadProblem[];
  readme?: ReadmeFacts;
  licenses: LicenseFacts;
  copyrights: readonly CopyrightLine[];
  community: Readonly<Partial<Record<CommunityFileKind, string[]>>>;
  /** CI configuration files (GitHub Actions workflows, .gitlab-ci.yml, ...). */
  ciConfigs: readonly string[];
  /** Test files or folders found (a sample; at most a few dozen). */
  tests: readonly string[];
  standardArtefacts: readonly StandardArtefact[];
  dependencies: readonly Dependency[];
}
