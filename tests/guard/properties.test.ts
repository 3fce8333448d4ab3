import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { concatMap, from, mergeMap, timer, map, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { runGuard } from '../../src/guard/run.ts';
import { paceGuard } from '../../src/guard/pipeline.ts';
import { repeatIntervalMs } from '../../src/guard/decide.ts';
import type { GuardEvent } from '../../src/guard/events.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { pacedInputs } from '../../simulator/io/paced.ts';
import { START_MS, testConfig } from '../support/runs.ts';
import { chunksOf, runArb } from '../support/arbitrary-runs.ts';

const PACE_CEILING = 360;
const HR_CEILING = 140;
const config = testConfig({ pace: PACE_CEILING, hr: HR_CEILING, plannedMin: 20 });


const anyPace = fc.integer({ min: 200, max: 700 });
const anyHr = fc.integer({ min: 90, max: 190 });

describe('guard invariants', () => {
  test('nothing over either ceiling means no slow-down, whatever the gaps, pauses and dropouts', () => {
    const under = runArb(fc.integer({ min: PACE_CEILING, max: 900 }), fc.integer({ min: 60, max: HR_CEILING }));
    fc.assert(
      fc.property(under, (inputs) => {
        expect(runGuard(inputs, config).filter((e) => e.kind === 'slow-down')).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  test('repeat n never comes sooner than its interval (repeatMs × 2^(n−1)) after the alert before it, and follows repeat n−1', () => {
    fc.assert(
      fc.property(runArb(anyPace, anyHr), (inputs) => {
        let previous: GuardEvent | undefined;
        for (const event of runGuard(inputs, config)) {
          if (event.kind !== 'slow-down') continue;
          if (event.repeat > 0) {
            expect(previous?.kind === 'slow-down' && previous.repeat).toBe(event.repeat - 1);
            expect(event.atMs - (previous?.atMs ?? 0)).toBeGreaterThanOrEqual(repeatIntervalMs(config.tuning, event.repeat));
          }
          previous = event;
        }
      }),
      { numRuns: 150 },
    );
  });

  test('not-recovery at most once a run, only once an overshoot has held notRecoveryAfterMs of moving time, and no repeat after it', () => {
    // Overshoots long enough to reach it: minutes over either ceiling, with the same gaps, pauses and dropouts.
    const hard = runArb(fc.integer({ min: 200, max: 420 }), fc.integer({ min: 120, max: 190 }));
    let said = 0;
    fc.assert(
      fc.property(hard, (inputs) => {
        const events = runGuard(inputs, config);
        const notRecovery = events.filter((e) => e.kind === 'not-recovery');
        expect(notRecovery.length).toBeLessThanOrEqual(1);
        const first = notRecovery[0];
        if (first === undefined) return;
        said++;
        expect(first.movingOverMs).toBeGreaterThanOrEqual(config.tuning.notRecoveryAfterMs);
        expect(events.filter((e) => e.kind === 'slow-down' && e.repeat > 0 && e.atMs >= first.atMs)).toEqual([]);
      }),
      { numRuns: 150 },
    );
    expect(said).toBeGreaterThan(0);
  });

  test('events come out in time order and time-up at most once', () => {
    fc.assert(
      fc.property(runArb(anyPace, anyHr), (inputs) => {
        const events = runGuard(inputs, config);
        const times = events.map((e) => e.atMs);
        expect(times).toEqual([...times].sort((a, b) => a - b));
        expect(events.filter((e) => e.kind === 'time-up').length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
  });

  test('the same events however the samples are chunked and however fast they arrive', () => {
    const chunked = runArb(anyPace, anyHr).chain((inputs) =>
      fc.tuple(
        fc.constant(inputs),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 100 }),
      ),
    );
    fc.assert(
      fc.property(chunked, ([inputs, sizes, speed]) => {
        const expected = runGuard(inputs, config);
        const chunks = chunksOf(inputs, sizes);
        const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
        scheduler.run(() => {
          // Chunks arrive at irregular moments, as from a Bluetooth queue.
          let viaChunks: GuardEvent[] = [];
          from(chunks)
            .pipe(
              concatMap((chunk, k) => timer((k * 7) % 13, scheduler).pipe(map(() => chunk))),
              mergeMap((chunk) => chunk),
              paceGuard(config),
              toArray(),
            )
            .subscribe((all) => (viaChunks = all));
          let viaPaced: GuardEvent[] = [];
          pacedInputs(inputs, speed, scheduler)
            .pipe(paceGuard(config), toArray())
            .subscribe((all) => (viaPaced = all));
          scheduler.flush();
          expect(viaChunks).toEqual(expected);
          expect(viaPaced).toEqual(expected);
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('sensor faults are values, never exceptions', () => {
  const garbage = fc.oneof(
    fc.constant(Number.NaN),
    fc.constant(Number.POSITIVE_INFINITY),
    fc.constant(Number.NEGATIVE_INFINITY),
    fc.constant(0),
    fc.constant(255),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  );
  const field = (plausible: fc.Arbitrary<number>) => fc.option(fc.oneof(plausible, plausible, plausible, garbage), { nil: undefined });
  const sample = fc.record({
    stepMs: fc.constantFrom(-2000, 0, 1000, 1000, 1000, 5000, 90_000),
    hrBpm: field(fc.integer({ min: 60, max: 190 })),
    speedMps: field(fc.double({ min: 0, max: 6, noNaN: true })),
    distanceStepM: field(fc.double({ min: 0, max: 6, noNaN: true })),
    latDeg: field(fc.double({ min: 45, max: 45.01, noNaN: true })),
    lonDeg: field(fc.double({ min: 7, max: 7.01, noNaN: true })),
    altitudeM: field(fc.double({ min: 100, max: 120, noNaN: true })),
    cadenceSpm: field(fc.integer({ min: 0, max: 200 })),
  });

  test('any mix of faulty readings, duplicated and late samples: no throw, finite times, in order', () => {
    fc.assert(
      fc.property(fc.array(sample, { minLength: 1, maxLength: 400 }), (raw) => {
        let atMs = START_MS;
        let distanceM = 0;
        const inputs: GuardInput[] = raw.map((r) => {
          atMs += r.stepMs;
          if (r.distanceStepM !== undefined) distanceM += r.distanceStepM;
          return {
            kind: 'sample',
            atMs,
            ...(r.hrBpm !== undefined ? { hrBpm: r.hrBpm } : {}),
            ...(r.speedMps !== undefined ? { speedMps: r.speedMps } : {}),
            ...(r.distanceStepM !== undefined ? { distanceM } : {}),
            ...(r.latDeg !== undefined ? { latDeg: r.latDeg } : {}),
            ...(r.lonDeg !== undefined ? { lonDeg: r.lonDeg } : {}),
            ...(r.altitudeM !== undefined ? { altitudeM: r.altitudeM } : {}),
            ...(r.cadenceSpm !== undefined ? { cadenceSpm: r.cadenceSpm } : {}),
          };
        });
        const events = runGuard(inputs, config);
        for (const e of events) {
          expect(Number.isFinite(e.atMs)).toBe(true);
          for (const value of Object.values(e)) if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
        }
        const times = events.map((e) => e.atMs);
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });
});
