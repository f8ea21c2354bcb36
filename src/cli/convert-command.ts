import { readFile, stat, writeFile } from 'node:fs/promises';
import { linkedRecord } from '../util/record-link.js';
import { convert, type ConvertInput, type ConvertResult } from '../convert/convert.js';
import { ExitCode, UsageError } from '../errors.js';
import { decodeText } from '../source/decode.js';
import type { ConvertCommandOptions } from './main.js';

/** Inputs are application records and manifests: a few kilobytes. Anything far larger is not one. */
const MAX_INPUT_BYTES = 4 * 1024 * 1024;

/** `dpg-check convert IN... --to FORMAT [-o OUT]`. */
export async function runConvertCommand(paths: string[], options: ConvertCommandOptions): Promise<number> {
  const inputs = await Promise.all(paths.map((input) => readInput(input)));
  const result = convert(inputs, options.to);
  if (options.out !== undefined) {
    if (!options.force && (await exists(options.out))) throw new UsageError(`${options.out} exists; convert does not overwrite it without --force`);
    try {
      await writeFile(options.out, result.text);
    } catch (error) {
      throw new UsageError(`cannot write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(toJson(result, options.out), null, 2)}\n`);
  } else {
    if (options.out === undefined) process.stdout.write(result.text);
    process.stderr.write(summary(result, options.out));
  }
  return ExitCode.Ready;
}

async function readInput(path: string, followLink = true): Promise<ConvertInput> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`${path} is not a file`);
    if (info.size > MAX_INPUT_BYTES)
      throw new UsageError(`${path} is ${info.size} bytes; convert reads records and manifests of at most ${MAX_INPUT_BYTES} bytes`);
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const decoded = decodeText(bytes);
  if (decoded.binary) throw new UsageError(`${path} is a binary file, not YAML or JSON`);
  // A registry record checked out from a symbolic link holds its target's name: read the target.
  const target = followLink ? linkedRecord(path, decoded.text) : undefined;
  if (target !== undefined && (await exists(target))) return { ...(await readInput(target, false)), path };
  return { path, text: decoded.text };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function toJson(result: ConvertResult, output: string | undefined): Record<string, unknown> {
  return {
    inputs: result.inputs,
    to: result.to,
    output: output ?? null,
    ...(output === undefined ? { document: result.text } : {}),
    lost: result.lost,
    assumed: result.assumed,
  };
}

/** What stderr says beside the converted document: what was read as what, and what did not make it. */
function summary(result: ConvertResult, output: string | undefined): string {
  const lines = [`Read ${result.inputs.map((input) => `${input.path} as ${input.format}`).join(' and ')}; wrote ${result.to}${output ? ` to ${output}` : ''}.`];
  if (result.lost.length === 0) lines.push('Nothing was lost.');
  else {
    lines.push(`Not carried over (${result.lost.length}):`);
    for (const entry of result.lost)
      lines.push(`  ${entry.in}: ${entry.path || '/'}: ${entry.reason}${entry.value !== undefined ? ` [${preview(entry.value)}]` : ''}`);
  }
  if (result.assumed.length > 0) {
    lines.push(`Written with defaults, to check (${result.assumed.length}):`);
    for (const entry of result.assumed) lines.push(`  ${entry.path} = ${preview(entry.value)}: ${entry.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
