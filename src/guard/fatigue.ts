import type { Conditioned } from './conditioned.ts';
import type { GuardConfig, HrCurve } from './config.ts';
import type { Tired } from './events.ts';

/**
 * The fatigue check: if you are genuinely depleted, rest. Between
 * fatigueFromMs and fatigueUntilMs of timer time (after the warm-up, while the
 * run is young), heart rate is compared with the runner's own curve at the
 * grade-adjusted speed they are running; once, at fatigueUntilMs, a clearly
 * higher average than usual says `tired`. "Clearly" is the larger of
 * fatigueMinExcessBpm and fatigueSpreadMultiple times how far a whole run
 * usually sits off the curve: a curve fitted on a scattered history asks for
 * more before it speaks.
 *
 * Only moving seconds with a believed heart rate and a speed inside the range
 * the curve was fitted on count: outside it the curve is a guess.
 */
export interface FatigueState {
  readonly dataMs: number;
  /** Time-weighted sums of observed and expected heart rate. */
  readonly observedBpmMs: number;
  readonly expectedBpmMs: number;
  readonly done: boolean;
}

export const INITIAL_FATIGUE_STATE: FatigueState = { dataMs: 0, observedBpmMs: 0, expectedBpmMs: 0, done: false };

export function stepFatigue(
  state: FatigueState,
  input: Conditioned,
  config: GuardConfig,
): { readonly state: FatigueState; readonly tired?: Tired } {
  const curve = config.hrCurve;
  if (curve === undefined || state.done || input.kind !== 'sample') return { state };
  const { tuning } = config;
  if (input.timerMs >= tuning.fatigueUntilMs) {
    const done: FatigueState = { ...state, done: true };
    if (state.dataMs < tuning.fatigueMinDataMs) return { state: done };
    const hrBpm = state.observedBpmMs / state.dataMs;
    const expectedHrBpm = state.expectedBpmMs / state.dataMs;
    const excessBpm = hrBpm - expectedHrBpm;
    const clearlyBpm = Math.max(tuning.fatigueMinExcessBpm, tuning.fatigueSpreadMultiple * curve.runResidualSdBpm);
    if (excessBpm < clearlyBpm) return { state: done };
    return { state: done, tired: { kind: 'tired', atMs: input.atMs, hrBpm, expectedHrBpm, excessBpm } };
  }
  if (input.timerMs < tuning.fatigueFromMs || input.paused || !input.moving) return { state };
  const speed = input.gapSpeedMps;
  const hr = input.hrBpm;
  if (speed === undefined || hr === undefined || speed < curve.speedLoMps || speed > curve.speedHiMps) return { state };
  const dtMs = input.dtMs;
  return {
    state: {
      dataMs: state.dataMs + dtMs,
      observedBpmMs: state.observedBpmMs + hr * dtMs,
      expectedBpmMs: state.expectedBpmMs + expectedHr(curve, speed, input.timerMs) * dtMs,
      done: false,
    },
  };
}

/** The runner's usual heart rate at this grade-adjusted speed, this far into a run. */
export function expectedHr(curve: HrCurve, gapSpeedMps: number, timerMs: number): number {
  return (
    curve.hrAtRefBpm +
    curve.slopeBpmPerMps * (gapSpeedMps - curve.refSpeedMps) +
    curve.driftBpmPerHour * (timerMs / 3_600_000)
  );
}
