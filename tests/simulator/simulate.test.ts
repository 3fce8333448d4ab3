/**
 * `paceguard simulate`: the scenario file's schema (one exact line per bad
 * file), the shipped scenarios, determinism, and the command's contract
 * against the real bundled command (exit status 2, one line, no file left
 * behind). The round trip through `replay` is in simulate-round-trip.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { decodeActivity } from '../../src/fit/decode.ts';
import { SIMULATE_HELP } from '../../simulator/io/help.ts';
import {
  DEFAULT_SCENARIO_SEED,
  DEFAULT_SCENARIO_START_MS,
  parseScenarioText,
  type LoadedScenario,
} from '../../simulator/synth/scenario-file/load.ts';
import { parseDurationText } from '../../simulator/synth/scenario-file/schema.ts';
import { formatDuration } from '../../src/fit/format.ts';
import { simulateScenario } from '../../simulator/synth/scenario-file/simulate.ts';
import { DEFAULT_RUNNER } from '../../simulator/synth/scenario.ts';
import { TEST_BIN } from '../global-setup.ts';
import { tempDir } from '../support/fixtures.ts';

const SCENARIOS_DIR = 'examples/scenarios';
const dir = tempDir();

function runBin(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [TEST_BIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function loaded(text: string, name = 'test'): LoadedScenario {
  const parsed = parseScenarioText(text, name);
  if (!parsed.ok) throw new Error(`expected a valid scenario, got: ${parsed.error}`);
  return parsed;
}

/** A small valid scenario; each bad case below changes one thing in it. */
const valid = () => ({
  ceilings: { pace: '6:00', hrBpm: 140 },
  segments: [
    { kind: 'run', duration: '4:00', pace: '6:35' },
    { kind: 'run', duration: 600, ceilingOffsetSecPerKm: 25 },
    { kind: 'stop', duration: 30 },
    { kind: 'repeat', times: 3, segments: [{ kind: 'run', duration: '2:00', pace: '6:20' }, { kind: 'run', duration: 10, pace: '5:00' }] },
  ],
});
type Draft = ReturnType<typeof valid> & Record<string, unknown>;
const edit = (change: (draft: Draft) => void): string => {
  const draft: Draft = valid();
  change(draft);
  return JSON.stringify(draft);
};
/** Sets a value deep inside the draft, by a path of keys and indices. */
const at = (draft: unknown, keys: readonly (string | number)[], value: unknown): void => {
  let node = draft as Record<string | number, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[keys[keys.length - 1] ?? ''] = value;
};
/** The valid scenario runs 4:00 + 10:00 + 0:30 + 3 × 2:10 = 21:00. */
const VALID_RUN = '21:00';

describe('the scenario file: one line naming the field and what was expected', () => {
  test.each<[string, string, string]>([
    ['an array, not an object', '[]', '(top level): expected an object: a scenario (see paceguard simulate --help)'],
    [
      'an unknown top-level field',
      edit((d) => at(d, ['seeds'], 3)),
      'seeds: unknown field; expected one of description, seed, startsAt, runner, ceilings, segments, terrain, recording, noise, origin',
    ],
    [
      'a misspelt runner field',
      edit((d) => at(d, ['runner'], { hrMax: 190 })),
      'runner.hrMax: unknown field; expected one of easyPace, restHrBpm, maxHrBpm, hrAtEasyPaceBpm, hrPerMpsBpm, hrTauSec, driftBpmPerHour, cadenceAtEasyPaceSpm, paceWanderPct',
    ],
    ['an easy pace with a dot', edit((d) => at(d, ['runner'], { easyPace: '5.30' })), 'runner.easyPace: expected a pace like 5:30 (minutes:seconds per km)'],
    ['an easy pace as a number', edit((d) => at(d, ['runner'], { easyPace: 330 })), 'runner.easyPace: expected a pace like 5:30 (minutes:seconds per km)'],
    ['an easy pace out of range', edit((d) => at(d, ['runner'], { easyPace: '1:30' })), 'runner.easyPace: expected a pace slower than 2:00 per km'],
    [
      'heart rate at easy pace above the maximum',
      edit((d) => at(d, ['runner'], { hrAtEasyPaceBpm: 190 })),
      'runner.hrAtEasyPaceBpm: expected a heart rate between restHrBpm (50) and maxHrBpm (185), got 190',
    ],
    ['a resting heart rate with decimals', edit((d) => at(d, ['runner'], { restHrBpm: 50.5 })), 'runner.restHrBpm: expected a whole number of bpm from 25 to 120'],
    ['no ceilings', edit((d) => at(d, ['ceilings'], undefined)), 'ceilings: missing: expected an object with pace ("M:SS") and hrBpm'],
    ['a heart-rate ceiling typo', edit((d) => at(d, ['ceilings', 'hrBpm'], 1400)), 'ceilings.hrBpm: expected a whole number of bpm from 60 to 220'],
    ['a pace ceiling missing', edit((d) => at(d, ['ceilings', 'pace'], undefined)), 'ceilings.pace: missing: expected a pace like 5:30 (minutes:seconds per km)'],
    ['no segments', edit((d) => at(d, ['segments'], [])), 'segments: expected at least one segment'],
    ['segments not a list', edit((d) => at(d, ['segments'], { kind: 'run' })), 'segments: expected a list of segments'],
    ['an unknown segment kind', edit((d) => at(d, ['segments', 1, 'kind'], 'walk')), 'segments[1].kind: expected kind "run", "stop" or "repeat"'],
    ['a segment without a kind', edit((d) => at(d, ['segments', 1, 'kind'], undefined)), 'segments[1].kind: expected kind "run", "stop" or "repeat"'],
    [
      'a duration with a dot',
      edit((d) => at(d, ['segments', 0, 'duration'], '4.30')),
      'segments[0].duration: expected a duration: whole seconds above 0, or minutes:seconds like 4:30',
    ],
    [
      'a zero duration',
      edit((d) => at(d, ['segments', 2, 'duration'], 0)),
      'segments[2].duration: expected a duration: whole seconds above 0, or minutes:seconds like 4:30',
    ],
    [
      'a fractional duration',
      edit((d) => at(d, ['segments', 2, 'duration'], 2.5)),
      'segments[2].duration: expected a duration: whole seconds above 0, or minutes:seconds like 4:30',
    ],
    [
      'a missing duration',
      edit((d) => at(d, ['segments', 2, 'duration'], undefined)),
      'segments[2].duration: missing: expected a duration: whole seconds above 0, or minutes:seconds like 4:30',
    ],
    [
      'both a pace and an offset',
      edit((d) => at(d, ['segments', 1, 'pace'], '6:25')),
      'segments[1]: expected either pace ("M:SS") or ceilingOffsetSecPerKm, exactly one of them',
    ],
    [
      'neither a pace nor an offset',
      edit((d) => at(d, ['segments', 0, 'pace'], undefined)),
      'segments[0]: expected either pace ("M:SS") or ceilingOffsetSecPerKm, exactly one of them',
    ],
    [
      'an offset that makes an impossible pace',
      edit((d) => at(d, ['segments', 1, 'ceilingOffsetSecPerKm'], -250)),
      'segments[1].ceilingOffsetSecPerKm: expected a pace from 2:00 to 20:00 /km with the ceiling 6:00, got 1:50',
    ],
    ['an unknown hold', edit((d) => at(d, ['segments', 1, 'hold'], 'speed')), 'segments[1].hold: expected "effort" or "pace"'],
    ['a cliff', edit((d) => at(d, ['segments', 1, 'gradePct'], 45)), 'segments[1].gradePct: expected a number of percent from -30 to 30'],
    ['a stop with a pace', edit((d) => at(d, ['segments', 2, 'pace'], '6:00')), 'segments[2].pace: unknown field; expected one of kind, duration, timer'],
    ['an unknown timer', edit((d) => at(d, ['segments', 2, 'timer'], 'paused')), 'segments[2].timer: expected "running" or "auto-pause"'],
    ['repeating zero times', edit((d) => at(d, ['segments', 3, 'times'], 0)), 'segments[3].times: expected a whole number of repetitions from 1 to 100'],
    [
      'a repeat inside a repeat',
      edit((d) => at(d, ['segments', 3, 'segments', 1], { kind: 'repeat', times: 2, segments: [] })),
      'segments[3].segments[1].kind: expected kind "run" or "stop"',
    ],
    [
      'a bad pace inside a repeat',
      edit((d) => at(d, ['segments', 3, 'segments', 1, 'pace'], '5')),
      'segments[3].segments[1].pace: expected a pace like 5:30 (minutes:seconds per km)',
    ],
    [
      'a run over six hours',
      edit((d) => at(d, ['segments', 1, 'duration'], '5:59:00')),
      'segments: expected at most 6:00:00 of run in all, got 6:10:00',
    ],
    ['an unknown recording rate', edit((d) => at(d, ['recording'], { rate: '10s' })), 'recording.rate: expected "1s" or "smart" or "5s"'],
    ['cadence as text', edit((d) => at(d, ['recording'], { cadence: 'yes' })), 'recording.cadence: expected true or false'],
    ['an unknown GPS quality', edit((d) => at(d, ['noise'], { gps: 'bad' })), 'noise.gps: expected "good" or "poor"'],
    ['a negative multipath rate', edit((d) => at(d, ['noise'], { multipathPerHour: -1 })), 'noise.multipathPerHour: expected a number of spikes per hour from 0 to 600'],
    [
      'a tunnel after the run',
      edit((d) => at(d, ['noise'], { tunnels: [{ at: '20:30', duration: 60 }] })),
      `noise.tunnels[0]: expected a stretch inside the run (0:00 to ${VALID_RUN}), got 20:30 to 21:30`,
    ],
    ['a tunnel without a start', edit((d) => at(d, ['noise'], { tunnels: [{ duration: 60 }] })), 'noise.tunnels[0].at: missing: expected a time from the start: whole seconds, or minutes:seconds like 12:00'],
    ['an unknown tunnel speed', edit((d) => at(d, ['noise'], { tunnels: [{ at: 60, duration: 60, speed: 'none' }] })), 'noise.tunnels[0].speed: expected "missing" or "zero"'],
    [
      'a cadence lock on a chest strap',
      edit((d) => at(d, ['noise'], { cadenceLocks: [{ at: 60, duration: 60 }] })),
      'noise.cadenceLocks: a cadence lock is a wrist sensor\'s fault: expected recording.hrSensor "optical"',
    ],
    ['a dropout list that is not a list', edit((d) => at(d, ['noise'], { hrDropouts: { at: 60, duration: 10 } })), 'noise.hrDropouts: expected a list of stretches: objects with at and duration'],
    [
      'terrain without a wavelength',
      edit((d) => at(d, ['terrain'], { rollingAmplitudePct: 2 })),
      'terrain.rollingWavelengthM: missing: expected a number of metres from 50 to 50000',
    ],
    ['an origin off the map', edit((d) => at(d, ['origin'], { latDeg: 95, lonDeg: 5, altitudeM: 0 })), 'origin.latDeg: expected a number of degrees from -85 to 85'],
    ['a negative seed', edit((d) => at(d, ['seed'], -1)), 'seed: expected a whole number from 0 to 4294967295'],
    ['a start without a time', edit((d) => at(d, ['startsAt'], '2025-06-01')), 'startsAt: expected a date and time with its zone, like 2025-06-01T06:30:00Z'],
    ['a start without a zone', edit((d) => at(d, ['startsAt'], '2025-06-01T06:30:00')), 'startsAt: expected a date and time with its zone, like 2025-06-01T06:30:00Z'],
    ['a start before FIT time', edit((d) => at(d, ['startsAt'], '1980-06-01T06:30:00Z')), 'startsAt: expected a start from 1990 to 2099'],
    ['a description that is not text', edit((d) => at(d, ['description'], 42)), 'description: expected text'],
  ])('%s', (_name, text, message) => {
    const parsed = parseScenarioText(text, 'bad');
    expect(parsed.ok ? 'valid' : parsed.error).toBe(message);
  });

  test('text that is not JSON says so', () => {
    const parsed = parseScenarioText('{ "ceilings": ', 'bad');
    expect(parsed.ok ? 'valid' : parsed.error).toMatch(/^not valid JSON \(.+\)$/);
  });

  test('the valid scenario is valid, and its durations add up as the table says', () => {
    const { scenario } = loaded(JSON.stringify(valid()));
    const totalSec = scenario.segments.reduce((sum, s) => sum + s.durationSec, 0);
    expect(formatDuration(totalSec * 1000)).toBe(VALID_RUN);
  });
});

describe('the scenario file maps onto the synthesizer', () => {
  test('defaults: the benchmark runner, seed 1, the examples’ fixed start, no recording or noise overrides', () => {
    const parsed = loaded(JSON.stringify({ ceilings: { pace: '6:00', hrBpm: 140 }, segments: [{ kind: 'run', duration: 60, pace: '6:20' }] }), 'plain');
    expect(parsed.scenario.runner).toEqual(DEFAULT_RUNNER);
    expect(parsed.scenario.name).toBe('plain');
    expect(parsed.seed).toBeUndefined();
    expect(parsed.startMs).toBe(DEFAULT_SCENARIO_START_MS);
    expect(DEFAULT_SCENARIO_SEED).toBe(1);
    expect(parsed.scenario).not.toHaveProperty('recording');
    expect(parsed.scenario).not.toHaveProperty('noise');
  });

  test('every field lands where the synthesizer reads it; repeat is unrolled; a GPS preset is overridden field by field', () => {
    const { scenario, seed, startMs } = loaded(
      JSON.stringify({
        description: 'all of it',
        seed: 9,
        startsAt: '2024-03-02T07:00:00+01:00',
        runner: { easyPace: '6:15', restHrBpm: 58, maxHrBpm: 175, hrAtEasyPaceBpm: 133, hrPerMpsBpm: 32, hrTauSec: 55, driftBpmPerHour: 5, cadenceAtEasyPaceSpm: 164, paceWanderPct: 1 },
        ceilings: { pace: '6:45', hrBpm: 135 },
        segments: [
          { kind: 'run', duration: '1:00:00', pace: '7:00', gradePct: 1 },
          { kind: 'repeat', times: 2, segments: [{ kind: 'run', duration: 8, ceilingOffsetSecPerKm: -40, hold: 'pace' }, { kind: 'stop', duration: '0:20', timer: 'auto-pause' }] },
        ],
        terrain: { rollingAmplitudePct: 2, rollingWavelengthM: 800 },
        recording: { rate: 'smart', fields: 'positions-only', cadence: false, altimeter: 'gps', hrSensor: 'optical' },
        noise: {
          gps: 'poor',
          positionSigmaM: 6,
          multipathPerHour: 4,
          opticalHrSigmaBpm: 5,
          hrGlitchesPerHour: 2,
          tunnels: [{ at: '10:00', duration: 45, speed: 'zero' }],
          hrDropouts: [{ at: 0, duration: 5 }],
          cadenceLocks: [{ at: '20:00', duration: '1:00' }],
          speedLagSec: 25,
          hrStartBiasBpm: 30,
          hrStartBiasSec: 480,
        },
        origin: { latDeg: 46.5, lonDeg: 7.9, altitudeM: 1200 },
      }),
      'everything',
    );
    expect(seed).toBe(9);
    expect(startMs).toBe(Date.UTC(2024, 2, 2, 6, 0, 0));
    expect(scenario).toEqual({
      name: 'everything',
      description: 'all of it',
      runner: { easyPaceSecPerKm: 375, hrRestBpm: 58, hrMaxBpm: 175, hrAtEasyPaceBpm: 133, hrPerMpsBpm: 32, hrTauSec: 55, driftBpmPerHour: 5, cadenceAtEasyPaceSpm: 164, paceWanderPct: 1 },
      ceilings: { paceCeilingSecPerKm: 405, hrCeilingBpm: 135 },
      segments: [
        { kind: 'run', durationSec: 3600, pace: { secPerKm: 420 }, hold: 'effort', gradePct: 1 },
        { kind: 'run', durationSec: 8, pace: { ceilingOffsetSecPerKm: -40 }, hold: 'pace', gradePct: 0 },
        { kind: 'stop', durationSec: 20, timer: 'auto-pause' },
        { kind: 'run', durationSec: 8, pace: { ceilingOffsetSecPerKm: -40 }, hold: 'pace', gradePct: 0 },
        { kind: 'stop', durationSec: 20, timer: 'auto-pause' },
      ],
      terrain: { rollingAmplitudePct: 2, rollingWavelengthM: 800 },
      recording: { rate: 'smart', fields: 'positions-only', cadence: false, altimeter: 'gps', hrSensor: 'optical' },
      noise: {
        gpsSpeedSigmaMps: 0.3,
        gpsSpeedTauSec: 10,
        positionSigmaM: 6,
        multipathPerHour: 4,
        opticalHrSigmaBpm: 5,
        hrGlitchesPerHour: 2,
        tunnels: [{ atSec: 600, durationSec: 45, speed: 'zero' }],
        hrDropouts: [{ atSec: 0, durationSec: 5 }],
        cadenceLocks: [{ atSec: 1200, durationSec: 60 }],
        speedLagSec: 25,
        hrStartBiasBpm: 30,
        hrStartBiasSec: 480,
      },
      origin: { latDeg: 46.5, lonDeg: 7.9, altitudeM: 1200 },
    });
  });

  test('a 5 s recording rate is read', () => {
    expect(loaded(JSON.stringify({ ...valid(), recording: { rate: '5s' } })).scenario.recording).toEqual({ rate: '5s' });
  });

  test.each([
    ['0:45', 45],
    ['4:30', 270],
    ['75:00', 4500],
    ['1:02:03', 3723],
    ['4:60', Number.NaN],
    ['4.30', Number.NaN],
    [':30', Number.NaN],
  ])('duration text %s is %s s', (text, seconds) => {
    expect(parseDurationText(text)).toBe(seconds);
  });
});

const shipped = readdirSync(SCENARIOS_DIR).filter((file) => file.endsWith('.json')).sort();

describe('the shipped scenarios (examples/scenarios/)', () => {
  test('are the four the README promises', () => {
    expect(shipped).toEqual(['bad-signal.json', 'clean-recovery.json', 'drifts-too-fast.json', 'hilly.json']);
  });

  test.each(shipped)('%s parses, says what it is, and fixes its seed', (file) => {
    const text = readFileSync(path.join(SCENARIOS_DIR, file), 'utf8');
    const parsed = parseScenarioText(text, file);
    expect(parsed.ok ? 'valid' : parsed.error).toBe('valid');
    if (!parsed.ok) return;
    expect(parsed.scenario.description?.length ?? 0).toBeGreaterThan(20);
    expect(parsed.seed).toBeTypeOf('number');
  });
});

describe('the documented examples are valid scenarios', () => {
  test('the full example in docs/scenarios.md (the README points to it)', () => {
    const doc = readFileSync('docs/scenarios.md', 'utf8');
    const json = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(json).toBeDefined();
    const parsed = parseScenarioText(json ?? '', 'docs/scenarios.md');
    expect(parsed.ok ? 'valid' : parsed.error).toBe('valid');
  });

  test('simulate --help', () => {
    const example = SIMULATE_HELP.slice(SIMULATE_HELP.indexOf('  {'), SIMULATE_HELP.indexOf('\n\nOptions:'));
    const parsed = parseScenarioText(example, 'help');
    expect(parsed.ok ? 'valid' : parsed.error).toBe('valid');
  });
});

describe('same scenario and seed, same bytes', () => {
  const hilly = loaded(readFileSync(path.join(SCENARIOS_DIR, 'hilly.json'), 'utf8'), 'hilly');

  test('in process: twice the same seed gives the same bytes; another seed other bytes', () => {
    const a = simulateScenario(hilly, 5).bytes;
    const b = simulateScenario(hilly, 5).bytes;
    const c = simulateScenario(hilly, 6).bytes;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  test('the command: the file’s seed by default, --seed overrides it, and the bytes are the generator’s', () => {
    const scenario = path.join(SCENARIOS_DIR, 'hilly.json');
    const out = (name: string): string => path.join(dir, name);
    for (const [name, extra] of [
      ['first.fit', []],
      ['again.fit', []],
      ['seed-7.fit', ['--seed', '7']],
      ['seed-7-again.fit', ['--seed', '7']],
    ] as const) {
      const r = runBin(['simulate', scenario, '--out', out(name), ...extra]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    const bytes = (name: string): Buffer => readFileSync(out(name));
    expect(bytes('first.fit').equals(bytes('again.fit'))).toBe(true);
    expect(bytes('seed-7.fit').equals(bytes('seed-7-again.fit'))).toBe(true);
    expect(bytes('first.fit').equals(bytes('seed-7.fit'))).toBe(false);
    expect(bytes('first.fit').equals(Buffer.from(simulateScenario(hilly, hilly.seed ?? DEFAULT_SCENARIO_SEED).bytes))).toBe(true);
    expect(bytes('seed-7.fit').equals(Buffer.from(simulateScenario(hilly, 7).bytes))).toBe(true);
  });

  test('the run starts at startsAt, else at the fixed default start (never the clock)', () => {
    const base = { ceilings: { pace: '6:00', hrBpm: 140 }, segments: [{ kind: 'run', duration: 120, pace: '6:20' }] };
    for (const [startsAt, startMs] of [
      [undefined, DEFAULT_SCENARIO_START_MS],
      ['2024-10-05T17:45:00Z', Date.UTC(2024, 9, 5, 17, 45)],
    ] as const) {
      const file = path.join(dir, `start-${startMs}.json`);
      writeFileSync(file, JSON.stringify(startsAt === undefined ? base : { ...base, startsAt }));
      const fit = path.join(dir, `start-${startMs}.fit`);
      expect(runBin(['simulate', file, '--out', fit]).status).toBe(0);
      const decoded = decodeActivity(new Uint8Array(readFileSync(fit)));
      expect(decoded.ok && decoded.inputs[0]?.atMs).toBe(startMs);
    }
  });
});

describe('the command: bad input is one line, exit status 2, and no file', () => {
  const scenario = path.join(SCENARIOS_DIR, 'clean-recovery.json');

  /** Each case gets its own empty folder, so "nothing written" means the folder stays empty. */
  function attempt(name: string, args: (outDir: string) => string[]): { r: ReturnType<typeof runBin>; outDir: string } {
    const outDir = path.join(dir, `bad-${name.replace(/\W+/g, '-')}`);
    mkdirSync(outDir, { recursive: true });
    return { r: runBin(args(outDir)), outDir };
  }

  const badScenario = path.join(dir, 'bad-scenario.json');
  writeFileSync(badScenario, edit((d) => at(d, ['segments', 1, 'hold'], 'speed')));
  const notJson = path.join(dir, 'not-json.json');
  writeFileSync(notJson, '{ "ceilings": ');

  test.each<[string, (outDir: string) => string[], RegExp]>([
    [
      'a field of the wrong shape',
      (o) => ['simulate', badScenario, '--out', path.join(o, 'run.fit')],
      /^paceguard: .*bad-scenario\.json: segments\[1\]\.hold: expected "effort" or "pace"$/,
    ],
    ['a file that is not JSON', (o) => ['simulate', notJson, '--out', path.join(o, 'run.fit')], /^paceguard: .*not-json\.json: not valid JSON \(/],
    ['a missing scenario', (o) => ['simulate', path.join(o, 'nope.json'), '--out', path.join(o, 'run.fit')], /nope\.json: no such file$/],
    ['no scenario', (o) => ['simulate', '--out', path.join(o, 'run.fit')], /^paceguard: simulate: expected a scenario file/],
    ['no --out', () => ['simulate', scenario], /^paceguard: simulate: expected --out FILE/],
    ['two scenarios', (o) => ['simulate', scenario, scenario, '--out', path.join(o, 'run.fit')], /simulate: expected one scenario file, got 2$/],
    ['a bad seed', (o) => ['simulate', scenario, '--out', path.join(o, 'run.fit'), '--seed', 'seven'], /^paceguard: simulate: --seed: expected a whole number from 0 to 4294967295$/],
    ['a seed too large', (o) => ['simulate', scenario, '--out', path.join(o, 'run.fit'), '--seed', '4294967296'], /--seed: expected a whole number from 0 to 4294967295$/],
    ['an unknown flag', (o) => ['simulate', scenario, '--output', path.join(o, 'run.fit')], /^paceguard: simulate: unknown flag --output; did you mean --out\?$/],
    ['a folder as the output', (o) => ['simulate', scenario, '--out', o], /: is a folder, expected a file; nothing written$/],
  ])('%s', (name, args, message) => {
    const { r, outDir } = attempt(name, args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // No FIT file, and no temporary file either.
    expect(readdirSync(outDir)).toEqual([]);
  });

  test('the output cannot overwrite the scenario itself', () => {
    const copy = path.join(dir, 'self.json');
    writeFileSync(copy, readFileSync(scenario));
    const r = runBin(['simulate', copy, '--out', copy]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out: .*self\.json is the scenario file itself; expected another file\n$/);
    expect(readFileSync(copy).equals(readFileSync(scenario))).toBe(true);
  });

  test('a failed run leaves an existing output file as it was', () => {
    const outDir = path.join(dir, 'keep');
    mkdirSync(outDir);
    const fit = path.join(outDir, 'run.fit');
    writeFileSync(fit, 'the old file');
    const r = runBin(['simulate', badScenario, '--out', fit]);
    expect(r.status).toBe(2);
    expect(readFileSync(fit, 'utf8')).toBe('the old file');
    expect(readdirSync(outDir)).toEqual(['run.fit']);
  });

  test('success: exit 0, the file, and a report of the overshoots with the replay command', () => {
    const fit = path.join(dir, 'ok', 'drift.fit');
    const r = runBin(['simulate', path.join(SCENARIOS_DIR, 'drifts-too-fast.json'), '--out', fit]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(fit)).toBe(true);
    expect(readdirSync(path.dirname(fit))).toEqual(['drift.fit']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Wrote .*drift\.fit: 35:00, \d+\.\d km, seed 102, starting 2025-06-01T06:30:00Z$/);
    expect(lines[1]).toBe('Overshoots of 6:00 /km or 140 bpm in the run (30 s or more): 1');
    expect(lines[2]).toMatch(/^ {2}1[23]:\d\d–1[67]:\d\d {2}pace, clearly over from 13:\d\d$/);
    expect(lines[3]).toBe(`Replay it: paceguard replay ${fit} --pace-ceiling 6:00 --hr-ceiling 140`);
  });

  test('--help explains the command; the main help lists it', () => {
    const help = runBin(['simulate', '--help']);
    expect(help.status).toBe(0);
    for (const word of ['--out', '--seed', 'segments', 'ceilings', 'examples/scenarios']) expect(help.stdout).toContain(word);
    expect(runBin(['--help']).stdout).toContain('paceguard simulate SCENARIO.json --out FILE.fit');
    expect(runBin(['simulat']).stderr).toMatch(/expected replay, calibrate, tune or simulate/);
  });
});
