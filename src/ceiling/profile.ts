import { z } from 'zod';
import { formatPace, parsePace } from '../samples/pace.ts';
import { DEFAULT_TUNING, type GuardConfig, type GuardTuning } from '../guard/config.ts';
import { deriveCeilings, type CeilingInputs } from './ceiling.ts';
import { CalibrationRecord } from '../calibrate/record.ts';
import { bounded, type Bounds } from './bounds.ts';
import { nearestName } from './nearest-name.ts';
import { POPULATION_PRIOR, RUNNER_MODEL_BOUNDS, type RunnerModel } from '../estimate/runner-model.ts';
import { parseJsonText } from '../text/json.ts';

/**
 * The runner's profile: what they know about themselves, and any tuning. The
 * same shape is read from a JSON file (`--profile`) and built from flags; flags
 * win. Validated here, at the edge, so the guard only ever sees checked numbers.
 */

const PACE_EXPECTED = 'expected a pace like 5:30 (minutes:seconds per km)';

/** A pace as runners write it, "M:SS" per km, decoded to seconds per km. */
export const PaceText = z.codec(
  z.string({ error: PACE_EXPECTED }).regex(/^\d{1,2}:[0-5]\d$/, PACE_EXPECTED),
  z.number().min(120, 'expected a pace slower than 2:00 per km').max(1200, 'expected a pace faster than 20:00 per km'),
  {
    decode: (text) => parsePace(text) ?? Number.NaN,
    encode: (secPerKm) => formatPace(secPerKm),
  },
);

const T = DEFAULT_TUNING;
/** Tuning bounds by unit; each example is the default, so a runner sees the usual value beside the range. */
const ms = (min: number, max: number, like: number) => bounded({ min, max, like, unit: 'milliseconds', whole: true }).optional();
const bpm = (min: number, max: number, like: number) => bounded({ min, max, like, unit: 'beats per minute' }).optional();
const secPerKm = (min: number, max: number, like: number) => bounded({ min, max, like, unit: 'seconds per km' }).optional();
const spm = (min: number, max: number, like: number) => bounded({ min, max, like, unit: 'steps per minute' }).optional();
const times = (min: number, max: number, like: number) => bounded({ min, max, like, unit: 'a multiple' }).optional();
const share = (min: number, max: number, like: number) => bounded({ min, max, like, unit: 'a share' }).optional();

/** Tuning a runner may override; each bound keeps the guard sensible. */
export const TuningOverrides = z.strictObject({
  paceWindowMs: ms(1_000, 60_000, T.paceWindowMs),
  hrWindowMs: ms(1_000, 60_000, T.hrWindowMs),
  paceAllowanceSecPerKm: secPerKm(0, 60, T.paceAllowanceSecPerKm),
  paceEvidenceSecPerKmS: bounded({ min: 0, max: 10_000, like: T.paceEvidenceSecPerKmS, unit: 'seconds per km × seconds' }).optional(),
  paceExcessCapSecPerKm: secPerKm(1, 300, T.paceExcessCapSecPerKm),
  evidenceCapShare: times(1, 1_000, T.evidenceCapShare),
  paceWitnessHrRiseBpm: bpm(0, 30, T.paceWitnessHrRiseBpm),
  paceWitnessCadenceRiseSpm: spm(0, 30, T.paceWitnessCadenceRiseSpm),
  paceWitnessHrNearBpm: bpm(0, 40, T.paceWitnessHrNearBpm),
  paceWitnessGradeHrRiseBpm: bpm(0, 30, T.paceWitnessGradeHrRiseBpm),
  gradeNeedsHrFromPct: bounded({ min: 0, max: 30, like: T.gradeNeedsHrFromPct, unit: 'percent grade' }).optional(),
  witnessNoiseMultiple: times(0, 10, T.witnessNoiseMultiple),
  paceWitnessHrFallVetoBpm: bpm(0, 30, T.paceWitnessHrFallVetoBpm),
  cadenceWitnessHrFallNoiseMultiple: times(0, 100, T.cadenceWitnessHrFallNoiseMultiple),
  hrSettledWithinBpm: bpm(0, 30, T.hrSettledWithinBpm),
  hrSettledForMs: ms(0, 600_000, T.hrSettledForMs),
  cadenceSettledWithinSpm: spm(0, 30, T.cadenceSettledWithinSpm),
  cadenceSettledForMs: ms(0, 600_000, T.cadenceSettledForMs),
  paceUnwitnessedWeight: share(0, 1, T.paceUnwitnessedWeight),
  paceWarmupWeight: share(0, 1, T.paceWarmupWeight),
  paceNoiseRefShare: share(0.001, 1, T.paceNoiseRefShare),
  hrAllowanceBpm: bpm(0, 20, T.hrAllowanceBpm),
  hrAllowanceScatterMultiple: times(0, 10, T.hrAllowanceScatterMultiple),
  hrEvidenceBpmS: bounded({ min: 0, max: 2_000, like: T.hrEvidenceBpmS, unit: 'beats per minute × seconds' }).optional(),
  hrExcessCapBpm: bpm(1, 60, T.hrExcessCapBpm),
  holdUnderMs: ms(0, 120_000, T.holdUnderMs),
  repeatMs: ms(10_000, 900_000, T.repeatMs),
  notRecoveryAfterMs: ms(60_000, 7_200_000, T.notRecoveryAfterMs),
  paceWarmupMs: ms(0, 1_800_000, T.paceWarmupMs),
  hrWarmupMs: ms(0, 1_800_000, T.hrWarmupMs),
  paceHysteresisSecPerKm: secPerKm(0, 60, T.paceHysteresisSecPerKm),
  hrHysteresisBpm: bpm(0, 20, T.hrHysteresisBpm),
  staleMs: ms(5_000, 300_000, T.staleMs),
  minMovingSpeedMps: bounded({ min: 0.3, max: 3, like: T.minMovingSpeedMps, unit: 'metres per second' }).optional(),
  fatigueFromMs: ms(0, 3_600_000, T.fatigueFromMs),
  fatigueUntilMs: ms(0, 3_600_000, T.fatigueUntilMs),
  fatigueMinDataMs: ms(0, 3_600_000, T.fatigueMinDataMs),
  fatigueMinExcessBpm: bpm(0, 40, T.fatigueMinExcessBpm),
  fatigueSpreadMultiple: times(0, 10, T.fatigueSpreadMultiple),
});

/** What a body can do, for the fields a runner sets themselves (and the flags that set them). */
export const PROFILE_BOUNDS = {
  recoveryMarginSecPerKm: { min: 0, max: 180, like: 30, unit: 'seconds per km' },
  hrCeilingBpm: { min: 60, max: 220, like: 140, unit: 'beats per minute', whole: true },
  maxHrBpm: { min: 100, max: 230, like: 185, unit: 'beats per minute', whole: true },
  restHrBpm: { min: 25, max: 120, like: 55, unit: 'beats per minute', whole: true },
  maxDurationMin: { min: 0, max: 600, like: 45, unit: 'minutes', aboveMin: true },
} as const satisfies Record<string, Bounds>;

/** One field of the runner model, within what a body can do; the example is a typical runner's. */
const modelField = (field: keyof RunnerModel) => bounded({ ...RUNNER_MODEL_BOUNDS[field], like: POPULATION_PRIOR[field] }).optional();

/**
 * The runner's own model (src/estimate/runner-model.ts), written by
 * `paceguard calibrate` (src/calibrate/runner-fit.ts) and read by the effort
 * estimator. Every field is optional: one the history could not give is
 * left out, and the estimator starts from its population prior for it.
 * Every field is bounded by RUNNER_MODEL_BOUNDS: a hand-edited time
 * constant of 1000 s or a negative gain is refused, naming the field and
 * the unit.
 */
export const RunnerModelProfile = z
  .strictObject({
    refSpeedMps: modelField('refSpeedMps'),
    hrAtRefBpm: modelField('hrAtRefBpm'),
    hrGainBpmPerMps: modelField('hrGainBpmPerMps'),
    hrTauSec: modelField('hrTauSec'),
    hrDelaySec: modelField('hrDelaySec'),
    cadenceAtRefSpm: modelField('cadenceAtRefSpm'),
    cadenceSlopeSpmPerMps: modelField('cadenceSlopeSpmPerMps'),
  })
  .refine((m) => m.refSpeedMps !== undefined || (m.hrAtRefBpm === undefined && m.cadenceAtRefSpm === undefined), {
    message: `expected refSpeedMps (${RUNNER_MODEL_BOUNDS.refSpeedMps.unit}) beside hrAtRefBpm and cadenceAtRefSpm: they are read at that speed`,
    path: ['refSpeedMps'],
  });
export type RunnerModelProfile = z.output<typeof RunnerModelProfile>;

export const Profile = z
  .strictObject({
    easyPace: PaceText.optional(),
    recoveryMarginSecPerKm: bounded(PROFILE_BOUNDS.recoveryMarginSecPerKm).optional(),
    paceCeiling: PaceText.optional(),
    hrCeilingBpm: bounded(PROFILE_BOUNDS.hrCeilingBpm).optional(),
    maxHrBpm: bounded(PROFILE_BOUNDS.maxHrBpm).optional(),
    restHrBpm: bounded(PROFILE_BOUNDS.restHrBpm).optional(),
    maxDurationMin: bounded(PROFILE_BOUNDS.maxDurationMin).optional(),
    tuning: TuningOverrides.optional(),
    /** The runner's heart and stride, for the effort estimator; written by `paceguard calibrate`. */
    runnerModel: RunnerModelProfile.optional(),
    /** Written by `paceguard calibrate`: which runs, when, and the fitted heart-rate curve (src/calibrate/record.ts). */
    calibration: CalibrationRecord.optional(),
  })
  .refine((p) => p.maxHrBpm === undefined || p.restHrBpm === undefined || p.restHrBpm < p.maxHrBpm, {
    message: 'expected restHrBpm below maxHrBpm',
    path: ['restHrBpm'],
  });
export type Profile = z.output<typeof Profile>;

/** One line naming the field and what was expected, for a person to act on; a mistyped key gets the nearest known one. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid';
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const where = [...issue.path, key].join('.');
    const known = keysAt(issue.path);
    const near = nearestName(key, known);
    return `${where}: unknown field; ${near !== undefined ? `did you mean ${near}?` : `expected one of ${known.join(', ')}`}`;
  }
  const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  return `${where}: ${issue.message}`;
}

/** The keys the profile schema knows at a path ("tuning": the tuning fields), for suggestions. */
function keysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.core.$ZodType | undefined = Profile;
  const unwrap = (): void => {
    while (schema instanceof z.ZodOptional) schema = schema.unwrap();
  };
  for (const segment of path) {
    unwrap();
    if (schema instanceof z.ZodArray && typeof segment === 'number') schema = schema.element;
    else if (schema instanceof z.ZodObject) schema = (schema.shape as Record<PropertyKey, z.core.$ZodType | undefined>)[segment];
    else return [];
  }
  unwrap();
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** A profile's text, checked: the profile, or what is wrong with it in words for one line. */
export type ParsedProfile =
  | { readonly ok: true; readonly profile: Profile }
  | { readonly ok: false; readonly notJson: string }
  | { readonly ok: false; readonly issue: string };

/** JSON, then the Profile schema: the one reading of a profile's text (command line, phone, watch tools). Callers frame the failure. */
export function parseProfileText(text: string): ParsedProfile {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, notJson: json.why };
  const checked = Profile.safeParse(json.value);
  return checked.success ? { ok: true, profile: checked.data } : { ok: false, issue: describeIssue(checked.error) };
}

/** Drops keys whose value is undefined, so that spreading never overwrites a default with nothing. */
function definedOnly<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** Flags over profile, field by field (a flag of 0 still wins: no `||`). */
export function mergeProfiles(base: Profile, override: Profile): Profile {
  const tuning = { ...definedOnly(base.tuning ?? {}), ...definedOnly(override.tuning ?? {}) };
  return {
    ...definedOnly(base),
    ...definedOnly(override),
    ...(base.tuning !== undefined || override.tuning !== undefined ? { tuning } : {}),
  };
}

export type ConfigResult = { readonly ok: true; readonly config: GuardConfig } | { readonly ok: false; readonly error: string };

/** Builds the guard's config from a checked profile; fails when no ceiling can be had. */
export function configFromProfile(profile: Profile): ConfigResult {
  const inputs: CeilingInputs = {
    ...(profile.easyPace !== undefined ? { easyPaceSecPerKm: profile.easyPace } : {}),
    ...(profile.recoveryMarginSecPerKm !== undefined ? { recoveryMarginSecPerKm: profile.recoveryMarginSecPerKm } : {}),
    ...(profile.paceCeiling !== undefined ? { paceCeilingSecPerKm: profile.paceCeiling } : {}),
    ...(profile.hrCeilingBpm !== undefined ? { hrCeilingBpm: profile.hrCeilingBpm } : {}),
    ...(profile.maxHrBpm !== undefined ? { maxHrBpm: profile.maxHrBpm } : {}),
    ...(profile.restHrBpm !== undefined ? { restHrBpm: profile.restHrBpm } : {}),
  };
  const ceilings = deriveCeilings(inputs);
  if (ceilings.paceCeilingSecPerKm === undefined && ceilings.hrCeilingBpm === undefined) {
    if (profile.restHrBpm !== undefined && profile.maxHrBpm === undefined) {
      return {
        ok: false,
        error: '--rest-hr needs --max-hr too: the heart-rate ceiling lies between them (restHrBpm and maxHrBpm in a profile); or give --easy-pace, --pace-ceiling or --hr-ceiling',
      };
    }
    return {
      ok: false,
      error: 'no ceiling to guard: give --easy-pace, --pace-ceiling, --hr-ceiling or --max-hr (or a --profile with them)',
    };
  }
  const tuning: GuardTuning = { ...DEFAULT_TUNING, ...definedOnly(profile.tuning ?? {}) };
  const curve = profile.calibration?.hrCurve;
  return {
    ok: true,
    config: {
      ceilings,
      tuning,
      ...(curve !== undefined
        ? {
            hrCurve: {
              refSpeedMps: curve.refSpeedMps,
              hrAtRefBpm: curve.hrAtRefBpm,
              slopeBpmPerMps: curve.slopeBpmPerMps,
              driftBpmPerHour: curve.driftBpmPerHour,
              runResidualSdBpm: curve.runResidualSdBpm,
              speedLoMps: curve.speedLoMps,
              speedHiMps: curve.speedHiMps,
            },
          }
        : {}),
      ...(profile.maxDurationMin !== undefined ? { plannedMs: Math.round(profile.maxDurationMin * 60_000) } : {}),
    },
  };
}
