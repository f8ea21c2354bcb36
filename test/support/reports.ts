import { checkSource } from '../../src/check.js';
import type { Report } from '../../src/report/types.js';
import { LocalSource } from '../../src/source/local.js';

const reports = new Map<string, Promise<Report>>();

/** The real report of a fixture repository, computed once per test file. */
export function reportFor(fixture: string): Promise<Report> {
  let report = reports.get(fixture);
  if (!report) {
    report = (async () => {
      const source = await LocalSource.open(`fixtures/${fixture}`);
      try {
        return await checkSource(source);
      } finally {
        await source.dispose();
      }
    })();
    reports.set(fixture, report);
  }
  return report;
}

/** A new report of a fixture, for tests that compare two runs. */
export async function freshReport(fixture: string): Promise<Report> {
  const source = await LocalSource.open(`fixtures/${fixture}`);
  try {
    return await checkSource(source);
  } finally {
    await source.dispose();
  }
}
