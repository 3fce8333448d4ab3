/**
 * What a synthetic run should have raised, read off its physical truth.
 *
 * Every second of truth is one of three things against the scenario's ceilings:
 *
 * - over: grade-adjusted pace faster than the pace ceiling, or heart rate above
 *   the heart-rate ceiling;
 * - clearly over: GAP at least CLEARLY_OVER_PACE_SEC_PER_KM (10 s/km) faster
 *   than the ceiling, or heart rate at least CLEARLY_OVER_HR_BPM (3 bpm) above
 *   (for the delay, never before the run's quiet first minute, QUIET_START_MS);
 * - clearly under: GAP at least CLEARLY_UNDER_PACE_SEC_PER_KM (5 s/km) slower
 *   than the ceiling (or not moving) and heart rate at least
 *   CLEARLY_UNDER_HR_BPM (3 bpm) below its ceiling.
 *
 * An **overshoot** is a maximal stretch of over seconds lasting at least
 * OVERSHOOT_MIN_MS (30 s) that is clearly over at some moment; `clearlyOverMs`
 * is the first such moment, the one detection delay is measured from.
 * Overshoots less than OVERSHOOT_MERGE_GAP_MS apart are one overshoot: nobody
 * can be asked to hear a second alert after a few seconds' dip.
 * `cause` says which ceilings were crossed in it (`both` when each was, at some
 * moment, not necessarily together).
 *
 * **Grey** time is where no answer is wrong: seconds neither clearly under nor
 * clearly over (a few s/km or bpm around a ceiling; a guard reading a noisy
 * sensor cannot tell), and over-stretches of 30 s or more that never get
 * clearly over (marginal). Grey time excludes overshoots.
 *
 * Short stretches over the ceiling (surges of a few seconds) are neither: while
 * clearly over they are ordinary time, so an alert there is a false alarm; the
 * ramps into and out of them pass through grey.
 */
import type { ScenarioCeilings } from './scenario.ts';
import type { TruthSecond } from './physics.ts';
import type { OverCause } from '../../src/guard/events.ts';

export const OVERSHOOT_MIN_MS = 30_000;
export const OVERSHOOT_MERGE_GAP_MS = 20_000;
export const CLEARLY_OVER_PACE_SEC_PER_KM = 10;
export const CLEARLY_OVER_HR_BPM = 3;
export const CLEARLY_UNDER_PACE_SEC_PER_KM = 5;
export const CLEARLY_UNDER_HR_BPM = 3;
/**
 * The first minute of a run is quiet by design (issue #2: runners hate alerts
 * that fire in the first minute, while GPS settles and heart rate lags), so a
 * run that is over from its first steps is *clearly over*, for the delay, from
 * the end of that minute: the guard is asked to speak as soon as it may, not
 * before.
 */
export const QUIET_START_MS = 60_000;

/** Half-open: [startMs, endMs). */
export interface Interval {
  readonly startMs: number;
  readonly endMs: number;
}

export interface Overshoot extends Interval {
  /** First moment in the overshoot that is clearly over. */
  readonly clearlyOverMs: number;
  readonly cause: OverCause;
}

export interface RunLabels {
  readonly durationMs: number;
  readonly overshoots: readonly Overshoot[];
  /** Disjoint, ascending, never overlapping an overshoot. */
  readonly grey: readonly Interval[];
}

interface SecondState {
  readonly paceOver: boolean;
  readonly hrOver: boolean;
  readonly clearlyOver: boolean;
  readonly clearlyUnder: boolean;
}

function stateOf(second: TruthSecond, ceilings: ScenarioCeilings): SecondState {
  const gap = second.gapSecPerKm;
  const paceMarginSecPerKm = gap === undefined ? Infinity : gap - ceilings.paceCeilingSecPerKm;
  const hrMarginBpm = second.hrBpm - ceilings.hrCeilingBpm;
  return {
    paceOver: paceMarginSecPerKm < 0,
    hrOver: hrMarginBpm > 0,
    clearlyOver: paceMarginSecPerKm <= -CLEARLY_OVER_PACE_SEC_PER_KM || hrMarginBpm >= CLEARLY_OVER_HR_BPM,
    clearlyUnder: paceMarginSecPerKm >= CLEARLY_UNDER_PACE_SEC_PER_KM && hrMarginBpm <= -CLEARLY_UNDER_HR_BPM,
  };
}

interface Stretch {
  first: number;
  last: number;
}

/** Maximal runs of indices where `test` holds. */
function stretchesWhere(count: number, test: (index: number) => boolean): Stretch[] {
  const stretches: Stretch[] = [];
  let open: Stretch | undefined;
  for (let i = 0; i < count; i += 1) {
    if (!test(i)) {
      open = undefined;
    } else if (open === undefined) {
      open = { first: i, last: i };
      stretches.push(open);
    } else {
      open.last = i;
    }
  }
  return stretches;
}

export function labelTruth(truth: readonly TruthSecond[], ceilings: ScenarioCeilings): RunLabels {
  const states = truth.map((second) => stateOf(second, ceilings));
  const at = (index: number): SecondState => {
    const state = states[index];
    if (state === undefined) throw new RangeError(`no truth at second ${index}`);
    return state;
  };
  const msOf = (index: number): number => truth[index]?.atMs ?? index * 1000;

  const overStretches = stretchesWhere(states.length, (i) => at(i).paceOver || at(i).hrOver);
  const isOvershoot = (s: Stretch): boolean =>
    (s.last - s.first + 1) * 1000 >= OVERSHOOT_MIN_MS && states.slice(s.first, s.last + 1).some((x) => x.clearlyOver);

  const merged: Stretch[] = [];
  for (const stretch of overStretches.filter(isOvershoot)) {
    const previous = merged.at(-1);
    if (previous !== undefined && msOf(stretch.first) - msOf(previous.last + 1) < OVERSHOOT_MERGE_GAP_MS) {
      previous.last = stretch.last;
    } else {
      merged.push({ ...stretch });
    }
  }

  const inOvershoot = new Array<boolean>(states.length).fill(false);
  const overshoots = merged.map((s): Overshoot => {
    let paceOver = false;
    let hrOver = false;
    let clearlyOverIndex = -1;
    for (let i = s.first; i <= s.last; i += 1) {
      const state = at(i);
      inOvershoot[i] = true;
      paceOver ||= state.paceOver;
      hrOver ||= state.hrOver;
      if (clearlyOverIndex < 0 && state.clearlyOver) clearlyOverIndex = i;
    }
    return {
      startMs: msOf(s.first),
      clearlyOverMs: Math.max(msOf(clearlyOverIndex), msOf(0) + QUIET_START_MS),
      endMs: msOf(s.last) + 1000,
      cause: paceOver && hrOver ? 'both' : paceOver ? 'pace' : 'hr',
    };
  });

  const marginal = new Array<boolean>(states.length).fill(false);
  for (const s of overStretches) {
    if ((s.last - s.first + 1) * 1000 >= OVERSHOOT_MIN_MS && !isOvershoot(s)) marginal.fill(true, s.first, s.last + 1);
  }
  const grey = stretchesWhere(
    states.length,
    (i) => !inOvershoot[i] && (marginal[i] === true || (!at(i).clearlyOver && !at(i).clearlyUnder)),
  ).map((s): Interval => ({ startMs: msOf(s.first), endMs: msOf(s.last) + 1000 }));

  return { durationMs: truth.length * 1000, overshoots, grey };
}
