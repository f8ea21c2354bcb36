import { fileURLToPath } from 'node:url';
import type { Ajv2020 as Ajv2020Class, ValidateFunction } from 'ajv/dist/2020.js';
import { createRequire } from 'node:module';
import { packageFileUrl, readPackageJson } from '../util/package-files.js';
import { MANIFEST_AJV_OPTIONS } from './ajv-options.js';
import { parsePointer } from './parse.js';
import { describeSchemaError, removalTarget, simplifySchemaErrors, type SchemaProblem } from './schema-messages.js';

export type { SchemaProblem } from './schema-messages.js';

/** Marks an array item that failed validation until the array is compacted. */
const REMOVED = Symbol('removed');

/** The schemas dpg-check validates user files against, and their build-time standalone validators. */
export const SCHEMAS = {
  manifest: { schema: 'schemas/dpg-manifest.schema.json', standalone: 'generated/manifest-validator.cjs' },
  policy: { schema: 'schemas/policy.schema.json', standalone: 'generated/policy-validator.cjs' },
} as const;
export type SchemaKind = keyof typeof SCHEMAS;

const validators = new Map<SchemaKind, ValidateFunction>();

function getValidator(kind: SchemaKind): ValidateFunction {
  const cached = validators.get(kind);
  if (cached) return cached;
  let validator: ValidateFunction;
  try {
    // Built by scripts/build-manifest-validator.js: no schema compilation at start-up.
    validator = createRequire(import.meta.url)(fileURLToPath(packageFileUrl(SCHEMAS[kind].standalone))) as ValidateFunction;
  } catch {
    // Only a source checkout that was never built gets here; loading ajv itself is the slow part.
    const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020Class };
    const ajv = new Ajv2020(MANIFEST_AJV_OPTIONS);
    // The manifest refers to the policy schema by its $id.
    ajv.addSchema(readPackageJson<Record<string, unknown>>(SCHEMAS.policy.schema));
    validator =
      kind === 'policy'
        ? (ajv.getSchema(readPackageJson<{ $id: string }>(SCHEMAS.policy.schema).$id) as ValidateFunction)
        : ajv.compile(readPackageJson<Record<string, unknown>>(SCHEMAS[kind].schema));
  }
  validators.set(kind, validator);
  return validator;
}

/**
 * Validates manifest data and returns the part of it that is valid: each value the schema refuses is
 * removed (and reported), so that one typo does not hide every other declaration from the checks.
 */
export function validateManifestData(data: unknown, kind: SchemaKind = 'manifest'): { valid: unknown; problems: SchemaProblem[] } {
  const validate = getValidator(kind);
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  const removedPaths: string[] = [];
  let current = structuredClone(data);
  // Each round removes at least one offending value, so the loop ends; the bound is a safety net.
  for (let round = 0; round < 50; round++) {
    let passed: boolean;
    try {
      passed = validate(current) as boolean;
    } catch {
      // ajv's deep equality (uniqueItems) calls methods such as toString, which a key can shadow.
      problems.push({ pointer: '', message: `the ${kind} holds a key that cannot be validated (such as "toString" or "valueOf" in a list item)` });
      return { valid: null, problems };
    }
    if (passed) return { valid: current, problems };
    const errors = simplifySchemaErrors(validate.errors ?? []);
    let removed = false;
    for (const error of errors) {
      const problem = describeSchemaError(error, current, kind);
      const id = `${problem.pointer}|${problem.key ?? ''}|${problem.message}`;
      // A required value that is missing because an invalid one was removed was reported already.
      const consequence = error.keyword === 'required' && removedPaths.some((path) => path.startsWith(`${error.instancePath}/`));
      if (!seen.has(id) && !consequence) {
        seen.add(id);
        problems.push(problem);
      }
      // A missing required field at the root (the name) leaves the rest usable; deeper, the object
      // without it (an SDG without its goal) means nothing, so it goes.
      if (error.keyword === 'required' && error.instancePath === '') continue;
      const target = removalTarget(error, problem);
      if (target === '') return { valid: null, problems };
      if (removeAt(current, target)) {
        removed = true;
        removedPaths.push(target);
      }
    }
    // Only `required` problems left: nothing to remove, and the rest of the data is still usable.
    if (!removed) return { valid: current, problems };
    current = compact(current);
    // Compacting shifts array indexes, so problems found from here on may point one item off; with
    // allErrors, ajv reports nearly everything in the first round.
  }
  return { valid: null, problems };
}

function removeAt(root: unknown, pointer: string): boolean {
  const segments = parsePointer(pointer);
  const last = segments.pop();
  if (last === undefined) return false;
  let parent: unknown = root;
  for (const segment of segments) {
    if (parent === null || typeof parent !== 'object') return false;
    parent = (parent as Record<string, unknown>)[segment];
  }
  if (Array.isArray(parent)) {
    const index = Number(last);
    if (!Number.isInteger(index) || index >= parent.length) return false;
    // Mark rather than splice so that the indexes of the other errors in this round stay right.
    parent[index] = REMOVED;
    return true;
  }
  if (parent !== null && typeof parent === 'object' && last in parent) {
    delete (parent as Record<string, unknown>)[last];
    return true;
  }
  return false;
}

/** Drops the array items marked as removed. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== REMOVED).map(compact);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, compact(item)]));
  }
  return value;
}
