import { asyncScheduler, concatMap, defer, from, map, of, timer, type Observable, type SchedulerLike } from 'rxjs';
import type { GuardInput } from '../../src/samples/sample.ts';

export type ReplaySpeed = number | 'max';

/**
 * Plays recorded inputs back: `max` as fast as they can be read (synchronous),
 * a number N at N times real time, each input released when its own timestamp
 * comes due on the scheduler's clock (counted from the first input's). The guard itself never looks at the
 * clock, so every speed gives the same events.
 *
 *   inputs at 0 s, 1 s, 3 s, speed 1:  a 999ms b 1999ms c
 */
export function pacedInputs(
  inputs: Iterable<GuardInput>,
  speed: ReplaySpeed,
  scheduler: SchedulerLike = asyncScheduler,
): Observable<GuardInput> {
  if (speed === 'max') return from(inputs);
  return defer(() => {
    const startWallMs = scheduler.now();
    let firstAtMs: number | undefined;
    return from(inputs).pipe(
      concatMap((input) => {
        firstAtMs ??= input.atMs;
        const waitMs = startWallMs + (input.atMs - firstAtMs) / speed - scheduler.now();
        return waitMs > 0 ? timer(waitMs, scheduler).pipe(map(() => input)) : of(input);
      }),
    );
  });
}
