import { lstat, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { DpgCheckError, ExitCode, UsageError } from '../errors.js';
import { MANIFEST_FILE_NAMES } from '../manifest/load.js';
import type { DpgManifest } from '../manifest/types.js';
import { validateManifestData } from '../manifest/validate.js';

export interface InitCommandOptions {
  yes?: boolean;
  force?: boolean;
}

/** `dpg-check init [folder]`: writes dpg.yaml from what the repository shows and what its people answer. */
export async function runInitCommand(target: string, options: InitCommandOptions): Promise<number> {
  const directory = path.resolve(target);
  if (!(await isDirectory(directory))) throw new UsageError(`Not a folder: ${target}`);
  const output = path.join(directory, 'dpg.yaml');
  const existing = [];
  for (const name of MANIFEST_FILE_NAMES) if (await exists(path.join(directory, name))) existing.push(name);
  // A link (even one that points nowhere) would be written through, to wherever it points.
  const outputInfo = await lstat(output).catch(() => undefined);
  if (outputInfo && !outputInfo.isFile()) throw new UsageError(`${path.relative(process.cwd(), output) || output} is ${outputInfo.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}; init writes only a plain dpg.yaml`, 'Remove it (or replace it with a file) and run init again.');
  if (existing.length > 0 && !options.force) {
    throw new UsageError(`${existing.join(', ')} already ${existing.length > 1 ? 'exist' : 'exists'} in ${target}; init does not overwrite a manifest without --force`, 'Run `dpg-check check` to see what the manifest still lacks.');
  }
  if (!options.yes && !process.stdin.isTTY) throw new UsageError('init asks its questions on a terminal, and standard input is not one', 'Run it in a terminal, or use --yes to write what the repository shows without asking.');

  const [{ detect }, { renderManifest, withEmptyAnswers }] = await Promise.all([import('../init/detect.js'), import('../init/write.js')]);
  const detected = await detect(directory);
  let manifest: DpgManifest;
  if (options.yes) {
    manifest = withEmptyAnswers({ ...detected.manifest, name: detected.manifest.name ?? path.basename(directory) });
  } else {
    const { askQuestions } = await import('../init/questions.js');
    try {
      manifest = await askQuestions(detected, (text) => process.stdout.write(text));
    } catch (error) {
      // Ctrl+C or a closed terminal: nothing is written.
      if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw new UsageError('init was cancelled; nothing was written');
      throw error;
    }
    manifest = withEmptyAnswers(manifest);
  }
  const text = renderManifest(manifest, { openQuestions: true, ...(options.yes ? { detectedFrom: detected.sources } : {}) });
  const problems = validateManifestData(parse(text)).problems;
  if (problems.length > 0) throw new DpgCheckError(`the manifest init built is not valid: ${problems[0]?.message}`, ExitCode.Incomplete, 'Please report this with the repository.');
  await writeNew(output, text);
  const relative = path.relative(process.cwd(), output) || output;
  const found = Object.entries(detected.sources).map(([field, from]) => `  ${field}: ${from}`);
  process.stderr.write(`Wrote ${relative}.\n${found.length > 0 ? `From the repository:\n${found.join('\n')}\n` : ''}Next: dpg-check check ${target === '.' ? '' : target} reports what is still missing.\n`.replace('check  reports', 'check reports'));
  return ExitCode.Ready;
}

async function isDirectory(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isDirectory();
  } catch {
    return false;
  }
}

/** Whether anything is there, a dangling link included. */
async function exists(target: string): Promise<boolean> {
  try {
    await lstat(target);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a new file next to the target (created exclusively: never through a link), then renames it
 * over the target: a link put there in the meantime is replaced, not followed.
 */
async function writeNew(output: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(output), `.dpg.yaml.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temporary, text, { flag: 'wx', mode: 0o644 });
    await rename(temporary, output);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new UsageError(`Cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
