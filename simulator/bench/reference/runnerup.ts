/**
 * An alerter after RunnerUp's target trigger (jonasoreland/runnerup,
 * app/src/main/org/runnerup/workout/TargetTrigger.java, with the defaults of
 * WorkoutBuilder: moving average 20 s, grace 30 s). One trigger per ceiling,
 * each ticked once a second of the recording's time:
 *
 * - every tick adds one value per elapsed second to a ring of the last
 *   RUNNERUP_WINDOW_SEC values; pace is time over distance since the tick
 *   RUNNERUP_WINDOW_SEC ticks ago (distance: the recorded one, else the path
 *   length of the positions, else integrated speed), heart rate is the latest
 *   reading;
 * - the judged value is the trimmed mean of the ring: 5 % of the values
 *   dropped at each end (one of twenty: the minimum and the maximum);
 * - after RUNNERUP_INITIAL_GRACE_SEC from the start or a resume, the trigger
 *   compares on one tick, then waits RUNNERUP_GRACE_SEC before the next
 *   comparison, whatever it found: over → alert, so an overshoot is re-alerted
 *   every 30 s.
 *
 * RunnerUp's ranges have both ends; here only the ceiling counts (faster pace or
 * higher heart rate is out of range). Nothing is grade-adjusted.
 */
import type { GuardInput } from '../../../src/samples/sample.ts';
import { haversineM } from '../../../src/signal/geo.ts';
import type { ReferenceCeilings } from './naive.ts';

export const RUNNERUP_WINDOW_SEC = 20;
export const RUNNERUP_INITIAL_GRACE_SEC = 20;
export const RUNNERUP_GRACE_SEC = 30;
/** TargetTrigger drops this share of values at each end of the sorted ring. */
const TRIM_PERCENT = 5;

interface TargetTrigger {
  /** One tick; true when the trigger fires. `value` undefined: the measurement is not available yet. */
  tick(nowSec: number, value: number | undefined): boolean;
  reset(): void;
}

/** `isOut(value)`: the trimmed mean is out of range. */
function targetTrigger(isOut: (value: number) => boolean): TargetTrigger {
  let ring: number[] = [];
  let count = 0;
  let graceSec = RUNNERUP_INITIAL_GRACE_SEC;
  let lastTickSec: number | undefined;

  const trimmedMean = (): number => {
    const sorted = ring.slice(0, Math.min(count, RUNNERUP_WINDOW_SEC)).sort((a, b) => a - b);
    const skip = Math.floor((TRIM_PERCENT * sorted.length) / 100);
    const kept = sorted.slice(skip, sorted.length - skip);
    return kept.reduce((a, b) => a + b, 0) / kept.length;
  };

  return {
    reset() {
      ring = [];
      count = 0;
      graceSec = RUNNERUP_INITIAL_GRACE_SEC;
      lastTickSec = undefined;
    },
    tick(nowSec, value) {
      if (value === undefined) return false;
      if (lastTickSec === undefined) {
        lastTickSec = nowSec;
        return false;
      }
      const elapsedSec = Math.floor(nowSec - lastTickSec);
      if (elapsedSec < 1) return false;
      lastTickSec = nowSec;
      for (let i = 0; i < elapsedSec; i += 1) {
        ring[count % RUNNERUP_WINDOW_SEC] = value;
        count += 1;
      }
      if (graceSec > 0) {
        graceSec -= elapsedSec;
        return false;
      }
      graceSec = RUNNERUP_GRACE_SEC;
      return isOut(trimmedMean());
    },
  };
}

/** The distance a phone app would show: recorded, else positions' path, else integrated speed. */
function distanceTracker() {
  let recordedM: number | undefined;
  let pathM = 0;
  let havePath = false;
  let lastPosition: { latDeg: number; lonDeg: number } | undefined;
  let integratedM = 0;
  let haveSpeed = false;
  let lastSpeed: { atMs: number; speedMps: number } | undefined;
  return {
    add(input: GuardInput): void {
      if (input.kind === 'pause' || input.kind === 'resume') {
        lastPosition = undefined;
        lastSpeed = undefined;
        return;
      }
      if (input.kind !== 'sample') return;
      if (input.distanceM !== undefined) recordedM = input.distanceM;
      if (input.latDeg !== undefined && input.lonDeg !== undefined) {
        if (lastPosition !== undefined) pathM += haversineM(lastPosition.latDeg, lastPosition.lonDeg, input.latDeg, input.lonDeg);
        lastPosition = { latDeg: input.latDeg, lonDeg: input.lonDeg };
        havePath = true;
      }
      if (input.speedMps !== undefined) {
        if (lastSpeed !== undefined) integratedM += (lastSpeed.speedMps * (input.atMs - lastSpeed.atMs)) / 1000;
        lastSpeed = { atMs: input.atMs, speedMps: input.speedMps };
        haveSpeed = true;
      }
    },
    distanceM(): number | undefined {
      if (recordedM !== undefined) return recordedM;
      if (havePath) return pathM;
      return haveSpeed ? integratedM : undefined;
    },
  };
}

/** Pace (s/m) over the last RUNNERUP_WINDOW_SEC ticks, as TargetTrigger.getMeasurement computes it. */
function windowPace() {
  let ring: { sec: number; metres: number }[] = [];
  return {
    reset(): void {
      ring = [];
    },
    measure(nowSec: number, metres: number | undefined): number | undefined {
      if (metres === undefined) return undefined;
      // The oldest kept entry is RUNNERUP_WINDOW_SEC ticks back, as in RunnerUp's ring.
      ring.push({ sec: nowSec, metres });
      if (ring.length > RUNNERUP_WINDOW_SEC + 1) ring.shift();
      const oldest = ring[0];
      // The first tick only starts the trigger (TargetTrigger.initMeasurement); its value is never used.
      if (oldest === undefined || ring.length < 2) return Infinity;
      // Frozen distance gives an infinite pace: slow, in range, as in Java's double division.
      return (nowSec - oldest.sec) / (metres - oldest.metres);
    },
  };
}

export function runnerUpAlerts(inputs: Iterable<GuardInput>, ceilings: ReferenceCeilings): number[] {
  const { paceCeilingSecPerKm, hrCeilingBpm } = ceilings;
  const paceTrigger = targetTrigger((secPerM) => paceCeilingSecPerKm !== undefined && secPerM * 1000 < paceCeilingSecPerKm);
  const hrTrigger = targetTrigger((bpm) => hrCeilingBpm !== undefined && bpm > hrCeilingBpm);
  const pace = windowPace();
  const distance = distanceTracker();
  const alertsMs: number[] = [];
  let latestHrBpm: number | undefined;
  let paused = false;
  let nextTickMs: number | undefined;

  const tickUntil = (untilMs: number): void => {
    while (nextTickMs !== undefined && nextTickMs <= untilMs) {
      const nowSec = nextTickMs / 1000;
      const paceFires = paceTrigger.tick(nowSec, pace.measure(nowSec, distance.distanceM()));
      const hrFires = hrTrigger.tick(nowSec, latestHrBpm);
      if (paceFires || hrFires) alertsMs.push(nextTickMs);
      nextTickMs += 1000;
    }
  };

  for (const input of inputs) {
    if (!paused) tickUntil(input.atMs - 1);
    distance.add(input);
    if (input.kind === 'pause') {
      paused = true;
      nextTickMs = undefined;
      continue;
    }
    if (input.kind === 'resume') {
      paused = false;
      paceTrigger.reset();
      hrTrigger.reset();
      pace.reset();
      nextTickMs = input.atMs;
      continue;
    }
    if (input.kind !== 'sample') continue;
    if (input.hrBpm !== undefined) latestHrBpm = input.hrBpm;
    nextTickMs ??= input.atMs;
    if (!paused) tickUntil(input.atMs);
  }
  return alertsMs;
}
