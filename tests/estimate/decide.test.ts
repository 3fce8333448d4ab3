import { describe, expect, test } from 'vitest';
import { modelGuard, runModelGuard, startingModel } from '../../src/estimate/guard.ts';
import { heartAgrees } from '../../src/estimate/decide.ts';
import { POPULATION_PRIOR } from '../../src/estimate/runner-model.ts';
import { DEFAULT_ESTIMATE_SETTINGS } from '../../src/estimate/settings.ts';
import type { GuardEvent } from '../../src/guard/events.ts';
import type { Conditioned } from '../../src/guard/conditioned.ts';
import { START_MS, stretchesToSamples, testConfig, type Stretch } from '../support/runs.ts';

const config = testConfig({ pace: 360, hr: 140 });
const guard = modelGuard(config, DEFAULT_ESTIMATE_SETTINGS);

function slowDowns(stretches: readonly Stretch[]): { atSec: number; cause: string; repeat: number }[] {
  return runModelGuard(stretchesToSamples(stretches), guard)
    .filter((e): e is Extract<GuardEvent, { kind: 'slow-down' }> => e.kind === 'slow-down')
    .map((e) => ({ atSec: (e.atMs - START_MS) / 1000, cause: e.cause, repeat: e.repeat }));
}

/** One second per bpm from `fromBpm` to `toBpm`, at the easy pace. */
function heartRamp(fromBpm: number, toBpm: number): Stretch[] {
  return Array.from({ length: toBpm - fromBpm }, (_, i) => ({ seconds: 1, paceSecPerKm: 390, hrBpm: fromBpm + i + 1, cadenceSpm: 166 }));
}

const easy: Stretch = { seconds: 300, paceSecPerKm: 390, hrBpm: 130, cadenceSpm: 166 };

describe('the model guard on hand-made runs (1 Hz, clean sensors)', () => {
  test.each([
    { name: 'easy all along: quiet', stretches: [easy, { ...easy, seconds: 600 }], first: undefined },
    { name: 'over from the gun but stopped within the pace warm-up: quiet', stretches: [{ seconds: 50, paceSecPerKm: 320, hrBpm: 120 }], first: undefined },
    { name: 'standing still with a high heart: quiet', stretches: [easy, { seconds: 300, paceSecPerKm: 0, hrBpm: 150 }], first: undefined },
    {
      name: 'pace 40 s/km over after 5 easy minutes: pace, within 30 s',
      stretches: [easy, { seconds: 180, paceSecPerKm: 320, hrBpm: 133, cadenceSpm: 170 }],
      first: { fromSec: 300, withinSec: 30, cause: 'pace' },
    },
    {
      // A heart climbs (here 1 bpm/s) and crosses 143 at 313 s.
      name: 'heart climbing to 10 bpm over at an easy pace: heart rate, within 30 s of clearly over',
      stretches: [easy, ...heartRamp(130, 150), { seconds: 180, paceSecPerKm: 390, hrBpm: 150, cadenceSpm: 166 }],
      first: { fromSec: 313, withinSec: 30, cause: 'hr' },
    },
    {
      // First doubted as the sensor (its error state takes the jump), then believed as it holds.
      name: 'a heart-rate reading that jumps 20 bpm at once and stays: heart rate, after 10 s and within 60 s',
      stretches: [easy, { seconds: 300, paceSecPerKm: 390, hrBpm: 150, cadenceSpm: 166 }],
      first: { fromSec: 310, withinSec: 50, cause: 'hr' },
    },
  ])('$name', ({ stretches, first }) => {
    const alerts = slowDowns(stretches);
    if (first === undefined) {
      expect(alerts).toEqual([]);
      return;
    }
    expect(alerts[0]?.cause).toBe(first.cause);
    expect(alerts[0]?.atSec).toBeGreaterThan(first.fromSec);
    expect(alerts[0]?.atSec).toBeLessThanOrEqual(first.fromSec + first.withinSec);
  });

  test('a long overshoot repeats at 60 s then 120 s, as today’s policy says', () => {
    const alerts = slowDowns([easy, { seconds: 260, paceSecPerKm: 300, hrBpm: 134, cadenceSpm: 172 }]);
    expect(alerts.map((a) => a.repeat)).toEqual([0, 1, 2]);
    const [a, b, c] = alerts.map((x) => x.atSec);
    expect((b ?? 0) - (a ?? 0)).toBeGreaterThanOrEqual(60);
    expect((c ?? 0) - (b ?? 0)).toBeGreaterThanOrEqual(120);
  });
});

describe('uphill, effort decides', () => {
  const estimate = { gapSpeedMps: 3, gapSpeedSdMps: 0.1, heartBpm: 130, heartSdBpm: 2, hrSensorErrorBpm: 0, hrAtRefBpm: 140, speedNoiseMps: 0.2 };
  const at = (gradePct: number | undefined, hrTrendBpm: number | undefined, hrLastAtMs: number | undefined): Conditioned =>
    ({ gradePct, hrTrendBpm, hrLastAtMs }) as unknown as Conditioned;
  test.each([
    { name: 'flat: pace stands alone', gradePct: 0.5, hrTrendBpm: -2, heartBpm: 120, hrLastAtMs: 1, agrees: true },
    { name: 'uphill, heart flat and low: no', gradePct: 6, hrTrendBpm: 0, heartBpm: 120, hrLastAtMs: 1, agrees: false },
    { name: 'uphill, heart climbing: yes', gradePct: 6, hrTrendBpm: 4, heartBpm: 120, hrLastAtMs: 1, agrees: true },
    { name: 'uphill, heart near its ceiling: yes', gradePct: 6, hrTrendBpm: 0, heartBpm: 138, hrLastAtMs: 1, agrees: true },
    { name: 'downhill, heart flat and low: no', gradePct: -5, hrTrendBpm: 0, heartBpm: 120, hrLastAtMs: 1, agrees: false },
    { name: 'uphill without heart rate: pace stands alone', gradePct: 6, hrTrendBpm: undefined, heartBpm: 120, hrLastAtMs: undefined, agrees: true },
    { name: 'no grade known: pace stands alone', gradePct: undefined, hrTrendBpm: 0, heartBpm: 120, hrLastAtMs: 1, agrees: true },
  ])('$name', ({ gradePct, hrTrendBpm, heartBpm, hrLastAtMs, agrees }) => {
    expect(heartAgrees(at(gradePct, hrTrendBpm, hrLastAtMs), { ...estimate, heartBpm }, config)).toBe(agrees);
  });
});

describe('the runner model a run starts from', () => {
  test.each([
    { name: 'no profile: the prior, anchored at the ceilings', pace: 360, hr: 140, ref: 1000 / 360, hrAtRef: 140 },
    { name: 'a ceiling outside a body’s bounds is clamped', pace: 100, hr: 250, ref: 7, hrAtRef: 220 },
  ])('$name', ({ pace, hr, ref, hrAtRef }) => {
    const model = startingModel(testConfig({ pace, hr }), undefined);
    expect(model.refSpeedMps).toBeCloseTo(ref, 12);
    expect(model.hrAtRefBpm).toBe(hrAtRef);
    expect(model.hrGainBpmPerMps).toBe(POPULATION_PRIOR.hrGainBpmPerMps);
  });

  test('a profile’s model is taken as it is', () => {
    const own = { ...POPULATION_PRIOR, hrGainBpmPerMps: 30 };
    expect(startingModel(config, own)).toBe(own);
  });
});
