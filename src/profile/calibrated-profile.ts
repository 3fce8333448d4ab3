/**
 * The profile `paceguard calibrate` writes: a calibration (src/calibrate/)
 * over the runner's existing profile. On the profile's side, which reads
 * calibration, so that calibration needs nothing of the profile.
 */
import type { Calibration } from '../calibrate/calibrate.ts';
import { calibrationRecord } from '../calibrate/record.ts';
import type { RunnerModel } from '../estimate/runner-model.ts';
import type { Profile, RunnerModelProfile } from './profile.ts';

/** Max heart rate the profile accepts (profile.ts). */
const PROFILE_MAX_HR = { min: 100, max: 230 } as const;

/**
 * The calibrated profile: the calibrated fields over `existing`. What the
 * runner set themselves and calibration does not estimate (maxDurationMin,
 * recoveryMarginSecPerKm, tuning) stays, and so does its maxHrBpm when the
 * history shows no maximum; a hand-set hrCeilingBpm goes, since it would
 * override the ceiling calibrated from max heart rate. The pace
 * ceiling is written only when the consistency rule moved it; otherwise the
 * guard derives it from easyPace as always.
 */
export function calibratedProfile(calibration: Calibration, existing: Profile = {}): Profile {
  const { maxDurationMin, recoveryMarginSecPerKm, tuning } = existing;
  const maxHrBpm = calibration.ceilingMaxHr?.bpm;
  const usableMax = maxHrBpm !== undefined && maxHrBpm >= PROFILE_MAX_HR.min && maxHrBpm <= PROFILE_MAX_HR.max ? maxHrBpm : undefined;
  const restHrBpm = calibration.restHrBpm;
  return {
    easyPace: Math.round(calibration.easyPace.secPerKm),
    ...(recoveryMarginSecPerKm === undefined ? {} : { recoveryMarginSecPerKm }),
    ...(calibration.ceiling.paceSource === 'curve' ? { paceCeiling: calibration.ceiling.paceCeilingSecPerKm } : {}),
    ...(usableMax === undefined ? {} : { maxHrBpm: usableMax }),
    ...(restHrBpm === undefined ? {} : { restHrBpm }),
    ...(maxDurationMin === undefined ? {} : { maxDurationMin }),
    ...(tuning === undefined ? {} : { tuning }),
    ...runnerModelOf(calibration),
    calibration: calibrationRecord(calibration),
  };
}

const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** Decimals kept per runner-model field: below what any of them is known to. */
const MODEL_DECIMALS = {
  refSpeedMps: 3,
  hrAtRefBpm: 1,
  hrAtRefSdBpm: 1,
  hrGainBpmPerMps: 1,
  hrTauSec: 1,
  hrDelaySec: 1,
  cadenceAtRefSpm: 1,
  cadenceSlopeSpmPerMps: 2,
} as const satisfies Record<keyof RunnerModel, number>;

/** The profile's runnerModel: the fitted fields, rounded; nothing when only the easy speed is known. */
function runnerModelOf(calibration: Calibration): { runnerModel?: RunnerModelProfile } {
  const { model } = calibration.runnerModel;
  const fields = (Object.keys(model) as (keyof RunnerModel)[]).filter((field) => model[field] !== undefined);
  if (fields.every((field) => field === 'refSpeedMps')) return {};
  const runnerModel: Partial<Record<keyof RunnerModel, number>> = {};
  for (const field of fields) runnerModel[field] = round(model[field] as number, MODEL_DECIMALS[field]);
  return { runnerModel };
}
