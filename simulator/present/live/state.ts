import type { Ceilings } from '../../../src/ceiling/ceiling.ts';
import type { GuardTuning } from '../../../src/guard/config.ts';
import type { GuardEvent, OverCause } from '../../../src/guard/events.ts';
import type { GuardStep } from '../../../src/guard/step.ts';
import type { ReplaySpeed } from '../../io/paced.ts';

/**
 * What the live view shows, folded from the guard's steps: the run clock, the
 * current pace and heart rate, the ceilings, the overshoot the guard holds,
 * the last event and how far the replay has got. Pure: `stepLive` returns a
 * new state, so a frame can be rendered from any state in a test table.
 */

/** How a value stands against its ceiling. `none`: no value, or no ceiling to compare with. */
export type Tone = 'under' | 'near' | 'over' | 'none';

/** How far under a ceiling a value is still "near" it. */
export interface NearMargins {
  readonly paceSecPerKm: number;
  readonly hrBpm: number;
}

/**
 * "Near" is where the guard itself does not yet call a value clear: pace
 * within the hysteresis (`paceHysteresisSecPerKm`, 5 s/km: not clear until
 * that much slower than the ceiling), heart rate within the larger of its
 * hysteresis (2 bpm) and the witness margin (`paceWitnessHrNearBpm`, 0 by
 * default: that close, heart rate already testifies to a pace overshoot). A profile's
 * `tuning` moves both, so the colours follow the guard the runner really has.
 */
export function nearMargins(tuning: GuardTuning): NearMargins {
  return {
    paceSecPerKm: tuning.paceHysteresisSecPerKm,
    hrBpm: Math.max(tuning.hrHysteresisBpm, tuning.paceWitnessHrNearBpm),
  };
}

/** Pace is compared grade-adjusted, as the guard compares it; a faster pace is a smaller number. */
export function paceTone(gapSecPerKm: number | undefined, ceilingSecPerKm: number | undefined, nearSecPerKm: number): Tone {
  if (gapSecPerKm === undefined || ceilingSecPerKm === undefined) return 'none';
  if (gapSecPerKm < ceilingSecPerKm) return 'over';
  return gapSecPerKm < ceilingSecPerKm + nearSecPerKm ? 'near' : 'under';
}

export function hrTone(hrBpm: number | undefined, ceilingBpm: number | undefined, nearBpm: number): Tone {
  if (hrBpm === undefined || ceilingBpm === undefined) return 'none';
  if (hrBpm > ceilingBpm) return 'over';
  return hrBpm >= ceilingBpm - nearBpm ? 'near' : 'under';
}

/** Playing; played to the end; stopped early by the user (Ctrl-C). */
export type LivePhase = 'playing' | 'finished' | 'interrupted';

export interface LiveState {
  readonly ceilings: Ceilings;
  readonly near: NearMargins;
  readonly speed: ReplaySpeed;
  /** Timestamp of the first input: the run clock counts from it, as the timeline's does. */
  readonly firstAtMs: number;
  /** Length of the recording, first input to last: the progress bar's 100 %. */
  readonly totalMs: number;
  /** Run clock: time of the latest step since the first input. */
  readonly elapsedMs: number;
  readonly paused: boolean;
  readonly moving: boolean;
  /** Grade-adjusted pace (what the pace ceiling is compared with); undefined when not moving or no pace. */
  readonly gapSecPerKm: number | undefined;
  /** Pace as recorded (conditioned, not grade-adjusted). */
  readonly paceSecPerKm: number | undefined;
  readonly hrBpm: number | undefined;
  /** The optical sensor is reading the step rate: the heart rate shown is not believed. */
  readonly hrCadenceLocked: boolean;
  /** The overshoot the guard holds (first slow-down to back-under), if any. */
  readonly overshoot: OverCause | undefined;
  readonly lastEvent: GuardEvent | undefined;
  readonly phase: LivePhase;
}

export interface LiveSetup {
  readonly ceilings: Ceilings;
  readonly near: NearMargins;
  readonly speed: ReplaySpeed;
  readonly firstAtMs: number;
  readonly lastAtMs: number;
}

export function initialLiveState(setup: LiveSetup): LiveState {
  return {
    ceilings: setup.ceilings,
    near: setup.near,
    speed: setup.speed,
    firstAtMs: setup.firstAtMs,
    totalMs: Math.max(0, setup.lastAtMs - setup.firstAtMs),
    elapsedMs: 0,
    paused: false,
    moving: false,
    gapSecPerKm: undefined,
    paceSecPerKm: undefined,
    hrBpm: undefined,
    hrCadenceLocked: false,
    overshoot: undefined,
    lastEvent: undefined,
    phase: 'playing',
  };
}

export function stepLive(state: LiveState, step: GuardStep): LiveState {
  const c = step.conditioned;
  // Pace means nothing while stopped or paused: the view shows none rather than a walking pace.
  const running = c.moving && !c.paused;
  return {
    ...state,
    elapsedMs: Math.max(0, c.atMs - state.firstAtMs),
    paused: c.paused,
    moving: c.moving,
    gapSecPerKm: running ? paceOf(c.gapSpeedMps) : undefined,
    paceSecPerKm: running ? paceOf(c.speedMps) : undefined,
    hrBpm: c.hrBpm,
    hrCadenceLocked: c.hrCadenceLocked,
    overshoot: step.overshoot,
    lastEvent: step.events.length > 0 ? step.events[step.events.length - 1] : state.lastEvent,
  };
}

function paceOf(speedMps: number | undefined): number | undefined {
  return speedMps !== undefined && speedMps > 0 ? 1000 / speedMps : undefined;
}
