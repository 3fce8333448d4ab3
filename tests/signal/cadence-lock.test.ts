/**
 * Cadence lock: a wrist sensor reading the arm swing reports the step rate as
 * heart rate. A reading on the step rate is the sensor's only with evidence:
 * it arrived by a jump no heart makes, or it copies cadence's own ups and
 * downs. A heart that climbed to the step rate at its own pace, and wanders
 * apart from cadence, is believed (the Forerunner 70 chest-strap run in the
 * corpus, 165–185 bpm at 170–186 steps/min). Tables of made-up series.
 */
import { describe, expect, test } from 'vitest';
import {
  CADENCE_LOCK_MS,
  INITIAL_HR_STATE,
  isCadenceLocked,
  readsStepRate,
  smoothedHrBpm,
  stepHeartRate,
  type HrState,
} from '../../src/signal/heart-rate.ts';
import type { Sample } from '../../src/samples/sample.ts';
import { DEFAULT_TUNING } from '../../src/guard/config.ts';

interface Reading {
  readonly hrBpm: number;
  readonly cadenceSpm: number;
}

/** Readings every `everySec` seconds from 0. */
function series(count: number, everySec: number, f: (i: number) => Reading): Sample[] {
  return Array.from({ length: count }, (_, i) => ({ kind: 'sample', atMs: i * everySec * 1000, ...f(i) }));
}

/** A cadence that moves as a real one does, steps/min: 170 with a made-up wobble of ±2 (no randomness). */
const WOBBLE_SPM = [0, 2, -1, 1, -2, 2, 0, -1, 1, -2];
const wobblingCadence = (i: number): number => 170 + (WOBBLE_SPM[i % WOBBLE_SPM.length] as number);
/** A heart near 169 wandering at its own pace, never more than 3 bpm from wobblingCadence at the same index (checked below). */
const OWN_WANDER_BPM = [169, 170, 170, 169, 169, 170, 168, 169, 169, 170];
const ownWander = (i: number): number => OWN_WANDER_BPM[i % OWN_WANDER_BPM.length] as number;

function after(samples: readonly Sample[]): { state: HrState; locked: boolean; everLocked: boolean; sensorsReadings: number } {
  let state: HrState = INITIAL_HR_STATE;
  let everLocked = false;
  let sensorsReadings = 0;
  for (const s of samples) {
    state = stepHeartRate(state, s, DEFAULT_TUNING);
    if (isCadenceLocked(state, s.atMs)) everLocked = true;
    if (readsStepRate(state)) sensorsReadings += 1;
  }
  const last = samples[samples.length - 1];
  return { state, locked: last !== undefined && isCadenceLocked(state, last.atMs), everLocked, sensorsReadings };
}

describe('cadence lock needs evidence', () => {
  test('the wandering heart of the table never strays more than 3 bpm from its cadence, yet moves apart from it', () => {
    const diffs = Array.from({ length: 60 }, (_, i) => ownWander(i) - wobblingCadence(i));
    expect(Math.max(...diffs.map(Math.abs))).toBeLessThanOrEqual(3);
    expect(new Set(diffs).size).toBeGreaterThan(3);
  });

  test.each<[string, Sample[], boolean]>([
    [
      'a lock arriving by a jump (130 → the step rate in a second) is a lock',
      series(40, 1, (i) => ({ hrBpm: i < 10 ? 130 : wobblingCadence(i), cadenceSpm: wobblingCadence(i) })),
      true,
    ],
    [
      'a lock arriving by a jump on a steady cadence is a lock',
      series(40, 1, (i) => ({ hrBpm: i < 10 ? 130 : 170, cadenceSpm: 170 })),
      true,
    ],
    [
      'a reading that reached the step rate gradually and then copies cadence beat for step is a lock',
      series(60, 1, (i) => ({ hrBpm: i < 20 ? 150 + i : wobblingCadence(i) + 1, cadenceSpm: i < 20 ? 170 : wobblingCadence(i) })),
      true,
    ],
    [
      'a heart climbing smoothly (1 bpm/s) to a steady step rate is not a lock',
      series(60, 1, (i) => ({ hrBpm: Math.min(150 + i, 170), cadenceSpm: 170 })),
      false,
    ],
    [
      'a heart sitting within 3 bpm of a varying cadence without following it is not a lock',
      series(60, 1, (i) => ({ hrBpm: i < 20 ? 150 + i : ownWander(i), cadenceSpm: wobblingCadence(i) })),
      false,
    ],
    [
      '5 s recording: a lock arriving by a jump (130 → 170 in 5 s) is a lock',
      series(12, 5, (i) => ({ hrBpm: i < 4 ? 130 : wobblingCadence(i), cadenceSpm: wobblingCadence(i) })),
      true,
    ],
    [
      // The 5 s median window has emptied by the next reading: the jump is measured from the median as of the last one.
      '5 s recording: a lock arriving by a jump onto a steady cadence (nothing to copy) is a lock',
      series(12, 5, (i) => ({ hrBpm: i < 4 ? 130 : 170, cadenceSpm: 170 })),
      true,
    ],
    [
      '5 s recording: a heart near the step rate, reached at its own pace, wandering apart from cadence, is not a lock',
      series(40, 5, (i) => ({ hrBpm: i < 5 ? 160 + 2 * i : ownWander(i), cadenceSpm: wobblingCadence(i) })),
      false,
    ],
    [
      // A heart at its maximum, steady, while cadence wobbles by one step: a steady reading "copies" a 1-step wobble.
      'a heart steady at its maximum within 3 bpm of a cadence wobbling by one step is not a lock',
      series(60, 1, (i) => ({ hrBpm: i < 20 ? 150 + i : 170, cadenceSpm: 170 + (i % 2) })),
      false,
    ],
    [
      // A sprint's build-up (a Forerunner 25 run in the corpus): the difference stays put, but cadence only rises.
      'a heart climbing 2 bpm/s with a cadence climbing as fast, 2 below it, is not a lock',
      series(30, 1, (i) => ({ hrBpm: 130 + 2 * Math.min(i, 24), cadenceSpm: 132 + 2 * Math.min(i, 24) })),
      false,
    ],
  ])('%s', (_name, samples, lock) => {
    const out = after(samples);
    expect(out.everLocked).toBe(lock);
    expect(out.locked).toBe(lock);
    if (lock) {
      // Not believed: the smoothed heart rate holds none of the lock's readings.
      expect(smoothedHrBpm(out.state) ?? 0).toBeLessThan(165);
    } else {
      expect(out.sensorsReadings).toBe(0);
      expect(smoothedHrBpm(out.state)).toBeGreaterThan(165);
    }
  });

  test('the lock is reported CADENCE_LOCK_MS after the reading arrived on the step rate', () => {
    const jumpAtSec = 10;
    const samples = series(40, 1, (i) => ({ hrBpm: i < jumpAtSec ? 130 : 170, cadenceSpm: 170 }));
    const lockedAtSec = samples.findIndex((_, i) => isCadenceLocked(after(samples.slice(0, i + 1)).state, i * 1000));
    expect(lockedAtSec).toBe(jumpAtSec + CADENCE_LOCK_MS / 1000);
  });
});

describe('a lock ends only clearly off the step rate (hysteresis)', () => {
  const lockThen = (hrBpm: number): Sample[] => [
    ...series(30, 1, (i) => ({ hrBpm: i < 10 ? 130 : 170, cadenceSpm: 170 })),
    { kind: 'sample', atMs: 30_000, hrBpm, cadenceSpm: 170 },
  ];
  test.each<[string, number, boolean]>([
    ['4 bpm off the step rate: still the sensor', 166, true],
    ['6 bpm off the step rate: still the sensor', 164, true],
    ['10 bpm off the step rate: the heart again', 160, false],
  ])('%s', (_name, hrBpm, stillLocked) => {
    const { state } = after(lockThen(hrBpm));
    expect(readsStepRate(state)).toBe(stillLocked);
    expect(state.lastAcceptedAtMs === 30_000).toBe(!stillLocked);
  });
});
