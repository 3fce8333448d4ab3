import { readFile } from 'node:fs/promises';
import { UsageError } from './fail.ts';

/** Reads a whole file, turning the usual failures into one-line messages that name it. */
export async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot read it (permission denied)'
          : code === 'EISDIR'
            ? 'is a folder, expected a file'
            : `cannot read it (${code ?? String(error)})`;
    throw new UsageError(`${path}: ${why}`);
  }
}
