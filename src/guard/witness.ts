import type { Conditioned } from './conditioned.ts';
import type { Judging, JudgingRules } from './judging.ts';

/**
 * Witnesses for pace. A pace reading over the ceiling may be GPS noise, a
 * multipath spike or a grade read wrong; heart rate and cadence say whether
 * the runner really sped up. A real speed-up raises both within seconds; GPS
 * noise, multipath and a wrong grade raise neither.
 *
 * Two questions, asked for each sample: how far past the ceiling the pace is,
 * as far as it is backed (backedPaceExcess), and, only when that adds to the
 * evidence, how much it counts (paceEvidenceWeight). On the usual easy
 * second the evidence drains and the second question is not asked.
 */

/**
 * Heart rate falling clearly: effort went down. No witness counts for pace
 * then, and a repeat would only nag a runner who is already easing off.
 */
export function easingOff(input: Conditioned, tuning: JudgingRules): boolean {
  return input.hrTrendBpm !== undefined && input.hrTrendBpm <= -tuning.paceWitnessHrFallVetoBpm;
}

/**
 * How much pace evidence counts: does heart rate or cadence back up a pace
 * that reads over the ceiling? With neither signal there is no witness to
 * ask, and pace stands alone. In the warm-up both climb whatever the pace does
 * and cannot testify, so pace counts at the warm-up weight; so it does, past
 * the warm-up, until heart rate has settled (after the start, and again after
 * every stop), unless cadence has settled and witnesses: it does not lag the
 * effort as heart rate does.
 * Heart rate clearly falling vetoes every witness: effort went down (a
 * descent the grade missed, an easing off), whatever the step rate does.
 * When the recorded pace is under the ceiling and only the grade puts it over,
 * cadence cannot witness: steps shorten uphill rather than quicken. Nor can it
 * while heart rate eases (heartEasing).
 */
export function paceEvidenceWeight(input: Conditioned, config: Judging): number {
  const { tuning } = config;
  if (!input.hasHr && !input.hasCadence) return 1;
  const recordedOver = recordedPaceOver(recordedPaceExcess(input, config), tuning);
  // Heart rate climbing from the start or from a stop cannot testify (condition.ts says when it can); settled cadence can.
  if (!input.witnessing) return input.cadenceSettled && cadenceWitnesses(input, tuning, recordedOver) ? 1 : warmupWeight(input, tuning);
  // Heart rate falling means effort fell: whatever cadence or the pace reading say, no speed-up over the ceiling.
  if (easingOff(input, tuning)) return tuning.paceUnwitnessedWeight;
  return heartRateBacksEffort(input, config, recordedOver) || cadenceWitnesses(input, tuning, recordedOver)
    ? 1
    : tuning.paceUnwitnessedWeight;
}

/** Cadence rises past its bar while the pace as recorded is over the ceiling, and heart rate is not easing. */
function cadenceWitnesses(input: Conditioned, tuning: JudgingRules, recordedOver: boolean): boolean {
  const cadenceTrend = input.cadenceTrendSpm;
  const cadenceRiseSpm = witnessBar(tuning.paceWitnessCadenceRiseSpm, input.cadenceTrendNoiseSpm, tuning);
  return recordedOver && cadenceTrend !== undefined && cadenceTrend >= cadenceRiseSpm && !heartEasing(input, tuning);
}

/**
 * Heart rate falling by more than its own wander: too little to veto every
 * witness (easingOff), enough to outweigh cadence, which says least about
 * effort. Quicker steps while the heart eases are a descent the grade has not
 * caught yet (GPS altitude reads it a few hundred metres late), not a speed-up.
 */
function heartEasing(input: Conditioned, tuning: JudgingRules): boolean {
  const trend = input.hrTrendBpm;
  return trend !== undefined && trend < -tuning.cadenceWitnessHrFallNoiseMultiple * input.hrTrendNoiseBpm;
}

/**
 * Heart rate says the effort is real: it can testify (see paceEvidenceWeight),
 * is not falling, and either climbs past its bar or is at its ceiling (within
 * paceWitnessHrNearBpm, 0 by default). When only the grade puts the pace over
 * (`recordedOver` false), the bar is paceWitnessGradeHrRiseBpm: a grade read
 * off a GPS altimeter lags a climb by a minute or more, and a real push uphill
 * raises heart rate fast.
 */
function heartRateBacksEffort(input: Conditioned, config: Judging, recordedOver: boolean): boolean {
  const { tuning, ceilings } = config;
  if (!input.witnessing || easingOff(input, tuning)) return false;
  const hrTrend = input.hrTrendBpm;
  const riseBpm = recordedOver ? witnessBar(tuning.paceWitnessHrRiseBpm, input.hrTrendNoiseBpm, tuning) : tuning.paceWitnessGradeHrRiseBpm;
  if (hrTrend !== undefined && hrTrend >= riseBpm) return true;
  const hr = input.hrBpm;
  return hr !== undefined && ceilings.hrCeilingBpm !== undefined && hr >= ceilings.hrCeilingBpm - tuning.paceWitnessHrNearBpm;
}

/**
 * The pace excess (s/km past the ceiling) as far as it is backed. Up a grade,
 * part of the grade-adjusted excess is the grade's: a claim about effort, not
 * speed. Cadence and the pace reading back speed only; heart rate is the one
 * witness of effort. So where heart rate is recorded and does not back it
 * (heartRateBacksEffort), the excess is the recorded pace's alone. A GPS
 * altimeter's grade is taken over 400 m: over a crest and onto the flat it
 * reads uphill for minutes, and an easy pace there reads as an overshoot.
 * Below gradeNeedsHrFromPct the grade adds a few s/km, no more than GPS pace
 * wanders by itself; without heart rate the grade stands alone.
 */
export function backedPaceExcess(gapExcess: number | undefined, input: Conditioned, config: Judging): number | undefined {
  if (gapExcess === undefined || !input.hasHr || input.gradePct === undefined || input.gradePct < config.tuning.gradeNeedsHrFromPct) {
    return gapExcess;
  }
  const recordedExcess = recordedPaceExcess(input, config);
  if (recordedExcess === undefined) return gapExcess;
  return heartRateBacksEffort(input, config, recordedPaceOver(recordedExcess, config.tuning)) ? gapExcess : recordedExcess;
}

/** A trend witnesses past its fixed bar and past witnessNoiseMultiple times how far it wanders on its own. */
function witnessBar(fixedBar: number, trendNoise: number, tuning: JudgingRules): number {
  return Math.max(fixedBar, tuning.witnessNoiseMultiple * trendNoise);
}

/** Unwitnessed pace in the warm-up counts less the more this GPS scatters (see paceNoiseRefShare). */
function warmupWeight(input: Conditioned, tuning: JudgingRules): number {
  const noise = input.paceNoiseShare;
  return noise <= tuning.paceNoiseRefShare ? tuning.paceWarmupWeight : tuning.paceWarmupWeight * (tuning.paceNoiseRefShare / noise) ** 2;
}

/** How far the pace as recorded, before any grade adjustment, is faster than the ceiling (s/km); undefined without one. */
function recordedPaceExcess(input: Conditioned, config: Judging): number | undefined {
  const paceCeiling = config.ceilings.paceCeilingSecPerKm;
  const speedMps = input.speedMps;
  if (paceCeiling === undefined || speedMps === undefined || speedMps <= 0) return undefined;
  return paceCeiling - 1000 / speedMps;
}

/** The pace as recorded (its excess from recordedPaceExcess) is past the ceiling by more than the allowance. */
function recordedPaceOver(recordedExcess: number | undefined, tuning: JudgingRules): boolean {
  return recordedExcess !== undefined && recordedExcess > tuning.paceAllowanceSecPerKm;
}
