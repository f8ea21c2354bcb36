#!/usr/bin/env node
// Materialises every overlay of fixtures/overlays/ as fixtures/NAME/ (scripts/fixture-overlays.js says
// why and how). Part of `npm run build`, so a fresh clone has the fixtures after `npm ci`.
// Usage: node scripts/build-fixtures.js [FIXTURES_FOLDER]   (default: this repository's fixtures/)
// Every overlay is checked before any folder is touched: a bad one exits 2 and changes nothing.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { materialise, NOT_REPOSITORIES, OverlayError, overlayNames, readOverlay } from './fixture-overlays.js';

const fixtures = path.resolve(process.argv[2] ?? fileURLToPath(new URL('../fixtures', import.meta.url)));

/** Files git tracks in `folder`; none outside a work tree (a tarball's copy has no git to ask). */
function trackedFiles(folder) {
  try {
    return execFileSync('git', ['-C', fixtures, 'ls-files', '-z', '--', folder], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\0')
      .filter(Boolean);
  } catch {
    return [];
  }
}

try {
  const overlays = overlayNames(fixtures).map((name) => readOverlay(fixtures, name));
  for (const { name } of overlays) {
    // Materialising replaces the folder whole: it must never be a committed fixture or another kind of folder.
    if (NOT_REPOSITORIES.includes(name)) throw new OverlayError(`fixtures/overlays/${name}: "${name}" is a reserved folder of fixtures/`);
    if (trackedFiles(path.join(fixtures, name)).length > 0)
      throw new OverlayError(`fixtures/overlays/${name}: fixtures/${name}/ has files in git; remove them (git rm -r) or rename the overlay`);
  }
  for (const overlay of overlays) materialise(fixtures, overlay, path.join(fixtures, overlay.name));
  console.log(`fixtures/: ${overlays.length} overlays materialised`);
} catch (error) {
  if (!(error instanceof OverlayError)) throw error;
  console.error(`build-fixtures: ${error.message}`);
  process.exit(2);
}
