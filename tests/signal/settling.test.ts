import { describe, expect, test } from 'vitest';
import { stepSettling, UNSETTLED, type Settling } from '../../src/signal/trend.ts';

/** Trend readings a second apart from 0 ms; settled within ±1.5 for 3 s (a short span keeps the tables readable). */
function settledAfter(trends: readonly (number | undefined)[]): boolean[] {
  let settling: Settling = UNSETTLED;
  return trends.map((trend, i) => (settling = stepSettling(settling, trend, i * 1000, 1.5, 3000)).settled);
}

describe('stepSettling: has heart rate settled since the runner started running?', () => {
  test.each<[string, (number | undefined)[], boolean[]]>([
    ['flat from the start: settled once flat for the whole span', [0, 0.5, -1, 1, 0], [false, false, false, true, true]],
    ['a climb resets the flat stretch', [0, 0, 3, 0, 0, 0, 0], [false, false, false, false, false, false, true]],
    ['no trend yet (still settling) counts as not flat', [undefined, undefined, 0, 0, 0, 0], [false, false, false, false, false, true]],
    ['once settled, a later climb does not unsettle it (only a stop does)', [0, 0, 0, 0, 5, 5], [false, false, false, true, true, true]],
  ])('%s', (_name, trends, expected) => {
    expect(settledAfter(trends)).toEqual(expected);
  });
});
