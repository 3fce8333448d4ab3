/**
 * Heart Rate Measurement (characteristic 0x2A37 of the Heart Rate service
 * 0x180D), decoded byte for byte as the Bluetooth GATT Specification
 * Supplement describes it. Little-endian throughout.
 *
 *   byte 0      flags
 *                 bit 0    heart-rate value format: 0 uint8, 1 uint16
 *                 bits 1-2 sensor contact: 0b0x not supported, 0b10 supported
 *                          but no contact, 0b11 supported and in contact
 *                 bit 3    energy expended present (uint16, kJ)
 *                 bit 4    RR intervals present (uint16 each, 1/1024 s)
 *                 bits 5-7 reserved: ignored, as the specification asks
 *   then        heart rate (uint8 or uint16, bpm)
 *   then        energy expended (uint16 kJ), if flagged
 *   then        RR intervals, two bytes each, to the end, if flagged
 *
 * A sensor fault is a value, not an exception: an empty, short or odd-length
 * payload comes back as `{ status: 'truncated' | 'malformed', reason }` and
 * the caller skips it. The guard itself cleans implausible values (0, 255).
 *
 * @example
 * decodeHeartRate(new Uint8Array([0x16, 0x8c, 0x00, 0x04]))
 * // → { status: 'ok', hrBpm: 140, contact: 'in-contact', rrIntervalsMs: [1000] }
 */
import { uint16le } from './little-endian.ts';

export type SensorContact = 'not-supported' | 'no-contact' | 'in-contact';

export interface HeartRateMeasurement {
  readonly status: 'ok';
  readonly hrBpm: number;
  readonly contact: SensorContact;
  /** Cumulative energy since the sensor's last reset, kJ; absent when not sent. */
  readonly energyExpendedKj?: number;
  /** Beat-to-beat intervals in this notification, oldest first, ms (from 1/1024 s). */
  readonly rrIntervalsMs: readonly number[];
}

export interface GattFault {
  /** `truncated`: shorter than its own flags promise; `malformed`: bytes that cannot be read as the specification lays them out. */
  readonly status: 'truncated' | 'malformed';
  readonly reason: string;
}

export type HeartRateResult = HeartRateMeasurement | GattFault;

export const HEART_RATE_SERVICE = 0x180d;
export const HEART_RATE_MEASUREMENT = 0x2a37;

/** RR intervals are sent in units of 1/1024 s. */
export const RR_UNITS_PER_SECOND = 1024;

const FLAG_UINT16 = 0x01;
const FLAG_CONTACT_DETECTED = 0x02;
const FLAG_CONTACT_SUPPORTED = 0x04;
const FLAG_ENERGY = 0x08;
const FLAG_RR = 0x10;

/** Decodes one notification. Never throws. */
export function decodeHeartRate(payload: Uint8Array): HeartRateResult {
  const flags = payload[0];
  if (flags === undefined) return { status: 'truncated', reason: 'empty payload: no flags byte' };
  const wide = (flags & FLAG_UINT16) !== 0;
  let offset = 1;

  const hrBytes = wide ? 2 : 1;
  if (payload.length < offset + hrBytes) {
    return { status: 'truncated', reason: `flags say a ${wide ? 'uint16' : 'uint8'} heart rate, but ${payload.length - offset} byte(s) follow` };
  }
  const hrBpm = wide ? uint16le(payload, offset) : (payload[offset] as number);
  offset += hrBytes;

  let energyExpendedKj: number | undefined;
  if ((flags & FLAG_ENERGY) !== 0) {
    if (payload.length < offset + 2) return { status: 'truncated', reason: 'flags say energy expended is present, but it is cut short' };
    energyExpendedKj = uint16le(payload, offset);
    offset += 2;
  }

  const rrIntervalsMs: number[] = [];
  if ((flags & FLAG_RR) !== 0) {
    const rest = payload.length - offset;
    if (rest === 0) return { status: 'truncated', reason: 'flags say RR intervals are present, but none follow' };
    if (rest % 2 !== 0) return { status: 'malformed', reason: `RR intervals take two bytes each, but ${rest} byte(s) follow` };
    for (; offset < payload.length; offset += 2) rrIntervalsMs.push((uint16le(payload, offset) * 1000) / RR_UNITS_PER_SECOND);
  }

  const contact: SensorContact =
    (flags & FLAG_CONTACT_SUPPORTED) === 0 ? 'not-supported' : (flags & FLAG_CONTACT_DETECTED) !== 0 ? 'in-contact' : 'no-contact';
  return { status: 'ok', hrBpm, contact, ...(energyExpendedKj !== undefined ? { energyExpendedKj } : {}), rrIntervalsMs };
}
