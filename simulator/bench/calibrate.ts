/**
 * `npm run bench:calibrate`: how fast `paceguard calibrate` turns a year of
 * running into a profile, and what decoding costs.
 *
 * The year is the corpus (`../shared/corpus/runs`) copied again and again,
 * at run time, into a folder under os.tmpdir() until it holds a million
 * records. Identical copies would not measure anything: calibrate skips a
 * file whose content it has already seen, and the cache is keyed by content.
 * So copy k differs from the original in the FIT header's profile-version
 * field only (two bytes, set to k; the header and file CRCs recomputed when
 * the original's were valid): every record is decoded exactly as in the
 * original. Copies keep their runs' start times, so calibrate decodes every
 * copy, then keeps one run per start time: the profile rests on the corpus's
 * runs; the time is that of decoding the whole year.
 *
 * Then, with the bundle (`dist/paceguard.js`, rebuilt here) so that worker
 * threads are real, each figure the best of its rounds, every round printed:
 * - decode rate on the corpus files, in rounds that take turns: the SDK's
 *   default `read()`, the SDK with paceguard's options (src/fit/sdk-read.ts
 *   FAST_READ, `readFit(bytes, { lean: false })`), and paceguard's read
 *   (`readFit`: integrity check, records by src/fit/record-scan.ts, the SDK
 *   for the rest);
 * - calibrate cold: a new, empty cache folder each round (no extract, no
 *   stat index), with 1 worker and with every core; the files themselves
 *   are in the OS page cache (just written): cold means our cache, not the disk;
 * - calibrate warm: again on the cache the cold run left.
 * Wall time of the whole command: Node start, bundle load, threads, profile write.
 * The figures go into docs/benchmarks.md too (block `calibrate`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { readFit } from '../../src/fit/sdk-read.ts';
import { figures } from './figures.ts';
import { CORPUS_RUNS, corpusAvailable, corpusRuns, sdkDefaultRecords, writeYear } from './year.ts';

const { say, write } = figures();

const COLD_TARGET_S = 5;
const WARM_TARGET_S = 0.5;
const DECODE_ROUNDS = 7;

if (!corpusAvailable()) {
  say(`paceguard calibrate benchmark: skipped (no corpus at ${CORPUS_RUNS})`);
  process.exit(0);
}

const originals = corpusRuns();
const names = originals.map((f) => f.name);

function paceguardRecords(bytes: Uint8Array, lean = false): number {
  const read = readFit(bytes, { lean });
  return read.kind === 'read' ? ((read.messages['recordMesgs'] as unknown[] | undefined)?.length ?? 0) : 0;
}

function measure(label: string, rounds: number, unit: string, run: () => number, better: 'max' | 'min'): number {
  const figures: number[] = [];
  for (let r = 0; r < rounds; r++) figures.push(run());
  const best = better === 'max' ? Math.max(...figures) : Math.min(...figures);
  say(`${label.padEnd(46)} ${best.toFixed(2).padStart(6)} ${unit}  (rounds: ${figures.map((f) => f.toFixed(2)).join(' ')})`);
  return best;
}
const seconds = (run: () => void): number => {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
};

const work = mkdtempSync(path.join(tmpdir(), 'paceguard-bench-'));
try {
  const made = writeYear(path.join(work, 'year'), originals);
  const { dir: year, copies, corpusRecords } = made;
  say(
    `paceguard calibrate on a year: ${names.length} corpus runs × ${copies} copies = ${made.files} files, ` +
      `${(made.records / 1e6).toFixed(2)} M records, ${(made.bytes / 1e6).toFixed(0)} MB (in ${work})`,
  );
  say(`node ${process.version}, ${process.arch}, ${availableParallelism()} cores`);

  // Decoding: the corpus once (the year is copies of it), after a warm-up
  // round; the three reads take turns, so that load on a shared machine
  // falls on each alike.
  say(`\ndecode, ${names.length} corpus files, ${(corpusRecords / 1e3).toFixed(0)} k records, best of ${DECODE_ROUNDS} alternating rounds:`);
  const rate = (decode: (bytes: Uint8Array) => number) => (): number => corpusRecords / seconds(() => originals.forEach((f) => decode(f.bytes))) / 1e6;
  const reads = [
    { label: '  SDK default read()', run: rate(sdkDefaultRecords) },
    { label: '  SDK with paceguard\'s options (FAST_READ)', run: rate((bytes) => paceguardRecords(bytes, false)) },
    { label: '  paceguard read (lean records + SDK)', run: rate((bytes) => paceguardRecords(bytes, true)) },
  ];
  for (const read of reads) read.run();
  const rounds: number[][] = reads.map(() => []);
  for (let r = 0; r < DECODE_ROUNDS; r++) reads.forEach((read, i) => rounds[i]?.push(read.run()));
  const [sdkRate, optionsRate, ourRate] = reads.map((read, i) => {
    const figures = rounds[i] ?? [];
    const best = Math.max(...figures);
    say(`${read.label.padEnd(46)} ${best.toFixed(2).padStart(6)} M records/s  (rounds: ${figures.map((f) => f.toFixed(2)).join(' ')})`);
    return best;
  }) as [number, number, number];
  say(`  paceguard read: ×${(ourRate / sdkRate).toFixed(2)} the SDK default (its options alone: ×${(optionsRate / sdkRate).toFixed(2)})`);

  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  const bin = path.resolve('dist/paceguard.js');
  let round = 0;
  const calibrateOnce = (cache: string, workers: number): { s: number; stdout: string } => {
    const out = path.join(work, `profile-${round++}.json`);
    let ran: ReturnType<typeof spawnSync> | undefined;
    const s = seconds(() => {
      ran = spawnSync(process.execPath, [bin, 'calibrate', year, '--out', out, '--cache', cache, '--workers', String(workers)], { encoding: 'utf8', maxBuffer: 64 << 20 });
    });
    if (ran?.status !== 0) throw new Error(`calibrate failed (${ran?.status}): ${String(ran?.stderr).split('\n').slice(-3).join('\n')}`);
    return { s, stdout: String(ran.stdout) };
  };
  const emptyCache = (): string => {
    const cache = path.join(work, 'cache');
    rmSync(cache, { recursive: true, force: true });
    return cache;
  };

  const cores = availableParallelism();
  say(`\ncalibrate ${names.length * copies} files (bundle, wall time of the command):`);
  const cold1 = measure('  cold, 1 worker (empty cache each round)', 3, 's', () => calibrateOnce(emptyCache(), 1).s, 'min');
  const coldN = measure(`  cold, ${cores} workers (empty cache each round)`, 3, 's', () => calibrateOnce(emptyCache(), cores).s, 'min');
  let warmStdout = '';
  const warm = measure('  warm (the cache the last cold run left)', 5, 's', () => {
    const once = calibrateOnce(path.join(work, 'cache'), cores);
    warmStdout = once.stdout;
    return once.s;
  }, 'min');
  const fromCache = /^ {2}(\d+ of \d+) read from the cache$/m.exec(warmStdout)?.[1] ?? 'none';
  say(`  workers: ×${(cold1 / coldN).toFixed(2)} faster cold with ${cores} than with 1; warm: ${fromCache} from the cache`);
  say(`target: cold at most ${COLD_TARGET_S} s: ${coldN <= COLD_TARGET_S ? 'PASS' : 'FAIL'} (${coldN.toFixed(2)} s)`);
  say(`target: warm at most ${WARM_TARGET_S} s: ${warm <= WARM_TARGET_S ? 'PASS' : 'FAIL'} (${warm.toFixed(2)} s)`);
  await write('docs/benchmarks.md', 'calibrate', 'npm run bench:calibrate');
} finally {
  rmSync(work, { recursive: true, force: true });
}
