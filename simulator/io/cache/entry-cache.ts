/**
 * A folder of JSON entries named by a hex key (a content hash), each checked
 * by a zod schema when read: the mechanism behind `tune`'s score cache, as
 * calibrate's extract cache (simulator/commands/calibrate/cache.ts) works.
 *
 * ```
 * ROOT/ab/ab34…ef.json
 * ```
 *
 * Entries are written atomically (temp file, then rename), so a crash leaves
 * a whole entry or none. A disk, a crash or another build can still damage
 * one: an entry that is not JSON or fails the schema (its bounds keep absurd
 * numbers out) is a miss, counted in `damaged` and rebuilt by the next put.
 * A value the schema would refuse is never written (it would read as damaged
 * every time). A cache that cannot be written is a note, never a failure.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from '../atomic.ts';

export interface EntryCache<T> {
  get(key: string): Promise<T | undefined>;
  put(key: string, value: T): Promise<void>;
  /** Why writing stopped, once it has (the first failure); undefined while it works. */
  readonly failure: string | undefined;
  readonly hits: number;
  readonly misses: number;
  /** Entries that were there but damaged: each read as a miss, and rebuilt by its put. */
  readonly damaged: number;
  /** One line for the runner when entries were damaged; undefined when none were. */
  readonly damageNote: string | undefined;
}

/** A content hash, the name of an entry: a renamed or copied file is still a hit, an edited one a miss. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The cache in `root`; undefined root: a cache that misses every time and keeps nothing. */
export function openEntryCache<T>(root: string | undefined, schema: z.ZodType<T>): EntryCache<T> {
  const entry = (key: string): string => path.join(root as string, key.slice(0, 2), `${key}.json`);
  let failure: string | undefined;
  let hits = 0;
  let misses = 0;
  const damaged = new Set<string>();
  return {
    async get(key) {
      if (root === undefined) {
        misses++;
        return undefined;
      }
      let text: string;
      try {
        text = await readFile(entry(key), 'utf8');
      } catch {
        // Missing or unreadable: a plain miss.
        misses++;
        return undefined;
      }
      const checked = schema.safeParse(parseJson(text));
      if (checked.success) {
        hits++;
        return checked.data;
      }
      damaged.add(key);
      misses++;
      return undefined;
    },
    async put(key, value) {
      if (root === undefined || failure !== undefined) return;
      if (!schema.safeParse(value).success) return;
      try {
        await writeFileAtomic(entry(key), `${JSON.stringify(value)}\n`);
      } catch (error) {
        failure = `${root}: cannot write the cache (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): continuing without it`;
      }
    },
    get failure() {
      return failure;
    },
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
    get damaged() {
      return damaged.size;
    },
    get damageNote() {
      if (damaged.size === 0 || root === undefined) return undefined;
      return `${root}: ${damaged.size === 1 ? '1 damaged cache entry was' : `${damaged.size} damaged cache entries were`} dropped and rebuilt from the files`;
    },
  };
}
