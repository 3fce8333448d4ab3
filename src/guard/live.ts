import type { GuardInput } from '../samples/sample.ts';
import type { GuardConfig } from './config.ts';
import type { GuardEvent } from './events.ts';
import { silenceEvents, staleDuesAtMs } from './silence.ts';
import { guardStep, INITIAL_GUARD_STATE, type GuardState, type GuardStep } from './step.ts';

/**
 * The guard live, as a pure reducer over two things that happen: a stored
 * input arrives (`liveInput`), or the clock reaches a moment at which a
 * sensor would go stale (`probeSilence`, due at `nextProbeAtMs`). The run's
 * state is only ever moved by inputs, exactly as a replay moves it; probes
 * say early what the next input's step would say about the silence, and the
 * next input leaves those events out. See silence.ts for why they agree.
 *
 * Used by the RxJS `liveGuardSteps` (watchdog.ts, the phone) and, without
 * RxJS, by the watch (device/zepp/watch-guard.ts).
 */
export interface LiveGuardState {
  /** The run's state: a replay of the same inputs has the very same. */
  readonly guard: GuardState;
  /** Silence up to this moment has been announced by probes since the last input. */
  readonly probedToMs: number | undefined;
}

export const INITIAL_LIVE_GUARD_STATE: LiveGuardState = { guard: INITIAL_GUARD_STATE, probedToMs: undefined };

export interface LiveGuardOutput {
  readonly state: LiveGuardState;
  /** Events to say now, in order. */
  readonly events: readonly GuardEvent[];
}

/** One stored input, judged as a replay judges it; a signal-lost a probe has already said is left out. */
export function liveInput(live: LiveGuardState, input: GuardInput, config: GuardConfig): LiveGuardOutput & { readonly step: GuardStep } {
  const guard = guardStep(live.guard, input, config);
  const step = guard.last as GuardStep;
  const probedToMs = live.probedToMs;
  // The step applied the same silence to the same state as the probes did: the
  // signal-lost dated up to probedToMs are exactly the ones they said.
  const events =
    probedToMs === undefined ? step.events : step.events.filter((event) => !(event.kind === 'signal-lost' && event.atMs <= probedToMs));
  return { state: { guard, probedToMs: undefined }, events, step };
}

/** The clock reached `atMs` with no input since the last: what the silence says that has not been said. The run's state is untouched. */
export function probeSilence(live: LiveGuardState, atMs: number, config: GuardConfig): LiveGuardOutput {
  const from = live.probedToMs;
  const events = silenceEvents(live.guard, atMs, config).filter((event) => from === undefined || event.atMs > from);
  return { state: { guard: live.guard, probedToMs: from === undefined ? atMs : Math.max(from, atMs) }, events };
}

/** The next moment (event time) a probe has something to say, if no input comes before it. */
export function nextProbeAtMs(live: LiveGuardState, config: GuardConfig): number | undefined {
  const from = live.probedToMs;
  return staleDuesAtMs(live.guard, config).find((dueAtMs) => from === undefined || dueAtMs > from);
}

/**
 * A live guard as a pure reducer: what an input does, what a probe at a
 * moment does, when the next probe is due. Today's guard (`liveGuardReducer`)
 * and the effort model (src/estimate/live.ts) are two of them; the RxJS
 * watchdog (watchdog.ts) and the watch (device/zepp/watch-guard.ts) drive any.
 */
export interface LiveReducer<S> {
  initial(): S;
  input(live: S, input: GuardInput): LiveGuardOutputOf<S> & { readonly step: GuardStep };
  probe(live: S, atMs: number): LiveGuardOutputOf<S>;
  nextProbeAtMs(live: S): number | undefined;
  /** The last input's step, if any. */
  last(live: S): GuardStep | undefined;
  /** The time of the last input judged, if any. */
  lastAtMs(live: S): number | undefined;
}

export interface LiveGuardOutputOf<S> {
  readonly state: S;
  readonly events: readonly GuardEvent[];
}

/** Today's guard as a live reducer. */
export function liveGuardReducer(config: GuardConfig): LiveReducer<LiveGuardState> {
  return {
    initial: () => INITIAL_LIVE_GUARD_STATE,
    input: (live, input) => liveInput(live, input, config),
    probe: (live, atMs) => probeSilence(live, atMs, config),
    nextProbeAtMs: (live) => nextProbeAtMs(live, config),
    last: (live) => live.guard.last,
    lastAtMs: (live) => live.guard.condition.lastAtMs,
  };
}
