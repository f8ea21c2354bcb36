#!/usr/bin/env node
// Bundles the GitHub Action (action.yml) into action/, which is committed: a workflow that uses the
// action gets a checkout of this repository at the ref it names and runs action/index.js with the
// runner's own Node, with no install and no build (issue 17). action/ holds
//   index.js             bin/dpg-check-action.js and everything it imports, dependencies included;
//   generated/           what the build writes to generated/ (licence corpus, schema validators), which
//                        a checkout does not have; the committed schemas/ and data/ are read in place;
//   THIRD-PARTY-NOTICES  the licence of every package bundled into index.js and generated/.
//
// Run after `npm run build` (it bundles dist/): `npm run bundle:action`. test/action-bundle.test.ts
// fails when the committed action/ differs from what this script writes, so a change to src/ that
// reaches the Action is committed together with its bundle.
//
//   node scripts/bundle-action.js [--out DIR]   (default: action)
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outIndex = process.argv.indexOf('--out');
const out = path.resolve(root, outIndex > 0 ? process.argv[outIndex + 1] : 'action');

if (!existsSync(path.join(root, 'dist/action/main.js')) || !existsSync(path.join(root, 'generated/license-corpus.json'))) {
  console.error('bundle-action: run `npm run build` first (dist/ and generated/ are bundled from)');
  process.exit(2);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, 'generated'), { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: ['bin/dpg-check-action.js'],
  outfile: path.join(out, 'index.js'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: "import { createRequire as __dpgCreateRequire } from 'node:module'; const require = __dpgCreateRequire(import.meta.url);" },
  // src/util/package-files.ts: generated files are found beside this one file.
  define: { DPG_CHECK_GENERATED_BESIDE_BUNDLE: 'true' },
  // The notices are collected whole in THIRD-PARTY-NOTICES below.
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

for (const file of readdirSync(path.join(root, 'generated')).sort()) {
  copyFileSync(path.join(root, 'generated', file), path.join(out, 'generated', file));
}

// Every package whose code is in the bundle or in the generated files it carries (the validators bundle
// ajv's helpers, spdx-correct.cjs bundles spdx-correct and its dependencies: esbuild names each module's
// source in a comment), with its licence text as it ships in node_modules.
const inputs = new Set(Object.keys(result.metafile.inputs));
for (const file of readdirSync(path.join(root, 'generated')).filter((name) => name.endsWith('.cjs'))) {
  for (const match of readFileSync(path.join(root, 'generated', file), 'utf8').matchAll(/^\/\/ (\S*node_modules\/\S+)$/gm)) inputs.add(match[1]);
}
const packages = new Map();
for (const input of [...inputs].sort()) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (!match || packages.has(match[1])) continue;
  const folder = path.join(root, match[1]);
  const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
  const licenseFile = readdirSync(folder)
    .filter((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name))
    .sort()[0];
  packages.set(match[1], {
    name: manifest.name,
    version: manifest.version,
    license: typeof manifest.license === 'string' ? manifest.license : 'see its text',
    text: licenseFile ? readFileSync(path.join(folder, licenseFile), 'utf8').trim() : `(no licence file; package.json says ${manifest.license})`,
  });
}
const notices = [...packages.values()]
  .sort((a, b) => a.name.localeCompare(b.name))
  .map(({ name, version, license, text }) => `${name} ${version} (${license})\n\n${text}\n`);
writeFileSync(
  path.join(out, 'THIRD-PARTY-NOTICES'),
  `action/index.js and action/generated/ bundle code from these packages, under their own licences:\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`,
);
console.log(`wrote ${path.relative(root, out) || '.'}/ (index.js, generated/, THIRD-PARTY-NOTICES; ${packages.size} packages)`);
