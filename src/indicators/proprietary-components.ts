// The few functions needed, each its own module: loading all of semver costs ~20 ms at every start.
// Imported, not required at run time, so that the bundles (scripts/bundle-*.js) carry them.
import coerce from 'semver/functions/coerce.js';
import satisfies from 'semver/functions/satisfies.js';
import valid from 'semver/functions/valid.js';
import minVersion from 'semver/ranges/min-version.js';
import validRange from 'semver/ranges/valid.js';
import type { Dependency } from '../facts/types.js';
import { readPackageJson } from '../util/package-files.js';

export interface ProprietaryComponent {
  id: string;
  name: string;
  license: string;
  reason: string;
  source: string;
  match: Array<{ ecosystem: Dependency['ecosystem']; name: string; versions?: string }>;
  alternatives: Array<{ name: string; url?: string }>;
}

let components: ProprietaryComponent[] | undefined;

export function proprietaryComponents(): ProprietaryComponent[] {
  components ??= readPackageJson<{ components: ProprietaryComponent[] }>('data/proprietary-components.json').components;
  return components;
}

/** Package names compare as each ecosystem's registry does (PyPI folds case and `-`/`_`/`.`). */
function normaliseName(ecosystem: Dependency['ecosystem'], name: string): string {
  if (ecosystem === 'pypi') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (ecosystem === 'docker') return name.toLowerCase().replace(/^(docker\.io\/)?(library\/)?/, '');
  return name.toLowerCase();
}

function sameEcosystem(a: Dependency['ecosystem'], b: Dependency['ecosystem']): boolean {
  const jvm = (value: string): boolean => value === 'maven' || value === 'gradle';
  return a === b || (jvm(a) && jvm(b));
}

/**
 * Does a dependency's version fall in the non-open range? An unknown version (`latest`, a variable)
 * counts only when the range is open-ended, because then the newest release is affected.
 */
function versionMatches(version: string, range: string | undefined): boolean {
  if (!range) return true;
  const cleaned = version.trim().replace(/^v/, '');
  const exact = valid(coerce(cleaned));
  if (cleaned !== '' && !/^(latest|\*|x)$/i.test(cleaned)) {
    const minimum = validRange(cleaned) ? minVersion(cleaned) : null;
    const candidate = minimum?.version ?? exact;
    if (candidate) return satisfies(candidate, range, { includePrerelease: true });
  }
  return satisfies('999.0.0', range);
}

export interface ProprietaryMatch {
  dependency: Dependency;
  component: ProprietaryComponent;
}

export function findProprietaryDependencies(dependencies: readonly Dependency[]): ProprietaryMatch[] {
  const matches: ProprietaryMatch[] = [];
  const seen = new Set<string>();
  for (const dependency of dependencies) {
    // A lockfile lists every resolved package: the curated components are matched on what the project chose.
    if (!dependency.runtime || dependency.fromLockfile) continue;
    const name = normaliseName(dependency.ecosystem, dependency.name);
    for (const component of proprietaryComponents()) {
      const hit = component.match.some(
        (matcher) =>
          sameEcosystem(matcher.ecosystem, dependency.ecosystem) &&
          normaliseName(matcher.ecosystem, matcher.name) === name &&
          versionMatches(dependency.version, matcher.versions),
      );
      const key = `${component.id}|${dependency.path}|${name}`;
      if (hit && !seen.has(key)) {
        seen.add(key);
        matches.push({ dependency, component });
      }
    }
  }
  return matches;
}
