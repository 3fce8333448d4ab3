import type { LiveReducer } from '../../src/guard/live.ts';
import type { GuardEvent } from '../../src/guard/events.ts';
import type { GuardStep } from '../../src/guard/step.ts';
import type { GuardInput } from '../../src/samples/sample.ts';

/** What the watch app asks of its guard (today's, ./watch-guard.ts, or the model's, ./watch-model-guard.ts), and which events vibrate. */
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

/** Any live guard (src/guard/live.ts's LiveReducer) behind the watch's interface: today's in ./watch-guard.ts, the model's in ./watch-model-guard.ts (a file of its own, so that the model's build carries none of today's guard). */
export function watchGuardFrom<S>(reducer: LiveReducer<S>): WatchGuard {
  let live = reducer.initial();
  return {
    get last() {
      return reducer.last(live);
    },
    get lastAtMs() {
      return reducer.lastAtMs(live);
    },
    push(input) {
      const out = reducer.input(live, input);
      live = out.state;
      return { step: out.step, events: out.events };
    },
    nextStaleAtMs() {
      return reducer.nextProbeAtMs(live);
    },
    probe(atMs) {
      const out = reducer.probe(live, atMs);
      live = out.state;
      return out.events;
    },
  };
}
