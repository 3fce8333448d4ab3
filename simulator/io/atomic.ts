import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, open, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { NotRegularFileError, notRegularFile } from './file-kind.ts';

/**
 * Where a write to `file` lands, or why it may not: the path itself when it
 * is missing or a regular file; for a symbolic link, the file the link
 * points to (the link is kept, and the file it names is replaced, as an
 * editor saving through a link does); anything else (a folder, a device, a
 * named pipe, a socket, a link to nothing) is refused with a
 * NotRegularFileError: a rename over it would destroy it.
 */
export async function writeTarget(file: string): Promise<string> {
  const link = await lstat(file).catch(() => undefined);
  if (link === undefined) return file; // missing (the usual case), or its folder is: the write says which
  let target = file;
  if (link.isSymbolicLink()) {
    try {
      target = await realpath(file);
    } catch {
      throw new NotRegularFileError('is a link to a file that does not exist');
    }
  }
  const kind = notRegularFile(target === file ? link : await stat(target));
  if (kind !== undefined) throw new NotRegularFileError(kind);
  return target;
}

/**
 * Writes `content` (text, as UTF-8, or bytes) to `file` so that readers see
 * the old file or the new one, never half of either: a temporary file in the
 * same folder (a rename is atomic only within one file system), flushed to
 * disk, then renamed over the target. On failure the temporary file is
 * removed and the target left as it was. Creates the folder when missing.
 * A temporary file that a killed writer left for the same target (its
 * process gone) is removed after a write succeeds.
 * Only a regular file is ever replaced (see writeTarget), and it keeps its
 * permissions.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const target = await writeTarget(file);
  const mode = await stat(target).then((s) => s.mode & 0o7777, () => undefined);
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await (typeof content === 'string' ? handle.writeFile(content, 'utf8') : handle.writeFile(content));
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await removeOrphanedTemps(dir, path.basename(target));
}

/**
 * Removes `.NAME.PID.HEX.tmp` files in `dir` whose writer process is gone (a
 * `kill -9` or a power cut during an earlier write). A live process's file
 * is left alone: it may be writing the same target now.
 */
async function removeOrphanedTemps(dir: string, name: string): Promise<void> {
  const entries = await readdir(dir).catch((): string[] => []);
  const prefix = `.${name}.`;
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const match = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(entry.slice(prefix.length));
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && !processAlive(pid)) await unlink(path.join(dir, entry)).catch(() => undefined);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, run by another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
