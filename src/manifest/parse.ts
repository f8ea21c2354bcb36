import { isMap, isNode, isSeq, LineCounter, type Document, type Node } from 'yaml';
import { complexKey, composeUntrustedYaml, MAX_YAML_ALIASES, MAX_YAML_ERRORS } from '../util/yaml.js';

export interface SourcePosition {
  line: number;
  column: number;
}

export interface ManifestSyntaxProblem {
  message: string;
  position?: SourcePosition;
}

/**
 * A parsed YAML or JSON document that remembers where every value came from, so that findings can
 * point at `file:line:column`. JSON is YAML 1.2, so one parse tree serves both.
 */
export interface ParsedDocument {
  data: unknown;
  problems: ManifestSyntaxProblem[];
  /** Where the value at a JSON pointer starts; the closest existing ancestor when it does not exist. */
  locate(pointer: string): SourcePosition | undefined;
  /** Where a key of the mapping at `pointer` is written. */
  locateKey(pointer: string, key: string): SourcePosition | undefined;
  /**
   * With YAML syntax errors: the top-level entries written wholly before the first error, as data
   * (a tab on line 40 does not unsay lines 1-39). Undefined without errors, or when nothing precedes.
   */
  beforeFirstError?: Record<string, unknown>;
}

export function parseStructuredText(text: string, format: 'yaml' | 'json'): ParsedDocument {
  const lineCounter = new LineCounter();
  const composed = composeUntrustedYaml(text, { lineCounter, strict: true });
  const toPosition = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const positionOf = (node: Node | undefined): { position?: SourcePosition } => (node?.range ? { position: toPosition(node.range[0]) } : {});
  const problems: ManifestSyntaxProblem[] = firstOnEachLine(
    composed.problems.map((problem) => {
      const message = firstLine(problem.message);
      // yaml reports an unclosed quote where the file ends; the person needs the line it was opened on.
      const opened = problem.code === 'MISSING_CHAR' && /quote/.test(message) ? unclosedQuote(text, problem.offset) : undefined;
      if (opened) return { message: `${message} (the quoted text opened here is never closed)`, position: opened };
      return { message, ...(problem.offset >= 0 ? { position: toPosition(problem.offset) } : {}) };
    }),
  );
  if (composed.stoppedEarly) problems.push({ message: `more syntax errors may follow; reading stopped after the first ${MAX_YAML_ERRORS}` });
  const document = composed.document;
  // Deeply nested or stopped early (src/util/yaml.ts): there is no document to look values up in.
  if (!document) return { data: null, problems, locate: () => undefined, locateKey: () => undefined };

  if (problems.length === 0) {
    const key = complexKey(document);
    if (key) problems.push({ message: "a key is a list, a mapping or an alias; a manifest's keys are plain names", ...positionOf(key) });
  }
  if (problems.length === 0) problems.push(...duplicateKeys(document, toPosition));

  if (format === 'json' && problems.length === 0) {
    // YAML accepts what JSON does not (comments, trailing commas, single quotes): hold JSON files to JSON.
    try {
      JSON.parse(text);
    } catch (error) {
      problems.push(jsonProblem(text, error, toPosition));
    }
  }

  let data: unknown = null;
  if (problems.length === 0) {
    try {
      data = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
      const odd = unsupportedValue(data, '');
      if (odd !== undefined) {
        problems.push({
          message: `${odd.pointer || 'the document'} holds a ${odd.kind}, which a manifest cannot hold (only text, numbers, booleans, lists and mappings)`,
          ...positionOf(deepestNode(document, parsePointer(odd.pointer))),
        });
        data = null;
      }
    } catch (error) {
      problems.push({ message: firstLine(error instanceof Error ? error.message : String(error)) });
    }
  }

  const beforeFirstError = format === 'yaml' && problems.length > 0 ? entriesBeforeFirstError(document, composed.problems[0]?.offset) : undefined;
  return {
    data,
    problems,
    ...(beforeFirstError ? { beforeFirstError } : {}),
    locate(pointer) {
      const node = deepestNode(document, parsePointer(pointer));
      return node?.range ? toPosition(node.range[0]) : undefined;
    },
    locateKey(pointer, key) {
      const node = deepestNode(document, parsePointer(pointer));
      if (isMap(node)) {
        for (const pair of node.items) {
          if (isNode(pair.key) && 'value' in pair.key && String(pair.key.value) === key && pair.key.range) {
            return toPosition(pair.key.range[0]);
          }
        }
      }
      return node?.range ? toPosition(node.range[0]) : undefined;
    },
  };
}

/**
 * yaml reports what follows from one mistake as more errors on the same line (a tab used as
 * indentation at 43:1, then "Nested mappings are not allowed in compact mappings" and "Implicit keys
 * need to be on a single line" at 43:18): the first error of each line is the cause, shown once.
 */
function firstOnEachLine(problems: ManifestSyntaxProblem[]): ManifestSyntaxProblem[] {
  const lines = new Set<number>();
  return problems.filter((problem) => {
    if (!problem.position) return true;
    if (lines.has(problem.position.line)) return false;
    lines.add(problem.position.line);
    return true;
  });
}

/** Top-level mapping entries whose text ends before `offset` (where the first syntax error is). */
function entriesBeforeFirstError(document: Document, offset: number | undefined): Record<string, unknown> | undefined {
  if (offset === undefined || offset < 0 || !isMap(document.contents)) return undefined;
  const kept: Record<string, unknown> = {};
  for (const pair of document.contents.items) {
    const key = isNode(pair.key) && 'value' in pair.key ? pair.key.value : undefined;
    const end = isNode(pair.value) ? pair.value.range?.[1] : undefined;
    if (typeof key !== 'string' || end === undefined || end > offset || !isNode(pair.value)) continue;
    // A value with an error inside it is not whole: yaml marks such nodes; toJS of a whole one is safe.
    try {
      const value = pair.value.toJS(document, { maxAliasCount: MAX_YAML_ALIASES });
      if (unsupportedValue(value, '') === undefined) kept[key] = value;
    } catch {
      // Not whole after all: left out.
    }
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** The last quote before `end` that opens a scalar and is not closed on its own line. */
function unclosedQuote(text: string, end: number): SourcePosition | undefined {
  const lines = text.slice(0, end).split(/\r\n|\r|\n/);
  for (let index = lines.length - 1; index >= 0; index--) {
    const match = /^(\s*(?:-\s+)?(?:[^\s#"'][^#"']*?:\s+|-\s+)?)(["'])(.*)$/.exec(lines[index] ?? '');
    if (!match?.[2]) continue;
    const rest = (match[3] ?? '').replace(match[2] === "'" ? /''/g : /\\./g, '');
    if (!rest.includes(match[2])) return { line: index + 1, column: (match[1] ?? '').length + 1 };
  }
  return undefined;
}

/** Keys written twice in one mapping, at the second one, as yaml's uniqueKeys would report them. */
function duplicateKeys(document: Document, toPosition: (offset: number) => SourcePosition): ManifestSyntaxProblem[] {
  const problems: ManifestSyntaxProblem[] = [];
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        // Keys are scalars here (complexKey ran first); an empty key has no node.
        const key = isNode(pair.key) && 'value' in pair.key ? String(pair.key.value) : '';
        if (seen.has(key)) {
          const range = isNode(pair.key) ? pair.key.range : undefined;
          problems.push({ message: 'Map keys must be unique', ...(range ? { position: toPosition(range[0]) } : {}) });
        }
        seen.add(key);
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item);
    }
  };
  visit(document.contents);
  return problems;
}

/** The first value that is not plain data (a `!!binary` Uint8Array, a `!!set`, a timestamp's Date). */
function unsupportedValue(value: unknown, pointer: string, path: Set<object> = new Set()): { pointer: string; kind: string } | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return undefined;
  // An anchor used inside itself makes a cycle: data that would never end.
  if (typeof value === 'object' && path.has(value)) return { pointer, kind: 'value that contains itself (an alias inside its own anchor)' };
  if (Array.isArray(value)) {
    path.add(value);
    for (const [index, item] of value.entries()) {
      const found = unsupportedValue(item, `${pointer}/${index}`, path);
      if (found) return found;
    }
    path.delete(value);
    return undefined;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    path.add(value);
    for (const [key, item] of Object.entries(value)) {
      const found = unsupportedValue(item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, path);
      if (found) return found;
    }
    path.delete(value);
    return undefined;
  }
  const kind =
    value instanceof Uint8Array
      ? 'binary value'
      : value instanceof Date
        ? 'timestamp'
        : value instanceof Map
          ? 'map with non-text keys'
          : value instanceof Set
            ? 'set'
            : typeof value;
  return { pointer, kind };
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Walks the parse tree along a pointer and returns the deepest node that exists on the way. */
function deepestNode(document: Document, segments: string[]): Node | undefined {
  let current: unknown = document.contents;
  for (const segment of segments) {
    let next: unknown;
    if (isMap(current)) {
      next = current.items.find((pair) => isNode(pair.key) && 'value' in pair.key && String(pair.key.value) === segment)?.value;
    } else if (isSeq(current)) {
      next = current.items[Number(segment)];
    }
    if (!isNode(next)) break;
    current = next;
  }
  return isNode(current) ? current : undefined;
}

function jsonProblem(text: string, error: unknown, toPosition: (offset: number) => SourcePosition): ManifestSyntaxProblem {
  const message = error instanceof Error ? error.message : String(error);
  const match = /position (\d+)/.exec(message);
  const offset = match ? Number(match[1]) : undefined;
  const cleaned = firstLine(message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, ''));
  return offset !== undefined && offset <= text.length ? { message: cleaned, position: toPosition(offset) } : { message: cleaned };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}
