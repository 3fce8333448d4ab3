import { readFile } from 'node:fs/promises';
import { UsageError } from './fail.ts';
import { readProblem } from './fs-problem.ts';

/** Reads a whole file, turning the usual failures into one-line messages that name it. */
export async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new UsageError(`${path}: ${readProblem(error)}`);
  }
}
