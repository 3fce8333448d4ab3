/**
 * The pure scoring behind `paceguard tune`: one run's inputs and a guard
 * config in, the run's figures out. No clock, no files: a worker or a test
 * calls the same functions.
 *
 * Each run is first judged once against the profile's own ceilings (the
 * *reference*), so that what counts as "easy" or "over" never depends on the
 * setting being judged:
 *
 * - A minute of timer time is **over the reference** when its mean
 *   grade-adjusted speed (the guard's conditioned values, while moving) is
 *   faster than the pace ceiling's, or its mean heart rate is above the
 *   heart-rate ceiling. Nothing else: no evidence, no warm-up, no hysteresis.
 * - A run is **easy** when at most EASY_MAX_REFERENCE_OVER_SHARE of its moving
 *   time is over the reference (the summary's own bound for an easy run),
 *   **not easy** when at least NOT_EASY_MIN_REFERENCE_OVER_SHARE is, and
 *   **between** otherwise (counted in time over, not in the other columns:
 *   a setting should neither be praised nor blamed for a borderline run).
 *
 * Then each candidate replays the run and is scored by:
 * - `alerts`: slow-downs, repeats included (every one is a voice in the ear);
 * - `caughtMs`: reference-over moving time during which the guard held an
 *   overshoot (it had said slow down and not yet back under);
 * - `overMs`: the summary's time over the ceiling (its own ceilings).
 */
import type { GuardConfig } from '../guard/config.ts';
import { guardStep, INITIAL_GUARD_STATE, type GuardState } from '../guard/step.ts';
import type { GuardInput } from '../samples/sample.ts';
import { addStep, EASY_MAX_OVER_SHARE, emptySummary, finishSummary } from '../summary/summary.ts';
import type { Conditioned } from '../signal/condition.ts';

/** An easy run spends at most this share of moving time over the reference ceilings (the summary's easy bound, 5 %). */
export const EASY_MAX_REFERENCE_OVER_SHARE = EASY_MAX_OVER_SHARE;
/** A run is clearly not easy from this share of moving time over the reference ceilings (one minute in five). */
export const NOT_EASY_MIN_REFERENCE_OVER_SHARE = 0.2;

export type RunClass = 'easy' | 'not-easy' | 'between';

export interface Reference {
  readonly runClass: RunClass;
  readonly movingMs: number;
  /** Moving time over the reference ceilings. */
  readonly overMs: number;
  /** Per input: 1 when that input's moving time was over the reference. */
  readonly over: Uint8Array;
}

export interface RunFigures {
  readonly alerts: number;
  readonly caughtMs: number;
  readonly overMs: number;
}

export interface RunScore {
  readonly runClass: RunClass;
  readonly movingMs: number;
  readonly referenceOverMs: number;
  /** One per candidate config, in their order. */
  readonly figures: readonly RunFigures[];
}

/** The moving time an input adds, as the summary counts it. */
function movingDtMs(c: Conditioned): number {
  return !c.paused && c.moving && c.kind === 'sample' ? c.dtMs : 0;
}

export function classify(movingMs: number, overMs: number): RunClass {
  if (movingMs <= 0) return 'between';
  const share = overMs / movingMs;
  if (share <= EASY_MAX_REFERENCE_OVER_SHARE) return 'easy';
  if (share >= NOT_EASY_MIN_REFERENCE_OVER_SHARE) return 'not-easy';
  return 'between';
}

/** A minute of timer time: the reference judges the run minute by minute. */
export const REFERENCE_BLOCK_MS = 60_000;

interface Block {
  movingMs: number;
  gapMs: number;
  gapSumMpsMs: number;
  hrMs: number;
  hrSumBpmMs: number;
}

/**
 * Judges a run against the base config's ceilings, minute by minute: a
 * minute of timer time is over when its mean grade-adjusted speed is faster
 * than the pace ceiling's, or its mean heart rate above the heart-rate
 * ceiling (both means over moving time, of the guard's conditioned values).
 * A minute's mean leaves GPS noise out without any rule of the guard's.
 */
export function referenceOf(inputs: readonly GuardInput[], base: GuardConfig): Reference {
  const { paceCeilingSecPerKm, hrCeilingBpm } = base.ceilings;
  const fastestMps = paceCeilingSecPerKm === undefined ? Number.POSITIVE_INFINITY : 1000 / paceCeilingSecPerKm;
  const blockOf = new Int32Array(inputs.length).fill(-1);
  const blocks: Block[] = [];
  let state: GuardState = INITIAL_GUARD_STATE;
  inputs.forEach((input, i) => {
    state = guardStep(state, input, base);
    const c = (state.last as NonNullable<GuardState['last']>).conditioned;
    const dtMs = movingDtMs(c);
    if (dtMs === 0) return;
    const index = Math.floor(c.timerMs / REFERENCE_BLOCK_MS);
    for (let k = blocks.length; k <= index; k++) blocks.push({ movingMs: 0, gapMs: 0, gapSumMpsMs: 0, hrMs: 0, hrSumBpmMs: 0 });
    const block = blocks[index] as Block;
    blockOf[i] = index;
    block.movingMs += dtMs;
    if (c.gapSpeedMps !== undefined) {
      block.gapMs += dtMs;
      block.gapSumMpsMs += c.gapSpeedMps * dtMs;
    }
    if (c.hrBpm !== undefined) {
      block.hrMs += dtMs;
      block.hrSumBpmMs += c.hrBpm * dtMs;
    }
  });
  const blockOver = blocks.map(
    (b) =>
      (b.gapMs > 0 && b.gapSumMpsMs / b.gapMs > fastestMps) ||
      (hrCeilingBpm !== undefined && b.hrMs > 0 && b.hrSumBpmMs / b.hrMs > hrCeilingBpm),
  );
  const over = new Uint8Array(inputs.length);
  let movingMs = 0;
  let overMs = 0;
  for (const b of blocks) movingMs += b.movingMs;
  blocks.forEach((b, k) => {
    if (blockOver[k] === true) overMs += b.movingMs;
  });
  blockOf.forEach((k, i) => {
    if (k >= 0 && blockOver[k] === true) over[i] = 1;
  });
  return { runClass: classify(movingMs, overMs), movingMs, overMs, over };
}

/** One candidate on one run. */
export function scoreRun(inputs: readonly GuardInput[], config: GuardConfig, reference: Reference): RunFigures {
  let state: GuardState = INITIAL_GUARD_STATE;
  const summary = emptySummary();
  let alerts = 0;
  let caughtMs = 0;
  inputs.forEach((input, i) => {
    state = guardStep(state, input, config);
    const step = state.last as NonNullable<GuardState['last']>;
    addStep(summary, step);
    for (const event of step.events) if (event.kind === 'slow-down') alerts++;
    if (reference.over[i] === 1 && step.overshoot !== undefined) caughtMs += movingDtMs(step.conditioned);
  });
  return { alerts, caughtMs, overMs: finishSummary(summary, config).overMs.total };
}

/** A run judged by the base config, then scored by every candidate. */
export function scoreRunAll(inputs: readonly GuardInput[], base: GuardConfig, candidates: readonly GuardConfig[]): RunScore {
  const reference = referenceOf(inputs, base);
  return {
    runClass: reference.runClass,
    movingMs: reference.movingMs,
    referenceOverMs: reference.overMs,
    figures: candidates.map((config) => scoreRun(inputs, config, reference)),
  };
}
