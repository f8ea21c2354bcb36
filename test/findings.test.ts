/**
 * The template language of finding codes (src/findings.ts): rendering with and without optional
 * arguments, braces that are text, arguments that are never read as templates, linear rendering of
 * hostile arguments, how docs/checks.md shows a template, and (checked by `npm run typecheck`, not at
 * run time) the arguments DraftOf requires, allows and refuses.
 */
import { describe, expect, it } from 'vitest';
import { type DraftOf, type TemplateArgs, defineCodes, describeTemplate, renderTemplate } from '../src/findings.js';

describe('renderTemplate', () => {
  it('fills placeholders with strings and numbers, and joins lists with ", " or the separator written', () => {
    expect(renderTemplate('{path} holds {id} ({confidence}%).', { path: 'LICENSE', id: 'MIT', confidence: 99.5 })).toBe('LICENSE holds MIT (99.5%).');
    expect(renderTemplate('Follows: {names}.', { names: ['OpenAPI', 'FHIR R4'] })).toBe('Follows: OpenAPI, FHIR R4.');
    expect(renderTemplate('SDGs {goals}.', { goals: [3, 16] })).toBe('SDGs 3, 16.');
    expect(
      renderTemplate('a text that is {ids/ or }; held by {holders/; }; read {files/ }', { ids: ['A', 'B'], holders: ['X, Inc.', 'Y'], files: ['a', 'b'] }),
    ).toBe('a text that is A or B; held by X, Inc.; Y; read a b');
  });

  it('renders an optional segment only when its argument is given: not undefined, "" or an empty list (0 is given)', () => {
    const template = '{path} could not be identified{?closest:; it resembles {closest} ({similarity}%)}.';
    expect(renderTemplate(template, { path: 'LICENSE', closest: 'MIT', similarity: 80 })).toBe('LICENSE could not be identified; it resembles MIT (80%).');
    expect(renderTemplate(template, { path: 'LICENSE' })).toBe('LICENSE could not be identified.');
    expect(renderTemplate(template, { path: 'LICENSE', closest: undefined })).toBe('LICENSE could not be identified.');
    expect(renderTemplate(template, { path: 'LICENSE', closest: '' })).toBe('LICENSE could not be identified.');
    expect(renderTemplate('x{?list: {list}}', { list: [] })).toBe('x');
    expect(renderTemplate('{?count:{count} dependencies|none}', { count: 0 })).toBe('0 dependencies');
  });

  it('renders the alternative of a segment when its argument is not given, and a segment of several names when any is', () => {
    const template = 'Copyright 2024 {?owner:{owner}|the owner}';
    expect(renderTemplate(template, { owner: 'Example Foundation' })).toBe('Copyright 2024 Example Foundation');
    expect(renderTemplate(template, {})).toBe('Copyright 2024 the owner');
    const parts = '{?a:A}{?b:{?a:; }B}{?c:{?a,b:; }C}';
    expect(renderTemplate(parts, { a: 1, b: 1, c: 1 })).toBe('A; B; C');
    expect(renderTemplate(parts, { b: 1, c: 1 })).toBe('B; C');
    expect(renderTemplate(parts, { c: 1 })).toBe('C');
    expect(renderTemplate(parts, { a: 1, c: 1 })).toBe('A; C');
    expect(renderTemplate('{?x:X|{?y:Y|Z}}', { y: 'y' })).toBe('Y');
    expect(renderTemplate('{?x:X|{?y:Y|Z}}', {})).toBe('Z');
  });

  it('chooses the singular for the number 1 or a list of one, the plural otherwise', () => {
    const template = 'points at {reference}, which {reference|is|are} not there';
    expect(renderTemplate(template, { reference: ['docs/a.md'] })).toBe('points at docs/a.md, which is not there');
    expect(renderTemplate(template, { reference: ['a', 'b'] })).toBe('points at a, b, which are not there');
    const links = '{count|a link|{count} links}';
    expect([0, 1, 2].map((count) => renderTemplate(links, { count }))).toEqual(['0 links', 'a link', '2 links']);
  });

  it('keeps braces that start no construct as text, at the top level', () => {
    const fix = 'Add `licenses: [{ expression: "{expression}", evidence: LICENSE }]` to the manifest.';
    expect(renderTemplate(fix, { expression: 'MIT' })).toBe('Add `licenses: [{ expression: "MIT", evidence: LICENSE }]` to the manifest.');
    expect(renderTemplate('`ownership: { owners: [{ name: "…" }] }`')).toBe('`ownership: { owners: [{ name: "…" }] }`');
    for (const text of ['{}', '{ }', '}', '{', 'a | b', '{?}', '{?x}', '{?no names:x}', '{x:y}', '{x y}', '{-x}'])
      expect(renderTemplate(text, { x: 'X' }), text).toBe(text);
  });

  it('leaves a placeholder without its argument as written (the types rule that out for typed drafts)', () => {
    expect(renderTemplate('{path}: {detail}', { path: 'dpg.yaml' })).toBe('dpg.yaml: {detail}');
    expect(renderTemplate('{ids/ or }', {})).toBe('{ids/ or }');
  });

  it('never reads an argument as a template', () => {
    const args = { a: '{b}', b: '{?a:x}', c: '{a|b|c}}', d: ['{', '}', '|'] };
    expect(renderTemplate('{a} {b} {c} {d} {?a:[{a}]}', args)).toBe('{b} {?a:x} {a|b|c}} {, }, | [{b}]');
  });

  it('refuses a construct that is not closed, or a brace inside a segment that starts none', () => {
    for (const template of ['{?a:x', '{?a:x|y|z}', '{n|one}', '{n|one|other', '{?a:{ b }}', '{list/, ', '{list/{x}}'])
      expect(() => renderTemplate(`${template}-${Math.random()}`), template).toThrow(/template/);
  });

  it('renders hostile arguments in linear time: a megabyte of braces, pipes and colons is copied, never parsed', () => {
    const hostile = '{?a:{b|{c/'.repeat(100_000);
    const list = Array.from({ length: 100_000 }, (_, index) => `{x${index}|`);
    const started = performance.now();
    const rendered = renderTemplate('{?a:[{a}]|none} {b|one|{b}} {list/; }{?list:.}', { a: hostile, b: hostile, list });
    const elapsed = performance.now() - started;
    expect(rendered).toBe(`[${hostile}] ${hostile} ${list.join('; ')}.`);
    expect(elapsed).toBeLessThan(1000);
  });

  it('parses a long template in linear time', () => {
    for (const unit of ['{?', '{?a', '{a', '{', '}', '{a/', '|']) {
      const template = `${unit.repeat(50_000)}.`;
      const started = performance.now();
      try {
        renderTemplate(template, { a: 'x' });
      } catch {
        // A malformed template may be refused; what matters is how long that takes.
      }
      expect(performance.now() - started, unit).toBeLessThan(1000);
    }
  });
});

describe('describeTemplate (docs/checks.md, explain, SARIF rule help)', () => {
  it('shows arguments as {name}, plural choices as one(s) or one/other, optional parts in [brackets]', () => {
    expect(describeTemplate('{path} holds a text that is {ids/ or }.')).toBe('{path} holds a text that is {ids}.');
    expect(describeTemplate('which {reference|is|are} not; {waivers} {waivers|waiver|waivers}')).toBe('which is/are not; {waivers} waiver(s)');
    expect(describeTemplate('licence{?closest:; it resembles {closest} ({similarity}%)}.')).toBe('licence[; it resembles {closest} ({similarity}%)].');
    expect(describeTemplate('response time {?time:{time}|not stated}.')).toBe('response time [{time} | not stated].');
    expect(describeTemplate('over {?root:the repository|{?applies:{applies}|what it names}}')).toBe('over [the repository | {applies} | what it names]');
    // A separator that opens an optional part is shown inside that part's brackets, without its own.
    expect(describeTemplate('asks for: {?a:A}{?b:{?a:; }B}{?c:{?a,b:, and }C{?more:, …}}.')).toBe('asks for: [A][; B][, and C[, …]].');
    expect(describeTemplate('Add `{ name: "{name}" }`.')).toBe('Add `{ name: "{name}" }`.');
  });
});

// Compile-time checks of DraftOf (npm run typecheck): a required argument must be given, an optional
// one may be left out or undefined, and an argument no template names is refused.
const codes = defineCodes({
  'test/optional': {
    status: 'review',
    title: 't',
    description: 'd',
    message: '{path} could not be identified{?closest:; it resembles {closest} ({similarity}%)}.',
    question: 'Is {path} {?owner:owned by {owner}|unowned}?',
    fix: 'Add `licenses: [{ expression: "{expression}" }]`.',
  },
  'test/choices': { status: 'warn', title: 't', description: 'd', message: 'which {reference|is|are} {?a,b:; }{count|a link|{count} links} {ids/ or }' },
  'test/only-optional': { status: 'warn', title: 't', description: 'd', message: 'only {?x:{x}|none}' },
  'test/none': { status: 'warn', title: 't', description: 'd', message: 'nothing' },
});
type Draft = DraftOf<typeof codes>;
type Names = TemplateArgs<'{path}{?closest:; {closest} ({similarity}%)} {n|a|{m}} `{ x: {y} }`'>;
const names: Array<[Names['required'], Names['optional']]> = [
  ['path', 'closest'],
  ['n', 'similarity'],
  ['m', 'closest'],
  ['y', 'similarity'],
];
const drafts: Draft[] = [
  { code: 'test/optional', args: { path: 'LICENSE', expression: 'MIT' } },
  { code: 'test/optional', args: { path: 'LICENSE', expression: 'MIT', closest: 'MIT', similarity: 80, owner: undefined } },
  { code: 'test/choices', args: { reference: ['a'], count: 2, ids: ['A', 'B'] } },
  { code: 'test/choices', args: { reference: ['a'], count: 2, ids: ['A', 'B'], a: 'x' } },
  { code: 'test/only-optional' },
  { code: 'test/only-optional', args: { x: ['1'] } },
  { code: 'test/none' },
  // @ts-expect-error the required `path` is missing
  { code: 'test/optional', args: { expression: 'MIT' } },
  // @ts-expect-error `other` is named by no template of the code
  { code: 'test/optional', args: { path: 'LICENSE', expression: 'MIT', other: 1 } },
  // @ts-expect-error the count of a plural choice is required
  { code: 'test/choices', args: { reference: ['a'], ids: ['A'] } },
  // @ts-expect-error `y` is named by no template of the code
  { code: 'test/only-optional', args: { y: 1 } },
  // @ts-expect-error a code without placeholders takes no arguments
  { code: 'test/none', args: { y: 1 } },
];
const notRequired: Array<Names['required']> = [
  // @ts-expect-error an argument inside an optional segment is not required
  'closest',
];
const notOptional: Array<Names['optional']> = [
  // @ts-expect-error an argument outside every optional segment is not optional
  'path',
];

describe('DraftOf', () => {
  it('types the drafts above (the @ts-expect-error lines are checked by `npm run typecheck`); each renders', () => {
    expect([names.length, notRequired.length, notOptional.length]).toEqual([4, 1, 1]);
    for (const draft of drafts) {
      const definition = codes[draft.code];
      expect(renderTemplate(definition.message, draft.args)).not.toContain('{?');
    }
  });
});
