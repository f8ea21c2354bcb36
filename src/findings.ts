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

export type FindingArgs = Record<string, string | number>;

/** What a code means. `message` and `fix` are templates: `{name}` is replaced by `args.name`. */
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
  args?: FindingArgs;
  evidence?: Evidence[];
}

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
/** What follows the last `{` of a text: in `` `{ expression: {id}` ``, the `{id}` is the placeholder. */
type AfterLastBrace<Text extends string> = Text extends `${string}{${infer After}` ? AfterLastBrace<After> : Text;

/**
 * The placeholders of a template, as renderTemplate finds them (`{word}`): `'{path} holds {id}'`
 * gives `'path' | 'id'`; braces that hold no word (`` `{ name: "…" }` `` in a fix) are text.
 */
export type Placeholders<Template extends string> = Template extends `${string}{${infer Inside}}${infer Rest}`
  ? (IsWord<AfterLastBrace<Inside>> extends true ? AfterLastBrace<Inside> : never) | Placeholders<Rest>
  : never;

/** Every placeholder of a code's message, fix and question. */
type PlaceholdersOf<Definition> =
  | (Definition extends { message: infer Text extends string } ? Placeholders<Text> : never)
  | (Definition extends { fix: infer Text extends string } ? Placeholders<Text> : never)
  | (Definition extends { question: infer Text extends string } ? Placeholders<Text> : never);

/** The arguments a code's finding must carry: exactly its templates' placeholders (none: no `args`). */
type ArgsOf<Definition> = [PlaceholdersOf<Definition>] extends [never] ? { args?: never } : { args: { [Key in PlaceholdersOf<Definition>]: string | number } };

/**
 * A finding draft typed by a module's codes: only its codes, each with the arguments its templates
 * name, checked at compile time (a missing or an unknown argument is a type error, not a `{name}` left
 * in a message at run time).
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

export function renderTemplate(template: string, args: FindingArgs = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in args ? String(args[key]) : whole));
}

/** Orders statuses from the most to the least severe; an indicator takes its worst finding's status. */
export const STATUS_SEVERITY: Record<FindingStatus, number> = { fail: 4, warn: 3, review: 2, pass: 1, 'n/a': 0 };

export function worstStatus(statuses: Iterable<FindingStatus>): FindingStatus {
  let worst: FindingStatus = 'n/a';
  for (const status of statuses) if (STATUS_SEVERITY[status] > STATUS_SEVERITY[worst]) worst = status;
  return worst;
}
