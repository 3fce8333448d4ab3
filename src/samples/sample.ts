/**
 * What the guard reads: one timestamped sample from whatever sensors were
 * present, plus timer events. Every field but `atMs` is optional because real
 * recordings omit whole channels (treadmill: no position; HR-only watches: no
 * speed; some apps: positions only). A missing value means "not measured",
 * never zero.
 */
export interface Sample {
  readonly kind: 'sample';
  /** Event time in ms (epoch or run-relative); non-decreasing within a run. */
  readonly atMs: number;
  readonly hrBpm?: number;
  /** Instantaneous speed as the device reported it. */
  readonly speedMps?: number;
  /** Cumulative distance as the device reported it. */
  readonly distanceM?: number;
  readonly latDeg?: number;
  readonly lonDeg?: number;
  readonly altitudeM?: number;
  /** Full step rate (both feet), steps per minute. FIT records strides/min: the reader doubles it. */
  readonly cadenceSpm?: number;
}

/** The run's timer was stopped (auto-pause or the runner pressed stop) or started again. */
export interface TimerEvent {
  readonly kind: 'pause' | 'resume';
  readonly atMs: number;
}

/**
 * Stored inputs are all the guard reads: live, silence is a question asked of
 * the state at a moment (src/guard/silence.ts), never an input, so that a
 * stored run replays to the same events.
 */
export type GuardInput = Sample | TimerEvent;
