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
 * leaves a whole entry or none. The cache is ours, but a disk, a crash or
 * another build can still damage it: every number is checked against what a
 * run can hold (src/fit/limits.ts: a plausible start, at most RUN_SPAN_MAX_MS
 * of time, no more stretches than fit in it), every message is one line, and
 * an entry that fails is a miss, rebuilt from its file and counted in
 * `damaged` (the command says so once). A cache that cannot be written is a
 * note, never a failure.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { EXTRACT_VERSION, type ActivityExtract } from '../../src/calibrate/extract.ts';
import { DELAY_GRID_SEC, TAU_GRID_SEC } from '../../src/calibrate/response.ts';
import { BLOCK_MS, MIN_STRETCH_BLOCKS } from '../../src/calibrate/stretches.ts';
import { PLAUSIBLE_FROM_MS, PLAUSIBLE_UNTIL_MS, RUN_SPAN_MAX_MS } from '../../src/fit/limits.ts';
import { writeFileAtomic } from './atomic.ts';

/** Bounds no extract of a real run leaves: wide, they only keep absurd numbers out of the maths. */
const within = (min: number, max: number): z.ZodNumber => z.number().min(min).max(max);
const TimeMs = within(0, RUN_SPAN_MAX_MS);
const SpeedMps = within(0, 1000);
const HrBpm = within(0, 1000);
/** A stretch lasts at least MIN_STRETCH_BLOCKS blocks, so no more than this many fit in a run. */
const STRETCHES_MAX = Math.ceil(RUN_SPAN_MAX_MS / (MIN_STRETCH_BLOCKS * BLOCK_MS));
/** One line of plain text (the command prints it as one), of a sane length. */
const Message = z.string().max(1000).regex(/^[^\u0000-\u001f\u007f]*$/);
const Stretch = z.strictObject({
  atTimerMs: TimeMs,
  durationMs: TimeMs,
  gapSpeedMps: SpeedMps,
  gapSeMps: SpeedMps,
  hrBpm: HrBpm,
  gradePct: within(-100, 100).exactOptional(),
});
const Facts = z.strictObject({
  startMs: within(PLAUSIBLE_FROM_MS, PLAUSIBLE_UNTIL_MS),
  timerMs: TimeMs,
  movingMs: TimeMs,
  medianMovingSpeedMps: SpeedMps.exactOptional(),
  medianCadenceSpm: within(0, 1000).exactOptional(),
  hrMs: TimeMs,
  peakHrBpm: HrBpm.exactOptional(),
  peakGapSpeedMps: SpeedMps.exactOptional(),
  peakAtTimerMs: TimeMs.exactOptional(),
});
/** A run's grid of losses (src/calibrate/response.ts): one finite number per (τ, delay) cell. */
const Response = z.strictObject({
  points: within(0, RUN_SPAN_MAX_MS / 1000),
  speedSpreadMps: SpeedMps,
  logMse: z.array(within(-100, 100)).length(TAU_GRID_SEC.length * DELAY_GRID_SEC.length),
});
/** At most one cadence block a minute of the run. */
const CadenceBlock = z.strictObject({ speedMps: SpeedMps, speedSeMps: SpeedMps, cadenceSpm: within(0, 1000) });
/** The cached extract: an edge (a file), so it is checked before it is believed. */
const Extract = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('run'),
    facts: Facts,
    stretches: z.array(Stretch).max(STRETCHES_MAX),
    response: Response.exactOptional(),
    cadenceBlocks: z.array(CadenceBlock).max(Math.ceil(RUN_SPAN_MAX_MS / BLOCK_MS)),
    damage: Message.exactOptional(),
  }),
  z.strictObject({ kind: z.literal('skipped'), reason: z.enum(['unreadable', 'not-a-run', 'no-data', 'internal-error']), message: Message }),
]) satisfies z.ZodType<ActivityExtract>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

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
  /** Entries that were there but damaged (not JSON, or not an extract a run can give): each read as a miss, and rebuilt by its put. */
  readonly damaged: number;
  /** One line for the runner when entries were damaged; undefined when none were. */
  readonly damageNote: string | undefined;
}

export function openCache(dir: string | undefined): ExtractCache {
  const root = dir === undefined ? undefined : path.join(dir, `extracts-v${EXTRACT_VERSION}`);
  const entry = (sha: string): string => path.join(root as string, sha.slice(0, 2), `${sha}.json`);
  let failure: string | undefined;
  let hits = 0;
  let misses = 0;
  const damaged = new Set<string>();
  return {
    async get(sha) {
      if (root === undefined) {
        misses++;
        return undefined;
      }
      let text: string;
      try {
        text = await readFile(entry(sha), 'utf8');
      } catch {
        // Missing or unreadable: a plain miss.
        misses++;
        return undefined;
      }
      const checked = Extract.safeParse(parseJson(text));
      if (checked.success) {
        hits++;
        return checked.data;
      }
      damaged.add(sha);
      misses++;
      return undefined;
    },
    async put(sha, extract) {
      if (root === undefined || failure !== undefined) return;
      // An extract the bounds would refuse on reading is not kept: it would read as damaged every time.
      if (!Extract.safeParse(extract).success) return;
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
    get damaged() {
      return damaged.size;
    },
    get damageNote() {
      if (damaged.size === 0 || root === undefined) return undefined;
      return `${root}: ${damaged.size === 1 ? '1 damaged cache entry was' : `${damaged.size} damaged cache entries were`} dropped and rebuilt from the files`;
    },
  };
}
