import path from 'node:path';
import type { Report } from '../report/types.js';

/** `/`-separated, without a leading `./`. */
export function normalizePath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/**
 * A path of the report as a path from the root of the git repository, the way GitHub code scanning
 * (SARIF `artifactLocation.uri`: "relative to the root of the repository analyzed") and CI test
 * reporters read file paths; `/`-separated.
 *
 * Paths in a report are relative to the checked folder, except a manifest given on the command line
 * (and the records it was made from), which is named as given: relative to the folder dpg-check ran
 * in (for a manifest checked on its own, that file is the source's location). When the checked folder
 * is a subfolder of a work tree (`source.repositoryRoot`, set by the local sources), each path is
 * resolved and re-based on the work tree's root, as the GitHub Action re-bases its annotations on the
 * workspace. A path outside the work tree, and every path of a remote source (a whole repository), is
 * kept as it is.
 */
export function repositoryPath(report: Report, file: string): string {
  const root = report.source.repositoryRoot;
  if (root === undefined || (report.source.kind !== 'local' && report.source.kind !== 'manifest')) return normalizePath(file);
  const relative = path.relative(root, absolutePathOf(report, file));
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return normalizePath(file);
  return relative.split(path.sep).join('/');
}

/**
 * A path of a local check as seen from `folder` (where dpg-check runs): `path/to/repo/LICENSE`; a
 * manifest given on the command line, an absolute path and every path of a remote source stay as they are.
 */
export function pathFrom(report: Report, file: string, folder: string): string {
  if ((report.source.kind !== 'local' && report.source.kind !== 'manifest') || path.isAbsolute(file)) return file;
  const relative = path.relative(folder, absolutePathOf(report, file));
  return relative === '' ? file : relative.split(path.sep).join('/');
}

function absolutePathOf(report: Report, file: string): string {
  if (path.isAbsolute(file)) return file;
  const manifest = report.manifest;
  const named = normalizePath(file);
  const isGiven = (given: string): boolean => normalizePath(given) === named;
  if (report.source.kind === 'manifest') return manifest && isGiven(manifest.path) ? report.source.location : path.resolve(file);
  if (manifest && manifest.origin !== 'repository' && (isGiven(manifest.path) || manifest.madeFrom?.some((record) => isGiven(record.path))))
    return path.resolve(file);
  return path.resolve(report.source.location, file);
}
