import { describe, expect, test } from 'vitest';
import { stepPace, smoothedSpeedMps, INITIAL_PACE_STATE, type PaceState } from '../../src/signal/pace.ts';
import { stepHeartRate, smoothedHrBpm, isCadenceLocked, INITIAL_HR_STATE, type HrState } from '../../src/signal/heart-rate.ts';
import { stepGrade, INITIAL_GRADE_STATE } from '../../src/signal/grade.ts';
import { gradeAdjustedSpeedMps, minettiCostJPerKgM } from '../../src/signal/minetti.ts';
import { haversineM } from '../../src/signal/geo.ts';
import type { Sample } from '../../src/samples/sample.ts';
import { DEFAULT_TUNING } from '../../src/guard/config.ts';

const at = (s: number) => s * 1000;
const sample = (s: number, fields: Partial<Omit<Sample, 'kind' | 'atMs'>>): Sample => ({ kind: 'sample', atMs: at(s), ...fields });

function paceAfter(samples: readonly Sample[]): number | undefined {
  let state: PaceState = INITIAL_PACE_STATE;
  for (const s of samples) state = stepPace(state, s, DEFAULT_TUNING);
  return smoothedSpeedMps(state);
}

function hrAfter(samples: readonly Sample[]): { bpm: number | undefined; locked: boolean } {
  let state: HrState = INITIAL_HR_STATE;
  for (const s of samples) state = stepHeartRate(state, s, DEFAULT_TUNING);
  const last = samples[samples.length - 1];
  return { bpm: smoothedHrBpm(state), locked: last !== undefined && isCadenceLocked(state, last.atMs) };
}

const seconds = (n: number, f: (i: number) => Partial<Omit<Sample, 'kind' | 'atMs'>>) =>
  Array.from({ length: n }, (_, i) => sample(i, f(i)));

describe('pace conditioning', () => {
  test.each([
    ['steady speed field', seconds(20, () => ({ speedMps: 2.8 })), 2.8],
    ['two multipath spikes in ten seconds do not move the median', seconds(20, (i) => ({ speedMps: i === 15 || i === 17 ? 7.5 : 2.8 })), 2.8],
    ['an impossible reading is dropped', seconds(20, (i) => ({ speedMps: i === 19 ? 25 : 2.8 })), 2.8],
    ['from distance only', seconds(20, (i) => ({ distanceM: i * 2.5 })), 2.5],
    ['distance catch-up after a tunnel is not a sprint', seconds(20, (i) => ({ distanceM: i < 19 ? i * 2.5 : 18 * 2.5 + 150 })), 2.5],
    ['positions only (0.000025° of latitude a second ≈ 2.78 m/s)', seconds(20, (i) => ({ latDeg: 45 + i * 0.000025, lonDeg: 7 })), 2.78],
    // The chord's oldest fix is measured back from the current fix: fixes 2 s apart used to give a 16 s chord, refused.
    ...[2, 3, 5, 10, 15].map((everyS): [string, Sample[], number] => [
      `positions a fix every ${everyS} s`,
      Array.from({ length: 30 }, (_, i) => sample(i * everyS, { latDeg: 45 + i * everyS * 0.000025, lonDeg: 7 })),
      2.78,
    ]),
    ['zero speed at a running cadence is lost GPS, not a stop', seconds(20, (i) => ({ speedMps: i < 12 ? 2.8 : 0, cadenceSpm: 170 })), 2.8],
    ['zero speed without running cadence is a stop', seconds(20, (i) => ({ speedMps: i < 8 ? 2.8 : 0 })), 0],
  ])('%s', (_name, samples, expected) => {
    expect(paceAfter(samples)).toBeCloseTo(expected, 1);
  });

  test('no readings within the window means no pace, never zero', () => {
    expect(paceAfter([sample(0, { speedMps: 3 }), sample(30, { hrBpm: 120 })])).toBeUndefined();
  });

  test('fixes more than the position baseline (15 s) apart give no pace', () => {
    expect(paceAfter(Array.from({ length: 6 }, (_, i) => sample(i * 16, { latDeg: 45 + i * 16 * 0.000025, lonDeg: 7 })))).toBeUndefined();
  });
});

describe('heart-rate conditioning', () => {
  test.each([
    ['steady', seconds(10, () => ({ hrBpm: 130 })), 130, false],
    ['sensor faults 0 and 255 are not readings', seconds(10, (i) => ({ hrBpm: i % 3 === 0 ? 0 : i % 3 === 1 ? 255 : 130 })), 130, false],
    ['a one-second jump of 60 bpm is not believed', seconds(10, (i) => ({ hrBpm: i === 9 ? 190 : 130 })), 130, false],
    ['a jumped-to level that holds 10 s is believed', seconds(40, (i) => ({ hrBpm: i < 10 ? 120 : 160 })), 160, false],
    ['heart rate at the step rate is a cadence lock', seconds(30, (i) => ({ hrBpm: i < 10 ? 130 : 171, cadenceSpm: 170 })), undefined, true],
    ['a real heart rate well below cadence is kept', seconds(30, () => ({ hrBpm: 135, cadenceSpm: 170 })), 135, false],
  ])('%s', (_name, samples, expectedBpm, locked) => {
    const out = hrAfter(samples);
    if (expectedBpm === undefined) expect(out.bpm).toBeUndefined();
    else expect(out.bpm).toBeCloseTo(expectedBpm, 0);
    expect(out.locked).toBe(locked);
  });

  test('a dropout stays missing rather than reading zero', () => {
    expect(hrAfter([sample(0, { hrBpm: 130 }), sample(20, {})]).bpm).toBeUndefined();
  });
});

describe('grade and grade-adjusted pace', () => {
  test.each([
    ['flat', 0, 0],
    ['5 % climb', 0.15, 5],
    ['8 % descent', -0.24, -8],
  ])('%s from altitude over distance', (_name, riseMPerS, expectedPct) => {
    let state = INITIAL_GRADE_STATE;
    for (let i = 0; i < 120; i++) state = stepGrade(state, at(i), 3, 100 + i * riseMPerS);
    expect(state.gradePct).toBeCloseTo(expectedPct, 0);
  });

  test('Minetti: flat costs 3.6 J/kg/m, uphill more, gentle downhill less', () => {
    expect(minettiCostJPerKgM(0)).toBeCloseTo(3.6, 5);
    expect(minettiCostJPerKgM(0.1)).toBeGreaterThan(5);
    expect(minettiCostJPerKgM(-0.1)).toBeLessThan(2.5);
  });

  test.each([
    ['uphill at 6:30/km is harder than 6:00/km on the flat', 1000 / 390, 6, 'faster'],
    ['downhill at 5:00/km is easier than 6:00/km on the flat', 1000 / 300, -8, 'slower'],
  ])('%s', (_name, speedMps, gradePct, expected) => {
    const flatEquivalentPace = 1000 / gradeAdjustedSpeedMps(speedMps, gradePct);
    if (expected === 'faster') expect(flatEquivalentPace).toBeLessThan(360);
    else expect(flatEquivalentPace).toBeGreaterThan(360);
  });

  test('haversine: one degree of latitude is about 111 km', () => {
    expect(haversineM(45, 7, 46, 7)).toBeCloseTo(111_195, -2);
  });
});

describe('altitude quality', () => {
  // A flat run whose altitude wanders like GPS altitude: metres, slowly, plus jitter.
  function gpsLikeAltitude(i: number): number {
    return 100 + 4 * Math.sin(i / 40) + 0.8 * Math.sin(i * 2.3) + 0.6 * Math.cos(i * 1.7);
  }
  test('rough (GPS) altitude on the flat does not read as a hill', () => {
    let state = INITIAL_GRADE_STATE;
    let worstPct = 0;
    for (let i = 0; i < 600; i++) {
      state = stepGrade(state, at(i), 2.7, gpsLikeAltitude(i));
      if (i > 200) worstPct = Math.max(worstPct, Math.abs(state.gradePct ?? 0));
    }
    expect(state.roughnessM).toBeGreaterThan(0.35);
    // Over 80 m the same altitude would swing by about ±7 %; the long baseline keeps it near 1 %.
    expect(worstPct).toBeLessThan(2);
  });

  test('smooth (barometric) altitude keeps the short baseline and follows a hill', () => {
    let state = INITIAL_GRADE_STATE;
    // A 6 % climb stored in FIT's 0.2 m steps.
    for (let i = 0; i < 120; i++) state = stepGrade(state, at(i), 3, Math.round((100 + i * 0.18) * 5) / 5);
    expect(state.roughnessM).toBeLessThan(0.35);
    expect(state.gradePct).toBeCloseTo(6, 0);
  });
});
