import type { Report } from '../report/types.js';

export interface FormatOptions {
  /** Colour (ANSI) output; the CLI decides from the terminal and NO_COLOR. */
  color: boolean;
}

/** A formatter turns a report into text; it knows nothing about how the checks work. */
export type Formatter = (report: Report, options: FormatOptions) => string;
