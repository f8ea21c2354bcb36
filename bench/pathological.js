#!/usr/bin/env node
// Pathological texts of issue 8: every reader of a check (licence normaliser and identifier,
// notices, copyright lines, README, declarations, dependency manifests, the manifest, SPDX headers)
// gets files of one repeated token, the inputs that make backtracking regular expressions quadratic
// ("[" or "<!--" never closed, runs of blanks after a marker, "." runs before "@"). Each case is a
// repository in which all those files hold the same text, checked in-process with checkSource at
// two sizes. A linear reader takes about 8x longer for 8x the text; a quadratic one 64x.
// Prints the slowest cases, their growth, and how many took longer than the limit (must be 0).
//
//   npm run build && node bench/pathological.js [--kib 512] [--limit-ms 5000] [--only TOKEN]
//
// Exit code: 0 when no case exceeded the limit, 1 otherwise.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkSource, LocalSource } from '../dist/index.js';
import { numberOption, textOption } from './args.js';

/** Every file a check reads in full or in part; each holds the case's text. */
const FILES = [
  'LICENSE',
  'COPYING.LESSER',
  'LICENSES/MIT.txt',
  'MIT.md',
  'NOTICE',
  'AUTHORS',
  'COPYRIGHT.md',
  'license-header.txt',
  'README.md',
  'CODE_OF_CONDUCT.md',
  'SECURITY.md',
  'PRIVACY.md',
  'CONTRIBUTING.md',
  'dpg.yaml',
  '.dpg-check.yaml',
  'publiccode.yml',
  'CITATION.cff',
  'package.json',
  'pyproject.toml',
  'setup.cfg',
  'requirements.txt',
  'Cargo.toml',
  'composer.json',
  'pom.xml',
  'build.gradle',
  'go.mod',
  'Gemfile',
  'app.gemspec',
  'DESCRIPTION',
  'App.csproj',
  'app.nuspec',
  'docker-compose.yml',
  'Dockerfile',
  'src/main.js',
  'src/main.py',
  'package-lock.json',
  'composer.lock',
  // The licence inventory's files (src/licenses/inventory.ts).
  'REUSE.toml',
  '.reuse/dep5',
  'images/LICENSE-content.txt',
  'images/a.png.license',
  'MODEL_CARD.md',
  'data/README.md',
  'data/x.csv',
];

/** Openers without closers, markers before runs of blanks, and runs that end without their partner. */
const TOKENS = [
  '[',
  ']',
  '(',
  ')',
  '![',
  '[a](',
  '[a][',
  '](',
  '<',
  '>',
  '<!--',
  '-->',
  '<?',
  '<!',
  '<head>',
  '<title x>',
  '<a ',
  '<p>',
  '&',
  '&amp;',
  '&#',
  '\\',
  '`',
  '```\n',
  '*',
  '**a',
  'a*',
  '_',
  '~~',
  '#',
  '# ',
  '> ',
  '-',
  '- ',
  '=',
  '|',
  '+',
  '"',
  "'",
  '{',
  '}',
  ':',
  ': ',
  '- a',
  '? ',
  '&a ',
  '*a ',
  '!!',
  '%',
  '.',
  'a.',
  'a@',
  '@',
  'http://',
  'www.',
  'a.org/',
  '(c)',
  '©',
  'Copyright ',
  'copyright (c) 2024 ',
  'All rights reserved. ',
  '&copy;',
  '${',
  '%a',
  '. A',
  'SPDX-License-Identifier: ',
  'MIT ',
  'License ',
  'Version 2 ',
  '1. ',
  '1.1',
  'i. ',
  'a) ',
  '(i) ',
  '§',
  ' ',
  '\t',
  '\n',
  '\n\n',
  'x ',
  'é',
  '\u0301',
  'ﬁ',
  '\ufeff',
  '\u0000',
  '<dependency>',
  '<groupId>',
  'implementation "',
  'a:b:',
  'FROM ',
  'gem "',
  'require (',
  '"dependencies":{',
  '[dependencies]\n',
  'license = ',
  'License: ',
  '[[annotations]]\n',
  'path = "',
  'SPDX-License-Identifier = "',
  'Files: ',
  '\n ',
  '---\nlicense: ',
  'used with permission ',
  'Permission is hereby granted ',
  'END OF TERMS AND CONDITIONS\n',
  'creative commons corporation is not a law firm ',
];
/**
 * Copyright notices just under the 500 characters a line may have to be read as one, each one body
 * repeated after the marker: the holder's name is cleaned on them (tags, years, links, sentences).
 */
const NOTICE_BODIES = ['<p ', '<a>', '2024-', '2024, ', 'a and ', 'a. A ', '](', '_', '*', ' ', '@', 'http://', '(', '${', '&copy;', ', Inc'];
const noticeLine = (body) => `© 2024 ${body.repeat(Math.floor(490 / body.length))}\n`;
TOKENS.push(...NOTICE_BODIES.map(noticeLine), `${'Copyright (c) '.repeat(35)}\n`);

/** A marker followed by a run of one character: the run is where backtracking multiplies. */
const MARKERS = [
  'www.apache.org/licenses/LICENSE-2.0',
  'http://x',
  '[x]',
  '#',
  '|',
  '*',
  '* a',
  '<a',
  '"a',
  'a@',
  'Copyright 2024',
  '© 2024 a',
  'a:',
  '- ',
  '[a](',
  'YEAR: 1\nCOPYRIGHT HOLDER: x',
  'publiccodeYmlVersion: "0.2"\n',
];
const RUNS = [' ', '\t', '.', 'a', '-', '*', '#', '[', '('];
/** Runs that are followed by more text: a pattern may only fail at that text, after backtracking. */
const RUNS_THEN_TEXT = [' ', '\n', '\t'];
const TAIL = '\nz\nlegal:\n  license: MIT\n';
/** Anchors chained through aliases, each used once (quadratic to resolve in yaml before the cap). */
const aliasChain = (bytes) => {
  let text = '';
  for (let index = 0; text.length < bytes; index++) text += `- &a${index} x\n- &b${index} [*a${index}]\n- *b${index}\n`;
  return text.slice(0, text.lastIndexOf('\n', bytes) + 1);
};

function cases(bytes) {
  const out = TOKENS.map((token) => ({ name: JSON.stringify(token), text: token.repeat(Math.ceil(bytes / token.length)).slice(0, bytes) }));
  for (const marker of MARKERS)
    for (const run of RUNS) out.push({ name: `${JSON.stringify(marker)} + ${JSON.stringify(run)}…`, text: marker + run.repeat(bytes - marker.length) });
  for (const marker of MARKERS)
    for (const run of RUNS_THEN_TEXT)
      out.push({ name: `${JSON.stringify(marker)} + ${JSON.stringify(run)}… + text`, text: marker + run.repeat(bytes - marker.length - TAIL.length) + TAIL });
  out.push({ name: 'YAML anchors chained by aliases', text: aliasChain(bytes) });
  return out;
}

async function timeCase(root, text) {
  for (const file of FILES) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  const started = performance.now();
  const report = await checkSource(await LocalSource.open(root));
  if (!report || typeof report !== 'object') throw new Error('no report');
  return performance.now() - started;
}

async function main() {
  const kib = numberOption('kib', 512);
  const limitMs = numberOption('limit-ms', 5000);
  const only = textOption('only');
  const small = (kib * 1024) / 8;
  const root = mkdtempSync(path.join(tmpdir(), 'dpg-pathological-'));
  const results = [];
  try {
    // Warm up: the licence corpus loads on first use.
    await timeCase(root, 'MIT License\n');
    const large = cases(kib * 1024);
    const smaller = cases(small);
    for (const [index, entry] of large.entries()) {
      if (only !== undefined && !entry.name.includes(only)) continue;
      const msSmall = await timeCase(root, smaller[index].text);
      const ms = await timeCase(root, entry.text);
      results.push({ name: entry.name, ms, growth: ms / Math.max(msSmall, 1) });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  results.sort((a, b) => b.ms - a.ms);
  console.log(`bench/pathological.js: ${results.length} texts of ${kib} KiB (and ${kib / 8} KiB) in each of ${FILES.length} files, node ${process.version}\n`);
  console.log(`${'case'.padEnd(52)}  ${'ms'.padStart(7)}  growth for 8x the text`);
  for (const result of results.slice(0, 12))
    console.log(`${result.name.slice(0, 52).padEnd(52)}  ${result.ms.toFixed(0).padStart(7)}  ${result.growth.toFixed(1)}x`);
  const total = results.reduce((sum, result) => sum + result.ms, 0);
  const over = results.filter((result) => result.ms > limitMs);
  console.log(
    `\nmedian ${results[Math.floor(results.length / 2)]?.ms.toFixed(0)} ms, total ${(total / 1000).toFixed(1)} s; over ${limitMs} ms: ${over.length}`,
  );
  for (const result of over) console.log(`  ${result.name}: ${result.ms.toFixed(0)} ms`);
  process.exitCode = over.length === 0 ? 0 : 1;
}

await main();
