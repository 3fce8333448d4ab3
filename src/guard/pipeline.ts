import { filter, map, mergeMap, scan, type OperatorFunction, type SchedulerLike } from 'rxjs';
import type { GuardInput } from '../samples/sample.ts';
import type { GuardConfig } from './config.ts';
import type { GuardEvent } from './events.ts';
import { guardStep, INITIAL_GUARD_STATE, type GuardStep } from './step.ts';
import { liveGuardSteps } from './watchdog.ts';

/**
 * Every input's step: conditioned values, events, over-cause. For views and
 * summaries that need more than the events.
 *
 *   input$:  --s--s--p-----r--s--|
 *   steps$:  --a--b--c-----d--e--|
 */
export function guardSteps(config: GuardConfig): OperatorFunction<GuardInput, GuardStep> {
  return (input$) =>
    input$.pipe(
      scan((state, input) => guardStep(state, input, config), INITIAL_GUARD_STATE),
      map((state) => state.last as GuardStep),
    );
}

/** Only the events of each step, in order. */
export function stepEvents(): OperatorFunction<GuardStep, GuardEvent> {
  return (step$) =>
    step$.pipe(
      filter((step) => step.events.length > 0),
      mergeMap((step) => step.events),
    );
}

export interface LiveOptions {
  /** Scheduler for the stale probes; the default async scheduler is real time. */
  readonly scheduler?: SchedulerLike;
  /** How late an input can arrive relative to the one before it (see liveGuardSteps); 0 by default. */
  readonly lateMs?: number;
}

/**
 * The guard: samples in, alerts out, on the samples' own time. Live
 * (`live: {}`), a sensor stream that falls silent gets its signal-lost when
 * the silence reaches the stale limit (watchdog.ts); a replay says the same
 * event, with the same time and values, at the next stored input
 * (silence.ts).
 */
export function paceGuard(config: GuardConfig, live?: LiveOptions): OperatorFunction<GuardInput, GuardEvent> {
  if (live === undefined) return (input$) => input$.pipe(guardSteps(config), stepEvents());
  return (input$) =>
    input$.pipe(
      liveGuardSteps(config, live.scheduler, live.lateMs),
      mergeMap((out) => out.events),
    );
}
