/**
 * The paths any classifier of the listing might pick, in one pass (issue 17): a repository of 100,000
 * files paid for eight passes, one per classifier, each with its own tests on every path. Each classifier
 * exports a test that every path it picks passes (README_MAY_MATCH, DEPENDENCY_MANIFEST_MAY_MATCH,
 * MAYBE_LICENSE, MAYBE_INVENTORY, CI_MAY_MATCH, MAYBE_TEST, ARTEFACT_EXTENSION); the tests below hold all
 * of them, written to cost one look at most paths: words anywhere in the path, then the extension at the
 * last dot (a test that scans the whole path for an ending costs three times as much). Paths at most one
 * folder deep (root files, community files in `.github/` and `docs/`, root CI names) and under a root dot
 * folder are always kept. test/facts/shortlist.test.ts checks that every path one of the classifiers'
 * tests passes is kept, and that the classifiers pick from this shortlist exactly what they pick from the
 * whole listing, on generated paths made of the names in its SEGMENTS: a name added to a classifier's
 * test must be added here and to SEGMENTS (a name the generator never makes would not be caught). The
 * positional sample of source files still walks the whole listing.
 */

/** Words of folder and file names, anywhere in the path. */
const WORDS =
  /licen[cs]e|copying|card|readme|test|spec|e2e|cypress|phpunit|jenkinsfile|cloudbuild|azure-pipelines|buildspec|gitlab-ci|tekton|package\.json|package-lock|composer|requirements|pyproject|pom\.xml|build\.gradle|go\.mod|gemfile|compose|dockerfile|csproj|_suite\.erl|suite\.scala|dep5/i;

/** The extensions of data, weights, standards' artefacts and test scripts, tried at the last dot only. */
const EXTENSION =
  /\.(?:ya?ml|json|xml|raml|cff|toml|geojson|txt|spdx|xsd|feature|bats|robot|t|safetensors|gguf|onnx|pt|pth|ckpt|h5|tflite|mlmodel|pb|csv|tsv|parquet|arrow|jsonl|ndjson|shp|gpkg|xlsx?|ods|sqlite|feather|nc)$/iy;

/** JUnit-style integration tests (`UserIT.java`), tried two characters before the last dot. */
const INTEGRATION_TEST = /it\.(?:java|kt|groovy|scala)$/iy;

export function classifierShortlist(files: readonly string[]): string[] {
  const shortlist: string[] = [];
  for (const file of files) {
    const slash = file.indexOf('/');
    if (slash === -1 || file.indexOf('/', slash + 1) === -1 || file.charCodeAt(0) === 46 || WORDS.test(file) || hasListedExtension(file)) {
      shortlist.push(file);
    }
  }
  return shortlist;
}

function hasListedExtension(file: string): boolean {
  const dot = file.lastIndexOf('.');
  if (dot === -1) return false;
  EXTENSION.lastIndex = dot;
  if (EXTENSION.test(file)) return true;
  if (dot < 2) return false;
  INTEGRATION_TEST.lastIndex = dot - 2;
  return INTEGRATION_TEST.test(file);
}
