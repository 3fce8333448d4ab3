import type { Sample } from '../samples/sample.ts';
import { haversineM } from './geo.ts';
import { EMPTY_WINDOW, pushReading, expireReadings, windowMedian, type TimeWindow } from './window.ts';

/**
 * Speed readings from whatever the device recorded, cleaned of what GPS does
 * wrong, then smoothed. A reading comes from the speed field if present, else
 * from the change in recorded distance, else from the change in position (some
 * apps record nothing else). The guard judges the median of the readings over
 * a trailing window: one or two multipath spikes cannot move a median.
 */

/**
 * No one runs a recovery run faster than this; a faster reading is a multipath
 * jump or the distance catch-up after a tunnel, not the runner.
 */
export const MAX_PLAUSIBLE_SPEED_MPS = 8;
/**
 * A step rate this high means the runner is running. Zero speed at a running
 * cadence is GPS lost (tunnel, underpass), not a stop: that reading is dropped.
 */
export const RUNNING_CADENCE_SPM = 140;
/** A distance or position change over a gap longer than this says nothing about the current pace. */
export const MAX_DERIVED_READING_GAP_MS = 15_000;

export interface PaceState {
  readonly readings: TimeWindow;
  readonly lastDistance?: { readonly atMs: number; readonly distanceM: number };
  readonly lastPosition?: { readonly atMs: number; readonly latDeg: number; readonly lonDeg: number };
  /** Time of the last accepted reading. */
  readonly lastValidAtMs?: number;
}

export const INITIAL_PACE_STATE: PaceState = { readings: EMPTY_WINDOW };

export interface PaceRules {
  readonly paceWindowMs: number;
  readonly minMovingSpeedMps: number;
}

export function stepPace(state: PaceState, sample: Sample, rules: PaceRules): PaceState {
  const raw = rawReading(state, sample);
  const next: PaceState = {
    ...state,
    ...(sample.distanceM !== undefined ? { lastDistance: { atMs: sample.atMs, distanceM: sample.distanceM } } : {}),
    ...(sample.latDeg !== undefined && sample.lonDeg !== undefined
      ? { lastPosition: { atMs: sample.atMs, latDeg: sample.latDeg, lonDeg: sample.lonDeg } }
      : {}),
  };
  if (raw === undefined || !isPlausible(raw, sample, rules)) {
    return { ...next, readings: expireReadings(state.readings, sample.atMs, rules.paceWindowMs) };
  }
  return {
    ...next,
    readings: pushReading(state.readings, sample.atMs, raw, rules.paceWindowMs),
    lastValidAtMs: sample.atMs,
  };
}

/** The smoothed speed the guard judges, or undefined when there is no recent reading. */
export function smoothedSpeedMps(state: PaceState): number | undefined {
  return windowMedian(state.readings);
}

function rawReading(state: PaceState, sample: Sample): number | undefined {
  if (sample.speedMps !== undefined) return sample.speedMps;
  if (sample.distanceM !== undefined) {
    const last = state.lastDistance;
    if (last === undefined) return undefined;
    return derivedSpeed(sample.distanceM - last.distanceM, sample.atMs - last.atMs);
  }
  if (sample.latDeg !== undefined && sample.lonDeg !== undefined) {
    const last = state.lastPosition;
    if (last === undefined) return undefined;
    const metres = haversineM(last.latDeg, last.lonDeg, sample.latDeg, sample.lonDeg);
    return derivedSpeed(metres, sample.atMs - last.atMs);
  }
  return undefined;
}

function derivedSpeed(metres: number, dtMs: number): number | undefined {
  // A distance that goes backwards is a device reset, and a change over a long
  // gap is an average of the past, not the current pace.
  if (dtMs <= 0 || dtMs > MAX_DERIVED_READING_GAP_MS || metres < 0) return undefined;
  return (metres * 1000) / dtMs;
}

function isPlausible(speedMps: number, sample: Sample, rules: PaceRules): boolean {
  if (!Number.isFinite(speedMps) || speedMps < 0 || speedMps > MAX_PLAUSIBLE_SPEED_MPS) return false;
  const running = sample.cadenceSpm !== undefined && sample.cadenceSpm >= RUNNING_CADENCE_SPM;
  return !(running && speedMps < rules.minMovingSpeedMps);
}
