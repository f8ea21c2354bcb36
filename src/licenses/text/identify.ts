/**
 * Identifies a licence from its full text against every current SPDX licence, in the manner of
 * licensee (exact match of normalised text, then a Dice coefficient) and askalono (Dice over word
 * bigrams, so word order counts).
 *
 * The corpus (generated/license-corpus.json, built by scripts/build-license-corpus.js with the
 * same normaliser) is read once, on the first call.
 */
import { readFileSync } from 'node:fs';
import { NORMALIZER_VERSION, normalizeLicenseText, tokenize } from './normalize.js';

export interface TextIdentification {
  /** Best SPDX id, or null when nothing is close enough. */
  spdx: string | null;
  /** 0..100; 100 = the normalised texts are identical. With matcher 'none', the closest score. */
  confidence: number;
  matcher: 'exact' | 'dice' | 'none';
  /** Other licences whose normalised text is identical (e.g. GPL-3.0-only and GPL-3.0-or-later); sorted. */
  identicalGroup: string[];
  /**
   * The best-scoring other licence. With matcher 'none' it is the closest licence (below the
   * threshold), so a caller can say "resembles Apache-2.0 (91%)".
   */
  runnerUp?: { spdx: string; confidence: number };
}

/**
 * Minimum confidence (percent) for a 'dice' match. Measured (see test/licenses/text): real
 * renderings of a licence (Markdown, HTML, re-wrapped, other copyright or author names, optional
 * clauses) score 92-100; texts with a clause added or removed, and licensee's modified-licence
 * fixtures, score below 92.
 */
export const DICE_THRESHOLD = 92;

/**
 * Weight of the length difference (in bigrams) in the denominator, as in licensee's
 * similarity formula: a text that adds or drops a clause loses more than one that changes a few
 * words in place. 0 would be plain Dice.
 */
const LENGTH_DELTA_WEIGHT = 1;

/** Candidates whose best possible score is below this are not scored at all. */
const MIN_SCORED = 30;

interface CorpusFileEntry {
  ids: string[];
  part?: string;
  words: number;
  text: string;
}

interface CorpusFile {
  format: number;
  normalizerVersion: number;
  spdxLicenseListVersion: string;
  licenses: Record<string, { name: string; osiApproved: boolean }>;
  entries: CorpusFileEntry[];
}

interface Entry {
  /** SPDX ids sharing this normalised text, sorted. */
  ids: readonly string[];
  /** The id reported for the group (see canonicalId). */
  id: string;
  /** The normalised text as word ids, for the diff that finds long changed passages. */
  words: Int32Array;
  /** Sorted codes of the word bigrams (a multiset: repeats kept). */
  bigrams: Float64Array;
}

const CORPUS_URL = new URL('../../../generated/license-corpus.json', import.meta.url);

interface Corpus {
  entries: readonly Entry[];
  exact: ReadonlyMap<string, Entry>;
  vocabulary: ReadonlyMap<string, number>;
  ids: number;
  spdxLicenseListVersion: string;
}

let corpus: Corpus | undefined;

/** Loads and indexes the corpus now instead of on the first identification (warm-up, measurement). */
export function loadLicenseCorpus(): { ids: number; entries: number; spdxLicenseListVersion: string } {
  const { ids, entries, spdxLicenseListVersion } = getCorpus();
  return { ids, entries: entries.length, spdxLicenseListVersion };
}

function getCorpus(): Corpus {
  corpus ??= indexCorpus(readCorpusFile());
  return corpus;
}

function readCorpusFile(): CorpusFile {
  let raw: string;
  try {
    raw = readFileSync(CORPUS_URL, 'utf8');
  } catch (error) {
    throw new Error(
      `licence corpus missing (${CORPUS_URL.pathname}); run "node scripts/build-license-corpus.js" after the build`,
      { cause: error },
    );
  }
  const parsed = JSON.parse(raw) as CorpusFile;
  if (parsed.format !== 1 || parsed.normalizerVersion !== NORMALIZER_VERSION) {
    throw new Error('licence corpus is stale (normaliser changed); rebuild it with scripts/build-license-corpus.js');
  }
  return parsed;
}

function indexCorpus(file: CorpusFile): Corpus {
  const vocabulary = new Map<string, number>();
  const wordIdsOf = (text: string): number[] =>
    tokenize(text).map((word) => {
      let id = vocabulary.get(word);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(word, id);
      }
      return id;
    });
  // Bigram codes need the final vocabulary size, hence two passes.
  const wordIds = file.entries.map((fileEntry) => wordIdsOf(fileEntry.text));
  const exact = new Map<string, Entry>();
  const entries = file.entries.map((fileEntry, index): Entry => {
    const ids = [...fileEntry.ids].sort();
    const words = Int32Array.from(wordIds[index] ?? []);
    const entry = { ids, id: canonicalId(ids), words, bigrams: bigramCodes(words, vocabulary.size) };
    exact.set(fileEntry.text, entry);
    return entry;
  });
  return {
    entries,
    exact,
    vocabulary,
    ids: Object.keys(file.licenses).length,
    spdxLicenseListVersion: file.spdxLicenseListVersion,
  };
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

/** Word bigram codes (first * size + second), sorted; -1 word ids (unknown words) are skipped. */
function bigramCodes(wordIds: ArrayLike<number>, size: number): Float64Array {
  const codes: number[] = [];
  for (let i = 0; i + 1 < wordIds.length; i++) {
    const a = wordIds[i] ?? -1;
    const b = wordIds[i + 1] ?? -1;
    if (a >= 0 && b >= 0) codes.push(a * size + b);
  }
  return Float64Array.from(codes).sort();
}

/** Size of the multiset intersection of two sorted code arrays. */
function overlap(a: Float64Array, b: Float64Array): number {
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

const NONE: TextIdentification = { spdx: null, confidence: 0, matcher: 'none', identicalGroup: [] };

export function identifyLicenseText(text: string): TextIdentification {
  const { entries, exact, vocabulary } = getCorpus();
  const normalized = normalizeLicenseText(text);
  if (normalized === '') return { ...NONE, identicalGroup: [] };

  const hit = exact.get(normalized);
  if (hit) {
    return { spdx: hit.id, confidence: 100, matcher: 'exact', identicalGroup: [...hit.ids] };
  }

  const words = tokenize(normalized);
  // Bigrams with a word the corpus never uses cannot match; they still count towards the length.
  const inputCount = Math.max(words.length - 1, 0);
  const codes = bigramCodes(
    words.map((word) => vocabulary.get(word) ?? -1),
    vocabulary.size,
  );
  if (inputCount === 0) return { ...NONE, identicalGroup: [] };

  const ranked = rankCandidates(entries, codes, inputCount);
  const [best, second] = ranked;
  if (!best) return { ...NONE, identicalGroup: [] };
  const runnerUp = second ? { spdx: second.entry.id, confidence: round(second.score) } : undefined;
  if (best.score < DICE_THRESHOLD) {
    return {
      spdx: null,
      confidence: round(best.score),
      matcher: 'none',
      identicalGroup: [],
      runnerUp: { spdx: best.entry.id, confidence: round(best.score) },
    };
  }
  return {
    spdx: best.entry.id,
    confidence: round(best.score),
    matcher: 'dice',
    identicalGroup: [...best.entry.ids],
    ...(runnerUp ? { runnerUp } : {}),
  };
}

interface Scored {
  entry: Entry;
  score: number;
}

/**
 * The two best entries of different licences. Candidates are visited in order of the best score
 * their length allows (all bigrams shared), and the search stops once that bound cannot beat the
 * current second place: for a typical licence only a handful of entries are compared.
 */
function rankCandidates(entries: readonly Entry[], codes: Float64Array, inputCount: number): Scored[] {
  const bounded = entries
    .map((entry) => {
      const n = entry.bigrams.length;
      return { entry, bound: score(Math.min(n, inputCount), inputCount, n) };
    })
    .filter((c) => c.bound >= MIN_SCORED)
    .sort((a, b) => b.bound - a.bound);

  const top: Scored[] = [];
  for (const { entry, bound } of bounded) {
    const second = top[1];
    if (second && bound <= second.score) break;
    const value = score(overlap(codes, entry.bigrams), inputCount, entry.bigrams.length);
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
