import type { Sample } from '../samples/sample.ts';
import { widenOptionalNumbers } from './shape.ts';
import { EMPTY_WINDOW, pushReading, expireReadings, readingAt, windowMedian, type TimeWindow } from './window.ts';

/**
 * Heart-rate readings cleaned of what optical sensors do wrong, then smoothed
 * with a short median. A dropped reading stays missing: it is never zero.
 */

/** Readings outside this range are sensor faults (0 and 255 are common ones). */
export const HR_MIN_BPM = 30;
export const HR_MAX_BPM = 230;
/**
 * The heart speeds up or slows down at most a few beats per second, even at
 * the start of a sprint; a bigger change is the sensor, until the new level
 * has held for HR_JUMP_CONFIRM_MS.
 */
export const MAX_HR_CHANGE_BPM_PER_S = 4;
/** Allowance on top of the rate limit, for sensor quantisation and jitter. */
export const HR_JUMP_SLACK_BPM = 8;
/** A jumped-to level that holds this long is believed. */
export const HR_JUMP_CONFIRM_MS = 10_000;
/** A later reading within this of the jumped-to level keeps confirming it. */
export const HR_JUMP_LEVEL_TOLERANCE_BPM = 8;
/**
 * Cadence lock: the optical sensor reads the arm swing, so "heart rate" equals
 * the step rate. A reading within this many bpm of a running cadence is on the
 * step rate; it is a lock only with evidence (below), since in a hard run the
 * heart itself may beat at the step rate.
 */
export const CADENCE_LOCK_TOLERANCE_BPM = 3;
/** Cadences this high can be mistaken for heart rate. */
export const CADENCE_LOCK_MIN_SPM = 120;
/** Readings on the step rate, with lock evidence, for this long are reported as a lock. */
export const CADENCE_LOCK_MS = 8_000;
/**
 * Lock evidence, the second kind: a reading that copies the step rate's own
 * ups and downs keeps its difference from cadence within this many bpm from
 * one reading to the next (a sensor reading the arm swing copies it beat for
 * step; a heart near the step rate wanders on its own). The first kind is the
 * arrival: the reading came onto the step rate by a change no heart makes
 * (from the smoothed heart rate, more than MAX_HR_CHANGE_BPM_PER_S plus
 * HR_JUMP_SLACK_BPM).
 */
export const CADENCE_FOLLOW_WITHIN_BPM = 1;
/**
 * A reading that has copied this much of cadence's rises, and this much of its
 * falls (the sum of its changes bigger than CADENCE_FOLLOW_WITHIN_BPM,
 * steps/min, each way), without its difference from cadence moving is a lock.
 * A recorded cadence scatters about 1.5 steps/min a reading, both ways, so a
 * lock copies this in a few readings; a real heart near the step rate (a
 * Forerunner 70 run with a chest strap at 165–185 bpm) copied at most 4 in all
 * by chance, and a heart climbing with cadence in a sprint (a Forerunner 25
 * run) copies its rises only.
 */
export const CADENCE_FOLLOWED_SPM = 4;
/**
 * Hysteresis: a lock ends only at a reading this far from the step rate
 * (clearly the heart again), not at the first one just past the tolerance.
 */
export const CADENCE_LOCK_RELEASE_BPM = 8;

export interface HrState {
  readonly readings: TimeWindow;
  readonly lastAcceptedAtMs: number | undefined;
  readonly lastAcceptedBpm: number | undefined;
  /** A jump not yet believed: when it started and its level. */
  readonly pendingSinceMs: number | undefined;
  readonly pendingBpm: number | undefined;
  /** Start of the current run of readings at the step rate. */
  readonly cadenceMatchSinceMs: number | undefined;
  /** When that run showed lock evidence (an arrival by a jump, or copying cadence); undefined while it has none. */
  readonly cadenceLockSinceMs: number | undefined;
  /** The last reading of that run: its difference from cadence, and cadence. */
  readonly matchDiffBpm: number | undefined;
  readonly matchCadenceSpm: number | undefined;
  /** Cadence's rises and falls (steps/min) the run's readings have copied since their difference from it last moved. */
  readonly followedUpSpm: number;
  readonly followedDownSpm: number;
}

/** A state before any reading: a new object each call (the start, and the throwaway one below). */
function blankHrState(): HrState {
  return {
    readings: EMPTY_WINDOW,
    lastAcceptedAtMs: undefined,
    lastAcceptedBpm: undefined,
    pendingSinceMs: undefined,
    pendingBpm: undefined,
    cadenceMatchSinceMs: undefined,
    cadenceLockSinceMs: undefined,
    matchDiffBpm: undefined,
    matchCadenceSpm: undefined,
    followedUpSpm: 0,
    followedDownSpm: 0,
  };
}

export const INITIAL_HR_STATE: HrState = blankHrState();

// A jump pending or a cadence match is a rare path, first taken hours into a run (shape.ts).
widenOptionalNumbers(blankHrState(), [
  'lastAcceptedAtMs',
  'lastAcceptedBpm',
  'pendingSinceMs',
  'pendingBpm',
  'cadenceMatchSinceMs',
  'cadenceLockSinceMs',
  'matchDiffBpm',
  'matchCadenceSpm',
]);

export interface HrRules {
  readonly hrWindowMs: number;
  readonly staleMs: number;
}

export function stepHeartRate(state: HrState, sample: Sample, rules: HrRules): HrState {
  const bpm = sample.hrBpm;
  const atMs = sample.atMs;
  const readings = expireReadings(state.readings, atMs, rules.hrWindowMs);
  if (bpm === undefined || !Number.isFinite(bpm) || bpm < HR_MIN_BPM || bpm > HR_MAX_BPM) {
    return readings === state.readings ? state : withReadings(state, readings, state.pendingSinceMs, state.pendingBpm, state);
  }
  const match = stepCadenceMatch(state, bpm, sample.cadenceSpm, atMs, rules);
  // On the step rate with lock evidence: not the heart.
  if (match.cadenceLockSinceMs !== undefined) return withReadings(state, readings, state.pendingSinceMs, state.pendingBpm, match);
  if (!isJump(state, bpm, atMs, rules)) return accept(readings, bpm, atMs, rules, match);
  if (state.pendingBpm === undefined || state.pendingSinceMs === undefined || Math.abs(bpm - state.pendingBpm) > HR_JUMP_LEVEL_TOLERANCE_BPM) {
    return withReadings(state, readings, atMs, bpm, match);
  }
  // The new level held long enough: believe it from here on.
  if (atMs - state.pendingSinceMs >= HR_JUMP_CONFIRM_MS) return accept(readings, bpm, atMs, rules, match);
  return withReadings(state, readings, state.pendingSinceMs, state.pendingBpm, match);
}

/** The cadence-match fields of HrState: the run of readings on the step rate and its lock evidence. */
type CadenceMatch = Pick<HrState, 'cadenceMatchSinceMs' | 'cadenceLockSinceMs' | 'matchDiffBpm' | 'matchCadenceSpm' | 'followedUpSpm' | 'followedDownSpm'>;

const NO_MATCH: CadenceMatch = {
  cadenceMatchSinceMs: undefined,
  cadenceLockSinceMs: undefined,
  matchDiffBpm: undefined,
  matchCadenceSpm: undefined,
  followedUpSpm: 0,
  followedDownSpm: 0,
};

/**
 * The run of readings on the step rate after this reading, and whether it is
 * a lock: it arrived by a jump no heart makes, or it has copied
 * CADENCE_FOLLOWED_SPM of cadence's rises and as much of its falls. A lock ends only at a reading
 * CADENCE_LOCK_RELEASE_BPM off the step rate (or no running cadence); a run
 * with no evidence ends at the first reading past the tolerance.
 */
function stepCadenceMatch(
  state: HrState,
  bpm: number,
  cadenceSpm: number | undefined,
  atMs: number,
  rules: HrRules,
): CadenceMatch {
  if (cadenceSpm === undefined || cadenceSpm < CADENCE_LOCK_MIN_SPM) return NO_MATCH;
  const diffBpm = bpm - cadenceSpm;
  const locked = state.cadenceLockSinceMs !== undefined;
  if (Math.abs(diffBpm) > (locked ? CADENCE_LOCK_RELEASE_BPM : CADENCE_LOCK_TOLERANCE_BPM)) return NO_MATCH;
  const sinceMs = state.cadenceMatchSinceMs;
  if (sinceMs === undefined || state.matchDiffBpm === undefined || state.matchCadenceSpm === undefined) {
    // Arriving on the step rate: by a jump no heart makes, or at the heart's own pace.
    return { cadenceMatchSinceMs: atMs, cadenceLockSinceMs: arrivesByJump(state, bpm, atMs, rules) ? atMs : undefined, matchDiffBpm: diffBpm, matchCadenceSpm: cadenceSpm, followedUpSpm: 0, followedDownSpm: 0 };
  }
  const copied = Math.abs(diffBpm - state.matchDiffBpm) <= CADENCE_FOLLOW_WITHIN_BPM;
  // Only a move bigger than the slack can be seen copied: a steady reading (a heart at its maximum) "copies" a 1-step wobble.
  const movedSpm = cadenceSpm - state.matchCadenceSpm;
  const followedUpSpm = !copied ? 0 : movedSpm > CADENCE_FOLLOW_WITHIN_BPM ? state.followedUpSpm + movedSpm : state.followedUpSpm;
  const followedDownSpm = !copied ? 0 : -movedSpm > CADENCE_FOLLOW_WITHIN_BPM ? state.followedDownSpm - movedSpm : state.followedDownSpm;
  const follows = followedUpSpm >= CADENCE_FOLLOWED_SPM && followedDownSpm >= CADENCE_FOLLOWED_SPM;
  const lockSinceMs = state.cadenceLockSinceMs ?? (follows ? atMs : undefined);
  return { cadenceMatchSinceMs: sinceMs, cadenceLockSinceMs: lockSinceMs, matchDiffBpm: diffBpm, matchCadenceSpm: cadenceSpm, followedUpSpm, followedDownSpm };
}

/** The state with its window, its pending jump and its cadence match replaced, the accepted reading kept; written out, not spread (one shape per sample's state). */
function withReadings(
  state: HrState,
  readings: TimeWindow,
  pendingSinceMs: number | undefined,
  pendingBpm: number | undefined,
  match: CadenceMatch,
): HrState {
  return {
    readings,
    lastAcceptedAtMs: state.lastAcceptedAtMs,
    lastAcceptedBpm: state.lastAcceptedBpm,
    pendingSinceMs,
    pendingBpm,
    cadenceMatchSinceMs: match.cadenceMatchSinceMs,
    cadenceLockSinceMs: match.cadenceLockSinceMs,
    matchDiffBpm: match.matchDiffBpm,
    matchCadenceSpm: match.matchCadenceSpm,
    followedUpSpm: match.followedUpSpm,
    followedDownSpm: match.followedDownSpm,
  };
}

function accept(readings: TimeWindow, bpm: number, atMs: number, rules: HrRules, match: CadenceMatch): HrState {
  return {
    readings: pushReading(readings, atMs, bpm, rules.hrWindowMs),
    lastAcceptedAtMs: atMs,
    lastAcceptedBpm: bpm,
    pendingSinceMs: undefined,
    pendingBpm: undefined,
    cadenceMatchSinceMs: match.cadenceMatchSinceMs,
    cadenceLockSinceMs: match.cadenceLockSinceMs,
    matchDiffBpm: match.matchDiffBpm,
    matchCadenceSpm: match.matchCadenceSpm,
    followedUpSpm: match.followedUpSpm,
    followedDownSpm: match.followedDownSpm,
  };
}

/** The smoothed heart rate the guard judges, or undefined when there is no recent reading. */
export function smoothedHrBpm(state: HrState): number | undefined {
  return windowMedian(state.readings);
}

/**
 * How far the reading accepted at `atMs` lies from the smoothed heart rate
 * (bpm); undefined when none was accepted then. Its usual size is how noisy
 * the sensor is: a chest strap's readings sit within about half a beat of
 * their median (mostly whole-beat rounding), an optical sensor's 1.5–2.5 bpm
 * off it. A real climb moves the median with the readings and adds little.
 */
export function readingScatterBpm(state: HrState, atMs: number, smoothedBpm: number | undefined): number | undefined {
  const reading = readingAt(state.readings, atMs);
  return reading === undefined || smoothedBpm === undefined ? undefined : reading - smoothedBpm;
}

/** True once readings with lock evidence have sat on the step rate for CADENCE_LOCK_MS. */
export function isCadenceLocked(state: HrState, atMs: number): boolean {
  return state.cadenceLockSinceMs !== undefined && state.cadenceMatchSinceMs !== undefined && atMs - state.cadenceMatchSinceMs >= CADENCE_LOCK_MS;
}

/** The last reading sat on the step rate with lock evidence: the sensor's, not the heart's (not believed), from the first such reading on. */
export function readsStepRate(state: HrState): boolean {
  return state.cadenceLockSinceMs !== undefined;
}

/**
 * The reading is farther from the smoothed heart rate than a heart moves in
 * the time since the last believed reading (isJump's bound). Measured from the
 * median, not the last reading: one reading off (a dip of 12 bpm in a Suunto
 * trail run) makes the next, back at the heart's level, no jump. The median
 * as of the last reading: with 5 s recording the window may have emptied since.
 */
function arrivesByJump(state: HrState, bpm: number, atMs: number, rules: HrRules): boolean {
  const lastAtMs = state.lastAcceptedAtMs;
  const medianBpm = windowMedian(state.readings);
  if (lastAtMs === undefined || medianBpm === undefined || atMs - lastAtMs > rules.staleMs) return false;
  const dtS = Math.max(1, (atMs - lastAtMs) / 1000);
  return Math.abs(bpm - medianBpm) > MAX_HR_CHANGE_BPM_PER_S * dtS + HR_JUMP_SLACK_BPM;
}

function isJump(state: HrState, bpm: number, atMs: number, rules: HrRules): boolean {
  const lastAtMs = state.lastAcceptedAtMs;
  const lastBpm = state.lastAcceptedBpm;
  // After a dropout longer than the stale limit there is nothing to compare with: re-acquire.
  if (lastAtMs === undefined || lastBpm === undefined || atMs - lastAtMs > rules.staleMs) return false;
  const dtS = Math.max(1, (atMs - lastAtMs) / 1000);
  return Math.abs(bpm - lastBpm) > MAX_HR_CHANGE_BPM_PER_S * dtS + HR_JUMP_SLACK_BPM;
}
