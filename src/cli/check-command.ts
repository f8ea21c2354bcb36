import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ExitCode, UsageError } from '../errors.js';
import { loadFormatter, parseOutputSpecs, type OutputSpec } from '../formatters/index.js';
import type { Report } from '../report/types.js';
import { openSource } from '../source/open.js';
import { redactUrl } from '../source/targets.js';
import { DeadlineError, exitEvenIfStoppedWorkLingers, withinDeadline } from '../util/deadline.js';
import type { CheckCommandOptions } from './main.js';

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(wanted: boolean, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (!wanted) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export async function runCheckCommand(target: string, options: CheckCommandOptions): Promise<number> {
  let outputs: OutputSpec[];
  try {
    outputs = parseOutputSpecs(options.format);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  // Formatters load while the check runs.
  const formattersLoading = Promise.all(outputs.map((output) => loadFormatter(output.format)));
  formattersLoading.catch(() => undefined);
  const report = await withinDeadline(options.deadline, `The check of ${redactUrl(target)}`, (signal) => checkTarget(target, options, signal)).catch((error: unknown) => {
    if (error instanceof DeadlineError) exitEvenIfStoppedWorkLingers();
    throw error;
  });
  const formatters = await formattersLoading;
  // Files first: a CI job that reads them must find them even if standard output is closed early.
  for (const [index, output] of outputs.entries()) {
    const format = formatters[index] as (typeof formatters)[number];
    if (output.file === undefined) continue;
    await writeOutputFile(output.file, format(report, { color: false }));
  }
  const toStdout = outputs.findIndex((output) => output.file === undefined);
  if (toStdout !== -1) {
    const spec = outputs[toStdout] as OutputSpec;
    await writeStdout((formatters[toStdout] as (typeof formatters)[number])(report, { color: spec.format === 'text' && useColor(options.color) }));
  }
  return report.verdict === 'ready' ? ExitCode.Ready : ExitCode.NotReady;
}

/** Opens the target and checks it; a temporary clone is removed whatever happens. */
async function checkTarget(target: string, options: CheckCommandOptions, signal: AbortSignal | undefined): Promise<Report> {
  const source = await openSource(target, {
    ...(options.githubApiUrl !== undefined ? { githubApiUrl: options.githubApiUrl } : {}),
    ...(options.clone ? { clone: true } : {}),
    ...(options.onRateLimit ? { onRateLimit: options.onRateLimit } : {}),
    timeoutSeconds: options.timeout,
    ...(options.verbose ? { verbose: true } : {}),
    maxFileBytes: options.maxFileBytes,
    ...(signal ? { signal } : {}),
  });
  try {
    // Start listing now; the imports below overlap with it.
    const listing = source.listFiles();
    listing.catch(() => undefined);
    const [{ checkSource }, { loadManifestFile }] = await Promise.all([import('../check.js'), import('../manifest/load.js')]);
    // Parsing the licence corpus is synchronous work; doing it now overlaps it with `git ls-files`.
    const { loadLicenseCorpus } = await import('../licenses/text/identify.js');
    loadLicenseCorpus();
    const manifestFile = options.manifest ?? (source.description.kind === 'manifest' ? source.description.target : undefined);
    const manifest = manifestFile ? await loadManifestFile(manifestFile) : undefined;
    return await checkSource(source, { maxFileBytes: options.maxFileBytes, ...(options.failOn ? { failOn: options.failOn } : {}), ...(manifest ? { manifest } : {}), ...(signal ? { signal } : {}) });
  } finally {
    await source.dispose();
  }
}

async function writeOutputFile(file: string, text: string): Promise<void> {
  try {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file stands where a folder is needed' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (code ?? (error as Error).message);
    throw new UsageError(`Cannot write ${file}: ${reason}`);
  }
}

/** Resolves once the text is handed to the OS, so a piped reader gets all of it before exit. */
function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // A reader that has gone (EPIPE) is not a failure of the check: the exit code still says the verdict.
    process.stdout.write(text, (error) => (error && (error as NodeJS.ErrnoException).code !== 'EPIPE' ? reject(error) : resolve()));
  });
}
