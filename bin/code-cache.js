// Loads the bundled CLI (dist/bundle/cli.cjs) with V8's code cache: the first run saves the code it
// compiled, and later runs deserialise it instead of compiling again (issue 17: compiling was the largest
// part of a run's fixed cost, and Node 20 caches no module code of its own). The cache lives in the
// user's cache folder ($XDG_CACHE_HOME/dpg-check/code-cache, else ~/.cache/dpg-check/code-cache), one
// file per build of the bundle and Node version; it holds compiled code of dpg-check only, nothing of the
// repositories checked. DPG_CHECK_NO_CODE_CACHE=1 turns it off. Any problem with the cache only means
// compiling as usual.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { Script } from 'node:vm';

/** A cache file larger than this is not one of ours. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** Returns the bundle's exports; throws ENOENT when there is no bundle (a build without it). */
export function loadBundle(bundle) {
  const source = readFileSync(bundle, 'utf8');
  const cacheFile = process.env.DPG_CHECK_NO_CODE_CACHE === '1' ? undefined : cacheFileFor(bundle);
  const cachedData = cacheFile ? readOwnCache(cacheFile) : undefined;
  // The wrapper is CommonJS's own, on the first line, so that line numbers stay those of the bundle.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // At the end of the run, so that the cache holds every function the run compiled, not only the top level.
    process.once('exit', () => writeCache(cacheFile, script));
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return module.exports;
}

/**
 * One file per build of the bundle (its path, size and modification time: a reinstall writes a new
 * one) and per Node (V8 accepts a cache only from its own version and flags, and checks little more
 * than the source's length, so the key must tell builds apart).
 */
function cacheFileFor(bundle) {
  try {
    const info = statSync(bundle);
    const key = createHash('sha256').update([bundle, info.size, info.mtimeMs, info.ino, process.version, process.arch].join('\0')).digest('hex').slice(0, 32);
    const base = process.env.XDG_CACHE_HOME && path.isAbsolute(process.env.XDG_CACHE_HOME) ? process.env.XDG_CACHE_HOME : path.join(homedir(), '.cache');
    return path.join(base, 'dpg-check', 'code-cache', `${key}.bin`);
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
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    if (!info.isFile() || info.size > MAX_CACHE_BYTES || (uid !== undefined && info.uid !== uid) || (info.mode & 0o022) !== 0) return undefined;
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

/** Written whole to a temporary file and renamed, so that a run beside this one reads all of it or none. */
function writeCache(file, script) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written.
    }
  }
}
