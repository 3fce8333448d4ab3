/**
 * Throughput of the model guard's full step (silence, conditioning, the
 * estimator, the test and the alert policy) beside today's guard's, on the
 * same synthetic runs, in one process, alternating rounds so that the load of
 * a shared machine falls on both alike. Prints samples a second for each and
 * their ratio, and writes them to docs/effort-model.md.
 *
 *   node scripts/run-ts.mjs simulator/bench/model-speed.ts
 */
import { deriveCeilings } from '../../src/ceiling/ceiling.ts';
import { initialModelGuardState, modelGuard, modelGuardStep } from '../../src/estimate/guard.ts';
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

interface Prepared {
  readonly inputs: readonly GuardInput[];
  readonly config: GuardConfig;
}

function timeRound(runs: readonly Prepared[], step: (run: Prepared) => number): { samples: number; ms: number } {
  const started = performance.now();
  let samples = 0;
  for (const run of runs) samples += step(run);
  return { samples, ms: performance.now() - started };
}

function today(run: Prepared): number {
  let state = INITIAL_GUARD_STATE;
  for (const input of run.inputs) state = guardStep(state, input, run.config);
  return run.inputs.length;
}

function model(run: Prepared): number {
  const guard = modelGuard(run.config, DEFAULT_ESTIMATE_SETTINGS);
  let state = initialModelGuardState(guard);
  for (const input of run.inputs) state = modelGuardStep(state, input, guard);
  return run.inputs.length;
}

async function main(): Promise<void> {
  const runs: Prepared[] = SUITE.filter((s) => (FAMILY_RUNS.has(s.family) ? false : (FAMILY_RUNS.add(s.family), true))).map((s) => {
    const run = synthesizeRun(s.scenario, s.seed);
    const { paceCeilingSecPerKm, hrCeilingBpm } = run.scenario.ceilings;
    return { inputs: run.inputs, config: { ceilings: deriveCeilings({ paceCeilingSecPerKm, hrCeilingBpm }), tuning: DEFAULT_TUNING } };
  });
  const rates: { today: number[]; model: number[] } = { today: [], model: [] };
  timeRound(runs, model); // warm-up, not counted
  timeRound(runs, today);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['today', 'model'] as const) : (['model', 'today'] as const);
    for (const which of order) {
      const { samples, ms } = timeRound(runs, which === 'today' ? today : model);
      rates[which].push((samples / ms) * 1000);
    }
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const m = (x: number): string => `${(x / 1e6).toFixed(2)} M`;
  const samples = runs.reduce((n, r) => n + r.inputs.length, 0);
  const body = [
    `${runs.length} runs (one per family), ${samples} inputs, ${ROUNDS} alternating rounds, median (min–max); machine shared with other jobs, so the ratio is the figure to trust.`,
    '',
    '| guard | samples/s through the full step |',
    '|---|---|',
    `| today's (src/guard/step.ts) | ${m(median(rates.today))} (${m(Math.min(...rates.today))}–${m(Math.max(...rates.today))}) |`,
    `| model (src/estimate/guard.ts) | ${m(median(rates.model))} (${m(Math.min(...rates.model))}–${m(Math.max(...rates.model))}) |`,
    '',
    `model / today: ${(median(rates.model) / median(rates.today)).toFixed(2)}; target ≥ 1 M samples/s.`,
  ].join('\n');
  console.log(body);
  await writeDocBlock('docs/effort-model.md', 'model-speed', 'node scripts/run-ts.mjs simulator/bench/model-speed.ts', body);
}

await main();
