/** Timer events and long gaps → pause / resume inputs between the samples. */
import type { TimerEvent } from '../samples/sample.ts';
import { interleaved, type InputSeries, type SampleSeries } from '../samples/series.ts';
import { finite, isFields } from './fields.ts';
import { EVENT_TIMER, EVENT_TYPE_START, EVENT_TYPES_TIMER_STOP, FIT_EPOCH_MS } from './units.ts';

/**
 * A gap between records longer than this, with no timer event in it, is read
 * as a pause. Smart recording logs every 4–6 s and leaves gaps of up to ~52 s
 * while running (corpus: FR110), so a minute is the shortest safe bound; it is
 * also the age at which watch apps treat a reading as gone.
 */
export const GAP_PAUSE_MS = 60_000;

export interface TimerChange {
  readonly atMs: number;
  readonly pause: boolean;
}

export function toTimerEvents(messages: readonly unknown[]): TimerChange[] {
  const changes: TimerChange[] = [];
  for (const message of messages) {
    if (!isFields(message) || message['event'] !== EVENT_TIMER) continue;
    const timestamp = finite(message['timestamp']);
    const eventType = message['eventType'];
    if (timestamp === undefined || typeof eventType !== 'number') continue;
    const pause = EVENT_TYPES_TIMER_STOP.has(eventType);
    if (!pause && eventType !== EVENT_TYPE_START) continue;
    changes.push({ atMs: FIT_EPOCH_MS + timestamp * 1000, pause });
  }
  // Stable: events at the same second keep their file order.
  return changes.sort((a, b) => a.atMs - b.atMs);
}

export interface Merged {
  /** Samples and timer events in order, read from the samples as they are walked (../samples/series.ts). */
  readonly inputs: InputSeries;
  readonly timerMs: number;
  readonly gapCount: number;
  readonly longestGapMs: number;
}

const PAUSE = 'pause';
const RESUME = 'resume';

/**
 * Interleaves the samples [lo, hi) with the timer changes inside their time
 * span. Only real changes are emitted (a start while running is dropped), a
 * pause before the first sample or after the last is dropped (the run starts
 * running and ends with its last sample), and at the same instant a resume
 * comes before the sample and a pause after it (devices log a record at the
 * second they stop or start). A gap over {@link GAP_PAUSE_MS} with no change
 * in it becomes a pause at the earlier sample and a resume at the later one.
 */
export function mergeInputs(samples: SampleSeries, lo: number, hi: number, changes: readonly TimerChange[]): Merged {
  // events[k] goes just before sample before[k].
  const before: number[] = [];
  const events: TimerEvent[] = [];
  const firstAtMs = samples.at(lo)?.atMs ?? 0;
  let c = 0;
  while (c < changes.length && (changes[c]?.atMs ?? Infinity) < firstAtMs) c++;
  let paused = false;
  let timerMs = 0;
  let gapCount = 0;
  let longestGapMs = 0;
  let prevAtMs = NaN;
  for (let i = lo; i < hi; i++) {
    const sample = samples.at(i);
    if (sample === undefined) continue;
    let changed = false;
    for (let change = changes[c]; change !== undefined; change = changes[c]) {
      if (change.atMs > sample.atMs || (change.atMs === sample.atMs && change.pause)) break;
      c++;
      if (change.pause === paused) continue;
      paused = change.pause;
      changed = true;
      before.push(i);
      events.push(timerEvent(change.pause ? PAUSE : RESUME, change.atMs));
    }
    if (i > lo) {
      const dtMs = sample.atMs - prevAtMs;
      if (!changed && !paused) {
        if (dtMs > GAP_PAUSE_MS) {
          before.push(i, i);
          events.push(timerEvent(PAUSE, prevAtMs), timerEvent(RESUME, sample.atMs));
          gapCount++;
          if (dtMs > longestGapMs) longestGapMs = dtMs;
        } else {
          timerMs += dtMs;
        }
      }
    }
    prevAtMs = sample.atMs;
  }
  return { inputs: interleaved(samples, lo, hi, before, events), timerMs, gapCount, longestGapMs };
}

function timerEvent(kind: TimerEvent['kind'], atMs: number): TimerEvent {
  return { kind, atMs };
}
