import type { GuardInput, Sample } from '../samples/sample.ts';
import type { GuardConfig } from '../guard/config.ts';
import { INITIAL_DECISION_STATE } from '../guard/decide.ts';
import type { GuardEvent } from '../guard/events.ts';
import { silence } from '../guard/silence.ts';
import type { GuardState, GuardStep } from '../guard/step.ts';
import { INITIAL_CONDITION_STATE, stepCondition, type Conditioned } from '../guard/conditioned.ts';
import { HR_MAX_BPM, HR_MIN_BPM, readsStepRate } from '../signal/heart-rate.ts';
import { gradeAdjustedSpeedMps } from '../signal/minetti.ts';
import { readingAt } from '../signal/window.ts';
import { decideOnEstimate, type ModelTests } from './decide.ts';
import { estimateOf, initialEstimator, stepEstimator, type Estimate, type EstimatorInput, type EstimatorState } from './estimator.ts';
import type { Belief } from './linear-gaussian.ts';
import { INITIAL_HR_LEAP_STATE, stepHrLeap, type HrLeapState } from './observation/heart-rate.ts';
import type { SpeedSource } from './observation/speed.ts';
import { speedSensorsBelief, speedSensorsEstimateOf, stepSpeedSensors, type SpeedSensorsEstimate } from './speed-sensors.ts';
import { POPULATION_PRIOR, RUNNER_MODEL_BOUNDS, type RunnerModel } from './runner-model.ts';
import { designCusum, EVIDENCE_CORRELATION_SEC } from './sequential-test.ts';
import { ESTIMATE_SETTINGS, type EstimateSettings } from './settings.ts';

/**
 * The model guard as one pure step, beside today's (src/guard/step.ts):
 * silence (signal-lost, as today), conditioning (the run clock, pauses,
 * moving, grade, the accepted speed reading, cadence lock), the effort
 * estimate (estimator.ts), then the test and today's alert policy
 * (decide.ts). Same inputs, same events, so it can replace today's guard.
 */
export interface ModelGuard {
  readonly config: GuardConfig;
  readonly settings: EstimateSettings;
  readonly tests: ModelTests;
  readonly initial: EstimatorState;
  /**
   * The GPS speed error's size when it is known beforehand, m/s, in place of
   * the size measured from the readings' scatter (gpsErrorSdOf). Absent in
   * the product; simulator/bench/model-bounds.ts tells it the generator's, to
   * measure what measuring it online costs.
   */
  readonly gpsErrorSdToldMps?: number;
}

export interface ModelGuardState extends GuardState {
  readonly estimator: EstimatorState;
  readonly estimate: Estimate;
  /** The same filter on the speed sensors alone (speed-sensors.ts): what the pace test may count. */
  readonly speedSensors: Belief;
  readonly speedSensorsEstimate: SpeedSensorsEstimate;
  /** Heart-rate readings that leapt further than a heart can (observation/heart-rate.ts). */
  readonly hrLeap: HrLeapState;
}

/**
 * The runner model a run starts from: the profile's when it has one; else the
 * population prior anchored at the runner's ceilings (their easy speed is the
 * ceiling's, their heart there is the heart-rate ceiling), clamped to what a
 * body can do.
 */
export function startingModel(config: GuardConfig, profileModel: RunnerModel | undefined): RunnerModel {
  if (profileModel !== undefined) return profileModel;
  const { paceCeilingSecPerKm, hrCeilingBpm } = config.ceilings;
  const bounds = RUNNER_MODEL_BOUNDS;
  const refSpeedMps =
    paceCeilingSecPerKm === undefined ? POPULATION_PRIOR.refSpeedMps : clamp(1000 / paceCeilingSecPerKm, bounds.refSpeedMps.min, bounds.refSpeedMps.max);
  const hrAtRefBpm = hrCeilingBpm === undefined ? POPULATION_PRIOR.hrAtRefBpm : clamp(hrCeilingBpm, bounds.hrAtRefBpm.min, bounds.hrAtRefBpm.max);
  return { ...POPULATION_PRIOR, refSpeedMps, hrAtRefBpm };
}

/**
 * The guard for a run. Each test divides its excess by at least a spread not
 * worth telling apart: for pace, the null's distance from the ceiling
 * (paceClearlyUnderSecPerKm); for heart rate, one reading's noise
 * (hrReadingNoiseBpm). Both were settings of their own with those values;
 * heart rate's null (3 bpm) in its place cost real runs 14 → 18 s median
 * delay (docs/decisions/effort-model.md).
 */
export function modelGuard(config: GuardConfig, settings: EstimateSettings, profileModel?: RunnerModel): ModelGuard {
  const { paceCeilingSecPerKm, hrCeilingBpm } = config.ceilings;
  const s = settings;
  return {
    config,
    settings,
    tests: {
      pace:
        paceCeilingSecPerKm === undefined
          ? undefined
          : designCusum(s.paceClearlyOverSecPerKm, s.paceClearlyUnderSecPerKm, s.paceClearlyUnderSecPerKm, s.falseAlarmsPerHour, EVIDENCE_CORRELATION_SEC),
      hr:
        hrCeilingBpm === undefined
          ? undefined
          : designCusum(s.hrClearlyOverBpm, s.hrClearlyUnderBpm, s.hrReadingNoiseBpm, s.falseAlarmsPerHour, EVIDENCE_CORRELATION_SEC),
    },
    initial: initialEstimator(startingModel(config, profileModel), settings),
  };
}

export function initialModelGuardState(guard: ModelGuard): ModelGuardState {
  return {
    condition: INITIAL_CONDITION_STATE,
    decision: INITIAL_DECISION_STATE,
    estimator: guard.initial,
    estimate: estimateOf(guard.initial),
    speedSensors: speedSensorsBelief(guard.initial.belief),
    speedSensorsEstimate: speedSensorsEstimateOf(speedSensorsBelief(guard.initial.belief)),
    hrLeap: INITIAL_HR_LEAP_STATE,
  };
}

export function modelGuardStep(state: ModelGuardState, input: GuardInput, guard: ModelGuard): ModelGuardState {
  const { config, settings } = guard;
  const quiet = silence(state, input.atMs, config);
  const condition = stepCondition(state.condition, input, config.tuning);
  const conditioned = condition.output;
  if (conditioned === undefined) throw new Error('stepCondition always sets output');
  // The body goes on during a pause: the estimate relaxes (and widens) over the real gap, at most the stale limit.
  const gapMs = state.condition.lastAtMs === undefined ? 0 : conditioned.atMs - state.condition.lastAtMs;
  const dtSec = Math.min(gapMs, config.tuning.staleMs) / 1000;
  const readings =
    input.kind === 'sample'
      ? readingsOf(input, condition.pace.readings, readsStepRate(condition.hr), conditioned, dtSec, state.estimate.gapSpeedMps, settings, guard.gpsErrorSdToldMps)
      : undefined;
  const leap = readings?.hrBpm === undefined ? undefined : stepHrLeap(state.hrLeap, readings.hrBpm, conditioned.atMs, state.estimate.heartBpm);
  const hrLeap = leap === undefined ? state.hrLeap : leap.state;
  // A leap no heart makes: the readings are the sensor's (a lock with no cadence field), as a cadence lock's are.
  const fullInput: EstimatorInput | undefined = readings !== undefined && leap?.ofHeart === false ? { ...readings, hrCadenceLocked: true } : readings;
  const estimator = fullInput === undefined ? state.estimator : stepEstimator(state.estimator, fullInput, settings);
  const estimate = estimator === state.estimator ? state.estimate : estimateOf(estimator);
  const speedSensors = fullInput === undefined ? state.speedSensors : stepSpeedSensors(state.speedSensors, fullInput, estimator);
  const speedSensorsEstimate = speedSensors === state.speedSensors ? state.speedSensorsEstimate : speedSensorsEstimateOf(speedSensors);
  const decision = decideOnEstimate(quiet.state.decision, conditioned, estimate, speedSensorsEstimate, config, guard.tests);
  const events: readonly GuardEvent[] = quiet.events.length === 0 ? decision.events : [...quiet.events, ...decision.events];
  const last: GuardStep = { conditioned, events, overshoot: decision.overshoot };
  return { condition, decision: decision.state, last, estimator, estimate, speedSensors, speedSensorsEstimate, hrLeap };
}

/** The GPS error's size is this many times the readings' measured scatter (conditioning's paceNoiseShare, a share of speed). */
export const GPS_ERROR_PER_SCATTER = 4;
/**
 * The readings' scatter sizes the GPS error only once conditioning has
 * measured it this long, ms; the setting stands until then. Conditioning
 * measures it from the pace warm-up on, in a running mean that starts afresh
 * (src/signal/noise.ts), so a speed-up in its first seconds was most of the
 * measure: on perfect readings an overshoot from minute 1 sized the GPS error
 * 0.25 → 1 m/s (its bound), and the model took the step for GPS error
 * (early overshoots' p90 43 → 29 s on perfect readings, 106.8 → 85.7 s as
 * recorded; docs/effort-model-bounds.md).
 */
export const MIN_SCATTER_MEASURED_MS = 30_000;
/** Steps of the measured size, m/s: a transition is remade only when it moves by one. */
const GPS_ERROR_STEP_MPS = 0.01;

/**
 * The GPS error's size in this run: from the readings' scatter, which
 * conditioning measures while running; undefined until then (the scatter is
 * 0), so that the setting stands. Bounded by the setting's range.
 */
function gpsErrorSdOf(paceNoiseShare: number, speedMps: number, settings: EstimateSettings): number | undefined {
  if (!(paceNoiseShare > 0)) return undefined;
  const { min, max } = ESTIMATE_SETTINGS.gpsErrorSdMps;
  const measured = GPS_ERROR_PER_SCATTER * paceNoiseShare * Math.max(speedMps, 1);
  const sd = Math.round(Math.min(max, Math.max(min, measured)) / GPS_ERROR_STEP_MPS) * GPS_ERROR_STEP_MPS;
  return sd > 0 ? sd : settings.gpsErrorSdMps;
}

/** What the estimator reads of this sample: every field given (undefined when not read), so every input has one shape. */
function readingsOf(
  sample: Sample,
  readings: Parameters<typeof readingAt>[0],
  /**
   * This reading sits on the step rate with lock evidence (src/signal/heart-rate.ts):
   * conditioning reports a lock only after CADENCE_LOCK_MS, the estimator drops
   * the reading at once, since one reading of a lock already says little of the heart.
   */
  readsStepRateNow: boolean,
  conditioned: Conditioned,
  dtSec: number,
  speedEstimateMps: number,
  settings: EstimateSettings,
  gpsErrorSdToldMps: number | undefined,
): EstimatorInput {
  const { atMs, gradePct } = conditioned;
  // The reading conditioning accepted now (plausible, not a reset), from whichever source the sample had.
  const speedMps = readingAt(readings, atMs);
  const source: SpeedSource = sample.speedMps !== undefined ? 'speed' : sample.distanceM !== undefined ? 'distance' : 'chord';
  const hr = sample.hrBpm;
  return {
    atMs,
    dtSec,
    speed: speedMps === undefined ? undefined : { mps: speedMps, source },
    gapPerActual: gradePct === undefined ? 1 : gradeAdjustedSpeedMps(1, gradePct),
    hrBpm: hr !== undefined && hr >= HR_MIN_BPM && hr <= HR_MAX_BPM ? hr : undefined,
    hrCadenceLocked: conditioned.hrCadenceLocked || readsStepRateNow,
    cadenceSpm: sample.cadenceSpm,
    // A positions-only track's scatter is the chords' own, which their overlap-weighted noise already carries
    // (observation/speed.ts): sized from it as well, the GPS error hit its 1 m/s bound on every such run.
    gpsErrorSdMps:
      gpsErrorSdToldMps ??
      (speedMps !== undefined && source === 'chord'
        ? undefined
        : conditioned.paceScatterMeasuredMs < MIN_SCATTER_MEASURED_MS
          ? undefined
          : gpsErrorSdOf(conditioned.paceNoiseShare, speedEstimateMps, settings)),
  };
}

/** Replays inputs through the model guard and returns its events. */
export function runModelGuard(inputs: Iterable<GuardInput>, guard: ModelGuard): GuardEvent[] {
  let state = initialModelGuardState(guard);
  const events: GuardEvent[] = [];
  for (const input of inputs) {
    state = modelGuardStep(state, input, guard);
    const stepEvents = state.last?.events;
    if (stepEvents !== undefined && stepEvents.length > 0) events.push(...stepEvents);
  }
  return events;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
