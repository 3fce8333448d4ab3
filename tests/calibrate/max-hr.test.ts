/**
 * The highest heart rate is believed only where the runner's own curve puts
 * it at the pace it was held, or where another run reaches it too (issue #18:
 * on the corpus, one TCX's 20 s of 210–225 bpm at a steady 4 m/s became the
 * runner's maximum, and the heart-rate ceiling with it).
 *
 * Synthetic histories of hand-made runs (tests/support/runs.ts, through
 * extraction as `calibrate` sends them) by one runner whose steady heart
 * rate is 130 bpm at 6:00 /km and 30 bpm more per m/s: easy runs at
 * 5:30–6:40, two tempo runs, and what each case adds.
 */
import { describe, expect, test } from 'vitest';
import { believedMaxHr, calibrate, type CalibrationRun } from '../../src/calibrate/calibrate.ts';
import type { HrCurve } from '../../src/calibrate/curve.ts';
import { extractFromInputs } from '../../src/calibrate/extract.ts';
import { stretchesToSamples, type Stretch as Piece } from '../support/runs.ts';

const DAY_MS = 86_400_000;
const hrAt = (paceSecPerKm: number): number => Math.round(130 + 30 * (1000 / paceSecPerKm - 1000 / 360));
const steady = (paceSecPerKm: number, minutes: number): Piece => ({ seconds: minutes * 60, paceSecPerKm, hrBpm: hrAt(paceSecPerKm), cadenceSpm: 166 });
/** A strap that reads `bpm` for `seconds` while the runner keeps their pace (ramped in, as the corpus file's did). */
const strapFault = (paceSecPerKm: number, bpm: number, seconds: number): Piece[] => [
  { seconds: 4, paceSecPerKm, hrBpm: Math.round((hrAt(paceSecPerKm) + bpm) / 2), cadenceSpm: 166 },
  { seconds, paceSecPerKm, hrBpm: bpm, cadenceSpm: 166 },
];
/** Three 3-min repeats at `paceSecPerKm` reaching `peakBpm`, 2 min easy between. */
const intervals = (paceSecPerKm: number, peakBpm: number): Piece[] =>
  Array.from({ length: 3 }, (): Piece[] => [{ seconds: 180, paceSecPerKm, hrBpm: peakBpm, cadenceSpm: 176 }, steady(400, 2)]).flat();

type Plan = readonly Piece[];
const EASY_PACES = [330, 345, 360, 375, 390, 400, 350, 365, 380, 335];
const BASE: Plan[] = [
  ...EASY_PACES.map((pace) => [steady(pace, 40)]),
  [steady(380, 12), steady(300, 20), steady(390, 6)],
  [steady(380, 12), steady(305, 20), steady(390, 6)],
];

function history(extra: readonly Plan[]): CalibrationRun[] {
  return [...BASE, ...extra].map((pieces, day) => {
    const extract = extractFromInputs(stretchesToSamples(pieces, 1_700_000_000_000 + day * DAY_MS));
    if (extract.kind !== 'run') throw new Error(`day ${day}: ${extract.message}`);
    return { file: `runs/day-${day}.fit`, sha256: '0'.repeat(64), facts: extract.facts, stretches: extract.stretches };
  });
}

const easyWith = (fault: readonly Piece[]): Plan => [steady(360, 20), ...fault, steady(360, 20)];

describe('the highest heart rate of a history', () => {
  test.each<[string, Plan[], number, number[]]>([
    ['a strap reading 215 for 30 s of an easy run disagrees with the curve: set aside', [easyWith(strapFault(360, 215, 30)), [steady(380, 10), ...intervals(240, 172), steady(390, 10)]], 172, [215]],
    ['a genuine high heart rate at high speed (188 at 3:20 /km) is kept', [[steady(380, 10), ...intervals(200, 188), steady(390, 10)]], 188, []],
    ['a peak that another run reaches too is kept, whatever the curve says', [easyWith(strapFault(360, 200, 30)), easyWith(strapFault(350, 199, 30))], 200, []],
    ['a strap fault and no hard effort: the fault is set aside, the highest believable peak stays', [easyWith(strapFault(370, 212, 40))], hrAt(300), [212]],
  ])('%s', (_name, extra, maxHrBpm, setAsideBpm) => {
    const runs = history(extra);
    const result = calibrate(runs);
    if (!result.ok) throw new Error(result.error);
    const { calibration } = result;
    expect(calibration.maxHr?.bpm).toBe(maxHrBpm);
    expect(calibration.maxHrSetAside.map((peak) => peak.bpm)).toEqual(setAsideBpm);
    // Each one set aside is said, in one line naming its file and peak.
    const said = calibration.warnings.filter((w) => w.includes('set aside'));
    expect(said).toHaveLength(setAsideBpm.length);
    calibration.maxHrSetAside.forEach((peak, i) => {
      expect(said[i]).toMatch(new RegExp(`^highest heart rate ${peak.bpm} in day-\\d+\\.fit set aside: \\d+ bpm over your curve at the pace it was held`));
      expect(said[i]).not.toMatch(/\n/);
    });
  });

  test('the fault was a held peak of the run it was in, at that run\'s easy pace (the check reads the right effort)', () => {
    const [faulty] = history([easyWith(strapFault(360, 215, 30))]).slice(-1);
    expect(faulty?.facts.peakHrBpm).toBe(215);
    expect(faulty?.facts.peakGapSpeedMps).toBeCloseTo(1000 / 360, 2);
    expect((faulty?.facts.peakAtTimerMs ?? 0) / 60_000).toBeCloseTo(20.5, 0);
  });
});

describe('believedMaxHr, the rule alone', () => {
  const CURVE: HrCurve = {
    refSpeedMps: 1000 / 360,
    hrAtRefBpm: 130,
    slopeBpmPerMps: 30,
    driftBpmPerHour: 0,
    drift: 'not-fitted',
    residualSdBpm: 2,
    runResidualSdBpm: 2,
    speedLoMps: 2.5,
    speedHiMps: 3.4,
    stretchCount: 30,
    runCount: 12,
  };
  const run = (file: string, peakHrBpm: number, peakPaceSecPerKm?: number): CalibrationRun => ({
    file,
    sha256: '0'.repeat(64),
    stretches: [],
    facts: {
      startMs: 0,
      timerMs: 3_600_000,
      movingMs: 3_600_000,
      hrMs: 3_600_000,
      peakHrBpm,
      peakAtTimerMs: 1_800_000,
      ...(peakPaceSecPerKm === undefined ? {} : { peakGapSpeedMps: 1000 / peakPaceSecPerKm }),
    },
  });

  // At 6:00 the curve gives 130; 10 + 3 × 2 = 16 bpm above it is still believed.
  test.each<[string, CalibrationRun[], HrCurve | undefined, string | undefined, string[]]>([
    ['146 at 6:00 is within 16 bpm of the curve', [run('a', 146, 360), run('b', 140, 360)], CURVE, 'a', []],
    ['147 at 6:00 is not, and stands alone', [run('a', 147, 360), run('b', 140, 360)], CURVE, 'b', ['a']],
    ['147 at 6:00 is kept when another run reaches 144', [run('a', 147, 360), run('b', 144, 360)], CURVE, 'a', []],
    ['two faults in a row are both set aside', [run('a', 220, 360), run('b', 210, 360), run('c', 140, 360)], CURVE, 'c', ['a', 'b']],
    ['no curve: nothing can disagree', [run('a', 220, 360), run('b', 140, 360)], undefined, 'a', []],
    ['no pace at the peak: nothing can disagree', [run('a', 220), run('b', 140, 360)], CURVE, 'a', []],
    ['every peak disagrees: no highest heart rate', [run('a', 220, 360), run('b', 200, 360)], CURVE, undefined, ['a', 'b']],
  ])('%s', (_name, runs, curve, maxFile, setAsideFiles) => {
    const { maxHr, setAside } = believedMaxHr(runs, curve);
    expect(maxHr?.file).toBe(maxFile);
    expect(setAside.map((peak) => peak.file)).toEqual(setAsideFiles);
  });
});
