import { concatMap, from, map, timer, type OperatorFunction } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { expect } from 'vitest';
import type { GuardEvent } from '../../src/guard/events.ts';
import type { LiveOptions } from '../../src/guard/pipeline.ts';
import type { GuardInput } from '../../src/samples/sample.ts';

export interface Said {
  readonly event: GuardEvent;
  /** Event time at which the live guard said it. */
  readonly saidAtMs: number;
}

/** A guard as an operator, given how it runs live: today's `paceGuard(config, live)`, the model's `modelPaceGuard(guard, live)`. */
export type LiveGuardOperator = (live: LiveOptions) => OperatorFunction<GuardInput, GuardEvent>;

/**
 * A live guard on virtual time: each input arrives at its own time, or up to
 * `lateMs` later (`lagsMs`, taken in turn), in order; the probes fire on the
 * scheduler.
 */
export function liveRun(inputs: readonly GuardInput[], guard: LiveGuardOperator, lateMs = 0, lagsMs: readonly number[] = [0]): Said[] {
  const said: Said[] = [];
  const startAtMs = inputs[0]?.atMs ?? 0;
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  scheduler.run(() => {
    let previousArrivalMs = startAtMs;
    from(inputs)
      .pipe(
        concatMap((input, i) => {
          const arrivalMs = Math.max(previousArrivalMs, input.atMs + Math.min(lateMs, lagsMs[i % lagsMs.length] ?? 0));
          const waitMs = arrivalMs - previousArrivalMs;
          previousArrivalMs = arrivalMs;
          return timer(waitMs, scheduler).pipe(map(() => input));
        }),
        guard({ scheduler, lateMs }),
      )
      .subscribe((event) => said.push({ event, saidAtMs: startAtMs + scheduler.now() }));
  });
  return said;
}
