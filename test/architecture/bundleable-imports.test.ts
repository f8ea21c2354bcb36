/**
 * The bundles (scripts/bundle-cli.js, scripts/bundle-action.js) carry only what esbuild can see: static
 * and dynamic `import`s. A package loaded with a `require` made by createRequire at run time is left
 * out, and the committed Action, which runs with no node_modules, would fail on the path that loads it
 * ("Cannot find module"), perhaps a path no test of the Action takes. So no module does that, except the
 * fallbacks listed here, which only a checkout that was never built reaches.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';

/** File -> the packages it may require at run time, and why. */
const BUILD_FALLBACKS: Record<string, string[]> = {
  // generated/spdx-ids.json missing: the lists are read from the packages.
  'src/licenses/spdx-list.ts': ['spdx-license-list', 'spdx-license-ids/index.json', 'spdx-license-ids/deprecated.json'],
  // generated/spdx-correct.cjs missing: the package itself.
  'src/licenses/spdx.ts': ['spdx-correct'],
  // generated/*-validator.cjs missing: the schemas are compiled with ajv.
  'src/manifest/validate.ts': ['ajv/dist/2020.js'],
};

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(REPO_ROOT, folder), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(`${folder}/${entry.name}`) : entry.name.endsWith('.ts') ? [`${folder}/${entry.name}`] : [],
  );
}

describe('imports the bundles can carry', () => {
  it('no module requires a package at run time, but the fallbacks of a checkout that was never built', () => {
    const found: Record<string, string[]> = {};
    for (const file of sourceFiles('src')) {
      const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
      if (!text.includes('createRequire')) continue;
      // require('pkg') or createRequire(...)('pkg'): a bare specifier, not a path to a file of the package's own.
      const specifiers = [...text.matchAll(/(?:\brequire|createRequire\([^)]*\))\(\s*'([^'./][^']*)'\s*\)/g)].map((match) => match[1] as string);
      if (specifiers.length > 0) found[file] = specifiers;
    }
    expect(found).toEqual(BUILD_FALLBACKS);
  });
});
