#!/usr/bin/env node
// Builds generated/license-corpus.json: every current SPDX licence text, normalised with the same
// normaliser the CLI uses at run time, grouped by identical normalised text.
//
// Run after the TypeScript build, because it imports the compiled normaliser:
//   tsc -p tsconfig.build.json && node scripts/build-license-corpus.js
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NORMALIZER_VERSION, normalizeLicenseText, tokenize } from '../dist/licenses/text/normalize.js';

const require = createRequire(import.meta.url);
/** @type {Record<string, {name: string, url: string, osiApproved: boolean, licenseText: string}>} */
const spdxFull = require('spdx-license-list/full');
const listVersion = require('spdx-license-list/package.json').version;
/** @type {string[]} */
const currentIds = require('spdx-license-ids');

const outUrl = new URL('../generated/license-corpus.json', import.meta.url);

/**
 * The SPDX texts of LGPL-3.0 carry the whole GPL-3.0 after the LGPL's additional permissions, but
 * projects usually ship the two as separate files (COPYING.LESSER next to COPYING). A second entry
 * holding only the LGPL part lets a lone COPYING.LESSER be recognised.
 */
const LEADING_PART_BEFORE = {
  'LGPL-3.0-only': /^\s*GNU GENERAL PUBLIC LICENSE\s*$/m,
  'LGPL-3.0-or-later': /^\s*GNU GENERAL PUBLIC LICENSE\s*$/m,
};

function main() {
  // Deprecated ids (GPL-3.0, LGPL-2.1, ...) and the "+" forms are left out: their texts are
  // identical to the current -only / -or-later ids, which are the ones to report.
  const current = new Set(currentIds);
  const ids = Object.keys(spdxFull)
    .filter((id) => current.has(id))
    .sort();

  /** @type {Map<string, {ids: string[], part?: string}>} normalised text -> entry */
  const byText = new Map();
  /** @type {Record<string, {name: string, osiApproved: boolean}>} */
  const licenses = {};
  const skipped = [];

  const add = (text, id, part) => {
    const entry = byText.get(text);
    if (entry) entry.ids.push(id);
    else byText.set(text, part ? { ids: [id], part } : { ids: [id] });
  };

  for (const id of ids) {
    const { name, osiApproved, licenseText } = spdxFull[id];
    const normalized = normalizeLicenseText(licenseText ?? '');
    if (tokenize(normalized).length < 3) {
      skipped.push(id);
      continue;
    }
    licenses[id] = { name, osiApproved: Boolean(osiApproved) };
    add(normalized, id);
    const cut = LEADING_PART_BEFORE[id];
    if (cut) {
      const index = licenseText.search(cut);
      if (index <= 0) throw new Error(`${id}: expected an embedded GPL text to cut at`);
      add(normalizeLicenseText(licenseText.slice(0, index)), id, 'leading part without the embedded GPL');
    }
  }

  const entries = [...byText]
    .map(([text, entry]) => ({
      ids: entry.ids.sort(),
      ...(entry.part ? { part: entry.part } : {}),
      words: tokenize(text).length,
      text,
    }))
    .sort((a, b) => (a.ids[0] < b.ids[0] ? -1 : a.ids[0] > b.ids[0] ? 1 : (a.part ? 1 : 0) - (b.part ? 1 : 0)));

  const corpus = {
    format: 1,
    normalizerVersion: NORMALIZER_VERSION,
    spdxLicenseListVersion: listVersion,
    licenses,
    entries,
  };
  const json = JSON.stringify(corpus);
  mkdirSync(dirname(fileURLToPath(outUrl)), { recursive: true });
  writeFileSync(outUrl, json);

  const groups = entries.filter((e) => e.ids.length > 1).length;
  const where = relative(process.cwd(), fileURLToPath(outUrl));
  console.log(
    `${where}: ${Object.keys(licenses).length} SPDX ids in ${entries.length} entries ` +
      `(${groups} groups of identical texts), ${(json.length / 1024).toFixed(0)} KiB` +
      (skipped.length ? `; skipped (no usable text): ${skipped.join(', ')}` : ''),
  );
}

main();
