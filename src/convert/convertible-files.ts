import type { FormatId } from './types.js';

/**
 * When a repository has no dpg manifest, `check` reads what it has in the DPGA's formats or in
 * publiccode.yml instead, converted. A nominee record (with its screening record, when there is one)
 * answers more of the Standard than publiccode.yml, so it is preferred.
 */
export const CONVERTIBLE_FILES: ReadonlyArray<{ names: readonly string[]; format: FormatId }> = [
  { names: ['dpga-nominee.json', 'nominee.json'], format: 'dpga-nominee' },
  { names: ['dpga-screening.json', 'screening.json'], format: 'dpga-screening' },
  { names: ['publiccode.yml', 'publiccode.yaml'], format: 'publiccode' },
];
