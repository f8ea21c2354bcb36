/**
 * A DPGA registry record as the registry cross-check reads it, and the reference a checked repository
 * keeps to it: data of the rules layer, so the audit (which loads records) and the check pipeline
 * (which cross-checks them) share it without importing each other.
 */

/** A nominee record (with the fields the cross-check compares), normalised from its JSON. */
export interface NomineeRecord {
  name: string;
  license: Array<{ spdx: string; licenseURL?: string }>;
  SDGs: Array<{ SDGNumber: number; evidenceText?: string; evidenceURL?: string }>;
  type?: string[];
  repositories: Array<{ name?: string; url: string }>;
  organizations: Array<{ name?: string; website?: string; org_type?: string }>;
  stage?: string;
}

/** The registry record a row answers, as the row carries it. */
export interface RegistryRecordRef {
  /** The record's file name without `.json`: `aam-digital`. */
  id: string;
  /** The record's file, as it was found (`../shared/registry/nominees/aam-digital.json`). */
  file: string;
  /** The screening record merged with it, when there is one (`../shared/registry/digitalpublicgoods/aam-digital.json`). */
  screeningFile?: string;
  name: string;
  stage?: string;
  /** The repository URL of the record this row audits. */
  repositoryUrl?: string;
}
