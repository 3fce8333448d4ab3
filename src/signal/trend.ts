import { widenOptionalNumbers } from './shape.ts';
import { emaGain, timeConstant } from './ema.ts';

/**
 * Is a signal rising? The difference of two exponential moving averages, a
 * short and a long one (as in MACD): zero on a plateau, positive while the
 * signal climbs. Heart rate and cadence climb within seconds of a real speed-up
 * and do not move with GPS noise, which is what makes them witnesses for pace.
 */
export const TREND_FAST_TAU_MS = 10_000;
export const TREND_SLOW_TAU_MS = 60_000;
/** Until the long average has seen this much, the trend is not known. */
export const TREND_SETTLE_MS = 30_000;

/**
 * A signal missing for longer than this (a dropout, a cadence lock) comes back
 * at a level that says nothing about a trend: start again.
 */
export const TREND_GAP_RESET_MS = 10_000;

export interface Trend {
  readonly fast: number;
  readonly slow: number;
  readonly seenMs: number;
  /** Time without a value since the last one. */
  readonly missingMs: number;
}

export const NO_TREND: Trend = { fast: 0, slow: 0, seenMs: -1, missingMs: 0 };

export function stepTrend(trend: Trend, value: number | undefined, dtMs: number): Trend {
  if (value === undefined || !Number.isFinite(value)) {
    return trend.seenMs < 0 ? trend : { fast: trend.fast, slow: trend.slow, seenMs: trend.seenMs, missingMs: trend.missingMs + dtMs };
  }
  if (trend.seenMs < 0 || trend.missingMs + dtMs > TREND_GAP_RESET_MS) return { fast: value, slow: value, seenMs: 0, missingMs: 0 };
  const fast = trend.fast + (value - trend.fast) * emaGain(dtMs, FAST);
  const slow = trend.slow + (value - trend.slow) * emaGain(dtMs, SLOW);
  return { fast, slow, seenMs: trend.seenMs + dtMs, missingMs: 0 };
}

const FAST = timeConstant(TREND_FAST_TAU_MS);
const SLOW = timeConstant(TREND_SLOW_TAU_MS);

/** The trend, or undefined while it settles (it then says nothing either way). */
export function trendOf(trend: Trend): number | undefined {
  return trend.seenMs >= TREND_SETTLE_MS ? trend.fast - trend.slow : undefined;
}

/**
 * Has a signal settled since the runner last started running? At the start
 * of a run, and after every stop, heart rate climbs for minutes whatever the
 * pace does; while it does, its rise says nothing about a speed-up. Settled
 * once the trend has stayed within ±`flatWithin` for `forMs`; a stop starts
 * the question again.
 */
export interface Settling {
  /** Since when the trend has been flat, while it is. */
  readonly flatSinceMs: number | undefined;
  readonly settled: boolean;
}

export const UNSETTLED: Settling = { flatSinceMs: undefined, settled: false };

// A trend first holds flat minutes into a run (shape.ts).
widenOptionalNumbers({ flatSinceMs: undefined, settled: false }, ['flatSinceMs']);

export function stepSettling(settling: Settling, trend: number | undefined, atMs: number, flatWithin: number, forMs: number): Settling {
  if (settling.settled) return settling;
  if (trend === undefined || Math.abs(trend) >= flatWithin) return settling.flatSinceMs === undefined ? settling : UNSETTLED;
  const flatSinceMs = settling.flatSinceMs ?? atMs;
  return { flatSinceMs, settled: atMs - flatSinceMs >= forMs };
}
