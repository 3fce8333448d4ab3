import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { initialModelGuardState, modelGuard, modelGuardStep, runModelGuard } from '../../src/estimate/guard.ts';
import { DEFAULT_ESTIMATE_SETTINGS } from '../../src/estimate/settings.ts';
import { repeatIntervalMs } from '../../src/guard/decide.ts';
import type { GuardEvent } from '../../src/guard/events.ts';
import { testConfig } from '../support/runs.ts';
import { runArb as runArbOf } from '../support/arbitrary-runs.ts';

/** Arbitrary runs with a step rate now and then (tests/support/arbitrary-runs.ts). */
const runArb = (pace: fc.Arbitrary<number>, hr: fc.Arbitrary<number>) => runArbOf(pace, hr, fc.integer({ min: 150, max: 185 }));

const PACE_CEILING = 360;
const HR_CEILING = 140;
const config = testConfig({ pace: PACE_CEILING, hr: HR_CEILING });
const guard = modelGuard(config, DEFAULT_ESTIMATE_SETTINGS);


const anyPace = fc.integer({ min: 200, max: 700 });
const anyHr = fc.integer({ min: 90, max: 190 });

describe('model guard invariants', () => {
  // Once a known defect (the seeded counterexample: pace exactly at its ceiling, GPS gone 43–63 s while heart
  // rate goes 60 → 116 bpm, a pace slow-down at 77 s): a heart-rate rise was read as a speed-up. The pace test
  // now judges the lesser of the full estimate's speed and the speed sensors' own (src/estimate/speed-sensors.ts).
  test('nothing over either ceiling means no slow-down, whatever the gaps, pauses, dropouts and jumps', () => {
    // Cadence is a speed sensor to the model: a step rate that climbs while GPS stays put says "faster", so
    // here, where nothing may say over, the runner keeps one cadence (or none) through the run.
    const under = fc
      .tuple(runArb(fc.integer({ min: PACE_CEILING, max: 900 }), fc.integer({ min: 60, max: HR_CEILING })), fc.option(fc.integer({ min: 150, max: 185 })))
      .map(([inputs, cadenceSpm]) =>
        inputs.map((input) => {
          if (input.kind !== 'sample') return input;
          const { cadenceSpm: _dropped, ...rest } = input;
          return cadenceSpm === null ? rest : { ...rest, cadenceSpm };
        }),
      );
    fc.assert(
      fc.property(under, (inputs) => {
        expect(runModelGuard(inputs, guard).filter((e) => e.kind === 'slow-down')).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  test('repeat n never comes sooner than its interval after the alert before it, and follows repeat n−1', () => {
    fc.assert(
      fc.property(runArb(anyPace, anyHr), (inputs) => {
        let previous: GuardEvent | undefined;
        for (const event of runModelGuard(inputs, guard)) {
          if (event.kind !== 'slow-down') continue;
          if (event.repeat > 0) {
            expect(previous?.kind === 'slow-down' && previous.repeat).toBe(event.repeat - 1);
            expect(event.atMs - (previous?.atMs ?? 0)).toBeGreaterThanOrEqual(repeatIntervalMs(config.tuning, event.repeat));
          }
          previous = event;
        }
      }),
      { numRuns: 100 },
    );
  });

  test('the same events however the inputs are chunked, and the same again on a second replay (no shared state)', () => {
    const chunked = runArb(anyPace, anyHr).chain((inputs) =>
      fc.tuple(fc.constant(inputs), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 })),
    );
    fc.assert(
      fc.property(chunked, ([inputs, sizes]) => {
        const expected = runModelGuard(inputs, guard);
        // Chunks as a device hands them over: the state carried from one chunk to the next, nothing else.
        let state = initialModelGuardState(guard);
        const viaChunks: GuardEvent[] = [];
        for (let i = 0, k = 0; i < inputs.length; k++) {
          const size = sizes[k % sizes.length] ?? 1;
          for (const input of inputs.slice(i, i + size)) {
            state = modelGuardStep(state, input, guard);
            viaChunks.push(...(state.last?.events ?? []));
          }
          i += size;
        }
        expect(viaChunks).toEqual(expected);
        expect(runModelGuard(inputs, guard)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  test('the estimate stays finite and its spreads positive, whatever comes in', () => {
    fc.assert(
      fc.property(runArb(anyPace, anyHr), (inputs) => {
        let state = initialModelGuardState(guard);
        for (const input of inputs) {
          state = modelGuardStep(state, input, guard);
          const e = state.estimate;
          for (const value of [e.gapSpeedMps, e.heartBpm, e.hrAtRefBpm, e.speedNoiseMps]) expect(Number.isFinite(value)).toBe(true);
          expect(e.gapSpeedSdMps).toBeGreaterThan(0);
          expect(e.heartSdBpm).toBeGreaterThan(0);
        }
      }),
      { numRuns: 60 },
    );
  });
});
