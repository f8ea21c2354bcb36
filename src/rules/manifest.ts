import type { Facts } from '../facts/types.js';
import { defineCodes, type DraftOf } from '../findings.js';
import { isFromAbove, MANIFEST_FILE_NAMES } from '../manifest/load.js';

/** Findings about the manifest file itself; they belong to no indicator. */
export const MANIFEST_CODES = defineCodes({
  'manifest/found': {
    status: 'pass',
    title: 'Manifest read',
    description: 'The manifest declares what no file can show: SDGs, laws, PII handling, moderation.',
    message: 'Read the manifest {path}.',
  },
  'manifest/converted': {
    status: 'pass',
    title: 'Manifest read from another format',
    description: `Without a dpg manifest, dpg-check reads a DPGA nominee record (dpga-nominee.json or nominee.json, with dpga-screening.json or screening.json) or a publiccode.yml as one, converted as \`dpg-check convert\` does.`,
    message:
      'No dpg manifest; read {files/ } ({formats/ and }) as the manifest{?lost:; {lost} of their values have no place in it (`dpg-check convert` lists them)}. `dpg-check convert {files/ } --to dpg-yaml -o dpg.yaml` keeps the answers in a dpg manifest to complete.',
  },
  'manifest/application': {
    status: 'pass',
    title: 'Application read as the manifest',
    description:
      'An application in the DPGA registry formats (a nominee record with its screening record, an application API record) or a publiccode.yml is read as the manifest, converted as `dpg-check convert` does: given as the target or with --manifest, or, in `dpg-check audit --registry`, the registry record of a repository that has no dpg manifest of its own.',
    message:
      'Read the application {files/ } ({formats/ and }) as the manifest{?lost:; {lost} of their values have no place in it (`dpg-check convert` lists them)}.',
  },
  'manifest/missing': {
    status: 'warn',
    title: 'No manifest',
    description: `Indicators 1 and 4-9 are declarations that only a manifest can hold; dpg-check looks for ${MANIFEST_FILE_NAMES.join(', ')}.`,
    message: 'No dpg manifest was found; only what the files show could be checked. Run `dpg-check init` to start one.',
    fix: 'Run `dpg-check init` in the repository: it writes dpg.yaml with what the files show and asks the rest (or `dpg-check init --yes` to write what it detects and answer later).',
  },
  'manifest/no-repository': {
    status: 'warn',
    title: 'Manifest checked without its repository',
    description:
      'Only the declarations were checked: licence files, copyright notices, the README, community files and dependencies were not inspected, so nothing the manifest says was cross-checked.',
    message: 'Only the manifest {path} was checked; the repository itself was not inspected.',
    fix: 'Check the repository (a folder, github:OWNER/REPO or a git URL) to cross-check the declarations with the files.',
  },
  'manifest/syntax-error': {
    status: 'fail',
    title: 'Manifest is not valid YAML/JSON',
    description: 'A manifest that cannot be parsed declares nothing.',
    message: '{path}: {detail}',
    fix: 'Correct the syntax at the given line and column.',
  },
  'manifest/schema-error': {
    status: 'fail',
    title: 'Manifest does not follow the schema',
    description: 'Values that break schemas/dpg-manifest.schema.json are ignored by the checks, so they count as not declared.',
    message: '{path}: {detail}',
    fix: 'Correct the value; editors that read the schema line at the top of dpg.yaml show what is allowed.',
  },
  'manifest/empty': {
    status: 'fail',
    title: 'Manifest is empty',
    description: 'An empty manifest declares nothing.',
    message: '{path} is empty.',
    fix: 'Fill in the manifest, starting from the example in the README.',
  },
  'manifest/unreadable': {
    status: 'fail',
    title: 'Manifest cannot be read',
    description: 'A manifest that is too large, binary or not readable is not used.',
    message: '{path}: {detail}',
    fix: 'Make the manifest a readable UTF-8 YAML or JSON file of a few kilobytes.',
  },
});

/** A finding about the manifest: one of its codes, with the arguments its templates name. */
type Draft = DraftOf<typeof MANIFEST_CODES>;

const KIND_TO_CODE = {
  syntax: 'manifest/syntax-error',
  schema: 'manifest/schema-error',
  empty: 'manifest/empty',
  unreadable: 'manifest/unreadable',
  'too-large': 'manifest/unreadable',
} as const;

export function manifestFindings(facts: Facts): Draft[] {
  const manifest = facts.manifest;
  if (!manifest) return [{ code: 'manifest/missing' }];
  const findings: Draft[] = manifest.problems.map((problem) => ({
    code: KIND_TO_CODE[problem.kind],
    args: { path: manifest.path, detail: problem.message },
    evidence: [{ path: manifest.path, ...(problem.position ? { line: problem.position.line, column: problem.position.column } : {}) }],
  }));
  const converted = manifest.convertedFrom;
  if (manifest.data && converted) {
    findings.unshift({
      code: manifest.origin === 'repository' ? 'manifest/converted' : 'manifest/application',
      args: { files: converted.files, formats: converted.formats, lost: converted.lost > 0 ? converted.lost : undefined },
      evidence: converted.files.map((file) => ({ path: file })),
    });
  } else if (manifest.data) {
    // A manifest found above the checked folder (a package of a monorepo) says so where it is named.
    const above = isFromAbove(manifest);
    findings.unshift({
      code: 'manifest/found',
      args: { path: manifest.path },
      evidence: [
        { path: manifest.path, ...(above ? { note: 'found above the checked folder: the nearest manifest up to the root of the git work tree' } : {}) },
      ],
    });
  }
  if (!facts.hasRepository) findings.push({ code: 'manifest/no-repository', args: { path: manifest.path }, evidence: [{ path: manifest.path }] });
  return findings;
}
