import { describe, expect, it } from 'vitest';
import type { Finding, RenderStyle } from '../../src/findings.js';
import { renderMessage } from '../../src/report/render.js';

/** Marks arguments with [[ ]] and words with nothing, so that the test sees which is which. */
const MARKED: RenderStyle = { text: (words) => words, value: (value, name) => `[[${name}:${value}]]` };

function finding(code: string, message: string, args?: Finding['args']): Finding {
  return { code, indicator: '3', status: 'fail', title: 'x', message, evidence: [], ...(args ? { args } : {}) };
}

describe('renderMessage (a finding rendered late, for a format that marks up)', () => {
  it("renders the code's template with the style: words as text, each argument, each item of a list, as a value", () => {
    const placeholder = finding('ownership/copyright-placeholder', 'LICENSE line 3 is an unfilled template: "Copyright (c) <year>".', {
      path: 'LICENSE',
      line: 3,
      text: 'Copyright (c) <year>',
    });
    expect(renderMessage(placeholder, MARKED)).toBe('[[path:LICENSE]] line [[line:3]] is an unfilled template: "[[text:Copyright (c) <year>]]".');
    const pii = finding('pii/protections-review', 'PII is handled (collected-stored): name, phone number.', {
      level: 'collected-stored',
      types: ['name', 'phone number'],
    });
    expect(renderMessage(pii, MARKED)).toBe('PII is handled ([[level:collected-stored]]): [[types:name]], [[types:phone number]].');
  });

  it('marks up the whole message as text when a backtick span holds an argument, so that the span stays whole', () => {
    const args = { files: ['publiccode.yml'], formats: ['publiccode'] };
    const message =
      'No dpg manifest; read publiccode.yml (publiccode) as the manifest. `dpg-check convert publiccode.yml --to dpg-yaml -o dpg.yaml` keeps the answers in a dpg manifest to complete.';
    const spans: RenderStyle = { text: (words) => words.replace(/`([^`]*)`/g, '<code>$1</code>'), value: (value) => `[[${value}]]` };
    expect(renderMessage(finding('manifest/converted', message, args), spans)).toBe(
      'No dpg manifest; read publiccode.yml (publiccode) as the manifest. <code>dpg-check convert publiccode.yml --to dpg-yaml -o dpg.yaml</code> keeps the answers in a dpg manifest to complete.',
    );
  });

  it('keeps the stored message, as text, for a code this version does not know or a template that no longer renders to it', () => {
    expect(renderMessage(finding('future/code', 'Something <new>.'), MARKED)).toBe('Something <new>.');
    const reworded = finding('ownership/copyright-placeholder', 'Another version said this about LICENSE.', { path: 'LICENSE', line: 3, text: 'x' });
    expect(renderMessage(reworded, MARKED)).toBe('Another version said this about LICENSE.');
  });
});
