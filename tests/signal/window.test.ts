import { describe, expect, test } from 'vitest';
import { EMPTY_WINDOW, expireReadings, pushReading, windowMean, windowMedian, windowSize } from '../../src/signal/window.ts';

describe('persistent time window', () => {
  test('keeps only the trailing span', () => {
    let w = EMPTY_WINDOW;
    for (let s = 0; s < 20; s++) w = pushReading(w, s * 1000, s, 5_000);
    expect(windowSize(w)).toBe(5);
    expect(windowMedian(w)).toBe(17);
    expect(windowMean(w)).toBe(17);
    expect(windowSize(expireReadings(w, 40_000, 5_000))).toBe(0);
  });

  test('stepping an older window again leaves the newer one as it was (the steps stay pure)', () => {
    let w = EMPTY_WINDOW;
    for (let s = 0; s < 5; s++) w = pushReading(w, s * 1000, 10, 60_000);
    const branchA = pushReading(w, 5_000, 100, 60_000);
    const branchB = pushReading(w, 5_000, -100, 60_000);
    expect(windowMean(branchA)).toBeCloseTo((50 + 100) / 6);
    expect(windowMean(branchB)).toBeCloseTo((50 - 100) / 6);
    expect(windowMean(w)).toBe(10);
  });

  test('survives many more readings than one log holds', () => {
    let w = EMPTY_WINDOW;
    for (let s = 0; s < 10_000; s++) w = pushReading(w, s * 1000, s % 7, 10_000);
    expect(windowSize(w)).toBe(10);
    // The last ten of s mod 7: 1,2,3,4,5,6,0,1,2,3; of an even count, the lower middle.
    expect(windowMedian(w)).toBe(2);
  });
});
