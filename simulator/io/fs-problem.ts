import { NotRegularFileError } from './file-kind.ts';

/**
 * The usual failures of the file system in a runner's words, one wording for
 * every command: each message that names a file ends with one of these.
 */

function codeOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function detailOf(error: unknown): string {
  return codeOf(error) ?? (error instanceof Error ? error.message : String(error));
}

/** Why a file (or folder) could not be read. */
export function readProblem(error: unknown, what: 'file' | 'folder' | 'file or folder' = 'file'): string {
  switch (codeOf(error)) {
    case 'ENOENT':
      return `no such ${what}`;
    case 'EACCES':
    case 'EPERM':
      return 'cannot read it (permission denied)';
    case 'EISDIR':
      return 'is a folder, expected a file';
    case 'ELOOP':
      return 'a link that loops';
    default:
      return `cannot read it (${detailOf(error)})`;
  }
}

/** Why a file could not be written, for "cannot write … (why)". EEXIST: `mkdir -p` met a file where a folder should be. */
export function writeProblem(error: unknown): string {
  if (error instanceof NotRegularFileError) return error.message;
  switch (codeOf(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'part of the path is a file, not a folder';
    case 'EISDIR':
      return 'is a folder, expected a file';
    default:
      return detailOf(error);
  }
}
