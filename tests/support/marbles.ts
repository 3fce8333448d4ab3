import { expect } from 'vitest';
import { TestScheduler, type RunHelpers } from 'rxjs/testing';

/** Runs a marble test: input diagram in, expected diagram out, on virtual time. */
export function marbles(body: (helpers: RunHelpers, scheduler: TestScheduler) => void): void {
  const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  scheduler.run((helpers) => body(helpers, scheduler));
}
