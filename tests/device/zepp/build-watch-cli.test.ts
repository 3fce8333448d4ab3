/**
 * `npm run build:watch` as a runner meets it: the real npm script, its help,
 * its refusals (one line, exit status 2, nothing written), its app id, and a
 * build with a profile made by `paceguard calibrate` whose bundle, run in
 * QuickJS from an empty storage (the watch's first start), vibrates as
 * `paceguard replay --profile` says, to the second.
 *
 * Fixtures: runs synthesized here (simulator/synth, runner "Anna", easy
 * 5:30 /km) and written with the FIT SDK's Encoder (src/fit/encode.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_RUNNER, type Scenario, type Segment } from '../../../simulator/synth/scenario.ts';
import { synthesizeRun } from '../../../simulator/synth/synthesize.ts';
import { encodeActivity } from '../../../src/fit/encode.ts';
import { personalAppId, PERSONAL_APP_ID_MAX, PERSONAL_APP_ID_MIN, WATCH_BUNDLE_BUDGET_BYTES } from '../../../device/zepp/tools/build.ts';
import { nearestFlag } from '../../../device/zepp/tools/cli.ts';
import { RUN_START_MS } from '../../fit/make-run.ts';
import { TEST_BIN } from '../../global-setup.ts';
import { tempDir } from '../../support/fixtures.ts';
import { runOnWatch } from './harness.ts';
import { ALERT_KINDS, decodeInputs, replayEvents } from './runs.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const work = tempDir();

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The npm script itself, as the README writes it. */
function buildWatch(...args: string[]): Ran {
  const r = spawnSync('npm', ['run', '--silent', 'build:watch', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function npmTool(script: string, ...args: string[]): Ran {
  const r = spawnSync('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Refused as the command line refuses: exactly one line, exit status 2, no stack trace. */
function expectOneLineRefusal(ran: Ran, line: RegExp): void {
  expect(ran.status).toBe(2);
  expect(ran.stdout).toBe('');
  const lines = ran.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  expect(ran.stderr).not.toMatch(/\n\s+at /);
}

describe('help and flags', () => {
  test.each([
    ['build:watch', /^Usage: npm run build:watch -- --profile FILE/],
    ['watch:profile', /^Usage: npm run --silent watch:profile -- PROFILE\.json/],
    ['bench:watch', /^Usage: npm run bench:watch/],
  ])('%s --help: usage, exit 0', (script, usage) => {
    const ran = npmTool(script, '--help');
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    expect(ran.stdout).toMatch(usage);
  });

  test('build:watch --help documents every flag and the zeus steps', () => {
    const help = buildWatch('-h').stdout;
    for (const flag of ['--profile', '--easy-pace', '--no-profile', '--app-id', '--out', '--help']) expect(help).toContain(flag);
    expect(help).toContain('zeus preview');
    expect(help).toContain('zeus build');
  });

  test('a misspelt flag: one line with the flag meant, exit 2', () => {
    expectOneLineRefusal(buildWatch('--profil', 'x.json'), /^build:watch: unknown flag --profil; did you mean --profile\? \(see --help\)$/);
    expectOneLineRefusal(npmTool('watch:profile', '--ot', 'x'), /^watch:profile: unknown flag --ot; did you mean --out\?/);
    expectOneLineRefusal(npmTool('bench:watch', '--hlep'), /^bench:watch: unknown flag --hlep; did you mean --help\?/);
  });

  test.each([
    ['profile', 'profile'],
    ['app-di', 'app-id'],
    ['ou', 'out'],
    ['easypace', 'easy-pace'],
    ['colour', undefined],
  ])('nearest flag to --%s: %s', (written, meant) => {
    expect(nearestFlag(written, ['profile', 'easy-pace', 'no-profile', 'app-id', 'out', 'help'])).toBe(meant);
  });
});

describe('refusals write nothing', () => {
  const out = path.join(work, 'refused');

  test('no profile: one line saying how to get one, exit 2', () => {
    expectOneLineRefusal(buildWatch('--out', out), /^build:watch: expected --profile FILE: .*paceguard calibrate.*--easy-pace M:SS.*--no-profile/);
    expect(existsSync(out)).toBe(false);
  });

  test.each([
    ['a bad field', { easyPace: '5:3' }, /^build:watch: \S+bad-field\.json: easyPace: expected a pace like 5:30/],
    ['an unknown field', { easyPase: '5:30' }, /^build:watch: \S+unknown-field\.json: .*easyPase/],
    ['no ceiling at all', { maxDurationMin: 40 }, /^build:watch: \S+no-ceiling-at-all\.json: no ceiling to guard; expected easyPace, paceCeiling, hrCeilingBpm or maxHrBpm$/],
    ['a damaged watch profile', { paceguardWatch: 1, ceilings: { paceCeilingSecPerKm: 5 } }, /^build:watch: \S+watch-profile\.json: ceilings\.paceCeilingSecPerKm: expected seconds per km/],
  ])('a profile with %s: one line naming the file and field', (name, json, line) => {
    const file = path.join(work, `${name.replace(/^an? /, '').replace(/ /g, '-').replace('damaged-', '')}.json`);
    writeFileSync(file, JSON.stringify(json));
    expectOneLineRefusal(buildWatch('--profile', file, '--out', out), line);
    expect(existsSync(out)).toBe(false);
  });

  test('a missing profile file, and one that is not JSON', () => {
    expectOneLineRefusal(buildWatch('--profile', path.join(work, 'nope.json'), '--out', out), /nope\.json: no such file; expected a profile/);
    const text = path.join(work, 'notes.json');
    writeFileSync(text, 'easy pace 5:30\n');
    expectOneLineRefusal(buildWatch('--profile', text, '--out', out), /notes\.json: not JSON/);
    expect(existsSync(out)).toBe(false);
  });

  test.each([['12x'], ['0'], ['-5'], ['4294967296'], ['1.5']])('--app-id %s: one line, exit 2', (id) => {
    expectOneLineRefusal(buildWatch('--easy-pace', '5:30', '--app-id', id, '--out', out), /^build:watch: --app-id: expected the whole number the Zepp developer console gave/);
  });

  test('--easy-pace out of range; two profiles at once', () => {
    expectOneLineRefusal(buildWatch('--easy-pace', '1:30', '--out', out), /^build:watch: --easy-pace: expected a pace slower than 2:00 per km$/);
    expectOneLineRefusal(buildWatch('--easy-pace', '5:30', '--no-profile', '--out', out), /^build:watch: --easy-pace and --no-profile: expected one of them$/);
  });

  test('--out that is a file, or a folder of something else: one line, left as it was', () => {
    const file = path.join(work, 'a-file');
    writeFileSync(file, 'keep me\n');
    expectOneLineRefusal(buildWatch('--easy-pace', '5:30', '--out', file), /^build:watch: --out \S+a-file: is a file; expected a folder/);
    const folder = path.join(work, 'my-stuff');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'notes.txt'), 'mine\n');
    expectOneLineRefusal(buildWatch('--easy-pace', '5:30', '--out', folder), /^build:watch: --out \S+my-stuff: holds something other than an earlier paceguard build/);
    // /proc takes no new folders, not even from root.
    expectOneLineRefusal(buildWatch('--easy-pace', '5:30', '--out', '/proc/paceguard-watch'), /^build:watch: --out \/proc\/paceguard-watch: cannot write there \(/);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    expect(readFileSync(path.join(folder, 'notes.txt'), 'utf8')).toBe('mine\n');
  });
});

describe('the app id', () => {
  test('the default is stable, in the personal range, printed and written; --app-id wins', () => {
    const out = path.join(work, 'ids');
    const first = buildWatch('--easy-pace', '5:30', '--out', out);
    expect(first.status).toBe(0);
    const printed = /app id: +(\d+) \(made from this computer/.exec(first.stdout)?.[1];
    expect(printed).toBeDefined();
    const id = Number(printed);
    expect(id).toBeGreaterThanOrEqual(PERSONAL_APP_ID_MIN);
    expect(id).toBeLessThanOrEqual(PERSONAL_APP_ID_MAX);
    const appJson = (): { app: { appId: number } } => JSON.parse(readFileSync(path.join(out, 'app.json'), 'utf8')) as { app: { appId: number } };
    expect(appJson().app.appId).toBe(id);
    expect(id).not.toBe(1000001);
    // Rebuilt into the same folder (an earlier build is replaced): the same id, so the watch updates the app it has.
    expect(buildWatch('--easy-pace', '5:40', '--out', out).stdout).toContain(`app id:  ${id} `);
    const given = buildWatch('--easy-pace', '5:30', '--app-id', '1047459', '--out', out);
    expect(given.stdout).toContain('app id:  1047459 (from --app-id)');
    expect(appJson().app.appId).toBe(1047459);
  });

  test('generated ids spread over the range and differ between builders', () => {
    const ids = Array.from({ length: 200 }, (_, i) => personalAppId(`paceguard:runner${i}@host`));
    for (const id of ids) expect(id >= PERSONAL_APP_ID_MIN && id <= PERSONAL_APP_ID_MAX && Number.isInteger(id)).toBe(true);
    expect(new Set(ids).size).toBeGreaterThan(195);
    expect(personalAppId('paceguard:anna@laptop')).toBe(personalAppId('paceguard:anna@laptop'));
  });

  test('--no-profile builds a demo and says so', () => {
    const ran = buildWatch('--no-profile', '--out', path.join(work, 'demo'));
    expect(ran.status).toBe(0);
    expect(ran.stdout).toMatch(/profile: none \(--no-profile: a demo; the watch shows "no profile"/);
  });
});

/** A synthetic run of Anna's (easy 5:30, max 185), written as a FIT file. */
function writeRun(file: string, day: number, segments: readonly Segment[]): void {
  const scenario: Scenario = { name: `day-${day}`, runner: DEFAULT_RUNNER, ceilings: { paceCeilingSecPerKm: 360, hrCeilingBpm: 140 }, segments, recording: { rate: 'smart' } };
  const run = synthesizeRun(scenario, 300 + day);
  writeFileSync(file, encodeActivity({ inputs: run.inputs.map((input) => ({ ...input, atMs: input.atMs + RUN_START_MS + day * 86_400_000 })) }));
}
const at = (secPerKm: number, minutes: number): Segment => ({ kind: 'run', durationSec: minutes * 60, pace: { secPerKm } });

describe('calibrate → build:watch --profile → the watch vibrates as replay says', () => {
  const history = path.join(work, 'history');
  const profileFile = path.join(work, 'calibrated.json');
  const out = path.join(work, 'zepp');
  const runFile = path.join(work, 'drifting-run.fit');
  let built: Ran;

  beforeAll(() => {
    mkdirSync(history, { recursive: true });
    [-8, -4, 0, 3, 6, 10].forEach((offset, day) => writeRun(path.join(history, `easy-${day}.fit`), day, [at(355, 3), at(330 + offset, 22)]));
    writeRun(path.join(history, 'intervals.fit'), 7, [at(350, 12), ...Array.from({ length: 4 }, () => [at(210, 3), at(390, 2)]).flat(), at(360, 5)]);
    const home = path.join(work, 'home');
    const calibrated = spawnSync(process.execPath, [TEST_BIN, 'calibrate', history, '--out', profileFile, '--no-cache'], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') },
    });
    if (calibrated.status !== 0) throw new Error(`calibrate: exit ${calibrated.status}: ${calibrated.stderr}`);
    // The run judged: easy, then well past the ceiling's pace for 8 minutes (long enough for not-recovery), then easy again.
    writeRun(runFile, 20, [at(340, 8), at(290, 8), at(345, 10)]);
    built = buildWatch('--profile', profileFile, '--out', out);
  }, 120_000);

  test('the build: exit 0, the profile named with its ceilings, the next commands as the README gives them', () => {
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const calibrated = JSON.parse(readFileSync(profileFile, 'utf8')) as { calibration?: unknown };
    expect(calibrated.calibration).toBeDefined();
    expect(built.stdout).toMatch(new RegExp(`profile: ${profileFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(pace ceiling \\d:\\d\\d /km, heart rate \\d+ bpm`));
    const shown = path.relative(ROOT, out).startsWith('..') ? out : path.relative(ROOT, out);
    expect(built.stdout).toContain(`cd ${shown} && zeus preview`);
    expect(built.stdout).toContain(`cd ${shown} && zeus build`);
    const bytes = readFileSync(path.join(out, 'data-widget/common/index.js')).length;
    expect(bytes).toBeLessThanOrEqual(WATCH_BUNDLE_BUDGET_BYTES);
    expect(built.stdout).toContain('PASS');
    for (const file of ['app.json', 'app.js', 'package.json', 'assets/common.r/icon.png']) expect(existsSync(path.join(out, file)), file).toBe(true);
  });

  test('first start, empty storage: the profile built in is used and kept, and the vibrations are replay --profile alerts to the second', async () => {
    const expected = replayEvents(runFile, profileFile)
      .filter((event) => ALERT_KINDS.includes(event.kind))
      .map((event) => `${event.kind} @${Math.round(event.at)}`);
    expect(expected.filter((line) => line.startsWith('slow-down')).length).toBeGreaterThan(0);
    expect(expected.filter((line) => line.startsWith('not-recovery')).length).toBe(1);
    const inputs = decodeInputs(runFile);
    const firstAtMs = inputs[0]?.atMs ?? 0;
    const run = await runOnWatch(inputs, { widgetFile: path.join(out, 'data-widget/common/index.js') });
    expect(run.vibrations.map((v) => `${v.kind} @${Math.round((v.atMs - firstAtMs) / 1000)}`)).toEqual(expected);
  });
});
