import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { EMPTY_WINDOW, expireReadings, oldestReadingFrom, pushReading, readingAt, windowMean, windowMedian, windowSize, type TimeWindow } from '../../src/signal/window.ts';

describe('persistent time window', () => {
  test('keeps only the trailing span', () => {
    let w = EMPTY_WINDOW;
    for (let s = 0; s < 20; s++) w = pushReading(w, s * 1000, s, 5_000);
    expect(windowSize(w)).toBe(5);
    expect(windowMedian(w)).toBe(17);
    expect(windowMean(w)).toBe(17);
    expect(windowSize(expireReadings(w, 40_000, 5_000))).toBe(0);
  });

  test('the oldest reading at or after a key, however far apart the readings came', () => {
    let w = EMPTY_WINDOW;
    // Every 2 s with a 15 s span: the window holds (t − 15 s, t]; asked at t + 2 s, the oldest within 15 s is t − 13 s.
    for (let s = 0; s <= 40; s += 2) w = pushReading(w, s * 1000, s, 15_000);
    expect(oldestReadingFrom(w, 42_000 - 15_000)).toEqual({ key: 28_000, value: 28 });
    expect(oldestReadingFrom(w, 28_000)).toEqual({ key: 28_000, value: 28 });
    expect(oldestReadingFrom(w, 40_001)).toBeUndefined();
    expect(oldestReadingFrom(EMPTY_WINDOW, 0)).toBeUndefined();
  });

  test('the reading taken at a time is there only if it is the newest and was taken then', () => {
    let w = pushReading(EMPTY_WINDOW, 1_000, 3, 5_000);
    w = pushReading(w, 2_000, 4, 5_000);
    expect(readingAt(w, 2_000)).toBe(4);
    // Older readings, and a time with no reading (a sample whose reading was rejected), give none.
    expect(readingAt(w, 1_000)).toBeUndefined();
    expect(readingAt(w, 3_000)).toBeUndefined();
    expect(readingAt(expireReadings(w, 9_000, 5_000), 2_000)).toBeUndefined();
    expect(readingAt(EMPTY_WINDOW, 0)).toBeUndefined();
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

  test('the median is the sorted middle whatever the order of pushes, expiries and looks at older windows', () => {
    // Medians are kept up to date from the last one asked of the same log;
    // this checks that shortcut against a plain sort, including asking an
    // older window again (a state stepped twice) and gaps that empty the window.
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), gapS: fc.integer({ min: 0, max: 14 }), value: fc.integer({ min: 0, max: 1000 }) }),
      fc.record({ kind: fc.constant('expire' as const), gapS: fc.integer({ min: 0, max: 14 }) }),
      fc.record({ kind: fc.constant('older' as const), back: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const history: { window: TimeWindow; values: number[] }[] = [{ window: EMPTY_WINDOW, values: [] }];
        let w = EMPTY_WINDOW;
        let values: { atS: number; value: number }[] = [];
        let atS = 0;
        for (const o of ops) {
          if (o.kind === 'older') {
            const old = history[o.back % history.length] as { window: TimeWindow; values: number[] };
            expect(windowMedian(old.window)).toBe(plainMedian(old.values));
            continue;
          }
          atS += o.gapS;
          values = values.filter((v) => v.atS > atS - 10);
          if (o.kind === 'push') {
            w = pushReading(w, atS * 1000, o.value, 10_000);
            values.push({ atS, value: o.value });
          } else {
            w = expireReadings(w, atS * 1000, 10_000);
          }
          const plain = values.map((v) => v.value);
          expect(windowMedian(w)).toBe(plainMedian(plain));
          history.push({ window: w, values: plain });
        }
      }),
      { numRuns: 300 },
    );
  });

  test('after an expiry, the window from before it still has its own median', () => {
    let before = EMPTY_WINDOW;
    for (const [s, v] of [[0, 1], [1, 2], [2, 3], [3, 40], [4, 50], [5, 60]] as const) before = pushReading(before, s * 1000, v, 10_000);
    const after = expireReadings(before, 12_500, 10_000);
    expect(windowMedian(after)).toBe(50);
    expect(windowMedian(before)).toBe(3);
    expect(windowMedian(after)).toBe(50);
  });

  test('a reading that is not a number leaves the window, and the median is right again', () => {
    let w = EMPTY_WINDOW;
    w = pushReading(w, 0, Number.NaN, 3_000);
    windowMedian(w);
    for (let s = 1; s <= 6; s++) {
      w = pushReading(w, s * 1000, 10 * s, 3_000);
      windowMedian(w);
    }
    expect(windowMedian(w)).toBe(50);
  });
});

function plainMedian(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1];
}
