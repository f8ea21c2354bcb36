import { defineCodes, type DraftOf } from '../findings.js';

/**
 * Findings of the registry cross-check (`dpg-check audit --registry`): what a DPGA registry record
 * declares against what the repository shows. They go through the report build like every other
 * finding (rendering, waivers, counts, verdict) with `indicator: "registry"`; none of them fails, so
 * they change a verdict only under `--fail-on warn`. The audit summary shows them as mismatches.
 */
export const REGISTRY_CODES = defineCodes({
  'registry/license-match': {
    status: 'pass',
    title: 'Registry licence matches the repository',
    description:
      'The licence the registry record declares is among those the repository carries. A deprecated id such as GPL-3.0 (which every GNU licence in the registry uses) counts for both GPL-3.0-only and GPL-3.0-or-later.',
    message: 'The record {record} declares {declared}; the repository carries {detected}.',
  },
  'registry/license-mismatch': {
    status: 'warn',
    title: 'Registry licence differs from the repository',
    description:
      'The record declares a licence the repository does not carry: the record is stale, or the project changed its licence (GPL-2.0 to GPL-3.0, MIT to Apache-2.0). Reviewers judge the project by the licence it ships.',
    message: 'The record {record} declares {declared}, but the repository carries {detected}.',
    fix: 'Update the registry record to {detected}, or restore {declared} in the repository if that is the intended licence.',
  },
  'registry/license-undetected': {
    status: 'review',
    title: 'Registry licence unverifiable',
    description:
      'The record declares a licence but no licence could be identified in the repository (no licence file, or a text that is not identified: NOASSERTION), so the declaration can be neither confirmed nor contradicted.',
    message: 'The record {record} declares {declared}; the repository shows {detected}.',
    fix: 'Add the licence text to the repository (a LICENSE file at the root).',
    question: 'Does the repository carry the licence the record declares ({declared})?',
  },
  'registry/license-url-elsewhere': {
    status: 'warn',
    title: 'Licence evidence points at another repository',
    description:
      "The record's licence evidence URL points at a repository that is not one of the record's repositories (a fork, a template, or a renamed or moved project), so it says nothing about the audited code.",
    message: "The licence URL of {record} points at {pointsAt}, which is not among the record's repositories ({?repositories:{repositories}|none on GitHub}).",
    fix: "Point the licence URL at the licence file of one of the record's repositories, or add {pointsAt} to the record if it is part of the project.",
  },
  'registry/license-url-missing-file': {
    status: 'warn',
    title: 'Licence evidence points at a file the repository lacks',
    description:
      "The record's licence evidence URL points at a file of the audited repository that does not exist (any more) on its default branch: the evidence is stale.",
    message: 'The licence URL of {record} points at {path} in {repository}, which has no such file; its licence files are: {?files:{files}|none}.',
    fix: 'Point the licence URL at the licence file the repository has now.',
  },
  'registry/sdg-match': {
    status: 'pass',
    title: 'Registry SDGs match the manifest',
    description: "The SDGs the record declares are the ones the repository's dpg manifest declares.",
    message: 'The record {record} and {manifest} both declare SDGs {declared}.',
  },
  'registry/sdg-mismatch': {
    status: 'warn',
    title: 'Registry SDGs differ from the manifest',
    description: "The SDGs of the record and of the repository's dpg manifest differ: one of them is out of date.",
    message: 'The record {record} declares SDGs {declared}; {manifest} declares {manifestGoals}.',
    fix: 'Make the record and {manifest} declare the same goals.',
  },
  'registry/sdg-unverifiable': {
    status: 'n/a',
    title: 'Registry SDGs cannot be compared',
    description: 'The repository has no dpg manifest declaring SDGs, so the SDGs of the record cannot be compared with anything in the repository.',
    message: 'The record {record} declares SDGs {declared}; the repository declares none (no dpg manifest with sdgs).',
  },
  'registry/type-mismatch': {
    status: 'warn',
    title: 'Registry type differs from the manifest',
    description:
      "The record and the repository's dpg manifest say the project is of different types (software, content, data, AI system): the indicators judge licences and documentation by type, so one of them is out of date.",
    message: 'The record {record} says the project is {declared}; {manifest} says {manifestTypes}.',
    fix: 'Make the record and {manifest} name the same types.',
  },
  'registry/license-declaration-mismatch': {
    status: 'warn',
    title: "Registry licence differs from the manifest's",
    description:
      "The licences the record declares are not among those the repository's dpg manifest declares: the application and the repository describe different licences.",
    message: 'The record {record} declares {declared}; {manifest} declares {manifestLicenses}.',
    fix: 'Make the record and {manifest} declare the same licences.',
  },
  'registry/owner-match': {
    status: 'pass',
    title: 'Registry owner matches the repository',
    description: "The owner organisation the record names matches the repository's declared owner, a copyright holder or the GitHub owner.",
    message: 'The record {record} names {owner} as owner; the repository shows {match}.',
  },
  'registry/owner-mismatch': {
    status: 'review',
    title: 'Registry owner not found in the repository',
    description:
      "The owner organisation the record names does not appear among the repository's declared owners, copyright holders or GitHub owner. It may still own it (a subsidiary, a new name, a transfer), which only a reviewer can tell.",
    message: 'The record {record} names {owner} as owner; the repository shows {?shown:{shown/; }|no owner, copyright holder or GitHub owner}.',
    fix: 'Name the owner in the repository (a copyright notice, or ownership.owners in dpg.yaml), or correct the record.',
    question: 'Does {owner} own {repository} (or hold the rights to it)?',
  },
});

/** A finding of the registry cross-check: one of its codes, with the arguments its templates name. */
export type RegistryDraft = DraftOf<typeof REGISTRY_CODES>;
