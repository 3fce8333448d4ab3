import type { Stats } from 'node:fs';

/**
 * What a path is, when it is not the regular file a command reads or writes,
 * in a runner's words ("is a device, expected a regular file"); undefined for
 * a regular file. A device, a named pipe (FIFO) or a socket would hang a
 * read (`/dev/zero` never ends, a FIFO waits for a writer) and be destroyed
 * by an atomic write's rename (`--out /dev/full` as root once replaced the
 * device node with a FIT file): both are refused.
 */
export function notRegularFile(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'is a folder, expected a file';
  if (stats.isFIFO()) return 'is a named pipe (FIFO), expected a regular file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'is a device, expected a regular file';
  if (stats.isSocket()) return 'is a socket, expected a regular file';
  return 'is not a regular file';
}

/** A refusal that is the user's choice of path, not a failure of the file system: its message is the whole reason. */
export class NotRegularFileError extends Error {
  override readonly name = 'NotRegularFileError';
}
