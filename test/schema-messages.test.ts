import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { allowedList, describeSchemaError, dottedPath, schemaAt, simplifySchemaErrors } from '../src/manifest/schema-messages.js';

describe('schema messages: paths and lists', () => {
  it('turns a JSON pointer into a dotted path with [index]', () => {
    expect(dottedPath('/sdgs/0/goal')).toBe('sdgs[0].goal');
    expect(dottedPath('/doNoHarm/privacy/piiLevel')).toBe('doNoHarm.privacy.piiLevel');
    expect(dottedPath('/registry/ownerOrgTypes/Acme Health Ltd.')).toBe('registry.ownerOrgTypes["Acme Health Ltd."]');
    expect(dottedPath('/a~1b/c~0d')).toBe('["a/b"]["c~d"]');
    // With the data, a number is an index only in a list: a policy's indicator "9" is a key.
    expect(dottedPath('/indicators/9/skip', { indicators: { 9: { skip: 1 } } })).toBe('indicators["9"].skip');
    expect(dottedPath('/waivers/0/code', { waivers: [{ code: 'x' }] })).toBe('waivers[0].code');
  });

  it('summarises allowed values: a run of whole numbers as a range, words as they are', () => {
    expect(allowedList(Array.from({ length: 17 }, (_, index) => index + 1))).toBe('1-17');
    expect(allowedList(['fail', 'warn'])).toBe('fail, warn');
    expect(allowedList([1, 3])).toBe('1, 3');
    expect(allowedList(['two words', null])).toBe('"two words", null');
  });

  it('finds the schema of a value through $ref, items and the policy schema', () => {
    expect(schemaAt('manifest', '/sdgs/0/goal')).toMatchObject({ type: 'integer', minimum: 1, maximum: 17 });
    expect(Object.keys((schemaAt('manifest', '/contact')?.properties ?? {}) as object)).toContain('email');
    expect(schemaAt('manifest', '/policy/waivers/0/expires')).toMatchObject({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
    expect(schemaAt('manifest', '/__proto__')).toBeUndefined();
    expect(schemaAt('manifest', '/constructor/x')).toBeUndefined();
  });
});

describe('schema messages: anyOf and oneOf are summarised', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile({
    type: 'object',
    properties: {
      version: {
        anyOf: [
          { type: 'string', minLength: 1 },
          { type: 'integer', minimum: 1 },
        ],
      },
      link: { oneOf: [{ type: 'string' }, { type: 'string', minLength: 3 }] },
      name: { type: 'string' },
    },
  });

  it('reports one plain message for the value instead of one per branch', () => {
    const data = { version: true, link: 'https://example.org', name: 5 };
    expect(validate(data)).toBe(false);
    const errors = simplifySchemaErrors(validate.errors ?? []);
    expect(errors.map((error) => error.keyword).sort()).toEqual(['anyOf', 'oneOf', 'type']);
    expect(errors.map((error) => describeSchemaError(error, data, 'manifest').message).sort()).toEqual([
      '`link` matches more than one of the allowed forms; it must match exactly one',
      '`name` must be text (a string), found a number',
      '`version` matches none of the allowed forms',
    ]);
  });
});
