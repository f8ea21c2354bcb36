import type { Report } from '../report/types.js';

export interface FormatOptions {
  /** Colour (ANSI) output; the CLI decides from the terminal and NO_COLOR. */
  color: boolean;
  /** Only the problems (`check --quiet`): findings that do not pass, and the verdict. Text format only. */
  quiet?: boolean;
  /**
   * The folder dpg-check runs in (absolute): the text format shows the evidence paths of a local check
   * from there (`path/to/repo/LICENSE`), so that a terminal or editor opens them. The report keeps its
   * paths relative to the checked folder.
   */
  relativeTo?: string;
}

/** A formatter turns a report into text; it knows nothing about how the checks work. */
export type Formatter = (report: Report, options: FormatOptions) => string;
