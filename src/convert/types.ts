import type { DpgManifest } from '../manifest/types.js';

/** The formats `convert` reads and writes. The dpg manifest is the model every other format maps to. */
export const FORMAT_IDS = ['dpg-yaml', 'dpg-json', 'dpga-nominee', 'dpga-screening', 'dpga-app', 'publiccode'] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/**
 * A value the target could not hold. `path` is a JSON pointer: into the input for a reader (what did
 * not make it into the dpg manifest), into the dpg manifest for a writer (what did not make it out).
 */
export interface LostField {
  path: string;
  reason: string;
  /** The value that was not carried over, when there is one to show. */
  value?: unknown;
}

/** A value the target requires and the manifest does not hold, written with a stated default. */
export interface AssumedField {
  path: string;
  value: unknown;
  reason: string;
}

export interface ReadResult {
  manifest: DpgManifest;
  lost: LostField[];
}

export interface WriteResult {
  text: string;
  lost: LostField[];
  assumed: AssumedField[];
}
