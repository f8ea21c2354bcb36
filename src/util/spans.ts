/**
 * Linear-time replacements for the regular expressions that remove delimited spans. Patterns such as
 * /<!--[\s\S]*?-->/g or /\[([^\]\n]*)\]\([^)\n]*\)/g restart their scan at every opener, so a text of
 * openers that are never closed ("<!--" or "[" repeated) takes quadratic time: minutes for the
 * 512 KiB that dpg-check reads of a file. The scanners here remove exactly the same spans, and each
 * looks at every character a bounded number of times.
 */

/**
 * Replaces each `open … close` span (shortest, non-overlapping, left to right) by `replacement`, as
 * a global lazy pattern would. `close` may be a pattern (with the g flag) when its spelling varies.
 */
export function replaceSpans(text: string, open: string, close: string | RegExp, replacement = ' '): string {
  let out = '';
  let position = 0;
  for (;;) {
    const start = text.indexOf(open, position);
    if (start === -1) break;
    const after = start + open.length;
    const end = findCloser(text, close, after);
    // No closer after this opener means none after any later opener either: nothing more to remove.
    if (end === undefined) break;
    out += text.slice(position, start) + replacement;
    position = end;
  }
  return position === 0 ? text : out + text.slice(position);
}

/** The index just past the first `close` at or after `from`, or undefined. */
function findCloser(text: string, close: string | RegExp, from: number): number | undefined {
  if (typeof close === 'string') {
    const index = text.indexOf(close, from);
    return index === -1 ? undefined : index + close.length;
  }
  close.lastIndex = from;
  const match = close.exec(text);
  return match ? match.index + match[0].length : undefined;
}

/**
 * The first index at or after `from` of `char` or of a line break, or -1. Built for calls whose
 * `from` never decreases: each search resumes where the last one ended, so all calls together read
 * the text once.
 */
export function lineBoundedFinder(text: string, char: string): (from: number) => number {
  let nextChar = -2;
  let nextBreak = -2;
  return (from) => {
    // -1 means "none after an earlier start", hence none after this one; -2 means "not searched yet".
    if (nextChar !== -1 && nextChar < from) nextChar = text.indexOf(char, from);
    if (nextBreak !== -1 && nextBreak < from) nextBreak = text.indexOf('\n', from);
    if (nextChar === -1) return nextBreak;
    return nextBreak === -1 ? nextChar : Math.min(nextChar, nextBreak);
  };
}
