/**
 * Findings are data, not prose: a stable code, the arguments its message needs and the evidence.
 * The message and fix texts live with the code's definition and are rendered from the arguments,
 * so `docs/checks.md`, `explain` and every formatter say the same thing.
 */
export const INDICATOR_IDS = ['1', '2', '3', '4', '5', '6', '7', '8', '9a', '9b', '9c'] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

/**
 * Findings about the manifest itself (syntax, schema) or the policy (waivers) belong to no indicator;
 * nor do those of the DPGA registry cross-check (`dpg-check audit --registry`).
 */
export type FindingGroup = IndicatorId | 'manifest' | 'policy' | 'registry';

export const FINDING_STATUSES = ['fail', 'warn', 'review', 'pass', 'n/a'] as const;
/**
 * pass: meets the requirement; fail: does not, and blocks readiness; warn: meets it with a weakness
 * worth fixing; review: only a human can judge, the finding says what to ask; n/a: does not apply.
 */
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export interface Evidence {
  /** Path relative to the repository root (or the manifest path as given). */
  path?: string;
  line?: number;
  column?: number;
  url?: string;
  /** What this piece of evidence shows, when the location alone does not say. */
  note?: string;
}

/**
 * A finding's argument: data, never prose. A string is an id, a path, a number as written or a quote
 * of the repository's own text; a list is rendered by the template (joined with ", " unless the
 * placeholder names another separator), so the JSON report keeps it as a list.
 */
export type ArgValue = string | number | readonly (string | number)[];

/** The arguments of a rendered finding, as the report stores them. */
export type FindingArgs = Readonly<Record<string, ArgValue>>;

/** The arguments a draft carries: an optional one may be left out or be `undefined` (not given). */
export type DraftArgs = Readonly<Record<string, ArgValue | undefined>>;

/**
 * What a code means. `message`, `fix` and `question` are templates, in the small language that
 * renderTemplate reads (placeholders, list separators, plural choices, optional segments).
 */
export interface CodeDefinition {
  status: FindingStatus;
  /** A short title for lists and SARIF rule names. */
  title: string;
  /** Why the Standard asks for this; shown by `explain` and in docs/checks.md. */
  description: string;
  message: string;
  fix?: string;
  /** For `review` findings: the question the reviewer must answer. */
  question?: string;
  /**
   * The finding only says that the manifest does not answer one of the application's questions. With
   * no manifest at all, these are shown once as "not answered yet" (report.notAnswered), not one by one.
   */
  unanswered?: true;
}

/** What a check returns: which code, with which arguments and evidence. */
export interface FindingDraft {
  code: string;
  args?: DraftArgs;
  evidence?: Evidence[];
}

/*
 * The template language. Templates are written by dpg-check; arguments may come from untrusted
 * repository text, so they are inserted as they are (never read as a template) and rendering is one
 * pass over the parsed template: linear in the template and the output, with no pattern run on an
 * argument.
 *
 *   {name}            the argument; a list is joined with ", "
 *   {name/SEP}        a list joined with SEP, written out: `{ids/ or }`, `{holders/; }`, `{files/ }`
 *   {name|ONE|OTHER}  ONE when the argument is 1 (a number) or a list of one item, else OTHER:
 *                     `which {reference|is|are} not`, `{count|a link|{count} links}`
 *   {?name:TEXT}      TEXT only when the argument is given (not undefined, '' or an empty list):
 *                     `licence{?closest:; it resembles {closest} ({similarity}%)}`
 *   {?name:TEXT|ELSE} TEXT when it is given, ELSE when it is not: `{?owner:{owner}|the owner}`
 *   {?a,b:TEXT}       TEXT when any of the arguments is given (a separator between optional parts)
 *
 * TEXT, ONE, OTHER and ELSE may hold placeholders and segments. Placeholders inside an optional
 * segment are optional arguments; those outside are required (DraftOf checks both at compile time).
 * At the top level a brace that starts none of these is text (`{ name: "…" }` in a fix); inside a
 * segment or a choice, `{`, `|` and `}` are always syntax.
 */

/** A parsed template: text and constructs, in order. */
type TemplateNode =
  | string
  | { kind: 'arg'; name: string; separator: string }
  | { kind: 'plural'; name: string; one: TemplateNode[]; other: TemplateNode[] }
  | OptionalSegment;

interface OptionalSegment {
  kind: 'optional';
  names: string[];
  then: TemplateNode[];
  otherwise?: TemplateNode[];
}

const WORD = /^\w+$/;
const NAMES = /^\w+(?:,\w+)*$/;

class TemplateParser {
  private position = 0;

  constructor(private readonly template: string) {}

  parse(): TemplateNode[] {
    return this.sequence(false);
  }

  /** Text and constructs up to the end (top level) or up to a `|` or `}` of the enclosing construct. */
  private sequence(nested: boolean): TemplateNode[] {
    const nodes: TemplateNode[] = [];
    let text = '';
    const template = this.template;
    while (this.position < template.length) {
      const character = template[this.position] as string;
      if (nested && (character === '|' || character === '}')) break;
      if (character === '{') {
        const construct = this.construct(nested);
        if (construct) {
          if (text !== '') nodes.push(text);
          text = '';
          nodes.push(construct);
          continue;
        }
      }
      text += character;
      this.position++;
    }
    if (text !== '') nodes.push(text);
    return nodes;
  }

  /** The construct at `{`, or undefined (at the top level) when the brace is text. */
  private construct(nested: boolean): TemplateNode | undefined {
    const template = this.template;
    const start = this.position;
    if (template[start + 1] === '?') {
      // The names, then a colon: scanned no further than the names' own characters.
      let colon = start + 2;
      while (colon < template.length && /[\w,]/.test(template[colon] as string)) colon++;
      const names = template[colon] === ':' ? template.slice(start + 2, colon) : '';
      if (NAMES.test(names)) {
        this.position = colon + 1;
        const then = this.sequence(true);
        let otherwise: TemplateNode[] | undefined;
        if (template[this.position] === '|') {
          this.position++;
          otherwise = this.sequence(true);
        }
        this.close(start);
        return { kind: 'optional', names: names.split(','), then, ...(otherwise ? { otherwise } : {}) };
      }
      return this.text(nested, start);
    }
    let end = start + 1;
    while (end < template.length && /\w/.test(template[end] as string)) end++;
    const name = template.slice(start + 1, end);
    const after = template[end];
    if (!WORD.test(name) || (after !== '}' && after !== '/' && after !== '|')) return this.text(nested, start);
    if (after === '}') {
      this.position = end + 1;
      return { kind: 'arg', name, separator: ', ' };
    }
    if (after === '/') {
      let close = end + 1;
      while (close < template.length && !'{|}'.includes(template[close] as string)) close++;
      if (template[close] !== '}') throw this.error(start, 'a list separator is text up to a }');
      const separator = template.slice(end + 1, close);
      this.position = close + 1;
      return { kind: 'arg', name, separator };
    }
    this.position = end + 1;
    const one = this.sequence(true);
    if (template[this.position] !== '|') throw this.error(start, 'a plural choice has two parts: {name|ONE|OTHER}');
    this.position++;
    const other = this.sequence(true);
    this.close(start);
    return { kind: 'plural', name, one, other };
  }

  /** A brace that starts no construct: text at the top level, a mistake inside a segment. */
  private text(nested: boolean, start: number): undefined {
    if (nested) throw this.error(start, 'inside a segment every brace is syntax');
    return undefined;
  }

  private close(start: number): void {
    if (this.template[this.position] !== '}') throw this.error(start, 'the construct is not closed');
    this.position++;
  }

  private error(start: number, problem: string): Error {
    return new Error(`template ${JSON.stringify(this.template)}: ${problem} (at character ${start + 1})`);
  }
}

const parsedTemplates = new Map<string, TemplateNode[]>();

/** A template parsed once: the templates are the codes' own, a few hundred in all. */
function parseTemplate(template: string): TemplateNode[] {
  let nodes = parsedTemplates.get(template);
  if (!nodes) {
    nodes = new TemplateParser(template).parse();
    if (parsedTemplates.size < 2000) parsedTemplates.set(template, nodes);
  }
  return nodes;
}

/** Whether an argument is given: not undefined, not an empty string, not an empty list. */
function given(value: ArgValue | undefined): boolean {
  return value !== undefined && value !== '' && !(typeof value === 'object' && value.length === 0);
}

/**
 * How a rendering marks up what it writes: the template's words, and each argument (a path, an id, a
 * quote, a number: data, never prose). Plain text by default; the Markdown and HTML formatters escape
 * the words and set the arguments apart (src/report/render.ts).
 */
export interface RenderStyle {
  text(words: string): string;
  value(value: string | number, name: string): string;
}

const PLAIN: RenderStyle = { text: (words) => words, value: (value) => String(value) };

function renderNodes(nodes: readonly TemplateNode[], args: DraftArgs, style: RenderStyle, out: string[]): void {
  for (const node of nodes) {
    if (typeof node === 'string') out.push(style.text(node));
    else if (node.kind === 'arg') {
      const value = args[node.name];
      if (value === undefined) out.push(style.text(node.separator === ', ' ? `{${node.name}}` : `{${node.name}/${node.separator}}`));
      else if (typeof value === 'object') out.push(value.map((item) => style.value(item, node.name)).join(style.text(node.separator)));
      else out.push(style.value(value, node.name));
    } else if (node.kind === 'plural') {
      const value = args[node.name];
      const one = typeof value === 'number' ? value === 1 : typeof value === 'object' ? value.length === 1 : false;
      renderNodes(one ? node.one : node.other, args, style, out);
    } else if (node.names.some((name) => given(args[name]))) renderNodes(node.then, args, style, out);
    else if (node.otherwise) renderNodes(node.otherwise, args, style, out);
  }
}

/**
 * Renders a code's template with a finding's arguments (see the language above), as plain text unless a
 * style says otherwise. An argument the template needs but the draft lacks stays as `{name}`, which the
 * types rule out for typed drafts.
 */
export function renderTemplate(template: string, args: DraftArgs = {}, style: RenderStyle = PLAIN): string {
  const out: string[] = [];
  renderNodes(parseTemplate(template), args, style, out);
  return out.join('');
}

function describeNodes(nodes: readonly TemplateNode[]): string {
  let text = '';
  nodes.forEach((node, index) => {
    if (typeof node === 'string') text += node;
    else if (node.kind === 'arg') text += `{${node.name}}`;
    else if (node.kind === 'plural') {
      const one = describeNodes(node.one);
      const other = describeNodes(node.other);
      text += other === `${one}s` ? `${one}(s)` : `${one}/${other}`;
    } else if (index === 0 && separatorText(node) !== undefined) text += separatorText(node);
    else text += `[${describeChoices(node).join(' | ')}]`;
  });
  return text;
}

/**
 * The text of a segment that only separates optional parts: plain text, no alternative, first in the
 * part it opens (`{?b:{?a:, and }…}`). Inside that part's brackets its own would say nothing more.
 */
function separatorText(node: OptionalSegment): string | undefined {
  const only = node.then[0];
  return !node.otherwise && node.then.length === 1 && typeof only === 'string' ? only : undefined;
}

/** A segment's alternatives, an alternative that is itself a choice flattened: `[A | B | C]`. */
function describeChoices(node: OptionalSegment): string[] {
  const choices = [describeNodes(node.then)];
  const otherwise = node.otherwise;
  const nested = otherwise?.length === 1 ? otherwise[0] : undefined;
  if (nested !== undefined && typeof nested !== 'string' && nested.kind === 'optional' && nested.otherwise) choices.push(...describeChoices(nested));
  else if (otherwise) choices.push(describeNodes(otherwise));
  return choices;
}

/**
 * A template as docs/checks.md, `explain` and SARIF's rule help show it: `{name}` for an argument (a
 * list's separator left out), `ONE/OTHER` for a plural choice (`finding(s)` when OTHER is ONE plus
 * "s"), `[TEXT]` for an optional segment, `[TEXT | ELSE]` for one with an alternative (`[A | B | C]`
 * when ELSE is a choice too), and a segment that only separates optional parts (plain text at the
 * start of the part it opens) as its text: `[A][; B]`.
 */
export function describeTemplate(template: string): string {
  return describeNodes(parseTemplate(template));
}

/*
 * The same language read by the type checker, so that a draft's arguments are checked against its
 * code's templates. Scan walks a template from brace to brace with a stack of the constructs it is in
 * (true: an optional segment), collecting the names needed outside every optional segment (required)
 * and the names inside one (optional).
 */

type WordCharacter =
  | 'a'
  | 'b'
  | 'c'
  | 'd'
  | 'e'
  | 'f'
  | 'g'
  | 'h'
  | 'i'
  | 'j'
  | 'k'
  | 'l'
  | 'm'
  | 'n'
  | 'o'
  | 'p'
  | 'q'
  | 'r'
  | 's'
  | 't'
  | 'u'
  | 'v'
  | 'w'
  | 'x'
  | 'y'
  | 'z'
  | 'A'
  | 'B'
  | 'C'
  | 'D'
  | 'E'
  | 'F'
  | 'G'
  | 'H'
  | 'I'
  | 'J'
  | 'K'
  | 'L'
  | 'M'
  | 'N'
  | 'O'
  | 'P'
  | 'Q'
  | 'R'
  | 'S'
  | 'T'
  | 'U'
  | 'V'
  | 'W'
  | 'X'
  | 'Y'
  | 'Z'
  | '0'
  | '1'
  | '2'
  | '3'
  | '4'
  | '5'
  | '6'
  | '7'
  | '8'
  | '9'
  | '_';
/** Whether a text is a word (`\w+`), as renderTemplate's placeholders are. */
type IsWord<Text extends string> = Text extends `${infer First}${infer Rest}`
  ? First extends WordCharacter
    ? Rest extends ''
      ? true
      : IsWord<Rest>
    : false
  : false;
/** Whether a text is a list of names, `a,b`, as in `{?a,b:…}`. */
type IsNames<Text extends string> = Text extends `${infer First},${infer Rest}` ? (IsWord<First> extends true ? IsNames<Rest> : false) : IsWord<Text>;
type SplitNames<Text extends string> = Text extends `${infer First},${infer Rest}` ? First | SplitNames<Rest> : Text;
type Pop<Stack extends boolean[]> = Stack extends [...infer Rest extends boolean[], boolean] ? Rest : [];
/** A name found where the stack says: required outside optional segments, optional inside one. */
type AddRequired<Stack extends boolean[], Required extends string, Name extends string> = true extends Stack[number] ? Required : Required | Name;
type AddOptional<Stack extends boolean[], Optional extends string, Name extends string> = true extends Stack[number] ? Optional | Name : Optional;

interface TemplateNames<Required extends string = string, Optional extends string = string> {
  required: Required;
  optional: Optional;
}

type Scan<Text extends string, Stack extends boolean[], Required extends string, Optional extends string> = Text extends `${infer Before}{${infer After}`
  ? Before extends `${string}}${infer Tail}`
    ? Scan<`${Tail}{${After}`, Pop<Stack>, Required, Optional>
    : Open<After, Stack, Required, Optional>
  : Text extends `${string}}${infer Tail}`
    ? Scan<Tail, Pop<Stack>, Required, Optional>
    : TemplateNames<Required, Optional>;

/** What follows a `{`: an optional segment, a placeholder, a list separator, a plural choice, or text. */
type Open<After extends string, Stack extends boolean[], Required extends string, Optional extends string> = After extends `?${infer Names}:${infer Rest}`
  ? IsNames<Names> extends true
    ? Scan<Rest, [...Stack, true], Required, Optional | SplitNames<Names>>
    : Scan<After, Stack, Required, Optional>
  : After extends `${infer Name}}${infer Rest}`
    ? IsWord<Name> extends true
      ? Scan<Rest, Stack, AddRequired<Stack, Required, Name>, AddOptional<Stack, Optional, Name>>
      : OpenChoice<After, Stack, Required, Optional>
    : OpenChoice<After, Stack, Required, Optional>;

type OpenChoice<
  After extends string,
  Stack extends boolean[],
  Required extends string,
  Optional extends string,
> = After extends `${infer Name}/${string}}${infer Rest}`
  ? IsWord<Name> extends true
    ? Scan<Rest, Stack, AddRequired<Stack, Required, Name>, AddOptional<Stack, Optional, Name>>
    : OpenPlural<After, Stack, Required, Optional>
  : OpenPlural<After, Stack, Required, Optional>;

type OpenPlural<After extends string, Stack extends boolean[], Required extends string, Optional extends string> = After extends `${infer Name}|${infer Rest}`
  ? IsWord<Name> extends true
    ? Scan<Rest, [...Stack, false], AddRequired<Stack, Required, Name>, AddOptional<Stack, Optional, Name>>
    : Scan<After, Stack, Required, Optional>
  : Scan<After, Stack, Required, Optional>;

/**
 * The arguments of a template, as renderTemplate reads it: `'{path} holds {id}{?also:; {also}}'` gives
 * `{ required: 'path' | 'id'; optional: 'also' }`. Braces that start no construct (`` `{ name: "…" }` ``
 * in a fix) are text.
 */
export type TemplateArgs<Template extends string> = Scan<Template, [], never, never>;

/** Every name a template uses, required or optional. */
export type Placeholders<Template extends string> = TemplateArgs<Template>['required'] | TemplateArgs<Template>['optional'];

type NamesOf<Definition, Part extends 'required' | 'optional'> =
  | (Definition extends { message: infer Text extends string } ? TemplateArgs<Text>[Part] : never)
  | (Definition extends { fix: infer Text extends string } ? TemplateArgs<Text>[Part] : never)
  | (Definition extends { question: infer Text extends string } ? TemplateArgs<Text>[Part] : never);

type RequiredOf<Definition> = NamesOf<Definition, 'required'>;
/** A name that is optional in one template and required in another is required. */
type OptionalOf<Definition> = Exclude<NamesOf<Definition, 'optional'>, RequiredOf<Definition>>;

type ArgsObject<Required extends string, Optional extends string> = { [Key in Required]: ArgValue } & { [Key in Optional]?: ArgValue | undefined };

/**
 * The arguments a code's finding carries: its templates' required names, and the optional ones if
 * given (none at all: no `args`; only optional ones: `args` may be left out).
 */
type ArgsOf<Definition> = [RequiredOf<Definition>] extends [never]
  ? [OptionalOf<Definition>] extends [never]
    ? { args?: never }
    : { args?: ArgsObject<never, OptionalOf<Definition>> }
  : { args: ArgsObject<RequiredOf<Definition>, OptionalOf<Definition>> };

/**
 * A finding draft typed by a module's codes: only its codes, each with the arguments its templates
 * name, checked at compile time (a missing required argument or an unknown one is a type error, not a
 * `{name}` left in a message at run time).
 */
export type DraftOf<Codes extends Record<string, CodeDefinition>> = {
  [Code in keyof Codes & string]: { code: Code; evidence?: Evidence[] } & ArgsOf<Codes[Code]>;
}[keyof Codes & string];

/**
 * Declares a module's codes keeping their templates as literal types, so that DraftOf can read their
 * placeholders. The object itself is returned unchanged.
 */
export function defineCodes<const Codes extends Record<string, CodeDefinition>>(codes: Codes): Codes {
  return codes;
}

/** A rendered finding, as it appears in the report. */
export interface Finding {
  code: string;
  indicator: FindingGroup;
  status: FindingStatus;
  title: string;
  message: string;
  evidence: Evidence[];
  fix?: string;
  question?: string;
  args?: FindingArgs;
  /**
   * Set when a waiver in the project's policy covers this finding: it stays in every output, marked
   * waived, and no longer counts against the verdict. (Policy and waivers: issue 6.)
   */
  waiver?: { reason: string; expires: string };
  /**
   * Set when a policy that was reported but not applied (an audited repository's own policy in a
   * reviewer's audit) asks to waive this finding: the finding still counts.
   */
  requestedWaiver?: { reason: string; expires: string; policy: string };
}

/** Orders statuses from the most to the least severe; an indicator takes its worst finding's status. */
export const STATUS_SEVERITY: Record<FindingStatus, number> = { fail: 4, warn: 3, review: 2, pass: 1, 'n/a': 0 };

export function worstStatus(statuses: Iterable<FindingStatus>): FindingStatus {
  let worst: FindingStatus = 'n/a';
  for (const status of statuses) if (STATUS_SEVERITY[status] > STATUS_SEVERITY[worst]) worst = status;
  return worst;
}
