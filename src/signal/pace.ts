import type { Sample } from '../samples/sample.ts';
import { haversineM } from './geo.ts';
import { widenOptionalNumbers } from './shape.ts';
import { EMPTY_WINDOW, expireReadings, oldestReadingFrom, pushReading, readingAt, windowMedian, type TimeWindow } from './window.ts';

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
/**
 * A distance change over a gap longer than this says nothing about the
 * current pace. Smart recording and phone apps write a point every 1–10 s;
 * this leaves room for the sparsest of them and a skipped point.
 */
export const MAX_DERIVED_READING_GAP_MS = 15_000;
/**
 * Speed from positions alone is the straight line from the oldest fix at most
 * this long before the current one to it. Fix-to-fix steps of one second are
 * mostly jitter, and jitter only ever adds length: summed, they read 10–20 %
 * fast on a typical phone. Over 15 s the jitter is a few percent of the
 * distance, and a bend costs less. Fixes every 1–10 s all find one within it
 * (every 10 s: the previous fix); with none (a gap over 15 s) there is no
 * reading, as for distance (MAX_DERIVED_READING_GAP_MS).
 *
 * The window is measured back from the *current* fix. Measured from the
 * previous one (as the window keeps itself at each push), its oldest fix was
 * one spacing too old: fixes 2 s apart gave a 16 s chord, refused as a gap,
 * and a 2-second GPX had pace at only a few instants (issue #18).
 */
export const POSITION_BASELINE_MS = 15_000;

export interface PaceState {
  readonly readings: TimeWindow;
  readonly lastDistanceAtMs: number | undefined;
  readonly lastDistanceM: number | undefined;
  /** Recent fixes, oldest first: the chord from the oldest is the speed reading. */
  readonly latitudes: TimeWindow;
  readonly longitudes: TimeWindow;
  /** Time of the last accepted reading. */
  readonly lastValidAtMs: number | undefined;
}

export const INITIAL_PACE_STATE: PaceState = {
  readings: EMPTY_WINDOW,
  lastDistanceAtMs: undefined,
  lastDistanceM: undefined,
  latitudes: EMPTY_WINDOW,
  longitudes: EMPTY_WINDOW,
  lastValidAtMs: undefined,
};

// A distance or a position channel can start minutes in (shape.ts).
widenOptionalNumbers(
  { readings: EMPTY_WINDOW, lastDistanceAtMs: undefined, lastDistanceM: undefined, latitudes: EMPTY_WINDOW, longitudes: EMPTY_WINDOW, lastValidAtMs: undefined },
  ['lastDistanceAtMs', 'lastDistanceM', 'lastValidAtMs'],
);

export interface PaceRules {
  readonly paceWindowMs: number;
  readonly minMovingSpeedMps: number;
}

export function stepPace(state: PaceState, sample: Sample, rules: PaceRules): PaceState {
  const raw = rawReading(state, sample);
  const hasDistance = sample.distanceM !== undefined;
  // Positions are a reading only when speed and distance are absent; keeping
  // them otherwise would only cost time.
  const hasPosition =
    sample.latDeg !== undefined && sample.lonDeg !== undefined && sample.speedMps === undefined && !hasDistance;
  const accepted = raw !== undefined && isPlausible(raw, sample, rules);
  return {
    readings: accepted
      ? pushReading(state.readings, sample.atMs, raw, rules.paceWindowMs)
      : expireReadings(state.readings, sample.atMs, rules.paceWindowMs),
    lastDistanceAtMs: hasDistance ? sample.atMs : state.lastDistanceAtMs,
    lastDistanceM: hasDistance ? sample.distanceM : state.lastDistanceM,
    latitudes: hasPosition ? pushReading(state.latitudes, sample.atMs, sample.latDeg as number, POSITION_BASELINE_MS) : state.latitudes,
    longitudes: hasPosition ? pushReading(state.longitudes, sample.atMs, sample.lonDeg as number, POSITION_BASELINE_MS) : state.longitudes,
    lastValidAtMs: accepted ? sample.atMs : state.lastValidAtMs,
  };
}

/** The smoothed speed the guard judges, or undefined when there is no recent reading. */
export function smoothedSpeedMps(state: PaceState): number | undefined {
  return windowMedian(state.readings);
}

/**
 * How far the reading taken at `atMs` lies from the smoothed speed (the
 * window's median, as `smoothedSpeedMps` gave it), as a share of it;
 * undefined when no reading was taken then. Its usual size is how noisy the
 * GPS is: on the alert benchmark's runs a good watch scatters 3–4 %, a poor
 * one 7–9 %, a phone's positions 5–10 % (noise models calibrated on real
 * recordings: see simulator/synth/record.ts).
 */
export function readingScatterShare(state: PaceState, atMs: number, smoothedMps: number | undefined): number | undefined {
  const reading = readingAt(state.readings, atMs);
  return reading === undefined || smoothedMps === undefined || smoothedMps <= 0 ? undefined : (reading - smoothedMps) / smoothedMps;
}

function rawReading(state: PaceState, sample: Sample): number | undefined {
  if (sample.speedMps !== undefined) return sample.speedMps;
  if (sample.distanceM !== undefined) {
    if (state.lastDistanceM === undefined || state.lastDistanceAtMs === undefined) return undefined;
    return derivedSpeed(sample.distanceM - state.lastDistanceM, sample.atMs - state.lastDistanceAtMs);
  }
  if (sample.latDeg !== undefined && sample.lonDeg !== undefined) {
    const fromMs = sample.atMs - POSITION_BASELINE_MS;
    const lat = oldestReadingFrom(state.latitudes, fromMs);
    const lon = oldestReadingFrom(state.longitudes, fromMs);
    if (lat === undefined || lon === undefined) return undefined;
    const metres = haversineM(lat.value, lon.value, sample.latDeg, sample.lonDeg);
    // The chord spans at most the baseline, whatever the spacing of the fixes.
    return derivedSpeed(metres, sample.atMs - lat.key);
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
