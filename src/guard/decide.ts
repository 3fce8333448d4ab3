import type { Conditioned } from '../signal/condition.ts';
import type { GuardConfig } from './config.ts';
import type { GuardEvent, OverCause, Sensor } from './events.ts';

/**
 * The alert state machine. Each conditioned input moves it one step; holds,
 * repeats and staleness are measured on the inputs' own timestamps.
 *
 *   under ──over──▶ rising ──held holdOverMs──▶ over (slow-down)
 *     ▲               │not over                 │ still over every repeatMs: slow-down again
 *     │◀──────────────┘                         │ clear
 *     │                                         ▼
 *     └──────────── held holdUnderMs (back-under) ◀── falling ──over again──▶ over
 *
 * "Over" needs the runner moving and past the warm-up for that ceiling; "clear"
 * needs both ceilings cleared by their hysteresis. While the runner stands
 * still the phase holds where it is.
 */
export type Phase =
  | { readonly name: 'under' }
  | { readonly name: 'rising'; readonly sinceMs: number }
  | { readonly name: 'over'; readonly firstAlertAtMs: number; readonly lastAlertAtMs: number; readonly repeats: number }
  | {
      readonly name: 'falling';
      readonly sinceMs: number;
      readonly firstAlertAtMs: number;
      readonly lastAlertAtMs: number;
      readonly repeats: number;
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
  readonly lastAtMs?: number;
  readonly timeUpSent: boolean;
  readonly hr: SensorWatch;
  readonly pace: SensorWatch;
}

export interface Decision {
  readonly state: DecisionState;
  readonly events: readonly GuardEvent[];
  /** Which ceiling the conditioned values are over right now (warm-up ignored): for summaries. */
  readonly overCause?: OverCause;
}

const UNSEEN: SensorWatch = { seen: false, lost: false };

export const INITIAL_DECISION_STATE: DecisionState = {
  phase: { name: 'under' },
  timeUpSent: false,
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

  const gapMs = state.lastAtMs === undefined ? 0 : atMs - state.lastAtMs;
  const over = overNow(input, config);
  let phase = state.phase;
  if (input.paused || input.kind === 'pause' || gapMs > tuning.staleMs) {
    // A pause, or a silence too long to know what happened in it, starts the
    // judgement afresh: no alert carries over, and none is owed.
    phase = { name: 'under' };
  } else if (input.kind === 'sample' && !input.moving) {
    // Standing still or walking says nothing about the overshoot: freeze it (no
    // repeats, no back-under) so that stop-and-go at a crossing or on a steep
    // trail does not turn one overshoot into many. A hold still building restarts.
    if (phase.name === 'rising') phase = { name: 'under' };
  } else if (input.kind === 'sample') {
    phase = stepPhase(phase, atMs, over, input, config, events);
  }
  // Lost sensors are dated back to when they went quiet, so one step can hold
  // events from several moments: keep them in time order (the sort is stable).
  if (events.length > 1) events.sort((a, b) => a.atMs - b.atMs);
  return {
    state: { phase, lastAtMs: atMs, timeUpSent, hr, pace },
    events,
    ...(over.cause !== undefined ? { overCause: over.cause } : {}),
  };
}

interface OverNow {
  /** Over a ceiling that may alert now (moving, past its warm-up). */
  readonly alerting?: OverCause;
  /** Over a ceiling at all, warm-up ignored. */
  readonly cause?: OverCause;
  /** Both ceilings cleared by their hysteresis, or not moving. */
  readonly clear: boolean;
}

function overNow(input: Conditioned, config: GuardConfig): OverNow {
  const { ceilings, tuning } = config;
  if (input.paused || !input.moving) return { clear: true };
  const paceCeiling = ceilings.paceCeilingSecPerKm;
  const gapPace = input.gapSpeedMps !== undefined && input.gapSpeedMps > 0 ? 1000 / input.gapSpeedMps : undefined;
  const paceOver = paceCeiling !== undefined && gapPace !== undefined && gapPace < paceCeiling;
  const paceClear =
    paceCeiling === undefined || gapPace === undefined || gapPace >= paceCeiling + tuning.paceHysteresisSecPerKm;
  const hrCeiling = ceilings.hrCeilingBpm;
  const hrOver = hrCeiling !== undefined && input.hrBpm !== undefined && input.hrBpm > hrCeiling;
  const hrClear = hrCeiling === undefined || input.hrBpm === undefined || input.hrBpm <= hrCeiling - tuning.hrHysteresisBpm;
  const paceAlerting = paceOver && input.timerMs >= tuning.paceWarmupMs;
  const hrAlerting = hrOver && input.timerMs >= tuning.hrWarmupMs;
  const cause = causeOf(paceOver, hrOver);
  const alerting = causeOf(paceAlerting, hrAlerting);
  return { clear: paceClear && hrClear, ...(cause ? { cause } : {}), ...(alerting ? { alerting } : {}) };
}

function causeOf(pace: boolean, hr: boolean): OverCause | undefined {
  return pace && hr ? 'both' : pace ? 'pace' : hr ? 'hr' : undefined;
}

function stepPhase(
  phase: Phase,
  atMs: number,
  over: OverNow,
  input: Conditioned,
  config: GuardConfig,
  events: GuardEvent[],
): Phase {
  const { tuning } = config;
  switch (phase.name) {
    case 'under':
      return over.alerting !== undefined ? { name: 'rising', sinceMs: atMs } : phase;
    case 'rising':
      if (over.alerting === undefined) return { name: 'under' };
      if (atMs - phase.sinceMs < tuning.holdOverMs) return phase;
      events.push(slowDown(atMs, over.alerting, 0, input, config));
      return { name: 'over', firstAlertAtMs: atMs, lastAlertAtMs: atMs, repeats: 0 };
    case 'over':
      if (over.clear) return { ...phase, name: 'falling', sinceMs: atMs };
      if (over.alerting !== undefined && atMs - phase.lastAlertAtMs >= tuning.repeatMs) {
        const repeats = phase.repeats + 1;
        events.push(slowDown(atMs, over.alerting, repeats, input, config));
        return { ...phase, lastAlertAtMs: atMs, repeats };
      }
      return phase;
    case 'falling': {
      if (!over.clear) {
        return { name: 'over', firstAlertAtMs: phase.firstAlertAtMs, lastAlertAtMs: phase.lastAlertAtMs, repeats: phase.repeats };
      }
      if (atMs - phase.sinceMs < tuning.holdUnderMs) return phase;
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
