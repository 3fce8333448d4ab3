/**
 * `npm run bench:speed` (first of `npm run bench`): replay throughput of the full pipeline, decode excluded.
 * Samples per second through conditioning, decision, events and summary, on
 * realistic 1 Hz runs (noisy speed, distance, positions, altitude, cadence and
 * heart rate) held in memory. Prints figures, and writes them into
 * docs/benchmarks.md (block `speed`); it is a benchmark, not a test.
 */
import { from } from 'rxjs';
import { guardSteps } from '../../src/guard/pipeline.ts';
import { addStep, emptySummary, finishSummary } from '../../src/summary/summary.ts';
import { paceGuard } from '../../src/guard/pipeline.ts';
import { deriveCeilings } from '../../src/ceiling/ceiling.ts';
import { DEFAULT_TUNING, type GuardConfig } from '../../src/guard/config.ts';
import { figures } from './figures.ts';
import { makeRun } from './make-run.ts';

const { say, write } = figures();

const config: GuardConfig = {
  ceilings: deriveCeilings({ easyPaceSecPerKm: 330, hrCeilingBpm: 140 }),
  tuning: DEFAULT_TUNING,
  plannedMs: 45 * 60_000,
};

/**
 * Best of five rounds after a warm-up round: other work on a shared machine
 * only ever slows a round down, so the fastest round is the closest to what
 * the code itself costs. Every round's figure is printed too.
 */
function measure(label: string, samples: number, run: () => void): number {
  run(); // warm-up: let the JIT see the code once
  const rates: number[] = [];
  for (let r = 0; r < 5; r++) {
    const start = process.hrtime.bigint();
    run();
    rates.push(samples / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  const best = Math.max(...rates);
  const all = rates.map((rate) => (rate / 1e6).toFixed(2)).join(' ');
  say(`${label.padEnd(44)} ${(best / 1e6).toFixed(2).padStart(6)} M samples/s  (rounds: ${all})`);
  return best;
}

// 300 runs of 40 minutes: 200 hours, 0.72 M samples.
const runs = Array.from({ length: 300 }, (_, k) => makeRun(40 * 60, k + 1));
const total = runs.reduce((n, r) => n + r.length, 0);
say(`paceguard replay throughput, decode excluded: ${runs.length} runs, ${(total / 1e6).toFixed(2)} M samples (1 Hz, all channels)`);
say(`node ${process.version}, ${process.arch}`);

const eventsOnly = measure('guard events (paceGuard operator)', total, () => {
  for (const inputs of runs) from(inputs).pipe(paceGuard(config)).subscribe();
});
const full = measure('full replay: steps + events + summary', total, () => {
  for (const inputs of runs) {
    let acc = emptySummary();
    from(inputs)
      .pipe(guardSteps(config))
      .subscribe((step) => {
        acc = addStep(acc, step);
      });
    finishSummary(acc, config);
  }
});
say(`target: at least 1.00 M samples/s for the full replay: ${full >= 1e6 ? 'PASS' : 'FAIL'} (events only ${(eventsOnly / 1e6).toFixed(2)})`);
await write('docs/benchmarks.md', 'speed', 'npm run bench:speed');
