/**
 * A run's samples and inputs read in order, whatever holds them: an array of
 * objects, or ./columns.ts's rows of numbers that make each Sample as it is
 * read. The readers of a recording (src/fit, src/track) take a
 * {@link SampleSeries}; what they hand on is an {@link InputSeries}.
 */
import type { GuardInput, Sample, TimerEvent } from './sample.ts';

/** Samples by index, non-decreasing in `atMs`; an array of samples is one. `at` counts back from the end for a negative index, as Array's does. */
export interface SampleSeries {
  readonly length: number;
  at(index: number): Sample | undefined;
}

/** A run's inputs, to be read in order (once or many times), or made into an array. */
export interface InputSeries extends Iterable<GuardInput> {
  /** How many inputs (not `length`: RxJS's `from` would take the series for an array and index it). */
  readonly count: number;
  /** The first and the last input's time; undefined when there is none. */
  readonly firstAtMs: number | undefined;
  readonly lastAtMs: number | undefined;
  /** The inputs as an array: made on every call for a series that holds none (./columns.ts), the array itself for one that does. */
  toArray(): GuardInput[];
}

// The series below are classes whose fields are data alone, so that two decodes of the same run compare equal (tests hold the SDK-free and the SDK read equal).

/** An array of inputs as a series (the array itself, not a copy). */
export function inputSeriesOf(inputs: GuardInput[]): InputSeries {
  return new ArrayInputs(inputs);
}

class ArrayInputs implements InputSeries {
  constructor(private readonly inputs: GuardInput[]) {}
  get count(): number {
    return this.inputs.length;
  }
  get firstAtMs(): number | undefined {
    return this.inputs[0]?.atMs;
  }
  get lastAtMs(): number | undefined {
    return this.inputs.at(-1)?.atMs;
  }
  [Symbol.iterator](): Iterator<GuardInput> {
    return this.inputs[Symbol.iterator]();
  }
  toArray(): GuardInput[] {
    return this.inputs;
  }
}

/**
 * Samples [lo, hi) with timer events between them: `events[k]` comes just
 * before sample `before[k]` (non-decreasing; lo ≤ before[k] < hi). Holds no
 * input: each is read from `samples` as the series is walked.
 */
export function interleaved(samples: SampleSeries, lo: number, hi: number, before: readonly number[], events: readonly TimerEvent[]): InputSeries {
  return new InterleavedInputs(samples, lo, hi, before, events);
}

class InterleavedInputs implements InputSeries {
  readonly count: number;
  readonly firstAtMs: number | undefined;
  readonly lastAtMs: number | undefined;

  constructor(
    private readonly samples: SampleSeries,
    private readonly lo: number,
    private readonly hi: number,
    private readonly before: readonly number[],
    private readonly events: readonly TimerEvent[],
  ) {
    this.count = Math.max(0, hi - lo) + events.length;
    const first = events.length > 0 && before[0] === lo ? events[0] : samples.at(lo);
    this.firstAtMs = hi > lo ? first?.atMs : undefined;
    this.lastAtMs = hi > lo ? samples.at(hi - 1)?.atMs : undefined;
  }

  *[Symbol.iterator](): Iterator<GuardInput> {
    const { samples, hi, before, events } = this;
    let k = 0;
    for (let i = this.lo; i < hi; i++) {
      for (; k < events.length && before[k] === i; k++) yield events[k] as TimerEvent;
      const sample = samples.at(i);
      if (sample !== undefined) yield sample;
    }
  }

  toArray(): GuardInput[] {
    return [...this];
  }
}
