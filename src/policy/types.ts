import type { IndicatorId } from '../findings.js';
import type { SourcePosition } from '../manifest/parse.js';

/** A finding accepted until a date, with the reason on record. */
export interface Waiver {
  code: string;
  path?: string;
  reason: string;
  /** Last day the waiver holds, YYYY-MM-DD. */
  expires: string;
}

export interface IndicatorPolicy {
  skip?: boolean;
  required?: boolean;
  reason: string;
}

/** How strictly a project is gated: `.dpg-check.yaml`, or `policy:` in the manifest (schemas/policy.schema.json). */
export interface Policy {
  failOn?: 'fail' | 'warn';
  indicators?: Partial<Record<IndicatorId, IndicatorPolicy>>;
  waivers?: Waiver[];
}

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
