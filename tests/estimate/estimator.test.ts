import { describe, expect, test } from 'vitest';
import { estimateOf, initialEstimator, stepEstimator, type EstimatorInput, type EstimatorState } from '../../src/estimate/estimator.ts';
import { POPULATION_PRIOR } from '../../src/estimate/runner-model.ts';
import { DEFAULT_ESTIMATE_SETTINGS as SETTINGS } from '../../src/estimate/settings.ts';

const model = { ...POPULATION_PRIOR, refSpeedMps: 3, hrAtRefBpm: 140 };
const flat = { gapPerActual: 1, hrCadenceLocked: false } as const;

/** `seconds` 1 Hz steps of the same readings from `state`. */
function feed(state: EstimatorState, seconds: number, readings: Partial<EstimatorInput>): EstimatorState {
  let s = state;
  for (let i = 0; i < seconds; i++) s = stepEstimator(s, { atMs: i * 1000, dtSec: 1, ...flat, ...readings }, SETTINGS);
  return s;
}

/** Five steady minutes at 3 m/s, 140 bpm, 165 spm: a settled estimate to start each case from. */
const settled = feed(initialEstimator(model, SETTINGS), 300, { speed: { mps: 3, source: 'speed' }, hrBpm: 140, cadenceSpm: 165 });

describe('the estimator, one property at a time', () => {
  test('settled on steady readings: speed and heart where the readings are', () => {
    const e = estimateOf(settled);
    expect(e.gapSpeedMps).toBeCloseTo(3, 1);
    expect(e.heartBpm).toBeCloseTo(140, 0);
  });

  test.each([
    { name: 'no reading at all', readings: {} },
    { name: 'heart rate locked on the step rate', readings: { hrBpm: 165, cadenceSpm: 165, hrCadenceLocked: true } },
  ])('$name for 30 s: spreads widen, means stay (nothing is zeroed)', ({ readings }) => {
    const before = estimateOf(settled);
    const after = estimateOf(feed(settled, 30, readings));
    expect(after.gapSpeedSdMps).toBeGreaterThan(before.gapSpeedSdMps);
    expect(after.heartSdBpm).toBeGreaterThan(before.heartSdBpm);
    expect(after.gapSpeedMps).toBeCloseTo(before.gapSpeedMps, 1);
    expect(Math.abs(after.heartBpm - before.heartBpm)).toBeLessThan(2);
  });

  test.each([
    // One reading far off: moves the estimate a little, never to the reading (Huber at 3 sd).
    { name: 'a 6 m/s speed spike', readings: { speed: { mps: 6, source: 'speed' as const }, hrBpm: 140, cadenceSpm: 165 }, field: 'gapSpeedMps' as const, from: 3, maxMove: 0.5 },
    { name: 'a 25 bpm heart-rate jump', readings: { speed: { mps: 3, source: 'speed' as const }, hrBpm: 165, cadenceSpm: 165 }, field: 'heartBpm' as const, from: 140, maxMove: 5 },
  ])('$name for one reading', ({ readings, field, from, maxMove }) => {
    const after = estimateOf(feed(settled, 1, readings));
    expect(Math.abs(after[field] - from)).toBeLessThan(maxMove);
  });

  test('a 3-second heart-rate glitch of 25 bpm leaves the heart within 1.5 bpm once it is gone', () => {
    const glitch = feed(settled, 3, { speed: { mps: 3, source: 'speed' }, hrBpm: 165, cadenceSpm: 165 });
    const after = estimateOf(feed(glitch, 10, { speed: { mps: 3, source: 'speed' }, hrBpm: 140, cadenceSpm: 165 }));
    expect(Math.abs(after.heartBpm - 140)).toBeLessThan(1.5);
  });

  test.each([
    { name: 'clean readings', noiseMps: 0, maxSd: 0.15 },
    { name: 'readings scattered ±0.5 m/s', noiseMps: 0.5, minSd: 0.3 },
  ])('the speed noise is measured per run: $name', ({ noiseMps, maxSd = Infinity, minSd = 0 }) => {
    let s = settled;
    for (let i = 0; i < 600; i++) {
      const wobble = noiseMps * (i % 2 === 0 ? 1 : -1);
      s = stepEstimator(s, { atMs: i * 1000, dtSec: 1, ...flat, speed: { mps: 3 + wobble, source: 'speed' }, hrBpm: 140 }, SETTINGS);
    }
    const { speedNoiseMps } = estimateOf(s);
    expect(speedNoiseMps).toBeLessThanOrEqual(maxSd);
    expect(speedNoiseMps).toBeGreaterThanOrEqual(minSd);
  });

  // Three minutes at the reference speed with the heart 10 bpm under the model's level (a day's heart, or one
  // still climbing from rest): how much of it the offset takes is the model's own width for its level.
  test.each([
    { name: "a fitted level (its runs' spread, 2 bpm)", levelSdBpm: 2, offsetMovesBpm: [0.5, 2.5] },
    { name: "the prior's level (8 bpm)", levelSdBpm: 8, offsetMovesBpm: [6, 9] },
  ])('$name: the offset takes what its width allows of a heart 10 bpm under it', ({ levelSdBpm, offsetMovesBpm }) => {
    const start = initialEstimator({ ...model, hrAtRefSdBpm: levelSdBpm }, SETTINGS);
    const e = estimateOf(feed(start, 180, { speed: { mps: 3, source: 'speed' }, hrBpm: 130, cadenceSpm: 165 }));
    const movedBpm = 140 - e.hrAtRefBpm;
    expect(movedBpm).toBeGreaterThanOrEqual(offsetMovesBpm[0] as number);
    expect(movedBpm).toBeLessThanOrEqual(offsetMovesBpm[1] as number);
    // What the offset does not take, the body model reads as a slower runner: the speed is held under the readings.
    expect(e.gapSpeedMps).toBeLessThan(3);
  });

  test('steps are pure: the state given is never changed', () => {
    const snapshot = JSON.stringify(settled);
    feed(settled, 10, { speed: { mps: 4, source: 'speed' }, hrBpm: 160 });
    expect(JSON.stringify(settled)).toBe(snapshot);
  });
});
