/**
 * Per-run scores → one row per setting, and the one setting to recommend.
 *
 * Recommendation rule: among the settings that catch at least
 * CATCH_TARGET_SHARE of the over-ceiling running on not-easy runs, the one
 * with the fewest alerts per hour on easy runs; ties go to the higher catch,
 * then to the profile's current setting, then to grid order (which lists
 * wider margins and smaller evidence later, so earlier is not favoured by
 * design: it is only a stable order). Without any not-easy run, catch cannot
 * be judged: the fewest alerts on easy runs wins. When no setting reaches the
 * target, the highest catch wins (ties: fewest alerts).
 */
import type { Candidate } from './grid.ts';
import type { RunScore } from './score.ts';

/** A setting must catch at least this share of the over-ceiling running on not-easy runs. */
export const CATCH_TARGET_SHARE = 0.6;

export interface RunCounts {
  readonly easy: number;
  readonly notEasy: number;
  readonly between: number;
  readonly easyMovingMs: number;
  readonly notEasyOverMs: number;
}

export interface SettingRow {
  readonly candidate: Candidate;
  /** Slow-downs (repeats included) per hour of moving time on easy runs; undefined without easy runs. */
  readonly easyAlertsPerHour: number | undefined;
  /** Share of reference-over time on not-easy runs inside an overshoot; undefined without not-easy runs. */
  readonly caughtShare: number | undefined;
  /** Not-easy runs with at least one slow-down. */
  readonly alertedRuns: number;
  /** The summaries' time over the ceiling, all runs. */
  readonly overMs: number;
}

export interface Recommendation {
  readonly index: number;
  readonly reason: string;
}

export function countRuns(runs: readonly RunScore[]): RunCounts {
  let easy = 0;
  let notEasy = 0;
  let easyMovingMs = 0;
  let notEasyOverMs = 0;
  for (const r of runs) {
    if (r.runClass === 'easy') {
      easy++;
      easyMovingMs += r.movingMs;
    } else if (r.runClass === 'not-easy') {
      notEasy++;
      notEasyOverMs += r.referenceOverMs;
    }
  }
  return { easy, notEasy, between: runs.length - easy - notEasy, easyMovingMs, notEasyOverMs };
}

export function settingRows(runs: readonly RunScore[], candidates: readonly Candidate[]): SettingRow[] {
  const counts = countRuns(runs);
  return candidates.map((candidate, k) => {
    let easyAlerts = 0;
    let caughtMs = 0;
    let alertedRuns = 0;
    let overMs = 0;
    for (const run of runs) {
      const f = run.figures[k];
      if (f === undefined) throw new Error(`run scored for ${run.figures.length} settings, expected ${candidates.length}`);
      overMs += f.overMs;
      if (run.runClass === 'easy') easyAlerts += f.alerts;
      else if (run.runClass === 'not-easy') {
        caughtMs += f.caughtMs;
        if (f.alerts > 0) alertedRuns++;
      }
    }
    return {
      candidate,
      easyAlertsPerHour: counts.easyMovingMs > 0 ? easyAlerts / (counts.easyMovingMs / 3_600_000) : undefined,
      caughtShare: counts.notEasyOverMs > 0 ? caughtMs / counts.notEasyOverMs : undefined,
      alertedRuns,
      overMs,
    };
  });
}

const pct = (share: number): string => `${Math.round(share * 100)} %`;
const perHour = (n: number): string => `${n.toFixed(1)} alerts/h`;

export function recommend(rows: readonly SettingRow[]): Recommendation {
  if (rows.length === 0) throw new Error('recommend: no settings');
  const alerts = (r: SettingRow): number => r.easyAlertsPerHour ?? 0;
  const caught = (r: SettingRow): number => r.caughtShare ?? 0;
  const best = (indices: readonly number[], better: (a: SettingRow, b: SettingRow) => number): number =>
    indices.reduce((winner, i) => (better(rows[i] as SettingRow, rows[winner] as SettingRow) < 0 ? i : winner));
  const byAlertsThenCatch = (a: SettingRow, b: SettingRow): number =>
    alerts(a) - alerts(b) || caught(b) - caught(a) || Number(b.candidate.current) - Number(a.candidate.current);
  const all = rows.map((_, i) => i);

  if (rows.every((r) => r.caughtShare === undefined)) {
    const index = best(all, byAlertsThenCatch);
    const row = rows[index] as SettingRow;
    const easyPart = row.easyAlertsPerHour === undefined ? 'no easy run either: kept the quietest setting' : `fewest alerts on easy runs (${perHour(alerts(row))})`;
    return { index, reason: `no run in the history was clearly over the ceiling, so catching cannot be judged; ${easyPart}` };
  }
  const enough = all.filter((i) => caught(rows[i] as SettingRow) >= CATCH_TARGET_SHARE);
  if (enough.length > 0) {
    const index = best(enough, byAlertsThenCatch);
    const row = rows[index] as SettingRow;
    const target = `${pct(CATCH_TARGET_SHARE)} of the over-ceiling running`;
    if (row.easyAlertsPerHour === undefined) {
      return { index, reason: `no easy run to count alerts on: the highest catch (${pct(caught(row))}) of the ${enough.length} settings that catch at least ${target}` };
    }
    return {
      index,
      reason: `fewest alerts on easy runs (${perHour(alerts(row))}) among the ${enough.length} settings that catch at least ${target} (this one ${pct(caught(row))})`,
    };
  }
  const index = best(all, (a, b) => caught(b) - caught(a) || byAlertsThenCatch(a, b));
  const row = rows[index] as SettingRow;
  return {
    index,
    reason: `no setting catches ${pct(CATCH_TARGET_SHARE)} of the over-ceiling running; this one catches the most (${pct(caught(row))})`,
  };
}
