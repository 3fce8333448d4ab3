/**
 * Ceilings for a real recording judged in hindsight, set from the run itself
 * (it has no runner's profile): the pace ceiling is the grade-adjusted pace
 * the runner was faster than for RUN_CEILING_SHARE_OVER of their moving time
 * after the pace warm-up (the 75th percentile of grade-adjusted speed), the
 * heart-rate ceiling the rate they were above for that share of their moving
 * time after the heart-rate warm-up (its 75th percentile). So every run has
 * something to detect, and each alerter is asked the same question of it.
 */
import { quantile } from '../../../src/calibrate/stats.ts';
import { GUARD_WARMUPS, type JudgeCeilings, type JudgeOptions } from './judge.ts';
import type { JudgeSecond } from './series.ts';

/** The share of moving time over each ceiling: the 75th percentile. */
export const RUN_CEILING_SHARE_OVER = 0.25;

/** The run's own ceilings, whole s/km and bpm; undefined when it has no moving pace or no heart rate. */
export function runCeilings(seconds: readonly JudgeSecond[], options: JudgeOptions = GUARD_WARMUPS): JudgeCeilings | undefined {
  const moving = seconds.filter((s) => !s.stopped);
  const gapSpeedsMps = moving.flatMap((s) =>
    s.gapSecPerKm === undefined || s.timerMs < options.paceWarmupMs ? [] : [1000 / s.gapSecPerKm],
  );
  const hrsBpm = moving.flatMap((s) => (s.hrBpm === undefined || s.timerMs < options.hrWarmupMs ? [] : [s.hrBpm]));
  const speedMps = quantile(gapSpeedsMps, 1 - RUN_CEILING_SHARE_OVER);
  const hrBpm = quantile(hrsBpm, 1 - RUN_CEILING_SHARE_OVER);
  if (speedMps === undefined || hrBpm === undefined || speedMps <= 0) return undefined;
  return { paceCeilingSecPerKm: Math.round(1000 / speedMps), hrCeilingBpm: Math.round(hrBpm) };
}
