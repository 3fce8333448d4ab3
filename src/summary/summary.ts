import { map, reduce, type OperatorFunction } from 'rxjs';
import type { GuardConfig } from '../guard/config.ts';
import type { OverCause } from '../guard/events.ts';
import type { GuardStep } from '../guard/step.ts';

/**
 * After the run: how much of it stayed under the ceiling, and a verdict in
 * plain words. Built by folding the same steps the guard decided on. Time over
 * the ceiling is the time inside overshoots the guard recognised (first
 * slow-down to back-under): a raw count of moments over the ceiling would
 * count GPS noise, and call honest easy runs near the ceiling moderate.
 */

/** A recovery run may spend at most this share of moving time over the ceiling and still count as easy. */
export const EASY_MAX_OVER_SHARE = 0.05;
/**
 * Aerobic decoupling above this (speed per beat falling from the first half to
 * the second) means heart rate drifted for the same effort: Friel's 5 % rule.
 */
export const DECOUPLING_NOTE_PCT = 5;

export interface RunSummary {
  readonly kind: 'summary';
  readonly movingMs: number;
  readonly timerMs: number;
  readonly overMs: { readonly pace: number; readonly hr: number; readonly both: number; readonly total: number };
  /** Share of moving time under both ceilings, 0..1; undefined without moving time. */
  readonly underShare?: number;
  readonly alerts: {
    readonly slowDown: number;
    readonly repeats: number;
    /** 0 or 1: the guard says not-recovery at most once a run. */
    readonly notRecovery: number;
    readonly signalLost: number;
    readonly timeUp: number;
    readonly tired: number;
  };
  /** (first-half speed per beat − second-half) / first-half, in %, grade-adjusted; undefined without both halves. */
  readonly decouplingPct?: number;
  readonly verdict: 'easy' | 'moderate' | 'unknown';
  readonly advice: string;
}

/** Sums of grade-adjusted speed and heart rate over one minute of timer time. */
interface MinuteSums {
  speedSum: number;
  hrSum: number;
  n: number;
}

/**
 * The running totals of one fold. Nobody sees its intermediate states, so it
 * is updated in place: `addStep` returns the same object. Each fold takes a
 * fresh one from `emptySummary()`.
 */
export interface SummaryAccumulator {
  movingMs: number;
  timerMs: number;
  overPaceMs: number;
  overHrMs: number;
  overBothMs: number;
  slowDown: number;
  repeats: number;
  notRecovery: number;
  signalLost: number;
  timeUp: number;
  /** How far above the runner's curve heart rate sat when the fatigue check said tired, bpm. */
  tiredExcessBpm: number | undefined;
  /** Moving samples with grade-adjusted speed and heart rate, summed per minute of timer time, for decoupling. */
  readonly minutes: MinuteSums[];
}

export function emptySummary(): SummaryAccumulator {
  return {
    movingMs: 0,
    timerMs: 0,
    overPaceMs: 0,
    overHrMs: 0,
    overBothMs: 0,
    slowDown: 0,
    repeats: 0,
    notRecovery: 0,
    signalLost: 0,
    timeUp: 0,
    tiredExcessBpm: undefined,
    minutes: [],
  };
}

/** Folds one step into the accumulator, in place. */
export function addStep(acc: SummaryAccumulator, step: GuardStep): SummaryAccumulator {
  const c = step.conditioned;
  const moving = !c.paused && c.moving && c.kind === 'sample';
  const dtMs = moving ? c.dtMs : 0;
  for (const event of step.events) {
    if (event.kind === 'slow-down') event.repeat === 0 ? acc.slowDown++ : acc.repeats++;
    else if (event.kind === 'not-recovery') acc.notRecovery++;
    else if (event.kind === 'signal-lost') acc.signalLost++;
    else if (event.kind === 'time-up') acc.timeUp++;
    else if (event.kind === 'tired') acc.tiredExcessBpm = event.excessBpm;
  }
  if (moving && c.gapSpeedMps !== undefined && c.hrBpm !== undefined) {
    const index = Math.floor(c.timerMs / 60_000);
    for (let i = acc.minutes.length; i <= index; i++) acc.minutes.push({ speedSum: 0, hrSum: 0, n: 0 });
    const bucket = acc.minutes[index] as MinuteSums;
    bucket.speedSum += c.gapSpeedMps;
    bucket.hrSum += c.hrBpm;
    bucket.n++;
  }
  acc.movingMs += dtMs;
  acc.timerMs = c.timerMs;
  if (step.overshoot === 'pace') acc.overPaceMs += dtMs;
  else if (step.overshoot === 'hr') acc.overHrMs += dtMs;
  else if (step.overshoot === 'both') acc.overBothMs += dtMs;
  return acc;
}

export function finishSummary(acc: SummaryAccumulator, config: GuardConfig): RunSummary {
  const total = acc.overPaceMs + acc.overHrMs + acc.overBothMs;
  const underShare = acc.movingMs > 0 ? 1 - total / acc.movingMs : undefined;
  const decouplingPct = decoupling(acc.minutes);
  const base = {
    kind: 'summary' as const,
    movingMs: acc.movingMs,
    timerMs: acc.timerMs,
    overMs: { pace: acc.overPaceMs, hr: acc.overHrMs, both: acc.overBothMs, total },
    ...(underShare !== undefined ? { underShare } : {}),
    alerts: {
      slowDown: acc.slowDown,
      repeats: acc.repeats,
      notRecovery: acc.notRecovery,
      signalLost: acc.signalLost,
      timeUp: acc.timeUp,
      tired: acc.tiredExcessBpm === undefined ? 0 : 1,
    },
    ...(decouplingPct !== undefined ? { decouplingPct } : {}),
  };
  const judged = verdictOf(base.overMs, underShare, decouplingPct, acc.timerMs, acc.tiredExcessBpm, config);
  return { ...base, ...judged };
}

/** The whole summary as an operator over the guard's steps. */
export function summarize(config: GuardConfig): OperatorFunction<GuardStep, RunSummary> {
  return (step$) =>
    step$.pipe(
      reduce((acc, step) => addStep(acc, step), emptySummary()),
      map((acc) => finishSummary(acc, config)),
    );
}

/** Ten minutes of moving data with heart rate is the least that says anything about drift. */
const DECOUPLING_MIN_MINUTES = 10;

function decoupling(minutes: readonly MinuteSums[]): number | undefined {
  const used = minutes.filter((m) => m.n > 0);
  if (used.length < DECOUPLING_MIN_MINUTES) return undefined;
  const mid = Math.floor(used.length / 2);
  const efFirst = efficiency(used.slice(0, mid));
  const efSecond = efficiency(used.slice(mid));
  return ((efFirst - efSecond) / efFirst) * 100;
}

/** Speed per beat (Friel's efficiency factor) over some minutes. */
function efficiency(minutes: readonly MinuteSums[]): number {
  let speedSum = 0;
  let hrSum = 0;
  for (const m of minutes) {
    speedSum += m.speedSum;
    hrSum += m.hrSum;
  }
  return speedSum / hrSum;
}

function verdictOf(
  overMs: RunSummary['overMs'],
  underShare: number | undefined,
  decouplingPct: number | undefined,
  timerMs: number,
  tiredExcessBpm: number | undefined,
  config: GuardConfig,
): Pick<RunSummary, 'verdict' | 'advice'> {
  if (underShare === undefined) {
    return { verdict: 'unknown', advice: 'Not enough moving data to judge this run.' };
  }
  const notes: string[] = [];
  if (tiredExcessBpm !== undefined) {
    notes.push(
      `Early on, heart rate ran ${Math.round(tiredExcessBpm)} bpm above your usual for this pace: if you are depleted, rest; rest recovers as well.`,
    );
  }
  if (config.plannedMs !== undefined && timerMs > config.plannedMs + 60_000) {
    notes.push(`It ran ${minutes(timerMs - config.plannedMs)} past the planned ${minutes(config.plannedMs)}: recovery runs are meant to be short.`);
  }
  if (decouplingPct !== undefined && decouplingPct > DECOUPLING_NOTE_PCT) {
    notes.push(
      `Heart rate drifted ${decouplingPct.toFixed(0)} % against pace from the first half to the second: heat, dehydration or fatigue.`,
    );
  }
  const overShare = 1 - underShare;
  if (overShare <= EASY_MAX_OVER_SHARE) {
    return { verdict: 'easy', advice: ['The run stayed easy: a real recovery run.', ...notes].join(' ') };
  }
  const mostly = dominantCause(overMs);
  const why = mostly === 'hr' ? 'heart rate' : mostly === 'pace' ? 'pace' : 'pace and heart rate';
  return {
    verdict: 'moderate',
    advice: [
      `This was a moderate run rather than a recovery run: ${(overShare * 100).toFixed(0)} % of moving time over the ceiling, mostly on ${why}.`,
      'Next time slow down, or rest: rest recovers as well.',
      ...notes,
    ].join(' '),
  };
}

function dominantCause(overMs: RunSummary['overMs']): OverCause {
  if (overMs.both >= overMs.pace && overMs.both >= overMs.hr) return 'both';
  return overMs.pace >= overMs.hr ? 'pace' : 'hr';
}

function minutes(ms: number): string {
  return `${Math.round(ms / 60_000)} min`;
}
