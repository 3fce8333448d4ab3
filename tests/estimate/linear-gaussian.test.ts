import { describe, expect, test } from 'vitest';
import {
  correct,
  correctInPlace,
  innovation,
  predict,
  predictInto,
  transition,
  transitionEntry,
  withAddedCovariance,
  type Belief,
  type ScalarObservation,
} from '../../src/estimate/linear-gaussian.ts';
import { runnerBodyTransition, withGpsErrorSd } from '../../src/estimate/dynamic/runner-body.ts';
import { POPULATION_PRIOR } from '../../src/estimate/runner-model.ts';
import { DEFAULT_ESTIMATE_SETTINGS as SETTINGS } from '../../src/estimate/settings.ts';
import { mulberry32, type Random } from '../../src/random/mulberry32.ts';

const belief1 = (mean: number, variance: number): Belief => ({ mean: [mean], cov: [variance] });

describe('predict then correct, one dimension', () => {
  test.each([
    // f, u, q, mean, var → mean', var'
    { f: 1, u: 0, q: 0.5, mean: 3, variance: 1, nextMean: 3, nextVar: 1.5 },
    { f: 0.5, u: 1, q: 0, mean: 4, variance: 4, nextMean: 3, nextVar: 1 },
    { f: 0, u: 7, q: 2, mean: 100, variance: 9, nextMean: 7, nextVar: 2 },
  ])('predict f=$f u=$u q=$q from $mean±var $variance', ({ f, u, q, mean, variance, nextMean, nextVar }) => {
    const next = predict(belief1(mean, variance), transition([f], [u], [q]));
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

  test('predict and correct leave the belief they were given untouched', () => {
    const prior: Belief = { mean: [1, 2], cov: [1, 0, 0, 1] };
    predict(prior, transition([1, 1, 0, 1], [0, 0], [1, 0, 0, 1]));
    correct(prior, { h: [1, 1], z: 5, r: 1 });
    expect([...prior.mean]).toEqual([1, 2]);
    expect([...prior.cov]).toEqual([1, 0, 0, 1]);
  });

  test('a transition keeps F by rows of its non-zero entries, and one entry of Q can be replaced alone', () => {
    const t = transition([1, 0.5, 0, 2], [0, 1], [1, 0, 0, 1]);
    expect({ rowStart: t.rowStart, cols: t.cols, values: t.values }).toEqual({ rowStart: [0, 2, 3], cols: [0, 1, 1], values: [1, 0.5, 2] });
    expect([transitionEntry(t, 0, 1), transitionEntry(t, 1, 0)]).toEqual([0.5, 0]);
    const resized = withAddedCovariance(t, 0, 1, 0.25);
    expect(resized.q).toEqual([1, 0.25, 0.25, 1]);
    expect(t.q).toEqual([1, 0, 0, 1]);
    expect(resized.values).toBe(t.values);
  });

  test('a programmer passing F of the wrong size is told at once', () => {
    expect(() => transition([1, 0, 0], [0, 0], [1, 0, 0, 1])).toThrow('F and Q must be 2 × 2');
  });
});

// The textbook dense moves, written as plainly as possible: the reference the
// sparse, in-place ones of linear-gaussian.ts must equal to the last bit (the
// same terms summed in the same order; a zero term adds nothing).
function densePredict(belief: Belief, f: readonly number[], u: readonly number[], q: readonly number[]): Belief {
  const n = u.length;
  const mean: number[] = [];
  for (let i = 0; i < n; i++) {
    let sum = u[i] as number;
    for (let k = 0; k < n; k++) sum += (f[i * n + k] as number) * (belief.mean[k] as number);
    mean.push(sum);
  }
  const fp = new Array<number>(n * n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const fik = f[i * n + k] as number;
      if (fik === 0) continue;
      for (let j = 0; j < n; j++) fp[i * n + j] = (fp[i * n + j] as number) + fik * (belief.cov[k * n + j] as number);
    }
  }
  const cov = new Array<number>(n * n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = q[i * n + j] as number;
      for (let k = 0; k < n; k++) sum += (fp[i * n + k] as number) * (f[j * n + k] as number);
      cov[i * n + j] = sum;
      cov[j * n + i] = sum;
    }
  }
  return { mean, cov };
}

function denseCorrect(belief: Belief, obs: ScalarObservation): Belief {
  const n = belief.mean.length;
  const { mean, cov } = belief;
  const ph: number[] = [];
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += (cov[i * n + j] as number) * (obs.h[j] as number);
    ph.push(sum);
  }
  let predicted = 0;
  let hph = 0;
  for (let i = 0; i < n; i++) {
    const hi = obs.h[i] as number;
    if (hi === 0) continue;
    predicted += hi * (mean[i] as number);
    for (let j = 0; j < n; j++) hph += hi * (cov[i * n + j] as number) * (obs.h[j] as number);
  }
  const residual = obs.z - predicted;
  const variance = hph + obs.r;
  const nextMean = mean.map((m, i) => m + ((ph[i] as number) / variance) * residual);
  const nextCov = [...cov];
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const value = (cov[i * n + j] as number) - ((ph[i] as number) * (ph[j] as number)) / variance;
      nextCov[i * n + j] = value;
      nextCov[j * n + i] = value;
    }
  }
  return { mean: nextMean, cov: nextCov };
}

/** Entries of an n × n matrix, each non-zero with probability `density`, uniform in ±scale. */
function sparseMatrix(random: Random, n: number, density: number, scale: number): number[] {
  return Array.from({ length: n * n }, () => (random() < density ? (random() * 2 - 1) * scale : 0));
}

/** A random covariance: A·Aᵀ plus a little on the diagonal (symmetric, positive definite). */
function covariance(random: Random, n: number): number[] {
  const a = sparseMatrix(random, n, 0.7, 2);
  const cov: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = i === j ? 0.1 : 0;
      for (let k = 0; k < n; k++) sum += (a[i * n + k] as number) * (a[j * n + k] as number);
      cov.push(sum);
    }
  }
  return cov;
}

function randomBelief(random: Random, n: number): Belief {
  return { mean: Array.from({ length: n }, () => (random() * 2 - 1) * 100), cov: covariance(random, n) };
}

describe('the sparse, in-place moves equal the dense textbook ones to the last bit', () => {
  test.each([
    { n: 1, density: 1, seed: 1 },
    { n: 2, density: 0.5, seed: 2 },
    { n: 7, density: 0.2, seed: 3 },
    { n: 7, density: 0.6, seed: 4 },
    { n: 7, density: 1, seed: 5 },
  ])('predict, n=$n, F $density dense (seed $seed, 50 draws)', ({ n, density, seed }) => {
    const random = mulberry32(seed);
    for (let draw = 0; draw < 50; draw++) {
      const belief = randomBelief(random, n);
      const f = sparseMatrix(random, n, density, 1.5);
      const u = Array.from({ length: n }, () => (random() < 0.5 ? random() * 10 : 0));
      const q = covariance(random, n).map((value, index) => (index % (n + 1) === 0 || random() < 0.3 ? value : 0));
      // Q symmetric: the upper triangle mirrored.
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) q[i * n + j] = q[j * n + i] as number;
      const expected = densePredict(belief, f, u, q);
      expect(predict(belief, transition(f, u, q))).toEqual(expected);
      const out: Belief = { mean: new Array<number>(n).fill(Number.NaN), cov: new Array<number>(n * n).fill(Number.NaN) };
      predictInto(out, belief, transition(f, u, q));
      expect(out).toEqual(expected);
    }
  });

  test.each([
    { n: 1, density: 1, seed: 11 },
    { n: 2, density: 0.5, seed: 12 },
    { n: 7, density: 0.3, seed: 13 },
    { n: 7, density: 1, seed: 14 },
  ])('correct, n=$n, h $density dense (seed $seed, 50 draws)', ({ n, density, seed }) => {
    const random = mulberry32(seed);
    for (let draw = 0; draw < 50; draw++) {
      const belief = randomBelief(random, n);
      const h = Array.from({ length: n }, (_, i) => (i === 0 || random() < density ? random() * 2 - 1 : 0));
      const obs = { h, z: (random() * 2 - 1) * 100, r: random() * 5 + 0.01 };
      const expected = denseCorrect(belief, obs);
      expect(correct(belief, obs)).toEqual(expected);
      const owned: Belief = { mean: belief.mean.slice(), cov: belief.cov.slice() };
      const { residual, variance } = innovation(belief, obs);
      correctInPlace(owned, h, residual, variance);
      expect(owned).toEqual(expected);
    }
  });

  test.each([1, 5, 30])("the runner's body over %i s (mostly diagonal rows, the heart chain), 50 draws", (dtSec) => {
    const t = runnerBodyTransition(POPULATION_PRIOR, SETTINGS, dtSec, 0.4);
    const n = t.n;
    const f = Array.from({ length: n * n }, (_, index) => transitionEntry(t, Math.floor(index / n), index % n));
    const random = mulberry32(dtSec);
    for (let draw = 0; draw < 50; draw++) {
      const belief = randomBelief(random, n);
      expect(predict(belief, t)).toEqual(densePredict(belief, f, t.u, t.q));
    }
  });

  test('predict refuses to write over the belief it reads', () => {
    const belief = belief1(1, 1);
    expect(() => predictInto(belief, belief, transition([1], [0], [0]))).toThrow('must not share');
  });
});

describe("the runner's body: a GPS error of another size, without remaking the transition", () => {
  test.each([0.1, 0.35, 1.2])('resized to %f m/s, it is the transition made for that size', (gpsErrorSdMps) => {
    const made = runnerBodyTransition(POPULATION_PRIOR, SETTINGS, 1, gpsErrorSdMps);
    const resized = withGpsErrorSd(runnerBodyTransition(POPULATION_PRIOR, SETTINGS, 1, 0.5), gpsErrorSdMps);
    expect(resized).toEqual(made);
  });
});
