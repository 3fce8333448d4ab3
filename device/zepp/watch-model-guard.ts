/**
 * The effort model (src/estimate/) behind the watch's guard interface: a
 * stand-in for ./watch-guard.ts that the model's watch build
 * (tools/build-model.ts) puts in its place, so that the very app the watch
 * ships (watch-app.ts, app/data-widget.ts: sensors, sampler, screen, session
 * log, vibrations) runs the model's step instead of today's. Not shipped: the
 * product keeps today's guard until the model beats it (docs/effort-model.md);
 * this is how its size, memory and work on the watch are measured
 * (`npm run bench:watch`).
 *
 * The model starts from the population prior anchored at the profile's
 * ceilings (the watch profile carries no runner model) with the default
 * settings, as the bench's `paceguard-model` alerter does.
 */
import type { GuardConfig } from '../../src/guard/config.ts';
import { modelGuard } from '../../src/estimate/guard.ts';
import { liveModelReducer } from '../../src/estimate/live.ts';
import { DEFAULT_ESTIMATE_SETTINGS } from '../../src/estimate/settings.ts';
import { watchGuardFrom, type WatchGuard } from './watch-guard-from.ts';

export { isAlert, type AlertKind, type StepResult, type WatchGuard } from './watch-guard-from.ts';

export function createWatchGuard(config: GuardConfig): WatchGuard {
  return watchGuardFrom(liveModelReducer(modelGuard(config, DEFAULT_ESTIMATE_SETTINGS)));
}
