import { describe, expect, test } from 'vitest';
import { correct, innovation, predict, type Belief } from '../../src/estimate/linear-gaussian.ts';

const belief1 = (mean: number, variance: number): Belief => ({ mean: [mean], cov: [variance] });

describe('predict then correct, one dimension', () => {
  test.each([
    // f, u, q, mean, var → mean', var'
    { f: 1, u: 0, q: 0.5, mean: 3, variance: 1, nextMean: 3, nextVar: 1.5 },
    { f: 0.5, u: 1, q: 0, mean: 4, variance: 4, nextMean: 3, nextVar: 1 },
    { f: 0, u: 7, q: 2, mean: 100, variance: 9, nextMean: 7, nextVar: 2 },
  ])('predict f=$f u=$u q=$q from $mean±var $variance', ({ f, u, q, mean, variance, nextMean, nextVar }) => {
    const next = predict(belief1(mean, variance), { f: [f], u: [u], q: [q] });
    expect(next.mean[0]).toBeCloseTo(nextMean, 12);
    expect(next.cov[0]).toBeCloseTo(nextVar, 12);
  });

  test.each([
    // Equal variances: halfway, variance halved.
    { mean: 0, variance: 1, z: 2, r: 1, nextMean: 1, nextVar: 0.5 },
    // A reading nine times as sure pulls nine tenths of the way.
    { mean: 10, variance: 9, z: 20, r: 1, nextMean: 19, nextVar: 0.9 },
    // A useless reading changes nothing.
    { mean: 5, variance: 2, z: 50, r: 1e12, nextMean: 5, nextVar: 2 },
  ])('correct $mean±$variance with $z±$r', ({ mean, variance, z, r, nextMean, nextVar }) => {
    const next = correct(belief1(mean, variance), { h: [1], z, r });
    expect(next.mean[0]).toBeCloseTo(nextMean, 6);
    expect(next.cov[0]).toBeCloseTo(nextVar, 6);
  });
});

describe('two dimensions: a reading of the sum splits between the parts by their variances', () => {
  test('position and bias: a reading of their sum moves each by its share', () => {
    const prior: Belief = { mean: [0, 0], cov: [3, 0, 0, 1] };
    const obs = { h: [1, 1], z: 8, r: 4 };
    expect(innovation(prior, obs)).toEqual({ residual: 8, variance: 8 });
    const next = correct(prior, obs);
    expect(next.mean[0]).toBeCloseTo(3, 12);
    expect(next.mean[1]).toBeCloseTo(1, 12);
    // The parts become negatively correlated: the sum is known better than either.
    expect(next.cov[1]).toBeCloseTo(-3 / 8, 12);
    expect(next.cov[2]).toBeCloseTo(next.cov[1] as number, 12);
  });

  test('predict leaves the belief it was given untouched', () => {
    const prior: Belief = { mean: [1, 2], cov: [1, 0, 0, 1] };
    predict(prior, { f: [1, 1, 0, 1], u: [0, 0], q: [1, 0, 0, 1] });
    expect([...prior.mean]).toEqual([1, 2]);
    expect([...prior.cov]).toEqual([1, 0, 0, 1]);
  });
});
