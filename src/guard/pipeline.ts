import { filter, map, mergeMap, scan, type OperatorFunction, type SchedulerLike } from 'rxjs';
import type { GuardInput } from '../samples/sample.ts';
import type { GuardConfig } from './config.ts';
import type { GuardEvent } from './events.ts';
import { guardStep, INITIAL_GUARD_STATE, type GuardStep } from './step.ts';
import { watchdog } from './watchdog.ts';

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
  /** Scheduler for the staleness watchdog; the default async scheduler is real time. */
  readonly scheduler?: SchedulerLike;
}

/**
 * The guard: samples in, alerts out, on the samples' own time. Live, add the
 * watchdog (`live: {}`) so that a sensor stream that falls silent still gets
 * its signal-lost; a replay leaves it out and reaches the same events from
 * the timestamps alone.
 */
export function paceGuard(config: GuardConfig, live?: LiveOptions): OperatorFunction<GuardInput, GuardEvent> {
  return (input$) =>
    (live === undefined ? input$ : input$.pipe(watchdog(config.tuning.staleMs, live.scheduler))).pipe(
      guardSteps(config),
      stepEvents(),
    );
}
