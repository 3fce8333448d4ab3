import { describe, expect, test } from 'vitest';
import type { GuardInput, Sample } from '../../src/samples/sample.ts';
import { runCeilings } from '../../simulator/bench/judge/ceilings.ts';
import {
  GUARD_WARMUPS,
  judgeRun,
  judgeSecond,
  LEAD_MARGIN_MS,
  mergeExtended,
  type JudgeCeilings,
  type Verdict,
} from '../../simulator/bench/judge/judge.ts';
import { judgeSeries, MAX_PLAUSIBLE_SPEED_MPS, type JudgeSecond } from '../../simulator/bench/judge/series.ts';

const CEILINGS: JudgeCeilings = { paceCeilingSecPerKm: 360, hrCeilingBpm: 150 };
const WARM = { timerMs: 600_000 };

/** A moving second at `gap` s/km grade-adjusted (actual pace `pace`, default the same) and heart rate `hr`. */
function sec(fields: { gap?: number; pace?: number; hr?: number; stopped?: boolean; timerMs?: number }): JudgeSecond {
  let second: JudgeSecond = { atMs: 0, timerMs: fields.timerMs ?? WARM.timerMs, stopped: fields.stopped ?? false };
  if (fields.gap !== undefined) second = { ...second, gapSecPerKm: fields.gap, paceSecPerKm: fields.pace ?? fields.gap };
  if (fields.hr !== undefined) second = { ...second, hrBpm: fields.hr };
  return second;
}

describe('judgeSecond', () => {
  const over = (pace: boolean, hr: boolean, clearly: boolean): Verdict => ({ kind: 'over', pace, hr, clearly });
  test.each<[string, JudgeSecond, Verdict]>([
    ['easy on both', sec({ gap: 380, hr: 140 }), { kind: 'under', clearly: true }],
    ['a few s/km under the pace ceiling: not clearly under', sec({ gap: 363, hr: 140 }), { kind: 'under', clearly: false }],
    ['15 s/km over: clearly over on pace', sec({ gap: 345, hr: 140 }), over(true, false, true)],
    ['5 s/km over: over, not clearly', sec({ gap: 355, hr: 140 }), over(true, false, false)],
    ['4 bpm over: clearly over on heart rate', sec({ gap: 380, hr: 154 }), over(false, true, true)],
    ['both over', sec({ gap: 340, hr: 160 }), over(true, true, true)],
    ['pace over in the pace warm-up: grey', sec({ gap: 340, hr: 140, timerMs: 30_000 }), { kind: 'grey' }],
    ['heart rate over in the heart-rate warm-up: grey', sec({ gap: 380, hr: 160, timerMs: 120_000 }), { kind: 'grey' }],
    ['pace over after its warm-up while heart rate is still in its own', sec({ gap: 340, hr: 160, timerMs: 120_000 }), over(true, false, true)],
    ['stopped: never over on pace', sec({ stopped: true, hr: 140 }), { kind: 'under', clearly: true }],
    ['heart rate over while stopped: grey', sec({ stopped: true, hr: 160 }), { kind: 'grey' }],
    ['uphill, over by grade only, heart rate well under: grey', sec({ gap: 340, pace: 380, hr: 140 }), { kind: 'grey' }],
    ['uphill, over by grade only, heart rate near its ceiling: over', sec({ gap: 340, pace: 380, hr: 147 }), over(true, false, true)],
    ['uphill, over by grade only, no heart rate: over', sec({ gap: 340, pace: 380 }), over(true, false, true)],
    ['over on actual pace too: heart rate not asked', sec({ gap: 340, pace: 350, hr: 130 }), over(true, false, true)],
    ['no pace, no heart rate: grey', sec({}), { kind: 'grey' }],
    ['no heart rate, easy pace: clearly under', sec({ gap: 380 }), { kind: 'under', clearly: true }],
  ])('%s', (_name, second, verdict) => {
    expect(judgeSecond(second, CEILINGS, GUARD_WARMUPS)).toEqual(verdict);
  });
});

describe('mergeExtended: extend first, then merge', () => {
  const merge = (a: { first: number; last: number }, b: { first: number; last: number }) => ({
    first: Math.min(a.first, b.first),
    last: Math.max(a.last, b.last),
  });
  test.each<[string, { first: number; last: number }[], { first: number; last: number }[]]>([
    ['far apart: two', [{ first: 0, last: 40 }, { first: 100, last: 140 }], [{ first: 0, last: 40 }, { first: 100, last: 140 }]],
    ['a gap shorter than lead + tail (25 < 10 + 20): one', [{ first: 0, last: 40 }, { first: 65, last: 100 }], [{ first: 0, last: 100 }]],
    ['a gap exactly lead + tail: one (the spans touch)', [{ first: 0, last: 40 }, { first: 70, last: 100 }], [{ first: 0, last: 100 }]],
    ['a gap one second longer: two', [{ first: 0, last: 40 }, { first: 71, last: 100 }], [{ first: 0, last: 40 }, { first: 71, last: 100 }]],
    ['given out of order: sorted first', [{ first: 100, last: 140 }, { first: 0, last: 40 }], [{ first: 0, last: 40 }, { first: 100, last: 140 }]],
    ['a chain: each within the previous one\'s reach', [{ first: 0, last: 30 }, { first: 50, last: 80 }, { first: 100, last: 130 }], [{ first: 0, last: 130 }]],
  ])('%s', (_name, episodes, merged) => {
    expect(mergeExtended(episodes, 10, 20, merge)).toEqual(merged);
  });
});

/** `count` seconds of a series; `at(i)` gives the fields of second i. */
function series(count: number, at: (i: number) => Parameters<typeof sec>[0]): JudgeSecond[] {
  let distanceM = 0;
  return Array.from({ length: count }, (_, i) => {
    const second: JudgeSecond = { ...sec({ timerMs: i * 1000, ...at(i) }), atMs: i * 1000, distanceM };
    // Distance covered in this second, at its actual pace: what judgeRun's whole-stretch pace reads.
    distanceM += second.paceSecPerKm === undefined ? 0 : 1000 / second.paceSecPerKm;
    return second;
  });
}

describe('judgeRun', () => {
  test('a minute clearly over after the warm-ups is one overshoot, starting a lead margin early', () => {
    const labels = judgeRun(series(900, (i) => ({ gap: i >= 400 && i < 460 ? 340 : 380, hr: 140 })), CEILINGS);
    expect(labels.overshoots).toEqual([{ startMs: 400_000 - LEAD_MARGIN_MS, clearlyOverMs: 400_000, endMs: 460_000, cause: 'pace' }]);
  });

  test('over during the pace warm-up makes no overshoot: it is grey', () => {
    const labels = judgeRun(series(600, (i) => ({ gap: i < 50 ? 330 : 380, hr: 140 })), CEILINGS);
    expect(labels.overshoots).toEqual([]);
    expect(labels.grey).toEqual([{ startMs: 0, endMs: 50_000 }]);
  });

  test('heart rate over while stopped makes no overshoot', () => {
    const labels = judgeRun(series(900, (i) => (i >= 400 && i < 500 ? { stopped: true, hr: 165 } : { gap: 380, hr: 140 })), CEILINGS);
    expect(labels.overshoots).toEqual([]);
  });

  test('two minutes over with a 15 s dip between are one overshoot, not one hidden inside the other', () => {
    const over = (i: number): boolean => (i >= 400 && i < 460) || (i >= 475 && i < 535);
    const labels = judgeRun(series(900, (i) => ({ gap: over(i) ? 340 : 380, hr: 140 })), CEILINGS);
    expect(labels.overshoots).toEqual([{ startMs: 390_000, clearlyOverMs: 400_000, endMs: 535_000, cause: 'pace' }]);
  });

  test('30 s over that never gets clearly over is grey, not an overshoot', () => {
    const labels = judgeRun(series(900, (i) => ({ gap: i >= 400 && i < 440 ? 355 : 380, hr: 140 })), CEILINGS);
    expect(labels.overshoots).toEqual([]);
    expect(labels.grey).toEqual([{ startMs: 400_000, endMs: 440_000 }]);
  });
});

/** Samples every `everySec` s for `count` of them, at `speedMps`, with distance, heart rate and the given altitude. */
function samples(count: number, everySec: number, speedMps: number, altitudeAt: (i: number) => number | undefined): Sample[] {
  return Array.from({ length: count }, (_, i) => {
    const sample: Sample = { kind: 'sample', atMs: 1_700_000_000_000 + i * everySec * 1000, distanceM: i * everySec * speedMps, hrBpm: 140 };
    const altitudeM = altitudeAt(i);
    return altitudeM === undefined ? sample : { ...sample, altitudeM };
  });
}

describe('judgeSeries', () => {
  test('is run-relative and reads a steady speed off distance', () => {
    const out = judgeSeries(samples(120, 1, 3, () => 10));
    expect(out[0]?.atMs).toBe(0);
    expect(out[60]?.speedMps).toBeCloseTo(3, 6);
    expect(out[60]?.gradePct).toBeCloseTo(0, 6);
    expect(out[60]?.gapSecPerKm).toBeCloseTo(1000 / 3, 3);
  });

  test('caps an impossible distance step: a 500 m jump counts at most the plausible speed', () => {
    const list = samples(120, 1, 3, () => 10).map((s, i) => (i >= 60 ? { ...s, distanceM: (s.distanceM ?? 0) + 500 } : s));
    const out = judgeSeries(list);
    const fastest = Math.max(...out.map((s) => s.speedMps ?? 0));
    expect(fastest).toBeLessThan(3 + MAX_PLAUSIBLE_SPEED_MPS / 20 + 0.01);
    expect(fastest).toBeGreaterThan(3);
  });

  test('interpolates altitude on a sparse (5 s) recording: a steady 5 % climb reads 5 %', () => {
    const out = judgeSeries(samples(60, 5, 3, (i) => 10 + 0.05 * i * 5 * 3));
    expect(out[150]?.gradePct).toBeCloseTo(5, 6);
  });

  test('heart-rate glitches (0, 255) are dropped and the gap interpolated', () => {
    const list: Sample[] = samples(120, 1, 3, () => 10).map((s, i) => (i === 60 ? { ...s, hrBpm: 255 } : i === 61 ? { ...s, hrBpm: 0 } : s));
    const out = judgeSeries(list);
    expect(out[60]?.hrBpm).toBe(140);
    expect(out[61]?.hrBpm).toBe(140);
  });

  test('a pause stops the timer and the runner: no pace, timer time held', () => {
    const list: GuardInput[] = samples(200, 1, 3, () => 10);
    const firstMs = list[0]?.atMs ?? 0;
    const inputs = [
      ...list.filter((s) => s.atMs < firstMs + 100_000),
      { kind: 'pause', atMs: firstMs + 100_000 } as const,
      { kind: 'resume', atMs: firstMs + 160_000 } as const,
      ...list.filter((s) => s.atMs >= firstMs + 160_000),
    ];
    const out = judgeSeries(inputs);
    expect(out[130]?.stopped).toBe(true);
    expect(out[130]?.gapSecPerKm).toBeUndefined();
    expect((out[190]?.timerMs ?? 0) - (out[90]?.timerMs ?? 0)).toBeLessThan(45_000);
  });
});

describe('runCeilings', () => {
  test('the 75th percentile of grade-adjusted speed and of heart rate, after the warm-ups', () => {
    // Speeds 2, 2.5, 3, 3.5 m/s a quarter of the time each; heart rate 120, 130, 140, 150.
    const out = series(4000, (i) => {
      const k = Math.floor((i % 400) / 100);
      return { gap: 1000 / (2 + 0.5 * k), hr: 120 + 10 * k };
    });
    // Type 7 quantile of the four levels at 0.75 lies between the third and the fourth: 3.125 m/s.
    const ceilings = runCeilings(out);
    expect(ceilings?.hrCeilingBpm).toBeGreaterThanOrEqual(140);
    expect(ceilings?.hrCeilingBpm).toBeLessThanOrEqual(150);
    expect(ceilings?.paceCeilingSecPerKm).toBeGreaterThanOrEqual(Math.round(1000 / 3.5));
    expect(ceilings?.paceCeilingSecPerKm).toBeLessThanOrEqual(Math.round(1000 / 3));
  });

  test('no heart rate: none', () => {
    expect(runCeilings(series(600, () => ({ gap: 360 })))).toBeUndefined();
  });
});
