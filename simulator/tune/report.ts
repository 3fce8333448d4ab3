/** The printed side of `paceguard tune`: the run counts, one row per setting, the recommendation. */
import { formatPace } from '../../src/samples/pace.ts';
import type { GuardConfig } from '../../src/guard/config.ts';
import type { Candidate } from '../../src/tune/grid.ts';
import type { Recommendation, RunCounts, SettingRow } from '../../src/tune/recommend.ts';
import { EASY_MAX_REFERENCE_OVER_SHARE, NOT_EASY_MIN_REFERENCE_OVER_SHARE } from '../../src/tune/score.ts';

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

export function tuneReport(base: GuardConfig, counts: RunCounts, fileLine: string, rows: readonly SettingRow[], rec: Recommendation): string[] {
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
  ];
}
