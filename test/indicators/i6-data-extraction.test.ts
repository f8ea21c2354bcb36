import { dataExtractionIndicator } from '../../src/indicators/i6-data-extraction.js';
import { testIndicator } from '../support/indicator-tester.js';

/** A crop-yield survey tool; each case changes its `dataExtraction:` answer. */
const FILES = {
  'README.md': '# Yield Survey\n\nField officers record crop cuts on a tablet; the results are aggregated per district.\n',
  'src/export.py': 'def export_csv(survey):\n    ...\n',
};

function manifest(dataExtraction?: Record<string, unknown>): Record<string, unknown> {
  return { name: 'Yield Survey', categories: ['software'], ...(dataExtraction ? { dataExtraction } : {}) };
}

const MECHANISM = 'Every survey can be downloaded from the dashboard, and the REST API returns all plots and yields with pagination.';

testIndicator(dataExtractionIndicator, {
  valid: [
    {
      name: 'an export and an API in open formats',
      files: FILES,
      manifest: manifest({ collectsNonPII: true, mechanism: MECHANISM, formats: ['CSV', 'JSON', 'GeoJSON'] }),
      expect: [
        {
          code: 'data/mechanism-declared',
          message: `Non-PII data can be extracted: ${MECHANISM} (formats: CSV, JSON, GeoJSON).`,
          evidence: [{ path: 'dpg.yaml', line: 5 }],
        },
      ],
    },
    {
      name: 'open formats beside a proprietary one',
      files: FILES,
      manifest: manifest({ collectsNonPII: true, mechanism: MECHANISM, formats: ['XLS', 'CSV'] }),
      expect: ['data/mechanism-declared'],
    },
    {
      name: 'the solution holds no non-personal data',
      files: FILES,
      manifest: manifest({ collectsNonPII: false }),
      expect: [{ code: 'data/not-applicable', status: 'n/a' }],
    },
    {
      name: 'a mechanism named in two words',
      files: FILES,
      manifest: manifest({ collectsNonPII: true, mechanism: 'REST API', formats: ['JSON'] }),
      expect: ['data/mechanism-declared', { code: 'data/mechanism-brief', message: 'The extraction mechanism is named briefly: "REST API".' }],
    },
  ],
  invalid: [
    {
      name: 'the manifest does not say',
      files: FILES,
      manifest: manifest(),
      expect: [{ code: 'data/not-declared', status: 'fail' }],
    },
    {
      name: 'data collected, no way to get it out',
      files: FILES,
      manifest: manifest({ collectsNonPII: true, formats: ['CSV'] }),
      expect: [{ code: 'data/mechanism-missing', message: 'The solution collects non-PII data, but no mechanism to extract or import it is described.' }],
    },
    {
      name: 'a placeholder for the mechanism',
      files: FILES,
      manifest: manifest({ collectsNonPII: true, mechanism: 'TBD', formats: ['CSV'] }),
      expect: ['data/mechanism-missing'],
    },
    {
      name: 'a mechanism without formats',
      files: FILES,
      manifest: manifest({ collectsNonPII: true, mechanism: MECHANISM }),
      expect: ['data/mechanism-declared', { code: 'data/formats-missing', status: 'warn', message: 'No extraction formats are named.' }],
    },
    {
      name: "only formats that need one vendor's software",
      files: FILES,
      manifest: manifest({ collectsNonPII: true, mechanism: MECHANISM, formats: ['XLS', 'SAV', 'accdb'] }),
      expect: [
        { code: 'data/proprietary-format-only', message: 'Every declared format is proprietary: XLS, SAV, accdb.', evidence: [{ path: 'dpg.yaml', line: 8 }] },
      ],
    },
  ],
});
