import type { Conditioned } from '../signal/condition.ts';
import type { GuardConfig, GuardTuning } from './config.ts';
import type { GuardEvent, OverCause, Sensor } from './events.ts';
import { INITIAL_FATIGUE_STATE, stepFatigue, type FatigueState } from './fatigue.ts';
import { backedPaceExcess, easingOff, paceEvidenceWeight } from './witness.ts';

/**
 * The alert state machine. Each conditioned input moves it one step; evidence,
 * holds, repeats and staleness are measured on the inputs' own timestamps.
 *
 *   under ──evidence ≥ threshold──▶ over (slow-down)
 *     ▲                              │ still over: slow-down again after 1, 2, 4… × repeatMs
 *     │                              │ held notRecoveryAfterMs: not-recovery once, then quiet
 *     │                              │ clear
 *     │                              ▼
 *     └── clear for holdUnderMs ── falling ──over again──▶ over
 *         (back-under)
 *
 * Evidence is a CUSUM per ceiling, bounded (see GuardTuning): it needs the runner
 * moving and past that ceiling's warm-up. "Clear" needs both ceilings cleared
 * by their hysteresis. While the runner stands still the phase holds where it
 * is and the evidence starts again from zero.
 *
 * not-recovery is said at most once a run. After it, an overshoot (that one,
 * or a later one) gets its first slow-down and no repeats: the runner has been
 * told the run is no longer a recovery run, and nagging would only get the
 * alerts switched off. See docs/alert-policy.md.
 */
export type Phase =
  | { readonly name: 'under' }
  | {
      readonly name: 'over';
      readonly firstAlertAtMs: number;
      readonly lastAlertAtMs: number;
      readonly repeats: number;
      /**
       * What the overshoot is about: the evidence's latest say (each step it
       * has one), not just the last spoken alert's, so that the summary's
       * split by cause does not depend on how often the guard speaks.
       */
      readonly cause: OverCause;
      /** Moving time inside this overshoot so far: what the summary counts as over. */
      readonly movingOverMs: number;
      /** No more repeats in this overshoot: not-recovery has been said in this run. */
      readonly quiet: boolean;
    }
  | {
      readonly name: 'falling';
      readonly sinceMs: number;
      readonly firstAlertAtMs: number;
      readonly lastAlertAtMs: number;
      readonly repeats: number;
      readonly cause: OverCause;
      readonly movingOverMs: number;
      readonly quiet: boolean;
    };

export interface SensorWatch {
  /** The sensor has given a believed reading at some point in this run. */
  readonly seen: boolean;
  readonly lost: boolean;
  /** Last believed reading, or the resume after a pause (a paused sensor is not lost). */
  readonly lastAtMs?: number;
  /** While lost: when it was called lost (silence.ts). */
  readonly lostAtMs?: number;
}

export interface DecisionState {
  readonly phase: Phase;
  /** CUSUM of pace over the ceiling, s/km × s. */
  readonly paceEvidence: number;
  /** CUSUM of heart rate over the ceiling, bpm × s. */
  readonly hrEvidence: number;
  readonly lastAtMs?: number;
  readonly timeUpSent: boolean;
  /** not-recovery has been said in this run (it is said once). */
  readonly notRecoverySent: boolean;
  readonly fatigue: FatigueState;
  readonly hr: SensorWatch;
  readonly pace: SensorWatch;
}

export interface Decision {
  readonly state: DecisionState;
  readonly events: readonly GuardEvent[];
  /**
   * While the guard holds an overshoot (from its first slow-down until
   * back-under), what it is about: the summary's time over the ceiling, so
   * that the verdict and the alerts never disagree.
   */
  readonly overshoot: OverCause | undefined;
}

const UNSEEN: SensorWatch = { seen: false, lost: false };

export const INITIAL_DECISION_STATE: DecisionState = {
  phase: { name: 'under' },
  paceEvidence: 0,
  hrEvidence: 0,
  timeUpSent: false,
  notRecoverySent: false,
  fatigue: INITIAL_FATIGUE_STATE,
  hr: UNSEEN,
  pace: UNSEEN,
};

export function decide(state: DecisionState, input: Conditioned, config: GuardConfig): Decision {
  const { tuning } = config;
  const events: GuardEvent[] = [];
  const atMs = input.atMs;

  const hr = watchSensor(state.hr, 'hr', input, input.hrLastAtMs, events);
  const pace = watchSensor(state.pace, 'pace', input, input.paceLastAtMs, events);

  let timeUpSent = state.timeUpSent;
  if (!timeUpSent && config.plannedMs !== undefined && input.timerMs >= config.plannedMs) {
    events.push({ kind: 'time-up', atMs, plannedMs: config.plannedMs });
    timeUpSent = true;
  }

  // Only with a calibrated curve; then only in its window does it do any work.
  const fatigue = config.hrCurve === undefined ? undefined : stepFatigue(state.fatigue, input, config);
  if (fatigue?.tired !== undefined) events.push(fatigue.tired);

  const gapMs = state.lastAtMs === undefined ? 0 : atMs - state.lastAtMs;
  const over = overNow(input, config);
  let phase = state.phase;
  let { paceEvidence, hrEvidence } = state;
  if (input.paused || input.kind === 'pause' || gapMs > tuning.staleMs) {
    // A pause, or a silence too long to know what happened in it, starts the
    // judgement afresh: no alert carries over, and none is owed.
    phase = { name: 'under' };
    paceEvidence = 0;
    hrEvidence = 0;
  } else if (input.kind === 'sample' && !input.moving) {
    // Standing still or walking says nothing about the overshoot: freeze it (no
    // repeats, no back-under) so that stop-and-go at a crossing or on a steep
    // trail does not turn one overshoot into many. Evidence starts again.
    paceEvidence = 0;
    hrEvidence = 0;
  } else if (input.kind === 'sample') {
    const dtS = Math.min(gapMs, tuning.staleMs) / 1000;
    const paceExcess = backedPaceExcess(over.paceExcessSecPerKm, input, config);
    const paceStep = cusumStep(paceExcess, tuning.paceAllowanceSecPerKm, tuning.paceExcessCapSecPerKm, dtS);
    // Growth alone is weighted (see paceEvidenceWeight): on the usual easy second, draining, no witness is asked.
    const paceWeighted = paceStep > 0 ? paceStep * paceEvidenceWeight(input, config) : paceStep;
    paceEvidence = bounded(paceEvidence + paceWeighted, tuning.evidenceCapShare * tuning.paceEvidenceSecPerKmS);
    // A noisy sensor's wander is no overshoot: the allowance grows with its scatter (see hrAllowanceScatterMultiple).
    const hrAllowanceBpm = Math.max(tuning.hrAllowanceBpm, tuning.hrAllowanceScatterMultiple * input.hrScatterBpm);
    const hrStep = cusumStep(over.hrExcessBpm, hrAllowanceBpm, tuning.hrExcessCapBpm, dtS);
    hrEvidence = bounded(hrEvidence + hrStep, tuning.evidenceCapShare * tuning.hrEvidenceBpmS);
    const paceOver = paceEvidence >= tuning.paceEvidenceSecPerKmS;
    const hrOver = hrEvidence >= tuning.hrEvidenceBpmS;
    phase = stepPhase(phase, atMs, causeOf(paceOver, hrOver), over.clear, state.notRecoverySent, input, config, events);
    if (phase.name === 'under' && state.phase.name !== 'under') {
      // Back under: the next overshoot has to show itself from scratch.
      paceEvidence = 0;
      hrEvidence = 0;
    }
  }
  // Lost sensors are dated back to when they went quiet, so one step can hold
  // events from several moments: keep them in time order (the sort is stable).
  if (events.length > 1) events.sort((a, b) => a.atMs - b.atMs);
  return {
    state: {
      phase,
      paceEvidence,
      hrEvidence,
      lastAtMs: atMs,
      timeUpSent,
      notRecoverySent: state.notRecoverySent || events.some((e) => e.kind === 'not-recovery'),
      fatigue: fatigue?.state ?? state.fatigue,
      hr,
      pace,
    },
    events,
    overshoot: phase.name === 'over' || phase.name === 'falling' ? phase.cause : undefined,
  };
}

/**
 * One CUSUM step: (excess − allowance) for dt seconds, the excess capped so
 * that no single reading decides. Without an excess to judge (warm-up, no
 * reading) it is zero: the evidence stays where it is.
 */
function cusumStep(excess: number | undefined, allowance: number, cap: number, dtS: number): number {
  return excess === undefined ? 0 : (Math.min(excess, cap) - allowance) * dtS;
}

/**
 * How many seconds an overshoot of `overBy` (s/km or bpm), held steady, takes
 * to become one: cusumStep's seconds from no evidence to `evidence`, each
 * counting in full (a witness agreeing, past the warm-ups). Infinite when the
 * overshoot is within the allowance. The phone's sliders say their setting so.
 */
export function secondsToOvershoot(evidence: number, overBy: number, allowance: number, cap: number): number {
  const perSecond = cusumStep(overBy, allowance, cap, 1);
  return perSecond > 0 ? evidence / perSecond : Number.POSITIVE_INFINITY;
}

/** Evidence never below zero, and never above its bound (see evidenceCapShare). */
function bounded(evidence: number, max: number): number {
  return Math.min(Math.max(0, evidence), max);
}

interface OverNow {
  /** How much faster than the pace ceiling (s/km, negative when slower); undefined in warm-up or without pace. */
  readonly paceExcessSecPerKm: number | undefined;
  /** How far over the heart-rate ceiling (bpm, negative when under); undefined in warm-up or without heart rate. */
  readonly hrExcessBpm: number | undefined;
  /** Both ceilings cleared by their hysteresis, or not moving. */
  readonly clear: boolean;
}

const STILL: OverNow = { paceExcessSecPerKm: undefined, hrExcessBpm: undefined, clear: true };

function overNow(input: Conditioned, config: GuardConfig): OverNow {
  const { ceilings, tuning } = config;
  if (input.paused || !input.moving) return STILL;
  const paceCeiling = ceilings.paceCeilingSecPerKm;
  const gapPace = input.gapSpeedMps !== undefined && input.gapSpeedMps > 0 ? 1000 / input.gapSpeedMps : undefined;
  // A channel that has worked but reads nothing now (a tunnel, a dropout) is
  // unknown, not clear: the overshoot holds until it reads again.
  const paceClear =
    paceCeiling === undefined ||
    (gapPace === undefined ? input.paceLastAtMs === undefined : gapPace >= paceCeiling + tuning.paceHysteresisSecPerKm);
  const hrCeiling = ceilings.hrCeilingBpm;
  const hr = input.hrBpm;
  const hrClear =
    hrCeiling === undefined || (hr === undefined ? input.hrLastAtMs === undefined : hr <= hrCeiling - tuning.hrHysteresisBpm);
  const paceJudged = paceCeiling !== undefined && gapPace !== undefined && input.timerMs >= tuning.paceWarmupMs;
  const hrJudged = hrCeiling !== undefined && hr !== undefined && input.timerMs >= tuning.hrWarmupMs;
  return {
    paceExcessSecPerKm: paceJudged ? paceCeiling - gapPace : undefined,
    hrExcessBpm: hrJudged ? hr - hrCeiling : undefined,
    clear: paceClear && hrClear,
  };
}

function causeOf(pace: boolean, hr: boolean): OverCause | undefined {
  return pace && hr ? 'both' : pace ? 'pace' : hr ? 'hr' : undefined;
}

/**
 * How long after the alert before it repeat `repeat` (1, 2, 3…) comes:
 * repeatMs, then each interval twice the one before, so that a runner who
 * has heard it and kept going is not told every minute.
 */
export function repeatIntervalMs(tuning: GuardTuning, repeat: number): number {
  return tuning.repeatMs * 2 ** Math.max(0, repeat - 1);
}

function stepPhase(
  phase: Phase,
  atMs: number,
  alerting: OverCause | undefined,
  clear: boolean,
  notRecoverySent: boolean,
  input: Conditioned,
  config: GuardConfig,
  events: GuardEvent[],
): Phase {
  const { tuning } = config;
  switch (phase.name) {
    case 'under':
      if (alerting === undefined) return phase;
      events.push(slowDown(atMs, alerting, 0, input, config));
      return {
        name: 'over',
        firstAlertAtMs: atMs,
        lastAlertAtMs: atMs,
        repeats: 0,
        cause: alerting,
        movingOverMs: 0,
        quiet: notRecoverySent,
      };
    case 'over': {
      // Only moving samples reach here: stops and walks inside an overshoot do not count towards not-recovery.
      const movingOverMs = phase.movingOverMs + input.dtMs;
      if (clear) return { ...phase, name: 'falling', sinceMs: atMs, movingOverMs };
      if (alerting === undefined) return { ...phase, movingOverMs };
      const held: Phase = { ...phase, cause: alerting, movingOverMs };
      // Easing off (heart rate falling) defers both: the runner is already doing what they would say.
      if (phase.quiet || easingOff(input, tuning)) return held;
      if (movingOverMs >= tuning.notRecoveryAfterMs) {
        events.push({ kind: 'not-recovery', atMs, cause: alerting, movingOverMs });
        return { ...held, quiet: true };
      }
      const repeats = phase.repeats + 1;
      if (atMs - phase.lastAlertAtMs >= repeatIntervalMs(tuning, repeats)) {
        events.push(slowDown(atMs, alerting, repeats, input, config));
        return { ...held, lastAlertAtMs: atMs, repeats };
      }
      return held;
    }
    case 'falling': {
      const movingOverMs = phase.movingOverMs + input.dtMs;
      if (!clear) {
        return {
          name: 'over',
          firstAlertAtMs: phase.firstAlertAtMs,
          lastAlertAtMs: phase.lastAlertAtMs,
          repeats: phase.repeats,
          cause: phase.cause,
          movingOverMs,
          quiet: phase.quiet,
        };
      }
      if (atMs - phase.sinceMs < tuning.holdUnderMs) return { ...phase, movingOverMs };
      events.push({ kind: 'back-under', atMs, overForMs: atMs - phase.firstAlertAtMs });
      return { name: 'under' };
    }
  }
}

function slowDown(atMs: number, cause: OverCause, repeat: number, input: Conditioned, config: GuardConfig): GuardEvent {
  const { paceCeilingSecPerKm, hrCeilingBpm } = config.ceilings;
  return {
    kind: 'slow-down',
    atMs,
    cause,
    repeat,
    ...(input.speedMps !== undefined && input.speedMps > 0 ? { paceSecPerKm: 1000 / input.speedMps } : {}),
    ...(input.gapSpeedMps !== undefined && input.gapSpeedMps > 0 ? { gapSecPerKm: 1000 / input.gapSpeedMps } : {}),
    ...(input.hrBpm !== undefined ? { hrBpm: input.hrBpm } : {}),
    ...(paceCeilingSecPerKm !== undefined ? { paceCeilingSecPerKm } : {}),
    ...(hrCeilingBpm !== undefined ? { hrCeilingBpm } : {}),
  };
}

/**
 * signal-back at a lost sensor's next believed reading after the moment it
 * was lost (not one in that same moment); the stale clock
 * restarts at every believed reading and at a pause or resume (paused time
 * does not count). Going lost is what silence says (silence.ts), applied by
 * guardStep before this step, the same way live and in replay.
 */
function watchSensor(
  watch: SensorWatch,
  sensor: Sensor,
  input: Conditioned,
  lastReadingAtMs: number | undefined,
  events: GuardEvent[],
): SensorWatch {
  const freshAtMs = lastReadingAtMs !== undefined && lastReadingAtMs === input.atMs ? lastReadingAtMs : undefined;
  if (input.kind === 'resume' || input.paused) {
    // Time stands still while paused: restart the stale clock at the resume.
    return watch.seen ? { ...watch, lastAtMs: input.atMs } : watch;
  }
  if (freshAtMs === undefined) return watch;
  // Never back in the moment it was called lost (a reading exactly staleMs after the last): the next believed one says it.
  if (watch.lost && watch.lostAtMs !== undefined && freshAtMs <= watch.lostAtMs) return watch;
  if (watch.lost) events.push({ kind: 'signal-back', atMs: freshAtMs, sensor });
  return { seen: true, lost: false, lastAtMs: freshAtMs };
}
