/**
 * Throughput of the model guard's full step (silence, conditioning, the
 * estimator, the test and the alert policy) beside today's guard's, on the
 * same synthetic runs, in one process, alternating rounds so that the load of
 * a shared machine falls on both alike; then the estimator alone, and both
 * steps inside QuickJS (the watch's engine, here compiled to WebAssembly).
 * Times are the process's CPU time (user + system), not wall time: on a
 * shared machine the time spent waiting for a core is not the guard's.
 * Prints samples a second for each and writes them to docs/effort-model.md.
 *
 *   node scripts/run-ts.mjs simulator/bench/model-speed.ts
 */
import { build } from 'esbuild';
import { getQuickJS } from 'quickjs-emscripten';
import { deriveCeilings } from '../../src/ceiling/ceiling.ts';
import { estimateOf, initialEstimator, stepEstimator, type EstimatorInput } from '../../src/estimate/estimator.ts';
import { initialModelGuardState, modelGuard, modelGuardStep } from '../../src/estimate/guard.ts';
import { POPULATION_PRIOR } from '../../src/estimate/runner-model.ts';
import { DEFAULT_ESTIMATE_SETTINGS } from '../../src/estimate/settings.ts';
import { DEFAULT_TUNING, type GuardConfig } from '../../src/guard/config.ts';
import { guardStep, INITIAL_GUARD_STATE } from '../../src/guard/step.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { SUITE } from '../synth/suite.ts';
import { synthesizeRun } from '../synth/synthesize.ts';
import { writeDocBlock } from './write-doc.ts';

/** Runs of the suite timed (the first of each family keeps it short on a loaded machine). */
const FAMILY_RUNS = new Set<string>();
const ROUNDS = 5;
/** The issue's target through the full step, samples/s. */
const TARGET_SAMPLES_PER_SEC = 1e6;
/** Samples of the first run replayed inside QuickJS (an interpreter: a few thousand take seconds). */
const QUICKJS_SAMPLES = 2000;

interface Prepared {
  readonly inputs: readonly GuardInput[];
  readonly config: GuardConfig;
}

/** CPU time of this process, ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function timeRound(step: () => number): { samples: number; ms: number } {
  const started = cpuMs();
  const samples = step();
  return { samples, ms: cpuMs() - started };
}

function today(runs: readonly Prepared[]): number {
  let samples = 0;
  for (const run of runs) {
    let state = INITIAL_GUARD_STATE;
    for (const input of run.inputs) state = guardStep(state, input, run.config);
    samples += run.inputs.length;
  }
  return samples;
}

function model(runs: readonly Prepared[]): number {
  let samples = 0;
  for (const run of runs) {
    const guard = modelGuard(run.config, DEFAULT_ESTIMATE_SETTINGS);
    let state = initialModelGuardState(guard);
    for (const input of run.inputs) state = modelGuardStep(state, input, guard);
    samples += run.inputs.length;
  }
  return samples;
}

/**
 * The estimator's most work a step: a speed, a heart-rate and a cadence
 * reading every second, the GPS error's measured size moving every other
 * step (as it does while conditioning measures it), as many as the runs have.
 */
function estimatorInputs(count: number): EstimatorInput[] {
  return Array.from({ length: count }, (_, i) => ({
    atMs: i * 1000,
    dtSec: 1,
    gapPerActual: 1 + (i % 7) * 0.01,
    speed: { mps: 3 + 0.3 * Math.sin(i), source: 'speed' as const },
    hrBpm: 140 + 10 * Math.sin(i / 50),
    hrCadenceLocked: false,
    cadenceSpm: 165 + (i % 5),
    gpsErrorSdMps: 0.3 + (i % 2) * 0.01,
  }));
}

function estimator(inputs: readonly EstimatorInput[]): number {
  let state = initialEstimator(POPULATION_PRIOR, DEFAULT_ESTIMATE_SETTINGS);
  for (const input of inputs) state = stepEstimator(state, input, DEFAULT_ESTIMATE_SETTINGS);
  return Number.isFinite(estimateOf(state).gapSpeedMps) ? inputs.length : 0;
}

/**
 * Both full steps inside QuickJS on the first QUICKJS_SAMPLES samples of a
 * run: bundled for the engine as the watch build bundles (esbuild, ES2020),
 * each replayed three times, the quickest kept. CPU µs per sample.
 */
async function quickJsMicrosPerSample(run: Prepared): Promise<{ today: number; model: number }> {
  const entry = `
    import { initialModelGuardState, modelGuard, modelGuardStep } from './src/estimate/guard.ts';
    import { DEFAULT_ESTIMATE_SETTINGS } from './src/estimate/settings.ts';
    import { guardStep, INITIAL_GUARD_STATE } from './src/guard/step.ts';
    globalThis.replayToday = (inputs, config) => {
      let state = INITIAL_GUARD_STATE;
      for (const input of inputs) state = guardStep(state, input, config);
      return inputs.length;
    };
    globalThis.replayModel = (inputs, config) => {
      const guard = modelGuard(config, DEFAULT_ESTIMATE_SETTINGS);
      let state = initialModelGuardState(guard);
      for (const input of inputs) state = modelGuardStep(state, input, guard);
      return inputs.length;
    };`;
  const bundled = await build({ stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, format: 'iife', target: 'es2020', write: false, logLevel: 'warning' });
  const code = bundled.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild gave no bundle for the QuickJS replay');
  const QuickJS = await getQuickJS();
  const vm = QuickJS.newContext();
  try {
    vm.unwrapResult(vm.evalCode(code, 'model-speed.js')).dispose();
    const inputs = JSON.stringify(run.inputs.slice(0, QUICKJS_SAMPLES));
    vm.unwrapResult(vm.evalCode(`globalThis.inputs = ${inputs}; globalThis.config = ${JSON.stringify(run.config)};`)).dispose();
    const best = (fn: string): number => {
      let quickest = Number.POSITIVE_INFINITY;
      for (let round = 0; round < 3; round++) {
        const started = cpuMs();
        const samples = vm.unwrapResult(vm.evalCode(`${fn}(inputs, config)`)).consume((handle) => vm.getNumber(handle));
        quickest = Math.min(quickest, ((cpuMs() - started) * 1000) / samples);
      }
      return quickest;
    };
    return { today: best('replayToday'), model: best('replayModel') };
  } finally {
    vm.dispose();
  }
}

async function main(): Promise<void> {
  const runs: Prepared[] = SUITE.filter((s) => (FAMILY_RUNS.has(s.family) ? false : (FAMILY_RUNS.add(s.family), true))).map((s) => {
    const run = synthesizeRun(s.scenario, s.seed);
    const { paceCeilingSecPerKm, hrCeilingBpm } = run.scenario.ceilings;
    return { inputs: run.inputs, config: { ceilings: deriveCeilings({ paceCeilingSecPerKm, hrCeilingBpm }), tuning: DEFAULT_TUNING } };
  });
  const samples = runs.reduce((n, r) => n + r.inputs.length, 0);
  const alone = estimatorInputs(samples);
  const timed = { today: () => today(runs), model: () => model(runs), estimator: () => estimator(alone) } as const;
  const rates: Record<keyof typeof timed, number[]> = { today: [], model: [], estimator: [] };
  for (const step of Object.values(timed)) step(); // warm-up, not counted
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['today', 'model', 'estimator'] as const) : (['estimator', 'model', 'today'] as const);
    for (const which of order) {
      const { samples: done, ms } = timeRound(timed[which]);
      rates[which].push((done / ms) * 1000);
    }
  }
  const first = runs[0];
  if (first === undefined) throw new Error('the suite has no runs');
  const quickJs = await quickJsMicrosPerSample(first);

  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const m = (x: number): string => `${(x / 1e6).toFixed(2)} M`;
  const us = (rate: number): string => `${(1e6 / rate).toFixed(2)} µs`;
  const line = (name: string, xs: number[]): string => `| ${name} | ${m(median(xs))} (${m(Math.min(...xs))}–${m(Math.max(...xs))}) | ${us(median(xs))} |`;
  const modelRate = median(rates.model);
  const body = [
    `${runs.length} runs (one per family), ${samples} inputs, ${ROUNDS} alternating rounds, median (min–max) of the process's CPU time; machine shared with other jobs, so the ratio is the figure to trust.`,
    '',
    '| step | samples/s | per sample |',
    '|---|---|---|',
    line("today's guard, full step (src/guard/step.ts)", rates.today),
    line('model guard, full step (src/estimate/guard.ts)', rates.model),
    line('the estimator alone (stepEstimator; speed, heart rate and cadence every second)', rates.estimator),
    '',
    `model / today: ${(modelRate / median(rates.today)).toFixed(2)}; target ≥ ${m(TARGET_SAMPLES_PER_SEC)} samples/s through the full step: ${modelRate >= TARGET_SAMPLES_PER_SEC ? 'met' : `missed (${m(modelRate)})`}.`,
    '',
    `Inside QuickJS (quickjs-emscripten, WebAssembly; the first ${QUICKJS_SAMPLES} samples of ${SUITE[0]?.id ?? 'the first run'}, best of 3): today's step ${quickJs.today.toFixed(0)} µs a sample, the model's ${quickJs.model.toFixed(0)} µs.`,
  ].join('\n');
  console.log(body);
  await writeDocBlock('docs/effort-model.md', 'model-speed', 'node scripts/run-ts.mjs simulator/bench/model-speed.ts', body);
}

await main();
