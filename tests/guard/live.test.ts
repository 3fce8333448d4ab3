/**
 * A live run says exactly what its replay says (issue #18): the RxJS live
 * guard, driven on virtual time, against runGuard over the same stored
 * inputs, on runs where every sensor falls silent for a while.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { paceGuard } from '../../src/guard/pipeline.ts';
import { runGuard } from '../../src/guard/run.ts';
import type { GuardEvent } from '../../src/guard/events.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { liveRun } from '../support/live-run.ts';
import { START_MS, testConfig } from '../support/runs.ts';
import { HR_OVER_THEN_45_S_SILENT, silentRunArb, silentRunInputs } from '../support/silences.ts';


const at = (s: number): number => START_MS + s * 1000;
const show = (events: readonly GuardEvent[]): string[] => events.map((e) => `${e.kind} @${(e.atMs - START_MS) / 1000}`);

describe('heart rate over its ceiling, then 45 s with no sensor at all', () => {
  const config = testConfig({ hr: 140 });
  // 150 bpm against a 140 ceiling from the start; nothing at all from 700 s to 744 s.
  const inputs: GuardInput[] = [];
  for (let s = 0; s < 900; s++) if (s < 700 || s >= 745) inputs.push({ kind: 'sample', atMs: at(s), hrBpm: 150 });

  // Before (watchdog ticks in the guard's state): live slowed down at 745 s, replay at 751 s.
  test.each([
    ['replay', () => runGuard(inputs, config)],
    ['live (RxJS, virtual time)', () => liveRun(inputs, (options) => paceGuard(config, options)).map((s) => s.event)],
  ])('%s', (_name, run) => {
    expect(show(run())).toEqual([...HR_OVER_THEN_45_S_SILENT]);
  });

  test('live says signal-lost at 729 s, in the silence, not when the sensor comes back', () => {
    const lost = liveRun(inputs, (options) => paceGuard(config, options)).find((s) => s.event.kind === 'signal-lost');
    expect(lost?.saidAtMs).toBe(at(729));
  });
});

describe('property: a live run says what a replay of its stored inputs says', () => {
  const config = testConfig({ pace: 360, hr: 145, plannedMin: 12, tuning: { hrWarmupMs: 20_000, paceWarmupMs: 20_000 } });

  test('same kinds, times and values, each said at its own time', () => {
    let probed = 0;
    let paused = 0;
    fc.assert(
      fc.property(silentRunArb(), (stretches) => {
        const inputs = silentRunInputs(stretches, START_MS);
        fc.pre(inputs.length > 0);
        const live = liveRun(inputs, (options) => paceGuard(config, options));
        expect(live.map((s) => s.event)).toEqual(runGuard(inputs, config));
        const inputTimes = new Set(inputs.map((input) => input.atMs));
        for (const { event, saidAtMs } of live) {
          // Nothing is said late: a silence's signal-lost at its stale moment, the rest with their input.
          expect(saidAtMs).toBe(event.atMs);
          if (event.kind === 'signal-lost' && !inputTimes.has(event.atMs)) probed++;
          if (event.kind === 'signal-lost' && inputs.some((i) => i.kind === 'pause' && i.atMs > event.atMs && i.atMs - event.atMs < 30_000)) paused++;
        }
      }),
      { seed: 42, numRuns: 200 },
    );
    // Not vacuous: many signal-lost were said by a probe in a silence, some of them just before a pause.
    expect(probed).toBeGreaterThan(20);
    expect(paused).toBeGreaterThan(0);
  });

  test('inputs arriving up to lateMs late (as the phone’s seconds do): the same events, each said at most 2 × lateMs after its time', () => {
    const lateMs = 1250;
    const run = fc.tuple(silentRunArb(6), fc.array(fc.integer({ min: 0, max: lateMs }), { minLength: 1, maxLength: 50 }));
    fc.assert(
      fc.property(run, ([stretches, lagsMs]) => {
        const inputs = silentRunInputs(stretches, START_MS);
        fc.pre(inputs.length > 0);
        const live = liveRun(inputs, (options) => paceGuard(config, options), lateMs, lagsMs);
        expect(live.map((s) => s.event)).toEqual(runGuard(inputs, config));
        // A probe waits lateMs past the stale moment, counted from the last input's (itself up to lateMs late) arrival.
        for (const { event, saidAtMs } of live) expect(saidAtMs - event.atMs).toBeLessThanOrEqual(2 * lateMs);
      }),
      { seed: 7, numRuns: 80 },
    );
  });
});
