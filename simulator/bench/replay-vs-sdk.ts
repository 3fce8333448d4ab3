/**
 * `npm run bench:replay`: the whole `paceguard replay` process against a
 * process that only decodes the same file with Garmin's SDK, at 1, 5, 20
 * and 50 hours. Target (issue #21): replay at most 1.0 times the SDK's own
 * default decode, at every length: reading and judging a run faster than the
 * SDK can merely decode it.
 *
 * - The runs are made here, in a folder under os.tmpdir(): ./make-run.ts's
 *   1 Hz run with every channel, written by the SDK's Encoder
 *   (src/fit/encode.ts), as the tests make their fixtures.
 * - A: the bundle as shipped (`dist/paceguard.js`, rebuilt here),
 *   `replay FILE --profile examples/runner.json`, text output, as a runner
 *   types it; its output goes to /dev/null (checked once, on the warm-up).
 * - B: a script of a few lines that reads the file and calls the SDK's
 *   `new Decoder(Stream.fromByteArray(bytes)).read()` with its defaults, then
 *   exits (failing if the SDK reports an error or finds no record).
 * - Both are started the same way (`node --import HOOK …`); the hook records
 *   the process's own CPU time (user + system, from its start to its exit:
 *   Node's start, loading, work) and peak memory. Wall time is taken around
 *   the process from outside.
 * - Paired and alternating: a warm-up pair, then rounds of A then B, B then
 *   A, … so that the machine's drift falls on both; every figure is the
 *   ratio A/B of one pair, given as min, median and max over the pairs. The
 *   verdict reads the median CPU ratio (wall time on a shared machine says
 *   more about the other jobs than about either command).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { encodeActivity } from '../../src/fit/encode.ts';
import { figures } from './figures.ts';
import { makeRun } from './make-run.ts';

/** The target: replay's CPU time at most this many times the SDK decode's, at every length. */
const TARGET_RATIO = 1.0;

/** Run lengths (hours), and how many alternating pairs each gets after its warm-up pair: fewer for the long ones. */
const LENGTHS = [
  { hours: 1, pairs: 9 },
  { hours: 5, pairs: 7 },
  { hours: 20, pairs: 5 },
  { hours: 50, pairs: 5 },
] as const;

const SECONDS_PER_HOUR = 3600;
const PROFILE = path.resolve('examples/runner.json');
const BIN = path.resolve('dist/paceguard.js');

const { say, write } = figures();

/** One process's figures. */
interface Usage {
  readonly cpuS: number;
  readonly wallS: number;
  readonly peakMiB: number;
}

const work = mkdtempSync(path.join(tmpdir(), 'paceguard-bench-replay-'));
try {
  const hook = path.join(work, 'usage-hook.mjs');
  const usageFile = path.join(work, 'usage.json');
  writeFileSync(
    hook,
    [
      "import { writeFileSync } from 'node:fs';",
      "process.on('exit', () => {",
      '  const u = process.resourceUsage();',
      '  writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ cpuUs: u.userCPUTime + u.systemCPUTime, maxRssKb: u.maxRSS }));',
      '});',
      '',
    ].join('\n'),
  );
  const sdkScript = path.join(work, 'sdk-decode.mjs');
  const sdkEntry = pathToFileURL(createRequire(import.meta.url).resolve('@garmin/fitsdk')).href;
  writeFileSync(
    sdkScript,
    [
      "import { readFileSync } from 'node:fs';",
      `import { Decoder, Stream } from ${JSON.stringify(sdkEntry)};`,
      'const { messages, errors } = new Decoder(Stream.fromByteArray(readFileSync(process.argv[2]))).read();',
      'if (errors.length > 0 || (messages.recordMesgs ?? []).length === 0) process.exit(1);',
      '',
    ].join('\n'),
  );

  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);

  /** Runs `node --import hook ARGS` once; `check` (the warm-up) keeps its output to look at. */
  const run = (args: readonly string[], check = false): Usage & { stdout: string } => {
    rmSync(usageFile, { force: true });
    const start = process.hrtime.bigint();
    const ran = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', check ? 'pipe' : 'ignore', 'pipe'],
      env: { ...process.env, BENCH_USAGE_FILE: usageFile },
      maxBuffer: 256 << 20,
    });
    const wallS = Number(process.hrtime.bigint() - start) / 1e9;
    if (ran.status !== 0) throw new Error(`${args.join(' ')} failed (${ran.status}): ${ran.stderr.trim().split('\n').slice(-3).join(' / ')}`);
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuUs: number; maxRssKb: number };
    return { cpuS: usage.cpuUs / 1e6, wallS, peakMiB: usage.maxRssKb / 1024, stdout: ran.stdout ?? '' };
  };

  say('paceguard replay against the SDK decoding the same file: whole processes, paired, alternating');
  say(`A: node dist/paceguard.js replay FILE --profile examples/runner.json (text, to /dev/null)`);
  say(`B: node sdk-decode.mjs FILE (new Decoder(Stream.fromByteArray(bytes)).read(), defaults)`);
  say('runs: 1 Hz, every channel (speed, distance, position, altitude, cadence, heart rate), written by the SDK Encoder');
  say('');
  say(`${'run'.padEnd(5)} ${'records'.padStart(7)} ${'MB'.padStart(5)} ${'pairs'.padStart(5)}  ${'A cpu s'.padStart(7)} ${'B cpu s'.padStart(7)}  ${'A/B cpu (min med max)'.padEnd(22)} ${'A/B wall (min med max)'.padEnd(22)} ${'A/B peak mem'.padStart(12)}  verdict`);
  const verdicts: string[] = [];
  for (const { hours, pairs } of LENGTHS) {
    const file = path.join(work, `run-${hours}h.fit`);
    const bytes = encodeActivity({ inputs: makeRun(hours * SECONDS_PER_HOUR, hours), productName: 'paceguard bench' });
    writeFileSync(file, bytes);
    const a = [BIN, 'replay', file, '--profile', PROFILE];
    const b = [sdkScript, file];

    const warm = run(a, true);
    if (!/^Summary$/m.test(warm.stdout)) throw new Error(`replay of ${file} printed no summary:\n${warm.stdout.slice(-500)}`);
    run(b);
    const ratios = { cpu: [] as number[], wall: [] as number[], peak: [] as number[] };
    const cpuA: number[] = [];
    const cpuB: number[] = [];
    for (let k = 0; k < pairs; k++) {
      // A B, then B A: the slot a command runs in changes every pair.
      let ua: Usage;
      let ub: Usage;
      if (k % 2 === 0) {
        ua = run(a);
        ub = run(b);
      } else {
        ub = run(b);
        ua = run(a);
      }
      ratios.cpu.push(ua.cpuS / ub.cpuS);
      ratios.wall.push(ua.wallS / ub.wallS);
      ratios.peak.push(ua.peakMiB / ub.peakMiB);
      cpuA.push(ua.cpuS);
      cpuB.push(ub.cpuS);
    }
    const medianCpu = median(ratios.cpu);
    const verdict = medianCpu <= TARGET_RATIO ? 'PASS' : 'FAIL';
    verdicts.push(`${hours} h ${verdict} (${medianCpu.toFixed(2)})`);
    say(
      `${`${hours} h`.padEnd(5)} ${String(hours * SECONDS_PER_HOUR).padStart(7)} ${(bytes.byteLength / 1e6).toFixed(1).padStart(5)} ${String(pairs).padStart(5)}  ` +
        `${median(cpuA).toFixed(2).padStart(7)} ${median(cpuB).toFixed(2).padStart(7)}  ${spread(ratios.cpu).padEnd(22)} ${spread(ratios.wall).padEnd(22)} ` +
        `${median(ratios.peak).toFixed(2).padStart(12)}  ${verdict}`,
    );
  }
  say(`target: replay at most ${TARGET_RATIO.toFixed(1)}× the SDK's decode (median CPU ratio) at every length: ${verdicts.join(', ')}`);
  await write('docs/benchmarks.md', 'replay-vs-sdk', 'npm run bench:replay');
} finally {
  rmSync(work, { recursive: true, force: true });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

function spread(values: readonly number[]): string {
  return `${Math.min(...values).toFixed(2)} ${median(values).toFixed(2)} ${Math.max(...values).toFixed(2)}`;
}
