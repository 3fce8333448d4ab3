/**
 * A trailing window of readings, (key, value) pairs with non-decreasing keys:
 * the last `span` of time (or of distance, for the grade's altitude profile).
 *
 * Persistent and cheap: windows share an append-only log. Pushing onto the
 * newest window appends in place; pushing onto an older window (a state
 * stepped twice, as tests and forks may do) copies its live part first, so
 * every window value keeps meaning what it meant. Step functions that hold
 * windows stay pure, and a replay does not copy arrays at every sample.
 */
class ReadingLog {
  readonly keys: Float64Array;
  readonly values: Float64Array;
  /** How far the log has been written; a window ending here may append in place. */
  length = 0;
  /**
   * The values of one window on this log, [sortedStart, sortedEnd), in order:
   * the last one a median was asked of. The log never rewrites a reading, so
   * the next window's order is this one's with a reading or two taken out and
   * put in, not a sort of the whole window at every sample.
   */
  sorted: Float64Array | undefined = undefined;
  sortedStart = 0;
  sortedEnd = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }
}

export interface TimeWindow {
  readonly log: ReadingLog | undefined;
  readonly start: number;
  readonly end: number;
}

export const EMPTY_WINDOW: TimeWindow = { log: undefined, start: 0, end: 0 };

/** Readings per log before its live part moves to a new one: big enough to amortise, small enough for a watch. */
const MIN_CAPACITY = 256;

/** Adds a reading at `key` and drops those at or before `key − span`. */
export function pushReading(window: TimeWindow, key: number, value: number, span: number): TimeWindow {
  let { log, start, end } = window;
  if (log === undefined || end !== log.length || end === log.keys.length) {
    // Not the newest window on its log, or the log is full: move the live part to a new log.
    const live = end - start;
    const fresh = new ReadingLog(Math.max(MIN_CAPACITY, live * 4));
    if (log !== undefined && live > 0) {
      fresh.keys.set(log.keys.subarray(start, end));
      fresh.values.set(log.values.subarray(start, end));
    }
    fresh.length = live;
    log = fresh;
    start = 0;
    end = live;
  }
  log.keys[end] = key;
  log.values[end] = value;
  end++;
  log.length = end;
  return { log, start: firstLive(log, start, end, key - span), end };
}

/** Drops readings at or before `key − span` without adding one. */
export function expireReadings(window: TimeWindow, key: number, span: number): TimeWindow {
  const { log, start, end } = window;
  if (log === undefined) return window;
  const first = firstLive(log, start, end, key - span);
  return first === start ? window : { log, start: first, end };
}

function firstLive(log: ReadingLog, start: number, end: number, oldestKey: number): number {
  let first = start;
  while (first < end && (log.keys[first] as number) <= oldestKey) first++;
  return first;
}

export function windowSize(window: TimeWindow): number {
  return window.end - window.start;
}

/**
 * Key and value of the oldest reading at or after `minKey`; undefined when
 * none is. A window pushed with span S at key k holds (k − S, k]; asked at a
 * later key k′ with minKey k′ − S, it answers with the readings still within
 * S of k′, however far apart they came.
 */
export function oldestReadingFrom(window: TimeWindow, minKey: number): { key: number; value: number } | undefined {
  const { log, start, end } = window;
  if (log === undefined) return undefined;
  let first = start;
  while (first < end && (log.keys[first] as number) < minKey) first++;
  if (first >= end) return undefined;
  return { key: log.keys[first] as number, value: log.values[first] as number };
}

/** Value of the newest reading still in the window if it was taken at `key` (just now); undefined otherwise. */
export function readingAt(window: TimeWindow, key: number): number | undefined {
  const { log, start, end } = window;
  if (log === undefined || start >= end || log.keys[end - 1] !== key) return undefined;
  return log.values[end - 1] as number;
}

/**
 * Median of the window's values, the lower middle one when the count is even;
 * undefined when empty. The lower middle is the cautious side for the guard:
 * a surge has to fill more than half the window to move it. Its cost: with
 * smart recording a 10 s window often holds two readings, and the slower one
 * is taken (pace reads up to about 2.5 % slow). Measured on the alert
 * benchmark, the usual mean of the two middles gives 3.7 false alarms an hour
 * against 3.1, twice as many on smart-recorded runs.
 */
export function windowMedian(window: TimeWindow): number | undefined {
  const { log, start, end } = window;
  if (log === undefined || end === start) return undefined;
  return sortedValues(log, start, end)[(end - start - 1) >> 1];
}

/** The window's values in order, in the log's `sorted` (valid up to the window's size). */
function sortedValues(log: ReadingLog, start: number, end: number): Float64Array {
  const sorted = (log.sorted ??= new Float64Array(log.keys.length));
  const values = log.values;
  let count = log.sortedEnd - log.sortedStart;
  // Moved on from the window sorted last time (the usual case: each sample
  // adds a reading and expires one): take out the expired, put in the new.
  let moved = start >= log.sortedStart && start <= log.sortedEnd && end >= log.sortedEnd;
  for (let i = log.sortedStart; moved && i < start; i++) {
    count = removeSorted(sorted, count, values[i] as number);
    if (count < 0) moved = false;
  }
  if (moved) {
    for (let i = log.sortedEnd; i < end; i++) count = insertSorted(sorted, count, values[i] as number);
  } else {
    // An older window, or one with nothing in common: sort it afresh.
    count = 0;
    for (let i = start; i < end; i++) count = insertSorted(sorted, count, values[i] as number);
  }
  log.sortedStart = start;
  log.sortedEnd = end;
  return sorted;
}

/** Inserts `value` into the first `count` sorted entries; the new count. */
function insertSorted(sorted: Float64Array, count: number, value: number): number {
  let j = count - 1;
  while (j >= 0 && (sorted[j] as number) > value) {
    sorted[j + 1] = sorted[j] as number;
    j--;
  }
  sorted[j + 1] = value;
  return count + 1;
}

/** Removes one entry equal to `value` from the first `count`; the new count, or −1 when none is (NaN). */
function removeSorted(sorted: Float64Array, count: number, value: number): number {
  let i = 0;
  while (i < count && sorted[i] !== value) i++;
  if (i === count) return -1;
  for (; i < count - 1; i++) sorted[i] = sorted[i + 1] as number;
  return count - 1;
}

/** Mean of the window's values; undefined when empty. */
export function windowMean(window: TimeWindow): number | undefined {
  const { log, start, end } = window;
  if (log === undefined || end === start) return undefined;
  let sum = 0;
  for (let i = start; i < end; i++) sum += log.values[i] as number;
  return sum / (end - start);
}
