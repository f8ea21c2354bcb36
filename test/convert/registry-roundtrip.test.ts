import { describe, expect, it } from 'vitest';
import { readNominee, writeNominee } from '../../src/convert/dpga-nominee.js';
import { readScreening, writeScreening } from '../../src/convert/dpga-screening.js';
import { mergeNomineeAndScreening } from '../../src/convert/formats.js';
import { schemaProblems } from '../../src/convert/schemas.js';
import type { LostField, ReadResult, WriteResult } from '../../src/convert/types.js';
import { validateManifestData } from '../../src/manifest/validate.js';
import { fieldOf, firstDifference, HAS_REGISTRY, markLost, registryRecords, withoutAssumed, type RegistryRecord } from './registry-support.js';

if (!HAS_REGISTRY) console.warn('Skipping the registry round trip: ../shared/registry is not beside the repository.');

interface Trip {
  record: RegistryRecord;
  read: ReadResult;
  written: WriteResult;
  back: Record<string, unknown>;
}

function roundTrip(
  record: RegistryRecord,
  read: (data: Record<string, unknown>) => ReadResult,
  write: (manifest: ReadResult['manifest']) => WriteResult,
): Trip {
  const result = read(record.data);
  const written = write(result.manifest);
  return { record, read: result, written, back: JSON.parse(written.text) as Record<string, unknown> };
}

/** Losses by field over all records: the figures the round trip reports. */
function figures(trips: Trip[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const trip of trips) {
    for (const field of new Set(trip.read.lost.map((entry) => fieldOf(entry.path)))) counts[field] = (counts[field] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
}

function checkTrip(trip: Trip, format: 'dpga-nominee' | 'dpga-screening'): void {
  const label = `${trip.record.file}${trip.record.linkTo ? ` (-> ${trip.record.linkTo})` : ''}`;
  expect(validateManifestData(trip.read.manifest).problems, `${label}: the manifest validates`).toEqual([]);
  expect(schemaProblems(format, trip.back), `${label}: the ${format} written back validates`).toEqual([]);
  expect(trip.written.lost, `${label}: writing back loses nothing more`).toEqual([]);
  // Nothing lost that is not listed...
  const back = withoutAssumed(markLost(trip.record.data, trip.read.lost), trip.back, trip.written.assumed);
  expect(firstDifference(markLost(trip.record.data, trip.read.lost), back), `${label}: every difference is a listed loss`).toBeUndefined();
  // ...and nothing listed that is not lost.
  const paths = [...new Set(trip.read.lost.map((entry) => entry.path))];
  for (const path of paths) {
    const others: LostField[] = trip.read.lost.filter((entry) => entry.path !== path);
    expect(firstDifference(markLost(trip.record.data, others), back), `${label}: ${path} is listed as lost, so it must differ`).toBeDefined();
  }
}

describe.skipIf(!HAS_REGISTRY)('round trip over every record of ../shared/registry', () => {
  it('nominee -> dpg manifest -> nominee: every manifest validates, every difference is a listed loss', () => {
    const trips = registryRecords('nominees').map((record) => roundTrip(record, readNominee, writeNominee));
    for (const trip of trips) checkTrip(trip, 'dpga-nominee');
    const lossless = trips.filter((trip) => trip.read.lost.length === 0).length;
    console.log(`nominees: ${trips.length} records, ${lossless} without loss; records losing each field:`, figures(trips));
    expect(trips.length).toBeGreaterThanOrEqual(228);
    // The figures only get better: 208 before maintainers, the standard type and e-mail-only contacts were read.
    expect(lossless).toBeGreaterThanOrEqual(214);
  });

  it('screening -> dpg manifest -> screening: every manifest validates, every difference is a listed loss', () => {
    const trips = registryRecords('digitalpublicgoods').map((record) => roundTrip(record, readScreening, writeScreening));
    for (const trip of trips) checkTrip(trip, 'dpga-screening');
    const lossless = trips.filter((trip) => trip.read.lost.length === 0).length;
    console.log(
      `screening: ${trips.length} records (${trips.filter((trip) => trip.record.linkTo).length} links), ${lossless} without loss; records losing each field:`,
      figures(trips),
    );
    expect(trips.length).toBeGreaterThanOrEqual(166);
    expect(lossless).toBeGreaterThanOrEqual(85);
  });

  it('a nominee and its screening record make one manifest that gives both records back', () => {
    const screenings = new Map(registryRecords('digitalpublicgoods').map((record) => [record.file, record]));
    let pairs = 0;
    for (const nominee of registryRecords('nominees')) {
      const screening = screenings.get(nominee.file);
      if (!screening) continue;
      pairs++;
      const nomineeRead = readNominee(nominee.data);
      const screeningRead = readScreening(screening.data);
      const merged = mergeNomineeAndScreening(nomineeRead, screeningRead);
      expect(validateManifestData(merged.manifest).problems, nominee.file).toEqual([]);
      expect(writeNominee(merged.manifest).text, nominee.file).toBe(writeNominee(nomineeRead.manifest).text);
      // The pair gives the screening record back at least as well as the record alone (the nominee's
      // owners even answer "is ownership explicit"); the nominee's name is the application's.
      const back = { ...(JSON.parse(writeScreening(merged.manifest).text) as Record<string, unknown>), name: screening.data.name };
      expect(firstDifference(markLost(screening.data, screeningRead.lost), back), nominee.file).toBeUndefined();
    }
    expect(pairs).toBeGreaterThan(150);
  });
});
