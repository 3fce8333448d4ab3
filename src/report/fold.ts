import { formatDuration } from '../fit/format.ts';

/**
 * Repeats folded into the alert they repeat: what a runner reads. The guard
 * repeats a slow-down about once a minute while an overshoot lasts; drawn or
 * listed one by one, a long overshoot is a red wall. Folded, each overshoot
 * is one marker (its first alert) with a small tick per repeat, and one table
 * row: `slow-down ×14 over 15:38`.
 *
 * Driven by the events' own fields, never by a list of kinds: an event with
 * `repeat > 0` folds into the latest first alert (repeat 0) of its kind;
 * every other event stands alone. A new kind appears as its own row and
 * marker without a change here.
 *
 *   events:  slow-down r0 · r1 · r2 · back-under · slow-down r0
 *   rows:    slow-down ×3 over 2:40 · back-under · slow-down
 *   markers: slow-down, back-under, slow-down      ticks: r1, r2
 */

export interface FoldableEvent {
  readonly kind: string;
  /** Seconds since the first sample. */
  readonly atSec: number;
  readonly note: string;
  readonly repeat?: number;
}

/** One row of the event table; `count` is 1 + the repeats folded into it. */
export interface FoldedRow<E extends FoldableEvent> {
  readonly first: E;
  readonly count: number;
  /** Until the overshoot ended (back under, or the run's end), when known; else until its last repeat. */
  readonly untilSec: number;
  /** "slow-down", or "slow-down ×14 over 15:38". */
  readonly label: string;
}

export interface Folded<E extends FoldableEvent> {
  readonly rows: readonly FoldedRow<E>[];
  /** The folded repeats: ticks on the charts. */
  readonly repeats: readonly E[];
}

/**
 * @param endOf when the stretch an alert opened ended (e.g. the overshoot's
 *   back-under), by the alert's time; undefined when unknown.
 */
export function foldRepeats<E extends FoldableEvent>(events: readonly E[], endOf: (first: E) => number | undefined): Folded<E> {
  const groups: { first: E; lastSec: number; count: number }[] = [];
  const open = new Map<string, { first: E; lastSec: number; count: number }>();
  const repeats: E[] = [];
  for (const event of events) {
    const into = event.repeat !== undefined && event.repeat > 0 ? open.get(event.kind) : undefined;
    if (into !== undefined) {
      into.count++;
      into.lastSec = event.atSec;
      repeats.push(event);
      continue;
    }
    const group = { first: event, lastSec: event.atSec, count: 1 };
    groups.push(group);
    if (event.repeat === 0) open.set(event.kind, group);
  }
  const rows = groups.map(({ first, lastSec, count }): FoldedRow<E> => {
    const untilSec = Math.max(lastSec, endOf(first) ?? lastSec);
    const label = count > 1 ? `${first.kind} ×${count} over ${formatDuration((untilSec - first.atSec) * 1000)}` : first.kind;
    return { first, count, untilSec, label };
  });
  return { rows, repeats };
}
