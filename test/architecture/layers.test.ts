import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';

/**
 * The house has one direction (issue 18): data flows source -> facts -> rules -> report -> formatters,
 * and each folder of src/ imports only from the folders below it. The order, bottom first; a folder
 * may import its own files and anything on a lower line, never a line above or a neighbour on its line.
 */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ['errors.ts', 'defaults.ts'],
  ['util'],
  ['version.ts', 'findings.ts'],
  ['source'],
  ['manifest'],
  ['policy'],
  ['licenses'],
  ['convert'],
  ['facts'],
  ['indicators'],
  ['rules'],
  ['report'],
  ['docs'],
  ['formatters'],
  ['app'],
  ['check.ts'],
  ['audit', 'init'],
  ['cli', 'action', 'index.ts'],
];

const SRC = path.join(REPO_ROOT, 'src');

/** The module of a file: its top folder under src/, or the file itself at the top. */
function moduleOf(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0] as string;
}

function rankOf(module: string): number {
  const rank = LAYERS.findIndex((layer) => layer.includes(module));
  if (rank === -1) throw new Error(`src/${module} is in no layer of test/architecture/layers.test.ts: add it where it belongs`);
  return rank;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every relative import of a file (static, dynamic `import()` and `export ... from`), as files under src/. */
function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => path.resolve(path.dirname(file), name.replace(/\.js$/, '.ts')));
}

/** Imports that go up or sideways: "from -> to" with both paths under src/. */
function violations(files: ReadonlyArray<{ file: string; text?: string }>): string[] {
  const found: string[] = [];
  for (const { file, text } of files) {
    const from = moduleOf(file);
    for (const target of importsOf(file, text)) {
      const to = moduleOf(target);
      if (to === from) continue;
      if (rankOf(to) >= rankOf(from)) found.push(`${path.relative(SRC, file)} -> ${path.relative(SRC, target)}`);
    }
  }
  return found;
}

describe('the import direction of src/', () => {
  it('every import goes to a lower layer', () => {
    expect(violations(sourceFiles(SRC).map((file) => ({ file })))).toEqual([]);
  });

  it('an upward import is caught (a report module reaching into the formatters)', () => {
    const file = path.join(SRC, 'report/build.ts');
    const text = `${readFileSync(file, 'utf8')}\nimport { formatText } from '../formatters/text.js';\n`;
    expect(violations([{ file, text }])).toEqual(['report/build.ts -> formatters/text.ts']);
  });

  it('a sideways import between folders of one layer is caught, and a dynamic import counts', () => {
    const file = path.join(SRC, 'audit/summary.ts');
    const text = `${readFileSync(file, 'utf8')}\nexport async function later() { return import('../init/write.js'); }\n`;
    expect(violations([{ file, text }])).toEqual(['audit/summary.ts -> init/write.ts']);
  });

  it('every folder of src/ has its place in a layer', () => {
    const modules = new Set(sourceFiles(SRC).map(moduleOf));
    for (const module of modules) expect(() => rankOf(module)).not.toThrow();
  });
});
