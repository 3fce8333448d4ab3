/**
 * The settings `paceguard tune` tries: a small grid over the rules a runner
 * most often wants changed, each axis a few values around the default.
 *
 * | axis | profile field | values |
 * |------|---------------|--------|
 * | ceiling margin | `recoveryMarginSecPerKm` | 20, 30, 40 s/km (only when the pace ceiling comes from `easyPace`) |
 * | evidence | `tuning.paceEvidenceSecPerKmS` | 30, 60, 120 s/km·s |
 * | repeat interval | `tuning.repeatMs` | 1 min, 2 min |
 * | warm-up | `tuning.paceWarmupMs` / `tuning.hrWarmupMs` | 1 min / 3 min, 2 min / 5 min |
 *
 * 36 settings with a margin axis, 12 without. The profile's own setting is
 * always one of them (added when it is not on the grid), so the table shows
 * what the runner has today beside what they could have.
 */
import type { GuardConfig } from '../guard/config.ts';
import { configFromProfile, type Profile } from '../profile/profile.ts';
import { RECOVERY_MARGIN_SEC_PER_KM } from '../ceiling/ceiling.ts';
import { DEFAULT_TUNING } from '../guard/config.ts';

export const MARGINS_SEC_PER_KM: readonly number[] = [20, 30, 40];
export const PACE_EVIDENCES_SEC_PER_KM_S: readonly number[] = [30, 60, 120];
export const REPEATS_MS: readonly number[] = [60_000, 120_000];
export const WARMUPS: readonly Warmup[] = [
  { paceWarmupMs: 60_000, hrWarmupMs: 180_000 },
  { paceWarmupMs: 120_000, hrWarmupMs: 300_000 },
];

export interface Warmup {
  readonly paceWarmupMs: number;
  readonly hrWarmupMs: number;
}

/** One setting: what it writes into the profile. */
export interface Candidate {
  /** Present when the pace ceiling is easy pace plus a margin. */
  readonly marginSecPerKm?: number;
  readonly paceEvidenceSecPerKmS: number;
  readonly repeatMs: number;
  readonly paceWarmupMs: number;
  readonly hrWarmupMs: number;
  /** The profile's own setting. */
  readonly current: boolean;
}

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

export function candidateKey(c: Candidate): string {
  return [c.marginSecPerKm ?? '-', c.paceEvidenceSecPerKmS, c.repeatMs, c.paceWarmupMs, c.hrWarmupMs].join('/');
}

/** The grid for a profile, in a stable order; the current setting marked (or appended). */
export function tuneGrid(profile: Profile): Candidate[] {
  const current = currentCandidate(profile);
  const margins: readonly (number | undefined)[] = hasMarginAxis(profile) ? MARGINS_SEC_PER_KM : [undefined];
  const grid: Candidate[] = [];
  for (const margin of margins)
    for (const evidence of PACE_EVIDENCES_SEC_PER_KM_S)
      for (const repeatMs of REPEATS_MS)
        for (const warmup of WARMUPS) {
          const c: Candidate = {
            ...(margin === undefined ? {} : { marginSecPerKm: margin }),
            paceEvidenceSecPerKmS: evidence,
            repeatMs,
            ...warmup,
            current: false,
          };
          grid.push(candidateKey(c) === candidateKey(current) ? { ...c, current: true } : c);
        }
  if (!grid.some((c) => c.current)) grid.push(current);
  return grid;
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
