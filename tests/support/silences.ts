import fc from 'fast-check';
import type { GuardInput, Sample } from '../../src/samples/sample.ts';

/**
 * Runs with silences of every sensor, for the live-equals-replay properties
 * (tests/guard/live.test.ts, tests/device/…): stretches of 1 Hz samples in
 * which heart rate, pace and cadence each report or not, from a few seconds
 * to well past the 30 s stale limit (29, 30, 31 s straddle it); a stretch
 * with none of them is no sample at all. A stretch may end in a pause.
 */
export interface SilentStretch {
  readonly seconds: number;
  /** null: that sensor is silent for the whole stretch. */
  readonly hrBpm: number | null;
  readonly paceSecPerKm: number | null;
  readonly cadenceSpm: number | null;
  /** Pause after the stretch for this long, or not (null). */
  readonly pauseSec: number | null;
}

export const STALE_AROUND_SEC = [3, 10, 29, 30, 31, 45, 90, 140] as const;

export function silentStretchArb(): fc.Arbitrary<SilentStretch> {
  return fc.record<SilentStretch>({
    seconds: fc.constantFrom(...STALE_AROUND_SEC),
    hrBpm: fc.option(fc.integer({ min: 120, max: 165 }), { nil: null, freq: 3 }),
    paceSecPerKm: fc.option(fc.integer({ min: 290, max: 430 }), { nil: null, freq: 3 }),
    cadenceSpm: fc.option(fc.integer({ min: 150, max: 180 }), { nil: null, freq: 2 }),
    pauseSec: fc.option(fc.constantFrom(5, 40, 120), { nil: null, freq: 4 }),
  });
}

export function silentRunArb(maxStretches = 10): fc.Arbitrary<SilentStretch[]> {
  return fc.array(silentStretchArb(), { minLength: 1, maxLength: maxStretches });
}

/** What a watch records of such a run: a sample a second with what reported, pause and resume. */
export function silentRunInputs(stretches: readonly SilentStretch[], startAtMs: number): GuardInput[] {
  const inputs: GuardInput[] = [];
  let t = startAtMs;
  let distanceM = 0;
  for (const s of stretches) {
    for (let i = 0; i < s.seconds; i++) {
      const speedMps = s.paceSecPerKm === null ? undefined : 1000 / s.paceSecPerKm;
      if (speedMps !== undefined) distanceM += speedMps;
      const sample: Sample = {
        kind: 'sample',
        atMs: t,
        ...(s.hrBpm !== null ? { hrBpm: s.hrBpm } : {}),
        ...(speedMps !== undefined ? { speedMps, distanceM: Math.round(distanceM * 100) / 100 } : {}),
        ...(s.cadenceSpm !== null ? { cadenceSpm: s.cadenceSpm } : {}),
      };
      if (Object.keys(sample).length > 2) inputs.push(sample);
      t += 1000;
    }
    if (s.pauseSec !== null) {
      inputs.push({ kind: 'pause', atMs: t });
      t += s.pauseSec * 1000;
      inputs.push({ kind: 'resume', atMs: t });
    }
  }
  return inputs;
}

/**
 * Heart rate over its ceiling, then 45 s with no sensor at all (issue #18:
 * live said 745/805/865 s, replay 751/811/871 s): what the guard says, as
 * `kind @second`. Repeats back off (1, then 2 min), not-recovery 5 min into
 * the overshoot; the silence restarts the judgement, and the new overshoot at
 * 751 gets its first slow-down only (not-recovery has been said).
 */
export const HR_OVER_THEN_45_S_SILENT = [
  'slow-down @185',
  'slow-down @245',
  'slow-down @365',
  'not-recovery @485',
  'signal-lost @729',
  'signal-back @745',
  'slow-down @751',
] as const;
