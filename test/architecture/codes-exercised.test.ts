import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { allCodes } from '../../src/rules/codes.js';
import { REPO_ROOT } from '../support/cli.js';

/**
 * Every finding code is exercised by at least one test (issue 18): some test makes dpg-check produce
 * it and fails if it is not produced. Found by reading the test files, not by running them, so this
 * test does not depend on which other tests ran.
 *
 * The rule. A code counts as exercised when a test file (test/**\/*.ts, this file excepted) holds it as
 * a whole string literal (found by the TypeScript parser: a comment, a template or a longer string
 * does not count) in a place where the test fails unless the code is produced:
 * 1. in the `expect` of a case written in a `testIndicator(...)` call (test/support/indicator-tester.ts
 *    registers one test per case, which fails when a code listed there is not returned); cases kept in
 *    a variable, or run one by one with `runCase` (whose tests may expect it to throw), do not count;
 * 2. in a positive `expect(...)` assertion: in the matcher's arguments (`expect(codes).toContain(code)`,
 *    `.toEqual([...])`, `.toMatchObject({ code })`) or in the subject
 *    (`expect(findings.find((finding) => finding.code === code)?.message).toBe(...)`), provided the chain
 *    has no `.not`, the literal is not inside `expect.not.*`, and the matcher does not assert absence
 *    (`toBeUndefined`, `toBeFalsy`, `toBeNull`, `toHaveLength(0)`, or `toBe`/`toEqual` of false, 0,
 *    null, undefined or []);
 * 3. in a row of a table of expected findings, the value of a property named `codes` or `finding`
 *    (test/fixtures.test.ts's fixtures with one defect, test/hostile/corpus.test.ts's hostile inputs):
 *    the tests iterate those rows and assert each listed code is produced.
 * A code mentioned anywhere else does not count: a waiver or other input, `not.toContain`, the message
 * argument of `expect(value, message)`, or a finding first kept in a variable (`const part =
 * findings.find(...)`, then `expect(part?.message)`): the rule is syntactic and errs on the side of not
 * counting, so assert the code directly or add a tester case. A code no test can produce is dead code:
 * remove it from its module rather than exempt it here.
 *
 * When this test was written (issue 18), 55 of the 150 codes were asserted by no test by this rule
 * (38 were not even named in a test file); the cases under test/indicators/ brought that to none.
 */

const TEST_ROOT = path.join(REPO_ROOT, 'test');
const THIS_FILE = path.join(TEST_ROOT, 'architecture', 'codes-exercised.test.ts');

/** Properties of table rows whose values list findings a test asserts are produced. */
const TABLE_PROPERTIES = new Set(['codes', 'finding']);
/** Matchers that pass when the subject is absent. */
const ABSENCE_MATCHERS = new Set(['toBeUndefined', 'toBeFalsy', 'toBeNull']);

function testFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.ts') && full !== THIS_FILE ? [full] : [];
  });
}

/** `expect(...)` itself: a call of the identifier `expect`. */
function isExpectCall(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'expect';
}

/** The `expect(...)` call a matcher chain starts from (`expect(x).not.toContain`), if any. */
function chainRoot(node: ts.Expression): ts.CallExpression | undefined {
  let current: ts.Expression = node;
  for (;;) {
    if (isExpectCall(current)) return current;
    if (ts.isPropertyAccessExpression(current) || ts.isCallExpression(current) || ts.isAwaitExpression(current) || ts.isNonNullExpression(current))
      current = current.expression;
    else return undefined;
  }
}

/** The whole assertion an `expect(...)` call is the root of: its property names and its last call. */
function assertionOf(root: ts.CallExpression): { names: string[]; matcher: ts.CallExpression | undefined } {
  const names: string[] = [];
  let current: ts.Node = root;
  let matcher: ts.CallExpression | undefined;
  for (;;) {
    const parent: ts.Node = current.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === current) names.push(parent.name.text);
    else if (ts.isCallExpression(parent) && parent.expression === current) matcher = parent;
    else break;
    current = parent;
  }
  return { names, matcher };
}

function assertsAbsence(names: string[], matcher: ts.CallExpression | undefined): boolean {
  const name = names.at(-1) ?? '';
  if (ABSENCE_MATCHERS.has(name)) return true;
  const argument = matcher?.arguments[0];
  if (!argument) return false;
  if (name === 'toHaveLength') return ts.isNumericLiteral(argument) && argument.text === '0';
  if (['toBe', 'toEqual', 'toStrictEqual'].includes(name)) {
    return (
      argument.kind === ts.SyntaxKind.FalseKeyword ||
      argument.kind === ts.SyntaxKind.NullKeyword ||
      (ts.isIdentifier(argument) && argument.text === 'undefined') ||
      (ts.isNumericLiteral(argument) && argument.text === '0') ||
      (ts.isArrayLiteralExpression(argument) && argument.elements.length === 0)
    );
  }
  return false;
}

/** Whether a string literal stands where a test fails unless the code it names is produced. */
function isAsserted(literal: ts.StringLiteralLike): boolean {
  let child: ts.Node = literal;
  for (let node: ts.Node = literal.parent; !ts.isSourceFile(node); child = node, node = node.parent) {
    // An asymmetric matcher that asserts absence: expect.not.arrayContaining([...]).
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'not' && ts.isIdentifier(node.expression) && node.expression.text === 'expect') return false;
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ts.isPropertyAccessExpression(node.expression.expression) &&
      node.expression.expression.name.text === 'not' &&
      ts.isIdentifier(node.expression.expression.expression) &&
      node.expression.expression.expression.text === 'expect'
    )
      return false;
    if (ts.isPropertyAssignment(node) && node.initializer === child) {
      const name = propertyName(node.name);
      if (name === 'expect') return insideTestIndicator(node);
      if (TABLE_PROPERTIES.has(name)) return true;
    }
    if (isExpectCall(node)) {
      // The subject (not the message) of an assertion.
      if (node.arguments[0] !== child) return false;
      const { names, matcher } = assertionOf(node);
      return matcher !== undefined && !names.includes('not') && !assertsAbsence(names, matcher);
    }
    if (ts.isCallExpression(node) && node.arguments.includes(child as ts.Expression)) {
      const root = chainRoot(node.expression);
      if (root) {
        const { names } = assertionOf(root);
        return !names.includes('not');
      }
    }
  }
  return false;
}

/** Within the arguments of a `testIndicator(...)` call, whose every case must pass. */
function insideTestIndicator(node: ts.Node): boolean {
  for (let current: ts.Node = node; !ts.isSourceFile(current); current = current.parent) {
    if (ts.isCallExpression(current) && ts.isIdentifier(current.expression) && current.expression.text === 'testIndicator') return true;
  }
  return false;
}

function propertyName(name: ts.PropertyName): string {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : '';
}

/** The codes of `codes` that a test file's text holds in an asserting place. */
function assertedIn(codes: ReadonlySet<string>, file: string, text: string): Set<string> {
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) && codes.has(node.text) && isAsserted(node)) found.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  return found;
}

/** Each code of `codes` asserted by some test file, with the files that assert it. */
function exercisedCodes(codes: ReadonlySet<string>): Map<string, string[]> {
  const exercised = new Map<string, string[]>();
  for (const file of testFiles(TEST_ROOT)) {
    for (const code of assertedIn(codes, file, readFileSync(file, 'utf8')))
      exercised.set(code, [...(exercised.get(code) ?? []), path.relative(REPO_ROOT, file)]);
  }
  return exercised;
}

describe('every finding code is exercised by a test', () => {
  it('each code of allCodes() is asserted by at least one test', () => {
    const codes = new Set(allCodes().keys());
    const exercised = exercisedCodes(codes);
    const unexercised = [...codes].filter((code) => !exercised.has(code)).sort();
    expect(
      unexercised,
      `${unexercised.length} of ${codes.size} finding codes are asserted by no test (see the rule at the top of ${path.relative(REPO_ROOT, THIS_FILE)}); add a case to test/indicators/<indicator>.test.ts:\n  ${unexercised.join('\n  ')}\n`,
    ).toEqual([]);
  });

  it('the rule counts positive assertions and tester cases, not negations or inputs', () => {
    const codes = new Set([
      'license/not-approved',
      'license/approved',
      'docs/readme-missing',
      'sdg/declared',
      'pii/none',
      'laws/declared',
      'data/not-applicable',
      'content/none',
    ]);
    const file = path.join(TEST_ROOT, 'example.test.ts');
    const scan = (text: string): string[] => [...assertedIn(codes, file, text)].sort();
    expect(scan(`expect(codes).toContain('license/not-approved');`)).toEqual(['license/not-approved']);
    expect(scan(`expect(codes).not.toContain('license/not-approved');`)).toEqual([]);
    expect(scan(`expect(codes).toEqual(expect.not.arrayContaining(['license/not-approved']));`)).toEqual([]);
    expect(scan(`expect(codes).toEqual(expect.arrayContaining(['license/approved']));`)).toEqual(['license/approved']);
    expect(scan(`expect(findings.find((f) => f.code === 'sdg/declared')?.message).toBe('Declares ...');`)).toEqual(['sdg/declared']);
    expect(scan(`expect(findings.find((f) => f.code === 'sdg/declared')).toBeUndefined();`)).toEqual([]);
    expect(scan(`expect(findings.some((f) => f.code === 'pii/none')).toBe(false);`)).toEqual([]);
    expect(scan(`expect(codes, 'laws/declared').toContain(code);`)).toEqual([]);
    expect(
      scan(`testIndicator(x, { valid: [{ name: 'a', expect: ['data/not-applicable'] }], invalid: [{ name: 'b', expect: [{ code: 'content/none' }] }] });`),
    ).toEqual(['content/none', 'data/not-applicable']);
    expect(scan(`await expect(runCase(x, { name: 'a', expect: ['data/not-applicable'] }, 'invalid')).rejects.toThrow('not returned');`)).toEqual([]);
    expect(scan(`// expect(codes).toContain('content/none')\nconst waiver = { code: 'docs/readme-missing', reason: 'later' };`)).toEqual([]);
  });
});
