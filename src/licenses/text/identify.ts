import { endianness } from 'node:os';
import { packageFileUrl } from '../../util/package-files.js';
/**
 * Identifies a licence from its full text against every current SPDX licence, in the manner of
 * licensee (exact match of the normalised text by hash, then a Dice coefficient with a length
 * penalty) and askalono (Dice over word bigrams, so that word order counts: the same words
 * shuffled do not match).
 *
 * A Dice match must also pass a diff check: no added, removed or rewritten passage longer than
 * MAX_CHANGED_RUN words. Similarity alone cannot tell "BSD-2-Clause with the author's name in
 * the disclaimer" (97%) from "Apache-2.0 plus one extra clause" (97%, licensee's
 * wrk-modified-apache): the first changes a few words in place, the second adds 48 in a row.
 *
 * The corpus (generated/license-corpus.json, built by scripts/build-license-corpus.js with the
 * same normaliser) is read once, on the first text that its exact-match index
 * (generated/license-exact.json, read on the first call) does not identify.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { NORMALIZER_VERSION, normalizeLicenseText, tokenize } from './normalize.js';

export interface TextIdentification {
  /** Best SPDX id, or null when nothing is close enough. */
  spdx: string | null;
  /**
   * 0..100; 100 = the normalised texts are identical. Otherwise the share of word bigrams in
   * common, relative to the longer text. With matcher 'none', the closest licence's score.
   */
  confidence: number;
  matcher: 'exact' | 'dice' | 'none';
  /**
   * Every licence whose normalised text is identical to the match, spdx included (e.g.
   * GPL-3.0-only and GPL-3.0-or-later); sorted. Empty when nothing matched.
   */
  identicalGroup: string[];
  /**
   * With a match, the best-scoring other licence. With matcher 'none', the closest licence when it
   * scores at least 50, so that a caller can say "resembles Apache-2.0 (96.5%)".
   */
  runnerUp?: { spdx: string; confidence: number };
  /**
   * Longest passage, in words, added, removed or rewritten relative to the matched licence (or,
   * with matcher 'none', to the closest one when it was similar enough to compare). A 'none'
   * result with a high confidence and a long change is a modified licence.
   */
  longestChange?: number;
}

/**
 * Minimum confidence (percent) for a 'dice' match. Measured against the SPDX list 3.x texts in
 * spdx-license-list 6.12: the non-exact renderings in licensee's fixtures (Markdown, HTML, author
 * names, optional sentences) score 95.8 and up; SPDX texts of 80+ words with three scattered words
 * replaced score 93.2 and up for 95% of them (the shortest ones drop to 90-92). Closely related
 * SPDX licences score 88-99 against each other, which is why the best candidate, not the first
 * above the threshold, wins. Clause-sized changes are caught by MAX_CHANGED_RUN instead: with a
 * whole sentence deleted, 39% of SPDX texts still score 92 or more.
 */
export const DICE_THRESHOLD = 92;

/**
 * Weight of the length difference (in bigrams) in the Dice denominator, as in licensee's
 * similarity formula, so that a text that adds or drops a passage loses more than one that changes
 * words in place. With weight 1 the score is simply the share of the longer text's bigrams that the
 * other text has too: 200c / (n + m + |n - m|) = 100c / max(n, m).
 */
const LENGTH_DELTA_WEIGHT = 1;

/**
 * A 'dice' match may differ from the licence only by short passages: names put in for "the
 * copyright holder", a word or two of wording variants (at most 5 words in licensee's fixtures).
 * A longer added, removed or rewritten passage (a clause: 44-49 words in licensee's modified MPL
 * and Apache fixtures, 12+ words for any sentence) makes the text a modified licence, which is not
 * the SPDX licence.
 */
export const MAX_CHANGED_RUN = 10;

/**
 * Candidates whose best possible score (100 x shorter / longer length) is below this are not
 * scored, and a closer licence scoring below it is not reported.
 */
const MIN_SCORED = 50;

/** generated/license-corpus.json, as written by scripts/build-license-corpus.js. */
interface CorpusFile {
  format: number;
  normalizerVersion: number;
  /** The package the texts come from, e.g. "spdx-license-list@6.12.0". */
  source: string;
  licenses: Record<string, { name: string; osiApproved: boolean }>;
  /** Every word of the normalised texts; tokens refer to it by index. */
  vocabulary: string[];
  entries: CorpusFileEntry[];
}

interface CorpusFileEntry {
  /** SPDX ids whose texts normalise to this same text. */
  ids: string[];
  /** Set on the extra entry holding a leading part of a text (LGPL-3.0 without the GPL). */
  part?: string;
  /** SHA-1 of the normalised text, for exact matching (as licensee does). */
  sha1: string;
  /** The normalised text as vocabulary indices, 16-bit little-endian, base64. */
  tokens: string;
}

const CORPUS_FORMAT = 2;

interface Entry {
  /** SPDX ids sharing this normalised text, sorted. */
  ids: readonly string[];
  /** The id reported for the group (see canonicalId). */
  id: string;
  /** The normalised text as word ids, for the diff that finds long changed passages. */
  words: Int32Array;
  /** How many word bigrams the text has (every corpus word is known, so words - 1). */
  bigramCount: number;
  /**
   * Sorted codes of the word bigrams (a multiset: repeats kept), computed on first use: an exact
   * match, the common case, never needs them, and building all of them costs ~25 ms at load.
   */
  bigrams(): Uint32Array;
}

interface Corpus {
  entries: readonly Entry[];
  exact: ReadonlyMap<string, Entry>;
  vocabulary: ReadonlyMap<string, number>;
  ids: number;
  source: string;
}

const CORPUS_URL = packageFileUrl('generated/license-corpus.json');
const EXACT_URL = packageFileUrl('generated/license-exact.json');

/** generated/license-exact.json: the corpus's exact-match index alone, a twentieth of its size. */
interface ExactIndexFile {
  format: number;
  normalizerVersion: number;
  source: string;
  /** SHA-1 of a normalised text -> the SPDX ids whose texts normalise to it. */
  exact: Record<string, string[]>;
}

let corpus: Corpus | undefined;
let exactIndex: ReadonlyMap<string, { ids: readonly string[]; id: string }> | undefined;

/** Loads and indexes the whole corpus now instead of on the first identification that needs it (measurement). */
export function loadLicenseCorpus(): { ids: number; entries: number; source: string } {
  const { ids, entries, source } = getCorpus();
  return { ids, entries: entries.length, source };
}

function getCorpus(): Corpus {
  corpus ??= indexCorpus(readGenerated<CorpusFile>(CORPUS_URL));
  return corpus;
}

/**
 * The exact-match index, read on the first identification: a licence file that is an SPDX text (most
 * are) is identified from it, and the whole corpus (1.8 MB, ~20 ms to read and index) is read only
 * for a text that is not.
 */
function getExactIndex(): ReadonlyMap<string, { ids: readonly string[]; id: string }> {
  if (exactIndex) return exactIndex;
  if (corpus) {
    exactIndex = corpus.exact;
    return exactIndex;
  }
  const file = readGenerated<ExactIndexFile>(EXACT_URL);
  exactIndex = new Map(
    Object.entries(file.exact).map(([hash, ids]) => {
      const sorted = [...ids].sort();
      return [hash, { ids: sorted, id: canonicalId(sorted) }] as const;
    }),
  );
  return exactIndex;
}

function readGenerated<T extends { format: number; normalizerVersion: number }>(url: URL): T {
  let raw: string;
  try {
    raw = readFileSync(url, 'utf8');
  } catch (error) {
    throw new Error(`licence corpus missing (${url.pathname}); run "node scripts/build-license-corpus.js" after the build`, { cause: error });
  }
  const parsed = JSON.parse(raw) as T;
  if (parsed.format !== CORPUS_FORMAT || parsed.normalizerVersion !== NORMALIZER_VERSION) {
    throw new Error('licence corpus is stale (format or normaliser changed); rebuild it with scripts/build-license-corpus.js');
  }
  return parsed;
}

function indexCorpus(file: CorpusFile): Corpus {
  const vocabulary = new Map(file.vocabulary.map((word, index) => [word, index] as const));
  const exact = new Map<string, Entry>();
  const entries = file.entries.map((fileEntry): Entry => {
    const ids = [...fileEntry.ids].sort();
    const words = decodeTokens(fileEntry.tokens);
    let codes: Uint32Array | undefined;
    const entry: Entry = {
      ids,
      id: canonicalId(ids),
      words,
      bigramCount: Math.max(words.length - 1, 0),
      bigrams: () => (codes ??= bigramCodes(words, vocabulary.size)),
    };
    exact.set(fileEntry.sha1, entry);
    return entry;
  });
  return {
    entries,
    exact,
    vocabulary,
    ids: Object.keys(file.licenses).length,
    source: file.source,
  };
}

/** 16-bit little-endian word ids; on a little-endian machine (every one Node ships for) copied whole, not read one by one. */
function decodeTokens(base64: string): Int32Array {
  const bytes = Buffer.from(base64, 'base64');
  if (LITTLE_ENDIAN) {
    // Buffer.from may start at an odd offset of its pool: copy into an aligned array first.
    const ids = new Uint16Array(bytes.length >> 1);
    new Uint8Array(ids.buffer).set(bytes.subarray(0, ids.length * 2));
    return Int32Array.from(ids);
  }
  const words = new Int32Array(bytes.length >> 1);
  for (let i = 0; i < words.length; i++) words[i] = bytes.readUInt16LE(i * 2);
  return words;
}

const LITTLE_ENDIAN = endianness() === 'LE';

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * The id reported for a group of identical texts: the shortest, then alphabetical. It picks the
 * plain form of a family: MPL-2.0 over MPL-2.0-no-copyleft-exception, GPL-3.0-only over
 * GPL-3.0-or-later, GFDL-1.3-only over GFDL-1.3-invariants-only. Which of -only / -or-later
 * applies cannot be told from the licence text; the caller decides from notices (identicalGroup).
 */
function canonicalId(ids: readonly string[]): string {
  return [...ids].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))[0] ?? '';
}

/**
 * Word bigram codes (first * size + second), sorted; bigrams with an unknown word (id -1) are
 * skipped. The vocabulary has at most 65536 words (16-bit tokens), so codes fit 32 bits.
 */
function bigramCodes(wordIds: Int32Array, size: number): Uint32Array {
  const codes = new Uint32Array(Math.max(wordIds.length - 1, 0));
  let count = 0;
  for (let i = 0; i + 1 < wordIds.length; i++) {
    const a = wordIds[i] as number;
    const b = wordIds[i + 1] as number;
    if (a >= 0 && b >= 0) codes[count++] = a * size + b;
  }
  return codes.subarray(0, count).sort();
}

/** Size of the multiset intersection of two sorted code arrays. */
function overlap(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return common;
}

/** Dice coefficient over bigram multisets with a length-difference penalty, in percent. */
function score(common: number, inputCount: number, entryCount: number): number {
  const denominator = inputCount + entryCount + LENGTH_DELTA_WEIGHT * Math.abs(inputCount - entryCount);
  return denominator === 0 ? 0 : (200 * common) / denominator;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function none(confidence = 0, closest?: Scored): TextIdentification {
  return {
    spdx: null,
    confidence: round(confidence),
    matcher: 'none',
    identicalGroup: [],
    ...(closest
      ? {
          runnerUp: { spdx: closest.entry.id, confidence: round(closest.score) },
          // Infinity (beyond the diff budget) is left out: it does not survive JSON.
          ...(Number.isFinite(closest.longestChange) ? { longestChange: closest.longestChange } : {}),
        }
      : {}),
  };
}

export function identifyLicenseText(text: string): TextIdentification {
  const normalized = normalizeLicenseText(text);
  if (normalized === '') return none();

  const hit = getExactIndex().get(sha1(normalized));
  if (hit) {
    return { spdx: hit.id, confidence: 100, matcher: 'exact', identicalGroup: [...hit.ids], longestChange: 0 };
  }

  const { entries, vocabulary } = getCorpus();

  // Words the corpus never uses get id -1: they cannot match, but they count towards the length.
  const words = Int32Array.from(tokenize(normalized), (word) => vocabulary.get(word) ?? -1);
  const inputCount = Math.max(words.length - 1, 0);
  if (inputCount === 0) return none();

  const ranked = rankCandidates(entries, bigramCodes(words, vocabulary.size), inputCount);
  // The best candidate that is similar overall and has no long changed passage wins; the
  // runner-up can win when the leader differs by a long passage (a modified variant of it).
  let winner: Scored | undefined;
  for (const candidate of ranked) {
    if (candidate.score < DICE_THRESHOLD) break;
    candidate.longestChange = longestChangedRun(words, candidate.entry.words, maxEdits(words.length, candidate));
    if (candidate.longestChange <= MAX_CHANGED_RUN) {
      winner = candidate;
      break;
    }
  }
  const [best, second] = ranked;
  if (!best || best.score < MIN_SCORED) return none(best?.score ?? 0);
  if (!winner) return none(best.score, best);
  const other = winner === best ? second : best;
  return {
    spdx: winner.entry.id,
    confidence: round(winner.score),
    matcher: 'dice',
    identicalGroup: [...winner.entry.ids],
    ...(other ? { runnerUp: { spdx: other.entry.id, confidence: round(other.score) } } : {}),
    ...(Number.isFinite(winner.longestChange) ? { longestChange: winner.longestChange } : {}),
  };
}

interface Scored {
  entry: Entry;
  score: number;
  longestChange?: number;
}

/**
 * The two best entries of different licences, best first. Candidates are visited in order of the
 * best score their length allows (all bigrams shared), and the search stops once that bound cannot
 * beat the current second place: for a typical licence only a handful of entries are compared.
 */
function rankCandidates(entries: readonly Entry[], codes: Uint32Array, inputCount: number): Scored[] {
  const bounded = entries
    .map((entry) => {
      const n = entry.bigramCount;
      return { entry, bound: score(Math.min(n, inputCount), inputCount, n) };
    })
    .filter((c) => c.bound >= MIN_SCORED)
    .sort((a, b) => b.bound - a.bound);

  const top: Scored[] = [];
  for (const { entry, bound } of bounded) {
    const second = top[1];
    if (second && bound <= second.score) break;
    const value = score(overlap(codes, entry.bigrams()), inputCount, entry.bigramCount);
    insertTop(top, { entry, score: value });
  }
  return top;
}

/** Keeps the best two, one per licence (the LGPL-3.0 part and the full text are one licence). */
function insertTop(top: Scored[], candidate: Scored): void {
  const same = top.findIndex((t) => t.entry.id === candidate.entry.id);
  if (same >= 0) {
    if ((top[same]?.score ?? 0) >= candidate.score) return;
    top.splice(same, 1);
  }
  top.push(candidate);
  top.sort((a, b) => b.score - a.score);
  top.length = Math.min(top.length, 2);
}

// ---------------------------------------------------------------------------------------------
// Long changed passages

/**
 * Diff budget: a candidate above the threshold differs in a few percent of its words; beyond this
 * many edits the diff stops and the candidate counts as changed throughout.
 */
function maxEdits(inputWords: number, candidate: Scored): number {
  return Math.min(4000, Math.ceil(0.25 * (inputWords + candidate.entry.words.length)) + 50);
}

/**
 * Equal runs shorter than this inside a changed passage do not split it: a rewritten sentence still
 * shares words such as "the" or "of the" with the original.
 */
const MIN_EQUAL_RUN = 4;

/**
 * Length, in words, of the longest changed passage (added, removed or rewritten) between two word
 * sequences, from Myers' O(ND) diff; Infinity when they differ by more than maxEditCount words.
 */
export function longestChangedRun(a: Int32Array, b: Int32Array, maxEditCount: number): number {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.subarray(start, endA);
  const y = b.subarray(start, endB);
  if (x.length === 0 || y.length === 0) return Math.max(x.length, y.length);
  const path = myersPath(x, y, maxEditCount);
  return path ? longestRun(path) : Number.POSITIVE_INFINITY;
}

/** Diff moves, in order: 0 = equal word, 1 = word only in the first text, 2 = only in the second. */
type Move = 0 | 1 | 2;

function myersPath(x: Int32Array, y: Int32Array, maxD: number): Move[] | undefined {
  const n = x.length;
  const m = y.length;
  const limit = Math.min(maxD, n + m);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  // trace[d] holds v[-d..d] after step d, for the walk back.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let xi = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let yi = xi - k;
      while (xi < n && yi < m && x[xi] === y[yi]) {
        xi++;
        yi++;
      }
      v[offset + k] = xi;
      if (xi >= n && yi >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        return walkBack(trace, n, m);
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  return undefined;
}

function walkBack(trace: readonly Int32Array[], n: number, m: number): Move[] {
  const moves: Move[] = [];
  let xi = n;
  let yi = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d - 1] as Int32Array; // v[-(d-1)..(d-1)]
    const at = (k: number): number => previous[k + d - 1] as number;
    const k = xi - yi;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const midX = down ? prevX : prevX + 1;
    while (xi > midX) {
      moves.push(0);
      xi--;
      yi--;
    }
    moves.push(down ? 2 : 1);
    xi = prevX;
    yi = prevY;
  }
  while (xi > 0) {
    moves.push(0);
    xi--;
  }
  return moves.reverse();
}

/** Longest changed passage: the larger side of a group of edits not separated by a long equal run. */
function longestRun(moves: readonly Move[]): number {
  let longest = 0;
  let inA = 0;
  let inB = 0;
  let equal = 0;
  let open = false;
  for (const move of moves) {
    if (move === 0) {
      equal++;
      if (open && equal >= MIN_EQUAL_RUN) {
        longest = Math.max(longest, inA, inB);
        open = false;
      }
      continue;
    }
    if (open) {
      // Short equal runs inside the passage count on both sides.
      inA += equal;
      inB += equal;
    } else {
      inA = 0;
      inB = 0;
      open = true;
    }
    equal = 0;
    if (move === 1) inA++;
    else inB++;
  }
  return open ? Math.max(longest, inA, inB) : longest;
}

// ---------------------------------------------------------------------------------------------
// Showing the difference

export interface LicenseDifference {
  /** The licence compared against: the match, or the closest licence when nothing matched. */
  spdx: string;
  confidence: number;
  /** Changed passages in reading order, in normalised words (case, punctuation and markup folded). */
  changes: Array<{ kind: 'added' | 'removed'; text: string; atWord: number }>;
  /** True when the texts differ too much for a word diff (more than the edit budget). */
  tooDifferent: boolean;
}

/**
 * How a text differs from the licence it is closest to: what a maintainer needs to see why a
 * modified licence is not matched. Undefined when no licence is even remotely close.
 */
export function differenceFromClosest(text: string, compareWith?: string): LicenseDifference | undefined {
  const { entries, vocabulary } = getCorpus();
  const identification = identifyLicenseText(text);
  const target = compareWith ?? identification.spdx ?? identification.runnerUp?.spdx;
  const entry = target
    ? (entries.find((candidate) => candidate.ids.includes(target) && candidate.id === canonicalId(candidate.ids)) ??
      entries.find((candidate) => candidate.ids.includes(target)))
    : undefined;
  if (!entry || !target) return undefined;
  const words = vocabularyList(vocabulary);
  const tokens = tokenize(normalizeLicenseText(text));
  const input = Int32Array.from(tokens, (word) => vocabulary.get(word) ?? -1);
  // Unknown words all get -1, so they would compare equal to each other; give each a distinct id.
  let unknown = -2;
  for (let index = 0; index < input.length; index++) if (input[index] === -1) input[index] = unknown--;
  const confidence =
    identification.spdx === target ? identification.confidence : identification.runnerUp?.spdx === target ? identification.runnerUp.confidence : 0;
  const moves = myersPath(input, entry.words, 20_000);
  if (!moves) return { spdx: target, confidence, changes: [], tooDifferent: true };
  const changes: LicenseDifference['changes'] = [];
  let inputIndex = 0;
  let licenseIndex = 0;
  let previous: Move = 0;
  for (const move of moves) {
    const kind = move === 1 ? 'added' : move === 2 ? 'removed' : undefined;
    if (kind) {
      const word = kind === 'added' ? (tokens[inputIndex] ?? '') : (words[entry.words[licenseIndex] as number] ?? '');
      const last = changes.at(-1);
      // Consecutive words of one kind form one passage; an equal word in between starts a new one.
      if (last && last.kind === kind && previous === move) last.text += ` ${word}`;
      else changes.push({ kind, text: word, atWord: inputIndex });
    }
    previous = move;
    if (move !== 2) inputIndex++;
    if (move !== 1) licenseIndex++;
  }
  return { spdx: target, confidence, changes, tooDifferent: false };
}

let reverseVocabulary: string[] | undefined;

function vocabularyList(vocabulary: ReadonlyMap<string, number>): string[] {
  if (!reverseVocabulary) {
    reverseVocabulary = [];
    for (const [word, index] of vocabulary) reverseVocabulary[index] = word;
  }
  return reverseVocabulary;
}
