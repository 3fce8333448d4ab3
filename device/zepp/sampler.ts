/**
 * The sensor adapter: sensor callbacks in, guard inputs out. Platform-free:
 * the watch code reads the clock and passes times in; nothing here reads one.
 *
 * Callbacks arrive one channel at a time (heart rate, GPS fix, the workout's
 * speed, distance, cadence and altitude, its timer). Between two ticks of
 * the watch's 1 Hz sampling clock the latest reading of each channel is kept;
 * at the tick they become one `Sample`, dated at the tick, as a watch records
 * one record a second. A tick with no reading gives no sample.
 *
 *   hr ──h───────h────────h──
 *   gps ───g─────────g───────
 *   tick ────T───────T───────T
 *   out  ────s(h,g)──s(h,g)──s(h)
 *
 * Faults are filtered here only where src/ cannot see them: a value that is
 * not a finite number (NaN from a parsed string, undefined from a missing
 * API) is no reading, a GPS fix off the globe is no fix, and a reading
 * repeated before the tick replaces the one before (duplicated callbacks).
 * Everything a number can still get wrong (heart rate 0 or 255, GPS jumps,
 * speed spikes) goes through as it is: src/signal rejects it exactly as it
 * does in a replay, so the watch and the replay agree.
 *
 * Pause and resume: the workout's own timer (its duration in whole seconds)
 * stops while the run is paused. A tick at which it has not advanced since
 * the last one says the run paused at the last tick; while paused, the tick's
 * sample is held back one tick, and a timer that has advanced again says the
 * run resumed at the held sample, so the resume comes before it, as a FIT
 * replay has it (src/fit/timeline.ts: a resume before the sample of its
 * second, a pause after it).
 */
import type { GuardInput, Sample } from '../../src/samples/sample.ts';

/** One reading of the workout app's own data, in SI units (watch-units.ts converts). */
export interface WorkoutReading {
  readonly speedMps?: number;
  readonly distanceM?: number;
  readonly cadenceSpm?: number;
  readonly altitudeM?: number;
}

interface Pending {
  hrBpm?: number;
  speedMps?: number;
  distanceM?: number;
  latDeg?: number;
  lonDeg?: number;
  altitudeM?: number;
  cadenceSpm?: number;
}

export interface Sampler {
  heartRate(hrBpm: unknown): void;
  position(latDeg: unknown, lonDeg: unknown): void;
  workout(reading: WorkoutReading): void;
  /** The 1 Hz tick: the sample of the readings since the last tick, with any pause or resume, in order. */
  tick(atMs: number, workoutTimerSec: number | undefined): GuardInput[];
  /** The run ended: whatever is held back. */
  finish(): GuardInput[];
  readonly paused: boolean;
}

export function createSampler(): Sampler {
  let pending: Pending = {};
  let hasPending = false;
  let lastTickAtMs: number | undefined;
  let lastTimerSec: number | undefined;
  let paused = false;
  let held: Sample | undefined;

  const put = <K extends keyof Pending>(key: K, value: unknown): void => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return;
    pending[key] = value;
    hasPending = true;
  };

  return {
    get paused() {
      return paused;
    },
    heartRate(hrBpm) {
      put('hrBpm', hrBpm);
    },
    position(latDeg, lonDeg) {
      if (typeof latDeg !== 'number' || typeof lonDeg !== 'number') return;
      if (!(Math.abs(latDeg) <= 90 && Math.abs(lonDeg) <= 180)) return;
      // (0, 0) is what a receiver without a fix reports on some firmware.
      if (latDeg === 0 && lonDeg === 0) return;
      put('latDeg', latDeg);
      put('lonDeg', lonDeg);
    },
    workout(reading) {
      put('speedMps', reading.speedMps);
      put('distanceM', reading.distanceM);
      put('cadenceSpm', reading.cadenceSpm);
      put('altitudeM', reading.altitudeM);
    },
    tick(tickAtMs, workoutTimerSec) {
      // The watch clock can step back (time zone, sync): event time never does.
      const atMs = lastTickAtMs !== undefined && tickAtMs < lastTickAtMs ? lastTickAtMs : tickAtMs;
      const sample: Sample | undefined = hasPending ? { kind: 'sample', atMs, ...pending } : undefined;
      pending = {};
      hasPending = false;
      const timer = typeof workoutTimerSec === 'number' && Number.isFinite(workoutTimerSec) ? workoutTimerSec : undefined;
      const previousTickAtMs = lastTickAtMs;
      const previousTimerSec = lastTimerSec;
      lastTickAtMs = atMs;
      if (timer !== undefined) lastTimerSec = timer;
      const out: GuardInput[] = [];
      // No timer (not in a workout, or the API failed): never paused.
      const known = timer !== undefined && previousTimerSec !== undefined && previousTickAtMs !== undefined;
      const advanced = !known || timer !== previousTimerSec;
      if (!paused) {
        if (!advanced && previousTickAtMs !== undefined) {
          out.push({ kind: 'pause', atMs: previousTickAtMs });
          paused = true;
          held = sample;
        } else if (sample !== undefined) {
          out.push(sample);
        }
        return out;
      }
      if (advanced) {
        const advancedMs = known ? Math.max(0, (timer - previousTimerSec) * 1000) : 0;
        const resumeAtMs = Math.max(previousTickAtMs ?? atMs, atMs - advancedMs);
        out.push({ kind: 'resume', atMs: held !== undefined ? Math.min(held.atMs, resumeAtMs) : resumeAtMs });
        if (held !== undefined) out.push(held);
        if (sample !== undefined) out.push(sample);
        held = undefined;
        paused = false;
        return out;
      }
      if (held !== undefined) out.push(held);
      held = sample;
      return out;
    },
    finish() {
      const out: GuardInput[] = held !== undefined ? [held] : [];
      held = undefined;
      return out;
    },
  };
}
