/** Offsets where each line of a text starts (one pass over the text). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** The 1-based line of a character index, by binary search over the line starts. */
export function lineAtIndex(starts: readonly number[], index: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= index) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** A function from character index to 1-based line, for many look-ups in one text. */
export function lineLocator(text: string): (index: number) => number {
  const starts = lineStarts(text);
  return (index) => lineAtIndex(starts, index);
}
