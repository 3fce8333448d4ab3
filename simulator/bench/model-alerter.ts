/**
 * The effort model as a bench alerter (src/estimate/guard.ts): its
 * slow-downs, repeats included, like today's guard's in alerts.ts. Ceilings
 * as the reference alerters take them; no profile, so the estimator starts
 * from the population prior anchored at the ceilings and adapts online.
 *
 * ```ts
 * modelAlerts(run.inputs, { paceCeilingSecPerKm: 360, hrCeilingBpm: 140 }); // [612000, …]
 * ```
 */
import { deriveCeilings } from '../../src/ceiling/ceiling.ts';
import { DEFAULT_TUNING } from '../../src/guard/config.ts';
import type { SlowDown } from '../../src/guard/events.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { modelGuard, runModelGuard, type ModelGuard } from '../../src/estimate/guard.ts';
import { DEFAULT_ESTIMATE_SETTINGS, ESTIMATE_SETTINGS, type EstimateSettings } from '../../src/estimate/settings.ts';
import type { ReferenceCeilings } from './reference/naive.ts';

/**
 * The model's slow-downs (their times, ms), with the given settings (the
 * defaults unless told); `adjust` changes the guard built from them (a
 * what-if of model-bounds.ts: the GPS error's size told, another z cap).
 */
export function modelSlowDowns(
  inputs: readonly GuardInput[],
  ceilings: ReferenceCeilings,
  settings: EstimateSettings = DEFAULT_ESTIMATE_SETTINGS,
  adjust: (guard: ModelGuard) => ModelGuard = (guard) => guard,
): SlowDown[] {
  const { paceCeilingSecPerKm, hrCeilingBpm } = ceilings;
  const config = {
    ceilings: deriveCeilings({
      ...(paceCeilingSecPerKm !== undefined ? { paceCeilingSecPerKm } : {}),
      ...(hrCeilingBpm !== undefined ? { hrCeilingBpm } : {}),
    }),
    tuning: DEFAULT_TUNING,
  };
  return runModelGuard(inputs, adjust(modelGuard(config, settings))).filter((event): event is SlowDown => event.kind === 'slow-down');
}

export function modelAlerts(inputs: readonly GuardInput[], ceilings: ReferenceCeilings): number[] {
  return modelSlowDowns(inputs, ceilings).map((event) => event.atMs);
}

/**
 * Settings for the quick loops (model-loop.ts, model-real.ts): the defaults,
 * overridden by command-line `name=value` pairs; the first argument that is
 * not one, as a message naming it.
 */
export function settingsFromArgs(args: readonly string[], script: string): EstimateSettings | string {
  const settings: Record<string, number> = { ...DEFAULT_ESTIMATE_SETTINGS };
  for (const arg of args) {
    const [name, value] = arg.split('=');
    if (name === undefined || value === undefined || !(name in ESTIMATE_SETTINGS) || !Number.isFinite(Number(value))) {
      return `${script}: '${arg}' is not name=value with a setting of src/estimate/settings.ts`;
    }
    settings[name] = Number(value);
  }
  return settings as EstimateSettings;
}
