import type { ClosedComponent } from '../manifest/types.js';

/**
 * Closed components named in the platform-independence answer. The form asks for them in free text,
 * and applicants write prose ("We're using Twilio as SMS service replaceable by Somleng", "Amazon SES
 * can easily be replaced with open alternatives such as Flask-mail"). A component is read only where a
 * sentence says, in so many words, that a named component is replaced by a named alternative:
 *
 *   X [as …] replaceable by Y         X can [easily] be replaced by|with Y
 *   replace X with|by Y               Y is an open source alternative to X
 *   X is used; it can be replaced by Y
 *
 * where X and Y are names (capitalised words: Google Maps API, AWS S3, Flask-mail). A component
 * without a named alternative is not read, nor is one behind a pronoun from another sentence: a
 * wrong component is worse than none, for check would then judge what the applicant did not say.
 * Tokens are read one by one: no regular expression runs over the text.
 *
 * The screening writer describes components one per line, labelled (`Closed component: X; open
 * alternatives: Y, Z`), so that they read back as they were.
 */

const LABEL = 'Closed component: ';
const ALTERNATIVES = '; open alternatives: ';
const REPLACEMENT = '; replacement: ';
const OPTIONAL = ' (optional)';
const MANDATORY = ' (mandatory)';

/** The labelled line the screening writer gives a component. */
export function describeClosedComponent(component: ClosedComponent): string {
  const mandatory = component.mandatory === undefined ? '' : component.mandatory ? MANDATORY : OPTIONAL;
  const alternatives = component.openAlternatives?.length ? `${ALTERNATIVES}${component.openAlternatives.join(', ')}` : '';
  const replacement = component.replacement ? `${REPLACEMENT}${component.replacement}` : '';
  return `${LABEL}${component.name}${mandatory}${alternatives}${replacement}`;
}

/** Whether the labelled lines of these components read back as exactly these components. */
export function describedExactly(components: readonly ClosedComponent[]): boolean {
  const back = closedComponentsIn(components.map(describeClosedComponent).join('\n'));
  return (
    back.described && back.components.length === components.length && components.every((component, index) => sameComponent(component, back.components[index]))
  );
}

function sameComponent(a: ClosedComponent, b: ClosedComponent | undefined): boolean {
  return (
    b !== undefined &&
    a.name === b.name &&
    a.mandatory === b.mandatory &&
    (a.replacement ?? '') === (b.replacement ?? '') &&
    (a.openAlternatives ?? []).join('\n') === (b.openAlternatives ?? []).join('\n')
  );
}

/** A labelled line read back; undefined for any other line. */
function readDescribed(line: string): ClosedComponent | undefined {
  if (!line.startsWith(LABEL)) return undefined;
  let rest = line.slice(LABEL.length);
  let replacement: string | undefined;
  const replacementAt = rest.indexOf(REPLACEMENT);
  if (replacementAt !== -1) {
    replacement = rest.slice(replacementAt + REPLACEMENT.length);
    rest = rest.slice(0, replacementAt);
  }
  let alternatives: string[] | undefined;
  const alternativesAt = rest.indexOf(ALTERNATIVES);
  if (alternativesAt !== -1) {
    alternatives = rest
      .slice(alternativesAt + ALTERNATIVES.length)
      .split(', ')
      .filter(Boolean);
    rest = rest.slice(0, alternativesAt);
  }
  let mandatory: boolean | undefined;
  if (rest.endsWith(OPTIONAL)) mandatory = false;
  else if (rest.endsWith(MANDATORY)) mandatory = true;
  const name = mandatory === undefined ? rest : rest.slice(0, -(mandatory ? MANDATORY : OPTIONAL).length);
  if (name === '') return undefined;
  return {
    name,
    ...(mandatory !== undefined ? { mandatory } : {}),
    ...(alternatives?.length ? { openAlternatives: alternatives } : {}),
    ...(replacement ? { replacement } : {}),
  };
}

export interface ClosedComponentsRead {
  components: ClosedComponent[];
  /** Whether the whole text is the writer's labelled lines, so that the manifest gives it back. */
  described: boolean;
}

/** The closed components a platform-independence answer names, with their open alternatives. */
export function closedComponentsIn(text: string): ClosedComponentsRead {
  const components: ClosedComponent[] = [];
  const prose: string[] = [];
  const lines = text.split('\n');
  for (const line of lines) {
    const described = readDescribed(line);
    if (described) components.push(described);
    else prose.push(line);
  }
  for (const sentence of sentences(prose.join('\n'))) {
    for (const found of replaceableIn(tokens(sentence))) addComponent(components, found);
  }
  return { components, described: prose.length === 0 };
}

function addComponent(components: ClosedComponent[], found: ClosedComponent): void {
  const known = components.find((component) => component.name.toLowerCase() === found.name.toLowerCase());
  if (!known) components.push(found);
  else known.openAlternatives = [...new Set([...(known.openAlternatives ?? []), ...(found.openAlternatives ?? [])])];
}

/** Sentences, without links and parenthesised asides ("(https://…)", "(ETH/USD)"). */
function sentences(text: string): string[] {
  const plain = text.replace(/https?:\s?\/\/\S*/g, ' ').replace(/\([^()\n]*\)/g, ' ');
  return plain.split(/\n|[.!?](?:\s|$)/).filter((sentence) => sentence.trim() !== '');
}

/** Words and the punctuation that separates clauses (",", ";", ":"), in order, without their quotes. */
function tokens(sentence: string): string[] {
  return (sentence.match(/[^\s,;:]+|[,;:]/g) ?? []).map(withoutQuotes).filter(Boolean);
}

const QUOTES = new Set(['"', "'", '“', '”', '‘', '’']);

function withoutQuotes(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && QUOTES.has(token[start] as string)) start++;
  while (end > start && QUOTES.has(token[end - 1] as string)) end--;
  return token.slice(start, end);
}

/** Capitalised words that begin sentences and clauses rather than name a component. */
const NOT_NAMES = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'it',
  'its',
  'we',
  'our',
  'us',
  'they',
  'their',
  'you',
  'your',
  'i',
  'he',
  'she',
  'however',
  'but',
  'and',
  'or',
  'if',
  'in',
  'on',
  'for',
  'with',
  'by',
  'as',
  'at',
  'to',
  'of',
  'also',
  'all',
  'any',
  'some',
  'other',
  'both',
  'each',
  'every',
  'such',
  'there',
  'here',
  'when',
  'while',
  'since',
  'because',
  'currently',
  'alternatively',
  'hence',
  'then',
  'so',
  'note',
  'please',
  'yes',
  'no',
  'not',
  'users',
  'user',
  'developers',
  'one',
  'instead',
  'otherwise',
  'additionally',
  'further',
  'furthermore',
  'e.g',
  'i.e',
]);
const MAX_NAME_WORDS = 5;
const MODALS = new Set(['can', 'could', 'may', 'might', 'will', 'would']);
const ADVERBS = new Set(['easily', 'also', 'simply', 'readily', 'still', 'then', 'quickly', 'always']);
const PRONOUNS = new Set(['it', 'they', 'which']);
const PARTICIPLES = new Set(['used', 'required', 'needed']);
/** Words that end the description in "X as <description> replaceable by". */
const DESCRIPTION_LIMIT = 6;
/** Words before an alternative's name that only introduce it ("open alternatives for mail such as"). */
const FILLER_LIMIT = 6;
const INTRODUCERS = new Set(['such as', 'like', 'called', 'named', 'including', 'namely', 'e.g', 'e.g.']);
/** A component right after one of these is an alternative (or object) of something before it. */
const NOT_BEFORE_COMPONENT = new Set(['by', 'with', 'to', 'of', 'than', 'from', 'or']);

function isNameWord(token: string | undefined): boolean {
  return token !== undefined && /^[A-Z][\w.'+/-]*$/.test(token) && !NOT_NAMES.has(token.toLowerCase());
}

const lower = (token: string | undefined): string => (token ?? '').toLowerCase();

/** The name that ends at `end` (inclusive), read backwards: its first index, or -1. */
function nameEndingAt(words: readonly string[], end: number): number {
  let start = end;
  while (start >= 0 && isNameWord(words[start])) start--;
  const length = end - start;
  return length >= 1 && length <= MAX_NAME_WORDS ? start + 1 : -1;
}

/** The name that starts at `start`: its end (exclusive), or -1. */
function nameStartingAt(words: readonly string[], start: number): number {
  let end = start;
  while (end < words.length && isNameWord(words[end])) end++;
  const length = end - start;
  return length >= 1 && length <= MAX_NAME_WORDS ? end : -1;
}

/** The components that end at `end`: "Google Maps and MapBox" is two. Empty when they follow a preposition. */
function componentsEndingAt(words: readonly string[], end: number): string[] {
  const names: string[] = [];
  let last = end;
  for (;;) {
    const start = nameEndingAt(words, last);
    if (start === -1) return [];
    names.unshift(words.slice(start, last + 1).join(' '));
    if (lower(words[start - 1]) === 'and' && isNameWord(words[start - 2])) last = start - 2;
    else return NOT_BEFORE_COMPONENT.has(lower(words[start - 1])) ? [] : names;
  }
}

/**
 * The alternatives named from `from` on: a name, after an optional "open (source) alternatives … such
 * as"; more names joined by "or" (and by "," or "and" in a "such as" list). Empty when none is named.
 */
function alternativesFrom(words: readonly string[], from: number): string[] {
  let at = from;
  if (['a', 'an', 'the'].includes(lower(words[at]))) at++;
  if (lower(words[at]) === 'open' && lower(words[at + 1]) === 'source') at += 2;
  else if (['open', 'open-source', 'free'].includes(lower(words[at]))) at++;
  let listed = false;
  if (/^(alternatives?|options?|solutions?)$/.test(lower(words[at]))) {
    const introducer = findIntroducer(words, at + 1);
    if (introducer === -1) return [];
    at = introducer;
    listed = true;
  }
  const names: string[] = [];
  for (;;) {
    const end = nameStartingAt(words, at);
    if (end === -1) break;
    names.push(words.slice(at, end).join(' '));
    const joiner = lower(words[end]);
    if (joiner === 'or' || (listed && (joiner === ',' || joiner === 'and'))) at = end + 1;
    else if (listed && joiner === ',' && lower(words[end + 1]) === 'or') at = end + 2;
    else break;
  }
  return names;
}

/** The index after "such as" (or like, called, …) within a few lowercase words from `from`, or -1. */
function findIntroducer(words: readonly string[], from: number): number {
  for (let at = from; at < Math.min(words.length, from + FILLER_LIMIT); at++) {
    const word = lower(words[at]);
    if (word === 'such' && lower(words[at + 1]) === 'as') return at + 2;
    if (INTRODUCERS.has(word)) return at + 1;
    if (words[at] !== word) return -1;
  }
  return -1;
}

/** Where the component before a trigger ends: before "as <description>" when there is one. */
function componentEnd(words: readonly string[], before: number): number {
  for (let at = before; at >= Math.max(0, before - DESCRIPTION_LIMIT); at--) {
    const word = lower(words[at]);
    // "services such as X can be replaced": X is the component, named after "such as".
    if (word === 'as' && lower(words[at - 1]) === 'such') break;
    if (word === 'as') return at - 1;
    if ([',', ';', ':', 'by', 'with', 'replaceable'].includes(word)) break;
  }
  return before;
}

/** The components a sentence's words say are replaceable by named alternatives. */
function replaceableIn(words: readonly string[]): ClosedComponent[] {
  const found: ClosedComponent[] = [];
  const add = (names: string[], alternatives: string[]): void => {
    if (names.length === 0 || alternatives.length === 0) return;
    for (const name of names) found.push({ name, openAlternatives: alternatives });
  };
  words.forEach((word, index) => {
    const next = lower(words[index + 1]);
    const word0 = lower(word);
    // X [is] [as …] replaceable by Y
    if (word0 === 'replaceable' && (next === 'by' || next === 'with')) {
      const before = ['is', 'are'].includes(lower(words[index - 1])) ? index - 2 : index - 1;
      add(componentsEndingAt(words, componentEnd(words, before)), alternativesFrom(words, index + 2));
    }
    // X can [easily] be replaced by Y; X is used; it can be replaced by Y
    if (word0 === 'replaced' && (next === 'by' || next === 'with') && lower(words[index - 1]) === 'be') {
      let modal = index - 2;
      if (ADVERBS.has(lower(words[modal]))) modal--;
      if (!MODALS.has(lower(words[modal]))) return;
      add(componentsEndingAt(words, componentEnd(words, subjectEnd(words, modal - 1))), alternativesFrom(words, index + 2));
    }
    // replace X with Y
    if ((word0 === 'replace' || word0 === 'replacing') && !['not', "don't", 'cannot', 'never', "can't"].includes(lower(words[index - 1]))) {
      const end = nameStartingAt(words, index + 1);
      if (end !== -1 && (lower(words[end]) === 'with' || lower(words[end]) === 'by'))
        add([words.slice(index + 1, end).join(' ')], alternativesFrom(words, end + 1));
    }
    // Y is an open source alternative to X
    if (word0 === 'alternative' && next === 'to') {
      let at = index - 1;
      if (lower(words[at]) === 'source' && lower(words[at - 1]) === 'open') at -= 2;
      else if (['open', 'open-source'].includes(lower(words[at]))) at--;
      if (!['a', 'an'].includes(lower(words[at])) || !['is', 'are'].includes(lower(words[at - 1]))) return;
      const alternativeStart = nameEndingAt(words, at - 2);
      const end = nameStartingAt(words, index + 2);
      if (alternativeStart === -1 || end === -1 || NOT_BEFORE_COMPONENT.has(lower(words[alternativeStart - 1]))) return;
      add([words.slice(index + 2, end).join(' ')], [words.slice(alternativeStart, at - 1).join(' ')]);
    }
  });
  return found;
}

/**
 * Where the subject before a modal ends: the word before it, or, for "X is used; it can" and "X,
 * which can", the name the pronoun stands for in the same sentence. -1 when a pronoun has none.
 */
function subjectEnd(words: readonly string[], before: number): number {
  if (!PRONOUNS.has(lower(words[before]))) return before;
  let at = before - 1;
  if ([',', ';'].includes(lower(words[at]))) at--;
  if (PARTICIPLES.has(lower(words[at])) && ['is', 'are'].includes(lower(words[at - 1]))) at -= 2;
  else if (lower(words[before]) !== 'which') return -1;
  return isNameWord(words[at]) ? at : -1;
}
