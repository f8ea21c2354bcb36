import type { CodeDefinition, FindingGroup } from '../findings.js';
import { INDICATORS } from '../indicators/index.js';
import { MANIFEST_CODES } from './manifest.js';
import { POLICY_CODES } from '../policy/apply.js';
import { REGISTRY_CODES } from './registry-codes.js';

export interface RegisteredCode extends CodeDefinition {
  code: string;
  group: FindingGroup;
}

let registry: Map<string, RegisteredCode> | undefined;

/** Every finding code dpg-check can emit, with its definition; the source of docs/checks.md. */
export function allCodes(): Map<string, RegisteredCode> {
  if (registry) return registry;
  registry = new Map();
  const add = (group: FindingGroup, codes: Record<string, CodeDefinition>): void => {
    for (const [code, definition] of Object.entries(codes)) {
      if (registry?.has(code)) throw new Error(`finding code ${code} is defined twice`);
      registry?.set(code, { ...definition, code, group });
    }
  };
  add('manifest', MANIFEST_CODES);
  add('policy', POLICY_CODES);
  add('registry', REGISTRY_CODES);
  for (const indicator of INDICATORS) add(indicator.meta.id, indicator.codes);
  return registry;
}
