/**
 * `npm run bench:tune`: how fast `paceguard tune` turns a year of running
 * into its table, cold and warm, and whether the table is today's.
 *
 * The year is bench:calibrate's (simulator/bench/year.ts: the corpus runs
 * copied into a temporary folder until it holds a million records, each copy
 * differing in two header bytes only, so every file is decoded and scored).
 * Its profile is calibrated from it first (the bundle, no cache).
 *
 * "Today's" is the last commit before tune shared conditioning and cached
 * scores, with the guard's later cadence-lock rule ported (REFERENCE_COMMIT),
 * so that the tables differ by tune's own work alone: the bench clones this
 * repository into the temporary folder, checks that commit out and builds
 * its bundle (the node_modules here, linked), so the comparison needs no kept
 * copy of old code. Then, with both bundles (worker threads real), wall time of the
 * whole command (Node start, bundle load, threads):
 * - today's and cold (an empty cache folder each round), alternating, so
 *   that load on a shared machine falls on each alike; the ratio is paired;
 * - warm: again on the cache the last cold run left, taking turns with the
 *   floor under it (`paceguard --version`: Node start and bundle load);
 * and the tables: today's stdout, the cold one and the warm one (less its
 * "read from the cache" line) must be the same text.
 *
 * Figures go into docs/benchmarks.md (block `tune`) by write-doc.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { writeDocBlock } from './write-doc.ts';
import { CORPUS_RUNS, corpusAvailable, writeYear } from './year.ts';

/**
 * Today's `tune`: REFERENCE_BASE_COMMIT (the last commit before `tune` shared
 * conditioning and cached scores, issue #21) with the guard's cadence-lock
 * evidence rule (main 3aaf9b8: src/signal/heart-rate.ts, src/guard/decide.ts,
 * src/guard/silence.ts) ported and nothing else, so that the identity measures
 * tune's work alone, not a change the guard made on purpose. The commit is on
 * branch h-ref-base, merged into main's history (strategy ours) so a clone has
 * it. Its replays of the corpus match main's (2962c36) to the byte (99 of 100
 * files; the 100th, compressed timestamps, 56a7461 cannot read).
 */
export const REFERENCE_COMMIT = '37e174acf2d820451acf785ae41db1e5b461d4de';
/** The commit REFERENCE_COMMIT ports the rule onto, for the printed label. */
const REFERENCE_BASE_COMMIT = '56a7461';
const COLD_TARGET_S = 5;
const WARM_TARGET_S = 0.5;
/** Rounds of today's and cold, taking turns; today's takes tens of seconds a round (`--rounds N` for fewer on a busy host). */
const PAIRED_ROUNDS_DEFAULT = 3;
const WARM_ROUNDS = 5;
const DOC = 'docs/benchmarks.md';
const COMMAND = 'npm run bench:tune';

if (!corpusAvailable()) {
  console.log(`paceguard tune benchmark: skipped (no corpus at ${CORPUS_RUNS})`);
  process.exit(0);
}

const roundsFlag = process.argv.indexOf('--rounds');
const PAIRED_ROUNDS = roundsFlag === -1 ? PAIRED_ROUNDS_DEFAULT : Number(process.argv[roundsFlag + 1]);
if (!Number.isInteger(PAIRED_ROUNDS) || PAIRED_ROUNDS < 1) {
  console.error('bench:tune: --rounds: expected a whole number of rounds, 1 or more');
  process.exit(2);
}

const out: string[] = [];
const say = (line = ''): void => {
  console.log(line);
  out.push(line);
};

function run(command: string, args: readonly string[], cwd = process.cwd()): string {
  const ran = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (ran.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${ran.status}): ${String(ran.stderr).split('\n').slice(-4).join('\n')}`);
  return ran.stdout;
}

const seconds = (work: () => void): number => {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e9;
};
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const figures = (xs: readonly number[]): string => xs.map((x) => x.toFixed(2)).join(' ');
/** The table as the runner reads it: a warm run's "N of M read from the cache" line left out. */
const tableOf = (stdout: string): string => stdout.split('\n').filter((l) => !/ read from the cache$/.test(l)).join('\n');

const work = mkdtempSync(path.join(tmpdir(), 'paceguard-bench-tune-'));
try {
  const year = writeYear(path.join(work, 'year'));
  const cores = availableParallelism();
  say(`paceguard tune on a year: ${year.originals.length} corpus runs × ${year.copies} copies = ${year.files} files, ${(year.records / 1e6).toFixed(2)} M records, ${(year.bytes / 1e6).toFixed(0)} MB`);
  say(`node ${process.version}, ${process.arch}, ${cores} cores, load average at start ${loadavg()[0]?.toFixed(1)} (a shared machine)`);

  run(process.execPath, ['scripts/build.mjs']);
  const bin = path.resolve('dist/paceguard.js');
  const refDir = path.join(work, 'reference');
  run('git', ['clone', '--quiet', '--no-checkout', process.cwd(), refDir]);
  run('git', ['checkout', '--quiet', REFERENCE_COMMIT], refDir);
  symlinkSync(realpathSync('node_modules'), path.join(refDir, 'node_modules'));
  run(process.execPath, ['scripts/build.mjs'], refDir);
  const refBin = path.join(refDir, 'dist/paceguard.js');

  console.log('  bundles built (this tree and today\'s); calibrating the year for its profile…');
  const profile = path.join(work, 'profile.json');
  run(process.execPath, [bin, 'calibrate', year.dir, '--out', profile, '--no-cache']);
  // Today's tune predates the runner model (issue #19) and refuses a profile that carries it. Today's guard
  // reads nothing of it, so both commands get the profile without it: the same tables are expected.
  const { runnerModel: _model, calibration, ...rest } = JSON.parse(readFileSync(profile, 'utf8')) as Record<string, unknown>;
  const { runnerModel: _fit, ...record } = (calibration ?? {}) as Record<string, unknown>;
  writeFileSync(profile, `${JSON.stringify(calibration === undefined ? rest : { ...rest, calibration: record }, null, 2)}\n`);
  const cache = path.join(work, 'cache');
  const tune = (which: string, extra: readonly string[]): { s: number; stdout: string } => {
    let stdout = '';
    const s = seconds(() => {
      stdout = run(process.execPath, [which, 'tune', year.dir, '--profile', profile, '--workers', String(cores), ...extra]);
    });
    return { s, stdout };
  };

  const today: number[] = [];
  const cold: number[] = [];
  let todayTable = '';
  let coldTable = '';
  for (let r = 0; r < PAIRED_ROUNDS; r++) {
    rmSync(cache, { recursive: true, force: true });
    const c = tune(bin, ['--cache', cache]);
    cold.push(c.s);
    coldTable = tableOf(c.stdout);
    const t = tune(refBin, []);
    today.push(t.s);
    todayTable = tableOf(t.stdout);
    console.log(`  round ${r + 1}: cold ${c.s.toFixed(2)} s, today's ${t.s.toFixed(2)} s (load ${loadavg()[0]?.toFixed(1)})`);
  }
  // The floor under any warm run: Node starting and loading the bundle (`paceguard --version`), taking turns with warm.
  const warm: number[] = [];
  const floor: number[] = [];
  let warmStdout = '';
  for (let r = 0; r < WARM_ROUNDS; r++) {
    const w = tune(bin, ['--cache', cache]);
    warm.push(w.s);
    warmStdout = w.stdout;
    floor.push(seconds(() => run(process.execPath, [bin, '--version'])));
  }
  const fromCache = /^ {2}(\d+ of \d+) read from the cache$/m.exec(warmStdout)?.[1] ?? 'none';
  const ratios = today.map((t, i) => t / (cold[i] as number));

  say();
  say(`tune ${year.files} files, ${cores} workers (bundle, wall time of the command, median of the rounds):`);
  say(`  today's (${REFERENCE_COMMIT.slice(0, 7)}: ${REFERENCE_BASE_COMMIT}+lock, no cache)`.padEnd(46) + `${median(today).toFixed(2).padStart(6)} s  (rounds: ${figures(today)})`);
  say('  cold (empty cache each round)'.padEnd(46) + `${median(cold).toFixed(2).padStart(6)} s  (rounds: ${figures(cold)})`);
  say('  warm (the cache the last cold run left)'.padEnd(46) + `${median(warm).toFixed(2).padStart(6)} s  (rounds: ${figures(warm)})`);
  say('  floor: Node start, bundle load (--version)'.padEnd(46) + `${median(floor).toFixed(2).padStart(6)} s  (rounds: ${figures(floor)})`);
  say(`  cold is ×${median(ratios).toFixed(2)} faster than today's (paired rounds, alternating: ${figures(ratios)}); warm: ${fromCache} from the cache`);
  const same = coldTable === todayTable && tableOf(warmStdout) === todayTable;
  say(`tables identical to today's (cold and warm): ${same ? 'PASS' : 'FAIL'}`);
  say(`target: cold at most ${COLD_TARGET_S} s: ${median(cold) <= COLD_TARGET_S ? 'PASS' : 'FAIL'} (${median(cold).toFixed(2)} s)`);
  say(`target: warm at most ${WARM_TARGET_S} s: ${median(warm) <= WARM_TARGET_S ? 'PASS' : 'FAIL'} (${median(warm).toFixed(2)} s)`);
  say(`load average at end ${loadavg()[0]?.toFixed(1)}`);
  if (!same) {
    console.log('\ntoday\'s table:\n' + todayTable + '\ncold table:\n' + coldTable);
    process.exitCode = 1;
  }
  const commit = run('git', ['rev-parse', '--short', 'HEAD']).trim();
  await writeDocBlock(DOC, 'tune', COMMAND, `Measured at commit ${commit}, ${new Date().toISOString().slice(0, 10)}:\n\n\`\`\`\n${out.join('\n')}\n\`\`\``);
  console.log(`\nwritten into ${DOC} (block tune)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
