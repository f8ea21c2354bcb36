/**
 * What is bounded, and by how much (docs/security.md states the same figures):
 * - bytes read per file: `--max-file-bytes` (512 KiB by default), whatever the file's size;
 * - files read per repository: the read plan (a few dozen), whatever the repository holds;
 * - files listed per repository: MAX_LISTED_FILES (250,000), the ones nearest the root;
 * - memory: a repository of huge files is checked within a 96 MB V8 heap;
 * - time: every network request and git command (`--timeout`), see faults.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gatherFacts } from '../../src/facts/gather.js';
import { planReads } from '../../src/facts/read-plan.js';
import { identifyLicenseText } from '../../src/licenses/text/identify.js';
import { LocalSource, MAX_LISTED_FILES } from '../../src/source/local.js';
import { isFileText, type FileReadProblem, type FileText, type RepositorySource } from '../../src/source/types.js';
import { COMPLETE, remove, repositoryFrom, runDpg, scratch, STACK_FRAME, writeLargeFile } from './support.js';

const MB = 1024 * 1024;
const folders: string[] = [];
afterAll(() => folders.forEach(remove));
function workspace(name: string): string {
  const folder = scratch(name);
  folders.push(folder);
  return folder;
}

/** A source that records every read: which file, with what cap, and what came back. */
function recording(source: RepositorySource): { source: RepositorySource; reads: Array<{ path: string; maxBytes: number; bytes: number }> } {
  const reads: Array<{ path: string; maxBytes: number; bytes: number }> = [];
  return {
    reads,
    source: {
      description: source.description,
      listFiles: () => source.listFiles(),
      dispose: () => source.dispose(),
      async readText(file: string, maxBytes: number): Promise<FileText | FileReadProblem> {
        const result = await source.readText(file, maxBytes);
        reads.push({ path: file, maxBytes, bytes: isFileText(result) ? Buffer.byteLength(result.text) : 0 });
        return result;
      },
    },
  };
}

describe('bytes read per file', () => {
  it('no read asks for more than --max-file-bytes (or the manifest and policy caps), and none returns more', async () => {
    const root = repositoryFrom('complete-software', path.join(workspace('bytes'), 'repo'));
    writeLargeFile(path.join(root, 'LICENSE'), 20 * MB, readFileText(path.join(COMPLETE, 'LICENSE')), 'x');
    writeLargeFile(path.join(root, 'README.md'), 20 * MB, readFileText(path.join(COMPLETE, 'README.md')), 'word ');
    writeLargeFile(path.join(root, 'NOTICE'), 20 * MB, 'Copyright 2024 Open Health Commons Foundation\n', ' ');
    const cap = 64 * 1024;
    const { source, reads } = recording(await LocalSource.open(root));
    await gatherFacts(source, { maxFileBytes: cap, identifyLicenseText });
    expect(reads.length).toBeGreaterThan(5);
    for (const read of reads) {
      // The manifest (1 MiB) and the policy (256 KiB) have caps of their own, one byte over to detect "too large".
      const allowed = read.path === 'dpg.yaml' ? 1024 * 1024 + 1 : read.path === '.dpg-check.yaml' ? 256 * 1024 + 1 : cap;
      expect(read.maxBytes, read.path).toBeLessThanOrEqual(allowed);
      // Decoding may turn one invalid byte into a 3-byte replacement character; never more than that.
      expect(read.bytes, read.path).toBeLessThanOrEqual(allowed * 3);
    }
    const total = reads.reduce((sum, read) => sum + read.bytes, 0);
    expect(total).toBeLessThan(reads.length * cap + 2 * MB);
  });
});

describe('files read per repository', () => {
  const bound = 200;

  it('a listing of 10,000 source files and 10,000 nested package.json files plans a bounded number of reads', () => {
    const files = [
      ...Array.from({ length: 10_000 }, (_, index) => `src/module${index}/index.js`),
      ...Array.from({ length: 10_000 }, (_, index) => `packages/p${index}/package.json`),
      ...Array.from({ length: 1_000 }, (_, index) => `packages/p${index}/LICENSE`),
      'LICENSE',
      'README.md',
    ].sort();
    const plan = planReads(files);
    expect(plan.wholeFiles.length).toBeLessThanOrEqual(bound);
    expect(plan.headerSample.length).toBeLessThanOrEqual(24);
  });

  // Root files named NOTICE.*, AUTHORS.*, COPYRIGHT.* and *.gemspec, *.csproj, *.nuspec were all read,
  // each up to --max-file-bytes (400 NOTICE.N files of 500 KB raised the peak RSS from 80 to 340 MB).
  it('10,000 root NOTICE.N and N.gemspec files plan a bounded number of reads', () => {
    const files = [
      ...Array.from({ length: 10_000 }, (_, index) => `NOTICE.${index}`),
      ...Array.from({ length: 10_000 }, (_, index) => `gem${index}.gemspec`),
      'LICENSE',
      'README.md',
    ].sort();
    expect(planReads(files).wholeFiles.length).toBeLessThanOrEqual(bound);
  });
});

describe('files listed per repository', () => {
  it(`the cap is ${MAX_LISTED_FILES.toLocaleString('en')} files`, () => {
    expect(MAX_LISTED_FILES).toBe(250_000);
  });

  function tree(name: string): string {
    const root = path.join(workspace(name), 'repo');
    for (let index = 0; index < 60; index++) {
      mkdirSync(path.join(root, `a${index}`, 'deeper'), { recursive: true });
      writeFileSync(path.join(root, `a${index}`, 'deeper', 'deep.txt'), '');
      writeFileSync(path.join(root, `a${index}`, 'mid.txt'), '');
    }
    for (const file of ['LICENSE', 'README.md', 'dpg.yaml', 'package.json', 'zzz-root.txt']) writeFileSync(path.join(root, file), 'x');
    return root;
  }

  it('a walk stops at the cap, keeps the files nearest the root, and says so once', async () => {
    const warnings: string[] = [];
    const source = await LocalSource.open(tree('walk-cap'), { maxFiles: 50, warn: (line) => warnings.push(line) });
    const files = await source.listFiles();
    expect(files).toHaveLength(50);
    for (const file of ['LICENSE', 'README.md', 'dpg.yaml', 'package.json', 'zzz-root.txt']) expect(files).toContain(file);
    expect(files.some((file) => file.endsWith('deep.txt'))).toBe(false);
    expect(files).toEqual([...files].sort());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/has more than 50 files \(or folders\); only the 50 files nearest the root were listed/);
  });

  it('git ls-files is cut the same way: the nearest files first', async () => {
    const root = tree('git-cap');
    execFileSync('git', ['init', '-q', root]);
    const warnings: string[] = [];
    const source = await LocalSource.open(root, { maxFiles: 70, warn: (line) => warnings.push(line) });
    const files = await source.listFiles();
    expect(files).toHaveLength(70);
    expect(files.filter((file) => !file.includes('/'))).toHaveLength(5);
    expect(files.filter((file) => file.split('/').length === 2)).toHaveLength(60);
    expect(warnings).toHaveLength(1);
  });

  it('a tree of exactly the cap is listed whole, without a warning', async () => {
    const warnings: string[] = [];
    const source = await LocalSource.open(tree('exact'), { maxFiles: 125, warn: (line) => warnings.push(line) });
    expect(await source.listFiles()).toHaveLength(125);
    expect(warnings).toEqual([]);
  });

  it('a tree of folders without files stops at the cap of folders', async () => {
    const root = path.join(workspace('folders'), 'repo');
    for (let index = 0; index < 300; index++) mkdirSync(path.join(root, `d${index}`, 'e'), { recursive: true });
    const warnings: string[] = [];
    const source = await LocalSource.open(root, { maxFiles: 100, warn: (line) => warnings.push(line) });
    expect(await source.listFiles()).toEqual([]);
    expect(warnings).toHaveLength(1);
  });
});

describe('memory', () => {
  it('50 MB LICENSE and README, a 10 MB manifest and 200 files of 1 MB are checked within a 96 MB heap', async () => {
    const root = repositoryFrom('complete-software', path.join(workspace('memory'), 'repo'));
    writeLargeFile(path.join(root, 'LICENSE'), 50 * MB, readFileText(path.join(COMPLETE, 'LICENSE')), 'x');
    writeLargeFile(path.join(root, 'README.md'), 50 * MB, readFileText(path.join(COMPLETE, 'README.md')), 'word ');
    writeLargeFile(path.join(root, 'dpg.yaml'), 10 * MB, 'name: x\n#', 'a');
    mkdirSync(path.join(root, 'src/big'), { recursive: true });
    const megabyte = Buffer.alloc(MB, 'const x = 1;\n');
    for (let index = 0; index < 200; index++) writeFileSync(path.join(root, 'src/big', `f${index}.js`), megabyte);
    const result = await runDpg(['check', root, '--format', 'json'], { nodeArgs: ['--max-old-space-size=96'], killAfterMs: 60_000 });
    expect(result.stderr).not.toContain(STACK_FRAME);
    expect(result.stderr).toBe('');
    // Not ready only because the manifest is over its cap, and so was not read.
    expect(result.code).toBe(1);
    expect(
      JSON.parse(result.stdout)
        .findings.filter((finding: { status: string }) => finding.status === 'fail')
        .map((finding: { code: string }) => finding.code),
    ).toContain('manifest/unreadable');
    expect(result.ms).toBeLessThan(10_000);
  }, 90_000);
});

function readFileText(file: string): string {
  return readFileSync(file, 'utf8');
}
