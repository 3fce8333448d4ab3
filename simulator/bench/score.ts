/**
 * Scores alert times against a run's labels (simulator/synth/labels.ts says
 * what overshoots and grey time are). Pure: numbers in, numbers out.
 *
 * - Each overshoot has a detection window from its start to SLOW_DOWN_TOLERANCE_MS
 *   after its end (the runner needs time to slow down), reaching back over the
 *   grey lead-in just before the start, at most LEAD_IN_MAX_MS (an alert while
 *   heart rate creeps up to the ceiling is not early). The first alert in the
 *   window detects it; an overshoot with none is missed.
 * - Detection delay runs from `clearlyOverMs`; an alert before it counts as 0 s.
 * - Every other alert in a window (repeats while still over) is fine.
 * - An alert outside every window and outside grey time is a false alarm. The
 *   rate is per hour of clean time: the run minus windows and grey time.
 * - Quantiles interpolate linearly between order statistics (numpy's default).
 */
import { quantile as quantileOf } from '../../src/calibrate/stats.ts';
import type { Interval, Overshoot, RunLabels } from '../synth/labels.ts';

export const SLOW_DOWN_TOLERANCE_MS = 20_000;
export const LEAD_IN_MAX_MS = 30_000;

export interface OvershootOutcome {
  readonly overshoot: Overshoot;
  /** First alert in the detection window, if any. */
  readonly detectedAtMs?: number;
  readonly delaySec?: number;
}

export interface RunScore {
  readonly outcomes: readonly OvershootOutcome[];
  readonly falseAlarmsMs: readonly number[];
  readonly alerts: number;
  readonly hours: number;
  /** Time that is neither in a detection window nor grey, in hours. */
  readonly cleanHours: number;
}

export interface Score {
  readonly runs: number;
  readonly overshoots: number;
  readonly detected: number;
  /** detected / overshoots; NaN without overshoots. */
  readonly recall: number;
  readonly delaysSec: readonly number[];
  readonly medianDelaySec: number;
  readonly p90DelaySec: number;
  readonly falseAlarms: number;
  readonly cleanHours: number;
  readonly falseAlarmsPerHour: number;
  readonly alerts: number;
  readonly hours: number;
  readonly alertsPerHour: number;
}

const MS_PER_HOUR = 3_600_000;

/** The detection window of each overshoot, in label order. */
export function detectionWindows(labels: RunLabels): Interval[] {
  return labels.overshoots.map((overshoot) => {
    const leadIn = labels.grey.find((g) => g.endMs === overshoot.startMs);
    const leadInMs = leadIn === undefined ? 0 : Math.min(LEAD_IN_MAX_MS, leadIn.endMs - leadIn.startMs);
    return { startMs: overshoot.startMs - leadInMs, endMs: overshoot.endMs + SLOW_DOWN_TOLERANCE_MS };
  });
}

const contains = (interval: Interval, atMs: number): boolean => atMs >= interval.startMs && atMs < interval.endMs;

/** Total length of the union of intervals clipped to [0, durationMs). */
function coveredMs(intervals: readonly Interval[], durationMs: number): number {
  const sorted = intervals
    .map((i) => ({ startMs: Math.max(0, i.startMs), endMs: Math.min(durationMs, i.endMs) }))
    .filter((i) => i.endMs > i.startMs)
    .sort((a, b) => a.startMs - b.startMs);
  let total = 0;
  let reachedMs = 0;
  for (const { startMs, endMs } of sorted) {
    const from = Math.max(startMs, reachedMs);
    if (endMs > from) total += endMs - from;
    reachedMs = Math.max(reachedMs, endMs);
  }
  return total;
}

export function scoreRun(labels: RunLabels, alertsMs: readonly number[]): RunScore {
  const sortedAlerts = [...alertsMs].sort((a, b) => a - b);
  const windows = detectionWindows(labels);
  const outcomes = labels.overshoots.map((overshoot, index): OvershootOutcome => {
    const window = windows[index];
    const detectedAtMs = window === undefined ? undefined : sortedAlerts.find((atMs) => contains(window, atMs));
    if (detectedAtMs === undefined) return { overshoot };
    return { overshoot, detectedAtMs, delaySec: Math.max(0, detectedAtMs - overshoot.clearlyOverMs) / 1000 };
  });
  const excused = [...windows, ...labels.grey];
  const falseAlarmsMs = sortedAlerts.filter((atMs) => !excused.some((interval) => contains(interval, atMs)));
  return {
    outcomes,
    falseAlarmsMs,
    alerts: sortedAlerts.length,
    hours: labels.durationMs / MS_PER_HOUR,
    cleanHours: (labels.durationMs - coveredMs(excused, labels.durationMs)) / MS_PER_HOUR,
  };
}

/** Quantile `q` in [0, 1] of `values`, interpolated linearly (type 7); NaN when empty, as the report prints it. */
export function quantile(values: readonly number[], q: number): number {
  return quantileOf(values, q) ?? NaN;
}

export function summarize(runs: readonly RunScore[]): Score {
  const outcomes = runs.flatMap((run) => run.outcomes);
  const delaysSec = outcomes.flatMap((o) => (o.delaySec === undefined ? [] : [o.delaySec]));
  const falseAlarms = runs.reduce((sum, run) => sum + run.falseAlarmsMs.length, 0);
  const cleanHours = runs.reduce((sum, run) => sum + run.cleanHours, 0);
  const alerts = runs.reduce((sum, run) => sum + run.alerts, 0);
  const hours = runs.reduce((sum, run) => sum + run.hours, 0);
  return {
    runs: runs.length,
    overshoots: outcomes.length,
    detected: delaysSec.length,
    recall: outcomes.length === 0 ? NaN : delaysSec.length / outcomes.length,
    delaysSec,
    medianDelaySec: quantile(delaysSec, 0.5),
    p90DelaySec: quantile(delaysSec, 0.9),
    falseAlarms,
    cleanHours,
    falseAlarmsPerHour: cleanHours > 0 ? falseAlarms / cleanHours : NaN,
    alerts,
    hours,
    alertsPerHour: hours > 0 ? alerts / hours : NaN,
  };
}
