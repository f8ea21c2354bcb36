/**
 * Errors the user can act on. They carry the exit code the CLI must end with, and a message that is
 * safe to print (no stack trace, no secret). Anything else that escapes is a bug and is reported as one.
 */
export const ExitCode = {
  /** Every indicator passes (no finding fails). */
  Ready: 0,
  /** At least one finding fails. */
  NotReady: 1,
  /** The command line or an input was wrong: unknown option, a target that does not exist. */
  UsageOrInput: 2,
  /** The check could not be completed (a remote source failed, a time limit ran out). */
  Incomplete: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class DpgCheckError extends Error {
  readonly exitCode: ExitCode;
  /** Extra lines of advice printed after the message ("what to do next"). */
  readonly hint?: string;

  constructor(message: string, exitCode: ExitCode, hint?: string) {
    super(message);
    this.name = 'DpgCheckError';
    this.exitCode = exitCode;
    if (hint !== undefined) this.hint = hint;
  }
}

/** A bad command line or an input that cannot be read: exit code 2. */
export class UsageError extends DpgCheckError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.UsageOrInput, hint);
    this.name = 'UsageError';
  }
}

/** The check started but could not finish: exit code 3. */
export class IncompleteError extends DpgCheckError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.Incomplete, hint);
    this.name = 'IncompleteError';
  }
}
