/**
 * The shared corpus of real recordings (see its README.md): FIT, GPX and TCX
 * files published as test data by other projects, read in place from
 * ../shared/corpus next to the repository and never copied into it (their
 * licences differ from ours).
 *
 * Tests that need it use `describe.skipIf(!corpusAvailable)`. When it is
 * absent, importing this module prints one line saying so.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** tests/ → repository root → its parent, where `shared/corpus` lives. */
export const CORPUS_DIR = path.resolve(import.meta.dirname, '../../shared/corpus');

export const corpusAvailable: boolean =
  existsSync(path.join(CORPUS_DIR, 'runs')) && existsSync(path.join(CORPUS_DIR, 'odd'));

if (!corpusAvailable) {
  console.warn(`corpus not found at ${CORPUS_DIR}: the tests that read real recordings are skipped`);
}

/** Names (not paths) of the FIT files in one corpus folder, sorted; empty when the corpus is absent. */
export function corpusFiles(sub: 'runs' | 'odd'): string[] {
  if (!corpusAvailable) return [];
  return readdirSync(path.join(CORPUS_DIR, sub))
    .filter((name) => name.toLowerCase().endsWith('.fit'))
    .sort();
}

/** Absolute path of a corpus file. */
export function corpusPath(sub: 'runs' | 'odd', name: string): string {
  return path.join(CORPUS_DIR, sub, name);
}
