/**
 * A FIT read without the SDK, for the files that are most of them: one
 * intact activity file (header and data CRC right) that the record scan
 * (./record-scan.ts) understands. It gives what ./sdk-read.ts's readFit gives
 * for such a file, cut to the fields ./activity.ts reads: records to
 * `onRecord`, and file_id, session, event and field_description messages
 * with the SDK's names and values (FAST_READ: raw enums and times, scale and
 * offset applied). The field table is ./fit-profile.ts, generated from the
 * SDK's `Profile`, so that a replay of such a file never loads the SDK's
 * 1 MB of code and profile.
 *
 * Anything it does not model exactly as the SDK reads it sends the file to
 * the SDK (undefined): a damaged or chained file, whatever the record scan
 * refuses, a wanted field declared with another base type or size than the
 * profile's, developer data the SDK would throw on (a field description or
 * developer data id without its index, a developer field of a base type FIT
 * does not have). tests/fit/lean-read.test.ts holds the two reads equal, on
 * the corpus and on Encoder-made files.
 */
import { fitCrc } from './crc.ts';
import type { Fields } from './fields.ts';
import { PROFILE_MESSAGES, type FitProfileField } from './fit-profile.ts';
import type { ReadOutcome } from './read-outcome.ts';
import { BASE_TYPES, developerFieldsReadable, NUMERIC_FIELD_TYPES, readRaw, scanMessages, type FieldDefinition, type OtherMessages, type Reader, type RecordView } from './record-scan.ts';
import { MESG_NUM_RECORD } from './units.ts';

/** Messages the SDK reads developer data from: it throws on one without its `developerDataIndex`, so such a file is the SDK's. */
const MESG_NUM_FIELD_DESCRIPTION = 206;
const MESG_NUM_DEVELOPER_DATA_ID = 207;
const DEVELOPER_DATA_INDEX = 'developerDataIndex';

const HEADER_SIZE_WITHOUT_CRC = 12;
const HEADER_SIZE_WITH_CRC = 14;
const CRC_SIZE = 2;
/** ".FIT" read as a big-endian 32-bit number: the tag at byte 8 of every FIT header. */
const FIT_DATA_TYPE_TAG = 0x2e464954;
const BASE_TYPE_STRING = 0x07;

/** The integer base types by the id a definition declares. */
const BASE_TYPES_BY_ID: ReadonlyMap<number, { readonly reader: Reader; readonly invalid: number }> = new Map(
  Object.values(BASE_TYPES).flatMap((baseType) => (baseType === undefined ? [] : [[baseType.id, baseType] as const])),
);

/** How one wanted field of a message is read. */
type PlannedOther =
  | { readonly kind: 'string'; readonly name: string; readonly at: number; readonly size: number }
  | {
      readonly kind: 'number';
      readonly name: string;
      readonly at: number;
      readonly reader: Reader;
      readonly invalid: number;
      readonly scaled: boolean;
      readonly scale: number;
      readonly offset: number;
    };

interface OtherPlan {
  readonly list: Fields[];
  readonly littleEndian: boolean;
  readonly fields: readonly PlannedOther[];
  /** A developer data id or field description: the SDK throws without its index. */
  readonly needsIndex: boolean;
}

/**
 * Reads an intact single FIT file without the SDK, records handed to
 * `onRecord` as they are read; undefined when the SDK must read it (then
 * whatever went to `onRecord` is to be dropped). Never throws.
 */
export function readFitLean(bytes: Uint8Array, onRecord: (record: RecordView) => void): ReadOutcome | undefined {
  if (!intactSingleFile(bytes)) return undefined;
  const messages: { [messagesKey: string]: Fields[] } = {};
  const scanned = scanMessages(bytes, onRecord, otherMessages(messages));
  if (scanned === undefined) return undefined;
  if (scanned.developerFields && !developerFieldsReadable(messages['fieldDescriptionMesgs'] ?? [])) return undefined;
  return { kind: 'read', messages, intact: true, problem: undefined, compressedSpeed: false, lean: true, streamed: scanned.recordCount };
}

/**
 * The SDK's checkIntegrity for a file that is exactly one FIT file: a FIT
 * header, the header's CRC when it has one (zero: not set), and the data's
 * CRC in the last two bytes.
 */
function intactSingleFile(bytes: Uint8Array): boolean {
  const length = bytes.byteLength;
  if (length < HEADER_SIZE_WITHOUT_CRC + CRC_SIZE) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, length);
  const headerSize = view.getUint8(0);
  if (headerSize !== HEADER_SIZE_WITHOUT_CRC && headerSize !== HEADER_SIZE_WITH_CRC) return false;
  if (length < headerSize + CRC_SIZE || view.getUint32(8, false) !== FIT_DATA_TYPE_TAG) return false;
  const dataEnd = headerSize + view.getUint32(4, true);
  if (dataEnd + CRC_SIZE !== length) return false;
  if (headerSize === HEADER_SIZE_WITH_CRC) {
    const headerCrc = view.getUint16(12, true);
    if (headerCrc !== 0 && headerCrc !== fitCrc(bytes, 0, HEADER_SIZE_WITHOUT_CRC)) return false;
  }
  return view.getUint16(dataEnd, true) === fitCrc(bytes, 0, dataEnd);
}

/** Reads the messages of ./fit-profile.ts other than records into `messages`, by the SDK's list names. */
function otherMessages(messages: { [messagesKey: string]: Fields[] }): OtherMessages<OtherPlan> {
  return {
    define: (globalNum, fields, littleEndian) => {
      if (globalNum === MESG_NUM_RECORD) return undefined;
      const profile = PROFILE_MESSAGES[globalNum];
      if (profile === undefined) return undefined;
      // The SDK makes the list at the definition, whether or not a message follows.
      const list = messages[profile.messagesKey] ?? (messages[profile.messagesKey] = []);
      const planned: PlannedOther[] = [];
      for (const field of fields) {
        const entry = profile.fields[field.num];
        if (entry === undefined) continue;
        const plan = planField(globalNum, field, entry);
        if (plan === undefined) return false;
        planned.push(plan);
      }
      const needsIndex = globalNum === MESG_NUM_FIELD_DESCRIPTION || globalNum === MESG_NUM_DEVELOPER_DATA_ID;
      return { list, littleEndian, fields: planned, needsIndex };
    },
    read: (plan, view, start) => {
      const message: { [name: string]: number | string } = {};
      for (const field of plan.fields) {
        const value = field.kind === 'string' ? readString(view, start + field.at, field.size) : readNumber(view, start + field.at, plan.littleEndian, field);
        // An invalid value leaves the field out; a later field of the same number does not undo an earlier valid one (as the SDK).
        if (value !== undefined) message[field.name] = value;
      }
      if (plan.needsIndex && message[DEVELOPER_DATA_INDEX] === undefined) return false;
      plan.list.push(message);
      return true;
    },
  };
}

/** How to read a wanted field as the SDK does; undefined when the file declares it otherwise than the profile (the SDK's to read). */
function planField(
  globalNum: number,
  field: FieldDefinition,
  entry: FitProfileField,
): PlannedOther | undefined {
  if (entry.baseType === 'string') {
    // The SDK reads a string field as its first string, whatever its `array`.
    return field.baseTypeId === BASE_TYPE_STRING ? { kind: 'string', name: entry.name, at: field.at, size: field.size } : undefined;
  }
  const baseType = BASE_TYPES[entry.baseType];
  const declared = BASE_TYPES_BY_ID.get(field.baseTypeId);
  // The SDK reads by the declared base type: one read alike (an enum declared uint8, as the SDK's Encoder writes it) is the same value.
  const alike = declared !== undefined && baseType !== undefined && declared.reader === baseType.reader && declared.invalid === baseType.invalid;
  if (baseType === undefined || entry.array || !alike || field.size !== baseType.size) return undefined;
  // The SDK's #applyScaleAndOffset: not for developer data messages; several scales → raw; one → that one.
  const several = Array.isArray(entry.scale) && entry.scale.length > 1;
  const scale = typeof entry.scale === 'number' ? entry.scale : entry.scale[0];
  const offset = typeof entry.offset === 'number' ? entry.offset : entry.offset[0];
  const developerData = globalNum === MESG_NUM_FIELD_DESCRIPTION || globalNum === MESG_NUM_DEVELOPER_DATA_ID;
  const scaled = NUMERIC_FIELD_TYPES.has(entry.type) && !several && !developerData;
  if (scaled && (scale === undefined || offset === undefined)) return undefined;
  return { kind: 'number', name: entry.name, at: field.at, reader: baseType.reader, invalid: baseType.invalid, scaled, scale: scale ?? 1, offset: offset ?? 0 };
}

function readNumber(view: DataView, p: number, littleEndian: boolean, field: Extract<PlannedOther, { kind: 'number' }>): number | undefined {
  const raw = readRaw(view, p, littleEndian, field.reader);
  if (raw === field.invalid) return undefined;
  return field.scaled ? raw / field.scale - field.offset : raw;
}

/** As the SDK's Stream reads a string: UTF-8 without the replacement character, up to the first NUL; absent when there is none but NULs. */
const UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

function readString(view: DataView, p: number, size: number): string | undefined {
  const strings = UTF8.decode(new Uint8Array(view.buffer, view.byteOffset + p, size)).replace(/\uFFFD/g, '').split('\0');
  while (strings.length > 0 && strings[strings.length - 1] === '') strings.pop();
  return strings[0];
}
