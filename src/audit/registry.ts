/**
 * DPGA registry records: nominee records (`nominees/*.json`: name, licences, SDGs, repositories,
 * organisations) and screening records (`digitalpublicgoods/*.json`: the answers to indicators 3 to
 * 9), read from files or folders and paired by file name, which is how the registry lays them out.
 * A nominee whose screening record was not given gets the one of the same name in a sibling
 * `digitalpublicgoods/` folder, and a screening record its sibling nominee. Each pair is one
 * application: converted once into the manifest that stands in for any of its repositories without a
 * dpg manifest of their own, and turned into one audit item per repository the nominee lists.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { applicationManifest, NOMINEE_FOLDER, SCREENING_FOLDER, siblingRecord } from '../convert/application.js';
import { isNomineeRecord } from '../convert/dpga-nominee.js';
import { isScreeningRecord } from '../convert/dpga-screening.js';
import { UsageError } from '../errors.js';
import type { LoadedManifest } from '../manifest/load.js';
import { linkedRecord, recordFileToRead } from '../util/record-link.js';
import { redactUrl } from '../source/targets.js';
import type { NomineeRecord, RegistryRecordRef } from '../rules/registry-record.js';
import { itemKey, type AuditItem } from './types.js';

export type { NomineeRecord };

/** Registry records are a few kilobytes; a larger file is not read. */
const MAX_RECORD_BYTES = 1024 * 1024;

export interface LoadedRecord {
  ref: RegistryRecordRef;
  record?: NomineeRecord;
  /** The nominee (with its screening record) converted into a dpg manifest. */
  application?: LoadedManifest;
  /** Why the file is not a usable record. */
  problem?: string;
}

type RecordKind = 'nominee' | 'screening';

interface RecordFile {
  file: string;
  kind?: RecordKind;
  text?: string;
  data?: Record<string, unknown>;
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

/** Reads one record file: bounded, never through a symbolic link, its kind told from its content. */
function readRecordFile(file: string): RecordFile {
  let text: string;
  try {
    // The registry links a few records to another of the same folder; a link anywhere else is not followed.
    const readable = recordFileToRead(file);
    if (readable === undefined)
      return {
        file,
        problem: lstatSync(file).isSymbolicLink()
          ? `The registry record ${file} is a symbolic link out of its folder; it is not followed.`
          : `The registry record ${file} is not a file.`,
      };
    const info = lstatSync(readable);
    if (info.size > MAX_RECORD_BYTES)
      return { file, problem: `The registry record ${file} is ${info.size} bytes, over the ${MAX_RECORD_BYTES}-byte limit; it was not read.` };
    text = readFileSync(readable, 'utf8');
    // A record checked out from a symbolic link holds its target's name (see util/record-link.ts).
    const target = linkedRecord(file, text);
    if (target !== undefined && existsSync(target) && lstatSync(target).isFile() && lstatSync(target).size <= MAX_RECORD_BYTES)
      text = readFileSync(target, 'utf8');
  } catch (error) {
    return { file, problem: `The registry record ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { file, problem: `The registry record ${file} is not valid JSON (${(error as Error).message}).` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { file, problem: `The registry record ${file} is not in the nominee or screening format: it is not a JSON object.` };
  const record = data as Record<string, unknown>;
  const kind: RecordKind | undefined = isScreeningRecord(record) ? 'screening' : isNomineeRecord(record) ? 'nominee' : undefined;
  if (!kind)
    return {
      file,
      text,
      data: record,
      problem: `The registry record ${file} is not in the nominee or screening format: ${recordProblem(record) ?? 'it has none of their fields'}.`,
    };
  return { file, kind, text, data: record };
}

/** One application: a nominee record (the repositories) and its screening record when there is one. */
export function loadRecord(file: string, screeningFile?: string): LoadedRecord {
  return loadPair(readRecordFile(file), screeningFile !== undefined ? readRecordFile(screeningFile) : undefined);
}

function loadPair(nominee: RecordFile, screening: RecordFile | undefined): LoadedRecord {
  const id = recordId(nominee.file);
  const ref: RegistryRecordRef = { id, file: nominee.file, name: id };
  if (nominee.problem) return { ref, problem: nominee.problem };
  const problem = recordProblem(nominee.data);
  if (problem) return { ref, problem: `The registry record ${nominee.file} is not in the nominee format: ${problem}.` };
  const record = normaliseRecord(nominee.data as Record<string, unknown>);
  ref.name = record.name;
  if (record.stage !== undefined) ref.stage = record.stage;
  const usableScreening = screening && screening.kind === 'screening' ? screening : undefined;
  if (usableScreening) ref.screeningFile = usableScreening.file;
  const inputs = [
    { path: nominee.file, text: nominee.text as string },
    ...(usableScreening ? [{ path: usableScreening.file, text: usableScreening.text as string }] : []),
  ];
  let application: LoadedManifest | undefined;
  try {
    application = applicationManifest(inputs, 'registry');
  } catch {
    // A record the converter cannot read is still cross-checked; the repository then has no stand-in manifest.
  }
  return { ref, record, ...(application ? { application } : {}) };
}

/**
 * Pairs the given record files by file name; a half without its other half looks for it in the
 * sibling folder of the registry's layout. Files that are neither kind stay as problems.
 */
export function loadRecords(files: readonly string[]): LoadedRecord[] {
  const read = files.map(readRecordFile);
  const nominees = new Map<string, RecordFile>();
  const screenings = new Map<string, RecordFile>();
  const loaded: LoadedRecord[] = [];
  for (const file of read) {
    if (file.kind === 'screening') screenings.set(recordId(file.file), file);
    else if (file.kind === 'nominee') nominees.set(recordId(file.file), file);
    else loaded.push(loadPair(file, undefined));
  }
  for (const [id, nominee] of nominees) {
    let screening = screenings.get(id);
    screenings.delete(id);
    if (!screening) {
      const sibling = siblingRecord(nominee.file, SCREENING_FOLDER);
      const candidate = sibling ? readRecordFile(sibling) : undefined;
      if (candidate?.kind === 'screening') screening = candidate;
    }
    loaded.push(loadPair(nominee, screening));
  }
  for (const [id, screening] of screenings) {
    const sibling = siblingRecord(screening.file, NOMINEE_FOLDER);
    const nominee = sibling ? readRecordFile(sibling) : undefined;
    if (nominee?.kind === 'nominee') loaded.push(loadPair(nominee, screening));
    else
      loaded.push({
        ref: { id, file: screening.file, name: typeof screening.data?.name === 'string' ? screening.data.name : id, screeningFile: screening.file },
        problem: `The screening record ${screening.file} has no nominee record (${path.join('..', NOMINEE_FOLDER, path.basename(screening.file))} beside it, or given with --registry), which lists the repositories to audit.`,
      });
  }
  return loaded.sort((a, b) => (a.ref.id < b.ref.id ? -1 : a.ref.id > b.ref.id ? 1 : 0));
}

function recordId(file: string): string {
  return path.basename(file).replace(/\.json$/i, '');
}

/** What keeps a value from being a nominee record, as far as the audit is concerned. */
function recordProblem(data: unknown): string | undefined {
  if (data === undefined) return 'it cannot be read';
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
  const objects = (value: unknown): Array<Record<string, unknown>> =>
    Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [];
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
export function repositoryTarget(url: string, githubHosts: readonly string[]): string | undefined {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    // git's scp-like form (git@host:group/project.git) is a remote; anything else is no repository URL.
    return SCP_LIKE.test(trimmed) ? trimmed : undefined;
  }
  // A record names remote repositories: a file: URL (or any other scheme) would read the auditor's own disk.
  if (!REMOTE_PROTOCOLS.has(parsed.protocol)) return undefined;
  const host = parsed.hostname.toLowerCase();
  const segments = parsed.pathname.split('/').filter(Boolean).map(decodeSegment);
  if (githubHosts.includes(host) && segments.length >= 2) {
    return `github:${segments[0]}/${(segments[1] as string).replace(/\.git$/i, '')}`;
  }
  if (host === 'gitlab.com' && segments.length >= 2) {
    const dash = segments.indexOf('-');
    const project = (dash === -1 ? segments : segments.slice(0, dash)).join('/');
    return `https://gitlab.com/${project}`;
  }
  return trimmed;
}

const REMOTE_PROTOCOLS = new Set(['https:', 'http:', 'ssh:', 'git:', 'git+ssh:', 'ssh+git:']);
const SCP_LIKE = /^[\w.-]+@[\w.-]+:[^\s\\]+$/;

/** A path segment as it reads; a malformed escape (`%zz`) stays as written rather than stopping the audit. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** One item per repository of each application; a record without repositories (or unreadable) is one error item. */
export function registryItems(
  files: readonly string[],
  githubHosts: readonly string[],
  toItem: (target: string, base: Omit<AuditItem, 'target' | 'open' | 'key'>) => AuditItem,
): AuditItem[] {
  const items: AuditItem[] = [];
  for (const loaded of loadRecords(files)) {
    const errorItem = (message: string, record?: NomineeRecord): AuditItem => ({
      target: `registry:${loaded.ref.id}`,
      open: '',
      key: itemKey(`registry:${loaded.ref.id}`, loaded.ref.id),
      registry: { ref: loaded.ref, ...(record ? { record } : {}) },
      invalid: { message, exitCode: 2 },
    });
    const record = loaded.record;
    if (!record) {
      items.push(errorItem(loaded.problem ?? 'not a record'));
      continue;
    }
    if (record.repositories.length === 0) {
      items.push(errorItem(`The registry record ${loaded.ref.id} (${record.name}) lists no repository, so there is nothing to audit.`, record));
      continue;
    }
    const seen = new Set<string>();
    for (const repository of record.repositories) {
      const target = repositoryTarget(repository.url, githubHosts);
      if (target === undefined) {
        const shown = redactUrl(repository.url.trim());
        items.push({
          target: shown,
          open: '',
          key: itemKey(shown, loaded.ref.id),
          registry: { ref: { ...loaded.ref, repositoryUrl: shown }, record },
          invalid: {
            message: `The registry record ${loaded.ref.id} lists "${shown}", which is not the URL of a remote repository; local paths and other schemes are never read.`,
            exitCode: 2,
          },
        });
        continue;
      }
      const item = toItem(target, {
        registry: { ref: { ...loaded.ref, repositoryUrl: repository.url }, record, ...(loaded.application ? { application: loaded.application } : {}) },
      });
      if (seen.has(item.key)) continue;
      seen.add(item.key);
      items.push(item);
    }
  }
  return items;
}
