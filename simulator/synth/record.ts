/**
 * The recording layer: what a watch or phone writes down while the truth
 * happens. Noise models, each in its own random stream:
 *
 * - GPS speed: true speed plus an AR(1) error (`gpsSpeedSigmaMps`,
 *   `gpsSpeedTauSec`) and a little white noise; a speed is a magnitude, so an
 *   error below zero is reflected (GPS drift reads as slow motion when standing).
 * - Distance: the reported speed, integrated (as watches do from their filtered
 *   GPS), so it inherits speed's noise and spikes.
 * - Positions: true position plus an AR(1) error per axis (`positionSigmaM`,
 *   POSITION_TAU_SEC) and white noise.
 * - Multipath: Poisson spikes of 1.5–4 m/s extra speed for 2–5 s; the position
 *   makes the matching excursion out and back, and distance keeps the extra.
 * - Tunnels: no positions; speed missing or reported as zero; distance frozen,
 *   then caught up in one jump at the exit (95–100 % of the true distance).
 * - Altitude: barometric (decimetres of slow error) or GPS (metres), in the
 *   0.2 m steps FIT stores.
 * - Heart rate: chest strap (CHEST_HR_SIGMA_BPM) or optical (`opticalHrSigmaBpm`,
 *   OPTICAL_HR_TAU_SEC) error; dropouts (field missing); cadence lock (heart
 *   rate reads the recorded step rate); single 0 or 255 glitches.
 * - Cadence: true step rate plus a little noise, whole steps per minute.
 * - Timer: a stop with `timer: 'auto-pause'` pauses once the runner is below
 *   AUTO_PAUSE_SPEED_MPS and resumes when the next segment starts; no samples
 *   while paused.
 * - Rate: a sample every second, (smart recording) every 4–6 s, or every 5 s
 *   exactly, holding the values of that second.
 * - Speed lag: the speed field reports the speed of `speedLagSec` ago (its
 *   first seconds hold the first speed); distance integrates the undelayed one.
 * - Strap start bias: heart rate reads `hrStartBiasBpm` high at the start,
 *   fading linearly to nothing over `hrStartBiasSec`.
 * - Positions-only recordings keep lat/lon (and altitude, heart rate, cadence)
 *   and drop the speed and distance fields.
 *
 * Calibration against the real runs in ../shared/corpus (1 Hz stretches over
 * 2 m/s; deviation of the 1 s reading, and of the 10 s median, from the
 * centred 31 s mean; real figures include true pace changes, so they are upper
 * bounds on noise):
 *
 * | speed from                  | 1 s reading sd, m/s  | 10 s median sd, m/s  |
 * |-----------------------------|----------------------|----------------------|
 * | FIT speed, 12 runs          | 0.03–0.36, mid 0.13  | 0.04–0.36, mid 0.12  |
 * | synth default               | 0.09                 | 0.06                 |
 * | synth σ 0.3 m/s, τ 10 s     | 0.21                 | 0.16                 |
 * | TCX positions, 6 runs       | 0.23–2.7, mid 0.65   | 0.14–1.0, mid 0.26   |
 * | synth positions, σ 3–5 m    | 0.9–1.5              | 0.27–0.50            |
 *
 * So the default speed noise is a good watch under open sky, `gpsSpeedSigmaMps`
 * 0.3 a typical-to-poor one, and positions at 3–5 m a typical-to-poor phone.
 */
import { EARTH_RADIUS_M } from '../../src/signal/geo.ts';
import type { GuardInput, Sample } from '../../src/samples/sample.ts';
import type { TruthSecond } from './physics.ts';
import { ar1, gaussian, poissonTimesSec, stream, uniform, uniformInt } from './random.ts';
import { DEFAULT_ORIGIN, noiseOf, recordingOf, type Scenario, type Stretch } from './scenario.ts';

export const WHITE_SPEED_SIGMA_MPS = 0.03;
export const POSITION_TAU_SEC = 20;
export const WHITE_POSITION_SIGMA_M = 0.5;
const BARO_SIGMA_M = 0.3;
const BARO_TAU_SEC = 120;
const GPS_ALTITUDE_SIGMA_M = 4;
const GPS_ALTITUDE_TAU_SEC = 60;
const WHITE_ALTITUDE_SIGMA_M = 0.1;
/** FIT stores altitude in 0.2 m steps (scale 5). */
const ALTITUDE_STEPS_PER_M = 5;
export const CHEST_HR_SIGMA_BPM = 0.7;
const CHEST_HR_TAU_SEC = 5;
export const OPTICAL_HR_TAU_SEC = 15;
const WHITE_OPTICAL_HR_SIGMA_BPM = 1;
const CADENCE_SIGMA_SPM = 1.5;
export const AUTO_PAUSE_SPEED_MPS = 0.5;
const SMART_MIN_INTERVAL_SEC = 4;
const SMART_MAX_INTERVAL_SEC = 6;
const SPARSE_INTERVAL_SEC = 5;

type MutableSample = { -readonly [K in keyof Sample]: Sample[K] };

/** Rounds to `decimals` places; dividing by a power of ten gives the double nearest the decimal. */
function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

function maskOf(count: number, stretches: readonly Stretch[]): boolean[] {
  const mask = new Array<boolean>(count).fill(false);
  for (const { atSec, durationSec } of stretches) mask.fill(true, Math.max(0, atSec), Math.min(count, atSec + durationSec));
  return mask;
}

interface Spike {
  readonly atSec: number;
  readonly durationSec: number;
  readonly extraMps: number;
  readonly bearingRad: number;
}

/** Extra speed, and the position excursion (out and back) that goes with it, second by second. */
function multipathChannels(count: number, spikes: readonly Spike[]) {
  const extraMps = new Array<number>(count).fill(0);
  const offsetEastM = new Array<number>(count).fill(0);
  const offsetNorthM = new Array<number>(count).fill(0);
  for (const spike of spikes) {
    for (let k = 0; k < spike.durationSec; k += 1) {
      const t = spike.atSec + k;
      if (t >= count) break;
      const outM = spike.extraMps * Math.min(k + 1, spike.durationSec - k - 1);
      extraMps[t] = (extraMps[t] ?? 0) + spike.extraMps;
      offsetEastM[t] = (offsetEastM[t] ?? 0) + outM * Math.sin(spike.bearingRad);
      offsetNorthM[t] = (offsetNorthM[t] ?? 0) + outM * Math.cos(spike.bearingRad);
    }
  }
  return { extraMps, offsetEastM, offsetNorthM };
}

/** A strap's start bias `t` seconds in: `biasBpm` at 0, fading linearly to 0 at `overSec`. */
function startBiasBpm(biasBpm: number, overSec: number, t: number): number {
  return overSec > 0 && t < overSec ? biasBpm * (1 - t / overSec) : 0;
}

/**
 * Records `truth` (simulated from `scenario`) as a device would. Deterministic
 * in (truth, scenario, seed); uses only the recording's random streams.
 */
export function recordRun(truth: readonly TruthSecond[], scenario: Scenario, seed: number): GuardInput[] {
  const recording = recordingOf(scenario);
  const noise = noiseOf(scenario);
  const origin = scenario.origin ?? DEFAULT_ORIGIN;
  const count = truth.length;

  const tunnelAt = new Array<'missing' | 'zero' | undefined>(count).fill(undefined);
  for (const tunnel of noise.tunnels) {
    for (let t = Math.max(0, tunnel.atSec); t < Math.min(count, tunnel.atSec + tunnel.durationSec); t += 1) {
      tunnelAt[t] = tunnel.speed;
    }
  }
  const hrMissing = maskOf(count, noise.hrDropouts);
  const cadenceLocked = maskOf(count, noise.cadenceLocks);

  const spikeRandom = stream(seed, 'multipath');
  const spikes = poissonTimesSec(spikeRandom, noise.multipathPerHour, count).map(
    (atSec): Spike => ({
      atSec,
      durationSec: uniformInt(spikeRandom, 2, 5),
      extraMps: uniform(spikeRandom, 1.5, 4),
      bearingRad: uniform(spikeRandom, 0, 2 * Math.PI),
    }),
  );
  const multipath = multipathChannels(count, spikes);

  const glitchRandom = stream(seed, 'hr-glitch');
  const glitchBpm = new Map<number, number>();
  for (const atSec of poissonTimesSec(glitchRandom, noise.hrGlitchesPerHour, count)) {
    glitchBpm.set(atSec, glitchRandom() < 0.5 ? 0 : 255);
  }

  const speedRandom = stream(seed, 'gps-speed');
  const speedError = ar1(speedRandom, noise.gpsSpeedSigmaMps, noise.gpsSpeedTauSec);
  const positionRandom = stream(seed, 'gps-position');
  const eastError = ar1(positionRandom, noise.positionSigmaM, POSITION_TAU_SEC);
  const northError = ar1(positionRandom, noise.positionSigmaM, POSITION_TAU_SEC);
  const altitudeRandom = stream(seed, 'altitude');
  const altitudeError =
    recording.altimeter === 'gps'
      ? ar1(altitudeRandom, GPS_ALTITUDE_SIGMA_M, GPS_ALTITUDE_TAU_SEC)
      : ar1(altitudeRandom, BARO_SIGMA_M, BARO_TAU_SEC);
  const hrRandom = stream(seed, 'hr');
  const hrError =
    recording.hrSensor === 'optical'
      ? ar1(hrRandom, noise.opticalHrSigmaBpm, OPTICAL_HR_TAU_SEC)
      : ar1(hrRandom, CHEST_HR_SIGMA_BPM, CHEST_HR_TAU_SEC);
  const hrWhiteSigmaBpm = recording.hrSensor === 'optical' ? WHITE_OPTICAL_HR_SIGMA_BPM : 0;
  const cadenceRandom = stream(seed, 'cadence');
  const tunnelRandom = stream(seed, 'tunnel');
  const rateRandom = stream(seed, 'rate');

  const latScale = 180 / Math.PI / EARTH_RADIUS_M;
  const lonScale = latScale / Math.cos((origin.latDeg * Math.PI) / 180);

  const inputs: GuardInput[] = [];
  let deviceDistanceM = 0;
  let tunnelTrueDistanceM = 0;
  let paused = false;
  let nextSampleSec = 0;
  /** Reported speeds (undefined in a tunnel), one per second, for the lagging speed field. */
  const reportedSpeedsMps: (number | undefined)[] = [];

  for (let t = 0; t < count; t += 1) {
    const truthNow = truth[t];
    if (truthNow === undefined) break;
    // Every generator advances every second, used or not, so streams stay aligned.
    const speedNoiseMps = speedError() + WHITE_SPEED_SIGMA_MPS * gaussian(speedRandom);
    const eastNoiseM = eastError() + WHITE_POSITION_SIGMA_M * gaussian(positionRandom);
    const northNoiseM = northError() + WHITE_POSITION_SIGMA_M * gaussian(positionRandom);
    const altitudeNoiseM = altitudeError() + WHITE_ALTITUDE_SIGMA_M * gaussian(altitudeRandom);
    const hrNoiseBpm = hrError() + hrWhiteSigmaBpm * gaussian(hrRandom);
    const cadenceNoiseSpm = CADENCE_SIGMA_SPM * gaussian(cadenceRandom);

    const segment = scenario.segments[truthNow.segment];
    const shouldPause =
      segment?.kind === 'stop' && segment.timer === 'auto-pause' && truthNow.speedMps < AUTO_PAUSE_SPEED_MPS;
    if (shouldPause !== paused) {
      paused = shouldPause;
      inputs.push({ kind: paused ? 'pause' : 'resume', atMs: truthNow.atMs });
      nextSampleSec = t;
    }
    if (paused) continue;

    const tunnel = tunnelAt[t];
    const trueStepM = truthNow.speedMps; // one second at this speed
    let speedMps: number | undefined;
    if (tunnel === undefined) {
      speedMps = Math.abs(truthNow.speedMps + speedNoiseMps + (multipath.extraMps[t] ?? 0));
      if (tunnelTrueDistanceM > 0) {
        deviceDistanceM += tunnelTrueDistanceM * uniform(tunnelRandom, 0.95, 1);
        tunnelTrueDistanceM = 0;
      }
      deviceDistanceM += speedMps;
    } else {
      speedMps = tunnel === 'zero' ? 0 : undefined;
      tunnelTrueDistanceM += trueStepM;
    }
    // The speed field may lag what distance integrates; no random draw, so streams stay aligned.
    reportedSpeedsMps.push(speedMps);
    const speedFieldMps =
      noise.speedLagSec > 0 ? reportedSpeedsMps[Math.max(0, reportedSpeedsMps.length - 1 - noise.speedLagSec)] : speedMps;

    const cadenceSpm = Math.max(0, Math.round(truthNow.cadenceSpm + (truthNow.cadenceSpm > 0 ? cadenceNoiseSpm : 0)));
    let hrBpm: number | undefined;
    if (recording.hrSensor !== 'none' && !hrMissing[t]) {
      const glitch = glitchBpm.get(t);
      if (glitch !== undefined) hrBpm = glitch;
      else if (cadenceLocked[t] && cadenceSpm > 0) hrBpm = cadenceSpm;
      else hrBpm = Math.round(truthNow.hrBpm + hrNoiseBpm + startBiasBpm(noise.hrStartBiasBpm, noise.hrStartBiasSec, t));
    }

    if (t < nextSampleSec) continue;
    nextSampleSec =
      recording.rate === 'smart'
        ? t + uniformInt(rateRandom, SMART_MIN_INTERVAL_SEC, SMART_MAX_INTERVAL_SEC)
        : t + (recording.rate === '5s' ? SPARSE_INTERVAL_SEC : 1);

    const sample: MutableSample = { kind: 'sample', atMs: truthNow.atMs };
    if (hrBpm !== undefined) sample.hrBpm = hrBpm;
    if (recording.fields === 'speed-distance') {
      if (speedFieldMps !== undefined) sample.speedMps = roundTo(speedFieldMps, 3);
      sample.distanceM = roundTo(deviceDistanceM, 2);
    }
    if (tunnel === undefined) {
      const eastM = truthNow.eastM + eastNoiseM + (multipath.offsetEastM[t] ?? 0);
      const northM = truthNow.northM + northNoiseM + (multipath.offsetNorthM[t] ?? 0);
      sample.latDeg = roundTo(origin.latDeg + northM * latScale, 7);
      sample.lonDeg = roundTo(origin.lonDeg + eastM * lonScale, 7);
    }
    if (recording.altimeter !== 'none') {
      sample.altitudeM = Math.round((truthNow.altitudeM + altitudeNoiseM) * ALTITUDE_STEPS_PER_M) / ALTITUDE_STEPS_PER_M;
    }
    if (recording.cadence) sample.cadenceSpm = cadenceSpm;
    inputs.push(sample);
  }
  return inputs;
}
