import type { IndicatorId } from '../findings.js';

/**
 * The dpg manifest as TypeScript sees it once it has passed `schemas/dpg-manifest.schema.json`.
 * Every field is optional here: the schema only requires `name`, and what is missing is for the
 * indicators to report, each with its own finding and fix.
 */
/** `standard` is the registry's open standard (its nominee type `standard`); how it is judged is for the indicators. */
export type Category = 'software' | 'content' | 'data' | 'ai-system' | 'standard';
export type LicenseCoverage = 'software' | 'content' | 'data' | 'standard' | 'model-weights' | 'training-code' | 'training-data';
export type ExposureLevel = 'none' | 'collected' | 'collected-stored' | 'collected-stored-distributed';

export interface SdgDeclaration {
  goal: number;
  targets?: string[];
  relevance?: string;
  evidence?: string[];
}

export interface LicenseDeclaration {
  expression: string;
  covers?: LicenseCoverage[];
  evidence?: string;
}

export interface Owner {
  name: string;
  url?: string;
  type?: 'organisation' | 'individual';
}

export interface ClosedComponent {
  name: string;
  mandatory?: boolean;
  openAlternatives?: string[];
  replacement?: string;
}

export interface NamedEvidence {
  name: string;
  evidence?: string[];
}

export interface DpgManifest {
  manifestVersion?: 1;
  name: string;
  aliases?: string[];
  description?: string;
  website?: string[];
  repositories?: string[];
  categories?: Category[];
  sdgs?: SdgDeclaration[];
  licenses?: LicenseDeclaration[];
  ownership?: {
    owners?: Owner[];
    evidence?: string[];
    ownsAllContentAndData?: boolean;
    redistributionEvidence?: string[];
  };
  platformIndependence?: {
    hasClosedComponents?: boolean;
    closedComponents?: ClosedComponent[];
    /** The applicant's account of closed components in words, when not listed one by one. */
    description?: string;
  };
  documentation?: {
    summary?: string;
    links?: string[];
    dataFields?: string;
  };
  dataExtraction?: {
    collectsNonPII?: boolean;
    mechanism?: string;
    formats?: string[];
    evidence?: string[];
  };
  privacy?: {
    laws?: NamedEvidence[];
    evidence?: string[];
  };
  standards?: {
    openStandards?: NamedEvidence[];
    bestPractices?: NamedEvidence[];
    aiRiskAssessment?: string;
  };
  doNoHarm?: {
    /** The general question of indicator 9: does the project anticipate, prevent and do no harm by design? */
    byDesign?: boolean;
    statement?: string;
    privacy?: {
      piiLevel?: ExposureLevel;
      piiTypes?: string[];
      protections?: string;
      evidence?: string[];
    };
    content?: {
      level?: ExposureLevel;
      types?: string[];
      moderationPolicy?: string;
      process?: string;
      responseTime?: string;
    };
    harassment?: {
      userInteraction?: boolean;
      codeOfConduct?: string;
      protection?: string;
      underageSafety?: string;
    };
  };
  contact?: {
    name: string;
    title?: string;
    email: string;
  };
  /** What the DPGA registry records beyond the Standard's questions; kept for lossless conversion. */
  registry?: RegistryFields;
  /** How strictly dpg-check gates the project; `.dpg-check.yaml` takes precedence. */
  policy?: Policy;
}

export interface RegistryOrganization {
  name: string;
  org_type: string;
  website?: string;
  contact_name?: string;
  contact_email?: string;
  /** Index in the registry record's list of organisations. */
  position?: number;
}

/** Where a registry record keeps the manifest's contact, when not as the first owner's name and e-mail. */
export interface RegistryContactSource {
  /** The organisation that holds the contact: another owner, or one of `organizations`. */
  organization?: string;
  /** The record gives an e-mail address alone; the contact's name is the organisation's. */
  emailOnly?: boolean;
}

export interface RegistryFields {
  stage?: string;
  sectors?: string[];
  organizations?: RegistryOrganization[];
  /** The registry's org_type of owners typed otherwise than `owner` (a maintainer read as the owner), by owner name. */
  ownerOrgTypes?: Record<string, string>;
  contactSource?: RegistryContactSource;
  locations?: { developmentCountries?: string[]; deploymentCountries?: string[] };
  repositoryNames?: Record<string, string>;
}

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
