/**
 * The guard's step alone in QuickJS, today's and the effort model's, on the
 * same inputs: wall time of the engine over the fold (./watch-step-entry.ts,
 * bundled as the watch's code is), per input. The app around the step
 * (sensors, sampler, screen, log) is the same for both guards and is left
 * out, so the ratio is the steps' own. For `npm run bench:watch`.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { getQuickJS } from 'quickjs-emscripten';
import { WATCH_ESBUILD_OPTIONS } from '../../device/zepp/tools/build.ts';
import type { GuardInput } from '../../src/samples/sample.ts';

export interface StepTimes {
  /** Best of the rounds, µs per input. */
  readonly microsPerInput: number;
  readonly rounds: readonly number[];
  readonly events: number;
}

export async function stepTimesInQuickJs(
  inputs: readonly GuardInput[],
  profileText: string,
  rounds: number,
  memoryLimitBytes: number,
): Promise<Record<'today' | 'model', StepTimes>> {
  const bundled = await build({
    ...WATCH_ESBUILD_OPTIONS,
    format: 'iife',
    // From the repository's root, where npm runs the bench (this file itself is run from a bundle in .cache/).
    entryPoints: [path.resolve('tests/bench/watch-step-entry.ts')],
    write: false,
  });
  const code = bundled.outputFiles?.[0]?.text;
  if (code === undefined) throw new Error('watch-step: esbuild gave no output');
  const QuickJS = await getQuickJS();
  const times: Record<'today' | 'model', number[]> = { today: [], model: [] };
  const events: Record<'today' | 'model', number> = { today: 0, model: 0 };
  // The guards alternate round by round, so a change in the machine's load falls on both.
  for (let round = 0; round < rounds; round++) {
    for (const guard of ['today', 'model'] as const) {
      // A fresh engine each round, as the watch starts each run.
      const runtime = QuickJS.newRuntime();
      runtime.setMemoryLimit(memoryLimitBytes);
      const vm = runtime.newContext();
      try {
        const run = (source: string): unknown => {
          const handle = vm.unwrapResult(vm.evalCode(source, 'bench.js', { type: 'global' }));
          const value: unknown = vm.dump(handle);
          handle.dispose();
          return value;
        };
        run(code);
        run(`var inputs = ${JSON.stringify(inputs)}; var profileText = ${JSON.stringify(profileText)};`);
        const t0 = performance.now();
        events[guard] = Number(run(`paceguardSteps.${guard}(profileText, inputs)`));
        times[guard].push(((performance.now() - t0) * 1000) / Math.max(1, inputs.length));
      } finally {
        vm.dispose();
        runtime.dispose();
      }
    }
  }
  const of = (guard: 'today' | 'model'): StepTimes => ({ microsPerInput: Math.min(...times[guard]), rounds: times[guard], events: events[guard] });
  return { today: of('today'), model: of('model') };
}
