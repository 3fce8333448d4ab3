/**
 * `npm run bench:calprof [-- --seeds N] [--write-docs]`: does a calibrated
 * profile help the effort-model guard? (simulator/bench/calibrated-profile.ts
 * says how it is measured.) Prints, for seed 1, each runner's truth, fit and
 * the three guards' scores (calibrated, prior only, a wrong τ ×3), then the
 * pooled figures of every seed 1…N (default 3): the claim is judged over
 * seeds, not on one. `--write-docs` rewrites the block `calprof` of
 * docs/effort-model.md (write-doc.ts).
 */
import { CALPROF_RUNNERS, calprofLines, compareRunner, seedLines, verdictLines, type RunnerComparison } from './calibrated-profile.ts';
import { writeDocBlock } from './write-doc.ts';

const DOC = 'docs/effort-model.md';
const DEFAULT_SEEDS = 3;

function seedsFlag(argv: readonly string[]): number {
  const at = argv.indexOf('--seeds');
  if (at === -1) return DEFAULT_SEEDS;
  const text = argv[at + 1];
  const seeds = Number(text);
  if (text === undefined || !Number.isInteger(seeds) || seeds < 1 || seeds > 50) {
    console.error(`bench:calprof: --seeds expects a whole number of seeds from 1 to 50, got ${text ?? 'nothing'}`);
    process.exit(2);
  }
  return seeds;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const known = new Set(['--seeds', '--write-docs']);
  const unknown = argv.find((arg, i) => arg.startsWith('--') && !known.has(arg) && argv[i - 1] !== '--seeds');
  if (unknown !== undefined) {
    console.error(`bench:calprof: unknown flag ${unknown}; expected --seeds N or --write-docs`);
    process.exit(2);
  }
  const seeds = seedsFlag(argv);
  const writeDocs = argv.includes('--write-docs');
  const startedMs = performance.now();
  const bySeed: RunnerComparison[][] = [];
  for (let seed = 1; seed <= seeds; seed += 1) bySeed.push(CALPROF_RUNNERS.map((who) => compareRunner(who, seed, true)));
  const lines = [
    `${CALPROF_RUNNERS.length} runners; each: a 10-run history calibrated, then 12 held-out labelled runs (4 courses × chest strap, noisy GPS, optical + noisy GPS) through the model guard three ways.`,
    '',
    'Seed 1, per runner (detected/overshoots · median delay · false alarms):',
    '',
    ...calprofLines(bySeed[0] ?? []),
    '',
    `Pooled over the runners, seed by seed (delay differences are paired, overshoot by overshoot, over those both detected: negative is quicker):`,
    '',
    ...seedLines(bySeed),
    '',
    ...verdictLines(bySeed),
  ];
  console.log([...lines, '', `_${((performance.now() - startedMs) / 1000).toFixed(1)} s wall time on a shared machine_`].join('\n'));
  if (writeDocs) {
    await writeDocBlock(DOC, 'calprof', `npm run bench:calprof -- --seeds ${seeds} --write-docs`, lines.join('\n'));
    console.error(`bench:calprof: figures written to ${DOC}`);
  }
}

await main();
