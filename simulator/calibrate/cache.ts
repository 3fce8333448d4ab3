/**
 * Per-file extracts cached by content: the SHA-256 of a file's bytes names
 * its extract, so a renamed or copied file is still a hit, an edited one a
 * miss, and a second calibration decodes no FIT at all.
 *
 * ```
 * CACHE_DIR/extracts-v1/ab/ab34…ef.json     { "kind": "run", "facts": …, "stretches": […] }
 * ```
 *
 * The folder carries EXTRACT_VERSION: extracts made by other rules are never
 * read. Entries are written atomically (temp file, then rename), so a crash
 * leaves a whole entry or none; an entry that does not parse is a miss.
 * A cache that cannot be written is a note, never a failure.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { EXTRACT_VERSION, type ActivityExtract } from '../../src/calibrate/extract.ts';
import { writeFileAtomic } from './atomic.ts';

const Num = z.number();
const Stretch = z.strictObject({
  atTimerMs: Num,
  durationMs: Num,
  gapSpeedMps: Num,
  gapSeMps: Num,
  hrBpm: Num,
  gradePct: Num.exactOptional(),
});
const Facts = z.strictObject({
  startMs: Num,
  timerMs: Num,
  movingMs: Num,
  medianMovingSpeedMps: Num.exactOptional(),
  medianCadenceSpm: Num.exactOptional(),
  hrMs: Num,
  peakHrBpm: Num.exactOptional(),
  peakGapSpeedMps: Num.exactOptional(),
  peakAtTimerMs: Num.exactOptional(),
});
/** The cached extract: an edge (a file), so it is checked before it is believed. */
const Extract = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('run'), facts: Facts, stretches: z.array(Stretch), damage: z.string().exactOptional() }),
  z.strictObject({ kind: z.literal('skipped'), reason: z.enum(['unreadable', 'not-a-run', 'no-data', 'internal-error']), message: z.string() }),
]) satisfies z.ZodType<ActivityExtract>;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface ExtractCache {
  get(sha256: string): Promise<ActivityExtract | undefined>;
  put(sha256: string, extract: ActivityExtract): Promise<void>;
  /** Why writing stopped, once it has (the first failure); undefined while it works. */
  readonly failure: string | undefined;
  readonly hits: number;
  readonly misses: number;
}

export function openCache(dir: string | undefined): ExtractCache {
  const root = dir === undefined ? undefined : path.join(dir, `extracts-v${EXTRACT_VERSION}`);
  const entry = (sha: string): string => path.join(root as string, sha.slice(0, 2), `${sha}.json`);
  let failure: string | undefined;
  let hits = 0;
  let misses = 0;
  return {
    async get(sha) {
      if (root === undefined) {
        misses++;
        return undefined;
      }
      try {
        const checked = Extract.safeParse(JSON.parse(await readFile(entry(sha), 'utf8')));
        if (checked.success) {
          hits++;
          return checked.data;
        }
      } catch {
        // Missing or unreadable: a miss, like a damaged entry.
      }
      misses++;
      return undefined;
    },
    async put(sha, extract) {
      if (root === undefined || failure !== undefined) return;
      try {
        await writeFileAtomic(entry(sha), `${JSON.stringify(extract)}\n`);
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
  };
}
