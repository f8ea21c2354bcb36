import { isMap, isNode, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

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
}

/** YAML aliases beyond this many are refused: a "billion laughs" manifest must not exhaust memory. */
const MAX_ALIAS_COUNT = 100;

export function parseStructuredText(text: string, format: 'yaml' | 'json'): ParsedDocument {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, strict: true });
  const toPosition = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems: ManifestSyntaxProblem[] = document.errors.map((error) => {
    // The position is reported separately, so the message need not repeat it.
    const message = firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '');
    // yaml reports an unclosed quote where the file ends; the person needs the line it was opened on.
    const opened = error.code === 'MISSING_CHAR' && /quote/.test(message) ? unclosedQuote(text, error.pos[0]) : undefined;
    if (opened) return { message: `${message} (the quoted text opened here is never closed)`, position: opened };
    return { message, ...(error.linePos ? { position: { line: error.linePos[0].line, column: error.linePos[0].col } } : {}) };
  });

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
      data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      problems.push({ message: firstLine(error instanceof Error ? error.message : String(error)) });
    }
  }

  return {
    data,
    problems,
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
