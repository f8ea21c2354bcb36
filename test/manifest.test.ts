import { describe, expect, it } from 'vitest';
import { parseManifest } from '../src/manifest/load.js';

const VALID = `name: Example
categories: [software]
sdgs:
  - goal: 4
    targets: ["4.a"]
    relevance: Teachers use it to plan lessons for every child.
`;

describe('parseManifest', () => {
  it('reads a valid YAML manifest and locates its values', () => {
    const manifest = parseManifest('dpg.yaml', VALID);
    expect(manifest.problems).toEqual([]);
    expect(manifest.data?.sdgs?.[0]?.targets).toEqual(['4.a']);
    expect(manifest.locate('/sdgs/0/targets/0')).toEqual({ line: 5, column: 15 });
    expect(manifest.locate('/categories')).toEqual({ line: 2, column: 13 });
  });

  it('reports a tab used for indentation with its line and column', () => {
    const manifest = parseManifest('dpg.yaml', 'name: Example\nsdgs:\n\t- goal: 4\n');
    // What precedes the error is kept (the name); the broken entry is not.
    expect(manifest.data).toEqual({ name: 'Example' });
    expect(manifest.problems[0]?.kind).toBe('syntax');
    expect(manifest.problems[0]?.position?.line).toBe(3);
  });

  it('reports an unclosed quote', () => {
    const manifest = parseManifest('dpg.yaml', 'name: "Example\ndescription: x\n');
    expect(manifest.problems[0]?.kind).toBe('syntax');
    expect(manifest.problems[0]?.position?.line).toBeGreaterThanOrEqual(1);
  });

  it('refuses duplicate keys, pointing at the second', () => {
    const manifest = parseManifest('dpg.yaml', 'name: A\ndescription: x\nname: B\n');
    expect(manifest.problems).toHaveLength(1);
    expect(manifest.problems[0]?.message).toMatch(/unique/i);
    expect(manifest.problems[0]?.position).toEqual({ line: 3, column: 1 });
  });

  it('holds JSON files to JSON: a trailing comma is an error at its position', () => {
    const manifest = parseManifest('dpg.json', '{\n  "name": "A",\n  "categories": ["software"],\n}\n');
    expect(manifest.problems[0]?.kind).toBe('syntax');
    expect(manifest.problems[0]?.position?.line).toBe(4);
  });

  it('reads valid JSON with positions', () => {
    const manifest = parseManifest('dpg.json', '{\n  "name": "A",\n  "categories": ["data"]\n}\n');
    expect(manifest.problems).toEqual([]);
    expect(manifest.format).toBe('json');
    expect(manifest.locate('/categories/0')).toEqual({ line: 3, column: 18 });
  });

  it('reports an empty manifest', () => {
    expect(parseManifest('dpg.yaml', '# only a comment\n').problems[0]?.kind).toBe('empty');
  });

  it('reports schema problems at the offending key and keeps the valid rest', () => {
    const text = `name: Example
sdgs:
  - goal: 18
    relevance: Not a goal.
  - goal: 3
    relevance: Clinics track immunisation schedules with it.
licences: [MIT]
categories: [software, hardware]
`;
    const manifest = parseManifest('dpg.yaml', text);
    const messages = manifest.problems.map((problem) => `${problem.position?.line}:${problem.message}`);
    expect(messages).toContain('3:/sdgs/0/goal must be <= 17');
    expect(messages).toContain('7:unknown field "licences" in the manifest');
    expect(messages.some((message) => message.startsWith('8:/categories/1 must be one of'))).toBe(true);
    // The bad goal and the bad category are dropped; the good goal stays for the indicators.
    expect(manifest.data?.sdgs?.map((sdg) => sdg.goal)).toEqual([3]);
    expect(manifest.data?.categories).toEqual(['software']);
    expect(manifest.data).not.toHaveProperty('licences');
  });

  it('rejects a manifest that is not a mapping', () => {
    const manifest = parseManifest('dpg.yaml', '- a\n- b\n');
    expect(manifest.data).toBeNull();
    expect(manifest.problems[0]?.message).toMatch(/must be object/);
  });

  it('refuses a YAML alias bomb instead of expanding it', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 10; level++) {
      const previous = String.fromCharCode(96 + level);
      const current = String.fromCharCode(97 + level);
      lines.push(`${current}: &${current} [${Array(10).fill(`*${previous}`).join(',')}]`);
    }
    lines.push('name: bomb');
    const manifest = parseManifest('dpg.yaml', `${lines.join('\n')}\n`);
    expect(manifest.data).toBeNull();
    expect(manifest.problems[0]?.kind).toBe('syntax');
    expect(manifest.problems[0]?.message).toMatch(/alias/i);
  });

  it('validates contact email and URLs by pattern', () => {
    const manifest = parseManifest('dpg.yaml', 'name: A\nwebsite: [ftp://example.org]\ncontact: { name: B, email: not-an-email }\n');
    const messages = manifest.problems.map((problem) => problem.message);
    expect(messages).toContain('/website/0 must be an http(s) URL');
    expect(messages).toContain('/contact/email must be an email address');
  });
});

describe('parseManifest: where an unclosed quote was opened', () => {
  it('points at the opening quote, not the end of the file', () => {
    const text = 'name: x\ndocumentation:\n  summary: "The README covers installation\ncontact:\n  name: A\n  email: a@example.org\n';
    const manifest = parseManifest('dpg.yaml', text);
    expect(manifest.problems[0]).toMatchObject({ kind: 'syntax', position: { line: 3, column: 12 } });
    expect(manifest.problems[0]?.message).toMatch(/never closed/);
  });

  it('finds an unclosed single quote in a list item', () => {
    const manifest = parseManifest('dpg.yaml', "name: x\naliases:\n  - 'OCR\n  - other\n");
    expect(manifest.problems[0]?.position).toEqual({ line: 3, column: 5 });
  });
});

describe('a syntax error keeps the valid rest (issue 16)', () => {
  it('a tab on a late line does not unsay the lines before it', () => {
    const text = `name: Clinic Registry
categories: [software]
sdgs:
  - goal: 3
    relevance: Clinics follow up missed immunisations in rural districts with it.
licenses:
  - expression: Apache-2.0
contact:
\tname: Ada
`;
    const loaded = parseManifest('dpg.yaml', text);
    expect(loaded.problems.map((problem) => problem.kind)).toContain('syntax');
    expect(loaded.data).toMatchObject({ name: 'Clinic Registry', categories: ['software'], sdgs: [{ goal: 3 }], licenses: [{ expression: 'Apache-2.0' }] });
    expect(loaded.data?.contact).toBeUndefined();
  });

  it('an error before the name keeps nothing', () => {
    expect(parseManifest('dpg.yaml', 'sdgs:\n\t- goal: 3\nname: Late\n').data).toBeNull();
  });
});
