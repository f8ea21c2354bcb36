/**
 * The application API's record (app.digitalpublicgoods.net) has no published schema. This one holds
 * what convert writes to its required minimum, from records the API returned: a name, categories,
 * SDGs with their relevance and open licences with their evidence.
 */
export const DPGA_APP_SCHEMA: Record<string, unknown> = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: "DPGA application record (dpg-check's minimal check)",
  type: 'object',
  required: ['name', 'description', 'categories', 'sdgs', 'openlicenses'],
  properties: {
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    categories: { type: 'array', minItems: 1, items: { type: 'string' } },
    sdgs: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['sdg'], properties: { sdg: { type: 'string', pattern: '^SDG([1-9]|1[0-7])\\b' }, relevance: { type: 'string' } } },
    },
    openlicenses: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['openLicense'],
        properties: { openLicense: { type: 'string', minLength: 1 }, openLicenseEvidenceURLs: { type: 'string' } },
      },
    },
    repositories: { type: 'array', items: { type: 'object', required: ['url'], properties: { name: { type: 'string' }, url: { type: 'string' } } } },
    organizations: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, org_type: { type: 'string' } } } },
  },
};
