/**
 * Honest estimates: calibration recovers what the generator was given. Each
 * runner's history (history.ts: 24 runs of every kind, a walk, a ride and a
 * rowing session, with artefacts) is calibrated, and the estimates are
 * compared with the simulation's truth within these tolerances:
 *
 * | estimate                                   | tolerance          |
 * |--------------------------------------------|--------------------|
 * | easy pace                                  | ±10 s/km           |
 * | highest heart rate (one interval session)  | −8 … +5 bpm        |
 * | curve: heart rate at easy pace, 10 min in  | ±3 bpm             |
 * | curve: slope (bpm per m/s)                 | ±15 %; ±30 % with the poor-GPS watch (dean) |
 * | curve: cardiac drift                       | ±3 bpm per hour    |
 *
 * Measured (seed 1; anna, bert, cara, dean): easy pace +3.2, +5.6, +4.2,
 * +4.8 s/km (the method reads the pace runs settle at, so recovery runs and
 * warm-ups pull it a little slow); highest heart rate −2, +2, 0, −3 bpm;
 * heart rate at easy pace −0.1, +0.1, 0.0, −0.6 bpm; slope +2, +10, +3, +5 %;
 * drift −0.2, +0.9, 0.0, −1.7 bpm/h. Over seeds 1–8: easy pace −1.5 … +7.7
 * s/km, highest heart rate −5 … +4 bpm, heart rate at easy pace within 1.1
 * bpm, slope within ±10 % but dean's −28 … +5 %.
 *
 * Runs go in as decoded inputs (the FIT round trip has its own tests, and
 * the SDK's encoder needs 0.1 s per synthetic run); the rides go through FIT,
 * since decodeActivity is what refuses them.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { calibrate, CONSISTENCY_AT_TIMER_MIN, type Calibration } from '../../src/calibrate/calibrate.ts';
import { curveHrBpm } from '../../src/calibrate/curve.ts';
import { extractActivity, extractFromInputs, type ActivityExtract } from '../../src/calibrate/extract.ts';
import { encodeActivity } from '../../src/fit/encode.ts';
import { calibrationRunOf, makeHistory, RUNNERS, trueHrBpm, type HistoryActivity } from './history.ts';

const TOLERANCE = {
  easyPaceSecPerKm: 10,
  maxHrBelowBpm: 8,
  // A wrist sensor's error is correlated over 15 s (simulator/synth/record.ts): it can hold a few bpm high for 20 s.
  maxHrAboveBpm: 5,
  hrAtEasyBpm: 3,
  driftBpmPerHour: 3,
} as const;

function extract(activity: HistoryActivity): ActivityExtract {
  return activity.kind === 'ride' ? extractActivity(encodeActivity({ inputs: activity.inputs })) : extractFromInputs(activity.inputs);
}

describe.each(RUNNERS)('$name', (who) => {
  let history: HistoryActivity[] = [];
  let extracts: ActivityExtract[] = [];
  let calibration: Calibration;

  beforeAll(() => {
    history = makeHistory(who, 1);
    extracts = history.map(extract);
    const result = calibrate(history.flatMap((activity, i) => calibrationRunOf(activity, extracts[i] as ActivityExtract)));
    if (!result.ok) throw new Error(result.error);
    calibration = result.calibration;
  });

  test('walks, rides and rowing are told from runs by their data; every run is used', () => {
    const verdicts = history.map((activity, i) => `${activity.kind}: ${(extracts[i] as ActivityExtract).kind}`);
    expect(new Set(verdicts)).toEqual(
      new Set(['easy: run', 'recovery: run', 'tempo: run', 'intervals: run', 'long: run', 'walk: skipped', 'ride: skipped', 'rowing: skipped']),
    );
    const reasons = extracts.flatMap((e) => (e.kind === 'skipped' ? [e.message.split(':')[0]] : []));
    expect(reasons.sort()).toEqual(['a walk or hike', 'not a run', 'not a running rhythm']);
    expect(calibration.runs).toHaveLength(24);
    expect(calibration.runsWithStretches).toBe(24);
    expect(calibration.warnings).toEqual([]);
  });

  test(`easy pace within ±${TOLERANCE.easyPaceSecPerKm} s/km`, () => {
    expect(Math.abs(calibration.easyPace.secPerKm - who.runner.easyPaceSecPerKm)).toBeLessThanOrEqual(TOLERANCE.easyPaceSecPerKm);
    // The interval is a real interval around the estimate.
    expect(calibration.easyPace.interval.lo).toBeLessThanOrEqual(calibration.easyPace.secPerKm);
    expect(calibration.easyPace.interval.hi).toBeGreaterThanOrEqual(calibration.easyPace.secPerKm);
  });

  test(`highest heart rate within −${TOLERANCE.maxHrBelowBpm} … +${TOLERANCE.maxHrAboveBpm} bpm of the true maximum, from the interval session`, () => {
    const bpm = calibration.maxHr?.bpm ?? Number.NaN;
    expect(bpm).toBeGreaterThanOrEqual(who.runner.hrMaxBpm - TOLERANCE.maxHrBelowBpm);
    expect(bpm).toBeLessThanOrEqual(who.runner.hrMaxBpm + TOLERANCE.maxHrAboveBpm);
    expect(calibration.maxHr?.file).toMatch(/intervals/);
  });

  test('the heart-rate curve: level, slope and drift', () => {
    const curve = calibration.curve?.curve;
    expect(curve).toBeDefined();
    if (curve === undefined) return;
    const easySpeed = 1000 / who.runner.easyPaceSecPerKm;
    const hours = CONSISTENCY_AT_TIMER_MIN / 60;
    expect(Math.abs(curveHrBpm(curve, easySpeed, hours) - trueHrBpm(who.runner, easySpeed, hours))).toBeLessThanOrEqual(TOLERANCE.hrAtEasyBpm);
    expect(Math.abs(curve.slopeBpmPerMps / who.runner.hrPerMpsBpm - 1)).toBeLessThanOrEqual(who.slopeTolerance);
    expect(Math.abs(curve.driftBpmPerHour - who.runner.driftBpmPerHour)).toBeLessThanOrEqual(TOLERANCE.driftBpmPerHour);
  });

  test('the ceiling: easy + 0:30 and 76 % of the highest heart rate, consistent on the curve', () => {
    const { ceiling } = calibration;
    expect(ceiling.paceCeilingSecPerKm).toBe(Math.round(calibration.easyPace.secPerKm) + 30);
    expect(ceiling.hrCeilingBpm).toBe(Math.round(0.76 * (calibration.maxHr?.bpm ?? 0)));
    expect(ceiling.consistency.verdict).toBe('consistent');
  });
});

describe('too few runs', () => {
  test('five runs still give estimates, with a warning saying what they rest on', () => {
    const who = RUNNERS[0];
    if (who === undefined) throw new Error('no runner');
    const runs = makeHistory(who, 2)
      .filter((a) => a.kind === 'easy')
      .slice(0, 5)
      .flatMap((activity) => calibrationRunOf(activity, extractFromInputs(activity.inputs)));
    const result = calibrate(runs);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { easyPace, warnings } = result.calibration;
    expect(warnings.some((w) => /^only 5 runs with steady running \(\d+ stretches\): the estimates are rough/.test(w))).toBe(true);
    expect(Math.abs(easyPace.secPerKm - who.runner.easyPaceSecPerKm)).toBeLessThanOrEqual(15);
    // Five easy runs at about one pace: no slope to fit, and the warning says so rather than inventing one.
    expect(result.calibration.curve).toBeUndefined();
    expect(warnings).toContainEqual(expect.stringMatching(/^no heart-rate curve: the steady stretches are all at about one pace/));
  });

  test('easy runs only: the highest heart rate seen is no maximum, so it makes no heart-rate ceiling (76 % of it would nag every run)', () => {
    const who = RUNNERS[0];
    if (who === undefined) throw new Error('no runner');
    const runs = makeHistory(who, 2)
      .filter((a) => a.kind === 'easy' || a.kind === 'recovery')
      .flatMap((activity) => calibrationRunOf(activity, extractFromInputs(activity.inputs)));
    const result = calibrate(runs);
    if (!result.ok) throw new Error(result.error);
    const { maxHr, ceilingMaxHr, ceiling, warnings } = result.calibration;
    expect(maxHr?.bpm).toBeLessThan(who.runner.hrMaxBpm - 30);
    expect(ceilingMaxHr).toBeUndefined();
    expect(ceiling.hrCeilingBpm).toBeUndefined();
    expect(warnings).toContainEqual(expect.stringMatching(/^the highest heart rate seen \(\d+\) is no maximum: .* No heart-rate ceiling from it/));
    // A maximum the runner put in their profile is used instead.
    const withKnown = calibrate(runs, { knownMaxHrBpm: 185 });
    expect(withKnown.ok && withKnown.calibration.ceiling.hrCeilingBpm).toBe(141);
  });
});
