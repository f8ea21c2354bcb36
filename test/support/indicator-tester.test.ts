import { describe, expect, it } from 'vitest';
import { licenseIndicator } from '../../src/indicators/i2-license.js';
import { isFileText } from '../../src/source/types.js';
import { licenseText, MemorySource, runCase } from './indicator-tester.js';

/** The tester is only worth its cases if it fails them when it should, and says why. */
describe('MemorySource: the read contract of a local source, in memory', () => {
  it('lists sorted paths and reads text capped at maxBytes, with the full size', async () => {
    const source = new MemorySource({ 'b.md': 'bbb', 'a/notes.txt': 'héllo wörld' });
    expect(await source.listFiles()).toEqual(['a/notes.txt', 'b.md']);
    expect(await source.readText('a/notes.txt', 2)).toEqual({ path: 'a/notes.txt', text: 'h\uFFFD', binary: false, truncated: true, size: 13 });
    expect(await source.readText('b.md', 100)).toEqual({ path: 'b.md', text: 'bbb', binary: false, truncated: false, size: 3 });
  });

  it('decodes a UTF-16 file with its byte-order mark and refuses a binary one', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'MIT'].flatMap((character) => [character.charCodeAt(0), 0])]);
    const source = new MemorySource({ 'LICENSE.txt': utf16, 'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00]) });
    expect(await source.readText('LICENSE.txt', 1000)).toMatchObject({ text: 'MIT', binary: false });
    expect(await source.readText('logo.png', 1000)).toMatchObject({ text: '', binary: true });
  });

  it('reports unreadable and missing files as problems, and refuses paths outside the repository', async () => {
    const source = new MemorySource({ LICENSE: { unreadable: 'outside-repository' } });
    const read = await source.readText('LICENSE', 1000);
    expect(isFileText(read)).toBe(false);
    expect(read).toMatchObject({ reason: 'outside-repository' });
    expect(await source.readText('COPYING', 1000)).toMatchObject({ reason: 'missing' });
    expect(() => new MemorySource({ '../etc/passwd': 'root' })).toThrow('"../etc/passwd" is not a relative, /-separated path inside the repository');
  });
});

describe('runCase: failures name the case, what was expected and what was found', () => {
  const files = { 'README.md': '# Tool\n\nA tool.\n', LICENSE: licenseText('Apache-2.0') };
  const manifest = { name: 'Tool', categories: ['software'], licenses: [{ expression: 'Apache-2.0' }] };

  it('passes a case whose expectations hold', async () => {
    await expect(runCase(licenseIndicator, { name: 'apache', files, manifest, expect: ['license/approved'] }, 'valid')).resolves.toBeUndefined();
  });

  it('an invalid case whose code is not returned', async () => {
    await expect(runCase(licenseIndicator, { name: 'apache is fine', files, manifest, expect: ['license/not-approved'] }, 'invalid')).rejects.toThrow(
      /^indicator 2, invalid case "apache is fine":\n {2}- expected license\/not-approved, which was not returned\nexpected: license\/not-approved\nfound: {4}license\/file-identified, license\/approved\n[\s\S]*pass {3}license\/approved: Apache-2\.0 is an approved licence for software\./,
    );
  });

  it('a valid case with a failing finding', async () => {
    await expect(runCase(licenseIndicator, { name: 'no licence file', files: { 'README.md': '# Tool\n' }, manifest }, 'valid')).rejects.toThrow(
      'expected no fail or warn finding, found license/file-missing [fail]',
    );
  });

  it('an invalid case with a failing finding it does not list', async () => {
    const wrong = { ...manifest, licenses: [{ expression: 'MIT' }] };
    await expect(runCase(licenseIndicator, { name: 'mit declared', files, manifest: wrong, expect: ['license/file-not-declared'] }, 'invalid')).rejects.toThrow(
      'expected no other fail finding, found license/mismatch',
    );
    await expect(
      runCase(licenseIndicator, { name: 'mit declared', files, manifest: wrong, expect: ['license/file-not-declared'], allowOtherFailures: true }, 'invalid'),
    ).resolves.toBeUndefined();
  });

  it('a message, status or evidence that does not match', async () => {
    await expect(
      runCase(licenseIndicator, { name: 'wording', files, manifest, expect: [{ code: 'license/approved', message: 'Apache-2.0 is fine.' }] }, 'valid'),
    ).rejects.toThrow('its message is "Apache-2.0 is an approved licence for software."');
    await expect(
      runCase(licenseIndicator, { name: 'where', files, manifest, expect: [{ code: 'license/file-identified', evidence: [{ path: 'COPYING' }] }] }, 'valid'),
    ).rejects.toThrow('no evidence matches {"path":"COPYING"}');
  });

  it('mistakes in the case itself: an unknown code, a fail code in a valid case, a manifest the schema refuses', async () => {
    await expect(runCase(licenseIndicator, { name: 'typo', files, manifest, expect: ['license/aproved'] }, 'valid')).rejects.toThrow(
      'license/aproved is not a code of indicator 2',
    );
    await expect(runCase(licenseIndicator, { name: 'misplaced', files, manifest, expect: ['license/not-approved'] }, 'valid')).rejects.toThrow(
      'a valid case cannot expect license/not-approved, a fail code; move the case to invalid',
    );
    await expect(runCase(licenseIndicator, { name: 'pass only', files, manifest, expect: ['license/approved'] }, 'invalid')).rejects.toThrow(
      'an invalid case must expect at least one fail, warn or review code',
    );
    await expect(
      runCase(licenseIndicator, { name: 'schema', files, manifest: { ...manifest, categories: ['softwre'] }, expect: ['license/approved'] }, 'valid'),
    ).rejects.toThrow('the manifest has problems, so some of its values were not read');
  });
});
