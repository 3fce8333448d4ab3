import type { Ceilings } from '../ceiling/ceiling.ts';
import type { GuardTuning } from './settings.ts';

// Apart from config.ts, whose re-export of DEFAULT_TUNING would bring every
// setting's declaration (its unit and reason) into the watch's bundle with
// judge.ts: the watch keeps its own plain defaults (src/watch-format/watch-defaults.ts).

/**
 * The tuning fields judgeSample reads (and the witnesses it asks): two
 * configs alike in these and in their ceilings judge every sample alike.
 * `Judging` is typed from this list, so the compiler holds judgeSample to it;
 * a test holds the list to what it actually reads.
 */
export const JUDGING_FIELDS = [
  'staleMs',
  'paceWarmupMs',
  'hrWarmupMs',
  'paceHysteresisSecPerKm',
  'hrHysteresisBpm',
  'paceAllowanceSecPerKm',
  'paceExcessCapSecPerKm',
  'hrAllowanceBpm',
  'hrAllowanceScatterMultiple',
  'hrExcessCapBpm',
  'gradeNeedsHrFromPct',
  'paceWitnessHrRiseBpm',
  'paceWitnessCadenceRiseSpm',
  'paceWitnessHrNearBpm',
  'paceWitnessGradeHrRiseBpm',
  'witnessNoiseMultiple',
  'paceWitnessHrFallVetoBpm',
  'cadenceWitnessHrFallNoiseMultiple',
  'paceUnwitnessedWeight',
  'paceWarmupWeight',
  'paceNoiseRefShare',
] as const satisfies readonly (keyof GuardTuning)[];

export type JudgingRules = Pick<GuardTuning, (typeof JUDGING_FIELDS)[number]>;

/** What judging a sample needs of a config: a GuardConfig is one. */
export interface Judging {
  readonly ceilings: Ceilings;
  readonly tuning: JudgingRules;
}
