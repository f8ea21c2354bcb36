import { FOREIGN_CODE } from '../facts/foreign-code.js';
import type { Facts } from '../facts/types.js';
import { defineCodes, type DraftOf } from '../findings.js';
import { effectiveCategories, manifestEvidence, missingReferences, referenceEvidence } from './helpers.js';
import { STANDARD_URL, type IndicatorModule } from './types.js';

const codes = defineCodes({
  'ownership/owner-declared': {
    status: 'pass',
    title: 'Owner named',
    description: 'The organisation or people who own the solution are named.',
    message: 'Owned by {owners}.',
  },
  'ownership/owner-missing': {
    unanswered: true,
    status: 'fail',
    title: 'No owner named',
    description: 'The application asks who owns the solution: an organisation, or the people who own it when there is none.',
    message: 'The manifest names no owner.',
    fix: 'Add `ownership: { owners: [{ name: "…" }] }` to the manifest.',
  },
  'ownership/owner-unnamed': {
    status: 'review',
    title: 'Owner not named, but shown elsewhere',
    description:
      "The manifest names no owner, but the repository's copyright notices or the application's other organisations (a funder, an implementer) point at who it may be. The Standard accepts copyright, trademark or other public evidence of ownership; who the owner is, a reviewer confirms.",
    message:
      'The manifest names no owner; {?holders:the copyright notices name {holders}}{?organisations:{?holders:, and }the application lists {organisations}}.',
    question: 'Who owns the solution: {?holders:{holders}}{?organisations:{?holders:, }{organisations}}? The owner should be named in the application.',
    fix: 'Add `ownership: { owners: [{ name: "…" }] }` to the manifest.',
  },
  'ownership/copyright-found': {
    status: 'pass',
    title: 'Copyright notice',
    description: 'A copyright notice in the repository documents ownership.',
    message: 'Copyright held by {?holders:{holders/; }|(no holder named)}.',
  },
  'ownership/copyright-placeholder': {
    status: 'fail',
    title: 'Copyright notice is a template',
    description: 'A licence template whose copyright line was never filled in names no owner.',
    message: '{path} line {line} is an unfilled template: "{text}".',
    fix: 'Replace the placeholder with the year and the owner, for example "Copyright 2024 Example Foundation".',
  },
  'ownership/no-copyright-notice': {
    status: 'warn',
    title: 'No copyright notice',
    description: 'A copyright line in the licence, NOTICE or README is the most common public evidence of ownership.',
    message: 'No copyright notice was found in the licence files, NOTICE, COPYRIGHT, AUTHORS or README.',
    fix: 'Add a line such as "Copyright 2024 {?owner:{owner}|the owner}" to the LICENSE or a NOTICE file.',
  },
  'ownership/evidence-missing': {
    // Without a manifest, its repository half is ownership/no-copyright-notice's to say.
    unanswered: true,
    status: 'fail',
    title: 'No evidence of ownership',
    description: 'The application asks for evidence of ownership: copyright, trademarks or public documentation.',
    message: 'Neither ownership evidence in the manifest nor a copyright notice in the repository documents who owns the solution.',
    fix: 'Add `ownership.evidence:` links (a copyright notice, terms of service, an organisation page) or a copyright notice to the repository.',
  },
  'ownership/evidence-not-found': {
    status: 'fail',
    title: 'Ownership evidence file missing',
    description: 'Evidence given as a repository path must exist.',
    message: 'Ownership evidence points at {reference}, which {reference|is|are} not in the repository.',
    fix: 'Correct the path, add the file, or give a URL.',
  },
  'ownership/owner-not-in-copyright': {
    status: 'review',
    title: 'Owner and copyright holders differ',
    description: 'The declared owner should be the one the copyright notices name, or hold the rights by agreement.',
    message: 'The declared owner ({owners}) does not appear in the copyright notices ({holders/; }).',
    question: 'Does the declared owner hold the rights to the work of the named copyright holders (assignment, employment, contributor agreement)?',
  },
  'ownership/content-rights-missing': {
    status: 'fail',
    title: 'Content or data rights not stated',
    description:
      'Since Standard 1.1.6, content collections and data sets must state whether all content/data is owned, and if not, show the right to redistribute it.',
    message: 'The manifest does not say whether the owners own all of the {category/ and }, or have the right to redistribute it.',
    fix: 'Set `ownership.ownsAllContentAndData: true`, or false with `ownership.redistributionEvidence:` links.',
  },
  'ownership/redistribution-evidence-missing': {
    status: 'fail',
    title: 'No evidence of the right to redistribute',
    description: 'Content or data the owner does not own must come with evidence of the right to redistribute it.',
    message: 'Not all content/data is owned, and no evidence of the right to redistribute it is given.',
    fix: 'Add `ownership.redistributionEvidence:` links (licensing agreements, public-domain status).',
  },
});

/** A finding of this indicator: one of its codes, with the arguments its templates name. */
type Draft = DraftOf<typeof codes>;

export const ownershipIndicator: IndicatorModule = {
  meta: {
    id: '3',
    title: 'Clear ownership',
    requirement:
      'Ownership of assets that the digital public good produces must be clearly defined and documented, for example through copyright, trademark or other publicly available information.',
    url: STANDARD_URL,
  },
  codes,
  check(facts) {
    const findings: Draft[] = [];
    const ownership = facts.manifest?.data?.ownership;
    const owners = ownership?.owners ?? [];
    if (owners.length === 0) findings.push(unnamedOwner(facts) ?? { code: 'ownership/owner-missing', evidence: manifestEvidence(facts, '/ownership') });
    else
      findings.push({
        code: 'ownership/owner-declared',
        args: { owners: owners.map((owner) => owner.name) },
        evidence: manifestEvidence(facts, '/ownership/owners'),
      });

    const real = facts.copyrights.filter((line) => !line.placeholder);
    for (const line of facts.copyrights.filter((candidate) => candidate.placeholder)) {
      findings.push({
        code: 'ownership/copyright-placeholder',
        args: { path: line.path, line: line.line, text: line.text.slice(0, 100) },
        evidence: [{ path: line.path, line: line.line }],
      });
    }
    const holders = [...new Set(real.map((line) => line.holder).filter((holder) => holder !== ''))];
    if (real.length > 0) {
      findings.push({
        code: 'ownership/copyright-found',
        args: { holders },
        evidence: real.slice(0, 5).map((line) => ({ path: line.path, line: line.line, note: line.text.slice(0, 120) })),
      });
    } else if (facts.hasRepository && !facts.copyrights.some((line) => line.placeholder)) {
      findings.push({ code: 'ownership/no-copyright-notice', args: { owner: owners[0]?.name } });
    }

    const evidence = ownership?.evidence ?? [];
    if (evidence.length === 0 && real.length === 0) findings.push({ code: 'ownership/evidence-missing', evidence: manifestEvidence(facts, '/ownership') });
    const references = evidence.map((reference, index) => ({ reference, pointer: `/ownership/evidence/${index}` }));
    const missing = missingReferences(facts, references);
    if (missing.length > 0)
      findings.push({
        code: 'ownership/evidence-not-found',
        args: { reference: missing.map((entry) => entry.reference) },
        evidence: missing.flatMap((entry) => manifestEvidence(facts, entry.pointer)),
      });

    if (owners.length > 0 && holders.length > 0) {
      const normalised = holders.map(simplify);
      const named = owners.some((owner) => normalised.some((holder) => holder.includes(simplify(owner.name)) || simplify(owner.name).includes(holder)));
      if (!named) {
        findings.push({
          code: 'ownership/owner-not-in-copyright',
          args: { owners: owners.map((owner) => owner.name), holders },
          evidence: [...manifestEvidence(facts, '/ownership/owners'), ...real.slice(0, 3).map((line) => ({ path: line.path, line: line.line }))],
        });
      }
    }

    const collection = effectiveCategories(facts).filter((category) => category === 'content' || category === 'data');
    if (collection.length > 0) {
      if (ownership?.ownsAllContentAndData === undefined) {
        findings.push({
          code: 'ownership/content-rights-missing',
          args: { category: collection },
          evidence: manifestEvidence(facts, '/ownership'),
        });
      } else if (ownership.ownsAllContentAndData === false && (ownership.redistributionEvidence ?? []).length === 0) {
        findings.push({ code: 'ownership/redistribution-evidence-missing', evidence: manifestEvidence(facts, '/ownership/ownsAllContentAndData') });
      }
    }
    if (findings.every((finding) => finding.code !== 'ownership/evidence-missing') && evidence.length > 0) {
      const first = findings.find((finding) => finding.code === 'ownership/owner-declared');
      if (first) first.evidence = [...(first.evidence ?? []), ...evidence.slice(0, 5).flatMap((reference) => referenceEvidence(reference, facts))];
    }
    return findings;
  },
};

/**
 * Without an owner in the manifest, what else shows one: the repository's copyright holders (not those
 * of vendored code), and the application's other organisations with their roles.
 */
function unnamedOwner(facts: Facts): Draft | undefined {
  const holders = [...new Set(facts.copyrights.filter((line) => !line.placeholder && line.holder && !FOREIGN_CODE.test(line.path)).map((line) => line.holder))];
  const organisations = (facts.manifest?.data?.registry?.organizations ?? []).map((organisation) => `${organisation.name} (${organisation.org_type})`);
  if (holders.length === 0 && organisations.length === 0) return undefined;
  return {
    code: 'ownership/owner-unnamed',
    args: { holders: holders.slice(0, 3), organisations: organisations.slice(0, 3) },
    evidence: [
      ...manifestEvidence(facts, '/ownership'),
      ...facts.copyrights
        .filter((line) => holders.includes(line.holder))
        .slice(0, 3)
        .map((line) => ({ path: line.path, line: line.line })),
    ],
  };
}

/** Compares names loosely: case, punctuation and legal suffixes do not make a different owner. */
function simplify(name: string): string {
  return name
    .toLowerCase()
    .replace(/\b(the|inc|ltd|llc|gmbh|foundation|contributors|authors|and|e\.?v|a\.?s\.?b\.?l)\b/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
