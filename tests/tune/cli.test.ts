/**
 * `paceguard tune` on a small synthetic history (tests/tune/history.ts) with
 * bad files among the runs: in-process with one thread, and as the real
 * bundled command with two worker threads, which must print the same table.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { tuneCommand, type TuneOutcome } from '../../simulator/commands/tune/command.ts';
import { restsOnText, tooFewToTrust, tooFewWarning, TRUST_MIN_MOVING_MS, TRUST_MIN_RUNS } from '../../simulator/commands/tune/report.ts';
import { Profile } from '../../src/profile/profile.ts';
import { CATCH_TARGET_SHARE } from '../../src/tune/recommend.ts';
import { TEST_BIN } from '../global-setup.ts';
import { tempDir } from '../support/fixtures.ts';
import { EASY_RUNS, OVERSHOOT_RUNS, runBytes, TUNE_PROFILE, writeTuneHistory } from './history.ts';

const root = tempDir();
const history = path.join(root, 'history');
const onlyBad = path.join(root, 'only-bad');
const profileFile = path.join(root, 'profile.json');
const BAD_FILES = ['bad/empty.fit', 'bad/text.fit', 'bad/broken.fit.gz', 'bad/ride.fit'];
let runFile = '';

function writeBad(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'empty.fit'), new Uint8Array(0));
  writeFileSync(path.join(dir, 'text.fit'), 'not a FIT file, just text\n');
  writeFileSync(path.join(dir, 'broken.fit.gz'), Buffer.from('not gzip'));
  writeFileSync(path.join(dir, 'ride.fit'), runBytes(42, [{ kind: 'run', durationSec: 900, pace: { secPerKm: 130 } }]));
  writeFileSync(path.join(dir, 'notes.txt'), 'not FIT, left alone\n');
}

beforeAll(() => {
  mkdirSync(history, { recursive: true });
  runFile = writeTuneHistory(history)[0] as string;
  writeBad(path.join(history, 'bad'));
  writeBad(onlyBad);
  writeFileSync(profileFile, JSON.stringify({ ...TUNE_PROFILE, maxDurationMin: 40 }));
});

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runBin(args: readonly string[]): Ran {
  const home = path.join(root, 'home');
  const r = spawnSync(process.execPath, [TEST_BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function tuneInProcess(args: readonly string[]): Promise<{ outcome: TuneOutcome | undefined; out: string[]; warn: string[] }> {
  const out: string[] = [];
  const warn: string[] = [];
  const outcome = await tuneCommand([...args, '--workers', '1', '--no-cache'], { out: (l) => out.push(l), warn: (l) => warn.push(l) });
  return { outcome, out, warn };
}

describe('paceguard tune on a history with overshoots, easy runs and bad files', () => {
  let result: Awaited<ReturnType<typeof tuneInProcess>>;
  const written = path.join(root, 'out', 'tuned.json');

  beforeAll(async () => {
    result = await tuneInProcess([history, '--profile', profileFile, '--apply', '--out', written]);
  });

  test('the runs are sorted as made: the recovery runs easy, the overshoot runs not easy', () => {
    const runs = result.outcome?.runs ?? [];
    expect(runs.map((r) => r.runClass)).toEqual([...Array<string>(EASY_RUNS).fill('easy'), ...Array<string>(OVERSHOOT_RUNS).fill('not-easy')]);
  });

  test('the recommendation catches the overshoots and stays quiet on easy runs', () => {
    const outcome = result.outcome as TuneOutcome;
    const chosen = outcome.rows[outcome.recommendation.index];
    expect(chosen?.caughtShare).toBeGreaterThanOrEqual(CATCH_TARGET_SHARE);
    expect(chosen?.alertedRuns).toBe(OVERSHOOT_RUNS);
    expect(chosen?.easyAlertsPerHour).toBeLessThanOrEqual(0.5);
    // No setting is quieter on easy runs among those that catch enough.
    const quietest = Math.min(...outcome.rows.filter((r) => (r.caughtShare ?? 0) >= CATCH_TARGET_SHARE).map((r) => r.easyAlertsPerHour ?? 0));
    expect(chosen?.easyAlertsPerHour).toBe(quietest);
    expect(result.out.join('\n')).toMatch(/^Recommended: .*\n {2}because: fewest alerts on easy runs/m);
  });

  test('each bad file is one note naming it; none stops the run', () => {
    expect(result.warn.filter((l) => / skipped: /.test(l))).toHaveLength(BAD_FILES.length);
    for (const bad of BAD_FILES) expect(result.warn.filter((l) => l.startsWith(`paceguard: ${path.join(history, bad)}: skipped: `))).toHaveLength(1);
    expect(result.out.join('\n')).toContain('14 FIT files: 10 runs, 1 not a run, 3 unreadable; 1 other file in the folders left alone');
  });

  test('the recommendation says what it rests on: the runs and their moving hours; under 5 h, a warning', () => {
    const outcome = result.outcome as TuneOutcome;
    const movingMs = outcome.runs.reduce((sum, r) => sum + r.movingMs, 0);
    // The synthetic history is 10 runs of about 20 min: enough runs, too few hours.
    expect(outcome.runs).toHaveLength(TRUST_MIN_RUNS);
    expect(movingMs).toBeLessThan(TRUST_MIN_MOVING_MS);
    const hours = (movingMs / 3_600_000).toFixed(1);
    const because = result.out.findIndex((l) => l.startsWith('  because: '));
    expect(result.out[because + 1]).toBe(`  rests on 10 runs, ${hours} h of moving time: too few to trust (see the warning)`);
    expect(result.warn.at(-1)).toBe(
      `paceguard: warning: the recommendation rests on 10 runs, ${hours} h of moving time: too few to trust ` +
        '(it needs at least 10 runs and 5.0 h; one odd run can change it); tune again when the history is longer',
    );
  });

  test('--apply writes a valid profile with the chosen setting, and replay accepts it', () => {
    const outcome = result.outcome as TuneOutcome;
    expect(outcome.written).toBe(written);
    const json: unknown = JSON.parse(readFileSync(written, 'utf8'));
    const checked = Profile.safeParse(json);
    expect(checked.success).toBe(true);
    const chosen = outcome.rows[outcome.recommendation.index]?.candidate;
    expect(json).toMatchObject({
      easyPace: '5:30',
      hrCeilingBpm: 145,
      maxDurationMin: 40,
      recoveryMarginSecPerKm: chosen?.marginSecPerKm,
      tuning: { paceEvidenceSecPerKmS: chosen?.paceEvidenceSecPerKmS, repeatMs: chosen?.repeatMs, paceWarmupMs: chosen?.paceWarmupMs, hrWarmupMs: chosen?.hrWarmupMs },
    });
    const replay = runBin(['replay', runFile, '--profile', written]);
    expect(replay.stderr).toBe('');
    expect(replay.status).toBe(0);
  });

  test('the bundled command with 2 worker threads prints the same table and notes', () => {
    const ran = runBin(['tune', history, '--profile', profileFile, '--workers', '2']);
    expect(ran.status).toBe(0);
    expect(ran.stdout).toBe(`${(result.outcome as TuneOutcome).lines.join('\n')}\n`);
    expect(ran.stderr.split('\n').filter((l) => l !== '')).toEqual(result.warn);
  });
});

describe('when the evidence is too thin to trust: fewer than TRUST_MIN_RUNS runs or TRUST_MIN_MOVING_MS of moving time', () => {
  const H = 3_600_000;
  test.each([
    [10, 5 * H, false],
    [40, 30 * H, false],
    [9, 20 * H, true],
    [10, 5 * H - 60_000, true],
    [1, 0.5 * H, true],
  ])('%i runs, %d ms → too few: %s', (runs, movingMs, thin) => {
    expect(tooFewToTrust({ runs, movingMs })).toBe(thin);
    expect(tooFewWarning({ runs, movingMs }) !== undefined).toBe(thin);
  });

  test('the line in the report, with and without the warning', () => {
    expect(restsOnText({ runs: 12, movingMs: 7.5 * H })).toBe('rests on 12 runs, 7.5 h of moving time');
    expect(restsOnText({ runs: 1, movingMs: 0.4 * H })).toBe('rests on 1 run, 0.4 h of moving time');
  });

  test('three runs of the history, in-process: the report and stderr both say so', async () => {
    const few = path.join(root, 'few');
    mkdirSync(few, { recursive: true });
    for (const name of ['easy-0.fit', 'easy-1.fit', 'overshoot-0.fit']) copyFileSync(path.join(history, name), path.join(few, name));
    const { outcome, out, warn } = await tuneInProcess([few, '--profile', profileFile]);
    expect(outcome?.runs).toHaveLength(3);
    expect(out.at(-1)).toMatch(/^ {2}rests on 3 runs, 1\.\d h of moving time: too few to trust \(see the warning\)$/);
    expect(warn).toEqual([expect.stringMatching(/^paceguard: warning: the recommendation rests on 3 runs, 1\.\d h of moving time: too few to trust /)]);
  });
});

describe('on a terminal, the progress bar calibrate draws too (simulator/io/progress.ts)', () => {
  test('a fake terminal sees files 0/N to N/N, then the bar erased; the report is unchanged', async () => {
    const writes: string[] = [];
    const out: string[] = [];
    const outcome = await tuneCommand([history, '--profile', profileFile, '--workers', '1', '--no-cache'], {
      out: (l) => out.push(l),
      warn: () => undefined,
      progress: { isTTY: true, write: (text) => writes.push(text) > 0 },
    });
    const files = outcome?.counts.files ?? 0;
    expect(writes.map((w) => /^\r\x1b\[Kfiles (\d+)\/(\d+) /.exec(w)?.slice(1).join('/') ?? w)).toEqual([
      ...Array.from({ length: files + 1 }, (_, i) => `${i}/${files}`),
      '\r\x1b[K',
    ]);
    expect(out).toEqual(outcome?.lines);
  });
});

describe('tune --apply over the profile itself', () => {
  test('keeps the previous profile as FILE.bak and prints each changed field', async () => {
    const own = path.join(root, 'own', 'profile.json');
    mkdirSync(path.dirname(own), { recursive: true });
    const before = `${JSON.stringify({ ...TUNE_PROFILE, maxDurationMin: 40 }, null, 1)}\n`;
    writeFileSync(own, before);
    const { outcome, out } = await tuneInProcess([history, '--profile', own, '--apply']);
    expect(outcome?.written).toBe(own);
    expect(readFileSync(`${own}.bak`, 'utf8')).toBe(before);
    const after = JSON.parse(readFileSync(own, 'utf8')) as { tuning: { repeatMs: number; hrWarmupMs: number }; recoveryMarginSecPerKm?: number };
    const tail = out.slice((outcome as TuneOutcome).lines.length);
    expect(tail[1]).toBe('Changed:');
    // No tuning by hand before: every tuned field is new.
    expect(tail).toContain(`  tuning.repeatMs unset → ${after.tuning.repeatMs}`);
    expect(tail).toContain(`  tuning.hrWarmupMs unset → ${after.tuning.hrWarmupMs}`);
    expect(tail.every((line) => !/easyPace|hrCeilingBpm|maxDurationMin/.test(line))).toBe(true);
    expect(tail.slice(-2)).toEqual([`Previous profile kept in ${own}.bak`, `Profile written to ${own}`]);
    // Going back is one copy, and the copy is the profile as it was.
    expect(Profile.safeParse(JSON.parse(readFileSync(`${own}.bak`, 'utf8'))).success).toBe(true);
  });
});

describe('bad input: one line, exit 2, nothing written', () => {
  test('no usable run', () => {
    const out = path.join(root, 'never.json');
    const ran = runBin(['tune', onlyBad, '--profile', profileFile, '--apply', '--out', out]);
    expect(ran.status).toBe(2);
    const lines = ran.stderr.split('\n').filter((l) => l !== '');
    expect(lines.at(-1)).toMatch(/^paceguard: tune: no usable runs \(4 FIT files: 0 runs, 1 not a run, 3 unreadable; .*\); nothing written$/);
    expect(lines).toHaveLength(5);
    expect(ran.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  test.each([
    { name: 'a profile that is not JSON', text: '{ nope', error: /profile\.json: not valid JSON/ },
    { name: 'a profile with a bad field', text: '{"easyPace":"fast"}', error: /profile\.json: easyPace: expected a pace like 5:30/ },
    { name: 'a profile with no ceiling', text: '{"maxDurationMin":30}', error: /no ceiling to guard/ },
  ])('$name', ({ text, error }) => {
    const file = path.join(tempDir(), 'profile.json');
    writeFileSync(file, text);
    const ran = runBin(['tune', history, '--profile', file]);
    expect(ran.status).toBe(2);
    expect(ran.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(ran.stderr).toMatch(error);
  });

  test('no profile at the default place', () => {
    const ran = runBin(['tune', history]);
    expect(ran.status).toBe(2);
    expect(ran.stderr).toMatch(/^paceguard: tune: no profile at .*profile\.json: run 'paceguard calibrate' first, or give --profile FILE\n$/);
  });

  test.each([
    { args: ['--workers', '0'], error: /^paceguard: tune: --workers: expected threads from 1 to 64, like 4\n$/ },
    { args: ['--out', 'x.json'], error: /^paceguard: tune: --out: writes only with --apply/ },
    { args: ['--bogus'], error: /^paceguard: tune: unknown flag --bogus; see paceguard tune --help\n$/ },
  ])('flags $args', ({ args, error }) => {
    const ran = runBin(['tune', history, '--profile', profileFile, ...args]);
    expect(ran.status).toBe(2);
    expect(ran.stderr).toMatch(error);
  });

  test('--help documents the flags', () => {
    const ran = runBin(['tune', '--help']);
    expect(ran.status).toBe(0);
    for (const flag of ['--profile', '--apply', '--out', '--workers']) expect(ran.stdout).toContain(flag);
  });
});
