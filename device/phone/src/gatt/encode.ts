import { RR_UNITS_PER_SECOND } from './heart-rate.ts';
import { RSC_DISTANCE_UNITS_PER_M, RSC_SPEED_UNITS_PER_MPS, RSC_STRIDE_UNITS_PER_M } from './rsc.ts';

/**
 * What a sensor sends: the inverse of heart-rate.ts and rsc.ts, for the
 * tests' stand-in sensors (tests/device/phone) and the decoders' round-trip
 * tests. Values are rounded to the field's resolution and clamped to its
 * range, as firmware would; the decoders are checked against hand-written
 * byte vectors, so these cannot hide a shared mistake.
 */

export interface HeartRateToSend {
  readonly hrBpm: number;
  /** Omitted: the sensor does not report contact. */
  readonly contact?: boolean;
  readonly energyExpendedKj?: number;
  readonly rrIntervalsMs?: readonly number[];
  /** Send the value as uint16 even when it fits a byte. */
  readonly wide?: boolean;
}

export function encodeHeartRate(m: HeartRateToSend): Uint8Array {
  const hr = clamp(Math.round(m.hrBpm), 0xffff);
  const wide = m.wide === true || hr > 0xff;
  const bytes: number[] = [0];
  let flags = wide ? 0x01 : 0;
  if (m.contact !== undefined) flags |= m.contact ? 0x06 : 0x04;
  if (wide) bytes.push(hr & 0xff, hr >> 8);
  else bytes.push(hr);
  if (m.energyExpendedKj !== undefined) {
    flags |= 0x08;
    pushUint16(bytes, m.energyExpendedKj);
  }
  if (m.rrIntervalsMs !== undefined && m.rrIntervalsMs.length > 0) {
    flags |= 0x10;
    for (const rrMs of m.rrIntervalsMs) pushUint16(bytes, (rrMs * RR_UNITS_PER_SECOND) / 1000);
  }
  bytes[0] = flags;
  return Uint8Array.from(bytes);
}

export interface RscToSend {
  readonly speedMps: number;
  readonly cadenceSpm: number;
  readonly running?: boolean;
  readonly strideLengthM?: number;
  readonly totalDistanceM?: number;
}

export function encodeRsc(m: RscToSend): Uint8Array {
  const bytes: number[] = [0];
  let flags = m.running === false ? 0 : 0x04;
  pushUint16(bytes, m.speedMps * RSC_SPEED_UNITS_PER_MPS);
  bytes.push(clamp(Math.round(m.cadenceSpm), 0xff));
  if (m.strideLengthM !== undefined) {
    flags |= 0x01;
    pushUint16(bytes, m.strideLengthM * RSC_STRIDE_UNITS_PER_M);
  }
  if (m.totalDistanceM !== undefined) {
    flags |= 0x02;
    const dm = clamp(Math.round(m.totalDistanceM * RSC_DISTANCE_UNITS_PER_M), 0xffffffff);
    bytes.push(dm & 0xff, (dm >>> 8) & 0xff, (dm >>> 16) & 0xff, (dm >>> 24) & 0xff);
  }
  bytes[0] = flags;
  return Uint8Array.from(bytes);
}

function pushUint16(bytes: number[], value: number): void {
  const v = clamp(Math.round(value), 0xffff);
  bytes.push(v & 0xff, v >> 8);
}

function clamp(value: number, max: number): number {
  return Math.min(max, Math.max(0, Number.isFinite(value) ? value : 0));
}
