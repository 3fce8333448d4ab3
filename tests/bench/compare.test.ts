import { describe, expect, test } from 'vitest';
import { compareWithReference, MIN_DELAYS_FOR_P90, p90StandardErrorSec } from '../../simulator/bench/compare.ts';
import { quantile, summarize, type Score } from '../../simulator/bench/score.ts';

const score = (falseAlarms: number, delaysSec: readonly number[]): Score => ({
  ...summarize([]),
  falseAlarms,
  delaysSec,
  p90DelaySec: quantile(delaysSec, 0.9),
});

const SPREAD = [5, 8, 10, 12, 14, 15, 18, 20, 25, 30];

describe('compareWithReference', () => {
  test.each<[string, Score, Score, { worseOnFalseAlarms: boolean; worseOnP90: boolean; p90Judged: boolean }]>([
    ['the same: not worse', score(4, SPREAD), score(4, SPREAD), { worseOnFalseAlarms: false, worseOnP90: false, p90Judged: true }],
    ['0 → 4 false alarms: within 2√4', score(0, SPREAD), score(4, SPREAD), { worseOnFalseAlarms: false, worseOnP90: false, p90Judged: true }],
    ['0 → 5 false alarms: beyond 2√5', score(0, SPREAD), score(5, SPREAD), { worseOnFalseAlarms: true, worseOnP90: false, p90Judged: true }],
    ['fewer false alarms is never worse', score(30, SPREAD), score(0, SPREAD), { worseOnFalseAlarms: false, worseOnP90: false, p90Judged: true }],
    [
      'every delay 40 s later: worse on p90',
      score(0, SPREAD),
      score(0, SPREAD.map((d) => d + 40)),
      { worseOnFalseAlarms: false, worseOnP90: true, p90Judged: true },
    ],
    [
      'every delay 1 s later: within noise',
      score(0, SPREAD),
      score(0, SPREAD.map((d) => d + 1)),
      { worseOnFalseAlarms: false, worseOnP90: false, p90Judged: true },
    ],
    ['one overshoot each: too few to tell', score(0, [10]), score(0, [60]), { worseOnFalseAlarms: false, worseOnP90: false, p90Judged: false }],
  ])('%s', (_name, reference, guard, expected) => {
    expect(compareWithReference(reference, guard)).toEqual(expected);
  });

  test('the bootstrap is seeded: the same delays give the same standard error', () => {
    expect(p90StandardErrorSec(SPREAD)).toBe(p90StandardErrorSec(SPREAD));
    expect(p90StandardErrorSec(SPREAD)).toBeGreaterThan(0);
    expect(p90StandardErrorSec([7])).toBe(0);
    expect(MIN_DELAYS_FOR_P90).toBeGreaterThan(1);
  });
});
