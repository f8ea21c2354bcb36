/**
 * The audit's results file: one JSON row per line, appended as each target finishes and flushed to
 * disk (fsync) before the target counts as done. A process killed at any moment leaves complete lines
 * and at most one torn last line; reading for --resume cuts the torn line off, so that target is
 * audited again and every target ends up in the file exactly once.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, readFileSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { open, readFile, rename, stat, truncate, unlink, writeFile, type FileHandle } from 'node:fs/promises';
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
    /** Bytes of whole rows in the file: a failed write is cut back to it. */
    private size: number,
  ) {}

  static async open(file: string): Promise<JsonlAppender> {
    try {
      const handle = await open(file, 'a', 0o644);
      const info = await handle.stat();
      return new JsonlAppender(handle, file, info.isFile() ? info.size : 0);
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
        const data = Buffer.from(batch.map((entry) => entry.line).join(''));
        try {
          // A short write (a full disk) would leave half a row and report success: it is an error.
          const { bytesWritten } = await this.handle.write(data);
          if (bytesWritten !== data.length) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
          await this.handle.sync();
          this.size += data.length;
          for (const entry of batch) entry.resolve();
        } catch (error) {
          // Keep the last whole row: cut off whatever part of this batch reached the file.
          await this.handle.truncate(this.size).catch(() => undefined);
          const failure = new IncompleteError(
            `Cannot write the results file ${this.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
            'The rows written so far are whole; free some space (or fix the permissions) and run again with --resume.',
          );
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

/**
 * An exclusive lock on a results file, held for the whole audit: a second audit (or merge --out) that
 * names the same file is refused (exit 2) instead of interleaving its rows, or rewriting the file under
 * the first one with --resume --retry-errors. The lock is released on every way out (return, error,
 * Ctrl-C, SIGTERM); one left by a run killed with SIGKILL is taken over when its process is gone (or
 * is this very process: a container reuses pids).
 */
export async function lockResults(file: string): Promise<() => void> {
  const lock = `${file}.lock`;
  const content = `${process.pid}\n${hostname()}\n${randomUUID()}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await writeFile(lock, content, { flag: 'wx', mode: 0o644 });
      return holdLock(lock, content);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new UsageError(`Cannot lock ${file} (${lock}): ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const held = await readFile(lock, 'utf8').catch(() => undefined);
    if (held === undefined) continue;
    const [pidText, host] = held.split('\n');
    const pid = Number(pidText);
    if (Number.isInteger(pid) && pid > 0 && (host !== hostname() || isLiveDpgCheck(pid))) {
      throw new UsageError(
        `Another dpg-check (process ${pid}${host && host !== hostname() ? ` on ${host}` : ''}) is writing ${file}.`,
        `Wait for it to finish, or give another --out. If no such process runs, remove ${lock}.`,
      );
    }
    // Stale. Take it over atomically: move it aside under a name of our own, and remove it only if it
    // is still the stale one (another run may have taken it over meanwhile).
    const aside = `${lock}.${process.pid}.${randomUUID()}`;
    try {
      await rename(lock, aside);
    } catch {
      continue;
    }
    const moved = await readFile(aside, 'utf8').catch(() => undefined);
    if (moved === held) await unlink(aside).catch(() => undefined);
    else await rename(aside, lock).catch(() => undefined);
  }
  throw new UsageError(`Cannot lock ${file}: ${lock} keeps coming back.`);
}

function holdLock(lock: string, content: string): () => void {
  const release = (): void => {
    process.removeListener('exit', release);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    try {
      // Only our own lock: never one another run took over.
      if (readFileSync(lock, 'utf8') === content) unlinkSync(lock);
    } catch {
      // Already gone.
    }
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    release();
    // Die of the same signal, as a shell expects, unless another handler (a clone's cleanup) will.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.on('exit', release);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return release;
}

/** A running process that is a dpg-check (not merely a live pid, which a container may have reused). */
function isLiveDpgCheck(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dpg-check');
  } catch {
    // No /proc (macOS): a live pid is taken as the writer.
    return true;
  }
}
