import { distance } from 'fastest-levenshtein';

/**
 * "Did you mean ...?" for a mistyped name (a manifest key, a value, a command): the candidate fewest
 * edits away, when it is close enough to be what was meant. A word and its plural (`sdg`/`sdgs`,
 * `repository`/`repositories`), another case, or a dash, underscore or space for camel case
 * (`do_no_harm`/`doNoHarm`) count as the same word, two swapped letters or a word cut short
 * (`warn` for `warning`) as one edit. Undefined when nothing is close.
 */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  return closestNames(word, candidates)[0];
}

/**
 * Every candidate as close as the closest (`9a`, `9b`, `9c` for `9`); among equally few edits, those
 * that share the longest beginning with the word win, so `9` suggests `9a` rather than `1`.
 */
export function closestNames(word: string, candidates: Iterable<string>): string[] {
  const wanted = comparable(word);
  if (wanted === '') return [];
  let best: string[] = [];
  let bestScore = [Infinity, 0];
  for (const name of candidates) {
    if (name === word) continue;
    const other = comparable(name);
    const limit = Math.max(1, Math.floor(name.length / 3));
    // Words of very different lengths are far apart: no table for a key of a million characters.
    if (Math.abs(wanted.length - other.length) > Math.max(limit, 3)) continue;
    // A word cut short or run on (`warn` for `warning`) is as close as one edit.
    const edits = Math.min(
      nameDistance(wanted, other),
      Math.min(wanted.length, other.length) >= 4 && (wanted.startsWith(other) || other.startsWith(wanted)) ? 1 : Infinity,
    );
    if (edits > limit) continue;
    const shared = sharedPrefix(wanted, other);
    const [bestEdits = Infinity, bestShared = 0] = bestScore;
    if (edits < bestEdits || (edits === bestEdits && shared > bestShared)) {
      best = [name];
      bestScore = [edits, shared];
    } else if (edits === bestEdits && shared === bestShared) best.push(name);
  }
  return best;
}

function sharedPrefix(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

/** Edit distance between two names as `closestName` compares them (0 for a plural and its singular). */
export function nameDistance(a: string, b: string): number {
  if (pluralOf(a, b) || pluralOf(b, a)) return 0;
  // Two letters swapped (`emial`, `lisence`) is one slip of the fingers, not two edits.
  if (swappedPair(a, b)) return 1;
  return distance(a, b);
}

/** Whether b is a with one pair of neighbouring characters swapped. */
function swappedPair(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let index = 0;
  while (a[index] === b[index]) index++;
  return a[index] === b[index + 1] && a[index + 1] === b[index] && a.slice(index + 2) === b.slice(index + 2);
}

/** Lower case without separators: `Do-No_Harm` and `doNoHarm` compare equal. */
function comparable(word: string): string {
  return word.toLowerCase().replace(/[-_\s]/g, '');
}

/** Whether `plural` is an English plural of `word`, enough for schema keys: sdgs, aliases, repositories. */
function pluralOf(word: string, plural: string): boolean {
  if (word === '') return false;
  return plural === `${word}s` || plural === `${word}es` || (word.endsWith('y') && plural === `${word.slice(0, -1)}ies`);
}

/**
 * Finding codes a mistyped one was probably meant to be, closest first: the same name under another
 * area (`manifest/not-approved` for `license/not-approved`), a few edits away, or, for a fragment of
 * four characters or more (`placeholder`), every code that holds it.
 */
export function closeCodes(wanted: string, codes: Iterable<string>, limit = 5): string[] {
  const name = wanted.includes('/') ? wanted.slice(wanted.indexOf('/') + 1) : wanted;
  const scored = [...codes].map((code) => {
    const codeName = code.slice(code.indexOf('/') + 1);
    let score = Math.min(nameDistance(wanted, code), nameDistance(name, codeName) + 1);
    if (name.length >= 4 && code.includes(name)) score = Math.min(score, 1);
    return { code, score };
  });
  const threshold = Math.max(2, Math.floor(wanted.length / 3));
  return scored
    .filter((entry) => entry.score <= threshold && entry.code !== wanted)
    .sort((a, b) => a.score - b.score || a.code.localeCompare(b.code))
    .slice(0, limit)
    .map((entry) => entry.code);
}
