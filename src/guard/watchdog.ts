import { asyncScheduler, connect, endWith, ignoreElements, map, merge, switchMap, takeUntil, timer } from 'rxjs';
import type { MonoTypeOperatorFunction, SchedulerLike } from 'rxjs';
import type { GuardInput, Tick } from '../samples/sample.ts';

/**
 * The one real-time part of the guard. When the source says nothing for
 * `silenceMs` of scheduler time, a tick is injected, dated in event time at
 * the last input's time plus the silence, so the guard can report a lost
 * sensor although no sample came to show it. Every input restarts the wait;
 * the ticks stop when the source completes.
 *
 *   source: --a---------b--|      (silenceMs = 5 frames)
 *   output: --a----t----b--|
 */
export function watchdog(
  silenceMs: number,
  scheduler: SchedulerLike = asyncScheduler,
): MonoTypeOperatorFunction<GuardInput> {
  return connect((shared$) =>
    merge(
      shared$,
      shared$.pipe(
        switchMap((input) =>
          timer(silenceMs, silenceMs, scheduler).pipe(
            map((n): Tick => ({ kind: 'tick', atMs: input.atMs + silenceMs * (n + 1) })),
          ),
        ),
        takeUntil(shared$.pipe(ignoreElements(), endWith(null))),
      ),
    ),
  );
}
