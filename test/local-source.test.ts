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

  it('lists untracked files that are not ignored everywhere in a work tree of ordinary size, deep in tracked folders too', async () => {
    const root = makeTree('untracked-everywhere', {
      'README.md': '# x',
      '.gitignore': 'secret.env\n',
      'dpg.yaml': 'name: x',
      'docs/index.md': '# Docs',
      // Written, not yet added: a manual the manifest may already link to.
      'docs/guide/user-manual.md': '# Manual',
      'secret.env': 'TOKEN=1',
    });
    execFileSync('git', ['init', '-q', root]);
    execFileSync('git', ['-C', root, 'add', 'README.md', '.gitignore', 'dpg.yaml', 'docs/index.md']);
    expect(await (await LocalSource.open(root)).listFiles()).toEqual(['.gitignore', 'README.md', 'docs/guide/user-manual.md', 'docs/index.md', 'dpg.yaml']);
  });

  it('in a large work tree, lists untracked files where they most often matter: the root, an untracked folder, docs/, .github/, LICENSES/', async () => {
    const root = makeTree('untracked-places', {
      'README.md': '# x',
      '.gitignore': 'secret.env\nbuild/\n',
      'src/main.ts': '',
      'docs/index.md': '# Docs',
      // Folders whose names begin like others': each is its own run of the listing.
      'docs-old/notes.md': '# Old',
      'docs-old/untracked.md': '# Not listed',
      '.github/workflows/ci.yml': '',
      '.github/actions/setup/node_modules/x/LICENSE': 'MIT',
      'LICENSES/MIT.txt': 'MIT',
      // Untracked, listed: a root file, a new package, a manual, a community file, a REUSE licence.
      'dpg.yaml': 'name: x',
      'packages/new/LICENSE': 'MIT',
      'docs/user-manual.md': '# Manual',
      '.github/CODE_OF_CONDUCT.md': '# Conduct',
      'LICENSES/Apache-2.0.txt': 'Apache',
      // Untracked, not listed: ignored, or elsewhere in a tracked folder (it counts once it is added).
      'secret.env': 'TOKEN=1',
      'build/out.js': '',
      'src/scratch.ts': '',
    });
    execFileSync('git', ['init', '-q', root]);
    execFileSync('git', [
      '-C',
      root,
      'add',
      'README.md',
      '.gitignore',
      'src/main.ts',
      'docs/index.md',
      'docs-old/notes.md',
      '.github/workflows/ci.yml',
      'LICENSES/MIT.txt',
    ]);
    // "Large" is set low here: the rule is the same at 20,000 tracked files.
    const source = await LocalSource.open(root, { untrackedEverywhereUpTo: 3 });
    expect(await source.listFiles()).toEqual([
      '.github/CODE_OF_CONDUCT.md',
      '.github/workflows/ci.yml',
      '.gitignore',
      'LICENSES/Apache-2.0.txt',
      'LICENSES/MIT.txt',
      'README.md',
      'docs-old/notes.md',
      'docs/index.md',
      'docs/user-manual.md',
      'dpg.yaml',
      'packages/new/LICENSE',
      'src/main.ts',
    ]);
  });

  it('honours every ignore rule of git where nothing is tracked yet (.git/info/exclude too)', async () => {
    const root = makeTree('nothing-tracked-excludes', { 'README.md': '# x', 'LICENSE-old.txt': 'old', 'src/main.ts': '' });
    execFileSync('git', ['init', '-q', root]);
    writeFileSync(path.join(root, '.git', 'info', 'exclude'), 'LICENSE-old.txt\n');
    expect(await (await LocalSource.open(root)).listFiles()).toEqual(['README.md', 'src/main.ts']);
  });

  it('walks the folder when git cannot list the untracked files in time (core.excludesFile is a FIFO)', async () => {
    const root = makeTree('fifo-excludes', { 'README.md': '# x', LICENSE: 'MIT' });
    execFileSync('git', ['init', '-q', root]);
    execFileSync('git', ['-C', root, 'add', 'README.md']);
    const fifo = path.join(workspace, 'excludes-fifo');
    execFileSync('mkfifo', [fifo]);
    execFileSync('git', ['-C', root, 'config', 'core.excludesFile', fifo]);
    const warnings: string[] = [];
    const source = await LocalSource.open(root, { gitTimeoutMs: 1000, warn: (line) => warnings.push(line) });
    expect(await source.listFiles()).toEqual(['LICENSE', 'README.md']);
    expect(warnings.join('\n')).toContain('walked instead');
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
