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
import path from 'node:path';
import * as z from 'zod';
import type { ActivityExtract } from '../../../src/calibrate/extract.ts';
// Not from extract.ts: that would load the decoders and the FIT SDK on a warm run.
import { EXTRACT_VERSION } from '../../../src/calibrate/extract-version.ts';
import { DELAY_GRID_SEC, TAU_GRID_SEC } from '../../../src/calibrate/response.ts';
import { BLOCK_MS, MIN_STRETCH_BLOCKS } from '../../../src/calibrate/stretches.ts';
import { PLAUSIBLE_FROM_MS, PLAUSIBLE_UNTIL_MS, RUN_SPAN_MAX_MS } from '../../../src/fit/limits.ts';
import { openEntryCache, type EntryCache } from '../../io/cache/entry-cache.ts';

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

export { sha256Hex } from '../../io/cache/entry-cache.ts';

/** The mechanism (atomic entries, damaged ones counted and rebuilt) is simulator/io/cache/entry-cache.ts's. */
export type ExtractCache = EntryCache<ActivityExtract>;

export function openCache(dir: string | undefined): ExtractCache {
  return openEntryCache(dir === undefined ? undefined : path.join(dir, `extracts-v${EXTRACT_VERSION}`), Extract);
}
