/**
 * `paceguard tune`'s grid (src/tune/grid.ts) read from and written into a
 * profile: the runner's own setting, the grid around it, and the profile
 * with a candidate's setting written in.
 */
import type { GuardConfig } from '../guard/config.ts';
import { DEFAULT_TUNING } from '../guard/config.ts';
import { RECOVERY_MARGIN_SEC_PER_KM } from '../ceiling/ceiling.ts';
import { candidateKey, gridAround, type Candidate } from '../tune/grid.ts';
import { configFromProfile, type Profile } from './profile.ts';

/** Whether the margin moves the pace ceiling: only an easy pace without a given pace ceiling. */
export function hasMarginAxis(profile: Profile): boolean {
  return profile.easyPace !== undefined && profile.paceCeiling === undefined;
}

/** The profile's own setting, defaults filled in. */
export function currentCandidate(profile: Profile): Candidate {
  const t = profile.tuning ?? {};
  return {
    ...(hasMarginAxis(profile) ? { marginSecPerKm: profile.recoveryMarginSecPerKm ?? RECOVERY_MARGIN_SEC_PER_KM } : {}),
    paceEvidenceSecPerKmS: t.paceEvidenceSecPerKmS ?? DEFAULT_TUNING.paceEvidenceSecPerKmS,
    repeatMs: t.repeatMs ?? DEFAULT_TUNING.repeatMs,
    paceWarmupMs: t.paceWarmupMs ?? DEFAULT_TUNING.paceWarmupMs,
    hrWarmupMs: t.hrWarmupMs ?? DEFAULT_TUNING.hrWarmupMs,
    current: true,
  };
}

/** The grid for a profile, in a stable order; the current setting marked (or appended). */
export function tuneGrid(profile: Profile): Candidate[] {
  return gridAround(currentCandidate(profile), hasMarginAxis(profile));
}

/** The profile with a candidate's setting written in; everything else kept. */
export function profileWith(profile: Profile, c: Candidate): Profile {
  return {
    ...profile,
    ...(c.marginSecPerKm === undefined ? {} : { recoveryMarginSecPerKm: c.marginSecPerKm }),
    tuning: {
      ...profile.tuning,
      paceEvidenceSecPerKmS: c.paceEvidenceSecPerKmS,
      repeatMs: c.repeatMs,
      paceWarmupMs: c.paceWarmupMs,
      hrWarmupMs: c.hrWarmupMs,
    },
  };
}

/** The guard config of a candidate; a profile that yields no config is refused before the grid is built. */
export function candidateConfig(profile: Profile, c: Candidate): GuardConfig {
  const result = configFromProfile(profileWith(profile, c));
  if (!result.ok) throw new Error(`candidate ${candidateKey(c)}: ${result.error}`);
  return result.config;
}
