import type { LoadedManifest } from '../manifest/load.js';
import { parseStructuredText } from '../manifest/parse.js';
import { validateManifestData } from '../manifest/validate.js';
import { isFileText, type RepositorySource } from '../source/types.js';
import type { LoadedPolicy, Policy } from './types.js';

export const POLICY_FILE_NAMES = ['.dpg-check.yaml', '.dpg-check.yml'] as const;
const MAX_POLICY_BYTES = 256 * 1024;

/** The project's policy: `.dpg-check.yaml` when there is one, else the manifest's `policy:`. */
export async function loadPolicy(source: RepositorySource, files: ReadonlySet<string>, manifest: LoadedManifest | undefined): Promise<LoadedPolicy | undefined> {
  const name = POLICY_FILE_NAMES.find((candidate) => files.has(candidate));
  if (name) {
    const read = await source.readText(name, MAX_POLICY_BYTES + 1);
    if (!isFileText(read)) return broken(name, `cannot read the policy: ${read.detail}`);
    if (read.size > MAX_POLICY_BYTES || read.binary) return broken(name, read.binary ? 'the policy is a binary file' : `the policy is over ${MAX_POLICY_BYTES} bytes`);
    return parsePolicy(name, read.text);
  }
  const policy = manifest?.data?.policy as Policy | undefined;
  if (manifest && policy) return { path: manifest.path, pointer: '/policy', policy, problems: [], locate: manifest.locate };
  return undefined;
}

export function parsePolicy(path: string, text: string): LoadedPolicy {
  const parsed = parseStructuredText(text, 'yaml');
  if (parsed.problems.length > 0) return { path, pointer: '', policy: {}, problems: parsed.problems, locate: parsed.locate };
  if (parsed.data === null || parsed.data === undefined) return { path, pointer: '', policy: {}, problems: [], locate: parsed.locate };
  const { valid, problems } = validateManifestData(parsed.data, 'policy');
  return {
    path,
    pointer: '',
    policy: (valid ?? {}) as Policy,
    problems: problems.map((problem) => {
      const position = problem.atKey && problem.key !== undefined ? parsed.locateKey(problem.pointer, problem.key) : parsed.locate(problem.pointer);
      const waiverCode = waiverCodeAt(parsed.data, problem.pointer);
      return { message: problem.message, ...(position ? { position } : {}), ...(waiverCode !== undefined ? { waiverCode } : {}) };
    }),
    locate: parsed.locate,
  };
}

/** The code a waiver names, when the pointer is a waiver's code (`/waivers/2/code`). */
function waiverCodeAt(data: unknown, pointer: string): string | undefined {
  const match = /^\/waivers\/(\d+)\/code$/.exec(pointer);
  if (!match || data === null || typeof data !== 'object' || !Array.isArray((data as { waivers?: unknown }).waivers)) return undefined;
  const code = ((data as { waivers: Array<{ code?: unknown } | null> }).waivers[Number(match[1])])?.code;
  return typeof code === 'string' ? code : undefined;
}

function broken(path: string, message: string): LoadedPolicy {
  return { path, pointer: '', policy: {}, problems: [{ message }], locate: () => undefined };
}
