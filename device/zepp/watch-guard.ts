/**
 * The guard on the watch: src/'s live guard (src/guard/live.ts), the same
 * pure step `paceguard replay` folds over its inputs plus the same stale
 * probe the phone's RxJS pipeline uses, so that the same inputs give the same
 * events as `paceguard replay`, and a sensor that falls silent is announced
 * when it goes stale. Probes never enter the run's state: the session log
 * keeps the inputs only, and replays to what the watch said (src/guard/silence.ts).
 *
 * Which events vibrate: slow-down (repeats too), not-recovery, time-up, signal-lost, tired.
 * back-under and signal-back only change the screen.
 */
import type { GuardConfig } from '../../src/guard/config.ts';
import type { GuardEvent } from '../../src/guard/events.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { INITIAL_LIVE_GUARD_STATE, liveInput, nextProbeAtMs, probeSilence, type LiveGuardState } from '../../src/guard/live.ts';
import type { GuardStep } from '../../src/guard/step.ts';

export type AlertKind = 'slow-down' | 'not-recovery' | 'time-up' | 'signal-lost' | 'tired';

export function isAlert(event: GuardEvent): event is Extract<GuardEvent, { kind: AlertKind }> {
  return event.kind === 'slow-down' || event.kind === 'not-recovery' || event.kind === 'time-up' || event.kind === 'signal-lost' || event.kind === 'tired';
}

export interface StepResult {
  readonly step: GuardStep;
  /** Every event to say now, in order (a signal-lost a probe already said left out); `isAlert` ones vibrate. */
  readonly events: readonly GuardEvent[];
}

export interface WatchGuard {
  push(input: GuardInput): StepResult;
  /** When a sensor will go stale if nothing comes: the next probe's time (event time), or undefined. */
  nextStaleAtMs(): number | undefined;
  /** What a silence until `atMs` says, said now; the run's state is untouched. */
  probe(atMs: number): readonly GuardEvent[];
  readonly last: GuardStep | undefined;
  /** Event time of the last input. */
  readonly lastAtMs: number | undefined;
}

export function createWatchGuard(config: GuardConfig): WatchGuard {
  let live: LiveGuardState = INITIAL_LIVE_GUARD_STATE;
  return {
    get last() {
      return live.guard.last;
    },
    get lastAtMs() {
      return live.guard.condition.lastAtMs;
    },
    push(input) {
      const out = liveInput(live, input, config);
      live = out.state;
      return { step: out.step, events: out.events };
    },
    nextStaleAtMs() {
      return nextProbeAtMs(live, config);
    },
    probe(atMs) {
      const out = probeSilence(live, atMs, config);
      live = out.state;
      return out.events;
    },
  };
}
