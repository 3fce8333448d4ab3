import { asyncScheduler, map, mergeMap, scan, type OperatorFunction, type SchedulerLike } from 'rxjs';
import type { GuardEvent } from '../guard/events.ts';
import type { LiveOptions } from '../guard/pipeline.ts';
import { stepEvents } from '../guard/pipeline.ts';
import type { GuardStep } from '../guard/step.ts';
import { liveSteps, type LiveStep } from '../guard/watchdog.ts';
import type { GuardInput } from '../samples/sample.ts';
import { initialModelGuardState, modelGuardStep, type ModelGuard } from './guard.ts';
import { liveModelReducer } from './live.ts';

/**
 * Every input's step through the effort model (guard.ts), as a replay folds
 * them: `scan` over `modelGuardStep`.
 *
 *   input$:  --s--s--p-----r--s--|
 *   steps$:  --a--b--c-----d--e--|
 */
export function modelGuardSteps(guard: ModelGuard): OperatorFunction<GuardInput, GuardStep> {
  return (input$) =>
    input$.pipe(
      scan((state, input) => modelGuardStep(state, input, guard), initialModelGuardState(guard)),
      map((state) => state.last as GuardStep),
    );
}

/**
 * The effort model live, on the samples' own time: every input judged as a
 * replay judges it (live.ts), and when the source says nothing until a sensor
 * would go stale, the scheduler wakes the guard at that moment to say
 * signal-lost at once: today's watchdog (src/guard/watchdog.ts) around the
 * model's step. Scheduler time after an input stands for event time after
 * the input's `atMs`; probes never enter the run's state; they stop when the
 * source completes; errors pass downstream. `lateMs` as in watchdog.ts.
 *
 *   source:  --a--b-----------------c--|      (hr last read at b, staleMs = 10 frames)
 *   output:  --A--B---------L-------C--|      L: signal-lost dated b + 10
 */
export function liveModelGuardSteps(guard: ModelGuard, scheduler: SchedulerLike = asyncScheduler, lateMs = 0): OperatorFunction<GuardInput, LiveStep> {
  return liveSteps(liveModelReducer(guard), scheduler, lateMs);
}

/**
 * The effort model as a guard: samples in, alerts out, like today's
 * `paceGuard` (src/guard/pipeline.ts). Without `live`, a replay (a stale
 * sensor's signal-lost said with the next input); with `live: {}`, stale
 * sensors are announced when they go stale, with the same times and values.
 *
 * ```ts
 * samples$.pipe(modelPaceGuard(modelGuard(config, DEFAULT_ESTIMATE_SETTINGS), { scheduler })).subscribe(say);
 * ```
 */
export function modelPaceGuard(guard: ModelGuard, live?: LiveOptions): OperatorFunction<GuardInput, GuardEvent> {
  if (live === undefined) return (input$) => input$.pipe(modelGuardSteps(guard), stepEvents());
  return (input$) =>
    input$.pipe(
      liveModelGuardSteps(guard, live.scheduler, live.lateMs),
      mergeMap((out) => out.events),
    );
}
