import { standardsIndicator } from '../../src/indicators/i8-standards.js';
import { testIndicator } from '../support/indicator-tester.js';

/** A vaccine-stock service with an OpenAPI description, tests and CI; each case changes one of them. */
const OPENAPI = 'openapi: 3.1.0\ninfo:\n  title: Vaccine Stock API\n  version: 2.0.0\npaths: {}\n';
const FILES = {
  'README.md': '# Vaccine Stock\n\nTracks vaccine stock and cold-chain temperatures in district stores.\n',
  'api/openapi.yaml': OPENAPI,
  'src/stock.ts': 'export function remaining(received: number, issued: number): number {\n  return received - issued;\n}\n',
  'test/stock.test.ts': "import { remaining } from '../src/stock';\n",
  '.github/workflows/ci.yml':
    'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n',
};

const DECLARED = {
  openStandards: [{ name: 'OpenAPI 3.1', evidence: ['api/openapi.yaml'] }],
  bestPractices: [{ name: 'OpenSSF Best Practices (passing)', evidence: ['https://www.bestpractices.dev/projects/0000'] }],
};

function manifest(standards?: Record<string, unknown>, categories = ['software']): Record<string, unknown> {
  return { name: 'Vaccine Stock', categories, ...(standards ? { standards } : {}) };
}

function without(path: string): Record<string, string> {
  return Object.fromEntries(Object.entries(FILES).filter(([file]) => file !== path));
}

testIndicator(standardsIndicator, {
  valid: [
    {
      name: 'an open standard with its file and a best practice with a link',
      files: FILES,
      manifest: manifest(DECLARED),
      expect: [
        { code: 'standards/declared', message: 'Follows: OpenAPI 3.1, OpenSSF Best Practices (passing).' },
        {
          code: 'standards/adherence-review',
          status: 'review',
          message: 'Adherence to OpenSSF Best Practices (passing) is shown outside the repository or in words (1 answers).',
        },
      ],
    },
    {
      name: 'evidence written into the name',
      files: FILES,
      manifest: manifest({
        openStandards: [{ name: 'OpenAPI 3.1', evidence: ['api/openapi.yaml'] }],
        bestPractices: [{ name: 'Principles for Digital Development: https://digitalprinciples.org/' }],
      }),
      expect: ['standards/declared', 'standards/adherence-review'],
    },
    {
      name: 'an AI system with a risk assessment',
      files: FILES,
      manifest: manifest({ ...DECLARED, aiRiskAssessment: 'https://stock.example.org/ai-risk-assessment' }, ['ai-system']),
      expect: ['standards/declared'],
    },
  ],
  invalid: [
    {
      name: 'no standards and no best practices',
      files: FILES,
      manifest: manifest(),
      expect: [{ code: 'standards/not-declared', status: 'fail' }, 'standards/artefact-not-declared'],
    },
    {
      name: 'a standard without evidence',
      files: FILES,
      manifest: manifest({ openStandards: [{ name: 'OpenAPI 3.1', evidence: ['api/openapi.yaml'] }], bestPractices: [{ name: 'Semantic Versioning' }] }),
      expect: [
        {
          code: 'standards/evidence-missing',
          status: 'warn',
          message: '"Semantic Versioning" is declared without evidence of adherence.',
          evidence: [{ path: 'dpg.yaml', line: 10 }],
        },
      ],
    },
    {
      name: 'evidence that points at files the repository does not have',
      files: FILES,
      manifest: manifest({ openStandards: [{ name: 'HL7 FHIR R4', evidence: ['fhir/CapabilityStatement.json', 'docs/fhir-conformance.md'] }] }),
      expect: [
        {
          code: 'standards/evidence-not-found',
          message: 'Evidence for "HL7 FHIR R4" points at fhir/CapabilityStatement.json, docs/fhir-conformance.md, which are not in the repository.',
        },
        'standards/artefact-not-declared',
      ],
    },
    {
      name: 'an OpenAPI file the manifest does not claim',
      files: FILES,
      manifest: manifest({ bestPractices: DECLARED.bestPractices }),
      expect: [
        {
          code: 'standards/artefact-not-declared',
          message: 'api/openapi.yaml follows OpenAPI, which the manifest does not list.',
          evidence: [{ path: 'api/openapi.yaml' }],
        },
      ],
    },
    {
      name: 'no CI configuration',
      files: without('.github/workflows/ci.yml'),
      manifest: manifest(DECLARED),
      expect: [{ code: 'standards/no-ci', message: 'No CI configuration was found (GitHub Actions, GitLab CI, ...).' }],
    },
    {
      name: 'software without tests',
      files: without('test/stock.test.ts'),
      manifest: manifest(DECLARED),
      expect: [{ code: 'standards/no-tests', message: 'No test files were found.' }],
    },
    {
      name: 'an AI system without a risk assessment',
      files: FILES,
      manifest: manifest(DECLARED, ['ai-system']),
      expect: [{ code: 'standards/ai-risk-assessment-missing', message: 'The solution is an AI system, but no AI risk assessment is linked.' }],
    },
  ],
});
