#!/usr/bin/env node
// Bundles the CLI (dist/cli/main.js and everything it imports, dependencies included) into
// dist/bundle/: one file to start, and one chunk per command or format loaded on demand, so that a run
// loads a handful of files instead of some 280 modules (issue 17). The library (dist/index.js) stays
// as tsc writes it. Files that ship beside the code (generated/, schemas/, data/) are found from the
// package root (src/util/package-files.ts), whatever folder a chunk sits in.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry a hash: the last bundle's chunks would otherwise stay beside the new ones.
rmSync('dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: { main: 'dist/cli/main.js' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies call require(); in an ES module it has to be made.
  banner: { js: "import { createRequire as __dpgCreateRequire } from 'node:module'; const require = __dpgCreateRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  // undici (loaded only behind a proxy, src/source/proxy.ts) loads its HTTP parser as WebAssembly
  // from files beside its own: it runs from node_modules, where those files are.
  external: ['undici'],
  legalComments: 'linked',
  logLevel: 'warning',
});
console.log('wrote dist/bundle/');
