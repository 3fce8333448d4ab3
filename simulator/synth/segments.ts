import type { Segment } from './scenario.ts';

/**
 * Builders for the segments scenarios are written in, shared by the benchmark
 * suite, the shipped examples and the tests, so a segment means the same
 * thing everywhere. Offsets are seconds per km from the pace ceiling:
 * positive is slower (under), negative faster (over).
 */

/** Running at `offsetSecPerKm` from the ceiling, holding that effort whatever the grade. */
export function runAt(durationSec: number, offsetSecPerKm: number, gradePct = 0): Segment {
  return { kind: 'run', durationSec, pace: { ceilingOffsetSecPerKm: offsetSecPerKm }, gradePct };
}

/** Holding an actual pace whatever the grade (so effort rises uphill and falls downhill). */
export function holdPace(durationSec: number, offsetSecPerKm: number, gradePct: number): Segment {
  return { kind: 'run', durationSec, pace: { ceilingOffsetSecPerKm: offsetSecPerKm }, hold: 'pace', gradePct };
}

/** Standing still; the timer runs on, or auto-pause stops it. */
export function standStill(durationSec: number, timer: 'running' | 'auto-pause' = 'running'): Segment {
  return { kind: 'stop', durationSec, timer };
}
