/**
 * The cache's index by file identity: path, size and modification time →
 * the SHA-256 of the file's bytes. With it a second calibration stats each
 * file instead of reading and hashing it: a file seen before, unchanged, is
 * served from its cached extract without a single byte read.
 *
 * ```
 * CACHE_DIR/stat-index-v1.json   { "/abs/run.fit": [size, mtimeMs, "ab34…ef"], … }
 * ```
 *
 * Invariant: an entry is believed only when size and mtimeMs both match the
 * file now; any change (an edit, a touch, a copy over it) is a miss and the
 * file is read and hashed again. The content hash still names the extract,
 * so a miss here that turns out to be the same content is still a cache hit.
 * Like make and git, this trusts the file system's modification times: an
 * edit that keeps both the size and the mtime (to the millisecond) goes
 * unseen until the file changes again. The index is written atomically and
 * only when it changed; one that does not parse is empty.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import { writeFileAtomic } from '../../io/atomic.ts';

const INDEX_FILE = 'stat-index-v1.json';

const Entry = z.tuple([z.number(), z.number(), z.string().regex(/^[0-9a-f]{64}$/)]);
const IndexFile = z.record(z.string(), Entry);

export interface FileIdentity {
  readonly size: number;
  readonly mtimeMs: number;
}

export interface StatIndex {
  /** The content hash recorded for this file, when its size and mtime are unchanged. */
  lookup(file: string, identity: FileIdentity): string | undefined;
  record(file: string, identity: FileIdentity, sha256: string): void;
  /** Writes the index when it changed; a failure is returned as text, never thrown. */
  save(): Promise<string | undefined>;
}

/** The index in `dir` (the cache folder); undefined dir: an index that knows nothing and keeps nothing. */
export async function openStatIndex(dir: string | undefined): Promise<StatIndex> {
  const file = dir === undefined ? undefined : path.join(dir, INDEX_FILE);
  const entries = new Map<string, z.infer<typeof Entry>>();
  if (file !== undefined) {
    try {
      const checked = IndexFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (checked.success) for (const [key, entry] of Object.entries(checked.data)) entries.set(key, entry);
    } catch {
      // Missing or damaged: start empty; every file is read once more.
    }
  }
  let changed = false;
  return {
    lookup(name, identity) {
      const entry = entries.get(path.resolve(name));
      return entry !== undefined && entry[0] === identity.size && entry[1] === identity.mtimeMs ? entry[2] : undefined;
    },
    record(name, identity, sha256) {
      const key = path.resolve(name);
      const entry = entries.get(key);
      if (entry !== undefined && entry[0] === identity.size && entry[1] === identity.mtimeMs && entry[2] === sha256) return;
      entries.set(key, [identity.size, identity.mtimeMs, sha256]);
      changed = file !== undefined;
    },
    async save() {
      if (file === undefined || !changed) return undefined;
      try {
        await writeFileAtomic(file, `${JSON.stringify(Object.fromEntries(entries))}\n`);
        changed = false;
        return undefined;
      } catch (error) {
        return `${file}: cannot write the file index (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): continuing without it`;
      }
    },
  };
}
