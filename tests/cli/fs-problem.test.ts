import { describe, expect, test } from 'vitest';
import { readProblem, writeProblem } from '../../simulator/io/fs-problem.ts';

/** An error as Node's file system throws it. */
const fsError = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: something`), { code });

describe('file-system problems in one wording for every command', () => {
  test.each([
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['EROFS', 'read-only file system'],
    ['ENOSPC', 'the disk is full'],
    ['ENOTDIR', 'part of the path is a file, not a folder'],
    ['EEXIST', 'part of the path is a file, not a folder'],
    ['EISDIR', 'is a folder, expected a file'],
    ['EIO', 'EIO'],
  ])('writing, %s reads "%s"', (code, words) => {
    expect(writeProblem(fsError(code))).toBe(words);
  });

  test.each([
    ['ENOENT', 'no such file'],
    ['EACCES', 'cannot read it (permission denied)'],
    ['EISDIR', 'is a folder, expected a file'],
    ['ELOOP', 'a link that loops'],
    ['EIO', 'cannot read it (EIO)'],
  ])('reading, %s reads "%s"', (code, words) => {
    expect(readProblem(fsError(code))).toBe(words);
  });

  test('a missing folder is named as a folder, and an error without a code by its message', () => {
    expect(readProblem(fsError('ENOENT'), 'folder')).toBe('no such folder');
    expect(writeProblem(new Error('disk on fire'))).toBe('disk on fire');
    expect(readProblem('odd')).toBe('cannot read it (odd)');
  });
});
