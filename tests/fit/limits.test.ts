/** The bounds every reader puts on a run's time and samples (src/fit/limits.ts), and what a runner is told past them. */
import { describe, expect, test } from 'vitest';
import { crowdGate, isPlausibleTimeMs, limitWarnings, RUN_SPAN_MAX_MS, runWindow, SAMPLES_PER_SECOND_MAX } from '../../src/fit/limits.ts';

const T0 = Date.UTC(2024, 4, 1, 6);
const DAY_MS = 86_400_000;
const at = (...offsetsMs: number[]): { atMs: number }[] => offsetsMs.map((offset) => ({ atMs: T0 + offset }));

describe('crowding: at most SAMPLES_PER_SECOND_MAX in any one second', () => {
  test.each([
    ['1 Hz', [0, 1000, 2000, 3000], 0],
    ['two at one second (a lap)', [0, 1000, 1000, 2000], 0],
    ['five at one instant', [0, 0, 0, 0, 0], 0],
    ['ten at one instant', Array.from({ length: 10 }, () => 0), 10 - SAMPLES_PER_SECOND_MAX],
    ['10 Hz for 2 s', Array.from({ length: 20 }, (_, i) => i * 100), 10],
    ['a million at one instant', Array.from({ length: 1_000_000 }, () => 0), 1_000_000 - SAMPLES_PER_SECOND_MAX],
  ])('%s', (_name, offsets, dropped) => {
    const gate = crowdGate();
    const kept = offsets.filter((offset) => gate.admit(T0 + offset)).length;
    expect(gate.crowded).toBe(dropped);
    expect(kept).toBe(offsets.length - dropped);
  });
});

describe('span: the RUN_SPAN_MAX_MS holding the most samples', () => {
  test.each([
    ['a 50 h ultra: all of it', at(0, 50 * 3_600_000), { lo: 0, hi: 2, leftOut: 0 }],
    ['a clock jump of 8.5 days: all of it', at(0, 1000, 8.5 * DAY_MS), { lo: 0, hi: 3, leftOut: 0 }],
    ['a jump of 40 years after one sample: the rest', at(0, 40 * 365 * DAY_MS, 40 * 365 * DAY_MS + 1000), { lo: 1, hi: 3, leftOut: 1 }],
    ['a jump of 40 years before the last: the start', at(0, 1000, 2000, 40 * 365 * DAY_MS), { lo: 0, hi: 3, leftOut: 1 }],
    ['15 days without a break: the first 14', at(0, 7 * DAY_MS, 14 * DAY_MS, 15 * DAY_MS), { lo: 0, hi: 3, leftOut: 1 }],
    ['nothing', [], { lo: 0, hi: 0, leftOut: 0 }],
  ])('%s', (_name, times, expected) => {
    expect(runWindow(times)).toMatchObject(expected);
  });

  test('the work is linear in the samples, whatever their times', () => {
    // Every sample a limit and a millisecond after the last: each its own window.
    const times = Array.from({ length: 200_000 }, (_, i) => ({ atMs: T0 + i * (RUN_SPAN_MAX_MS + 1) }));
    expect(runWindow(times)).toMatchObject({ lo: 0, hi: 1, leftOut: 199_999 });
  });
});

test('what a runner is told', () => {
  const gate = crowdGate();
  for (let i = 0; i < 8; i++) gate.admit(T0);
  expect(limitWarnings(gate, runWindow(at(0, 1000, 47 * 365.25 * DAY_MS)), 'record')).toEqual([
    'dropped 3 records crowded more than 5 into one second',
    'its times span 47 years, more than the 14 days a run can last (damaged timestamps?): using the 14 days with the most records, 1 record outside it left out',
  ]);
});

test.each([
  [Date.UTC(1980, 0, 6), true],
  [Date.UTC(1979, 11, 31), false],
  [Date.UTC(2199, 11, 31), true],
  [Date.UTC(2200, 0, 1), false],
  [8.64e15, false],
  [Number.NaN, false],
])('plausible time %d: %s', (atMs, plausible) => {
  expect(isPlausibleTimeMs(atMs)).toBe(plausible);
});
