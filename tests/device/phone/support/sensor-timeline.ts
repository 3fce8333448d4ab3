import type { GuardInput } from '../../../../src/samples/sample.ts';
import { encodeHeartRate, encodeRsc } from '../../../../device/phone/src/gatt/encode.ts';

/**
 * What the stand-in sensors send for a recorded run: per FIT sample, at its
 * time since the first sample, a Heart Rate Measurement notification (when the
 * sample has heart rate), an RSC Measurement notification (when it has
 * cadence: speed, cadence and total distance as a footpod sends them), and a
 * position fix (when it has a position: latitude, longitude, altitude, speed).
 * Real GATT bytes, made by device/phone/src/gatt/encode.ts.
 */
export interface SensorTick {
  /** Time since the first sample, ms. */
  readonly tMs: number;
  readonly hr?: readonly number[];
  readonly rsc?: readonly number[];
  readonly gps?: { readonly latDeg: number; readonly lonDeg: number; readonly altitudeM: number | null; readonly speedMps: number | null };
}

export function sensorTimeline(inputs: readonly GuardInput[]): SensorTick[] {
  const first = inputs[0];
  if (first === undefined) return [];
  const ticks: SensorTick[] = [];
  for (const input of inputs) {
    if (input.kind !== 'sample') continue;
    ticks.push({
      tMs: input.atMs - first.atMs,
      ...(input.hrBpm !== undefined ? { hr: [...encodeHeartRate({ hrBpm: input.hrBpm, contact: true })] } : {}),
      ...(input.cadenceSpm !== undefined
        ? {
            rsc: [
              ...encodeRsc({
                speedMps: input.speedMps ?? 0,
                cadenceSpm: input.cadenceSpm,
                ...(input.distanceM !== undefined ? { totalDistanceM: input.distanceM } : {}),
              }),
            ],
          }
        : {}),
      ...(input.latDeg !== undefined && input.lonDeg !== undefined
        ? { gps: { latDeg: input.latDeg, lonDeg: input.lonDeg, altitudeM: input.altitudeM ?? null, speedMps: input.speedMps ?? null } }
        : {}),
    });
  }
  return ticks;
}
