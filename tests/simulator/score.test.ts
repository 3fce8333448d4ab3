import { describe, expect, test } from 'vitest';
import { detectionWindows, quantile, scoreRun, summarize } from '../../simulator/bench/score.ts';
import type { RunLabels } from '../../simulator/synth/labels.ts';

// Ten minutes; one overshoot 1:40–3:20, clearly over from 1:50, after a 10 s
// grey lead-in; a grey stretch at 6:40–7:00.
const LABELS: RunLabels = {
  durationMs: 600_000,
  overshoots: [{ startMs: 100_000, clearlyOverMs: 110_000, endMs: 200_000, cause: 'pace' }],
  grey: [
    { startMs: 90_000, endMs: 100_000 },
    { startMs: 400_000, endMs: 420_000 },
  ],
};
// Clean time: 600 s − detection window [90, 220) − grey [400, 420) = 450 s.
const CLEAN_HOURS = 450 / 3600;

describe('scoreRun', () => {
  test.each([
    ['no alerts: missed, nothing false', [], undefined, 0],
    ['alert 10 s after clearly over', [120_000], 10, 0],
    ['alert between start and clearly over: delay 0', [105_000], 0, 0],
    ['alert in the grey lead-in: early, delay 0', [95_000], 0, 0],
    ['alert before the lead-in: missed and false', [85_000], undefined, 1],
    ['alert within 20 s after the end: detected late', [215_000], 105, 0],
    ['alert past the tolerance: missed and false', [221_000], undefined, 1],
    ['alert in grey time: not false', [410_000], undefined, 0],
    ['a repeat inside the overshoot is not false', [120_000, 180_000], 10, 0],
    ['first alert in the window detects, unsorted input', [180_000, 130_000], 20, 0],
    ['alert in clean time is false', [120_000, 300_000], 10, 1],
    ['alert after the end of the run is false', [650_000], undefined, 1],
  ])('%s', (_name, alertsMs, delaySec, falseAlarms) => {
    const score = scoreRun(LABELS, alertsMs);
    expect(score.outcomes[0]?.delaySec).toBe(delaySec);
    expect(score.falseAlarmsMs).toHaveLength(falseAlarms);
    expect(score.alerts).toBe(alertsMs.length);
    expect(score.cleanHours).toBeCloseTo(CLEAN_HOURS, 9);
    expect(score.hours).toBeCloseTo(600 / 3600, 9);
  });

  test.each([
    ['no grey before: window starts at the overshoot', [], 100_000],
    ['grey lead-in of 10 s', [{ startMs: 90_000, endMs: 100_000 }], 90_000],
    ['grey lead-in of 2 min is capped at 30 s', [{ startMs: -20_000, endMs: 100_000 }], 70_000],
    ['grey that ends before the start is no lead-in', [{ startMs: 50_000, endMs: 99_000 }], 100_000],
  ])('detection window: %s', (_name, grey, startMs) => {
    expect(detectionWindows({ ...LABELS, grey })).toEqual([{ startMs, endMs: 220_000 }]);
  });

  test('a run without overshoots has all its non-grey time clean', () => {
    const score = scoreRun({ durationMs: 3_600_000, overshoots: [], grey: [{ startMs: 0, endMs: 360_000 }] }, [100_000, 500_000]);
    expect(score.outcomes).toEqual([]);
    expect(score.falseAlarmsMs).toEqual([500_000]);
    expect(score.cleanHours).toBeCloseTo(0.9, 9);
  });

  test('overlapping windows and grey are not counted twice', () => {
    const labels: RunLabels = {
      durationMs: 600_000,
      overshoots: [
        { startMs: 100_000, clearlyOverMs: 100_000, endMs: 200_000, cause: 'hr' },
        { startMs: 210_000, clearlyOverMs: 215_000, endMs: 300_000, cause: 'both' },
      ],
      grey: [{ startMs: 200_000, endMs: 210_000 }],
    };
    // Windows [100, 220) and [210, 320): together 100–320 s, grey inside them.
    expect(scoreRun(labels, []).cleanHours).toBeCloseTo(380 / 3600, 9);
  });
});

describe('quantile', () => {
  test.each([
    [[], 0.5, NaN],
    [[5], 0.9, 5],
    [[4, 1, 3, 2], 0.5, 2.5],
    [[0, 10], 0.9, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9, 10],
    [[3, 1, 2], 0, 1],
    [[3, 1, 2], 1, 3],
  ])('%j at %d is %d', (values, q, expected) => {
    expect(quantile(values, q)).toBe(expected);
  });
});

describe('summarize', () => {
  test('pools overshoots, delays and hours over runs', () => {
    const total = summarize([scoreRun(LABELS, [120_000, 300_000]), scoreRun(LABELS, [])]);
    expect(total).toMatchObject({ runs: 2, overshoots: 2, detected: 1, recall: 0.5, falseAlarms: 1, alerts: 2 });
    expect(total.delaysSec).toEqual([10]);
    expect(total.medianDelaySec).toBe(10);
    expect(total.falseAlarmsPerHour).toBeCloseTo(1 / (2 * CLEAN_HOURS), 9);
    expect(total.alertsPerHour).toBeCloseTo(2 / (1200 / 3600), 9);
  });

  test('nothing to score gives NaN rates, not zeros', () => {
    const total = summarize([]);
    expect(total.recall).toBeNaN();
    expect(total.medianDelaySec).toBeNaN();
    expect(total.falseAlarmsPerHour).toBeNaN();
  });
});
