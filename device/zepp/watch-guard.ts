/**
 * The guard on the watch: src/'s own pure step (`guardStep`, the function
 * the replay's `paceGuard` operator scans with), so that the same inputs give
 * the same events as `paceguard replay`, plus a live stale probe.
 *
 * Why not src/guard/watchdog.ts here: its ticks enter the run's state, and a
 * tick every 30 s of silence changes what a replay decides (a silence longer
 * than staleMs starts the judgement afresh; with ticks in it, no gap is ever
 * that long). The probe steps a *copy* of the state with a tick at the moment
 * a sensor goes stale (guardStep is pure; windows are persistent, and a tick
 * appends to none), announces that copy's `signal-lost` at once, and leaves
 * the run's state as the replay's. When the next real input brings the same
 * `signal-lost` (same sensor, same instant), it is not announced twice.
 *
 * Which events vibrate: slow-down (repeats too), time-up, signal-lost, tired.
 * back-under and signal-back only change the screen.
 */
import type { GuardConfig } from '../../src/guard/config.ts';
import type { GuardEvent, Sensor } from '../../src/guard/events.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { guardStep, INITIAL_GUARD_STATE, type GuardState, type GuardStep } from '../../src/guard/step.ts';

export type AlertKind = 'slow-down' | 'time-up' | 'signal-lost' | 'tired';

export function isAlert(event: GuardEvent): event is Extract<GuardEvent, { kind: AlertKind }> {
  return event.kind === 'slow-down' || event.kind === 'time-up' || event.kind === 'signal-lost' || event.kind === 'tired';
}

export interface StepResult {
  readonly step: GuardStep;
  /** Events to vibrate for, in order (already-announced signal-lost left out). */
  readonly alerts: readonly GuardEvent[];
}

export interface WatchGuard {
  push(input: GuardInput): StepResult;
  /** When a sensor will go stale if nothing comes: the next probe's time, or undefined. */
  nextStaleAtMs(): number | undefined;
  /** The signal-lost a silence until `atMs` gives, announced now; the run's state is untouched. */
  probe(atMs: number): readonly GuardEvent[];
  readonly last: GuardStep | undefined;
}

export function createWatchGuard(config: GuardConfig): WatchGuard {
  let state: GuardState = INITIAL_GUARD_STATE;
  // At most one announced-early signal-lost per sensor: constant memory.
  let announcedHrAtMs: number | undefined;
  let announcedPaceAtMs: number | undefined;

  const announced = (sensor: Sensor): number | undefined => (sensor === 'hr' ? announcedHrAtMs : announcedPaceAtMs);
  const announce = (sensor: Sensor, atMs: number | undefined): void => {
    if (sensor === 'hr') announcedHrAtMs = atMs;
    else announcedPaceAtMs = atMs;
  };

  return {
    get last() {
      return state.last;
    },
    push(input) {
      state = guardStep(state, input, config);
      const step = state.last as GuardStep;
      const alerts: GuardEvent[] = [];
      for (const event of step.events) {
        if (!isAlert(event)) continue;
        if (event.kind === 'signal-lost' && announced(event.sensor) === event.atMs) {
          announce(event.sensor, undefined);
          continue;
        }
        alerts.push(event);
      }
      return { step, alerts };
    },
    nextStaleAtMs() {
      if (state.condition.paused) return undefined;
      const lastAtMs = state.decision.lastAtMs;
      if (lastAtMs === undefined) return undefined;
      let due: number | undefined;
      for (const watch of [state.decision.hr, state.decision.pace]) {
        if (!watch.seen || watch.lost || watch.lastAtMs === undefined) continue;
        const at = watch.lastAtMs + config.tuning.staleMs;
        if (at > lastAtMs && (due === undefined || at < due)) due = at;
      }
      return due;
    },
    probe(atMs) {
      const lastAtMs = state.decision.lastAtMs;
      if (lastAtMs === undefined || atMs <= lastAtMs || state.condition.paused) return [];
      const copy = guardStep(state, { kind: 'tick', atMs }, config);
      const out: GuardEvent[] = [];
      for (const event of copy.last?.events ?? []) {
        if (event.kind !== 'signal-lost' || announced(event.sensor) === event.atMs) continue;
        announce(event.sensor, event.atMs);
        out.push(event);
      }
      return out;
    },
  };
}
