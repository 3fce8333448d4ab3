/**
 * The effort model on the watch (issue #19): the shipped watch app with the
 * model's step swapped in (device/zepp/tools/build-model.ts) runs in QuickJS
 * and vibrates, to the millisecond, for the alerts the model gives in Node on
 * the same inputs; its bundle stays within the watch's 80 KB. Short runs (the
 * shipped scenarios); the 6-hour memory and the work per sample are
 * `npm run bench:watch`'s figures.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildModelWatch, type ModelWatchBuild } from '../../../device/zepp/tools/build-model.ts';
import { WATCH_BUNDLE_BUDGET_BYTES } from '../../../device/zepp/tools/build.ts';
import { isAlert } from '../../../device/zepp/watch-guard.ts';
import { modelGuard, runModelGuard } from '../../../src/estimate/guard.ts';
import { DEFAULT_ESTIMATE_SETTINGS } from '../../../src/estimate/settings.ts';
import type { GuardConfig } from '../../../src/guard/config.ts';
import type { GuardInput } from '../../../src/samples/sample.ts';
import { parseSessionLog } from '../../../src/watch-format/session-log.ts';
import { checkWatchProfile } from '../../../src/watch-format/watch-profile.ts';
import { runOnWatch } from './harness.ts';
import { decodeInputs, shippedRuns, watchProfileText } from './runs.ts';
import { readFileSync } from 'node:fs';

let built: ModelWatchBuild;
beforeAll(async () => {
  built = await buildModelWatch({ outDir: path.resolve(import.meta.dirname, `../../../.cache/test-watch/model-${process.pid}`) });
});

/** Alerts compared, by kind, over every run: the comparison is not vacuous. */
const compared = new Map<string, number>();
afterAll(() => {
  for (const kind of ['slow-down', 'signal-lost']) expect(compared.get(kind) ?? 0, kind).toBeGreaterThan(0);
});

/** The model's alerts in Node, as the watch would vibrate them: `kind @ms since the first input`. */
function nodeAlerts(inputs: readonly GuardInput[], config: GuardConfig, firstAtMs: number): string[] {
  return runModelGuard(inputs, modelGuard(config, DEFAULT_ESTIMATE_SETTINGS))
    .filter(isAlert)
    .map((event) => `${event.kind} @${event.atMs - firstAtMs}`);
}

test('the model build has the model’s step in it, not today’s, and is at most 80 KB minified', () => {
  const inOutput = (file: string): number =>
    Object.values(built.metafile.outputs).reduce((sum, output) => sum + (output.inputs[file]?.bytesInOutput ?? 0), 0);
  console.log(`model watch bundle: ${built.minifiedBytes} bytes minified, ${built.gzippedBytes} gzipped`);
  expect(inOutput('src/estimate/guard.ts')).toBeGreaterThan(0);
  expect(inOutput('src/estimate/estimator.ts')).toBeGreaterThan(0);
  expect(inOutput('src/guard/step.ts')).toBe(0);
  expect(Object.keys(built.metafile.inputs).filter((file) => file.includes('node_modules/zod') || file.startsWith('node:'))).toEqual([]);
  expect(built.minifiedBytes).toBeLessThanOrEqual(WATCH_BUNDLE_BUDGET_BYTES);
});

describe('the model in QuickJS vibrates as the model in Node alerts', () => {
  test.each(shippedRuns().map((run) => [run.name, run] as const))('%s', async (_name, run) => {
    const inputs = decodeInputs(run.file);
    const firstAtMs = inputs[0]?.atMs ?? 0;
    const profileText = watchProfileText(JSON.parse(readFileSync(run.profileFile, 'utf8')));
    const profile = checkWatchProfile(profileText);
    if (!profile.ok) throw new Error(profile.error);
    const onWatch = await runOnWatch(inputs, { widgetFile: built.widgetFile, profileText });
    const vibrated = onWatch.vibrations.map((v) => `${v.kind} @${v.atMs - firstAtMs}`);

    // What the watch saw (its session log): the model in Node on those inputs says exactly what it vibrated.
    const log = parseSessionLog(onWatch.log);
    if (!log.ok) throw new Error(log.error);
    expect(log.faults).toEqual([]);
    expect(nodeAlerts(log.inputs, log.config, firstAtMs)).toEqual(vibrated);
    // And what the run recorded: the same alerts as the model in Node on the decoded file.
    expect(vibrated).toEqual(nodeAlerts(inputs, profile.config, firstAtMs));
    for (const line of vibrated) {
      const kind = line.split(' ')[0] as string;
      compared.set(kind, (compared.get(kind) ?? 0) + 1);
    }
  });
});
