/**
 * Where a repository's files come from. Everything after the source (facts, indicators, report) sees
 * only this interface, so a local folder, a git clone or the GitHub API look the same to the checks.
 */
export interface SourceDescription {
  /** `local`, `git`, `github` or `manifest` (a manifest checked on its own, with no repository). */
  kind: 'local' | 'git' | 'github' | 'manifest';
  /** What the user named: a path or URL, as given (with any credentials removed). */
  target: string;
  /** The absolute folder for local sources; the URL for remote ones. */
  location: string;
  /** The commit or ref that was read, when known. */
  revision?: string;
  /**
   * Local sources in a subfolder of a git work tree (and manifests checked on their own inside one):
   * the absolute root of that work tree. Paths in findings are relative to the checked folder; SARIF
   * and JUnit re-base them on this root, as GitHub code scanning and CI test reports read them.
   */
  repositoryRoot?: string;
  /**
   * Community files the repository does not have but GitHub shows from the owner's `.github` repository
   * (GitHub sources only). Each is also listed by `listFiles()` under `path`, so the checks count it.
   */
  inherited?: InheritedFile[];
}

/** A community health file inherited from the owner's `.github` repository. */
export interface InheritedFile {
  /** Where `listFiles()` lists it: `.github/` and the file's name, e.g. `.github/CODE_OF_CONDUCT.md`. */
  path: string;
  /** The repository it comes from, `OWNER/.github`. */
  repository: string;
  /** Its path in that repository. */
  sourcePath: string;
}

export interface FileText {
  /** Path relative to the repository root, with `/` separators. */
  path: string;
  /** The decoded text (UTF-8, BOM removed). Empty when the file is binary. */
  text: string;
  /** True when the file was larger than the read cap and `text` holds only its beginning. */
  truncated: boolean;
  /** True when the file looks binary (NUL bytes); such files are never decoded. */
  binary: boolean;
  /** The file's full size in bytes. */
  size: number;
}

/** Why a file could not be read; reported as a finding, never thrown past the facts stage. */
export interface FileReadProblem {
  path: string;
  /** broken-link: a symbolic link that points nowhere or at itself; unreadable: a read that failed (permissions, git). */
  reason: 'outside-repository' | 'not-a-file' | 'broken-link' | 'unreadable' | 'missing';
  detail: string;
}

/**
 * Which files a check will read, decided from the listing (src/facts/read-plan.ts): remote sources
 * fetch them all in one request or one sparse checkout. Passed down by the caller, so the source layer
 * knows nothing of what the checks read; without one, files are fetched as they are read.
 */
export type ReadPlanner = (files: readonly string[]) => string[];

export interface RepositorySource {
  readonly description: SourceDescription;
  /**
   * True when every `readText` of a file not read yet costs its own network request (the anonymous
   * GitHub API). The facts stage then skips optional reads, such as the sample of source files read
   * for their SPDX headers, to spare the caller's rate limit.
   */
  readonly readsAreCostly?: boolean;
  /** Every file of the repository (relative, `/`-separated, sorted), honouring ignore rules. */
  listFiles(): Promise<string[]>;
  /**
   * Reads one file as text, at most `maxBytes` of it. Returns a problem instead of throwing when the
   * file cannot be read safely (a symlink out of the repository, a FIFO, no permission).
   */
  readText(path: string, maxBytes: number): Promise<FileText | FileReadProblem>;
  /** Removes anything the source created (temporary clones). Safe to call more than once. */
  dispose(): Promise<void>;
}

export function isFileText(value: FileText | FileReadProblem): value is FileText {
  return 'text' in value;
}
