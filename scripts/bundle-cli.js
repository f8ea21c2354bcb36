#!/usr/bin/env node
// Bundles the CLI (dist/cli/main.js and everything it imports, dependencies included) into one CommonJS
// file, dist/bundle/cli.cjs, which bin/dpg-check.js compiles with V8's code cache (issue 17): Node 20
// has no compile cache of its own for modules (module.enableCompileCache is 22.1+), and compiling the
// code a run needs was the largest part of its fixed cost. One file, because a code cache is per
// script. The library (dist/index.js) stays as tsc writes it. Files that ship beside the code
// (generated/, schemas/, data/) are found from the package root (src/util/package-files.ts).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: ['dist/cli/main.js'],
  outfile: 'dist/bundle/cli.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // The modules are ES modules that find their package's files from import.meta.url.
  define: { 'import.meta.url': '__dpgImportMetaUrl' },
  // The external packages' import() becomes require(): code compiled by vm.Script (bin/code-cache.js)
  // has no loader for import(); both packages ship CommonJS.
  supported: { 'dynamic-import': false },
  // "use strict" first: esbuild's own comes after the banner, where it is no longer a directive.
  banner: { js: "'use strict';\nvar __dpgImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  external: [
    // undici (loaded only behind a proxy, src/source/proxy.ts) loads its HTTP parser as WebAssembly
    // from files beside its own: it runs from node_modules, where those files are.
    'undici',
    // The prompts of `dpg-check init` (800 KB): only init needs them, and no other run should compile them.
    '@inquirer/prompts',
  ],
  legalComments: 'linked',
  logLevel: 'warning',
});
console.log('wrote dist/bundle/cli.cjs');
