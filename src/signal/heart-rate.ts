import type { Sample } from '../samples/sample.ts';
import { EMPTY_WINDOW, pushReading, expireReadings, windowMedian, type TimeWindow } from './window.ts';

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
  readonly lastAccepted?: { readonly atMs: number; readonly bpm: number };
  /** A jump not yet believed: its level and when it started. */
  readonly pendingJump?: { readonly sinceMs: number; readonly bpm: number };
  /** Start of the current run of readings at the step rate. */
  readonly cadenceMatchSinceMs?: number;
}

export const INITIAL_HR_STATE: HrState = { readings: EMPTY_WINDOW };

export interface HrRules {
  readonly hrWindowMs: number;
  readonly staleMs: number;
}

export function stepHeartRate(state: HrState, sample: Sample, rules: HrRules): HrState {
  const bpm = sample.hrBpm;
  const expired = expireReadings(state.readings, sample.atMs, rules.hrWindowMs);
  if (bpm === undefined || !Number.isFinite(bpm) || bpm < HR_MIN_BPM || bpm > HR_MAX_BPM) {
    return expired === state.readings ? state : { ...state, readings: expired };
  }
  if (matchesCadence(bpm, sample.cadenceSpm)) {
    return {
      ...state,
      readings: expired,
      cadenceMatchSinceMs: state.cadenceMatchSinceMs ?? sample.atMs,
    };
  }
  const { cadenceMatchSinceMs: _ended, ...rest } = state;
  const base: HrState = { ...rest, readings: expired };
  if (isJump(base, bpm, sample.atMs, rules)) return followJump(base, bpm, sample.atMs, rules);
  const { pendingJump: _confirmed, ...accepted } = base;
  return {
    ...accepted,
    readings: pushReading(expired, sample.atMs, bpm, rules.hrWindowMs),
    lastAccepted: { atMs: sample.atMs, bpm },
  };
}

/** The smoothed heart rate the guard judges, or undefined when there is no recent reading. */
export function smoothedHrBpm(state: HrState): number | undefined {
  return windowMedian(state.readings);
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
  const last = state.lastAccepted;
  // After a dropout longer than the stale limit there is nothing to compare with: re-acquire.
  if (last === undefined || atMs - last.atMs > rules.staleMs) return false;
  const dtS = Math.max(1, (atMs - last.atMs) / 1000);
  return Math.abs(bpm - last.bpm) > MAX_HR_CHANGE_BPM_PER_S * dtS + HR_JUMP_SLACK_BPM;
}

function followJump(state: HrState, bpm: number, atMs: number, rules: HrRules): HrState {
  const pending = state.pendingJump;
  if (pending === undefined || Math.abs(bpm - pending.bpm) > HR_JUMP_LEVEL_TOLERANCE_BPM) {
    return { ...state, pendingJump: { sinceMs: atMs, bpm } };
  }
  if (atMs - pending.sinceMs < HR_JUMP_CONFIRM_MS) return state;
  // The new level held: believe it from here on.
  const { pendingJump: _done, ...rest } = state;
  return {
    ...rest,
    readings: pushReading(state.readings, atMs, bpm, rules.hrWindowMs),
    lastAccepted: { atMs, bpm },
  };
}
