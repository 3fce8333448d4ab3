// fs/promises alone: an ES import of 'node:fs' makes Node load its streams too (~5 ms of every replay's start).
import { constants, open } from 'node:fs/promises';
import { UsageError } from './fail.ts';
import { notRegularFile } from './file-kind.ts';
import { readProblem } from './fs-problem.ts';

export type FileBytes = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly why: string; readonly missing: boolean };

/**
 * A regular file's bytes, or why not in a runner's words. The file is opened
 * without blocking and checked before it is read: a named pipe would wait for
 * a writer on open, and a device like /dev/zero would be read for ever.
 */
export async function readRegularFile(path: string): Promise<FileBytes> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Missing, or a parent is not a folder: a caller that writes there next may treat both as "not there yet".
    return { ok: false, why: readProblem(error), missing: code === 'ENOENT' || code === 'ENOTDIR' };
  }
  try {
    const kind = notRegularFile(await handle.stat());
    if (kind !== undefined) return { ok: false, why: kind, missing: false };
    return { ok: true, bytes: new Uint8Array(await handle.readFile()) };
  } catch (error) {
    return { ok: false, why: readProblem(error), missing: false };
  } finally {
    await handle.close();
  }
}

/** Reads a whole file, turning the usual failures into one-line messages that name it. */
export async function readInputFile(path: string): Promise<Uint8Array> {
  const read = await readRegularFile(path);
  if (read.ok) return read.bytes;
  throw new UsageError(`${path}: ${read.why}`);
}
