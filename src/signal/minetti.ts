/**
 * Grade-adjusted pace from the energy cost of running on a slope, after
 * Minetti et al. 2002, "Energy cost of walking and running at extreme uphill
 * and downhill slopes", J Appl Physiol 93:1039–1046. Their polynomial fit,
 * valid for gradients from −0.45 to +0.45:
 *
 *   C(i) = 155.4 i⁵ − 30.4 i⁴ − 43.3 i³ + 46.3 i² + 19.5 i + 3.6   (J kg⁻¹ m⁻¹)
 *
 * Running at speed v on gradient i costs as much as running C(i)/C(0) · v on
 * the flat, so a hill is judged by effort: faster than the ceiling downhill at
 * easy effort is not over; the ceiling's pace uphill is.
 */

/** Minetti's fit holds from −45 % to +45 %; steeper readings are clamped. */
export const MINETTI_MAX_GRADE = 0.45;

export function minettiCostJPerKgM(grade: number): number {
  const i = Math.max(-MINETTI_MAX_GRADE, Math.min(MINETTI_MAX_GRADE, grade));
  return ((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + 3.6;
}

const FLAT_COST = minettiCostJPerKgM(0);

/** Flat-ground speed of the same energy cost as `speedMps` on `gradePct` (percent). */
export function gradeAdjustedSpeedMps(speedMps: number, gradePct: number): number {
  return (speedMps * minettiCostJPerKgM(gradePct / 100)) / FLAT_COST;
}
