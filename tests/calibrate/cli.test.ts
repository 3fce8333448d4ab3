/**
 * `paceguard calibrate` as a runner meets it: the real bundled command on a
 * folder of FIT files (made here with the synthesizer and the SDK's encoder)
 * mixed with every kind of bad input, and the profile it writes, read back
 * by `replay --profile`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, test } from 'vitest';
import { calibrateCommand } from '../../simulator/commands/calibrate/command.ts';
import { progressText } from '../../simulator/io/progress.ts';
import { defaultCacheDir, defaultProfilePath } from '../../simulator/commands/calibrate/locations.ts';
import { DEFAULT_RUNNER, type Scenario, type Segment } from '../../simulator/synth/scenario.ts';
import { synthesizeRun } from '../../simulator/synth/synthesize.ts';
import { Profile } from '../../src/profile/profile.ts';
import { encodeActivity } from '../../src/fit/encode.ts';
import { fitSeconds, MESG, RUN_START_MS, writeFit as writeMessages } from '../fit/make-run.ts';
import { TEST_BIN } from '../global-setup.ts';
import { IS_ROOT, runBinAsNobody, sharedTempDir } from '../support/other-user.ts';
import { tempDir } from '../support/fixtures.ts';
import { EXTRACT_VERSION } from '../../src/calibrate/extract.ts';

const root = tempDir();
const history = path.join(root, 'history');
const onlyBad = path.join(root, 'only-bad');
const DAY_MS = 86_400_000;
const isRoot = process.getuid?.() === 0;

/** A synthetic run (Anna: easy 5:30) recorded every 4–6 s, as a FIT file's bytes. */
function runBytes(day: number, segments: readonly Segment[], extra: Partial<Scenario> = {}): Uint8Array {
  const scenario: Scenario = {
    name: `day-${day}`,
    runner: DEFAULT_RUNNER,
    ceilings: { paceCeilingSecPerKm: 360, hrCeilingBpm: 140 },
    segments,
    recording: { rate: 'smart' },
    ...extra,
  };
  const startMs = RUN_START_MS + day * DAY_MS;
  const run = synthesizeRun(scenario, 100 + day);
  return encodeActivity({ inputs: run.inputs.map((input) => ({ ...input, atMs: input.atMs + startMs })) });
}
const at = (secPerKm: number, minutes: number): Segment => ({ kind: 'run', durationSec: minutes * 60, pace: { secPerKm } });
const easy = (day: number, offset: number): Uint8Array => runBytes(day, [at(355, 3), at(330 + offset, 22)]);
const tempo = (day: number): Uint8Array => runBytes(day, [at(350, 12), at(275, 12), at(355, 4)]);
/** The history's hard effort: 3-min repeats at 3:30 /km reach the runner's maximum (185). */
const intervals = (day: number): Uint8Array =>
  runBytes(day, [{ kind: 'run', durationSec: 750, pace: { secPerKm: 350 } }, ...Array.from({ length: 4 }, () => [at(210, 3), at(390, 2)]).flat(), at(360, 5)]);

/** The SDK (21.217) throws inside read() for a record with both compressedSpeedDistance and distance (tests/fit/bad-input.test.ts). */
const sdkThrows = writeMessages([
  { mesgNum: MESG.fileId, type: 'activity', manufacturer: 'garmin' },
  { mesgNum: MESG.record, timestamp: fitSeconds(RUN_START_MS) + 500, compressedSpeedDistance: [44, 1, 0], distance: 10 },
]);

function writeBad(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'empty.fit'), new Uint8Array(0));
  writeFileSync(path.join(dir, 'text.fit'), 'not a FIT file, just text\n');
  writeFileSync(path.join(dir, 'sdk-throws.fit'), sdkThrows);
  const good = easy(40, 0);
  writeFileSync(path.join(dir, 'cut-in-header.fit'), good.slice(0, 20));
  // Named .gz but not gzip: read by content, so the FIT reader says what it is.
  writeFileSync(path.join(dir, 'broken.fit.gz'), Buffer.from('not gzip'));
  writeFileSync(path.join(dir, 'cut.fit.gz'), gzipSync(good).slice(0, 400));
  writeFileSync(path.join(dir, 'notes.txt'), 'a runner’s notes: not FIT, left alone\n');
  // Unreadable for anyone but root; for root, text that is no FIT file.
  writeFileSync(path.join(dir, 'locked.fit'), 'locked away\n');
  chmodSync(path.join(dir, 'locked.fit'), 0o000);
  writeFileSync(path.join(dir, 'walk.fit'), runBytes(41, [{ kind: 'run', durationSec: 1500, pace: { secPerKm: 780 } }]));
  writeFileSync(path.join(dir, 'ride.fit'), runBytes(42, [at(130, 20)]));
}

beforeAll(() => {
  mkdirSync(path.join(history, 'sub', 'deeper'), { recursive: true });
  [-8, -4, 0, 3, 6, 10].forEach((offset, day) => writeFileSync(path.join(history, `easy-${day}.fit`), easy(day, offset)));
  writeFileSync(path.join(history, 'sub', 'tempo-10.fit'), tempo(10));
  writeFileSync(path.join(history, 'sub', 'deeper', 'tempo-11.fit.gz'), gzipSync(tempo(11)));
  writeFileSync(path.join(history, 'sub', 'easy-12.fit'), easy(12, -2));
  // Garmin Connect's "Export Original": a zip named by the activity id, one FIT file inside.
  writeFileSync(path.join(history, 'sub', '12345678901.zip'), zipSync({ '12345678901_ACTIVITY.fit': easy(9, 2) }));
  writeFileSync(path.join(history, 'sub', 'intervals-14.fit'), intervals(14));
  copyFileSync(path.join(history, 'easy-0.fit'), path.join(history, 'sub', 'copy-of-easy-0.fit'));
  // Truncated in the middle of the data: the first part is still a run, with a note.
  const whole = easy(13, 5);
  writeFileSync(path.join(history, 'truncated.fit'), whole.slice(0, Math.floor(whole.byteLength * 0.8)));
  writeBad(path.join(history, 'bad'));
  writeBad(onlyBad);
});

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runBin(args: readonly string[], env: Record<string, string> = {}): Ran {
  const home = path.join(root, 'home');
  const r = spawnSync(process.execPath, [TEST_BIN, ...args], {
    encoding: 'utf8',
    // Never the real home: defaults land in the test's own folders.
    env: { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache'), ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const stderrLines = (r: Ran): string[] => r.stderr.split('\n').filter((l) => l !== '');

/** The history's skipped files by reason: in bad/ a walk and a ride, seven that cannot be read; and one copy. */
const HISTORY_SKIPPED = 'skipped 10 files: 2 not runs (walks, rides, other sports), 7 unreadable, 1 duplicate';

describe('paceguard calibrate on a folder with bad files among the runs', () => {
  let ran: Ran;
  let verbose: Ran;
  const out = path.join(root, 'out', 'profile.json');
  const cache = path.join(root, 'cache-a');

  beforeAll(() => {
    ran = runBin(['calibrate', history, '--out', out, '--cache', cache]);
    verbose = runBin(['calibrate', history, '--out', path.join(root, 'out-verbose', 'profile.json'), '--no-cache', '--verbose']);
  });

  test('exit 0: usable runs were found', () => {
    expect(ran.stderr).not.toMatch(/internal error/);
    expect(ran.status).toBe(0);
  });

  test('the skipped files are one line counting them by reason, pointing to --verbose; other warnings stay', () => {
    const lines = stderrLines(ran);
    expect(lines.filter((l) => / skipped/.test(l))).toEqual([`paceguard: ${HISTORY_SKIPPED} — see --verbose`]);
    // The damaged run that was used is still a note of its own: it is not a skipped file.
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^paceguard: ${path.join(history, 'truncated.fit')}: warning: file is truncated`)));
    expect(lines.every((l) => l.startsWith('paceguard: warning: ') || l.startsWith(`paceguard: ${path.join(history, 'truncated.fit')}: `) || / skipped 10 files/.test(l))).toBe(true);
    // Not a terminal: no progress bar, not one carriage return.
    expect(ran.stderr).not.toMatch(/\r|▕/);
    expect(verbose.stdout.replace(/out-verbose/g, 'out')).toBe(ran.stdout.replace(/^ {2}\d+ of \d+ read from the cache\n/m, ''));
  });

  test('--verbose: every skipped file is one note naming it and why, none folded; then the count without the pointer', () => {
    expect(verbose.status).toBe(0);
    const lines = stderrLines(verbose);
    expect(lines.filter((l) => /: skipped: /.test(l))).toHaveLength(10);
    expect(lines.filter((l) => /more lines? like/.test(l))).toEqual([]);
    expect(lines.filter((l) => / skipped 10 files/.test(l))).toEqual([`paceguard: ${HISTORY_SKIPPED}`]);
    // The count comes after the last note.
    expect(lines.slice(lines.findIndex((l) => / skipped 10 files/.test(l))).filter((l) => /: skipped: /.test(l))).toEqual([]);
  });

  test('each bad file is one note naming it and why (--verbose); none stops the run', () => {
    const notes = stderrLines(verbose).filter((l) => !l.startsWith('paceguard: warning:'));
    const byFile = (name: string): string | undefined => notes.find((l) => l.startsWith(`paceguard: ${path.join(history, name)}: `));
    expect(byFile('bad/empty.fit')).toMatch(/: skipped: empty file \(0 bytes\)$/);
    expect(byFile('bad/text.fit')).toMatch(/: skipped: not a FIT file \(no FIT file header\)$/);
    expect(byFile('bad/sdk-throws.fit')).toMatch(/: skipped: the FIT SDK failed on the data at byte \d+ of \d+ and could not read the rest: no records decoded$/);
    expect(byFile('bad/cut-in-header.fit')).toMatch(/: skipped: file is truncated: no records decoded$/);
    expect(byFile('bad/broken.fit.gz')).toMatch(/: skipped: not a FIT file \(no FIT file header\)$/);
    expect(byFile('bad/cut.fit.gz')).toMatch(/: skipped: gzip data cut short or damaged \(.+\): expected a whole \.gz file$/);
    expect(byFile('bad/walk.fit')).toMatch(/: skipped: a walk or hike: median moving speed 1\.\d\d m\/s/);
    expect(byFile('bad/ride.fit')).toMatch(/: skipped: not a run: median moving speed is 7\.\d m\/s/);
    expect(byFile('sub/copy-of-easy-0.fit') ?? byFile('easy-0.fit')).toMatch(/: skipped: same content as /);
    expect(byFile('truncated.fit')).toMatch(/: warning: file is truncated: using the \d+ records decoded/);
    if (isRoot) expect(byFile('bad/locked.fit')).toMatch(/: skipped: not a FIT file \(no FIT file header\)$/);
    else expect(byFile('bad/locked.fit')).toBe(`paceguard: ${path.join(history, 'bad/locked.fit')}: skipped: cannot read it (permission denied)`);
    expect(notes.find((l) => l.includes('notes.txt'))).toBeUndefined();
    for (const line of stderrLines(verbose)) expect(line.startsWith('paceguard: ')).toBe(true);
  });

  test('the report: what it rests on, counts, the estimates and a chart, within 80 columns', () => {
    const lines = ran.stdout.split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(ran.stdout).toMatch(/^From \d+ runs with steady running \(\d+ stretches\), 2024-05-01 to 2024-05-15$/m);
    expect(ran.stdout).toMatch(/^ {2}\d+ FIT files: \d+ runs, 2 not runs, \d+ unreadable, 1 duplicate$/m);
    expect(ran.stdout).toMatch(/^ {2}1 other file in the folders left alone \(not \.fit, \.gpx, \.tcx or \.zip\)$/m);
    expect(ran.stdout).toMatch(/^Easy pace {5}5:[23]\d \/km {2}\(90 %: \d:\d\d to \d:\d\d\)$/m);
    expect(ran.stdout).toMatch(/^Highest HR {4}1[78]\d bpm, held 20 s on 2024-05-15 \(intervals-14\.fit\)$/m);
    expect(ran.stdout).toMatch(/^HR curve {6}\d+ bpm at 5:[23]\d \/km after 10 min/m);
    expect(ran.stdout).toMatch(/^Ceiling {7}pace \d:\d\d \/km/m);
    expect(ran.stdout).toMatch(/^Agreement {5}at \d:\d\d \/km your curve gives \d+ bpm after 10 min,$/m);
    expect(ran.stdout).toMatch(/^ {6}o stretch \(O: several\)/m);
    expect(ran.stdout).toMatch(new RegExp(`^Profile written to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  });

  test('the profile: valid, with which runs and when (their own start times), readable by replay --profile', () => {
    const json: unknown = JSON.parse(readFileSync(out, 'utf8'));
    const checked = Profile.safeParse(json);
    expect(checked.success).toBe(true);
    if (!checked.success) return;
    const { calibration } = checked.data;
    expect(calibration?.runs.length).toBeGreaterThanOrEqual(9);
    expect(calibration?.runs[0]?.startedAt).toBe('2024-05-01T06:00:00.000Z');
    // The run inside Garmin's zip (day 9) and the gzipped one (day 11) are among them.
    expect(calibration?.runs.map((r) => r.startedAt)).toEqual(expect.arrayContaining(['2024-05-10T06:00:00.000Z', '2024-05-12T06:00:00.000Z']));
    expect(calibration?.runs.every((r) => /^[0-9a-f]{64}$/.test(r.sha256))).toBe(true);
    expect(calibration?.hrCurve?.form).toBe('linear-gap-speed');
    // No temporary file left beside it.
    expect(readdirSync(path.dirname(out))).toEqual(['profile.json']);

    const replay = runBin(['replay', path.join(history, 'easy-1.fit'), '--profile', out, '--format', 'jsonl']);
    expect(replay.stderr).toBe('');
    expect(replay.status).toBe(0);
    const summary = JSON.parse(replay.stdout.trim().split('\n').pop() ?? '{}') as { kind: string; paceCeilingSecPerKm?: number };
    expect(summary.kind).toBe('summary');
  });

  test('a second run hits the cache: no FIT file is decoded again', async () => {
    const io = { out: () => undefined, warn: () => undefined };
    const again = await calibrateCommand([history, '--out', path.join(root, 'out-2', 'profile.json'), '--cache', cache], io);
    expect(again?.decoded).toBe(0);
    expect(again?.counts.fromCache).toBeGreaterThanOrEqual(15);
    const first = JSON.parse(readFileSync(out, 'utf8')) as { calibration: unknown };
    const second = JSON.parse(readFileSync(path.join(root, 'out-2', 'profile.json'), 'utf8')) as { calibration: unknown };
    expect(second.calibration).toEqual(first.calibration);
  });

  test('--no-cache reads every file again, and leaves the cache alone', async () => {
    const io = { out: () => undefined, warn: () => undefined };
    const fresh = await calibrateCommand([history, '--out', path.join(root, 'out-3', 'profile.json'), '--no-cache'], io);
    expect(fresh?.counts.fromCache).toBe(0);
    expect(fresh?.decoded).toBeGreaterThanOrEqual(15);
  });
});

describe('on a terminal, a progress bar on stderr while the files are read', () => {
  const ERASE = '\r\x1b[K';
  const barCounts = (writes: readonly string[]): number[] =>
    writes.flatMap((w) => {
      const m = /^\r\x1b\[Kfiles (\d+)\/\d+ ▕[█░]+▏ \d+ %$/.exec(w);
      return m === null ? [] : [Number(m[1])];
    });

  test('in-process, on a fake terminal: 0 to every file, notes printed above it, erased before the count of skipped files', async () => {
    const writes: string[] = [];
    const tty = { isTTY: true, write: (text: string) => writes.push(text) > 0 };
    const outcome = await calibrateCommand([history, '--out', path.join(root, 'tty', 'profile.json'), '--no-cache', '--workers', '1'], {
      out: () => undefined,
      warn: (line) => tty.write(`${line}\n`),
      progress: tty,
    });
    const files = outcome?.counts.files ?? 0;
    expect(files).toBeGreaterThan(15);
    // Redrawn once a file, in order (redraws after a note repeat a count).
    const counts = barCounts(writes).filter((n, i, all) => i === 0 || n !== all[i - 1]);
    expect(counts).toEqual(Array.from({ length: files + 1 }, (_, i) => i));
    expect(writes.filter((w) => w.startsWith(ERASE) && w.includes(`files ${files}/${files} `))).toEqual([`${ERASE}${progressText('files', files, files)}`]);
    // Every line printed lands on a cleared line: the write before it erased the bar.
    writes.forEach((w, i) => {
      if (w.endsWith('\n')) expect(writes[i - 1] === ERASE || writes[i - 1]?.endsWith('\n')).toBe(true);
    });
    // The bar is gone before the count of skipped files.
    const summary = writes.findIndex((w) => w.includes(' skipped 10 files'));
    expect(writes[summary - 1]).toBe(ERASE);
    expect(barCounts(writes.slice(summary))).toEqual([]);
  });

  test.runIf(existsSync('/usr/bin/script'))('the bundled command under a pseudo-terminal (script): the bar on stderr, erased; stdout has none of it', () => {
    const out = path.join(root, 'pty', 'profile.json');
    const stdoutFile = path.join(root, 'pty-stdout.txt');
    const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
    // Only stderr goes to the terminal that `script` records; stdout goes to a file.
    const inner = [process.execPath, TEST_BIN, 'calibrate', history, '--out', out, '--no-cache', '--workers', '1'].map(quote).join(' ');
    const r = spawnSync('/usr/bin/script', ['-qec', `${inner} > ${quote(stdoutFile)}`, '/dev/null'], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', HOME: path.join(root, 'home'), TERM: 'xterm' },
    });
    expect(r.status, r.stdout).toBe(0);
    const terminal = r.stdout;
    expect(terminal).toMatch(/\r\x1b\[Kfiles 0\/\d+ ▕░{20}▏ 0 %/);
    expect(terminal).toMatch(/\r\x1b\[Kfiles (\d+)\/\1 ▕█{20}▏ 100 %\r\x1b\[K/);
    // After the bar is erased: the count of skipped files on a clean line.
    expect(terminal).toMatch(/100 %\r\x1b\[K(.|\r\n)*paceguard: skipped 10 files: /);
    const stdout = readFileSync(stdoutFile, 'utf8');
    expect(stdout).not.toMatch(/\r|▕/);
    expect(stdout).toMatch(/^Profile written to /m);
  });
});

describe('worker threads: the same profile, report and notes whatever their number', () => {
  test('the bundled command with --workers 2 matches --workers 1', () => {
    const one = runBin(['calibrate', history, '--out', path.join(root, 'w1', 'profile.json'), '--no-cache', '--workers', '1', '--verbose']);
    const two = runBin(['calibrate', history, '--out', path.join(root, 'w2', 'profile.json'), '--no-cache', '--workers', '2', '--verbose']);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout.replace(/w2/g, 'w1')).toBe(one.stdout);
    const profile = (dir: string): unknown => JSON.parse(readFileSync(path.join(root, dir, 'profile.json'), 'utf8'));
    expect(profile('w2')).toEqual(profile('w1'));
  });

  test('--workers 0 is refused, naming the flag', () => {
    const ran = runBin(['calibrate', history, '--workers', '0']);
    expect(ran.status).toBe(2);
    expect(ran.stderr).toBe('paceguard: calibrate: --workers: expected threads from 1 to 64, like 4\n');
  });
});

describe('the stat index: a file known unchanged is not read again; a changed one is', () => {
  const folder = path.join(root, 'indexed');
  const cache = path.join(root, 'cache-indexed');
  const io = { out: () => undefined, warn: () => undefined };
  const calibrateIndexed = (n: number) => calibrateCommand([folder, '--out', path.join(root, `indexed-${n}`, 'profile.json'), '--cache', cache], io);

  beforeAll(() => {
    mkdirSync(folder, { recursive: true });
    for (let day = 0; day < 6; day++) copyFileSync(path.join(history, `easy-${day}.fit`), path.join(folder, `easy-${day}.fit`));
  });

  test('first run reads and decodes all; second reads none', async () => {
    const first = await calibrateIndexed(1);
    expect(first?.read).toBe(6);
    expect(first?.decoded).toBe(6);
    const second = await calibrateIndexed(2);
    expect(second?.read).toBe(0);
    expect(second?.decoded).toBe(0);
    expect(second?.counts.fromCache).toBe(6);
    expect(second?.calibration.easyPace).toEqual(first?.calibration.easyPace);
  });

  test('a file rewritten with other content is read and decoded again; the rest are not', async () => {
    const changed = path.join(folder, 'easy-2.fit');
    writeFileSync(changed, easy(20, 1));
    utimesSync(changed, new Date(), new Date(Date.now() + 5_000));
    const third = await calibrateIndexed(3);
    expect(third?.read).toBe(1);
    expect(third?.decoded).toBe(1);
    expect(third?.calibration.runs.map((r) => r.facts.startMs)).toContain(RUN_START_MS + 20 * DAY_MS);
  });

  test('a file only touched is read again (its mtime changed), then found in the cache by content', async () => {
    const touched = path.join(folder, 'easy-4.fit');
    utimesSync(touched, new Date(), new Date(Date.now() + 10_000));
    const fourth = await calibrateIndexed(4);
    expect(fourth?.read).toBe(1);
    expect(fourth?.decoded).toBe(0);
    expect((await calibrateIndexed(5))?.read).toBe(0);
  });
});

describe('where the profile goes', () => {
  test('by default $XDG_CONFIG_HOME/paceguard/profile.json, with the cache in $XDG_CACHE_HOME/paceguard', () => {
    const config = path.join(root, 'xdg', 'config');
    const cacheHome = path.join(root, 'xdg', 'cache');
    const ran = runBin(['calibrate', history], { XDG_CONFIG_HOME: config, XDG_CACHE_HOME: cacheHome });
    expect(ran.status).toBe(0);
    expect(existsSync(path.join(config, 'paceguard', 'profile.json'))).toBe(true);
    expect(readdirSync(path.join(cacheHome, 'paceguard'))).toEqual([`extracts-v${EXTRACT_VERSION}`, 'stat-index-v1.json']);
  });

  test.each([
    ['linux, XDG set', 'linux', { XDG_CONFIG_HOME: '/x/config', XDG_CACHE_HOME: '/x/cache' }, '/x/config/paceguard/profile.json', '/x/cache/paceguard'],
    ['linux, XDG unset', 'linux', {}, '/home/r/.config/paceguard/profile.json', '/home/r/.cache/paceguard'],
    ['linux, XDG relative (ignored, as the spec says)', 'linux', { XDG_CONFIG_HOME: 'rel' }, '/home/r/.config/paceguard/profile.json', '/home/r/.cache/paceguard'],
    ['macOS', 'darwin', {}, '/home/r/Library/Application Support/paceguard/profile.json', '/home/r/Library/Caches/paceguard'],
    ['Windows', 'win32', { APPDATA: 'C:\\Users\\r\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\r\\AppData\\Local' }, 'C:\\Users\\r\\AppData\\Roaming\\paceguard\\profile.json', 'C:\\Users\\r\\AppData\\Local\\paceguard\\Cache'],
  ] as const)('%s', (_name, platform, env, profile, cache) => {
    const place = { env, platform, homeDir: '/home/r' };
    expect(defaultProfilePath(place)).toBe(profile);
    expect(defaultCacheDir(place)).toBe(cache);
  });
});

describe('nothing is written half-way, and nothing at all without a usable run', () => {
  test('no usable runs: exit 2, one line saying so after the count of skipped files, and the old profile untouched', () => {
    const out = path.join(root, 'keep', 'profile.json');
    mkdirSync(path.dirname(out), { recursive: true });
    const before = '{ "easyPace": "5:30", "maxDurationMin": 40 }\n';
    writeFileSync(out, before);
    const ran = runBin(['calibrate', onlyBad, '--out', out, '--no-cache']);
    expect(ran.status).toBe(2);
    expect(ran.stdout).toBe('');
    const lines = stderrLines(ran);
    expect(lines.at(-1)).toMatch(/^paceguard: calibrate: no usable runs \(\d+ FIT files: 0 runs, 2 not runs, \d+ unreadable.*\): no runs to calibrate from; nothing written$/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^paceguard: skipped 9 files: 2 not runs \(walks, rides, other sports\), 7 unreadable — see --verbose$/);
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect(readdirSync(path.dirname(out))).toEqual(['profile.json']);
  });

  test('the runner\'s own settings in an existing profile are kept; a hand-set heart-rate ceiling gives way', () => {
    const out = path.join(root, 'merge', 'profile.json');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify({ easyPace: '6:10', hrCeilingBpm: 150, maxDurationMin: 35, tuning: { repeatMs: 90_000 } }));
    const ran = runBin(['calibrate', history, '--out', out, '--no-cache', '--rest-hr', '48']);
    expect(ran.status).toBe(0);
    const profile = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(profile).toMatchObject({ maxDurationMin: 35, tuning: { repeatMs: 90_000 }, restHrBpm: 48 });
    expect(profile['hrCeilingBpm']).toBeUndefined();
    expect(profile['easyPace']).not.toBe('6:10');
    expect(ran.stdout).toMatch(/heart rate \d+ bpm \(70 % of reserve\)/);
  });

  test('an existing profile that is not valid is refused before any work: exit 2, untouched', () => {
    const out = path.join(root, 'invalid', 'profile.json');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, '{ "easyPace": "fast" }');
    const ran = runBin(['calibrate', history, '--out', out, '--no-cache']);
    expect(ran.status).toBe(2);
    expect(stderrLines(ran)).toEqual([
      `paceguard: ${out}: existing profile: easyPace: expected a pace like 5:30 (minutes:seconds per km); fix or remove it, or give --out`,
    ]);
    expect(readFileSync(out, 'utf8')).toBe('{ "easyPace": "fast" }');
  });

  test('a profile that cannot be written: exit 2, one line, no temporary file left', () => {
    const blocker = path.join(root, 'blocker');
    writeFileSync(blocker, 'a file where a folder should be');
    const ran = runBin(['calibrate', history, '--out', path.join(blocker, 'profile.json'), '--no-cache']);
    expect(ran.status).toBe(2);
    expect(stderrLines(ran).at(-1)).toBe(
      `paceguard: ${path.join(blocker, 'profile.json')}: cannot write the profile (part of the path is a file, not a folder); nothing written`,
    );
  });
});

describe('flags', () => {
  test.each([
    [['calibrate'], 'paceguard: calibrate: expected FIT, GPX or TCX files or folders (see paceguard calibrate --help)'],
    [['calibrate', 'x', '--rest-hr', '300'], 'paceguard: calibrate: --rest-hr: expected beats per minute from 25 to 120, like 55'],
    [['calibrate', 'x', '--rest-hr', 'low'], 'paceguard: calibrate: --rest-hr: expected beats per minute from 25 to 120, like 55'],
    [['calibrate', 'x', '--cache', 'c', '--no-cache'], 'paceguard: calibrate: --no-cache: give --cache DIR or --no-cache, not both'],
    [['calibrate', 'x', '--fast'], 'paceguard: calibrate: unknown flag --fast; see paceguard calibrate --help'],
    [['calibrate', 'x', '--verbose=yes'], /^paceguard: calibrate: --verbose: /],
    [['calibrate', 'x', '--verbos'], 'paceguard: calibrate: unknown flag --verbos; did you mean --verbose?'],
  ])('%j → exit 2, one line', (args, message) => {
    const ran = runBin(args);
    expect(ran.status).toBe(2);
    const lines = stderrLines(ran);
    expect(lines).toHaveLength(1);
    if (typeof message === 'string') expect(lines[0]).toBe(message);
    else expect(lines[0]).toMatch(message);
  });

  test('--help documents every flag', () => {
    const ran = runBin(['calibrate', '--help']);
    expect(ran.status).toBe(0);
    for (const flag of ['--out FILE', '--rest-hr BPM', '--cache DIR', '--no-cache', '--workers N', '--verbose', '--help']) expect(ran.stdout).toContain(flag);
  });
});

// Root reads every file whatever its mode (and CI runs as root): there, the command runs as `nobody`.
describe.runIf(IS_ROOT)('a file without read permission, as another user', () => {
  test('is one note, permission denied; the rest calibrates and the profile is written', () => {
    const shared = sharedTempDir();
    const runs = path.join(shared, 'runs');
    mkdirSync(runs);
    chmodSync(runs, 0o755);
    [0, 4, 8].forEach((offset, day) => writeFileSync(path.join(runs, `easy-${day}.fit`), easy(day, offset)));
    const locked = path.join(runs, 'locked.fit');
    writeFileSync(locked, easy(5, 2));
    chmodSync(locked, 0o000);
    const out = path.join(shared, 'profile.json');
    const ran = runBinAsNobody(['calibrate', runs, '--out', out, '--workers', '1', '--verbose'], shared);
    expect(ran.status, ran.stderr).toBe(0);
    expect(stderrLines(ran)).toContain(`paceguard: ${locked}: skipped: cannot read it (permission denied)`);
    expect(ran.stdout).toMatch(/^ {2}4 FIT files: 3 runs, 1 unreadable$/m);
    expect(existsSync(out)).toBe(true);
  });
});
