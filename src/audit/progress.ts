/**
 * Progress of an audit on standard error (standard output stays for machine output): on a terminal,
 * one line redrawn in place (done/total, rate, ETA, errors so far); otherwise a plain line every few
 * seconds, and a last line at the end either way.
 */
export interface ProgressOptions {
  /** Targets this run will audit. */
  total: number;
  /** Targets already in the results file (--resume), shown beside the total. */
  skipped: number;
  stream?: NodeJS.WriteStream;
  /** Redraw in place; default: whether the stream is a terminal. */
  tty?: boolean;
  /** Seconds between plain lines (not a terminal). */
  intervalSeconds?: number;
  enabled?: boolean;
}

export class Progress {
  private done = 0;
  private errors = 0;
  private readonly started = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private drawn = false;
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;

  constructor(private readonly options: ProgressOptions) {
    this.stream = options.stream ?? process.stderr;
    this.tty = options.tty ?? this.stream.isTTY === true;
  }

  start(): void {
    if (this.options.enabled === false) return;
    if (this.options.skipped > 0)
      this.log(`dpg-check audit: ${this.options.skipped} target${this.options.skipped === 1 ? '' : 's'} already done (--resume); ${this.options.total} to go.`);
    const every = this.tty ? 250 : Math.max(0.1, this.options.intervalSeconds ?? 5) * 1000;
    this.timer = setInterval(() => this.draw(), every);
    this.timer.unref();
    if (this.tty) this.draw();
  }

  /** One target finished. */
  tick(outcome: 'ok' | 'error'): void {
    this.done++;
    if (outcome === 'error') this.errors++;
  }

  /** A line of its own (a notice), keeping the progress line below it on a terminal. */
  log(line: string): void {
    if (this.tty && this.drawn) this.stream.write('\r\x1b[K');
    this.stream.write(`${line}\n`);
    if (this.tty && this.drawn) this.draw();
  }

  line(): string {
    const elapsed = (Date.now() - this.started) / 1000;
    const rate = elapsed > 0 ? this.done / elapsed : 0;
    const left = this.options.total - this.done;
    const eta = rate > 0 && left > 0 ? ` · ETA ${formatDuration(left / rate)}` : '';
    const percent = this.options.total > 0 ? Math.floor((this.done / this.options.total) * 100) : 100;
    const errors = `${this.errors} error${this.errors === 1 ? '' : 's'}`;
    return `dpg-check audit: ${this.done}/${this.options.total} (${percent}%) · ${rate.toFixed(1)}/s${eta} · ${errors}`;
  }

  private draw(): void {
    if (this.options.enabled === false) return;
    if (this.tty) {
      const width = Math.max(20, (this.stream.columns ?? 100) - 1);
      this.stream.write(`\r\x1b[K${this.line().slice(0, width)}`);
      this.drawn = true;
    } else {
      this.stream.write(`${this.line()}\n`);
    }
  }

  /** Stops redrawing and prints the closing line. */
  stop(closing: string): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.options.enabled === false) return;
    if (this.tty && this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
    this.stream.write(`${closing}\n`);
  }

  get elapsedSeconds(): number {
    return (Date.now() - this.started) / 1000;
  }
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}
