import type { Facts } from '../facts/types.js';
import type { CodeDefinition, FindingDraft, IndicatorId } from '../findings.js';

export interface IndicatorMeta {
  id: IndicatorId;
  title: string;
  /** The Standard's requirement, in its words (DPG Standard 1.1.7). */
  requirement: string;
  url: string;
}

/**
 * One DPG indicator: its metadata, the finding codes it can return and a pure check from facts to
 * findings. Adding a check means adding a code here and returning it from `check`.
 */
export interface IndicatorModule {
  meta: IndicatorMeta;
  codes: Record<string, CodeDefinition>;
  check(facts: Facts): FindingDraft[];
}

export const STANDARD_URL = 'https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md';
