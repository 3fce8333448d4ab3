import { describe, expect, test } from 'vitest';
import { from, lastValueFrom } from 'rxjs';
import { guardSteps } from '../../src/guard/pipeline.ts';
import { summarize, type RunSummary } from '../../src/summary/summary.ts';
import type { GuardConfig } from '../../src/guard/config.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { stretchesToSamples, testConfig, type Stretch } from '../support/runs.ts';

function summaryOf(inputs: readonly GuardInput[], config: GuardConfig = testConfig({ pace: 360, hr: 140 })): Promise<RunSummary> {
  return lastValueFrom(from(inputs).pipe(guardSteps(config), summarize(config)));
}
const easy = (seconds: number, hrBpm = 128): Stretch => ({ seconds, paceSecPerKm: 390, hrBpm });

describe('after the run', () => {
  test('an easy 30 minutes is all moving time under the ceiling, verdict easy', async () => {
    const s = await summaryOf(stretchesToSamples([easy(1800)]));
    expect(s.movingMs).toBe(1_799_000);
    expect(s.overMs.total).toBe(0);
    expect(s.underShare).toBe(1);
    expect(s.verdict).toBe('easy');
    expect(s.advice).toMatch(/stayed easy/);
  });

  test('ten minutes of a thirty-minute run too fast is a moderate run, with time over by cause', async () => {
    const s = await summaryOf(stretchesToSamples([easy(600), { seconds: 600, paceSecPerKm: 320, hrBpm: 134 }, easy(600)]));
    expect(s.overMs.pace / 1000).toBeGreaterThan(590);
    expect(s.overMs.pace / 1000).toBeLessThan(610);
    expect(s.overMs.hr).toBe(0);
    expect(s.verdict).toBe('moderate');
    expect(s.advice).toMatch(/moderate run rather than a recovery run.*mostly on pace.*slow down, or rest/);
    // Repeats at 1 and 3 min, not-recovery at 5: the guard then goes quiet, but every second over still counts (above).
    expect(s.alerts.slowDown).toBe(1);
    expect(s.alerts.repeats).toBe(2);
    expect(s.alerts.notRecovery).toBe(1);
  });

  test('pace readings that flicker across the ceiling on an easy run do not make it moderate', async () => {
    // Half the readings 5 s/km over the ceiling, half 15 s/km under, heart rate steady and low.
    const flicker = Array.from({ length: 180 }, (_, i): Stretch => ({ seconds: 5, paceSecPerKm: i % 2 === 0 ? 355 : 375, hrBpm: 128 }));
    const s = await summaryOf(stretchesToSamples([easy(300), ...flicker]));
    expect(s.alerts.slowDown).toBe(0);
    expect(s.overMs.total).toBe(0);
    expect(s.verdict).toBe('easy');
  });

  test('standing still is not moving time', async () => {
    const s = await summaryOf(stretchesToSamples([easy(600), { seconds: 300, paceSecPerKm: 0, hrBpm: 110 }, easy(600)]));
    expect(s.movingMs / 1000).toBeGreaterThan(1190);
    expect(s.movingMs / 1000).toBeLessThan(1215);
    expect(s.timerMs / 1000).toBe(1499);
  });

  test('heart rate drifting up at the same pace shows as aerobic decoupling', async () => {
    const drifting = Array.from({ length: 40 }, (_, minute): Stretch => easy(60, 120 + minute * 0.4));
    const s = await summaryOf(stretchesToSamples(drifting));
    // Heart rate rises about 8 bpm (6.6 %) from the first half to the second at the same pace.
    expect(s.decouplingPct).toBeGreaterThan(5);
    expect(s.decouplingPct).toBeLessThan(8);
    expect(s.advice).toMatch(/drifted/);
  });

  test('running past the planned duration is named', async () => {
    const s = await summaryOf(stretchesToSamples([easy(1800)]), testConfig({ pace: 360, plannedMin: 20 }));
    expect(s.advice).toMatch(/10 min past the planned 20 min/);
  });

  test('a run with no moving data cannot be judged', async () => {
    const s = await summaryOf([]);
    expect(s.verdict).toBe('unknown');
  });
});
