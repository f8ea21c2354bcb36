/**
 * publiccode.yml (https://yml.publiccode.tools, version 0.4) publishes its rules as a Go parser, not as
 * a JSON Schema. This schema checks the fields the standard requires, so that what convert writes has
 * every one of them; the official parser checks more (vocabularies, description lengths).
 */
const description = {
  type: 'object',
  required: ['shortDescription', 'longDescription', 'features'],
  properties: {
    shortDescription: { type: 'string', minLength: 1, maxLength: 150 },
    longDescription: { type: 'string', minLength: 1 },
    features: { type: 'array', minItems: 1, items: { type: 'string' } },
    documentation: { type: 'string' },
    apiDocumentation: { type: 'string' },
  },
};

export const PUBLICCODE_SCHEMA: Record<string, unknown> = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: "publiccode.yml 0.4: required fields (dpg-check's minimal check)",
  type: 'object',
  required: [
    'publiccodeYmlVersion',
    'name',
    'url',
    'platforms',
    'categories',
    'developmentStatus',
    'softwareType',
    'description',
    'legal',
    'maintenance',
    'localisation',
  ],
  properties: {
    publiccodeYmlVersion: { type: 'string', pattern: '^0\\.[0-9]+' },
    name: { type: 'string', minLength: 1 },
    url: { type: 'string', pattern: '^https?://' },
    landingURL: { type: 'string', pattern: '^https?://' },
    platforms: { type: 'array', minItems: 1, items: { type: 'string' } },
    categories: { type: 'array', minItems: 1, items: { type: 'string' } },
    developmentStatus: { enum: ['concept', 'development', 'beta', 'stable', 'obsolete'] },
    softwareType: {
      enum: [
        'standalone/mobile',
        'standalone/iot',
        'standalone/desktop',
        'standalone/web',
        'standalone/backend',
        'standalone/other',
        'addon',
        'library',
        'configurationFiles',
      ],
    },
    description: { type: 'object', minProperties: 1, additionalProperties: description },
    legal: {
      type: 'object',
      required: ['license'],
      properties: { license: { type: 'string', minLength: 1 }, mainCopyrightOwner: { type: 'string' }, repoOwner: { type: 'string' } },
    },
    maintenance: {
      type: 'object',
      required: ['type'],
      properties: {
        type: { enum: ['internal', 'contract', 'community', 'none'] },
        contacts: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, email: { type: 'string' } } } },
      },
    },
    localisation: {
      type: 'object',
      required: ['localisationReady', 'availableLanguages'],
      properties: { localisationReady: { type: 'boolean' }, availableLanguages: { type: 'array', minItems: 1, items: { type: 'string' } } },
    },
    dependsOn: { type: 'object' },
  },
};
