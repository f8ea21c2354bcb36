/**
 * The fixtures stored as overlays (fixtures/overlays/NAME: the files that differ from a base fixture,
 * and overlay.yaml) are materialised by `npm run build` (scripts/build-fixtures.js) as fixtures/NAME.
 * Every test that runs the CLI on a fixture reads the materialised folder, so it must be exactly base
 * plus overlay, and an overlay edited without rebuilding must fail here rather than test stale files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles, materialise, OVERLAY_MANIFEST, OVERLAYS, overlayNames, readOverlay } from '../scripts/fixture-overlays.js';
import { REPO_ROOT } from './support/cli.js';

const FIXTURES = path.join(REPO_ROOT, 'fixtures');
const BUILD = path.join(REPO_ROOT, 'scripts/build-fixtures.js');
const NAMES = overlayNames(FIXTURES);
const STALE = 'is stale or missing: run npm run build (scripts/build-fixtures.js)';
const scratch = mkdtempSync(path.join(tmpdir(), 'dpg-overlays-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder's files as git would see them: path → bytes and whether the file is executable. */
function snapshot(folder: string): Map<string, { bytes: string; executable: boolean }> {
  return new Map(
    listFiles(folder).map((file) => {
      const full = path.join(folder, file);
      return [file, { bytes: readFileSync(full).toString('base64'), executable: (lstatSync(full).mode & 0o111) !== 0 }];
    }),
  );
}

function build(fixtures: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BUILD, fixtures], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('the overlays of fixtures/overlays', () => {
  it('are the fail-* and warn-* fixtures, each valid (its base exists, so does every file it removes)', () => {
    expect(NAMES.length).toBeGreaterThanOrEqual(14);
    expect(NAMES).toContain('fail-5-no-readme');
    for (const name of NAMES) expect(() => readOverlay(FIXTURES, name), name).not.toThrow();
  });

  it.each(NAMES)('%s: the materialised folder is its base with the overlay applied', (name) => {
    const overlay = readOverlay(FIXTURES, name);
    const base = snapshot(path.join(FIXTURES, overlay.base));
    const changes = snapshot(path.join(FIXTURES, OVERLAYS, name));
    changes.delete(OVERLAY_MANIFEST);
    const expected = new Map(base);
    for (const file of overlay.remove) expected.delete(file);
    for (const [file, content] of changes) expected.set(file, content);
    const materialised = path.join(FIXTURES, name);
    expect(existsSync(materialised), `fixtures/${name} ${STALE}`).toBe(true);
    expect(snapshot(materialised), `fixtures/${name} ${STALE}`).toEqual(expected);
  });

  it.each(NAMES)('%s: equals a fresh materialisation, so an overlay edited without rebuilding fails', (name) => {
    const fresh = path.join(scratch, 'fresh', name);
    materialise(FIXTURES, readOverlay(FIXTURES, name), fresh);
    expect(snapshot(path.join(FIXTURES, name)), `fixtures/${name} ${STALE}`).toEqual(snapshot(fresh));
  });

  it.each(NAMES)('%s: stores only differences (every file of the overlay is new or changed)', (name) => {
    const overlay = readOverlay(FIXTURES, name);
    expect(overlay.files.length + overlay.remove.length, 'an overlay changes something').toBeGreaterThan(0);
    for (const file of overlay.files) {
      const inBase = path.join(FIXTURES, overlay.base, file);
      if (existsSync(inBase))
        expect(readFileSync(path.join(FIXTURES, OVERLAYS, name, file)).equals(readFileSync(inBase)), `${name}/${file} is the base's copy`).toBe(false);
    }
  });

  it('materialised folders are ignored by git and never committed', () => {
    if (!existsSync(path.join(REPO_ROOT, '.git'))) return;
    for (const name of NAMES) {
      const ignored = spawnSync('git', ['-C', REPO_ROOT, 'check-ignore', '-q', `fixtures/${name}/`]);
      expect(ignored.status, `fixtures/${name}/ must be gitignored (.gitignore)`).toBe(0);
      expect(execFileSync('git', ['-C', REPO_ROOT, 'ls-files', `fixtures/${name}`], { encoding: 'utf8' }), `fixtures/${name} is tracked`).toBe('');
    }
  });
});

describe('scripts/build-fixtures.js', () => {
  /** A fixtures folder with a base (one executable file, one in a sub-folder) and one overlay. */
  function fixturesWith(overlayYaml: string, name = 'case'): string {
    const fixtures = mkdtempSync(path.join(scratch, 'fixtures-'));
    write(path.join(fixtures, 'base/README.md'), 'base readme\n');
    write(path.join(fixtures, 'base/LICENSE'), 'base licence\n');
    write(path.join(fixtures, 'base/docs/guide.md'), 'guide\n');
    write(path.join(fixtures, 'base/run.sh'), '#!/bin/sh\n');
    chmodSync(path.join(fixtures, 'base/run.sh'), 0o755);
    write(path.join(fixtures, OVERLAYS, name, OVERLAY_MANIFEST), overlayYaml);
    write(path.join(fixtures, OVERLAYS, name, 'LICENSE'), 'changed licence\n');
    write(path.join(fixtures, OVERLAYS, name, 'src/added.js'), 'added\n');
    return fixtures;
  }

  it('rebuilds each folder from scratch: removed files absent, modes kept, stale files gone, idempotent', () => {
    const fixtures = fixturesWith('base: base\nremove: [README.md, docs/guide.md]\n');
    const folder = path.join(fixtures, 'case');
    // Left by an older version of the overlay: must not survive the rebuild.
    write(path.join(folder, 'stale.txt'), 'old\n');
    write(path.join(folder, 'README.md'), 'old\n');
    expect(build(fixtures)).toMatchObject({ status: 0, stderr: '' });
    expect(listFiles(folder)).toEqual(['LICENSE', 'run.sh', 'src/added.js']);
    // The folder emptied by the removal is absent too, as in a git checkout.
    expect(existsSync(path.join(folder, 'docs'))).toBe(false);
    expect(readFileSync(path.join(folder, 'LICENSE'), 'utf8')).toBe('changed licence\n');
    expect(lstatSync(path.join(folder, 'run.sh')).mode & 0o777).toBe(0o755);
    const first = snapshot(folder);
    expect(build(fixtures).status).toBe(0);
    expect(snapshot(folder)).toEqual(first);
  });

  it.each([
    ['names a base that does not exist', 'base: no-such-base\n', /base "no-such-base" is not a fixture of fixtures\//],
    ['removes a file the base does not have', 'base: base\nremove: [NOTICE]\n', /removes NOTICE, which the base "base" does not have/],
    ['has an unknown key', 'base: base\nremoves: [README.md]\n', /unknown key removes/],
  ])('refuses an overlay that %s: exit 2, a clear message, no folder touched', (_, overlayYaml, message) => {
    const fixtures = fixturesWith(overlayYaml);
    write(path.join(fixtures, 'case/kept.txt'), 'from the last good build\n');
    const result = build(fixtures);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^build-fixtures: fixtures\/overlays\/case\/overlay\.yaml: /);
    expect(result.stderr).toMatch(message);
    expect(listFiles(path.join(fixtures, 'case'))).toEqual(['kept.txt']);
  });

  it('refuses an overlay named like a committed fixture, which materialising would overwrite', () => {
    const fixtures = fixturesWith('base: base\n', 'data-set');
    write(path.join(fixtures, 'data-set/dpg.yaml'), 'committed\n');
    execFileSync('git', ['init', '-q'], { cwd: fixtures });
    execFileSync('git', ['add', 'data-set/dpg.yaml'], { cwd: fixtures });
    const result = build(fixtures);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('fixtures/data-set/ has files in git');
    expect(readFileSync(path.join(fixtures, 'data-set/dpg.yaml'), 'utf8')).toBe('committed\n');
  });
});
