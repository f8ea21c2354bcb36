import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { validateManifestData } from '../manifest/validate.js';
import { readPackageJson } from '../util/package-files.js';
import { DPGA_APP_SCHEMA } from './dpga-app-schema.js';
import type { FormatId } from './types.js';
import { PUBLICCODE_SCHEMA } from './publiccode-schema.js';

/**
 * The schema each written format is checked against before convert writes it. The DPGA's nominee and
 * screening schemas are copies under schemas/dpga/ (draft-07; ajv's strict mode refuses the screening
 * schema's `contentType` keyword, so both compile with `strict: false`). The application record and
 * publiccode.yml have no published JSON Schema: ours check their required fields.
 */
const SCHEMA_SOURCES: Partial<Record<FormatId, () => Record<string, unknown>>> = {
  'dpga-nominee': () => readPackageJson<Record<string, unknown>>('schemas/dpga/nominee-schema.json'),
  'dpga-screening': () => readPackageJson<Record<string, unknown>>('schemas/dpga/screening-schema.json'),
  'dpga-app': () => DPGA_APP_SCHEMA,
  publiccode: () => PUBLICCODE_SCHEMA,
};

const compiled = new Map<FormatId, ValidateFunction>();

function validatorFor(format: FormatId): ValidateFunction | undefined {
  const cached = compiled.get(format);
  if (cached) return cached;
  const source = SCHEMA_SOURCES[format];
  if (!source) return undefined;
  const schema = { ...source() };
  // The DPGA schemas carry `"$id": ""`, which ajv would register as the empty URI.
  if (schema.$id === '') delete schema.$id;
  const validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
  compiled.set(format, validator);
  return validator;
}

/** Problems of a document against its format's schema: `pointer message` lines, empty when valid. */
export function schemaProblems(format: FormatId, document: unknown): string[] {
  if (format === 'dpg-yaml' || format === 'dpg-json') {
    return validateManifestData(document).problems.map((problem) => problem.message);
  }
  const validate = validatorFor(format);
  if (!validate || validate(document)) return [];
  return (validate.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '/'} ${error.message ?? 'is not valid'}`);
}
