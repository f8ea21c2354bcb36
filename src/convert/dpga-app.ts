import { UsageError } from '../errors.js';
import type { Category, DpgManifest, NamedEvidence, Owner, RegistryFields } from '../manifest/types.js';
import { assignDefined, compactObject, isEmptyAnswer, isHttpUrl, isRecord, pointer, strings, text } from './answers.js';
import { closedComponentsIn } from './closed-components.js';
import { codeOfConductIn } from './code-of-conduct.js';
import { dataFormatsIn } from './data-formats.js';
import { sanitizeManifest } from './dpg-manifest.js';
import { exposureFromSentence, exposureSentence } from './exposure.js';
import { coverageIsDerived, derivedCoverage } from './license-coverage.js';
import { readOrganizations, writeOrganizations } from './organizations.js';
import type { AssumedField, LostField, ReadResult, WriteResult } from './types.js';

/**
 * The application API's record (app.digitalpublicgoods.net, `/api/dpg/{id}` and `/api/nominee/{id}`):
 * one object per application with a numeric string id. Its free-text answers are often split at
 * commas by the API itself, so list answers are taken item by item as they come.
 */
const CATEGORY_NAMES: Array<[RegExp, Category]> = [
  [/software/i, 'software'],
  [/content/i, 'content'],
  [/data/i, 'data'],
  [/\bai\b|model/i, 'ai-system'],
  [/standard/i, 'standard'],
];
const CATEGORY_TO_NAME: Record<Category, string> = {
  software: 'Open Software',
  content: 'Open Content',
  data: 'Open Data',
  'ai-system': 'Open AI Model',
  standard: 'Open Standard',
};
const SDG_TITLES = [
  'No Poverty',
  'Zero Hunger',
  'Good Health and Well-being',
  'Quality Education',
  'Gender Equality',
  'Clean Water and Sanitation',
  'Affordable and Clean Energy',
  'Decent Work and Economic Growth',
  'Industry, Innovation and Infrastructure',
  'Reduced Inequalities',
  'Sustainable Cities and Communities',
  'Responsible Consumption and Production',
  'Climate Action',
  'Life Below Water',
  'Life on Land',
  'Peace, Justice and Strong Institutions',
  'Partnerships for the Goals',
];
const UNMAPPED = ['id', 'locations', 'deploymentOrganisations', 'deploymentCountriesDepartments', 'otherDeploymentOrganisations', 'awardsReceived'];

export function isAppRecord(data: Record<string, unknown>): boolean {
  return (
    Array.isArray(data.openlicenses) ||
    Array.isArray(data.clearOwnership) ||
    isRecord(data.userContent) ||
    (Array.isArray(data.sdgs) && data.sdgs.some((sdg) => isRecord(sdg) && 'sdg' in sdg))
  );
}

export function readApp(data: Record<string, unknown>): ReadResult {
  const name = text(data.name)?.trim();
  if (name === undefined) throw new UsageError('the application record has no name');
  const lost: LostField[] = [];
  const m: DpgManifest = { name };
  for (const key of UNMAPPED)
    if (!isEmptyAnswer(data[key])) lost.push({ path: pointer(key), reason: 'the dpg manifest has no place for it', value: data[key] });
  // The registry's own fields (src/convert/dpga-nominee.ts reads the same into registry:).
  const registry: RegistryFields = {};
  const stage = text(data.stage);
  if (stage !== undefined) registry.stage = stage;
  const sectors = [...new Set(strings(data.sectors))];
  if (sectors.length > 0) registry.sectors = sectors;

  const aliases = [
    ...new Set(
      strings(data.aliases)
        .map((alias) => alias.trim())
        .filter(Boolean),
    ),
  ];
  if (aliases.length > 0) m.aliases = aliases;
  const description = text(data.description);
  if (description !== undefined) m.description = description;
  const website = text(data.website)?.trim();
  if (website) isHttpUrl(website) ? (m.website = [website]) : lost.push({ path: '/website', reason: 'not an http(s) URL', value: data.website });
  const repositories = (Array.isArray(data.repositories) ? data.repositories : [])
    .map((entry) => (isRecord(entry) ? text(entry.url)?.trim() : undefined))
    .filter((url): url is string => url !== undefined && isHttpUrl(url));
  if (repositories.length > 0) m.repositories = [...new Set(repositories)];

  const categories: Category[] = [];
  strings(data.categories).forEach((value, index) => {
    const category = CATEGORY_NAMES.find(([pattern]) => pattern.test(value))?.[1];
    if (category && !categories.includes(category)) categories.push(category);
    else if (!category)
      lost.push({ path: pointer('categories', index), reason: 'not a category of the dpg manifest (software, content, data, ai-system, standard)', value });
  });
  if (categories.length > 0) m.categories = categories;

  const sdgEntries = Array.isArray(data.sdgs) ? data.sdgs : isRecord(data.sdgs) ? [data.sdgs] : [];
  m.sdgs = sdgEntries.flatMap((entry, index) => {
    if (!isRecord(entry)) return [];
    const relevance = text(entry.relevance);
    return strings(entry.sdg).flatMap((label) => {
      const goal = Number(/SDG\s*(\d{1,2})/i.exec(label)?.[1]);
      if (!Number.isInteger(goal) || goal < 1 || goal > 17) {
        lost.push({ path: pointer('sdgs', index, 'sdg'), reason: 'not an SDG number', value: label });
        return [];
      }
      return [{ goal, ...(relevance !== undefined ? { relevance } : {}) }];
    });
  });
  if (m.sdgs.length === 0) delete m.sdgs;

  const licenses = (Array.isArray(data.openlicenses) ? data.openlicenses : []).flatMap((entry) => {
    const expression = isRecord(entry) ? text(entry.openLicense)?.trim() : undefined;
    if (!isRecord(entry) || !expression) return [];
    const evidence = text(entry.openLicenseEvidenceURLs)?.trim();
    return [{ expression, ...(evidence ? { evidence } : {}) }];
  });
  // What each licence covers, where the licences' families make it clear (license-coverage.ts).
  const coverage = derivedCoverage(licenses, m.categories);
  if (licenses.length > 0)
    m.licenses = licenses.map((license, index) =>
      coverage?.[index] ? { expression: license.expression, covers: coverage[index], ...(license.evidence ? { evidence: license.evidence } : {}) } : license,
    );

  const owners: Owner[] = [];
  const ownershipEvidence: string[] = [];
  for (const entry of Array.isArray(data.clearOwnership) ? data.clearOwnership : []) {
    if (!isRecord(entry)) continue;
    const owner = text(entry.clearOwnershipName)?.trim();
    const url = text(entry.clearOwnershipURL)?.trim();
    if (owner && !owners.some((known) => known.name === owner)) owners.push({ name: owner });
    if (url && !ownershipEvidence.includes(url)) ownershipEvidence.push(url);
  }
  // The organisations as a nominee's are read (organizations.ts): owners, the contact, the other roles.
  const organizations = readOrganizations(data.organizations, lost);
  for (const owner of organizations.owners) if (!owners.some((known) => known.name === owner.name)) owners.push(owner);
  if (organizations.contact) m.contact = organizations.contact;
  Object.assign(registry, organizations.registry);
  // The contact sits on the first owning organisation, which the owners named by clearOwnership may precede.
  const holder = organizations.owners[0];
  if (organizations.contact && registry.contactSource?.organization === undefined && holder && owners[0] !== holder)
    registry.contactSource = { ...registry.contactSource, organization: holder.name };
  if (Object.keys(registry).length > 0) m.registry = registry;
  if (owners.length > 0 || ownershipEvidence.length > 0)
    assignDefined(
      m,
      'ownership',
      compactObject({ owners: owners.length > 0 ? owners : undefined, evidence: ownershipEvidence.length > 0 ? ownershipEvidence : undefined }),
    );

  const platform = isRecord(data.platformIndependence) ? data.platformIndependence : {};
  // Records answer "Yes" with a list of the proprietary parts and their alternatives, "No" with none.
  // The components the text names with an open alternative in so many words are listed (closed-components.ts).
  const closed = platform.isPlatformIndependent === 'Yes' ? closedComponentsIn(strings(platform.openAlternatives).join('\n')).components : [];
  if (platform.isPlatformIndependent === 'Yes' || platform.isPlatformIndependent === 'No')
    m.platformIndependence = { hasClosedComponents: platform.isPlatformIndependent === 'Yes', ...(closed.length > 0 ? { closedComponents: closed } : {}) };
  if (!isEmptyAnswer(platform.openAlternatives))
    lost.push({
      path: '/platformIndependence/openAlternatives',
      reason:
        closed.length > 0
          ? `the dpg manifest has no field for this free text; the closed components it names with an open alternative are listed (${closed.map((component) => component.name).join(', ')})`
          : 'free text that names no component the dpg manifest could list',
      value: platform.openAlternatives,
    });

  const documentation = text(data.documentation);
  if (documentation) m.documentation = { summary: documentation };
  const nonPii = isRecord(data.NonPII) ? data.NonPII : {};
  const formats = dataFormatsIn(text(nonPii.nonPIIAccessMechanism));
  const extraction = compactObject({
    collectsNonPII: nonPii.collectsNonPII === 'Yes' ? true : nonPii.collectsNonPII === 'No' ? false : undefined,
    mechanism: text(nonPii.nonPIIAccessMechanism),
    formats: formats.length > 0 ? formats : undefined,
  });
  if (extraction) m.dataExtraction = extraction;

  const laws: NamedEvidence[] = [];
  for (const entry of Array.isArray(data.privacy) ? data.privacy : []) {
    const law = isRecord(entry) ? text(entry.privacyCompliance)?.trim() : undefined;
    const evidence = isRecord(entry) ? text(entry.privacyComplianceURL)?.trim() : undefined;
    if (law) laws.push({ name: law, ...(evidence ? { evidence: [evidence] } : {}) });
  }
  if (laws.length > 0) m.privacy = { laws };
  const openStandards = strings(data.openStandards).map((standard) => ({ name: standard }));
  const bestPractices = strings(data.bestPractices).map((practice) => ({ name: practice }));
  if (openStandards.length > 0 || bestPractices.length > 0)
    assignDefined(
      m,
      'standards',
      compactObject({
        openStandards: openStandards.length > 0 ? openStandards : undefined,
        bestPractices: bestPractices.length > 0 ? bestPractices : undefined,
      }),
    );

  const pii = isRecord(data.dataPrivacySecurity) ? data.dataPrivacySecurity : {};
  const content = isRecord(data.userContent) ? data.userContent : {};
  const harassment = isRecord(data.protectionFromHarassment) ? data.protectionFromHarassment : {};
  const piiTypes = [...new Set(strings(pii.typesOfPIIDataCollected))];
  const contentTypes = [...new Set(strings(content.contentTypes))];
  const doNoHarm = compactObject({
    privacy: compactObject({
      piiLevel: text(pii.collectsPII) ? exposureFromSentence(pii.collectsPII as string) : undefined,
      piiTypes: piiTypes.length > 0 ? piiTypes : undefined,
      protections: text(pii.dataPrivacySecurity),
    }),
    content: compactObject({
      level: text(content.contentManagement) ? exposureFromSentence(content.contentManagement as string) : undefined,
      types: contentTypes.length > 0 ? contentTypes : undefined,
      process: text(content.contentManagementPolicy),
    }),
    harassment: compactObject({
      userInteraction: harassment.facilitatesUserInteraction === 'Yes' ? true : harassment.facilitatesUserInteraction === 'No' ? false : undefined,
      codeOfConduct: codeOfConductIn([text(harassment.harassmentPolicy)]),
      protection: text(harassment.harassmentPolicy),
    }),
  });
  if (doNoHarm) m.doNoHarm = doNoHarm;
  return sanitizeManifest(m, lost);
}

export function writeApp(m: DpgManifest): WriteResult {
  const lost: LostField[] = [];
  const assumed: AssumedField[] = [];
  if (!m.sdgs?.length)
    throw new UsageError('cannot write an application record: it needs at least one SDG, and the input declares none', 'Add `sdgs:` to the manifest first.');
  if (!m.licenses?.length)
    throw new UsageError(
      'cannot write an application record: it needs at least one open licence, and the input declares none',
      'Add `licenses:` to the manifest first.',
    );
  let categories = m.categories;
  if (!categories?.length) {
    categories = ['software'];
    assumed.push({ path: '/categories', value: ['Open Software'], reason: 'the manifest declares no categories; check reads that as software' });
  }
  m.sdgs.forEach((sdg, index) => {
    if (sdg.targets?.length) lost.push({ path: pointer('sdgs', index, 'targets'), reason: 'the application record has no SDG targets', value: sdg.targets });
    if (sdg.evidence?.length) lost.push({ path: pointer('sdgs', index, 'evidence'), reason: 'written into the relevance text', value: sdg.evidence });
  });
  // An application record does not say what each licence covers; it reads back only what the families say.
  if (!coverageIsDerived(m.licenses, categories)) {
    m.licenses.forEach((license, index) => {
      if (license.covers)
        lost.push({
          path: pointer('licenses', index, 'covers'),
          reason: 'the application record does not say what each licence covers',
          value: license.covers,
        });
    });
  }
  const owners = m.ownership?.owners ?? [];
  const { organizations, lost: organizationsLost } = writeOrganizations(m);
  lost.push(...organizationsLost);
  const pii = m.doNoHarm?.privacy;
  const content = m.doNoHarm?.content;
  const harassment = m.doNoHarm?.harassment;
  for (const [path, value] of [
    ['/platformIndependence/closedComponents', m.platformIndependence?.closedComponents],
    ['/documentation/links', m.documentation?.links],
    // Formats the mechanism names, and a code of conduct the policy links, read back from those texts.
    [
      '/dataExtraction/formats',
      JSON.stringify(dataFormatsIn(m.dataExtraction?.mechanism)) === JSON.stringify(m.dataExtraction?.formats ?? []) ? undefined : m.dataExtraction?.formats,
    ],
    ['/privacy/evidence', m.privacy?.evidence],
    ['/standards/aiRiskAssessment', m.standards?.aiRiskAssessment],
    ['/doNoHarm/byDesign', m.doNoHarm?.byDesign],
    ['/doNoHarm/statement', m.doNoHarm?.statement],
    ['/doNoHarm/content/moderationPolicy', content?.moderationPolicy],
    ['/doNoHarm/content/responseTime', content?.responseTime],
    ['/doNoHarm/harassment/codeOfConduct', codeOfConductIn([harassment?.protection]) === harassment?.codeOfConduct ? undefined : harassment?.codeOfConduct],
    ['/doNoHarm/harassment/underageSafety', harassment?.underageSafety],
    ['/ownership/ownsAllContentAndData', m.ownership?.ownsAllContentAndData],
    ['/ownership/redistributionEvidence', m.ownership?.redistributionEvidence],
    ['/registry/locations', m.registry?.locations],
    ['/registry/repositoryNames', m.registry?.repositoryNames],
    ['/policy', m.policy],
  ] as const) {
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) lost.push({ path, reason: 'the application record has no field for it', value });
  }
  const record = {
    name: m.name,
    aliases: m.aliases ?? [],
    categories: categories.map((category) => CATEGORY_TO_NAME[category]),
    description: m.description ?? '',
    website: m.website?.[0] ?? '',
    repositories: (m.repositories ?? []).map((url) => ({ name: 'main', url })),
    openlicenses: m.licenses.map((license) => ({ openLicense: license.expression, openLicenseEvidenceURLs: license.evidence ?? '' })),
    clearOwnership: owners.map((owner, index) => ({
      clearOwnershipName: owner.name,
      clearOwnershipURL: index === 0 ? (m.ownership?.evidence ?? []).join('\n') : '',
    })),
    documentation: [m.documentation?.summary, ...(m.documentation?.links ?? [])].filter(Boolean).join('\n'),
    NonPII: {
      collectsNonPII: m.dataExtraction?.collectsNonPII === undefined ? '' : m.dataExtraction.collectsNonPII ? 'Yes' : 'No',
      nonPIIAccessMechanism: m.dataExtraction?.mechanism ?? '',
    },
    openStandards: (m.standards?.openStandards ?? []).map((standard) => standard.name),
    bestPractices: (m.standards?.bestPractices ?? []).map((practice) => practice.name),
    dataPrivacySecurity: {
      collectsPII: pii?.piiLevel ? exposureSentence('PII data', pii.piiLevel) : '',
      typesOfPIIDataCollected: pii?.piiTypes ?? [],
      dataPrivacySecurity: pii?.protections ?? '',
    },
    userContent: {
      contentManagement: content?.level ? exposureSentence('Content', content.level) : '',
      contentTypes: content?.types ?? [],
      contentManagementPolicy: content?.process ?? '',
    },
    protectionFromHarassment: {
      facilitatesUserInteraction: harassment?.userInteraction === undefined ? '' : harassment.userInteraction ? 'Yes' : 'No',
      harassmentPolicy: harassment?.protection ?? '',
    },
    sdgs: m.sdgs.map((sdg) => ({
      sdg: `SDG${sdg.goal}: ${SDG_TITLES[sdg.goal - 1] ?? ''}`,
      relevance: [sdg.relevance, ...(sdg.evidence ?? [])].filter(Boolean).join('\n'),
    })),
    platformIndependence: {
      isPlatformIndependent: m.platformIndependence?.hasClosedComponents === undefined ? '' : m.platformIndependence.hasClosedComponents ? 'Yes' : 'No',
      openAlternatives: [],
    },
    organizations,
    privacy: (m.privacy?.laws ?? []).map((law) => ({ privacyCompliance: law.name, privacyComplianceURL: (law.evidence ?? []).join('\n') })),
    sectors: m.registry?.sectors ?? [],
    stage: m.registry?.stage ?? 'nominee',
  };
  if (m.registry?.stage === undefined) assumed.push({ path: '/stage', value: 'nominee', reason: 'an application is a nominee until the DPGA decides' });
  return { text: `${JSON.stringify(record, null, 2)}\n`, lost, assumed };
}
