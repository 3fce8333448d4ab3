/**
 * The effort model live (src/estimate/operator.ts, live.ts): marbles for the
 * operator's shape (events leave with the sample that caused them, errors pass
 * downstream, a silent sensor is said when it goes stale, once), and the
 * properties of issue #19: live equals replay, samples arriving one by one on
 * their own time or in arbitrary chunks, against `runModelGuard` over the
 * same stored inputs.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { concatMap, from, map, mergeMap, take, timer, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { modelGuard, runModelGuard, type ModelGuard } from '../../src/estimate/guard.ts';
import { liveModelGuardSteps, modelGuardSteps, modelPaceGuard } from '../../src/estimate/operator.ts';
import { DEFAULT_ESTIMATE_SETTINGS } from '../../src/estimate/settings.ts';
import type { GuardEvent } from '../../src/guard/events.ts';
import type { GuardInput, Sample } from '../../src/samples/sample.ts';
import { pacedInputs } from '../../simulator/io/paced.ts';
import { marbles } from '../support/marbles.ts';
import { chunksOf, runArb } from '../support/arbitrary-runs.ts';
import { liveRun } from '../support/live-run.ts';
import { START_MS, stretchesToSamples, testConfig } from '../support/runs.ts';
import { silentRunArb, silentRunInputs } from '../support/silences.ts';

const PACE_CEILING = 360;
const HR_CEILING = 140;
const guard = modelGuard(testConfig({ pace: PACE_CEILING, hr: HR_CEILING, plannedMin: 12 }), DEFAULT_ESTIMATE_SETTINGS);

/**
 * A marble diagram of things at given frames (ms after the start, run mode):
 * one key a frame, several at one frame grouped; the gaps as time
 * progressions. Keys are single characters, any but the marble syntax's.
 */
function diagram(entries: readonly { readonly frame: number; readonly keys: readonly string[] }[], completeAtFrame?: number): string {
  let text = '';
  let cursor = 0;
  const to = (frame: number): void => {
    if (frame < cursor) throw new Error(`diagram: frame ${frame} before ${cursor}`);
    if (frame > cursor) text += `${text === '' ? '' : ' '}${frame - cursor}ms `;
  };
  for (const { frame, keys } of entries) {
    to(frame);
    text += keys.length === 1 ? keys[0] : `(${keys.join('')})`;
    cursor = frame + (keys.length === 1 ? 1 : keys.length + 2);
  }
  if (completeAtFrame !== undefined) {
    to(completeAtFrame);
    text += '|';
  }
  return text;
}

/** A value key for the i-th thing of a diagram: CJK ideographs, never marble syntax. */
const key = (i: number): string => String.fromCharCode(0x4e00 + i);

/** Inputs as a cold diagram, each at its own time since the first; and the replay's events at the frames of the inputs that said them. */
function asDiagrams(inputs: readonly GuardInput[], g: ModelGuard): { input: string; inputValues: Record<string, GuardInput>; output: string; outputValues: Record<string, GuardEvent>; events: GuardEvent[] } {
  const startAtMs = inputs[0]?.atMs ?? 0;
  const inputValues: Record<string, GuardInput> = {};
  const inputEntries = inputs.map((input, i) => {
    inputValues[key(i)] = input;
    return { frame: input.atMs - startAtMs, keys: [key(i)] };
  });
  const outputValues: Record<string, GuardEvent> = {};
  const outputEntries: { frame: number; keys: string[] }[] = [];
  let n = 0;
  const events: GuardEvent[] = [];
  // Replayed input by input, so each event is placed at the frame of the input whose step said it.
  const steps: GuardEvent[][] = [];
  from(inputs).pipe(modelGuardSteps(g), map((step) => [...step.events]), toArray()).subscribe((all) => steps.push(...all));
  steps.forEach((stepEvents, i) => {
    if (stepEvents.length === 0) return;
    const keys = stepEvents.map((event) => {
      const k = key(n++);
      outputValues[k] = event;
      events.push(event);
      return k;
    });
    outputEntries.push({ frame: (inputs[i] as GuardInput).atMs - startAtMs, keys });
  });
  // The source completes one frame after its last input, and the guard with it.
  const completeAtFrame = (inputs.at(-1)?.atMs ?? startAtMs) - startAtMs + 1;
  return { input: diagram(inputEntries, completeAtFrame), inputValues, output: diagram(outputEntries, completeAtFrame), outputValues, events };
}

describe('modelPaceGuard (marbles)', () => {
  // 2 min easy and under both ceilings, then 4 min well over both: the model calls it.
  const inputs = stretchesToSamples(
    [
      { seconds: 120, paceSecPerKm: 400, hrBpm: 128, cadenceSpm: 164 },
      { seconds: 240, paceSecPerKm: 300, hrBpm: 152, cadenceSpm: 172 },
    ],
    START_MS,
  );

  test.each([
    ['replay', undefined],
    ['live', {}],
  ] as const)('%s: every event leaves with the sample whose step said it, and the run is the replay', (_name, live) => {
    const d = asDiagrams(inputs, guard);
    expect(d.events.map((e) => e.kind)).toContain('slow-down');
    marbles(({ cold, expectObservable }, scheduler) => {
      const input$ = cold<GuardInput>(d.input, d.inputValues);
      expectObservable(input$.pipe(modelPaceGuard(guard, live === undefined ? undefined : { scheduler }))).toBe(d.output, d.outputValues);
    });
  });

  test('errors from the source pass downstream; nothing is swallowed', () => {
    const a = inputs[0] as Sample;
    marbles(({ cold, expectObservable }, scheduler) => {
      const input$ = cold<GuardInput>('a#', { a }, new Error('sensor stream broke'));
      expectObservable(input$.pipe(modelPaceGuard(guard))).toBe('-#', undefined, new Error('sensor stream broke'));
      expectObservable(input$.pipe(modelPaceGuard(guard, { scheduler }))).toBe('-#', undefined, new Error('sensor stream broke'));
    });
  });
});

describe('the model live: stale sensors (marbles)', () => {
  const hr = (s: number): Sample => ({ kind: 'sample', atMs: s * 1000, hrBpm: 120 });
  const hrOnly = modelGuard(testConfig({ hr: 150 }), DEFAULT_ESTIMATE_SETTINGS);

  test('a heart-rate strap that falls silent is said lost when it goes stale, as a replay dates it', () => {
    const replayed = runModelGuard([hr(0), hr(1), hr(41)], hrOnly).filter((e) => e.kind === 'signal-lost');
    expect(replayed).toEqual([{ kind: 'signal-lost', atMs: 31_000, sensor: 'hr', reason: 'no-data' }]);
    marbles(({ cold, expectObservable }, scheduler) => {
      // No next sample at all (yet): the probe speaks when the strap has been silent 30 s.
      const input$ = cold<GuardInput>('a 999ms b', { a: hr(0), b: hr(1) });
      expectObservable(input$.pipe(modelPaceGuard(hrOnly, { scheduler }), take(1))).toBe('1s 30s (l|)', { l: replayed[0] as GuardEvent });
    });
  });

  test('the probe says it once: the input that shows the silence does not say it again; no probe after the source ends', () => {
    marbles(({ cold, expectObservable }, scheduler) => {
      const input$ = cold<GuardInput>('a 39999ms b 999ms |', { a: hr(0), b: hr(40) });
      expectObservable(input$.pipe(modelPaceGuard(hrOnly, { scheduler }))).toBe('30s l 9999ms b 999ms |', {
        l: { kind: 'signal-lost', atMs: 30_000, sensor: 'hr', reason: 'no-data' },
        b: { kind: 'signal-back', atMs: 40_000, sensor: 'hr' },
      });
    });
  });

  test('each step carries the model’s conditioned values; a silence has no step', () => {
    marbles(({ cold, expectObservable }, scheduler) => {
      const input$ = cold<GuardInput>('a 39999ms |', { a: hr(0) });
      const kinds$ = input$.pipe(
        liveModelGuardSteps(hrOnly, scheduler),
        map((out) => (out.kind === 'input' ? `i${out.step.conditioned.hrBpm ?? '-'}` : `s${out.atMs}`)),
      );
      expectObservable(kinds$).toBe('a 29999ms b 9999ms |', { a: 'i120', b: 's30000' });
    });
  });
});


const anyPace = fc.integer({ min: 200, max: 700 });
const anyHr = fc.integer({ min: 90, max: 190 });
const anyCadence = fc.integer({ min: 150, max: 185 });

describe('property: the model live says what a replay of its stored inputs says', () => {
  test('sensors falling silent: the same kinds, times and values, each said at its own time', () => {
    const silences = modelGuard(
      testConfig({ pace: PACE_CEILING, hr: 145, plannedMin: 12, tuning: { hrWarmupMs: 20_000, paceWarmupMs: 20_000 } }),
      DEFAULT_ESTIMATE_SETTINGS,
    );
    let probed = 0;
    let slowDowns = 0;
    fc.assert(
      fc.property(silentRunArb(), (stretches) => {
        const inputs = silentRunInputs(stretches, START_MS);
        fc.pre(inputs.length > 0);
        const live = liveRun(inputs, (options) => modelPaceGuard(silences, options));
        expect(live.map((s) => s.event)).toEqual(runModelGuard(inputs, silences));
        const inputTimes = new Set(inputs.map((input) => input.atMs));
        for (const { event, saidAtMs } of live) {
          // Nothing is said late: a silence's signal-lost at its stale moment, the rest with their input.
          expect(saidAtMs).toBe(event.atMs);
          if (event.kind === 'signal-lost' && !inputTimes.has(event.atMs)) probed++;
          if (event.kind === 'slow-down') slowDowns++;
        }
      }),
      { seed: 42, numRuns: 120 },
    );
    // Not vacuous: many signal-lost said by a probe in a silence, and the model's own calls among the events.
    expect(probed).toBeGreaterThan(20);
    expect(slowDowns).toBeGreaterThan(20);
  });

  test('inputs arriving up to lateMs late (as the phone’s seconds do): the same events, each said at most 2 × lateMs after its time', () => {
    const lateMs = 1250;
    const run = fc.tuple(silentRunArb(6), fc.array(fc.integer({ min: 0, max: lateMs }), { minLength: 1, maxLength: 50 }));
    let late = 0;
    fc.assert(
      fc.property(run, ([stretches, lagsMs]) => {
        const inputs = silentRunInputs(stretches, START_MS);
        fc.pre(inputs.length > 0);
        const live = liveRun(inputs, (options) => modelPaceGuard(guard, options), lateMs, lagsMs);
        expect(live.map((s) => s.event)).toEqual(runModelGuard(inputs, guard));
        for (const { event, saidAtMs } of live) {
          expect(saidAtMs - event.atMs).toBeLessThanOrEqual(2 * lateMs);
          if (saidAtMs > event.atMs) late++;
        }
      }),
      { seed: 7, numRuns: 60 },
    );
    expect(late).toBeGreaterThan(20);
  });

  test('any pace, heart rate, cadence, gaps and pauses, one by one on their own time', () => {
    let events = 0;
    fc.assert(
      fc.property(runArb(anyPace, anyHr, anyCadence), (inputs) => {
        const replayed = runModelGuard(inputs, guard);
        const live = liveRun(inputs, (options) => modelPaceGuard(guard, options));
        expect(live.map((s) => s.event)).toEqual(replayed);
        for (const { event, saidAtMs } of live) expect(saidAtMs).toBe(event.atMs);
        events += replayed.length;
      }),
      { numRuns: 60 },
    );
    expect(events).toBeGreaterThan(100);
  });

  test('the same events however the samples are chunked and however fast they arrive, live or not', () => {
    const chunked = runArb(anyPace, anyHr, anyCadence).chain((inputs) =>
      fc.tuple(fc.constant(inputs), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 100 })),
    );
    let slowDowns = 0;
    fc.assert(
      fc.property(chunked, ([inputs, sizes, speed]) => {
        const expected = runModelGuard(inputs, guard);
        slowDowns += expected.filter((e) => e.kind === 'slow-down').length;
        const chunks = chunksOf(inputs, sizes);
        const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
        scheduler.run(() => {
          const got: Record<string, GuardEvent[]> = {};
          for (const live of [undefined, { scheduler }]) {
            const name = live === undefined ? 'replay' : 'live';
            // Chunks arrive at irregular moments, as from a Bluetooth queue.
            from(chunks)
              .pipe(
                concatMap((chunk, k) => timer((k * 7) % 13, scheduler).pipe(map(() => chunk))),
                mergeMap((chunk) => chunk),
                modelPaceGuard(guard, live),
                toArray(),
              )
              .subscribe((all) => (got[`${name} chunked`] = all));
            pacedInputs(inputs, speed, scheduler)
              .pipe(modelPaceGuard(guard, live), toArray())
              .subscribe((all) => (got[`${name} paced ×${speed}`] = all));
          }
          scheduler.flush();
          expect(Object.keys(got)).toHaveLength(4);
          for (const [name, events] of Object.entries(got)) expect(events, name).toEqual(expected);
        });
      }),
      { numRuns: 40 },
    );
    expect(slowDowns).toBeGreaterThan(20);
  });
});
