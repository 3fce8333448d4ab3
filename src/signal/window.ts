/**
 * A trailing time window of readings: the last `windowMs` of (atMs, value)
 * pairs. Immutable: `pushReading` returns a new window, so step functions that
 * hold one stay pure. Windows hold a few dozen readings at most (1 Hz over
 * ≤ 30 s), so copying is cheaper than it sounds.
 */
export interface TimeWindow {
  readonly atMs: readonly number[];
  readonly values: readonly number[];
}

export const EMPTY_WINDOW: TimeWindow = { atMs: [], values: [] };

/** Adds a reading and drops those older than `windowMs` before it. */
export function pushReading(window: TimeWindow, atMs: number, value: number, windowMs: number): TimeWindow {
  const oldestMs = atMs - windowMs;
  let start = 0;
  while (start < window.atMs.length && (window.atMs[start] ?? 0) <= oldestMs) start++;
  return {
    atMs: [...window.atMs.slice(start), atMs],
    values: [...window.values.slice(start), value],
  };
}

/** Drops readings older than `windowMs` before `atMs` without adding one. */
export function expireReadings(window: TimeWindow, atMs: number, windowMs: number): TimeWindow {
  const oldestMs = atMs - windowMs;
  let start = 0;
  while (start < window.atMs.length && (window.atMs[start] ?? 0) <= oldestMs) start++;
  return start === 0 ? window : { atMs: window.atMs.slice(start), values: window.values.slice(start) };
}

/** Median of the window's values; undefined when empty. */
export function windowMedian(window: TimeWindow): number | undefined {
  const n = window.values.length;
  if (n === 0) return undefined;
  const sorted = Float64Array.from(window.values).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Mean of the window's values; undefined when empty. */
export function windowMean(window: TimeWindow): number | undefined {
  const n = window.values.length;
  if (n === 0) return undefined;
  let sum = 0;
  for (const v of window.values) sum += v;
  return sum / n;
}
