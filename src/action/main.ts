import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { DpgCheckError, ExitCode } from '../errors.js';
import { loadFormatter, parseOutputSpecs } from '../formatters/index.js';
import type { Report } from '../report/types.js';
import { registerSecret, redactText } from '../util/redact.js';
import { writeOutput } from '../util/write-output.js';
import { annotationCommand, outputBlock } from './workflow-commands.js';

/**
 * The GitHub Action's entry point (action.yml). Inputs arrive as INPUT_* variables; it writes the
 * Markdown report to the job summary, annotates failing findings that have a location, sets the
 * `verdict` and `report` outputs and ends with the CLI's exit codes (0 ready, 1 not ready, 2, 3).
 */
export interface ActionIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

function input(env: NodeJS.ProcessEnv, name: string): string {
  // The runner upper-cases the name and keeps hyphens: `fail-on` arrives as INPUT_FAIL-ON.
  return (env[`INPUT_${name.toUpperCase()}`] ?? env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim();
}

/** A CI step should not hang on a stalled server: ten minutes, unless the workflow says otherwise. */
const DEFAULT_DEADLINE_SECONDS = 600;

/** At most this many annotations: GitHub shows ten per step anyway, and a long list only adds noise. */
const MAX_ANNOTATIONS = 50;

export async function runAction(io: ActionIo): Promise<number> {
  const { env } = io;
  const target = input(env, 'target') || '.';
  const failOn = input(env, 'fail-on');
  const formats = input(env, 'formats')
    .split(/[\s,]+/)
    .filter(Boolean);
  const token = input(env, 'token');
  const manifest = input(env, 'manifest');
  const policy = input(env, 'policy');
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const reportPath = input(env, 'report-path') || path.join(env.RUNNER_TEMP ?? workspace, 'dpg-check-report.json');
  if (token) io.stdout(`::add-mask::${token}\n`);
  registerSecret(token);
  if (failOn && failOn !== 'fail' && failOn !== 'warn') {
    io.stdout(`${annotationCommand({ level: 'error', message: `fail-on must be "fail" or "warn", not "${failOn}"` })}\n`);
    return ExitCode.UsageOrInput;
  }
  const deadlineText = input(env, 'deadline') || String(DEFAULT_DEADLINE_SECONDS);
  const deadline = Number(deadlineText);
  if (!Number.isFinite(deadline) || deadline <= 0 || deadline > 86_400) {
    io.stdout(`${annotationCommand({ level: 'error', message: `deadline must be a positive number of seconds, at most 86400, not "${deadlineText}"` })}\n`);
    return ExitCode.UsageOrInput;
  }
  let outputs;
  try {
    outputs = parseOutputSpecs(formats.length > 0 ? formats : ['text']).map((spec) =>
      spec.file ? { ...spec, file: path.resolve(workspace, spec.file) } : spec,
    );
  } catch (error) {
    io.stdout(`${annotationCommand({ level: 'error', message: (error as Error).message })}\n`);
    return ExitCode.UsageOrInput;
  }

  const { runCheck } = await import('../app/run-check.js');
  const sourceEnv = token ? { GITHUB_TOKEN: token } : {};
  Object.assign(process.env, sourceEnv);
  let report: Report;
  let exitCode: number;
  // A folder is relative to the workspace; named as given when the step runs there (the runner's default),
  // so that the report says what the workflow said, as the CLI's does.
  const inWorkspace = path.resolve(process.cwd()) === path.resolve(workspace);
  const where = path.isAbsolute(target) || /^[\w.+-]+:/.test(target) || inWorkspace ? target : path.resolve(workspace, target);
  try {
    ({ report, exitCode } = await runCheck(where, {
      ...(manifest ? { manifest: inWorkspace ? manifest : path.resolve(workspace, manifest) } : {}),
      ...(policy ? { reviewerPolicy: inWorkspace ? policy : path.resolve(workspace, policy) } : {}),
      ...(failOn === 'fail' || failOn === 'warn' ? { failOn } : {}),
      deadlineSeconds: deadline,
    }));
  } catch (error) {
    return reportFailure(io, error);
  }

  try {
    await writeOutput(reportPath, `${JSON.stringify(report, null, 2)}\n`, 'the JSON report');
    for (const output of outputs) {
      const text = (await loadFormatter(output.format))(report, { color: false });
      if (output.file) await writeOutput(output.file, text, `the ${output.format} report`);
      else io.stdout(text);
    }
  } catch (error) {
    return reportFailure(io, error);
  }
  if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, (await loadFormatter('markdown'))(report, { color: false }));
  let annotated = 0;
  for (const finding of report.findings) {
    if (finding.waiver || (finding.status !== 'fail' && !(finding.status === 'warn' && report.failOn === 'warn'))) continue;
    const located = finding.evidence.find((evidence) => evidence.path !== undefined);
    if (!located?.path || annotated >= MAX_ANNOTATIONS) continue;
    // Paths in the report are relative to the checked folder; annotations need them relative to the workspace.
    const file = report.source.kind === 'local' ? path.relative(workspace, path.resolve(report.source.location, located.path)) : located.path;
    io.stdout(
      `${annotationCommand({ level: finding.status === 'fail' ? 'error' : 'warning', title: finding.code, message: finding.fix ? `${finding.message}\nFix: ${finding.fix}` : finding.message, file, ...(located.line !== undefined ? { line: located.line } : {}), ...(located.column !== undefined ? { column: located.column } : {}) })}\n`,
    );
    annotated++;
  }
  if (env.GITHUB_OUTPUT) await appendFile(env.GITHUB_OUTPUT, outputBlock('verdict', report.verdict) + outputBlock('report', reportPath));
  return exitCode;
}

/** A run that could not finish: one error annotation (redacted), and the exit code its error carries. */
function reportFailure(io: ActionIo, error: unknown): number {
  const known = error instanceof DpgCheckError;
  io.stdout(
    `${annotationCommand({ level: 'error', title: 'dpg-check', message: redactText(known ? error.message : `internal error: ${(error as Error).message}`) })}\n`,
  );
  return known ? error.exitCode : ExitCode.Incomplete;
}
