import { asyncScheduler, concatMap, defer, from, map, of, timer, type Observable, type SchedulerLike } from 'rxjs';
import type { GuardInput } from '../../src/samples/sample.ts';

export type ReplaySpeed = number | 'max';

/**
 * Plays recorded inputs back: `max` as fast as they can be read (synchronous),
 * a number N at N times real time, each input released when its own timestamp
 * comes due on the scheduler's clock. The guard itself never looks at the
 * clock, so every speed gives the same events.
 *
 *   inputs at 0 s, 1 s, 3 s, speed 1:  a 999ms b 1999ms c
 */
export function pacedInputs(
  inputs: readonly GuardInput[],
  speed: ReplaySpeed,
  scheduler: SchedulerLike = asyncScheduler,
): Observable<GuardInput> {
  const first = inputs[0];
  if (speed === 'max' || first === undefined) return from(inputs);
  return defer(() => {
    const startWallMs = scheduler.now();
    return from(inputs).pipe(
      concatMap((input) => {
        const waitMs = startWallMs + (input.atMs - first.atMs) / speed - scheduler.now();
        return waitMs > 0 ? timer(waitMs, scheduler).pipe(map(() => input)) : of(input);
      }),
    );
  });
}
