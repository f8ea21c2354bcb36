import type { DpgManifest, Owner, RegistryContactSource, RegistryFields, RegistryOrganization } from '../manifest/types.js';
import { compactObject, isEmail, isHttpUrl, isRecord, pointer, text } from './answers.js';
import type { LostField } from './types.js';

/**
 * The registry's organisations (a nominee's or an application record's `organizations`): who owns the
 * solution, who speaks for it, and who else takes part (funders, implementers), each in its place.
 */

/**
 * The roles read as ownership, best first; the organisations of the first role a record has become its
 * owners. 45 of the registry's nominees type no organisation `owner`, yet the DPGA recognised them: its
 * reviewers read the maintainer as the owner, for the maintainer holds the repositories, publishes the
 * releases and, as a rule, the copyright. A funder is not taken: the registry's funder-only records
 * name the grant-maker as often as the project's own company (five of nine name UNICEF's Ventures Fund,
 * which owns nothing of the startups it funds), and an implementer deploys what another made. For those
 * records the manifest names no owner, as the record does not, and `check` says so.
 */
const OWNERSHIP_ROLES: readonly string[] = ['owner', 'maintainer'];
const ORGANIZATION_KEYS = ['name', 'website', 'org_type', 'contact_name', 'contact_email'];

export interface OrganizationsRead {
  owners: Owner[];
  contact?: { name: string; email: string };
  /** The registry's own part: other organisations, the owners' roles when not `owner`, where the contact sits. */
  registry: Pick<RegistryFields, 'organizations' | 'ownerOrgTypes' | 'contactSource'>;
}

interface Entry {
  index: number;
  at: string;
  record: Record<string, unknown>;
  name: string;
  role: string;
}

/** Reads a record's organisations; what the manifest cannot hold is added to `lost`. */
export function readOrganizations(value: unknown, lost: LostField[]): OrganizationsRead {
  const entries: Entry[] = [];
  (Array.isArray(value) ? value : []).forEach((record: unknown, index) => {
    const at = pointer('organizations', index);
    if (!isRecord(record)) return;
    const name = text(record.name);
    const role = text(record.org_type);
    if (name === undefined || role === undefined) {
      lost.push({ path: at, reason: name === undefined ? 'an organisation without a name' : 'an organisation without a role (org_type)', value: record });
      return;
    }
    for (const key of Object.keys(record))
      if (!ORGANIZATION_KEYS.includes(key))
        lost.push({ path: `${at}/${key}`, reason: 'not a field of the DPGA schema, and the dpg manifest has no place for it', value: record[key] });
    entries.push({ index, at, record, name, role });
  });
  const ownerRole = OWNERSHIP_ROLES.find((role) => entries.some((entry) => entry.role === role));
  const ownerEntries = entries.filter((entry) => entry.role === ownerRole);
  const result: OrganizationsRead = { owners: [], registry: {} };
  for (const entry of entries) {
    if (entry.role === ownerRole) result.owners.push(ownerOf(entry, lost));
    else result.registry.organizations = [...(result.registry.organizations ?? []), registryOrganization(entry.record, entry.name, entry.role, entry.index)];
  }
  if (ownerRole !== undefined && ownerRole !== 'owner')
    result.registry.ownerOrgTypes = Object.fromEntries(ownerEntries.map((entry) => [entry.name, entry.role]));
  readContact(entries, ownerEntries, result, lost);
  if (result.registry.organizations === undefined) delete result.registry.organizations;
  return result;
}

function ownerOf(entry: Entry, lost: LostField[]): Owner {
  const owner: Owner = { name: entry.name, type: 'organisation' };
  const website = text(entry.record.website);
  if (website !== undefined) {
    if (isHttpUrl(website)) owner.url = website;
    else lost.push({ path: `${entry.at}/website`, reason: "the dpg manifest takes only http(s) URLs as an owner's website", value: website });
  }
  return owner;
}

/**
 * The contact is the first owner's that has a usable e-mail address, else the first other
 * organisation's. The manifest's contact needs a name (the application asks for one): a record that
 * gives an e-mail alone gives the organisation's address (info@…), so the organisation's name is the
 * contact's, and `registry.contactSource` says so, that the record comes back as it was.
 */
function readContact(entries: readonly Entry[], owners: readonly Entry[], result: OrganizationsRead, lost: LostField[]): void {
  const others = entries.filter((entry) => !owners.includes(entry));
  const chosen = [...owners, ...others].find((entry) => usableEmail(entry.record.contact_email) !== undefined);
  for (const owner of owners) {
    if (owner === chosen) continue;
    for (const key of ['contact_name', 'contact_email'] as const) {
      if (text(owner.record[key]) !== undefined)
        lost.push({
          path: `${owner.at}/${key}`,
          reason: `the dpg manifest holds one contact, with a valid e-mail address${chosen ? `: ${chosen.name}'s is used` : ''}`,
          value: owner.record[key],
        });
    }
  }
  if (chosen === undefined) return;
  const raw = chosen.record.contact_email as string;
  const email = usableEmail(raw) as string;
  // The name as written ("Sid Chakravarthy " comes back with its blank); blanks alone are no name.
  const rawName = text(chosen.record.contact_name);
  const name = rawName?.trim() ? rawName : undefined;
  result.contact = { name: name ?? chosen.name, email };
  const source: RegistryContactSource = {};
  if (chosen !== owners[0]) source.organization = chosen.name;
  if (name === undefined) source.emailOnly = true;
  if (Object.keys(source).length > 0) result.registry.contactSource = source;
  // A non-owner keeps its contact in registry.organizations as written; an owner's is the manifest's.
  if (owners.includes(chosen)) {
    if (email !== raw)
      lost.push({ path: `${chosen.at}/contact_email`, reason: `the dpg manifest holds one valid e-mail address: ${email} is kept`, value: raw });
    if (rawName !== undefined && name === undefined)
      lost.push({ path: `${chosen.at}/contact_name`, reason: "a name of blanks alone is no name; the organisation's stands in", value: rawName });
  }
}

/**
 * A contact_email the manifest can hold: the address itself, without the spaces around it; of a list
 * ("a@x.org, b@x.org") the first address. Undefined when there is no valid address.
 */
export function usableEmail(value: unknown): string | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  const first = raw.split(/[,;]/)[0]?.trim() ?? '';
  return isEmail(first) ? first : undefined;
}

/** An organisation in another role than the owners', as `registry.organizations` keeps it. */
export function registryOrganization(entry: Record<string, unknown>, name: string, role: string, position: number): RegistryOrganization {
  const details = Object.fromEntries(
    ['website', 'contact_name', 'contact_email'].filter((key) => typeof entry[key] === 'string').map((key) => [key, entry[key] as string]),
  );
  return { name, org_type: role, ...details, position };
}

/**
 * The registry's organisations in other roles than the owners' (funders, implementers) put back into a
 * record's list of owners, each at its place in the original list (after the owners when it has none).
 */
export function withRegistryOrganizations(owners: Array<Record<string, unknown>>, registry: RegistryFields | undefined): Array<Record<string, unknown>> {
  const organizations = [...owners];
  const others = [...(registry?.organizations ?? [])].sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity));
  for (const { position, ...organization } of others) organizations.splice(Math.min(position ?? organizations.length, organizations.length), 0, organization);
  return organizations;
}

/**
 * The manifest's owners and other organisations as a registry record lists them: each owner with its
 * registry role (owner unless `registry.ownerOrgTypes` says otherwise), the contact on the organisation
 * `registry.contactSource` names (the first owner when it names none).
 */
export function writeOrganizations(manifest: DpgManifest): { organizations: Array<Record<string, unknown>>; lost: LostField[] } {
  const lost: LostField[] = [];
  const owners = manifest.ownership?.owners ?? [];
  const registry = manifest.registry;
  const contact = manifest.contact;
  const source = registry?.contactSource;
  // A contact taken from a funder or implementer is written there already, by registry.organizations.
  const onOther =
    contact !== undefined &&
    source?.organization !== undefined &&
    (registry?.organizations ?? []).some((entry) => entry.name === source.organization && entry.contact_email !== undefined);
  const named = source?.organization === undefined ? -1 : owners.findIndex((owner) => owner.name === source.organization);
  const holder = contact === undefined || onOther ? -1 : named === -1 ? 0 : named;
  const entries = owners.map((owner, index) => {
    if (owner.type === 'individual')
      lost.push({
        path: pointer('ownership', 'owners', index, 'type'),
        reason: 'a registry record lists organisations only; the person is written as an organisation',
        value: owner.type,
      });
    const withContact = index === holder ? contact : undefined;
    const contactName = withContact && !(source?.emailOnly && withContact.name === owner.name) ? withContact.name : undefined;
    return compactObject({
      name: owner.name,
      website: owner.url,
      org_type: registry?.ownerOrgTypes?.[owner.name] ?? 'owner',
      contact_name: contactName,
      contact_email: withContact?.email,
    }) as Record<string, unknown>;
  });
  if (contact && owners.length === 0 && !onOther)
    lost.push({ path: '/contact', reason: 'a registry record keeps contacts on organisations, and the manifest names no owner', value: contact });
  return { organizations: withRegistryOrganizations(entries, registry), lost };
}
