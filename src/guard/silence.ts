import type { GuardConfig } from './config.ts';
import type { SignalLost } from './events.ts';
import type { SensorWatch } from './decide.ts';
import type { GuardState } from './step.ts';

/**
 * Staleness: the one thing the guard concludes from silence. A sensor that
 * has given a believed reading and then none for staleMs of running is lost,
 * dated staleMs after its last reading. What silence says is a function of
 * the state after the last stored input and of the moment asked about, and
 * nothing else, so that:
 *
 * - replay: every input first applies the silence up to its own time
 *   (`silence`, inside guardStep), then is judged;
 * - live: between inputs a timer asks the same question at the moments a
 *   sensor would go stale (`staleDuesAtMs`), announces the answer at once
 *   (`probeSilence`), and leaves the run's state alone. The next input applies
 *   the very same silence to the very same state, and the events the probe
 *   already announced are left out (live.ts).
 *
 * Both say the same events, with the same times and values; live only says
 * them sooner. A live probe never enters the state: a stored session (which
 * keeps inputs, not probes) replays to what the runner heard.
 *
 *   inputs:  --a--b--------------------c--      (staleMs = 10 frames, hr last read at b)
 *   live:    --a--b---------L----------c--      L = signal-lost @b+10, announced by the probe
 *   replay:  --a--b--------------------(Lc)     the same L, dated b+10, said with c
 */

/** Applies the silence from the last input until `atMs`: the stale sensors become lost. No-op while paused. */
export function silence(state: GuardState, atMs: number, config: GuardConfig): { readonly state: GuardState; readonly events: readonly SignalLost[] } {
  const events = silenceEvents(state, atMs, config);
  if (events.length === 0) return { state, events };
  let { hr, pace } = state.decision;
  for (const event of events) {
    if (event.sensor === 'hr') hr = { ...hr, lost: true, lostAtMs: event.atMs };
    else pace = { ...pace, lost: true, lostAtMs: event.atMs };
  }
  return { state: { ...state, decision: { ...state.decision, hr, pace } }, events };
}

/** The signal-lost events a silence from the last input until `atMs` gives, in time order. */
export function silenceEvents(state: GuardState, atMs: number, config: GuardConfig): readonly SignalLost[] {
  if (state.condition.paused) return NONE;
  const { staleMs } = config.tuning;
  const { hr, pace } = state.decision;
  const hrStale = isStale(hr, atMs, staleMs);
  const paceStale = isStale(pace, atMs, staleMs);
  // The per-sample path: nearly always nothing, and nothing allocated.
  if (!hrStale && !paceStale) return NONE;
  const events: SignalLost[] = [];
  if (hrStale) {
    // The reason is what the last input showed: the moment's own answer, whatever comes next.
    const reason = state.last?.conditioned.hrCadenceLocked === true ? 'cadence-lock' : 'no-data';
    events.push({ kind: 'signal-lost', atMs: (hr.lastAtMs as number) + staleMs, sensor: 'hr', reason });
  }
  if (paceStale) events.push({ kind: 'signal-lost', atMs: (pace.lastAtMs as number) + staleMs, sensor: 'pace', reason: 'no-data' });
  if (events.length > 1) events.sort((a, b) => a.atMs - b.atMs);
  return events;
}

const NONE: readonly SignalLost[] = [];

function isStale(watch: SensorWatch, atMs: number, staleMs: number): boolean {
  return watch.seen && !watch.lost && watch.lastAtMs !== undefined && atMs - watch.lastAtMs >= staleMs;
}

/** The moments, after the last input, at which a silence would make a sensor lost: where a live probe is due. */
export function staleDuesAtMs(state: GuardState, config: GuardConfig): number[] {
  const lastAtMs = state.condition.lastAtMs;
  if (state.condition.paused || lastAtMs === undefined) return [];
  const dues: number[] = [];
  for (const sensor of ['hr', 'pace'] as const) {
    const watch = state.decision[sensor];
    if (!watch.seen || watch.lost || watch.lastAtMs === undefined) continue;
    const dueAtMs = watch.lastAtMs + config.tuning.staleMs;
    if (dueAtMs > lastAtMs && !dues.includes(dueAtMs)) dues.push(dueAtMs);
  }
  return dues.sort((a, b) => a - b);
}
