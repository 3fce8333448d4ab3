import type { GuardInput } from '../samples/sample.ts';
import { nextMeanSquare } from '../signal/noise.ts';
import { widenOptionalNumbers } from '../signal/shape.ts';
import { newSignalState, SIGNALS_OPTIONAL_NUMBERS, stepSignalsInto, type SignalRules, type Signals, type SignalState } from '../signal/condition.ts';

/**
 * The guard's view of an input: the signals (src/signal/condition.ts, which
 * read no warm-up) and what the warm-ups make of them, whether heart rate
 * and cadence can witness a speed-up now and the noise levels measured where
 * they can or cannot. That is decision policy, so it lives here and not in
 * signal/ (issue #21); `paceguard tune` takes a run's signals once and adds
 * each warm-up's levels (src/tune/score.ts).
 */

/**
 * One input after conditioning: its signals, and what the warm-ups make of
 * them (stepWitnessLevels): whether heart rate and cadence can witness now,
 * and the noise levels measured where they can or cannot (with their running
 * state, WitnessLevels, which the next input's step reads back). The guard
 * judges this.
 */
export interface Conditioned extends Signals, WitnessLevels {
  /**
   * Heart rate and cadence can witness a speed-up now: running, past the
   * heart-rate warm-up and, with heart rate, once it has held steady since the
   * runner last started running. Before that both climb whatever pace does.
   */
  readonly witnessing: boolean;
  /** How far heart rate's trend usually wanders in this run (RMS, bpm), measured while it can witness (noise.ts). */
  readonly hrTrendNoiseBpm: number;
  /** The same for cadence's trend (spm). */
  readonly cadenceTrendNoiseSpm: number;
  /** How far pace readings usually scatter around the smoothed speed (RMS share), measured while no witness can testify. */
  readonly paceNoiseShare: number;
}

/** Caps on one value fed to a noise level: a real climb or a multipath spike counts, but only so much. */
const TREND_NOISE_CAP = 3;
const PACE_SCATTER_CAP = 0.3;

/**
 * The noise levels whose measuring the warm-ups gate (see noise.ts): each a
 * mean square and the time it has measured. Kept apart from SignalState so
 * that one run's signals serve every warm-up (`paceguard tune`).
 */
export interface WitnessLevels {
  readonly hrTrendMeanSquare: number;
  readonly hrTrendMeasuredMs: number;
  readonly cadenceTrendMeanSquare: number;
  readonly cadenceTrendMeasuredMs: number;
  readonly paceScatterMeanSquare: number;
  readonly paceScatterMeasuredMs: number;
}

/** The signals' state; the levels ride on the output (a Conditioned is WitnessLevels), read back by the next input's step. */
export interface ConditionState extends SignalState {
  readonly output: Conditioned | undefined;
}

export const INITIAL_WITNESS_LEVELS: WitnessLevels = {
  hrTrendMeanSquare: 0,
  hrTrendMeasuredMs: 0,
  cadenceTrendMeanSquare: 0,
  cadenceTrendMeasuredMs: 0,
  paceScatterMeanSquare: 0,
  paceScatterMeasuredMs: 0,
};

/** Before the first input: a blank SignalState (output undefined), built as every later state is (one shape in V8); never written. */
export const INITIAL_CONDITION_STATE: ConditionState = newSignalState() as ConditionState;

/** The settings stepWitnessLevels reads: trends are measured, and witness, only past the heart-rate warm-up; pace scatter only past the pace warm-up. */
export interface WarmupRules {
  readonly hrWarmupMs: number;
  readonly paceWarmupMs: number;
}

/** All the settings conditioning reads. */
export interface ConditionRules extends SignalRules, WarmupRules {}

/**
 * One input conditioned: its signals (stepSignalsInto), then what the
 * warm-ups make of them (stepWitnessLevelsInto), written into two new objects
 * (the state and its output) rather than into four with two copied: the
 * signals go straight into the Conditioned, whose first fields are the
 * Signals' in their order, and the state is a SignalState in shape whose
 * output is always a Conditioned. Less to build and copy per input, which
 * matters most while V8 has not yet optimised the step (a replay's first
 * hours, issue #21).
 */
export function stepCondition(state: ConditionState, input: GuardInput, tuning: ConditionRules): ConditionState {
  const output = newConditioned();
  const next = stepSignalsInto(newSignalState(), output, state, input, tuning);
  // `output` holds this input's signals now; the levels are the last input's (another object), read before any is written.
  stepWitnessLevelsInto(output, state.output ?? INITIAL_WITNESS_LEVELS, output, tuning);
  return next as ConditionState;
}

/**
 * What the warm-ups make of one input's signals: whether heart rate and
 * cadence can witness now, and the noise levels, each measured where it
 * matters. The trends' wander is measured while they can witness; the pace
 * scatter weighs pace only while no witness can testify (the warm-up, heart
 * rate unsettled after a start or a stop), so it is measured then, and not
 * in the first minute (GPS settling, the runner getting going).
 */
export function stepWitnessLevels(levels: WitnessLevels, signals: Signals, tuning: WarmupRules): Conditioned {
  return stepWitnessLevelsInto(newConditioned(), levels, signals, tuning);
}

/** A Conditioned a caller owns and reuses: stepWitnessLevelsInto writes into it. */
export type ConditionedScratch = { -readonly [K in keyof Conditioned]: Conditioned[K] };

/**
 * A blank Conditioned, its levels at zero (INITIAL_WITNESS_LEVELS): every
 * field set in the one order stepWitnessLevelsInto writes, so that all of
 * them share one shape in V8.
 */
export function newConditioned(): ConditionedScratch {
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
    witnessing: false,
    hrTrendNoiseBpm: 0,
    cadenceTrendNoiseSpm: 0,
    paceNoiseShare: 0,
    hrTrendMeanSquare: 0,
    hrTrendMeasuredMs: 0,
    cadenceTrendMeanSquare: 0,
    cadenceTrendMeasuredMs: 0,
    paceScatterMeanSquare: 0,
    paceScatterMeasuredMs: 0,
  };
}

// Its signals' fields that are a number or undefined, as the signals' own are (src/signal/shape.ts).
widenOptionalNumbers(newConditioned(), SIGNALS_OPTIONAL_NUMBERS);

/**
 * stepWitnessLevels written into `out` and returned: for `paceguard tune`,
 * which conditions a million inputs under each warm-up, nothing allocated.
 * `levels` may be `out` itself (the last input's, read before any field is
 * written).
 */
export function stepWitnessLevelsInto(out: ConditionedScratch, levels: WitnessLevels, signals: Signals, tuning: WarmupRules): Conditioned {
  const { running, timerMs, dtMs, hrTrendBpm, cadenceTrendSpm } = signals;
  const witnessing = running && timerMs >= tuning.hrWarmupMs && (!signals.hasHr || signals.hrSettled);
  let { hrTrendMeanSquare, hrTrendMeasuredMs, cadenceTrendMeanSquare, cadenceTrendMeasuredMs } = levels;
  let { paceScatterMeanSquare, paceScatterMeasuredMs } = levels;
  if (witnessing && hrTrendBpm !== undefined) {
    hrTrendMeanSquare = nextMeanSquare(hrTrendMeanSquare, hrTrendMeasuredMs, hrTrendBpm, dtMs, TREND_NOISE_CAP);
    hrTrendMeasuredMs += dtMs;
  }
  if (witnessing && cadenceTrendSpm !== undefined) {
    cadenceTrendMeanSquare = nextMeanSquare(cadenceTrendMeanSquare, cadenceTrendMeasuredMs, cadenceTrendSpm, dtMs, TREND_NOISE_CAP);
    cadenceTrendMeasuredMs += dtMs;
  }
  const scatter = running && !witnessing && timerMs >= tuning.paceWarmupMs ? signals.paceScatterShare : undefined;
  if (scatter !== undefined) {
    paceScatterMeanSquare = nextMeanSquare(paceScatterMeanSquare, paceScatterMeasuredMs, scatter, dtMs, PACE_SCATTER_CAP);
    paceScatterMeasuredMs += dtMs;
  }
  // Written field by field into one object: a spread of this many fields made V8 build slow objects (a year of tune 6x slower).
  out.kind = signals.kind;
  out.atMs = signals.atMs;
  out.timerMs = timerMs;
  out.dtMs = dtMs;
  out.paused = signals.paused;
  out.moving = signals.moving;
  out.speedMps = signals.speedMps;
  out.gradePct = signals.gradePct;
  out.gapSpeedMps = signals.gapSpeedMps;
  out.hrBpm = signals.hrBpm;
  out.hrLastAtMs = signals.hrLastAtMs;
  out.paceLastAtMs = signals.paceLastAtMs;
  out.hrCadenceLocked = signals.hrCadenceLocked;
  out.hrTrendBpm = hrTrendBpm;
  out.cadenceTrendSpm = cadenceTrendSpm;
  out.hasHr = signals.hasHr;
  out.hasCadence = signals.hasCadence;
  out.cadenceSettled = signals.cadenceSettled;
  out.hrScatterBpm = signals.hrScatterBpm;
  out.running = running;
  out.hrSettled = signals.hrSettled;
  out.paceScatterShare = signals.paceScatterShare;
  out.witnessing = witnessing;
  out.hrTrendNoiseBpm = Math.sqrt(hrTrendMeanSquare);
  out.cadenceTrendNoiseSpm = Math.sqrt(cadenceTrendMeanSquare);
  out.paceNoiseShare = Math.sqrt(paceScatterMeanSquare);
  out.hrTrendMeanSquare = hrTrendMeanSquare;
  out.hrTrendMeasuredMs = hrTrendMeasuredMs;
  out.cadenceTrendMeanSquare = cadenceTrendMeanSquare;
  out.cadenceTrendMeasuredMs = cadenceTrendMeasuredMs;
  out.paceScatterMeanSquare = paceScatterMeanSquare;
  out.paceScatterMeasuredMs = paceScatterMeasuredMs;
  return out;
}
