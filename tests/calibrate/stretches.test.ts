/**
 * One activity → its steady stretches and facts, on hand-made runs (constant
 * stretches of pace and heart rate from tests/support/runs.ts, one rule at a
 * time); and the rules that turn many runs into a ceiling.
 */
import { describe, expect, test } from 'vitest';
import * as z from 'zod';
import { calibrate, chooseCeilings, estimateEasyPace, type CalibrationRun } from '../../src/calibrate/calibrate.ts';
import type { HrCurve } from '../../src/calibrate/curve.ts';
import { readFileSync } from 'node:fs';
import { classifyActivity, extractFromInputs } from '../../src/calibrate/extract.ts';
import { decodeRecording } from '../../src/track/recording.ts';
import { corpusAvailable, corpusFiles, corpusPath } from '../corpus.ts';
import { calibratedProfile } from '../../src/profile/calibrated-profile.ts';
import { centredGrades, extractStretches, HR_SETTLE_MS, type Stretch } from '../../src/calibrate/stretches.ts';
import { configFromProfile, Profile } from '../../src/profile/profile.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { stretchesToSamples, type Stretch as Piece } from '../support/runs.ts';

const run = (pieces: readonly Piece[]): GuardInput[] => stretchesToSamples(pieces);
const at = (paceSecPerKm: number, minutes: number, hrBpm: number, extra: Partial<Piece> = {}): Piece => ({
  seconds: Math.round(minutes * 60),
  paceSecPerKm,
  hrBpm,
  cadenceSpm: 166,
  ...extra,
});
const summary = (stretches: readonly Stretch[]) =>
  stretches.map((s) => ({ fromMin: (s.atTimerMs - s.durationMs / 2) / 60_000, min: s.durationMs / 60_000, pace: Math.round(1000 / s.gapSpeedMps), hr: s.hrBpm }));

describe('steady stretches', () => {
  test('a steady 40 min: stretches of up to 10 min from minute 8 on, at its pace and heart rate', () => {
    const { stretches } = extractStretches(run([at(360, 40, 140)]));
    expect(summary(stretches)).toEqual([
      { fromMin: 8, min: 10, pace: 360, hr: 140 },
      { fromMin: 18, min: 10, pace: 360, hr: 140 },
      { fromMin: 28, min: 10, pace: 360, hr: 140 },
    ]);
  });

  test('nothing before heart rate has settled: 10 min give no 3-min stretch after minute 8', () => {
    expect(extractStretches(run([at(360, 10.5, 140)])).stretches).toEqual([]);
    expect(HR_SETTLE_MS).toBe(8 * 60_000);
  });

  test('a change of pace ends a stretch; the next starts a block later, once heart rate follows', () => {
    const { stretches } = extractStretches(run([at(360, 20, 135), at(300, 20, 150)]));
    expect(summary(stretches)).toEqual([
      { fromMin: 8, min: 10, pace: 360, hr: 135 },
      // 18–20 min: two blocks at 5:00 before the change, too few for a stretch.
      { fromMin: 20, min: 10, pace: 300, hr: 150 },
      { fromMin: 30, min: 10, pace: 300, hr: 150 },
    ]);
  });

  // Fails on the rule before HR_SETTLED_BPM: a stretch from minute 20 read 157, the heart's climb, not its level.
  test('after a change of pace a slow heart (τ 90 s) is read once it has settled, not while it climbs', () => {
    const climb = Array.from({ length: 20 * 60 }, (_, s): Piece => at(300, 1 / 60, Math.round(165 - 30 * Math.exp(-s / 90)), { cadenceSpm: 178 }));
    const fast = summary(extractStretches(run([at(360, 20, 135), ...climb])).stretches).filter((s) => s.pace === 300);
    expect(fast.length).toBeGreaterThan(0);
    // Minute to minute within HR_SETTLED_BPM from the 23rd minute on (162 → 163.5): the first stretch starts at 22, its heart rate read after.
    expect(fast[0]?.fromMin).toBe(22);
    for (const s of fast) expect(s.hr).toBeGreaterThanOrEqual(164);
  });

  // Fails on the rule before NOISE_MAX_PAIR_CHANGE: the repeats' changes of pace read as noise, and an easy stretch's error as 0.046 m/s.
  test("an interval session's changes of pace are not its speed noise", () => {
    const repeats = Array.from({ length: 5 }, () => [at(240, 3, 160, { cadenceSpm: 180 }), at(400, 2, 160)]).flat();
    const wobble = Array.from({ length: 16 }, (_, i) => at(i % 2 === 0 ? 357 : 363, 1, 140));
    // Repeats off the block grid (from 8:30), as in a real session; the easy minutes on it (from 34:00), 5:57 and 6:03 in turn.
    const { stretches } = extractStretches(run([at(360, 8.5, 140), ...repeats, at(360, 0.5, 140), ...wobble]));
    const easy = stretches.filter((s) => s.atTimerMs > 34 * 60_000);
    expect(easy.length).toBeGreaterThan(0);
    // The wobble alone: 0.05 m/s from one minute to the next (σ 0.05 m/s a block), over √blocks: 0.015–0.02 m/s.
    for (const s of easy) expect(s.gapSeMps).toBeLessThan(0.03);
  });

  test('heart rate that jumps at a steady pace (a sensor locking on high) ends a stretch too', () => {
    const ramp = Array.from({ length: 10 }, (): Piece => at(360, 2 / 60, 0)).map((p, i) => ({ ...p, hrBpm: 140 + 2 * (i + 1) }));
    const { stretches } = extractStretches(run([at(360, 20, 140), ...ramp, at(360, 19.66, 160)]));
    expect(new Set(summary(stretches).map((s) => s.hr))).toEqual(new Set([140, 160]));
  });

  test('a stop makes its minute unusable: no stretch spans it', () => {
    const { stretches } = extractStretches(run([at(360, 20, 140), { seconds: 30, paceSecPerKm: 0, hrBpm: 120 }, at(360, 20, 140)]));
    for (const s of summary(stretches)) expect(s.fromMin >= 20.5 || s.fromMin + s.min <= 20).toBe(true);
    expect(stretches.length).toBeGreaterThanOrEqual(3);
  });

  test.each([
    ['2 % up: counted, grade-adjusted faster than the pace run', 0.02, true],
    ['6 % up: left out (steeper than 4 %)', 0.06, false],
  ])('%s', (_name, grade, counted) => {
    const { stretches } = extractStretches(run([at(360, 30, 140, { altitudeStepM: grade * (1000 / 360) })]));
    if (!counted) {
      expect(stretches).toEqual([]);
      return;
    }
    expect(stretches.length).toBeGreaterThan(0);
    for (const s of stretches) {
      expect(s.gradePct).toBeCloseTo(2, 1);
      // Minetti: 2 % up costs 12 % more than the flat: 6:00 there is about 5:21 on the flat.
      expect(1000 / s.gapSpeedMps).toBeLessThan(345);
    }
  });

  test('centred grade: a constant slope reads as itself, with no lag at either end of the data', () => {
    const seconds = Array.from({ length: 400 }, (_, i) => ({ odometerM: 3 * i, altitudeM: 100 + 0.03 * 3 * i }));
    const grades = centredGrades(seconds).filter((g) => g !== undefined);
    expect(grades.length).toBeGreaterThan(350);
    // Within 0.05 %: readings every 3 m put the averaged ends of an 80 m baseline 81 m apart.
    for (const g of grades) expect(g).toBeCloseTo(3, 1);
  });

  test('centred grade: a rough altimeter (GPS, metres of jitter) gets the long baseline, and stays near the truth', () => {
    const jitter = (i: number): number => (((i * 7919) % 11) - 5) * 0.6;
    const seconds = Array.from({ length: 1000 }, (_, i) => ({ odometerM: 3 * i, altitudeM: 100 + 0.02 * 3 * i + jitter(i) }));
    const grades = centredGrades(seconds).filter((g) => g !== undefined);
    for (const g of grades) expect(Math.abs(g - 2)).toBeLessThan(0.5);
  });
});

describe('the highest heart rate of a run is a level held 20 s', () => {
  test.each([
    ['steady 140: 140', [at(360, 20, 140)], 140],
    ['a 10-s spike to 190 does not count', [at(360, 10, 140), at(360, 10 / 60, 190), at(360, 10, 140)], 140],
    [
      'a minute at 176 after a climb at 4 bpm/s does',
      [at(360, 10, 140), ...Array.from({ length: 9 }, (_, i) => at(300, 1 / 60, 144 + 4 * i)), at(300, 1, 176), at(360, 10, 140)],
      176,
    ],
  ])('%s', (_name, pieces, peak) => {
    expect(extractStretches(run(pieces)).facts.peakHrBpm).toBe(peak);
  });
});

describe('runs are told from other activities by their data', () => {
  test.each([
    ['a run', [at(360, 30, 140)], 'run', ''],
    ['a walk (1.2 m/s)', [at(833, 30, 100, { cadenceSpm: 110 })], 'skipped', 'a walk or hike: median moving speed 1.20 m/s (13:53 /km), under running speed (1.8 m/s)'],
    ['rowing at running speed: 28 strokes a minute', [at(300, 30, 140, { cadenceSpm: 56 })], 'skipped', 'not a running rhythm: median step rate 56 /min, under 140 (rowing, skiing or walking)'],
    ['no heart rate', [{ seconds: 1800, paceSecPerKm: 360 }], 'skipped', 'no heart rate: calibration needs pace and heart rate'],
  ])('%s', (_name, pieces, kind, message) => {
    const extract = extractFromInputs(run(pieces));
    expect(extract.kind).toBe(kind);
    if (extract.kind === 'skipped') expect(extract.message).toBe(message);
    // classifyActivity (what tune asks) gives the extract's verdict and facts without the stretches.
    const verdict = classifyActivity(run(pieces));
    expect(verdict).toEqual(extract.kind === 'run' ? { kind: 'run', facts: extract.facts } : extract);
  });

  // Real recordings: pauses, gaps, walks among the runs; the facts alone must be the extract's to the bit.
  test.skipIf(!corpusAvailable).each(corpusFiles('runs'))('corpus %s: classifyActivity gives the extract verdict and facts', (name) => {
    const decoded = decodeRecording(new Uint8Array(readFileSync(corpusPath('runs', name))));
    if (!decoded.ok) return;
    const extract = extractFromInputs(decoded.inputs);
    expect(classifyActivity(decoded.inputs)).toEqual(extract.kind === 'run' ? { kind: 'run', facts: extract.facts } : extract);
  });
});

// ---------------------------------------------------------------------------

/** A curve of 28 bpm per m/s through 138 bpm at 5:30, no drift. */
const CURVE: HrCurve = {
  refSpeedMps: 1000 / 330,
  hrAtRefBpm: 138,
  slopeBpmPerMps: 28,
  driftBpmPerHour: 0,
  drift: 'not-fitted',
  residualSdBpm: 1,
  runResidualSdBpm: 1,
  speedLoMps: 2.5,
  speedHiMps: 3.6,
  stretchCount: 50,
  runCount: 20,
};

describe('the consistency rule', () => {
  // At 6:00 (easy 5:30 + 0:30) the curve gives 138 − 28 · (3.030 − 2.778) = 130.9 bpm.
  test.each([
    ['HR ceiling 6 bpm above the curve at the pace ceiling: consistent', 180, 'consistent', 360],
    ['16 bpm above: the HR ceiling is loose (reported, not changed)', 193, 'hr-loose', 360],
    ['5 bpm below: the pace ceiling slows to where the curve meets the HR ceiling', 166, 'pace-slowed', 385],
    ['40 bpm below: beyond 60 s/km of slowing, left as the rules give it', 120, 'conflict', 360],
  ])('%s', (_name, maxHrBpm, verdict, paceCeiling) => {
    const choice = chooseCeilings(330, maxHrBpm, undefined, undefined, CURVE);
    expect(choice.consistency.verdict).toBe(verdict);
    expect(choice.paceCeilingSecPerKm).toBe(paceCeiling);
    expect(choice.hrCeilingBpm).toBe(Math.round(0.76 * maxHrBpm));
    if (choice.consistency.verdict !== 'unchecked') expect(choice.consistency.curveHrAtPaceCeilingBpm).toBeCloseTo(130.9, 1);
  });

  test('with resting heart rate the ceiling is 70 % of reserve', () => {
    expect(chooseCeilings(330, 185, 50, undefined, CURVE)).toMatchObject({ hrCeilingBpm: 145, hrSource: 'hr-reserve' });
  });

  test('a recovery margin from the profile is used', () => {
    expect(chooseCeilings(330, 185, undefined, 45, CURVE).paceCeilingSecPerKm).toBe(375);
  });

  test('without a curve there is nothing to check', () => {
    expect(chooseCeilings(330, 185, undefined, undefined, undefined).consistency).toEqual({ verdict: 'unchecked', why: 'no heart-rate curve' });
  });
});

/** A run with stretches at the given paces (s/km) and heart rates. */
function fakeRun(day: number, paces: readonly number[], hrBpm: number, peakHrBpm = hrBpm + 10): CalibrationRun {
  return {
    file: `run-${day}.fit`,
    sha256: day.toString(16).padStart(64, '0'),
    facts: { startMs: Date.UTC(2024, 0, 1 + day, 7), timerMs: 2_400_000, movingMs: 2_400_000, medianMovingSpeedMps: 3, hrMs: 2_400_000, peakHrBpm },
    stretches: paces.map((pace, i) => ({ atTimerMs: (12 + 6 * i) * 60_000, durationMs: 360_000, gapSpeedMps: 1000 / pace, gapSeMps: 0.02, hrBpm })),
  };
}

describe('easy pace', () => {
  test('the median of the runs\' steady paces; tempo stretches (above the aerobic band) left out, their warm-ups kept', () => {
    const tempo = fakeRun(11, [355, 270, 270], 165, 185);
    const runs = [
      ...[325, 328, 330, 332, 335, 340, 333].map((pace, day) => fakeRun(day, [pace, pace], 138)),
      fakeRun(10, [270, 270], 160),
      { ...tempo, stretches: tempo.stretches.map((s, i) => (i === 0 ? { ...s, hrBpm: 135 } : s)) },
    ];
    // Band top 0.85 · 185 = 157 bpm: run 10 is left out whole, run 11 keeps its warm-up at 5:55.
    const estimate = estimateEasyPace(runs, 185);
    expect(estimate).toMatchObject({ secPerKm: 332.5, runCount: 8, stretchCount: 15, aboveBandStretches: 4, band: 'applied' });
    expect(estimate.interval.lo).toBeLessThanOrEqual(332);
    expect(estimate.interval.hi).toBeGreaterThanOrEqual(332);
  });

  test('a band that would leave out most runs is not applied (the highest heart rate seen is below the true one)', () => {
    const runs = [325, 328, 330, 332, 335].map((pace, day) => fakeRun(day, [pace], 138));
    expect(estimateEasyPace(runs, 160)).toMatchObject({ secPerKm: 330, runCount: 5, band: 'not-applied', aboveBandStretches: 5 });
  });
});

describe('calibrate', () => {
  test('no runs, or none with steady running, is an error value', () => {
    expect(calibrate([])).toEqual({ ok: false, error: 'no runs to calibrate from' });
    const empty = { ...fakeRun(1, [], 140) };
    expect(calibrate([empty])).toEqual({
      ok: false,
      error: 'none of the 1 runs has a steady stretch (3 min of steady running after minute 8, with heart rate)',
    });
  });

  test('few runs: estimates, and a warning that says what they rest on', () => {
    const result = calibrate([fakeRun(1, [330, 300], 140), fakeRun(2, [360], 131)]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.calibration.warnings).toContain('only 2 runs with steady running (3 stretches): the estimates are rough; 10 or more runs make them firm');
  });

  test('the profile: calibrated fields over the runner\'s own settings; a hand-set heart-rate ceiling gives way', () => {
    const runs = Array.from({ length: 12 }, (_, day) => fakeRun(day, [320 + day, 300 + day], 140 + (day % 3), 180));
    const result = calibrate(runs, { restHrBpm: 50 });
    if (!result.ok) throw new Error(result.error);
    const profile = calibratedProfile(result.calibration, { easyPace: 300, hrCeilingBpm: 150, maxDurationMin: 40, tuning: { repeatMs: 90_000 } });
    expect(profile).toMatchObject({ maxHrBpm: 180, restHrBpm: 50, maxDurationMin: 40, tuning: { repeatMs: 90_000 } });
    expect(profile.hrCeilingBpm).toBeUndefined();
    expect(Profile.safeParse(z.encode(Profile, profile)).success).toBe(true);
    const built = configFromProfile(profile);
    expect(built.ok && built.config.ceilings.hrCeilingBpm).toBe(141);
    expect(profile.calibration?.runs.map((r) => r.startedAt)[0]).toBe('2024-01-01T07:00:00.000Z');
  });
});
