#!/usr/bin/env node
// The fuzz soak of issue 8: the properties of test/hostile/properties.test.ts (which imports them
// from this file), 10,000 generated cases each, run against the built code in dist/. Prints, per
// property, the cases run, the failures (an exception or a broken invariant; must be 0), the time and
// the slowest case; then the first failing input of each property, if any.
//
//   npm run build && node bench/fuzz.js [--runs N] [--seed N]
//
// Exit code: 0 when no property failed, 1 otherwise.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { stringify as stringifyYaml } from 'yaml';
import { numberOption } from './args.js';

/** Manifest keys, so that generated documents reach the validator's deeper paths, not only the root. */
const MANIFEST_KEYS = [
  'name',
  'description',
  'categories',
  'sdgs',
  'goal',
  'targets',
  'relevance',
  'evidence',
  'licenses',
  'expression',
  'covers',
  'ownership',
  'owners',
  'type',
  'platformIndependence',
  'hasClosedComponents',
  'closedComponents',
  'openAlternatives',
  'documentation',
  'links',
  'dataExtraction',
  'collectsNonPII',
  'mechanism',
  'formats',
  'privacy',
  'laws',
  'standards',
  'openStandards',
  'bestPractices',
  'doNoHarm',
  'piiLevel',
  'content',
  'level',
  'harassment',
  'userInteraction',
  'contact',
  'email',
  'policy',
  'failOn',
  'waivers',
  'code',
  'reason',
  'expires',
  '__proto__',
  'constructor',
  'toString',
  '',
];
const YAML_TOKENS = [
  '\n',
  '\n  ',
  '\n    ',
  '\t',
  ' ',
  ': ',
  '- ',
  '? ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '#',
  '&a ',
  '*a',
  '&b ',
  '*b',
  '<<: ',
  '!!str ',
  '!!binary ',
  '!custom ',
  '|',
  '>-',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '~',
  'null',
  'true',
  '1e999',
  '.nan',
  '-.inf',
  '0x1F',
  '2024-01-01',
  '\\u0000',
  '\u0000',
  '\ufeff',
  '\u2028',
  '\r',
  'software',
  'Apache-2.0',
  '3.8',
];
const LICENSE_TOKENS = [
  'Copyright (c) 2024 ',
  '<year> <copyright holders>',
  '[yyyy] [name of copyright owner]',
  'MIT License',
  'Apache License\nVersion 2.0, January 2004\n',
  'Permission is hereby granted, free of charge, ',
  'THE SOFTWARE IS PROVIDED "AS IS"',
  'END OF TERMS AND CONDITIONS',
  'How to apply these terms',
  '\n',
  '\n\n',
  ' ',
  '\t',
  '# ',
  '## ',
  '* ',
  '- ',
  '1. ',
  '(a) ',
  'i) ',
  '**',
  '__',
  '~~',
  '`',
  '```\n',
  '[',
  ']',
  '(',
  ')',
  '![',
  '<',
  '>',
  '<!--',
  '-->',
  '<p>',
  '</p>',
  '<br/>',
  '&amp;',
  '&#169;',
  '&#x2014;',
  '&bogus;',
  'http://www.apache.org/licenses/LICENSE-2.0',
  'https://opensource.org/licenses/MIT',
  'www.example.org',
  'user@example.com',
  '©',
  '\u00ad',
  '\u200b',
  '\ufeff',
  'ﬁ',
  'Å',
  'ß',
  'İ',
  '\u0301',
  '—',
  '“',
  '”',
  '‘',
  '’',
  '"',
  "'",
  'licence',
  'license',
  'LICENCE',
  'sublicense',
  'e.g.',
  'per cent',
  'percent',
  'copyright holder',
  'THE',
  'and/or',
  '&',
  '/',
  '\\',
  '=',
  '-',
  '--',
  '....',
  '\r\n',
  '\u2028',
];
const SPDX_TOKENS = [
  'MIT',
  'Apache-2.0',
  'GPL-2.0',
  'GPL-2.0+',
  'GPL-3.0-only',
  'GPL-3.0-or-later',
  'LGPL-2.1+',
  'AGPL-3.0',
  'BSD-3-Clause',
  'CC-BY-4.0',
  'CC0-1.0',
  'MPL-2.0',
  'GPL-2.0-with-classpath-exception',
  'Classpath-exception-2.0',
  'LLVM-exception',
  'LicenseRef-custom',
  'DocumentRef-x:LicenseRef-y',
  'Apache 2',
  'apache-2.0',
  'mit',
  'GPLv3',
  'BSD',
  'NONE',
  'NOASSERTION',
  'UNLICENSED',
  'SEE LICENSE IN LICENSE',
  'AND',
  'OR',
  'WITH',
  'and',
  'or',
  'with',
  '(',
  ')',
  '+',
  '/',
  ' ',
  ' ',
  ' ',
  ',',
  ';',
  '-',
  ':',
  '\u00a0',
  '\t',
  '\n',
  '0',
  '1.0',
  'Ω',
];

/**
 * The properties, for any fast-check instance and any build of the functions under test (the test
 * passes its own fast-check and the TypeScript sources; this script passes dist/).
 * Each has a name, an arbitrary and a predicate that returns true or throws (a broken invariant
 * is reported through an Error saying which).
 */
export function fuzzProperties(fc, { parseManifest, normalizeLicenseText, normalizeExpression, analyseReadme, findCopyrightLines, parseDependencies }) {
  const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ maxLength: 400 }));
  const fromTokens = (tokens, maxLength) =>
    fc.array(fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 6 })), { maxLength }).map((parts) => parts.join(''));

  // Structured documents: a random value under manifest keys, rendered as YAML or JSON, then maybe damaged.
  const scalar = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('software', 'Apache-2.0', 'https://example.org', 'README.md', 'collected-stored', '3.8'),
  );
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
    list: fc.array(tie('value'), { maxLength: 4 }),
    map: fc.dictionary(fc.oneof(fc.constantFrom(...MANIFEST_KEYS), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 6 }),
  }));
  const damage = (text) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(text) },
      fc.nat({ max: Math.max(0, text.length) }).map((cut) => text.slice(0, cut)),
      fc.tuple(fc.nat({ max: Math.max(0, text.length) }), fc.constantFrom(...YAML_TOKENS)).map(([at, token]) => text.slice(0, at) + token + text.slice(at)),
    );
  const structuredYaml = value.chain((data) => damage(stringifyYaml(data ?? null)));
  const structuredJson = value.chain((data) => damage(JSON.stringify(data) ?? 'null'));
  const yamlish = fromTokens([...YAML_TOKENS, ...MANIFEST_KEYS.map((key) => `${key}: `)], 60);

  const checkManifest = (name) => (text) => {
    const loaded = parseManifest(name, text);
    if (loaded.path !== name) throw new Error('the path is not kept');
    if (!Array.isArray(loaded.problems)) throw new Error('problems is not a list');
    if (loaded.data !== null && (typeof loaded.data !== 'object' || Array.isArray(loaded.data))) throw new Error(`data is a ${typeof loaded.data}`);
    if (loaded.data === null && loaded.problems.length === 0) throw new Error('no data and no problem');
    for (const problem of loaded.problems) {
      if (typeof problem.message !== 'string' || problem.message.trim() === '') throw new Error('a problem without a message');
      if (problem.position && !(problem.position.line >= 1 && problem.position.column >= 1))
        throw new Error(`a position off the file: ${JSON.stringify(problem.position)}`);
    }
    loaded.locate('/name');
    loaded.locate('/sdgs/0/goal');
    loaded.locate('/~1~0/x');
    return true;
  };

  return [
    {
      name: 'manifest: parseManifest(dpg.yaml) returns problems, never throws (any text, YAML tokens, damaged YAML documents)',
      arbitrary: fc.oneof(anyText, yamlish, structuredYaml),
      predicate: checkManifest('dpg.yaml'),
    },
    {
      name: 'manifest: parseManifest(dpg.json) returns problems, never throws (any text, damaged JSON documents)',
      arbitrary: fc.oneof(anyText, structuredJson, yamlish),
      predicate: checkManifest('dpg.json'),
    },
    {
      name: 'licence text: normalizeLicenseText never throws and is idempotent',
      arbitrary: fc.oneof(anyText, fromTokens(LICENSE_TOKENS, 80)),
      predicate: (text) => {
        const once = normalizeLicenseText(text);
        if (typeof once !== 'string') throw new Error('not a string');
        if (/ {2}|^ | $/.test(once)) throw new Error(`blanks left in ${JSON.stringify(once)}`);
        const twice = normalizeLicenseText(once);
        if (twice !== once) throw new Error(`not idempotent: ${JSON.stringify(once)} → ${JSON.stringify(twice)}`);
        return true;
      },
    },
    {
      name: 'SPDX: normalizeExpression never throws; its expression is NOASSERTION or normalises to itself',
      arbitrary: fc.oneof(
        anyText,
        fromTokens(SPDX_TOKENS, 12),
        fc.array(fc.constantFrom(...SPDX_TOKENS), { maxLength: 9 }).map((parts) => parts.join(' ')),
      ),
      predicate: (text) => {
        const result = normalizeExpression(text);
        if (typeof result.expression !== 'string' || !Array.isArray(result.notes)) throw new Error('malformed result');
        if (result.expression === 'NOASSERTION') return true;
        if (!result.tree) throw new Error(`${result.expression} without a parse tree`);
        const again = normalizeExpression(result.expression);
        if (again.expression !== result.expression) throw new Error(`not stable: ${JSON.stringify(text)} → ${result.expression} → ${again.expression}`);
        return true;
      },
    },
    {
      name: 'facts: analyseReadme, findCopyrightLines and parseDependencies never throw',
      arbitrary: fc.tuple(
        fc.constantFrom(
          'README.md',
          'LICENSE',
          'package.json',
          'requirements.txt',
          'pyproject.toml',
          'pom.xml',
          'build.gradle',
          'composer.json',
          'go.mod',
          'Gemfile',
          'docker-compose.yml',
          'Dockerfile',
          'App.csproj',
        ),
        fc.oneof(
          anyText,
          fromTokens(
            [
              ...LICENSE_TOKENS,
              ...YAML_TOKENS,
              '<dependency>',
              '</dependency>',
              '<groupId>g</groupId>',
              '<artifactId>a</artifactId>',
              'implementation "',
              'a:b:1',
              'FROM ',
              'gem "',
              'require (',
              '{"dependencies":{',
              '"a":"1"',
              '}',
            ],
            60,
          ),
        ),
      ),
      predicate: ([file, text]) => {
        const readme = analyseReadme(file, text);
        if (!Number.isInteger(readme.wordCount) || readme.wordCount < 0) throw new Error(`a word count of ${readme.wordCount}`);
        for (const line of findCopyrightLines(file, text)) if (!(line.line >= 1)) throw new Error(`copyright line ${line.line}`);
        for (const dependency of parseDependencies(file, text)) if (typeof dependency.name !== 'string') throw new Error('a dependency without a name');
        return true;
      },
    },
  ];
}

/** Runs each property over `runs` samples and counts the failures (it does not stop at the first). */
export function soak(fc, properties, { runs = 10_000, seed = 8 } = {}) {
  return properties.map((property) => {
    const samples = fc.sample(property.arbitrary, { numRuns: runs, seed });
    let failures = 0;
    /** Distinct failures: the error's message (its first 120 characters) → count and first input. */
    const kinds = new Map();
    let slowest = { ms: 0, input: undefined };
    const started = performance.now();
    for (const input of samples) {
      const caseStarted = performance.now();
      try {
        if (property.predicate(input) !== true) throw new Error('the predicate returned false');
      } catch (error) {
        failures++;
        const message = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 120);
        const kind = kinds.get(message) ?? { count: 0, input };
        kind.count++;
        kinds.set(message, kind);
      }
      const ms = performance.now() - caseStarted;
      if (ms > slowest.ms) slowest = { ms, input };
    }
    return { name: property.name, runs: samples.length, failures, ms: performance.now() - started, slowest, kinds };
  });
}

async function main() {
  const runs = numberOption('runs', 10_000);
  const seed = numberOption('seed', 8);
  const fc = (await import('fast-check')).default;
  const [{ parseManifest }, { normalizeLicenseText }, { normalizeExpression }, { analyseReadme }, { findCopyrightLines }, { parseDependencies }] =
    await Promise.all([
      import('../dist/manifest/load.js'),
      import('../dist/licenses/text/normalize.js'),
      import('../dist/licenses/spdx.js'),
      import('../dist/facts/readme.js'),
      import('../dist/facts/copyright.js'),
      import('../dist/facts/dependencies.js'),
    ]);
  // The yaml library warns on standard error about some keys; the soak counts failures, not warnings.
  process.removeAllListeners('warning');
  const properties = fuzzProperties(fc, { parseManifest, normalizeLicenseText, normalizeExpression, analyseReadme, findCopyrightLines, parseDependencies });
  console.log(`bench/fuzz.js: ${runs} cases per property, seed ${seed}, node ${process.version}\n`);
  const started = performance.now();
  const results = soak(fc, properties, { runs, seed });
  const width = Math.max(...results.map((result) => result.name.length));
  console.log(`${'property'.padEnd(width)}  ${'cases'.padStart(6)}  failures  ${'ms'.padStart(7)}  slowest case`);
  for (const result of results) {
    console.log(
      `${result.name.padEnd(width)}  ${String(result.runs).padStart(6)}  ${String(result.failures).padStart(8)}  ${result.ms.toFixed(0).padStart(7)}  ${result.slowest.ms.toFixed(1)} ms`,
    );
  }
  const failed = results.filter((result) => result.failures > 0);
  console.log(`\n${failed.length === 0 ? 'no failures' : `${failed.length} properties failed`}; total ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const result of failed) {
    console.log(`\n${result.name}`);
    for (const [message, kind] of result.kinds) console.log(`  ${kind.count} × ${message}\n      e.g. ${JSON.stringify(kind.input).slice(0, 500)}`);
  }
  process.exitCode = failed.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
