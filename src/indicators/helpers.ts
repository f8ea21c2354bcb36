import { posix } from 'node:path';
import { isFromAbove } from '../manifest/load.js';
import type { Facts } from '../facts/types.js';
import type { Evidence } from '../findings.js';
import type { Category, LicenseCoverage } from '../manifest/types.js';

/** Evidence that points at a value in the manifest, with its line and column when known. */
export function manifestEvidence(facts: Facts, pointer: string, note?: string): Evidence[] {
  if (!facts.manifest) return [];
  const position = facts.manifest.locate(pointer);
  return [{ path: facts.manifest.path, ...(position ? { line: position.line, column: position.column } : {}), ...(note ? { note } : {}) }];
}

export function isUrl(reference: string): boolean {
  return /^https?:\/\//i.test(reference);
}

/**
 * What an answer that should point at evidence holds. Application answers are free text: "Privacy
 * policy - https://example.org/privacy", a paragraph with two links, "docs/install.md", or a plain
 * statement. Text with a URL is evidence at that URL (with the rest of the text as its label); text is
 * a repository path only when it looks like one (one token, with a folder or an extension, or naming
 * something the repository has); anything else is a statement for a person to judge.
 */
export type EvidenceReference = { kind: 'url'; urls: string[]; label: string } | { kind: 'path'; path: string } | { kind: 'statement'; text: string };

/** URLs in free text (one character class: each match consumes what it scans). */
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`]+/gi;
/** A long answer names a few links; a text with thousands is not read further than this. */
const MAX_URLS = 200;

/** The URLs of a text with where each stands: trailing punctuation and unbalanced closing brackets left out. */
function urlMatches(text: string): Array<{ url: string; start: number; end: number }> {
  const found: Array<{ url: string; start: number; end: number }> = [];
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = trimUrl(match[0]);
    if (url.length > 'https://'.length) found.push({ url, start: match.index, end: match.index + url.length });
    if (found.length >= MAX_URLS) break;
  }
  return found;
}

const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** "(see https://example.org/a_(b))." keeps the brackets the URL opened, not those around it. Linear. */
function trimUrl(raw: string): string {
  const opened: Record<string, number> = { '(': 0, '[': 0, '{': 0 };
  const closed: Record<string, number> = { ')': 0, ']': 0, '}': 0 };
  for (const character of raw) {
    if (character in opened) opened[character] = (opened[character] as number) + 1;
    else if (character in closed) closed[character] = (closed[character] as number) + 1;
  }
  let end = raw.length;
  while (end > 0) {
    const character = raw[end - 1] as string;
    if ('.,;:!?*'.includes(character)) end--;
    else if (character in CLOSING && (closed[character] as number) > (opened[CLOSING[character] as string] as number)) {
      closed[character] = (closed[character] as number) - 1;
      end--;
    } else break;
  }
  return raw.slice(0, end);
}

export function urlsIn(text: string): string[] {
  return [...new Set(urlMatches(text).map((match) => match.url))];
}

export function readReference(text: string, facts?: Facts): EvidenceReference {
  const trimmed = text.trim();
  const matches = urlMatches(trimmed);
  if (matches.length > 0) {
    // The label is the text around the links, in one pass over their positions.
    const parts: string[] = [];
    let from = 0;
    for (const match of matches) {
      parts.push(trimmed.slice(from, match.start));
      from = match.end;
    }
    parts.push(trimmed.slice(from));
    return {
      kind: 'url',
      urls: [...new Set(matches.map((match) => match.url))],
      label: parts
        .join(' ')
        .replace(/[\s:()[\]\-–—,;]+/g, ' ')
        .trim(),
    };
  }
  if (looksLikePath(trimmed, facts)) return { kind: 'path', path: trimmed.replace(/^\.\//, '') };
  return { kind: 'statement', text: trimmed };
}

/** One token with a folder or an extension (`docs/`, `PRIVACY.md`), or a name the repository has. */
function looksLikePath(text: string, facts: Facts | undefined): boolean {
  if (text === '' || text.length > 300 || /\s/.test(text) || /^[a-z][a-z0-9+.-]*:/i.test(text) || /^[\w.+-]+@[\w-]+\./.test(text)) return false;
  // A name the checked folder has (or, for a manifest above it, a name inside it) is a path; any other
  // word ("TBD", "GDPR") is not, wherever the manifest is.
  if (facts && (referenceExists(facts, text) || manifestReferenceInside(facts, text) === true)) return true;
  return text.includes('/') || /\.[A-Za-z0-9]{1,8}$/.test(text);
}

/** A relative reference resolved in the repository: a file, or a folder that holds files. */
export function referenceExists(facts: Facts, reference: string): boolean {
  const path = reference
    .replace(/[#?].*$/, '')
    .replace(/^\.\//, '')
    .replace(/\/+$/, '');
  if (path === '' || path === '.') return true;
  if (facts.listed.has(path)) return true;
  const prefix = `${path}/`;
  return facts.files.some((file) => file.startsWith(prefix));
}

/**
 * A path written in the manifest resolved where the manifest is: a monorepo's manifest found above the
 * checked package (`../../dpg.yaml`) writes its paths from its own folder. A path that stays inside the
 * checked folder is judged there; one that leads outside it (the monorepo's `docs/`) is in the
 * repository but outside this check: not absent, so it counts as found.
 */
export function manifestReferenceExists(facts: Facts, reference: string): boolean {
  if (referenceExists(facts, reference)) return true;
  const inside = manifestReferenceInside(facts, reference);
  return inside === 'outside' || inside === true;
}

/**
 * For a manifest found above the checked folder (the repository's own, `../../dpg.yaml`): whether a
 * reference written from the manifest's folder exists inside the checked folder (true or false), or
 * leads outside it ('outside'). Undefined for any other manifest: its references are the checked
 * folder's. A `.github/dpg.yaml` writes its paths from the repository's root, as at the root.
 */
function manifestReferenceInside(facts: Facts, reference: string): boolean | 'outside' | undefined {
  const manifest = facts.manifest;
  if (!manifest || !isFromAbove(manifest)) return undefined;
  const checked = posix.resolve(facts.source.location.split('\\').join('/'));
  let base = posix.dirname(posix.resolve(checked, manifest.path));
  if (posix.basename(base) === '.github') base = posix.dirname(base);
  const relative = posix.relative(checked, posix.resolve(base, reference.replace(/[#?].*$/, '')));
  if (relative === '..' || relative.startsWith('../')) return 'outside';
  return referenceExists(facts, relative);
}

/** Evidence for a reference: its URLs (labelled), a repository path as a path, a statement as a note. */
export function referenceEvidence(reference: string, facts?: Facts): Evidence[] {
  const read = readReference(reference, facts);
  if (read.kind === 'url') return read.urls.map((url) => ({ url, ...(read.label ? { note: read.label.slice(0, 120) } : {}) }));
  if (read.kind === 'path') return [{ path: read.path }];
  return [{ note: read.text.slice(0, 160) }];
}

/**
 * Repository paths among the references that do not exist in the repository: only what looks like a
 * path is judged as one (see readReference). URLs are not fetched: dpg-check sends nothing anywhere but
 * the configured source, so a URL is taken as given (a reviewer opens it).
 */
export function missingReferences(facts: Facts, references: Array<{ reference: string; pointer: string }>): Array<{ reference: string; pointer: string }> {
  if (!facts.hasRepository) return [];
  return references.filter(({ reference }) => {
    const read = readReference(reference, facts);
    return read.kind === 'path' && !manifestReferenceExists(facts, read.path);
  });
}

/** What a field's answers hold: URLs, repository paths that exist (any path without a repository), statements (a placeholder such as "TBD" is none of them). */
export function evidenceKinds(facts: Facts, references: readonly string[]): { urls: string[]; paths: string[]; statements: string[] } {
  const kinds = { urls: [] as string[], paths: [] as string[], statements: [] as string[] };
  for (const reference of references) {
    const read = readReference(reference, facts);
    if (read.kind === 'url') kinds.urls.push(...read.urls);
    else if (read.kind === 'path') {
      if (!facts.hasRepository || manifestReferenceExists(facts, read.path)) kinds.paths.push(read.path);
    } else if (answerQuality(read.text, 1) === 'ok') kinds.statements.push(read.text);
  }
  return kinds;
}

const PLACEHOLDER_TEXT =
  /^(?:todo|tbd|tba|n\/?a|none|yes|no|true|false|-+|\.+|x+|lorem ipsum.*|placeholder|to be (?:added|defined|done|completed)|fill (?:this )?in|coming soon|see above|same as above|\?+)$/i;

/**
 * How a free-text answer reads: `missing` (nothing), `placeholder` (TODO, n/a, lorem ipsum: no answer
 * at all), `brief` (a genuine answer of fewer than `minWords` words), or `ok`. Terse is not missing: a
 * brief answer is for a person to judge (a `review` finding), never a fail that says nothing is there.
 */
export function answerQuality(text: string | undefined, minWords: number): 'missing' | 'placeholder' | 'brief' | 'ok' {
  if (text === undefined || text.trim() === '') return 'missing';
  const trimmed = text.trim();
  if (PLACEHOLDER_TEXT.test(trimmed) || /\b(lorem ipsum|todo|tbd|xxx)\b/i.test(trimmed)) return 'placeholder';
  return wordCount(trimmed) < minWords ? 'brief' : 'ok';
}

function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/** The first characters of an answer, for a message. */
export function excerpt(text: string, length = 100): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return trimmed.length > length ? `${trimmed.slice(0, length - 1)}…` : trimmed;
}

export function declaredCategories(facts: Facts): Category[] | undefined {
  return facts.manifest?.data?.categories;
}

/** The categories the licence checks judge: those declared, or software when none are. */
export function effectiveCategories(facts: Facts): Category[] {
  const declared = declaredCategories(facts);
  return declared && declared.length > 0 ? declared : ['software'];
}

/** What must be licensed for each category; an AI system's weights, code and data each need a licence. */
export function coveragesFor(categories: readonly Category[]): LicenseCoverage[] {
  const coverages = new Set<LicenseCoverage>();
  for (const category of categories) {
    if (category === 'ai-system') {
      coverages.add('model-weights');
      coverages.add('training-code');
      coverages.add('training-data');
    } else {
      coverages.add(category);
    }
  }
  return [...coverages];
}

export function list(items: readonly string[]): string {
  return items.join(', ');
}
