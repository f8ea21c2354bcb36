// Loads the bundled CLI (dist/bundle/cli.cjs) with V8's code cache: the first run of a command saves the
// code it compiled, and later runs deserialise it instead of compiling again (issue 17: compiling was
// the largest part of a run's fixed cost, and Node 20 caches no module code of its own). The cache lives
// in the user's cache folder ($XDG_CACHE_HOME/dpg-check/code-cache, else ~/.cache/dpg-check/code-cache),
// one file per build of the bundle, Node, V8 flags and command; it holds compiled code of dpg-check only,
// nothing of the repositories checked. DPG_CHECK_NO_CODE_CACHE=1 turns it off; it is off on Windows,
// where file modes cannot show that nobody else may write it. Any problem with the cache only means
// compiling as usual.
import { randomBytes, createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { Script } from 'node:vm';

/** A cache file larger than this is not one of ours. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** Cache files kept (one per build, Node and command); older ones are removed when a new one is written. */
const KEEP_CACHE_FILES = 8;

/** Returns the bundle's exports; throws ENOENT (with `path` the bundle) when there is no bundle. */
export function loadBundle(bundle, command) {
  const source = readFileSync(bundle, 'utf8');
  const folder = process.env.DPG_CHECK_NO_CODE_CACHE === '1' || process.platform === 'win32' ? undefined : cacheFolder();
  const cacheFile = folder ? cacheFileFor(folder, bundle, command) : undefined;
  const cachedData = cacheFile ? readOwnCache(cacheFile) : undefined;
  // The wrapper is CommonJS's own, on the first line, so that line numbers stay those of the bundle.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  if (folder && cacheFile && (!cachedData || script.cachedDataRejected)) {
    // At the end of the run, so that the cache holds every function the run compiled, not only the top level.
    process.once('exit', () => writeCache(folder, cacheFile, script));
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return module.exports;
}

/** This user's, and writable by nobody else: what the cache's folders and files must be (code is run from them). */
function isUsersAlone(info) {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  return (uid === undefined || info.uid === uid) && (info.mode & 0o022) === 0;
}

/** A folder of this user's that nobody else may write into: a link or a shared folder is not used. */
function isPrivateFolder(folder) {
  try {
    const info = lstatSync(folder);
    return info.isDirectory() && isUsersAlone(info);
  } catch {
    return false;
  }
}

/** Made one level at a time (a recursive mkdir under /proc never returns on Node 20), each private. */
function makeFolder(folder) {
  try {
    mkdirSync(folder, { mode: 0o700 });
  } catch (error) {
    if (error?.code !== 'EEXIST') return false;
  }
  return true;
}

/**
 * The cache folder, made if need be, or undefined: the base (XDG_CACHE_HOME, else ~/.cache) must be an
 * absolute path (an empty or relative HOME would put it in the folder being checked), and the folders
 * dpg-check makes in it must be this user's alone.
 */
function cacheFolder() {
  const xdg = process.env.XDG_CACHE_HOME;
  let home;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.isAbsolute(home) ? path.join(home, '.cache') : undefined;
  if (!base) return undefined;
  const tool = path.join(base, 'dpg-check');
  const folder = path.join(tool, 'code-cache');
  if (!makeFolder(base) || !makeFolder(tool) || !makeFolder(folder)) return undefined;
  return isPrivateFolder(tool) && isPrivateFolder(folder) ? folder : undefined;
}

/**
 * One file per build of the bundle (its path, size and modification time: a reinstall writes a new one),
 * per Node (its binary and version) and V8 flags (V8 accepts a cache only from its own version and flags,
 * and checks little more than the source's length, so the key must tell builds apart), and per command:
 * a cache holds the functions its first run compiled, and `--help` compiles little of what `check` needs.
 */
function cacheFileFor(folder, bundle, command) {
  try {
    const info = statSync(bundle);
    const key = createHash('sha256')
      .update(
        [
          bundle,
          info.size,
          info.mtimeMs,
          info.ino,
          process.execPath,
          process.version,
          process.arch,
          process.execArgv.join(' '),
          process.env.NODE_OPTIONS ?? '',
          command,
        ].join('\0'),
      )
      .digest('hex')
      .slice(0, 32);
    return path.join(folder, `${key}.bin`);
  } catch {
    return undefined;
  }
}

/** The cache, if it is a regular file of this user that nobody else may write (code is run from it). */
function readOwnCache(file) {
  let descriptor;
  try {
    const link = lstatSync(file);
    if (!link.isFile()) return undefined;
    descriptor = openSync(file, 'r');
    const info = fstatSync(descriptor);
    if (!info.isFile() || info.size > MAX_CACHE_BYTES || !isUsersAlone(info)) return undefined;
    const data = Buffer.alloc(info.size);
    let offset = 0;
    while (offset < data.length) {
      const read = readSync(descriptor, data, offset, data.length - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return offset === data.length ? data : undefined;
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/**
 * Written whole to a new file of a name nobody can guess (created exclusively: never through a link),
 * then renamed, so that a run beside this one reads all of it or none; then the oldest cache files
 * beyond KEEP_CACHE_FILES, and temporary files a killed run left, are removed.
 */
function writeCache(folder, file, script) {
  const temporary = path.join(folder, `.${randomBytes(12).toString('hex')}.tmp`);
  let descriptor;
  try {
    descriptor = openSync(temporary, 'wx', 0o600);
    const data = script.createCachedData();
    let offset = 0;
    while (offset < data.length) offset += writeSync(descriptor, data, offset, data.length - offset);
    closeSync(descriptor);
    descriptor = undefined;
    renameSync(temporary, file);
    prune(folder, file);
  } catch {
    if (descriptor !== undefined) closeSync(descriptor);
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written.
    }
  }
}

function prune(folder, kept) {
  const now = Date.now();
  const entries = readdirSync(folder)
    .map((name) => {
      const full = path.join(folder, name);
      try {
        const info = lstatSync(full);
        return info.isFile() ? { full, name, mtimeMs: info.mtimeMs } : undefined;
      } catch {
        return undefined;
      }
    })
    .filter((entry) => entry !== undefined);
  const caches = entries.filter((entry) => entry.name.endsWith('.bin') && entry.full !== kept).sort((a, b) => b.mtimeMs - a.mtimeMs);
  const stale = [
    ...caches.slice(KEEP_CACHE_FILES - 1),
    // A temporary file older than an hour belongs to no running write.
    ...entries.filter((entry) => entry.name.endsWith('.tmp') && now - entry.mtimeMs > 60 * 60 * 1000),
  ];
  for (const entry of stale) {
    try {
      unlinkSync(entry.full);
    } catch {
      // Another run removed it.
    }
  }
}
