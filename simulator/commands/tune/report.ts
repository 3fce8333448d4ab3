/** The printed side of `paceguard tune`: the run counts, one row per setting, the recommendation. */
import { formatPace } from '../../../src/samples/pace.ts';
import type { GuardConfig } from '../../../src/guard/config.ts';
import type { Candidate } from '../../../src/tune/grid.ts';
import type { Recommendation, RunCounts, SettingRow } from '../../../src/tune/recommend.ts';
import { EASY_MAX_REFERENCE_OVER_SHARE, NOT_EASY_MIN_REFERENCE_OVER_SHARE } from '../../../src/tune/score.ts';

const pct = (share: number): string => `${Math.round(share * 100)} %`;
const mmss = (ms: number): string => `${Math.floor(ms / 60_000)}:${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}`;
const minutes = (ms: number): string => `${Math.round(ms / 60_000)} min`;

export function describeCandidate(c: Candidate): string {
  return [
    ...(c.marginSecPerKm === undefined ? [] : [`margin ${c.marginSecPerKm} s/km`]),
    `evidence ${c.paceEvidenceSecPerKmS}`,
    `repeat ${mmss(c.repeatMs)}`,
    `warm-up ${mmss(c.paceWarmupMs)}/${mmss(c.hrWarmupMs)}`,
  ].join(', ');
}

function ceilingText(base: GuardConfig): string {
  const { paceCeilingSecPerKm, hrCeilingBpm } = base.ceilings;
  return [
    ...(paceCeilingSecPerKm === undefined ? [] : [`pace ${formatPace(paceCeilingSecPerKm)} /km`]),
    ...(hrCeilingBpm === undefined ? [] : [`heart rate ${hrCeilingBpm} bpm`]),
  ].join(', ');
}

/** The table; the same text whatever the number of threads (tests compare it). */
export function tuneTable(rows: readonly SettingRow[], recommended: number): string[] {
  const hasMargin = rows.some((r) => r.candidate.marginSecPerKm !== undefined);
  const header = [
    '  ',
    ...(hasMargin ? ['margin'.padStart(7)] : []),
    'evidence'.padStart(9),
    'repeat'.padStart(7),
    'warm-up'.padStart(12),
    'easy alerts/h'.padStart(14),
    'caught'.padStart(7),
    'alerted'.padStart(8),
    'over'.padStart(8),
  ].join('');
  const lines = [header];
  rows.forEach((r, i) => {
    const c = r.candidate;
    const mark = i === recommended ? '*' : c.current ? '=' : ' ';
    lines.push(
      [
        `${mark} `,
        ...(hasMargin ? [(c.marginSecPerKm === undefined ? '' : String(c.marginSecPerKm)).padStart(7)] : []),
        String(c.paceEvidenceSecPerKmS).padStart(9),
        mmss(c.repeatMs).padStart(7),
        `${mmss(c.paceWarmupMs)}/${mmss(c.hrWarmupMs)}`.padStart(12),
        (r.easyAlertsPerHour === undefined ? '-' : r.easyAlertsPerHour.toFixed(1)).padStart(14),
        (r.caughtShare === undefined ? '-' : pct(r.caughtShare)).padStart(7),
        String(r.alertedRuns).padStart(8),
        minutes(r.overMs).padStart(8),
      ].join(''),
    );
  });
  return lines;
}

/**
 * Below either, the recommendation is not to be trusted. The choice turns on
 * alerts per hour on easy runs, where settings differ by a few tenths of an
 * alert an hour: under 5 hours of running, one chance alert moves a rate by
 * 0.2 an hour or more and can flip the choice. And under 10 runs, one odd run
 * (a hot day, a strap that spiked, a run misjudged as easy) is a tenth or more
 * of all the evidence.
 */
export const TRUST_MIN_RUNS = 10;
export const TRUST_MIN_MOVING_MS = 5 * 3_600_000;

/** What the recommendation rests on: the usable runs and their moving time. */
export interface Evidence {
  readonly runs: number;
  readonly movingMs: number;
}

const hours = (ms: number): string => `${(ms / 3_600_000).toFixed(1)} h`;

/** True when the runs are too few, or too short in all, to trust the recommendation (TRUST_MIN_RUNS, TRUST_MIN_MOVING_MS). */
export function tooFewToTrust(evidence: Evidence): boolean {
  return evidence.runs < TRUST_MIN_RUNS || evidence.movingMs < TRUST_MIN_MOVING_MS;
}

/** "rests on 12 runs, 7.5 h of moving time" */
export function restsOnText(evidence: Evidence): string {
  return `rests on ${evidence.runs} ${evidence.runs === 1 ? 'run' : 'runs'}, ${hours(evidence.movingMs)} of moving time`;
}

/** The warning when the evidence is thin, for stderr; undefined when it is enough. */
export function tooFewWarning(evidence: Evidence): string | undefined {
  if (!tooFewToTrust(evidence)) return undefined;
  return (
    `the recommendation ${restsOnText(evidence)}: too few to trust (it needs at least ${TRUST_MIN_RUNS} runs and ` +
    `${hours(TRUST_MIN_MOVING_MS)}; one odd run can change it); tune again when the history is longer`
  );
}

export function tuneReport(base: GuardConfig, counts: RunCounts, fileLine: string, rows: readonly SettingRow[], rec: Recommendation, evidence: Evidence): string[] {
  const chosen = rows[rec.index] as SettingRow;
  return [
    `Tuning on ${counts.easy + counts.notEasy + counts.between} runs: ${counts.easy} easy, ${counts.notEasy} not easy, ${counts.between} in between`,
    `  ${fileLine}`,
    `  judged against the profile's ceilings (${ceilingText(base)}): easy when at most ${pct(EASY_MAX_REFERENCE_OVER_SHARE)} of moving time is over them,`,
    `  not easy from ${pct(NOT_EASY_MIN_REFERENCE_OVER_SHARE)}`,
    '',
    ...tuneTable(rows, rec.index),
    '',
    '  margin: s/km from easy pace to the pace ceiling; evidence: s/km·s of pace over the ceiling before an alert;',
    '  warm-up: no pace / heart-rate alerts before it; easy alerts/h: slow-downs (repeats too) per hour on easy runs;',
    `  caught: share of the over-ceiling running on not-easy runs after a slow-down; alerted: not-easy runs (of ${counts.notEasy}) with one;`,
    '  over: the summaries\' time over the ceiling, all runs.  * recommended  = current',
    '',
    `Recommended: ${describeCandidate(chosen.candidate)}${chosen.candidate.current ? ' (the current setting)' : ''}`,
    `  because: ${rec.reason}`,
    `  ${restsOnText(evidence)}${tooFewToTrust(evidence) ? ': too few to trust (see the warning)' : ''}`,
  ];
}
