import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { initialModelGuardState, modelGuard, modelGuardStep, runModelGuard } from '../../src/estimate/guard.ts';
import { DEFAULT_ESTIMATE_SETTINGS } from '../../src/estimate/settings.ts';
import { repeatIntervalMs } from '../../src/guard/decide.ts';
import type { GuardEvent } from '../../src/guard/events.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { START_MS, testConfig } from '../support/runs.ts';

const PACE_CEILING = 360;
const HR_CEILING = 140;
const config = testConfig({ pace: PACE_CEILING, hr: HR_CEILING });
const guard = modelGuard(config, DEFAULT_ESTIMATE_SETTINGS);

interface Piece {
  readonly seconds: number;
  readonly stepMs: number;
  readonly paceSecPerKm: number | null;
  readonly hrBpm: number | null;
  readonly cadenceSpm: number | null;
  readonly gapAfterMs: number;
  readonly pausedAfter: boolean;
}

/** Arbitrary runs, as tests/guard/properties.test.ts makes them: stretches, missing channels, irregular sampling, gaps, pauses. */
function runArb(pace: fc.Arbitrary<number>, hr: fc.Arbitrary<number>): fc.Arbitrary<GuardInput[]> {
  const piece = fc.record<Piece>({
    seconds: fc.integer({ min: 1, max: 240 }),
    stepMs: fc.constantFrom(1000, 1000, 1000, 4000, 5000),
    paceSecPerKm: fc.option(pace, { nil: null }),
    hrBpm: fc.option(hr, { nil: null }),
    cadenceSpm: fc.option(fc.integer({ min: 150, max: 185 }), { nil: null }),
    gapAfterMs: fc.constantFrom(0, 0, 0, 8_000, 45_000),
    pausedAfter: fc.constantFrom(false, false, false, true),
  });
  return fc.array(piece, { minLength: 1, maxLength: 12 }).map(toInputs);
}

function toInputs(pieces: readonly Piece[]): GuardInput[] {
  const inputs: GuardInput[] = [];
  let t = START_MS;
  for (const p of pieces) {
    for (let elapsed = 0; elapsed < p.seconds * 1000; elapsed += p.stepMs) {
      inputs.push({
        kind: 'sample',
        atMs: t,
        ...(p.paceSecPerKm !== null ? { speedMps: 1000 / p.paceSecPerKm } : {}),
        ...(p.hrBpm !== null ? { hrBpm: p.hrBpm } : {}),
        ...(p.cadenceSpm !== null ? { cadenceSpm: p.cadenceSpm } : {}),
      });
      t += p.stepMs;
    }
    if (p.pausedAfter) {
      inputs.push({ kind: 'pause', atMs: t });
      t += p.gapAfterMs + 60_000;
      inputs.push({ kind: 'resume', atMs: t });
    } else {
      t += p.gapAfterMs;
    }
  }
  return inputs;
}

const anyPace = fc.integer({ min: 200, max: 700 });
const anyHr = fc.integer({ min: 90, max: 190 });

describe('model guard invariants', () => {
  // A known defect of the effort model, pinned so that it is seen: with pace exactly at its ceiling and heart
  // rate under its own, a heart-rate rise while GPS is missing is read as a speed-up, and the pace test
  // calls an overshoot when GPS returns (the seeded counterexample: GPS gone 43–63 s while heart rate goes
  // 60 → 116 bpm, pace slow-down at 77 s). Today's guard holds this invariant (tests/guard/properties.test.ts);
  // the model does not, one reason it stays out of the product (docs/effort-model.md, "Not done").
  // When the model is fixed this test fails: turn `test.fails` back into `test`.
  test.fails('nothing over either ceiling means no slow-down, whatever the gaps, pauses, dropouts and jumps (known defect)', () => {
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
