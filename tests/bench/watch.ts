/**
 * `npm run bench:watch`: the watch's budgets, measured. Bundle size (esbuild
 * metafile; minified and gzipped), QuickJS memory over a 2-hour replay under
 * a 4 MB runtime limit (the engine's own JS_ComputeMemoryUsage figures at
 * 30/60/90/120 min), and the work per sample inside QuickJS (wall time of
 * the engine over the samples delivered, best of 3 runs; sensor stand-ins and
 * the virtual clock included). Figures, not a test: the machine is shared.
 * Writes them into docs/watch.md (block `watch`), as printed.
 */
import { buildWatch, largestInputs, WATCH_BUNDLE_BUDGET_BYTES } from '../../device/zepp/tools/build.ts';
import { runOnWatch, type EngineMemory } from '../device/zepp/harness.ts';
import { longRunInputs, LONG_RUN_PROFILE } from '../device/zepp/long-run.ts';
import { watchProfileFromJson } from '../../device/zepp/tools/profile.ts';
import { parseToolArgs, refuse } from '../../device/zepp/tools/cli.ts';
import { figures } from '../../simulator/bench/figures.ts';

const MEMORY_LIMIT_BYTES = 4 * 1024 * 1024;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export const BENCH_WATCH_HELP = `Usage: npm run bench:watch

Measures the watch app's budgets: the bundle's size (minified, gzipped; budget
80 KB minified), QuickJS memory over a 2-hour synthetic run under a 4 MB limit,
and the work per sample inside QuickJS (best of 3). Builds into
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
// Built with the profile in it, as a runner's build is: the size measured is the size installed.
const built = await buildWatch({ outDir: '.cache/bench-watch', profileText: JSON.stringify(profile.profile) });
say(`watch bundle (data-widget/common/index.js): ${kb(built.minifiedBytes)} minified, ${kb(built.gzippedBytes)} gzipped; budget ${kb(WATCH_BUNDLE_BUDGET_BYTES)} minified: ${built.minifiedBytes <= WATCH_BUNDLE_BUDGET_BYTES ? 'PASS' : 'FAIL'}`);
say(`  largest inputs: ${largestInputs(built.metafile, 6).map((i) => `${i.path} ${kb(i.bytes)}`).join(', ')}`);

const inputs = longRunInputs();
const firstAtMs = inputs[0]?.atMs ?? 0;
const rounds: number[] = [];
let memory = new Map<number, EngineMemory>();
for (let round = 0; round < 3; round++) {
  const at = new Map<number, EngineMemory>();
  const run = await runOnWatch(inputs, {
    widgetFile: built.widgetFile,
    profileText: JSON.stringify(profile.profile),
    memoryLimitBytes: MEMORY_LIMIT_BYTES,
    onBatch: (vm, uptoMs) => {
      const min = (uptoMs - firstAtMs) / 60_000;
      for (const mark of [30, 60, 90, 120]) if (!at.has(mark) && min >= mark - 5) at.set(mark, vm.memory());
    },
  });
  rounds.push(run.microsPerSample);
  memory = at;
  if (round === 0) say(`2 h synthetic run: ${run.samples} samples, ${run.vibrations.length} vibrations`);
}
say(`QuickJS memory (runtime limit ${kb(MEMORY_LIMIT_BYTES)}), memory_used_size / objects:`);
for (const [mark, m] of memory) say(`  at ~${mark} min: ${kb(m.memoryUsedBytes)}, ${m.objCount} objects`);
const m30 = memory.get(30);
const m120 = memory.get(120);
if (m30 !== undefined && m120 !== undefined) say(`  growth 30 → 120 min: ${(m120.memoryUsedBytes - m30.memoryUsedBytes) / 1024 >= 0 ? '+' : ''}${((m120.memoryUsedBytes - m30.memoryUsedBytes) / 1024).toFixed(1)} KB`);
say(`work per sample in QuickJS: ${Math.min(...rounds).toFixed(0)} µs (rounds: ${rounds.map((r) => r.toFixed(0)).join(' ')})`);
await write('docs/watch.md', 'watch', 'npm run bench:watch');
