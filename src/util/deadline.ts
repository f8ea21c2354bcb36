import { IncompleteError } from '../errors.js';

/** The whole check (or, in an audit, one target's) ran past `--deadline`. */
export class DeadlineError extends IncompleteError {
  constructor(what: string, seconds: number) {
    super(
      `${what} took longer than ${seconds} s (--deadline), and was stopped.`,
      'Allow more time with --deadline SECONDS; --verbose shows which request or git command was slow.',
    );
    this.name = 'DeadlineError';
  }
}

/**
 * Work stopped at a deadline may leave a timer behind that cannot be cancelled (a rate-limit pause
 * in octokit's throttling): once the caller has written everything, that timer must not hold the
 * process. Exits a second later unless the process has ended by itself.
 */
export function exitEvenIfStoppedWorkLingers(): void {
  setTimeout(() => process.exit(), 1000).unref();
}

/** How long stopped work may take to wind down (git killed, a clone's folder removed) before the error is reported. */
const WIND_DOWN_MS = 5000;

/**
 * Runs `work` and ends it after `seconds`: the signal it is given is aborted, and once the work has
 * wound down (or WIND_DOWN_MS later, whichever is first) a DeadlineError is thrown. Requests and git
 * commands listen to the signal; CPU-bound steps between them check it. Without `seconds` the work
 * runs unbounded (each request and git command still has its own --timeout).
 */
export async function withinDeadline<T>(seconds: number | undefined, what: string, work: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  if (seconds === undefined) return work(undefined);
  const controller = new AbortController();
  const running = work(controller.signal);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), seconds * 1000);
  });
  try {
    const first = await Promise.race([running.then((value) => ({ value })), expired]);
    if (first !== 'expired') return first.value;
  } finally {
    clearTimeout(timer);
  }
  const error = new DeadlineError(what, seconds);
  controller.abort(error);
  let windDown: NodeJS.Timeout | undefined;
  await Promise.race([running.catch(() => undefined), new Promise((resolve) => (windDown = setTimeout(resolve, WIND_DOWN_MS)))]);
  clearTimeout(windDown);
  throw error;
}
