/**
 * What a synthetic run is made of, as plain typed data (a schema for scenario
 * files comes later, at the edge). A scenario is read in three layers:
 *
 * 1. the runner: how their heart answers effort, how they move;
 * 2. the course of the run: segments of running (at a pace or an effort, on a
 *    grade) and stops, from which the physical truth is simulated;
 * 3. the recording: what the watch or phone wrote down, with its noise.
 *
 * Times inside a scenario are seconds from the start of the run (`atSec`):
 * scenarios are written by hand. The generated samples are in milliseconds.
 */

export interface Runner {
  /** The runner's easy pace on the flat; the reference for the heart-rate relation. */
  readonly easyPaceSecPerKm: number;
  readonly hrRestBpm: number;
  readonly hrMaxBpm: number;
  /** Steady-state heart rate at easy pace on the flat, fresh (before any drift). */
  readonly hrAtEasyPaceBpm: number;
  /** Steady-state heart-rate change per m/s of grade-adjusted speed (linear in the aerobic range). */
  readonly hrPerMpsBpm: number;
  /** Time constant of the heart's first-order response to a change of effort (30–60 s). */
  readonly hrTauSec: number;
  /** Dead time before the heart starts to answer a change of effort, seconds; absent: none. */
  readonly hrDelaySec?: number;
  /** Cardiac drift: steady-state heart rate rises this much per hour of running at constant effort. */
  readonly driftBpmPerHour: number;
  /** Step rate at easy pace; it rises by CADENCE_PER_MPS_SPM per m/s faster. */
  readonly cadenceAtEasyPaceSpm: number;
  /** Slow wander of the runner's own speed around the intended one (standard deviation, % of speed). */
  readonly paceWanderPct: number;
}

/** A pace, absolute or relative to the scenario's pace ceiling (positive = slower than the ceiling). */
export type PaceTarget = { readonly secPerKm: number } | { readonly ceilingOffsetSecPerKm: number };

export interface RunSegment {
  readonly kind: 'run';
  readonly durationSec: number;
  readonly pace: PaceTarget;
  /**
   * `effort` (default): the pace is a grade-adjusted pace; the runner slows
   * uphill and speeds up downhill to keep the effort. `pace`: the runner holds
   * the actual pace whatever the grade (uphill at ceiling pace is over by effort).
   */
  readonly hold?: 'effort' | 'pace';
  /** Grade of this stretch in percent (rise over run); the scenario's rolling terrain adds to it. */
  readonly gradePct?: number;
}

export interface StopSegment {
  readonly kind: 'stop';
  readonly durationSec: number;
  /** `running` (default): the timer keeps running and samples keep coming. `auto-pause`: the watch pauses. */
  readonly timer?: 'running' | 'auto-pause';
}

export type Segment = RunSegment | StopSegment;

/** A stretch of a recording fault, in seconds from the start of the run. */
export interface Stretch {
  readonly atSec: number;
  readonly durationSec: number;
}

export interface Tunnel extends Stretch {
  /** What the speed field holds in the tunnel: nothing, or a reported zero. */
  readonly speed: 'missing' | 'zero';
}

export interface Recording {
  /**
   * `1s`: a record every second. `smart`: a record every 4–6 s (Garmin smart
   * recording). `5s`: a record every 5 s exactly (sparse recorders and apps
   * set to save battery), each holding that second's values.
   */
  readonly rate: '1s' | 'smart' | '5s';
  /** `speed-distance`: speed, distance and positions. `positions-only`: lat/lon only (some phone apps, GPX). */
  readonly fields: 'speed-distance' | 'positions-only';
  readonly cadence: boolean;
  /** `baro`: barometric, smooth and precise. `gps`: GPS altitude, metres of slow error. */
  readonly altimeter: 'baro' | 'gps' | 'none';
  /** `chest`: a strap, near exact. `optical`: wrist sensor, noisy. */
  readonly hrSensor: 'chest' | 'optical' | 'none';
}

export interface Noise {
  /** GPS speed error: an AR(1) process of this standard deviation… */
  readonly gpsSpeedSigmaMps: number;
  /** …and this correlation time. */
  readonly gpsSpeedTauSec: number;
  /** GPS position error per axis (AR(1), correlation time POSITION_TAU_SEC). */
  readonly positionSigmaM: number;
  /** Multipath: short spikes of 1.5–4 m/s extra speed (and a position jump) lasting 2–5 s. */
  readonly multipathPerHour: number;
  /** Optical heart-rate error: AR(1) standard deviation in bpm (chest straps use CHEST_HR_SIGMA_BPM). */
  readonly opticalHrSigmaBpm: number;
  /** Single readings of 0 or 255 bpm (sensor glitches). */
  readonly hrGlitchesPerHour: number;
  /** GPS lost: no positions, speed missing or zero, distance frozen, then caught up in one jump. */
  readonly tunnels: readonly Tunnel[];
  /** Heart-rate field missing (sensor out of contact). */
  readonly hrDropouts: readonly Stretch[];
  /**
   * The optical sensor reads the step rate: recorded heart rate equals the
   * step rate, whether or not the cadence field is recorded.
   */
  readonly cadenceLocks: readonly Stretch[];
  /**
   * The speed field reports the speed of this many seconds ago (a device that
   * smooths or delays it), while distance keeps up: 0 for none. Issue #19
   * saw 20–30 s on real devices.
   */
  readonly speedLagSec: number;
  /**
   * A chest strap that reads high at the start (dry electrodes pick up
   * static and muscle noise): this much above the truth at the first second…
   */
  readonly hrStartBiasBpm: number;
  /** …fading linearly to nothing over this many seconds (0: no such fault). */
  readonly hrStartBiasSec: number;
}

export interface ScenarioCeilings {
  /** The run is over when its grade-adjusted pace is faster (smaller) than this. */
  readonly paceCeilingSecPerKm: number;
  /** The run is over when true heart rate is above this. */
  readonly hrCeilingBpm: number;
}

/** Rolling hills added on top of every segment's grade: a sine in distance. */
export interface Terrain {
  readonly rollingAmplitudePct: number;
  readonly rollingWavelengthM: number;
}

export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly runner: Runner;
  /** What the run is judged against (labels), and what the alerters are given. */
  readonly ceilings: ScenarioCeilings;
  readonly segments: readonly Segment[];
  readonly terrain?: Terrain;
  readonly recording?: Partial<Recording>;
  readonly noise?: Partial<Noise>;
  /** Where the run starts; positions are a local tangent plane around it. */
  readonly origin?: { readonly latDeg: number; readonly lonDeg: number; readonly altitudeM: number };
}

/** Step-rate slope against speed; runners lengthen stride more than they quicken steps. */
export const CADENCE_PER_MPS_SPM = 8;

export const DEFAULT_RUNNER: Runner = {
  easyPaceSecPerKm: 330,
  hrRestBpm: 50,
  hrMaxBpm: 185,
  hrAtEasyPaceBpm: 138,
  hrPerMpsBpm: 28,
  hrTauSec: 40,
  driftBpmPerHour: 4,
  cadenceAtEasyPaceSpm: 170,
  paceWanderPct: 0.6,
};

/** A GPS watch at 1 Hz with a chest strap and a barometer: the friendliest recording. */
export const DEFAULT_RECORDING: Recording = {
  rate: '1s',
  fields: 'speed-distance',
  cadence: true,
  altimeter: 'baro',
  hrSensor: 'chest',
};

/** Open-sky GPS and a chest strap: some noise, no faults. */
export const DEFAULT_NOISE: Noise = {
  gpsSpeedSigmaMps: 0.1,
  gpsSpeedTauSec: 5,
  positionSigmaM: 2,
  multipathPerHour: 0,
  opticalHrSigmaBpm: 3,
  hrGlitchesPerHour: 0,
  tunnels: [],
  hrDropouts: [],
  cadenceLocks: [],
  speedLagSec: 0,
  hrStartBiasBpm: 0,
  hrStartBiasSec: 0,
};

export const DEFAULT_ORIGIN = { latDeg: 52.09, lonDeg: 5.12, altitudeM: 10 } as const;

export function recordingOf(scenario: Scenario): Recording {
  return { ...DEFAULT_RECORDING, ...scenario.recording };
}

export function noiseOf(scenario: Scenario): Noise {
  return { ...DEFAULT_NOISE, ...scenario.noise };
}

export function durationSecOf(scenario: Scenario): number {
  return scenario.segments.reduce((sum, segment) => sum + segment.durationSec, 0);
}
