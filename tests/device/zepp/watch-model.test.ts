/**
 * The effort model on the watch (issue #19): the shipped watch app with the
 * model's step swapped in (device/zepp/tools/build-model.ts) runs in QuickJS
 * and vibrates, to the millisecond, for the alerts the model gives in Node on
 * the same inputs; its bundle stays within the watch's 80 KB; its memory is
 * flat over the 2-hour run today's guard is held to (watch-memory.test.ts).
 * The 6-hour memory and the work per sample are `npm run bench:watch`'s
 * figures.
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
import { runOnWatch, type EngineMemory } from './harness.ts';
import { longRunInputs, LONG_RUN_PROFILE } from './long-run.ts';
import { decodeInputs, shippedRuns, watchProfileText } from './runs.ts';
import { readFileSync } from 'node:fs';

/** As watch-memory.test.ts holds today's guard: a 4 MB runtime, and "flat" is allocator slack, not growth with the run. */
const MEMORY_LIMIT_BYTES = 4 * 1024 * 1024;
const FLAT_SLACK_BYTES = 32 * 1024;

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

/** Memory is read after every this many frames (about 20 s of a 1 Hz run). */
const MEMORY_READ_EVERY_FRAMES = 20;

test('2 h in QuickJS under a 4 MB limit: the model’s memory flat, its peaks in the last half hour no higher than between 30 and 60 min', async () => {
  // QuickJS frees cyclic garbage only when its collector runs, so memory read at one moment
  // depends on where that sawtooth is: the peaks over a stretch are what a leak would raise.
  // Read every 20 s of run, so that each stretch's peak is the sawtooth's top (read every
  // 5 min, a stretch's six readings fell anywhere on it, and any change to the bundle moved
  // the verdict); bytes and objects each keep their own peak.
  const inputs = longRunInputs();
  const firstAtMs = inputs[0]?.atMs ?? 0;
  const peak = new Map<string, Pick<EngineMemory, 'memoryUsedBytes' | 'objCount' | 'limitBytes'>>();
  const stretchOf = (min: number): string | undefined => (min >= 30 && min < 60 ? 'early' : min >= 90 ? 'late' : undefined);
  const run = await runOnWatch(inputs, {
    widgetFile: built.widgetFile,
    profileText: watchProfileText(LONG_RUN_PROFILE),
    memoryLimitBytes: MEMORY_LIMIT_BYTES,
    framesPerBatch: MEMORY_READ_EVERY_FRAMES,
    onBatch: (vm, uptoMs) => {
      const stretch = stretchOf((uptoMs - firstAtMs) / 60_000);
      if (stretch === undefined) return;
      const now = vm.memory();
      const before = peak.get(stretch);
      peak.set(stretch, {
        memoryUsedBytes: Math.max(now.memoryUsedBytes, before?.memoryUsedBytes ?? 0),
        objCount: Math.max(now.objCount, before?.objCount ?? 0),
        limitBytes: now.limitBytes,
      });
    },
  });
  const early = peak.get('early');
  const late = peak.get('late');
  if (early === undefined || late === undefined) throw new Error('the run did not reach 120 min');
  expect(run.samples).toBeGreaterThan(7000);
  expect(run.vibrations.filter((v) => v.kind === 'slow-down').length).toBeGreaterThan(5); // the model was busy the whole time
  expect(late.memoryUsedBytes).toBeLessThanOrEqual(early.memoryUsedBytes + FLAT_SLACK_BYTES);
  expect(late.objCount).toBeLessThanOrEqual(early.objCount + 10);
  expect(late.limitBytes).toBe(MEMORY_LIMIT_BYTES);
});
