import { z } from 'zod';
import { formatPace, parsePace } from '../samples/pace.ts';
import { DEFAULT_TUNING, type GuardConfig, type GuardTuning } from '../guard/config.ts';
import { deriveCeilings, type CeilingInputs } from './ceiling.ts';
import { CalibrationRecord } from '../calibrate/record.ts';

/**
 * The runner's profile: what they know about themselves, and any tuning. The
 * same shape is read from a JSON file (`--profile`) and built from flags; flags
 * win. Validated here, at the edge, so the guard only ever sees checked numbers.
 */

/** A pace as runners write it, "M:SS" per km, decoded to seconds per km. */
export const PaceText = z.codec(
  z.string().regex(/^\d{1,2}:[0-5]\d$/, 'expected a pace like 5:30 (minutes:seconds per km)'),
  z.number().min(120, 'expected a pace slower than 2:00 per km').max(1200, 'expected a pace faster than 20:00 per km'),
  {
    decode: (text) => parsePace(text) ?? Number.NaN,
    encode: (secPerKm) => formatPace(secPerKm),
  },
);

const ms = (min: number, max: number) => z.number().int().min(min).max(max);

/** Tuning a runner may override; each bound keeps the guard sensible. */
export const TuningOverrides = z.strictObject({
  paceWindowMs: ms(1_000, 60_000).optional(),
  hrWindowMs: ms(1_000, 60_000).optional(),
  paceAllowanceSecPerKm: z.number().min(0).max(60).optional(),
  paceEvidenceSecPerKmS: z.number().min(0).max(10_000).optional(),
  paceExcessCapSecPerKm: z.number().min(1).max(300).optional(),
  evidenceCapShare: z.number().min(1).max(1_000).optional(),
  paceWitnessHrRiseBpm: z.number().min(0).max(30).optional(),
  paceWitnessCadenceRiseSpm: z.number().min(0).max(30).optional(),
  paceWitnessHrNearBpm: z.number().min(0).max(40).optional(),
  paceWitnessGradeHrRiseBpm: z.number().min(0).max(30).optional(),
  gradeNeedsHrFromPct: z.number().min(0).max(30).optional(),
  witnessNoiseMultiple: z.number().min(0).max(10).optional(),
  paceWitnessHrFallVetoBpm: z.number().min(0).max(30).optional(),
  cadenceWitnessHrFallNoiseMultiple: z.number().min(0).max(100).optional(),
  hrSettledWithinBpm: z.number().min(0).max(30).optional(),
  hrSettledForMs: ms(0, 600_000).optional(),
  cadenceSettledWithinSpm: z.number().min(0).max(30).optional(),
  cadenceSettledForMs: ms(0, 600_000).optional(),
  paceUnwitnessedWeight: z.number().min(0).max(1).optional(),
  paceWarmupWeight: z.number().min(0).max(1).optional(),
  paceNoiseRefShare: z.number().min(0.001).max(1).optional(),
  hrAllowanceBpm: z.number().min(0).max(20).optional(),
  hrAllowanceScatterMultiple: z.number().min(0).max(10).optional(),
  hrEvidenceBpmS: z.number().min(0).max(2_000).optional(),
  hrExcessCapBpm: z.number().min(1).max(60).optional(),
  holdUnderMs: ms(0, 120_000).optional(),
  repeatMs: ms(10_000, 900_000).optional(),
  paceWarmupMs: ms(0, 1_800_000).optional(),
  hrWarmupMs: ms(0, 1_800_000).optional(),
  paceHysteresisSecPerKm: z.number().min(0).max(60).optional(),
  hrHysteresisBpm: z.number().min(0).max(20).optional(),
  staleMs: ms(5_000, 300_000).optional(),
  minMovingSpeedMps: z.number().min(0.3).max(3).optional(),
  fatigueFromMs: ms(0, 3_600_000).optional(),
  fatigueUntilMs: ms(0, 3_600_000).optional(),
  fatigueMinDataMs: ms(0, 3_600_000).optional(),
  fatigueMinExcessBpm: z.number().min(0).max(40).optional(),
  fatigueSpreadMultiple: z.number().min(0).max(10).optional(),
});

export const Profile = z
  .strictObject({
    easyPace: PaceText.optional(),
    recoveryMarginSecPerKm: z.number().min(0).max(180).optional(),
    paceCeiling: PaceText.optional(),
    hrCeilingBpm: z.number().int().min(60).max(220).optional(),
    maxHrBpm: z.number().int().min(100).max(230).optional(),
    restHrBpm: z.number().int().min(25).max(120).optional(),
    maxDurationMin: z.number().positive().max(600).optional(),
    tuning: TuningOverrides.optional(),
    /** Written by `paceguard calibrate`: which runs, when, and the fitted heart-rate curve (src/calibrate/record.ts). */
    calibration: CalibrationRecord.optional(),
  })
  .refine((p) => p.maxHrBpm === undefined || p.restHrBpm === undefined || p.restHrBpm < p.maxHrBpm, {
    message: 'expected restHrBpm below maxHrBpm',
    path: ['restHrBpm'],
  });
export type Profile = z.output<typeof Profile>;

/** One line naming the field and what was expected, for a person to act on. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid';
  const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  return `${where}: ${issue.message}`;
}

/** A profile's text, checked: the profile, or what is wrong with it in words for one line. */
export type ParsedProfile =
  | { readonly ok: true; readonly profile: Profile }
  | { readonly ok: false; readonly notJson: string }
  | { readonly ok: false; readonly issue: string };

/** JSON, then the Profile schema: the one reading of a profile's text (command line, phone, watch tools). Callers frame the failure. */
export function parseProfileText(text: string): ParsedProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, notJson: error instanceof Error ? error.message : String(error) };
  }
  const checked = Profile.safeParse(json);
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
