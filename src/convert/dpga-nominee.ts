import { defined } from '../util/defined.js';
import { UsageError } from '../errors.js';
import type { Category, DpgManifest, LicenseDeclaration, RegistryFields, SdgDeclaration } from '../manifest/types.js';
import { compactObject, isHttpUrl, isRecord, pointer, text, uniqueWithDuplicates } from './answers.js';
import { sanitizeManifest } from './dpg-manifest.js';
import { coverageIsDerived, derivedCoverage } from './license-coverage.js';
import { toNomineeLicenseIds } from './nominee-licenses.js';
import { readOrganizations, writeOrganizations } from './organizations.js';
import type { AssumedField, LostField, ReadResult, WriteResult } from './types.js';

/**
 * The DPGA registry's nominee record (nominees/*.json, schemas/dpga/nominee-schema.json): the general
 * part of an application. Indicators 3 to 9 are in the screening record (dpga-screening.ts).
 */
const TYPE_TO_CATEGORY: Record<string, Category> = { software: 'software', content: 'content', data: 'data', aimodel: 'ai-system', standard: 'standard' };
const CATEGORY_TO_TYPE: Record<Category, string> = { software: 'software', content: 'content', data: 'data', 'ai-system': 'aimodel', standard: 'standard' };
const KNOWN_KEYS = new Set(['name', 'aliases', 'description', 'website', 'license', 'SDGs', 'sectors', 'type', 'repositories', 'organizations', 'stage']);
/** A nominee written from a manifest is an application: the DPGA alone makes it a DPG. */
const DEFAULT_STAGE = 'nominee';

export function isNomineeRecord(data: Record<string, unknown>): boolean {
  return (
    Array.isArray(data.SDGs) ||
    (Array.isArray(data.license) && typeof data.stage === 'string') ||
    (Array.isArray(data.organizations) && Array.isArray(data.type))
  );
}

export function readNominee(data: Record<string, unknown>): ReadResult {
  const lost: LostField[] = [];
  const manifest: Record<string, unknown> = {};
  if (typeof data.name !== 'string') throw new UsageError('the nominee record has no name');
  manifest.name = data.name;
  for (const key of Object.keys(data))
    if (!KNOWN_KEYS.has(key))
      lost.push({ path: pointer(key), reason: 'not a field of the nominee schema, and the dpg manifest has no place for it', value: data[key] });

  const aliases = listOfStrings(data.aliases, '/aliases', lost);
  if (aliases.length > 0) manifest.aliases = aliases;
  if (text(data.description) !== undefined) manifest.description = data.description;
  const website = text(data.website);
  if (website !== undefined) {
    if (isHttpUrl(website)) manifest.website = [website];
    else lost.push({ path: '/website', reason: 'the dpg manifest takes only http(s) URLs as the website', value: website });
  }

  const licenses: LicenseDeclaration[] = [];
  (Array.isArray(data.license) ? data.license : []).forEach((entry: unknown, index) => {
    if (!isRecord(entry) || typeof entry.spdx !== 'string' || entry.spdx === '') {
      lost.push({ path: pointer('license', index), reason: 'a licence without an SPDX id', value: entry });
      return;
    }
    // Kept as written: the registry's bare GPL-3.0 is what the applicant chose, and `check` says what it means.
    licenses.push({ expression: entry.spdx, ...(text(entry.licenseURL) !== undefined ? { evidence: entry.licenseURL as string } : {}) });
    extraKeys(entry, ['spdx', 'licenseURL'], pointer('license', index), lost);
  });
  if (licenses.length > 0) manifest.licenses = licenses;

  const sdgs: SdgDeclaration[] = [];
  (Array.isArray(data.SDGs) ? data.SDGs : []).forEach((entry: unknown, index) => {
    if (!isRecord(entry) || typeof entry.SDGNumber !== 'number') {
      lost.push({ path: pointer('SDGs', index), reason: 'an SDG without its number', value: entry });
      return;
    }
    const evidence = splitEvidenceUrl(text(entry.evidenceURL));
    sdgs.push({
      goal: entry.SDGNumber,
      ...(text(entry.evidenceText) !== undefined ? { relevance: entry.evidenceText as string } : {}),
      ...(evidence.length > 0 ? { evidence } : {}),
    });
    extraKeys(entry, ['SDGNumber', 'evidenceText', 'evidenceURL'], pointer('SDGs', index), lost);
  });
  if (sdgs.length > 0) manifest.sdgs = sdgs;

  // What the registry records beyond the Standard's questions goes to `registry:`, so a round trip keeps it.
  const registry: RegistryFields = {};
  const sectors = listOfStrings(data.sectors, '/sectors', lost);
  if (sectors.length > 0) registry.sectors = sectors;

  const categories: Category[] = [];
  (Array.isArray(data.type) ? data.type : []).forEach((type: unknown, index) => {
    const category = typeof type === 'string' ? TYPE_TO_CATEGORY[type] : undefined;
    if (category && !categories.includes(category)) categories.push(category);
    else
      lost.push({
        path: pointer('type', index),
        reason: category ? 'the same type twice; the dpg manifest keeps it once' : 'not a category of the dpg manifest',
        value: type,
      });
  });
  if (categories.length > 0) manifest.categories = categories;
  // What each licence covers, where the licences' families make it clear (src/convert/license-coverage.ts).
  derivedCoverage(licenses, categories)?.forEach((covers, index) => {
    const license = licenses[index];
    if (license) licenses[index] = { expression: license.expression, covers, ...(license.evidence !== undefined ? { evidence: license.evidence } : {}) };
  });

  const repositories: string[] = [];
  (Array.isArray(data.repositories) ? data.repositories : []).forEach((entry: unknown, index) => {
    const url = isRecord(entry) ? text(entry.url) : undefined;
    if (url === undefined || !isHttpUrl(url) || repositories.includes(url)) {
      if (url !== undefined || (isRecord(entry) && text(entry.name) !== undefined))
        lost.push({
          path: pointer('repositories', index),
          reason:
            url === undefined
              ? 'a repository without a URL'
              : repositories.includes(url)
                ? 'the same repository twice'
                : 'the dpg manifest takes only http(s) URLs as repositories',
          value: entry,
        });
      return;
    }
    if (isRecord(entry) && text(entry.name) !== undefined && entry.name !== repositoryName(url, repositories.length)) {
      registry.repositoryNames = { ...registry.repositoryNames, [url]: entry.name as string };
    }
    if (isRecord(entry)) extraKeys(entry, ['name', 'url'], pointer('repositories', index), lost);
    repositories.push(url);
  });
  if (repositories.length > 0) manifest.repositories = repositories;

  const organizations = readOrganizations(data.organizations, lost);
  if (organizations.owners.length > 0) manifest.ownership = { owners: organizations.owners };
  if (organizations.contact) manifest.contact = organizations.contact;
  Object.assign(registry, organizations.registry);

  if (text(data.stage) !== undefined) registry.stage = data.stage as string;
  else if (data.stage !== undefined)
    lost.push({ path: '/stage', reason: `not a review stage; a nominee written from the manifest says "${DEFAULT_STAGE}"`, value: data.stage });
  if (Object.keys(registry).length > 0) manifest.registry = registry;
  return sanitizeManifest(manifest, lost);
}

export function writeNominee(manifest: DpgManifest): WriteResult {
  const lost: LostField[] = [];
  const assumed: AssumedField[] = [];
  const licenses = (manifest.licenses ?? []).map((license, index) =>
    toNomineeLicenseIds(license.expression, pointer('licenses', index, 'expression'), lost).map((spdx) => ({ spdx, licenseURL: license.evidence ?? '' })),
  );
  if (licenses.flat().length === 0)
    throw new UsageError(
      "cannot write a DPGA nominee: it needs at least one licence from the nominee schema's list, and the input declares none",
      'Add `licenses:` to the manifest first.',
    );
  const sdgs = (manifest.sdgs ?? []).map((sdg, index) => {
    if (sdg.targets?.length) lost.push({ path: pointer('sdgs', index, 'targets'), reason: 'a nominee has no SDG targets', value: sdg.targets });
    return compactObject({
      SDGNumber: sdg.goal,
      evidenceText: sdg.relevance,
      evidenceURL: sdg.evidence?.length ? sdg.evidence.join(' ') : undefined,
    }) as Record<string, unknown>;
  });
  if (sdgs.length === 0)
    throw new UsageError('cannot write a DPGA nominee: it needs at least one SDG, and the input declares none', 'Add `sdgs:` to the manifest first.');

  let categories = manifest.categories;
  if (!categories?.length) {
    categories = ['software'];
    assumed.push({ path: '/type', value: ['software'], reason: 'the manifest declares no categories; check reads that as software' });
  }
  const website = manifest.website ?? [];
  website.slice(1).forEach((url, index) => lost.push({ path: pointer('website', index + 1), reason: 'a nominee has one website', value: url }));
  lost.push(...coverageLost(manifest.licenses ?? [], licenses, categories));
  const { organizations, lost: organizationsLost } = writeOrganizations(manifest);
  lost.push(...organizationsLost);
  if (manifest.contact?.title) lost.push({ path: '/contact/title', reason: 'a nominee has no contact title', value: manifest.contact.title });
  const stage = manifest.registry?.stage ?? DEFAULT_STAGE;
  if (manifest.registry?.stage === undefined)
    assumed.push({ path: '/stage', value: DEFAULT_STAGE, reason: 'the manifest has no review stage; only the DPGA makes a nominee a DPG' });

  const nominee = compactObject({
    name: manifest.name,
    aliases: manifest.aliases?.length ? manifest.aliases : undefined,
    description: manifest.description ?? '',
    website: website[0] ?? '',
    license: licenses.flat(),
    SDGs: sdgs,
    sectors: manifest.registry?.sectors ?? [],
    type: categories.map((category) => CATEGORY_TO_TYPE[category]),
    repositories: (manifest.repositories ?? []).map((url, index) => ({ name: manifest.registry?.repositoryNames?.[url] ?? repositoryName(url, index), url })),
    organizations,
    stage,
  });
  if (manifest.registry?.locations)
    lost.push({ path: '/registry/locations', reason: 'a nominee has no countries (the screening record has)', value: manifest.registry.locations });
  lost.push(...notInNominee(manifest));
  return { text: `${JSON.stringify(nominee, null, 2)}\n`, lost, assumed };
}

/**
 * `covers` is the manifest's own: a nominee gives it back only where the licences' families and the
 * types say the same (license-coverage.ts), each licence written as one nominee licence.
 */
function coverageLost(
  licenses: readonly LicenseDeclaration[],
  written: ReadonlyArray<ReadonlyArray<{ spdx: string }>>,
  categories: readonly Category[],
): LostField[] {
  if (!licenses.some((license) => license.covers)) return [];
  const oneEach = written.every((entries) => entries.length === 1);
  const readBack = written.map((entries, index) => defined({ expression: entries[0]?.spdx ?? '', covers: licenses[index]?.covers }));
  if (oneEach && coverageIsDerived(readBack, categories)) return [];
  return licenses.flatMap((license, index) =>
    license.covers ? [{ path: pointer('licenses', index, 'covers'), reason: 'a nominee does not say what each licence covers', value: license.covers }] : [],
  );
}

/** What the rest of the manifest (indicators 3-9 and more) holds that a nominee has no field for. */
function notInNominee(manifest: DpgManifest): LostField[] {
  const lost: LostField[] = [];
  const ownership = manifest.ownership;
  if (ownership)
    for (const key of ['evidence', 'ownsAllContentAndData', 'redistributionEvidence'] as const)
      if (ownership[key] !== undefined)
        lost.push({
          path: pointer('ownership', key),
          reason: 'a nominee has no field for it (the screening record holds ownership evidence)',
          value: ownership[key],
        });
  for (const key of ['platformIndependence', 'documentation', 'dataExtraction', 'privacy', 'standards', 'doNoHarm', 'policy'] as const) {
    if (manifest[key] !== undefined)
      lost.push({ path: pointer(key), reason: 'a nominee has no field for it (write dpga-screening for indicators 3-9)', value: manifest[key] });
  }
  return lost;
}

/** The registry calls a project's first repository "main"; further ones are named after their URL. */
export function repositoryName(url: string, index: number): string {
  if (index === 0) return 'main';
  return (
    url
      .replace(/\/+$/, '')
      .replace(/\.git$/, '')
      .split('/')
      .pop() ?? url
  );
}

/** An evidence URL field that holds several URLs separated by single spaces is a list. */
function splitEvidenceUrl(value: string | undefined): string[] {
  if (value === undefined) return [];
  const parts = value.split(' ');
  return parts.length > 1 && parts.every((part) => /^https?:\/\/\S+$/.test(part)) && new Set(parts).size === parts.length ? parts : [value];
}

function listOfStrings(value: unknown, at: string, lost: LostField[]): string[] {
  if (!Array.isArray(value)) return [];
  const kept = value.map((item) => (typeof item === 'string' ? item : '')).filter((item) => item !== '');
  const { unique } = uniqueWithDuplicates(kept);
  // Report duplicates by their index in the input, not among the kept ones.
  const seen = new Set<string>();
  value.forEach((item, index) => {
    if (typeof item !== 'string' || item === '') return;
    if (seen.has(item)) lost.push({ path: `${at}/${index}`, reason: 'the same value twice; the dpg manifest keeps it once', value: item });
    seen.add(item);
  });
  return unique;
}

function extraKeys(entry: Record<string, unknown>, known: string[], at: string, lost: LostField[]): void {
  for (const key of Object.keys(entry))
    if (!known.includes(key))
      lost.push({ path: `${at}/${key}`, reason: 'not a field of the DPGA schema, and the dpg manifest has no place for it', value: entry[key] });
}
