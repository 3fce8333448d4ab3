import { describe, expect, test } from 'vitest';
import { estimateOf, initialEstimator, stepEstimator, type EstimatorInput } from '../../src/estimate/estimator.ts';
import { POPULATION_PRIOR } from '../../src/estimate/runner-model.ts';
import { DEFAULT_ESTIMATE_SETTINGS as SETTINGS } from '../../src/estimate/settings.ts';
import { speedSensorsBelief, speedSensorsEstimateOf, stepSpeedSensors } from '../../src/estimate/speed-sensors.ts';

const model = { ...POPULATION_PRIOR, refSpeedMps: 3, hrAtRefBpm: 140 };
const flat = { gapPerActual: 1, hrCadenceLocked: false } as const;

/** Both filters through the same 1 Hz inputs: the full estimator and the speed sensors' own. */
function run(stretches: readonly { readonly seconds: number; readonly readings: Partial<EstimatorInput> }[]) {
  let full = initialEstimator(model, SETTINGS);
  let sensors = speedSensorsBelief(full.belief);
  let atSec = 0;
  for (const { seconds, readings } of stretches) {
    for (let i = 0; i < seconds; i++, atSec++) {
      const input: EstimatorInput = { atMs: atSec * 1000, dtSec: 1, ...flat, ...readings };
      full = stepEstimator(full, input, SETTINGS);
      sensors = stepSpeedSensors(sensors, input, full);
    }
  }
  return { full: estimateOf(full), sensors: speedSensorsEstimateOf(sensors) };
}

const steady = { seconds: 300, readings: { speed: { mps: 3, source: 'speed' }, hrBpm: 140, cadenceSpm: 165 } } as const;

describe("the speed sensors' own estimate", () => {
  test('on steady readings it agrees with the full estimate', () => {
    const { full, sensors } = run([steady]);
    expect(sensors.gapSpeedMps).toBeCloseTo(full.gapSpeedMps, 2);
    expect(sensors.gapSpeedSdMps).toBeGreaterThanOrEqual(full.gapSpeedSdMps);
  });

  test('GPS and cadence gone, heart rate 20 bpm up: the full estimate reads a speed-up, the speed sensors do not', () => {
    const { full, sensors } = run([steady, { seconds: 40, readings: { hrBpm: 160 } }]);
    expect(full.gapSpeedMps).toBeGreaterThan(3.1);
    expect(sensors.gapSpeedMps).toBeCloseTo(3, 1);
    // Nothing read the speed for 40 s: the sensors' own estimate is the less sure.
    expect(sensors.gapSpeedSdMps).toBeGreaterThan(full.gapSpeedSdMps);
  });

  test('a real speed-up on the speed field: both see it', () => {
    const { full, sensors } = run([steady, { seconds: 60, readings: { speed: { mps: 3.5, source: 'speed' }, hrBpm: 150, cadenceSpm: 170 } }]);
    expect(sensors.gapSpeedMps).toBeGreaterThan(3.4);
    expect(full.gapSpeedMps).toBeGreaterThan(3.4);
  });
});
