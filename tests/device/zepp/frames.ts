/**
 * A replayed run as the watch's sensors would report it: the simulator's
 * guard inputs (decoded from a FIT file, or synthesized) → frames for the
 * stand-ins. Speed, distance, cadence and altitude go out as the workout
 * app's display text (km/h, km, spm, m), chosen so that the watch's own
 * conversion (device/zepp/watch-units.ts) gives back the very number the
 * replay judges: the test compares guards, not rounding.
 */
import type { GuardInput } from '../../../src/samples/sample.ts';
import { distanceMOf, speedMpsOf } from '../../../device/zepp/watch-units.ts';

/** [atMs, kind (0 sample, 1 pause, 2 resume), hr, speed km/h, distance km, cadence, altitude, lat, lon] */
export type Frame = [number, 0 | 1 | 2, number | null, string | null, string | null, string | null, string | null, number | null, number | null];

export function framesOf(inputs: readonly GuardInput[]): Frame[] {
  const frames: Frame[] = [];
  for (const input of inputs) {
    if (input.kind === 'pause') frames.push([input.atMs, 1, null, null, null, null, null, null, null]);
    else if (input.kind === 'resume') frames.push([input.atMs, 2, null, null, null, null, null, null, null]);
    else if (input.kind === 'sample') {
      const hasPosition = input.latDeg !== undefined && input.lonDeg !== undefined;
      frames.push([
        input.atMs,
        0,
        input.hrBpm ?? null,
        input.speedMps === undefined ? null : displayFor(input.speedMps, (x) => speedMpsOf(x, 'metric'), (v) => (v * 3600) / 1000),
        input.distanceM === undefined ? null : displayFor(input.distanceM, (x) => distanceMOf(x, 'metric'), (v) => v / 1000),
        input.cadenceSpm === undefined ? null : String(input.cadenceSpm),
        input.altitudeM === undefined ? null : String(input.altitudeM),
        hasPosition ? (input.latDeg as number) : null,
        hasPosition ? (input.lonDeg as number) : null,
      ]);
    }
  }
  return frames;
}

/** The display text whose conversion back is exactly `value` (searching a few ulps around the plain conversion). */
function displayFor(value: number, back: (display: number) => number | undefined, to: (value: number) => number): string {
  const guess = to(value);
  if (back(guess) === value) return String(guess);
  const step = Math.max(Number.EPSILON * Math.abs(guess), Number.MIN_VALUE);
  for (let k = 1; k <= 64; k++) {
    for (const candidate of [guess + k * step, guess - k * step]) {
      if (back(Number(String(candidate))) === value) return String(candidate);
    }
  }
  return String(guess); // within an ulp: no guard decision turns on that
}
