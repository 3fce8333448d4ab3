/**
 * The same history as FIT, as TCX and as GPX gives the same calibration.
 * One synthetic runner's history (tests/calibrate/history.ts: anna, seed 1;
 * 24 runs of every kind, a walk, a ride and a rowing session, with artefacts)
 * is written three ways: FIT with the SDK's encoder, TCX as Garmin Connect
 * writes it (speed, distance, positions, run cadence), GPX as Strava writes it
 * (positions, elevation, heart rate and cadence: no speed, no distance, so
 * pace comes from positions). Each file goes through extractActivity, as
 * `calibrate` sends it, and the estimates are compared with FIT's:
 *
 * | estimate                           | TCX           | GPX (positions only) |
 * |------------------------------------|---------------|----------------------|
 * | runs used, and what was left out   | same          | same                 |
 * | easy pace                          | ±1 s/km       | ±5 s/km              |
 * | highest heart rate                 | ±1 bpm        | ±1 bpm               |
 * | curve: heart rate at easy pace     | ±1 bpm        | ±2 bpm               |
 * | curve: slope                       | ±5 %          | ±5 %                 |
 * | ceiling: pace, heart rate          | ±1 s/km, same | ±5 s/km, ±1 bpm      |
 *
 * Measured: TCX 0.00 s/km, 0 bpm, 0.00 bpm, −0.0 % (it differs from FIT only
 * by FIT's rounding: speed to mm/s, distance to cm, altitude to 0.2 m). GPX
 * +4.2 s/km, +1 bpm, +1.0 bpm, −0.2 %: its pace comes from positions, and
 * the generator's GPS positions trace a path about 1 % shorter than its
 * recorded speed says (its position error is smooth, its speed error is not),
 * so steady stretches read about 0.03 m/s slower; heart rate and cadence are
 * whole numbers in GPX.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { calibrate, CONSISTENCY_AT_TIMER_MIN, type Calibration, type CalibrationRun } from '../../src/calibrate/calibrate.ts';
import { curveHrBpm } from '../../src/calibrate/curve.ts';
import { extractActivity, type ActivityExtract } from '../../src/calibrate/extract.ts';
import { encodeActivity } from '../../src/fit/encode.ts';
import { makeHistory, RUNNERS, type HistoryActivity } from '../calibrate/history.ts';
import { bytesOf, tcxActivity, toGpx, toTcx } from './make-track.ts';

type Format = 'fit' | 'tcx' | 'gpx';

const WRITE: Record<Format, (activity: HistoryActivity) => Uint8Array> = {
  fit: (a) => encodeActivity({ inputs: a.inputs }),
  tcx: (a) => bytesOf(toTcx(tcxActivity(a.inputs))),
  gpx: (a) => bytesOf(toGpx(a.inputs, { type: 'running' })),
};

const TOLERANCE = {
  tcx: { easyPaceSecPerKm: 1, maxHrBpm: 1, hrAtEasyBpm: 1, slopeShare: 0.05, paceCeilingSecPerKm: 1, hrCeilingBpm: 0 },
  gpx: { easyPaceSecPerKm: 5, maxHrBpm: 1, hrAtEasyBpm: 2, slopeShare: 0.05, paceCeilingSecPerKm: 5, hrCeilingBpm: 1 },
} as const;

describe('one history as FIT, TCX and GPX', () => {
  const runner = RUNNERS[0];
  if (runner === undefined) throw new Error('no runner');
  const history = makeHistory(runner, 1);
  const extracts = {} as Record<Format, ActivityExtract[]>;
  const calibrations = {} as Record<Format, Calibration>;

  beforeAll(() => {
    for (const format of ['fit', 'tcx', 'gpx'] as const) {
      extracts[format] = history.map((activity) => extractActivity(WRITE[format](activity)));
      const runs = history.flatMap((activity, i): CalibrationRun[] => {
        const extract = extracts[format][i];
        return extract?.kind === 'run' ? [{ file: `${activity.name}.${format}`, sha256: '0'.repeat(64), facts: extract.facts, stretches: extract.stretches }] : [];
      });
      const result = calibrate(runs);
      if (!result.ok) throw new Error(`${format}: ${result.error}`);
      calibrations[format] = result.calibration;
    }
  }, 120_000);

  const verdict = (e: ActivityExtract): string => (e.kind === 'run' ? 'run' : e.message.split(':')[0] ?? '');

  test.each(['tcx', 'gpx'] as const)('%s: the same activities are runs, and the same are left out for the same reason', (format) => {
    expect(extracts[format].map(verdict)).toEqual(extracts.fit.map(verdict));
    expect(extracts.fit.filter((e) => e.kind === 'skipped')).toHaveLength(3);
  });

  test.each(['tcx', 'gpx'] as const)('%s: the estimates agree with FIT within the stated tolerances', (format) => {
    const tolerance = TOLERANCE[format];
    const fit = calibrations.fit;
    const other = calibrations[format];
    expect(other.runs).toHaveLength(fit.runs.length);
    expect(Math.abs(other.easyPace.secPerKm - fit.easyPace.secPerKm)).toBeLessThanOrEqual(tolerance.easyPaceSecPerKm);
    expect(Math.abs((other.maxHr?.bpm ?? NaN) - (fit.maxHr?.bpm ?? NaN))).toBeLessThanOrEqual(tolerance.maxHrBpm);
    const fitCurve = fit.curve?.curve;
    const curve = other.curve?.curve;
    if (fitCurve === undefined || curve === undefined) throw new Error('no curve');
    const easySpeedMps = 1000 / fit.easyPace.secPerKm;
    const hours = CONSISTENCY_AT_TIMER_MIN / 60;
    expect(Math.abs(curveHrBpm(curve, easySpeedMps, hours) - curveHrBpm(fitCurve, easySpeedMps, hours))).toBeLessThanOrEqual(tolerance.hrAtEasyBpm);
    expect(Math.abs(curve.slopeBpmPerMps / fitCurve.slopeBpmPerMps - 1)).toBeLessThanOrEqual(tolerance.slopeShare);
    expect(Math.abs(other.ceiling.paceCeilingSecPerKm - fit.ceiling.paceCeilingSecPerKm)).toBeLessThanOrEqual(tolerance.paceCeilingSecPerKm);
    expect(Math.abs((other.ceiling.hrCeilingBpm ?? NaN) - (fit.ceiling.hrCeilingBpm ?? NaN))).toBeLessThanOrEqual(tolerance.hrCeilingBpm);
    // For the record, in the test output: how close they came.
    console.info(
      `${format} vs FIT: easy pace ${(other.easyPace.secPerKm - fit.easyPace.secPerKm).toFixed(2)} s/km, ` +
        `max HR ${(other.maxHr?.bpm ?? NaN) - (fit.maxHr?.bpm ?? NaN)} bpm, ` +
        `HR at easy ${(curveHrBpm(curve, easySpeedMps, hours) - curveHrBpm(fitCurve, easySpeedMps, hours)).toFixed(2)} bpm, ` +
        `slope ${((curve.slopeBpmPerMps / fitCurve.slopeBpmPerMps - 1) * 100).toFixed(1)} %`,
    );
  });
});
