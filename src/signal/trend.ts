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

export interface Trend {
  readonly fast: number;
  readonly slow: number;
  readonly seenMs: number;
}

export const NO_TREND: Trend = { fast: 0, slow: 0, seenMs: -1 };

export function stepTrend(trend: Trend, value: number | undefined, dtMs: number): Trend {
  if (value === undefined || !Number.isFinite(value)) return trend;
  if (trend.seenMs < 0) return { fast: value, slow: value, seenMs: 0 };
  const fast = trend.fast + (value - trend.fast) * (1 - Math.exp(-dtMs / TREND_FAST_TAU_MS));
  const slow = trend.slow + (value - trend.slow) * (1 - Math.exp(-dtMs / TREND_SLOW_TAU_MS));
  return { fast, slow, seenMs: trend.seenMs + dtMs };
}

export function trendOf(trend: Trend): number | undefined {
  return trend.seenMs >= TREND_SETTLE_MS ? trend.fast - trend.slow : undefined;
}
