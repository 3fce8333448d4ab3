/**
 * A lean reader for record messages, the bulk of every activity file: the
 * SDK's Decoder allocates several objects per field, and was half of
 * calibration's CPU time per record. This walks the messages with a DataView and
 * decodes, per record, only the fields records.ts reads, into one plain object
 * with exactly the names and values the SDK gives with sdk-read.ts's FAST_READ.
 * Everything else stays the SDK's: `rest` is the same file without its record
 * data messages (definitions and all other messages kept, sizes and CRCs made
 * right again), for the SDK to read.
 *
 * ```
 * file:     hdr D0(fileId) 0 D1(record) 1 1 D2(event) 2 1 1 1 ... crc
 * records:                    {…} {…}           {…} {…} {…}
 * rest:     hdr D0(fileId) 0 D1(record)     D2(event) 2       ... crc'
 * ```
 *
 * Invariant, checked by tests/fit/record-scan.test.ts: for a file that passes
 * the SDK's checkIntegrity, whenever `scanRecords` gives an answer, the SDK
 * reads `rest` without error and {@link developerFieldsReadable} agrees, its
 * records equal the SDK's record messages cut to {@link RECORD_FIELD_NAMES}
 * (sdk-read.ts checks those two conditions). So it gives none (undefined:
 * read the file with the SDK alone) for anything it does not model the way
 * the SDK does: not exactly one FIT file, a compressed-timestamp header on
 * anything but a record (records under one are read, ./compressed.ts: the SDK
 * cannot, so no invariant covers them), hr messages, compressed
 * speed/distance in a file without those headers, a wanted field of another size or
 * base type than the profile's, a record definition on which the SDK itself
 * throws, any read out of bounds. Never throws. Field numbers, base types, scale and offset come from the SDK's
 * Profile (through ./fit-profile.ts, generated from it, so that this module
 * never loads the SDK); only FIT's fixed base-type table is restated here.
 */
import {
  COMPRESSED_SPEED_DISTANCE_BASE_TYPE_ID,
  COMPRESSED_SPEED_DISTANCE_BYTES,
  COMPRESSED_SPEED_DISTANCE_NAMES,
  COMPRESSED_SPEED_DISTANCE_READABLE,
  COMPRESSED_TIMESTAMP_HEADER,
  compressedLocalMesgNum,
  compressedTimestamp,
  distanceAccumulator,
  readCompressedSpeedDistance,
  type DistanceAccumulator,
} from './compressed.ts';
import { fitCrc } from './crc.ts';
import { isFields } from './fields.ts';
import { PROFILE_MESSAGES, type FitProfileField } from './fit-profile.ts';
import { FIELD_NUM_COMPRESSED_SPEED_DISTANCE, MESG_NUM_HR, MESG_NUM_RECORD } from './units.ts';

/** The record fields toSamples (./records.ts) reads; the scanner decodes these and no others. */
export const RECORD_FIELD_NAMES = [
  'timestamp',
  'heartRate',
  'speed',
  'enhancedSpeed',
  'distance',
  'positionLat',
  'positionLong',
  'altitude',
  'enhancedAltitude',
  'cadence',
  'fractionalCadence',
  'cadence256',
] as const;

/** One record: a subset of RECORD_FIELD_NAMES, each a number after scale and offset; an invalid value is absent. */
export type RecordFields = { [name: string]: number };

/**
 * One record handed to an `onRecord` callback: every name of
 * RECORD_FIELD_NAMES present, undefined where the record has no valid value
 * (a fixed shape, so reading it is cheap). The same object is refilled for
 * the next record: valid during the call only.
 */
export type RecordView = { readonly [name: string]: number | undefined };

export interface ScannedRecords {
  /** One object per record data message, in file order; empty when they went to `onRecord` instead. */
  readonly records: RecordFields[];
  /** Record data messages read. */
  readonly recordCount: number;
  /** The file without its record data messages: a complete FIT file (header data size, header CRC if set, file CRC recomputed). */
  readonly rest: Uint8Array;
  /** Some record definition declares developer fields: the SDK reads those by their field description's base type (see developerFieldsReadable). */
  readonly recordDeveloperFields: boolean;
}

/** Where the SDK puts record messages. */
export const RECORD_MESGS_KEY = PROFILE_MESSAGES[MESG_NUM_RECORD]?.messagesKey ?? 'recordMesgs';

/**
 * Records and `rest` of a FIT file that passed the SDK's checkIntegrity, or
 * undefined when the SDK must read it alone. Never throws. With `onRecord`,
 * each record goes there as it is read (one {@link RecordView} refilled for
 * every record) and none is kept: a long file's records then never all live
 * at once, which was most of a long replay's garbage collection. A file
 * found unreadable part-way has already sent records; the caller starts
 * afresh on the plain read then.
 */
export function scanRecords(bytes: Uint8Array, onRecord?: (record: RecordView) => void): ScannedRecords | undefined {
  if (WANTED === undefined) return undefined;
  try {
    const walked = scan(bytes, WANTED, onRecord, undefined);
    if (walked === undefined) return undefined;
    const { records, recordCount, recordDeveloperFields } = walked;
    return { records, recordCount, rest: withoutRecords(bytes, walked.headerSize, walked.kept), recordDeveloperFields };
  } catch {
    // A DataView read out of bounds, or a bug here: the SDK reads the file instead.
    return undefined;
  }
}

/**
 * What a reader of the other messages (./lean-read.ts) does with them while
 * the scan walks the file: `define` sees each definition of a message that is
 * not a record and returns how to read its data messages (undefined: skip
 * them; `false`: this file is the SDK's to read); `read` gets each such data
 * message, and returns false to give the file to the SDK.
 */
export interface OtherMessages<Plan> {
  readonly define: (globalNum: number, fields: readonly FieldDefinition[], littleEndian: boolean) => Plan | undefined | false;
  readonly read: (plan: Plan, view: DataView, start: number) => boolean;
}

/** One field of a definition as the file declares it; `at` is its byte offset in the data message, after the header byte. */
export interface FieldDefinition {
  readonly num: number;
  readonly size: number;
  readonly baseTypeId: number;
  readonly at: number;
}

/** A walk of a whole file: records as {@link scanRecords} reads them, the other messages handed to `others`. */
export interface ScannedMessages {
  readonly records: RecordFields[];
  readonly recordCount: number;
  /** Some definition, of any message, declares developer fields. */
  readonly developerFields: boolean;
}

/**
 * Walks a whole FIT file once, records decoded as {@link scanRecords} does
 * and every other message handed to `others`, without making `rest`;
 * undefined when the SDK must read the file. Checks no CRC (the caller does).
 * Never throws.
 */
export function scanMessages<Plan>(bytes: Uint8Array, onRecord: ((record: RecordView) => void) | undefined, others: OtherMessages<Plan>): ScannedMessages | undefined {
  if (WANTED === undefined) return undefined;
  try {
    const walked = scan(bytes, WANTED, onRecord, others);
    if (walked === undefined) return undefined;
    return { records: walked.records, recordCount: walked.recordCount, developerFields: walked.developerFields };
  } catch {
    return undefined;
  }
}

/**
 * Whether the SDK can read developer fields in records given the file's field
 * descriptions (as the SDK decoded them): it throws on a record's developer
 * field whose description names a base type FIT does not have, and the
 * scanner, which skips developer fields by size, would not. Conservative:
 * any such description, whatever field it describes, says no.
 */
export function developerFieldsReadable(fieldDescriptions: readonly unknown[]): boolean {
  for (const description of fieldDescriptions) {
    const id = isFields(description) ? description['fitBaseTypeId'] : undefined;
    if (id === undefined) continue;
    if (typeof id !== 'number' || (id & BASE_TYPE_MASK) > BASE_TYPE_ID_MAX) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// FIT's fixed encodings (the protocol, not the profile)

const HEADER_SIZE_WITHOUT_CRC = 12;
const HEADER_SIZE_WITH_CRC = 14;
const CRC_SIZE = 2;
/** ".FIT" read as a big-endian 32-bit number: the tag at byte 8 of every FIT header. */
const FIT_DATA_TYPE_TAG = 0x2e464954;

const DEFINITION_HEADER = 0x40;
const DEVELOPER_DATA_FLAG = 0x20;
const LOCAL_MESG_NUM_MASK = 0x0f;
const LOCAL_MESG_COUNT = 16;
/** Reserved, architecture, global number (2), field count. */
const DEFINITION_FIXED_SIZE = 5;
const FIELD_DEFINITION_SIZE = 3;
/** Base type bytes carry an endian flag in bit 7; the SDK masks it off, as here. */
const BASE_TYPE_MASK = 0x1f;
/** Base type ids 0x00 (enum) … 0x10 (uint64z); the SDK refuses a definition with any other. */
const BASE_TYPE_ID_MAX = 0x10;
/** Field 253 of every message: a uint32 of FIT seconds, 0xFFFFFFFF when invalid. */
const FIELD_NUM_TIMESTAMP = 253;
const TIMESTAMP_BYTES = 4;
const TIMESTAMP_BASE_TYPE_ID = 0x06;
const INVALID_TIMESTAMP = 0xffffffff;
const TIMESTAMP_NAME = 'timestamp';
/** Record field 5, `distance`: the accumulated target of compressed speed/distance. */
const FIELD_NUM_DISTANCE = 5;

export type Reader = 'u8' | 's8' | 'u16' | 's16' | 'u32' | 's32';

/** The integer base types the scanner decodes: id, byte size, reader, invalid value (absent when read). */
export const BASE_TYPES: { readonly [baseType: string]: { readonly id: number; readonly size: number; readonly reader: Reader; readonly invalid: number } | undefined } = {
  enum: { id: 0x00, size: 1, reader: 'u8', invalid: 0xff },
  sint8: { id: 0x01, size: 1, reader: 's8', invalid: 0x7f },
  uint8: { id: 0x02, size: 1, reader: 'u8', invalid: 0xff },
  sint16: { id: 0x03, size: 2, reader: 's16', invalid: 0x7fff },
  uint16: { id: 0x04, size: 2, reader: 'u16', invalid: 0xffff },
  sint32: { id: 0x05, size: 4, reader: 's32', invalid: 0x7fffffff },
  uint32: { id: 0x06, size: 4, reader: 'u32', invalid: 0xffffffff },
  uint8z: { id: 0x0a, size: 1, reader: 'u8', invalid: 0x00 },
  uint16z: { id: 0x0b, size: 2, reader: 'u16', invalid: 0x0000 },
  uint32z: { id: 0x0c, size: 4, reader: 'u32', invalid: 0x00000000 },
  byte: { id: 0x0d, size: 1, reader: 'u8', invalid: 0xff },
};

/** Field types the SDK applies scale and offset to (its NumericFieldTypes); others (dateTime, enums) stay raw. */
export const NUMERIC_FIELD_TYPES: ReadonlySet<string> = new Set([
  'sint8', 'uint8', 'sint16', 'uint16', 'sint32', 'uint32', 'float32', 'float64',
  'uint8z', 'uint16z', 'uint32z', 'byte', 'sint64', 'uint64', 'uint64z',
]);

// ---------------------------------------------------------------------------
// The wanted fields, from the profile

interface WantedField {
  readonly name: string;
  readonly baseTypeId: number;
  readonly size: number;
  readonly reader: Reader;
  readonly invalid: number;
  /** False: the SDK hands the raw value on (a non-numeric type, or several scales). */
  readonly scaled: boolean;
  readonly scale: number;
  readonly offset: number;
}

const RECORD_PROFILE_FIELDS: { readonly [num: number]: FitProfileField } = PROFILE_MESSAGES[MESG_NUM_RECORD]?.fields ?? {};

/**
 * Field number → how to read it; undefined (lean path off) if the profile
 * gives a wanted field a shape the scanner does not decode. A name the
 * profile lacks is left out: the SDK would not give it either.
 */
const WANTED: ReadonlyMap<number, WantedField> | undefined = wantedFields();

function wantedFields(): Map<number, WantedField> | undefined {
  const wanted = new Map<number, WantedField>();
  for (const name of RECORD_FIELD_NAMES) {
    const field = Object.values(RECORD_PROFILE_FIELDS).find((f) => f.name === name);
    if (field === undefined) continue;
    const baseType = BASE_TYPES[field.baseType];
    if (baseType === undefined || field.array) return undefined;
    // The SDK's #applyScaleAndOffset: several scales → raw; one → that one (array or not).
    const several = Array.isArray(field.scale) && field.scale.length > 1;
    const scale = Array.isArray(field.scale) ? field.scale[0] : field.scale;
    const offset = Array.isArray(field.offset) ? field.offset[0] : field.offset;
    const scaled = NUMERIC_FIELD_TYPES.has(field.type) && !several;
    if (scaled && (typeof scale !== 'number' || typeof offset !== 'number')) return undefined;
    wanted.set(field.num, {
      name,
      baseTypeId: baseType.id,
      size: baseType.size,
      reader: baseType.reader,
      invalid: baseType.invalid,
      scaled,
      scale: scale ?? 1,
      offset: offset ?? 0,
    });
  }
  return wanted;
}

/**
 * Record field → accumulated fields among its components. The SDK throws on a
 * record holding both (its #setAccumulatedField reads an `offset` its field
 * objects lack), so a record definition with both is left to it.
 */
const ACCUMULATING: ReadonlyMap<number, readonly number[]> = new Map(
  Object.values(RECORD_PROFILE_FIELDS)
    .map((field): [number, number[]] => [
      field.num,
      field.components.map(Number).filter((num) => RECORD_PROFILE_FIELDS[num]?.isAccumulated === true),
    ])
    .filter(([, accumulated]) => accumulated.length > 0),
);

// ---------------------------------------------------------------------------
// The walk

interface PlannedField {
  /** Byte offset in the data message, after its header byte. */
  readonly at: number;
  readonly field: WantedField;
}

interface LocalDefinition<Plan> {
  /** Bytes of a data message after its header byte, developer fields included. */
  readonly size: number;
  readonly littleEndian: boolean;
  /** Set for record definitions: the wanted fields it holds, in definition order. */
  readonly plan: readonly PlannedField[] | undefined;
  /** Set for other messages the caller reads (scanMessages). */
  readonly other: Plan | undefined;
  /** Where a full timestamp (field 253, uint32) sits, in any message: the base of compressed-timestamp headers (./compressed.ts). */
  readonly timestampAt: number | undefined;
  /** Where a record's compressed speed/distance (field 8) sits. */
  readonly speedDistanceAt: number | undefined;
}

interface Walked {
  readonly records: RecordFields[];
  readonly recordCount: number;
  readonly headerSize: number;
  /** Kept byte ranges of the data (records left out), [start, end) pairs; empty when `others` read the file. */
  readonly kept: readonly number[];
  readonly recordDeveloperFields: boolean;
  readonly developerFields: boolean;
}

function scan<Plan>(
  bytes: Uint8Array,
  wanted: ReadonlyMap<number, WantedField>,
  onRecord: ((record: RecordView) => void) | undefined,
  others: OtherMessages<Plan> | undefined,
): Walked | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = bytes.byteLength;
  if (length < HEADER_SIZE_WITHOUT_CRC + CRC_SIZE) return undefined;
  const headerSize = view.getUint8(0);
  if (headerSize !== HEADER_SIZE_WITHOUT_CRC && headerSize !== HEADER_SIZE_WITH_CRC) return undefined;
  if (view.getUint32(8, false) !== FIT_DATA_TYPE_TAG) return undefined;
  const dataEnd = headerSize + view.getUint32(4, true);
  // Exactly one file: chained files, or bytes after the CRC, are the SDK's to read.
  if (dataEnd + CRC_SIZE !== length) return undefined;

  const locals: (LocalDefinition<Plan> | undefined)[] = new Array<LocalDefinition<Plan> | undefined>(LOCAL_MESG_COUNT).fill(undefined);
  const records: RecordFields[] = [];
  let recordCount = 0;
  const scratch = onRecord === undefined ? undefined : recordView(wanted);
  /** The plan of the record last read into `scratch`: only its fields can hold a value. */
  let lastPlan: readonly PlannedField[] = [];
  /** Kept byte ranges of the data, [start, end) pairs, adjacent ones merged. */
  const kept: number[] = [];
  let keptFrom = headerSize;
  let recordDeveloperFields = false;
  let developerFields = false;
  let position = headerSize;
  // Compressed records (./compressed.ts): the last full or rebuilt timestamp, and the accumulated distance.
  let lastTimestamp: number | undefined;
  /** Where the last full timestamp sits, read only if a compressed header follows (most files have none); -1 once one was rebuilt after it. */
  let lastFullAt = -1;
  let lastFullLittleEndian = true;
  const distance = distanceAccumulator();
  let compressedHeaders = false;
  let speedDistance = false;
  let plainDistance = false;
  /** The record last read into `scratch` got fields outside its plan (a rebuilt timestamp, speed/distance). */
  let scratchExtra = false;

  while (position < dataEnd) {
    const header = view.getUint8(position);
    const compressed = (header & COMPRESSED_TIMESTAMP_HEADER) !== 0;

    if (!compressed && (header & DEFINITION_HEADER) !== 0) {
      const fieldsAt = position + 1 + DEFINITION_FIXED_SIZE;
      if (fieldsAt > dataEnd) return undefined;
      const littleEndian = view.getUint8(position + 2) === 0;
      const globalNum = view.getUint16(position + 3, littleEndian);
      const fieldCount = view.getUint8(position + 5);
      let end = fieldsAt + fieldCount * FIELD_DEFINITION_SIZE;
      if (end > dataEnd) return undefined;
      if (globalNum === MESG_NUM_HR) return undefined;

      const isRecord = globalNum === MESG_NUM_RECORD;
      const plan: PlannedField[] = [];
      const nums: number[] = [];
      const otherFields: FieldDefinition[] | undefined = others !== undefined && !isRecord ? [] : undefined;
      let size = 0;
      let timestampAt: number | undefined;
      let speedDistanceAt: number | undefined;
      for (let at = fieldsAt; at < end; at += FIELD_DEFINITION_SIZE) {
        const num = view.getUint8(at);
        const fieldSize = view.getUint8(at + 1);
        const baseTypeId = view.getUint8(at + 2) & BASE_TYPE_MASK;
        if (baseTypeId > BASE_TYPE_ID_MAX) return undefined;
        if (num === FIELD_NUM_TIMESTAMP && fieldSize === TIMESTAMP_BYTES && baseTypeId === TIMESTAMP_BASE_TYPE_ID) timestampAt = size;
        if (isRecord && num === FIELD_NUM_COMPRESSED_SPEED_DISTANCE) {
          const readable = COMPRESSED_SPEED_DISTANCE_READABLE && fieldSize === COMPRESSED_SPEED_DISTANCE_BYTES && baseTypeId === COMPRESSED_SPEED_DISTANCE_BASE_TYPE_ID;
          if (!readable || speedDistanceAt !== undefined) return undefined;
          speedDistanceAt = size;
          speedDistance = true;
        } else if (isRecord) {
          if (num === FIELD_NUM_DISTANCE) plainDistance = true;
          const field = wanted.get(num);
          if (field !== undefined) {
            if (fieldSize !== field.size || baseTypeId !== field.baseTypeId) return undefined;
            plan.push({ at: size, field });
          }
          nums.push(num);
        }
        otherFields?.push({ num, size: fieldSize, baseTypeId, at: size });
        size += fieldSize;
      }
      if ((header & DEVELOPER_DATA_FLAG) !== 0) {
        if (end + 1 > dataEnd) return undefined;
        const developerCount = view.getUint8(end);
        const developerAt = end + 1;
        end = developerAt + developerCount * FIELD_DEFINITION_SIZE;
        if (end > dataEnd) return undefined;
        for (let at = developerAt; at < end; at += FIELD_DEFINITION_SIZE) size += view.getUint8(at + 1);
        if (isRecord && developerCount > 0) recordDeveloperFields = true;
        if (developerCount > 0) developerFields = true;
      }
      if (isRecord && accumulatesInside(nums)) return undefined;
      const other = others !== undefined && otherFields !== undefined ? others.define(globalNum, otherFields, littleEndian) : undefined;
      if (other === false) return undefined;
      locals[header & LOCAL_MESG_NUM_MASK] = { size, littleEndian, plan: isRecord ? plan : undefined, other, timestampAt, speedDistanceAt };
      position = end;
      continue;
    }

    const local = locals[compressed ? compressedLocalMesgNum(header) : header & LOCAL_MESG_NUM_MASK];
    if (local === undefined) return undefined;
    const end = position + 1 + local.size;
    if (end > dataEnd) return undefined;
    let headerTimestamp: number | undefined;
    if (compressed) {
      // Only records, without a timestamp field of their own, after a full timestamp; anything else is the SDK's (which stops there).
      if (local.plan === undefined || local.timestampAt !== undefined) return undefined;
      if (lastFullAt >= 0) {
        const full = view.getUint32(lastFullAt, lastFullLittleEndian);
        // After an invalid full timestamp, which time counts is unsettled: the SDK's to read (it stops here).
        if (full === INVALID_TIMESTAMP) return undefined;
        lastTimestamp = full;
        lastFullAt = -1;
      }
      if (lastTimestamp === undefined) return undefined;
      headerTimestamp = compressedTimestamp(lastTimestamp, header);
      lastTimestamp = headerTimestamp;
      compressedHeaders = true;
    } else if (local.timestampAt !== undefined) {
      lastFullAt = position + 1 + local.timestampAt;
      lastFullLittleEndian = local.littleEndian;
    }
    if (local.plan !== undefined) {
      if (onRecord === undefined || scratch === undefined) {
        const record: RecordFields = {};
        readRecord(view, position + 1, local.littleEndian, local.plan, record);
        if (headerTimestamp !== undefined || local.speedDistanceAt !== undefined) compressedFields(view, position + 1, local, headerTimestamp, distance, record);
        records.push(record);
      } else {
        const record = clearRecordView(scratch, lastPlan);
        if (scratchExtra) clearCompressedFields(record);
        readRecord(view, position + 1, local.littleEndian, local.plan, record);
        scratchExtra = headerTimestamp !== undefined || local.speedDistanceAt !== undefined;
        if (scratchExtra) compressedFields(view, position + 1, local, headerTimestamp, distance, record);
        lastPlan = local.plan;
        onRecord(scratch);
      }
      recordCount++;
      if (others === undefined) {
        if (keptFrom < position) kept.push(keptFrom, position);
        keptFrom = end;
      }
    } else if (others !== undefined && local.other !== undefined) {
      if (!others.read(local.other, view, position + 1)) return undefined;
    }
    position = end;
  }
  if (others === undefined && keptFrom < dataEnd) kept.push(keptFrom, dataEnd);
  // Compressed speed/distance in an ordinary file stays the SDK's (it reads those); with a plain distance beside it, the SDK's accumulator would mix the two.
  if (speedDistance && (!compressedHeaders || plainDistance)) return undefined;

  return { records, recordCount, headerSize, kept, recordDeveloperFields, developerFields };
}

/** A compressed record's fields outside its plan: the header's timestamp, speed and distance from field 8. */
function compressedFields(
  view: DataView,
  start: number,
  local: { readonly speedDistanceAt: number | undefined },
  headerTimestamp: number | undefined,
  distance: DistanceAccumulator,
  record: Record<string, number | undefined>,
): void {
  if (headerTimestamp !== undefined) record[TIMESTAMP_NAME] = headerTimestamp;
  if (local.speedDistanceAt !== undefined) readCompressedSpeedDistance(view, start + local.speedDistanceAt, distance, record);
}

function clearCompressedFields(record: Record<string, number | undefined>): void {
  record[TIMESTAMP_NAME] = undefined;
  for (const name of COMPRESSED_SPEED_DISTANCE_NAMES) record[name] = undefined;
}

function accumulatesInside(nums: readonly number[]): boolean {
  for (const num of nums) {
    const accumulated = ACCUMULATING.get(num);
    if (accumulated !== undefined && accumulated.some((target) => nums.includes(target))) return true;
  }
  return false;
}

/** The object an `onRecord` callback is handed: every wanted name, in one order, so that it keeps one shape. */
function recordView(wanted: ReadonlyMap<number, WantedField>): Record<string, number | undefined> {
  const record: Record<string, number | undefined> = {};
  for (const field of wanted.values()) record[field.name] = undefined;
  return record;
}

/** Clears what the last record set: only the fields of its plan can hold a value (a for-in over every name was 1 % of a long replay). */
function clearRecordView(record: Record<string, number | undefined>, plan: readonly PlannedField[]): Record<string, number | undefined> {
  for (const { field } of plan) record[field.name] = undefined;
  return record;
}

/** One record, as the SDK gives it: `(raw / scale) - offset`, in that order, so that the floating point agrees to the bit. */
function readRecord(view: DataView, start: number, littleEndian: boolean, plan: readonly PlannedField[], record: Record<string, number | undefined>): void {
  for (const { at, field } of plan) {
    const p = start + at;
    const raw = readRaw(view, p, littleEndian, field.reader);
    if (raw === field.invalid) continue;
    record[field.name] = field.scaled ? raw / field.scale - field.offset : raw;
  }
}

/** One integer field's raw value at byte p (records here, the other messages in ./lean-read.ts). */
export function readRaw(view: DataView, p: number, littleEndian: boolean, reader: Reader): number {
  switch (reader) {
    case 'u8':
      return view.getUint8(p);
    case 's8':
      return view.getInt8(p);
    case 'u16':
      return view.getUint16(p, littleEndian);
    case 's16':
      return view.getInt16(p, littleEndian);
    case 'u32':
      return view.getUint32(p, littleEndian);
    case 's32':
      return view.getInt32(p, littleEndian);
  }
}

/** Short ranges are copied byte by byte: a subarray per range costs more than the copy. */
const SHORT_RANGE_BYTES = 64;

function withoutRecords(bytes: Uint8Array, headerSize: number, kept: readonly number[]): Uint8Array {
  let dataSize = 0;
  for (let i = 0; i < kept.length; i += 2) dataSize += (kept[i + 1] ?? 0) - (kept[i] ?? 0);
  const dataEnd = headerSize + dataSize;
  const rest = new Uint8Array(dataEnd + CRC_SIZE);
  rest.set(bytes.subarray(0, headerSize));
  let to = headerSize;
  for (let i = 0; i < kept.length; i += 2) {
    const from = kept[i] ?? 0;
    const end = kept[i + 1] ?? 0;
    if (end - from < SHORT_RANGE_BYTES) {
      for (let j = from; j < end; j++) rest[to++] = bytes[j] ?? 0;
    } else {
      rest.set(bytes.subarray(from, end), to);
      to += end - from;
    }
  }
  const view = new DataView(rest.buffer);
  view.setUint32(4, dataSize, true);
  // A zero header CRC means "not set"; the SDK skips the check then, so it stays zero.
  if (headerSize === HEADER_SIZE_WITH_CRC && view.getUint16(12, true) !== 0) {
    view.setUint16(12, fitCrc(rest, 0, HEADER_SIZE_WITHOUT_CRC), true);
  }
  view.setUint16(dataEnd, fitCrc(rest, 0, dataEnd), true);
  return rest;
}
