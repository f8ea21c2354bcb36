import { describe, expect, it } from 'vitest';
import { findCiConfigs, findTests } from '../src/facts/project-files.js';
import { planReads } from '../src/facts/read-plan.js';

describe('findCiConfigs', () => {
  it.each([
    // openmrs/openmrs-core: GitHub Actions workflows named .yaml
    ['.github/workflows/build.yaml'],
    // PrathamBooks/sw-core: a Jenkinsfile at the root
    ['Jenkinsfile'],
    ['Jenkinsfile.release'],
    ['services/api/Jenkinsfile'],
    ['ci/deploy.jenkinsfile'],
    // dhis2/dhis2-core: one Jenkins pipeline per branch kind in jenkinsfiles/
    ['jenkinsfiles/dev'],
    // Google Cloud Build: cloudbuild.yaml at the root or beside each service of a monorepo
    ['cloudbuild.yaml'],
    ['backend/cloudbuild.yml'],
    ['deploy/cloudbuild-prod.yaml'],
    // cboard-org/cboard
    ['.circleci/config.yml'],
    // jellow-aac/jellow-communicator-android
    ['.travis.yml'],
    ['azure-pipelines.yml'],
    ['build/azure-pipelines-ci.yml'],
    ['.azure-pipelines/release.yml'],
    ['.gitlab-ci.yml'],
    ['.gitlab/ci/test.gitlab-ci.yml'],
    // egovernments/DIVOC
    ['bitbucket-pipelines.yml'],
    ['.drone.yml'],
    ['appveyor.yml'],
    ['.appveyor.yml'],
    // learningequality/kolibri
    ['.buildkite/pipeline.yml'],
    ['.woodpecker.yml'],
    ['.woodpecker/test.yaml'],
    ['codemagic.yaml'],
    ['bitrise.yml'],
    ['.teamcity/settings.kts'],
    ['.tekton/pull-request.yaml'],
    ['ci/tekton/pipeline.yaml'],
    ['buildspec.yml'],
    ['.gitea/workflows/ci.yaml'],
    ['.semaphore/semaphore.yml'],
    ['.cirrus.yml'],
  ])('recognises %s', (path) => {
    expect(findCiConfigs(['README.md', path, 'src/index.ts'])).toEqual([path]);
  });

  it.each([
    // glific/glific: an example for others to copy, not the project's own pipeline
    ['buildspec.yml.sample'],
    ['docs/Jenkinsfile.md'],
    // egovernments/DIVOC: an Ansible role's own Travis file, vendored below infra/
    ['infra/roles/users_and_groups/.travis.yml'],
    ['node_modules/some-lib/cloudbuild.yaml'],
    ['examples/gcp/cloudbuild.yaml'],
    ['packages/app/.github/workflows/ci.yml'],
    ['src/jenkins/JenkinsClient.java'],
  ])("does not take %s for the project's CI", (path) => {
    expect(findCiConfigs([path])).toEqual([]);
  });

  it("lists a bounded number of a monorepo's per-service files", () => {
    const files = Array.from({ length: 500 }, (_, index) => `services/s${index}/Jenkinsfile`);
    expect(findCiConfigs(files)).toHaveLength(50);
  });
});

describe('findTests', () => {
  it.each([
    // healthsites/healthsites: Django
    ['django_project/api/tests/test_api_key.py'],
    ['app/tests.py'],
    ['cea/optimization/slave/test.py'],
    ['conftest.py'],
    ['pkg/server/handler_test.go'],
    // rubyforgood/human-essentials: RSpec
    ['spec/models/item_spec.rb'],
    ['app/models/item_spec.rb'],
    // ifmeorg/ifme
    ['client/app/components/Header/__tests__/Header.spec.jsx'],
    ['src/components/Button.test.tsx'],
    ['src/app/app.component.spec.ts'],
    ['cypress/e2e/login.cy.ts'],
    // openmrs/openmrs-core: Maven's src/test
    ['api/src/test/java/org/openmrs/api/PatientServiceTest.java'],
    ['web/src/main/java/org/openmrs/web/LoginIT.java'],
    // jellow-aac/jellow-communicator-android: instrumented tests
    ['app/src/androidTest/java/com/dsource/idc/jellowintl/MainActivityTest.java'],
    ['app/src/androidTest/java/com/dsource/idc/jellowintl/utils/Helpers.kt'],
    ['shared/src/commonTest/kotlin/PriceTest.kt'],
    ['MyAppTests/LoginViewModelTests.swift'],
    ['Example.Tests/ParserTests.cs'],
    // glific/glific: ExUnit, including its tests of third-party integrations
    ['test/glific/flows/webhook/header_redactor_test.exs'],
    ['test/glific/third_party/gemini_test.exs'],
    // globaleaks/GlobaLeaks and cloud-carbon-footprint/cloud-carbon-footprint: test scripts
    ['.github/workflows/scripts/run-tests.sh'],
    ['script/test-unit.sh'],
    ['scripts/test.sh'],
    ['bin/test'],
    // PrathamBooks/sw-core: Cucumber features
    ['features/sanity_testing/login.feature'],
    ['tests/testthat/test-linelist.R'],
    ['phpunit.xml.dist'],
    ['tests/Unit/UserTest.php'],
    ['t/basic.t'],
    ['test/widget_test.dart'],
  ])('recognises %s', (path) => {
    expect(findTests(['README.md', path, 'src/index.ts'])).toEqual([path]);
  });

  it.each([
    // drivendataorg/zamba: test data is not a test
    ['tests/assets/images/camtrap_dp_small/datapackage.json'],
    ['tests/README.md'],
    ['spec/fixtures/files/donations_export.csv'],
    ['packages/aws/src/__tests__/fixtures/athena.fixtures.ts'],
    ['src/components/__tests__/__snapshots__/Button.test.tsx.snap'],
    ['api/src/test/resources/TestingApplicationContext.xml'],
    ['go/testdata/sample_test.go'],
    // a specification repository's "specs" are documents
    ['specs/quml/question.md'],
    ['spec/openapi.yaml'],
    // PrathamBooks/sw-core: a mailer called TestMailer is application code
    ['app/mailers/test_mailer.rb'],
    ['src/latest/index.js'],
    ['src/contest/Contest.java'],
    ['vendor/github.com/lib/pq/conn_test.go'],
    ['node_modules/left-pad/test.js'],
  ])('does not take %s for a test', (path) => {
    expect(findTests([path])).toEqual([]);
  });

  it('returns a sample, not every test', () => {
    const files = Array.from({ length: 1000 }, (_, index) => `tests/test_${index}.py`);
    expect(findTests(files)).toHaveLength(20);
  });
});

describe('planReads: ownership files', () => {
  it.each([['COPYRIGHT'], ['COPYRIGHT.txt'], ['COPYRIGHT.md'], ['copyright.rst'], ['COPYRIGHTS'], ['COPYRIGHT-NOTICE.md'], ['NOTICE.md'], ['AUTHORS.txt']])(
    'reads %s',
    (file) => {
      expect(planReads(['README.md', file, 'src/index.ts']).ownershipFiles).toEqual([file]);
    },
  );

  it('does not read COPYRIGHT files below the root, which belong to packages or vendored code', () => {
    expect(planReads(['README.md', 'vendor/lib/COPYRIGHT', 'docs/NOTICE.md']).ownershipFiles).toEqual([]);
  });
});
