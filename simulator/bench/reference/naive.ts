/**
 * The naive alerter: what a first attempt does. Pace is the mean speed over
 * the last NAIVE_WINDOW_MS (from the speed field; else recorded distance over
 * the window; else the path length of the positions over it), heart rate is
 * the latest reading, and each channel alerts every time it crosses its
 * ceiling from under to over. No smoothing beyond the window, no hold, no
 * warm-up, no grade adjustment, no plausibility checks. A missing heart-rate
 * reading leaves that channel as it was; a pause clears both.
 *
 * ```ts
 * naiveAlerts(run.inputs, { paceCeilingSecPerKm: 360, hrCeilingBpm: 140 }); // [612000, 1400000, …]
 * ```
 */
import type { Ceilings } from '../../../src/ceiling/ceiling.ts';
import type { GuardInput, Sample } from '../../../src/samples/sample.ts';
import { paceToSpeed } from '../../../src/samples/pace.ts';
import { haversineM } from '../../../src/signal/geo.ts';

export const NAIVE_WINDOW_MS = 5_000;

export type ReferenceCeilings = Pick<Ceilings, 'paceCeilingSecPerKm' | 'hrCeilingBpm'>;

interface Reading {
  readonly atMs: number;
  readonly speedMps?: number;
  readonly distanceM?: number;
  /** Path length of positions since the last pause, when this sample has a position. */
  readonly pathM?: number;
}

/**
 * Mean speed over the window starting after `startMs`: the mean of the speed
 * readings in it, else the distance or path gained since the reading just
 * before it.
 */
function meanSpeedMps(readings: readonly Reading[], startMs: number): number | undefined {
  const speeds = readings.flatMap((r) => (r.speedMps === undefined || r.atMs <= startMs ? [] : [r.speedMps]));
  if (speeds.length > 0) return speeds.reduce((a, b) => a + b, 0) / speeds.length;
  return rate(readings, (r) => r.distanceM) ?? rate(readings, (r) => r.pathM);
}

function rate(readings: readonly Reading[], metresOf: (r: Reading) => number | undefined): number | undefined {
  const known = readings.filter((r) => metresOf(r) !== undefined);
  const first = known[0];
  const last = known.at(-1);
  if (first === undefined || last === undefined || last.atMs <= first.atMs) return undefined;
  return ((metresOf(last) ?? 0) - (metresOf(first) ?? 0)) / ((last.atMs - first.atMs) / 1000);
}

export function naiveAlerts(inputs: Iterable<GuardInput>, ceilings: ReferenceCeilings): number[] {
  const ceilingSpeedMps =
    ceilings.paceCeilingSecPerKm === undefined ? undefined : paceToSpeed(ceilings.paceCeilingSecPerKm);
  const alertsMs: number[] = [];
  let readings: Reading[] = [];
  let lastPosition: Sample | undefined;
  let pathM = 0;
  let paceOver = false;
  let hrOver = false;

  for (const input of inputs) {
    if (input.kind === 'pause' || input.kind === 'resume') {
      readings = [];
      lastPosition = undefined;
      paceOver = false;
      hrOver = false;
      continue;
    }
    if (input.kind !== 'sample') continue;

    let reading: Reading = { atMs: input.atMs };
    if (input.speedMps !== undefined) reading = { ...reading, speedMps: input.speedMps };
    if (input.distanceM !== undefined) reading = { ...reading, distanceM: input.distanceM };
    if (input.latDeg !== undefined && input.lonDeg !== undefined) {
      if (lastPosition?.latDeg !== undefined && lastPosition.lonDeg !== undefined) {
        pathM += haversineM(lastPosition.latDeg, lastPosition.lonDeg, input.latDeg, input.lonDeg);
      }
      lastPosition = input;
      reading = { ...reading, pathM };
    }
    // Keep the window plus the reading just before it, so that sparse (smart) recordings still have a span.
    readings.push(reading);
    const startMs = input.atMs - NAIVE_WINDOW_MS;
    while (readings.length > 2 && (readings[1]?.atMs ?? Infinity) <= startMs) readings.shift();

    if (ceilingSpeedMps !== undefined) {
      const speedMps = meanSpeedMps(readings, startMs);
      if (speedMps !== undefined) {
        const over = speedMps > ceilingSpeedMps;
        if (over && !paceOver) alertsMs.push(input.atMs);
        paceOver = over;
      }
    }
    if (ceilings.hrCeilingBpm !== undefined && input.hrBpm !== undefined) {
      const over = input.hrBpm > ceilings.hrCeilingBpm;
      if (over && !hrOver) alertsMs.push(input.atMs);
      hrOver = over;
    }
  }
  return alertsMs;
}
