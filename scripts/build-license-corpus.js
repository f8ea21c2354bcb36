#!/usr/bin/env node
// Builds generated/license-corpus.json: every current SPDX licence text, normalised with the same
// normaliser the CLI uses at run time, grouped by identical normalised text; and
// generated/license-exact.json, its exact-match index alone (SHA-1 of the normalised text -> ids).
//
// Run after the TypeScript build, because it imports the compiled normaliser:
//   tsc -p tsconfig.build.json && node scripts/build-license-corpus.js
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NORMALIZER_VERSION, normalizeLicenseText, tokenize } from '../dist/licenses/text/normalize.js';

const require = createRequire(import.meta.url);
/** @type {Record<string, {name: string, url: string, osiApproved: boolean, licenseText: string}>} */
const spdxFull = require('spdx-license-list/full');
const source = `spdx-license-list@${require('spdx-license-list/package.json').version}`;
/** @type {string[]} */
const currentIds = require('spdx-license-ids');

const outUrl = new URL('../generated/license-corpus.json', import.meta.url);
const exactUrl = new URL('../generated/license-exact.json', import.meta.url);

/**
 * The SPDX texts of LGPL-3.0 carry the whole GPL-3.0 after the LGPL's additional permissions, but
 * projects usually ship the two as separate files (COPYING.LESSER next to COPYING). A second entry
 * holding only the LGPL part lets a lone COPYING.LESSER be recognised.
 */
const LEADING_PART_BEFORE = {
  'LGPL-3.0-only': /^\s*GNU GENERAL PUBLIC LICENSE\s*$/m,
  'LGPL-3.0-or-later': /^\s*GNU GENERAL PUBLIC LICENSE\s*$/m,
};

/** Word indices as 16-bit little-endian, base64; grows the vocabulary as it goes. */
function encodeTokens(words, vocabulary) {
  const bytes = Buffer.alloc(words.length * 2);
  words.forEach((word, i) => {
    let id = vocabulary.get(word);
    if (id === undefined) {
      id = vocabulary.size;
      // The reader decodes 16-bit tokens and packs bigrams into 32 bits.
      if (id > 0xffff) throw new Error('vocabulary exceeds 65536 words; widen the token encoding');
      vocabulary.set(word, id);
    }
    bytes.writeUInt16LE(id, i * 2);
  });
  return bytes.toString('base64');
}

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

  // Tokens are stored as indices into one vocabulary (16 bits each, base64) rather than as text:
  // the file is smaller and loading skips re-tokenising. Exact matching uses a SHA-1 of the text.
  /** @type {Map<string, number>} */
  const vocabulary = new Map();
  const entries = [...byText]
    .map(([text, entry]) => ({
      ids: entry.ids.sort(),
      ...(entry.part ? { part: entry.part } : {}),
      sha1: createHash('sha1').update(text).digest('hex'),
      tokens: encodeTokens(tokenize(text), vocabulary),
    }))
    .sort((a, b) => (a.ids[0] < b.ids[0] ? -1 : a.ids[0] > b.ids[0] ? 1 : (a.part ? 1 : 0) - (b.part ? 1 : 0)));

  const corpus = {
    format: 2,
    normalizerVersion: NORMALIZER_VERSION,
    source,
    licenses,
    vocabulary: [...vocabulary.keys()],
    entries,
  };
  const json = JSON.stringify(corpus);
  mkdirSync(dirname(fileURLToPath(outUrl)), { recursive: true });
  writeFileSync(outUrl, json);
  // The exact-match index alone (hash -> ids), a small file: a licence text that is an SPDX text, the
  // common case, is identified without loading the whole corpus.
  const exactIndex = {
    format: corpus.format,
    normalizerVersion: NORMALIZER_VERSION,
    source,
    licenses: Object.keys(licenses).length,
    exact: Object.fromEntries(entries.map((entry) => [entry.sha1, entry.ids])),
  };
  writeFileSync(exactUrl, JSON.stringify(exactIndex));

  const groups = entries.filter((e) => e.ids.length > 1).length;
  const where = relative(process.cwd(), fileURLToPath(outUrl));
  console.log(
    `${where}: ${Object.keys(licenses).length} SPDX ids in ${entries.length} entries ` +
      `(${groups} groups of identical texts), ${vocabulary.size} words, ${(json.length / 1024).toFixed(0)} KiB` +
      (skipped.length ? `; skipped (no usable text): ${skipped.join(', ')}` : ''),
  );
}

main();
