import type { GuardEvent } from '../guard/events.ts';
import { silenceEvents, staleDuesAtMs } from '../guard/silence.ts';
import type { GuardStep } from '../guard/step.ts';
import type { LiveReducer } from '../guard/live.ts';
import type { GuardInput } from '../samples/sample.ts';
import { initialModelGuardState, modelGuardStep, type ModelGuard, type ModelGuardState } from './guard.ts';

/**
 * The effort model live, as today's guard is live (src/guard/live.ts): a pure
 * reducer over two things that happen, a stored input arrives
 * (`liveModelInput`), or the clock reaches a moment at which a sensor would go
 * stale (`probeModelSilence`, due at `nextModelProbeAtMs`). The run's state is
 * moved by inputs only, through the model's own step (guard.ts), exactly as
 * `runModelGuard` moves it in a replay; probes say early what the next
 * input's step would say about the silence (src/guard/silence.ts, which reads
 * the part of the state both guards share), and the next input leaves those
 * events out.
 *
 * Used by the RxJS `liveModelGuardSteps` (operator.ts) and, without RxJS, by
 * the watch's model build (device/zepp/watch-model-guard.ts).
 */
export interface LiveModelState {
  /** The run's state: a replay of the same inputs has the very same. */
  readonly guard: ModelGuardState;
  /** Silence up to this moment has been announced by probes since the last input. */
  readonly probedToMs: number | undefined;
}

export interface LiveModelOutput {
  readonly state: LiveModelState;
  /** Events to say now, in order. */
  readonly events: readonly GuardEvent[];
}

export function initialLiveModelState(guard: ModelGuard): LiveModelState {
  return { guard: initialModelGuardState(guard), probedToMs: undefined };
}

/** One stored input, judged as a replay judges it; a signal-lost a probe has already said is left out. */
export function liveModelInput(live: LiveModelState, input: GuardInput, guard: ModelGuard): LiveModelOutput & { readonly step: GuardStep } {
  const next = modelGuardStep(live.guard, input, guard);
  const step = next.last as GuardStep;
  const probedToMs = live.probedToMs;
  // The step applied the same silence to the same state as the probes did: the signal-lost dated up to probedToMs are the ones they said.
  const events =
    probedToMs === undefined ? step.events : step.events.filter((event) => !(event.kind === 'signal-lost' && event.atMs <= probedToMs));
  return { state: { guard: next, probedToMs: undefined }, events, step };
}

/** The clock reached `atMs` with no input since the last: what the silence says that has not been said. The run's state is untouched. */
export function probeModelSilence(live: LiveModelState, atMs: number, guard: ModelGuard): LiveModelOutput {
  const from = live.probedToMs;
  const events = silenceEvents(live.guard, atMs, guard.config).filter((event) => from === undefined || event.atMs > from);
  return { state: { guard: live.guard, probedToMs: from === undefined ? atMs : Math.max(from, atMs) }, events };
}

/** The next moment (event time) a probe has something to say, if no input comes before it. */
export function nextModelProbeAtMs(live: LiveModelState, guard: ModelGuard): number | undefined {
  const from = live.probedToMs;
  return staleDuesAtMs(live.guard, guard.config).find((dueAtMs) => from === undefined || dueAtMs > from);
}

/** The effort model as a live reducer (src/guard/live.ts), for the RxJS watchdog and the watch. */
export function liveModelReducer(guard: ModelGuard): LiveReducer<LiveModelState> {
  return {
    initial: () => initialLiveModelState(guard),
    input: (live, input) => liveModelInput(live, input, guard),
    probe: (live, atMs) => probeModelSilence(live, atMs, guard),
    nextProbeAtMs: (live) => nextModelProbeAtMs(live, guard),
    last: (live) => live.guard.last,
    lastAtMs: (live) => live.guard.condition.lastAtMs,
  };
}
