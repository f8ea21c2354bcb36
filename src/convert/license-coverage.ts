import { osiApprovedIds } from '../licenses/spdx-list.js';
import type { Category, LicenseCoverage } from '../manifest/types.js';

/**
 * What each licence of a registry record covers (`covers:` in the manifest). A record lists its licences
 * without saying which applies to what; without `covers`, check judges every licence for every
 * category, so a record with BSD-3-Clause for its code and ODbL for its data fails both. The licence's
 * family says what it is for: software licences license code, Creative Commons content, Open Data
 * Commons data. `covers` is written only when the record makes it clear and it changes what check
 * judges: several licences of different families, or a licence whose family serves none of the
 * record's types.
 */
type Family = 'software' | 'creative-commons' | 'cc0' | 'open-data-commons';

const OPEN_DATA_COMMONS = /^(ODbL|ODC-By|PDDL)-\d/;

function familyOf(expression: string): Family | undefined {
  const id = expression.trim();
  // Several ids ("MIT OR CC-BY-4.0") may span families: the record does not say which covers what.
  if (/\s/.test(id)) return undefined;
  if (/^CC0-/.test(id)) return 'cc0';
  if (/^CC-/.test(id)) return 'creative-commons';
  if (OPEN_DATA_COMMONS.test(id)) return 'open-data-commons';
  return osiApprovedIds().has(id) ? 'software' : undefined;
}

function familyCoverage(family: Family, categories: readonly Category[]): LicenseCoverage[] {
  switch (family) {
    case 'software':
      return ['software'];
    case 'creative-commons':
      return categories.includes('data') ? ['content', 'data'] : ['content'];
    case 'cc0':
      return ['content', 'data'];
    case 'open-data-commons':
      return ['data'];
  }
}

/**
 * The coverage of each licence, in order, or undefined when the record does not make it clear (or
 * saying it would change nothing). An AI system is left alone: which licence covers its model weights
 * the record does not say, and `covers` on every licence would leave the weights uncovered, where
 * check now judges every licence for them.
 */
export function derivedCoverage(licenses: ReadonlyArray<{ expression: string }>, categories: readonly Category[] | undefined): LicenseCoverage[][] | undefined {
  // `standard` has no licence coverage of its own (how it is judged is for the indicators).
  const judged = (categories ?? []).filter((category) => category !== 'standard');
  if (licenses.length === 0 || judged.length === 0 || judged.includes('ai-system')) return undefined;
  const families = licenses.map((license) => familyOf(license.expression));
  if (families.some((family) => family === undefined)) return undefined;
  const coverages = (families as Family[]).map((family) => familyCoverage(family, judged));
  const servesNone = coverages.some((coverage) => !coverage.some((item) => (judged as readonly string[]).includes(item)));
  const differ = coverages.some((coverage) => coverage.join() !== coverages[0]?.join());
  return servesNone || differ ? coverages : undefined;
}

/** Do the licences' `covers` say exactly what a registry record's licences and types would give back? */
export function coverageIsDerived(
  licenses: ReadonlyArray<{ expression: string; covers?: readonly LicenseCoverage[] }>,
  categories: readonly Category[] | undefined,
): boolean {
  const derived = derivedCoverage(licenses, categories);
  return licenses.every((license, index) => (license.covers?.join() ?? '') === (derived?.[index]?.join() ?? ''));
}
