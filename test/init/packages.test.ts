import { describe, expect, it } from 'vitest';
import { lawsNamedIn } from '../../src/init/detect.js';
import { readPackageMetadata } from '../../src/init/packages.js';

describe('the package manifests init reads names and addresses from', () => {
  it('reads pyproject.toml: [project] name, description and [project.urls] whatever their keys are called', () => {
    const [pyproject] = readPackageMetadata({
      'pyproject.toml': [
        '[project]',
        'name = "water-points"',
        'description = "Water point functionality data pipeline"',
        '',
        '[project.urls]',
        'Homepage = "https://waterpoints.example.org"',
        '"Source Code" = "https://github.com/owdi/water-points"',
        'documentation = "https://docs.waterpoints.example.org"',
        '"Bug Tracker" = "https://github.com/owdi/water-points/issues"',
      ].join('\n'),
    });
    expect(pyproject).toEqual({
      file: 'pyproject.toml',
      name: 'water-points',
      description: 'Water point functionality data pipeline',
      homepage: 'https://waterpoints.example.org',
      repository: 'https://github.com/owdi/water-points',
      documentation: 'https://docs.waterpoints.example.org',
    });
  });

  it("reads poetry's [tool.poetry] name, homepage, repository and documentation", () => {
    const [poetry] = readPackageMetadata({
      'pyproject.toml': [
        '[tool.poetry]',
        'name = "leafscan"',
        'description = "Cassava leaf disease classifier"',
        'homepage = "https://leafscan.example.org"',
        'repository = "https://gitlab.com/agri-ai/leafscan"',
        'documentation = "https://leafscan.example.org/docs"',
        '',
        '[tool.black]',
        'line-length = 100',
      ].join('\n'),
    });
    expect(poetry).toEqual({
      file: 'pyproject.toml',
      name: 'leafscan',
      description: 'Cassava leaf disease classifier',
      homepage: 'https://leafscan.example.org',
      repository: 'https://gitlab.com/agri-ai/leafscan',
      documentation: 'https://leafscan.example.org/docs',
    });
  });

  it('reads package.json, composer.json, DESCRIPTION, pom.xml, Cargo.toml and setup.cfg', () => {
    const found = readPackageMetadata({
      'package.json': JSON.stringify({
        name: '@open-health/openclinic',
        description: 'Clinic registry',
        homepage: 'https://openclinic.example.org',
        repository: { type: 'git', url: 'git+https://github.com/ohc/openclinic.git' },
      }),
      'composer.json': JSON.stringify({
        name: 'ohc/clinic-portal',
        description: 'Portal',
        homepage: 'https://portal.example.org',
        support: { source: 'https://github.com/ohc/portal', docs: 'https://docs.portal.example.org' },
      }),
      DESCRIPTION: [
        'Package: malariaAtlas',
        'Title: An R Interface to Open-Access Malaria Data',
        'Version: 1.5.1',
        'URL: https://github.com/malaria-atlas-project/malariaAtlas,',
        '    https://malariaatlas.org',
        'License: MIT + file LICENSE',
      ].join('\n'),
      'pom.xml': [
        '<?xml version="1.0"?>',
        '<project xmlns="http://maven.apache.org/POM/4.0.0">',
        '  <parent><groupId>org.openmrs</groupId><artifactId>openmrs-parent</artifactId><name>Parent</name><url>https://parent.example.org</url></parent>',
        '  <!-- <name>commented out</name> -->',
        '  <artifactId>openmrs-core</artifactId>',
        '  <name>OpenMRS Core</name>',
        '  <description>Open medical record system &amp; platform</description>',
        '  <url>https://openmrs.org</url>',
        '  <scm><url>https://github.com/openmrs/openmrs-core</url></scm>',
        '  <dependencies><dependency><artifactId>junit</artifactId><name>JUnit</name></dependency></dependencies>',
        '</project>',
      ].join('\n'),
      'Cargo.toml': [
        '[package]',
        'name = "tileserver"',
        'description = "Vector tile server"',
        'repository = "https://github.com/maps/tileserver"',
        'homepage = "https://tiles.example.org"',
      ].join('\n'),
      'setup.cfg': [
        '[metadata]',
        'name = odk-tools',
        'description = ODK helper tools',
        'url = https://github.com/getodk/odk-tools',
        'project_urls =',
        '    Documentation = https://docs.getodk.org/tools',
        '',
        '[options]',
        'packages = find:',
      ].join('\n'),
    });
    expect(found).toEqual([
      {
        file: 'setup.cfg',
        name: 'odk-tools',
        description: 'ODK helper tools',
        repository: 'https://github.com/getodk/odk-tools',
        documentation: 'https://docs.getodk.org/tools',
      },
      {
        file: 'Cargo.toml',
        name: 'tileserver',
        description: 'Vector tile server',
        homepage: 'https://tiles.example.org',
        repository: 'https://github.com/maps/tileserver',
      },
      {
        file: 'DESCRIPTION',
        name: 'malariaAtlas',
        description: 'An R Interface to Open-Access Malaria Data',
        repository: 'https://github.com/malaria-atlas-project/malariaAtlas',
        homepage: 'https://malariaatlas.org',
      },
      {
        file: 'pom.xml',
        name: 'OpenMRS Core',
        description: 'Open medical record system & platform',
        homepage: 'https://openmrs.org',
        repository: 'https://github.com/openmrs/openmrs-core',
      },
      {
        file: 'composer.json',
        name: 'clinic-portal',
        description: 'Portal',
        homepage: 'https://portal.example.org',
        repository: 'https://github.com/ohc/portal',
        documentation: 'https://docs.portal.example.org',
      },
      {
        file: 'package.json',
        name: 'openclinic',
        description: 'Clinic registry',
        homepage: 'https://openclinic.example.org',
        repository: 'git+https://github.com/ohc/openclinic.git',
      },
    ]);
  });

  it("takes pom.xml's artifactId without a <name>, and leaves out Maven properties and workspace-inherited values", () => {
    const found = readPackageMetadata({
      'pom.xml': '<project><artifactId>dhis2-core</artifactId><description>${project.name} core</description></project>',
      'Cargo.toml': '[package]\nname.workspace = true\ndescription = "A crate"\n',
    });
    expect(found).toEqual([
      { file: 'Cargo.toml', description: 'A crate' },
      { file: 'pom.xml', name: 'dhis2-core' },
    ]);
  });

  it('never throws on a malformed file, and reads a large hostile one in linear time', () => {
    expect(readPackageMetadata({ 'pyproject.toml': '[project\nname = ', 'package.json': '{"name": ', 'composer.json': '[1, 2]' })).toEqual([]);
    const hostile = {
      'pom.xml': `<project>${'<a>'.repeat(100_000)}${'<!--'.repeat(50_000)}`,
      'setup.cfg': `[metadata]\n${'name = x\n  '.repeat(50_000)}${' '.repeat(200_000)}=`,
      DESCRIPTION: `Package: x\n${' \t'.repeat(200_000)}:\n${'URL:'.repeat(50_000)}`,
    };
    const started = performance.now();
    readPackageMetadata(hostile);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('the laws a privacy policy names', () => {
  it('names each law the policy says it complies with, and not one it says it does not', () => {
    expect(lawsNamedIn('OpenClinic Registry is designed for compliance with the GDPR and the Kenya Data Protection Act 2019: consent is recorded.')).toEqual([
      'General Data Protection Regulation (GDPR)',
      'Kenya Data Protection Act 2019',
    ]);
    expect(lawsNamedIn('We are not a HIPAA covered entity.\nWe follow POPIA.')).toEqual(['Protection of Personal Information Act (POPIA)']);
    expect(lawsNamedIn('A policy about cookies.')).toEqual([]);
  });
});
