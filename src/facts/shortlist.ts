import { MAYBE_LICENSE } from '../licenses/candidates.js';
import { MAYBE_INVENTORY } from '../licenses/inventory.js';
import { DEPENDENCY_MANIFEST_MAY_MATCH } from './dependencies.js';
import { ARTEFACT_EXTENSION, CI_MAY_MATCH, MAYBE_TEST } from './project-files.js';
import { README_MAY_MATCH } from './readme.js';

/**
 * The paths any classifier of the listing might pick, in one pass (issue 17): a repository of 100,000
 * files paid for eight passes, one per classifier, each with its own tests on every path. Each classifier
 * exports a test that every path it picks passes; one regular expression made of all of them, and the
 * paths at most one folder deep (root files, community files in `.github/` and `docs/`, root CI names),
 * keep what any of them could want. Every classifier keeps listing order and judges each path alone, so
 * the classifiers pick from this shortlist exactly what they would pick from the whole listing
 * (test/facts/shortlist.test.ts). The positional sample of source files still walks the whole listing.
 */
const MAY_MATCH = new RegExp(
  [README_MAY_MATCH, DEPENDENCY_MANIFEST_MAY_MATCH, MAYBE_LICENSE, MAYBE_INVENTORY, ...CI_MAY_MATCH, MAYBE_TEST, ARTEFACT_EXTENSION]
    .map((pattern) => `(?:${pattern.source})`)
    .join('|'),
  // Case-insensitive although some parts are not: a wider shortlist only costs the classifiers a look.
  'i',
);

export function classifierShortlist(files: readonly string[]): string[] {
  const shortlist: string[] = [];
  for (const file of files) {
    const slash = file.indexOf('/');
    if (slash === -1 || file.indexOf('/', slash + 1) === -1 || MAY_MATCH.test(file)) shortlist.push(file);
  }
  return shortlist;
}
