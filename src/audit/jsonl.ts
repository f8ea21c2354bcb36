/**
 * The audit's results file: one JSON row per line, appended as each target finishes and flushed to
 * disk (fsync) before the target counts as done. A process killed at any moment leaves complete lines
 * and at most one torn last line; reading for --resume cuts the torn line off, so that target is
 * audited again and every target ends up in the file exactly once.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, rename, stat, truncate, writeFile, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { IncompleteError, UsageError } from '../errors.js';
import { isAuditRow, isErrorRow, rowKey, type AuditRow } from './types.js';

export interface RowSink {
  append(row: AuditRow): Promise<void>;
  close(): Promise<void>;
}

/** Appends to a file: rows finishing together share one write and one fsync. */
export class JsonlAppender implements RowSink {
  private queue: Array<{ line: string; resolve: () => void; reject: (error: unknown) => void }> = [];
  private flushing: Promise<void> | undefined;

  private constructor(
    private readonly handle: FileHandle,
    readonly file: string,
  ) {}

  static async open(file: string): Promise<JsonlAppender> {
    try {
      return new JsonlAppender(await open(file, 'a', 0o644), file);
    } catch (error) {
      throw new UsageError(`Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }

  append(row: AuditRow): Promise<void> {
    const line = `${JSON.stringify(row)}\n`;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          await this.handle.write(batch.map((entry) => entry.line).join(''));
          await this.handle.sync();
          for (const entry of batch) entry.resolve();
        } catch (error) {
          const failure = new IncompleteError(`Cannot write the results file ${this.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, 'The rows written so far are whole; free some space (or fix the permissions) and run again with --resume.');
          for (const entry of batch) entry.reject(failure);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.handle.close();
  }
}

/** Rows to standard output (no --out): one line each, nothing else on stdout. */
export class StdoutSink implements RowSink {
  append(row: AuditRow): Promise<void> {
    return new Promise((resolve, reject) => {
      process.stdout.write(`${JSON.stringify(row)}\n`, (error) => (error ? reject(error) : resolve()));
    });
  }

  async close(): Promise<void> {
    // Nothing to close: standard output belongs to the process.
  }
}

export interface ExistingResults {
  /** Keys of the rows in the file (first row of a key wins). */
  keys: Set<string>;
  /** Keys whose (first) row is an error. */
  errorKeys: Set<string>;
  rows: number;
  /** Bytes of a torn last line that were cut off. */
  tornBytes: number;
  /** Complete lines that are not rows (skipped). */
  badLines: number;
}

/**
 * Prepares an existing results file for --resume: cuts off a torn last line, reads the keys done,
 * and with `dropErrors` rewrites the file without its error rows (atomically) so they are audited
 * again.
 */
export async function prepareResume(file: string, dropErrors: boolean): Promise<ExistingResults> {
  const result: ExistingResults = { keys: new Set(), errorKeys: new Set(), rows: 0, tornBytes: 0, badLines: 0 };
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return result;
    throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (size === 0) return result;
  const bytes = await readFile(file);
  const end = bytes.lastIndexOf(0x0a) + 1;
  if (end < bytes.length) {
    result.tornBytes = bytes.length - end;
    await truncate(file, end);
  }
  const kept: string[] = [];
  let changed = false;
  for (const line of bytes.subarray(0, end).toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = parseRow(line);
    if (!row) {
      result.badLines++;
      kept.push(line);
      continue;
    }
    const key = rowKey(row);
    if (result.keys.has(key)) {
      kept.push(line);
      continue;
    }
    if (dropErrors && isErrorRow(row)) {
      changed = true;
      continue;
    }
    result.keys.add(key);
    if (isErrorRow(row)) result.errorKeys.add(key);
    result.rows++;
    kept.push(line);
  }
  if (changed) {
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, kept.map((line) => `${line}\n`).join(''));
    const handle = await open(temporary, 'r+');
    await handle.sync();
    await handle.close();
    await rename(temporary, file);
  }
  return result;
}

export function parseRow(line: string): AuditRow | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return isAuditRow(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads rows one line at a time (a results file can be large), skipping a torn last line and lines
 * that are not rows; `onBad` hears about each skipped line.
 */
export async function* readRows(file: string, onBad?: (lineNumber: number) => void): AsyncGenerator<AuditRow> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const line of lines) {
      number++;
      if (line.trim() === '') continue;
      const row = parseRow(line);
      if (row) yield row;
      else onBad?.(number);
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}
