/**
 * How `calibrate` and `tune` take up one file of a history, in order: a file
 * the stat index knows unchanged (same path, size and mtime) whose entry is
 * cached is not even read; otherwise its bytes are read and hashed, a second
 * file with the same content is a duplicate of the first, and a cached entry
 * for the content is used; only what is left needs work (extracting or
 * scoring). `byContent` (content hash → the first file with it) is the
 * caller's, kept across the files of one command.
 *
 * The first part (`lookFile`: stat, the index's hash, that hash's cached
 * entry) touches none of the command's state, so a caller may run it ahead
 * for many files at once: on a warm history the files' stats and cache reads
 * then overlap instead of waiting in turn. The decisions stay in order
 * (`prepareFile`), so the outcome is that of one file after another.
 */
import { stat } from 'node:fs/promises';
import { sha256Hex } from '../../io/cache/entry-cache.ts';
import { readActivityBytes } from './files.ts';
import type { FileIdentity, StatIndex } from './stat-index.ts';

export type Prepared<T> =
  /** The cache's entry: `read` says whether the bytes were read to find it. */
  | { readonly kind: 'cached'; readonly sha256: string; readonly value: T; readonly read: boolean }
  | { readonly kind: 'unreadable'; readonly why: string }
  | { readonly kind: 'duplicate'; readonly twin: string }
  /** Not in the cache: the bytes, for the work. */
  | { readonly kind: 'fresh'; readonly sha256: string; readonly bytes: Uint8Array };

/** What is known of a file before its turn: its identity now, the hash the index records for it, and that hash's cached entry. */
export interface Look<T> {
  readonly identity: FileIdentity | undefined;
  readonly known: string | undefined;
  readonly cached: T | undefined;
}

export async function lookFile<T>(file: string, index: StatIndex, cache: { get(key: string): Promise<T | undefined> }): Promise<Look<T>> {
  const identity = await stat(file).then(
    (s): FileIdentity => ({ size: s.size, mtimeMs: s.mtimeMs }),
    () => undefined,
  );
  const known = identity === undefined ? undefined : index.lookup(file, identity);
  const cached = known === undefined ? undefined : await cache.get(known);
  return { identity, known, cached };
}

export async function prepareFile<T>(
  file: string,
  index: StatIndex,
  cache: { get(key: string): Promise<T | undefined> },
  byContent: Map<string, string>,
  /** The file's look, when the caller ran it ahead; otherwise taken now. */
  looked?: Promise<Look<T>>,
): Promise<Prepared<T>> {
  const { identity, known, cached: knownCached } = await (looked ?? lookFile(file, index, cache));
  if (known !== undefined && !byContent.has(known) && knownCached !== undefined) {
    byContent.set(known, file);
    return { kind: 'cached', sha256: known, value: knownCached, read: false };
  }
  const bytes = await readActivityBytes(file);
  if (!bytes.ok) return { kind: 'unreadable', why: bytes.why };
  const sha256 = sha256Hex(bytes.bytes);
  if (identity !== undefined) index.record(file, identity, sha256);
  const twin = byContent.get(sha256);
  if (twin !== undefined) return { kind: 'duplicate', twin };
  byContent.set(sha256, file);
  const cached = await cache.get(sha256);
  if (cached !== undefined) return { kind: 'cached', sha256, value: cached, read: true };
  return { kind: 'fresh', sha256, bytes: bytes.bytes };
}
