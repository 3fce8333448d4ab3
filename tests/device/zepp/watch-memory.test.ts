/**
 * It fits on a watch: a 2-hour run replayed in QuickJS under a memory limit
 * set on the runtime, and the engine's own figures (JS_ComputeMemoryUsage)
 * flat with run length: what it holds at 120 min is what it held at 30.
 */
import { beforeAll, expect, test } from 'vitest';
import { runOnWatch, type EngineMemory } from './harness.ts';
import { longRunInputs, LONG_RUN_PROFILE } from './long-run.ts';
import { watchBuild, watchProfileText } from './runs.ts';

/** The limit the run must live within: a few times what it needs, far below a watch app's budget. */
export const WATCH_MEMORY_LIMIT_BYTES = 4 * 1024 * 1024;
/** What "flat" allows between 30 and 120 min: allocator slack, not growth with the run. */
const FLAT_SLACK_BYTES = 32 * 1024;

let widgetFile = '';
beforeAll(async () => {
  widgetFile = (await watchBuild()).widgetFile;
});

test('2 h in QuickJS under a 4 MB limit: memory flat at 30, 60 and 120 min', async () => {
  const inputs = longRunInputs();
  const firstAtMs = inputs[0]?.atMs ?? 0;
  const marks = [30, 60, 90, 120];
  const at = new Map<number, EngineMemory>();
  const run = await runOnWatch(inputs, {
    widgetFile,
    profileText: watchProfileText(LONG_RUN_PROFILE),
    memoryLimitBytes: WATCH_MEMORY_LIMIT_BYTES,
    onBatch: (vm, uptoMs) => {
      const min = (uptoMs - firstAtMs) / 60_000;
      for (const mark of marks) if (!at.has(mark) && min >= mark - 5) at.set(mark, vm.memory());
    },
  });
  const m30 = at.get(30);
  const m120 = at.get(120);
  if (m30 === undefined || m120 === undefined) throw new Error('the run did not reach 120 min');
  expect(run.samples).toBeGreaterThan(7000);
  expect(run.vibrations.length).toBeGreaterThan(5); // the guard was busy the whole time
  expect(m120.memoryUsedBytes).toBeLessThanOrEqual(m30.memoryUsedBytes + FLAT_SLACK_BYTES);
  // Objects exactly flat but for a few in flight (the stand-ins send vibrations and the log out to the host, so they hold nothing).
  expect(m120.objCount).toBeLessThanOrEqual(m30.objCount + 10);
  expect(m120.limitBytes).toBe(WATCH_MEMORY_LIMIT_BYTES);
  for (const mark of marks) {
    const m = at.get(mark);
    console.log(`watch memory at ~${mark} min: ${m?.memoryUsedBytes} bytes used, ${m?.objCount} objects (limit ${m?.limitBytes})`);
  }
});
