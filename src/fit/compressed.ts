/**
 * FIT's two compressions of record data, which @garmin/fitsdk (21.217)
 * cannot read together: it throws "compressed timestamp messages are not
 * currently supported" at the first compressed-timestamp header. Old
 * Forerunners (FR50/60/70, 405) write both in every record. The record scan
 * (./record-scan.ts) reads them with these steps, so that such a file takes
 * the SDK-free path.
 *
 * Compressed-timestamp header (FIT protocol, "Compressed Timestamp Header"):
 *
 * ```
 * bit:    7   6 5        4 3 2 1 0
 *         1   local mesg time offset (s)
 * ts = (last & ~0x1F) + offset, + 0x20 when offset < (last & 0x1F)
 * last:   a full timestamp (field 253 of any message), or the last rebuilt one
 * ```
 *
 * Compressed speed/distance (record field 8, 3 bytes, little-endian bits):
 * 12 bits speed in 1/100 m/s, then 12 bits distance in 1/16 m that wraps at
 * 4096 and is accumulated, as the SDK's Accumulator does when it expands the
 * field on a file with ordinary headers: the first value is taken as it is,
 * each next one adds its difference modulo 4096. Values are the SDK's to the
 * bit (`raw / scale`), so that a file read here gives what the SDK would.
 */
import { PROFILE_MESSAGES } from './fit-profile.ts';
import { FIELD_NUM_COMPRESSED_SPEED_DISTANCE, MESG_NUM_RECORD } from './units.ts';

/** Bit 7 of a record header: a data message whose timestamp is in the header. */
export const COMPRESSED_TIMESTAMP_HEADER = 0x80;
/** Bits 5–6: the local message type (0–3 only, in this header). */
const COMPRESSED_LOCAL_MESG_SHIFT = 5;
const COMPRESSED_LOCAL_MESG_MASK = 0x03;
/** Bits 0–4: seconds past the last timestamp's 32-second boundary. */
const COMPRESSED_TIME_OFFSET_MASK = 0x1f;
/** The span of the offset: a gap of 32 s or more needs a full timestamp. */
const COMPRESSED_TIME_ROLLOVER_SEC = 0x20;

/** The local message type a compressed-timestamp header names. */
export function compressedLocalMesgNum(header: number): number {
  return (header >> COMPRESSED_LOCAL_MESG_SHIFT) & COMPRESSED_LOCAL_MESG_MASK;
}

/**
 * The timestamp (FIT seconds) of a compressed-timestamp message, from the
 * last timestamp (full or rebuilt) and the header's offset; it becomes the
 * next message's `last`.
 */
export function compressedTimestamp(lastTimestampSec: number, header: number): number {
  const offsetSec = header & COMPRESSED_TIME_OFFSET_MASK;
  const lastOffsetSec = lastTimestampSec & COMPRESSED_TIME_OFFSET_MASK;
  const rebuilt = lastTimestampSec - lastOffsetSec + offsetSec;
  return offsetSec < lastOffsetSec ? rebuilt + COMPRESSED_TIME_ROLLOVER_SEC : rebuilt;
}

// ---------------------------------------------------------------------------
// Compressed speed/distance

/** The field's size in bytes: 12 + 12 bits. */
export const COMPRESSED_SPEED_DISTANCE_BYTES = 3;
/** Byte base type (0x0d), as the profile declares the field. */
export const COMPRESSED_SPEED_DISTANCE_BASE_TYPE_ID = 0x0d;
/** Its component sizes (the profile's `bits`, which ./fit-profile.ts does not carry). */
const SPEED_BITS = 12;
const DISTANCE_BITS = 12;
const SPEED_MASK = (1 << SPEED_BITS) - 1;
const DISTANCE_MASK = (1 << DISTANCE_BITS) - 1;
/** A byte array with every byte 0xFF holds no value (the SDK skips its expansion then). */
const INVALID_BYTE = 0xff;

const FIELD = PROFILE_MESSAGES[MESG_NUM_RECORD]?.fields[FIELD_NUM_COMPRESSED_SPEED_DISTANCE];

/** The components' names and scales, from the profile: speed (field 6, /100), distance (field 5, /16). */
const COMPONENTS = componentsOf();

function componentsOf(): { readonly speed: string; readonly speedScale: number; readonly distance: string; readonly distanceScale: number } | undefined {
  if (FIELD === undefined || FIELD.components.length !== 2 || !Array.isArray(FIELD.scale) || !Array.isArray(FIELD.offset)) return undefined;
  const [speedNum, distanceNum] = FIELD.components;
  const [speedScale, distanceScale] = FIELD.scale;
  const fields = PROFILE_MESSAGES[MESG_NUM_RECORD]?.fields;
  const speed = speedNum === undefined ? undefined : fields?.[speedNum]?.name;
  const distance = distanceNum === undefined ? undefined : fields?.[distanceNum];
  // An offset would be subtracted after the scale; the profile has none, and this reader assumes so.
  if (speed === undefined || distance?.isAccumulated !== true || speedScale === undefined || distanceScale === undefined) return undefined;
  if (FIELD.offset.some((offset) => offset !== 0)) return undefined;
  return { speed, speedScale, distance: distance.name, distanceScale };
}

/** Whether this reader decodes compressed speed/distance at all (the profile's field as expected). */
export const COMPRESSED_SPEED_DISTANCE_READABLE = COMPONENTS !== undefined;

/** The accumulated distance of one file's records, in the field's raw units (1/16 m). */
export interface DistanceAccumulator {
  /** Raw accumulated distance; undefined before the first valid value. */
  totalRaw: number | undefined;
  /** The last 12-bit value read. */
  lastRaw: number;
}

export function distanceAccumulator(): DistanceAccumulator {
  return { totalRaw: undefined, lastRaw: 0 };
}

/**
 * Reads the 3-byte field at byte p into `record` as `speed` (m/s) and
 * `distance` (m, accumulated), the SDK's names and values; nothing when
 * every byte is 0xFF.
 */
export function readCompressedSpeedDistance(
  view: DataView,
  p: number,
  accumulator: DistanceAccumulator,
  record: Record<string, number | undefined>,
): void {
  if (COMPONENTS === undefined) return;
  const b0 = view.getUint8(p);
  const b1 = view.getUint8(p + 1);
  const b2 = view.getUint8(p + 2);
  if (b0 === INVALID_BYTE && b1 === INVALID_BYTE && b2 === INVALID_BYTE) return;
  const bits = b0 | (b1 << 8) | (b2 << 16);
  const speedRaw = bits & SPEED_MASK;
  const distanceRaw = (bits >> SPEED_BITS) & DISTANCE_MASK;
  const totalRaw = accumulator.totalRaw === undefined ? distanceRaw : accumulator.totalRaw + ((distanceRaw - accumulator.lastRaw) & DISTANCE_MASK);
  accumulator.totalRaw = totalRaw;
  accumulator.lastRaw = distanceRaw;
  record[COMPONENTS.speed] = speedRaw / COMPONENTS.speedScale;
  record[COMPONENTS.distance] = totalRaw / COMPONENTS.distanceScale;
}

/** The names readCompressedSpeedDistance writes (to clear them from a refilled record). */
export const COMPRESSED_SPEED_DISTANCE_NAMES: readonly string[] = COMPONENTS === undefined ? [] : [COMPONENTS.speed, COMPONENTS.distance];
