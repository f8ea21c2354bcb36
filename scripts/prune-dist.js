#!/usr/bin/env node
// Removes from dist/ what the last `tsc -p tsconfig.build.json` did not write: the output of a source
// file since moved or deleted (it would still be packed and importable), and source maps (the build
// writes none, and src/ is not shipped for them to point at). tsc only adds and overwrites; removing
// the stale files one by one, rather than dist/ as a whole before compiling, keeps dist/ usable
// throughout the build.
import { existsSync, readdirSync, rmSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
const src = path.join(root, 'src');
const removed = [];

/** The source a dist file was compiled from: a.js, a.d.ts (and their maps) come from a.ts. */
function sourceOf(relative) {
  const stem = relative.replace(/(\.d\.ts|\.js)(\.map)?$/, '');
  return stem === relative ? undefined : path.join(src, `${stem}.ts`);
}

function prune(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      // The bundled CLI is written whole by scripts/bundle-cli.js, from dist/, not from src/.
      if (path.relative(dist, full) === 'bundle') continue;
      prune(full);
      if (readdirSync(full).length === 0) rmdirSync(full);
      continue;
    }
    const relative = path.relative(dist, full);
    const source = sourceOf(relative);
    if (entry.name.endsWith('.map') || (source !== undefined && !existsSync(source))) {
      rmSync(full, { force: true });
      removed.push(relative);
    }
  }
}

if (existsSync(dist)) prune(dist);
console.log(removed.length ? `dist/: removed ${removed.length} stale file(s): ${removed.join(', ')}` : 'dist/: nothing stale');
