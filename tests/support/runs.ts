import type { GuardInput, Sample } from '../../src/samples/sample.ts';
import { DEFAULT_TUNING, type GuardConfig, type GuardTuning } from '../../src/guard/config.ts';
import { deriveCeilings } from '../../src/ceiling/ceiling.ts';

/**
 * Hand-made runs for table tests: 1 Hz samples built from stretches of
 * constant pace and heart rate. Real-world noise lives in simulator/synth;
 * these are for checking one rule at a time.
 */
export interface Stretch {
  readonly seconds: number;
  /** Pace in s/km; omit for no pace channel, 0 for standing still. */
  readonly paceSecPerKm?: number;
  readonly hrBpm?: number;
  readonly altitudeStepM?: number;
  readonly cadenceSpm?: number;
}

export function stretchesToSamples(stretches: readonly Stretch[], startAtMs = 1_700_000_000_000): Sample[] {
  const samples: Sample[] = [];
  let t = 0;
  let distanceM = 0;
  let altitudeM = 100;
  for (const s of stretches) {
    for (let i = 0; i < s.seconds; i++) {
      const speedMps = s.paceSecPerKm === undefined ? undefined : s.paceSecPerKm === 0 ? 0 : 1000 / s.paceSecPerKm;
      distanceM += speedMps ?? 0;
      altitudeM += s.altitudeStepM ?? 0;
      samples.push({
        kind: 'sample',
        atMs: startAtMs + t * 1000,
        ...(speedMps !== undefined ? { speedMps, distanceM } : {}),
        ...(s.hrBpm !== undefined ? { hrBpm: s.hrBpm } : {}),
        ...(s.altitudeStepM !== undefined ? { altitudeM } : {}),
        ...(s.cadenceSpm !== undefined ? { cadenceSpm: s.cadenceSpm } : {}),
      });
      t++;
    }
  }
  return samples;
}

export const START_MS = 1_700_000_000_000;

export function testConfig(
  options: { pace?: number; hr?: number; plannedMin?: number; tuning?: Partial<GuardTuning> } = {},
): GuardConfig {
  return {
    ceilings: deriveCeilings({
      ...(options.pace !== undefined ? { paceCeilingSecPerKm: options.pace } : {}),
      ...(options.hr !== undefined ? { hrCeilingBpm: options.hr } : {}),
    }),
    tuning: { ...DEFAULT_TUNING, ...options.tuning },
    ...(options.plannedMin !== undefined ? { plannedMs: options.plannedMin * 60_000 } : {}),
  };
}

export function pause(atSecond: number): GuardInput {
  return { kind: 'pause', atMs: START_MS + atSecond * 1000 };
}
export function resume(atSecond: number): GuardInput {
  return { kind: 'resume', atMs: START_MS + atSecond * 1000 };
}
