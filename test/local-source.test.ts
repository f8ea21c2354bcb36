import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSource } from '../src/source/local.js';
import { isFileText } from '../src/source/types.js';

let workspace: string;

beforeAll(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'dpg-local-'));
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

function makeTree(name: string, files: Record<string, string | Buffer>): string {
  const root = path.join(workspace, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

describe('LocalSource.listFiles', () => {
  it('walks a plain folder, honouring nested .gitignore files and skipping node_modules', async () => {
    const root = makeTree('plain', {
      'README.md': '# x',
      '.gitignore': 'build/\n*.log\n',
      'build/out.js': '',
      'debug.log': '',
      'node_modules/left-pad/index.js': '',
      'src/.gitignore': 'generated.ts\n',
      'src/generated.ts': '',
      'src/main.ts': '',
    });
    const source = await LocalSource.open(root);
    expect(await source.listFiles()).toEqual(['.gitignore', 'README.md', 'src/.gitignore', 'src/main.ts']);
  });

  it('uses git ls-files in a work tree, including untracked files that are not ignored', async () => {
    const root = makeTree('repo', { 'README.md': '# x', '.gitignore': 'secret.env\n', 'secret.env': 'TOKEN=1', 'tracked.txt': 'a' });
    execFileSync('git', ['init', '-q', root]);
    execFileSync('git', ['-C', root, 'add', 'README.md', '.gitignore']);
    const source = await LocalSource.open(root);
    expect(await source.listFiles()).toEqual(['.gitignore', 'README.md', 'tracked.txt']);
  });

  it('lists untracked files where they can matter: at the root, in an untracked folder, in .github/, LICENSES/ and .reuse/', async () => {
    const root = makeTree('untracked-places', {
      'README.md': '# x',
      '.gitignore': 'secret.env\nbuild/\n',
      'src/main.ts': '',
      '.github/workflows/ci.yml': '',
      'LICENSES/MIT.txt': 'MIT',
      // Untracked, listed: a root file, a new package, a community file, a REUSE licence.
      'dpg.yaml': 'name: x',
      'packages/new/LICENSE': 'MIT',
      '.github/CODE_OF_CONDUCT.md': '# Conduct',
      'LICENSES/Apache-2.0.txt': 'Apache',
      // Untracked, not listed: ignored, or deep inside a tracked folder (no check reads one before it is committed).
      'secret.env': 'TOKEN=1',
      'build/out.js': '',
      'src/scratch.ts': '',
    });
    execFileSync('git', ['init', '-q', root]);
    execFileSync('git', ['-C', root, 'add', 'README.md', '.gitignore', 'src/main.ts', '.github/workflows/ci.yml', 'LICENSES/MIT.txt']);
    const source = await LocalSource.open(root);
    expect(await source.listFiles()).toEqual([
      '.github/CODE_OF_CONDUCT.md',
      '.github/workflows/ci.yml',
      '.gitignore',
      'LICENSES/Apache-2.0.txt',
      'LICENSES/MIT.txt',
      'README.md',
      'dpg.yaml',
      'packages/new/LICENSE',
      'src/main.ts',
    ]);
  });

  it('walks a work tree where nothing is tracked yet (a project before its first commit)', async () => {
    const root = makeTree('nothing-tracked', { 'README.md': '# x', 'src/main.ts': '', '.gitignore': 'debug.log\n', 'debug.log': '' });
    execFileSync('git', ['init', '-q', root]);
    expect(await (await LocalSource.open(root)).listFiles()).toEqual(['.gitignore', 'README.md', 'src/main.ts']);
  });

  it('refuses a target that does not exist or is a file', async () => {
    await expect(LocalSource.open(path.join(workspace, 'nope'))).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('not found') });
    const file = path.join(makeTree('file', { 'a.txt': 'x' }), 'a.txt');
    await expect(LocalSource.open(file)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('not a folder') });
  });
});

describe('LocalSource.readText', () => {
  it('reads text, strips a BOM and decodes UTF-16', async () => {
    const root = makeTree('text', {
      'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('MIT License')]),
      'utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Apache License', 'utf16le')]),
    });
    const source = await LocalSource.open(root);
    expect(await source.readText('bom.txt', 1000)).toMatchObject({ text: 'MIT License', binary: false, truncated: false });
    expect(await source.readText('utf16.txt', 1000)).toMatchObject({ text: 'Apache License', binary: false });
  });

  it('caps the bytes read and says the file was truncated', async () => {
    const root = makeTree('big', { LICENSE: 'x'.repeat(10_000) });
    const result = await (await LocalSource.open(root)).readText('LICENSE', 100);
    expect(result).toMatchObject({ truncated: true, size: 10_000 });
    expect(isFileText(result) && result.text.length).toBe(100);
  });

  it('flags binary files and never decodes them', async () => {
    const root = makeTree('binary', { 'README.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]) });
    expect(await (await LocalSource.open(root)).readText('README.md', 1000)).toMatchObject({ binary: true, text: '' });
  });

  it('does not follow a symlink out of the repository, but follows one inside it', async () => {
    const outside = makeTree('outside', { 'secret.txt': 'password' });
    const root = makeTree('links', { 'docs/LICENSE.txt': 'MIT License' });
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'LICENSE'));
    symlinkSync('docs/LICENSE.txt', path.join(root, 'COPYING'));
    symlinkSync('loop-b', path.join(root, 'loop-a'));
    symlinkSync('loop-a', path.join(root, 'loop-b'));
    const source = await LocalSource.open(root);
    expect(await source.readText('LICENSE', 1000)).toMatchObject({ reason: 'outside-repository' });
    expect(await source.readText('COPYING', 1000)).toMatchObject({ text: 'MIT License' });
    expect(await source.readText('loop-a', 1000)).toMatchObject({ reason: 'broken-link' });
    expect(await source.readText('../outside/secret.txt', 1000)).toMatchObject({ reason: 'outside-repository' });
  });

  it('does not block on a FIFO', async () => {
    const root = makeTree('fifo', { 'README.md': '# x' });
    expect(spawnSync('mkfifo', [path.join(root, 'LICENSE')]).status).toBe(0);
    expect(await (await LocalSource.open(root)).readText('LICENSE', 1000)).toMatchObject({ reason: 'not-a-file' });
  });

  // root reads everything, so the permission check cannot be exercised as root.
  it.skipIf(process.getuid?.() === 0)('reports a file it may not read', async () => {
    const root = makeTree('perm', { LICENSE: 'MIT' });
    chmodSync(path.join(root, 'LICENSE'), 0o000);
    expect(await (await LocalSource.open(root)).readText('LICENSE', 1000)).toMatchObject({ reason: 'unreadable', detail: 'permission denied' });
  });
});
