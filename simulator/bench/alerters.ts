/**
 * The alerters `npm run bench:alerts` scores side by side, each a pure
 * function of one run's recorded inputs and its two ceilings, returning the
 * times (ms, the inputs' own clock) at which it said "slow down", repeats
 * included. A new alerter is one entry in ALERTERS, and one name in
 * GUARDS_UNDER_TEST when it should get the per-family table and the targets.
 *
 * ```ts
 * const guard = alerterNamed('paceguard');
 * guard?.alertsMs(run.inputs, run.scenario.ceilings); // [612000, 1400000, …]
 * ```
 */
import { deriveCeilings, type CeilingInputs } from '../../src/ceiling/ceiling.ts';
import { DEFAULT_TUNING, type GuardConfig } from '../../src/guard/config.ts';
import type { SlowDown } from '../../src/guard/events.ts';
import { runGuard } from '../../src/guard/run.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { naiveAlerts, type ReferenceCeilings } from './reference/naive.ts';
import { runnerUpAlerts } from './reference/runnerup.ts';
import { modelSlowDowns } from './model-alerter.ts';

export type { ReferenceCeilings };

export interface Alerter {
  readonly name: string;
  /** Slow-down times in ms, in the inputs' own clock, repeats included. */
  readonly alertsMs: (inputs: readonly GuardInput[], ceilings: ReferenceCeilings) => number[];
  /** What each alert was about (`pace`, `hr`…), keyed by its time, for the incident list; optional. */
  readonly causesAt?: (inputs: readonly GuardInput[], ceilings: ReferenceCeilings) => ReadonlyMap<number, string>;
}

/** Today's guard with its default tuning, given only the two ceilings. */
export function paceguardConfig(ceilings: ReferenceCeilings): GuardConfig {
  const given: { -readonly [K in keyof CeilingInputs]: CeilingInputs[K] } = {};
  if (ceilings.paceCeilingSecPerKm !== undefined) given.paceCeilingSecPerKm = ceilings.paceCeilingSecPerKm;
  if (ceilings.hrCeilingBpm !== undefined) given.hrCeilingBpm = ceilings.hrCeilingBpm;
  return { ceilings: deriveCeilings(given), tuning: DEFAULT_TUNING };
}

export function paceguardSlowDowns(inputs: readonly GuardInput[], ceilings: ReferenceCeilings): SlowDown[] {
  return runGuard(inputs, paceguardConfig(ceilings)).filter((event): event is SlowDown => event.kind === 'slow-down');
}

export const PACEGUARD: Alerter = {
  name: 'paceguard',
  alertsMs: (inputs, ceilings) => paceguardSlowDowns(inputs, ceilings).map((event) => event.atMs),
  causesAt: (inputs, ceilings) => new Map(paceguardSlowDowns(inputs, ceilings).map((event) => [event.atMs, event.cause])),
};

/** Every alerter, reference first. */
export const ALERTERS: readonly Alerter[] = [
  PACEGUARD,
  {
    name: 'paceguard-model',
    alertsMs: (inputs, ceilings) => modelSlowDowns(inputs, ceilings).map((event) => event.atMs),
    causesAt: (inputs, ceilings) => new Map(modelSlowDowns(inputs, ceilings).map((event) => [event.atMs, event.cause])),
  },
  { name: 'RunnerUp-like', alertsMs: (inputs, ceilings) => runnerUpAlerts(inputs, ceilings) },
  { name: 'naive', alertsMs: (inputs, ceilings) => naiveAlerts(inputs, ceilings) },
];

/**
 * The alerters judged against the targets, each with its own per-family
 * table and incident list; the others are anchors, shown in the overall table.
 */
export const GUARDS_UNDER_TEST: readonly string[] = ['paceguard', 'paceguard-model'];

export function alerterNamed(name: string): Alerter | undefined {
  return ALERTERS.find((alerter) => alerter.name === name);
}
