/**
 * The benchmarks' run: a deterministic hilly 1 Hz run with noise on every
 * channel (speed, distance, position, altitude, cadence, heart rate), from a
 * seed (an LCG: no Math.random), so that every benchmark measures the same
 * samples on every machine.
 */
import type { GuardInput } from '../../src/samples/sample.ts';

/** When every benchmark run starts (2023-11-14 22:13:20 UTC): any fixed time would do. */
export const BENCH_RUN_START_MS = 1_700_000_000_000;

export function makeRun(seconds: number, seed: number): GuardInput[] {
  let state = seed >>> 0;
  const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const inputs: GuardInput[] = [];
  let distanceM = 0;
  for (let i = 0; i < seconds; i++) {
    const surge = i % 900 > 700 ? 0.5 : 0;
    const speedMps = 2.7 + surge + (rand() - 0.5) * 0.6;
    distanceM += speedMps;
    inputs.push({
      kind: 'sample',
      atMs: BENCH_RUN_START_MS + i * 1000,
      speedMps,
      distanceM,
      latDeg: 45 + distanceM / 111_000,
      lonDeg: 7,
      altitudeM: 200 + 20 * Math.sin(i / 300) + rand(),
      cadenceSpm: 166 + rand() * 4,
      hrBpm: Math.round(128 + surge * 20 + rand() * 4),
    });
  }
  return inputs;
}
