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
import { liveGuardReducer } from '../../src/guard/live.ts';
import { watchGuardFrom, type WatchGuard } from './watch-guard-from.ts';

export { isAlert, type AlertKind, type StepResult, type WatchGuard } from './watch-guard-from.ts';

export function createWatchGuard(config: GuardConfig): WatchGuard {
  return watchGuardFrom(liveGuardReducer(config));
}
