/**
 * The files shipped in `examples/`, made by the project's own synthesizer and
 * FIT writer, so `npm start` has a run to replay and the golden timelines
 * (tests/golden) have runs whose every second is known.
 *
 * Generation only: `makeExamples()` returns the bytes, `./main.ts` writes them
 * (`npm run make:examples`), and tests/examples checks that the committed files
 * are exactly what this module makes. Everything is a pure function of the
 * scenarios and seeds below: no clock, no `Math.random`. The FIT files start at
 * EXAMPLE_START_MS, a fixed instant, and the file's `timeCreated` is the run's
 * first sample (encodeActivity), so two runs of the script give the same bytes.
 *
 * All three examples are Anna from the benchmark suite (DEFAULT_RUNNER: easy
 * 5:30 /km, so a pace ceiling of 6:00 /km; heart-rate ceiling 140), judged with
 * `examples/runner.json`. Times below are minutes:seconds from the start.
 *
 * **recovery-run.fit** (35:00, one overshoot: the `npm start` run)
 * ```
 *  from  lasting
 *  0:00  4:00  warm-up, 6:35 /km
 *  4:00  4:10  easy, 6:25 /km
 *  8:10  4:00  a gentle climb, 10 m up, grade rounded 1 → 2.5 → 0.5 %, at easy effort (7:10 /km on the watch)
 * 12:10  3:20  down the other side, −0.5 → −2.5 → −1 %, at easy effort (5:55 /km on the watch)
 * 15:30  1:00  easy on the flat, 6:25 /km
 * 16:30  2:30  ▲ the drift: 5:35 /km on the flat, 25 s/km faster than the ceiling
 * 19:00  7:30  easy again, 6:25 /km
 * 26:30  0:40  standing at a crossing, timer running
 * 27:10  7:50  easy, 6:25 /km, to the end
 * ```
 * A 1 Hz watch with a barometer and a chest strap, ordinary open-sky GPS noise
 * (the synthesizer's defaults). Heart rate stays under 140 (about 127 easy,
 * up to 138 at the end of the drift), so the drift is over on pace alone.
 * The profile plans 40 min: no time-up. 2:30 over in 35 min is more than the
 * 5 % an easy run may have, so the verdict is "moderate" on purpose.
 *
 * **hilly-run.fit** (38:00, rolling ±1.5 % terrain under everything)
 * ```
 *  0:00  4:00  warm-up, 6:35 /km
 *  4:00  7:00  easy, 6:12 /km by effort
 * 11:00  4:00  a +4 % climb, 24 m up, at easy effort (8:00 /km on the watch): not over
 * 15:00  3:00  a −4 % descent held at 5:45 /km: fast on the watch, 7:30 /km by effort: not over
 * 18:00  7:00  easy
 * 25:00  3:00  ▲ 6:00 /km held up +3 %: over by effort (5:15 /km grade-adjusted), heart rate up to 146
 * 28:00 10:00  easy, to the end
 * ```
 *
 * **bad-signal-run.fit** (32:00, easy throughout: 4 min warm-up, then 6:20 /km)
 * Optical heart rate (σ 3 bpm, 6 glitches of 0/255 an hour), poor GPS (speed
 * σ 0.2 m/s over 10 s, positions σ 4 m, 8 multipath spikes an hour), a tunnel
 * 12:00–13:15 with no speed and no position, and heart rate gone 21:00–21:50.
 * Nothing to alert on but lost and regained signal.
 */
import { holdPace, runAt } from '../segments.ts';
import type { z } from 'zod';
import type { Profile } from '../../../src/profile/profile.ts';
import { encodeActivity } from '../../../src/fit/encode.ts';
import type { GuardInput } from '../../../src/samples/sample.ts';
import { DEFAULT_RUNNER, type Scenario, type ScenarioCeilings } from '../scenario.ts';
import { synthesizeRun, type SynthRun } from '../synthesize.ts';

/** When every example run starts: 2025-06-01 06:30 UTC, a fixed instant (never the clock). */
export const EXAMPLE_START_MS = Date.UTC(2025, 5, 1, 6, 30, 0);

/** The FIT fileId/deviceInfo product name of every synthetic file. */
export const SYNTH_PRODUCT_NAME = 'paceguard synthetic run';

/** `examples/runner.json`, in its file form (the text a runner writes). */
export const RUNNER_PROFILE = {
  easyPace: '5:30',
  hrCeilingBpm: 140,
  maxDurationMin: 40,
} as const satisfies z.input<typeof Profile>;

/** Anna's ceilings, as the scenarios judge them: easy 5:30 + 30 s/km, and the profile's 140 bpm. */
const CEILINGS: ScenarioCeilings = { paceCeilingSecPerKm: 360, hrCeilingBpm: 140 };

const sec = (m: number, s = 0): number => m * 60 + s;
/** Running at `offset` s/km from the pace ceiling (positive: slower), holding effort on `gradePct`. */
const easy = runAt;
/** Holding an actual pace whatever the grade. */
const held = holdPace;

/** A rounded hill: grade in steps of about a percent, as a road climbs, never a cliff-edge summit. */
const GENTLE_HILL_UP: readonly (readonly [durationSec: number, gradePct: number])[] = [
  [40, 1],
  [60, 2],
  [70, 2.5],
  [40, 1.5],
  [30, 0.5],
];
const GENTLE_HILL_DOWN: readonly (readonly [durationSec: number, gradePct: number])[] = [
  [30, -0.5],
  [40, -1.5],
  [60, -2.5],
  [40, -2],
  [30, -1],
];

export const RECOVERY_RUN: Scenario = {
  name: 'recovery-run',
  description: '35 min recovery run: a gentle hill, a crossing, and one 2:30 drift to 5:35 /km at 16:30',
  runner: DEFAULT_RUNNER,
  ceilings: CEILINGS,
  segments: [
    easy(sec(4), 35),
    easy(sec(4, 10), 25),
    ...GENTLE_HILL_UP.map(([durationSec, gradePct]) => easy(durationSec, 25, gradePct)),
    ...GENTLE_HILL_DOWN.map(([durationSec, gradePct]) => easy(durationSec, 25, gradePct)),
    easy(sec(1), 25),
    easy(sec(2, 30), -25),
    easy(sec(7, 30), 25),
    { kind: 'stop', durationSec: 40, timer: 'running' },
    easy(sec(7, 50), 25),
  ],
};

export const HILLY_RUN: Scenario = {
  name: 'hilly-run',
  description: '38 min over rolling hills: a climb and a fast descent at easy effort, then ceiling pace up +3 % (over by effort)',
  runner: DEFAULT_RUNNER,
  ceilings: CEILINGS,
  segments: [
    easy(sec(4), 35),
    easy(sec(7), 12),
    easy(sec(4), 12, 4),
    held(sec(3), -15, -4),
    easy(sec(7), 12),
    held(sec(3), 0, 3),
    easy(sec(10), 12),
  ],
  terrain: { rollingAmplitudePct: 1.5, rollingWavelengthM: 900 },
};

export const BAD_SIGNAL_RUN: Scenario = {
  name: 'bad-signal-run',
  description: '32 min easy under poor GPS with a 75 s tunnel; optical heart rate with a 50 s dropout',
  runner: DEFAULT_RUNNER,
  ceilings: CEILINGS,
  segments: [easy(sec(4), 35), easy(sec(28), 20)],
  recording: { hrSensor: 'optical' },
  noise: {
    gpsSpeedSigmaMps: 0.2,
    gpsSpeedTauSec: 10,
    positionSigmaM: 4,
    multipathPerHour: 8,
    opticalHrSigmaBpm: 3,
    hrGlitchesPerHour: 6,
    tunnels: [{ atSec: sec(12), durationSec: 75, speed: 'missing' }],
    hrDropouts: [{ atSec: sec(21), durationSec: 50 }],
  },
};

export interface Example {
  /** File name inside examples/. */
  readonly file: string;
  readonly scenario: Scenario;
  /** Fixed: changing it changes the committed file and its golden timeline. */
  readonly seed: number;
}

export const EXAMPLES: readonly Example[] = [
  { file: 'recovery-run.fit', scenario: RECOVERY_RUN, seed: 530 },
  { file: 'hilly-run.fit', scenario: HILLY_RUN, seed: 531 },
  { file: 'bad-signal-run.fit', scenario: BAD_SIGNAL_RUN, seed: 532 },
];

export const PROFILE_FILE = 'runner.json';

export interface ExampleFile {
  /** File name inside examples/. */
  readonly file: string;
  readonly bytes: Uint8Array;
}

/**
 * A synthetic run as a FIT activity starting at EXAMPLE_START_MS (the
 * synthesizer's times are run-relative, FIT's are absolute).
 */
export function encodeSynthRun(run: SynthRun): Uint8Array {
  const inputs: GuardInput[] = run.inputs.map((input) => ({ ...input, atMs: input.atMs + EXAMPLE_START_MS }));
  return encodeActivity({ inputs, productName: SYNTH_PRODUCT_NAME });
}

/** The profile file's bytes: two-space JSON and a final newline, as a person would save it. */
export function profileBytes(): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(RUNNER_PROFILE, null, 2)}\n`);
}

/** Every file of examples/, in memory. */
export function makeExamples(): ExampleFile[] {
  return [
    ...EXAMPLES.map(({ file, scenario, seed }) => ({ file, bytes: encodeSynthRun(synthesizeRun(scenario, seed)) })),
    { file: PROFILE_FILE, bytes: profileBytes() },
  ];
}
