import { describe, expect, test } from 'vitest';
import { runGuard } from '../../src/guard/run.ts';
import type { GuardConfig, HrCurve } from '../../src/guard/config.ts';
import { configFromProfile, Profile } from '../../src/profile/profile.ts';
import { START_MS, stretchesToSamples, testConfig, type Stretch } from '../support/runs.ts';

/** A runner whose heart rate is 130 at 2.7 m/s (6:10 /km), 30 bpm more per m/s, no drift. */
const CURVE: HrCurve = {
  refSpeedMps: 2.7,
  hrAtRefBpm: 130,
  slopeBpmPerMps: 30,
  driftBpmPerHour: 0,
  runResidualSdBpm: 2,
  speedLoMps: 2.3,
  speedHiMps: 3.3,
};
const withCurve = (curve: HrCurve | undefined): GuardConfig => ({
  ...testConfig({ pace: 330, hr: 160 }),
  ...(curve !== undefined ? { hrCurve: curve } : {}),
});
const run = (hrBpm: number, paceSecPerKm = 370): Stretch => ({ seconds: 1500, paceSecPerKm, hrBpm });

function tired(stretches: readonly Stretch[], curve: HrCurve | undefined): string[] {
  return runGuard(stretchesToSamples(stretches), withCurve(curve))
    .filter((e) => e.kind === 'tired')
    .map((e) => (e.kind === 'tired' ? `${Math.round((e.atMs - START_MS) / 1000)} +${Math.round(e.excessBpm)}` : ''));
}

describe('the fatigue check', () => {
  test.each<[string, Stretch[], HrCurve | undefined, string[]]>([
    ['heart rate on the runner\'s curve: nothing', [run(130)], CURVE, []],
    ['10 bpm above the curve at the same pace: tired, once, at minute 15', [run(140)], CURVE, ['900 +10']],
    ['4 bpm above: inside the usual day-to-day spread', [run(134)], CURVE, []],
    ['10 bpm above a curve fitted on a scattered history (runs usually ±6 bpm off it): not clearly tired', [run(140)], { ...CURVE, runResidualSdBpm: 6 }, []],
    ['faster running, heart rate as the curve expects there: nothing', [run(139, 333)], CURVE, []],
    ['a pace outside the range the curve was fitted on: no judgement', [run(150, 500)], CURVE, []],
    ['no calibrated curve: no check', [run(150)], undefined, []],
    [
      'mostly standing still between minutes 6 and 15: too little data to judge',
      [{ seconds: 420, paceSecPerKm: 370, hrBpm: 140 }, { seconds: 420, paceSecPerKm: 0, hrBpm: 140 }, run(140)],
      CURVE,
      [],
    ],
  ])('%s', (_name, stretches, curve, expected) => {
    expect(tired(stretches, curve)).toEqual(expected);
  });

  test('a calibrated profile carries its curve into the guard', () => {
    const profile = Profile.parse({
      easyPace: '5:30',
      calibration: {
        version: 1,
        firstRunAt: '2026-01-01T06:00:00.000Z',
        lastRunAt: '2026-02-01T06:00:00.000Z',
        runs: [],
        easyPace: { secPerKm: 330, lowSecPerKm: 325, highSecPerKm: 336, runs: 20, stretches: 60, aboveBandStretches: 0, band: 'applied' },
        hrCurve: {
          form: 'linear-gap-speed', refSpeedMps: 2.7, hrAtRefBpm: 130, slopeBpmPerMps: 30, driftBpmPerHour: 0, drift: 'not-fitted',
          residualSdBpm: 3, runResidualSdBpm: 2, speedLoMps: 2.3, speedHiMps: 3.3, stretches: 60, runs: 20, slopeLoBpmPerMps: 25, slopeHiBpmPerMps: 35,
        },
        ceiling: { paceCeilingSecPerKm: 360, paceSource: 'easy-pace', hrSource: 'none', consistency: 'unchecked' },
      },
    });
    const built = configFromProfile(profile);
    expect(built.ok && built.config.hrCurve).toEqual(CURVE);
  });
});
