/**
 * The gain of an exponential average over a step of time: the share of the
 * way from the old average to the new value. Samples come every second, so a
 * time constant keeps that step's gain ready; any other step pays for Math.exp.
 */
export interface TimeConstant {
  readonly tauMs: number;
  readonly oneSecondGain: number;
}

export function timeConstant(tauMs: number): TimeConstant {
  return { tauMs, oneSecondGain: 1 - Math.exp(-1000 / tauMs) };
}

export function emaGain(dtMs: number, tc: TimeConstant): number {
  return dtMs === 1000 ? tc.oneSecondGain : 1 - Math.exp(-dtMs / tc.tauMs);
}
