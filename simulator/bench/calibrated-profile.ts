/**
 * Does a calibrated profile help the effort-model guard (issue #19)? For a few
 * synthetic runners whose body differs from the population prior
 * (src/estimate/runner-model.ts: gain 24 bpm per m/s, τ 55 s, dead time 5 s),
 * this makes a training history with the project's own generator, calibrates
 * it (src/calibrate/calibrate.ts → the profile's runnerModel), then runs
 * held-out labelled runs of the same runner (pace surges over the ceiling,
 * uphill at ceiling pace, clean stretches near the ceiling) through the model
 * guard twice: with the calibrated runnerModel and with the prior alone.
 * Both are scored by score.ts against the runs' labels.
 *
 * `npm run bench:calprof` prints the table; `--write-docs` also rewrites its
 * block of docs/effort-model.md (write-doc.ts). The test
 * tests/estimate/calibrated-profile.test.ts pins what the figures show.
 *
 * Everything is deterministic in the seed. The generator's cadence slope is a
 * constant (CADENCE_PER_MPS_SPM), so no runner here has a cadence slope off
 * the prior's by choice: the prior's 9 against the generator's 8.
 */
import { calibrate, type CalibrationRun } from '../../src/calibrate/calibrate.ts';
import { extractFromInputs } from '../../src/calibrate/extract.ts';
import { deriveCeilings } from '../../src/ceiling/ceiling.ts';
import { DEFAULT_TUNING } from '../../src/guard/config.ts';
import type { SlowDown } from '../../src/guard/events.ts';
import { modelGuard, runModelGuard } from '../../src/estimate/guard.ts';
import type { RunnerModel } from '../../src/estimate/runner-model.ts';
import { DEFAULT_ESTIMATE_SETTINGS } from '../../src/estimate/settings.ts';
import type { Noise, Recording, Runner, Scenario, ScenarioCeilings, Segment } from '../synth/scenario.ts';
import { DEFAULT_RUNNER } from '../synth/scenario.ts';
import { holdPace, runAt } from '../synth/segments.ts';
import { synthesizeRun, type SynthRun } from '../synth/synthesize.ts';
import { scoreRun, summarize, type RunScore, type Score } from './score.ts';

export interface CalprofRunner {
  readonly name: string;
  readonly runner: Runner;
}

/**
 * Runners whose heart differs from the prior's: steep and slow, steep and
 * quick, shallow and slow; all with a 10 s dead time.
 */
export const CALPROF_RUNNERS: readonly CalprofRunner[] = [
  { name: 'steep-slow', runner: { ...DEFAULT_RUNNER, hrPerMpsBpm: 36, hrTauSec: 90, hrDelaySec: 10 } },
  { name: 'steep-quick', runner: { ...DEFAULT_RUNNER, easyPaceSecPerKm: 300, hrAtEasyPaceBpm: 142, hrPerMpsBpm: 36, hrTauSec: 30, hrDelaySec: 10, cadenceAtEasyPaceSpm: 174 } },
  { name: 'shallow-slow', runner: { ...DEFAULT_RUNNER, easyPaceSecPerKm: 360, hrAtEasyPaceBpm: 135, hrPerMpsBpm: 16, hrTauSec: 80, hrDelaySec: 10, cadenceAtEasyPaceSpm: 166 } },
];

const minutes = (m: number): number => Math.round(m * 60);
const at = (secPerKm: number, m: number): Segment => ({ kind: 'run', durationSec: minutes(m), pace: { secPerKm } });

/** 2024-01-01 06:30 UTC; one run every other day from there (calibration reads dates). */
const HISTORY_START_MS = Date.UTC(2024, 0, 1, 6, 30);
const DAY_MS = 86_400_000;
/** History run `day` of seed `seed` is synthesized with seed · HISTORY_SEED_STRIDE + day. */
const HISTORY_SEED_STRIDE = 1000;

/**
 * A short history around easy pace E: easy and recovery runs for the curve's
 * level, two tempo runs and one interval session for its slope and the heart's
 * time constant. Fewer runs than tests/calibrate/history.ts, no artefacts
 * beyond the generator's defaults: this asks what a good fit buys, not
 * whether the fit is good (runner-model.test.ts asks that).
 */
function historyCourses(easy: number): Segment[][] {
  const intervals = Array.from({ length: 5 }, () => [at(easy - 120, 3), at(easy + 60, 2)]).flat();
  return [
    [at(easy + 25, 3), at(easy - 5, 35)],
    [at(easy + 40, 30)],
    [at(easy + 20, 12), at(easy - 60, 16), at(easy + 30, 6)],
    [at(easy + 25, 3), at(easy + 5, 40)],
    [at(easy + 20, 12.5), ...intervals, at(easy + 30, 8)],
    [at(easy + 25, 3), at(easy + 10, 38)],
    [at(easy + 20, 12), at(easy - 50, 18), at(easy + 30, 6)],
    [at(easy + 35, 32)],
    [at(easy + 25, 3), at(easy + 15, 60)],
    [at(easy + 25, 3), at(easy, 36)],
  ];
}

/** The runner's calibrated model from a history made with `seed`; a calibration failure is thrown (a programmer's mistake here). */
export function calibratedModel(who: CalprofRunner, seed: number): RunnerModel {
  const runs: CalibrationRun[] = historyCourses(who.runner.easyPaceSecPerKm).flatMap((segments, day) => {
    const scenario: Scenario = {
      name: `${who.name}-history-${day}`,
      runner: who.runner,
      ceilings: { paceCeilingSecPerKm: who.runner.easyPaceSecPerKm + 30, hrCeilingBpm: 150 },
      segments,
    };
    const startMs = HISTORY_START_MS + 2 * day * DAY_MS;
    const run = synthesizeRun(scenario, seed * HISTORY_SEED_STRIDE + day);
    const extract = extractFromInputs(run.inputs.map((input) => ({ ...input, atMs: input.atMs + startMs })));
    if (extract.kind !== 'run') return [];
    const { facts, stretches, response, cadenceBlocks } = extract;
    return [{ file: `${scenario.name}.fit`, sha256: '0'.repeat(64), facts, stretches, ...(response === undefined ? {} : { response }), cadenceBlocks }];
  });
  const result = calibrate(runs);
  if (!result.ok) throw new Error(`${who.name}: ${result.error}`);
  const { model } = result.calibration.runnerModel;
  const fields = ['refSpeedMps', 'hrAtRefBpm', 'hrAtRefSdBpm', 'hrGainBpmPerMps', 'hrTauSec', 'hrDelaySec', 'cadenceAtRefSpm', 'cadenceSlopeSpmPerMps'] as const;
  const missing = fields.filter((field) => model[field] === undefined);
  if (missing.length > 0) throw new Error(`${who.name}: calibration left ${missing.join(', ')} unfitted`);
  return model as RunnerModel;
}

/** Steady heart rate of `runner` at `secPerKm` on the flat, fresh. */
export function steadyHrBpm(runner: Runner, secPerKm: number): number {
  return runner.hrAtEasyPaceBpm + runner.hrPerMpsBpm * (1000 / secPerKm - 1000 / runner.easyPaceSecPerKm);
}

/**
 * What the runner is held to: 30 s/km slower than easy, and a heart-rate
 * ceiling HR_CEILING_MARGIN_BPM above their steady heart at that pace, so
 * easy running stays under both and surges go over both.
 */
export const HR_CEILING_MARGIN_BPM = 4;
export function heldOutCeilings(runner: Runner): ScenarioCeilings {
  const paceCeilingSecPerKm = runner.easyPaceSecPerKm + 30;
  return { paceCeilingSecPerKm, hrCeilingBpm: Math.round(steadyHrBpm(runner, paceCeilingSecPerKm) + HR_CEILING_MARGIN_BPM) };
}

const easy = (m: number, offset: number): Segment => runAt(minutes(m), offset);
const WARM_UP = easy(4, 35);

/** Held-out courses, offsets from the pace ceiling (s/km; negative = faster). */
const HELD_OUT_COURSES: readonly { readonly id: string; readonly segments: readonly Segment[]; readonly noise?: Partial<Noise> }[] = [
  { id: 'surges', segments: [WARM_UP, easy(8, 10), easy(3, -30), easy(8, 10), easy(2, -45), easy(10, 15), easy(4, -20), easy(6, 10)] },
  { id: 'uphill', segments: [WARM_UP, easy(8, 12), holdPace(minutes(4), 0, 5), easy(10, 12), holdPace(minutes(3), 5, 6), easy(10, 15)] },
  { id: 'near', segments: [WARM_UP, easy(20, 5), easy(2, -25), easy(18, 8)] },
  {
    // GPS lost in the middle of a surge and on an easy stretch: heart and cadence carry the speed through.
    id: 'tunnel',
    segments: [WARM_UP, easy(10, 10), easy(3, -35), easy(14, 10), easy(2, -25), easy(12, 12)],
    noise: { tunnels: [{ atSec: minutes(14) + 70, durationSec: 40, speed: 'missing' }, { atSec: minutes(35), durationSec: 60, speed: 'missing' }] },
  },
];

/**
 * How each held-out course is recorded. With a good GPS the speed is seen
 * directly and the body model has little to add; it carries more where GPS
 * is noisy or lost and heart rate and cadence stand in for it.
 */
const CONDITIONS: readonly { readonly id: string; readonly recording?: Partial<Recording>; readonly noise?: Partial<Noise> }[] = [
  { id: 'chest' },
  { id: 'noisy-gps', noise: { gpsSpeedSigmaMps: 0.3, gpsSpeedTauSec: 10, positionSigmaM: 4 } },
  { id: 'optical-noisy-gps', recording: { hrSensor: 'optical' }, noise: { gpsSpeedSigmaMps: 0.3, gpsSpeedTauSec: 10, positionSigmaM: 4 } },
];

/**
 * Held-out runs take seeds far from the history's (seed · HISTORY_SEED_STRIDE
 * + day), so no held-out run replays a history run's noise.
 */
const HELD_OUT_SEED_STRIDE = 7919;
const HELD_OUT_SEED_OFFSET = 500;
const heldOutSeed = (seed: number, index: number): number => seed * HELD_OUT_SEED_STRIDE + HELD_OUT_SEED_OFFSET + index;

/** The held-out labelled runs of one runner (every course under every condition), deterministic in `seed`. */
export function heldOutRuns(who: CalprofRunner, seed: number): SynthRun[] {
  return HELD_OUT_COURSES.flatMap(({ id, segments, noise }, courseIndex) =>
    CONDITIONS.map((condition, conditionIndex) =>
      synthesizeRun(
        {
          name: `${who.name}-${id}-${condition.id}`,
          runner: who.runner,
          ceilings: heldOutCeilings(who.runner),
          segments,
          ...(condition.recording === undefined ? {} : { recording: condition.recording }),
          noise: { ...condition.noise, ...noise },
        },
        heldOutSeed(seed, courseIndex * CONDITIONS.length + conditionIndex),
      ),
    ),
  );
}

/** The model guard's slow-down times on one run, from `runnerModel` (the prior when absent). */
export function slowDownTimes(run: SynthRun, runnerModel: RunnerModel | undefined): number[] {
  const config = { ceilings: deriveCeilings(run.scenario.ceilings), tuning: DEFAULT_TUNING };
  const guard = modelGuard(config, DEFAULT_ESTIMATE_SETTINGS, runnerModel);
  return runModelGuard(run.inputs, guard)
    .filter((event): event is SlowDown => event.kind === 'slow-down')
    .map((event) => event.atMs);
}

/** One guard's scores on a runner's held-out runs: per run (for paired comparisons) and pooled. */
export interface Scored {
  readonly runs: readonly RunScore[];
  readonly total: Score;
}

export interface RunnerComparison {
  readonly who: CalprofRunner;
  readonly fitted: RunnerModel;
  readonly calibrated: Scored;
  readonly prior: Scored;
  /** With a deliberately wrong model (the fitted one, τ ×3), when asked. */
  readonly wrong?: Scored;
}

/** τ ×3, clamped to the body's bounds: a model the test must see hurt. */
export const WRONG_TAU_FACTOR = 3;

export function compareRunner(who: CalprofRunner, seed: number, withWrong = false): RunnerComparison {
  const fitted = calibratedModel(who, seed);
  const runs = heldOutRuns(who, seed);
  const scoreWith = (model: RunnerModel | undefined): Scored => {
    const scores = runs.map((run) => scoreRun(run.labels, slowDownTimes(run, model)));
    return { runs: scores, total: summarize(scores) };
  };
  const wrongModel: RunnerModel = { ...fitted, hrTauSec: Math.min(180, fitted.hrTauSec * WRONG_TAU_FACTOR) };
  return {
    who,
    fitted,
    calibrated: scoreWith(fitted),
    prior: scoreWith(undefined),
    ...(withWrong ? { wrong: scoreWith(wrongModel) } : {}),
  };
}

const f = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const signed = (value: number, digits: number): string => (value > 0 ? `+${f(value, digits)}` : f(value, digits));
const cell = (s: Score): string => `${s.detected}/${s.overshoots} · ${f(s.medianDelaySec, 1)} s · ${s.falseAlarms} FA`;

/** The Markdown table: per runner, truth, fit, and the guards' scores. */
export function calprofLines(results: readonly RunnerComparison[]): string[] {
  const allWrong = results.every((r) => r.wrong !== undefined);
  return [
    '| runner | truth gain · τ · delay | fitted gain · τ · delay | calibrated | prior only | τ ×3 (wrong) | paired delay, calibrated − prior |',
    '|---|---|---|---|---|---|---|',
    ...results.map(({ who, fitted, calibrated, prior, wrong }) =>
      `| ${who.name} | ${who.runner.hrPerMpsBpm} · ${who.runner.hrTauSec} s · ${who.runner.hrDelaySec ?? 0} s | ${f(fitted.hrGainBpmPerMps, 1)} · ${f(fitted.hrTauSec, 0)} s · ${f(fitted.hrDelaySec, 0)} s | ${cell(calibrated.total)} | ${cell(prior.total)} | ${wrong === undefined ? '–' : cell(wrong.total)} | ${signed(meanOf(pairedDelayDiffsSec(calibrated, prior)), 1)} s |`,
    ),
    `| all | | | ${cell(pooled(results.map((r) => r.calibrated)))} | ${cell(pooled(results.map((r) => r.prior)))} | ${allWrong ? cell(pooled(results.map((r) => r.wrong))) : '–'} | |`,
  ];
}

/**
 * Detection delay of `a` less that of `b`, overshoot by overshoot, over the
 * overshoots both detected (the same runs, so the same labels): a paired
 * difference, far less noisy than a difference of medians. Seconds each.
 */
export function pairedDelayDiffsSec(a: Scored, b: Scored): number[] {
  return a.runs.flatMap((run, r) =>
    run.outcomes.flatMap((outcome, o) => {
      const other = b.runs[r]?.outcomes[o];
      return outcome.delaySec === undefined || other?.delaySec === undefined ? [] : [outcome.delaySec - other.delaySec];
    }),
  );
}

export const meanOf = (values: readonly number[]): number => (values.length === 0 ? NaN : values.reduce((sum, v) => sum + v, 0) / values.length);

/** One line per seed: the pooled scores, and each model's paired delay difference from the prior's. */
export function seedLines(bySeed: readonly (readonly RunnerComparison[])[]): string[] {
  const rows = bySeed.map((results, index) => {
    const calibrated = pooled(results.map((r) => r.calibrated));
    const prior = pooled(results.map((r) => r.prior));
    const allWrong = results.every((r) => r.wrong !== undefined);
    const wrong = allWrong ? pooled(results.map((r) => r.wrong)) : undefined;
    const paired = (pick: (r: RunnerComparison) => Scored | undefined): string => {
      const diffs = results.flatMap((r) => {
        const scored = pick(r);
        return scored === undefined ? [] : pairedDelayDiffsSec(scored, r.prior);
      });
      return diffs.length === 0 ? '–' : `${signed(meanOf(diffs), 1)} s`;
    };
    return (
      `| ${index + 1} | ${cell(calibrated)} | ${cell(prior)} | ${wrong === undefined ? '–' : cell(wrong)} | ` +
      `${signed(calibrated.detected - prior.detected, 0)} · ${signed(calibrated.falseAlarms - prior.falseAlarms, 0)} | ${paired((r) => r.calibrated)} | ${paired((r) => r.wrong)} |`
    );
  });
  return [
    '| seed | calibrated | prior only | τ ×3 (wrong) | calibrated − prior: detected · false alarms | paired delay, calibrated − prior | paired delay, wrong − prior |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ];
}

/**
 * "Not worse than the prior", pooled over runners and seeds: the margins a
 * guard with a runner model must keep against the same guard with the prior
 * alone. Chosen from the spread of the calibrated guard over seeds 1–5
 * (`npm run bench:calprof -- --seeds 5`): detections within one, false alarms
 * within two, paired delay within +2.3 s per seed, about +0.3 s over two.
 */
export const NOT_WORSE = {
  /** Overshoots detected: at most this many fewer than the prior's guard. */
  detectedBelowPrior: 2,
  /** False alarms: at most this many more. */
  falseAlarmsAbovePrior: 2,
  /** Mean paired detection delay: at most this much later, s. */
  pairedDelaySec: 1.5,
} as const;

/**
 * "Better than the prior": what the claim would need, pooled the same
 * way: a mean paired delay at least this much quicker, or this many fewer
 * false alarms, while still not worse on the others.
 */
export const CLEARLY_BETTER = {
  pairedDelaySec: -1,
  falseAlarmsBelowPrior: 2,
} as const;

export interface Versus {
  readonly detectedDiff: number;
  readonly falseAlarmsDiff: number;
  readonly pairedDelaySec: number;
  readonly pairs: number;
}

/** A model's guard against the prior's, pooled over every runner of every seed. */
export function versusPrior(bySeed: readonly (readonly RunnerComparison[])[], pick: (r: RunnerComparison) => Scored | undefined): Versus {
  const all = bySeed.flat();
  const model = pooled(all.map(pick));
  const prior = pooled(all.map((r) => r.prior));
  const diffs = all.flatMap((r) => {
    const scored = pick(r);
    return scored === undefined ? [] : pairedDelayDiffsSec(scored, r.prior);
  });
  return { detectedDiff: model.detected - prior.detected, falseAlarmsDiff: model.falseAlarms - prior.falseAlarms, pairedDelaySec: meanOf(diffs), pairs: diffs.length };
}

/** Which NOT_WORSE margins a comparison breaks, each in words (empty: not worse). */
export function worseThanPrior(v: Versus): string[] {
  const breaches: string[] = [];
  if (v.detectedDiff < -NOT_WORSE.detectedBelowPrior) breaches.push(`detected ${v.detectedDiff} (margin −${NOT_WORSE.detectedBelowPrior})`);
  if (v.falseAlarmsDiff > NOT_WORSE.falseAlarmsAbovePrior) breaches.push(`false alarms +${v.falseAlarmsDiff} (margin +${NOT_WORSE.falseAlarmsAbovePrior})`);
  if (!(v.pairedDelaySec <= NOT_WORSE.pairedDelaySec)) breaches.push(`paired delay ${signed(v.pairedDelaySec, 1)} s (margin +${NOT_WORSE.pairedDelaySec} s)`);
  return breaches;
}

export function clearlyBetterThanPrior(v: Versus): boolean {
  const better = v.pairedDelaySec <= CLEARLY_BETTER.pairedDelaySec || v.falseAlarmsDiff <= -CLEARLY_BETTER.falseAlarmsBelowPrior;
  return better && worseThanPrior(v).length === 0;
}

/** The verdict lines: each model against the prior over all seeds given. */
export function verdictLines(bySeed: readonly (readonly RunnerComparison[])[]): string[] {
  const line = (name: string, v: Versus): string => {
    const worse = worseThanPrior(v);
    const verdict = worse.length > 0 ? `worse: ${worse.join(', ')}` : clearlyBetterThanPrior(v) ? 'better' : 'not worse, not better';
    return `- ${name} vs prior only, ${bySeed.length} seed(s): detected ${signed(v.detectedDiff, 0)}, false alarms ${signed(v.falseAlarmsDiff, 0)}, paired delay ${signed(v.pairedDelaySec, 1)} s over ${v.pairs} overshoots: **${verdict}**`;
  };
  const wrongToo = bySeed.flat().every((r) => r.wrong !== undefined);
  return [line('calibrated', versusPrior(bySeed, (r) => r.calibrated)), ...(wrongToo ? [line('τ ×3 (wrong)', versusPrior(bySeed, (r) => r.wrong))] : [])];
}

/** Scores pooled over runners: every run of every runner, summarized together. */
export function pooled(scored: readonly (Scored | undefined)[]): Score {
  return summarize(scored.flatMap((s) => (s === undefined ? [] : s.runs)));
}
