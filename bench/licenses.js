#!/usr/bin/env node
// Benchmark for the licence engine (issue 3). Prints:
//   (a) every licence text of the SPDX list identified as itself (or a member of its identical-text
//       group), and mutated copies that must still identify, and a shuffled copy that must not;
//   (b) the licensee corpus in ../shared/corpora/licensee-fixtures: the project expression per
//       folder against the accepted answers in expected.tsv;
//   (c) milliseconds per file once the corpus is loaded;
//   (d) the per-file licence inventory's cost on a 100,000-file listing (the listing pass, and the
//       whole read plan it is part of);
//   and, when `licensee` is on the PATH (Debian: ruby-licensee), its answers and time beside ours.
//
//   npm run build && node bench/licenses.js [--corpus PATH]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gatherFacts } from '../dist/facts/gather.js';
import { normalizeExpression, licenseIds } from '../dist/licenses/spdx.js';
import { identifyLicenseText, loadLicenseCorpus } from '../dist/licenses/text/identify.js';
import { LocalSource } from '../dist/source/local.js';
import { planReads } from '../dist/facts/read-plan.js';
import { buildInventory, inventoryReads, planInventory } from '../dist/licenses/inventory.js';
import { textOption } from './args.js';

const root = path.resolve(import.meta.dirname, '..');
const licenseeCorpus = path.resolve(textOption('corpus', path.resolve(root, '../shared/corpora/licensee-fixtures')));
const spdx = createRequire(import.meta.url)('spdx-license-list/full.js');

const loadStart = performance.now();
const loaded = loadLicenseCorpus();
const loadMs = performance.now() - loadStart;

// (a) The SPDX list and mutations of it -------------------------------------------------------
// Re-wraps paragraphs as an editor's "reflow" does: list items and short heading lines stay where
// they start, the rest of each paragraph is joined and broken again at `width`.
const LIST_ITEM = /^\s*(?:\d+(?:\.\d+)*[.)]|\(?[a-z0-9]{1,4}\)|[-*•])\s/i;
const rewrap = (text, width) => {
  const out = [];
  const paragraphs = text.split(/\n\s*\n/).flatMap((paragraph) => {
    const pieces = [];
    for (const line of paragraph.split('\n')) {
      const heading = line.trim().length > 0 && line.trim().length < 50 && !/[.,;:]$/.test(line.trim());
      if (pieces.length === 0 || LIST_ITEM.test(line) || heading || pieces.at(-1).heading) pieces.push({ text: line, heading });
      else pieces.at(-1).text += `\n${line}`;
    }
    return pieces.map((piece) => piece.text);
  });
  for (const paragraph of paragraphs) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + word.length + 1 > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line, '');
  }
  return out.join('\n');
};
const shuffle = (text) => {
  const words = text.split(/\s+/).filter(Boolean);
  let seed = 42;
  for (let i = words.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [words[i], words[j]] = [words[j], words[i]];
  }
  return words.join(' ');
};
const mutations = {
  'as published': (text) => text,
  're-wrapped at 60 columns': (text) => rewrap(text, 60),
  // The title is the first line when it is short and stands alone; licences that open with their text keep it.
  'title line removed': (text) =>
    text.replace(/^\s*([^\n]{1,80})\n\s*\n/, (whole, first) => (first.split(/\s+/).length <= 12 && !/[.;,]$/.test(first.trim()) ? '' : whole)),
  // A copyright notice on a line of its own is replaced (one is added where there is none); copyright
  // sentences inside the licence's own paragraphs are the licence's text and stay.
  'copyright line changed': (text) => {
    const replaced = text.replace(/^\s*copyright\s*(?:\(c\)|©)?\s*(?:\d{4}|<year>|\[yyyy\])[^\n]{0,80}$/gim, 'Copyright (c) 2025 Example Foundation');
    return replaced === text ? `Copyright (c) 2025 Example Foundation\n\n${text}` : replaced;
  },
  'rendered as Markdown': (text) => `# ${text.replace(/^(\s*)(\d+)\.\s/gm, '$1$2. ').replace(/^(\s*)[-*]\s/gm, '$1* ')}`,
  'CRLF line endings': (text) => text.replace(/\r?\n/g, '\r\n'),
  'byte-order mark': (text) => `\uFEFF${text}`,
};
const deprecated = new Set(createRequire(import.meta.url)('spdx-license-ids/deprecated.json'));
const ids = Object.keys(spdx).filter((id) => spdx[id].licenseText && !deprecated.has(id) && !id.endsWith('+'));
const identifies = (text, id) => {
  const result = identifyLicenseText(text);
  return result.spdx !== null && (result.spdx === id || result.identicalGroup.includes(id));
};
console.log(`Licence engine benchmark: ${loaded.ids} SPDX ids in the corpus (${loaded.source}), loaded in ${loadMs.toFixed(0)} ms; node ${process.version}`);
console.log('');
console.log('(a) SPDX licence texts');
console.log('');
console.log('| copy | texts | identified as themselves | not identified or wrong |');
console.log('| --- | ---: | ---: | ---: |');
const longIds = ids.filter((id) => spdx[id].licenseText.split(/\s+/).length >= 80);
for (const [name, mutate] of Object.entries(mutations)) {
  const pool = name === 'as published' ? ids : longIds;
  let ok = 0;
  const misses = [];
  for (const id of pool) {
    if (identifies(mutate(spdx[id].licenseText), id)) ok++;
    else misses.push(id);
  }
  console.log(`| ${name} | ${pool.length} | ${ok} | ${misses.length}${misses.length && misses.length <= 6 ? ` (${misses.join(', ')})` : ''} |`);
}
let shuffledMatched = 0;
for (const id of longIds) if (identifyLicenseText(shuffle(spdx[id].licenseText)).spdx !== null) shuffledMatched++;
console.log(`| words shuffled (must NOT match) | ${longIds.length} | ${shuffledMatched} matched | ${longIds.length - shuffledMatched} rejected |`);
console.log('');
console.log('Mutations are applied to the texts of 80 words or more (shorter ones are a line or two).');

// (b) The licensee corpus -----------------------------------------------------------------------
const sameExpression = (actual, accepted) => {
  if (accepted === actual) return true;
  if (accepted.includes('LicenseRef-*')) {
    const pattern = new RegExp(`^${accepted.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/LicenseRef-\\\*/g, 'LicenseRef-[\\w.-]+')}$`);
    if (pattern.test(actual)) return true;
  }
  const a = normalizeExpression(actual).tree;
  const b = normalizeExpression(accepted).tree;
  // AND of plain ids: the same set of ids in any order is the same expression.
  return Boolean(a && b && !/ OR /.test(actual + accepted) && JSON.stringify(licenseIds(a).sort()) === JSON.stringify(licenseIds(b).sort()));
};
console.log('');
console.log('(b) licensee corpus');
console.log('');
if (!existsSync(path.join(licenseeCorpus, 'expected.tsv'))) {
  console.log(`skipped: ${licenseeCorpus} not found (it is in ../shared/ on the project's machines)`);
} else {
  const expected = readFileSync(path.join(licenseeCorpus, 'expected.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'));
  const hasLicensee = spawnSync('licensee', ['version'], { encoding: 'utf8' }).status === 0;
  let ours = 0;
  let theirs = 0;
  let ourMs = 0;
  let theirMs = 0;
  const rows = [];
  for (const [fixture, acceptedText, , note] of expected) {
    const accepted = acceptedText.split('|').map((answer) => answer.trim());
    const started = performance.now();
    const source = await LocalSource.open(path.join(licenseeCorpus, fixture));
    const facts = await gatherFacts(source, { identifyLicenseText });
    ourMs += performance.now() - started;
    const answer = facts.licenses.expression;
    const right = accepted.some((candidate) => sameExpression(answer, candidate));
    if (right) ours++;
    let licenseeAnswer = '';
    if (hasLicensee) {
      const licenseeStart = performance.now();
      const run = spawnSync('licensee', ['detect', '--json', path.join(licenseeCorpus, fixture)], { encoding: 'utf8' });
      theirMs += performance.now() - licenseeStart;
      try {
        licenseeAnswer = (JSON.parse(run.stdout).licenses ?? []).map((license) => license.spdx_id).join(' AND ') || 'NONE';
      } catch {
        licenseeAnswer = 'error';
      }
      if (accepted.some((candidate) => sameExpression(licenseeAnswer, candidate))) theirs++;
    }
    rows.push(`| ${fixture} | ${acceptedText} | ${answer} ${right ? '✔' : '✘'} |${hasLicensee ? ` ${licenseeAnswer} |` : ''} ${note} |`);
  }
  console.log(`| fixture | accepted | dpg-check |${hasLicensee ? ' licensee |' : ''} case |`);
  console.log(`| --- | --- | --- |${hasLicensee ? ' --- |' : ''} --- |`);
  for (const row of rows) console.log(row);
  console.log('');
  console.log(`dpg-check: ${ours}/${expected.length} right, ${(ourMs / expected.length).toFixed(1)} ms per repository (in process)`);
  if (hasLicensee)
    console.log(
      `licensee:  ${theirs}/${expected.length} right, ${(theirMs / expected.length).toFixed(0)} ms per repository (one process each, Ruby start-up included)`,
    );
  else console.log('licensee: not on the PATH (apt-get install ruby-licensee to compare)');
}

// (c) Milliseconds per file -----------------------------------------------------------------------
console.log('');
console.log('(c) time per licence file, corpus loaded');
console.log('');
console.log('| text | words | median ms |');
console.log('| --- | ---: | ---: |');
const timeIt = (text) => {
  const times = [];
  for (let run = 0; run < 21; run++) {
    const started = performance.now();
    identifyLicenseText(text);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[10];
};
for (const [name, text] of [
  ['MIT', spdx.MIT.licenseText],
  ['Apache-2.0', spdx['Apache-2.0'].licenseText],
  ['Apache-2.0 re-wrapped (fuzzy)', rewrap(spdx['Apache-2.0'].licenseText, 60)],
  ['GPL-3.0-or-later', spdx['GPL-3.0-or-later'].licenseText],
  ['MPL-2.0 re-wrapped (fuzzy)', rewrap(spdx['MPL-2.0'].licenseText, 70)],
]) {
  console.log(`| ${name} | ${text.split(/\s+/).length} | ${timeIt(text).toFixed(2)} |`);
}
// (d) The inventory on a 100,000-file tree ---------------------------------------------------------
// The shape of bench/local.js (100 packages x 10 folders), with a licence file per package, images with
// REUSE sidecars and a data folder with its card: the inventory's one pass is over every path.
console.log('');
console.log('(d) licence inventory on a 100,000-file listing');
console.log('');
const listing = [];
for (let pkg = 0; pkg < 100; pkg++) {
  listing.push(`packages/pkg-${pkg}/LICENSE`, `packages/pkg-${pkg}/README.md`);
  for (let sub = 0; sub < 10; sub++) for (let file = 0; file < 98; file++) listing.push(`packages/pkg-${pkg}/src/module-${sub}/file-${file}.ts`);
  listing.push(`packages/pkg-${pkg}/assets/logo.png`, `packages/pkg-${pkg}/assets/logo.png.license`);
}
listing.push('REUSE.toml', 'data/README.md', 'data/schools.csv', 'third_party/leaflet/LICENSE');
const listingSet = new Set(listing);
const medianOf = (run) => {
  const times = [];
  for (let index = 0; index < 11; index++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[5];
};
const inventoryMs = medianOf(() => planInventory(listing, listingSet));
const planMs = medianOf(() => planReads(listing, listingSet));
const plan = planInventory(listing, listingSet);
const texts = new Map(
  inventoryReads(plan).map((file) => [
    file,
    {
      path: file,
      text: file.endsWith('.license') ? 'SPDX-FileCopyrightText: 2024 X\nSPDX-License-Identifier: CC-BY-4.0\n' : spdx.MIT.licenseText,
      binary: false,
      truncated: false,
      size: 1000,
    },
  ]),
);
const files = plan.licenseFiles.map((file) => ({
  path: file,
  folder: path.posix.dirname(file),
  spdx: 'MIT',
  confidence: 100,
  matcher: 'exact',
  scope: 'folder',
}));
const buildMs = medianOf(() => buildInventory({ plan, texts, licenseFiles: files }));
console.log(`| step | paths | median ms |`);
console.log('| --- | ---: | ---: |');
console.log(`| inventory listing pass (planInventory) | ${listing.length} | ${inventoryMs.toFixed(1)} |`);
console.log(`| whole read plan, inventory included (planReads) | ${listing.length} | ${planMs.toFixed(1)} |`);
console.log(
  `| building the inventory from ${inventoryReads(plan).length} files read | ${plan.licenseFiles.length + plan.sidecars.length} entries | ${buildMs.toFixed(1)} |`,
);
void execFileSync;
