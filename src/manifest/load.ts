import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { isFileText, type FileReadProblem, type FileText, type RepositorySource } from '../source/types.js';
import { linkedRecord } from '../util/record-link.js';
import { parseStructuredText, type SourcePosition } from './parse.js';
import type { DpgManifest } from './types.js';
import { validateManifestData } from './validate.js';

/** The names a manifest is looked for under, in this order. */
export const MANIFEST_FILE_NAMES = ['dpg.yaml', 'dpg.yml', 'dpg.json', '.github/dpg.yaml'] as const;

/** A manifest larger than this is refused unread: real ones are a few kilobytes. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

/** Schema problems reported at most, per manifest. */
const MAX_REPORTED_PROBLEMS = 100;

export type ManifestOrigin = 'repository' | 'given' | 'registry';

export type ManifestProblemKind = 'syntax' | 'schema' | 'unreadable' | 'too-large' | 'empty';

export interface ManifestProblem {
  kind: ManifestProblemKind;
  message: string;
  pointer?: string;
  position?: SourcePosition;
}

export interface LoadedManifest {
  /** Path relative to the repository root, or as given with `--manifest`. */
  path: string;
  format: 'yaml' | 'json';
  /** The valid part of the manifest (invalid values removed), or null when nothing could be used. */
  data: DpgManifest | null;
  problems: ManifestProblem[];
  /** Where the value at a JSON pointer is written in the file. */
  locate(pointer: string): SourcePosition | undefined;
  /**
   * Set when the manifest was made from other formats: a DPGA nominee record (with its screening
   * record), an application API record or a publiccode.yml, converted as `dpg-check convert` does.
   */
  convertedFrom?: { files: string[]; formats: string[]; lost: number };
  /**
   * Where the manifest came from: the repository's own file (a dpg manifest, or another format found
   * in it), a file named on the command line (the target, or --manifest), or a DPGA registry record
   * that stands in for a repository without a manifest (audit --registry).
   */
  origin: ManifestOrigin;
}

/**
 * Whether the repository's manifest was found in a folder above the checked one (`../../dpg.yaml`, a
 * monorepo's package). A manifest named on the command line (`--manifest ../x/dpg.yaml`) is not.
 */
export function isFromAbove(manifest: LoadedManifest): boolean {
  return manifest.origin === 'repository' && manifest.path.startsWith('../');
}

/**
 * The licence file names a package shares with the manifest found above it (the plain conventional
 * ones): facts read the nearest such file as the package's licence, and a policy from above keeps its
 * waivers for it.
 */
export const LICENSE_NAMES_ABOVE: readonly string[] = [
  'LICENSE',
  'LICENSE.md',
  'LICENSE.txt',
  'LICENCE',
  'LICENCE.md',
  'LICENCE.txt',
  'COPYING',
  'COPYING.md',
  'COPYING.txt',
  'UNLICENSE',
];

export function formatOf(fileName: string): 'yaml' | 'json' {
  return fileName.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
}

/** Loads the dpg manifest of the checked folder by its name (one of MANIFEST_FILE_NAMES). */
export async function loadNamedManifest(source: RepositorySource, name: string): Promise<LoadedManifest> {
  return manifestFromRead(name, await source.readText(name, MAX_MANIFEST_BYTES + 1));
}

/** The nearest dpg manifest above a checked subfolder of a work tree, read with the source's guards. */
export async function loadManifestAbove(source: RepositorySource): Promise<LoadedManifest | undefined> {
  const { findNearestAbove, readFoundAbove } = await import('../source/parent-files.js');
  const found = await findNearestAbove(source.description, MANIFEST_FILE_NAMES);
  if (found === undefined) return undefined;
  return manifestFromRead(found.path, await readFoundAbove(source.description, found, MAX_MANIFEST_BYTES + 1));
}

function manifestFromRead(name: string, read: FileText | FileReadProblem): LoadedManifest {
  if (!isFileText(read)) return unusable(name, 'unreadable', `cannot read the manifest: ${read.detail}`, 'repository');
  if (read.size > MAX_MANIFEST_BYTES) return unusable(name, 'too-large', tooLargeMessage(read.size), 'repository');
  if (read.binary) return unusable(name, 'unreadable', 'the manifest is a binary file, not YAML or JSON text', 'repository');
  return parseManifest(name, read.text);
}

/** Loads a dpg manifest named with `--manifest`; a missing file is a usage error (exit 2). */
export async function loadManifestFile(filePath: string): Promise<LoadedManifest> {
  const read = await readManifestFile(filePath);
  return typeof read === 'string' ? parseManifest(filePath, read, 'given') : read;
}

/**
 * The text of a manifest file named on the command line (in any of the formats `convert` reads), or
 * the unusable manifest it makes when it is too large or binary. A missing file is a usage error.
 * `what` names the file in messages (a reviewer's policy is read the same way).
 */
export async function readManifestFile(filePath: string, what: 'manifest' | 'policy' = 'manifest', followLink = true): Promise<string | LoadedManifest> {
  const What = what === 'manifest' ? 'Manifest' : 'Policy';
  let info;
  try {
    info = await stat(filePath);
  } catch {
    throw new UsageError(`${What} not found: ${filePath}`);
  }
  if (!info.isFile()) throw new UsageError(`${What} is not a file: ${filePath}`);
  if (info.size > MAX_MANIFEST_BYTES) return unusable(filePath, 'too-large', tooLargeMessage(info.size, what), 'given');
  let bytes;
  try {
    bytes = await readFile(filePath);
  } catch {
    throw new UsageError(`${What} cannot be read: ${filePath}`);
  }
  // The file may have grown between stat and read.
  if (bytes.length > MAX_MANIFEST_BYTES) return unusable(filePath, 'too-large', tooLargeMessage(bytes.length, what), 'given');
  const { decodeText } = await import('../source/decode.js');
  const decoded = decodeText(bytes);
  if (decoded.binary) return unusable(filePath, 'unreadable', `the ${what} is a binary file, not YAML or JSON text`, 'given');
  // A registry record checked out from a symbolic link holds its target's name: read the target.
  const target = followLink && what === 'manifest' ? linkedRecord(filePath, decoded.text) : undefined;
  if (target !== undefined && existsSync(target)) return readManifestFile(target, what, false);
  return decoded.text;
}

/** Parses and validates manifest text; every problem becomes data with a position, never an exception. */
export function parseManifest(filePath: string, text: string, origin: ManifestOrigin = 'repository'): LoadedManifest {
  const format = formatOf(path.basename(filePath));
  const parsed = parseStructuredText(text, format);
  const base = { path: filePath, format, origin, locate: parsed.locate };
  if (parsed.problems.length > 0) {
    const syntax = parsed.problems.map((problem) => ({ kind: 'syntax' as const, ...problem }));
    // The valid rest is kept: what is written whole before the first error is validated and used.
    const before = parsed.beforeFirstError;
    if (!before || typeof before.name !== 'string') return { ...base, data: null, problems: syntax };
    const { valid } = validateManifestData(before);
    return { ...base, data: (valid as DpgManifest | null) ?? null, problems: syntax };
  }
  if (parsed.data === null || parsed.data === undefined) {
    return { ...base, data: null, problems: [{ kind: 'empty', message: 'the manifest is empty', position: { line: 1, column: 1 } }] };
  }
  const { valid, problems: allProblems } = validateManifestData(parsed.data);
  // A manifest of 70,000 unknown keys would give as many findings: the first ones say what is wrong.
  const problems = allProblems.slice(0, MAX_REPORTED_PROBLEMS);
  const more = allProblems.length - problems.length;
  return {
    ...base,
    data: valid as DpgManifest | null,
    problems: [
      ...problems.map((problem) => {
        const position = problem.atKey && problem.key !== undefined ? parsed.locateKey(problem.pointer, problem.key) : parsed.locate(problem.pointer);
        return { kind: 'schema' as const, message: problem.message, pointer: problem.pointer, ...(position ? { position } : {}) };
      }),
      ...(more > 0 ? [{ kind: 'schema' as const, message: `and ${more} more problems of the same kind` }] : []),
    ],
  };
}

function unusable(filePath: string, kind: ManifestProblemKind, message: string, origin: ManifestOrigin): LoadedManifest {
  return { path: filePath, format: formatOf(filePath), origin, data: null, problems: [{ kind, message }], locate: () => undefined };
}

function tooLargeMessage(size: number, what: 'manifest' | 'policy' = 'manifest'): string {
  return `the ${what} is ${size} bytes, over the ${MAX_MANIFEST_BYTES}-byte limit; it was not read`;
}
