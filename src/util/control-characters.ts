/**
 * Text from a repository (file names, licence texts, manifest values) may hold control characters: a
 * newline that starts a CI workflow command of its own, an escape sequence that retitles or rewrites
 * the terminal. Text formats show them as visible escapes (`\x1b`) instead.
 */
export function showControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Every string of a JSON-shaped value with its control characters shown (for a text view of facts). */
export function withControlCharactersShown<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, item: unknown) => (typeof item === 'string' ? showControlCharacters(item) : item)) as T;
}
