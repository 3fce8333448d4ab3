/**
 * The project's own fuzz test (issue #18): every kind of input the command
 * reads (./kinds.ts), made valid by the project, then mutated with a seeded
 * generator (./mutate.ts), run through the real bundled command. Every case
 * must end with status 0, or 2 with at most three lines on stderr that name
 * the file; none may take more than 30 s or 1 GB; a file the command writes
 * is whole or absent; the inputs that once broke it run first, unmutated.
 *
 * `npm test` runs a few cases per kind (about two minutes on two cores);
 * PACEGUARD_FUZZ_CASES=2000 runs that many in all, PACEGUARD_FUZZ_SEED
 * another sequence. A failure names its kind, seed, case and mutations: the
 * same values give the same bytes again.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { mulberry32 } from '../../src/random/mulberry32.ts';
import { tempDir } from '../support/fixtures.ts';
import { HAS_GNU_TIME, pool, runCommand, type ChildRun } from './child.ts';
import { INPUT_KINDS, type InputKind } from './kinds.ts';

const CASES = Number(process.env['PACEGUARD_FUZZ_CASES'] ?? 121);
const SEED = Number(process.env['PACEGUARD_FUZZ_SEED'] ?? 18);
/** The bounds every case must keep, for an input under 20 MB. */
const TIME_LIMIT_MS = 30_000;
const MEMORY_LIMIT_KB = 1024 * 1024;
const INPUT_LIMIT_BYTES = 20 * 1024 * 1024;
const STDERR_LINES_MAX = 3;
const CONCURRENCY = 2;

const root = tempDir();
let keep = false;
// A failure's inputs stay for a person to look at; a clean run leaves nothing.
afterAll(() => {
  if (!keep) rmSync(root, { recursive: true, force: true });
});

interface Case {
  readonly kind: InputKind;
  readonly label: string;
  readonly bytes: Uint8Array;
}

interface Outcome {
  readonly label: string;
  readonly run: ChildRun;
  readonly problems: readonly string[];
  readonly inputBytes: number;
}

/** Everything wrong with one case, as text (an empty list when it kept every rule). */
async function runCase(one: Case, index: number): Promise<Outcome> {
  const dir = path.join(root, `${one.kind.name}-${index}`);
  mkdirSync(dir, { recursive: true });
  const { file, command } = one.kind.command(dir, one.bytes);
  const run = await runCommand(command.args, dir, TIME_LIMIT_MS);
  const problems: string[] = [];
  const stderrLines = run.stderr.split('\n').filter((line) => line !== '');
  if (run.timedOut) problems.push(`took over ${TIME_LIMIT_MS / 1000} s`);
  else if (run.status === 0) {
    // A warning is fine; a stack trace or an internal error is not.
  } else if (run.status === 2 && one.kind.mayRefuse) {
    if (stderrLines.length > STDERR_LINES_MAX) problems.push(`status 2 with ${stderrLines.length} lines on stderr`);
    if (!run.stderr.includes(path.basename(file)) && !run.stderr.includes(path.basename(path.dirname(file)))) {
      problems.push('status 2 without naming the file');
    }
  } else {
    problems.push(`status ${String(run.status)}${run.signal === null ? '' : ` (${run.signal})`}`);
  }
  if (/^\s+at /m.test(run.stderr) || /internal error/i.test(run.stderr)) problems.push('a stack trace or internal error');
  // A runner reads what could not be read, not JavaScript's words for it.
  if (/\b(TypeError|RangeError|ReferenceError|SyntaxError)\b|Cannot read propert/.test(run.stderr)) problems.push('a JavaScript error leaks');
  if (run.peakKb !== undefined && run.peakKb > MEMORY_LIMIT_KB) problems.push(`peak memory ${Math.round(run.peakKb / 1024)} MB`);
  for (const output of command.outputs) {
    if (!existsSync(output.file)) {
      if (run.status === 0) problems.push(`status 0 but ${path.basename(output.file)} is missing`);
      continue;
    }
    if (run.status !== 0) problems.push(`status ${String(run.status)} but ${path.basename(output.file)} was written`);
    else if (!output.complete(new Uint8Array(readFileSync(output.file)))) problems.push(`${path.basename(output.file)} is not complete`);
  }
  const extra = command.check?.(run.status ?? -1);
  if (extra !== undefined) problems.push(extra);
  if (problems.length > 0) {
    // Kept for a person to look at: the input that failed, next to its folder.
    writeFileSync(path.join(root, `FAILED-${one.kind.name}-${index}.input`), one.bytes);
  } else {
    rmSync(dir, { recursive: true, force: true });
  }
  return { label: `${one.kind.name} ${one.label}`, run, problems, inputBytes: one.bytes.length };
}

/** The cases: each kind's hostile inputs, then `CASES` mutations spread over the kinds in turn. */
function cases(): Case[] {
  const random = mulberry32(SEED);
  const all: Case[] = [];
  for (const kind of INPUT_KINDS) for (const hostile of kind.hostile()) all.push({ kind, label: `hostile: ${hostile.label}`, bytes: hostile.bytes });
  const seeds = new Map(INPUT_KINDS.map((kind) => [kind, kind.seeds()]));
  for (let n = 0; n < CASES; n++) {
    const kind = INPUT_KINDS[n % INPUT_KINDS.length] as InputKind;
    const kindSeeds = seeds.get(kind) ?? [];
    const seed = kindSeeds[Math.floor(random() * kindSeeds.length)] as Uint8Array;
    const mutated = kind.mutate(seed, random);
    if (mutated.bytes.length > INPUT_LIMIT_BYTES) continue;
    all.push({ kind, label: `seed ${SEED} case ${n}: ${mutated.steps.join(' ')}`, bytes: mutated.bytes });
  }
  return all;
}

test(
  `every input kind, hostile and mutated: status 0 or a one-line refusal, in bounds, no partial file (${CASES} cases, seed ${SEED})`,
  async () => {
    if (!HAS_GNU_TIME) console.warn('fuzz: /usr/bin/time not found (Debian package "time"): peak memory is not measured');
    const all = cases();
    const outcomes = await pool(
      all.map((one, index) => () => runCase(one, index)),
      CONCURRENCY,
    );
    const slowest = outcomes.reduce((a, b) => (b.run.wallMs > a.run.wallMs ? b : a));
    const hungriest = outcomes.reduce((a, b) => ((b.run.peakKb ?? 0) > (a.run.peakKb ?? 0) ? b : a));
    const statuses = new Map<string, number>();
    for (const outcome of outcomes) statuses.set(String(outcome.run.status), (statuses.get(String(outcome.run.status)) ?? 0) + 1);
    console.log(
      `fuzz: ${outcomes.length} cases (seed ${SEED}); statuses ${[...statuses].map(([s, n]) => `${s}:${n}`).join(' ')}; ` +
        `slowest ${(slowest.run.wallMs / 1000).toFixed(1)} s (${slowest.label.slice(0, 80)}, ${slowest.inputBytes} bytes); ` +
        `peak memory ${hungriest.run.peakKb === undefined ? 'not measured' : `${Math.round(hungriest.run.peakKb / 1024)} MB`} (${hungriest.label.slice(0, 80)})`,
    );
    const failures = outcomes
      .filter((outcome) => outcome.problems.length > 0)
      .map((outcome) => `${outcome.label}: ${outcome.problems.join('; ')}\n    stderr: ${outcome.run.stderr.trim().split('\n').slice(0, 4).join(' | ').slice(0, 400)}`);
    keep = failures.length > 0;
    expect(failures, `inputs kept in ${root}`).toEqual([]);
  },
  // Each case is bounded by TIME_LIMIT_MS; the whole by the case count.
  60_000 + CASES * 15_000,
);
