import { Composer, isAlias, isCollection, isMap, isPair, Lexer, Parser, type CST, type Document, type LineCounter, type Node } from 'yaml';

/**
 * YAML from repositories dpg-check does not control (manifests, policies, CITATION.cff,
 * publiccode.yml, compose files), composed with three bounds that yaml's parseDocument lacks:
 *
 * - Nesting. yaml's composer recurses once per level and overflows the stack near 1,000 levels
 *   ("[" repeated). It catches that RangeError, but a second overflow in the same process can abort
 *   Node outright: a regular expression compiled at the edge of the stack is a fatal "RegExpCompiler
 *   Allocation failed", which no catch sees (an audit checks hundreds of repositories in one
 *   process). yaml's parser, the stage before the composer, keeps its own stack, so the depth is
 *   measured on its tokens first.
 * - Errors. A file of 512 KiB of "]" has 524,288 syntax errors; yaml builds each (with a stack
 *   trace), and parseDocument's prettyErrors copies the whole line for each: quadratic, minutes.
 *   Composition stops at the MAX_YAML_ERRORS-th error.
 * - Duplicate keys. yaml's check compares every pair of keys (minutes for 70,000 keys); it is off,
 *   and the manifest loader checks duplicates with a set per mapping instead.
 */
export const MAX_YAML_NESTING = 64;

/** Syntax errors after which composition stops: the first ones say what is wrong. */
export const MAX_YAML_ERRORS = 20;

/** YAML aliases beyond this many are refused: a "billion laughs" document must not exhaust memory. */
export const MAX_YAML_ALIASES = 100;

export interface YamlProblem {
  message: string;
  /** Offset in the text where the problem starts. */
  offset: number;
  /** yaml's error code (MISSING_CHAR, BAD_INDENT, ...), or NESTING / MULTIPLE_DOCS. */
  code: string;
}

export interface ComposedYaml {
  /** The document, when composition ran to its end (with or without errors). */
  document?: Document.Parsed;
  /** At most MAX_YAML_ERRORS; the document's errors when there is a document. */
  problems: YamlProblem[];
  /** True when composition stopped at MAX_YAML_ERRORS, so more errors may follow. */
  stoppedEarly: boolean;
}

/** Thrown from the composer's error callback to stop composing; never escapes this module. */
const STOP = Symbol('too many YAML errors');

/** Like yaml's parseDocument(text, options) with the bounds above; never throws for any text. */
export function composeUntrustedYaml(text: string, options: { lineCounter?: LineCounter; strict?: boolean } = {}): ComposedYaml {
  const tokens: CST.Token[] = [];
  // Stray characters outside any document ("]" repeated) are error tokens that the composer turns
  // into errors without its error callback: only the first ones are kept.
  let strayErrors = 0;
  const keep = (token: CST.Token): void => {
    if (token.type === 'error' && ++strayErrors > MAX_YAML_ERRORS) return;
    tokens.push(token);
  };
  // The lexer and parser are driven by hand (as Parser.parse does) so that flow nesting is counted
  // on the way and parsing stops at once: 512 KiB of "[" would otherwise take the parser 1.5 s.
  const parser = new Parser(options.lineCounter?.addNewLine);
  options.lineCounter?.addNewLine(0);
  let flowDepth = 0;
  let structural: YamlProblem | undefined;
  for (const lexeme of new Lexer().lex(text)) {
    if (lexeme === '[' || lexeme === '{') flowDepth++;
    else if (lexeme === ']' || lexeme === '}') flowDepth = Math.max(0, flowDepth - 1);
    if (flowDepth > MAX_YAML_NESTING) {
      structural = nestingProblem(parser.offset);
      break;
    }
    for (const token of parser.next(lexeme)) keep(token);
  }
  if (structural === undefined) {
    for (const token of parser.end()) keep(token);
    // Block nesting ("- - - x", indentation), flow inside block collections, and aliases.
    structural = structureProblem(tokens);
  }
  if (structural !== undefined) return { problems: [structural], stoppedEarly: false };
  // Warnings (complex keys, unknown tags) are not printed on standard error.
  const composer = new Composer({ uniqueKeys: false, logLevel: 'error', ...(options.strict !== undefined ? { strict: options.strict } : {}) });
  let errors = 0;
  // onError is the composer's (private) sink for every error and warning; wrapping it is the only
  // way to stop early. Should a later yaml rename it, composition just runs to its end.
  const internals = composer as unknown as { onError?: (source: unknown, code: unknown, message: unknown, warning?: boolean) => void };
  const record = internals.onError;
  if (typeof record === 'function') {
    internals.onError = (source, code, message, warning) => {
      record(source, code, message, warning);
      if (warning !== true && ++errors >= MAX_YAML_ERRORS) throw STOP;
    };
  }
  let document: Document.Parsed | undefined;
  try {
    for (const composed of composer.compose(tokens, true, text.length)) {
      if (document) {
        const offset = composed.range[0];
        return {
          document,
          problems: [
            ...toProblems(document.errors),
            { message: 'the file holds multiple documents (separated by ---), where one is expected', offset, code: 'MULTIPLE_DOCS' },
          ],
          stoppedEarly: false,
        };
      }
      document = composed;
    }
  } catch (error) {
    if (error !== STOP) throw error;
    return { problems: toProblems(composer.streamInfo().errors), stoppedEarly: true };
  }
  const stoppedEarly = strayErrors > MAX_YAML_ERRORS;
  // compose(…, true) always ends with a document.
  return document ? { document, problems: toProblems(document.errors), stoppedEarly } : { problems: [], stoppedEarly };
}

function toProblems(errors: ReadonlyArray<{ message: string; pos: [number, number]; code: string }>): YamlProblem[] {
  return errors.slice(0, MAX_YAML_ERRORS).map((error) => ({ message: error.message, offset: error.pos[0], code: error.code }));
}

const CST_COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

function nestingProblem(offset: number): YamlProblem {
  return { message: `lists and mappings are nested more than ${MAX_YAML_NESTING} levels deep`, offset, code: 'NESTING' };
}

/**
 * The first list or mapping nested deeper than MAX_YAML_NESTING, or the alias past MAX_YAML_ALIASES,
 * found on the parser's tokens without recursion. Aliases are counted here because yaml's own limit
 * (maxAliasCount) weighs each alias by what its anchor holds: a chain of anchors each holding one
 * alias, each used once, passes it, and resolving them walks the whole document once per alias
 * (quadratic: 2,000 such groups, 72 KB, took 2.3 s; 500 KiB, over a minute).
 */
function structureProblem(tokens: readonly CST.Token[]): YamlProblem | undefined {
  let aliases = 0;
  for (const top of tokens) {
    const stack: Array<[CST.Token | null | undefined, number]> = [[top.type === 'document' ? top.value : top, 1]];
    for (let entry = stack.pop(); entry; entry = stack.pop()) {
      const [token, depth] = entry;
      if (!token) continue;
      if (token.type === 'alias' && ++aliases > MAX_YAML_ALIASES) {
        return { message: `the file uses more than ${MAX_YAML_ALIASES} aliases (*name)`, offset: token.offset, code: 'ALIASES' };
      }
      if (!CST_COLLECTIONS.has(token.type) || !('items' in token)) continue;
      if (depth > MAX_YAML_NESTING) return nestingProblem(token.offset);
      // Pushed last to first, so that the tokens are visited in document order.
      for (let index = token.items.length - 1; index >= 0; index--) {
        const item = token.items[index];
        stack.push([item?.value, depth + 1]);
        stack.push([item?.key, depth + 1]);
      }
    }
  }
  return undefined;
}

/**
 * The first mapping key that is a list, a mapping or an alias. A manifest has no use for one, and
 * turning one into data is expensive: yaml writes such a key out as JSON text, once per level, so
 * "? " nested 40 times makes a string too long for V8.
 */
export function complexKey(document: Document): Node | undefined {
  const stack: unknown[] = [document.contents];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isAlias(pair.key) || isCollection(pair.key)) return pair.key;
        stack.push(pair.value);
      }
    } else if (isCollection(node)) {
      for (const item of node.items) {
        // A sequence of pairs (!!pairs, !!omap in YAML 1.1) holds Pair items directly.
        if (isPair(item)) {
          if (isAlias(item.key) || isCollection(item.key)) return item.key as Node;
          stack.push(item.value);
        } else stack.push(item);
      }
    }
  }
  return undefined;
}

/**
 * The data of a YAML text from a repository, or an Error saying what is wrong with it (a syntax
 * error, deep nesting, a key that is not a scalar, too many aliases). For readers that want one
 * value out of a file (a licence, an image name) and ignore the rest.
 */
export function parseUntrustedYaml(text: string): unknown {
  const { document, problems } = composeUntrustedYaml(text);
  if (problems[0] || !document) throw new Error(problems[0]?.message ?? 'not a YAML document');
  if (complexKey(document)) throw new Error('a mapping key is a list, a mapping or an alias');
  return document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
}
