/**
 * The classifiers pick from the one-pass shortlist (src/facts/shortlist.ts) exactly what they pick from
 * the whole listing: on this repository's listing, every fixture's, and listings generated from the
 * names the classifiers know (and others) at any depth.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEPENDENCY_MANIFEST_MAY_MATCH, dependencyManifests } from '../../src/facts/dependencies.js';
import {
  ARTEFACT_EXTENSION,
  CI_MAY_MATCH,
  findCiConfigs,
  findCommunityFiles,
  findStandardArtefacts,
  findTests,
  MAYBE_TEST,
} from '../../src/facts/project-files.js';
import { findReadme, README_MAY_MATCH } from '../../src/facts/readme.js';
import { classifierShortlist } from '../../src/facts/shortlist.js';
import { licenseFileCandidates, MAYBE_LICENSE } from '../../src/licenses/candidates.js';
import { MAYBE_INVENTORY, planInventory } from '../../src/licenses/inventory.js';
import { pathLookup } from '../../src/util/path-lookup.js';
import { REPO_ROOT } from '../support/cli.js';

/** Every classifier, given the paths to pick from and the whole listing (for what it looks up). */
const CLASSIFIERS: Record<string, (paths: readonly string[], all: readonly string[]) => unknown> = {
  findReadme: (paths) => findReadme(paths),
  rootFiles: (paths) => paths.filter((file) => !file.includes('/')),
  dependencyManifests: (paths) => dependencyManifests(paths),
  licenseFileCandidates: (paths) => licenseFileCandidates(paths),
  planInventory: (paths, all) => planInventory(paths, pathLookup(all)),
  findCiConfigs: (paths) => findCiConfigs(paths),
  findTests: (paths) => findTests(paths),
  findStandardArtefacts: (paths) => findStandardArtefacts(paths),
  findCommunityFiles: (paths) => findCommunityFiles(paths),
};

function expectSamePicks(files: readonly string[], label: string): void {
  const shortlist = classifierShortlist(files);
  for (const [name, classify] of Object.entries(CLASSIFIERS)) expect(classify(shortlist, files), `${name} on ${label}`).toEqual(classify(files, files));
}

/** Names the classifiers look for, names close to them, and plain ones. */
const SEGMENTS = [
  ...[
    'README.md',
    'readme',
    'Readme.rst',
    'LICENSE',
    'LICENSE.txt',
    'LICENSE-MIT',
    'license.md',
    'COPYING',
    'COPYING.LESSER',
    'MIT.md',
    'Apache-2.0.txt',
    'NOTICE',
  ],
  ...['LICENSES', 'MIT.txt', 'REUSE.toml', '.reuse', 'dep5', 'foo.py.license', 'model_card.md', 'dataset_card.md', 'data.csv', 'model.safetensors'],
  ...['package.json', 'package-lock.json', 'composer.lock', 'requirements-dev.txt', 'pyproject.toml', 'pom.xml', 'build.gradle.kts', 'go.mod', 'Gemfile'],
  ...['docker-compose.yml', 'compose.prod.yaml', 'Dockerfile', 'Dockerfile.dev', 'api.dockerfile', 'App.csproj'],
  ...[
    '.github',
    'workflows',
    'ci.yml',
    '.gitlab-ci.yml',
    '.gitlab',
    'ci',
    '.circleci',
    'config.yml',
    'Jenkinsfile',
    'deploy.jenkinsfile',
    'jenkinsfiles',
    'release',
  ],
  ...[
    'cloudbuild.yaml',
    'azure-pipelines.yml',
    'buildspec.yml',
    'tekton',
    'pipeline.yaml',
    'appveyor.yml',
    'bitbucket-pipelines.yml',
    '.travis.yml',
    '.drone.yml',
  ],
  ...[
    'test',
    'tests',
    '__tests__',
    'spec',
    'e2e',
    'cypress',
    'x_test.go',
    'FooTest.java',
    'UserIT.java',
    'a.t',
    'login.feature',
    'Suite_SUITE.erl',
    'testdata',
    'fixtures',
  ],
  ...['openapi.yaml', 'swagger.json', 'asyncapi.yml', 'api.raml', 'fhir', 'CITATION.cff', 'sbom.spdx', 'schema.xsd', 'data.geojson'],
  ...['CODE_OF_CONDUCT.md', 'SECURITY.md', 'CONTRIBUTING.md', 'SUPPORT.md', 'GOVERNANCE.md', 'PRIVACY.md', 'docs', 'node_modules', 'vendor', 'third_party'],
  ...['src', 'lib', 'app', 'main.ts', 'index.js', 'util.py', 'Makefile', '.env', 'x', 'y.md'],
];

describe('the one-pass shortlist of the listing', () => {
  it("keeps everything a classifier picks from this repository's listing and every fixture's", () => {
    const own = execFileSync('git', ['-C', REPO_ROOT, 'ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    expectSamePicks(own, 'this repository');
    for (const fixture of ['complete-software', 'ai-system', 'content-collection', 'data-set', 'bad-inputs']) {
      const files = own.filter((file) => file.startsWith(`fixtures/${fixture}/`)).map((file) => path.posix.relative(`fixtures/${fixture}`, file));
      expectSamePicks(files, fixture);
    }
  });

  it('keeps everything a classifier picks from generated listings, at any depth', () => {
    const segment = fc.oneof(fc.constantFrom(...SEGMENTS), fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/));
    const filePath = fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('/'));
    fc.assert(
      fc.property(fc.uniqueArray(filePath, { minLength: 1, maxLength: 120 }), (paths) => {
        // A listing has no path that is also a folder of another.
        const files = paths.filter((file) => !paths.some((other) => other.startsWith(`${file}/`))).sort();
        expectSamePicks(files, JSON.stringify(files));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps every path that one of the classifiers' own tests passes", () => {
    const tests = [README_MAY_MATCH, DEPENDENCY_MANIFEST_MAY_MATCH, MAYBE_LICENSE, MAYBE_INVENTORY, ...CI_MAY_MATCH, MAYBE_TEST, ARTEFACT_EXTENSION];
    const segment = fc.oneof(fc.constantFrom(...SEGMENTS), fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/));
    const filePath = fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('/'));
    fc.assert(
      fc.property(filePath, (file) => {
        if (tests.some((test) => test.test(file))) expect(classifierShortlist([file]), file).toEqual([file]);
      }),
      { numRuns: 5000 },
    );
    // Each classifier's names, deep in the tree, in other cases.
    for (const name of SEGMENTS) {
      for (const file of [`a/b/c/${name}`, `a/b/c/${name.toUpperCase()}`, `a/b/${name}/x`]) {
        if (tests.some((test) => test.test(file))) expect(classifierShortlist([file]), file).toEqual([file]);
      }
    }
  });

  it('is much shorter than a listing of ordinary source files', () => {
    const files = Array.from({ length: 2000 }, (_, index) => `packages/pkg-${index % 20}/src/module-${index % 7}/file-${index}.ts`).sort();
    expect(classifierShortlist(['README.md', ...files]).length).toBe(1);
  });
});
