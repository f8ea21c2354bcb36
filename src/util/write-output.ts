/**
 * Writes a whole output file (a report format, a summary). A full disk, a quota or an I/O error is an
 * incomplete run (exit 3), and the partial file is removed so that nothing reads half a report; a path
 * the user cannot write to is a usage error (exit 2).
 */
import { lstat, mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { IncompleteError, UsageError } from '../errors.js';

const SPACE_OR_IO = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EFBIG', 'EROFS']);

export async function writeOutput(file: string, text: string, what = 'the output'): Promise<void> {
  try {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && SPACE_OR_IO.has(code)) {
      // Only a regular file is removed: /dev/full and FIFOs are left as they are.
      const info = await lstat(file).catch(() => undefined);
      if (info?.isFile()) await unlink(file).catch(() => undefined);
      throw new IncompleteError(
        `Cannot write ${what} ${file}: ${code === 'ENOSPC' || code === 'EDQUOT' ? 'no space left on the device' : code}.`,
        'Free some space and run again; the partial file was removed.',
      );
    }
    const reason =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'a file stands where a folder is needed'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : (code ?? (error as Error).message);
    throw new UsageError(`Cannot write ${file}: ${reason}`);
  }
}
