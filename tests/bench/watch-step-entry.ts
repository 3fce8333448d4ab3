/**
 * Bundled by ./watch-step.ts for QuickJS: today's step (src/guard/step.ts)
 * and the effort model's (src/estimate/guard.ts), folded over a run's inputs
 * with nothing around them (no sensors, sampler, screen or log), so that the
 * engine's time is the step's own. Each returns how many events it said, so
 * the work cannot be skipped and the two can be told apart.
 */
import { modelGuard, modelGuardStep, initialModelGuardState } from '../../src/estimate/guard.ts';
import { DEFAULT_ESTIMATE_SETTINGS } from '../../src/estimate/settings.ts';
import type { GuardConfig } from '../../src/guard/config.ts';
import { guardStep, INITIAL_GUARD_STATE } from '../../src/guard/step.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { checkWatchProfile } from '../../src/watch-format/watch-profile.ts';

function configOf(profileText: string): GuardConfig {
  const checked = checkWatchProfile(profileText);
  if (!checked.ok) throw new Error(checked.error);
  return checked.config;
}

function today(profileText: string, inputs: readonly GuardInput[]): number {
  const config = configOf(profileText);
  let state = INITIAL_GUARD_STATE;
  let events = 0;
  for (const input of inputs) {
    state = guardStep(state, input, config);
    events += state.last?.events.length ?? 0;
  }
  return events;
}

function model(profileText: string, inputs: readonly GuardInput[]): number {
  const guard = modelGuard(configOf(profileText), DEFAULT_ESTIMATE_SETTINGS);
  let state = initialModelGuardState(guard);
  let events = 0;
  for (const input of inputs) {
    state = modelGuardStep(state, input, guard);
    events += state.last?.events.length ?? 0;
  }
  return events;
}

Object.assign(globalThis, { paceguardSteps: { today, model } });
