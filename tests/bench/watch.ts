/**
 * `npm run bench:watch`: the watch's budgets, measured. Bundle size (esbuild
 * metafile; minified and gzipped), QuickJS memory over a 2-hour replay under
 * a 4 MB runtime limit (the engine's own JS_ComputeMemoryUsage figures at
 * 30/60/90/120 min), and the work per sample inside QuickJS (wall time of
 * the engine over the samples delivered, best of 3 runs; sensor stand-ins and
 * the virtual clock included). Then the same for the effort model (issue
 * #19), built into the same app but not shipped (device/zepp/tools/build-model.ts),
 * beside today's guard: its bundle, its work per sample on the same 2 hours,
 * and the memory of both over 6 hours, every 30 min. Figures, not a test:
 * the machine is shared. Writes them into docs/watch.md (block `watch`), as
 * printed.
 */
import { buildWatch, largestInputs, WATCH_BUNDLE_BUDGET_BYTES } from '../../device/zepp/tools/build.ts';
import { buildModelWatch } from '../../device/zepp/tools/build-model.ts';
import { stepTimesInQuickJs } from './watch-step.ts';
import type { Metafile } from 'esbuild';
import type { GuardInput } from '../../src/samples/sample.ts';
import { runOnWatch, type EngineMemory } from '../device/zepp/harness.ts';
import { longRunInputs, LONG_RUN_PROFILE } from '../device/zepp/long-run.ts';
import { watchProfileFromJson } from '../../device/zepp/tools/profile.ts';
import { parseToolArgs, refuse } from '../../device/zepp/tools/cli.ts';
import { figures } from '../../simulator/bench/figures.ts';

const MEMORY_LIMIT_BYTES = 4 * 1024 * 1024;
/** The long run's 20-minute blocks in 6 hours: the run length issue #19 asks the watch's memory to be flat over. */
const SIX_HOUR_REPEATS = 18;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export const BENCH_WATCH_HELP = `Usage: npm run bench:watch

Measures the watch app's budgets: the bundle's size (minified, gzipped; budget
80 KB minified), QuickJS memory over a 2-hour synthetic run under a 4 MB limit,
and the work per sample inside QuickJS (best of 3). Then the effort model
(issue #19; not shipped) in the same app: its bundle, its work per sample on
the same run, and QuickJS memory over 6 hours beside today's guard. Builds into
.cache/bench-watch/ with the run's profile built in, as build:watch builds it.
Figures, not a test: the machine may be shared. Writes them into
docs/watch.md (block watch). Takes no options.

  -h, --help   this text`;

const args = parseToolArgs('bench:watch', process.argv.slice(2), { help: { type: 'boolean', short: 'h' } });
if (args.kind === 'help') {
  process.stdout.write(`${BENCH_WATCH_HELP}\n`);
  process.exit(0);
}
if (args.kind === 'error') process.exit(refuse(args.message));
if (args.positionals.length > 0) process.exit(refuse(`bench:watch: unexpected argument ${args.positionals[0]}; it takes no options (see --help)`));

const { say, write } = figures();
const profile = watchProfileFromJson(LONG_RUN_PROFILE);
if (!profile.ok) throw new Error(profile.error);
const profileText = JSON.stringify(profile.profile);
// Built with the profile in it, as a runner's build is: the size measured is the size installed.
const built = await buildWatch({ outDir: '.cache/bench-watch', profileText });
say(`watch bundle (data-widget/common/index.js): ${kb(built.minifiedBytes)} minified, ${kb(built.gzippedBytes)} gzipped; budget ${kb(WATCH_BUNDLE_BUDGET_BYTES)} minified: ${built.minifiedBytes <= WATCH_BUNDLE_BUDGET_BYTES ? 'PASS' : 'FAIL'}`);
say(`  largest inputs: ${largestInputs(built.metafile, 6).map((i) => `${i.path} ${kb(i.bytes)}`).join(', ')}`);

const inputs = longRunInputs();
const firstAtMs = inputs[0]?.atMs ?? 0;
const rounds: number[] = [];
let memory = new Map<number, EngineMemory>();
let todayVibrations = 0;
for (let round = 0; round < 3; round++) {
  const at = new Map<number, EngineMemory>();
  const run = await runOnWatch(inputs, {
    widgetFile: built.widgetFile,
    profileText,
    memoryLimitBytes: MEMORY_LIMIT_BYTES,
    onBatch: (vm, uptoMs) => {
      const min = (uptoMs - firstAtMs) / 60_000;
      for (const mark of [30, 60, 90, 120]) if (!at.has(mark) && min >= mark - 5) at.set(mark, vm.memory());
    },
  });
  rounds.push(run.microsPerSample);
  memory = at;
  if (round === 0) say(`2 h synthetic run: ${run.samples} samples, ${run.vibrations.length} vibrations`);
  todayVibrations = run.vibrations.length;
}
say(`QuickJS memory (runtime limit ${kb(MEMORY_LIMIT_BYTES)}), memory_used_size / objects:`);
for (const [mark, m] of memory) say(`  at ~${mark} min: ${kb(m.memoryUsedBytes)}, ${m.objCount} objects`);
const m30 = memory.get(30);
const m120 = memory.get(120);
if (m30 !== undefined && m120 !== undefined) say(`  growth 30 → 120 min: ${(m120.memoryUsedBytes - m30.memoryUsedBytes) / 1024 >= 0 ? '+' : ''}${((m120.memoryUsedBytes - m30.memoryUsedBytes) / 1024).toFixed(1)} KB`);
say(`work per sample in QuickJS: ${Math.min(...rounds).toFixed(0)} µs (rounds: ${rounds.map((r) => r.toFixed(0)).join(' ')})`);

// The effort model (src/estimate/), in the same app, built the same way: measured beside today's guard, not shipped.
say('');
say('effort model (issue #19; not shipped): the same app with the model’s step (device/zepp/tools/build-model.ts)');
const model = await buildModelWatch({ outDir: '.cache/bench-watch-model', profileText });
say(`model bundle: ${kb(model.minifiedBytes)} minified, ${kb(model.gzippedBytes)} gzipped (today's ${kb(built.minifiedBytes)}: +${kb(model.minifiedBytes - built.minifiedBytes)}); budget ${kb(WATCH_BUNDLE_BUDGET_BYTES)} minified: ${model.minifiedBytes <= WATCH_BUNDLE_BUDGET_BYTES ? 'PASS' : 'FAIL'}`);
say(`  largest model inputs: ${estimateInputs(model.metafile)}`);
// Rounds alternate with today's app again, so that the ratio is taken under the same load.
const modelRounds: number[] = [];
const pairedRounds: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const [file, into] of [[model.widgetFile, modelRounds], [built.widgetFile, pairedRounds]] as const) {
    const run = await runOnWatch(inputs, { widgetFile: file, profileText, memoryLimitBytes: MEMORY_LIMIT_BYTES });
    into.push(run.microsPerSample);
    if (round === 0 && into === modelRounds) say(`the same 2 h run: ${run.vibrations.length} vibrations (today's ${todayVibrations})`);
  }
}
const modelMicros = Math.min(...modelRounds);
const pairedMicros = Math.min(...pairedRounds);
say(
  `work per sample in QuickJS, the whole app (best of 3, alternating): model ${modelMicros.toFixed(0)} µs, today's ${pairedMicros.toFixed(0)} µs: ${(modelMicros / pairedMicros).toFixed(1)} × ` +
    `(rounds: model ${modelRounds.map((r) => r.toFixed(0)).join(' ')}, today's ${pairedRounds.map((r) => r.toFixed(0)).join(' ')})`,
);
// The app around the step is the same for both: the step alone shows what the model itself costs.
const steps = await stepTimesInQuickJs(inputs, profileText, 3, MEMORY_LIMIT_BYTES);
say(
  `the step alone in QuickJS, same run (best of 3): today's ${steps.today.microsPerInput.toFixed(0)} µs, model ${steps.model.microsPerInput.toFixed(0)} µs per input ` +
    `(${(steps.model.microsPerInput / steps.today.microsPerInput).toFixed(1)} ×; rounds: today's ${steps.today.rounds.map((r) => r.toFixed(0)).join(' ')}, model ${steps.model.rounds.map((r) => r.toFixed(0)).join(' ')})`,
);

// Memory over 6 hours, both guards on the same run, every 30 min: flat, or how it grows.
const sixHours = longRunInputs(SIX_HOUR_REPEATS);
const today6 = await memoryOver(sixHours, built.widgetFile);
const model6 = await memoryOver(sixHours, model.widgetFile);
say(`6 h synthetic run (${sixHours.filter((i) => i.kind === 'sample').length} samples; vibrations: today's ${today6.vibrations}, model ${model6.vibrations}), QuickJS memory_used_size / objects:`);
say(`  ${'at'.padEnd(9)} ${"today's".padEnd(22)} model`);
for (const [mark, m] of model6.at) {
  const t = today6.at.get(mark);
  say(`  ${`~${mark} min`.padEnd(9)} ${(t === undefined ? '-' : `${kb(t.memoryUsedBytes)}, ${t.objCount} obj`).padEnd(22)} ${kb(m.memoryUsedBytes)}, ${m.objCount} obj`);
}
for (const [name, run] of [["today's", today6], ['model', model6]] as const) say(`  ${name}: ${spread(run.at)}`);
await write('docs/watch.md', 'watch', 'npm run bench:watch');

/** The effort model's share of its bundle: the src/estimate/ files, largest first, and their total. */
function estimateInputs(metafile: Metafile): string {
  const estimate = largestInputs(metafile, 1000).filter((i) => i.path.startsWith('src/estimate/'));
  const total = estimate.reduce((sum, i) => sum + i.bytes, 0);
  return `src/estimate/ ${kb(total)} in all: ${estimate.slice(0, 5).map((i) => `${i.path.slice('src/estimate/'.length)} ${kb(i.bytes)}`).join(', ')}`;
}

/** One run of the widget over `runInputs`, with the engine's memory at every 30 min. */
async function memoryOver(runInputs: readonly GuardInput[], widgetFile: string): Promise<{ at: Map<number, EngineMemory>; vibrations: number }> {
  const startAtMs = runInputs[0]?.atMs ?? 0;
  const at = new Map<number, EngineMemory>();
  const run = await runOnWatch(runInputs, {
    widgetFile,
    profileText,
    memoryLimitBytes: MEMORY_LIMIT_BYTES,
    onBatch: (vm, uptoMs) => {
      const min = (uptoMs - startAtMs) / 60_000;
      for (let mark = 30; mark <= 360; mark += 30) if (!at.has(mark) && min >= mark - 5) at.set(mark, vm.memory());
    },
  });
  return { at, vibrations: run.vibrations.length };
}

/** Growth from the first mark to the last, and the range between: flat is a few KB of allocator slack, both ways. */
function spread(at: ReadonlyMap<number, EngineMemory>): string {
  const marks = [...at.entries()];
  const first = marks[0];
  const last = marks.at(-1);
  if (first === undefined || last === undefined) return 'no marks';
  const used = marks.map(([, m]) => m.memoryUsedBytes);
  const objects = marks.map(([, m]) => m.objCount);
  const growth = last[1].memoryUsedBytes - first[1].memoryUsedBytes;
  return (
    `growth ${first[0]} → ${last[0]} min ${growth >= 0 ? '+' : '−'}${kb(Math.abs(growth))}; ` +
    `range ${kb(Math.min(...used))}–${kb(Math.max(...used))}, ${Math.min(...objects)}–${Math.max(...objects)} objects`
  );
}
