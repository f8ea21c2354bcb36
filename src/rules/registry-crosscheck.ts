/**
 * The registry cross-check: a DPGA registry record's declarations (licences and their evidence URL,
 * SDGs, type, owner) against what one of its repositories shows. Pure: facts in, finding drafts out;
 * the report build renders them with the codes of registry-codes.ts like every other finding.
 *
 * When the record itself stands in as the manifest (the repository has none), comparing the record's
 * SDGs, type or owner with that manifest would compare the record with itself: only what the files
 * show is compared. A mismatch needs evidence: an unidentified licence, or a copyright holder of a
 * vendored folder, says nothing about the project.
 */
import { FOREIGN_CODE } from '../facts/foreign-code.js';
import type { Facts } from '../facts/types.js';
import type { Evidence } from '../findings.js';
import type { RegistryDraft } from './registry-codes.js';
import { licenseIds, normalizeExpression } from '../licenses/spdx.js';
import type { NomineeRecord, RegistryRecordRef } from './registry-record.js';

export interface CrossCheckInput {
  record: NomineeRecord;
  ref: RegistryRecordRef;
  facts: Facts;
  /** The audited repository on GitHub, when it is there. */
  github?: { owner: string; repo: string };
  /** Web hosts of GitHub (github.com and the one of --github-api-url). */
  githubHosts: readonly string[];
}

export function crossCheck(input: CrossCheckInput): RegistryDraft[] {
  const ownManifest = input.facts.manifest?.origin !== 'registry';
  return [
    ...checkLicenses(input),
    ...(ownManifest ? checkDeclaredLicenses(input) : []),
    ...checkLicenseUrls(input),
    ...(ownManifest ? [...checkSdgs(input), ...checkType(input)] : []),
    ...checkOwner(input),
  ];
}

function recordEvidence(ref: RegistryRecordRef, pointer: string): Evidence {
  return { note: `${ref.file}${pointer}` };
}

/** `GPL-3.0-only`, `GPL-3.0-or-later`, `GPL-3.0+` and the deprecated `GPL-3.0` are one family. */
function family(id: string): string {
  return id
    .replace(/\+$/, '')
    .replace(/-(only|or-later)$/, '')
    .toLowerCase();
}

function idsOf(expression: string): string[] {
  const normalised = normalizeExpression(expression);
  return normalised.tree ? licenseIds(normalised.tree) : [];
}

function checkLicenses({ record, ref, facts }: CrossCheckInput): RegistryDraft[] {
  const declaredIds = record.license.map((entry) => entry.spdx);
  if (declaredIds.length === 0) return [];
  const declared = declaredIds;
  const licenses = facts.licenses;
  const fileIds = licenses.files
    .filter((file) => (file.role ?? 'licence') === 'licence' && file.spdx !== 'NOASSERTION')
    .flatMap((file) => [file.spdx, ...(file.alternatives ?? [])].flatMap(idsOf));
  // A manifest made from the record declares the record's own licences: only the files, and the
  // declarations of the repository's package manifests, can confirm them.
  const fromRecord = facts.manifest?.origin === 'registry';
  const repositoryIds = fromRecord
    ? [...new Set([...fileIds, ...licenses.declarations.filter((entry) => entry.source !== 'dpg-manifest').flatMap((entry) => idsOf(entry.expression))])]
    : [];
  const detected = fromRecord ? (repositoryIds.length > 0 ? repositoryIds : 'NONE') : licenses.expression;
  const detectedIds = new Set(
    [...(fromRecord ? repositoryIds : /^(NONE|NOASSERTION)$/.test(licenses.expression) ? [] : idsOf(licenses.expression)), ...fileIds].map(family),
  );
  const evidence: Evidence[] = [
    ...licenses.files.filter((file) => (file.role ?? 'licence') === 'licence').map((file) => ({ path: file.path })),
    recordEvidence(ref, '#/license'),
  ];
  const args = { record: ref.id, declared, detected };
  const matches = declaredIds.some((id) => idsOf(id).some((part) => detectedIds.has(family(part))));
  if (matches) return [{ code: 'registry/license-match', args, evidence }];
  // A licence that could not be identified is no evidence against the record.
  if (detectedIds.size === 0 || (typeof detected === 'string' && /^(NONE|NOASSERTION)$/.test(detected)))
    return [{ code: 'registry/license-undetected', args, evidence }];
  return [{ code: 'registry/license-mismatch', args, evidence }];
}

/** The record's licences against those the repository's own dpg manifest declares. */
function checkDeclaredLicenses({ record, ref, facts }: CrossCheckInput): RegistryDraft[] {
  const manifest = facts.manifest;
  const declared = manifest?.data?.licenses ?? [];
  if (!manifest || declared.length === 0 || record.license.length === 0) return [];
  const manifestIds = new Set(declared.flatMap((entry) => idsOf(entry.expression)).map(family));
  if (record.license.some((entry) => idsOf(entry.spdx).some((id) => manifestIds.has(family(id))))) return [];
  const line = manifest.locate('/licenses')?.line;
  return [
    {
      code: 'registry/license-declaration-mismatch',
      args: {
        record: ref.id,
        declared: record.license.map((entry) => entry.spdx),
        manifest: manifest.path,
        manifestLicenses: declared.map((entry) => entry.expression),
      },
      evidence: [{ path: manifest.path, ...(line !== undefined ? { line } : {}) }, recordEvidence(ref, '#/license')],
    },
  ];
}

/** The record's `type` (software, content, data, AI system) against the manifest's categories. */
function checkType({ record, ref, facts }: CrossCheckInput): RegistryDraft[] {
  const manifest = facts.manifest;
  const categories = manifest?.data?.categories ?? [];
  const recordTypes = [...new Set((record.type ?? []).map(categoryOfType).filter((type): type is string => type !== undefined))];
  if (!manifest || categories.length === 0 || recordTypes.length === 0) return [];
  const same = recordTypes.length === categories.length && recordTypes.every((type) => (categories as readonly string[]).includes(type));
  if (same) return [];
  const line = manifest.locate('/categories')?.line;
  return [
    {
      code: 'registry/type-mismatch',
      args: { record: ref.id, declared: record.type ?? [], manifest: manifest.path, manifestTypes: categories },
      evidence: [{ path: manifest.path, ...(line !== undefined ? { line } : {}) }, recordEvidence(ref, '#/type')],
    },
  ];
}

/** The registry's record types as the manifest's categories. */
function categoryOfType(type: string): string | undefined {
  const normalised = type.trim().toLowerCase();
  if (normalised === 'software' || normalised === 'content' || normalised === 'data' || normalised === 'standard') return normalised;
  if (normalised === 'aimodel' || normalised === 'ai model' || normalised === 'ai-system' || normalised === 'ai system') return 'ai-system';
  return undefined;
}

/** A GitHub URL's repository and the path after `blob/REF/` or `tree/REF/` (raw URLs too). */
export function parseGitHubUrl(
  url: string,
  githubHosts: readonly string[],
): { owner: string; repo: string; rest: string[]; kind: 'blob' | 'tree' | 'raw' | 'repository' } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  const host = parsed.hostname.toLowerCase();
  let segments: string[];
  try {
    segments = parsed.pathname
      .split('/')
      .filter(Boolean)
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
  if (host === 'raw.githubusercontent.com' && segments.length >= 3) {
    return { owner: segments[0] as string, repo: segments[1] as string, rest: segments.slice(2), kind: 'raw' };
  }
  if (!githubHosts.includes(host) || segments.length < 2) return undefined;
  const owner = segments[0] as string;
  const repo = (segments[1] as string).replace(/\.git$/i, '');
  const kind = segments[2] === 'blob' ? 'blob' : segments[2] === 'tree' ? 'tree' : 'repository';
  return { owner, repo, rest: kind === 'repository' ? [] : segments.slice(3), kind };
}

function checkLicenseUrls({ record, ref, facts, github, githubHosts }: CrossCheckInput): RegistryDraft[] {
  const drafts: RegistryDraft[] = [];
  const recordRepositories = record.repositories.map((repository) => parseGitHubUrl(repository.url, githubHosts)).filter((value) => value !== undefined);
  const repositoryNames = new Set(recordRepositories.map((repository) => `${repository.owner}/${repository.repo}`.toLowerCase()));
  const seen = new Set<string>();
  record.license.forEach((entry, index) => {
    if (!entry.licenseURL || seen.has(entry.licenseURL)) return;
    seen.add(entry.licenseURL);
    const pointed = parseGitHubUrl(entry.licenseURL, githubHosts);
    if (!pointed) return;
    const name = `${pointed.owner}/${pointed.repo}`;
    const evidence: Evidence[] = [{ url: entry.licenseURL }, recordEvidence(ref, `#/license/${index}/licenseURL`)];
    if (!repositoryNames.has(name.toLowerCase())) {
      drafts.push({
        code: 'registry/license-url-elsewhere',
        args: {
          record: ref.id,
          pointsAt: name,
          repositories: [...new Set(recordRepositories.map((repository) => `${repository.owner}/${repository.repo}`))],
        },
        evidence,
      });
      return;
    }
    if (!github || name.toLowerCase() !== `${github.owner}/${github.repo}`.toLowerCase() || pointed.rest.length < 2) return;
    // The ref may hold slashes (release/1.x): the file exists if any tail after the first segment does.
    const candidates = pointed.rest.slice(1).map((_, index) => pointed.rest.slice(index + 1).join('/'));
    const exists = candidates.some((candidate) =>
      pointed.kind === 'tree' ? facts.files.some((file) => file.startsWith(`${candidate}/`)) || facts.listed.has(candidate) : facts.listed.has(candidate),
    );
    if (!exists) {
      const licenceFiles = facts.licenses.files.map((file) => file.path);
      drafts.push({
        code: 'registry/license-url-missing-file',
        args: { record: ref.id, path: candidates[0] ?? '', repository: name, files: licenceFiles },
        evidence,
      });
    }
  });
  return drafts;
}

function checkSdgs({ record, ref, facts }: CrossCheckInput): RegistryDraft[] {
  const declared = [...new Set(record.SDGs.map((entry) => entry.SDGNumber))].sort((a, b) => a - b);
  if (declared.length === 0) return [];
  const manifestGoals = [...new Set((facts.manifest?.data?.sdgs ?? []).map((sdg) => sdg.goal).filter((goal) => typeof goal === 'number'))].sort(
    (a, b) => a - b,
  );
  const evidence: Evidence[] = [recordEvidence(ref, '#/SDGs')];
  if (manifestGoals.length === 0 || !facts.manifest) return [{ code: 'registry/sdg-unverifiable', args: { record: ref.id, declared }, evidence }];
  evidence.unshift({
    path: facts.manifest.path,
    ...(facts.manifest.locate('/sdgs')?.line !== undefined ? { line: facts.manifest.locate('/sdgs')?.line as number } : {}),
  });
  const same = declared.length === manifestGoals.length && declared.every((goal, index) => manifestGoals[index] === goal);
  const args = { record: ref.id, declared, manifest: facts.manifest.path, manifestGoals };
  return [same ? { code: 'registry/sdg-match', args, evidence } : { code: 'registry/sdg-mismatch', args, evidence }];
}

const STOP_WORDS = new Set([
  'the',
  'of',
  'and',
  'for',
  'a',
  'an',
  'in',
  'inc',
  'ltd',
  'llc',
  'gmbh',
  'co',
  'corp',
  'org',
  'limited',
  'company',
  'pvt',
  'private',
  'de',
  'la',
  'et',
  'du',
  'des',
  'e',
  'y',
]);
const WEB_LABELS = new Set(['www', 'org', 'com', 'net', 'gov', 'edu', 'int', 'io', 'co', 'ac', 'info', 'app', 'dev']);

function words(name: string): string[] {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The ways an organisation is written: its words, compact form, acronyms, parenthesised short names, web site labels. */
function forms(name: string, website?: string): { tokens: Set<string>; short: Set<string> } {
  const all = words(name);
  const tokens = new Set(all.filter((word) => !STOP_WORDS.has(word)));
  const short = new Set<string>();
  const compact = [...tokens].join('');
  if (compact.length >= 3) short.add(compact);
  const initials = all
    .filter((word) => !STOP_WORDS.has(word))
    .map((word) => word[0])
    .join('');
  if (initials.length >= 3) short.add(initials);
  const initialsAll = all.map((word) => word[0]).join('');
  if (initialsAll.length >= 3) short.add(initialsAll);
  for (const match of name.matchAll(/\(([^)]+)\)/g)) {
    const inner = words(match[1] as string).join('');
    if (inner.length >= 3) short.add(inner);
  }
  if (website) {
    try {
      for (const label of new URL(/^https?:\/\//i.test(website) ? website : `https://${website}`).hostname.toLowerCase().split('.')) {
        if (label.length >= 3 && !WEB_LABELS.has(label)) short.add(label);
      }
    } catch {
      // Not a URL: nothing to learn from it.
    }
  }
  return { tokens, short };
}

function sameOrganisation(recordName: string, website: string | undefined, shown: string): boolean {
  const record = forms(recordName, website);
  const other = forms(shown);
  const otherCompact = words(shown).join('');
  for (const form of record.short) {
    if (other.short.has(form)) return true;
    if (form.length >= 4 && otherCompact.length >= 4 && (otherCompact.includes(form) || form.includes(otherCompact))) return true;
  }
  if (record.tokens.size === 0 || other.tokens.size === 0) return false;
  const shared = [...record.tokens].filter((token) => other.tokens.has(token)).length;
  return shared / Math.min(record.tokens.size, other.tokens.size) >= 0.6 && shared >= Math.min(2, record.tokens.size);
}

function checkOwner({ record, ref, facts, github }: CrossCheckInput): RegistryDraft[] {
  const owners = record.organizations.filter((organisation) => organisation.org_type === 'owner' && organisation.name);
  if (owners.length === 0) return [];
  const shown: Array<{ name: string; evidence: Evidence }> = [];
  // Owners of a manifest made from the record are the record's own: no evidence of anything.
  if (facts.manifest?.origin !== 'registry')
    for (const owner of facts.manifest?.data?.ownership?.owners ?? [])
      if (owner.name) shown.push({ name: owner.name, evidence: { path: facts.manifest?.path as string } });
  for (const line of facts.copyrights)
    if (!line.placeholder && line.holder && !FOREIGN_CODE.test(line.path)) shown.push({ name: line.holder, evidence: { path: line.path, line: line.line } });
  if (github) shown.push({ name: github.owner, evidence: { note: `GitHub owner ${github.owner}` } });
  const drafts: RegistryDraft[] = [];
  for (const owner of owners) {
    const name = owner.name as string;
    const match = shown.find((candidate) => sameOrganisation(name, owner.website, candidate.name));
    const evidence: Evidence[] = [recordEvidence(ref, '#/organizations')];
    if (match) {
      drafts.push({ code: 'registry/owner-match', args: { record: ref.id, owner: name, match: match.name }, evidence: [match.evidence, ...evidence] });
    } else {
      const names = [...new Set(shown.map((candidate) => candidate.name))];
      drafts.push({
        code: 'registry/owner-mismatch',
        args: {
          record: ref.id,
          owner: name,
          shown: names.slice(0, 5),
          repository: github ? `${github.owner}/${github.repo}` : facts.source.target,
        },
        evidence: [...shown.slice(0, 5).map((candidate) => candidate.evidence), ...evidence],
      });
    }
  }
  return drafts;
}
