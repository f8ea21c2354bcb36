import { sdgIndicator } from './i1-sdg.js';
import { licenseIndicator } from './i2-license.js';
import { ownershipIndicator } from './i3-ownership.js';
import { platformIndicator } from './i4-platform.js';
import { documentationIndicator } from './i5-documentation.js';
import { dataExtractionIndicator } from './i6-data-extraction.js';
import { privacyLawsIndicator } from './i7-privacy-laws.js';
import { standardsIndicator } from './i8-standards.js';
import { piiIndicator } from './i9a-pii.js';
import { contentIndicator } from './i9b-content.js';
import { harassmentIndicator } from './i9c-harassment.js';
import type { IndicatorModule } from './types.js';

/** Every indicator of the DPG Standard, in the Standard's order. */
export const INDICATORS: readonly IndicatorModule[] = [
  sdgIndicator,
  licenseIndicator,
  ownershipIndicator,
  platformIndicator,
  documentationIndicator,
  dataExtractionIndicator,
  privacyLawsIndicator,
  standardsIndicator,
  piiIndicator,
  contentIndicator,
  harassmentIndicator,
];
