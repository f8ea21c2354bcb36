import type { LoadedManifest } from '../manifest/load.js';
import type { FileText } from '../source/types.js';
import { normalizeExpression } from './spdx.js';
import type { LicenseDeclaration } from './types.js';

/** Manifests whose licence field is read, by file name. Only root manifests speak for the project. */
export const DECLARATION_FILES = ['package.json'] as const;

export function declarationsFromPackageJson(file: FileText): LicenseDeclaration[] {
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch {
    return [];
  }
  if (!json || typeof json !== 'object') return [];
  const record = json as { license?: unknown; licenses?: unknown };
  const raws: string[] = [];
  if (typeof record.license === 'string') raws.push(record.license);
  else if (record.license && typeof record.license === 'object' && typeof (record.license as { type?: unknown }).type === 'string') {
    raws.push((record.license as { type: string }).type);
  }
  // The long-deprecated `licenses: [{ type }]` array means "any of these".
  if (Array.isArray(record.licenses)) {
    const types = record.licenses.map((entry) => (typeof entry === 'string' ? entry : (entry as { type?: unknown })?.type)).filter((type): type is string => typeof type === 'string');
    if (types.length > 0) raws.push(types.length === 1 ? (types[0] as string) : `(${types.join(' OR ')})`);
  }
  return raws.map((raw) => declaration('package.json', file.path, raw, lineOf(file.text, /"licen[cs]es?"\s*:/)));
}

export function declarationsFromManifest(manifest: LoadedManifest): LicenseDeclaration[] {
  return (manifest.data?.licenses ?? []).map((entry, index) => declaration('dpg-manifest', manifest.path, entry.expression, manifest.locate(`/licenses/${index}/expression`)?.line));
}

function declaration(source: LicenseDeclaration['source'], path: string, raw: string, line: number | undefined): LicenseDeclaration {
  const { expression, notes } = normalizeExpression(raw);
  return { source, path, raw, expression, notes, ...(line !== undefined ? { line } : {}) };
}

function lineOf(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  if (!match) return undefined;
  return text.slice(0, match.index).split('\n').length;
}
