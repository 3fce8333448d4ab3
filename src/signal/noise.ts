/**
 * How big a signal usually is: the root mean square of its recent values,
 * each capped so that one real event (an overshoot, a multipath spike) cannot
 * swamp it, averaged over the last few minutes (a plain running mean until
 * that much has been seen).
 *
 * Fed a trend on a steady run, it is how far the trend wanders on its own:
 * an optical sensor's heart-rate trend by 1–2 bpm, a chest strap's by a
 * fraction; cadence by more on rolling hills than on the flat. Fed the
 * scatter of pace readings around their median, it is how noisy this GPS is
 * today. The guard weighs its witnesses and its evidence by these levels.
 */
export const NOISE_TAU_MS = 180_000;

export interface NoiseLevel {
  readonly meanSquare: number;
  /** Time measured so far. */
  readonly seenMs: number;
}

export const NO_NOISE: NoiseLevel = { meanSquare: 0, seenMs: 0 };

/** Adds one value that held for `dtMs`, capped at ±`cap`. */
export function stepNoiseLevel(level: NoiseLevel, value: number, dtMs: number, cap: number): NoiseLevel {
  if (dtMs <= 0 || !Number.isFinite(value)) return level;
  const seenMs = level.seenMs + dtMs;
  const capped = Math.min(Math.abs(value), cap);
  // A running mean at first, then an exponential one: early minutes count in full, old ones fade.
  const gain = Math.max(1 - Math.exp(-dtMs / NOISE_TAU_MS), dtMs / seenMs);
  return { meanSquare: level.meanSquare + (capped * capped - level.meanSquare) * gain, seenMs };
}

/** The level's root mean square; 0 before anything was measured. */
export function rmsOf(level: NoiseLevel): number {
  return Math.sqrt(level.meanSquare);
}
