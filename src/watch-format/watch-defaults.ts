import type { GuardTuning } from '../guard/config.ts';

/**
 * The guard's defaults as the watch keeps them: a plain object, so that the
 * watch's bundle carries the numbers and not the declarations' words (units,
 * bounds, why). The one declaration is src/guard/settings.ts;
 * tests/device/zepp/watch-defaults.test.ts holds this equal to it, so a
 * changed default fails there until it is changed here too.
 *
 * The watch reads a profile with every rule filled in (watch-profile.ts);
 * these name the rules it expects.
 */
export const WATCH_DEFAULT_TUNING: GuardTuning = {
  paceWindowMs: 10_000,
  hrWindowMs: 5_000,
  paceAllowanceSecPerKm: 8,
  paceEvidenceSecPerKmS: 60,
  paceExcessCapSecPerKm: 22,
  evidenceCapShare: 1.5,
  paceWitnessHrRiseBpm: 1,
  paceWitnessCadenceRiseSpm: 1,
  paceWitnessHrNearBpm: 0,
  paceWitnessGradeHrRiseBpm: 3,
  gradeNeedsHrFromPct: 0.75,
  witnessNoiseMultiple: 1.75,
  paceWitnessHrFallVetoBpm: 1.5,
  cadenceWitnessHrFallNoiseMultiple: 1,
  hrSettledWithinBpm: 3.5,
  hrSettledForMs: 30_000,
  cadenceSettledWithinSpm: 1,
  cadenceSettledForMs: 30_000,
  paceUnwitnessedWeight: 0.05,
  paceWarmupWeight: 0.34,
  paceNoiseRefShare: 0.06,
  hrAllowanceBpm: 1,
  hrAllowanceScatterMultiple: 1.5,
  hrEvidenceBpmS: 30,
  hrExcessCapBpm: 6,
  holdUnderMs: 10_000,
  repeatMs: 60_000,
  notRecoveryAfterMs: 300_000,
  paceWarmupMs: 60_000,
  hrWarmupMs: 180_000,
  paceHysteresisSecPerKm: 5,
  hrHysteresisBpm: 2,
  staleMs: 30_000,
  minMovingSpeedMps: 1.0,
  fatigueFromMs: 360_000,
  fatigueUntilMs: 900_000,
  fatigueMinDataMs: 300_000,
  fatigueMinExcessBpm: 6,
  fatigueSpreadMultiple: 2,
};
