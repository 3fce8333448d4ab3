/** Which ceiling a slow-down is about. */
export type OverCause = 'pace' | 'hr' | 'both';
export type Sensor = 'hr' | 'pace';

export interface SlowDown {
  readonly kind: 'slow-down';
  readonly atMs: number;
  readonly cause: OverCause;
  /** 0 for the first alert of an overshoot, then 1, 2… for repeats. */
  readonly repeat: number;
  /** Conditioned actual pace, when moving with a pace signal. */
  readonly paceSecPerKm?: number;
  /** Grade-adjusted pace: what the pace ceiling is compared with. */
  readonly gapSecPerKm?: number;
  readonly hrBpm?: number;
  readonly paceCeilingSecPerKm?: number;
  readonly hrCeilingBpm?: number;
}

export interface BackUnder {
  readonly kind: 'back-under';
  readonly atMs: number;
  /** How long the overshoot lasted, from first alert to now. */
  readonly overForMs: number;
}

/**
 * One overshoot has held notRecoveryAfterMs of moving time: the run is no
 * longer a recovery run. Said at most once a run; after it the guard stays
 * quiet about that overshoot (no more repeats) until the runner is back
 * under, and later overshoots get their first slow-down only. See
 * docs/alert-policy.md.
 */
export interface NotRecovery {
  readonly kind: 'not-recovery';
  readonly atMs: number;
  /** What the overshoot is about now. */
  readonly cause: OverCause;
  /** Moving time inside this overshoot so far (from its first slow-down; stops not counted). */
  readonly movingOverMs: number;
}

export interface TimeUp {
  readonly kind: 'time-up';
  readonly atMs: number;
  readonly plannedMs: number;
}

export interface SignalLost {
  readonly kind: 'signal-lost';
  readonly atMs: number;
  readonly sensor: Sensor;
  /** `cadence-lock`: the optical sensor is reading the step rate, not the heart. */
  readonly reason: 'no-data' | 'cadence-lock';
}

export interface SignalBack {
  readonly kind: 'signal-back';
  readonly atMs: number;
  readonly sensor: Sensor;
}

/**
 * Early in the run, heart rate sits clearly above the runner's own curve for
 * this grade-adjusted pace: a sign of fatigue, heat or illness. The advice is
 * to cut the run short or rest.
 */
export interface Tired {
  readonly kind: 'tired';
  readonly atMs: number;
  /** Mean heart rate over the check, and what the runner's curve expected. */
  readonly hrBpm: number;
  readonly expectedHrBpm: number;
  readonly excessBpm: number;
}

export type GuardEvent = SlowDown | NotRecovery | BackUnder | TimeUp | SignalLost | SignalBack | Tired;
export type GuardEventKind = GuardEvent['kind'];
