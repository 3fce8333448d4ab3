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
 * what the runner has today beside what they could have. Reading a profile
 * and writing a candidate into one is src/profile/tune-candidates.ts's (the
 * profile is an edge module: it imports tune/, never the reverse).
 */

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

export function candidateKey(c: Candidate): string {
  return [c.marginSecPerKm ?? '-', c.paceEvidenceSecPerKmS, c.repeatMs, c.paceWarmupMs, c.hrWarmupMs].join('/');
}

/** The grid around the runner's own setting, in a stable order; that setting marked (or appended). Margins only when `withMargin`. */
export function gridAround(current: Candidate, withMargin: boolean): Candidate[] {
  const margins: readonly (number | undefined)[] = withMargin ? MARGINS_SEC_PER_KM : [undefined];
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
