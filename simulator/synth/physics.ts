/**
 * The physical truth of a synthetic run, one value a second, before any sensor
 * sees it: where the runner is, how fast they go, on what grade, how hard that
 * is, and what their heart does about it.
 *
 * Effort on a grade is Minetti's energy cost of running (Minetti et al. 2002,
 * "Energy cost of walking and running at extreme uphill and downhill slopes",
 * J Appl Physiol 93:1039): C(i) = 155.4i⁵ − 30.4i⁴ − 43.3i³ + 46.3i² + 19.5i + 3.6
 * J/kg/m for a grade i (fraction), from src/signal/minetti.ts. The
 * grade-adjusted speed is the flat speed of equal metabolic power,
 * v · C(i) / C(0); grade-adjusted pace is its inverse. (The truth uses the
 * formula the guard uses: the benchmark measures the guard's grade estimate
 * from noisy altitude, not a disagreement between two cost models.)
 *
 * The heart answers that effort: its steady state is linear in grade-adjusted
 * speed (anchored at the runner's easy pace) plus cardiac drift accumulated
 * over the moving time, and heart rate follows the steady state with a
 * first-order lag of time constant `hrTauSec`, after a dead time of
 * `hrDelaySec` (optional, 0 by default: the steady state reads the effort
 * of that many seconds ago).
 */
import { paceToSpeed, speedToPace } from '../../src/samples/pace.ts';
import { gradeAdjustedSpeedMps, minettiCostJPerKgM } from '../../src/signal/minetti.ts';
import { ar1, stream } from './random.ts';
import {
  CADENCE_PER_MPS_SPM,
  DEFAULT_ORIGIN,
  type PaceTarget,
  type Scenario,
  type ScenarioCeilings,
  type Segment,
} from './scenario.ts';

export interface TruthSecond {
  /** Run-relative time; the second [atMs, atMs + 1000) is described by these values. */
  readonly atMs: number;
  /** Index of the scenario segment this second belongs to. */
  readonly segment: number;
  readonly speedMps: number;
  readonly distanceM: number;
  readonly gradePct: number;
  /** Grade-adjusted pace (Minetti); absent while the runner is not moving (below MOVING_SPEED_MPS). */
  readonly gapSecPerKm?: number;
  readonly hrBpm: number;
  /** Step rate, 0 when standing. */
  readonly cadenceSpm: number;
  /** Position in a local tangent plane around the origin, metres. */
  readonly eastM: number;
  readonly northM: number;
  readonly altitudeM: number;
}

/** Below this the runner is standing: no pace, no grade-adjusted pace. */
export const MOVING_SPEED_MPS = 0.5;
/** Walking (between standing and running) has its own step rate. */
const RUNNING_SPEED_MPS = 1.5;
const WALKING_CADENCE_SPM = 115;
/** Speed changes with a few strides' lag and at most this many m/s in a second. */
const SPEED_TAU_SEC = 2;
const MAX_SPEED_CHANGE_MPS_PER_SEC = 1;
/** Heart rate at the start (standing, ready to go) and the floor it recovers to while standing. */
const START_HR_ABOVE_REST_BPM = 20;
const STANDING_HR_ABOVE_REST_BPM = 25;
/** Correlation time of the runner's own pace wander. */
const PACE_WANDER_TAU_SEC = 30;
/** Heading wander: a run turns now and then (rad/s standard deviation, correlation time). */
const TURN_SIGMA_RAD_PER_SEC = 0.03;
const TURN_TAU_SEC = 45;

const FLAT_COST_J_PER_KG_M = minettiCostJPerKgM(0);

/** The speed on `gradePct` that costs what `flatSpeedMps` costs on the flat. */
export function speedForEffortMps(flatSpeedMps: number, gradePct: number): number {
  return (flatSpeedMps * FLAT_COST_J_PER_KG_M) / minettiCostJPerKgM(gradePct / 100);
}

export function resolvePaceSecPerKm(pace: PaceTarget, ceilings: ScenarioCeilings): number {
  return 'secPerKm' in pace ? pace.secPerKm : ceilings.paceCeilingSecPerKm + pace.ceilingOffsetSecPerKm;
}

function gradeAt(segment: Segment, scenario: Scenario, distanceM: number): number {
  const base = segment.kind === 'run' ? (segment.gradePct ?? 0) : 0;
  const terrain = scenario.terrain;
  if (terrain === undefined) return base;
  return base + terrain.rollingAmplitudePct * Math.sin((2 * Math.PI * distanceM) / terrain.rollingWavelengthM);
}

/** The runner's intended speed for a segment, before their own wander. */
function intendedSpeedMps(segment: Segment, scenario: Scenario, gradePct: number): number {
  if (segment.kind === 'stop') return 0;
  const speedMps = paceToSpeed(resolvePaceSecPerKm(segment.pace, scenario.ceilings));
  return (segment.hold ?? 'effort') === 'effort' ? speedForEffortMps(speedMps, gradePct) : speedMps;
}

function cadenceFor(speedMps: number, easySpeedMps: number, cadenceAtEasyPaceSpm: number): number {
  if (speedMps < MOVING_SPEED_MPS) return 0;
  if (speedMps < RUNNING_SPEED_MPS) return WALKING_CADENCE_SPM;
  return cadenceAtEasyPaceSpm + CADENCE_PER_MPS_SPM * (speedMps - easySpeedMps);
}

/**
 * Simulates the truth of `scenario`, one entry per second of its segments.
 * Deterministic in (scenario, seed); uses only the `truth-*` random streams.
 */
export function simulateTruth(scenario: Scenario, seed: number): TruthSecond[] {
  const { runner } = scenario;
  const origin = scenario.origin ?? DEFAULT_ORIGIN;
  const easySpeedMps = paceToSpeed(runner.easyPaceSecPerKm);
  const wander = ar1(stream(seed, 'truth-wander'), runner.paceWanderPct / 100, PACE_WANDER_TAU_SEC);
  const turn = ar1(stream(seed, 'truth-heading'), TURN_SIGMA_RAD_PER_SEC, TURN_TAU_SEC);
  const speedKeep = 1 - Math.exp(-1 / SPEED_TAU_SEC);
  const hrKeep = 1 - Math.exp(-1 / runner.hrTauSec);
  const hrFloorBpm = runner.hrRestBpm + STANDING_HR_ABOVE_REST_BPM;

  const truth: TruthSecond[] = [];
  let speedMps = 0;
  let distanceM = 0;
  let eastM = 0;
  let northM = 0;
  let altitudeM = origin.altitudeM;
  let headingRad = 2 * Math.PI * stream(seed, 'truth-start')();
  let hrBpm = runner.hrRestBpm + START_HR_ABOVE_REST_BPM;
  let movingSec = 0;
  const hrDelaySec = Math.round(runner.hrDelaySec ?? 0);
  /** The last hrDelaySec + 1 efforts, oldest first (only with a dead time: without one the path is exactly as before). */
  const efforts: number[] = [];

  scenario.segments.forEach((segment, index) => {
    for (let k = 0; k < segment.durationSec; k += 1) {
      const gradePct = gradeAt(segment, scenario, distanceM);
      const intended = intendedSpeedMps(segment, scenario, gradePct);
      const wanderFactor = 1 + wander();
      const targetMps = segment.kind === 'run' ? intended * wanderFactor : 0;
      const change = (targetMps - speedMps) * speedKeep;
      const limited = Math.max(-MAX_SPEED_CHANGE_MPS_PER_SEC, Math.min(MAX_SPEED_CHANGE_MPS_PER_SEC, change));
      speedMps = Math.max(0, speedMps + limited);

      distanceM += speedMps;
      headingRad += turn();
      eastM += speedMps * Math.sin(headingRad);
      northM += speedMps * Math.cos(headingRad);
      altitudeM += (gradePct / 100) * speedMps;

      const moving = speedMps >= MOVING_SPEED_MPS;
      if (moving) movingSec += 1;
      const effortMps = moving ? gradeAdjustedSpeedMps(speedMps, gradePct) : 0;
      const driftBpm = (runner.driftBpmPerHour * movingSec) / 3600;
      let heartEffortMps = effortMps;
      if (hrDelaySec > 0) {
        efforts.push(effortMps);
        if (efforts.length > hrDelaySec + 1) efforts.shift();
        heartEffortMps = efforts[0] as number;
      }
      const steadyBpm = runner.hrAtEasyPaceBpm + runner.hrPerMpsBpm * (heartEffortMps - easySpeedMps) + driftBpm;
      const targetBpm = Math.min(runner.hrMaxBpm, Math.max(hrFloorBpm, steadyBpm));
      hrBpm += (targetBpm - hrBpm) * hrKeep;

      const second: TruthSecond = {
        atMs: truth.length * 1000,
        segment: index,
        speedMps,
        distanceM,
        gradePct,
        hrBpm,
        cadenceSpm: cadenceFor(speedMps, easySpeedMps, runner.cadenceAtEasyPaceSpm),
        eastM,
        northM,
        altitudeM,
      };
      truth.push(moving && effortMps > 0 ? { ...second, gapSecPerKm: speedToPace(effortMps) } : second);
    }
  });
  return truth;
}
