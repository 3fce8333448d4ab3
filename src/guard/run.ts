import { from, toArray } from 'rxjs';
import type { GuardInput } from '../samples/sample.ts';
import type { GuardConfig } from './config.ts';
import type { GuardEvent } from './events.ts';
import { paceGuard } from './pipeline.ts';

/** Replays inputs through the guard as fast as possible and returns its events. */
export function runGuard(inputs: Iterable<GuardInput>, config: GuardConfig): GuardEvent[] {
  let events: GuardEvent[] = [];
  from(inputs)
    .pipe(paceGuard(config), toArray())
    .subscribe((all) => (events = all));
  return events;
}
