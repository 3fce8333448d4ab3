/**
 * The hindsight judge's rules against GPS and heart-rate artefacts
 * (docs/hindsight-judge.md, "Hindsight rules"): whole-stretch pace, the
 * recording's own distance-speed spread, position chords, spike caps and
 * cadence lock. Tables of small, made-up series.
 */
import { describe, expect, test } from 'vitest';
import type { Sample } from '../../src/samples/sample.ts';
import {
  confirmPace,
  paceStillClearlyOver,
  SPREAD_Z,
  stretchGapSecPerKm,
  type JudgeCeilings,
  type Verdict,
} from '../../simulator/bench/judge/judge.ts';
import {
  capSpikes,
  distanceSpeedSpreadMps,
  isCadenceLocked,
  judgeSeries,
  SPIKE_CAP_RATIO,
  type JudgeSecond,
} from '../../simulator/bench/judge/series.ts';

const CEILINGS: JudgeCeilings = { paceCeilingSecPerKm: 360, hrCeilingBpm: 150 };

/** Seconds covering `stepM(i)` metres each on the flat (pace from the step), heart rate `hr`. */
function flat(count: number, stepM: (i: number) => number, hr?: number): JudgeSecond[] {
  let distanceM = 0;
  return Array.from({ length: count }, (_, i) => {
    const step = stepM(i);
    let second: JudgeSecond = { atMs: i * 1000, timerMs: 600_000 + i * 1000, stopped: false, distanceM, paceSecPerKm: 1000 / step, gapSecPerKm: 1000 / step };
    if (hr !== undefined) second = { ...second, hrBpm: hr };
    distanceM += step;
    return second;
  });
}

describe('stretchGapSecPerKm: grade-adjusted pace off the distance the whole stretch covered', () => {
  test.each<[string, JudgeSecond[], number, number, number | undefined]>([
    ['steady 1000/360 m a second: 360 s/km', flat(100, () => 1000 / 360), 10, 69, 360],
    ['half at 300, half at 400 s/km: distance-weighted, 1000·60/(30·1000/300 + 30·1000/400)', flat(100, (i) => (i < 40 ? 1000 / 300 : 1000 / 400)), 10, 69, 60_000 / (30_000 / 300 + 30_000 / 400)],
    ['uphill: each step weighted by its grade factor (pace/gap)', flat(100, () => 2.5).map((s) => ({ ...s, paceSecPerKm: 400, gapSecPerKm: 360 })), 10, 69, 360],
    ['no distance at the end: undefined', flat(100, () => 3).map((s, i) => (i === 70 ? { atMs: s.atMs, timerMs: s.timerMs, stopped: true } : s)), 10, 69, undefined],
  ])('%s', (_name, seconds, first, last, expected) => {
    const got = stretchGapSecPerKm(seconds, first, last);
    if (expected === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(expected, 6);
  });
});

describe('paceStillClearlyOver: clearly over even SPREAD_Z spreads slower than read', () => {
  // At 340 s/km (2.941 m/s) the ceiling's clearly-over line is 350 s/km (2.857 m/s): 0.084 m/s of room.
  test.each<[string, number, number, boolean]>([
    ['20 s/km over, no spread', 340, 0, true],
    ['20 s/km over, spread well inside the room', 340, 0.084 / SPREAD_Z - 0.01, true],
    ['20 s/km over, spread just past the room', 340, 0.084 / SPREAD_Z + 0.005, false],
    ['5 s/km over, no spread: not clearly over', 355, 0, false],
    ['exactly 10 s/km over, no spread: clearly over (labels.ts includes the margin)', 350, 0, true],
    ['a spread larger than the speed itself: never', 340, 3, false],
  ])('%s', (_name, gap, spreadMps, expected) => {
    expect(paceStillClearlyOver(gap, spreadMps, CEILINGS)).toBe(expected);
  });
});

describe('confirmPace: a pace stretch stands only if the whole of it is clearly over', () => {
  const over = (pace: boolean, hr: boolean, clearly: boolean): Verdict => ({ kind: 'over', pace, hr, clearly });
  const verdictsOf = (n: number, at: (i: number) => Verdict): Verdict[] => Array.from({ length: n }, (_, i) => at(i));
  const steady = 1000 / 380;
  test.each<[string, JudgeSecond[], (i: number) => Verdict, (i: number) => Verdict]>([
    [
      'the recording really covered 340 s/km for a minute of half an hour: stands',
      flat(1800, (i) => (i >= 300 && i < 360 ? 1000 / 340 : steady)),
      (i) => (i >= 300 && i < 360 ? over(true, false, true) : { kind: 'under', clearly: true }),
      (i) => (i >= 300 && i < 360 ? over(true, false, true) : { kind: 'under', clearly: true }),
    ],
    [
      'windows said over but the stretch covered only 355 s/km: grey',
      flat(600, (i) => (i >= 300 && i < 360 ? 1000 / 355 : steady)),
      (i) => (i >= 300 && i < 360 ? over(true, false, true) : { kind: 'under', clearly: true }),
      (i) => (i >= 300 && i < 360 ? { kind: 'grey' } : { kind: 'under', clearly: true }),
    ],
    [
      'a struck pace stretch keeps its heart rate over, alone (hr 155: clearly)',
      flat(600, (i) => (i >= 300 && i < 360 ? 1000 / 355 : steady), 155),
      (i) => (i >= 300 && i < 360 ? over(true, true, true) : { kind: 'under', clearly: true }),
      (i) => (i >= 300 && i < 360 ? over(false, true, true) : { kind: 'under', clearly: true }),
    ],
    [
      'two 30 s stretches at 340 s/km 10 s apart (a dip at 380 between): judged together, both stand',
      flat(1800, (i) => ((i >= 300 && i < 330) || (i >= 340 && i < 370) ? 1000 / 340 : steady)),
      (i) => ((i >= 300 && i < 330) || (i >= 340 && i < 370) ? over(true, false, true) : { kind: 'under', clearly: true }),
      (i) => ((i >= 300 && i < 330) || (i >= 340 && i < 370) ? over(true, false, true) : { kind: 'under', clearly: true }),
    ],
    [
      '30 s at 340 and 30 s at 358, 25 s apart: judged apart, the first stands, the second is grey (together, 357 s/km: both grey)',
      flat(1800, (i) => (i >= 300 && i < 330 ? 1000 / 340 : i >= 355 && i < 385 ? 1000 / 358 : steady)),
      (i) => ((i >= 300 && i < 330) || (i >= 355 && i < 385) ? over(true, false, true) : { kind: 'under', clearly: true }),
      (i) => (i >= 300 && i < 330 ? over(true, false, true) : i >= 355 && i < 385 ? { kind: 'grey' } : { kind: 'under', clearly: true }),
    ],
    [
      '40 s at 340 and 40 s at 358, 10 s apart: the whole span reads 352 s/km, short of the 350 bar: both grey',
      flat(1800, (i) => (i >= 300 && i < 340 ? 1000 / 340 : i >= 350 && i < 390 ? 1000 / 358 : steady)),
      (i) => ((i >= 300 && i < 340) || (i >= 350 && i < 390) ? over(true, false, true) : { kind: 'under', clearly: true }),
      (i) => ((i >= 300 && i < 340) || (i >= 350 && i < 390) ? { kind: 'grey' } : { kind: 'under', clearly: true }),
    ],
    [
      'no distance: nothing confirms the pace, grey',
      flat(600, () => steady).map((s) => ({ atMs: s.atMs, timerMs: s.timerMs, stopped: false, gapSecPerKm: 340, paceSecPerKm: 340 })),
      (i) => (i >= 300 && i < 360 ? over(true, false, true) : { kind: 'under', clearly: true }),
      (i) => (i >= 300 && i < 360 ? { kind: 'grey' } : { kind: 'under', clearly: true }),
    ],
  ])('%s', (_name, seconds, before, after) => {
    expect(confirmPace(seconds, verdictsOf(seconds.length, before), CEILINGS)).toEqual(verdictsOf(seconds.length, after));
  });

  test('a noisy recording: a stretch over by less than two of its own spreads is struck', () => {
    // ±0.25 m/s swings a minute long around 2.7 m/s: its 60 s windows stray by about that much.
    const noisy = flat(1800, (i) => 2.7 + (Math.floor(i / 60) % 2 === 0 ? 0.25 : -0.25));
    const verdicts = verdictsOf(1800, (i) => (i >= 600 && i < 660 ? over(true, false, true) : { kind: 'under', clearly: true }));
    // 2.95 m/s is 339 s/km, 21 s/km over: over by the margin, not by the margin plus the spread.
    expect(stretchGapSecPerKm(noisy, 600, 659)).toBeCloseTo(1000 / 2.95, 6);
    expect(confirmPace(noisy, verdicts, CEILINGS)[630]).toEqual({ kind: 'grey' });
  });
});

describe('distanceSpeedSpreadMps: how far a window\'s distance speed strays on this recording', () => {
  test.each<[string, JudgeSecond[], number, number | undefined]>([
    ['steady: none', flat(1200, () => 3), 30, 0],
    // Windows start every 30 s: half lie in one swing (±0.25 m/s off the reference), half straddle two (0): MAD 0.125, × 1.4826.
    ['minute-long ±0.25 m/s swings, 60 s windows: 1.4826 × 0.125', flat(1800, (i) => 2.7 + (Math.floor(i / 60) % 2 === 0 ? 0.25 : -0.25)), 60, 1.4826 * 0.125],
    ['one true minute-long surge in half an hour does not inflate it', flat(1800, (i) => (i >= 900 && i < 960 ? 3 : 2.7)), 60, 0],
    ['too short for a reference window: undefined', flat(200, () => 3), 30, undefined],
  ])('%s', (_name, seconds, windowSec, expected) => {
    const got = distanceSpeedSpreadMps(seconds, windowSec);
    if (expected === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(expected, 3);
  });
});

describe('capSpikes: a step far over its neighbours\' median is a multipath spike', () => {
  const cumulative = (steps: number[]): number[] => steps.reduce<number[]>((acc, s) => [...acc, (acc.at(-1) ?? 0) + s], [0]);
  test.each<[string, (number | undefined)[], (number | undefined)[]]>([
    ['steady 3 m steps: unchanged', cumulative(Array(80).fill(3)), cumulative(Array(80).fill(3))],
    [
      'a 4 s spike of +4 m/s: capped at 1.5 × 3 m',
      cumulative(Array.from({ length: 80 }, (_, i) => (i >= 40 && i < 44 ? 7 : 3))),
      cumulative(Array.from({ length: 80 }, (_, i) => (i >= 40 && i < 44 ? SPIKE_CAP_RATIO * 3 : 3))),
    ],
    ['no data stays no data, and adds nothing', [0, 3, undefined, undefined, 10, 13], [0, 3, undefined, undefined, 3, 6]],
  ])('%s', (_name, distanceM, expected) => {
    const got = capSpikes(distanceM);
    expect(got.length).toBe(expected.length);
    got.forEach((d, i) => (expected[i] === undefined ? expect(d).toBeUndefined() : expect(d).toBeCloseTo(expected[i] ?? NaN, 6)));
  });
});

describe('isCadenceLocked: a heart rate that reads the step rate', () => {
  test.each<[string, number, number | undefined, boolean]>([
    ['heart rate on the step rate', 170, 170, true],
    ['2 bpm off: still locked', 168, 170, true],
    ['3 bpm off: a heart', 167, 170, false],
    ['no cadence: cannot tell', 170, undefined, false],
    ['standing (cadence 0)', 0, 0, false],
  ])('%s', (_name, hrBpm, cadenceSpm, locked) => {
    expect(isCadenceLocked(hrBpm, cadenceSpm)).toBe(locked);
  });

  test('judgeSeries leaves locked readings out and fills the gap from its neighbours', () => {
    const list: Sample[] = Array.from({ length: 120 }, (_, i) => ({
      kind: 'sample',
      atMs: i * 1000,
      distanceM: 3 * i,
      hrBpm: i >= 60 && i < 64 ? 172 : 140,
      cadenceSpm: 172,
    }));
    expect(judgeSeries(list)[61]?.hrBpm).toBe(140);
  });
});

describe('judgeSeries: positions over chords', () => {
  test('a zigzag of ±2 m across a straight line at 3 m/s reads about 3 m/s, not the zigzag\'s 5 m a second', () => {
    const mPerDegLat = 111_195;
    const list: Sample[] = Array.from({ length: 300 }, (_, i) => ({
      kind: 'sample',
      atMs: i * 1000,
      latDeg: (3 * i) / mPerDegLat,
      lonDeg: (i % 2 === 0 ? 2 : -2) / mPerDegLat,
    }));
    const speed = judgeSeries(list)[150]?.speedMps ?? 0;
    expect(speed).toBeLessThan(3.1);
    expect(speed).toBeGreaterThan(2.9);
  });
});
