import { UsageError } from '../errors.js';
import type { DpgManifest, ExposureLevel, NamedEvidence } from '../manifest/types.js';
import {
  assignDefined,
  compactObject,
  formList,
  fromYesNo,
  isEmptyAnswer,
  isRecord,
  pointer,
  strings,
  text,
  toYesNo,
  uniqueWithDuplicates,
} from './answers.js';
import { closedComponentsIn, describeClosedComponent, describedExactly } from './closed-components.js';
import { codeOfConductIn } from './code-of-conduct.js';
import { dataFormatsIn } from './data-formats.js';
import { sanitizeManifest } from './dpg-manifest.js';
import type { LostField, ReadResult, WriteResult } from './types.js';

/**
 * The DPGA registry's screening record (digitalpublicgoods/*.json, schemas/dpga/screening-schema.json):
 * the answers for indicators 3 to 9 as the form's Yes/No/Unknown questions with free text.
 *
 * The manifest holds facts, the form holds answers about them; a "Yes" is written back when the fact
 * is there (an owner or ownership evidence makes ownership explicit). A reader compares each answer
 * with what the writer would derive from the manifest and reports the ones it cannot reproduce, so
 * nothing is dropped silently.
 */
export function isScreeningRecord(data: Record<string, unknown>): boolean {
  return (
    (isRecord(data.clearOwnership) && 'isOwnershipExplicit' in data.clearOwnership) ||
    (isRecord(data.doNoHarm) && 'preventHarm' in data.doNoHarm) ||
    (isRecord(data.NonPII) && 'checkNonPIIAccessMechanism' in data.NonPII)
  );
}

/** A manifest section's lines of free text: the form keeps them as list items. */
const LINE = '\n';
/** How the writer marks a code of conduct among the harassment steps, so that it reads back. */
const CODE_OF_CONDUCT_PREFIX = 'Code of conduct: ';

export function readScreening(data: Record<string, unknown>): ReadResult {
  if (typeof data.name !== 'string') throw new UsageError('the screening record has no name');
  const lost: LostField[] = [];
  const m: DpgManifest = { name: data.name };
  const section = (key: string): Record<string, unknown> => (isRecord(data[key]) ? data[key] : {});
  for (const key of Object.keys(data)) {
    if (!['name', 'clearOwnership', 'platformIndependence', 'documentation', 'NonPII', 'privacy', 'standards', 'doNoHarm', 'locations'].includes(key))
      lost.push({ path: pointer(key), reason: 'not a field of the screening schema, and the dpg manifest has no place for it', value: data[key] });
  }

  const ownership = section('clearOwnership');
  const copyright = text(ownership.copyrightURL);
  if (copyright !== undefined) m.ownership = { evidence: [copyright] };

  readPlatformIndependence(section('platformIndependence'), m, lost);

  const documentation = section('documentation');
  const links = uniqueList(documentation.documentationURL, '/documentation/documentationURL', lost);
  if (links.length > 0) m.documentation = { links };

  const nonPii = section('NonPII');
  const collectsNonPII = fromYesNo(nonPii.collectsNonPII);
  const mechanism = text(nonPii.nonPIIAccessMechanism);
  // The formats the mechanism names ("export to CSV or GeoJSON"): the text is kept as it is.
  const formats = dataFormatsIn(mechanism);
  if (collectsNonPII !== undefined || mechanism !== undefined)
    assignDefined(m, 'dataExtraction', compactObject({ collectsNonPII, mechanism, formats: formats.length > 0 ? formats : undefined }));

  const privacy = section('privacy');
  const laws: NamedEvidence[] = strings(privacy.privacyComplianceList).map((name) => ({ name }));
  const adherence = uniqueList(privacy.adherenceSteps, '/privacy/adherenceSteps', lost);
  if (laws.length > 0 || adherence.length > 0)
    assignDefined(m, 'privacy', compactObject({ laws: laws.length > 0 ? laws : undefined, evidence: adherence.length > 0 ? adherence : undefined }));

  readStandards(section('standards'), m, lost);
  readDoNoHarm(isRecord(data.doNoHarm) ? data.doNoHarm : {}, m, lost);

  // The countries are kept under registry: (check does not judge them), exactly as the form lists them.
  const locations = section('locations');
  const countries: Record<string, string[]> = {};
  for (const key of ['developmentCountries', 'deploymentCountries']) {
    const value = locations[key];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      if (!isEmptyAnswer(value)) countries[key] = value as string[];
    } else if (!isEmptyAnswer(value)) lost.push({ path: pointer('locations', key), reason: 'not a list of country names', value });
  }
  if (Object.keys(countries).length > 0) m.registry = { locations: countries };

  // Every answer the form derives from the manifest must come back as it was; those that do not are lost.
  const written = screeningFromManifest(m).record;
  for (const path of DERIVED_ANSWERS) {
    const original = valueAt(data, path);
    const derived = valueAt(written, path);
    if (!(isEmptyAnswer(original) && isEmptyAnswer(derived)) && original !== derived) {
      lost.push({
        path,
        reason: `the dpg manifest has no field for this answer; from what it holds the form would say ${JSON.stringify(derived)}`,
        value: original,
      });
    }
  }
  return sanitizeManifest(m, lost);
}

/**
 * Indicator 4: "Yes" to closed dependencies, with the components in free text. Those the text names
 * with an open alternative in so many words are listed (closed-components.ts); the text itself has no
 * field in the manifest, so unless it is the writer's own list it is reported as lost.
 */
function readPlatformIndependence(platform: Record<string, unknown>, m: DpgManifest, _lost: LostField[]): void {
  const closed = fromYesNo(platform.mandatoryDepsCreateMoreRestrictions);
  const description = text(platform.pltIndependenceDesc);
  const read = closed === true && description !== undefined ? closedComponentsIn(description) : { components: [], described: false };
  // The writer's own lines come back as the components they were; any other text is kept as it is.
  const ownLines = description !== undefined && read.described && read.components.map(describeClosedComponent).join('\n') === description;
  if (closed !== undefined || description !== undefined) {
    m.platformIndependence = {
      ...(closed !== undefined ? { hasClosedComponents: closed } : {}),
      ...(read.components.length > 0 ? { closedComponents: read.components } : {}),
      ...(description !== undefined && !ownLines ? { description } : {}),
    };
  }
}

/** The form's answers that the writer derives from the manifest rather than copying a value. */
const DERIVED_ANSWERS = [
  '/clearOwnership/isOwnershipExplicit',
  '/platformIndependence/isSoftwarePltIndependent',
  '/documentation/isDocumentationAvailable',
  '/NonPII/checkNonPIIAccessMechanism',
  '/privacy/isPrivacyCompliant',
  '/standards/supportStandards',
  '/standards/implementBestPractices',
  '/doNoHarm/preventHarm/stepsToPreventHarm',
  '/doNoHarm/dataPrivacySecurity/thirdPartyDataSharing',
  '/doNoHarm/dataPrivacySecurity/ensurePrivacySecurity',
  '/doNoHarm/inappropriateIllegalContent/contentFilter',
  '/doNoHarm/inappropriateIllegalContent/illegalContentDetection',
  '/doNoHarm/protectionFromHarassment/addressSafetySecurityUnderageUsers',
  '/doNoHarm/protectionFromHarassment/griefAbuseHarassmentProtection',
];

function readStandards(standards: Record<string, unknown>, m: DpgManifest, lost: LostField[]): void {
  // The form asks for evidence of the standards as a whole; each standard gets all of it.
  const evidence = uniqueList(standards.evidenceStandardSupport, '/standards/evidenceStandardSupport', lost);
  const openStandards: NamedEvidence[] = strings(standards.standardsList).map((name) => ({ name, ...(evidence.length > 0 ? { evidence } : {}) }));
  if (openStandards.length === 0 && evidence.length > 0)
    lost.push({
      path: '/standards/evidenceStandardSupport',
      reason: 'evidence of standards, but no standard named to attach it to',
      value: standards.evidenceStandardSupport,
    });
  const bestPractices: NamedEvidence[] = strings(standards.bestPracticesList).map((name) => ({ name }));
  if (openStandards.length > 0 || bestPractices.length > 0)
    assignDefined(
      m,
      'standards',
      compactObject({
        openStandards: openStandards.length > 0 ? openStandards : undefined,
        bestPractices: bestPractices.length > 0 ? bestPractices : undefined,
      }),
    );
}

function readDoNoHarm(doNoHarm: Record<string, unknown>, m: DpgManifest, lost: LostField[]): void {
  const sub = (key: string): Record<string, unknown> => (isRecord(doNoHarm[key]) ? doNoHarm[key] : {});
  // The general question of indicator 9, then 9a-9c.
  const prevent = sub('preventHarm');
  const byDesign = fromYesNo(prevent.stepsToPreventHarm);
  const statement = text(prevent.additionalInfoMechanismProcessesPolicies);

  const pii = sub('dataPrivacySecurity');
  const collectsPII = fromYesNo(pii.collectsPII);
  const piiLevel: ExposureLevel | undefined =
    collectsPII === undefined ? undefined : !collectsPII ? 'none' : pii.thirdPartyDataSharing === 'Yes' ? 'collected-stored-distributed' : 'collected-stored';
  const piiTypes = uniqueList(pii.typesOfDataCollected, '/doNoHarm/dataPrivacySecurity/typesOfDataCollected', lost);
  if (!isEmptyAnswer(pii.dataSharingCircumstances))
    lost.push({
      path: '/doNoHarm/dataPrivacySecurity/dataSharingCircumstances',
      reason: 'the dpg manifest says whether PII is distributed, not under which circumstances',
      value: pii.dataSharingCircumstances,
    });
  const privacy = compactObject({ piiLevel, piiTypes: piiTypes.length > 0 ? piiTypes : undefined, protections: text(pii.privacySecurityDescription) });

  const content = sub('inappropriateIllegalContent');
  const collects = fromYesNo(content.collectStoreDistribute);
  // "Collect, store or distribute": Yes asks for every 9b answer, as the highest level does.
  const level: ExposureLevel | undefined = collects === undefined ? undefined : collects ? 'collected-stored-distributed' : 'none';
  const contentAnswers = compactObject({
    level,
    types: text(content.type) !== undefined ? [content.type as string] : undefined,
    moderationPolicy: text(content.policyGuidelinesDocumentationLink),
    process: text(content.illegalContentDetectionMechanism),
  });

  const harassment = sub('protectionFromHarassment');
  const underage = joinedLines(
    harassment.stepsAddressRiskPreventSafetyUnderageUsers,
    '/doNoHarm/protectionFromHarassment/stepsAddressRiskPreventSafetyUnderageUsers',
    lost,
  );
  const steps = strings(harassment.harassmentProtectionSteps);
  const conduct = steps.find((step) => step.startsWith(CODE_OF_CONDUCT_PREFIX));
  const protection = joinedLines(
    steps.filter((step) => step !== conduct),
    '/doNoHarm/protectionFromHarassment/harassmentProtectionSteps',
    lost,
  );
  const harassmentAnswers = compactObject({
    userInteraction: fromYesNo(harassment.userInteraction),
    // The writer's own line, else the code of conduct the answers link ("Code of conduct - https://…"), kept in them too.
    codeOfConduct: conduct?.slice(CODE_OF_CONDUCT_PREFIX.length) || codeOfConductIn([protection, underage]),
    protection,
    underageSafety: underage,
  });
  const result = compactObject({ byDesign, statement, privacy, content: contentAnswers, harassment: harassmentAnswers });
  if (result) m.doNoHarm = result;
}

/** The manifest as a screening record, and what the record could not hold. */
export function screeningFromManifest(m: DpgManifest): { record: Record<string, unknown>; lost: LostField[] } {
  const lost: LostField[] = [];
  const owners = m.ownership?.owners ?? [];
  const ownershipEvidence = m.ownership?.evidence ?? [];
  if (ownershipEvidence.length > 1)
    lost.push({
      path: '/ownership/evidence',
      reason: 'the form has one copyright field; the links are written as one text, one per line',
      value: ownershipEvidence,
    });
  const closed = m.platformIndependence?.closedComponents ?? [];
  const hasClosed = m.platformIndependence?.hasClosedComponents;
  const closedText = closed.map(describeClosedComponent).join('\n');
  // Written one labelled line each; lost only where the lines do not read back (a name with a line break, ", " in an alternative).
  const description = m.platformIndependence?.description;
  // With a description, it is written as the form's text: components are kept only as far as it names them.
  const readBack = description !== undefined && hasClosed === true ? closedComponentsIn(description).components : [];
  if (closed.length > 0 && (description !== undefined ? JSON.stringify(readBack) !== JSON.stringify(closed) : hasClosed !== true || !describedExactly(closed)))
    lost.push({
      path: '/platformIndependence/closedComponents',
      reason: 'the form describes closed components in free text; their structure (name, mandatory, alternatives) is written as text',
      value: closed,
    });
  const docs = m.documentation ?? {};
  const docLinks = [...(docs.links ?? []), ...(docs.dataFields ? [docs.dataFields] : [])];
  if (docs.summary) lost.push({ path: '/documentation/summary', reason: 'the form has documentation links only', value: docs.summary });
  if (docs.dataFields) lost.push({ path: '/documentation/dataFields', reason: 'written as one more documentation link', value: docs.dataFields });
  const extraction = m.dataExtraction ?? {};
  // Formats the mechanism names already read back from it; others are added to it as a line of their own.
  const formatsNamed = JSON.stringify(dataFormatsIn(extraction.mechanism)) === JSON.stringify(extraction.formats ?? []);
  if (extraction.formats?.length && !formatsNamed)
    lost.push({ path: '/dataExtraction/formats', reason: 'the form has one text for the mechanism; written into it', value: extraction.formats });
  if (extraction.evidence?.length)
    lost.push({ path: '/dataExtraction/evidence', reason: 'the form has one text for the mechanism; written into it', value: extraction.evidence });
  const laws = m.privacy?.laws ?? [];
  laws.forEach((law, index) => {
    if (law.evidence?.length)
      lost.push({
        path: pointer('privacy', 'laws', index, 'evidence'),
        reason: 'the form does not tie evidence to a law; written with the adherence steps',
        value: law.evidence,
      });
  });
  const standards = m.standards ?? {};
  const openStandards = standards.openStandards ?? [];
  const standardEvidence = uniqueWithDuplicates(openStandards.flatMap((standard) => standard.evidence ?? [])).unique;
  if (openStandards.some((standard) => (standard.evidence ?? []).join('\n') !== standardEvidence.join('\n')))
    lost.push({
      path: '/standards/openStandards',
      reason: 'the form does not tie evidence to a standard; all of it is written as evidence of the standards as a whole',
    });
  (standards.bestPractices ?? []).forEach((practice, index) => {
    if (practice.evidence?.length)
      lost.push({
        path: pointer('standards', 'bestPractices', index, 'evidence'),
        reason: 'the form has no evidence for best practices',
        value: practice.evidence,
      });
  });
  if (standards.aiRiskAssessment)
    lost.push({
      path: '/standards/aiRiskAssessment',
      reason: 'the screening form predates the AI risk assessment (Standard 1.1.7)',
      value: standards.aiRiskAssessment,
    });
  const pii = m.doNoHarm?.privacy ?? {};
  if (pii.piiLevel === 'collected')
    lost.push({
      path: '/doNoHarm/privacy/piiLevel',
      reason: 'the form asks whether PII is collected or stored; "collected" reads back as collected-stored',
      value: pii.piiLevel,
    });
  if (pii.evidence?.length) lost.push({ path: '/doNoHarm/privacy/evidence', reason: 'the form has no evidence links for 9a', value: pii.evidence });
  const content = m.doNoHarm?.content ?? {};
  if (content.level !== undefined && content.level !== 'none' && content.level !== 'collected-stored-distributed')
    lost.push({
      path: '/doNoHarm/content/level',
      reason: 'the form asks whether content is collected, stored or distributed; any of them reads back as collected-stored-distributed',
      value: content.level,
    });
  if ((content.types?.length ?? 0) > 1)
    lost.push({ path: '/doNoHarm/content/types', reason: 'the form has one text for the content types; written comma-separated', value: content.types });
  if (content.responseTime)
    lost.push({
      path: '/doNoHarm/content/responseTime',
      reason: 'the form has no response-time field; written into the moderation process text',
      value: content.responseTime,
    });
  const harassment = m.doNoHarm?.harassment ?? {};
  // A code of conduct the answers link already reads back from them: it is not written twice.
  const conductLinked =
    harassment.codeOfConduct !== undefined && codeOfConductIn([harassment.protection, harassment.underageSafety]) === harassment.codeOfConduct;
  for (const key of ['name', 'title', 'email'] as const)
    if (m.contact?.[key])
      lost.push({ path: pointer('contact', key), reason: 'the screening record has no contact (the nominee record does)', value: m.contact[key] });

  const contentApplies = content.level !== undefined && content.level !== 'none';
  const record = {
    name: m.name,
    clearOwnership: { isOwnershipExplicit: owners.length > 0 || ownershipEvidence.length > 0 ? 'Yes' : 'Unknown', copyrightURL: ownershipEvidence.join('\n') },
    platformIndependence: {
      mandatoryDepsCreateMoreRestrictions: toYesNo(hasClosed),
      isSoftwarePltIndependent: hasClosed && closed.length > 0 ? (closed.some((component) => component.openAlternatives?.length) ? 'Yes' : 'No') : '',
      // The applicant's own words when there are any (the components listed were read from them).
      pltIndependenceDesc: m.platformIndependence?.description ?? closedText,
    },
    documentation: { isDocumentationAvailable: docLinks.length > 0 || docs.summary ? 'Yes' : 'Unknown', documentationURL: formList(docLinks) },
    NonPII: {
      collectsNonPII: toYesNo(extraction.collectsNonPII),
      checkNonPIIAccessMechanism: extraction.collectsNonPII ? (extraction.mechanism ? 'Yes' : 'No') : '',
      nonPIIAccessMechanism: [
        extraction.mechanism,
        extraction.formats?.length && !formatsNamed ? `Formats: ${extraction.formats.join(', ')}.` : undefined,
        extraction.evidence?.length ? `Evidence: ${extraction.evidence.join(' ')}` : undefined,
      ]
        .filter(Boolean)
        .join('\n'),
    },
    privacy: {
      isPrivacyCompliant: laws.length > 0 || (m.privacy?.evidence?.length ?? 0) > 0 ? 'Yes' : 'Unknown',
      privacyComplianceList: formList(laws.map((law) => law.name)),
      adherenceSteps: formList([...(m.privacy?.evidence ?? []), ...laws.flatMap((law) => law.evidence ?? [])]),
    },
    standards: {
      supportStandards: openStandards.length > 0 ? 'Yes' : 'Unknown',
      standardsList: formList(openStandards.map((standard) => standard.name)),
      evidenceStandardSupport: formList(standardEvidence),
      implementBestPractices: (standards.bestPractices?.length ?? 0) > 0 ? 'Yes' : 'Unknown',
      bestPracticesList: formList((standards.bestPractices ?? []).map((practice) => practice.name)),
    },
    doNoHarm: {
      // The manifest answers 9a-9c; the form's overall "do no harm" question is left to the applicant.
      preventHarm: { stepsToPreventHarm: toYesNo(m.doNoHarm?.byDesign), additionalInfoMechanismProcessesPolicies: m.doNoHarm?.statement ?? '' },
      dataPrivacySecurity: {
        collectsPII: pii.piiLevel === undefined ? 'Unknown' : pii.piiLevel === 'none' ? 'No' : 'Yes',
        typesOfDataCollected: formList(pii.piiTypes),
        thirdPartyDataSharing: pii.piiLevel === undefined ? 'Unknown' : pii.piiLevel === 'collected-stored-distributed' ? 'Yes' : 'No',
        dataSharingCircumstances: [''],
        ensurePrivacySecurity: pii.protections ? 'Yes' : 'Unknown',
        privacySecurityDescription: pii.protections ?? '',
      },
      inappropriateIllegalContent: {
        collectStoreDistribute: content.level === undefined ? 'Unknown' : content.level === 'none' ? 'No' : 'Yes',
        type: (content.types ?? []).join(', '),
        contentFilter: contentApplies ? (content.moderationPolicy ? 'Yes' : 'No') : '',
        policyGuidelinesDocumentationLink: content.moderationPolicy ?? '',
        illegalContentDetection: contentApplies ? (content.process ? 'Yes' : 'No') : '',
        illegalContentDetectionMechanism: [content.process, content.responseTime ? `Average response time: ${content.responseTime}.` : undefined]
          .filter(Boolean)
          .join('\n'),
      },
      protectionFromHarassment: {
        userInteraction: toYesNo(harassment.userInteraction),
        addressSafetySecurityUnderageUsers: harassment.userInteraction ? (harassment.underageSafety ? 'Yes' : 'No') : '',
        stepsAddressRiskPreventSafetyUnderageUsers: formList(harassment.underageSafety?.split(LINE)),
        griefAbuseHarassmentProtection: harassment.userInteraction ? (harassment.protection || harassment.codeOfConduct ? 'Yes' : 'No') : '',
        harassmentProtectionSteps: formList([
          ...(harassment.protection?.split(LINE) ?? []),
          ...(harassment.codeOfConduct && !conductLinked ? [`${CODE_OF_CONDUCT_PREFIX}${harassment.codeOfConduct}`] : []),
        ]),
      },
    },
    locations: {
      developmentCountries: m.registry?.locations?.developmentCountries ?? [],
      deploymentCountries: m.registry?.locations?.deploymentCountries ?? [],
    },
  };
  return { record, lost };
}

export function writeScreening(manifest: DpgManifest): WriteResult {
  const { record, lost } = screeningFromManifest(manifest);
  const general: Array<keyof DpgManifest> = ['aliases', 'description', 'website', 'repositories', 'categories', 'sdgs', 'licenses', 'policy'];
  for (const key of general)
    if (manifest[key] !== undefined)
      lost.push({ path: pointer(key), reason: 'the screening record holds indicators 3-9 only (write dpga-nominee for the rest)', value: manifest[key] });
  for (const key of ['stage', 'sectors', 'organizations', 'repositoryNames'] as const) {
    if (manifest.registry?.[key] !== undefined)
      lost.push({ path: pointer('registry', key), reason: 'the screening record has no field for it (write dpga-nominee)', value: manifest.registry[key] });
  }
  if (manifest.ownership?.owners?.length)
    lost.push({ path: '/ownership/owners', reason: 'the screening record names no owner (the nominee record does)', value: manifest.ownership.owners });
  for (const key of ['ownsAllContentAndData', 'redistributionEvidence'] as const)
    if (manifest.ownership?.[key] !== undefined)
      lost.push({ path: pointer('ownership', key), reason: 'the screening form predates this question (Standard 1.1.6)', value: manifest.ownership[key] });
  const assumed = manifest.registry?.locations
    ? []
    : [
        {
          path: '/locations',
          value: { developmentCountries: [], deploymentCountries: [] },
          reason: 'the manifest names no countries (registry.locations); the lists are left empty',
        },
      ];
  return { text: `${JSON.stringify(record, null, 2)}\n`, lost, assumed };
}

/** A list answer as one text of lines; an item that holds line breaks itself does not come back as one item. */
function joinedLines(value: unknown, at: string, lost: LostField[]): string | undefined {
  const items = strings(value);
  if (items.some((item) => item.includes(LINE)))
    lost.push({ path: at, reason: 'an item with line breaks comes back as one item per line (the text is kept)', value });
  return items.length > 0 ? items.join(LINE) : undefined;
}

/** A list answer as a set: the manifest's lists hold each value once. */
function uniqueList(value: unknown, at: string, lost: LostField[]): string[] {
  if (!Array.isArray(value)) return strings(value);
  const seen = new Set<string>();
  value.forEach((item, index) => {
    if (typeof item !== 'string' || item === '') return;
    if (seen.has(item)) lost.push({ path: `${at}/${index}`, reason: 'the same value twice; the dpg manifest keeps it once', value: item });
    seen.add(item);
  });
  return [...seen];
}

function valueAt(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const segment of path.slice(1).split('/')) current = isRecord(current) ? current[segment] : undefined;
  return current;
}
