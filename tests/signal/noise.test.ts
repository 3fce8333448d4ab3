import { describe, expect, test } from 'vitest';
import { nextMeanSquare, NOISE_TAU_MS } from '../../src/signal/noise.ts';
import { INITIAL_PACE_STATE, readingScatterShare, smoothedSpeedMps, stepPace, type PaceState } from '../../src/signal/pace.ts';
import { DEFAULT_TUNING } from '../../src/guard/config.ts';

/** The RMS after `values`, one a second, from `from` (a mean square and the time it measured). */
function rmsOf(values: readonly number[], cap = 3, from = { meanSquare: 0, measuredMs: 0 }): number {
  let { meanSquare, measuredMs } = from;
  for (const value of values) {
    meanSquare = nextMeanSquare(meanSquare, measuredMs, value, 1000, cap);
    measuredMs += 1000;
  }
  return Math.sqrt(meanSquare);
}

describe('nextMeanSquare: how big a signal usually is', () => {
  test.each<[string, number[], number]>([
    ['nothing measured yet: 0', [], 0],
    ['a trend wandering ±2: RMS 2', [2, -2, 2, -2], 2],
    ['at first a plain mean of the squares: 1 and 2 give √2.5', [1, 2], Math.sqrt(2.5)],
    ['capped: one reading of 50 counts as 3', [0, 0, 0, 50], Math.sqrt(9 / 4)],
  ])('%s', (_name, values, expected) => {
    expect(rmsOf(values)).toBeCloseTo(expected, 9);
  });

  test('after a few minutes old values fade: 10 min at ±2, then 10 min at ±0.5, reads nearer 0.5 than 2', () => {
    const wandering = Array.from({ length: 600 }, (_, i) => (i % 2 === 0 ? 2 : -2));
    const calm = Array.from({ length: 600 }, (_, i) => (i % 2 === 0 ? 0.5 : -0.5));
    const level = rmsOf(calm, 3, { meanSquare: rmsOf(wandering) ** 2, measuredMs: 600_000 });
    // 600 s is 600/180 time constants: the old mean square is left at e^-(600/180), about 3.6 %.
    const expected = Math.sqrt(0.25 + (4 - 0.25) * Math.exp(-600_000 / NOISE_TAU_MS));
    expect(level).toBeCloseTo(expected, 2);
    expect(level).toBeLessThan(0.7);
  });

  test('a value that lasted no time, or is not a number, changes nothing', () => {
    expect(nextMeanSquare(2.5, 2000, 9, 0, 3)).toBe(2.5);
    expect(nextMeanSquare(2.5, 2000, Number.NaN, 1000, 3)).toBe(2.5);
  });
});

describe('readingScatterShare: how far the reading just taken lies from the smoothed speed', () => {
  const step = (state: PaceState, second: number, speedMps: number): PaceState =>
    stepPace(state, { kind: 'sample', atMs: second * 1000, speedMps }, DEFAULT_TUNING);

  test('a steady GPS scatters nothing; a reading 10 % fast scatters +0.1 of the median', () => {
    let state = INITIAL_PACE_STATE;
    for (let s = 0; s < 9; s++) state = step(state, s, 2.5);
    expect(readingScatterShare(state, 8000, smoothedSpeedMps(state))).toBe(0);
    state = step(state, 9, 2.75);
    expect(readingScatterShare(state, 9000, smoothedSpeedMps(state))).toBeCloseTo(0.1, 9);
  });

  test('no reading taken at that moment (a rejected one): no scatter to measure', () => {
    let state = step(INITIAL_PACE_STATE, 0, 2.5);
    state = step(state, 1, 50); // implausible: rejected
    expect(readingScatterShare(state, 1000, smoothedSpeedMps(state))).toBeUndefined();
  });
});
