import * as z from '../ceiling/zod.ts';
import { $ZodArray, $ZodObject, $ZodOptional, type $ZodError, type $ZodType } from 'zod/v4/core';
import { formatPace, parsePace } from '../samples/pace.ts';
import { DEFAULT_TUNING, type GuardConfig, type GuardTuning } from '../guard/config.ts';
import { deriveCeilings, type CeilingInputs } from '../ceiling/ceiling.ts';
import { CalibrationRecord } from '../calibrate/record.ts';
import { bounded, overridesSchema, type Bounds } from '../ceiling/bounds.ts';
import { GUARD_SETTINGS } from '../guard/settings.ts';
import { nearestName } from '../ceiling/nearest-name.ts';
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
  z.string({ error: PACE_EXPECTED }).check(z.regex(/^\d{1,2}:[0-5]\d$/, PACE_EXPECTED)),
  z.number().check(z.minimum(120, 'expected a pace slower than 2:00 per km'), z.maximum(1200, 'expected a pace faster than 20:00 per km')),
  {
    decode: (text) => parsePace(text) ?? Number.NaN,
    encode: (secPerKm) => formatPace(secPerKm),
  },
);

/** Tuning a runner may override: the guard's settings, bounded as declared (src/guard/settings.ts). */
export const TuningOverrides = overridesSchema(GUARD_SETTINGS);

/** What a body can do, for the fields a runner sets themselves (and the flags that set them). */
export const PROFILE_BOUNDS = {
  recoveryMarginSecPerKm: { min: 0, max: 180, like: 30, unit: 'seconds per km' },
  hrCeilingBpm: { min: 60, max: 220, like: 140, unit: 'beats per minute', whole: true },
  maxHrBpm: { min: 100, max: 230, like: 185, unit: 'beats per minute', whole: true },
  restHrBpm: { min: 25, max: 120, like: 55, unit: 'beats per minute', whole: true },
  maxDurationMin: { min: 0, max: 600, like: 45, unit: 'minutes', aboveMin: true },
} as const satisfies Record<string, Bounds>;

/** One field of the runner model, within what a body can do; the example is a typical runner's. */
const modelField = (field: keyof RunnerModel) => z.optional(bounded({ ...RUNNER_MODEL_BOUNDS[field], like: POPULATION_PRIOR[field] }));

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
    hrAtRefSdBpm: modelField('hrAtRefSdBpm'),
    hrGainBpmPerMps: modelField('hrGainBpmPerMps'),
    hrTauSec: modelField('hrTauSec'),
    hrDelaySec: modelField('hrDelaySec'),
    cadenceAtRefSpm: modelField('cadenceAtRefSpm'),
    cadenceSlopeSpmPerMps: modelField('cadenceSlopeSpmPerMps'),
  })
  .check(
    z.refine((m) => m.refSpeedMps !== undefined || (m.hrAtRefBpm === undefined && m.cadenceAtRefSpm === undefined), {
      message: `expected refSpeedMps (${RUNNER_MODEL_BOUNDS.refSpeedMps.unit}) beside hrAtRefBpm and cadenceAtRefSpm: they are read at that speed`,
      path: ['refSpeedMps'],
    }),
  );
export type RunnerModelProfile = z.output<typeof RunnerModelProfile>;

export const Profile = z
  .strictObject({
    easyPace: z.optional(PaceText),
    recoveryMarginSecPerKm: z.optional(bounded(PROFILE_BOUNDS.recoveryMarginSecPerKm)),
    paceCeiling: z.optional(PaceText),
    hrCeilingBpm: z.optional(bounded(PROFILE_BOUNDS.hrCeilingBpm)),
    maxHrBpm: z.optional(bounded(PROFILE_BOUNDS.maxHrBpm)),
    restHrBpm: z.optional(bounded(PROFILE_BOUNDS.restHrBpm)),
    maxDurationMin: z.optional(bounded(PROFILE_BOUNDS.maxDurationMin)),
    tuning: z.optional(TuningOverrides),
    /** The runner's heart and stride, for the effort estimator; written by `paceguard calibrate`. */
    runnerModel: z.optional(RunnerModelProfile),
    /** Written by `paceguard calibrate`: which runs, when, and the fitted heart-rate curve (src/calibrate/record.ts). */
    calibration: z.optional(CalibrationRecord),
  })
  .check(
    z.refine((p) => p.maxHrBpm === undefined || p.restHrBpm === undefined || p.restHrBpm < p.maxHrBpm, {
      message: 'expected restHrBpm below maxHrBpm',
      path: ['restHrBpm'],
    }),
  );
export type Profile = z.output<typeof Profile>;

/** One line naming the field and what was expected, for a person to act on; a mistyped key gets the nearest known one. */
export function describeIssue(error: $ZodError): string {
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
  let schema: $ZodType | undefined = Profile;
  const unwrap = (): void => {
    while (schema instanceof $ZodOptional) schema = schema._zod.def.innerType;
  };
  for (const segment of path) {
    unwrap();
    if (schema instanceof $ZodArray && typeof segment === 'number') schema = schema._zod.def.element;
    else if (schema instanceof $ZodObject) schema = (schema._zod.def.shape as Record<PropertyKey, $ZodType | undefined>)[segment];
    else return [];
  }
  unwrap();
  return schema instanceof $ZodObject ? Object.keys(schema._zod.def.shape) : [];
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
