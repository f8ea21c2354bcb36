/**
 * DPGA registry records in the nominee format (`nominees/*.json`; schema: nominee-schema.json of the
 * registry): read from files or folders, checked for the fields the audit uses, and turned into one
 * audit item per repository the record lists.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { itemKey, type AuditItem, type RegistryRecordRef } from './types.js';

export interface NomineeRecord {
  name: string;
  license: Array<{ spdx: string; licenseURL?: string }>;
  SDGs: Array<{ SDGNumber: number; evidenceText?: string; evidenceURL?: string }>;
  type?: string[];
  repositories: Array<{ name?: string; url: string }>;
  organizations: Array<{ name?: string; website?: string; org_type?: string }>;
  stage?: string;
}

export interface LoadedRecord {
  ref: RegistryRecordRef;
  record?: NomineeRecord;
  /** Why the file is not a usable record. */
  problem?: string;
}

/** Record files: the `.json` files of a folder (not recursive, schemas left out), or a file as given. */
export function findRecordFiles(input: string): string[] {
  let info;
  try {
    info = statSync(input);
  } catch {
    throw new UsageError(`The registry path does not exist: ${input}`, 'Give a folder of nominee records (such as registry/nominees) or record files.');
  }
  if (info.isFile()) return [input];
  if (!info.isDirectory()) throw new UsageError(`The registry path is neither a file nor a folder: ${input}`);
  return readdirSync(input)
    .filter((name) => name.endsWith('.json') && !/schema\.json$/i.test(name))
    .sort()
    .map((name) => path.join(input, name))
    .filter((file) => {
      try {
        return statSync(file).isFile();
      } catch {
        return false;
      }
    });
}

export function loadRecord(file: string): LoadedRecord {
  const id = path.basename(file).replace(/\.json$/i, '');
  const ref: RegistryRecordRef = { id, file, name: id };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `not valid JSON (${error.message})` : `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    return { ref, problem: `The registry record ${file} is ${reason}.` };
  }
  const problem = recordProblem(data);
  if (problem) return { ref, problem: `The registry record ${file} is not in the nominee format: ${problem}.` };
  const record = normaliseRecord(data as Record<string, unknown>);
  ref.name = record.name;
  if (record.stage !== undefined) ref.stage = record.stage;
  return { ref, record };
}

/** What keeps a value from being a nominee record, as far as the audit is concerned. */
function recordProblem(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'it is not a JSON object';
  const record = data as Record<string, unknown>;
  if (typeof record.name !== 'string' || record.name.trim() === '') return 'it has no name';
  if (!Array.isArray(record.license)) return 'it has no license list';
  if (!Array.isArray(record.SDGs)) return 'it has no SDGs list';
  if (record.repositories !== undefined && !Array.isArray(record.repositories)) return 'repositories is not a list';
  if (record.organizations !== undefined && !Array.isArray(record.organizations)) return 'organizations is not a list';
  return undefined;
}

function normaliseRecord(data: Record<string, unknown>): NomineeRecord {
  const objects = (value: unknown): Array<Record<string, unknown>> => (Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : []);
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  return {
    name: String(data.name).trim(),
    license: objects(data.license)
      .filter((entry) => text(entry.spdx) !== undefined)
      .map((entry) => ({ spdx: text(entry.spdx) as string, ...(text(entry.licenseURL) ? { licenseURL: text(entry.licenseURL) as string } : {}) })),
    SDGs: objects(data.SDGs)
      .filter((entry) => typeof entry.SDGNumber === 'number')
      .map((entry) => ({ SDGNumber: entry.SDGNumber as number })),
    ...(Array.isArray(data.type) ? { type: data.type.filter((item): item is string => typeof item === 'string') } : {}),
    repositories: objects(data.repositories)
      .filter((entry) => text(entry.url) !== undefined)
      .map((entry) => ({ url: text(entry.url) as string, ...(text(entry.name) ? { name: text(entry.name) as string } : {}) })),
    organizations: objects(data.organizations).map((entry) => ({
      ...(text(entry.name) ? { name: text(entry.name) as string } : {}),
      ...(text(entry.website) ? { website: text(entry.website) as string } : {}),
      ...(text(entry.org_type) ? { org_type: text(entry.org_type) as string } : {}),
    })),
    ...(text(data.stage) ? { stage: text(data.stage) as string } : {}),
  };
}

/**
 * What to audit for a registry repository URL. GitHub web URLs become `github:OWNER/REPO`: the record
 * describes the project as it is, so its default branch is audited, whatever branch or folder the URL
 * showed (`/tree/master/app`). GitLab web URLs lose their `/-/…` page part. Anything else is given to
 * git as it is (a web site that is no repository then fails as an error row).
 */
export function repositoryTarget(url: string, githubHosts: readonly string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url.trim();
  }
  const host = parsed.hostname.toLowerCase();
  const segments = parsed.pathname.split('/').filter(Boolean).map((segment) => decodeURIComponent(segment));
  if (githubHosts.includes(host) && segments.length >= 2) {
    return `github:${segments[0]}/${(segments[1] as string).replace(/\.git$/i, '')}`;
  }
  if (host === 'gitlab.com' && segments.length >= 2) {
    const dash = segments.indexOf('-');
    const project = (dash === -1 ? segments : segments.slice(0, dash)).join('/');
    return `https://gitlab.com/${project}`;
  }
  return url.trim();
}

/** One item per repository of each record; a record without repositories (or unreadable) is one error item. */
export function registryItems(files: readonly string[], githubHosts: readonly string[], toItem: (target: string, base: Omit<AuditItem, 'target' | 'open' | 'key'>) => AuditItem): AuditItem[] {
  const items: AuditItem[] = [];
  for (const file of files) {
    const loaded = loadRecord(file);
    if (!loaded.record) {
      items.push({ target: `registry:${loaded.ref.id}`, open: '', key: itemKey(`registry:${loaded.ref.id}`, loaded.ref.id), registry: { ref: loaded.ref }, invalid: { message: loaded.problem ?? 'not a record', exitCode: 2 } });
      continue;
    }
    const record = loaded.record;
    if (record.repositories.length === 0) {
      items.push({
        target: `registry:${loaded.ref.id}`,
        open: '',
        key: itemKey(`registry:${loaded.ref.id}`, loaded.ref.id),
        registry: { ref: loaded.ref, record },
        invalid: { message: `The registry record ${loaded.ref.id} (${record.name}) lists no repository, so there is nothing to audit.`, exitCode: 2 },
      });
      continue;
    }
    const seen = new Set<string>();
    for (const repository of record.repositories) {
      const target = repositoryTarget(repository.url, githubHosts);
      const item = toItem(target, { registry: { ref: { ...loaded.ref, repositoryUrl: repository.url }, record } });
      if (seen.has(item.key)) continue;
      seen.add(item.key);
      items.push(item);
    }
  }
  return items;
}
