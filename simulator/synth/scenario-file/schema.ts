/**
 * The scenario file that `paceguard simulate` reads: a synthetic run written
 * by hand, in JSON. This is the edge: everything a person can get wrong is
 * refused here with the field's path and what was expected, and what passes
 * maps one to one onto the synthesizer's `Scenario` (simulator/synth/scenario.ts)
 * in ./load.ts. README "Scenarios: `paceguard simulate`" documents each field.
 *
 * ```json
 * {
 *   "description": "30 min easy with a 3 min drift",
 *   "ceilings": { "pace": "6:00", "hrBpm": 140 },
 *   "segments": [
 *     { "kind": "run", "duration": "4:00", "pace": "6:35" },
 *     { "kind": "run", "duration": "10:00", "ceilingOffsetSecPerKm": 25 },
 *     { "kind": "run", "duration": "3:00", "ceilingOffsetSecPerKm": -20 },
 *     { "kind": "run", "duration": "13:00", "pace": "6:25" }
 *   ]
 * }
 * ```
 *
 * Objects are strict (an unknown or misspelt field is refused, never
 * ignored), and every number has a range a run can have: a typo like a heart
 * rate of 1400 is caught here rather than simulated.
 */
import * as z from 'zod';
import { PaceText } from '../../../src/profile/profile.ts';
import { formatDuration } from '../../../src/fit/format.ts';
import { formatPace } from '../../../src/samples/pace.ts';
import { DEFAULT_NOISE, DEFAULT_RUNNER } from '../scenario.ts';

/** A run longer than this is refused: the whole run is simulated in memory, a sample a second. */
export const MAX_RUN_SEC = 6 * 3600;
/** A segment may be repeated at most this often (`repeat`). */
export const MAX_REPEAT_TIMES = 100;
/** Pace bounds of a run segment, as the profile's pace text has them (2:00 to 20:00 per km). */
export const MIN_SEGMENT_PACE_SEC_PER_KM = 120;
export const MAX_SEGMENT_PACE_SEC_PER_KM = 1200;
/** FIT time starts at 1989-12-31; a start must also be a date a run could have. */
const EARLIEST_START_MS = Date.UTC(1990, 0, 1);
const LATEST_START_MS = Date.UTC(2100, 0, 1);
/** Seeds are 32-bit (simulator/synth/random.ts). */
export const MAX_SEED = 0xffff_ffff;

/** `noise.gps` presets: the benchmark suite's open-sky default and its noisy GPS (simulator/synth/suite.ts). */
export const GPS_PRESETS = {
  good: {
    gpsSpeedSigmaMps: DEFAULT_NOISE.gpsSpeedSigmaMps,
    gpsSpeedTauSec: DEFAULT_NOISE.gpsSpeedTauSec,
    positionSigmaM: DEFAULT_NOISE.positionSigmaM,
  },
  poor: { gpsSpeedSigmaMps: 0.3, gpsSpeedTauSec: 10, positionSigmaM: 4 },
} as const;

// ---------------------------------------------------------------------------
// Field builders: one message per field, saying what is expected, whatever is wrong.

type ErrorFn = (issue: { readonly input?: unknown }) => string;

/** "expected …", or "missing: expected …" when the field is absent. */
function expecting(what: string): ErrorFn {
  return (issue) => (issue.input === undefined ? `missing: expected ${what}` : `expected ${what}`);
}

/** A number in [min, max] (whole when `whole`), with one message for every way it can be wrong. */
function numberIn(min: number, max: number, unit: string, whole = false): z.ZodNumber {
  const error = expecting(`${whole ? 'a whole number' : 'a number'} of ${unit} from ${min} to ${max}`);
  const base = z.number({ error }).min(min, { error }).max(max, { error });
  return whole ? base.int({ error }) : base;
}

/**
 * A strict object: an unknown field is refused by name with the fields that
 * are allowed (the file line says "runner.hrMax: unknown field; expected one of …").
 */
function strictObject<Shape extends z.ZodRawShape>(shape: Shape, what: string) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field; expected one of ${Object.keys(shape).join(', ')}`
        : expecting(what)(issue),
  });
}

const DURATION_PATTERN = /^(?:(\d+):([0-5]\d):([0-5]\d)|(\d+):([0-5]\d))$/;

/** "H:MM:SS" or "M:SS" → seconds, or NaN when it is not that shape. */
export function parseDurationText(text: string): number {
  const match = DURATION_PATTERN.exec(text);
  if (match === null) return Number.NaN;
  const [, h, m3, s3, m2, s2] = match;
  return h !== undefined ? Number(h) * 3600 + Number(m3) * 60 + Number(s3) : Number(m2) * 60 + Number(s2);
}

/**
 * A time in a run: whole seconds (a JSON number) or "M:SS" / "H:MM:SS" text.
 * `min` is 1 for durations and 0 for moments (`at`).
 */
function timeField(min: 0 | 1) {
  const what =
    min === 1
      ? 'a duration: whole seconds above 0, or minutes:seconds like 4:30'
      : 'a time from the start: whole seconds, or minutes:seconds like 12:00';
  const error = expecting(what);
  return z.union(
    [
      z.number({ error }).int({ error }).min(min, { error }).max(MAX_RUN_SEC, { error }),
      z
        .string({ error })
        .regex(DURATION_PATTERN, { error })
        .transform(parseDurationText)
        .pipe(z.number().min(min, { error }).max(MAX_RUN_SEC, { error })),
    ],
    { error },
  );
}

function choice<const Options extends readonly [string, ...string[]]>(options: Options) {
  return z.enum(options, { error: expecting(options.map((o) => `"${o}"`).join(' or ')) });
}

// ---------------------------------------------------------------------------
// The file

const PACE_TEXT_EXPECTED = 'a pace like 5:30 (minutes:seconds per km)';

/** Pace text, M:SS per km; the profile's codec with this file's messages. */
const Pace = z
  .string({ error: expecting(PACE_TEXT_EXPECTED) })
  .pipe(PaceText);

export const ScenarioRunner = strictObject(
  {
    easyPace: Pace.default(DEFAULT_RUNNER.easyPaceSecPerKm),
    restHrBpm: numberIn(25, 120, 'bpm', true).default(DEFAULT_RUNNER.hrRestBpm),
    maxHrBpm: numberIn(100, 230, 'bpm', true).default(DEFAULT_RUNNER.hrMaxBpm),
    hrAtEasyPaceBpm: numberIn(40, 230, 'bpm').default(DEFAULT_RUNNER.hrAtEasyPaceBpm),
    hrPerMpsBpm: numberIn(0, 100, 'bpm per m/s').default(DEFAULT_RUNNER.hrPerMpsBpm),
    hrTauSec: numberIn(5, 300, 'seconds').default(DEFAULT_RUNNER.hrTauSec),
    driftBpmPerHour: numberIn(0, 40, 'bpm per hour').default(DEFAULT_RUNNER.driftBpmPerHour),
    cadenceAtEasyPaceSpm: numberIn(100, 230, 'steps per minute').default(DEFAULT_RUNNER.cadenceAtEasyPaceSpm),
    paceWanderPct: numberIn(0, 10, 'percent').default(DEFAULT_RUNNER.paceWanderPct),
  },
  'an object: the runner (every field optional)',
);
export type ScenarioRunner = z.output<typeof ScenarioRunner>;

export const ScenarioCeilingsFile = strictObject(
  {
    pace: Pace,
    hrBpm: numberIn(60, 220, 'bpm', true),
  },
  'an object with pace ("M:SS") and hrBpm',
);

const RunSegment = strictObject(
  {
    kind: z.literal('run'),
    duration: timeField(1),
    /** Absolute pace; or `ceilingOffsetSecPerKm`, exactly one of the two. */
    pace: Pace.optional(),
    ceilingOffsetSecPerKm: numberIn(-300, 600, 's/km (positive: slower than the ceiling)').optional(),
    hold: choice(['effort', 'pace']).default('effort'),
    gradePct: numberIn(-30, 30, 'percent').default(0),
  },
  'a segment',
);

const StopSegment = strictObject(
  {
    kind: z.literal('stop'),
    duration: timeField(1),
    timer: choice(['running', 'auto-pause']).default('running'),
  },
  'a segment',
);

const SEGMENT_KINDS = 'kind "run" or "stop"';
const PlainSegment = z.discriminatedUnion('kind', [RunSegment, StopSegment], {
  error: (issue) =>
    issue.code === 'invalid_union' ? `expected ${SEGMENT_KINDS}` : expecting(`a segment: an object with ${SEGMENT_KINDS}`)(issue),
});

const RepeatSegment = strictObject(
  {
    kind: z.literal('repeat'),
    times: numberIn(1, MAX_REPEAT_TIMES, 'repetitions', true),
    segments: z.array(PlainSegment, { error: expecting('a list of run and stop segments') }).min(1, {
      error: 'expected at least one segment to repeat',
    }),
  },
  'a segment',
);

const SEGMENT_KINDS_ALL = 'kind "run", "stop" or "repeat"';
export const ScenarioSegment = z.discriminatedUnion('kind', [RunSegment, StopSegment, RepeatSegment], {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `expected ${SEGMENT_KINDS_ALL}`
      : expecting(`a segment: an object with ${SEGMENT_KINDS_ALL}`)(issue),
});
export type ScenarioSegment = z.output<typeof ScenarioSegment>;

const FaultStretch = strictObject({ at: timeField(0), duration: timeField(1) }, 'an object with at and duration');
const TunnelStretch = strictObject(
  { at: timeField(0), duration: timeField(1), speed: choice(['missing', 'zero']).default('missing') },
  'an object with at, duration and speed',
);
const stretchList = <Item extends z.ZodType>(item: Item) =>
  z.array(item, { error: expecting('a list of stretches: objects with at and duration') }).max(1000, {
    error: 'expected at most 1000 stretches',
  });

export const ScenarioRecording = strictObject(
  {
    rate: choice(['1s', 'smart', '5s']).optional(),
    fields: choice(['speed-distance', 'positions-only']).optional(),
    cadence: z.boolean({ error: expecting('true or false') }).optional(),
    altimeter: choice(['baro', 'gps', 'none']).optional(),
    hrSensor: choice(['chest', 'optical', 'none']).optional(),
  },
  'an object: the recording (every field optional)',
);

export const ScenarioNoise = strictObject(
  {
    gps: choice(['good', 'poor']).optional(),
    gpsSpeedSigmaMps: numberIn(0, 3, 'm/s').optional(),
    gpsSpeedTauSec: numberIn(0, 300, 'seconds').optional(),
    positionSigmaM: numberIn(0, 100, 'metres').optional(),
    multipathPerHour: numberIn(0, 600, 'spikes per hour').optional(),
    opticalHrSigmaBpm: numberIn(0, 30, 'bpm').optional(),
    hrGlitchesPerHour: numberIn(0, 600, 'glitches per hour').optional(),
    tunnels: stretchList(TunnelStretch).optional(),
    hrDropouts: stretchList(FaultStretch).optional(),
    cadenceLocks: stretchList(FaultStretch).optional(),
    speedLagSec: numberIn(0, 120, 'seconds').optional(),
    hrStartBiasBpm: numberIn(0, 100, 'bpm').optional(),
    hrStartBiasSec: numberIn(0, 3600, 'seconds').optional(),
  },
  'an object: the noise (every field optional)',
);

export const ScenarioTerrain = strictObject(
  {
    rollingAmplitudePct: numberIn(0, 15, 'percent'),
    rollingWavelengthM: numberIn(50, 50_000, 'metres'),
  },
  'an object with rollingAmplitudePct and rollingWavelengthM',
);

export const ScenarioOrigin = strictObject(
  {
    latDeg: numberIn(-85, 85, 'degrees'),
    lonDeg: numberIn(-180, 180, 'degrees'),
    altitudeM: numberIn(-400, 8000, 'metres'),
  },
  'an object with latDeg, lonDeg and altitudeM',
);

export const SEED_EXPECTED = `a whole number from 0 to ${MAX_SEED}`;
const STARTS_AT_EXPECTED = 'a date and time with its zone, like 2025-06-01T06:30:00Z';

export const ScenarioFile = strictObject(
  {
    description: z.string({ error: expecting('text') }).max(500, { error: 'expected at most 500 characters' }).optional(),
    seed: z
      .number({ error: expecting(SEED_EXPECTED) })
      .int({ error: expecting(SEED_EXPECTED) })
      .min(0, { error: expecting(SEED_EXPECTED) })
      .max(MAX_SEED, { error: expecting(SEED_EXPECTED) })
      .optional(),
    startsAt: z.iso
      .datetime({ offset: true, error: expecting(STARTS_AT_EXPECTED) })
      .transform((text) => Date.parse(text))
      .pipe(
        z.number().min(EARLIEST_START_MS, { error: 'expected a start from 1990 to 2099' }).max(LATEST_START_MS - 1, {
          error: 'expected a start from 1990 to 2099',
        }),
      )
      .optional(),
    runner: ScenarioRunner.default(ScenarioRunner.parse({})),
    ceilings: ScenarioCeilingsFile,
    segments: z
      .array(ScenarioSegment, { error: expecting('a list of segments') })
      .min(1, { error: 'expected at least one segment' })
      .max(1000, { error: 'expected at most 1000 segments' }),
    terrain: ScenarioTerrain.optional(),
    recording: ScenarioRecording.optional(),
    noise: ScenarioNoise.optional(),
    origin: ScenarioOrigin.optional(),
  },
  'an object: a scenario (see paceguard simulate --help)',
).superRefine((file, ctx) => {
  const issue = (path: readonly PropertyKey[], message: string): void => {
    ctx.addIssue({ code: 'custom', path: [...path], message });
  };

  const { runner } = file;
  if (!(runner.restHrBpm < runner.hrAtEasyPaceBpm && runner.hrAtEasyPaceBpm < runner.maxHrBpm)) {
    issue(
      ['runner', 'hrAtEasyPaceBpm'],
      `expected a heart rate between restHrBpm (${runner.restHrBpm}) and maxHrBpm (${runner.maxHrBpm}), got ${runner.hrAtEasyPaceBpm}`,
    );
  }

  const ceilingSecPerKm = file.ceilings.pace;
  const checkRun = (segment: ScenarioSegment, path: readonly PropertyKey[]): void => {
    if (segment.kind !== 'run') return;
    if ((segment.pace === undefined) === (segment.ceilingOffsetSecPerKm === undefined)) {
      issue(path, 'expected either pace ("M:SS") or ceilingOffsetSecPerKm, exactly one of them');
      return;
    }
    if (segment.ceilingOffsetSecPerKm === undefined) return;
    const paceSecPerKm = ceilingSecPerKm + segment.ceilingOffsetSecPerKm;
    if (paceSecPerKm < MIN_SEGMENT_PACE_SEC_PER_KM || paceSecPerKm > MAX_SEGMENT_PACE_SEC_PER_KM) {
      issue(
        [...path, 'ceilingOffsetSecPerKm'],
        `expected a pace from ${formatPace(MIN_SEGMENT_PACE_SEC_PER_KM)} to ${formatPace(MAX_SEGMENT_PACE_SEC_PER_KM)} /km with the ceiling ${formatPace(ceilingSecPerKm)}, got ${formatPace(paceSecPerKm)}`,
      );
    }
  };
  let runSec = 0;
  file.segments.forEach((segment, index) => {
    if (segment.kind === 'repeat') {
      segment.segments.forEach((inner, innerIndex) => checkRun(inner, ['segments', index, 'segments', innerIndex]));
      runSec += segment.times * segment.segments.reduce((sum, inner) => sum + inner.duration, 0);
    } else {
      checkRun(segment, ['segments', index]);
      runSec += segment.duration;
    }
  });
  // An auto-paused stop records nothing: a file of them alone would be a run without one sample.
  const recordsSomething = (segment: ScenarioSegment): boolean =>
    segment.kind === 'repeat' ? segment.segments.some(recordsSomething) : segment.kind === 'run' || segment.timer === 'running';
  if (!file.segments.some(recordsSomething)) {
    issue(['segments'], 'expected at least one run segment (or a stop with the timer running): auto-paused stops alone record nothing');
    return;
  }
  if (runSec > MAX_RUN_SEC) {
    issue(['segments'], `expected at most ${formatDuration(MAX_RUN_SEC * 1000)} of run in all, got ${formatDuration(runSec * 1000)}`);
    return;
  }

  const noise = file.noise;
  if (noise === undefined) return;
  const lists = [
    ['tunnels', noise.tunnels],
    ['hrDropouts', noise.hrDropouts],
    ['cadenceLocks', noise.cadenceLocks],
  ] as const;
  for (const [name, list] of lists) {
    list?.forEach((stretch, index) => {
      if (stretch.at + stretch.duration > runSec) {
        issue(
          ['noise', name, index],
          `expected a stretch inside the run (0:00 to ${formatDuration(runSec * 1000)}), got ${formatDuration(stretch.at * 1000)} to ${formatDuration((stretch.at + stretch.duration) * 1000)}`,
        );
      }
    });
  }
  if ((noise.cadenceLocks?.length ?? 0) > 0 && file.recording?.hrSensor !== 'optical') {
    issue(['noise', 'cadenceLocks'], 'a cadence lock is a wrist sensor\'s fault: expected recording.hrSensor "optical"');
  }
});
export type ScenarioFile = z.output<typeof ScenarioFile>;

/**
 * The first issue as one line: the field's path and what was expected.
 * Paths read like JSON access: `segments[2].pace`, `noise.tunnels[0].at`;
 * an unknown field is named in its path: `runner.hrMax: unknown field; …`.
 */
export function describeScenarioIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid scenario';
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? '?'] : issue.path;
  return `${formatPath(path)}: ${issue.message}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}
