/**
 * `dpg-check merge FILES... --summary OUT`: the JSONL results of several audit runs (shards, or runs
 * resumed on other machines) combined into one summary, each target once (a report preferred over an
 * error row), and optionally into one JSONL file (--out).
 */
import { stat } from 'node:fs/promises';
import { JsonlAppender, lockResults, readRows } from '../audit/jsonl.js';
import { SummaryBuilder, summaryFormatOf, writeSummary } from '../audit/summary.js';
import { isErrorRow, rowKey, type AuditRow } from '../audit/types.js';
import { ExitCode, UsageError } from '../errors.js';

export interface MergeCommandOptions {
  summary?: string;
  summaryFormat?: string;
  out?: string;
  overwrite?: boolean;
}

export async function runMergeCommand(files: string[], options: MergeCommandOptions): Promise<number> {
  if (!options.summary && !options.out) throw new UsageError('Nothing to write.', 'Give --summary FILE (csv, json, md or html) and/or --out FILE.jsonl.');
  const format = options.summary ? summaryFormatOf(options.summary, options.summaryFormat) : undefined;
  for (const file of files) {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) throw new UsageError(`Not a results file: ${file}`);
  }
  if (options.out) {
    if (files.some((file) => file === options.out)) throw new UsageError(`--out ${options.out} is also an input.`);
    const size = await stat(options.out).then(
      (info) => info.size,
      () => 0,
    );
    if (size > 0 && !options.overwrite) throw new UsageError(`${options.out} already exists.`, 'Add --overwrite to replace it.');
  }
  // An audit still writing --out (or another merge) must not be overwritten under it.
  const release = options.out ? await lockResults(options.out) : undefined;
  try {
    return await merge(files, options, format);
  } finally {
    release?.();
  }
}

async function merge(files: string[], options: MergeCommandOptions, format: ReturnType<typeof summaryFormatOf> | undefined): Promise<number> {
  const builder = new SummaryBuilder();
  const chosen = new Map<string, AuditRow>();
  let rows = 0;
  let bad = 0;
  for (const file of files) {
    for await (const row of readRows(file, () => bad++)) {
      rows++;
      builder.add(row);
      if (options.out) {
        const key = rowKey(row);
        const existing = chosen.get(key);
        if (!existing || (isErrorRow(existing) && !isErrorRow(row))) chosen.set(key, row);
      }
    }
  }
  const model = builder.build();
  if (options.out) {
    const { truncate } = await import('node:fs/promises');
    await truncate(options.out, 0).catch(() => undefined);
    const out = await JsonlAppender.open(options.out);
    try {
      for (const key of [...chosen.keys()].sort()) await out.append(chosen.get(key) as AuditRow);
    } finally {
      await out.close();
    }
  }
  if (options.summary && format) await writeSummary(options.summary, model, format);
  process.stderr.write(
    `dpg-check merge: ${files.length} file${files.length === 1 ? '' : 's'}, ${rows} rows, ${model.totals.targets} targets (${builder.duplicates} duplicate${builder.duplicates === 1 ? '' : 's'} dropped${bad > 0 ? `, ${bad} unreadable line${bad === 1 ? '' : 's'} skipped` : ''}): ${model.totals.ready} ready, ${model.totals.notReady} not ready, ${model.totals.errors} could not be checked.\n`,
  );
  if (model.totals.errors > 0) return ExitCode.Incomplete;
  return model.totals.notReady > 0 ? ExitCode.NotReady : ExitCode.Ready;
}
