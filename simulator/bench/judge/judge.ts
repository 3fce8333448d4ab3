/**
 * The hindsight judge: what a real recording should have raised, read off
 * the whole recording (simulator/bench/judge/series.ts) against its ceilings.
 * It gives the same labels as a synthetic run's truth (simulator/synth/labels.ts:
 * overshoots with the moment each is clearly over, and grey time), so
 * simulator/bench/score.ts scores real and synthetic runs alike. It is an
 * instrument for comparing alerters on real data, not a target to tune to:
 * see docs/hindsight-judge.md.
 *
 * Each second, against the ceilings, with labels.ts's margins:
 *
 * - pace is over when grade-adjusted pace is faster than the ceiling; where
 *   only the grade makes it so (uphill, actual pace slower than the ceiling),
 *   it counts as over only when heart rate agrees that effort is up (within
 *   HR_AGREES_WITHIN_BPM of its ceiling, or unknown), as the mission has it;
 *   otherwise that second is grey;
 * - heart rate is over above its ceiling;
 * - no channel is judged before the guard may speak: pace before its
 *   paceWarmupMs of timer time, heart rate before hrWarmupMs (DEFAULT_TUNING).
 *   A channel over then makes the second grey;
 * - nothing is over while stopped (paused, no data, not moving): heart rate
 *   over then is grey;
 * - with neither channel known, the second is grey.
 *
 * Then pace in hindsight (confirmPace): a span of pace-over seconds stands
 * only if the distance the recording covered in all of it is clearly over
 * the ceiling by more than the recording's own spread (SPREAD_Z spreads), so
 * that GPS error lasting a window's length does not make an episode.
 *
 * Episodes are stretches of over seconds of OVERSHOOT_MIN_MS or more that get
 * clearly over. Each is first extended (back by LEAD_MARGIN_MS, since a
 * centred window sees a change that much before it happens; on by
 * SLOW_DOWN_TOLERANCE_MS), and only then are those whose extended spans touch
 * merged: no episode hides inside another's window, and none is split from
 * its neighbour by a dip shorter than the two margins.
 */
import type { Ceilings } from '../../../src/ceiling/ceiling.ts';
import { DEFAULT_TUNING } from '../../../src/guard/config.ts';
import type { OverCause } from '../../../src/guard/events.ts';
import {
  CLEARLY_OVER_HR_BPM,
  CLEARLY_OVER_PACE_SEC_PER_KM,
  CLEARLY_UNDER_HR_BPM,
  CLEARLY_UNDER_PACE_SEC_PER_KM,
  OVERSHOOT_MERGE_GAP_MS,
  OVERSHOOT_MIN_MS,
  type Interval,
  type Overshoot,
  type RunLabels,
} from '../../synth/labels.ts';
import { SLOW_DOWN_TOLERANCE_MS } from '../score.ts';
import { CENTRED_HALF_WINDOW_SEC, distanceSpeedSpreadMps, type JudgeSecond } from './series.ts';

export type JudgeCeilings = Required<Pick<Ceilings, 'paceCeilingSecPerKm' | 'hrCeilingBpm'>>;

/** A centred window of ± CENTRED_HALF_WINDOW_SEC crosses a step change up to that long before it: episodes start that much earlier. */
export const LEAD_MARGIN_MS = CENTRED_HALF_WINDOW_SEC * 1000;
/** Uphill, grade-adjusted pace over the ceiling counts when heart rate is within this of its ceiling (or above). */
export const HR_AGREES_WITHIN_BPM = 5;

export interface JudgeOptions {
  /** Timer time before the guard judges pace (DEFAULT_TUNING.paceWarmupMs). */
  readonly paceWarmupMs: number;
  /** Timer time before the guard judges heart rate (DEFAULT_TUNING.hrWarmupMs). */
  readonly hrWarmupMs: number;
}

export const GUARD_WARMUPS: JudgeOptions = {
  paceWarmupMs: DEFAULT_TUNING.paceWarmupMs,
  hrWarmupMs: DEFAULT_TUNING.hrWarmupMs,
};

/** What one second is, for the labels. */
export type Verdict =
  | { readonly kind: 'over'; readonly pace: boolean; readonly hr: boolean; readonly clearly: boolean }
  | { readonly kind: 'under'; readonly clearly: boolean }
  | { readonly kind: 'grey' };

type Channel = 'over' | 'clearly-over' | 'grey' | 'under' | 'clearly-under' | 'unknown';

function paceChannel(second: JudgeSecond, ceilings: JudgeCeilings, options: JudgeOptions): Channel {
  if (second.stopped) return 'clearly-under';
  const gap = second.gapSecPerKm;
  if (gap === undefined) return 'unknown';
  const marginSecPerKm = gap - ceilings.paceCeilingSecPerKm;
  if (marginSecPerKm >= 0) return marginSecPerKm >= CLEARLY_UNDER_PACE_SEC_PER_KM ? 'clearly-under' : 'under';
  if (second.timerMs < options.paceWarmupMs) return 'grey';
  const overByGradeOnly = (second.paceSecPerKm ?? 0) >= ceilings.paceCeilingSecPerKm;
  if (overByGradeOnly && second.hrBpm !== undefined && second.hrBpm < ceilings.hrCeilingBpm - HR_AGREES_WITHIN_BPM) return 'grey';
  return marginSecPerKm <= -CLEARLY_OVER_PACE_SEC_PER_KM ? 'clearly-over' : 'over';
}

function hrChannel(second: JudgeSecond, ceilings: JudgeCeilings, options: JudgeOptions): Channel {
  const hr = second.hrBpm;
  if (hr === undefined) return 'unknown';
  const marginBpm = hr - ceilings.hrCeilingBpm;
  if (marginBpm <= 0) return marginBpm <= -CLEARLY_UNDER_HR_BPM ? 'clearly-under' : 'under';
  if (second.stopped || second.timerMs < options.hrWarmupMs) return 'grey';
  return marginBpm >= CLEARLY_OVER_HR_BPM ? 'clearly-over' : 'over';
}

const isOver = (c: Channel): boolean => c === 'over' || c === 'clearly-over';

/** One second's verdict. Pure; table-tested. */
export function judgeSecond(second: JudgeSecond, ceilings: JudgeCeilings, options: JudgeOptions): Verdict {
  const pace = paceChannel(second, ceilings, options);
  const hr = hrChannel(second, ceilings, options);
  if (isOver(pace) || isOver(hr)) {
    return { kind: 'over', pace: isOver(pace), hr: isOver(hr), clearly: pace === 'clearly-over' || hr === 'clearly-over' };
  }
  if (pace === 'grey' || hr === 'grey' || (pace === 'unknown' && hr === 'unknown')) return { kind: 'grey' };
  const clearlyUnder = (c: Channel): boolean => c === 'clearly-under' || c === 'unknown';
  return { kind: 'under', clearly: clearlyUnder(pace) && clearlyUnder(hr) };
}

interface Episode {
  readonly first: number;
  readonly last: number;
  readonly clearlyOver: number;
  readonly pace: boolean;
  readonly hr: boolean;
}

/**
 * Raw episodes (index spans, inclusive), extended by `leadSec` before and
 * `tailSec` after, then merged where the extended spans overlap or touch.
 * Pure; table-tested.
 */
export function mergeExtended<T extends { first: number; last: number }>(
  episodes: readonly T[],
  leadSec: number,
  tailSec: number,
  merge: (a: T, b: T) => T,
): T[] {
  const merged: T[] = [];
  for (const episode of [...episodes].sort((a, b) => a.first - b.first)) {
    const previous = merged.at(-1);
    if (previous !== undefined && previous.last + tailSec >= episode.first - leadSec) {
      merged[merged.length - 1] = merge(previous, episode);
    } else {
      merged.push(episode);
    }
  }
  return merged;
}

function stretches(count: number, test: (i: number) => boolean): { first: number; last: number }[] {
  const out: { first: number; last: number }[] = [];
  for (let i = 0; i < count; i += 1) {
    if (!test(i)) continue;
    const open = out.at(-1);
    if (open !== undefined && open.last === i - 1) open.last = i;
    else out.push({ first: i, last: i });
  }
  return out;
}

/**
 * Grade-adjusted pace over seconds [first, last] read off the distance the
 * recording covered in them (each second's step weighted by its grade
 * factor), not by averaging windows: the whole stretch, so that GPS speed
 * error averages over all of it. Undefined without distance throughout or
 * with no distance covered. Pure; table-tested.
 */
export function stretchGapSecPerKm(seconds: readonly JudgeSecond[], first: number, last: number): number | undefined {
  let gapDistanceM = 0;
  for (let i = first; i <= last; i += 1) {
    const here = seconds[i];
    const next = seconds[i + 1];
    if (here?.distanceM === undefined || next?.distanceM === undefined) return undefined;
    const stepM = next.distanceM - here.distanceM;
    // Grade factor of this second: grade-adjusted over actual speed (1 on the flat or when stopped).
    const factor = here.gapSecPerKm !== undefined && here.paceSecPerKm !== undefined ? here.paceSecPerKm / here.gapSecPerKm : 1;
    gapDistanceM += stepM * factor;
  }
  if (gapDistanceM <= 0) return undefined;
  return ((last - first + 1) * 1000) / gapDistanceM;
}

/** How many of the recording's own spreads (distanceSpeedSpreadMps) a stretch's speed must stay over by: about 1 in 40 of its noise-only stretches get that far. */
export const SPREAD_Z = 2;

/**
 * A stretch at `gapSecPerKm` is clearly over the ceiling even when its speed
 * is SPREAD_Z spreads slower than read: the recording's own GPS error cannot
 * explain it away. Pure; table-tested.
 */
export function paceStillClearlyOver(gapSecPerKm: number, spreadMps: number, ceilings: JudgeCeilings): boolean {
  const lowSpeedMps = 1000 / gapSecPerKm - SPREAD_Z * spreadMps;
  return lowSpeedMps > 0 && 1000 / lowSpeedMps <= ceilings.paceCeilingSecPerKm - CLEARLY_OVER_PACE_SEC_PER_KM;
}

/**
 * The hindsight rule for pace: each stretch of seconds over on pace counts
 * only when its grade-adjusted pace read over the WHOLE stretch
 * (stretchGapSecPerKm) is clearly over the ceiling (CLEARLY_OVER_PACE_SEC_PER_KM).
 * A centred window is short enough for a recording's GPS speed error (which
 * lasts tens of seconds) to put it over; the whole stretch is as long as the
 * overshoot itself. Seconds of a stretch that fails lose their pace: over on
 * heart rate alone if heart rate is, else grey. Pure; table-tested.
 */
export function confirmPace(seconds: readonly JudgeSecond[], verdicts: readonly Verdict[], ceilings: JudgeCeilings): Verdict[] {
  const out = [...verdicts];
  const paceOver = (i: number): boolean => {
    const v = verdicts[i];
    return v?.kind === 'over' && v.pace;
  };
  const mergeGapSec = OVERSHOOT_MERGE_GAP_MS / 1000;
  const candidates = mergeExtended(stretches(verdicts.length, paceOver), 0, mergeGapSec, (a, b) => ({
    first: a.first,
    last: Math.max(a.last, b.last),
  }));
  for (const { first, last } of candidates) {
    const gap = stretchGapSecPerKm(seconds, first, last);
    const spreadMps = distanceSpeedSpreadMps(seconds, last - first + 1);
    if (gap !== undefined && spreadMps !== undefined && paceStillClearlyOver(gap, spreadMps, ceilings)) continue;
    for (let i = first; i <= last; i += 1) {
      if (!paceOver(i)) continue;
      const second = seconds[i];
      const hrMarginBpm = second?.hrBpm === undefined ? undefined : second.hrBpm - ceilings.hrCeilingBpm;
      const v = verdicts[i];
      out[i] =
        v?.kind === 'over' && v.hr && hrMarginBpm !== undefined
          ? { kind: 'over', pace: false, hr: true, clearly: hrMarginBpm >= CLEARLY_OVER_HR_BPM }
          : { kind: 'grey' };
    }
  }
  return out;
}

/** The labels of a recording judged in hindsight against `ceilings`. */
export function judgeRun(seconds: readonly JudgeSecond[], ceilings: JudgeCeilings, options: JudgeOptions = GUARD_WARMUPS): RunLabels {
  const verdicts = confirmPace(
    seconds,
    seconds.map((second) => judgeSecond(second, ceilings, options)),
    ceilings,
  );
  const at = (i: number): Verdict => verdicts[i] ?? { kind: 'grey' };
  const minSec = OVERSHOOT_MIN_MS / 1000;

  const overStretches = stretches(verdicts.length, (i) => at(i).kind === 'over');
  const raw: Episode[] = [];
  const marginal = new Array<boolean>(verdicts.length).fill(false);
  for (const { first, last } of overStretches) {
    let clearlyOver = -1;
    let pace = false;
    let hr = false;
    for (let i = first; i <= last; i += 1) {
      const v = at(i);
      if (v.kind !== 'over') continue;
      pace ||= v.pace;
      hr ||= v.hr;
      if (clearlyOver < 0 && v.clearly) clearlyOver = i;
    }
    if (last - first + 1 < minSec) continue;
    if (clearlyOver < 0) marginal.fill(true, first, last + 1);
    else raw.push({ first, last, clearlyOver, pace, hr });
  }
  const episodes = mergeExtended(raw, LEAD_MARGIN_MS / 1000, SLOW_DOWN_TOLERANCE_MS / 1000, (a, b) => ({
    first: a.first,
    last: Math.max(a.last, b.last),
    clearlyOver: Math.min(a.clearlyOver, b.clearlyOver),
    pace: a.pace || b.pace,
    hr: a.hr || b.hr,
  }));

  const msOf = (i: number): number => seconds[i]?.atMs ?? i * 1000;
  const inEpisode = new Array<boolean>(verdicts.length).fill(false);
  const overshoots = episodes.map((e): Overshoot => {
    const start = Math.max(0, e.first - LEAD_MARGIN_MS / 1000);
    inEpisode.fill(true, start, e.last + 1);
    const cause: OverCause = e.pace && e.hr ? 'both' : e.pace ? 'pace' : 'hr';
    return { startMs: msOf(start), clearlyOverMs: msOf(e.clearlyOver), endMs: msOf(e.last) + 1000, cause };
  });
  const grey = stretches(verdicts.length, (i) => {
    if (inEpisode[i] === true) return false;
    const v = at(i);
    return marginal[i] === true || v.kind === 'grey' || (v.kind === 'under' && !v.clearly) || (v.kind === 'over' && !v.clearly);
  }).map((s): Interval => ({ startMs: msOf(s.first), endMs: msOf(s.last) + 1000 }));
  return { durationMs: seconds.length * 1000, overshoots, grey };
}
