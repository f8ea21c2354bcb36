import type { StandardArtefact } from './types.js';

// Community files are named by the hosting platform's conventions, which the GitHub source needs too.
export { findCommunityFiles } from '../source/community-files.js';

/**
 * Files recognised by name: CI configuration, tests and artefacts of open
 * standards. Names only; nothing here reads a file.
 */
/**
 * CI configuration where the service reads it: root dot-files and folders (GitHub, Gitea and
 * Forgejo Actions, GitLab, CircleCI, Travis, Drone, Woodpecker, Buildkite, Azure Pipelines,
 * Semaphore, Cirrus, sourcehut, Tekton's pipelines-as-code, TeamCity's Kotlin DSL) and root names
 * (Bitbucket Pipelines, AppVeyor, Codemagic, Bitrise, Wercker), plus dhis2-core's `jenkinsfiles/`.
 * Anchored at the start: most paths fail at their first character.
 */
const CI_AT_ROOT =
  /^(?:(?:\.github\/workflows\/[^/]+|\.gitea\/workflows\/[^/]+|\.forgejo\/workflows\/[^/]+|\.gitlab-ci|\.gitlab\/ci\/[^/]+|\.circleci\/config|\.travis|\.drone|\.woodpecker(?:\/[^/]+)?|\.buildkite\/[^/]+|\.azure-pipelines\/[^/]+|\.semaphore\/[^/]+|\.cirrus|\.builds\/[^/]+|\.tekton\/[^/]+|bitbucket-pipelines|\.?appveyor|codemagic|bitrise|wercker)\.ya?ml|\.drone\.(?:jsonnet|star)|\.cirrus\.star|\.teamcity\/[^/]+\.kts|jenkinsfiles\/[^/.]+(?:\.groovy)?)$/;

/**
 * CI files that monorepos keep beside each service, at any depth, by their base names: Jenkins
 * (`Jenkinsfile`, `Jenkinsfile.release`, `deploy.jenkinsfile`), Google Cloud Build
 * (`cloudbuild.yaml`, `cloudbuild-prod.yml`), Azure Pipelines, AWS CodeBuild (`buildspec.yml`) and
 * GitLab child pipelines (`build.gitlab-ci.yml`).
 */
const CI_BASENAME =
  /^(?:jenkinsfile(?:[._-][\w.-]*)?|[\w.-]+\.jenkinsfile|cloudbuild(?:[._-][\w.-]*)?\.(?:ya?ml|json)|azure-pipelines(?:[._-][\w.-]*)?\.ya?ml|buildspec(?:[._-][\w-]*)?\.ya?ml|[\w.-]+\.gitlab-ci\.ya?ml)$/i;
/** What every name above contains: one cheap test before the base name is cut out. */
const MAYBE_CI = /jenkinsfile|cloudbuild|azure-pipelines|buildspec|gitlab-ci|tekton/i;

/**
 * True of every CI file found (src/facts/shortlist.ts): CI_AT_ROOT's names lie at most one folder deep
 * (the shortlist keeps those) or start with a dot; every other name passes MAYBE_CI.
 */
export const CI_MAY_MATCH: readonly RegExp[] = [/^\./, MAYBE_CI];
/** Tekton pipelines kept in a `tekton/` folder anywhere (`ci/tekton/pipeline.yaml`). */
const TEKTON = /(?:^|\/)tekton\/[^/]+\.ya?ml$/;
/** A CI name that is documentation or an example, not configuration ("Jenkinsfile.md", "buildspec.yml.sample"). */
const NOT_CONFIG = /\.(?:md|txt|rst|adoc|html|png|svg|sample|example|template|tmpl|bak|orig)$/i;
/** Another project's files: its CI is not this project's. */
const FOREIGN = /(?:^|\/)(?:node_modules|vendor|third[-_]party|bower_components|external|fixtures?|testdata|examples?|samples?)\//i;

/** At most this many CI files are listed: a monorepo may hold one per service. */
const MAX_CI_CONFIGS = 50;

export function findCiConfigs(files: readonly string[], limit = MAX_CI_CONFIGS): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (!isCiConfig(file)) continue;
    found.push(file);
    if (found.length >= limit) break;
  }
  return found;
}

function isCiConfig(file: string): boolean {
  if (CI_AT_ROOT.test(file)) return true;
  if (!MAYBE_CI.test(file)) return false;
  const basename = file.slice(file.lastIndexOf('/') + 1);
  if (!CI_BASENAME.test(basename) && !TEKTON.test(file)) return false;
  return !NOT_CONFIG.test(basename) && !FOREIGN.test(file);
}

/**
 * Words every test path has somewhere (a test folder, a test file name, a test script or runner
 * configuration): one cheap test over every path; the rules below run on the few that have one.
 */
export const MAYBE_TEST = /test|spec|e2e|cypress|phpunit|\.(?:feature|bats|robot|t)$|_SUITE\.erl$|suite\.scala$|IT\.(?:java|kt|groovy|scala)$/i;
/**
 * Test folders: `test/`, `tests/`, `spec/`, `__tests__/`, `e2e/`, `src/test/` (Maven), `tests/testthat/`
 * (R), `unit-tests/`, `App.Tests/` (.NET), `test-e2e/`, and Kotlin, Android and Xcode test source sets
 * (`androidTest/`, `jvmTest/`, `MyAppTests/`). Case matters for the last: `latest/` is no test.
 */
const TEST_FOLDER =
  /(?:^|\/)(?:[Tt]ests?|[Ss]pecs?|[Tt]esting|e2e|cypress|__tests?__|[\w.-]*[-_.](?:[Tt]ests?|[Ss]pecs?|e2e)|(?:[Tt]ests?|e2e)[-_.][\w.-]*|[\w.-]*[a-z0-9](?:Tests?|Specs?))\//;
/** Test files by their names, in the conventions of each language's test runner. */
const TEST_NAME = new RegExp(
  [
    '^(?:test_[\\w.-]*|[\\w.-]*_tests?|tests?|conftest)\\.py$', // pytest, unittest, Django's tests.py
    '^[\\w.-]*_(?:test|unittest)\\.(?:go|rb|exs?|dart|c|cc|cpp|cxx|rs|kt|swift|erl)$', // Go, Ruby minitest, Elixir, Dart, C/C++, Erlang eunit
    '^[\\w.-]*_spec\\.(?:rb|lua|cr|exs?)$', // RSpec, busted, Crystal
    '^test_[\\w.-]*\\.(?:c|cc|cpp|sh|bats)$', // C test programs and shell tests (Ruby's are *_test.rb: test_mailer.rb is a mailer)
    '^[\\w.-]*\\.(?:test|spec|e2e|e2e-spec|cy|unit|integration)\\.[cm]?[jt]sx?$', // Jest, Vitest, Mocha, Jasmine, Cypress
    '^[\\w.-]*(?:[a-z0-9]IT|Tests?|Spec|TestCase|Suite)\\.(?:java|kt|kts|groovy|scala|cs|fs|vb|swift|php|m|mm)$', // JUnit, Spock, ScalaTest, xUnit, XCTest, PHPUnit
    '^[\\w.-]*_SUITE\\.erl$', // Common Test
    '^[\\w.-]*\\.(?:feature|bats|robot)$', // Cucumber, Bats, Robot Framework
  ].join('|'),
);
/** Test scripts and runner configurations: `script/test-unit.sh`, `scripts/test.sh`, `bin/test`, `run_tests.sh`, `phpunit.xml`, Perl's `t/*.t`. */
const TEST_RUNNER =
  /(?:^|\/)(?:scripts?|bin|tools|ci)\/(?:run[-_]?)?tests?(?:[-_.][\w.-]*)?$|(?:^|\/)run[-_]?tests?\.(?:sh|bash|py|ps1|bat|cmd)$|(?:^|\/)phpunit\.xml(?:\.dist)?$|(?:^|\/)t\/[\w.-]+\.t$/;
/** Code: what a test is written in. A test folder's data (JSON, CSV, images, snapshots) is not a test. */
const CODE_FILE =
  /\.(?:[cm]?[jt]sx?|py|rb|go|java|kt|kts|scala|groovy|cs|fs|vb|swift|m|mm|dart|php|ex|exs|erl|r|jl|rs|c|cc|cpp|cxx|h|hpp|lua|pl|pm|sh|bash|clj|cljs|hs|ml|vue|svelte|elm|cr|nim|zig|ps1)$/i;
/** Fixtures, resources and snapshots that tests use. */
const TEST_SUPPORT = /(?:^|\/)(?:fixtures?|__fixtures__|testdata|test[-_]?data|resources|__snapshots__)\//i;
/** Other projects' code, with their tests; under a test folder, the project's own tests of an integration. */
const VENDORED = /(?:^|\/)(?:node_modules|vendor|third[-_]party|bower_components)\//i;

/** A sample of test files: enough to say the project has tests, never the whole list. */
export function findTests(files: readonly string[], limit = 20): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (!MAYBE_TEST.test(file) || !isTest(file)) continue;
    found.push(file);
    if (found.length >= limit) break;
  }
  return found;
}

function isTest(file: string): boolean {
  if (TEST_SUPPORT.test(file) || isVendored(file)) return false;
  if (TEST_RUNNER.test(file)) return true;
  const basename = file.slice(file.lastIndexOf('/') + 1);
  if (TEST_NAME.test(basename)) return true;
  return CODE_FILE.test(basename) && TEST_FOLDER.test(file);
}

/** True for `vendor/lib/test/x_test.go`; false for glific's own `test/glific/third_party/gemini_test.exs`. */
function isVendored(file: string): boolean {
  const vendored = VENDORED.exec(file);
  if (!vendored) return false;
  const testFolder = TEST_FOLDER.exec(file);
  return !testFolder || testFolder.index > vendored.index;
}

const STANDARD_PATTERNS: Array<{ pattern: RegExp; standard: string }> = [
  { pattern: /(^|\/)(openapi|swagger)[^/]*\.(ya?ml|json)$/i, standard: 'OpenAPI' },
  { pattern: /(^|\/)asyncapi[^/]*\.(ya?ml|json)$/i, standard: 'AsyncAPI' },
  { pattern: /\.raml$/i, standard: 'RAML' },
  {
    pattern:
      /(^|\/)fhir\/|\.fhir\.(json|xml)$|(^|\/)ImplementationGuide[^/]*\.(json|xml)$|(^|\/)(StructureDefinition|CapabilityStatement)[-_][^/]*\.(json|xml)$/i,
    standard: 'HL7 FHIR',
  },
  { pattern: /(^|\/)publiccode\.ya?ml$/i, standard: 'publiccode.yml' },
  { pattern: /(^|\/)CITATION\.cff$/, standard: 'Citation File Format' },
  { pattern: /^REUSE\.toml$|^\.reuse\/dep5$/, standard: 'REUSE' },
  { pattern: /(^|\/)datapackage\.json$/i, standard: 'Frictionless Data Package' },
  { pattern: /\.(geojson)$/i, standard: 'GeoJSON' },
  { pattern: /(^|\/)\.well-known\/security\.txt$|(^|\/)security\.txt$/i, standard: 'security.txt (RFC 9116)' },
  { pattern: /(^|\/)(sbom|bom)\.(cdx\.)?(json|xml)$|\.spdx(\.json)?$/i, standard: 'SBOM (CycloneDX/SPDX)' },
  { pattern: /\.(xsd)$/i, standard: 'XML Schema' },
  { pattern: /(^|\/)\.bestpractices\.json$/, standard: 'OpenSSF Best Practices' },
];

/** Every artefact pattern above ends in one of these; other files are skipped unread. */
export const ARTEFACT_EXTENSION = /\.(?:ya?ml|json|xml|raml|cff|toml|geojson|txt|spdx|xsd)$|dep5$/i;

export function findStandardArtefacts(files: readonly string[], limit = 30): StandardArtefact[] {
  const found: StandardArtefact[] = [];
  const seenStandards = new Map<string, number>();
  for (const file of files) {
    if (!ARTEFACT_EXTENSION.test(file)) continue;
    if (/(^|\/)(node_modules|vendor|third[-_]party)\//.test(file)) continue;
    const match = STANDARD_PATTERNS.find(({ pattern }) => pattern.test(file));
    if (!match) continue;
    // A few files per standard are evidence enough; a FHIR repo may hold thousands.
    const count = seenStandards.get(match.standard) ?? 0;
    if (count >= 3) continue;
    seenStandards.set(match.standard, count + 1);
    found.push({ path: file, standard: match.standard });
    if (found.length >= limit) break;
  }
  return found;
}
