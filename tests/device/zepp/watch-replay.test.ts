/**
 * The real engine, driven by the simulator: the built watch bundle runs in
 * QuickJS with stand-in @zos/* sensors fed from a replayed run; the
 * vibrations it asks for, and when, are the alerts `paceguard replay
 * --format jsonl` gives for the same file and profile, to the second.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { corpusAvailable, corpusFiles, corpusPath } from '../../corpus.ts';
import { parseSessionLog } from '../../../src/watch-format/session-log.ts';
import { runGuard } from '../../../src/guard/run.ts';
import { runOnWatch } from './harness.ts';
import { decodeActivity } from '../../../src/fit/decode.ts';
import { ALERT_KINDS, decodeInputs, replayEventsOrRefusal, RUNNER_PROFILE, shippedRuns, watchBuild, watchProfileText } from './runs.ts';

let widgetFile = '';
/** Alerts compared, by kind, over every run: the comparison is not vacuous. */
const compared = new Map<string, number>();
afterAll(() => {
  for (const kind of ['slow-down', 'not-recovery', 'time-up', 'signal-lost']) expect(compared.get(kind) ?? 0, kind).toBeGreaterThan(0);
});
beforeAll(async () => {
  widgetFile = (await watchBuild()).widgetFile;
});

async function expectWatchMatchesReplay(file: string, profileFile: string): Promise<number> {
  const replayed = replayEventsOrRefusal(file, profileFile);
  if (replayed === undefined) {
    // Not a run for replay (a ride, say): the watch's decoder agrees, and there is nothing to compare.
    expect(decodeActivity(new Uint8Array(readFileSync(file))).ok).toBe(false);
    return 0;
  }
  const expected = replayed
    .filter((event) => ALERT_KINDS.includes(event.kind))
    .map((event) => `${event.kind} @${Math.round(event.at)}`);
  const inputs = decodeInputs(file);
  const firstAtMs = inputs[0]?.atMs ?? 0;
  const profileText = watchProfileText(JSON.parse(readFileSync(profileFile, 'utf8')));
  const run = await runOnWatch(inputs, { widgetFile, profileText });
  const vibrated = run.vibrations.map((v) => `${v.kind} @${Math.round((v.atMs - firstAtMs) / 1000)}`);
  expect(vibrated).toEqual(expected);
  for (const line of expected) {
    const kind = line.split(' ')[0] as string;
    compared.set(kind, (compared.get(kind) ?? 0) + 1);
  }

  // The session log is the run the watch saw: replayed, it says what the watch said.
  const log = parseSessionLog(run.log);
  if (!log.ok) throw new Error(log.error);
  expect(log.faults).toEqual([]);
  const fromLog = runGuard(log.inputs, log.config)
    .filter((event) => ALERT_KINDS.includes(event.kind))
    .map((event) => `${event.kind} @${Math.round((event.atMs - firstAtMs) / 1000)}`);
  expect(fromLog).toEqual(expected);
  expect(log.alerts.map((a) => `${a.kind} @${Math.round((a.vibratedAtMs - firstAtMs) / 1000)}`)).toEqual(vibrated);
  return expected.length;
}

describe('the watch bundle in QuickJS vibrates as replay alerts', () => {
  test.each(shippedRuns().map((run) => [run.name, run] as const))('%s', async (_name, run) => {
    await expectWatchMatchesReplay(run.file, run.profileFile);
  });
});

describe.skipIf(!corpusAvailable)('…on every run of the shared corpus', () => {
  test.each(corpusFiles('runs'))('%s', async (name) => {
    await expectWatchMatchesReplay(corpusPath('runs', name), RUNNER_PROFILE);
  });
});
