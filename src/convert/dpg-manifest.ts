import { existsSync } from 'node:fs';
import path from 'node:path';
import { toolVersion } from '../version.js';
import { Document } from 'yaml';
import { UsageError } from '../errors.js';
import { parseStructuredText } from '../manifest/parse.js';
import type { DpgManifest } from '../manifest/types.js';
import { validateManifestData } from '../manifest/validate.js';
import type { LostField, ReadResult, WriteResult } from './types.js';

/** Where the schema is inside the dpg-check package (`schemas/` is in the package's `files`). */
export const SCHEMA_IN_PACKAGE = 'schemas/dpg-manifest.schema.json';

/**
 * The schema reference of the `# yaml-language-server: $schema=` line, which the YAML language server
 * resolves as a URL, or as a path relative to the YAML file. When the repository has dpg-check
 * installed (`node_modules/dpg-check/schemas/...` next to the manifest), that copy: it works offline
 * and follows the installed version. Otherwise the copy npm publishes, at the version that wrote the
 * file: an exact version, because unpkg answers a bare or ranged package name with a redirect (which
 * older YAML language servers did not follow) and a published version never changes. A path into
 * node_modules that does not exist (a Python or Java repository, dpg-check run with npx) resolves to
 * nothing, so it is never written.
 */
export function schemaReference(directory?: string): string {
  const installed = path.posix.join('node_modules', 'dpg-check', SCHEMA_IN_PACKAGE);
  if (directory !== undefined && existsSync(path.join(directory, installed))) return installed;
  return `https://unpkg.com/dpg-check@${toolVersion()}/${SCHEMA_IN_PACKAGE}`;
}

/** The schema line editors read (a converted manifest is written where convert cannot tell: the published schema). */
export const SCHEMA_COMMENT = ` yaml-language-server: $schema=${schemaReference()}`;

/** Top-level keys in the schema's order, so that written manifests read like the README's example. */
const KEY_ORDER: ReadonlyArray<keyof DpgManifest> = [
  'manifestVersion',
  'name',
  'aliases',
  'description',
  'website',
  'repositories',
  'categories',
  'sdgs',
  'licenses',
  'ownership',
  'platformIndependence',
  'documentation',
  'dataExtraction',
  'privacy',
  'standards',
  'doNoHarm',
  'contact',
  'registry',
  'policy',
];

/** Reads a dpg manifest (YAML or JSON); values the schema refuses are reported as lost, as `check` ignores them. */
export function readDpgManifest(text: string, format: 'yaml' | 'json'): ReadResult {
  const parsed = parseStructuredText(text, format);
  const problem = parsed.problems[0];
  if (problem) {
    const where = problem.position ? `line ${problem.position.line}, column ${problem.position.column}: ` : '';
    throw new UsageError(`not valid ${format === 'json' ? 'JSON' : 'YAML'}: ${where}${problem.message}`);
  }
  if (parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) throw new UsageError('the manifest is empty or not a mapping');
  return sanitizeManifest(parsed.data);
}

/**
 * Keeps the part of a would-be manifest that the schema accepts. Readers of other formats end here
 * too, so that whatever they could not map cleanly is reported rather than written invalid.
 */
export function sanitizeManifest(data: unknown, lost: LostField[] = []): ReadResult {
  const { valid, problems } = validateManifestData(data);
  for (const problem of problems) {
    lost.push({
      path: problem.atKey && problem.key !== undefined ? `${problem.pointer}/${problem.key}` : problem.pointer,
      reason: `not valid in a dpg manifest: ${problem.message}`,
    });
  }
  if (valid === null || typeof valid !== 'object') throw new UsageError(`nothing of the input is a valid dpg manifest (${problems[0]?.message ?? 'no data'})`);
  const manifest = valid as DpgManifest;
  if (typeof manifest.name !== 'string' || manifest.name === '') throw new UsageError('the input has no name, which every dpg manifest needs');
  return { manifest: ordered(manifest), lost };
}

export function ordered(manifest: DpgManifest): DpgManifest {
  const result: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (manifest[key] !== undefined) result[key] = manifest[key];
  for (const [key, value] of Object.entries(manifest)) if (!(key in result) && value !== undefined) result[key] = value;
  return result as unknown as DpgManifest;
}

/** A YAML document of the manifest with the schema line on top; `init` adds its comments to it. */
export function manifestDocument(manifest: DpgManifest): Document {
  const document = new Document(ordered(manifest));
  document.commentBefore = SCHEMA_COMMENT;
  return document;
}

export function writeDpgYaml(manifest: DpgManifest): WriteResult {
  return { text: manifestDocument(manifest).toString({ lineWidth: 0 }), lost: [], assumed: [] };
}

export function writeDpgJson(manifest: DpgManifest): WriteResult {
  return { text: `${JSON.stringify(ordered(manifest), null, 2)}\n`, lost: [], assumed: [] };
}
