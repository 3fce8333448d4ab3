import type { GuardInput } from '../samples/sample.ts';
import { gradeAdjustedSpeedMps } from './minetti.ts';
import { NO_TREND, stepSettling, stepTrend, trendOf, UNSETTLED, type Settling, type Trend } from './trend.ts';
import { INITIAL_GRADE_STATE, stepGrade, type GradeState } from './grade.ts';
import { INITIAL_HR_STATE, isCadenceLocked, readingScatterBpm, smoothedHrBpm, stepHeartRate, type HrRules, type HrState } from './heart-rate.ts';
import { INITIAL_PACE_STATE, readingScatterShare, RUNNING_CADENCE_SPM, smoothedSpeedMps, stepPace, type PaceRules, type PaceState } from './pace.ts';
import { nextMeanSquare } from './noise.ts';
import { widenOptionalNumbers } from './shape.ts';

/**
 * One input's signals: the run clock and the cleaned values, which depend on
 * the sensors and the signal rules only (SignalRules, no warm-up). Emitted
 * for every input (samples, timer events, ticks).
 */
export interface Signals {
  readonly kind: GuardInput['kind'];
  readonly atMs: number;
  /** Timer time: elapsed since the first input, less pauses. */
  readonly timerMs: number;
  /** Timer time added by this input, at most the stale limit (a longer silence is not running we know of). */
  readonly dtMs: number;
  readonly paused: boolean;
  /** Moving at running pace, or at a running cadence when GPS is lost; always true with no pace or cadence channel. */
  readonly moving: boolean;
  readonly speedMps: number | undefined;
  readonly gradePct: number | undefined;
  /** Flat-ground speed of the same effort (Minetti); equals speedMps without altitude. */
  readonly gapSpeedMps: number | undefined;
  readonly hrBpm: number | undefined;
  /** Time of the last believed heart-rate reading. */
  readonly hrLastAtMs: number | undefined;
  /** Time of the last believed pace reading. */
  readonly paceLastAtMs: number | undefined;
  /** The optical sensor is reading the step rate. */
  readonly hrCadenceLocked: boolean;
  /** Heart rate's short average less its long one: positive while it climbs; undefined while it settles. */
  readonly hrTrendBpm: number | undefined;
  /** Cadence's short average less its long one: positive while the step rate rises; undefined while it settles. */
  readonly cadenceTrendSpm: number | undefined;
  /** Whether heart rate and cadence have been seen at all in this run (a witness that exists but says nothing yet is not absent). */
  readonly hasHr: boolean;
  readonly hasCadence: boolean;
  /**
   * Cadence has held steady since the runner last started running (its trend
   * within ±cadenceSettledWithinSpm for cadenceSettledForMs). Cadence does not
   * lag the effort as heart rate does: settled, it can witness a speed-up even
   * while heart rate still climbs from the start or a stop.
   */
  readonly cadenceSettled: boolean;
  /** How far heart-rate readings usually scatter around their median (RMS, bpm), measured while running. */
  readonly hrScatterBpm: number;
  /** A moving sample, not paused: trends and settling step, and the noise levels may measure. */
  readonly running: boolean;
  /** Heart rate's trend has held within ±hrSettledWithinBpm for hrSettledForMs since the runner last started running. */
  readonly hrSettled: boolean;
  /** While running: this speed reading's scatter around the smoothed speed (a share), the pace noise level's raw value. */
  readonly paceScatterShare: number | undefined;
}

/** Cap on one heart-rate scatter value fed to its noise level: a real jump counts, but only so much. */
const HR_SCATTER_CAP_BPM = 5;

/** Conditioning's state apart from the warm-ups' noise levels: what stepSignals keeps. */
export interface SignalState {
  readonly startAtMs: number | undefined;
  readonly lastAtMs: number | undefined;
  readonly timerMs: number;
  readonly paused: boolean;
  readonly pace: PaceState;
  readonly hr: HrState;
  readonly grade: GradeState;
  readonly lastCadenceSpm: number | undefined;
  /** A cadence has been recorded at some point in this run. */
  readonly cadenceSeen: boolean;
  readonly hrTrend: Trend;
  readonly cadenceTrend: Trend;
  readonly hrSettling: Settling;
  readonly cadenceSettling: Settling;
  /** The heart-rate readings' scatter (see noise.ts): its mean square and the time it has measured. */
  readonly hrScatterMeanSquare: number;
  readonly hrScatterMeasuredMs: number;
  readonly output: Signals | undefined;
}

// Fields that hold undefined for the first inputs and a number later, or the other way round (shape.ts).
/** SignalState's fields that are a number or undefined. */
export const SIGNAL_STATE_OPTIONAL_NUMBERS = ['startAtMs', 'lastAtMs', 'lastCadenceSpm'] as const;
/** Signals' fields that are a number or undefined. */
export const SIGNALS_OPTIONAL_NUMBERS = [
  'speedMps',
  'gradePct',
  'gapSpeedMps',
  'hrBpm',
  'hrLastAtMs',
  'paceLastAtMs',
  'hrTrendBpm',
  'cadenceTrendSpm',
  'paceScatterShare',
] as const;

/** Before the first input: newSignalState's values, never written (stepSignalsInto writes only into objects its caller owns). */
export const INITIAL_SIGNAL_STATE: SignalState = newSignalState();
widenOptionalNumbers(newSignalState(), SIGNAL_STATE_OPTIONAL_NUMBERS);
widenOptionalNumbers(newSignals(), SIGNALS_OPTIONAL_NUMBERS);

/**
 * The settings stepSignals reads, a part of the guard's tuning (GuardTuning
 * in src/guard/config.ts has them all): declared here so that signal/ needs
 * nothing from the guard above it.
 */
export interface SignalRules extends PaceRules, HrRules {
  readonly hrSettledWithinBpm: number;
  readonly hrSettledForMs: number;
  readonly cadenceSettledWithinSpm: number;
  readonly cadenceSettledForMs: number;
}

/** One input's signals: everything conditioning does that no warm-up changes. */
export function stepSignals(state: SignalState, input: GuardInput, tuning: SignalRules): SignalState {
  return stepSignalsInto(newSignalState(), newSignals(), state, input, tuning);
}

/** A SignalState a caller owns and reuses (stepSignalsInto writes into it); its output is the caller's too. */
export type SignalStateScratch = { -readonly [K in keyof SignalState]: SignalState[K] };
/** Signals a caller owns and reuses: stepSignalsInto writes into them. */
export type SignalsScratch = { -readonly [K in keyof Signals]: Signals[K] };

/** A blank SignalState, every field set in the order stepSignalsInto writes (one shape in V8): the state before the first input. */
export function newSignalState(): SignalStateScratch {
  return {
    startAtMs: undefined,
    lastAtMs: undefined,
    timerMs: 0,
    paused: false,
    pace: INITIAL_PACE_STATE,
    hr: INITIAL_HR_STATE,
    grade: INITIAL_GRADE_STATE,
    lastCadenceSpm: undefined,
    cadenceSeen: false,
    hrTrend: NO_TREND,
    cadenceTrend: NO_TREND,
    hrSettling: UNSETTLED,
    cadenceSettling: UNSETTLED,
    hrScatterMeanSquare: 0,
    hrScatterMeasuredMs: 0,
    output: undefined,
  };
}

/** Blank Signals, every field set in the order stepSignalsInto writes (one shape in V8). */
export function newSignals(): SignalsScratch {
  return {
    kind: 'sample',
    atMs: 0,
    timerMs: 0,
    dtMs: 0,
    paused: false,
    moving: false,
    speedMps: undefined,
    gradePct: undefined,
    gapSpeedMps: undefined,
    hrBpm: undefined,
    hrLastAtMs: undefined,
    paceLastAtMs: undefined,
    hrCadenceLocked: false,
    hrTrendBpm: undefined,
    cadenceTrendSpm: undefined,
    hasHr: false,
    hasCadence: false,
    cadenceSettled: false,
    hrScatterBpm: 0,
    running: false,
    hrSettled: false,
    paceScatterShare: undefined,
  };
}

/**
 * stepSignals written into `next` and `output` (which becomes `next.output`),
 * and `next` returned: for `paceguard tune`, which takes the signals of a
 * million inputs, no state or signals object per input. `state` may be
 * `next` itself, and `output` its last output: every field of `state` is
 * read before any is written.
 */
export function stepSignalsInto(next: SignalStateScratch, output: SignalsScratch, state: SignalState, input: GuardInput, tuning: SignalRules): SignalState {
  const lastAtMs = state.lastAtMs;
  const wasPaused = state.paused;
  const startAtMs = state.startAtMs;
  const cadenceSeen = state.cadenceSeen;
  let { hrScatterMeanSquare, hrScatterMeasuredMs } = state;
  // Inputs are in event time; one that goes back in time is treated as "now"
  // so that the clock never runs backwards.
  const atMs = lastAtMs !== undefined && input.atMs < lastAtMs ? lastAtMs : input.atMs;
  const gapMs = lastAtMs === undefined ? 0 : atMs - lastAtMs;
  const dtMs = wasPaused ? 0 : Math.min(gapMs, tuning.staleMs);
  const timerMs = state.timerMs + (wasPaused ? 0 : gapMs);
  const paused = input.kind === 'pause' ? true : input.kind === 'resume' ? false : wasPaused;

  let { pace, hr, grade } = state;
  let cadenceSpm = state.lastCadenceSpm;
  let altitudeM: number | undefined;
  if (input.kind === 'sample') {
    const sample = input.atMs === atMs ? input : { ...input, atMs };
    pace = stepPace(pace, sample, tuning);
    hr = stepHeartRate(hr, sample, tuning);
    cadenceSpm = sample.cadenceSpm;
    altitudeM = sample.altitudeM;
  }
  const speedMps = smoothedSpeedMps(pace);
  if (input.kind === 'sample') grade = stepGrade(grade, atMs, ((speedMps ?? 0) * dtMs) / 1000, altitudeM);
  const gradePct = grade.gradePct;
  const gapSpeedMps =
    speedMps === undefined ? undefined : gradePct === undefined ? speedMps : gradeAdjustedSpeedMps(speedMps, gradePct);

  const hrBpm = smoothedHrBpm(hr);
  const moving = isMoving(speedMps, cadenceSpm, tuning.minMovingSpeedMps);
  // Stopping and starting again moves heart rate and cadence by tens: that is
  // no witness of pace, so their trends start over once the runner runs again.
  const running = input.kind === 'sample' && moving && !paused;
  // A sample while not running (stopped, walking, paused) starts trends and settling over; a timer event leaves them.
  const restarts = input.kind === 'sample' && !running;
  const hrTrend = running ? stepTrend(state.hrTrend, hrBpm, dtMs) : restarts ? NO_TREND : state.hrTrend;
  const cadenceTrend = running
    ? stepTrend(state.cadenceTrend, input.kind === 'sample' ? input.cadenceSpm : undefined, dtMs)
    : restarts
      ? NO_TREND
      : state.cadenceTrend;
  const hrTrendBpm = trendOf(hrTrend);
  const cadenceTrendSpm = trendOf(cadenceTrend);
  const hrSettling = running
    ? stepSettling(state.hrSettling, hrTrendBpm, atMs, tuning.hrSettledWithinBpm, tuning.hrSettledForMs)
    : restarts
      ? UNSETTLED
      : state.hrSettling;
  const cadenceSettling = running
    ? stepSettling(state.cadenceSettling, cadenceTrendSpm, atMs, tuning.cadenceSettledWithinSpm, tuning.cadenceSettledForMs)
    : restarts
      ? UNSETTLED
      : state.cadenceSettling;
  const hrScatter = running ? readingScatterBpm(hr, atMs, hrBpm) : undefined;
  if (hrScatter !== undefined) {
    hrScatterMeanSquare = nextMeanSquare(hrScatterMeanSquare, hrScatterMeasuredMs, hrScatter, dtMs, HR_SCATTER_CAP_BPM);
    hrScatterMeasuredMs += dtMs;
  }
  // Every field of `state` has been read: `next` and `output` may be its own.
  output.kind = input.kind;
  output.atMs = atMs;
  output.timerMs = timerMs;
  output.dtMs = dtMs;
  output.paused = paused;
  output.moving = moving;
  output.speedMps = speedMps;
  output.gradePct = gradePct;
  output.gapSpeedMps = gapSpeedMps;
  output.hrBpm = hrBpm;
  output.hrLastAtMs = hr.lastAcceptedAtMs;
  output.paceLastAtMs = pace.lastValidAtMs;
  output.hrCadenceLocked = isCadenceLocked(hr, atMs);
  output.hrTrendBpm = hrTrendBpm;
  output.cadenceTrendSpm = cadenceTrendSpm;
  output.hasHr = hr.lastAcceptedAtMs !== undefined;
  output.hasCadence = cadenceSeen || cadenceSpm !== undefined;
  output.cadenceSettled = running && cadenceSettling.settled;
  output.hrScatterBpm = Math.sqrt(hrScatterMeanSquare);
  output.running = running;
  output.hrSettled = hrSettling.settled;
  output.paceScatterShare = running ? readingScatterShare(pace, atMs, speedMps) : undefined;
  next.startAtMs = startAtMs ?? atMs;
  next.lastAtMs = atMs;
  next.timerMs = timerMs;
  next.paused = paused;
  next.pace = pace;
  next.hr = hr;
  next.grade = grade;
  next.lastCadenceSpm = cadenceSpm;
  next.cadenceSeen = cadenceSeen || cadenceSpm !== undefined;
  next.hrTrend = hrTrend;
  next.cadenceTrend = cadenceTrend;
  next.hrSettling = hrSettling;
  next.cadenceSettling = cadenceSettling;
  next.hrScatterMeanSquare = hrScatterMeanSquare;
  next.hrScatterMeasuredMs = hrScatterMeasuredMs;
  next.output = output;
  return next;
}


function isMoving(speedMps: number | undefined, cadenceSpm: number | undefined, minMovingSpeedMps: number): boolean {
  if (cadenceSpm !== undefined && cadenceSpm >= RUNNING_CADENCE_SPM) return true;
  if (speedMps !== undefined) return speedMps >= minMovingSpeedMps;
  // No pace and no cadence: nothing says the runner stopped, so heart rate is still guarded.
  return true;
}
