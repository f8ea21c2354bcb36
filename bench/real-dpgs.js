#!/usr/bin/env node
// Truth on real DPGs (issue 13). Prints two views:
//   (a) the labelled DPGs of ../shared/corpora/real-dpgs: each repository snapshot checked with the
//       manifest made from its own registry records (nominee + screening converted to dpg.yaml, at the
//       root, as the corpus README sets it up); per DPG the indicators that fail although labelled
//       `ok` (false fails) and those labelled `gap` that do not fail (missed gaps), and the ready count;
//   (b) the registry-wide view: every approved record (stage DPG) converted and checked on its own,
//       without its repository: the verdict count and a histogram of the failing codes.
//
//   npm run build && node bench/real-dpgs.js --snapshots DIR [--shared PATH] [--only RECORD] [--verbose]
//
// DIR holds one work tree per labelled row, named OWNER+REPO (the `fetch` tool's naming) or after the
// record; rows without one are skipped, and said so. The corpus README says how to lay them out.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkSource } from '../dist/check.js';
import { convert } from '../dist/convert/convert.js';
import { parseManifest } from '../dist/manifest/load.js';
import { LocalSource } from '../dist/source/local.js';
import { ManifestOnlySource } from '../dist/source/manifest-only.js';
import { linkedRecord } from '../dist/util/record-link.js';
import { flag, textOption } from './args.js';

const root = path.resolve(import.meta.dirname, '..');
const shared = path.resolve(textOption('shared', path.resolve(root, '../shared')));
const snapshots = textOption('snapshots');
const only = textOption('only');
const verbose = flag('verbose');
const registry = path.join(shared, 'registry');
const INDICATORS = ['1', '2', '3', '4', '5', '6', '7', '8', '9a', '9b', '9c'];

/** The manifest a reviewer makes of an application: the nominee and its screening record, converted. */
function applicationManifest(record) {
  const inputs = [path.join(registry, 'nominees', `${record}.json`), path.join(registry, 'digitalpublicgoods', `${record}.json`)]
    .filter((file) => existsSync(file))
    .map((file) => ({ path: file, text: readRecord(file) }));
  const converted = convert(inputs, 'dpg-yaml');
  return parseManifest('dpg.yaml', converted.text);
}

/** A record checked out from a symbolic link holds its target's name (src/util/record-link.ts). */
function readRecord(file) {
  const text = readFileSync(file, 'utf8');
  const target = linkedRecord(file, text);
  return target && existsSync(target) ? readFileSync(target, 'utf8') : text;
}

function failingCodes(report, indicator) {
  return [
    ...new Set(
      report.findings.filter((finding) => finding.indicator === indicator && finding.status === 'fail' && !finding.waiver).map((finding) => finding.code),
    ),
  ];
}

// (a) Labelled DPGs ----------------------------------------------------------------------------
const labelsFile = path.join(shared, 'corpora/real-dpgs/labels.tsv');
if (!existsSync(labelsFile)) {
  console.log(`No labels at ${labelsFile}; give --shared PATH.`);
  process.exit(2);
}
const rows = readFileSync(labelsFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const [record, repository, commit, ...labels] = line.split('\t');
    return { record, repository, commit, labels: Object.fromEntries(INDICATORS.map((id, index) => [id, labels[index]])) };
  })
  .filter((row) => !only || row.record === only);

let falseFails = 0;
let okCells = 0;
let missedGaps = 0;
let gapCells = 0;
let ready = 0;
let checked = 0;
const skipped = [];
if (!snapshots) console.log('(a) skipped: no --snapshots DIR given.');
else {
  console.log(`(a) Labelled DPGs (${rows.length}), snapshots in ${snapshots}`);
  for (const row of rows) {
    const folder = [row.repository.replace('/', '+'), row.record].map((name) => path.join(snapshots, name)).find((candidate) => existsSync(candidate));
    if (!folder) {
      skipped.push(row.record);
      continue;
    }
    const source = await LocalSource.open(folder);
    let report;
    try {
      report = await checkSource(source, { manifest: applicationManifest(row.record) });
    } finally {
      await source.dispose();
    }
    checked++;
    if (report.verdict === 'ready') ready++;
    const problems = [];
    for (const id of INDICATORS) {
      const status = report.indicators.find((indicator) => indicator.id === id)?.status;
      const label = row.labels[id];
      if (label === 'ok') {
        okCells++;
        if (status === 'fail') {
          falseFails++;
          problems.push(`false fail ${id} (${failingCodes(report, id).join(', ')})`);
        }
      } else if (label === 'gap') {
        gapCells++;
        if (status !== 'fail') {
          missedGaps++;
          problems.push(`missed gap ${id} (${status})`);
        }
      }
    }
    const manifestFails = failingCodes(report, 'manifest');
    if (manifestFails.length > 0) problems.push(`manifest fails (${manifestFails.join(', ')})`);
    console.log(`  ${row.record.padEnd(36)} ${report.verdict.padEnd(9)} ${problems.length === 0 ? 'as labelled' : problems.join('; ')}`);
    if (verbose) {
      for (const finding of report.findings.filter(
        (candidate) => candidate.status === 'fail' || candidate.status === 'warn' || candidate.status === 'review',
      )) {
        console.log(`      ${finding.indicator.padEnd(8)} ${finding.status.padEnd(6)} ${finding.code}: ${finding.message.slice(0, 160)}`);
      }
    }
  }
  if (skipped.length > 0) console.log(`  skipped (no snapshot): ${skipped.join(', ')}`);
  console.log(`  false fails: ${falseFails} of ${okCells} ok cells; missed gaps: ${missedGaps} of ${gapCells} gap cells; ready: ${ready} of ${checked}`);
}

// (b) Registry-wide -------------------------------------------------------------------------------
if (only) process.exit(0);
const { readdirSync } = await import('node:fs');
const approved = readdirSync(path.join(registry, 'nominees'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.replace(/\.json$/, ''))
  .filter((record) => JSON.parse(readFileSync(path.join(registry, 'nominees', `${record}.json`), 'utf8')).stage === 'DPG')
  .sort();
const verdicts = { ready: 0, 'not-ready': 0, error: 0 };
const histogram = new Map();
const indicatorFails = new Map();
for (const record of approved) {
  let report;
  try {
    const manifest = applicationManifest(record);
    report = await checkSource(new ManifestOnlySource(path.join(registry, 'nominees', `${record}.json`)), { manifest });
  } catch (error) {
    verdicts.error++;
    console.log(`  ${record}: ${error.message}`);
    continue;
  }
  verdicts[report.verdict]++;
  for (const code of new Set(report.findings.filter((finding) => finding.status === 'fail' && !finding.waiver).map((finding) => finding.code))) {
    const entry = histogram.get(code) ?? { count: 0, records: [] };
    entry.count++;
    entry.records.push(record);
    histogram.set(code, entry);
  }
  for (const indicator of report.indicators) if (indicator.status === 'fail') indicatorFails.set(indicator.id, (indicatorFails.get(indicator.id) ?? 0) + 1);
}
console.log(`(b) Registry-wide: ${approved.length} approved records, each converted and checked without its repository`);
console.log(`  ready ${verdicts.ready}, not ready ${verdicts['not-ready']}, could not be checked ${verdicts.error}`);
console.log(`  failing indicators: ${INDICATORS.map((id) => `${id}:${indicatorFails.get(id) ?? 0}`).join(' ')}`);
console.log('  failing codes (records):');
for (const [code, entry] of [...histogram].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))) {
  console.log(`    ${String(entry.count).padStart(4)}  ${code}${verbose ? `  ${entry.records.join(' ')}` : `  e.g. ${entry.records.slice(0, 3).join(' ')}`}`);
}
