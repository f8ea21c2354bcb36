import { describe, expect, it } from 'vitest';
import { parseDependencies, splitImage } from '../src/facts/dependencies.js';
import { findProprietaryDependencies } from '../src/indicators/proprietary-components.js';

describe('parseDependencies', () => {
  it('reads package.json sections with lines, marking dev dependencies', () => {
    const text = '{\n  "dependencies": {\n    "mapbox-gl": "^2.15.0"\n  },\n  "devDependencies": {\n    "vitest": "^1.0.0"\n  }\n}\n';
    expect(parseDependencies('package.json', text)).toEqual([
      { ecosystem: 'npm', name: 'mapbox-gl', version: '^2.15.0', path: 'package.json', line: 3, runtime: true },
      { ecosystem: 'npm', name: 'vitest', version: '^1.0.0', path: 'package.json', line: 6, runtime: false },
    ]);
  });

  it('reads requirements.txt and pyproject.toml', () => {
    expect(
      parseDependencies('requirements.txt', '# api\nfirebase-admin==6.5.0\nrequests[socks] >= 2.31\n-r base.txt\n').map((d) => [d.name, d.version, d.line]),
    ).toEqual([
      ['firebase-admin', '==6.5.0', 2],
      ['requests', '>=2.31', 3],
    ]);
    const pyproject = '[project]\nname = "x"\ndependencies = ["boto3>=1.34", "numpy"]\n\n[tool.poetry.dependencies]\npython = "^3.11"\ntwilio = "^9.0"\n';
    expect(parseDependencies('pyproject.toml', pyproject).map((d) => d.name)).toEqual(['boto3', 'numpy', 'twilio']);
  });

  it('reads Maven, Gradle, go.mod, Gemfile, composer.json and .csproj', () => {
    const pom =
      '<project><properties><fb.version>9.2.0</fb.version></properties><dependencies><dependency><groupId>com.google.firebase</groupId><artifactId>firebase-admin</artifactId><version>${fb.version}</version></dependency><dependency><groupId>junit</groupId><artifactId>junit</artifactId><scope>test</scope></dependency></dependencies></project>';
    expect(parseDependencies('pom.xml', pom).map((d) => [d.name, d.version, d.runtime])).toEqual([
      ['com.google.firebase:firebase-admin', '9.2.0', true],
      ['junit:junit', '', false],
    ]);
    const gradle = 'dependencies {\n    implementation("com.google.firebase:firebase-messaging:23.4.0")\n    testImplementation \'junit:junit:4.13.2\'\n}\n';
    expect(parseDependencies('app/build.gradle.kts', gradle).map((d) => [d.name, d.runtime, d.line])).toEqual([
      ['com.google.firebase:firebase-messaging', true, 2],
      ['junit:junit', false, 3],
    ]);
    expect(
      parseDependencies('go.mod', 'module x\n\nrequire (\n\tgithub.com/a/b v1.2.3 // indirect\n)\nrequire github.com/c/d v0.1.0\n').map((d) => [
        d.name,
        d.version,
        d.line,
      ]),
    ).toEqual([
      ['github.com/a/b', 'v1.2.3', 4],
      ['github.com/c/d', 'v0.1.0', 6],
    ]);
    expect(parseDependencies('Gemfile', "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\n").map((d) => [d.name, d.version])).toEqual([
      ['rails', '~> 7.1'],
    ]);
    expect(parseDependencies('composer.json', '{"require":{"php":">=8.1","highcharts/highcharts":"^11"}}').map((d) => d.name)).toEqual([
      'highcharts/highcharts',
    ]);
    expect(
      parseDependencies('Api.csproj', '<Project><ItemGroup><PackageReference Include="Twilio" Version="7.0.0" /></ItemGroup></Project>').map((d) => [
        d.name,
        d.version,
      ]),
    ).toEqual([['Twilio', '7.0.0']]);
  });

  it('reads images from compose files and Dockerfiles', () => {
    const compose = 'services:\n  search:\n    image: docker.elastic.co/elasticsearch/elasticsearch:8.11.1\n  db:\n    image: mongo\n';
    expect(parseDependencies('docker-compose.yml', compose).map((d) => [d.name, d.version, d.line])).toEqual([
      ['docker.elastic.co/elasticsearch/elasticsearch', '8.11.1', 3],
      ['mongo', '', 5],
    ]);
    expect(parseDependencies('Dockerfile', 'FROM --platform=linux/amd64 redis:7.4.1 AS cache\nFROM scratch\n').map((d) => [d.name, d.version])).toEqual([
      ['redis', '7.4.1'],
    ]);
  });

  it('yields nothing for a manifest it cannot parse, instead of failing', () => {
    expect(parseDependencies('package.json', '{ not json')).toEqual([]);
    expect(parseDependencies('pyproject.toml', '[project\n')).toEqual([]);
  });

  it('splits image references', () => {
    expect(splitImage('localhost:5000/team/app:1.2')).toEqual({ name: 'localhost:5000/team/app', version: '1.2' });
    expect(splitImage('postgres@sha256:abc')).toEqual({ name: 'postgres', version: '' });
  });
});

describe('findProprietaryDependencies', () => {
  const dependency = (ecosystem: 'npm' | 'docker' | 'pypi', name: string, version: string, runtime = true) => ({
    ecosystem,
    name,
    version,
    path: 'x',
    runtime,
  });

  it.each([
    [dependency('npm', 'mapbox-gl', '^2.15.0'), 'mapbox-gl-js-v2'],
    [dependency('docker', 'elasticsearch', '8.11.1'), 'elasticsearch-elastic-license'],
    [dependency('docker', 'docker.io/library/mongo', '7.0'), 'mongodb-server-sspl'],
    [dependency('pypi', 'Firebase_Admin', '6.5.0'), 'firebase'],
  ])('flags %o', (found, id) => {
    expect(findProprietaryDependencies([found]).map((match) => match.component.id)).toEqual([id]);
  });

  it.each([
    [dependency('npm', 'mapbox-gl', '^1.13.0')],
    [dependency('npm', 'maplibre-gl', '^4.0.0')],
    [dependency('docker', 'elasticsearch', '7.10.2')],
    [dependency('docker', 'elasticsearch', '8.16.0')],
    [dependency('npm', 'mapbox-gl', '^2.15.0', false)],
    [dependency('npm', '@elastic/elasticsearch', '^8.0.0')],
  ])('does not flag %o', (found) => {
    expect(findProprietaryDependencies([found])).toEqual([]);
  });
});
