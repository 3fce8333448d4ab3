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
 * the step rate. Within this many bpm of a running cadence a reading is not
 * believed; in an easy run the heart beats well below the step rate.
 */
export const CADENCE_LOCK_TOLERANCE_BPM = 3;
/** Cadences this high can be mistaken for heart rate. */
export const CADENCE_LOCK_MIN_SPM = 120;
/** Readings at the step rate for this long are reported as a lock. */
export const CADENCE_LOCK_MS = 8_000;

export interface HrState {
  readonly readings: TimeWindow;
  readonly lastAcceptedAtMs: number | undefined;
  readonly lastAcceptedBpm: number | undefined;
  /** A jump not yet believed: when it started and its level. */
  readonly pendingSinceMs: number | undefined;
  readonly pendingBpm: number | undefined;
  /** Start of the current run of readings at the step rate. */
  readonly cadenceMatchSinceMs: number | undefined;
}

export const INITIAL_HR_STATE: HrState = {
  readings: EMPTY_WINDOW,
  lastAcceptedAtMs: undefined,
  lastAcceptedBpm: undefined,
  pendingSinceMs: undefined,
  pendingBpm: undefined,
  cadenceMatchSinceMs: undefined,
};

// A jump pending or a cadence match is a rare path, first taken hours into a run (shape.ts).
widenOptionalNumbers(
  { readings: EMPTY_WINDOW, lastAcceptedAtMs: undefined, lastAcceptedBpm: undefined, pendingSinceMs: undefined, pendingBpm: undefined, cadenceMatchSinceMs: undefined },
  ['lastAcceptedAtMs', 'lastAcceptedBpm', 'pendingSinceMs', 'pendingBpm', 'cadenceMatchSinceMs'],
);

export interface HrRules {
  readonly hrWindowMs: number;
  readonly staleMs: number;
}

export function stepHeartRate(state: HrState, sample: Sample, rules: HrRules): HrState {
  const bpm = sample.hrBpm;
  const atMs = sample.atMs;
  const readings = expireReadings(state.readings, atMs, rules.hrWindowMs);
  if (bpm === undefined || !Number.isFinite(bpm) || bpm < HR_MIN_BPM || bpm > HR_MAX_BPM) {
    return readings === state.readings ? state : withReadings(state, readings, state.pendingSinceMs, state.pendingBpm, state.cadenceMatchSinceMs);
  }
  if (matchesCadence(bpm, sample.cadenceSpm)) {
    return withReadings(state, readings, state.pendingSinceMs, state.pendingBpm, state.cadenceMatchSinceMs ?? atMs);
  }
  if (!isJump(state, bpm, atMs, rules)) return accept(readings, bpm, atMs, rules);
  if (state.pendingBpm === undefined || state.pendingSinceMs === undefined || Math.abs(bpm - state.pendingBpm) > HR_JUMP_LEVEL_TOLERANCE_BPM) {
    return withReadings(state, readings, atMs, bpm, undefined);
  }
  // The new level held long enough: believe it from here on.
  if (atMs - state.pendingSinceMs >= HR_JUMP_CONFIRM_MS) return accept(readings, bpm, atMs, rules);
  return withReadings(state, readings, state.pendingSinceMs, state.pendingBpm, undefined);
}

/** The state with its window and its pending and cadence-match times replaced, the accepted reading kept; written out, not spread (one shape per sample's state). */
function withReadings(
  state: HrState,
  readings: TimeWindow,
  pendingSinceMs: number | undefined,
  pendingBpm: number | undefined,
  cadenceMatchSinceMs: number | undefined,
): HrState {
  return {
    readings,
    lastAcceptedAtMs: state.lastAcceptedAtMs,
    lastAcceptedBpm: state.lastAcceptedBpm,
    pendingSinceMs,
    pendingBpm,
    cadenceMatchSinceMs,
  };
}

function accept(readings: TimeWindow, bpm: number, atMs: number, rules: HrRules): HrState {
  return {
    readings: pushReading(readings, atMs, bpm, rules.hrWindowMs),
    lastAcceptedAtMs: atMs,
    lastAcceptedBpm: bpm,
    pendingSinceMs: undefined,
    pendingBpm: undefined,
    cadenceMatchSinceMs: undefined,
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

/** True once readings have sat on the step rate for CADENCE_LOCK_MS. */
export function isCadenceLocked(state: HrState, atMs: number): boolean {
  return state.cadenceMatchSinceMs !== undefined && atMs - state.cadenceMatchSinceMs >= CADENCE_LOCK_MS;
}

function matchesCadence(bpm: number, cadenceSpm: number | undefined): boolean {
  return (
    cadenceSpm !== undefined &&
    cadenceSpm >= CADENCE_LOCK_MIN_SPM &&
    Math.abs(bpm - cadenceSpm) <= CADENCE_LOCK_TOLERANCE_BPM
  );
}

function isJump(state: HrState, bpm: number, atMs: number, rules: HrRules): boolean {
  const lastAtMs = state.lastAcceptedAtMs;
  const lastBpm = state.lastAcceptedBpm;
  // After a dropout longer than the stale limit there is nothing to compare with: re-acquire.
  if (lastAtMs === undefined || lastBpm === undefined || atMs - lastAtMs > rules.staleMs) return false;
  const dtS = Math.max(1, (atMs - lastAtMs) / 1000);
  return Math.abs(bpm - lastBpm) > MAX_HR_CHANGE_BPM_PER_S * dtS + HR_JUMP_SLACK_BPM;
}
