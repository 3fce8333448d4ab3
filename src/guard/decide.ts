import type { Conditioned } from '../signal/condition.ts';
import type { GuardConfig, GuardTuning } from './config.ts';
import type { GuardEvent, OverCause, Sensor } from './events.ts';
import { INITIAL_FATIGUE_STATE, stepFatigue, type FatigueState } from './fatigue.ts';

/**
 * The alert state machine. Each conditioned input moves it one step; evidence,
 * holds, repeats and staleness are measured on the inputs' own timestamps.
 *
 *   under ──evidence ≥ threshold──▶ over (slow-down)
 *     ▲                              │ still over: slow-down again every repeatMs
 *     │                              │ clear
 *     │                              ▼
 *     └── clear for holdUnderMs ── falling ──over again──▶ over
 *         (back-under)
 *
 * Evidence is a CUSUM per ceiling, bounded (see GuardTuning): it needs the runner
 * moving and past that ceiling's warm-up. "Clear" needs both ceilings cleared
 * by their hysteresis. While the runner stands still the phase holds where it
 * is and the evidence starts again from zero.
 */
export type Phase =
  | { readonly name: 'under' }
  | {
      readonly name: 'over';
      readonly firstAlertAtMs: number;
      readonly lastAlertAtMs: number;
      readonly repeats: number;
      /** What the last slow-down was about. */
      readonly cause: OverCause;
    }
  | {
      readonly name: 'falling';
      readonly sinceMs: number;
      readonly firstAlertAtMs: number;
      readonly lastAlertAtMs: number;
      readonly repeats: number;
      readonly cause: OverCause;
    };

interface SensorWatch {
  /** The sensor has given a believed reading at some point in this run. */
  readonly seen: boolean;
  readonly lost: boolean;
  /** Last believed reading, or the resume after a pause (a paused sensor is not lost). */
  readonly lastAtMs?: number;
}

export interface DecisionState {
  readonly phase: Phase;
  /** CUSUM of pace over the ceiling, s/km × s. */
  readonly paceEvidence: number;
  /** CUSUM of heart rate over the ceiling, bpm × s. */
  readonly hrEvidence: number;
  readonly lastAtMs?: number;
  readonly timeUpSent: boolean;
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
  fatigue: INITIAL_FATIGUE_STATE,
  hr: UNSEEN,
  pace: UNSEEN,
};

export function decide(state: DecisionState, input: Conditioned, config: GuardConfig): Decision {
  const { tuning } = config;
  const events: GuardEvent[] = [];
  const atMs = input.atMs;

  const hr = watchSensor(state.hr, 'hr', input, input.hrLastAtMs, tuning.staleMs, events);
  const pace = watchSensor(state.pace, 'pace', input, input.paceLastAtMs, tuning.staleMs, events);

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
    phase = stepPhase(phase, atMs, causeOf(paceOver, hrOver), over.clear, input, config, events);
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
    state: { phase, paceEvidence, hrEvidence, lastAtMs: atMs, timeUpSent, fatigue: fatigue?.state ?? state.fatigue, hr, pace },
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

/** Evidence never below zero, and never above its bound (see evidenceCapShare). */
function bounded(evidence: number, max: number): number {
  return Math.min(Math.max(0, evidence), max);
}

/**
 * How much pace evidence counts: does heart rate or cadence back up a pace
 * that reads over the ceiling? A real speed-up raises both within seconds; GPS
 * noise, multipath and a wrong grade raise neither. With neither signal there
 * is no witness to ask, and pace stands alone. In the warm-up both climb
 * whatever the pace does and cannot testify, so pace counts at the warm-up weight;
 * so it does, past the warm-up, until heart rate has settled (after the start,
 * and again after every stop), unless cadence has settled and witnesses: it
 * does not lag the effort as heart rate does.
 * Heart rate clearly falling vetoes every witness: effort went down (a
 * descent the grade missed, an easing off), whatever the step rate does.
 * When the recorded pace is under the ceiling and only the grade puts it over,
 * cadence cannot witness: steps shorten uphill rather than quicken. Nor can it
 * while heart rate eases (heartEasing).
 */
function paceEvidenceWeight(input: Conditioned, config: GuardConfig): number {
  const { tuning } = config;
  if (!input.hasHr && !input.hasCadence) return 1;
  // Heart rate climbing from the start or from a stop cannot testify (condition.ts says when it can); settled cadence can.
  if (!input.witnessing) return input.cadenceSettled && cadenceWitnesses(input, config) ? 1 : warmupWeight(input, tuning);
  // Heart rate falling means effort fell: whatever cadence or the pace reading say, no speed-up over the ceiling.
  if (easingOff(input, config)) return tuning.paceUnwitnessedWeight;
  return heartRateBacksEffort(input, config) || cadenceWitnesses(input, config) ? 1 : tuning.paceUnwitnessedWeight;
}

/** Cadence rises past its bar while the pace as recorded is over the ceiling, and heart rate is not easing. */
function cadenceWitnesses(input: Conditioned, config: GuardConfig): boolean {
  const { tuning } = config;
  const cadenceTrend = input.cadenceTrendSpm;
  const cadenceRiseSpm = witnessBar(tuning.paceWitnessCadenceRiseSpm, input.cadenceTrendNoiseSpm, tuning);
  return recordedPaceOver(input, config) && cadenceTrend !== undefined && cadenceTrend >= cadenceRiseSpm && !heartEasing(input, tuning);
}

/**
 * Heart rate falling by more than its own wander: too little to veto every
 * witness (easingOff), enough to outweigh cadence, which says least about
 * effort. Quicker steps while the heart eases are a descent the grade has not
 * caught yet (GPS altitude reads it a few hundred metres late), not a speed-up.
 */
function heartEasing(input: Conditioned, tuning: GuardTuning): boolean {
  const trend = input.hrTrendBpm;
  return trend !== undefined && trend < -tuning.cadenceWitnessHrFallNoiseMultiple * input.hrTrendNoiseBpm;
}

/**
 * Heart rate says the effort is real: it can testify (see paceEvidenceWeight),
 * is not falling, and either climbs past its bar or is at its ceiling (within
 * paceWitnessHrNearBpm, 0 by default). When
 * only the grade puts the pace over, the bar is paceWitnessGradeHrRiseBpm: a
 * grade read off a GPS altimeter lags a climb by a minute or more, and a real
 * push uphill raises heart rate fast.
 */
function heartRateBacksEffort(input: Conditioned, config: GuardConfig): boolean {
  const { tuning, ceilings } = config;
  if (!input.witnessing || easingOff(input, config)) return false;
  const hrTrend = input.hrTrendBpm;
  const riseBpm = recordedPaceOver(input, config)
    ? witnessBar(tuning.paceWitnessHrRiseBpm, input.hrTrendNoiseBpm, tuning)
    : tuning.paceWitnessGradeHrRiseBpm;
  if (hrTrend !== undefined && hrTrend >= riseBpm) return true;
  const hr = input.hrBpm;
  return hr !== undefined && ceilings.hrCeilingBpm !== undefined && hr >= ceilings.hrCeilingBpm - tuning.paceWitnessHrNearBpm;
}

/**
 * The pace excess (s/km past the ceiling) as far as it is backed. Up a grade,
 * part of the grade-adjusted excess is the grade's: a claim about effort, not
 * speed. Cadence and the pace reading back speed only; heart rate is the one
 * witness of effort. So where heart rate is recorded and does not back it
 * (heartRateBacksEffort), the excess is the recorded pace's alone. A GPS
 * altimeter's grade is taken over 400 m: over a crest and onto the flat it
 * reads uphill for minutes, and an easy pace there reads as an overshoot.
 * Below gradeNeedsHrFromPct the grade adds a few s/km, no more than GPS pace
 * wanders by itself; without heart rate the grade stands alone.
 */
function backedPaceExcess(gapExcess: number | undefined, input: Conditioned, config: GuardConfig): number | undefined {
  if (gapExcess === undefined || !input.hasHr || input.gradePct === undefined || input.gradePct < config.tuning.gradeNeedsHrFromPct) {
    return gapExcess;
  }
  const recordedExcess = recordedPaceExcess(input, config);
  return recordedExcess === undefined || heartRateBacksEffort(input, config) ? gapExcess : recordedExcess;
}

/** A trend witnesses past its fixed bar and past witnessNoiseMultiple times how far it wanders on its own. */
function witnessBar(fixedBar: number, trendNoise: number, tuning: GuardTuning): number {
  return Math.max(fixedBar, tuning.witnessNoiseMultiple * trendNoise);
}

/** Unwitnessed pace in the warm-up counts less the more this GPS scatters (see paceNoiseRefShare). */
function warmupWeight(input: Conditioned, tuning: GuardTuning): number {
  const noise = input.paceNoiseShare;
  return noise <= tuning.paceNoiseRefShare ? tuning.paceWarmupWeight : tuning.paceWarmupWeight * (tuning.paceNoiseRefShare / noise) ** 2;
}

/** How far the pace as recorded, before any grade adjustment, is faster than the ceiling (s/km); undefined without one. */
function recordedPaceExcess(input: Conditioned, config: GuardConfig): number | undefined {
  const paceCeiling = config.ceilings.paceCeilingSecPerKm;
  const speedMps = input.speedMps;
  if (paceCeiling === undefined || speedMps === undefined || speedMps <= 0) return undefined;
  return paceCeiling - 1000 / speedMps;
}

/** The pace as recorded is past the ceiling by more than the allowance. */
function recordedPaceOver(input: Conditioned, config: GuardConfig): boolean {
  const excess = recordedPaceExcess(input, config);
  return excess !== undefined && excess > config.tuning.paceAllowanceSecPerKm;
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

function stepPhase(
  phase: Phase,
  atMs: number,
  alerting: OverCause | undefined,
  clear: boolean,
  input: Conditioned,
  config: GuardConfig,
  events: GuardEvent[],
): Phase {
  const { tuning } = config;
  switch (phase.name) {
    case 'under':
      if (alerting === undefined) return phase;
      events.push(slowDown(atMs, alerting, 0, input, config));
      return { name: 'over', firstAlertAtMs: atMs, lastAlertAtMs: atMs, repeats: 0, cause: alerting };
    case 'over':
      if (clear) return { ...phase, name: 'falling', sinceMs: atMs };
      if (alerting !== undefined && atMs - phase.lastAlertAtMs >= tuning.repeatMs && !easingOff(input, config)) {
        const repeats = phase.repeats + 1;
        events.push(slowDown(atMs, alerting, repeats, input, config));
        return { ...phase, lastAlertAtMs: atMs, repeats, cause: alerting };
      }
      return phase;
    case 'falling': {
      if (!clear) {
        return {
          name: 'over',
          firstAlertAtMs: phase.firstAlertAtMs,
          lastAlertAtMs: phase.lastAlertAtMs,
          repeats: phase.repeats,
          cause: phase.cause,
        };
      }
      if (atMs - phase.sinceMs < tuning.holdUnderMs) return phase;
      events.push({ kind: 'back-under', atMs, overForMs: atMs - phase.firstAlertAtMs });
      return { name: 'under' };
    }
  }
}

/**
 * Heart rate falling clearly: effort went down. No witness counts for pace
 * then, and a repeat would only nag a runner who is already easing off.
 */
function easingOff(input: Conditioned, config: GuardConfig): boolean {
  return input.hrTrendBpm !== undefined && input.hrTrendBpm <= -config.tuning.paceWitnessHrFallVetoBpm;
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
 * signal-lost when a sensor that has worked gives no believed reading for
 * staleMs (dated staleMs after its last reading, so live and replay agree);
 * signal-back at its next believed reading. Paused time does not count.
 */
function watchSensor(
  watch: SensorWatch,
  sensor: Sensor,
  input: Conditioned,
  lastReadingAtMs: number | undefined,
  staleMs: number,
  events: GuardEvent[],
): SensorWatch {
  const freshAtMs = lastReadingAtMs !== undefined && lastReadingAtMs === input.atMs ? lastReadingAtMs : undefined;
  if (input.kind === 'resume' || input.paused) {
    // Time stands still while paused: restart the stale clock at the resume.
    return watch.seen ? { ...watch, lastAtMs: input.atMs } : watch;
  }
  let next = watch;
  if (next.seen && !next.lost && next.lastAtMs !== undefined && input.atMs - next.lastAtMs >= staleMs) {
    const reason = sensor === 'hr' && input.hrCadenceLocked ? 'cadence-lock' : 'no-data';
    events.push({ kind: 'signal-lost', atMs: next.lastAtMs + staleMs, sensor, reason });
    next = { ...next, lost: true };
  }
  if (freshAtMs !== undefined) {
    if (next.lost) events.push({ kind: 'signal-back', atMs: freshAtMs, sensor });
    next = { seen: true, lost: false, lastAtMs: freshAtMs };
  }
  return next;
}
