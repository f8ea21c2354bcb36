import { LICENSE_NAMES_ABOVE, type LoadedManifest } from '../manifest/load.js';
import { parseStructuredText } from '../manifest/parse.js';
import { validateManifestData } from '../manifest/validate.js';
import path from 'node:path';
import { findNearestAbove, levelsAbove, readFoundAbove } from '../source/parent-files.js';
import { isFileText, type FileReadProblem, type FileText, type RepositorySource } from '../source/types.js';
import type { LoadedPolicy, Policy, Waiver } from './types.js';
import type { PathLookup } from '../util/path-lookup.js';

export const POLICY_FILE_NAMES = ['.dpg-check.yaml', '.dpg-check.yml'] as const;
const MAX_POLICY_BYTES = 256 * 1024;

/**
 * The project's policy, the nearest one: `.dpg-check.yaml` in the checked folder; else the manifest's
 * `policy:` when the manifest is the folder's own (or named on the command line); else, for a local
 * folder below the root of a git work tree, the nearest `.dpg-check.yaml` in the folders above it, up
 * to that root, where a manifest found above answers with its `policy:` for its own folder (a
 * `.dpg-check.yaml` beside it still wins, as in the checked folder). A policy found above is named by
 * its path from the checked folder (`../../.dpg-check.yaml`); its waivers' paths, written from its own
 * folder, are read from the checked folder, and a waiver for a file elsewhere in the repository (another
 * package) is left out: it is not this folder's.
 */
export async function loadPolicy(source: RepositorySource, files: PathLookup, manifest: LoadedManifest | undefined): Promise<LoadedPolicy | undefined> {
  const name = POLICY_FILE_NAMES.find((candidate) => files.has(candidate));
  if (name) return policyFromRead(name, await source.readText(name, MAX_POLICY_BYTES + 1));
  const policy = manifest?.data?.policy as Policy | undefined;
  const manifestPolicy = manifest && policy ? { path: manifest.path, pointer: '/policy', policy, problems: [], locate: manifest.locate } : undefined;
  // How far up the manifest is: 0 for the folder's own (or one named on the command line).
  const manifestLevels = manifest?.origin === 'repository' ? levelsAbove(manifest.path) : 0;
  if (manifestPolicy && manifestLevels === 0) return manifestPolicy;
  const found = await findNearestAbove(source.description, POLICY_FILE_NAMES, manifestPolicy ? { maxLevels: manifestLevels } : {});
  const loaded = found ? policyFromRead(found.path, await readFoundAbove(source.description, found, MAX_POLICY_BYTES + 1)) : manifestPolicy;
  return loaded && levelsAbove(loaded.path) > 0 ? forSubfolder(loaded, source.description.location, manifest?.path) : loaded;
}

function policyFromRead(name: string, read: FileText | FileReadProblem): LoadedPolicy {
  if (!isFileText(read)) return broken(name, `cannot read the policy: ${read.detail}`);
  if (read.size > MAX_POLICY_BYTES || read.binary)
    return broken(name, read.binary ? 'the policy is a binary file' : `the policy is over ${MAX_POLICY_BYTES} bytes`);
  return parsePolicy(name, read.text);
}

/**
 * A policy from a folder above the checked one, as the checked folder reads it. Waiver paths are
 * written from the policy's folder (`packages/api/README.md`): each becomes the path from the checked
 * folder (`README.md`), as findings name files; a waiver for a file outside the checked folder is
 * another part's and is left out (the manifest and the licence file found above excepted: findings name them). Positions
 * of the waivers kept still point at their lines.
 */
/** A licence file in a folder above, which a subfolder's check counts as its own (src/facts/gather.ts). */
function isLicenceAbove(rebased: string): boolean {
  return /^(?:\.\.\/)+[^/]+$/.test(rebased) && LICENSE_NAMES_ABOVE.includes(rebased.slice(rebased.lastIndexOf('/') + 1));
}

function forSubfolder(loaded: LoadedPolicy, checkedFolder: string, manifestPath: string | undefined): LoadedPolicy {
  const waivers = loaded.policy.waivers;
  if (!waivers || waivers.every((waiver) => waiver.path === undefined)) return loaded;
  // The folder the policy speaks for: the one holding .dpg-check.yaml, or the manifest's project folder (also for ../.github/dpg.yaml).
  const policyFolder = path.resolve(checkedFolder, ...Array.from({ length: levelsAbove(loaded.path) }, () => '..'));
  const kept: Waiver[] = [];
  const originalIndex: number[] = [];
  waivers.forEach((waiver, index) => {
    let rebased: string | undefined;
    if (waiver.path === undefined) rebased = undefined;
    else {
      rebased = path.relative(checkedFolder, path.resolve(policyFolder, waiver.path)).split(path.sep).join('/');
      // The checked folder itself: a waiver names files exactly, so '' (which would match every
      // finding of the code) becomes '.', which names the folder as it did.
      if (rebased === '') rebased = '.';
      // Another part of the tree is another package's; a file in a folder above (the manifest found
      // there, the licence beside it: `../../LICENSE`) is this check's too, and its findings name it.
      if ((rebased === '..' || rebased.startsWith('../')) && rebased !== manifestPath && !isLicenceAbove(rebased)) return;
    }
    kept.push(rebased === undefined ? waiver : { ...waiver, path: rebased });
    originalIndex.push(index);
  });
  const prefix = `${loaded.pointer}/waivers/`;
  const locate = (pointer: string): ReturnType<LoadedPolicy['locate']> => {
    if (!pointer.startsWith(prefix)) return loaded.locate(pointer);
    const rest = pointer.slice(prefix.length);
    const slash = rest.indexOf('/');
    const index = Number(slash === -1 ? rest : rest.slice(0, slash));
    const original = Number.isInteger(index) ? originalIndex[index] : undefined;
    return original === undefined ? loaded.locate(pointer) : loaded.locate(`${prefix}${original}${slash === -1 ? '' : rest.slice(slash)}`);
  };
  return { ...loaded, policy: { ...loaded.policy, waivers: kept }, locate };
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
  const code = (data as { waivers: Array<{ code?: unknown } | null> }).waivers[Number(match[1])]?.code;
  return typeof code === 'string' ? code : undefined;
}

function broken(path: string, message: string): LoadedPolicy {
  return { path, pointer: '', policy: {}, problems: [{ message }], locate: () => undefined };
}
