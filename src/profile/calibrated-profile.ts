/**
 * The profile `paceguard calibrate` writes: a calibration (src/calibrate/)
 * over the runner's existing profile. On the profile's side, which reads
 * calibration, so that calibration needs nothing of the profile.
 */
import type { Calibration } from '../calibrate/calibrate.ts';
import { calibrationRecord } from '../calibrate/record.ts';
import type { Profile } from './profile.ts';

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
    calibration: calibrationRecord(calibration),
  };
}
