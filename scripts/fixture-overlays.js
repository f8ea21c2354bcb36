// Most failing fixtures are complete-software with one defect. Stored whole, each repeated a dozen
// files of the base, and a change to the base had to be made in every copy. So git holds only the
// differences, fixtures/overlays/NAME/ (the changed or added files and overlay.yaml: the base, the
// files removed from it), and the build materialises fixtures/NAME/ (gitignored) from base + overlay.
// Shared by scripts/build-fixtures.js, the tests that enumerate fixtures/ and
// test/fixtures-overlays.test.ts, so that the rule is written once.
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** The folder of fixtures/ that holds the overlays. */
export const OVERLAYS = 'overlays';
/** The file of an overlay folder that describes it; it is not copied into the fixture. */
export const OVERLAY_MANIFEST = 'overlay.yaml';
/** Folders of fixtures/ that are not one repository each: the overlays, registry records, a collection of small cases. */
export const NOT_REPOSITORIES = [OVERLAYS, 'registry', 'bad-inputs'];

/** An overlay that cannot be materialised: the build stops (exit 2) before changing any fixture. */
export class OverlayError extends Error {}

/**
 * The repositories of `fixtures` (folder names, sorted): committed and materialised ones alike.
 * Every test or benchmark that runs over "all fixtures" takes them from here.
 */
export function fixtureRepositories(fixtures) {
  return readdirSync(fixtures, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !NOT_REPOSITORIES.includes(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** The names of the overlays in `fixtures` (each materialises fixtures/NAME), sorted. */
export function overlayNames(fixtures) {
  const folder = path.join(fixtures, OVERLAYS);
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Files and symbolic links under `folder`, as relative paths with forward slashes, sorted. */
export function listFiles(folder) {
  const files = [];
  const visit = (relative) => {
    for (const entry of readdirSync(path.join(folder, relative), { withFileTypes: true })) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) visit(child);
      else files.push(child);
    }
  };
  visit('');
  return files.sort();
}

/**
 * Reads and checks the overlay `name`: its base must be a committed fixture (not itself an overlay),
 * and every file it removes must be a file of the base, so that a typo or a renamed base file is an
 * error instead of a fixture that silently differs from what its overlay says.
 * Returns { name, base, remove, files }, paths relative with forward slashes.
 */
export function readOverlay(fixtures, name) {
  const folder = path.join(fixtures, OVERLAYS, name);
  const where = `fixtures/${OVERLAYS}/${name}/${OVERLAY_MANIFEST}`;
  let manifest;
  try {
    manifest = parse(readFileSync(path.join(folder, OVERLAY_MANIFEST), 'utf8'));
  } catch (error) {
    throw new OverlayError(`${where}: ${error.code === 'ENOENT' ? 'missing' : `not readable YAML (${error.message})`}`);
  }
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) throw new OverlayError(`${where}: expected a mapping with base and remove`);
  const unknown = Object.keys(manifest).filter((key) => key !== 'base' && key !== 'remove');
  if (unknown.length > 0) throw new OverlayError(`${where}: unknown key ${unknown.join(', ')} (only base and remove)`);
  const { base, remove = [] } = manifest;
  if (typeof base !== 'string' || !/^[\w.-]+$/.test(base) || base === '.' || base === '..')
    throw new OverlayError(`${where}: base must be the name of a folder of fixtures/`);
  if (base === name || NOT_REPOSITORIES.includes(base) || !existsSync(path.join(fixtures, base)) || !lstatSync(path.join(fixtures, base)).isDirectory())
    throw new OverlayError(`${where}: base "${base}" is not a fixture of fixtures/`);
  if (existsSync(path.join(fixtures, OVERLAYS, base)))
    throw new OverlayError(`${where}: base "${base}" is itself an overlay; name the committed fixture it is built on`);
  if (!Array.isArray(remove) || !remove.every((file) => typeof file === 'string'))
    throw new OverlayError(`${where}: remove must be a list of file paths of the base`);
  const baseFiles = new Set(listFiles(path.join(fixtures, base)));
  const files = listFiles(folder).filter((file) => file !== OVERLAY_MANIFEST);
  for (const file of remove) {
    if (!baseFiles.has(file)) throw new OverlayError(`${where}: removes ${file}, which the base "${base}" does not have`);
    if (files.includes(file)) throw new OverlayError(`${where}: removes ${file} and also provides it`);
  }
  if (new Set(remove).size !== remove.length) throw new OverlayError(`${where}: remove lists a file twice`);
  return { name, base, remove: [...remove].sort(), files };
}

/** Copies one file or symbolic link, its mode (the executable bit is all git keeps) included. */
function copyEntry(from, to) {
  mkdirSync(path.dirname(to), { recursive: true });
  const info = lstatSync(from);
  if (info.isSymbolicLink()) {
    symlinkSync(readlinkSync(from), to);
    return;
  }
  copyFileSync(from, to);
  chmodSync(to, info.mode & 0o7777);
}

/**
 * Writes the overlay (from readOverlay) into `destination`, from scratch: whatever was there is
 * removed first, so a file an older version of the overlay added does not survive it. Folders are
 * created only for the files copied into them, so a folder emptied by the removals is absent, as git
 * would have it.
 */
export function materialise(fixtures, overlay, destination) {
  rmSync(destination, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  const removed = new Set(overlay.remove);
  const provided = new Set(overlay.files);
  for (const file of listFiles(path.join(fixtures, overlay.base))) {
    if (!removed.has(file) && !provided.has(file)) copyEntry(path.join(fixtures, overlay.base, file), path.join(destination, file));
  }
  for (const file of overlay.files) copyEntry(path.join(fixtures, OVERLAYS, overlay.name, file), path.join(destination, file));
}
