import { Document } from 'yaml';
import { UsageError } from '../errors.js';
import type { ClosedComponent, DpgManifest } from '../manifest/types.js';
import { compactObject, isEmail, isHttpUrl, isRecord, pointer, text } from './answers.js';
import { sanitizeManifest } from './dpg-manifest.js';
import type { AssumedField, LostField, ReadResult, WriteResult } from './types.js';

/**
 * publiccode.yml and the dpg manifest overlap on: name, description, URLs, legal.license,
 * legal.mainCopyrightOwner, dependsOn (its proprietary part is the manifest's closed components) and
 * the maintenance contacts. Everything else on either side is reported when converting.
 */
const MAPPED = new Set(['publiccodeYmlVersion', 'name', 'url', 'landingURL', 'description', 'legal', 'dependsOn', 'maintenance']);

export function isPubliccode(data: Record<string, unknown>): boolean {
  return 'publiccodeYmlVersion' in data;
}

export function readPubliccode(data: Record<string, unknown>): ReadResult {
  const name = text(data.name);
  if (name === undefined) throw new UsageError('the publiccode.yml has no name');
  const lost: LostField[] = [];
  const m: DpgManifest = { name, categories: ['software'] };
  for (const key of Object.keys(data))
    if (!MAPPED.has(key)) lost.push({ path: pointer(key), reason: 'the dpg manifest has no place for it', value: data[key] });

  const url = text(data.url);
  if (url) isHttpUrl(url) ? (m.repositories = [url]) : lost.push({ path: '/url', reason: 'not an http(s) URL', value: url });
  const landing = text(data.landingURL);
  if (landing) isHttpUrl(landing) ? (m.website = [landing]) : lost.push({ path: '/landingURL', reason: 'not an http(s) URL', value: landing });

  const descriptions = isRecord(data.description) ? data.description : {};
  const language = 'en' in descriptions ? 'en' : Object.keys(descriptions)[0];
  const links: string[] = [];
  for (const [code, value] of Object.entries(descriptions)) {
    if (!isRecord(value)) continue;
    for (const [key, item] of Object.entries(value)) {
      const at = pointer('description', code, key);
      if (code === language && key === 'shortDescription' && text(item)) m.description = item as string;
      else if (code === language && (key === 'documentation' || key === 'apiDocumentation') && text(item)) links.push(item as string);
      else
        lost.push({
          path: at,
          reason:
            code === language
              ? 'the dpg manifest has a short description and documentation links only'
              : `the dpg manifest has one language; ${language} was used`,
          value: item,
        });
    }
  }
  if (links.length > 0) m.documentation = { links: [...new Set(links)] };

  const legal = isRecord(data.legal) ? data.legal : {};
  const license = text(legal.license);
  if (license) m.licenses = [{ expression: license }];
  const owner = text(legal.mainCopyrightOwner);
  if (owner) m.ownership = { owners: [{ name: owner }] };
  for (const key of Object.keys(legal))
    if (key !== 'license' && key !== 'mainCopyrightOwner')
      lost.push({ path: pointer('legal', key), reason: 'the dpg manifest has no place for it', value: legal[key] });

  const dependsOn = isRecord(data.dependsOn) ? data.dependsOn : {};
  const closed: ClosedComponent[] = [];
  (Array.isArray(dependsOn.proprietary) ? dependsOn.proprietary : []).forEach((dependency, index) => {
    const dependencyName = isRecord(dependency) ? text(dependency.name) : undefined;
    if (!isRecord(dependency) || dependencyName === undefined) return;
    closed.push({ name: dependencyName, ...(typeof dependency.optional === 'boolean' ? { mandatory: !dependency.optional } : {}) });
    for (const key of Object.keys(dependency))
      if (key !== 'name' && key !== 'optional')
        lost.push({
          path: pointer('dependsOn', 'proprietary', index, key),
          reason: "the dpg manifest keeps a closed component's name and whether it is mandatory",
          value: dependency[key],
        });
  });
  if (closed.length > 0) m.platformIndependence = { hasClosedComponents: true, closedComponents: closed };
  for (const key of Object.keys(dependsOn))
    if (key !== 'proprietary') lost.push({ path: pointer('dependsOn', key), reason: 'the dpg manifest lists closed components only', value: dependsOn[key] });

  const maintenance = isRecord(data.maintenance) ? data.maintenance : {};
  (Array.isArray(maintenance.contacts) ? maintenance.contacts : []).forEach((contact, index) => {
    const contactName = isRecord(contact) ? text(contact.name) : undefined;
    const email = isRecord(contact) ? text(contact.email) : undefined;
    if (!m.contact && contactName && email && isEmail(email)) {
      m.contact = { name: contactName, email };
      for (const key of Object.keys(contact as Record<string, unknown>))
        if (key !== 'name' && key !== 'email')
          lost.push({
            path: pointer('maintenance', 'contacts', index, key),
            reason: "the dpg manifest keeps a contact's name, title and email",
            value: (contact as Record<string, unknown>)[key],
          });
    } else
      lost.push({ path: pointer('maintenance', 'contacts', index), reason: 'the dpg manifest holds one contact, with a name and an email', value: contact });
  });
  for (const key of Object.keys(maintenance))
    if (key !== 'contacts') lost.push({ path: pointer('maintenance', key), reason: 'the dpg manifest has no place for it', value: maintenance[key] });
  return sanitizeManifest(m, lost);
}

/** Values publiccode.yml requires that a dpg manifest cannot supply: written as defaults, and said so. */
const DEFAULTS: Array<[string[], unknown, string]> = [
  [['platforms'], ['web'], 'the platforms the software runs on'],
  [['categories'], ['it-development'], "publiccode.yml's own list of categories"],
  [['developmentStatus'], 'stable', 'concept, development, beta, stable or obsolete'],
  [['softwareType'], 'standalone/other', 'standalone/web, library, addon, ...'],
  [['maintenance', 'type'], 'community', 'internal, contract, community or none'],
  [['localisation', 'localisationReady'], false, 'whether the software can be translated'],
  [['localisation', 'availableLanguages'], ['en'], 'the languages it is available in'],
];

export function writePubliccode(m: DpgManifest): WriteResult {
  const lost: LostField[] = [];
  const assumed: AssumedField[] = [];
  const url = m.repositories?.[0];
  if (!url) throw new UsageError('cannot write publiccode.yml: it needs the repository URL, and the input has no `repositories`');
  const license = (m.licenses ?? [])
    .map((entry) => (m.licenses && m.licenses.length > 1 && / (AND|OR) /.test(entry.expression) ? `(${entry.expression})` : entry.expression))
    .join(' AND ');
  if (!license) throw new UsageError('cannot write publiccode.yml: it needs legal.license, and the input declares no licence');
  (m.repositories ?? [])
    .slice(1)
    .forEach((repository, index) =>
      lost.push({ path: pointer('repositories', index + 1), reason: 'publiccode.yml has one repository URL', value: repository }),
    );
  (m.website ?? [])
    .slice(1)
    .forEach((site, index) => lost.push({ path: pointer('website', index + 1), reason: 'publiccode.yml has one landing URL', value: site }));
  (m.ownership?.owners ?? [])
    .slice(1)
    .forEach((owner, index) =>
      lost.push({ path: pointer('ownership', 'owners', index + 1), reason: 'publiccode.yml has one main copyright owner', value: owner }),
    );
  for (const key of ['aliases', 'sdgs', 'privacy', 'standards', 'dataExtraction', 'doNoHarm', 'registry', 'policy'] as const)
    if (m[key] !== undefined) lost.push({ path: pointer(key), reason: 'publiccode.yml has no field for it', value: m[key] });
  if ((m.licenses?.length ?? 0) > 1)
    lost.push({
      path: '/licenses',
      reason: 'publiccode.yml has one licence expression; the licences are joined with AND and lose what each covers',
      value: m.licenses,
    });
  if (m.categories?.some((category) => category !== 'software'))
    lost.push({ path: '/categories', reason: 'publiccode.yml describes software only', value: m.categories });

  const shortDescription = m.description ?? m.name;
  if (!m.description)
    assumed.push({ path: '/description/en/shortDescription', value: shortDescription, reason: 'the manifest has no description; the name is used' });
  const docs = m.documentation?.links?.filter(isHttpUrl) ?? [];
  const closed = m.platformIndependence?.closedComponents ?? [];
  closed.forEach((component, index) => {
    for (const key of ['openAlternatives', 'replacement'] as const)
      if (component[key] !== undefined)
        lost.push({
          path: pointer('platformIndependence', 'closedComponents', index, key),
          reason: 'publiccode.yml lists a proprietary dependency by name',
          value: component[key],
        });
  });

  const document: Record<string, unknown> = {
    publiccodeYmlVersion: '0.4',
    name: m.name,
    url,
    ...(m.website?.[0] ? { landingURL: m.website[0] } : {}),
    description: {
      en: compactObject({
        shortDescription: shortDescription.slice(0, 150),
        longDescription: [m.description, m.documentation?.summary].filter(Boolean).join('\n\n') || m.name,
        features: [shortDescription.slice(0, 100)],
        documentation: docs[0],
      }),
    },
    legal: compactObject({ license, mainCopyrightOwner: m.ownership?.owners?.[0]?.name }),
    maintenance: compactObject({ contacts: m.contact ? [compactObject({ name: m.contact.name, email: m.contact.email })] : undefined }),
    ...(closed.length > 0
      ? {
          dependsOn: {
            proprietary: closed.map((component) =>
              compactObject({ name: component.name, optional: component.mandatory === undefined ? undefined : !component.mandatory }),
            ),
          },
        }
      : {}),
  };
  if (shortDescription.length > 150)
    lost.push({
      path: '/description',
      reason: "publiccode.yml's shortDescription holds 150 characters; the whole text is the longDescription",
      value: m.description,
    });
  assumed.push({
    path: '/description/en/features',
    value: [shortDescription.slice(0, 100)],
    reason: 'the manifest lists no features; the description stands in',
  });
  docs.slice(1).forEach((link) => lost.push({ path: '/documentation/links', reason: 'publiccode.yml has one documentation URL', value: link }));
  if ((m.documentation?.links ?? []).some((link) => !isHttpUrl(link)))
    lost.push({ path: '/documentation/links', reason: 'publiccode.yml takes documentation URLs, not repository paths', value: m.documentation?.links });
  if (m.contact?.title) lost.push({ path: '/contact/title', reason: 'publiccode.yml contacts have no title', value: m.contact.title });

  const yaml = new Document(document);
  for (const [path, value, meaning] of DEFAULTS) {
    yaml.setIn(path, value);
    const node = yaml.getIn(path, true);
    assumed.push({ path: pointer(...path), value, reason: `not in the dpg manifest: ${meaning}` });
    // Said in the file too: the default must be checked before the file is published.
    if (node && typeof node === 'object' && 'comment' in node)
      (node as { comment?: string }).comment = ' dpg-check: a default, not from the dpg manifest; check it';
  }
  return { text: yaml.toString({ lineWidth: 0 }), lost, assumed };
}
