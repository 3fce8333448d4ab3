import { describe, expect, test } from 'vitest';
import { summarize, type Score } from '../../simulator/bench/score.ts';
import { GUARD_TARGETS, ISSUE_19_TARGETS, targetLines } from '../../simulator/bench/tables.ts';
import { ALERTERS, GUARDS_UNDER_TEST } from '../../simulator/bench/alerters.ts';

const score = (recall: number, medianDelaySec: number, p90DelaySec: number, falseAlarmsPerHour: number): Score => ({
  ...summarize([]),
  recall,
  medianDelaySec,
  p90DelaySec,
  falseAlarmsPerHour,
});

describe('targetLines', () => {
  test('both sets of targets, labelled, one column per guard', () => {
    const { lines } = targetLines([
      { name: 'paceguard', score: score(1, 16.5, 43, 0.92) },
      { name: 'model', score: score(0.98, 11, 24, 0.25) },
    ]);
    expect(lines).toEqual([
      '| target | paceguard | model |',
      '|---|---|---|',
      '| #19: recall ≥ 0.97 | 1.00 PASS | 0.98 PASS |',
      '| #19: median delay ≤ 12 s | 16.50 FAIL | 11.00 PASS |',
      '| #19: p90 delay ≤ 25 s | 43.00 FAIL | 24.00 PASS |',
      '| #19: false alarms ≤ 0.3/h | 0.92 FAIL | 0.25 PASS |',
      "| older (today's guard's): recall ≥ 0.95 | 1.00 PASS | 0.98 PASS |",
      "| older (today's guard's): median delay ≤ 15 s | 16.50 FAIL | 11.00 PASS |",
      "| older (today's guard's): p90 delay ≤ 30 s | 43.00 FAIL | 24.00 PASS |",
      "| older (today's guard's): false alarms ≤ 0.5/h | 0.92 FAIL | 0.25 PASS |",
    ]);
  });

  test.each<[string, Score, boolean]>([
    ['every #19 target met', score(0.97, 12, 25, 0.3), true],
    ['recall short', score(0.96, 12, 25, 0.3), false],
    ['median late', score(0.97, 12.5, 25, 0.3), false],
    ['p90 late', score(0.97, 12, 25.5, 0.3), false],
    ['too many false alarms', score(0.97, 12, 25, 0.31), false],
    ['no overshoots at all (NaN delays) cannot pass', score(Number.NaN, Number.NaN, Number.NaN, 0), false],
  ])('%s: allPass19 %s', (_name, s, pass) => {
    expect(targetLines([{ name: 'g', score: s }]).allPass19).toBe(pass);
  });

  test('the targets are the ones issue #19 and the older bench state', () => {
    expect(ISSUE_19_TARGETS).toEqual({ minRecall: 0.97, maxMedianDelaySec: 12, maxP90DelaySec: 25, maxFalseAlarmsPerHour: 0.3 });
    expect(GUARD_TARGETS).toEqual({ minRecall: 0.95, maxMedianDelaySec: 15, maxP90DelaySec: 30, maxFalseAlarmsPerHour: 0.5 });
  });
});

describe('alerters', () => {
  test('every guard under test is an alerter, today\'s guard first', () => {
    const names = ALERTERS.map((a) => a.name);
    expect(names[0]).toBe('paceguard');
    expect(GUARDS_UNDER_TEST.every((name) => names.includes(name))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });
});
