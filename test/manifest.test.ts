import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../src/manifest/load.js';
import { REPO_ROOT, runCli } from './support/cli.js';

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
    expect(messages).toContain('3:`sdgs[0].goal` must be one of 1-17, found the number 18');
    expect(messages).toContain('7:unknown key `licences` in the manifest; did you mean `licenses`?');
    expect(messages).toContain('8:`categories[1]` must be one of software, content, data, ai-system, standard, found "hardware"');
    // The bad goal and the bad category are dropped; the good goal stays for the indicators.
    expect(manifest.data?.sdgs?.map((sdg) => sdg.goal)).toEqual([3]);
    expect(manifest.data?.categories).toEqual(['software']);
    expect(manifest.data).not.toHaveProperty('licences');
  });

  it('rejects a manifest that is not a mapping', () => {
    const manifest = parseManifest('dpg.yaml', '- a\n- b\n');
    expect(manifest.data).toBeNull();
    expect(manifest.problems[0]?.message).toBe('the manifest must be a mapping of keys to values, found a list');
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
    expect(messages).toContain('`website[0]` must be an http(s) URL, found "ftp://example.org"');
    expect(messages).toContain('`contact.email` must be an email address, found "not-an-email"');
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

/** `line:column message` of each problem, as a person reads them next to the file. */
function located(manifest: ReturnType<typeof parseManifest>): string[] {
  return manifest.problems.map((problem) => `${problem.position?.line}:${problem.position?.column} ${problem.message}`);
}

describe('unknown manifest keys get the closest allowed key (issue 16)', () => {
  it('sdg: and license: at the top level suggest sdgs and licenses, at the key', () => {
    const text = `name: Clinic Registry
categories: [software]
sdg:
  - goal: 3
    relevance: Clinics follow up missed immunisations with it.
license:
  - expression: Apache-2.0
`;
    const manifest = parseManifest('dpg.yaml', text);
    expect(located(manifest)).toEqual([
      '3:1 unknown key `sdg` in the manifest; did you mean `sdgs`?',
      '6:1 unknown key `license` in the manifest; did you mean `licenses`?',
    ]);
    // The misnamed entries are not read as declarations; the rest is.
    expect(manifest.data).toEqual({ name: 'Clinic Registry', categories: ['software'] });
  });

  it('keys in nested objects suggest the allowed key of that object', () => {
    const text = `name: Clinic Registry
sdgs:
  - goal: 3
    relevanse: Clinics follow up missed immunisations with it.
    target: ["3.8"]
contact:
  name: Ada Lovelace
  emial: ada@example.org
licenses:
  - expression: Apache-2.0
    license: []
`;
    expect(located(parseManifest('dpg.yaml', text))).toEqual([
      '4:5 unknown key `relevanse` in `sdgs[0]`; did you mean `relevance`?',
      '5:5 unknown key `target` in `sdgs[0]`; did you mean `targets`?',
      // No key of a licence is close to it: the few allowed ones are listed instead.
      '11:5 unknown key `license` in `licenses[0]` (allowed: expression, covers, evidence)',
      '7:3 `contact` has no `email`, which is required',
      '8:3 unknown key `emial` in `contact`; did you mean `email`?',
    ]);
  });

  it('a plural, another case or snake_case for camelCase counts as close', () => {
    const text = 'name: A\nrepository: [https://example.org/a.git]\nDocumentation: { summary: x }\ndo_no_harm: {}\nalias: [B]\n';
    expect(located(parseManifest('dpg.yaml', text))).toEqual([
      '2:1 unknown key `repository` in the manifest; did you mean `repositories`?',
      '3:1 unknown key `Documentation` in the manifest; did you mean `documentation`?',
      '4:1 unknown key `do_no_harm` in the manifest; did you mean `doNoHarm`?',
      '5:1 unknown key `alias` in the manifest; did you mean `aliases`?',
    ]);
  });

  it('a key like no allowed one gets no guess', () => {
    const manifest = parseManifest('dpg.json', '{\n  "name": "A",\n  "frobnicate": true\n}\n');
    expect(located(manifest)).toEqual(['3:3 unknown key `frobnicate` in the manifest']);
  });
});

describe('schema messages in plain language (issue 16)', () => {
  it('names the value by a dotted path, says what is allowed and what was found', () => {
    const text = `name: 42
manifestVersion: 2
aliases: [OCR, Registry, OCR]
categories: []
sdgs:
  - goal: 18
    targets: [health]
    relevance: Clinics use it.
  - goal: 4.5
    relevance: Schools use it.
licenses:
  - expression: CC-BY-4.0
    covers: [data, Content]
ownership:
  owners:
    - name: ""
contact:
  email: ada@example.org
`;
    const messages = located(parseManifest('dpg.yaml', text));
    expect(messages).toEqual(
      expect.arrayContaining([
        '1:7 `name` must be text (a string), found a number',
        '2:18 `manifestVersion` must be 1, found the number 2',
        '3:26 `aliases` lists the same entry twice: `aliases[0]` and `aliases[2]`',
        '4:13 `categories` needs at least one entry',
        '6:11 `sdgs[0].goal` must be one of 1-17, found the number 18',
        '7:15 `sdgs[0].targets[0]` must be an SDG target such as "3.8" or "4.a", found "health"',
        '9:11 `sdgs[1].goal` must be a whole number, found the number 4.5',
        '13:20 `licenses[0].covers[1]` must be one of software, content, data, standard, model-weights, training-code, training-data, found "Content"; did you mean `content`?',
        '16:13 `ownership.owners[0].name` must not be empty',
        '18:3 `contact` has no `name`, which is required',
      ]),
    );
    // No raw ajv wording is left.
    expect(messages.join('\n')).not.toMatch(/must NOT|must be string|must be integer|must be <=|must be equal to|\/sdgs\/0/);
  });

  it('keeps the rest of a list when one item is a duplicate', () => {
    const manifest = parseManifest('dpg.yaml', 'name: A\naliases: [OCR, Registry, OCR]\n');
    expect(manifest.data?.aliases).toEqual(['OCR', 'Registry']);
  });

  it('keeps the stable finding code: schema problems are still manifest/schema-error, at file:line:column', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'dpg-manifest-'));
    try {
      writeFileSync(path.join(folder, 'dpg.yaml'), 'name: Clinic Registry\ncategories: [software]\nsdg:\n  - goal: 3\n');
      const result = await runCli(['check', folder, '--format', 'json']);
      const report = JSON.parse(result.stdout) as {
        findings: Array<{ code: string; message: string; evidence: Array<{ path: string; line?: number; column?: number }> }>;
      };
      const finding = report.findings.find((candidate) => candidate.message.includes('`sdg`'));
      expect(finding).toMatchObject({
        code: 'manifest/schema-error',
        message: 'dpg.yaml: unknown key `sdg` in the manifest; did you mean `sdgs`?',
        evidence: [{ path: 'dpg.yaml', line: 3, column: 1 }],
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('one syntax error per line (issue 16)', () => {
  it('fail-manifest-invalid: the tab on line 43 is reported once, not with the cascade yaml adds on that line', () => {
    const text = readFileSync(path.join(REPO_ROOT, 'fixtures/fail-manifest-invalid/dpg.yaml'), 'utf8');
    const syntax = parseManifest('dpg.yaml', text).problems.filter((problem) => problem.kind === 'syntax');
    const lines = syntax.map((problem) => problem.position?.line);
    expect(new Set(lines).size).toBe(lines.length);
    expect(syntax[0]).toMatchObject({ message: 'Tabs are not allowed as indentation', position: { line: 43, column: 1 } });
    expect(syntax.map((problem) => problem.message)).not.toContain('Implicit keys need to be on a single line');
  });

  it('the CLI shows each broken line once', async () => {
    const result = await runCli(['check', 'fixtures/fail-manifest-invalid', '--format', 'json']);
    const report = JSON.parse(result.stdout) as { findings: Array<{ code: string; evidence: Array<{ line?: number }> }> };
    const lines = report.findings.filter((finding) => finding.code === 'manifest/syntax-error').map((finding) => finding.evidence[0]?.line);
    expect(lines[0]).toBe(43);
    expect(new Set(lines).size).toBe(lines.length);
  });
});
