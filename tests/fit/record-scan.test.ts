/**
 * The lean record path (src/fit/record-scan.ts) against the plain SDK read,
 * differentially: on every file, decodeActivity gives the same result with
 * and without it, and readFit the same messages (records cut to the fields
 * the scanner decodes). Files: the shared corpus (runs/ and odd/, read in
 * place, skipped when absent), examples/*.fit, and fixtures made here with
 * the SDK's Encoder (some then rewritten big-endian or patched byte by byte
 * by the walker below). Then the files the scanner must leave to the SDK.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CrcCalculator, Decoder, Encoder, Stream } from '@garmin/fitsdk';
import type { DeveloperDataIdMesg, Encodable, FieldDescriptionMesg, Mesg } from '@garmin/fitsdk';
import { describe, expect, test, vi } from 'vitest';
import { decodeActivity, type DecodeResult } from '../../src/fit/decode.ts';
import { encodeActivity } from '../../src/fit/encode.ts';
import { isFields, listOf } from '../../src/fit/fields.ts';
import { developerFieldsReadable, RECORD_FIELD_NAMES, scanRecords } from '../../src/fit/record-scan.ts';
import { readFit, type ReadOptions } from '../../src/fit/sdk-read.ts';
import { decodeActivityLean } from '../../src/fit/decode-lean.ts';
import { readFitLean } from '../../src/fit/lean-read.ts';
import { PROFILE_MESSAGES } from '../../src/fit/fit-profile.ts';
import { corpusAvailable, corpusFiles, corpusPath } from '../corpus.ts';
import { appendToData, fitSeconds, makeRun, MESG, RUN_START_MS, writeFit } from './make-run.ts';
import { concatBytes } from '../support/bytes.ts';

/** decodeActivity calls readFit without `lean` (records go to its `onRecord` on the lean path); this switch picks the path it takes. */
const path$ = vi.hoisted(() => ({ lean: true }));
vi.mock('../../src/fit/sdk-read.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/fit/sdk-read.ts')>();
  return {
    ...actual,
    readFit: (bytes: Uint8Array, options?: ReadOptions) => actual.readFit(bytes, { ...options, lean: options?.lean ?? path$.lean }),
  };
});

function decodeBoth(bytes: Uint8Array): { lean: DecodeResult; sdk: DecodeResult } {
  path$.lean = true;
  const lean = decodeActivity(bytes);
  path$.lean = false;
  const sdk = decodeActivity(bytes);
  path$.lean = true;
  return { lean, sdk };
}

const WANTED: ReadonlySet<string> = new Set(RECORD_FIELD_NAMES);

/** The SDK's record cut to the fields the scanner decodes. */
function cut(record: unknown): unknown {
  return isFields(record) ? Object.fromEntries(Object.entries(record).filter(([name]) => WANTED.has(name))) : record;
}

function isIntact(bytes: Uint8Array): boolean {
  return new Decoder(Stream.fromArrayBuffer(bytes.slice().buffer)).checkIntegrity();
}

/** Whether readFit took the lean path for these bytes. */
function takesLeanPath(bytes: Uint8Array): boolean {
  const read = readFit(bytes);
  return read.kind === 'read' && read.lean;
}

/** The SDK's messages other than records, each cut to the fields the SDK-free reader takes (src/fit/profile-table.ts); kinds it does not take left out. */
function cutToTable(messages: { readonly [key: string]: unknown }): { [key: string]: unknown[] } {
  const cutMessages: { [key: string]: unknown[] } = {};
  for (const [num, profile] of Object.entries(PROFILE_MESSAGES)) {
    if (Number(num) === MESG.record || !(profile.messagesKey in messages)) continue;
    const names = new Set(Object.values(profile.fields).map((field) => field.name));
    cutMessages[profile.messagesKey] = listOf(messages[profile.messagesKey]).map((message) =>
      isFields(message) ? Object.fromEntries(Object.entries(message).filter(([name]) => names.has(name))) : message,
    );
  }
  return cutMessages;
}

/**
 * The SDK-free read (src/fit/lean-read.ts, src/fit/decode-lean.ts), where it
 * answers: decodeActivity's result exactly, and the SDK's messages cut to the
 * table's fields. Whether it answers is for the callers to say.
 */
function expectSdkFreeSame(bytes: Uint8Array, sdk: DecodeResult): boolean {
  const sdkFree = decodeActivityLean(bytes);
  if (sdkFree === undefined) return false;
  expect(sdkFree).toStrictEqual(sdk);
  // An empty file is refused before any reading.
  if (bytes.byteLength === 0) return true;
  let handed = 0;
  const read = readFitLean(bytes, () => handed++);
  const sdkRead = readFit(bytes, { lean: false });
  if (read === undefined || read.kind === 'error' || sdkRead.kind === 'error') throw new Error('the SDK-free read answered for decoding but not for reading');
  const { recordMesgs: _records, ...others } = read.messages;
  expect(others).toStrictEqual(cutToTable(sdkRead.messages));
  expect([handed, read.streamed, read.intact, read.problem]).toStrictEqual([listOf(sdkRead.messages['recordMesgs']).length, handed, sdkRead.intact, sdkRead.problem]);
  return true;
}

/** The differential check: decodeActivity's whole result, and readFit's messages. */
function expectSamePaths(bytes: Uint8Array): boolean {
  const { lean, sdk } = decodeBoth(bytes);
  expect(lean).toStrictEqual(sdk);
  const sdkFree = expectSdkFreeSame(bytes, sdk);

  const leanRead = readFit(bytes, { lean: true });
  const sdkRead = readFit(bytes, { lean: false });
  if (leanRead.kind === 'error' || sdkRead.kind === 'error') {
    expect(leanRead).toStrictEqual(sdkRead);
    return sdkFree;
  }
  const { recordMesgs: leanRecords, ...leanOthers } = leanRead.messages;
  const { recordMesgs: sdkRecords, ...sdkOthers } = sdkRead.messages;
  expect(leanOthers).toStrictEqual(sdkOthers);
  expect(leanRecords === undefined).toBe(sdkRecords === undefined);
  expect(sdkRead.lean).toBe(false);
  expect(listOf(leanRecords)).toStrictEqual(leanRead.lean ? listOf(sdkRecords).map(cut) : listOf(sdkRecords));
  expect({ ...leanRead, messages: null, lean: false }).toStrictEqual({ ...sdkRead, messages: null });
  return sdkFree;
}

// ---------------------------------------------------------------------------
// A walker over a FIT file's messages, for rewriting fixtures (the project's own, not the SDK's)

/** Byte size of each FIT base type, by id (the SDK's fit.js). */
const BASE_TYPE_SIZE: readonly number[] = [1, 1, 1, 2, 2, 4, 4, 1, 4, 8, 1, 2, 4, 1, 8, 8, 8];

interface FieldAt {
  readonly num: number;
  /** Offset of the field's bytes in the file. */
  readonly at: number;
  readonly size: number;
  readonly baseTypeSize: number;
}

interface WalkedMessage {
  readonly globalNum: number;
  /** Offset of the definition message that describes this data message. */
  readonly definitionAt: number;
  readonly fields: readonly FieldAt[];
}

/** Calls `visit` for each data message of a one-file, normal-header FIT file, then fixes its CRC. */
function rewrite(fit: Uint8Array, visit: (view: DataView, message: WalkedMessage) => void, onDefinition?: (view: DataView, at: number) => void): Uint8Array {
  const out = fit.slice();
  const view = new DataView(out.buffer);
  const headerSize = view.getUint8(0);
  const dataEnd = headerSize + view.getUint32(4, true);
  const locals: Array<{ definitionAt: number; globalNum: number; fields: Array<Omit<FieldAt, 'at'>>; developerSize: number }> = [];
  let p = headerSize;
  while (p < dataEnd) {
    const header = view.getUint8(p);
    if ((header & 0x80) !== 0) throw new Error('rewrite: compressed-timestamp header');
    if ((header & 0x40) !== 0) {
      const littleEndian = view.getUint8(p + 2) === 0;
      const globalNum = view.getUint16(p + 3, littleEndian);
      const count = view.getUint8(p + 5);
      const fields = Array.from({ length: count }, (_, i) => ({
        num: view.getUint8(p + 6 + 3 * i),
        size: view.getUint8(p + 7 + 3 * i),
        baseTypeSize: BASE_TYPE_SIZE[view.getUint8(p + 8 + 3 * i) & 0x1f] ?? 1,
      }));
      let end = p + 6 + 3 * count;
      let developerSize = 0;
      if ((header & 0x20) !== 0) {
        const developerCount = view.getUint8(end);
        for (let j = 0; j < developerCount; j++) developerSize += view.getUint8(end + 2 + 3 * j);
        end += 1 + 3 * developerCount;
      }
      locals[header & 0x0f] = { definitionAt: p, globalNum, fields, developerSize };
      onDefinition?.(view, p);
      p = end;
    } else {
      const local = locals[header & 0x0f];
      if (local === undefined) throw new Error('rewrite: data message without a definition');
      let at = p + 1;
      const fields: FieldAt[] = [];
      for (const field of local.fields) {
        fields.push({ ...field, at });
        at += field.size;
      }
      visit(view, { globalNum: local.globalNum, definitionAt: local.definitionAt, fields });
      p = at + local.developerSize;
    }
  }
  view.setUint16(dataEnd, CrcCalculator.calculateCRC(out, 0, dataEnd), true);
  return out;
}

/**
 * The same file with the definitions of the chosen messages written
 * big-endian (architecture 1) and their fields byte-swapped, element by
 * element. Developer field bytes stay as they are.
 */
function toBigEndian(fit: Uint8Array, chosen: (globalNum: number) => boolean): Uint8Array {
  const swapped = new Set<number>();
  return rewrite(
    fit,
    (view, message) => {
      if (!swapped.has(message.definitionAt)) return;
      const bytes = new Uint8Array(view.buffer);
      for (const { at, size, baseTypeSize } of message.fields) {
        if (baseTypeSize > 1 && size % baseTypeSize === 0) {
          for (let k = at; k < at + size; k += baseTypeSize) bytes.subarray(k, k + baseTypeSize).reverse();
        }
      }
    },
    (view, at) => {
      const globalNum = view.getUint16(at + 3, true);
      if (view.getUint8(at + 2) !== 0 || !chosen(globalNum)) return;
      view.setUint8(at + 2, 1);
      view.setUint16(at + 3, globalNum, false);
      swapped.add(at);
    },
  );
}

/** Sets a one-byte field in every data message of one global message. */
function patchByte(fit: Uint8Array, globalNum: number, fieldNum: number, value: number): Uint8Array {
  return rewrite(fit, (view, message) => {
    if (message.globalNum !== globalNum) return;
    for (const field of message.fields) if (field.num === fieldNum) view.setUint8(field.at, value);
  });
}

/** The same file with its last (CRC) byte changed: every message intact, the integrity check failed. */
function crcBroken(fit: Uint8Array): Uint8Array {
  const out = fit.slice();
  out[out.length - 1] = (out[out.length - 1] ?? 0) ^ 0xff;
  return out;
}

// ---------------------------------------------------------------------------
// Fixtures, made with the Encoder

type Message = Encodable<Mesg> & Record<string, unknown>;

const START = fitSeconds(RUN_START_MS);
const FILE_ID: Message = { mesgNum: MESG.fileId, type: 'activity', manufacturer: 'garmin' };
const timer = (at: number, eventType: 'start' | 'stopAll'): Message => ({ mesgNum: MESG.event, timestamp: at, event: 'timer', eventType, eventGroup: 0 });
const session = (count: number): Message => ({
  mesgNum: MESG.session,
  timestamp: START + count,
  startTime: START,
  totalElapsedTime: count,
  totalTimerTime: count,
  sport: 'running',
});

/** Semicircles of a point near Utrecht, moving north at about 2.9 m/s with i (seconds). */
const lat = (i: number): number => Math.round((52.09 + i * 2.6e-5) * (2 ** 31 / 180));
const lon = (i: number): number => Math.round((5.12 + i * 1e-7) * (2 ** 31 / 180));

/** FIT's invalid values, written raw: what a watch logs for "no reading". */
const INVALID = { uint8: 0xff, uint16Speed: 0xffff / 1000, uint32Speed: 0xffffffff / 1000, sint32: 0x7fffffff, altitude: 0xffff / 5 - 500, timestamp: 0xffffffff } as const;

/** 0xFF heart rate, 0xFFFF speed, missing or invalid position and altitude, an untimed record. */
function invalidValues(): Uint8Array {
  const records = Array.from({ length: 400 }, (_, i): Message => {
    const record: Message = {
      mesgNum: MESG.record,
      timestamp: i === 123 ? INVALID.timestamp : START + i,
      heartRate: i % 7 === 0 ? INVALID.uint8 : 130 + (i % 11),
      speed: i % 5 === 0 ? INVALID.uint16Speed : 2.8 + (i % 13) / 100,
      distance: i * 2.85,
      altitude: i % 9 === 0 ? INVALID.altitude : 10 + (i % 17) / 5,
      cadence: i % 6 === 0 ? INVALID.uint8 : 83,
      fractionalCadence: i % 4 === 0 ? INVALID.uint8 / 128 : 0.5,
    };
    if (i % 10 !== 3) {
      record['positionLat'] = i % 10 === 4 ? INVALID.sint32 : lat(i);
      record['positionLong'] = i % 10 === 5 ? INVALID.sint32 : lon(i);
    }
    return record;
  });
  return writeFit([FILE_ID, timer(START, 'start'), ...records, timer(START + 400, 'stopAll'), session(400)]);
}

/** Plain, enhanced and both spellings of speed and altitude, disagreeing where both; cadence256 in some. */
function speedAndAltitude(): Uint8Array {
  const records = Array.from({ length: 400 }, (_, i): Message => {
    const base = { mesgNum: MESG.record, timestamp: START + i, heartRate: 135 };
    switch (i % 4) {
      case 0:
        return { ...base, speed: 2.9, altitude: 12.4 };
      case 1:
        return { ...base, enhancedSpeed: 3.1, enhancedAltitude: 1234.6 };
      case 2:
        return { ...base, speed: 2.7, enhancedSpeed: 3.001, altitude: 3.2, enhancedAltitude: -12.2 };
      default:
        return { ...base, enhancedSpeed: INVALID.uint32Speed, speed: 3.05, cadence256: 84.25 };
    }
  });
  return writeFit([FILE_ID, timer(START, 'start'), ...records, timer(START + 400, 'stopAll'), session(400)]);
}

/**
 * Records whose field set and order change every 15 records: 24 definitions
 * for 16 local message types, so local types are reused for other layouts,
 * with laps between them. Each layout has its own field set: the Encoder
 * (21.217) takes two definitions with the same fields in another order for
 * equal and writes the second order under the first definition.
 */
function redefined(): Uint8Array {
  const entries = (i: number): Array<[string, number]> => [
    ['heartRate', 128 + (i % 9)],
    ['speed', 2.9 + (i % 7) / 100],
    ['distance', i * 2.9],
    ['positionLat', lat(i)],
    ['positionLong', lon(i)],
    ['enhancedAltitude', 5 + (i % 3)],
    ['cadence', 82 + (i % 3)],
    ['power', 250],
  ];
  const messages: Message[] = [FILE_ID, timer(START, 'start')];
  for (let i = 0; i < 360; i++) {
    const layout = Math.floor(i / 15);
    const all = entries(i);
    // Drop two fields, {l, l+1}, {l, l+2} or {l, l+3} mod 8: 24 distinct sets; then rotate, the timestamp somewhere inside.
    const first = layout % all.length;
    const second = (layout + 1 + Math.floor(layout / all.length)) % all.length;
    const kept: Array<[string, number]> = all.filter((_, k) => k !== first && k !== second);
    kept.splice(layout % (kept.length + 1), 0, ['timestamp', START + i]);
    const turn = layout % kept.length;
    messages.push({ mesgNum: MESG.record, ...Object.fromEntries([...kept.slice(turn), ...kept.slice(0, turn)]) });
    if (i % 15 === 14) messages.push({ mesgNum: MESG.lap, timestamp: START + i, startTime: START + i - 14, messageIndex: layout });
  }
  messages.push(timer(START + 360, 'stopAll'), session(360));
  return writeFit(messages);
}

const DEVELOPER_DATA_ID: Encodable<DeveloperDataIdMesg> = {
  mesgNum: 207,
  developerDataIndex: 0,
  applicationId: Array.from({ length: 16 }, (_, i) => i),
};
const developerField = (fieldDefinitionNumber: number, fitBaseTypeId: number, fieldName: string): Encodable<FieldDescriptionMesg> => ({
  mesgNum: 206,
  developerDataIndex: 0,
  fieldDefinitionNumber,
  fitBaseTypeId,
  fieldName,
  nativeMesgNum: MESG.record,
});

/** Developer fields (uint16 power, uint8 and sint32 extras) in most records, as Connect IQ apps and Stryd write them. */
function developerFields(options: { readonly inEvents?: boolean } = {}): Uint8Array {
  const descriptions = [developerField(0, 0x84, 'Power'), developerField(1, 0x02, 'Form'), developerField(2, 0x85, 'Offset')];
  const encoder = new Encoder({
    fieldDescriptions: Object.fromEntries(descriptions.map((d, key) => [key, { developerDataIdMesg: DEVELOPER_DATA_ID, fieldDescriptionMesg: d }])),
  });
  encoder.writeMesg(FILE_ID);
  encoder.writeMesg(DEVELOPER_DATA_ID);
  for (const description of descriptions) encoder.writeMesg(description);
  encoder.writeMesg(timer(START, 'start'));
  for (let i = 0; i < 400; i++) {
    const developer: Record<number, number> = i % 3 === 0 ? { 1: 40 + (i % 5) } : { 0: 240 + (i % 20), 1: 41, 2: -i };
    encoder.writeMesg({ mesgNum: MESG.record, timestamp: START + i, heartRate: 140, speed: 3, distance: 3 * i, developerFields: developer } as Message);
    if (options.inEvents === true && i % 100 === 50) {
      encoder.writeMesg({ mesgNum: MESG.event, timestamp: START + i, event: 'userMarker', eventType: 'marker', developerFields: { 1: 7 } } as Message);
    }
  }
  encoder.writeMesg(timer(START + 400, 'stopAll'));
  encoder.writeMesg(session(400));
  return encoder.close();
}

const everyChannel = encodeActivity({ inputs: makeRun(), productName: 'paceguard record-scan', developerFieldNames: ['Power'] });

const FIXTURES: ReadonlyArray<readonly [string, Uint8Array]> = [
  ['encodeActivity, every channel, a pause', everyChannel],
  ['encodeActivity, big-endian throughout', toBigEndian(everyChannel, () => true)],
  ['encodeActivity, big-endian records, little-endian everything else', toBigEndian(everyChannel, (g) => g === MESG.record)],
  ['encodeActivity, heart rate only, smart recording', encodeActivity({ inputs: makeRun({ channels: ['hr'], everySec: 5 }) })],
  ['invalid values: 0xFF heart rate, 0xFFFF speed, missing or invalid position, an untimed record', invalidValues()],
  ['invalid values, big-endian', toBigEndian(invalidValues(), () => true)],
  ['plain, enhanced and both speed and altitude, cadence256', speedAndAltitude()],
  ['records redefined mid-file: 24 layouts over 16 local types', redefined()],
  ['records redefined mid-file, big-endian records', toBigEndian(redefined(), (g) => g === MESG.record)],
  ['developer fields in records', developerFields()],
  ['developer fields in records and events, big-endian records', toBigEndian(developerFields({ inEvents: true }), (g) => g === MESG.record)],
];

// ---------------------------------------------------------------------------

describe('the lean path equals the SDK-only path', () => {
  describe('fixtures made with the Encoder (each taking the lean path)', () => {
    test.each(FIXTURES)('%s', (_name, bytes) => {
      expect(takesLeanPath(bytes)).toBe(true);
      const { lean } = decodeBoth(bytes);
      expect(lean.ok ? 'ok' : lean.error).toBe('ok');
      // …and the SDK-free reader reads each of them, to the same result.
      expect(expectSamePaths(bytes)).toBe(true);
    });

    test('the big-endian rewrite itself is faithful: the SDK reads the same activity from both', () => {
      path$.lean = false;
      try {
        expect(decodeActivity(toBigEndian(everyChannel, () => true))).toStrictEqual(decodeActivity(everyChannel));
        expect(decodeActivity(toBigEndian(redefined(), () => true))).toStrictEqual(decodeActivity(redefined()));
      } finally {
        path$.lean = true;
      }
    });
  });

  const examplesDir = path.resolve(import.meta.dirname, '../../examples');
  const examples = readdirSync(examplesDir).filter((name) => name.endsWith('.fit')).sort();
  test.each(examples)('examples/%s', (name) => {
    const bytes = new Uint8Array(readFileSync(path.join(examplesDir, name)));
    expect(takesLeanPath(bytes)).toBe(true);
    expect(expectSamePaths(bytes)).toBe(true);
  });

  describe.skipIf(!corpusAvailable)('the shared corpus (skipped: no ../shared/corpus)', () => {
    test.each(corpusFiles('runs'))('runs/%s (takes the lean path)', (name) => {
      const bytes = new Uint8Array(readFileSync(corpusPath('runs', name)));
      expect(takesLeanPath(bytes)).toBe(true);
      expect(expectSamePaths(bytes)).toBe(true);
    });

    test.each(corpusFiles('odd'))('odd/%s', (name) => {
      const bytes = new Uint8Array(readFileSync(corpusPath('odd', name)));
      const plain = readFit(bytes, { lean: false });
      if (plain.kind === 'read' && plain.problem?.kind === 'compressed' && isIntact(bytes)) {
        // Compressed-timestamp records, which the SDK alone cannot read: the lean paths read more than it does (tests/fit/compressed.test.ts).
        expect(takesLeanPath(bytes)).toBe(true);
        expect(decodeActivity(bytes)).toStrictEqual(decodeActivityLean(bytes));
        return;
      }
      expectSamePaths(bytes);
    });
  });
});

describe('rest: the file without its records', () => {
  test('is an intact FIT file with every other message, and the record definitions', () => {
    const scanned = scanRecords(everyChannel);
    if (scanned === undefined) throw new Error('expected a scan');
    expect(isIntact(scanned.rest)).toBe(true);
    const rest = new Decoder(Stream.fromArrayBuffer(scanned.rest.slice().buffer)).read();
    const whole = new Decoder(Stream.fromArrayBuffer(everyChannel.slice().buffer)).read();
    expect(rest.errors).toEqual([]);
    expect(rest.messages.recordMesgs).toEqual([]);
    expect({ ...rest.messages, recordMesgs: [] }).toStrictEqual({ ...whole.messages, recordMesgs: [] });
    expect(scanned.records).toHaveLength(380);
    expect(scanned.recordCount).toBe(380);
  });

  test('onRecord is handed each record, the same values as kept ones, and none is kept', () => {
    const kept = scanRecords(everyChannel);
    const handed: Array<Record<string, number>> = [];
    const streamed = scanRecords(everyChannel, (record) => {
      handed.push(Object.fromEntries(Object.entries(record).filter((entry): entry is [string, number] => entry[1] !== undefined)));
    });
    if (kept === undefined || streamed === undefined) throw new Error('expected a scan');
    expect(handed).toStrictEqual(kept.records);
    expect(streamed.records).toEqual([]);
    expect(streamed.recordCount).toBe(380);
    expect(streamed.rest).toStrictEqual(kept.rest);
  });

  test('readFit with onRecord: the lean path streams them, the plain one keeps them', () => {
    let handed = 0;
    const lean = readFit(everyChannel, { onRecord: () => handed++ });
    const plain = readFit(everyChannel, { lean: false, onRecord: () => handed++ });
    if (lean.kind !== 'read' || plain.kind !== 'read') throw new Error('expected reads');
    expect([lean.lean, lean.streamed, handed]).toStrictEqual([true, 380, 380]);
    expect(listOf(lean.messages['recordMesgs'])).toEqual([]);
    expect([plain.lean, plain.streamed, listOf(plain.messages['recordMesgs']).length]).toStrictEqual([false, undefined, 380]);
  });
});

describe('files the scanner leaves to the SDK: scanRecords gives undefined, decodeActivity what the SDK gives', () => {
  const records = (count: number, extra: Record<string, unknown> = {}): Message[] =>
    Array.from({ length: count }, (_, i) => ({ mesgNum: MESG.record, timestamp: START + i, heartRate: 130, speed: 3, ...extra }));
  const hrMessages: Message[] = [
    { mesgNum: MESG.hr, timestamp: START, fractionalTimestamp: 0, eventTimestamp: [0], filteredBpm: [120] },
    ...Array.from({ length: 40 }, (_, batch): Message => ({
      mesgNum: MESG.hr,
      eventTimestamp: Array.from({ length: 8 }, (_, k) => batch * 8 + k + 1),
      filteredBpm: Array.from({ length: 8 }, () => 120 + batch),
    })),
  ];
  /** A bad developer base type: 31 masks to no FIT base type; the SDK throws on the first message carrying the field. */
  const badDeveloperType = (inEvents: boolean): Uint8Array => patchByte(developerFields({ inEvents }), 206, 2, 0x1f);

  const CASES: ReadonlyArray<readonly [string, Uint8Array, 'scan' | 'rest']> = [
    // tests/fit/compressed.test.ts reads whole files of compressed-timestamp records, and the ones it leaves to the SDK.
    ['a compressed-timestamp header the file ends inside', appendToData(everyChannel, [0x80 | 5]), 'scan'],
    ['hr messages', writeFit([FILE_ID, ...records(320, { heartRate: undefined }), ...hrMessages]), 'scan'],
    ['chained files', concatBytes(everyChannel, encodeActivity({ inputs: makeRun({ startMs: RUN_START_MS + 3_600_000 }) })), 'scan'],
    ['a truncated file', everyChannel.slice(0, Math.floor(everyChannel.byteLength * 0.6)), 'scan'],
    ['bytes after the CRC', concatBytes(everyChannel, new Uint8Array([0, 0, 0])), 'scan'],
    ['compressed speed/distance in records with ordinary headers', writeFit([FILE_ID, ...records(300, { speed: undefined, compressedSpeedDistance: [44, 1, 0] })]), 'scan'],
    ['a record the SDK throws on (cycles with totalCycles)', writeFit([FILE_ID, ...records(300), ...records(5, { cycles: 3, totalCycles: 90 })]), 'scan'],
    ['a wanted field of another size (heart rate as two bytes)', writeFit([FILE_ID, ...records(300), ...records(5, { heartRate: [150, 151] })]), 'scan'],
    ['a data message for an undefined local type', appendToData(everyChannel, [0x0f]), 'scan'],
    ['a developer field in records with a base type FIT lacks', badDeveloperType(false), 'rest'],
    ['an error in the rest (the same developer field in an event)', badDeveloperType(true), 'rest'],
    // The SDK-free reader checks what the SDK's integrity check and its developer data need, and leaves these to it too.
    ['a file whose data CRC fails', crcBroken(everyChannel), 'rest'],
    ['a field description without its developer data index (the SDK throws)', patchByte(developerFields({ inEvents: false }), 206, 0, 0xff), 'rest'],
    ['a developer data id without its index (the SDK throws)', patchByte(developerFields({ inEvents: false }), 207, 3, 0xff), 'rest'],
  ];

  test.each(CASES)('%s', (_name, bytes, where) => {
    if (where === 'scan') expect(scanRecords(bytes)).toBeUndefined();
    else expect(scanRecords(bytes)).toBeDefined();
    expect(takesLeanPath(bytes)).toBe(false);
    const { lean, sdk } = decodeBoth(bytes);
    expect(lean).toStrictEqual(sdk);
    // Nor does the SDK-free reader read any of them.
    expect(expectSamePaths(bytes)).toBe(false);
  });

  test('the hr file still gets its merged heart rate', () => {
    const bytes = writeFit([FILE_ID, ...records(320, { heartRate: undefined }), ...hrMessages]);
    const result = decodeBoth(bytes).lean;
    if (!result.ok) throw new Error(result.error);
    expect(result.info.channels.hr).toBe(true);
  });

  test('nothing at all, or not FIT', () => {
    expect(scanRecords(new Uint8Array(0))).toBeUndefined();
    expect(scanRecords(new TextEncoder().encode('<?xml version="1.0"?><gpx></gpx>'))).toBeUndefined();
    expect(scanRecords(everyChannel.subarray(0, 13))).toBeUndefined();
  });
});

describe('developerFieldsReadable', () => {
  test.each([
    ['no descriptions', [], true],
    ['FIT base types', [{ fitBaseTypeId: 0x84 }, { fitBaseTypeId: 0x02 }, { fitBaseTypeId: 0x90 }], true],
    ['an absent base type (the SDK reads enum)', [{ fieldName: 'x' }], true],
    ['a base type FIT lacks', [{ fitBaseTypeId: 0x84 }, { fitBaseTypeId: 0x1f }], false],
    ['an array', [{ fitBaseTypeId: [2, 2] }], false],
  ])('%s', (_name, descriptions, readable) => {
    expect(developerFieldsReadable(descriptions)).toBe(readable);
  });
});
