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

/** A relative reference resolved in the repository: a file, or a folder that holds files. */
export function referenceExists(facts: Facts, reference: string): boolean {
  const path = reference.replace(/[#?].*$/, '').replace(/^\.\//, '').replace(/\/+$/, '');
  if (path === '' || path === '.') return true;
  if (facts.fileSet.has(path)) return true;
  const prefix = `${path}/`;
  return facts.files.some((file) => file.startsWith(prefix));
}

/** Evidence for a reference: a URL as such, a repository path as a path. */
export function referenceEvidence(reference: string): Evidence {
  return isUrl(reference) ? { url: reference } : { path: reference.replace(/^\.\//, '') };
}

/**
 * Relative references that do not exist in the repository. URLs are not fetched: dpg-check sends
 * nothing anywhere but the configured source, so a URL is taken as given (a reviewer opens it).
 */
export function missingReferences(facts: Facts, references: Array<{ reference: string; pointer: string }>): Array<{ reference: string; pointer: string }> {
  if (!facts.hasRepository) return [];
  return references.filter(({ reference }) => !isUrl(reference) && !referenceExists(facts, reference));
}

const PLACEHOLDER_TEXT = /^(?:todo|tbd|tba|n\/?a|none|-+|\.+|x+|lorem ipsum.*|placeholder|to be (?:added|defined|done|completed)|fill (?:this )?in|coming soon|see above|same as above|\?+)$/i;

/** Text too thin to answer a question: empty, a placeholder, or fewer words than a sentence needs. */
export function isPlaceholder(text: string | undefined, minWords = 4): boolean {
  if (text === undefined) return true;
  const trimmed = text.trim();
  if (trimmed === '' || PLACEHOLDER_TEXT.test(trimmed) || /\b(lorem ipsum|todo|tbd|xxx)\b/i.test(trimmed)) return true;
  return (trimmed.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) < minWords;
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
