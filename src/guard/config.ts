import type { Ceilings } from '../ceiling/ceiling.ts';
import type { GuardTuning } from './settings.ts';

/** The guard's settings are declared once, in ./settings.ts; these names stay for callers. */
export { DEFAULT_TUNING, type GuardTuning } from './settings.ts';

/**
 * The runner's own heart-rate curve, from `paceguard calibrate`:
 * hr ≈ hrAtRefBpm + slopeBpmPerMps · (gapSpeedMps − refSpeedMps) + driftBpmPerHour · hours,
 * valid between speedLoMps and speedHiMps; runResidualSdBpm is how far a whole
 * run usually sits off it.
 */
export interface HrCurve {
  readonly refSpeedMps: number;
  readonly hrAtRefBpm: number;
  readonly slopeBpmPerMps: number;
  readonly driftBpmPerHour: number;
  readonly runResidualSdBpm: number;
  readonly speedLoMps: number;
  readonly speedHiMps: number;
}

export interface GuardConfig {
  readonly ceilings: Ceilings;
  /** With a calibrated curve, the guard also checks for fatigue early in the run. */
  readonly hrCurve?: HrCurve;
  /** Planned duration of timer time; time-up fires once when it is reached. */
  readonly plannedMs?: number;
  readonly tuning: GuardTuning;
}
