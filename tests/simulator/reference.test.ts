import { describe, expect, test } from 'vitest';
import type { GuardInput, Sample } from '../../src/samples/sample.ts';
import { naiveAlerts } from '../../simulator/bench/reference/naive.ts';
import { runnerUpAlerts } from '../../simulator/bench/reference/runnerup.ts';

// Ceiling 6:00/km is 2.778 m/s; 2.7 m/s is under it, 3.0 m/s over it.
const CEILINGS = { paceCeilingSecPerKm: 360, hrCeilingBpm: 140 };
const UNDER_MPS = 2.7;
const OVER_MPS = 3.0;
/** Metres per degree of latitude on the haversine sphere. */
const M_PER_DEG_LAT = (6_371_008.8 * Math.PI) / 180;

type Fields = 'speed' | 'distance' | 'positions';

/** 1 Hz samples from per-second speeds (and heart rates), with the chosen pace fields. */
function samplesOf(speedsMps: readonly number[], fields: Fields, hrBpm: readonly (number | undefined)[] = []): Sample[] {
  let distanceM = 0;
  return speedsMps.map((speedMps, i) => {
    distanceM += speedMps;
    const hr = hrBpm[i];
    const base: Sample = { kind: 'sample', atMs: i * 1000, ...(hr === undefined ? {} : { hrBpm: hr }) };
    if (fields === 'speed') return { ...base, speedMps };
    if (fields === 'distance') return { ...base, distanceM };
    return { ...base, latDeg: 52 + distanceM / M_PER_DEG_LAT, lonDeg: 5 };
  });
}
const repeat = (value: number, seconds: number): number[] => new Array<number>(seconds).fill(value);
/** 30 s under, 30 s over, 30 s under, 30 s over. */
const TWO_CROSSINGS = [...repeat(UNDER_MPS, 30), ...repeat(OVER_MPS, 30), ...repeat(UNDER_MPS, 30), ...repeat(OVER_MPS, 30)];

describe('naive', () => {
  test.each<Fields>(['speed', 'distance', 'positions'])('pace from %s alerts once per crossing', (fields) => {
    const alerts = naiveAlerts(samplesOf(TWO_CROSSINGS, fields), { paceCeilingSecPerKm: 360 });
    expect(alerts).toHaveLength(2);
    // The 5 s mean crosses within the first few seconds over.
    expect(alerts[0]).toBeGreaterThanOrEqual(30_000);
    expect(alerts[0]).toBeLessThanOrEqual(34_000);
    expect(alerts[1]).toBeGreaterThanOrEqual(90_000);
    expect(alerts[1]).toBeLessThanOrEqual(94_000);
  });

  test.each([
    ['each crossing of instant heart rate alerts', [130, 141, 141, 130, 142], [1000, 4000]],
    ['at the ceiling is not over', [130, 140, 140, 130], []],
    ['a missing reading keeps the state', [130, 141, undefined, 142, 130, 141], [1000, 5000]],
    ['a 255 glitch is an alert', [130, 255, 130], [1000]],
  ])('%s', (_name, hr, expected) => {
    expect(naiveAlerts(samplesOf(repeat(UNDER_MPS, hr.length), 'speed', hr), CEILINGS)).toEqual(expected);
  });

  test('a pause clears the state: over again after it is a new crossing', () => {
    const over = samplesOf(repeat(OVER_MPS, 10), 'speed');
    const inputs: GuardInput[] = [
      ...over,
      { kind: 'pause', atMs: 10_000 },
      { kind: 'resume', atMs: 20_000 },
      ...over.map((s) => ({ ...s, atMs: s.atMs + 20_000 })),
    ];
    expect(naiveAlerts(inputs, { paceCeilingSecPerKm: 360 })).toEqual([0, 20_000]);
  });
});

describe('RunnerUp-like', () => {
  test('over from the start: first alert after the 20 s grace, then every 31 ticks', () => {
    // Tick 0 starts the trigger, ticks 1–20 are grace, tick 21 compares; then 30 more of grace.
    expect(runnerUpAlerts(samplesOf(repeat(OVER_MPS, 100), 'distance'), CEILINGS)).toEqual([21_000, 52_000, 83_000]);
  });

  test('under the ceiling: silent', () => {
    expect(runnerUpAlerts(samplesOf(repeat(UNDER_MPS, 300), 'speed', repeat(130, 300)), CEILINGS)).toEqual([]);
  });

  test('a single 255 reading is trimmed from the mean', () => {
    const hr = repeat(130, 100);
    hr[21] = 255;
    expect(runnerUpAlerts(samplesOf(repeat(UNDER_MPS, 100), 'distance', hr), CEILINGS)).toEqual([]);
  });

  test('three 255 readings in the window are not', () => {
    const hr = repeat(130, 100);
    hr[19] = 255;
    hr[20] = 255;
    hr[21] = 255;
    expect(runnerUpAlerts(samplesOf(repeat(UNDER_MPS, 100), 'distance', hr), CEILINGS)).toEqual([21_000]);
  });

  test('frozen distance (a tunnel) reads as slow, the catch-up as fast', () => {
    // Distance frozen from 100 s to 150 s; comparisons at 21 s, 52 s, … 145 s, 176 s.
    const inputs = samplesOf(repeat(UNDER_MPS, 200), 'distance').map((s) =>
      s.atMs >= 100_000 && s.atMs < 150_000 ? { ...s, distanceM: UNDER_MPS * 100 } : s,
    );
    expect(runnerUpAlerts(inputs, { paceCeilingSecPerKm: 360 })).toEqual([176_000]);
  });

  test('a resume restarts the grace', () => {
    const over = samplesOf(repeat(OVER_MPS, 40), 'distance');
    const inputs: GuardInput[] = [
      ...over,
      { kind: 'pause', atMs: 40_000 },
      { kind: 'resume', atMs: 100_000 },
      ...over.map((s) => ({ ...s, atMs: s.atMs + 100_000, distanceM: (s.distanceM ?? 0) + OVER_MPS * 40 })),
    ];
    expect(runnerUpAlerts(inputs, CEILINGS)).toEqual([21_000, 121_000]);
  });
});
