import { parse as parseYaml } from 'yaml';
import { DpgCheckError, ExitCode, UsageError } from '../errors.js';
import { parseStructuredText } from '../manifest/parse.js';
import type { DpgManifest } from '../manifest/types.js';
import { isRecord } from './answers.js';
import { detectFormat, mergeNomineeAndScreening, readFormat, writeFormat } from './formats.js';
import { schemaProblems } from './schemas.js';
import type { AssumedField, FormatId, LostField, ReadResult } from './types.js';

export interface ConvertInput {
  /** Where the text came from, for messages. */
  path: string;
  text: string;
}

/** A loss, with where it happened: an input file (read) or the target format (write). */
export interface ReportedLoss extends LostField {
  in: string;
}

export interface ConvertResult {
  inputs: Array<{ path: string; format: FormatId }>;
  to: FormatId;
  manifest: DpgManifest;
  text: string;
  lost: ReportedLoss[];
  assumed: AssumedField[];
}

/** Parses one input and tells its format from its content. */
export function identifyInput(input: ConvertInput): { format: FormatId; data: Record<string, unknown> } {
  const syntax = /^\s*[[{]/.test(input.text) ? 'json' : 'yaml';
  const parsed = parseStructuredText(input.text, syntax);
  const problem = parsed.problems[0];
  if (problem) {
    const where = problem.position ? `:${problem.position.line}:${problem.position.column}` : '';
    throw new UsageError(`${input.path}${where}: not valid ${syntax === 'json' ? 'JSON' : 'YAML'}: ${problem.message}`);
  }
  let data = parsed.data;
  // The application API lists records in an array; one record is one application.
  if (Array.isArray(data) && data.length === 1) data = data[0];
  if (Array.isArray(data)) throw new UsageError(`${input.path} holds ${data.length} records; convert reads one application at a time`);
  const format = detectFormat(data, syntax);
  if (!format || !isRecord(data)) {
    throw new UsageError(
      `${input.path}: cannot tell its format`,
      'convert reads a dpg manifest (YAML or JSON), a DPGA nominee or screening record, an application API record or a publiccode.yml.',
    );
  }
  return { format, data };
}

/** Reads the inputs into one dpg manifest: one file, or a DPGA nominee with its screening record. */
export function readInputs(inputs: readonly ConvertInput[]): {
  manifest: DpgManifest;
  lost: ReportedLoss[];
  formats: Array<{ path: string; format: FormatId }>;
} {
  const read = inputs.map((input) => {
    const { format, data } = identifyInput(input);
    const result = withPath(input.path, () => readFormat(format, data, input.text));
    return { path: input.path, format, result: tag(result, input.path) };
  });
  const formats = read.map(({ path, format }) => ({ path, format }));
  if (read.length === 1) {
    const only = read[0] as (typeof read)[number];
    return { manifest: only.result.manifest, lost: only.result.lost as ReportedLoss[], formats };
  }
  const nominee = read.find((entry) => entry.format === 'dpga-nominee');
  const screening = read.find((entry) => entry.format === 'dpga-screening');
  if (read.length !== 2 || !nominee || !screening) {
    throw new UsageError(
      `convert takes one input, or a DPGA nominee with its screening record; got ${formats.map((entry) => `${entry.path} (${entry.format})`).join(', ')}`,
    );
  }
  const merged = mergeNomineeAndScreening(nominee.result, screening.result);
  const lost = merged.lost as ReportedLoss[];
  if (screening.result.manifest.name.trim().toLowerCase() !== nominee.result.manifest.name.trim().toLowerCase()) {
    lost.push({
      in: screening.path,
      path: '/name',
      reason: `the screening record names "${screening.result.manifest.name}"; the nominee's name "${nominee.result.manifest.name}" is used`,
      value: screening.result.manifest.name,
    });
  }
  return { manifest: merged.manifest, lost: lost.map((entry) => ({ ...entry, in: entry.in ?? 'merge' })), formats };
}

/** Converts the inputs to a format; the text written is checked against the format's schema first. */
export function convert(inputs: readonly ConvertInput[], to: FormatId): ConvertResult {
  const { manifest, lost, formats } = readInputs(inputs);
  const written = writeFormat(to, manifest);
  const document = to === 'dpg-yaml' || to === 'publiccode' ? parseYaml(written.text) : JSON.parse(written.text);
  const problems = schemaProblems(to, document);
  if (problems.length > 0) {
    // The writers build valid documents by construction; an invalid one is a bug, not a user error.
    throw new DpgCheckError(
      `the ${to} document written is not valid against its schema: ${problems.slice(0, 3).join('; ')}`,
      ExitCode.Incomplete,
      'Please report this with the input.',
    );
  }
  return {
    inputs: formats,
    to,
    manifest,
    text: written.text,
    lost: [...lost, ...written.lost.map((entry) => ({ ...entry, in: to }))],
    assumed: written.assumed,
  };
}

function tag(result: ReadResult, path: string): ReadResult {
  return { manifest: result.manifest, lost: result.lost.map((entry) => ({ ...entry, in: path })) };
}

/** A reader's usage error names the file it came from. */
function withPath<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${path}: ${error.message}`, error.hint);
    throw error;
  }
}
