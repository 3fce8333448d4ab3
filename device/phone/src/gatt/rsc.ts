import type { GattFault } from './heart-rate.ts';
import { uint16le } from './little-endian.ts';

/**
 * RSC Measurement (characteristic 0x2A53 of the Running Speed and Cadence
 * service 0x1814: footpods such as Stryd), decoded byte for byte as the
 * Bluetooth GATT Specification Supplement describes it. Little-endian.
 *
 *   byte 0      flags
 *                 bit 0    instantaneous stride length present
 *                 bit 1    total distance present
 *                 bit 2    walking (0) or running (1)
 *                 bits 3-7 reserved: ignored
 *   bytes 1-2   instantaneous speed, uint16, 1/256 m/s
 *   byte 3      instantaneous cadence, uint8, steps per minute
 *   then        stride length, uint16, 1/100 m, if flagged
 *   then        total distance, uint32, 1/10 m, if flagged
 *
 * Bytes after the last flagged field are ignored (a later revision may add
 * fields). A payload shorter than its flags promise is `truncated`, never an
 * exception.
 *
 * @example
 * decodeRsc(new Uint8Array([0x04, 0x00, 0x03, 0xaa]))
 * // → { status: 'ok', speedMps: 3, cadenceSpm: 170, running: true }
 */

export interface RscMeasurement {
  readonly status: 'ok';
  readonly speedMps: number;
  /** Steps (both feet) per minute. */
  readonly cadenceSpm: number;
  readonly running: boolean;
  readonly strideLengthM?: number;
  /** Distance since the sensor's last reset. */
  readonly totalDistanceM?: number;
}

export type RscResult = RscMeasurement | GattFault;

export const RSC_SERVICE = 0x1814;
export const RSC_MEASUREMENT = 0x2a53;

/** Speed is sent in units of 1/256 m/s. */
export const RSC_SPEED_UNITS_PER_MPS = 256;
/** Stride length is sent in centimetres. */
export const RSC_STRIDE_UNITS_PER_M = 100;
/** Total distance is sent in decimetres. */
export const RSC_DISTANCE_UNITS_PER_M = 10;

const FLAG_STRIDE = 0x01;
const FLAG_DISTANCE = 0x02;
const FLAG_RUNNING = 0x04;

/** Decodes one notification. Never throws. */
export function decodeRsc(payload: Uint8Array): RscResult {
  const flags = payload[0];
  if (flags === undefined) return { status: 'truncated', reason: 'empty payload: no flags byte' };
  if (payload.length < 4) return { status: 'truncated', reason: `speed and cadence need 3 bytes after the flags, ${payload.length - 1} follow` };
  const speedMps = uint16le(payload, 1) / RSC_SPEED_UNITS_PER_MPS;
  const cadenceSpm = payload[3] as number;
  let offset = 4;

  let strideLengthM: number | undefined;
  if ((flags & FLAG_STRIDE) !== 0) {
    if (payload.length < offset + 2) return { status: 'truncated', reason: 'flags say stride length is present, but it is cut short' };
    strideLengthM = uint16le(payload, offset) / RSC_STRIDE_UNITS_PER_M;
    offset += 2;
  }
  let totalDistanceM: number | undefined;
  if ((flags & FLAG_DISTANCE) !== 0) {
    if (payload.length < offset + 4) return { status: 'truncated', reason: 'flags say total distance is present, but it is cut short' };
    totalDistanceM = (uint16le(payload, offset) + uint16le(payload, offset + 2) * 0x10000) / RSC_DISTANCE_UNITS_PER_M;
    offset += 4;
  }
  return {
    status: 'ok',
    speedMps,
    cadenceSpm,
    running: (flags & FLAG_RUNNING) !== 0,
    ...(strideLengthM !== undefined ? { strideLengthM } : {}),
    ...(totalDistanceM !== undefined ? { totalDistanceM } : {}),
  };
}
