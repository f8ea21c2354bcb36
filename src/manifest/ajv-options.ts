/**
 * The ajv options for the manifest schema, shared by the run-time compiler and the build-time
 * standalone one so that both validate alike. Formats are annotations for editors here; every URL and
 * email has a `pattern` that ajv checks.
 */
export const MANIFEST_AJV_OPTIONS = { allErrors: true, strict: true, validateFormats: false } as const;
