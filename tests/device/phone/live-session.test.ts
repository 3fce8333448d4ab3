/**
 * The phone's live path at module level (device/phone/src/live/session.ts):
 * sensor readings on a virtual clock → sampler → stored inputs → the live
 * guard with its stale probe. Whatever the sensors' silences, the events the
 * session said (and stored) equal a replay of the inputs it stored, and each
 * was said soon after its own time. The chromium tests drive the same code
 * through the page.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { VirtualTimeScheduler } from 'rxjs';
import type { GuardConfig } from '../../../src/guard/config.ts';
import type { GuardEvent } from '../../../src/guard/events.ts';
import { runGuard } from '../../../src/guard/run.ts';
import type { GuardInput } from '../../../src/samples/sample.ts';
import type { Clock } from '../../../device/phone/src/live/clock.ts';
import type { Reading, Source } from '../../../device/phone/src/live/sampler.ts';
import { startLiveSession } from '../../../device/phone/src/live/session.ts';
import type { SessionStore } from '../../../device/phone/src/live/session-store.ts';
import { START_MS, testConfig } from '../../support/runs.ts';
import { HR_OVER_THEN_45_S_SILENT, silentRunArb, type SilentStretch } from '../../support/silences.ts';

interface Said {
  readonly event: GuardEvent;
  readonly saidAtMs: number;
}

interface PhoneRun {
  readonly storedInputs: GuardInput[];
  readonly storedEvents: GuardEvent[];
  readonly said: Said[];
}

type Action = { readonly atMs: number } & ({ readonly reading: Reading } | { readonly timer: 'pause' | 'resume' });

/** The stretches as the phone's sensors would report them: each second's readings at their own offsets into it, pause and resume as taps. */
function actionsOf(stretches: readonly SilentStretch[], offsetsMs: readonly number[]): Action[] {
  const actions: Action[] = [];
  let t = START_MS;
  let k = 0;
  const offset = (): number => offsetsMs[k++ % offsetsMs.length] ?? 0;
  for (const s of stretches) {
    for (let i = 0; i < s.seconds; i++) {
      if (s.hrBpm !== null) actions.push({ atMs: t + offset(), reading: { source: 'hr', atMs: 0, hrBpm: s.hrBpm } });
      if (s.paceSecPerKm !== null) actions.push({ atMs: t + offset(), reading: { source: 'gps', atMs: 0, latDeg: 52 + i * 1e-5, lonDeg: 5, speedMps: 1000 / s.paceSecPerKm } });
      if (s.cadenceSpm !== null) actions.push({ atMs: t + offset(), reading: { source: 'rsc', atMs: 0, speedMps: 3, cadenceSpm: s.cadenceSpm } });
      t += 1000;
    }
    if (s.pauseSec !== null) {
      actions.push({ atMs: t + 999, timer: 'pause' });
      t += s.pauseSec * 1000;
      actions.push({ atMs: t, timer: 'resume' });
    }
  }
  // Stable: readings of one moment in the order they were made.
  return actions.map((a, i) => [a, i] as const).sort((a, b) => a[0].atMs - b[0].atMs || a[1] - b[1]).map(([a]) => a);
}

/** The run on the phone; the runner stops it `tailMs` after the last action. */
async function onPhone(actions: readonly Action[], config: GuardConfig, connected: readonly Source[], tailMs: number): Promise<PhoneRun> {
  const scheduler = new VirtualTimeScheduler();
  const clock: Clock = {
    nowMs: () => START_MS + scheduler.now(),
    after: (delayMs, fn) => {
      const action = scheduler.schedule(fn, delayMs);
      return () => action.unsubscribe();
    },
  };
  const storedInputs: GuardInput[] = [];
  const storedEvents: GuardEvent[] = [];
  const store: SessionStore = {
    startSession: () => Promise.resolve(1),
    appendInput: (_id, input) => storedInputs.push(input),
    appendEvent: (_id, event) => storedEvents.push(event),
    sessions: () => Promise.resolve([]),
    inputs: () => Promise.resolve(storedInputs),
    events: () => Promise.resolve(storedEvents),
    settled: () => Promise.resolve(),
  };
  const said: Said[] = [];
  const session = await startLiveSession({
    config,
    profileText: '{}',
    store,
    clock,
    paceFrom: 'gps',
    connected: () => connected,
    onStep: () => undefined,
    onEvent: (event) => said.push({ event, saidAtMs: clock.nowMs() }),
    scheduler,
  });
  for (const action of actions) {
    scheduler.schedule(() => {
      if ('reading' in action) session.push({ ...action.reading, atMs: clock.nowMs() });
      else if (action.timer === 'pause') session.pause();
      else session.resume();
    }, action.atMs - START_MS);
  }
  let stopped: Promise<void> = Promise.resolve();
  scheduler.schedule(() => (stopped = session.stop()), (actions.at(-1)?.atMs ?? START_MS) + tailMs - START_MS);
  scheduler.flush();
  await stopped;
  return { storedInputs, storedEvents, said };
}

const line = (e: GuardEvent): string => `${e.kind} @${(e.atMs - START_MS) / 1000}`;

describe('heart rate over its ceiling, then 45 s with no sensor at all', () => {
  test('the phone says the back-off and not-recovery, signal-lost in the silence, then slows down at 751 s, as the replay of what it stored', async () => {
    const stretches: SilentStretch[] = [
      { seconds: 700, hrBpm: 150, paceSecPerKm: null, cadenceSpm: null, pauseSec: null },
      { seconds: 45, hrBpm: null, paceSecPerKm: null, cadenceSpm: null, pauseSec: null },
      { seconds: 155, hrBpm: 150, paceSecPerKm: null, cadenceSpm: null, pauseSec: null },
    ];
    const run = await onPhone(actionsOf(stretches, [100]), testConfig({ hr: 140 }), ['hr'], 1000);
    expect(run.storedEvents.map(line)).toEqual([...HR_OVER_THEN_45_S_SILENT]);
    expect(run.storedEvents).toEqual(runGuard(run.storedInputs, testConfig({ hr: 140 })));
    // Said in the silence: 729 s plus the wait for a late second (at most 2 × 1.25 s).
    const lost = run.said.find((s) => s.event.kind === 'signal-lost');
    expect((lost?.saidAtMs ?? 0) - START_MS).toBeGreaterThanOrEqual(729_000);
    expect((lost?.saidAtMs ?? 0) - START_MS).toBeLessThan(745_000);
  });
});

describe('property: the phone says what a replay of its stored session says', () => {
  const config = testConfig({ pace: 360, hr: 145, plannedMin: 8, tuning: { hrWarmupMs: 20_000, paceWarmupMs: 20_000 } });
  const connectedArb = fc.constantFrom<readonly Source[]>(['hr', 'gps', 'rsc'], ['hr', 'gps'], ['hr'], []);

  test('random silences of every sensor, around pauses, readings at any moment of their second', async () => {
    let lostInSilence = 0;
    await fc.assert(
      fc.asyncProperty(
        silentRunArb(8),
        fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 40 }),
        connectedArb,
        fc.constantFrom(1000, 20_000, 40_000),
        async (stretches, offsetsMs, connected, tailMs) => {
          const run = await onPhone(actionsOf(stretches, offsetsMs), config, connected, tailMs);
          expect(run.said.map((s) => s.event)).toEqual(run.storedEvents);
          expect(run.storedEvents).toEqual(runGuard(run.storedInputs, config));
          const inputTimes = new Set(run.storedInputs.map((i) => i.atMs));
          for (const { event, saidAtMs } of run.said) {
            // Said soon: a second closes at most 1.25 s after it began, a probe waits that long once more.
            expect(saidAtMs - event.atMs).toBeGreaterThanOrEqual(0);
            expect(saidAtMs - event.atMs).toBeLessThanOrEqual(2500);
            if (event.kind === 'signal-lost' && !inputTimes.has(event.atMs)) lostInSilence++;
          }
        },
      ),
      { seed: 42, numRuns: 150 },
    );
    expect(lostInSilence).toBeGreaterThan(20);
  });
});
