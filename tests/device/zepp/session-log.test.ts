/**
 * The watch's session log, read back by the simulator: `paceguard replay
 * SESSION.log --profile P` (the real bundled command) says what the watch
 * said, when; and the log format round-trips the inputs exactly.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { createSessionLog, parseSessionLog } from '../../../src/watch-format/session-log.ts';
import { watchProfileOf, checkWatchProfile } from '../../../src/watch-format/watch-profile.ts';
import type { GuardInput } from '../../../src/samples/sample.ts';
import { runOnWatch } from './harness.ts';
import { ALERT_KINDS, decodeInputs, EXAMPLES_DIR, replayEvents, RUNNER_PROFILE, watchBuild, watchProfileText } from './runs.ts';
import { readFileSync } from 'node:fs';

let widgetFile = '';
beforeAll(async () => {
  widgetFile = (await watchBuild()).widgetFile;
});

test('paceguard replay reads a watch session log and says what the watch said', async () => {
  const file = path.join(EXAMPLES_DIR, 'bad-signal-run.fit');
  const inputs = decodeInputs(file);
  const firstAtMs = inputs[0]?.atMs ?? 0;
  const run = await runOnWatch(inputs, { widgetFile, profileText: watchProfileText(JSON.parse(readFileSync(RUNNER_PROFILE, 'utf8'))) });
  const dir = path.resolve('.cache/test-watch');
  mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, `session-${process.pid}.log`);
  writeFileSync(logFile, run.log);
  const said = replayEvents(logFile, RUNNER_PROFILE)
    .filter((event) => ALERT_KINDS.includes(event.kind))
    .map((event) => `${event.kind} @${Math.round(event.at)}`);
  expect(said.length).toBeGreaterThan(0);
  expect(said).toEqual(run.vibrations.map((v) => `${v.kind} @${Math.round((v.atMs - firstAtMs) / 1000)}`));
});

test('the log round-trips every input exactly, whatever the numbers', () => {
  const inputs: GuardInput[] = [
    { kind: 'sample', atMs: 1_700_000_000_000, hrBpm: 255, speedMps: 2.5060000000000002, latDeg: 48.123456789012, lonDeg: -0.000001 },
    { kind: 'sample', atMs: 1_700_000_001_000, distanceM: 1234.56, cadenceSpm: 172, altitudeM: -12.5 },
    { kind: 'pause', atMs: 1_700_000_001_000 },
    { kind: 'resume', atMs: 1_700_000_062_000 },
    { kind: 'sample', atMs: 1_700_000_062_000, hrBpm: 0 },
  ];
  const checked = checkWatchProfile(watchProfileText({ easyPace: '5:30', hrCeilingBpm: 140 }));
  if (!checked.ok) throw new Error(checked.error);
  let text = '';
  const log = createSessionLog((chunk) => (text += chunk), 2);
  log.start(watchProfileOf(checked.config));
  for (const input of inputs) log.input(input);
  log.flush();
  const parsed = parseSessionLog(text);
  if (!parsed.ok) throw new Error(parsed.error);
  expect(parsed.inputs).toEqual(inputs);
  expect(parsed.config).toEqual(checked.config);
});

test('a damaged watch profile is refused in one line, never half-used', () => {
  expect(checkWatchProfile('{')).toEqual({ ok: false, error: 'profile: not valid JSON' });
  expect(checkWatchProfile({ paceguardWatch: 2 }).ok).toBe(false);
  const good = JSON.parse(watchProfileText({ easyPace: '5:30' })) as Record<string, unknown>;
  expect(checkWatchProfile({ ...good, tuning: { ...(good['tuning'] as object), staleMs: 'x' } })).toEqual({ ok: false, error: 'tuning.staleMs: expected a number' });
  expect(checkWatchProfile(good).ok).toBe(true);
});
