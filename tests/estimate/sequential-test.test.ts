import { describe, expect, test } from 'vitest';
import {
  averageRunLengthSec,
  cusumStep,
  designCusum,
  EVIDENCE_CAP_SHARE,
  thresholdForFalseAlarmRate,
  Z_CAP,
} from '../../src/estimate/sequential-test.ts';

describe('threshold from a false-alarm rate', () => {
  test.each([
    // k (z), h (z·s), τ (s) → ARL by Siegmund's formula, worked by hand: σ² = 2τ, a = 2kh/σ², ARL = σ²/(2k²)·(eᵃ − 1 − a)
    { k: 1, h: 2, tauSec: 1, arlSec: Math.exp(2) - 3 },
    { k: 0.5, h: 4, tauSec: 2, arlSec: 8 * (Math.exp(1) - 2) },
  ])('ARL(k=$k, h=$h, τ=$tauSec) = $arlSec s', ({ k, h, tauSec, arlSec }) => {
    expect(averageRunLengthSec(k, h, tauSec)).toBeCloseTo(arlSec, 9);
  });

  test.each([
    { k: 0.75, falseAlarmsPerHour: 0.3, tauSec: 2 },
    { k: 0.75, falseAlarmsPerHour: 3, tauSec: 10 },
    { k: 1.5, falseAlarmsPerHour: 0.1, tauSec: 5 },
  ])('k=$k, $falseAlarmsPerHour/h, τ=$tauSec: the threshold gives one false alarm per 1/rate hours', ({ k, falseAlarmsPerHour, tauSec }) => {
    const h = thresholdForFalseAlarmRate(k, falseAlarmsPerHour, tauSec);
    expect(averageRunLengthSec(k, h, tauSec)).toBeCloseTo(3600 / falseAlarmsPerHour, 3);
  });

  test('a rarer false alarm needs more evidence', () => {
    expect(thresholdForFalseAlarmRate(0.75, 0.1, 2)).toBeGreaterThan(thresholdForFalseAlarmRate(0.75, 1, 2));
  });

  test('the design sits midway between null and alternative, in the unit given', () => {
    const design = designCusum(10, 5, 10, 0.3, 2);
    expect(design.midpoint).toBe(2.5);
    expect(design.threshold).toBeCloseTo(thresholdForFalseAlarmRate(0.75, 0.3, 2), 12);
  });
});

describe('one CUSUM step', () => {
  const design = { midpoint: 2.5, resolution: 10, threshold: 20, zCap: Z_CAP };
  test.each([
    // evidence, excess, variance, dt → evidence after
    { name: 'at the midpoint: nothing', evidence: 5, excess: 2.5, variance: 0, dtSec: 1, after: 5 },
    { name: 'one sd over the midpoint for 2 s', evidence: 0, excess: 12.5, variance: 0, dtSec: 2, after: 2 },
    { name: 'a wide estimate counts for less', evidence: 0, excess: 12.5, variance: 300, dtSec: 1, after: 0.5 },
    { name: 'under: drains, never below zero', evidence: 1, excess: -30, variance: 0, dtSec: 1, after: 0 },
    { name: 'a huge excess counts only Z_CAP a second', evidence: 0, excess: 1000, variance: 0, dtSec: 1, after: Z_CAP },
    { name: 'never above its cap', evidence: 29.5, excess: 1000, variance: 0, dtSec: 1, after: EVIDENCE_CAP_SHARE * 20 },
  ])('$name', ({ evidence, excess, variance, dtSec, after }) => {
    expect(cusumStep(evidence, excess, variance, design, dtSec)).toBeCloseTo(after, 12);
  });
});
