/**
 * The corpus of bad inputs (issue 8): every case runs the built CLI once, as a user would, and must end
 * with its documented exit code within LIMIT_MS, without a stack trace, with the expected message.
 *
 * A repository case starts from a copy of fixtures/complete-software (or an empty folder), lays the
 * small static files of fixtures/bad-inputs/NAME/ over it when that folder exists, removes what
 * `remove` names, then runs `setup`, which generates what must not be committed: large files, FIFOs,
 * symbolic links, unreadable files, deep trees, odd names. Each repository run writes all eight formats
 * (JSON to standard output, the seven others to files), so every formatter sees every bad input.
 *
 * Cases marked `bug` show a defect in code this suite may not change; they run as `it.fails` (so the
 * suite stays green and turns red once the bug is fixed), each with a TODO naming the bug.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  allFormatArgs,
  BAD_INPUTS,
  canRunAsNobody,
  cleanEnv,
  COMPLETE,
  FILE_FORMATS,
  readOutputs,
  recordingGit,
  remove,
  repositoryFrom,
  runDpg,
  scratch,
  STACK_FRAME,
  writeLargeFile,
  type RunResult,
} from './support.js';

/** Every bad input must be answered within this time. */
const LIMIT_MS = 10_000;
const MB = 1024 * 1024;
/** Text that sits outside the repository; it must never appear in any output. */
const OUTSIDE_SECRET = 'OUTSIDE-SECRET-5f1c0b2e';
const ENV_SECRET = 'ghp_ENVSENTINEL0000000000000000000000';

interface Context {
  /** The case's scratch folder (the repository is `repo/` in it; outputs go to `out/`). */
  dir: string;
  repo: string;
  /** A file that a command smuggled into a target would create. */
  marker: string;
  git: ReturnType<typeof recordingGit>;
}

interface Case {
  name: string;
  what: string;
  /** A repository case (the default) is checked with `check REPO` and every format. */
  base?: 'complete-software' | 'empty';
  remove?: string[];
  setup?: (context: Context) => void;
  /** Instead of checking a repository: these arguments (a bad target, a bad option). */
  args?: (context: Context) => string[];
  asNobody?: boolean;
  env?: NodeJS.ProcessEnv;
  code: 0 | 1 | 2 | 3;
  /** A finding the report must hold (exit 0 or 1). */
  finding?: { code: string; message?: RegExp };
  /** What standard error must say (exit 2 or 3), or hold (0 or 1; otherwise it must be empty). */
  stderr?: RegExp;
  /** Finding codes the report must not hold. */
  noFinding?: string[];
  /** Strings that must appear in no output. */
  absent?: string[];
  /** Git must not have run at all (a refused target). */
  noGit?: boolean;
  /** More checks on the result. */
  check?: (result: RunResult, context: Context, outputs: Record<string, string>) => void;
  /** The reader of standard output has gone (`dpg-check … | head -c 10`). */
  closeStdoutEarly?: boolean;
  /** A defect in code outside this suite's reach: the case runs as `it.fails`. */
  bug?: string;
  /** Why the case cannot run here. */
  skip?: string;
}

const writeFile = (context: Context, file: string, content: string | Buffer): void => {
  mkdirSync(path.dirname(path.join(context.repo, file)), { recursive: true });
  writeFileSync(path.join(context.repo, file), content);
};
const replaceWithLink = (context: Context, file: string, target: string): void => {
  rmSync(path.join(context.repo, file), { force: true, recursive: true });
  symlinkSync(target, path.join(context.repo, file));
};
const replaceWithFifo = (context: Context, file: string): void => {
  rmSync(path.join(context.repo, file), { force: true });
  execFileSync('mkfifo', [path.join(context.repo, file)]);
};
const outsideFile = (context: Context): string => {
  const file = path.join(context.dir, 'outside.txt');
  writeFileSync(file, `${OUTSIDE_SECRET}\nCopyright 2024 Somebody Else\nMIT License\n`);
  return file;
};
const LICENSE_TEXT = readFileSync(path.join(COMPLETE, 'LICENSE'), 'utf8');
const README_TEXT = readFileSync(path.join(COMPLETE, 'README.md'), 'utf8');
const gitInit = (folder: string): void => {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'T',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 'T',
    GIT_COMMITTER_EMAIL: 't@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  execFileSync('git', ['init', '-q', folder], { env });
  execFileSync('git', ['-C', folder, 'add', '-A'], { env });
};
const noShellInjection = (_result: RunResult, context: Context): void => {
  expect(existsSync(context.marker), 'the smuggled command must not have run').toBe(false);
};

const CASES: Case[] = [
  // ---------------------------------------------------------------- manifests: syntax
  {
    name: 'manifest-tab-indent',
    what: 'dpg.yaml indented with a tab',
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /Tabs are not allowed as indentation/ },
  },
  {
    name: 'manifest-duplicate-key',
    what: 'dpg.yaml with a key given twice',
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /Map keys must be unique/ },
  },
  {
    name: 'manifest-unclosed-quote',
    what: 'dpg.yaml with a quote never closed',
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /Missing closing "quote/ },
  },
  {
    name: 'manifest-unclosed-flow',
    what: 'dpg.yaml with a flow mapping never closed',
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /must be sufficiently indented and end with a/ },
  },
  {
    name: 'manifest-bad-indent',
    what: 'dpg.yaml with a mapping indented under a scalar',
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /Nested mappings are not allowed/ },
  },
  {
    name: 'manifest-multi-document',
    what: 'dpg.yaml holding two YAML documents',
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /multiple documents/ },
  },
  {
    name: 'manifest-json-trailing-comma',
    what: 'dpg.json with a trailing comma',
    remove: ['dpg.yaml'],
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /^dpg\.json: Expected double-quoted property name/ },
  },
  {
    name: 'manifest-json-duplicate-key',
    what: 'dpg.json with a key given twice',
    remove: ['dpg.yaml'],
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /Map keys must be unique/ },
  },
  {
    name: 'manifest-json-unclosed-string',
    what: 'dpg.json with a string never closed',
    remove: ['dpg.yaml'],
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /^dpg\.json: / },
  },
  {
    name: 'manifest-json-comment',
    what: 'dpg.json with a // comment',
    remove: ['dpg.yaml'],
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /Expected property name/ },
  },
  {
    name: 'manifest-json-single-quotes',
    what: 'dpg.json with single quotes',
    remove: ['dpg.yaml'],
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /Expected property name/ },
  },
  // ---------------------------------------------------------------- manifests: content
  {
    name: 'manifest-wrong-types',
    what: 'dpg.yaml with a number for a name, a string for a list',
    code: 1,
    finding: { code: 'manifest/schema-error', message: /`name` must be text \(a string\), found a number/ },
  },
  {
    name: 'manifest-unknown-fields',
    what: 'dpg.yaml with fields the schema does not know',
    code: 1,
    finding: { code: 'manifest/schema-error', message: /unknown key `frobnicate` in the manifest/ },
  },
  {
    name: 'manifest-prototype-keys',
    what: 'dpg.yaml with __proto__ and constructor keys',
    code: 1,
    finding: { code: 'manifest/schema-error', message: /unknown key `__proto__` in the manifest/ },
  },
  {
    name: 'manifest-odd-numbers',
    what: 'dpg.yaml with 1e999, .nan, -.inf, a date and nulls',
    code: 1,
    finding: { code: 'manifest/schema-error', message: /`sdgs\[0\]\.goal` must be a whole number/ },
  },
  {
    name: 'manifest-yaml-tags',
    what: 'dpg.yaml with !!js/function, !!binary and a custom tag',
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /holds a binary value/ },
  },
  {
    name: 'manifest-scalar',
    what: 'dpg.yaml that is one sentence',
    code: 1,
    finding: { code: 'manifest/schema-error', message: /the manifest must be a mapping of keys to values, found text/ },
  },
  {
    name: 'manifest-top-level-list',
    what: 'dpg.yaml that is a list',
    code: 1,
    finding: { code: 'manifest/schema-error', message: /the manifest must be a mapping of keys to values, found a list/ },
  },
  { name: 'manifest-empty', what: 'an empty dpg.yaml', code: 1, finding: { code: 'manifest/empty', message: /dpg\.yaml is empty/ } },
  { name: 'manifest-only-comments', what: 'dpg.yaml with only a comment and a document marker', code: 1, finding: { code: 'manifest/empty' } },
  {
    name: 'manifest-self-alias',
    what: 'dpg.yaml with an anchor that refers to itself',
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /contains itself/ },
  },
  {
    name: 'manifest-alias-bomb',
    what: 'a YAML "billion laughs" (9^9 strings through aliases)',
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /Excessive alias count/ },
  },
  {
    name: 'manifest-merge-key-bomb',
    what: 'merge keys (<<) multiplying a mapping 10^4 times',
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /Excessive alias count/ },
  },
  {
    name: 'manifest-binary-tag',
    what: 'a dpg.yaml that is one !!binary scalar',
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /the document holds a binary value/ },
  },
  {
    name: 'manifest-tostring-key',
    what: 'dpg.yaml with a key named toString in a list of unique items',
    code: 1,
    finding: { code: 'manifest/schema-error' },
  },
  {
    name: 'policy-binary-tag',
    what: 'a .dpg-check.yaml that is one !!binary scalar',
    code: 1,
    finding: { code: 'policy/invalid' },
  },
  { name: 'manifest-binary', what: 'dpg.yaml holding NUL bytes', code: 1, finding: { code: 'manifest/unreadable', message: /binary file/ } },
  {
    name: 'manifest-invalid-utf8',
    what: 'dpg.yaml with invalid UTF-8 in a comment',
    code: 1,
    noFinding: ['manifest/syntax-error', 'manifest/unreadable'],
  },
  {
    name: 'manifest-utf16',
    what: 'the complete manifest as UTF-16LE with a byte-order mark',
    setup: (context) =>
      writeFile(context, 'dpg.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(path.join(COMPLETE, 'dpg.yaml'), 'utf8'), 'utf16le')])),
    code: 0,
  },
  {
    name: 'manifest-10mb',
    what: 'a 10 MB dpg.yaml',
    setup: (context) => writeLargeFile(path.join(context.repo, 'dpg.yaml'), 10 * MB, 'name: x\ndescription: "', 'a'),
    code: 1,
    finding: { code: 'manifest/unreadable', message: /over the 1048576-byte limit; it was not read/ },
  },
  {
    name: 'manifest-option-10mb',
    what: '--manifest naming a 10 MB file',
    setup: (context) => writeLargeFile(path.join(context.dir, 'big.yaml'), 10 * MB, 'name: x\n# ', 'a'),
    args: (context) => ['check', context.repo, '--manifest', path.join(context.dir, 'big.yaml'), '--format', 'json'],
    code: 1,
    finding: { code: 'manifest/unreadable', message: /over the 1048576-byte limit/ },
  },
  {
    name: 'manifest-deep-nesting',
    what: 'dpg.yaml opening 100,000 flow sequences',
    setup: (context) => writeFile(context, 'dpg.yaml', `a: ${'['.repeat(100_000)}`),
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /nested more than 64 levels deep/ },
  },
  {
    // yaml's composer overflowed the stack near 1,000 levels; the second overflow in one process
    // (the manifest, then the policy) aborted Node with "RegExpCompiler Allocation failed" (exit 134).
    name: 'manifest-and-policy-deep-nesting',
    what: 'dpg.yaml and .dpg-check.yaml each 8 KiB of "[" (top level), and "- " nested 5,000 times',
    setup: (context) => {
      writeFile(context, 'dpg.yaml', '['.repeat(8192));
      writeFile(context, '.dpg-check.yaml', `${'- '.repeat(5000)}x`);
    },
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /nested more than 64 levels deep/ },
    check: (result) => {
      const report = JSON.parse(result.stdout) as { findings: Array<{ code: string; message: string }> };
      expect(report.findings.find((finding) => finding.code === 'policy/invalid')?.message).toMatch(/nested more than 64 levels deep/);
    },
  },
  {
    name: 'yaml-files-deep-nesting',
    what: 'CITATION.cff, publiccode.yml and docker-compose.yml of 512 KiB of "[" or "{a: "',
    setup: (context) => {
      writeFile(context, 'CITATION.cff', '['.repeat(512 * 1024));
      writeFile(context, 'publiccode.yml', '{a: '.repeat(128 * 1024));
      writeFile(context, 'docker-compose.yml', `services:\n  a:\n    image: ${'['.repeat(512 * 1024)}`);
    },
    code: 0,
    finding: { code: 'license/file-identified' },
  },
  {
    // yaml weighs an alias by what its anchor holds, so a chain of anchors each used once passed its
    // limit, and resolving them walked the document once per alias: over a minute for 500 KiB.
    name: 'manifest-alias-chain',
    what: 'dpg.yaml of 11,000 anchors chained through aliases, each used once (420 KB)',
    setup: (context) =>
      writeFile(context, 'dpg.yaml', Array.from({ length: 11_000 }, (_, index) => `- &a${index} x\n- &b${index} [*a${index}]\n- *b${index}\n`).join('')),
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /more than 100 aliases/ },
  },
  {
    name: 'manifest-stray-brackets',
    what: 'dpg.yaml of 512 KiB of "]" (524,288 syntax errors)',
    setup: (context) => writeFile(context, 'dpg.yaml', ']'.repeat(512 * 1024)),
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /reading stopped after the first 20/ },
    check: (result) => {
      const report = JSON.parse(result.stdout) as { findings: Array<{ code: string }> };
      // The 20 errors read are all on line 1: one finding for the line, one saying more may follow.
      expect(report.findings.filter((finding) => finding.code === 'manifest/syntax-error').length).toBe(2);
    },
  },
  {
    // yaml writes a key that is a mapping out as JSON, once per level: 40 levels overflowed V8's string
    // length (an uncaught RangeError).
    name: 'manifest-nested-complex-keys',
    what: 'dpg.yaml of "? " nested 40 times (mappings as keys of mappings)',
    setup: (context) => writeFile(context, 'dpg.yaml', `${'? '.repeat(40)}x`),
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /a key is a list, a mapping or an alias/ },
  },
  {
    name: 'manifest-many-keys',
    what: 'a 690 KB dpg.yaml (under the 1 MB cap) of 70,000 distinct keys',
    setup: (context) => writeFile(context, 'dpg.yaml', Array.from({ length: 70_000 }, (_, index) => `k${index}: v`).join('\n')),
    code: 1,
    finding: { code: 'manifest/schema-error', message: /unknown key `k0` in the manifest/ },
  },
  {
    name: 'manifest-complex-key',
    what: 'dpg.yaml with a sequence as a mapping key',
    code: 1,
    finding: { code: 'manifest/syntax-error', message: /a key is a list, a mapping or an alias/ },
  },
  {
    name: 'manifest-control-characters',
    what: 'manifest values holding newlines, "::error" and ANSI escapes',
    code: 1,
    finding: { code: 'ownership/owner-not-in-copyright' },
  },
  {
    name: 'manifest-control-characters',
    what: 'the same manifest: the text report must not pass on raw escapes or line breaks',
    code: 1,
    check: (_result, _context, outputs) => {
      const text = outputs.text ?? '';
      expect(text).not.toContain('\u001b');
      // A line starting with "::" is a GitHub Actions workflow command when the report is printed in a job.
      expect(text).not.toMatch(/^::(error|warning)/m);
    },
  },
  // ---------------------------------------------------------------- policy and other manifests
  { name: 'policy-malformed', what: '.dpg-check.yaml indented with a tab', code: 1, finding: { code: 'policy/invalid', message: /Tabs are not allowed/ } },
  {
    name: 'policy-wrong-types',
    what: '.dpg-check.yaml with values of the wrong type',
    code: 1,
    finding: { code: 'policy/invalid', message: /`failOn` must be one of fail, warn/ },
  },
  { name: 'package-json-malformed', what: 'package.json cut off in the middle', code: 0, finding: { code: 'license/approved' } },
  { name: 'package-json-wrong-types', what: 'package.json with a list for a licence, a string for dependencies', code: 0 },
  { name: 'pyproject-malformed', what: 'pyproject.toml that is not TOML', code: 0 },
  { name: 'compose-alias-bomb', what: 'docker-compose.yml with an alias bomb', code: 0 },
  {
    name: 'package-json-50k-dependencies',
    what: 'a 480 KB package.json of 40,000 dependencies',
    setup: (context) => {
      const dependencies = Object.fromEntries(Array.from({ length: 40_000 }, (_, index) => [`dependency-${index}`, '^1.0.0']));
      writeFile(context, 'package.json', JSON.stringify({ name: 'x', license: 'Apache-2.0', dependencies }));
    },
    code: 0,
  },
  {
    name: 'pom-unclosed-elements',
    what: 'pom.xml of 500 KB of <dependency> openers never closed',
    setup: (context) => writeFile(context, 'pom.xml', `<project>${'<dependency>'.repeat(40_000)}`),
    code: 0,
  },
  {
    name: 'gradle-unclosed-quote',
    what: 'build.gradle with a 500 KB dependency string never closed',
    setup: (context) => writeFile(context, 'build.gradle', `dependencies {\n  implementation("a:b:${'c'.repeat(500_000)}\n}\n`),
    code: 0,
  },
  {
    // /^\s*(\w+).../gm rescanned the rest of a run of line breaks from every line (4 minutes).
    name: 'gradle-blank-lines',
    what: 'build.gradle of one word and 512 KiB of line breaks',
    setup: (context) => writeFile(context, 'build.gradle', `dependencies\n${'\n'.repeat(512 * 1024)}`),
    code: 0,
  },
  {
    name: 'compose-many-services',
    what: 'a 500 KB docker-compose.yml of 25,000 services',
    setup: (context) =>
      writeFile(context, 'docker-compose.yml', `services:\n${Array.from({ length: 25_000 }, (_, index) => `  s${index}:\n    image: i${index}\n`).join('')}`),
    code: 0,
  },
  {
    name: 'license-expression-huge',
    what: 'licence fields of 480 KB ("MIT AND MIT AND …") in package.json, composer.json and Cargo.toml',
    setup: (context) => {
      const expression = `${'MIT AND '.repeat(60_000)}MIT`;
      writeFile(context, 'package.json', JSON.stringify({ name: 'x', license: expression }));
      writeFile(context, 'composer.json', JSON.stringify({ name: 'x/y', license: expression }));
      writeFile(context, 'Cargo.toml', `[package]\nname = "x"\nlicense = "${expression}"\n`);
    },
    code: 1,
    finding: { code: 'license/invalid-expression' },
  },
  // ---------------------------------------------------------------- licence files
  {
    name: 'license-binary',
    what: 'a LICENSE that is a PNG',
    code: 1,
    finding: { code: 'license/file-unreadable', message: /LICENSE was not read: a binary file/ },
  },
  { name: 'license-empty', what: 'an empty LICENSE', code: 1, finding: { code: 'license/file-empty', message: /LICENSE holds no licence text/ } },
  {
    name: 'license-utf16le-bom',
    what: 'the Apache-2.0 LICENSE as UTF-16LE with a byte-order mark',
    setup: (context) => writeFile(context, 'LICENSE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LICENSE_TEXT, 'utf16le')])),
    code: 0,
    finding: { code: 'license/file-identified', message: /LICENSE holds Apache-2\.0 \(exact match/ },
  },
  {
    name: 'license-utf16be-no-bom',
    what: 'the LICENSE as UTF-16BE without a byte-order mark (NUL bytes: binary)',
    setup: (context) => writeFile(context, 'LICENSE', Buffer.from(LICENSE_TEXT, 'utf16le').swap16()),
    code: 1,
    finding: { code: 'license/file-unreadable', message: /binary file/ },
  },
  {
    name: 'license-invalid-utf8',
    what: 'the LICENSE with invalid UTF-8 sequences in the middle',
    setup: (context) =>
      writeFile(
        context,
        'LICENSE',
        Buffer.concat([
          Buffer.from(LICENSE_TEXT.slice(0, 2000)),
          Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xed, 0xa0, 0x80]),
          Buffer.from(LICENSE_TEXT.slice(2000)),
        ]),
      ),
    code: 0,
    finding: { code: 'license/file-differs', message: /Apache-2\.0 with small differences/ },
  },
  {
    name: 'license-50mb',
    what: 'a 50 MB LICENSE (the Apache text, then 50 MB of "x")',
    setup: (context) => writeLargeFile(path.join(context.repo, 'LICENSE'), 50 * MB, LICENSE_TEXT, 'x'),
    code: 0,
    finding: { code: 'license/file-identified', message: /LICENSE holds Apache-2\.0/ },
  },
  {
    name: 'license-trailing-blanks',
    what: 'the Apache LICENSE followed by 50 MB of spaces (512 KiB read)',
    setup: (context) => writeLargeFile(path.join(context.repo, 'LICENSE'), 50 * MB, LICENSE_TEXT, ' '),
    code: 0,
    // The normaliser used to be quadratic in a run of blanks after a URL (minutes for 512 KiB).
    finding: { code: 'license/file-identified' },
  },
  {
    name: 'license-unclosed-brackets',
    what: 'a LICENSE of 512 KB of "[" (an unclosed Markdown link text)',
    setup: (context) => writeFile(context, 'LICENSE', '['.repeat(512 * 1024)),
    code: 0,
    // The Markdown link patterns used to rescan the rest of the line from every "[" (minutes).
    finding: { code: 'license/file-unidentified' },
  },
  {
    name: 'license-unclosed-markup',
    what: 'LICENSE, COPYING and LICENSES/MIT.txt of 512 KiB of "<!--", "<?" and "<head>" (openers never closed)',
    setup: (context) => {
      writeFile(context, 'LICENSE', '<!--'.repeat(128 * 1024));
      writeFile(context, 'COPYING', '<?'.repeat(256 * 1024));
      writeFile(context, 'LICENSES/MIT.txt', '<head>'.repeat(88 * 1024));
    },
    code: 0,
    finding: { code: 'license/file-unidentified' },
  },
  {
    name: 'license-boxed-blanks',
    what: 'a LICENSE line of "*" then 512 KiB of blanks (the boxed-text rule), and "|" then tabs',
    setup: (context) => writeFile(context, 'LICENSE', `${LICENSE_TEXT}\n*${' '.repeat(256 * 1024)}\n|${'\t'.repeat(256 * 1024)}`),
    code: 0,
    finding: { code: 'license/file-identified' },
  },
  {
    // CRAN's stub pattern /…\S.*\s*$/ backtracked over a run of blanks followed by more text.
    name: 'license-cran-stub-blanks',
    what: "a LICENSE that starts like CRAN's two-line stub, then 400 KiB of blanks and a word (all within the read cap)",
    setup: (context) => writeFile(context, 'LICENSE', `YEAR: 2024\nCOPYRIGHT HOLDER: x${' '.repeat(400 * 1024)}\nz`),
    code: 0,
    finding: { code: 'license/file-unidentified' },
  },
  {
    name: 'publiccode-blank-lines',
    what: 'a publiccode.yml with 400,000 blank lines before its licence (the line look-up of the declaration)',
    setup: (context) => writeFile(context, 'publiccode.yml', `publiccodeYmlVersion: "0.2"\n${'\n'.repeat(400_000)}legal:\n  license: Apache-2.0\n`),
    code: 0,
    finding: { code: 'license/file-identified' },
  },
  {
    name: 'license-dots-before-at',
    what: 'a LICENSE of 512 KiB of "." and then "@" (the e-mail pattern)',
    setup: (context) => writeFile(context, 'LICENSE', `${'.'.repeat(512 * 1024)} @`),
    code: 0,
    finding: { code: 'license/file-unidentified' },
  },
  {
    // The LICENSE is the only licence file: unread, it is no evidence, and indicator 2 fails on it.
    name: 'license-symlink-outside',
    what: 'LICENSE is a symbolic link to a file outside the repository',
    setup: (context) => replaceWithLink(context, 'LICENSE', outsideFile(context)),
    code: 1,
    finding: { code: 'license/file-unreadable', message: /symbolic link to a file outside the repository; not followed/ },
    absent: [OUTSIDE_SECRET, 'Somebody Else'],
    check: (result) => {
      const report = JSON.parse(result.stdout) as { findings: Array<{ code: string; status: string; message: string }> };
      expect(report.findings.find((finding) => finding.code === 'license/no-readable-file')).toMatchObject({
        status: 'fail',
        message: expect.stringMatching(/^No licence file of the project could be read \(LICENSE\); dpg\.yaml declares Apache-2\.0\.$/),
      });
    },
  },
  {
    name: 'license-symlink-relative-outside',
    what: 'LICENSE links to ../outside.txt',
    setup: (context) => {
      outsideFile(context);
      replaceWithLink(context, 'LICENSE', '../outside.txt');
    },
    code: 1,
    finding: { code: 'license/file-unreadable', message: /outside the repository/ },
    absent: [OUTSIDE_SECRET],
  },
  {
    name: 'license-symlink-environ',
    what: 'LICENSE links to /proc/self/environ (a token in the environment)',
    env: { GITHUB_TOKEN: ENV_SECRET },
    setup: (context) => replaceWithLink(context, 'LICENSE', '/proc/self/environ'),
    code: 1,
    finding: { code: 'license/file-unreadable', message: /outside the repository/ },
    absent: [ENV_SECRET],
  },
  {
    name: 'license-symlink-loop',
    what: 'LICENSE is a symbolic link to itself',
    setup: (context) => replaceWithLink(context, 'LICENSE', 'LICENSE'),
    code: 1,
    finding: { code: 'license/file-unreadable', message: /points nowhere \(or to itself\)/ },
  },
  {
    name: 'license-symlink-cycle',
    what: 'LICENSE → COPYING → LICENSE',
    setup: (context) => {
      replaceWithLink(context, 'LICENSE', 'COPYING');
      replaceWithLink(context, 'COPYING', 'LICENSE');
    },
    code: 1,
    finding: { code: 'license/file-unreadable', message: /points nowhere/ },
  },
  {
    name: 'license-symlink-dangling',
    what: 'LICENSE links to a file that does not exist',
    setup: (context) => replaceWithLink(context, 'LICENSE', 'no-such-file'),
    code: 1,
    finding: { code: 'license/file-unreadable', message: /points nowhere/ },
  },
  {
    name: 'license-fifo',
    what: 'LICENSE is a FIFO (a reader would block forever)',
    setup: (context) => replaceWithFifo(context, 'LICENSE'),
    code: 1,
    finding: { code: 'license/file-unreadable', message: /not a regular file \(a folder, FIFO or device\)/ },
  },
  {
    name: 'license-symlink-to-fifo',
    what: 'LICENSE links to a FIFO inside the repository',
    setup: (context) => {
      execFileSync('mkfifo', [path.join(context.repo, 'pipe')]);
      replaceWithLink(context, 'LICENSE', 'pipe');
    },
    code: 1,
    finding: { code: 'license/file-unreadable', message: /FIFO/ },
  },
  {
    name: 'license-symlink-to-device',
    what: 'LICENSE links to /dev/zero',
    setup: (context) => replaceWithLink(context, 'LICENSE', '/dev/zero'),
    code: 1,
    finding: { code: 'license/file-unreadable', message: /outside the repository/ },
  },
  {
    name: 'license-is-a-folder',
    what: 'LICENSE is a folder',
    setup: (context) => {
      rmSync(path.join(context.repo, 'LICENSE'));
      writeFile(context, 'LICENSE/README', 'not here');
    },
    code: 1,
    finding: { code: 'license/file-missing' },
  },
  {
    name: 'license-unreadable',
    what: 'LICENSE without read permission (run as nobody)',
    asNobody: true,
    setup: (context) => chmodSync(path.join(context.repo, 'LICENSE'), 0o000),
    // A read that failed proves nothing about the file: a warning, not a failing indicator 2.
    code: 0,
    finding: { code: 'license/file-unreadable', message: /LICENSE was not read: permission denied/ },
  },
  // ---------------------------------------------------------------- READMEs
  {
    name: 'readme-binary',
    what: 'a README.md holding NUL bytes',
    code: 1,
    finding: { code: 'docs/readme-unreadable', message: /README\.md could not be read as text: a binary file/ },
  },
  { name: 'readme-empty', what: 'an empty README.md', code: 1, finding: { code: 'docs/readme-too-short', message: /0 of the 150 words/ } },
  {
    name: 'readme-utf16be-bom',
    what: 'the README as UTF-16BE with a byte-order mark',
    setup: (context) => writeFile(context, 'README.md', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(README_TEXT, 'utf16le').swap16()])),
    code: 0,
    finding: { code: 'docs/readme-ok' },
  },
  {
    name: 'readme-invalid-utf8',
    what: 'the README with invalid UTF-8 sequences',
    setup: (context) =>
      writeFile(
        context,
        'README.md',
        Buffer.concat([
          Buffer.from(README_TEXT.slice(0, 500)),
          Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xbf, 0xf8, 0x88, 0x80, 0x80, 0x80]),
          Buffer.from(README_TEXT.slice(500)),
        ]),
      ),
    code: 0,
    finding: { code: 'docs/readme-ok' },
  },
  {
    name: 'readme-50mb',
    what: 'a 50 MB README.md (the real one, then 50 MB of words)',
    setup: (context) => writeLargeFile(path.join(context.repo, 'README.md'), 50 * MB, README_TEXT, 'word '),
    code: 0,
    finding: { code: 'docs/readme-ok' },
  },
  {
    name: 'readme-heading-of-blanks',
    what: 'a README line "# a", 512 KB of spaces, "b" (cubic in the old heading pattern)',
    setup: (context) => writeFile(context, 'README.md', `# a${' '.repeat(512 * 1024)}b\n`),
    code: 1,
    finding: { code: 'docs/readme-too-short' },
  },
  {
    name: 'readme-unclosed-markup',
    what: 'a README of 512 KB of "<!--", "![a](" and "<a" never closed (quadratic in the old patterns)',
    setup: (context) => writeFile(context, 'README.md', `${'<!--'.repeat(45_000)}\n${'![a]('.repeat(35_000)}\n${'<a'.repeat(90_000)}\n`),
    // Nothing is closed, so nothing is removed: the "a"s count as words (but there is no section).
    code: 0,
    finding: { code: 'docs/run-instructions-elsewhere' },
  },
  {
    name: 'readme-symlink-passwd',
    what: 'README.md links to /etc/passwd',
    setup: (context) => replaceWithLink(context, 'README.md', '/etc/passwd'),
    code: 1,
    finding: { code: 'docs/readme-unreadable', message: /outside the repository; not followed/ },
    absent: ['root:x:0:0'],
  },
  {
    name: 'readme-fifo',
    what: 'README.md is a FIFO',
    setup: (context) => replaceWithFifo(context, 'README.md'),
    code: 1,
    finding: { code: 'docs/readme-unreadable', message: /FIFO/ },
  },
  {
    name: 'readme-unreadable',
    what: 'README.md without read permission (run as nobody)',
    asNobody: true,
    setup: (context) => chmodSync(path.join(context.repo, 'README.md'), 0o000),
    code: 1,
    finding: { code: 'docs/readme-unreadable', message: /permission denied/ },
  },
  // ---------------------------------------------------------------- other special files
  {
    name: 'manifest-fifo',
    what: 'dpg.yaml is a FIFO',
    setup: (context) => replaceWithFifo(context, 'dpg.yaml'),
    code: 1,
    finding: { code: 'manifest/unreadable', message: /not a regular file/ },
  },
  {
    name: 'manifest-symlink-outside',
    what: 'dpg.yaml links outside the repository',
    setup: (context) => replaceWithLink(context, 'dpg.yaml', outsideFile(context)),
    code: 1,
    finding: { code: 'manifest/unreadable', message: /outside the repository/ },
    absent: [OUTSIDE_SECRET],
  },
  {
    name: 'manifest-unreadable',
    what: 'dpg.yaml without read permission (run as nobody)',
    asNobody: true,
    setup: (context) => chmodSync(path.join(context.repo, 'dpg.yaml'), 0o000),
    code: 1,
    finding: { code: 'manifest/unreadable', message: /permission denied/ },
  },
  { name: 'package-json-fifo', what: 'package.json is a FIFO', setup: (context) => replaceWithFifo(context, 'package.json'), code: 0 },
  {
    name: 'gitignore-fifo',
    what: '.gitignore files that are FIFOs, at the root and in a folder',
    setup: (context) => {
      execFileSync('mkfifo', [path.join(context.repo, '.gitignore')]);
      execFileSync('mkfifo', [path.join(context.repo, 'docs/.gitignore')]);
    },
    code: 0,
  },
  {
    name: 'gitignore-symlink-outside',
    what: '.gitignore links to a file outside the repository',
    setup: (context) => symlinkSync(outsideFile(context), path.join(context.repo, '.gitignore')),
    code: 0,
    absent: [OUTSIDE_SECRET],
  },
  {
    name: 'folder-symlink-outside',
    what: 'docs/ is a symbolic link to /etc',
    setup: (context) => replaceWithLink(context, 'docs', '/etc'),
    code: 0,
    absent: ['root:x:0:0', 'docs/passwd'],
  },
  {
    name: 'folder-symlink-loops',
    what: 'links to ".", ".." and to each other among the folders',
    setup: (context) => {
      symlinkSync('.', path.join(context.repo, 'self'));
      symlinkSync('..', path.join(context.repo, 'docs/up'));
      symlinkSync('../src', path.join(context.repo, 'test/src-again'));
    },
    code: 0,
  },
  {
    name: 'folder-unreadable',
    what: 'docs/ and .github/ without permissions (run as nobody)',
    asNobody: true,
    setup: (context) => {
      chmodSync(path.join(context.repo, 'docs'), 0o000);
      chmodSync(path.join(context.repo, '.github'), 0o000);
    },
    code: 1,
  },
  {
    name: 'repository-unreadable',
    what: 'the repository folder itself without permissions (run as nobody)',
    asNobody: true,
    setup: (context) => chmodSync(context.repo, 0o000),
    code: 2,
    stderr: /^dpg-check: Target cannot be read: .*\(permission denied\)\n/,
  },
  // ---------------------------------------------------------------- trees and names
  {
    name: 'deep-tree',
    what: '300 nested folders with a LICENSE and a package.json at the bottom',
    setup: (context) => {
      const deep = path.join(context.repo, ...Array.from({ length: 300 }, () => 'd'));
      mkdirSync(deep, { recursive: true });
      writeFileSync(path.join(deep, 'LICENSE'), 'GPL');
      writeFileSync(path.join(deep, 'package.json'), '{');
    },
    code: 0,
  },
  {
    name: 'deep-tree-git',
    what: 'the same deep tree in a git work tree (listed by git ls-files)',
    setup: (context) => {
      const deep = path.join(context.repo, ...Array.from({ length: 300 }, () => 'd'));
      mkdirSync(deep, { recursive: true });
      writeFileSync(path.join(deep, 'LICENSE'), 'GPL');
      gitInit(context.repo);
    },
    code: 0,
  },
  {
    name: 'wide-tree',
    what: '20,000 empty files in one folder',
    setup: (context) => {
      mkdirSync(path.join(context.repo, 'many'));
      for (let index = 0; index < 20_000; index++) writeFileSync(path.join(context.repo, 'many', `f${index}.js`), '');
    },
    code: 0,
  },
  {
    name: 'odd-names',
    what: 'file names with newlines, tabs, RTL override, shell syntax, options and non-Latin scripts',
    setup: (context) => {
      for (const name of [
        'a\nb.md',
        'LICENSE\n',
        'README.md\nREADME.md',
        'x\ty',
        '\u202eLICENSE',
        ' LICENSE',
        '-rf',
        '--help',
        '$(touch marker)',
        '`id`',
        'дпг.yaml',
        'ライセンス',
        '许可证.txt',
        'رخصة.md',
        'COPYING\r',
        'LICENSE-\u001b[2J',
      ]) {
        writeFileSync(path.join(context.repo, name), `Copyright 2024 ${JSON.stringify(name)}\n`);
      }
      mkdirSync(path.join(context.repo, 'docs\nevil'));
      writeFileSync(path.join(context.repo, 'docs\nevil', 'README.md'), 'x');
    },
    code: 0,
    check: (_result, context) => expect(existsSync(path.join(context.repo, 'marker'))).toBe(false),
  },
  {
    name: 'odd-names-git',
    what: 'the same names in a git work tree (git ls-files -z)',
    setup: (context) => {
      for (const name of [
        'a\nb.md',
        'README.md\nREADME.md',
        'x\ty',
        '\u202eLICENSE',
        '$(touch marker)',
        'дпг.yaml',
        'ライセンス',
        '许可证.txt',
        'LICENSE-\u001b[2J',
      ])
        writeFileSync(path.join(context.repo, name), 'Copyright 2024 x\n');
      gitInit(context.repo);
    },
    code: 0,
  },
  {
    name: 'git-config-commands',
    what: 'a work tree whose .git/config names commands (fsmonitor, pager, filters, sshCommand, askPass, credential helper) and a hook',
    setup: (context) => {
      gitInit(context.repo);
      const commands: Record<string, string> = {
        'core.fsmonitor': 'fsmonitor',
        'core.pager': 'pager',
        'filter.x.clean': 'clean',
        'filter.x.smudge': 'smudge',
        'filter.x.process': 'process',
        'core.sshCommand': 'ssh',
        'diff.external': 'diff',
        'core.askPass': 'askpass',
        'credential.helper': 'credential',
        'core.editor': 'editor',
        'gpg.program': 'gpg',
      };
      for (const [key, name] of Object.entries(commands))
        execFileSync('git', ['-C', context.repo, 'config', key, `${key === 'credential.helper' ? '!' : ''}touch ${context.marker}-${name}`]);
      writeFile(context, '.gitattributes', '* filter=x diff=x\n');
      writeFile(context, '.git/hooks/post-index-change', `#!/bin/sh\ntouch ${context.marker}-hook\n`);
      chmodSync(path.join(context.repo, '.git/hooks/post-index-change'), 0o755);
    },
    code: 0,
    check: (_result, context) => expect(readdirSync(context.dir).filter((name) => name.startsWith('MARKER'))).toEqual([]),
  },
  { name: 'empty-repository', what: 'an empty folder', base: 'empty', code: 1, finding: { code: 'license/none-found' } },
  {
    name: 'empty-git-repository',
    what: 'a git repository without a file',
    base: 'empty',
    setup: (context) => gitInit(context.repo),
    code: 1,
    finding: { code: 'docs/readme-missing' },
  },
  // ---------------------------------------------------------------- targets and options
  {
    name: 'target-missing',
    what: 'a folder that does not exist',
    args: (context) => ['check', path.join(context.dir, 'nope')],
    code: 2,
    stderr: /^dpg-check: Target not found: /,
    noGit: true,
  },
  {
    name: 'target-fifo',
    what: 'a FIFO as the target',
    setup: (context) => execFileSync('mkfifo', [path.join(context.dir, 'fifo')]),
    args: (context) => ['check', path.join(context.dir, 'fifo')],
    code: 2,
    stderr: /^dpg-check: Target is not a folder: /,
    noGit: true,
  },
  {
    name: 'target-device',
    what: '/dev/zero as the target',
    args: () => ['check', '/dev/zero'],
    code: 2,
    stderr: /^dpg-check: Target is not a folder: \/dev\/zero/,
    noGit: true,
  },
  {
    name: 'manifest-option-fifo',
    what: '--manifest naming a FIFO',
    setup: (context) => execFileSync('mkfifo', [path.join(context.dir, 'fifo.yaml')]),
    args: (context) => ['check', context.repo, '--manifest', path.join(context.dir, 'fifo.yaml')],
    code: 2,
    stderr: /^dpg-check: Manifest is not a file: /,
  },
  {
    name: 'manifest-option-device',
    what: '--manifest /dev/zero',
    args: (context) => ['check', context.repo, '--manifest', '/dev/zero'],
    code: 2,
    stderr: /^dpg-check: Manifest is not a file: \/dev\/zero/,
  },
  {
    name: 'git-ext-helper',
    what: 'the git transport helper ext::sh -c touch% MARKER',
    args: (context) => ['check', `ext::sh -c touch% ${context.marker}`],
    code: 2,
    stderr: /^dpg-check: Refusing the git transport helper in ext::sh/,
    noGit: true,
    check: noShellInjection,
  },
  {
    name: 'git-ext-helper-quoted',
    what: 'ext::sh -c "touch MARKER"',
    args: (context) => ['check', `ext::sh -c "touch ${context.marker}"`],
    code: 2,
    stderr: /^dpg-check: Refusing the git transport helper/,
    noGit: true,
    check: noShellInjection,
  },
  {
    name: 'git-fd-helper',
    what: 'the git transport helper fd::3',
    args: () => ['check', 'fd::3'],
    code: 2,
    stderr: /Refusing the git transport helper in fd::3/,
    noGit: true,
  },
  {
    name: 'target-dash-after-separator',
    what: 'a target starting with "-" after --',
    args: (context) => ['check', '--', `-uext::sh -c touch% ${context.marker}`],
    code: 2,
    stderr: /^dpg-check: Refusing a target that starts with "-"/,
    noGit: true,
    check: noShellInjection,
  },
  {
    name: 'target-option-like',
    what: '--upload-pack=touch MARKER as the target',
    args: (context) => ['check', `--upload-pack=touch ${context.marker}`],
    code: 2,
    stderr: /unknown option '--upload-pack=touch/,
    noGit: true,
    check: noShellInjection,
  },
  {
    name: 'git-ssh-host-option',
    what: 'ssh://-oProxyCommand=touch MARKER/repo',
    args: (context) => ['check', `ssh://-oProxyCommand=touch%20${encodeURIComponent(context.marker)}/repo`],
    code: 2,
    stderr: /^dpg-check: Refusing a git URL whose host or user name starts with "-"/,
    noGit: true,
    check: noShellInjection,
  },
  {
    name: 'git-scp-host-option',
    what: 'git@-oProxyCommand:repo (scp syntax, a host that reads as an option)',
    args: () => ['check', 'git@-oProxyCommand:repo'],
    code: 2,
    stderr: /^dpg-check: Refusing a git URL whose host or user name starts with "-"/,
    noGit: true,
  },
  {
    name: 'git-scp-host-option-value',
    what: 'git@-oProxyCommand=touch MARKER:repo (not even a git URL: a missing folder)',
    args: (context) => ['check', `git@-oProxyCommand=touch ${context.marker}:repo`],
    code: 2,
    stderr: /^dpg-check: Target not found: /,
    noGit: true,
    check: noShellInjection,
  },
  {
    name: 'git-scp-path-option',
    what: 'host:-path (scp syntax, a path that reads as an option)',
    args: (context) => ['check', `host.invalid:--upload-pack=touch ${context.marker}`],
    code: 2,
    stderr: /Refusing a git URL whose path starts with "-"/,
    noGit: true,
    check: noShellInjection,
  },
  {
    name: 'shell-command-substitution',
    what: 'the target $(touch MARKER)',
    args: (context) => ['check', `$(touch ${context.marker})`],
    code: 2,
    stderr: /^dpg-check: Target not found: \$\(touch /,
    noGit: true,
    check: noShellInjection,
  },
  {
    name: 'shell-semicolon',
    what: 'the target "; touch MARKER"',
    args: (context) => ['check', `; touch ${context.marker}`],
    code: 2,
    stderr: /^dpg-check: Target not found: ; touch /,
    noGit: true,
    check: noShellInjection,
  },
  {
    name: 'shell-backticks',
    what: 'the target `touch MARKER`',
    args: (context) => ['check', `\`touch ${context.marker}\``],
    code: 2,
    stderr: /^dpg-check: Target not found: `touch /,
    noGit: true,
    check: noShellInjection,
  },
  {
    name: 'shell-pipe-and',
    what: 'the target "x && touch MARKER | sh"',
    args: (context) => ['check', `x && touch ${context.marker} | sh`],
    code: 2,
    stderr: /^dpg-check: Target not found: /,
    noGit: true,
    check: noShellInjection,
  },
  {
    name: 'shell-in-git-url',
    what: 'file:///nonexistent/$(touch MARKER);touch MARKER — reaches git as one argument, after --',
    args: (context) => ['check', `file:///nonexistent-dpg/$(touch ${context.marker});touch ${context.marker}`, '--timeout', '10'],
    code: 3,
    stderr: /^dpg-check: git could not find a repository at file:\/\/\/nonexistent-dpg\//,
    check: (result, context) => {
      noShellInjection(result, context);
      const clone = context.git.calls().find((call) => call.includes('clone'));
      expect(clone).toBeDefined();
      const url = `file:///nonexistent-dpg/$(touch ${context.marker});touch ${context.marker}`;
      expect(clone?.[(clone?.indexOf('--') ?? -2) + 1]).toBe(url);
    },
  },
  {
    name: 'shell-in-github-ref',
    what: 'https://github.com/o/r/tree/$(touch MARKER)',
    args: (context) => ['check', `https://github.com/o/r/tree/$(touch ${context.marker})`],
    code: 2,
    stderr: /Not a valid branch, tag or commit name/,
    noGit: true,
    check: noShellInjection,
  },
  {
    name: 'github-target-injection',
    what: 'github:owner/repo;touch MARKER',
    args: (context) => ['check', `github:owner/repo;touch ${context.marker}`],
    code: 2,
    stderr: /^dpg-check: Not a GitHub repository/,
    noGit: true,
    check: noShellInjection,
  },
  {
    name: 'target-control-characters',
    what: 'a target holding an escape sequence',
    args: () => ['check', 'repo\u001b[2J'],
    code: 2,
    stderr: /^dpg-check: The target contains control characters\./,
    noGit: true,
  },
  {
    name: 'unsupported-scheme',
    what: 'ftp:// as a git URL',
    args: () => ['check', 'ftp://127.0.0.1/x.git'],
    code: 2,
    stderr: /Unsupported URL scheme "ftp"/,
    noGit: true,
  },
  {
    name: 'bad-max-file-bytes',
    what: '--max-file-bytes -1',
    args: (context) => ['check', context.repo, '--max-file-bytes', '-1'],
    code: 2,
    stderr: /expected a positive whole number/,
  },
  {
    name: 'bad-timeout',
    what: '--timeout 1e999 (infinite)',
    args: (context) => ['check', context.repo, '--timeout', '1e999'],
    code: 2,
    stderr: /expected a positive number of seconds/,
  },
  {
    name: 'huge-timeout',
    what: '--timeout 3000000 (35 days) on a file:// clone',
    setup: (context) => {
      gitInit(context.repo);
      execFileSync('git', ['-C', context.repo, '-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'x']);
      execFileSync('git', ['clone', '-q', '--bare', context.repo, path.join(context.dir, 'bare.git')]);
    },
    args: (context) => ['check', `file://${path.join(context.dir, 'bare.git')}`, '--timeout', '3000000', '--format', 'json'],
    code: 2,
    stderr: /at most 86400 seconds/,
  },
  {
    name: 'stdout-closed-early',
    what: 'an 80 KB HTML report written to a pipe whose reader has gone (dpg-check … | head -c 10)',
    setup: (context) => {
      for (let index = 0; index < 50; index++)
        writeFile(context, `LICENSE-${index}${'x'.repeat(150)}`, `Some custom licence text number ${index} ${'words '.repeat(50)}`);
    },
    args: (context) => ['check', context.repo, '--format', 'html'],
    closeStdoutEarly: true,
    code: 0,
  },
  {
    name: 'debug-shows-stack',
    what: '--debug on a usage error prints the stack (and only then)',
    args: (context) => ['check', path.join(context.dir, 'nope'), '--debug'],
    code: 2,
    stderr: /^dpg-check: Target not found: [^\n]*\n[\s\S]*\n {4}at /,
  },
];

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) remove(folder);
});

/** How long a case may take before it is killed; a known-slow bug case is cut just past the limit. */
const KILL_AFTER_MS = 15_000;
const KILL_BUG_AFTER_MS = LIMIT_MS + 1_000;
/** HOSTILE_BUGS=show runs the bug cases as ordinary tests, to see how each one fails. */
const SHOW_BUGS = process.env.HOSTILE_BUGS === 'show';

async function runCase(entry: Case): Promise<void> {
  const dir = scratch(entry.name);
  folders.push(dir);
  const context: Context = { dir, repo: path.join(dir, 'repo'), marker: path.join(dir, 'MARKER'), git: recordingGit(dir) };
  const outputs = path.join(dir, 'out');
  mkdirSync(outputs);
  chmodSync(outputs, 0o777);
  repositoryFrom(entry.base ?? 'complete-software', context.repo);
  const overlay = path.join(BAD_INPUTS, entry.name);
  if (existsSync(overlay)) cpSync(overlay, context.repo, { recursive: true });
  for (const file of entry.remove ?? []) rmSync(path.join(context.repo, file), { force: true });
  entry.setup?.(context);

  const args = entry.args ? entry.args(context) : ['check', context.repo, ...allFormatArgs(outputs)];
  // The recording git cannot write its log as nobody; those runs use the real one.
  const result = await runDpg(args, {
    env: cleanEnv(entry.env ?? {}, entry.asNobody ? undefined : context.git.bin),
    killAfterMs: entry.bug ? KILL_BUG_AFTER_MS : KILL_AFTER_MS,
    cwd: dir,
    ...(entry.asNobody ? { asNobody: true } : {}),
    // Closed at once: a reader that reads a few bytes and quits (head -c 10) does the same, only later.
    ...(entry.closeStdoutEarly ? { onSpawn: (child) => child.stdout?.destroy() } : {}),
  });
  const written = readOutputs(outputs);

  expect(result.timedOut, `killed after ${entry.bug ? KILL_BUG_AFTER_MS : KILL_AFTER_MS} ms`).toBe(false);
  expect(result.ms).toBeLessThan(LIMIT_MS);
  // No stack trace, unless --debug asked for one.
  if (!args.includes('--debug')) expect(result.stderr).not.toContain(STACK_FRAME);
  expect(result.stderr).not.toMatch(/node:internal|\(node:\d+\) \w*Warning/);
  expect({ code: result.code, stderr: result.stderr.slice(0, 500) }).toMatchObject({ code: entry.code });

  if (entry.closeStdoutEarly) {
    expect(result.stderr).toBe('');
  } else if (entry.code === 0 || entry.code === 1) {
    const report = JSON.parse(result.stdout);
    expect(report.verdict).toBe(entry.code === 0 ? 'ready' : 'not-ready');
    if (entry.stderr) expect(result.stderr).toMatch(entry.stderr);
    else expect(result.stderr).toBe('');
    if (!entry.args) for (const format of FILE_FORMATS) expect(written[format], `report.${format}`).toBeTruthy();
    if (entry.finding) {
      const { code, message } = entry.finding;
      const matching = report.findings.filter(
        (finding: { code: string; message: string }) => finding.code === code && (message === undefined || message.test(finding.message)),
      );
      expect(
        matching.length,
        `a ${code} finding${message ? ` matching ${message}` : ''} in ${JSON.stringify(report.findings.map((finding: { code: string; message: string }) => `${finding.code}: ${finding.message}`))}`,
      ).toBeGreaterThan(0);
    }
    for (const code of entry.noFinding ?? []) expect(report.findings.map((finding: { code: string }) => finding.code)).not.toContain(code);
  } else {
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(entry.stderr ?? /^dpg-check: /);
  }
  for (const text of entry.absent ?? []) {
    for (const [where, output] of Object.entries({ stdout: result.stdout, stderr: result.stderr, ...written }))
      expect(output, `${text} in ${where}`).not.toContain(text);
  }
  if (entry.noGit) expect(context.git.calls()).toEqual([]);
  entry.check?.(result, context, written);
}

describe('the corpus of bad inputs', () => {
  it('has at least 40 cases, each named once (a name may be reused for a second look at one input)', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    const staticFolders = new Set(CASES.map((entry) => entry.name));
    for (const folder of readdirNames(BAD_INPUTS)) expect(staticFolders.has(folder), `fixtures/bad-inputs/${folder} has a case`).toBe(true);
  });

  for (const entry of CASES) {
    const title = `${entry.name}: ${entry.what} → exit ${entry.code}`;
    if (entry.skip) it.skip(`${title} (${entry.skip})`, () => undefined);
    else if (entry.asNobody && !canRunAsNobody)
      it.skip(`${title} (skipped: permissions can only be tested as root, through setpriv, or as a non-root user; neither works here)`, () => undefined);
    else if (entry.bug && !SHOW_BUGS) it.fails(`${title} [BUG: ${entry.bug}]`, () => runCase(entry), 40_000);
    else it(title, () => runCase(entry), 40_000);
  }
});

function readdirNames(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}
