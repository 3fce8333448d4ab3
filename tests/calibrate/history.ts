/**
 * Synthetic training histories for the calibration tests, made with the
 * project's own generator (simulator/synth), so that the truth is known: each
 * runner's easy pace and heart-rate curve are parameters of the simulation
 * (steady heart rate = hrAtEasyPaceBpm + hrPerMpsBpm · (grade-adjusted speed −
 * easy speed) + driftBpmPerHour · moving hours; simulator/synth/physics.ts).
 *
 * A history is what a runner's export folder holds: mostly easy runs around
 * their easy pace (day-to-day ±10 s/km), some recovery runs, tempo runs, one
 * interval session (the history's hard effort, near max heart rate), long
 * runs, hilly runs; and things that are not runs: a walk, a ride, a rowing
 * session (a running-speed activity with a stroke rate for cadence).
 * Artefacts come from the generator's noise models (optical heart rate,
 * glitches, cadence lock, dropouts, multipath), plus, on the artefact-prone
 * runner, runs where the wrist sensor reads 25 bpm high for a quarter of an
 * hour (added here: the generator has no such model).
 *
 * Everything is deterministic in (runner, seed).
 */
import type { CalibrationRun } from '../../src/calibrate/calibrate.ts';
import { extractFromInputs, type ActivityExtract } from '../../src/calibrate/extract.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import type { TruthSecond } from '../../simulator/synth/physics.ts';
import { stream, uniform, uniformInt, type Random } from '../../simulator/synth/random.ts';
import type { Noise, Recording, Runner, Scenario, Segment, Terrain } from '../../simulator/synth/scenario.ts';
import { DEFAULT_RUNNER } from '../../simulator/synth/scenario.ts';
import { synthesizeRun } from '../../simulator/synth/synthesize.ts';

export interface HistoryRunner {
  readonly name: string;
  readonly runner: Runner;
  readonly recording?: Partial<Recording>;
  readonly noise?: Partial<Noise>;
  /** Rolling hills on this share of the runs (0 = flat runner). */
  readonly hillyShare: number;
  /** Runs on which the wrist sensor reads high for 15 min. */
  readonly lockedHighRuns: number;
  /**
   * How close the fitted slope must come (share of the truth). Noisy GPS
   * flattens a fitted slope; the fit corrects for the noise it can measure,
   * not all of it (dean, over seeds 1–8: −14 % to −37 %; docs/decisions/cadence-lock-evidence.md).
   */
  readonly slopeTolerance: number;
}

export type ActivityKind = 'easy' | 'recovery' | 'tempo' | 'intervals' | 'long' | 'walk' | 'ride' | 'rowing';

export interface HistoryActivity {
  readonly name: string;
  readonly kind: ActivityKind;
  /** Inputs with epoch times (the run's start date). */
  readonly inputs: readonly GuardInput[];
  readonly startMs: number;
  /** The simulated truth, one entry per second (run-relative times). */
  readonly truth: readonly TruthSecond[];
}

/** 2024-01-01 06:30 UTC; one activity every other day from there. */
export const HISTORY_START_MS = Date.UTC(2024, 0, 1, 6, 30);
const DAY_MS = 86_400_000;

/** The plan: 24 runs and 3 activities that are not runs. */
const PLAN: readonly ActivityKind[] = [
  'easy', 'easy', 'recovery', 'easy', 'tempo', 'easy', 'long', 'easy', 'walk', 'easy', 'recovery', 'easy', 'intervals', 'easy',
  'ride', 'easy', 'tempo', 'easy', 'long', 'easy', 'rowing', 'recovery', 'easy', 'easy', 'easy', 'easy', 'easy',
];

export const RUNNERS: readonly HistoryRunner[] = [
  {
    // Chest strap and barometer: the friendly recording. 5:30 easy.
    name: 'anna',
    runner: { ...DEFAULT_RUNNER },
    hillyShare: 0.15,
    lockedHighRuns: 0,
    slopeTolerance: 0.15,
  },
  {
    // Wrist sensor with every artefact: 6:15 easy, slow heart response.
    name: 'bert',
    runner: { ...DEFAULT_RUNNER, easyPaceSecPerKm: 375, hrRestBpm: 58, hrMaxBpm: 175, hrAtEasyPaceBpm: 133, hrPerMpsBpm: 32, hrTauSec: 55, driftBpmPerHour: 5, cadenceAtEasyPaceSpm: 164 },
    recording: { hrSensor: 'optical' },
    noise: { opticalHrSigmaBpm: 4, hrGlitchesPerHour: 8, multipathPerHour: 6 },
    hillyShare: 0.15,
    lockedHighRuns: 3,
    slopeTolerance: 0.15,
  },
  {
    // A hill runner: 4:45 easy, rolling terrain on most runs.
    name: 'cara',
    runner: { ...DEFAULT_RUNNER, easyPaceSecPerKm: 285, hrRestBpm: 45, hrMaxBpm: 192, hrAtEasyPaceBpm: 146, hrPerMpsBpm: 25, hrTauSec: 32, driftBpmPerHour: 3, cadenceAtEasyPaceSpm: 176 },
    hillyShare: 0.7,
    lockedHighRuns: 0,
    slopeTolerance: 0.15,
  },
  {
    // A slow runner on a watch with smart recording and noisy GPS: 7:00 easy, drifts on long runs.
    name: 'dean',
    runner: { ...DEFAULT_RUNNER, easyPaceSecPerKm: 420, hrRestBpm: 55, hrMaxBpm: 180, hrAtEasyPaceBpm: 140, hrPerMpsBpm: 36, hrTauSec: 45, driftBpmPerHour: 8, cadenceAtEasyPaceSpm: 160 },
    recording: { rate: 'smart' },
    noise: { gpsSpeedSigmaMps: 0.25, gpsSpeedTauSec: 10 },
    hillyShare: 0.2,
    lockedHighRuns: 0,
    slopeTolerance: 0.3,
  },
];

const minutes = (m: number): number => Math.round(m * 60);
const at = (secPerKm: number, durationSec: number): Segment => ({ kind: 'run', durationSec, pace: { secPerKm } });

/** The course of one activity, around the runner's easy pace E (s/km). */
function segmentsFor(kind: ActivityKind, easy: number, random: Random): Segment[] {
  switch (kind) {
    case 'easy':
      return [at(easy + 25, minutes(3)), at(easy + uniform(random, -10, 10), minutes(uniformInt(random, 30, 42)))];
    case 'recovery':
      return [at(easy + uniform(random, 30, 45), minutes(uniformInt(random, 28, 35)))];
    case 'tempo':
      return [at(easy + 20, minutes(12)), at(easy - 60, minutes(16)), at(easy + 30, minutes(6))];
    case 'intervals': {
      // Off the block grid (12.5 min in): 3-min repeats never line up with three whole blocks.
      const repeats = Array.from({ length: 5 }, () => [at(easy - 120, minutes(3)), at(easy + 60, minutes(2))]).flat();
      return [at(easy + 20, 750), ...repeats, at(easy + 30, minutes(8))];
    }
    case 'long':
      return [at(easy + 25, minutes(3)), at(easy + uniform(random, 5, 20), minutes(uniformInt(random, 60, 70)))];
    case 'walk':
      return [at(770, minutes(35))];
    case 'ride':
      return [at(135, minutes(40))];
    case 'rowing':
      return [at(easy - 40, minutes(30))];
  }
}

const ROLLING: Terrain = { rollingAmplitudePct: 3, rollingWavelengthM: 900 };

/** A runner's history: every activity as epoch-timed guard inputs, deterministic in `seed`. */
export function makeHistory(who: HistoryRunner, seed: number): HistoryActivity[] {
  const random = stream(seed, `history-${who.name}`);
  let lockedHigh = who.lockedHighRuns;
  return PLAN.map((kind, day) => {
    const segments = segmentsFor(kind, who.runner.easyPaceSecPerKm, random);
    const hilly = (kind === 'easy' || kind === 'long' || kind === 'recovery') && random() < who.hillyShare;
    const scenario: Scenario = {
      name: `${who.name}-${day}-${kind}`,
      runner: who.runner,
      ceilings: { paceCeilingSecPerKm: who.runner.easyPaceSecPerKm + 30, hrCeilingBpm: 150 },
      segments,
      ...(who.recording === undefined ? {} : { recording: who.recording }),
      noise: {
        ...who.noise,
        ...(who.recording?.hrSensor === 'optical' ? { cadenceLocks: [{ atSec: minutes(14), durationSec: 90 }], hrDropouts: [{ atSec: minutes(20), durationSec: 40 }] } : {}),
      },
      ...(hilly ? { terrain: ROLLING } : {}),
    };
    const run = synthesizeRun(scenario, seed * 1000 + day);
    const startMs = HISTORY_START_MS + 2 * day * DAY_MS;
    let inputs: GuardInput[] = run.inputs.map((input) => ({ ...input, atMs: input.atMs + startMs }));
    if (kind === 'rowing') {
      // Strokes, not steps: 28 a minute, which the reader's doubling of FIT cadence makes 56.
      inputs = inputs.map((input) => (input.kind === 'sample' && input.cadenceSpm !== undefined ? { ...input, cadenceSpm: 56 } : input));
    }
    if (kind === 'easy' && lockedHigh > 0) {
      lockedHigh--;
      inputs = lockHigh(inputs, startMs + minutes(22) * 1000, startMs + minutes(37) * 1000, 25);
    }
    return { name: `${who.name}-${String(day).padStart(2, '0')}-${kind}`, kind, inputs, startMs, truth: run.truth };
  });
}

/** A wrist sensor that reads `extraBpm` high from `fromMs` to `toMs` (it ramps in over 20 s, so the jump filter believes it). */
function lockHigh(inputs: readonly GuardInput[], fromMs: number, toMs: number, extraBpm: number): GuardInput[] {
  return inputs.map((input) => {
    if (input.kind !== 'sample' || input.hrBpm === undefined || input.atMs < fromMs || input.atMs >= toMs) return input;
    const ramp = Math.min(1, (input.atMs - fromMs) / 20_000);
    return { ...input, hrBpm: Math.round(input.hrBpm + ramp * extraBpm) };
  });
}

/** The curve's truth for a runner: steady heart rate at a grade-adjusted speed and a moving time. */
export function trueHrBpm(runner: Runner, gapSpeedMps: number, movingHours: number): number {
  return runner.hrAtEasyPaceBpm + runner.hrPerMpsBpm * (gapSpeedMps - 1000 / runner.easyPaceSecPerKm) + runner.driftBpmPerHour * movingHours;
}

/** What calibrate is given for one extracted activity, as the command builds it (simulator/commands/calibrate/command.ts): none for a skipped one. */
export function calibrationRunOf(activity: HistoryActivity, extracted: ActivityExtract): CalibrationRun[] {
  if (extracted.kind !== 'run') return [];
  const { facts, stretches, response, cadenceBlocks } = extracted;
  return [{ file: `${activity.name}.fit`, sha256: '0'.repeat(64), facts, stretches, ...(response === undefined ? {} : { response }), cadenceBlocks }];
}

/** A history's runs as calibrate is given them, extracted from the inputs (rides left out: they need the FIT file to be told apart). */
export function historyRuns(who: HistoryRunner, seed: number): CalibrationRun[] {
  return makeHistory(who, seed).flatMap((activity) => (activity.kind === 'ride' ? [] : calibrationRunOf(activity, extractFromInputs(activity.inputs))));
}
