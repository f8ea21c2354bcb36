import type { SourcePosition } from '../manifest/parse.js';

// The policy document's shape is part of the manifest's (`policy:` in dpg.yaml): it lives there.
export type { IndicatorPolicy, Policy, Waiver } from '../manifest/types.js';
import type { Policy } from '../manifest/types.js';

export interface LoadedPolicy {
  /** The file the policy was read from. */
  path: string;
  /** The JSON pointer of the policy inside that file ('' for .dpg-check.yaml, '/policy' in a manifest). */
  pointer: string;
  policy: Policy;
  /** `waiverCode`: the code a waiver names, when the schema refuses it (so the closest known one can be suggested). */
  problems: Array<{ message: string; position?: SourcePosition; waiverCode?: string }>;
  locate(pointer: string): SourcePosition | undefined;
}
