import { emaGain, timeConstant } from './ema.ts';

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
 *
 * A level is two plain numbers (its mean square and the time it measured),
 * kept flat in the conditioning state, which is rebuilt on every sample anyway.
 */
export const NOISE_TAU_MS = 180_000;
const NOISE_TIME = timeConstant(NOISE_TAU_MS);

/**
 * The mean square after one more value that held for `dtMs` (capped at
 * ±`cap`), where `seenMs` is the time measured before it. The time measured
 * after it is `seenMs + dtMs`.
 */
export function nextMeanSquare(meanSquare: number, seenMs: number, value: number, dtMs: number, cap: number): number {
  if (!(dtMs > 0) || !Number.isFinite(value)) return meanSquare;
  const capped = Math.min(Math.abs(value), cap);
  // A running mean at first, then an exponential one: early minutes count in full, old ones fade.
  const gain = Math.max(emaGain(dtMs, NOISE_TIME), dtMs / (seenMs + dtMs));
  return meanSquare + (capped * capped - meanSquare) * gain;
}
