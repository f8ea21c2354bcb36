import { currentSpdxIds, deprecatedSpdxIds } from './spdx-list.js';
import type { CoveredPart } from './types.js';

/**
 * Which files hold licence text, judged by name as licensee does: the conventional names at the root
 * first, then REUSE `LICENSES/` folders, then the licence files of sub-folders (a monorepo's packages).
 * Names may have spaces ("License for content.txt"): projects name a second licence after its part.
 */
const LICENSE_BASENAME =
  /^(?:un)?licen[cs]e(?:[-_. ][\w .+-]+)?$|^copying(?:[-_. ][\w .+-]+)?$|^[\w.+-][\w .+-]*[-_ ]licen[cs]e(?:\.(?:txt|md|markdown|rst))?$|^licen[cs]e_1_0\.txt$/i;

/** The plain conventional names: the only ones trusted below the root, where packages keep their own. */
const PLAIN_LICENSE_BASENAME = /^(?:un)?licen[cs]e(?:\.(?:txt|md|markdown|rst))?$|^copying(?:\.lesser)?(?:\.(?:txt|md))?$/i;

/** Source code, data and images are never licence texts, whatever their names say (i2-license.ts). */
const NOT_LICENSE_TEXT = /\.(?:[cm]?[jt]sx?|json|ya?ml|toml|xml|py|rb|go|rs|java|kt|cs|php|c|h|cpp|sh|css|scss|png|jpe?g|gif|svg|ico|pdf|lock|map)$/i;

/** A cheap first test over every path: licence files all mention one of these (or are named by an id, tested apart). */
export const MAYBE_LICENSE = /licen[cs]e|copying/i;

/** Every SPDX id, lower-cased: a root file named after one (MIT.md, CC-BY-4.0.txt) may hold its text. */
const LICENSE_IDS = new Set([...currentSpdxIds(), ...deprecatedSpdxIds()].map((id) => id.toLowerCase()));

/** The extensions a licence text is written with. */
const TEXT_EXTENSION = /\.(?:txt|md|markdown|rst)$/i;

/** How deep below the root a package's own licence file is still looked for. */
const MAX_PACKAGE_DEPTH = 3;

/** Folders whose licence files describe someone else's code or test data, not the project. */
export const FOREIGN_FOLDER = /(^|\/)(node_modules|vendor|third[-_]party|external|deps|fixtures?|test|tests|spec|examples?|samples?|testdata)(\/|$)/i;

/** Templates of a licence header for source files (`license-header.txt`, `LICENSE.tmpl`): no licence of the project. */
const HEADER_TEMPLATE = /header|template|\.tmpl$|\.tpl$/i;

export function isLicenseFileName(basename: string): boolean {
  return basename.length <= 100 && LICENSE_BASENAME.test(basename) && !NOT_LICENSE_TEXT.test(basename) && !HEADER_TEMPLATE.test(basename);
}

/**
 * A root file named after a licence rather than "LICENSE": MIT.md, Apache-2.0.txt, CC-BY-4.0. Its
 * name alone proves less (Vim.md, curl.md and JSON.md are ids too), so it counts only when its text
 * is a licence (detect.ts).
 */
export function isNamedAfterLicense(path: string): boolean {
  if (path.includes('/')) return false;
  const stem = path.replace(TEXT_EXTENSION, '');
  return stem.length <= 60 && LICENSE_IDS.has(stem.toLowerCase()) && !LICENSE_BASENAME.test(path);
}

export function licenseFileCandidates(files: readonly string[], limit = 50): string[] {
  const root: string[] = [];
  const reuse: string[] = [];
  const nested: string[] = [];
  for (const file of files) {
    if (isNamedAfterLicense(file)) {
      root.push(file);
      continue;
    }
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

/**
 * The folders one level down whose licence file can speak for a project that has none at the root: a
 * language package (`python/`, `js/`) or a monorepo package (`packages/core/`). A folder of documents
 * or media (`docs/`, `assets/`) licenses its own material, not the project.
 */
export function isPackageFolder(folder: string): boolean {
  const segments = folder.split('/');
  if (segments.length === 1) return !MATERIAL_FOLDER.test(folder);
  return segments.length === 2 && MONOREPO_CONTAINER.test(segments[0] as string);
}

const MATERIAL_FOLDER = /^(?:docs?|documentation|assets|media|images?|img|fonts?|static|public|brand|design|art|artwork|icons|data|datasets?)$/i;
const MONOREPO_CONTAINER = /^(?:packages|libs|apps|crates|modules|plugins|components|services|projects|tools|sdks?)$/i;

/** Words of a licence file's name that say which part of the project it covers. */
const PART_IN_NAME: Array<[RegExp, CoveredPart]> = [
  [/^(?:code|software|source|src)$/, 'software'],
  [/^(?:content|contents|docs?|documentation|assets|media|images|art|artwork|fonts?|icons|text|translations|brand)$/, 'content'],
  [/^(?:data|datasets?|database|db)$/, 'data'],
];

/** The part a licence file's name says it covers: LICENSE-DATA.txt, COPYING.content, "License for content.txt". */
export function coversFromName(path: string): CoveredPart | undefined {
  const words = path
    .slice(path.lastIndexOf('/') + 1)
    .toLowerCase()
    .split(/[-_. ]+/);
  const parts = new Set(words.flatMap((word) => PART_IN_NAME.filter(([pattern]) => pattern.test(word)).map(([, part]) => part)));
  return parts.size === 1 ? [...parts][0] : undefined;
}
