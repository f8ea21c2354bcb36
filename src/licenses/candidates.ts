/**
 * Which files hold licence text, judged by name as licensee does: the conventional names at the root
 * first, then REUSE `LICENSES/` folders, then the licence files of sub-folders (a monorepo's packages).
 */
const LICENSE_BASENAME = /^(?:un)?licen[cs]e(?:[-_.][\w.+-]+)?$|^copying(?:[-_.][\w.+-]+)?$|^[\w.+-]+[-_]licen[cs]e(?:\.(?:txt|md|markdown|rst))?$|^licen[cs]e_1_0\.txt$/i;

/** The plain conventional names: the only ones trusted below the root, where packages keep their own. */
const PLAIN_LICENSE_BASENAME = /^(?:un)?licen[cs]e(?:\.(?:txt|md|markdown|rst))?$|^copying(?:\.lesser)?(?:\.(?:txt|md))?$/i;

/** Source code, data and images are never licence texts, whatever their names say (i2-license.ts). */
const NOT_LICENSE_TEXT = /\.(?:[cm]?[jt]sx?|json|ya?ml|toml|xml|py|rb|go|rs|java|kt|cs|php|c|h|cpp|sh|css|scss|png|jpe?g|gif|svg|ico|pdf|lock|map)$/i;

/** A cheap first test over every path: licence files all mention one of these. */
const MAYBE_LICENSE = /licen[cs]e|copying/i;

/** How deep below the root a package's own licence file is still looked for. */
const MAX_PACKAGE_DEPTH = 3;

/** Folders whose licence files describe someone else's code or test data, not the project. */
const FOREIGN_FOLDER = /(^|\/)(node_modules|vendor|third[-_]party|external|deps|fixtures?|test|tests|spec|examples?|samples?|testdata)(\/|$)/i;

export function isLicenseFileName(basename: string): boolean {
  return LICENSE_BASENAME.test(basename) && !NOT_LICENSE_TEXT.test(basename);
}

export function licenseFileCandidates(files: readonly string[], limit = 50): string[] {
  const root: string[] = [];
  const reuse: string[] = [];
  const nested: string[] = [];
  for (const file of files) {
    if (!MAYBE_LICENSE.test(file)) continue;
    const slash = file.lastIndexOf('/');
    const folder = slash === -1 ? '' : file.slice(0, slash);
    const basename = file.slice(slash + 1);
    if (/(^|\/)LICENSES$/.test(folder) && !FOREIGN_FOLDER.test(folder)) {
      reuse.push(file);
    } else if (isLicenseFileName(basename)) {
      if (folder === '') root.push(file);
      else if (PLAIN_LICENSE_BASENAME.test(basename) && folder.split('/').length <= MAX_PACKAGE_DEPTH && !FOREIGN_FOLDER.test(folder)) nested.push(file);
    }
  }
  return [...root, ...reuse, ...nested].slice(0, limit);
}

/**
 * The SPDX id a file's name states, where it states one: REUSE's `LICENSES/MIT.txt`, `LICENSE-MIT`,
 * `MIT-LICENSE`, `LICENSE.Apache-2.0`. The caller checks the id exists.
 */
export function idFromFileName(path: string): string | undefined {
  const slash = path.lastIndexOf('/');
  const folder = slash === -1 ? '' : path.slice(0, slash);
  const basename = path.slice(slash + 1);
  if (/(^|\/)LICENSES$/.test(folder)) return basename.replace(/\.(txt|md)$/i, '');
  const suffix = /^licen[cs]e[-_.]([\w.+-]+?)(?:\.(?:txt|md|markdown|rst|html))?$/i.exec(basename)?.[1];
  if (suffix && !/^(txt|md|markdown|rst|html|data)$/i.test(suffix)) return suffix;
  const prefix = /^([\w.+-]+)[-_]licen[cs]e(?:\.\w+)?$/i.exec(basename)?.[1];
  return prefix;
}
