/**
 * The readable report of a calibration: what it rests on, each estimate with
 * how sure it is, the ceiling and whether its two halves agree on the
 * runner's own curve, and a chart. Lines stay within 80 columns.
 */
import path from 'node:path';
import { CONSISTENCY_AT_TIMER_MIN, type Calibration } from '../../../src/calibrate/calibrate.ts';
import { curveHrBpm } from '../../../src/calibrate/curve.ts';
import { RECOVERY_HRMAX_FRACTION, RECOVERY_HRR_FRACTION } from '../../../src/ceiling/ceiling.ts';
import { formatPace, paceToSpeed, speedToPace } from '../../../src/samples/pace.ts';
import { renderChart } from './chart.ts';

export interface FileCounts {
  readonly files: number;
  readonly runs: number;
  readonly unreadable: number;
  readonly notRuns: number;
  readonly noData: number;
  readonly duplicates: number;
  /** Files in the folders that are not FIT, GPX or TCX, left alone. */
  readonly ignored: number;
  /** Of `files`, those named as GPX or TCX. */
  readonly trackFiles: number;
  readonly fromCache: number;
}

const LABEL = 14;
const line = (label: string, text: string): string => `${label.padEnd(LABEL)}${text}`;
const more = (text: string): string => `${' '.repeat(LABEL)}${text}`;
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const signed = (value: number, decimals: number): string => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(decimals)}`;

/** What the files were: "20 FIT files: 11 runs, 2 not runs, 6 unreadable, 1 duplicate" (or "20 files (5 GPX/TCX): …"). */
export function fileLine(counts: FileCounts): string {
  const parts = [plural(counts.runs, 'run')];
  if (counts.notRuns > 0) parts.push(`${counts.notRuns} not ${counts.notRuns === 1 ? 'a run' : 'runs'}`);
  if (counts.noData > 0) parts.push(`${counts.noData} without pace or heart rate`);
  if (counts.unreadable > 0) parts.push(`${counts.unreadable} unreadable`);
  if (counts.duplicates > 0) parts.push(plural(counts.duplicates, 'duplicate'));
  const what =
    counts.trackFiles === 0
      ? plural(counts.files, 'FIT file')
      : counts.trackFiles === counts.files
        ? plural(counts.files, 'GPX/TCX file')
        : `${plural(counts.files, 'file')} (${counts.trackFiles} GPX/TCX)`;
  return `${what}: ${parts.join(', ')}`;
}

/** Files counted in `counts` that gave no run: everything but the runs. */
export function skippedCount(counts: FileCounts): number {
  return counts.notRuns + counts.noData + counts.unreadable + counts.duplicates;
}

/**
 * The skipped files counted by reason, for stderr: "skipped 40 files: 31 not
 * runs (walks, rides, other sports), 6 without pace or heart rate, 3
 * unreadable — see --verbose". Undefined when none was skipped. When
 * `everyOneListed` (--verbose, or only files the runner named), the notes
 * were printed, so the pointer to them is left out.
 */
export function skippedLine(counts: FileCounts, everyOneListed: boolean): string | undefined {
  const total = skippedCount(counts);
  if (total === 0) return undefined;
  const parts: string[] = [];
  if (counts.notRuns > 0) parts.push(`${counts.notRuns} not ${counts.notRuns === 1 ? 'a run' : 'runs'} (walks, rides, other sports)`);
  if (counts.noData > 0) parts.push(`${counts.noData} without pace or heart rate`);
  if (counts.unreadable > 0) parts.push(`${counts.unreadable} unreadable`);
  if (counts.duplicates > 0) parts.push(plural(counts.duplicates, 'duplicate'));
  return `skipped ${plural(total, 'file')}: ${parts.join(', ')}${everyOneListed ? '' : ' — see --verbose'}`;
}

export function ignoredLine(counts: FileCounts): string | undefined {
  return counts.ignored > 0 ? `${plural(counts.ignored, 'other file')} in the folders left alone (not .fit, .gpx, .tcx or .zip)` : undefined;
}

export function calibrationReport(calibration: Calibration, counts: FileCounts): string[] {
  const { easyPace, maxHr, curve, ceiling } = calibration;
  const lines: string[] = [];
  lines.push(
    `From ${plural(calibration.runsWithStretches, 'run')} with steady running ` +
      `(${plural(calibration.stretchCount, 'stretch', 'stretches')}), ${day(calibration.firstStartMs)} to ${day(calibration.lastStartMs)}`,
  );
  lines.push(`  ${fileLine(counts)}`);
  const ignored = ignoredLine(counts);
  if (ignored !== undefined) lines.push(`  ${ignored}`);
  if (counts.fromCache > 0) lines.push(`  ${counts.fromCache} of ${counts.files} read from the cache`);
  lines.push('');

  lines.push(line('Easy pace', `${formatPace(easyPace.secPerKm)} /km  (90 %: ${formatPace(easyPace.interval.lo)} to ${formatPace(easyPace.interval.hi)})`));
  lines.push(more(`median steady pace of ${plural(easyPace.runCount, 'run')} (${plural(easyPace.stretchCount, 'stretch', 'stretches')})`));
  if (easyPace.band === 'applied' && easyPace.aboveBandStretches > 0) {
    lines.push(more(`${plural(easyPace.aboveBandStretches, 'harder stretch', 'harder stretches')} (tempo, race) left out`));
  }

  if (maxHr === undefined) lines.push(line('Highest HR', 'none held for 20 s'));
  else {
    const text = `${maxHr.bpm} bpm, held 20 s on ${day(maxHr.startMs)}`;
    const name = path.basename(maxHr.file);
    const whole = line('Highest HR', `${text} (${name})`);
    if (whole.length <= 80) lines.push(whole);
    else lines.push(line('Highest HR', text), more(`in ${name}`));
  }
  const ceilingMax = calibration.ceilingMaxHr;
  if (maxHr !== undefined && ceilingMax?.source !== 'history') {
    lines.push(more(ceilingMax === undefined ? 'no maximum: see the warning' : `no maximum: using ${ceilingMax.bpm} bpm from the profile`));
  }
  lines.push(
    line('Resting HR', calibration.restHrBpm === undefined ? 'not given (--rest-hr BPM: ceiling by heart-rate reserve)' : `${calibration.restHrBpm} bpm (given)`),
  );

  if (curve === undefined) {
    lines.push(line('HR curve', 'none'));
    for (const text of wrap(calibration.curveMissing ?? '', 80 - LABEL)) lines.push(more(text));
  } else {
    const c = curve.curve;
    const atHours = CONSISTENCY_AT_TIMER_MIN / 60;
    const easySpeed = paceToSpeed(easyPace.secPerKm);
    // d(hr)/d(pace) at easy pace: slope · v² / 1000 bpm per s/km.
    const per10 = (c.slopeBpmPerMps * easySpeed * easySpeed) / 100;
    lines.push(
      line(
        'HR curve',
        `${Math.round(curveHrBpm(c, easySpeed, atHours))} bpm at ${formatPace(easyPace.secPerKm)} /km after ${CONSISTENCY_AT_TIMER_MIN} min; ` +
          `+${per10.toFixed(1)} bpm per 10 s/km faster`,
      ),
    );
    lines.push(
      more(
        `(${c.slopeBpmPerMps.toFixed(1)} bpm per m/s, 90 %: ${curve.slopeInterval.lo.toFixed(1)} to ${curve.slopeInterval.hi.toFixed(1)}); ` +
          `drift ${c.drift === 'not-fitted' ? 'not fitted' : `${signed(c.driftBpmPerHour, 1)} bpm an hour`}`,
      ),
    );
    lines.push(more(`off the curve: ±${c.residualSdBpm.toFixed(1)} bpm a stretch, ±${c.runResidualSdBpm.toFixed(1)} bpm a run`));
    lines.push(more(`from stretches at ${formatPace(speedToPace(c.speedHiMps))} to ${formatPace(speedToPace(c.speedLoMps))} /km (5th to 95th percentile)`));
  }

  lines.push(...runnerModelLines(calibration));

  const margin = formatPace(ceiling.recoveryMarginSecPerKm).replace(/^--:--$/, '0:00');
  const paceText =
    ceiling.paceSource === 'curve'
      ? `pace ${formatPace(ceiling.paceCeilingSecPerKm)} /km (slowed to meet your curve)`
      : `pace ${formatPace(ceiling.paceCeilingSecPerKm)} /km (easy + ${margin})`;
  const hrText =
    ceiling.hrCeilingBpm === undefined
      ? 'no heart-rate ceiling'
      : ceiling.hrSource === 'hr-reserve'
        ? `heart rate ${ceiling.hrCeilingBpm} bpm (${Math.round(RECOVERY_HRR_FRACTION * 100)} % of reserve)`
        : `heart rate ${ceiling.hrCeilingBpm} bpm (${Math.round(RECOVERY_HRMAX_FRACTION * 100)} % of ${calibration.ceilingMaxHr?.bpm ?? '?'})`;
  lines.push(line('Ceiling', `${paceText};`));
  lines.push(more(hrText));
  for (const [k, text] of consistencyText(calibration).entries()) lines.push(k === 0 ? line('Agreement', text) : more(text));

  if (curve !== undefined || calibration.stretchCount > 0) {
    lines.push('');
    const points = calibration.runs.flatMap((run) => run.stretches.map((s) => ({ paceSecPerKm: speedToPace(s.gapSpeedMps), hrBpm: s.hrBpm })));
    lines.push(
      ...renderChart({
        points,
        ...(curve === undefined ? {} : { curveHrAt: (pace: number) => curveHrBpm(curve.curve, paceToSpeed(pace), CONSISTENCY_AT_TIMER_MIN / 60) }),
        paceCeilingSecPerKm: ceiling.paceCeilingSecPerKm,
        ...(ceiling.hrCeilingBpm === undefined ? {} : { hrCeilingBpm: ceiling.hrCeilingBpm }),
      }),
    );
  }
  return lines;
}

/**
 * The runner model (profile's runnerModel) in words, within 80 columns:
 *
 * ```
 * Your body     heart: +28 bpm per 1 m/s faster, answers in about 58 s
 *               after 10 s (90 %: 57 to 59 s; from 3 runs that changed pace)
 *               stride: 170 steps/min at 5:36 /km, +9.5 per 1 m/s faster
 * ```
 *
 * A part the history could not give says so (the warnings say why).
 */
export function runnerModelLines(calibration: Calibration): string[] {
  const { model, response } = calibration.runnerModel;
  const lines: string[] = [];
  const gain = model.hrGainBpmPerMps === undefined ? 'gain not fitted' : `+${model.hrGainBpmPerMps.toFixed(0)} bpm per 1 m/s faster`;
  if (model.hrTauSec !== undefined && model.hrDelaySec !== undefined && response !== undefined) {
    lines.push(line('Your body', `heart: ${gain}, answers in about ${model.hrTauSec.toFixed(0)} s`));
    const after = model.hrDelaySec >= 1 ? `after ${model.hrDelaySec.toFixed(0)} s ` : '';
    lines.push(
      more(
        `${after}(90 %: ${response.tauLoSec.toFixed(0)} to ${response.tauHiSec.toFixed(0)} s; ` +
          `from ${plural(response.fit.runCount, 'run')} that changed pace)`,
      ),
    );
  } else {
    lines.push(line('Your body', `heart: ${gain};`));
    lines.push(more("how fast it answers not fitted: a typical runner's"));
  }
  if (model.cadenceAtRefSpm !== undefined && model.cadenceSlopeSpmPerMps !== undefined && model.refSpeedMps !== undefined) {
    lines.push(
      more(
        `stride: ${model.cadenceAtRefSpm.toFixed(0)} steps/min at ${formatPace(speedToPace(model.refSpeedMps))} /km, ` +
          `+${model.cadenceSlopeSpmPerMps.toFixed(1)} per 1 m/s faster`,
      ),
    );
  } else lines.push(more('stride: no cadence line (see the warnings)'));
  return lines;
}

function consistencyText(calibration: Calibration): string[] {
  const { ceiling } = calibration;
  const c = ceiling.consistency;
  if (c.verdict === 'unchecked') return [`not checked: ${c.why}`];
  const gap = Math.round(Math.abs(c.disagreementBpm));
  const at =
    `at ${formatPace(paceOfMargin(calibration))} /km your curve gives ` +
    `${Math.round(c.curveHrAtPaceCeilingBpm)} bpm after ${CONSISTENCY_AT_TIMER_MIN} min,`;
  switch (c.verdict) {
    case 'consistent':
      return [at, `${gap} bpm ${c.disagreementBpm >= 0 ? 'under' : 'over'} the heart-rate ceiling: the two ceilings agree`];
    case 'hr-loose':
      return [at, `${gap} bpm under the heart-rate ceiling: pace does the daily work;`, `heart rate catches drift, heat or fatigue of ${gap} bpm or more`];
    case 'pace-slowed':
      return [
        at,
        `${gap} bpm over the heart-rate ceiling: the pace ceiling is slowed to`,
        `${formatPace(ceiling.paceCeilingSecPerKm)} /km, where your curve reaches the heart-rate ceiling`,
      ];
    case 'conflict':
      return [at, `${gap} bpm over the heart-rate ceiling: too far apart to reconcile;`, 'see the warning'];
  }
}

/** The pace ceiling the margin gives, before the consistency rule moved it. */
function paceOfMargin(calibration: Calibration): number {
  return Math.round(calibration.easyPace.secPerKm) + calibration.ceiling.recoveryMarginSecPerKm;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '') lines.push(current);
  return lines;
}
