/**
 * What `convert` used to drop from real DPGA registry records, each class on a small excerpt of a real
 * record (named in the test; the registry's records are the DPGA's public data, see
 * ../shared/registry). Every excerpt also makes the round trip record -> manifest -> record unchanged.
 */
import { describe, expect, it } from 'vitest';
import { readApp, writeApp } from '../../src/convert/dpga-app.js';
import { readNominee, writeNominee } from '../../src/convert/dpga-nominee.js';
import { readScreening, writeScreening } from '../../src/convert/dpga-screening.js';
import { mergeNomineeAndScreening } from '../../src/convert/formats.js';
import { schemaProblems } from '../../src/convert/schemas.js';
import type { DpgManifest } from '../../src/manifest/types.js';
import { validateManifestData } from '../../src/manifest/validate.js';

type Json = Record<string, unknown>;

/** A nominee with what the schema requires around the excerpt. */
function nominee(excerpt: Json): Json {
  return {
    name: 'Excerpt',
    description: '',
    website: '',
    license: [{ spdx: 'MIT', licenseURL: '' }],
    SDGs: [{ SDGNumber: 3, evidenceText: 'Used by clinics.' }],
    sectors: [],
    type: ['software'],
    repositories: [],
    organizations: [],
    stage: 'DPG',
    ...excerpt,
  };
}

/** A screening record that answers nothing but the excerpt's sections (merged one level deep). */
function screening(excerpt: Record<string, Json>): Json {
  const base: Record<string, Json> = {
    clearOwnership: { isOwnershipExplicit: 'Unknown', copyrightURL: '' },
    platformIndependence: { mandatoryDepsCreateMoreRestrictions: 'Unknown', isSoftwarePltIndependent: '', pltIndependenceDesc: '' },
    documentation: { isDocumentationAvailable: 'Unknown', documentationURL: [''] },
    NonPII: { collectsNonPII: 'Unknown', checkNonPIIAccessMechanism: '', nonPIIAccessMechanism: '' },
    privacy: { isPrivacyCompliant: 'Unknown', privacyComplianceList: [''], adherenceSteps: [''] },
    standards: { supportStandards: 'Unknown', standardsList: [''], evidenceStandardSupport: [''], implementBestPractices: 'Unknown', bestPracticesList: [''] },
    doNoHarm: {
      preventHarm: { stepsToPreventHarm: 'Unknown', additionalInfoMechanismProcessesPolicies: '' },
      dataPrivacySecurity: {
        collectsPII: 'Unknown',
        typesOfDataCollected: [''],
        thirdPartyDataSharing: 'Unknown',
        dataSharingCircumstances: [''],
        ensurePrivacySecurity: 'Unknown',
        privacySecurityDescription: '',
      },
      inappropriateIllegalContent: {
        collectStoreDistribute: 'Unknown',
        type: '',
        contentFilter: '',
        policyGuidelinesDocumentationLink: '',
        illegalContentDetection: '',
        illegalContentDetectionMechanism: '',
      },
      protectionFromHarassment: {
        userInteraction: 'Unknown',
        addressSafetySecurityUnderageUsers: '',
        stepsAddressRiskPreventSafetyUnderageUsers: [''],
        griefAbuseHarassmentProtection: '',
        harassmentProtectionSteps: [''],
      },
    },
    locations: { developmentCountries: [], deploymentCountries: [] },
  };
  const record: Json = { name: 'Excerpt' };
  for (const [key, value] of Object.entries(base)) record[key] = { ...value, ...excerpt[key] };
  if (excerpt.doNoHarm) record.doNoHarm = { ...base.doNoHarm, ...excerpt.doNoHarm };
  return record;
}

function readValid(read: (data: Json) => { manifest: DpgManifest; lost: unknown[] }, data: Json): { manifest: DpgManifest; lost: Array<{ path: string }> } {
  const result = read(data) as { manifest: DpgManifest; lost: Array<{ path: string }> };
  expect(validateManifestData(result.manifest).problems).toEqual([]);
  return result;
}

/** The nominee written back from the manifest: nothing more lost, valid, and as the excerpt was. */
function nomineeBack(manifest: DpgManifest): Json {
  const written = writeNominee(manifest);
  expect(written.lost).toEqual([]);
  const back = JSON.parse(written.text) as Json;
  expect(schemaProblems('dpga-nominee', back)).toEqual([]);
  return back;
}

function screeningBack(manifest: DpgManifest): Json {
  const written = writeScreening(manifest);
  expect(written.lost).toEqual([]);
  return JSON.parse(written.text) as Json;
}

describe('organisations: owner and contact when no organisation is typed owner', () => {
  it('zamba: the maintainer DrivenData is the owner, its contact the contact; written back as maintainer', () => {
    const organizations = [
      { name: 'DrivenData', website: 'https://www.drivendata.co/', org_type: 'maintainer', contact_name: 'Peter Bull', contact_email: 'peter@drivendata.org' },
    ];
    const { manifest, lost } = readValid(readNominee, nominee({ type: ['aimodel', 'software'], organizations }));
    expect(manifest.ownership?.owners).toEqual([{ name: 'DrivenData', type: 'organisation', url: 'https://www.drivendata.co/' }]);
    expect(manifest.contact).toEqual({ name: 'Peter Bull', email: 'peter@drivendata.org' });
    expect(manifest.registry?.ownerOrgTypes).toEqual({ DrivenData: 'maintainer' });
    expect(manifest.registry?.organizations).toBeUndefined();
    expect(lost).toEqual([]);
    expect(nomineeBack(manifest).organizations).toEqual(organizations);
  });

  it('ur-scape: the maintainer is the owner; the two funders stay funders, in their places', () => {
    const organizations = [
      {
        name: 'Singapore ETH Centre (SEC)',
        website: 'https://sec.ethz.ch/',
        org_type: 'maintainer',
        contact_name: 'Yuhao Lu',
        contact_email: 'yuhao.lu@sec.ethz.ch',
      },
      { name: 'Asian Development Bank (ADB)', website: 'https://www.adb.org/', org_type: 'funder' },
      { name: 'Swiss State Secretary for Economic Affairs (SECO)', website: 'https://www.seco.admin.ch/seco/en/home.html', org_type: 'funder' },
    ];
    const { manifest } = readValid(readNominee, nominee({ organizations }));
    expect(manifest.ownership?.owners?.map((owner) => owner.name)).toEqual(['Singapore ETH Centre (SEC)']);
    expect(manifest.registry?.organizations?.map((organization) => organization.org_type)).toEqual(['funder', 'funder']);
    expect(nomineeBack(manifest).organizations).toEqual(organizations);
  });

  it('cloud-carbon-footprint: a funder alone is not read as the owner, but its contact is the contact', () => {
    const organizations = [
      {
        name: 'Thoughtworks, Inc.',
        website: 'https://www.thoughtworks.com/',
        org_type: 'funder',
        contact_name: 'Lisa McNally',
        contact_email: 'lisa.mcnally@thoughtworks.com',
      },
    ];
    const { manifest, lost } = readValid(readNominee, nominee({ organizations }));
    expect(manifest.ownership).toBeUndefined();
    expect(manifest.contact).toEqual({ name: 'Lisa McNally', email: 'lisa.mcnally@thoughtworks.com' });
    expect(manifest.registry?.contactSource).toEqual({ organization: 'Thoughtworks, Inc.' });
    expect(lost).toEqual([]);
    expect(nomineeBack(manifest).organizations).toEqual(organizations);
  });

  it('rapidpro: the owner names no contact, the funder before it does', () => {
    const organizations = [
      {
        name: "United Nations Children's Fund (UNICEF)",
        website: 'https://unicef.org',
        org_type: 'funder',
        contact_name: 'Matthew Mcnaughton',
        contact_email: 'mmcnaughton@unicef.org',
      },
      { name: 'RapidPro', website: 'https://rapidpro.io', org_type: 'owner' },
    ];
    const { manifest } = readValid(readNominee, nominee({ organizations }));
    expect(manifest.ownership?.owners?.map((owner) => owner.name)).toEqual(['RapidPro']);
    expect(manifest.contact).toEqual({ name: 'Matthew Mcnaughton', email: 'mmcnaughton@unicef.org' });
    expect(nomineeBack(manifest).organizations).toEqual(organizations);
  });

  it("global-biodiversity-information-facility: an e-mail without a name is the organisation's contact", () => {
    const organizations = [{ name: 'GBIF Governing Board', website: 'https://www.gbif.org/governance', org_type: 'owner', contact_email: 'info@gbif.org' }];
    const { manifest, lost } = readValid(readNominee, nominee({ organizations }));
    // The manifest's contact needs a name (the application asks for one): the organisation's stands in.
    expect(manifest.contact).toEqual({ name: 'GBIF Governing Board', email: 'info@gbif.org' });
    expect(manifest.registry?.contactSource).toEqual({ emailOnly: true });
    expect(lost).toEqual([]);
    expect(nomineeBack(manifest).organizations).toEqual(organizations);
  });

  it('our-world-in-data: the owner has no contact, the maintainer an e-mail alone', () => {
    const organizations = [
      { name: 'Global Change Data Lab', website: 'https://global-change-data-lab.org', org_type: 'owner' },
      {
        name: 'University of Oxford - Oxford Martin Programme on Global Development',
        website: 'https://www.oxfordmartin.ox.ac.uk/global-development',
        org_type: 'maintainer',
        contact_email: 'info@ourworldindata.org',
      },
    ];
    const { manifest } = readValid(readNominee, nominee({ organizations }));
    expect(manifest.ownership?.owners?.map((owner) => owner.name)).toEqual(['Global Change Data Lab']);
    expect(manifest.contact).toEqual({ name: 'University of Oxford - Oxford Martin Programme on Global Development', email: 'info@ourworldindata.org' });
    expect(nomineeBack(manifest).organizations).toEqual(organizations);
  });

  it('bisa-health: an address with a trailing blank is kept without it, and that is reported', () => {
    const organizations = [
      { name: 'Bisa Health', website: 'https://bisaapp.com/', org_type: 'owner', contact_name: 'Raindolf Owusu', contact_email: 'raindolf@bisaapp.com ' },
    ];
    const { manifest, lost } = readValid(readNominee, nominee({ organizations }));
    expect(manifest.contact).toEqual({ name: 'Raindolf Owusu', email: 'raindolf@bisaapp.com' });
    expect(lost.map((entry) => entry.path)).toEqual(['/organizations/0/contact_email']);
  });

  it('an application record reads its organisations by the same rules', () => {
    const app = {
      name: 'Zamba',
      categories: ['Open Software'],
      openlicenses: [{ openLicense: 'MIT' }],
      sdgs: [{ sdg: 'SDG15: Life on Land' }],
      organizations: [{ name: 'DrivenData', org_type: 'maintainer', contact_email: 'info@drivendata.org' }],
    };
    const { manifest } = readValid(readApp, app);
    expect(manifest.ownership?.owners?.map((owner) => owner.name)).toEqual(['DrivenData']);
    expect(manifest.contact).toEqual({ name: 'DrivenData', email: 'info@drivendata.org' });
    expect((JSON.parse(writeApp(manifest).text) as Json).organizations).toEqual(app.organizations);
  });
});

describe('the nominee type standard', () => {
  it('sunbird-quml: type standard is the category standard, and comes back', () => {
    const { manifest, lost } = readValid(readNominee, nominee({ type: ['standard'] }));
    expect(manifest.categories).toEqual(['standard']);
    expect(lost).toEqual([]);
    expect(nomineeBack(manifest).type).toEqual(['standard']);
  });

  it('digit: software and standard', () => {
    const { manifest } = readValid(readNominee, nominee({ type: ['software', 'standard'] }));
    expect(manifest.categories).toEqual(['software', 'standard']);
    expect(nomineeBack(manifest).type).toEqual(['software', 'standard']);
  });

  it('an application record calls it Open Standard', () => {
    const { manifest } = readValid(readApp, {
      name: 'QuML',
      categories: ['Open Standard'],
      openlicenses: [{ openLicense: 'MIT' }],
      sdgs: [{ sdg: 'SDG4: Quality Education' }],
    });
    expect(manifest.categories).toEqual(['standard']);
    expect((JSON.parse(writeApp(manifest).text) as Json).categories).toEqual(['Open Standard']);
  });
});

describe('a code of conduct linked in the harassment answers', () => {
  const harassment = (answers: Json): Json =>
    screening({
      doNoHarm: {
        protectionFromHarassment: {
          userInteraction: 'Yes',
          addressSafetySecurityUnderageUsers: 'No',
          stepsAddressRiskPreventSafetyUnderageUsers: [''],
          griefAbuseHarassmentProtection: 'Yes',
          harassmentProtectionSteps: [''],
          ...answers,
        },
      },
    });

  it('cloud-carbon-footprint: "Code of conduct - URL" is the code of conduct, and stays in the text', () => {
    const record = harassment({
      harassmentProtectionSteps: ['Code of conduct - https://github.com/cloud-carbon-footprint/cloud-carbon-footprint/blob/trunk/CODE_OF_CONDUCT.md'],
    });
    const { manifest, lost } = readValid(readScreening, record);
    expect(manifest.doNoHarm?.harassment).toEqual({
      userInteraction: true,
      codeOfConduct: 'https://github.com/cloud-carbon-footprint/cloud-carbon-footprint/blob/trunk/CODE_OF_CONDUCT.md',
      protection: 'Code of conduct - https://github.com/cloud-carbon-footprint/cloud-carbon-footprint/blob/trunk/CODE_OF_CONDUCT.md',
    });
    expect(lost).toEqual([]);
    // Written back once, not twice.
    expect(screeningBack(manifest).doNoHarm).toMatchObject({
      protectionFromHarassment: {
        harassmentProtectionSteps: (record.doNoHarm as Json & { protectionFromHarassment: Json }).protectionFromHarassment.harassmentProtectionSteps,
      },
    });
  });

  it('openmrs: the link in parentheses after "Code of Conduct", without the parenthesis', () => {
    const steps = [
      'Please see the OpenMRS Code of Conduct (https://wiki.openmrs.org/display/RES/OpenMRS+Code+of+Conduct). Note that the OpenMRS community management team considers and decides upon an appropriate penalty based on the severity of the violation.',
      'An official warning message on the violation',
    ];
    const { manifest } = readValid(readScreening, harassment({ harassmentProtectionSteps: steps }));
    expect(manifest.doNoHarm?.harassment?.codeOfConduct).toBe('https://wiki.openmrs.org/display/RES/OpenMRS+Code+of+Conduct');
    expect(manifest.doNoHarm?.harassment?.protection).toBe(steps.join('\n'));
  });

  it('govdirectory: the code of conduct named in the steps for underage users', () => {
    const record = harassment({
      addressSafetySecurityUnderageUsers: 'Yes',
      stepsAddressRiskPreventSafetyUnderageUsers: [
        'With a strict code of conduct in the repository: https://github.com/govdirectory/website/blob/main/CODE_OF_CONDUCT.md',
        'With a specific Child protection policy: https://meta.wikimedia.org/wiki/Child_protection',
      ],
      harassmentProtectionSteps: [
        'Users can be totally anonymous and there is a Trust and safety team to get help from: https://meta.wikimedia.org/wiki/Trust_and_Safety',
      ],
    });
    const { manifest, lost } = readValid(readScreening, record);
    expect(manifest.doNoHarm?.harassment?.codeOfConduct).toBe('https://github.com/govdirectory/website/blob/main/CODE_OF_CONDUCT.md');
    expect(lost).toEqual([]);
    const back = screeningBack(manifest).doNoHarm as { protectionFromHarassment: Json };
    expect(back.protectionFromHarassment.harassmentProtectionSteps).toEqual(
      (record.doNoHarm as { protectionFromHarassment: Json }).protectionFromHarassment.harassmentProtectionSteps,
    );
  });

  it('farmos and ai-agro: a link that names a code of conduct by itself (/conduct/, contributor-covenant.org)', () => {
    expect(
      readScreening(harassment({ harassmentProtectionSteps: ['Contributor Covenant Code of Conduct - https://farmos.org/community/conduct/'] })).manifest
        .doNoHarm?.harassment?.codeOfConduct,
    ).toBe('https://farmos.org/community/conduct/');
    expect(
      readScreening(harassment({ harassmentProtectionSteps: ['https://www.contributor-covenant.org/'] })).manifest.doNoHarm?.harassment?.codeOfConduct,
    ).toBe('https://www.contributor-covenant.org/');
  });

  it('a repository path that names a code of conduct', () => {
    expect(
      readScreening(harassment({ harassmentProtectionSteps: ['Contributors follow our CODE_OF_CONDUCT.md; reports go to the maintainers.'] })).manifest.doNoHarm
        ?.harassment?.codeOfConduct,
    ).toBe('CODE_OF_CONDUCT.md');
  });

  it("ihris and sunbird-lern: no code of conduct, or only an adopter's terms of use, give none", () => {
    const ihris = 'iHRIS does not have a code of conduct for the core software, though these are sometimes put in place locally.';
    const lern =
      'The Code of conduct may be defined by an adopter based on the workflows that they choose to configure. An example is the code defined by a Sunbird adopter, DIKSHA, for various types of users including registered users, Course mentors or administrators in the DIKSHA system: https://diksha.gov.in/term-of-use.html';
    for (const step of [ihris, lern])
      expect(readScreening(harassment({ harassmentProtectionSteps: [step] })).manifest.doNoHarm?.harassment?.codeOfConduct).toBeUndefined();
  });
});

describe('closed components named in the platform-independence text', () => {
  const platform = (description: string): Json =>
    screening({ platformIndependence: { mandatoryDepsCreateMoreRestrictions: 'Yes', isSoftwarePltIndependent: 'Yes', pltIndependenceDesc: description } });

  it('treejer-protocol: "X as … replaceable by Y", one component per name; a lowercase alternative is not read', () => {
    const text =
      "We're using Twilio as SMS service replaceable by Somleng, SendGrid as Email services replaceable by self-hosed email system replaceable by Postal, Google Maps and MapBox as MAP services replaceable by OpenStreetMap, EtherScan as Crypto Price API (ETH/USD) replaceable by Chainlink and Infura as blockchain RPC service replaceable by self-run nodes. \n Firebase is not a mandatory dependency in Treejer Protocol, it's currently being used only for analytics. However, it can be replaced by an an open-source alternative called Parse (https://docs.parseplatform.org/)";
    const { manifest, lost } = readValid(readScreening, platform(text));
    expect(manifest.platformIndependence).toEqual({
      hasClosedComponents: true,
      closedComponents: [
        { name: 'Twilio', openAlternatives: ['Somleng'] },
        { name: 'Google Maps', openAlternatives: ['OpenStreetMap'] },
        { name: 'MapBox', openAlternatives: ['OpenStreetMap'] },
        { name: 'EtherScan', openAlternatives: ['Chainlink'] },
      ],
      description: text,
    });
    // The prose is kept as the description (a reviewer reads the rest of it), and "is it independent" now comes back.
    expect(lost.map((entry) => entry.path)).toEqual([]);
    expect((screeningBack(manifest).platformIndependence as Json).isSoftwarePltIndependent).toBe('Yes');
  });

  it('sempo: "X can easily be replaced with open alternatives … such as Y"', () => {
    const { manifest } = readValid(
      readScreening,
      platform(
        'Amazon SES can easily be replaced with open alternatives for sending mail such as Flask-mail (https://flask-mail.readthedocs.io/en/latest/), a library which abstracts the SMTP interface',
      ),
    );
    expect(manifest.platformIndependence?.closedComponents).toEqual([{ name: 'Amazon SES', openAlternatives: ['Flask-mail'] }]);
  });

  it('prism: "replace X with Y"', () => {
    const text =
      'PRISM continues to utilize Mapbox 1.x. MapLibre GL is an open source alterative to Mapbox GL JS. Users of the PRISM system may replace Mapbox with MapLibre.';
    expect(readScreening(platform(text)).manifest.platformIndependence?.closedComponents).toEqual([{ name: 'Mapbox', openAlternatives: ['MapLibre'] }]);
  });

  it('"X is used; it can be replaced by Y" and "Y is an open source alternative to X"', () => {
    expect(readScreening(platform('Google Maps API is used; it can be replaced by OpenStreetMap.')).manifest.platformIndependence?.closedComponents).toEqual([
      { name: 'Google Maps API', openAlternatives: ['OpenStreetMap'] },
    ]);
    expect(readScreening(platform('MinIO is an open source alternative to AWS S3.')).manifest.platformIndependence?.closedComponents).toEqual([
      { name: 'AWS S3', openAlternatives: ['MinIO'] },
    ]);
  });

  it('jellow-aac-communicator and openlittermap: prose that names no replacement in so many words gives none', () => {
    const jellow =
      "Jellow AAC Communicator uses a Google TTS engine, a closed source component due to the superior and satisfactory performance it offers especially with the Indian language and voices. One of the open source TTS engines available for the Indian language is Hear2read (https://hear2read.org/) which we've tried recently.";
    const litter = 'OpenLitterMap uses AWS S3 to store photos on production; Minio is an open source alternative for someone trying to host the application.';
    for (const text of [jellow, litter]) {
      const { manifest, lost } = readValid(readScreening, platform(text));
      expect(manifest.platformIndependence).toEqual({ hasClosedComponents: true, description: text });
      expect(lost.map((entry) => entry.path)).not.toContain('/platformIndependence/pltIndependenceDesc');
    }
  });

  it('"cannot be replaced" and an answer of No give none', () => {
    expect(readScreening(platform('Google Maps cannot be replaced by OpenStreetMap.')).manifest.platformIndependence?.closedComponents).toBeUndefined();
    const no = screening({ platformIndependence: { mandatoryDepsCreateMoreRestrictions: 'No', pltIndependenceDesc: 'Twilio can be replaced by Somleng.' } });
    expect(readScreening(no).manifest.platformIndependence).toEqual({ hasClosedComponents: false, description: 'Twilio can be replaced by Somleng.' });
  });

  it("a manifest's components are written as labelled lines that read back as they were", () => {
    const manifest: DpgManifest = {
      name: 'Excerpt',
      platformIndependence: {
        hasClosedComponents: true,
        closedComponents: [
          { name: 'Twilio', mandatory: false, openAlternatives: ['Somleng', 'Jasmin SMS Gateway'], replacement: 'Set SMS_PROVIDER=somleng.' },
          { name: 'Google Maps' },
        ],
      },
    };
    const back = screeningBack(manifest);
    const read = readScreening(back);
    expect(read.manifest.platformIndependence).toEqual(manifest.platformIndependence);
    expect(read.lost).toEqual([]);
  });
});

describe('data formats named in the extraction mechanism', () => {
  const mechanism = (text: string): Json => screening({ NonPII: { collectsNonPII: 'Yes', checkNonPIIAccessMechanism: 'Yes', nonPIIAccessMechanism: text } });
  const formatsOf = (text: string): string[] | undefined => readScreening(mechanism(text)).manifest.dataExtraction?.formats;

  it('aam-digital: ".csv or .json format"; the mechanism text is kept and written back alone', () => {
    const text =
      'Users can download data as well as generated aggregated information in .csv or .json format directly from the user interface of the application. \n Export formats can be configured to match custom requirements.';
    const { manifest, lost } = readValid(readScreening, mechanism(text));
    expect(manifest.dataExtraction).toEqual({ collectsNonPII: true, mechanism: text, formats: ['CSV', 'JSON'] });
    expect(lost).toEqual([]);
    expect((screeningBack(manifest).NonPII as Json).nonPIIAccessMechanism).toBe(text);
  });

  it('global-healthsites-mapping-project, cboard, dicra: in the order named, each once, under the usual spelling', () => {
    expect(formatsOf('Users are able to access and export data in a variety of formats, including JSON, GEOJSON, CSV, SHP, REST, #HXL.')).toEqual([
      'JSON',
      'GeoJSON',
      'CSV',
      'Shapefile',
      'HXL',
    ]);
    expect(formatsOf('User logs can be shared or exported in Open Board Logging Format (.obl)')).toEqual(['OBL']);
    expect(
      formatsOf(
        'The data is available for download in geospatial formats such as shp, geojson, and cloud optimised tif files, and can also be accessed using APIs.',
      ),
    ).toEqual(['Shapefile', 'GeoJSON', 'TIFF']);
  });

  it('sempo and openfn-integration-toolkit: "Excel" names no single format, and links are not prose', () => {
    expect(formatsOf('Data can be imported and exported into Excel and CSV formats')).toEqual(['CSV']);
    expect(formatsOf('This for runs:  https://docs.openfn.org/documentation/manage/platform-mgmt/#export-runs-to-csv')).toBeUndefined();
  });

  it("a manifest's formats the mechanism does not name are written after it, as before", () => {
    const written = writeScreening({ name: 'Excerpt', dataExtraction: { collectsNonPII: true, mechanism: 'A REST API.', formats: ['JSON'] } });
    expect(written.lost.map((entry) => entry.path)).toEqual(['/dataExtraction/formats']);
    expect((JSON.parse(written.text) as { NonPII: Json }).NonPII.nonPIIAccessMechanism).toBe('A REST API.\nFormats: JSON.');
  });
});

describe('what each licence covers, from its family', () => {
  const licensesOf = (type: string[], license: Array<{ spdx: string; licenseURL: string }>): DpgManifest =>
    readValid(readNominee, nominee({ type, license })).manifest;

  it('global-healthsites-mapping-project: BSD-3-Clause covers the software, ODbL the data', () => {
    const license = [
      { spdx: 'BSD-3-Clause', licenseURL: 'https://github.com/healthsites/healthsites/blob/master/LICENSE-CODE.txt' },
      { spdx: 'ODbL-1.0', licenseURL: 'https://github.com/healthsites/healthsites/wiki/Data' },
    ];
    const manifest = licensesOf(['software', 'data'], license);
    expect(manifest.licenses).toEqual([
      { expression: 'BSD-3-Clause', covers: ['software'], evidence: license[0]?.licenseURL },
      { expression: 'ODbL-1.0', covers: ['data'], evidence: license[1]?.licenseURL },
    ]);
    expect(nomineeBack(manifest).license).toEqual(license);
  });

  it('storyweaver: CC-BY-4.0 covers the content, MIT the software', () => {
    const manifest = licensesOf(
      ['software', 'content'],
      [
        { spdx: 'CC-BY-4.0', licenseURL: 'https://storyweaver.org.in/terms_and_conditions' },
        { spdx: 'MIT', licenseURL: 'https://github.com/PrathamBooks/sw-core/blob/master/LICENSE' },
      ],
    );
    expect(manifest.licenses?.map((entry) => entry.covers)).toEqual([['content'], ['software']]);
  });

  it('antura-and-the-letters: a Creative Commons licence in a software record covers content, not the software', () => {
    const manifest = licensesOf(
      ['software'],
      [
        { spdx: 'BSD-2-Clause', licenseURL: '' },
        { spdx: 'CC-BY-4.0', licenseURL: '' },
      ],
    );
    expect(manifest.licenses?.map((entry) => entry.covers)).toEqual([['software'], ['content']]);
  });

  it('rahat, a single licence, kindly: nothing written where it would say nothing new or nothing sure', () => {
    // rahat: three software licences; each covers what the others do.
    expect(
      licensesOf(
        ['software'],
        [
          { spdx: 'AGPL-3.0', licenseURL: '' },
          { spdx: 'LGPL-3.0', licenseURL: '' },
          { spdx: 'GPL-3.0', licenseURL: '' },
        ],
      ).licenses?.some((entry) => entry.covers),
    ).toBe(false);
    expect(licensesOf(['software'], [{ spdx: 'MIT', licenseURL: '' }]).licenses?.[0]?.covers).toBeUndefined();
    // kindly: an AI system; which licence covers the model weights the record does not say.
    expect(
      licensesOf(
        ['software', 'data', 'aimodel'],
        [
          { spdx: 'AGPL-3.0', licenseURL: '' },
          { spdx: 'CC-BY-SA-4.0', licenseURL: '' },
        ],
      ).licenses?.some((entry) => entry.covers),
    ).toBe(false);
  });

  it('covers the manifest set otherwise is still reported as lost in a nominee', () => {
    const manifest: DpgManifest = { name: 'Excerpt', categories: ['software'], sdgs: [{ goal: 3 }], licenses: [{ expression: 'MIT', covers: ['software'] }] };
    expect(writeNominee(manifest).lost.map((entry) => entry.path)).toEqual(['/licenses/0/covers']);
  });
});

describe('a nominee with its screening record', () => {
  it('globaleaks: the maintainer owns, the code of conduct is linked, and the merge gives the nominee back', () => {
    const organizations = [
      {
        name: 'GlobaLeaks',
        website: 'https://www.globaleaks.org',
        org_type: 'maintainer',
        contact_name: 'Giovanni Pellerano',
        contact_email: 'giovanni.pellerano@globaleaks.org',
      },
    ];
    const record = nominee({ license: [{ spdx: 'AGPL-3.0', licenseURL: 'https://github.com/globaleaks/GlobaLeaks/blob/main/LICENSE' }], organizations });
    const screeningRecord = screening({
      doNoHarm: {
        protectionFromHarassment: {
          userInteraction: 'Yes',
          griefAbuseHarassmentProtection: 'Yes',
          harassmentProtectionSteps: ['Strict Code of Conduct: https://github.com/globaleaks/GlobaLeaks/blob/main/CODE_OF_CONDUCT.md'],
        },
      },
    });
    const merged = mergeNomineeAndScreening(readNominee(record), readScreening(screeningRecord)).manifest;
    expect(merged.ownership?.owners?.[0]?.name).toBe('GlobaLeaks');
    expect(merged.contact?.email).toBe('giovanni.pellerano@globaleaks.org');
    expect(merged.doNoHarm?.harassment?.codeOfConduct).toBe('https://github.com/globaleaks/GlobaLeaks/blob/main/CODE_OF_CONDUCT.md');
    // The nominee has no field for indicators 3-9; its organisations come back as they were.
    expect((JSON.parse(writeNominee(merged).text) as Json).organizations).toEqual(organizations);
  });
});
