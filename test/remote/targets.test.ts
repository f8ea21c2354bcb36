import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseTarget, redactUrl, webOriginOfApi } from '../../src/source/targets.js';

const parse = (target: string, exists = false, githubHosts: string[] = []) => parseTarget(target, { exists: () => exists, githubHosts });

describe('target parsing', () => {
  it('reads paths as local folders, and an existing path always wins', () => {
    expect(parse('.')).toEqual({ kind: 'local', path: '.' });
    expect(parse('path/to/repo')).toEqual({ kind: 'local', path: 'path/to/repo' });
    expect(parse('/abs/repo')).toEqual({ kind: 'local', path: '/abs/repo' });
    expect(parse('C:\\repo')).toEqual({ kind: 'local', path: 'C:\\repo' });
    expect(parse('github:owner/repo', true)).toEqual({ kind: 'local', path: 'github:owner/repo' });
  });

  it('reads the GitHub forms, with @REF or /tree/REF', () => {
    expect(parse('github:octo-org/my.repo')).toEqual({ kind: 'github', owner: 'octo-org', repo: 'my.repo', display: 'github:octo-org/my.repo' });
    expect(parse('github:octo/repo@v1.2.3')).toMatchObject({ kind: 'github', owner: 'octo', repo: 'repo', ref: 'v1.2.3' });
    expect(parse('https://github.com/octo/repo')).toMatchObject({ kind: 'github', owner: 'octo', repo: 'repo' });
    expect(parse('https://github.com/octo/repo/')).toMatchObject({ kind: 'github', repo: 'repo' });
    expect(parse('https://github.com/octo/repo.git')).toMatchObject({ kind: 'github', repo: 'repo' });
    expect(parse('https://www.github.com/octo/repo@main')).toMatchObject({ kind: 'github', ref: 'main' });
    expect(parse('https://github.com/octo/repo/tree/feature/x-1')).toMatchObject({
      kind: 'github',
      owner: 'octo',
      repo: 'repo',
      ref: 'feature/x-1',
      display: 'github:octo/repo@feature/x-1',
    });
    expect(parse('https://ghe.example.com/team/app/tree/main', false, ['ghe.example.com'])).toMatchObject({
      kind: 'github',
      owner: 'team',
      repo: 'app',
      ref: 'main',
    });
    expect(parse('https://ghe.example.com/team/app')).toMatchObject({ kind: 'git', url: 'https://ghe.example.com/team/app' });
  });

  it('refuses malformed GitHub targets with exit code 2', () => {
    for (const target of [
      'github:owner',
      'github:owner/repo/extra',
      'https://github.com/owner/repo/issues',
      'github:-owner/repo',
      'github:owner/repo@',
      'github:owner/repo@a..b',
      'github:owner/repo@x y',
    ]) {
      expect(() => parse(target), target).toThrow(UsageError);
    }
  });

  it('reads any git URL, with an optional @REF', () => {
    expect(parse('https://gitlab.com/group/sub/project.git')).toEqual({
      kind: 'git',
      url: 'https://gitlab.com/group/sub/project.git',
      display: 'https://gitlab.com/group/sub/project.git',
    });
    expect(parse('https://gitlab.com/group/project.git@v2')).toMatchObject({ kind: 'git', url: 'https://gitlab.com/group/project.git', ref: 'v2' });
    expect(parse('ssh://git@codeberg.org/team/app.git')).toMatchObject({ kind: 'git', url: 'ssh://git@codeberg.org/team/app.git' });
    expect(parse('git@github.com:octo/repo.git')).toEqual({ kind: 'git', url: 'git@github.com:octo/repo.git', display: 'git@github.com:octo/repo.git' });
    expect(parse('git@host.example:team/repo.git@release')).toMatchObject({ kind: 'git', url: 'git@host.example:team/repo.git', ref: 'release' });
    expect(parse('file:///srv/git/repo.git')).toMatchObject({ kind: 'git', url: 'file:///srv/git/repo.git' });
    expect(parse('git://example.org/repo.git')).toMatchObject({ kind: 'git' });
  });

  it('removes credentials from what it shows, but keeps them for git', () => {
    const target = parse('https://user:s3cret@gitlab.example/group/app.git');
    expect(target).toMatchObject({ kind: 'git', url: 'https://user:s3cret@gitlab.example/group/app.git', display: 'https://gitlab.example/group/app.git' });
    expect(parse('https://x-access-token:abc@github.com/octo/repo')).toMatchObject({ kind: 'git', display: 'https://github.com/octo/repo' });
    expect(redactUrl('https://host/api?access_token=abc&page=2')).toBe('https://host/api?access_token=REDACTED&page=2');
  });

  it('refuses transport helpers, option-like targets and other schemes', () => {
    for (const target of [
      'ext::sh -c id',
      'fd::7',
      'EXT::x',
      'transport::whatever',
      '-oProxyCommand=id',
      '--upload-pack=id',
      'ftp://host/repo.git',
      'javascript://x',
      'git@host:-oProxy',
      'bad\u0000target',
    ]) {
      expect(() => parse(target), target).toThrow(UsageError);
    }
  });

  it('derives the web host of a GitHub API', () => {
    expect(webOriginOfApi('https://api.github.com')).toEqual({ origin: 'https://github.com', host: 'github.com' });
    expect(webOriginOfApi('https://ghe.example.com/api/v3')).toEqual({ origin: 'https://ghe.example.com', host: 'ghe.example.com' });
    expect(webOriginOfApi('https://api.acme.ghe.com')).toEqual({ origin: 'https://acme.ghe.com', host: 'acme.ghe.com' });
  });
});

describe('the GraphQL query builder', () => {
  it('shares one query between repositories, and defines only the fragments it spreads', async () => {
    const { composeQuery, repositoryFragment, ownerCommunityFragment } = await import('../../src/source/github-query.js');
    const one = composeQuery([repositoryFragment({ alias: 'r0', owner: 'a', name: 'x', revision: 'HEAD', blobs: [] })]);
    expect(one).toContain('fragment DpgCheckCommit');
    expect(one).not.toContain('fragment DpgCheckBlob');
    expect(one).not.toContain('fragment DpgCheckTree');
    const many = composeQuery([
      repositoryFragment({ alias: 'r0', owner: 'a', name: 'x', revision: 'HEAD', blobs: [{ alias: 'b0', oid: 'a'.repeat(40) }] }),
      repositoryFragment({ alias: 'r1', owner: 'b', name: 'y"z', revision: 'v1', blobs: [] }),
      ownerCommunityFragment('g0', 'a'),
    ]);
    expect(many).toContain('r1: repository(owner: "b", name: "y\\"z")');
    for (const name of ['DpgCheckCommit', 'DpgCheckBlob', 'DpgCheckTree']) expect(many.match(new RegExp(`fragment ${name} `, 'g'))).toHaveLength(1);
    expect(() => repositoryFragment({ alias: 'r0', owner: 'a', name: 'x', revision: 'HEAD', blobs: [{ alias: 'b0', oid: 'not-hex' }] })).toThrow();
    expect(() => ownerCommunityFragment('bad alias', 'a')).toThrow();
  });
});
