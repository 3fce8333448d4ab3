/**
 * The robust statistics under calibration, with tables: the estimates a
 * clean line gives, and how little a share of wild points moves them
 * (wrist heart rate that locks on high, a stretch GPS misjudged).
 */
import { describe, expect, test } from 'vitest';
import { CURVE_HUBER_K } from '../../src/calibrate/curve.ts';
import { huberRegression, theilSen, weightedLeastSquares } from '../../src/calibrate/robust.ts';
import { mad, median, quantile, robustSd, seededRandom } from '../../src/calibrate/stats.ts';

describe('order statistics', () => {
  test.each([
    ['odd count', [5, 1, 3], 0.5, 3],
    ['even count: the mean of the middle two, not the lower one', [4, 1, 3, 2], 0.5, 2.5],
    ['lowest', [4, 1, 3, 2], 0, 1],
    ['highest', [4, 1, 3, 2], 1, 4],
    ['interpolated (type 7)', [10, 20, 30, 40, 50], 0.9, 46],
    ['one value', [7], 0.25, 7],
  ])('quantile: %s', (_name, values, q, expected) => {
    expect(quantile(values, q)).toBeCloseTo(expected, 10);
  });

  test('nothing in, nothing out', () => {
    expect(median([])).toBeUndefined();
    expect(mad([])).toBeUndefined();
  });

  test('the MAD shrugs off a wild value; its SD estimate matches a normal sample', () => {
    expect(mad([1, 2, 3, 4, 1000])).toBe(1);
    const random = seededRandom(3);
    const normal = Array.from({ length: 20_000 }, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
    expect(robustSd(normal)).toBeGreaterThan(0.97);
    expect(robustSd(normal)).toBeLessThan(1.03);
  });

  test('the generator is deterministic', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });
});

/** Heart rate on a line over speed (bpm = 60 + 28·v), with readings at 2.5–3.8 m/s and a little noise. */
function line(n: number, seed: number, noiseBpm = 1): { xs: number[]; ys: number[] } {
  const random = seededRandom(seed);
  const xs = Array.from({ length: n }, (_, i) => 2.5 + (1.3 * i) / (n - 1));
  const ys = xs.map((x) => 60 + 28 * x + noiseBpm * (random() - 0.5) * 2);
  return { xs, ys };
}

/** Replaces every k-th y with an artefact `offBpm` away (locked-on sensor: too high). */
function withArtefacts(ys: readonly number[], every: number, offBpm: number): number[] {
  return ys.map((y, i) => (i % every === 0 ? y + offBpm : y));
}

const ones = (n: number): number[] => new Array<number>(n).fill(1);

describe('robust line fits shrug off outliers', () => {
  test.each([
    ['clean', 1000, 0],
    ['every 10th 30 bpm high (10 %)', 10, 30],
    ['every 5th 40 bpm high (20 %)', 5, 40],
    ['every 4th 60 bpm high (25 %)', 4, 60],
    ['every 5th 40 bpm low (a dropout read as low)', 5, -40],
  ])('%s: Theil–Sen and Huber keep slope 28 and intercept 60', (_name, every, offBpm) => {
    const { xs, ys } = line(41, 7);
    const dirty = withArtefacts(ys, every, offBpm);
    const start = theilSen(xs, dirty);
    expect(start).toBeDefined();
    if (start === undefined) return;
    expect(start.slope).toBeGreaterThan(26);
    expect(start.slope).toBeLessThan(30);
    const fit = huberRegression([ones(xs.length), xs], dirty, [start.intercept, start.slope]);
    expect(fit?.converged).toBe(true);
    const [intercept, slope] = fit?.coefficients ?? [];
    expect(slope).toBeGreaterThan(27);
    expect(slope).toBeLessThan(29);
    // Huber bounds each artefact's pull (k residual scales), it does not remove it: a quarter of the
    // points 60 bpm high still lift the line about a beat, where least squares moves 15.
    expect(Math.abs((intercept ?? 0) + (slope ?? 0) * 3 - 144)).toBeLessThan(every <= 5 ? 1.5 : 0.5);
    // Artefacts end up with little weight; clean points with full weight.
    if (offBpm !== 0) expect(fit?.weights[0]).toBeLessThan(0.2);
    expect(fit?.weights[1]).toBe(1);
  });

  test('ordinary least squares would not: 20 % of points 40 bpm high move it by 8 bpm', () => {
    const { xs, ys } = line(41, 7);
    const dirty = withArtefacts(ys, 5, 40);
    const ols = weightedLeastSquares([ones(xs.length), xs], dirty, ones(xs.length));
    const [intercept, slope] = ols ?? [];
    expect((intercept ?? 0) + (slope ?? 0) * 3 - 144).toBeGreaterThan(6);
  });

  test('Theil–Sen ignores pairs closer than minDx', () => {
    // Without minDx the near-vertical pair (slope 40 000) would be one of five slopes; with it, four remain.
    expect(theilSen([1, 1.001, 2, 3], [10, 50, 20, 30], 0.1)).toEqual({ slope: 10, intercept: 0 });
    expect(theilSen([1, 1], [1, 2], 0.1)).toBeUndefined();
  });

  test('collinear columns cannot be solved: undefined, not a wild answer', () => {
    expect(huberRegression([ones(5), ones(5)], [1, 2, 3, 4, 5], [0, 0])).toBeUndefined();
  });
});

describe('errors in the speed column', () => {
  // Speeds measured with noise σ (GPS) flatten a least-squares slope by
  // var(true) / (var(true) + σ²); the corrected normal equations undo it.
  const random = seededRandom(11);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const n = 400;
  const trueSpeeds = Array.from({ length: n }, () => 3 + 0.15 * gauss());
  const sigma = 0.1;
  const measured = trueSpeeds.map((v) => v + sigma * gauss());
  const hr = trueSpeeds.map((v) => 60 + 30 * v + gauss());
  const centred = measured.map((v) => v - 3);

  test.each([
    ['without the correction: diluted to about 30 · 0.15² / (0.15² + 0.1²) = 21', undefined, 18, 24],
    ['with it: back to 30', [undefined, new Array<number>(n).fill(sigma * sigma)], 27, 33],
  ])('%s (the curve\'s Huber constant)', (_name, errorVariances, lo, hi) => {
    const k = CURVE_HUBER_K;
    const fit = huberRegression([ones(n), centred], hr, [150, 20], errorVariances === undefined ? { k } : { k, errorVariances });
    const slope = fit?.coefficients[1] ?? Number.NaN;
    expect(slope).toBeGreaterThan(lo);
    expect(slope).toBeLessThan(hi);
  });

  test('the correction is capped: noise larger than the spread at most doubles a slope', () => {
    const fit = huberRegression([ones(n), centred], hr, [150, 20], { errorVariances: [undefined, new Array<number>(n).fill(1)] });
    const plain = huberRegression([ones(n), centred], hr, [150, 20]);
    expect(fit?.coefficients[1]).toBeCloseTo(2 * (plain?.coefficients[1] ?? 0), -1);
  });
});
