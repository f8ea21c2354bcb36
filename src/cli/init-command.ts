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
  if (outputInfo && !outputInfo.isFile())
    throw new UsageError(
      `${path.relative(process.cwd(), output) || output} is ${outputInfo.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}; init writes only a plain dpg.yaml`,
      'Remove it (or replace it with a file) and run init again.',
    );
  if (existing.length > 0 && !options.force) {
    throw new UsageError(
      `${existing.join(', ')} already ${existing.length > 1 ? 'exist' : 'exists'} in ${target}; init does not overwrite a manifest without --force`,
      'Run `dpg-check check` to see what the manifest still lacks.',
    );
  }
  if (!options.yes && !process.stdin.isTTY)
    throw new UsageError(
      'init asks its questions on a terminal, and standard input is not one',
      'Run it in a terminal, or use --yes to write what the repository shows without asking.',
    );

  const [{ detect }, { renderManifest, schemaReference, withEmptyAnswers }, { describeOpenQuestions, openQuestions }] = await Promise.all([
    import('../init/detect.js'),
    import('../init/write.js'),
    import('../init/open-questions.js'),
  ]);
  // --force starts from the manifest already there: its answers are the defaults, and --yes keeps them.
  const detected = await detect(directory, { keepExisting: options.force === true && existing.length > 0 });
  let manifest: DpgManifest;
  if (options.yes) {
    manifest = withEmptyAnswers({ ...detected.manifest, name: detected.manifest.name ?? path.basename(directory) });
  } else {
    const { askQuestions } = await import('../init/questions.js');
    try {
      manifest = await askQuestions(detected, (text) => process.stdout.write(text));
    } catch (error) {
      // Ctrl+C or a closed terminal: nothing is written.
      if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError'))
        throw new UsageError('init was cancelled; nothing was written');
      throw error;
    }
    manifest = withEmptyAnswers(manifest);
  }
  const open = openQuestions(manifest, detected.facts);
  const text = renderManifest(manifest, { schema: schemaReference(directory), open, ...(options.yes ? { detectedFrom: detected.sources } : {}) });
  const problems = validateManifestData(parse(text)).problems;
  if (problems.length > 0)
    throw new DpgCheckError(`the manifest init built is not valid: ${problems[0]?.message}`, ExitCode.Incomplete, 'Please report this with the repository.');
  await writeNew(output, text);
  const relative = path.relative(process.cwd(), output) || output;
  const shown = target === '.' ? '' : ` ${target}`;
  const kept = detected.existing
    ? `Kept the answers of ${detected.existing.path}${detected.existing.problems > 0 ? ` (except what it could not use: ${detected.existing.problems} ${detected.existing.problems === 1 ? 'problem' : 'problems'}, see dpg-check check)` : ''}.`
    : options.force && existing.length > 0
      ? `No answer of ${existing[0]} could be read (dpg-check check says why): init started from the repository alone.`
      : '';
  const found = Object.entries(detected.sources)
    .filter(([field]) => options.yes || field in manifest)
    .map(([field, from]) => `  ${field}: ${from}`);
  const lines = [
    `Wrote ${relative}.`,
    ...(kept ? [kept] : []),
    ...existing
      .filter((name) => name !== 'dpg.yaml')
      .map((name) => `${name} is still there: check reads dpg.yaml first, so remove ${name} once you have checked dpg.yaml.`),
    ...(found.length > 0 ? [`From the repository${options.yes ? '' : ' (offered as answers)'}:`, ...found] : []),
    ...(open.length > 0
      ? [
          `Still to answer: ${open.length} ${open.length === 1 ? 'question' : 'questions'} only a person can answer; check fails on each until it is answered.`,
          describeOpenQuestions(open),
          `dpg-check init --force${shown} asks them at a terminal, keeping every answer already written.`,
        ]
      : []),
    `Next: dpg-check check${shown} reports what is still missing.`,
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
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
