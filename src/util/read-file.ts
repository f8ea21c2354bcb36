/**
 * One guarded way to read a file the user or a repository names: only a regular file (never a FIFO,
 * a device or a folder: the check happens on the opened handle, so a file swapped for a FIFO after a
 * stat cannot block), at most `maxBytes` of it (a link to /dev/zero or a 2 GB file is never read whole),
 * with a time limit on the read itself (a file on a stalled network mount cannot hang the run).
 */
import { constants as fsConstants } from 'node:fs';
import { open } from 'node:fs/promises';

export type GuardedRead =
  | { ok: true; bytes: Buffer; size: number; truncated: boolean }
  | { ok: false; reason: 'missing' | 'not-a-file' | 'unreadable' | 'timeout'; detail: string };

const DEFAULT_READ_TIMEOUT_MS = 30_000;

export async function readRegularFile(file: string, maxBytes: number, timeoutMs = DEFAULT_READ_TIMEOUT_MS): Promise<GuardedRead> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO does not wait for a writer; the fstat below then refuses it.
    handle = await open(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP')
      return { ok: false, reason: 'missing', detail: code === 'ELOOP' ? 'a symbolic link that points at itself' : 'no such file' };
    if (code === 'EISDIR') return { ok: false, reason: 'not-a-file', detail: 'a folder, not a file' };
    return { ok: false, reason: 'unreadable', detail: code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (error as Error).message) };
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, reason: 'not-a-file', detail: 'not a regular file (a folder, FIFO or device); not read' };
    const length = Math.min(info.size, maxBytes);
    const buffer = Buffer.alloc(length);
    const reading = (async () => {
      let offset = 0;
      while (offset < length) {
        const { bytesRead } = await handle.read(buffer, offset, length - offset, offset);
        if (bytesRead === 0) break;
        offset += bytesRead;
      }
      return offset;
    })();
    const expired = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
      timer.unref();
    });
    const read = await Promise.race([reading, expired]);
    if (read === 'timeout') {
      reading.catch(() => undefined);
      return { ok: false, reason: 'timeout', detail: `reading took longer than ${timeoutMs / 1000} s` };
    }
    return { ok: true, bytes: buffer.subarray(0, read), size: info.size, truncated: info.size > maxBytes };
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  } finally {
    clearTimeout(timer);
    await handle.close().catch(() => undefined);
  }
}
