import type { CommunityFileKind, StandardArtefact } from './types.js';

/**
 * Files recognised by name: community health files, CI configuration, tests and artefacts of open
 * standards. Names only; nothing here reads a file.
 */
const COMMUNITY_PATTERNS: Record<CommunityFileKind, RegExp> = {
  codeOfConduct: /^(?:code[-_ ]?of[-_ ]?conduct|conduct)(?:\.\w+)?$/i,
  security: /^security(?:[-_]policy)?(?:\.\w+)?$/i,
  contributing: /^contributing(?:\.\w+)?$/i,
  support: /^support(?:\.\w+)?$/i,
  governance: /^governance(?:\.\w+)?$/i,
  privacy: /^privacy(?:[-_ ]?policy)?(?:\.\w+)?$/i,
};

/** GitHub shows community files from these folders; anything deeper is not the project's policy. */
const COMMUNITY_FOLDERS = ['', '.github/', 'docs/', '.gitlab/'];

export function findCommunityFiles(files: readonly string[]): Partial<Record<CommunityFileKind, string[]>> {
  const found: Partial<Record<CommunityFileKind, string[]>> = {};
  for (const file of files) {
    const slash = file.indexOf('/');
    if (slash !== -1 && file.indexOf('/', slash + 1) !== -1) continue;
    const folder = COMMUNITY_FOLDERS.find((candidate) => file.startsWith(candidate) && !file.slice(candidate.length).includes('/'));
    if (folder === undefined) continue;
    const basename = file.slice(folder.length);
    for (const [kind, pattern] of Object.entries(COMMUNITY_PATTERNS) as Array<[CommunityFileKind, RegExp]>) {
      if (pattern.test(basename)) (found[kind] ??= []).push(file);
    }
  }
  return found;
}

const CI_PATTERNS = [
  /^\.github\/workflows\/[^/]+\.ya?ml$/,
  /^\.gitlab-ci\.ya?ml$/,
  /^\.circleci\/config\.ya?ml$/,
  /^Jenkinsfile$/,
  /^\.travis\.ya?ml$/,
  /^azure-pipelines\.ya?ml$/,
  /^bitbucket-pipelines\.ya?ml$/,
  /^\.woodpecker(\.ya?ml|\/[^/]+\.ya?ml)$/,
  /^\.drone\.ya?ml$/,
  /^\.buildkite\/[^/]+\.ya?ml$/,
];

/** Every CI file is a dot-file or folder at the root, or one of these names. */
const CI_FIRST = /^(\.|Jenkinsfile$|azure-pipelines|bitbucket-pipelines)/;

export function findCiConfigs(files: readonly string[]): string[] {
  return files.filter((file) => CI_FIRST.test(file) && CI_PATTERNS.some((pattern) => pattern.test(file)));
}

const TEST_PATH = /(^|\/)(tests?|spec|specs|__tests__|e2e|cypress|testing)\/|(^|\/)test_[^/]+\.py$|_test\.(go|py|rb|exs?)$|\.(test|spec)\.[cm]?[jt]sx?$|Tests?\.(java|kt|cs|swift)$|_spec\.rb$/;

/** A sample of test files: enough to say the project has tests, never the whole list. */
export function findTests(files: readonly string[], limit = 20): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (TEST_PATH.test(file)) {
      found.push(file);
      if (found.length >= limit) break;
    }
  }
  return found;
}

const STANDARD_PATTERNS: Array<{ pattern: RegExp; standard: string }> = [
  { pattern: /(^|\/)(openapi|swagger)[^/]*\.(ya?ml|json)$/i, standard: 'OpenAPI' },
  { pattern: /(^|\/)asyncapi[^/]*\.(ya?ml|json)$/i, standard: 'AsyncAPI' },
  { pattern: /\.raml$/i, standard: 'RAML' },
  { pattern: /(^|\/)fhir\/|\.fhir\.(json|xml)$|(^|\/)ImplementationGuide[^/]*\.(json|xml)$|(^|\/)(StructureDefinition|CapabilityStatement)[-_][^/]*\.(json|xml)$/i, standard: 'HL7 FHIR' },
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
const ARTEFACT_EXTENSION = /\.(?:ya?ml|json|xml|raml|cff|toml|geojson|txt|spdx|xsd)$|dep5$/i;

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
