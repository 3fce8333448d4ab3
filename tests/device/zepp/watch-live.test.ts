/**
 * The watch says what a replay of its session log says, silences included:
 * the built bundle in QuickJS (harness.ts), fed runs whose sensors fall
 * silent for a while (tests/support/silences.ts); its log's alerts (kind,
 * event time, cause or sensor) equal `runGuard` over the log's inputs, and it
 * vibrated for each at its own time: a silence's signal-lost when the sensor
 * went stale, not when it came back.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseSessionLog, type LoggedAlert } from '../../../src/watch-format/session-log.ts';
import { watchProfileOf } from '../../../src/watch-format/watch-profile.ts';
import type { GuardConfig } from '../../../src/guard/config.ts';
import type { GuardEvent } from '../../../src/guard/events.ts';
import { runGuard } from '../../../src/guard/run.ts';
import type { GuardInput } from '../../../src/samples/sample.ts';
import { START_MS, testConfig } from '../../support/runs.ts';
import { silentRunArb, silentRunInputs } from '../../support/silences.ts';
import { runOnWatch } from './harness.ts';
import { ALERT_KINDS, watchBuild } from './runs.ts';

let widgetFile = '';
beforeAll(async () => {
  widgetFile = (await watchBuild()).widgetFile;
});

const line = (kind: string, atMs: number, detail: string | undefined): string => `${kind} @${(atMs - START_MS) / 1000}${detail === undefined ? '' : ` ${detail}`}`;
const detailOf = (event: GuardEvent): string | undefined =>
  event.kind === 'slow-down' ? event.cause : event.kind === 'signal-lost' ? event.sensor : undefined;

interface WatchSaid {
  /** The log's alerts: kind, event time, detail. */
  readonly logged: string[];
  /** runGuard over the log's inputs, the same way. */
  readonly replayed: string[];
  readonly alerts: readonly LoggedAlert[];
}

async function onWatch(inputs: readonly GuardInput[], config: GuardConfig): Promise<WatchSaid> {
  const run = await runOnWatch(inputs, { widgetFile, profileText: JSON.stringify(watchProfileOf(config)) });
  const log = parseSessionLog(run.log);
  if (!log.ok) throw new Error(log.error);
  expect(log.faults).toEqual([]);
  return {
    logged: log.alerts.map((a) => line(a.kind, a.atMs, a.detail)),
    replayed: runGuard(log.inputs, log.config)
      .filter((e) => ALERT_KINDS.includes(e.kind))
      .map((e) => line(e.kind, e.atMs, detailOf(e))),
    alerts: log.alerts,
  };
}

describe('heart rate over its ceiling, then 45 s with no sensor at all', () => {
  test('the watch vibrates the back-off (185, 245, 365 s), not-recovery (485), 729 (lost, in the silence), 751, as the replay of its log says', async () => {
    const inputs: GuardInput[] = [];
    for (let s = 0; s < 900; s++) if (s < 700 || s >= 745) inputs.push({ kind: 'sample', atMs: START_MS + s * 1000, hrBpm: 150 });
    const said = await onWatch(inputs, testConfig({ hr: 140 }));
    // After not-recovery the new overshoot at 751 (the silence restarted the judgement) gets its first slow-down only.
    expect(said.logged).toEqual([
      'slow-down @185 hr',
      'slow-down @245 hr',
      'slow-down @365 hr',
      'not-recovery @485',
      'signal-lost @729 hr',
      'slow-down @751 hr',
    ]);
    expect(said.alerts.find((a) => a.kind === 'not-recovery')?.vibratedAtMs).toBe(START_MS + 485_000);
    expect(said.logged).toEqual(said.replayed);
    // At the stale moment's own tick, after that tick's inputs.
    const lost = said.alerts.find((a) => a.kind === 'signal-lost');
    expect(lost?.vibratedAtMs).toBe(START_MS + 729_000);
  });
});

describe('property: the watch says what a replay of its session log says', () => {
  const config = testConfig({ pace: 360, hr: 145, plannedMin: 8, tuning: { hrWarmupMs: 20_000, paceWarmupMs: 20_000 } });

  test('random silences of every sensor, around pauses', async () => {
    let lostInSilence = 0;
    await fc.assert(
      fc.asyncProperty(silentRunArb(8), async (stretches) => {
        const inputs = silentRunInputs(stretches, START_MS);
        fc.pre(inputs.length > 0);
        const said = await onWatch(inputs, config);
        expect(said.logged).toEqual(said.replayed);
        for (const alert of said.alerts) {
          // Vibrated at its own time (a pause is seen one 1 Hz tick late, and what it says with it).
          expect(alert.vibratedAtMs - alert.atMs).toBeGreaterThanOrEqual(0);
          expect(alert.vibratedAtMs - alert.atMs).toBeLessThanOrEqual(1000);
          if (alert.kind === 'signal-lost' && !inputs.some((i) => i.atMs === alert.atMs)) lostInSilence++;
        }
      }),
      { seed: 42, numRuns: 120 },
    );
    // Not vacuous: signal-lost said by the probe, in a silence with no input at that moment.
    expect(lostInSilence).toBeGreaterThan(3);
  }, 240_000);
});
