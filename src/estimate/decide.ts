import type { Conditioned } from '../guard/conditioned.ts';
import type { GuardConfig } from '../guard/config.ts';
import { causeOf, startsAfresh, stepPhase, watchSensorsAndTime, type Decision, type DecisionState } from '../guard/decide.ts';
import type { GuardEvent } from '../guard/events.ts';
import type { Estimate } from './estimator.ts';
import { cusumStep, type CusumDesign } from './sequential-test.ts';
import type { SpeedSensorsEstimate } from './speed-sensors.ts';

/**
 * The model's judgement: one CUSUM per ceiling on the estimate
 * (sequential-test.ts), and today's alert policy on top of it, reused from
 * src/guard/decide.ts (stepPhase: slow-down, repeats at 1, 2, 4… × repeatMs,
 * not-recovery once, hold-under and back-under; watchSensor: signal-back).
 * What differs from today's decide() is only what is judged: the estimate's
 * grade-adjusted speed and the heart's own rate, with their spreads, instead
 * of the conditioned readings and their witnesses.
 *
 * The state is today's DecisionState; its paceEvidence and hrEvidence hold
 * this test's evidence, in z·s.
 */
export interface ModelTests {
  readonly pace: CusumDesign | undefined;
  readonly hr: CusumDesign | undefined;
}

/** What is judged at one step: the estimate and the excesses over each ceiling, in the runner's units. */
export interface Judged {
  /** Grade-adjusted pace faster than the ceiling, s/km (negative when slower), and its variance. */
  readonly paceExcessSecPerKm: number | undefined;
  readonly paceExcessVar: number;
  /** The heart over its ceiling, bpm (negative when under), and its variance. */
  readonly hrExcessBpm: number | undefined;
  readonly hrExcessVar: number;
}

/** Grade-adjusted speed below which pace is not judged (standing, walking): its pace would be meaningless. */
export const MIN_JUDGED_SPEED_MPS = 0.5;

export function judge(estimate: Estimate, config: GuardConfig): Judged {
  const { hrCeilingBpm } = config.ceilings;
  // Named, not spread: a spread here was a sixth of the model's step.
  return {
    paceExcessSecPerKm: paceExcessSecPerKmOf(estimate.gapSpeedMps, config),
    paceExcessVar: paceExcessVarOf(estimate, config),
    hrExcessBpm: hrCeilingBpm === undefined ? undefined : estimate.heartBpm - hrCeilingBpm,
    hrExcessVar: estimate.heartSdBpm * estimate.heartSdBpm,
  };
}

/** Grade-adjusted pace over the ceiling, s/km (undefined when not judged), and its variance, from a speed estimate. */
export function paceExcessOf(
  speed: { readonly gapSpeedMps: number; readonly gapSpeedSdMps: number },
  config: GuardConfig,
): Pick<Judged, 'paceExcessSecPerKm' | 'paceExcessVar'> {
  return { paceExcessSecPerKm: paceExcessSecPerKmOf(speed.gapSpeedMps, config), paceExcessVar: paceExcessVarOf(speed, config) };
}

/** Grade-adjusted pace faster than the ceiling at this speed, s/km; undefined without a pace ceiling or below MIN_JUDGED_SPEED_MPS. */
function paceExcessSecPerKmOf(gapSpeedMps: number, config: GuardConfig): number | undefined {
  const { paceCeilingSecPerKm } = config.ceilings;
  if (paceCeilingSecPerKm === undefined || gapSpeedMps < MIN_JUDGED_SPEED_MPS) return undefined;
  return paceCeilingSecPerKm - 1000 / gapSpeedMps;
}

/** That excess's variance, (s/km)²: pace is 1000 / speed, its spread by the delta method; 0 where not judged. */
function paceExcessVarOf(speed: { readonly gapSpeedMps: number; readonly gapSpeedSdMps: number }, config: GuardConfig): number {
  const v = speed.gapSpeedMps;
  if (config.ceilings.paceCeilingSecPerKm === undefined || v < MIN_JUDGED_SPEED_MPS) return 0;
  const paceSd = (1000 / (v * v)) * speed.gapSpeedSdMps;
  return paceSd * paceSd;
}

/**
 * From this grade (either way) grade-adjusted pace needs heart rate's agreement to count, %. 1 % rather
 * than 2 %: a grade read from GPS altitude over a 400 m baseline lingers 1–3 % past a hill's end
 * (src/signal/grade.ts), and on the flat after a hill that read easy running as over (hills false alarms
 * 8 → 1, everything 16 → 11 on the quick loop; docs/decisions/effort-model.md).
 */
export const SLOPE_GRADE_PCT = 1;
/** Heart rate agrees that effort is up when it climbs at least this much (short average over long), bpm… */
export const HEART_AGREES_RISE_BPM = 3;
/** …or when the heart is within this of its ceiling, bpm. */
export const HEART_AGREES_NEAR_CEILING_BPM = 3;

/**
 * Uphill, effort decides (the mission's rule): grade-adjusted pace over the
 * ceiling counts where heart rate agrees that effort is up, that is where it
 * climbs, or sits near its ceiling. On the flat, without heart rate, or
 * before heart rate has shown itself, pace stands alone.
 */
export function heartAgrees(input: Conditioned, estimate: Estimate, config: GuardConfig): boolean {
  const grade = input.gradePct;
  if (grade === undefined || Math.abs(grade) < SLOPE_GRADE_PCT || input.hrLastAtMs === undefined) return true;
  const hrCeiling = config.ceilings.hrCeilingBpm;
  const near = hrCeiling !== undefined && estimate.heartBpm >= hrCeiling - HEART_AGREES_NEAR_CEILING_BPM;
  const rising = input.hrTrendBpm !== undefined && input.hrTrendBpm >= HEART_AGREES_RISE_BPM;
  return near || rising;
}

export function decideOnEstimate(
  state: DecisionState,
  input: Conditioned,
  estimate: Estimate,
  bySpeedSensors: SpeedSensorsEstimate,
  config: GuardConfig,
  tests: ModelTests,
): Decision {
  const { tuning } = config;
  const events: GuardEvent[] = [];
  const atMs = input.atMs;
  const { hr, pace, timeUpSent } = watchSensorsAndTime(state, input, config, events);

  const gapMs = state.lastAtMs === undefined ? 0 : atMs - state.lastAtMs;
  let phase = state.phase;
  let { paceEvidence, hrEvidence } = state;
  if (startsAfresh(input, gapMs, tuning.staleMs)) {
    // As today: a pause, or a silence too long to know, starts the judgement afresh.
    phase = { name: 'under' };
    paceEvidence = 0;
    hrEvidence = 0;
  } else if (input.kind === 'sample' && !input.moving) {
    // As today: standing still freezes the overshoot, and the evidence starts again.
    paceEvidence = 0;
    hrEvidence = 0;
  } else if (input.kind === 'sample') {
    const dtSec = Math.min(gapMs, tuning.staleMs) / 1000;
    // What judge() gives, taken field by field: its object (and paceExcessOf's) were made every step.
    const paceExcessSecPerKm = paceExcessSecPerKmOf(estimate.gapSpeedMps, config);
    const hrCeilingBpm = config.ceilings.hrCeilingBpm;
    const hrExcessBpm = hrCeilingBpm === undefined ? undefined : estimate.heartBpm - hrCeilingBpm;
    // Pace is judged while a speed reading is fresh: cadence and heart rate refine the estimate, they do not stand in for GPS.
    const paceFresh = input.paceLastAtMs !== undefined && atMs - input.paceLastAtMs < tuning.staleMs;
    const paceOn = tests.pace !== undefined && paceExcessSecPerKm !== undefined && paceFresh && input.timerMs >= tuning.paceWarmupMs;
    // Likewise the heart while a heart-rate reading is fresh: the model's prediction alone never calls an overshoot.
    const hrFresh = input.hrLastAtMs !== undefined && atMs - input.hrLastAtMs < tuning.staleMs;
    const hrOn = tests.hr !== undefined && hrExcessBpm !== undefined && hrFresh && input.timerMs >= tuning.hrWarmupMs;
    if (paceOn && tests.pace !== undefined && paceExcessSecPerKm !== undefined) {
      // Heart rate may hold pace evidence back (the full estimate), never add to it: the step counts
      // no more than the speed sensors alone support (speed-sensors.ts).
      const sensors = paceExcessSecPerKmOf(bySpeedSensors.gapSpeedMps, config);
      const excess = sensors === undefined ? paceExcessSecPerKm : Math.min(paceExcessSecPerKm, sensors);
      const next = cusumStep(paceEvidence, excess, paceExcessVarOf(estimate, config), tests.pace, dtSec);
      // On a slope, grade-adjusted pace rests on a grade read from altitude: it grows only where heart rate agrees.
      paceEvidence = next > paceEvidence && !heartAgrees(input, estimate, config) ? paceEvidence : next;
    }
    if (hrOn && tests.hr !== undefined && hrExcessBpm !== undefined) {
      hrEvidence = cusumStep(hrEvidence, hrExcessBpm, estimate.heartSdBpm * estimate.heartSdBpm, tests.hr, dtSec);
    }
    const paceOver = tests.pace !== undefined && paceEvidence >= tests.pace.threshold;
    const hrOver = tests.hr !== undefined && hrEvidence >= tests.hr.threshold;
    const paceClear = paceExcessSecPerKm === undefined || paceExcessSecPerKm <= -tuning.paceHysteresisSecPerKm;
    const hrClear = hrExcessBpm === undefined || input.hrLastAtMs === undefined || hrExcessBpm <= -tuning.hrHysteresisBpm;
    phase = stepPhase(phase, atMs, causeOf(paceOver, hrOver), paceClear && hrClear, state.notRecoverySent, input, config, events);
    if (phase.name === 'under' && state.phase.name !== 'under') {
      paceEvidence = 0;
      hrEvidence = 0;
    }
  }
  if (events.length > 1) events.sort((a, b) => a.atMs - b.atMs);
  return {
    // Every field named (no spread of the last state): a fixed shape, and about 1 µs a step less.
    state: {
      phase,
      paceEvidence,
      hrEvidence,
      lastAtMs: atMs,
      timeUpSent,
      notRecoverySent: state.notRecoverySent || (events.length > 0 && events.some((e) => e.kind === 'not-recovery')),
      fatigue: state.fatigue,
      hr,
      pace,
    },
    events,
    overshoot: phase.name === 'over' || phase.name === 'falling' ? phase.cause : undefined,
  };
}
