import type { Policy } from '../policy/types.js';

/**
 * The dpg manifest as TypeScript sees it once it has passed `schemas/dpg-manifest.schema.json`.
 * Every field is optional here: the schema only requires `name`, and what is missing is for the
 * indicators to report, each with its own finding and fix.
 */
export type Category = 'software' | 'content' | 'data' | 'ai-system';
export type LicenseCoverage = 'software' | 'content' | 'data' | 'model-weights' | 'training-code' | 'training-data';
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

export interface RegistryFields {
  stage?: string;
  sectors?: string[];
  organizations?: RegistryOrganization[];
  locations?: { developmentCountries?: string[]; deploymentCountries?: string[] };
  repositoryNames?: Record<string, string>;
}
