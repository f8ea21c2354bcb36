import type { Report } from '../report/types.js';

export interface FormatOptions {
  /** Colour (ANSI) output; the CLI decides from the terminal and NO_COLOR. */
  color: boolean;
  /** Only the problems (`check --quiet`): findings that do not pass, and the verdict. Text format only. */
  quiet?: boolean;
}

/** A formatter turns a report into text; it knows nothing about how the checks work. */
export type Formatter = (report: Report, options: FormatOptions) => string;
