import { asyncScheduler, Observable, type OperatorFunction, type SchedulerLike, type Subscription } from 'rxjs';
import type { GuardInput } from '../samples/sample.ts';
import type { GuardConfig } from './config.ts';
import type { GuardEvent } from './events.ts';
import { liveGuardReducer, type LiveReducer } from './live.ts';
import type { GuardStep } from './step.ts';

/** What the live guard says: an input's step, or what a silence said at a moment (no input, no step). */
export type LiveStep =
  | { readonly kind: 'input'; readonly step: GuardStep; readonly events: readonly GuardEvent[] }
  | { readonly kind: 'silence'; readonly atMs: number; readonly events: readonly GuardEvent[] };

/**
 * The guard live: every input is judged as a replay judges it (live.ts), and
 * when the source says nothing until a sensor would go stale, the scheduler
 * wakes the guard at that moment to say signal-lost at once. Scheduler time
 * after an input stands for event time after the input's `atMs`; the probe's
 * events are dated in event time, as a replay of the stored inputs dates them.
 * Probes never enter the run's state (see silence.ts); they stop when the
 * source completes, and errors pass downstream.
 *
 * `lateMs`: how much later, relative to their own times, an input can arrive
 * than the one before it (the phone closes a second up to 1.25 s after it
 * began). The probe waits that long past the stale moment, so that an input
 * dated before it, still on its way, is judged first, as in replay. The wait
 * is counted from the last input's arrival, so a probe speaks at most
 * 2 × lateMs after its stale moment.
 *
 *   source:  --a--b-----------------c--|      (hr last read at b, staleMs = 10 frames)
 *   output:  --A--B---------L-------C--|      L: signal-lost dated b + 10
 */
export function liveGuardSteps(
  config: GuardConfig,
  scheduler: SchedulerLike = asyncScheduler,
  lateMs = 0,
): OperatorFunction<GuardInput, LiveStep> {
  return liveSteps(liveGuardReducer(config), scheduler, lateMs);
}

/** Any live reducer on the scheduler, as `liveGuardSteps` above describes. */
export function liveSteps<S>(reducer: LiveReducer<S>, scheduler: SchedulerLike = asyncScheduler, lateMs = 0): OperatorFunction<GuardInput, LiveStep> {
  return (input$) =>
    new Observable<LiveStep>((subscriber) => {
      let live = reducer.initial();
      let probe: Subscription | undefined;
      // Arms the next probe; `nowAtMs` is the event time (plus lateness) the scheduler's now stands for.
      const arm = (nowAtMs: number): void => {
        probe?.unsubscribe();
        const dueAtMs = reducer.nextProbeAtMs(live);
        probe =
          dueAtMs === undefined
            ? undefined
            : scheduler.schedule(() => {
                const out = reducer.probe(live, dueAtMs);
                live = out.state;
                if (out.events.length > 0) subscriber.next({ kind: 'silence', atMs: dueAtMs, events: out.events });
                arm(dueAtMs + lateMs);
              }, dueAtMs + lateMs - nowAtMs);
      };
      const source = input$.subscribe({
        next: (input) => {
          const out = reducer.input(live, input);
          live = out.state;
          subscriber.next({ kind: 'input', step: out.step, events: out.events });
          const lastAtMs = reducer.lastAtMs(live);
          if (lastAtMs !== undefined) arm(lastAtMs);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        probe?.unsubscribe();
        source.unsubscribe();
      };
    });
}
