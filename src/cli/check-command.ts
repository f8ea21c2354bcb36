import { UsageError } from '../errors.js';
import { loadFormatter, parseOutputSpecs, type OutputSpec } from '../formatters/index.js';
import { DeadlineError, exitEvenIfStoppedWorkLingers } from '../util/deadline.js';
import { writeOutput } from '../util/write-output.js';
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
  // --quiet filters the text format; said once rather than ignored when no text output was asked for.
  if (options.quiet && !outputs.some((output) => output.format === 'text')) {
    process.stderr.write(
      `dpg-check: --quiet changes only the text format, and none was asked for (${outputs.map((output) => output.format).join(', ')}); the other formats are written whole.\n`,
    );
  }
  // Formatters load while the check runs.
  const formattersLoading = Promise.all(outputs.map((output) => loadFormatter(output.format)));
  formattersLoading.catch(() => undefined);
  const { runCheck } = await import('../app/run-check.js');
  const { report, exitCode } = await runCheck(target, {
    ...(options.manifest !== undefined ? { manifest: options.manifest } : {}),
    ...(options.screening !== undefined ? { screening: options.screening } : {}),
    ...(options.policy !== undefined ? { reviewerPolicy: options.policy } : {}),
    ...(options.failOn ? { failOn: options.failOn } : {}),
    maxFileBytes: options.maxFileBytes,
    timeoutSeconds: options.timeout,
    ...(options.deadline !== undefined ? { deadlineSeconds: options.deadline } : {}),
    sourceOptions: {
      ...(options.githubApiUrl !== undefined ? { githubApiUrl: options.githubApiUrl } : {}),
      ...(options.clone ? { clone: true } : {}),
      ...(options.onRateLimit ? { onRateLimit: options.onRateLimit } : {}),
      ...(options.verbose ? { verbose: true } : {}),
    },
  }).catch((error: unknown) => {
    if (error instanceof DeadlineError) exitEvenIfStoppedWorkLingers();
    throw error;
  });
  const formatters = await formattersLoading;
  // Files first: a CI job that reads them must find them even if standard output is closed early.
  for (const [index, output] of outputs.entries()) {
    const format = formatters[index] as (typeof formatters)[number];
    if (output.file === undefined) continue;
    await writeOutput(output.file, format(report, { color: false, ...(options.quiet ? { quiet: true } : {}) }), `the ${output.format} report`);
  }
  const toStdout = outputs.findIndex((output) => output.file === undefined);
  // Every format went to a file: one line on stderr says the verdict, so a CI log is not silent.
  if (toStdout === -1)
    process.stderr.write(
      `dpg-check: ${report.verdict === 'ready' ? 'READY' : 'NOT READY'} (${report.counts.fail} failing, ${report.counts.warn} warnings, ${report.counts.review} to review); wrote ${outputs.map((output) => `${output.format} to ${output.file}`).join(', ')}.\n`,
    );
  if (toStdout !== -1) {
    const spec = outputs[toStdout] as OutputSpec;
    await writeStdout(
      (formatters[toStdout] as (typeof formatters)[number])(report, {
        color: spec.format === 'text' && useColor(options.color),
        ...(options.quiet ? { quiet: true } : {}),
        relativeTo: process.cwd(),
      }),
    );
  }
  return exitCode;
}

/** Resolves once the text is handed to the OS, so a piped reader gets all of it before exit. */
function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // A reader that has gone (EPIPE) is not a failure of the check: the exit code still says the verdict.
    process.stdout.write(text, (error) => (error && (error as NodeJS.ErrnoException).code !== 'EPIPE' ? reject(error) : resolve()));
  });
}
