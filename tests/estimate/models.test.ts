import { zeros } from '../../src/estimate/linear-gaussian.ts';
import { describe, expect, test } from 'vitest';
import { runnerBodyTransition } from '../../src/estimate/dynamic/runner-body.ts';
import { predict, type Belief } from '../../src/estimate/linear-gaussian.ts';
import { cadenceObservation } from '../../src/estimate/observation/cadence.ts';
import { heartRateObservation, INITIAL_HR_LEAP_STATE, stepHrLeap, type HrLeapState } from '../../src/estimate/observation/heart-rate.ts';
import { CHORD_BASELINE_SEC, speedObservation } from '../../src/estimate/observation/speed.ts';
import { POPULATION_PRIOR } from '../../src/estimate/runner-model.ts';
import { DEFAULT_ESTIMATE_SETTINGS as SETTINGS } from '../../src/estimate/settings.ts';
import { STATE, STATE_SIZE } from '../../src/estimate/state.ts';

const model = { ...POPULATION_PRIOR, refSpeedMps: 3, hrAtRefBpm: 140, hrGainBpmPerMps: 24, hrTauSec: 55, hrDelaySec: 5 };

function pointBelief(values: Partial<Record<keyof typeof STATE, number>>): Belief {
  const mean = zeros(STATE_SIZE);
  for (const [name, value] of Object.entries(values)) mean[STATE[name as keyof typeof STATE]] = value;
  return { mean, cov: zeros(STATE_SIZE * STATE_SIZE) };
}

/** The mean after holding the state's own dynamics for `seconds`, 1 s at a time. */
function hold(belief: Belief, seconds: number, dtSec = 1): Belief {
  let b = belief;
  for (let t = 0; t < seconds; t += dtSec) b = predict(b, runnerBodyTransition(model, SETTINGS, dtSec));
  return b;
}

describe('dynamic model: the heart answers effort with a dead time and a lag', () => {
  test.each([
    // Speed above the reference by Δv: the heart settles gain·Δv above hrAtRef.
    { speedMps: 3.5, seconds: 600, heartAboveRefBpm: 12 },
    { speedMps: 2.5, seconds: 600, heartAboveRefBpm: -12 },
    { speedMps: 3, seconds: 600, heartAboveRefBpm: 0 },
  ])('at $speedMps m/s for $seconds s the heart sits $heartAboveRefBpm bpm from hrAtRef', ({ speedMps, seconds, heartAboveRefBpm }) => {
    const after = hold(pointBelief({ gapSpeedMps: speedMps, hrAtRefBpm: 140 }), seconds);
    expect(after.mean[STATE.heartAboveRefBpm]).toBeCloseTo(heartAboveRefBpm, 1);
    expect(after.mean[STATE.gapSpeedMps]).toBe(speedMps);
    expect(after.mean[STATE.hrAtRefBpm]).toBe(140);
  });

  test.each([
    // Two first-order stages (5 s then 55 s) from a step of +12 bpm of drive: (share of the step reached).
    { seconds: 5, maxShare: 0.05 },
    // Exactly: 1 − (55·e^(−60/55) − 5·e^(−12)) / 50 = 0.630.
    { seconds: 60, minShare: 0.62, maxShare: 0.64 },
    { seconds: 180, minShare: 0.93, maxShare: 0.97 },
  ])('after a step up the heart has made, at $seconds s, its share of the climb', ({ seconds, minShare = 0, maxShare }) => {
    const share = (hold(pointBelief({ gapSpeedMps: 3.5 }), seconds).mean[STATE.heartAboveRefBpm] as number) / 12;
    expect(share).toBeGreaterThanOrEqual(minShare);
    expect(share).toBeLessThanOrEqual(maxShare);
  });

  test.each([1, 5, 30])('one step of %i s lands where 30 s of 1 s steps do (exact discretisation, no blow-up)', (dtSec) => {
    const fine = hold(pointBelief({ gapSpeedMps: 3.5 }), 30, 1);
    const coarse = hold(pointBelief({ gapSpeedMps: 3.5 }), 30, dtSec);
    for (const state of ['hrDriveBpm', 'heartAboveRefBpm'] as const) expect(coarse.mean[STATE[state]]).toBeCloseTo(fine.mean[STATE[state]] as number, 9);
  });

  test.each([
    { state: 'gpsErrorMps' as const, sd: SETTINGS.gpsErrorSdMps },
    { state: 'hrSensorErrorBpm' as const, sd: SETTINGS.hrSensorErrorSdBpm },
  ])('$state is mean-reverting: from nothing its variance grows to its stationary sd², no further', ({ state, sd }) => {
    const i = STATE[state];
    const after = hold(pointBelief({}), 3600, 10);
    expect(after.cov[i * STATE_SIZE + i]).toBeCloseTo(sd * sd, 6);
  });

  test('speed is a random walk: its variance grows with time, nothing pulls it back', () => {
    const i = STATE.gapSpeedMps;
    const after = hold(pointBelief({ gapSpeedMps: 3 }), 100);
    expect(after.cov[i * STATE_SIZE + i]).toBeCloseTo(SETTINGS.runnerSpeedWanderMpsPerSqrtS ** 2 * 100, 9);
  });
});

describe('observation models', () => {
  test.each([
    // reading, source, gapPerActual, dt → h on speed, h on GPS error, noise multiple of the base variance
    { source: 'speed' as const, gapPerActual: 1, dtSec: 1, hSpeed: 1, varianceMultiple: 1 },
    { source: 'speed' as const, gapPerActual: 1.25, dtSec: 1, hSpeed: 0.8, varianceMultiple: 1 },
    { source: 'distance' as const, gapPerActual: 1, dtSec: 1, hSpeed: 1, varianceMultiple: 1.3 ** 2 },
    { source: 'chord' as const, gapPerActual: 1, dtSec: 1, hSpeed: 1, varianceMultiple: 1.6 ** 2 * CHORD_BASELINE_SEC },
    { source: 'chord' as const, gapPerActual: 1, dtSec: CHORD_BASELINE_SEC, hSpeed: 1, varianceMultiple: 1.6 ** 2 },
  ])('speed from $source at gapPerActual $gapPerActual, $dtSec s apart', ({ source, gapPerActual, dtSec, hSpeed, varianceMultiple }) => {
    const obs = speedObservation(3.1, source, gapPerActual, 0.3, dtSec);
    expect(obs.z).toBe(3.1);
    expect(obs.h[STATE.gapSpeedMps]).toBeCloseTo(hSpeed, 12);
    expect(obs.h[STATE.gpsErrorMps]).toBe(1);
    expect(obs.h[STATE.heartAboveRefBpm]).toBe(0);
    expect(obs.r).toBeCloseTo(0.09 * varianceMultiple, 9);
  });

  test.each([
    { hrBpm: 150, locked: false, sees: true },
    { hrBpm: 172, locked: true, sees: false },
  ])('heart rate $hrBpm (locked: $locked) sees heart, offset and sensor error: $sees', ({ hrBpm, locked, sees }) => {
    const obs = heartRateObservation(hrBpm, 2, locked);
    if (!sees) {
      expect(obs).toBeUndefined();
      return;
    }
    expect(obs?.z).toBe(hrBpm);
    expect(obs?.r).toBe(4);
    for (const state of ['heartAboveRefBpm', 'hrAtRefBpm', 'hrSensorErrorBpm'] as const) expect(obs?.h[STATE[state]]).toBe(1);
    expect(obs?.h[STATE.gapSpeedMps]).toBe(0);
  });

  test.each([
    // cadence, gapPerActual → reading moved by slope·ref, h on speed = slope / gapPerActual; walking: none
    { cadenceSpm: 170, gapPerActual: 1, z: 170 + 9 * 3, hSpeed: 9 },
    { cadenceSpm: 170, gapPerActual: 1.5, z: 170 + 9 * 3, hSpeed: 6 },
    { cadenceSpm: 110, gapPerActual: 1, z: undefined, hSpeed: undefined },
  ])('cadence $cadenceSpm at gapPerActual $gapPerActual', ({ cadenceSpm, gapPerActual, z, hSpeed }) => {
    const obs = cadenceObservation(cadenceSpm, { ...model, cadenceSlopeSpmPerMps: 9 }, gapPerActual, 140);
    expect(obs?.z).toBe(z);
    expect(obs?.h[STATE.gapSpeedMps]).toBe(hSpeed);
    if (obs !== undefined) expect(obs.h[STATE.cadenceAtRefSpm]).toBe(1);
  });
});

describe('a heart-rate reading that leaps further than a heart can (a lock with no cadence field)', () => {
  /** Readings [atSec, bpm] through the leap rule with the heart's estimate at `heartBpm`: which were taken as the heart's. */
  function ofHeart(readings: readonly (readonly [number, number])[], heartBpm = 130): boolean[] {
    let state: HrLeapState = INITIAL_HR_LEAP_STATE;
    return readings.map(([atSec, bpm]) => {
      const step = stepHrLeap(state, bpm, atSec * 1000, heartBpm);
      state = step.state;
      return step.ofHeart;
    });
  }
  test.each([
    { name: 'steady readings: all the heart', readings: [[0, 130], [1, 131], [2, 130]], heart: [true, true, true] },
    { name: 'a 20 bpm jump: left to the sensor-error state (the heart)', readings: [[0, 130], [1, 150], [2, 150]], heart: [true, true, true] },
    { name: 'a 40 bpm leap that holds: not the heart', readings: [[0, 130], [1, 170], [2, 171], [3, 172]], heart: [true, false, false, false] },
    { name: 'a leap, then back down near where it left: the heart again', readings: [[0, 130], [1, 170], [2, 171], [3, 135]], heart: [true, false, false, true] },
    { name: 'a leap after a 10 s dropout is no leap (the heart had time)', readings: [[0, 130], [10, 170]], heart: [true, true] },
    { name: 'a leap, then the sensor silent for 10 s: the next reading is the heart', readings: [[0, 130], [1, 170], [11, 170]], heart: [true, false, true] },
  ] as const)('$name', ({ readings, heart }) => {
    expect(ofHeart(readings)).toEqual(heart);
  });

  test('a leap the heart estimate meets (speed rose meanwhile): the heart again', () => {
    let state: HrLeapState = INITIAL_HR_LEAP_STATE;
    state = stepHrLeap(state, 130, 0, 130).state;
    const leap = stepHrLeap(state, 160, 1000, 130);
    expect(leap.ofHeart).toBe(false);
    expect(stepHrLeap(leap.state, 160, 2000, 155).ofHeart).toBe(true);
  });
});
