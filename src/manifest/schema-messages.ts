import type { ErrorObject } from 'ajv/dist/2020.js';
import { readPackageJson } from '../util/package-files.js';
import { closestNames } from '../util/suggest.js';
import { parsePointer } from './parse.js';

/**
 * Plain-language messages for ajv's schema errors: "`name` must be text (a string), found a number"
 * rather than "/name must be string". The JSON pointer becomes a dotted path with [index]
 * (`sdgs[0].goal`), and an unknown key or value gets the closest allowed one as a suggestion.
 */

export interface SchemaProblem {
  /** JSON pointer of the value at fault (of its parent for a missing or unknown property). */
  pointer: string;
  /** A property that is unknown or missing, when the problem is about a key. */
  key?: string;
  /** The key itself is at fault (unknown, or not an allowed name): it is located where the key is written. */
  atKey?: boolean;
  message: string;
}

/** The schema files, by the kind of document they validate (the same as validate.ts's SCHEMAS). */
const SCHEMA_FILES = { manifest: 'schemas/dpg-manifest.schema.json', policy: 'schemas/policy.schema.json' } as const;
export type SchemaDocumentKind = keyof typeof SCHEMA_FILES;

type Schema = Record<string, unknown>;

const documents = new Map<SchemaDocumentKind, Schema>();

function schemaDocument(kind: SchemaDocumentKind): Schema {
  let document = documents.get(kind);
  if (!document) {
    document = readPackageJson<Schema>(SCHEMA_FILES[kind]);
    documents.set(kind, document);
  }
  return document;
}

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Follows `$ref`s (within a schema file, or to policy.schema.json) to the schema they name. */
function dereference(node: Schema, document: Schema): { node: Schema; document: Schema } | undefined {
  let current = { node, document };
  for (let hops = 0; hops < 20 && typeof current.node.$ref === 'string'; hops++) {
    const [file = '', fragment = ''] = current.node.$ref.split('#');
    const target =
      file === ''
        ? current.document
        : file.endsWith('policy.schema.json')
          ? schemaDocument('policy')
          : file.endsWith('dpg-manifest.schema.json')
            ? schemaDocument('manifest')
            : undefined;
    if (!target) return undefined;
    let found: unknown = target;
    for (const segment of parsePointer(fragment)) found = isSchema(found) && Object.hasOwn(found, segment) ? found[segment] : undefined;
    if (!isSchema(found)) return undefined;
    current = { node: found, document: target };
  }
  return current;
}

/** The schema that applies to the value at a JSON pointer, following properties, items and $ref. */
export function schemaAt(kind: SchemaDocumentKind, pointer: string): Schema | undefined {
  const root = schemaDocument(kind);
  let current = dereference(root, root);
  for (const segment of parsePointer(pointer)) {
    if (!current) return undefined;
    const { node, document } = current;
    const properties = node.properties;
    let next: unknown;
    if (isSchema(properties) && Object.hasOwn(properties, segment)) next = properties[segment];
    else if (/^\d+$/.test(segment) && isSchema(node.items)) next = node.items;
    else if (isSchema(node.additionalProperties)) next = node.additionalProperties;
    if (!isSchema(next)) return undefined;
    current = dereference(next, document);
  }
  return current?.node;
}

/**
 * `/sdgs/0/goal` as `sdgs[0].goal`. A key that is not a plain name is quoted
 * (`ownerOrgTypes["Acme Ltd."]`, `indicators["9a"]`); with the data, a number is an index only in a list.
 */
export function dottedPath(pointer: string, data?: unknown): string {
  let path = '';
  let current = data;
  for (const segment of parsePointer(pointer)) {
    const index = Array.isArray(current) || (!isSchema(current) && /^\d+$/.test(segment));
    if (index) path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
    current = isSchema(current) && Object.hasOwn(current, segment) ? current[segment] : Array.isArray(current) ? current[Number(segment)] : undefined;
  }
  return path;
}

/** Where a value is, for a message: `sdgs[0].goal` in backticks, or the whole document. */
function where(pointer: string, kind: SchemaDocumentKind, data: unknown): string {
  return pointer === '' ? `the ${kind}` : `\`${dottedPath(pointer, data)}\``;
}

/** The value at a JSON pointer in the data (own properties only). */
function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isSchema(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text (a string)',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
  null: 'empty (null)',
};

/** What a value is, for "found ...": short text and numbers are quoted, the rest named. */
function found(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return value.length <= 40 ? JSON.stringify(value) : 'a longer text';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `\`${value}\``;
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

/** The kind of value only (for a type error the value itself says little): "found a number". */
function foundKind(value: unknown): string {
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a number' : `the number ${value}`;
  return found(value);
}

function withFound(message: string, value: unknown, kindOnly = false): string {
  const what = kindOnly ? foundKind(value) : found(value);
  return what === '' ? message : `${message}, found ${what}`;
}

/** Allowed values for a message: a run of whole numbers as `1-17`, words as they are, the rest as JSON. */
export function allowedList(values: readonly unknown[]): string {
  const numbers = values.every((value) => Number.isInteger(value)) ? (values as number[]) : undefined;
  if (numbers && numbers.length >= 3) {
    const sorted = [...numbers].sort((a, b) => a - b);
    if (sorted.every((value, index) => index === 0 || value === (sorted[index - 1] as number) + 1)) return `${sorted[0]}-${sorted[sorted.length - 1]}`;
  }
  const shown = values.slice(0, 12).map((value) => (typeof value === 'string' && /^[\w.-]+$/.test(value) ? value : JSON.stringify(value)));
  return `${shown.join(', ')}${values.length > shown.length ? `, ... (${values.length} in all)` : ''}`;
}

/** "; did you mean `sdgs`?" (or "`9a`, `9b` or `9c`" when several are as close), or nothing. */
/** A key as written, cut short when it is long (a key of 10,000 characters makes no message). */
function keyName(key: string): string {
  return key.length <= 60 ? key : `${key.slice(0, 57)}...`;
}

function didYouMean(word: unknown, candidates: readonly unknown[]): string {
  if (typeof word !== 'string') return '';
  const closest = closestNames(
    word,
    candidates.filter((candidate): candidate is string => typeof candidate === 'string'),
  ).map((name) => `\`${name}\``);
  if (closest.length === 0) return '';
  const last = closest.pop() as string;
  return `; did you mean ${closest.length > 0 ? `${closest.join(', ')} or ${last}` : last}?`;
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? `one ${one}` : `${count} ${many}`;
}

function patternMessage(pattern: string): string {
  if (pattern.startsWith('^https?')) return 'must be an http(s) URL';
  if (pattern.includes('@')) return 'must be an email address';
  if (pattern.includes('\\.([0-9]{1,2}|[a-z])')) return 'must be an SDG target such as "3.8" or "4.a"';
  if (pattern === '^[a-z0-9]+/[a-z0-9-]+$') return 'must be a finding code such as license/not-approved (docs/checks.md lists them)';
  if (pattern === '^\\d{4}-\\d{2}-\\d{2}$') return 'must be a date written YYYY-MM-DD, such as 2026-12-31';
  return `must match the pattern \`${pattern}\``;
}

const FORMAT_NAMES: Record<string, string> = {
  uri: 'URL',
  'uri-reference': 'URL',
  email: 'email address',
  date: 'date (YYYY-MM-DD)',
  'date-time': 'date and time',
};

/** The bounds of a number, from the schema of the value: `1-17`, `at least 0`. */
function boundsMessage(kind: SchemaDocumentKind, error: ErrorObject, value: unknown): string {
  const schema = schemaAt(kind, error.instancePath) ?? {};
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema as {
    minimum?: number;
    maximum?: number;
    exclusiveMinimum?: number;
    exclusiveMaximum?: number;
  };
  let bounds: string;
  if (typeof minimum === 'number' && typeof maximum === 'number')
    bounds = schema.type === 'integer' ? `must be one of ${minimum}-${maximum}` : `must be from ${minimum} to ${maximum}`;
  else if (error.keyword === 'minimum') bounds = `must be at least ${String(error.params.limit)}`;
  else if (error.keyword === 'maximum') bounds = `must be at most ${String(error.params.limit)}`;
  else if (error.keyword === 'exclusiveMinimum') bounds = `must be more than ${String(exclusiveMinimum ?? error.params.limit)}`;
  else bounds = `must be less than ${String(exclusiveMaximum ?? error.params.limit)}`;
  return withFound(bounds, value);
}

/** One ajv error as a problem a person can act on. `data` is the document validated. */
export function describeSchemaError(error: ErrorObject, data: unknown, kind: SchemaDocumentKind): SchemaProblem {
  const pointer = error.instancePath;
  const at = where(pointer, kind, data);
  const value = valueAt(data, pointer);
  const params = error.params as Record<string, unknown>;
  const problem = (message: string): SchemaProblem => ({ pointer, message: `${at} ${message}` });
  // A key that propertyNames refuses (an indicator "10" in a policy): ajv reports it on the mapping.
  if (error.propertyName !== undefined) {
    const key = error.propertyName;
    const rule =
      error.keyword === 'enum'
        ? `must be one of ${allowedList(params.allowedValues as unknown[])}${didYouMean(key, params.allowedValues as unknown[])}`
        : 'is not an allowed name';
    return { pointer, key, atKey: true, message: `the key \`${keyName(key)}\` in ${at} ${rule}` };
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const properties = schemaAt(kind, pointer)?.properties;
      const allowed = isSchema(properties) ? Object.keys(properties) : [];
      const suggestion = didYouMean(key, allowed);
      const listed = suggestion === '' && allowed.length > 0 && allowed.length <= 8 ? ` (allowed: ${allowed.join(', ')})` : '';
      return { pointer, key, atKey: true, message: `unknown key \`${keyName(key)}\` in ${at}${suggestion}${listed}` };
    }
    case 'required': {
      const key = String(params.missingProperty);
      return { pointer, key, message: `${at} has no \`${keyName(key)}\`, which is required` };
    }
    case 'type': {
      const types = Array.isArray(params.type) ? (params.type as string[]) : String(params.type).split(',');
      return problem(withFound(`must be ${types.map((type) => TYPE_NAMES[type] ?? type).join(' or ')}`, value, true));
    }
    case 'enum': {
      const allowed = params.allowedValues as unknown[];
      return problem(`${withFound(`must be one of ${allowedList(allowed)}`, value)}${didYouMean(value, allowed)}`);
    }
    case 'const':
      return problem(withFound(`must be ${JSON.stringify(params.allowedValue)}`, value));
    case 'minItems': {
      const limit = Number(params.limit);
      return problem(`needs at least ${plural(limit, 'entry', 'entries')}`);
    }
    case 'maxItems':
      return problem(`may have at most ${plural(Number(params.limit), 'entry', 'entries')}${Array.isArray(value) ? `, found ${value.length}` : ''}`);
    case 'minLength': {
      const limit = Number(params.limit);
      return problem(limit === 1 ? 'must not be empty' : `must be at least ${limit} characters long`);
    }
    case 'maxLength':
      return problem(`may be at most ${Number(params.limit)} characters long${typeof value === 'string' ? `, found ${value.length}` : ''}`);
    case 'pattern':
      return problem(withFound(patternMessage(String(params.pattern)), value));
    case 'format':
      return problem(withFound(`must be a valid ${FORMAT_NAMES[String(params.format)] ?? String(params.format)}`, value));
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return problem(boundsMessage(kind, error, value));
    case 'uniqueItems': {
      const first = Math.min(Number(params.i), Number(params.j));
      const second = Math.max(Number(params.i), Number(params.j));
      const path = pointer === '' ? '' : dottedPath(pointer, data);
      return { pointer: `${pointer}/${second}`, message: `${at} lists the same entry twice: \`${path}[${first}]\` and \`${path}[${second}]\`` };
    }
    case 'anyOf':
    case 'oneOf':
      return problem(
        Array.isArray(params.passingSchemas) ? 'matches more than one of the allowed forms; it must match exactly one' : 'matches none of the allowed forms',
      );
    case 'minProperties':
      return problem(`needs at least ${plural(Number(params.limit), 'key', 'keys')}`);
    default:
      return problem(error.message ?? 'is not valid');
  }
}

/**
 * The errors a person can act on: branches of an `anyOf`/`oneOf` are summarised by it (the
 * branches compiled into the same function share its schema path); `if` and `propertyNames`
 * repeat what the errors they wrap say.
 */
export function simplifySchemaErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const combinators = errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf');
  return errors.filter((error) => {
    if (error.keyword === 'if' || error.keyword === 'propertyNames') return false;
    return !combinators.some(
      (combinator) =>
        combinator !== error &&
        error.schemaPath.startsWith(`${combinator.schemaPath}/`) &&
        (error.instancePath === combinator.instancePath || error.instancePath.startsWith(`${combinator.instancePath}/`)),
    );
  });
}

/** Where the value to remove for an error is: the unknown key, the refused key, the duplicate item, or the value. */
export function removalTarget(error: ErrorObject, problem: SchemaProblem): string {
  const escapeKey = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${escapeKey(String(error.params.additionalProperty))}`;
  if (error.propertyName !== undefined) return `${error.instancePath}/${escapeKey(error.propertyName)}`;
  if (error.keyword === 'uniqueItems') return problem.pointer;
  return error.instancePath;
}
