/**
 * Compressed-timestamp headers and compressed speed/distance
 * (src/fit/compressed.ts), which the SDK cannot read together: the steps by
 * table; then whole files, made with the SDK's Encoder with ordinary headers
 * (which the SDK reads) and rewritten here with compressed-timestamp headers
 * (which it cannot), read to the same activity; then the corpus's Forerunner
 * 70 run, checked for plausibility (python-fitparse checks it against a CSV
 * we do not have).
 */
import { readFileSync } from 'node:fs';
import { CrcCalculator } from '@garmin/fitsdk';
import type { Encodable, Mesg } from '@garmin/fitsdk';
import { describe, expect, test } from 'vitest';
import {
  COMPRESSED_SPEED_DISTANCE_READABLE,
  compressedLocalMesgNum,
  compressedTimestamp,
  distanceAccumulator,
  readCompressedSpeedDistance,
} from '../../src/fit/compressed.ts';
import { decodeActivity } from '../../src/fit/decode.ts';
import { decodeActivityLean } from '../../src/fit/decode-lean.ts';
import { isFields, listOf } from '../../src/fit/fields.ts';
import { readFitLean } from '../../src/fit/lean-read.ts';
import { scanRecords, type RecordFields } from '../../src/fit/record-scan.ts';
import { readFit } from '../../src/fit/sdk-read.ts';
import { FIT_EPOCH_MS } from '../../src/fit/units.ts';
import { corpusAvailable, corpusPath } from '../corpus.ts';
import { fitSeconds, MESG, RUN_START_MS, samplesOf, writeFit } from './make-run.ts';

// ---------------------------------------------------------------------------
// The steps

describe('compressedTimestamp: (last & ~0x1F) + offset, + 32 s when the offset wrapped', () => {
  test.each([
    // last, offset, expected: the case it shows
    [1000, 8, 1000 - 8 + 8, 'offset equal to last & 0x1F: the same second'],
    [1000, 13, 1005, 'offset above last & 0x1F (1000 & 0x1F = 8): same 32-s window'],
    [1000, 31, 1023, 'to the end of the window'],
    [1023, 0, 1024, 'rollover: offset 0 after 31 is the next window'],
    [1020, 3, 1027, 'rollover: offset 3 after 28'],
    [1000, 7, 1031, 'rollover: offset just below last & 0x1F is 31 s on'],
    [992, 0, 992, 'last on a window boundary, offset 0: the same second'],
    [0, 5, 5, 'from time 0'],
    [0xffffffe0 - 1, 0, 0xffffffe0, 'near the top of FIT seconds: no 32-bit wrap in between'],
  ])('last %i, offset %i → %i (%s)', (last, offset, expected) => {
    expect(compressedTimestamp(last, 0x80 | offset)).toBe(expected);
    // The local message type in bits 5-6 does not change the time.
    expect(compressedTimestamp(last, 0x80 | (3 << 5) | offset)).toBe(expected);
  });

  test('a chain of headers rebuilds every second of a 100 s stretch, across three rollovers', () => {
    const first = 17217864;
    let last = first;
    for (let t = first + 1; t < first + 100; t++) {
      const rebuilt = compressedTimestamp(last, 0x80 | (t & 0x1f));
      expect(rebuilt).toBe(t);
      last = rebuilt;
    }
  });
});

test.each([
  [0x80, 0],
  [0x9f, 0],
  [0xa0, 1],
  [0xc5, 2],
  [0xff, 3],
])('header 0x%s names local message type %i', (header, local) => {
  expect(compressedLocalMesgNum(header)).toBe(local);
});

describe('readCompressedSpeedDistance: 12 bits speed (1/100 m/s), 12 bits distance (1/16 m, accumulated)', () => {
  /** The 3 bytes for a speed and a 12-bit distance, little-endian bit order. */
  const bytes = (speedRaw: number, distanceRaw: number): number[] => {
    const bits = speedRaw | (distanceRaw << 12);
    return [bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff];
  };
  const read = (messages: ReadonlyArray<readonly number[]>): Array<Record<string, number | undefined>> => {
    const accumulator = distanceAccumulator();
    return messages.map((b) => {
      const record: Record<string, number | undefined> = {};
      readCompressedSpeedDistance(new DataView(new Uint8Array(b).buffer), 0, accumulator, record);
      return record;
    });
  };

  test('the profile field is as this reader expects', () => {
    expect(COMPRESSED_SPEED_DISTANCE_READABLE).toBe(true);
  });

  test.each([
    ['first value taken as it is', [bytes(354, 0)], [{ speed: 3.54, distance: 0 }]],
    ['first value not zero', [bytes(355, 228)], [{ speed: 3.55, distance: 14.25 }]],
    ['differences add up', [bytes(300, 100), bytes(301, 150), bytes(0, 150)], [{ speed: 3, distance: 6.25 }, { speed: 3.01, distance: 9.375 }, { speed: 0, distance: 9.375 }]],
    ['the 12-bit distance wraps at 4096 (256 m): still rising', [bytes(300, 4090), bytes(300, 10)], [{ speed: 3, distance: 4090 / 16 }, { speed: 3, distance: (4090 + 16) / 16 }]],
    ['top speed 40.95 m/s', [bytes(4095, 0)], [{ speed: 40.95, distance: 0 }]],
    ['all bytes 0xFF: no value, and the accumulator untouched', [bytes(100, 16), [0xff, 0xff, 0xff], bytes(100, 32)], [{ speed: 1, distance: 1 }, {}, { speed: 1, distance: 2 }]],
  ])('%s', (_name, messages, expected) => {
    expect(read(messages)).toStrictEqual(expected);
  });
});

// ---------------------------------------------------------------------------
// Whole files: ordinary headers (the SDK reads them) against compressed ones (it cannot)

type Message = Encodable<Mesg> & Record<string, unknown>;

const START = fitSeconds(RUN_START_MS);
const FILE_ID: Message = { mesgNum: MESG.fileId, type: 'activity', manufacturer: 'garmin' };
const timer = (at: number, eventType: 'start' | 'stopAll'): Message => ({ mesgNum: MESG.event, timestamp: at, event: 'timer', eventType, eventGroup: 0 });

/** Record gaps of 1-31 s (smart recording, a stop), so that the 32-s window rolls over in many ways; distance passes 256 m many times. */
const GAPS_SEC = [1, 1, 2, 5, 3, 7, 1, 13, 4, 31, 1, 6, 17, 2, 29, 1, 1, 9] as const;

/** An FR70-like run: timestamp, heart rate, cadence and compressed speed/distance in each record; records at GAPS_SEC. */
function ordinaryRun(count: number, options: { readonly speedDistance?: boolean | 'mostly' } = {}): { readonly bytes: Uint8Array; readonly endSec: number } {
  const speedDistance = options.speedDistance ?? true;
  const records: Message[] = [];
  let at = START;
  let distanceRaw = 0;
  for (let i = 0; i < count; i++) {
    const gap = GAPS_SEC[i % GAPS_SEC.length] ?? 1;
    at += gap;
    const speedRaw = 250 + ((i * 37) % 130);
    distanceRaw = (distanceRaw + Math.round((speedRaw / 100) * gap * 16)) & 0xfff;
    const bits = speedRaw | (distanceRaw << 12);
    const record: Message = { mesgNum: MESG.record, timestamp: at, heartRate: 140 + (i % 20), cadence: 84 + (i % 5) };
    // 'mostly': every third record has neither speed nor distance (another definition).
    if (speedDistance === true || (speedDistance === 'mostly' && i % 3 !== 0)) record['compressedSpeedDistance'] = [bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff];
    else if (speedDistance === false) record['speed'] = speedRaw / 100;
    records.push(record);
  }
  const session: Message = { mesgNum: MESG.session, timestamp: at, startTime: START, totalElapsedTime: at - START, totalTimerTime: at - START, sport: 'running' };
  return { bytes: writeFit([FILE_ID, timer(START, 'start'), ...records, timer(at, 'stopAll'), session]), endSec: at };
}

const TIMESTAMP = 253;

/**
 * The same file with every record written under a compressed-timestamp
 * header: each record definition loses its timestamp field, each record its
 * 4 timestamp bytes, the header carries the time's low 5 bits. Records must
 * use local types 0-3 and follow each other (or a full timestamp) within
 * 31 s. With `ordinaryEvery` n, every n-th record keeps its ordinary header
 * and timestamp, under the original definition written again before it (and
 * the compressed one after it). The project's own rewrite, for tests; throws
 * on what it does not do.
 */
function withCompressedTimestamps(fit: Uint8Array, ordinaryEvery = 0): Uint8Array {
  const view = new DataView(fit.buffer, fit.byteOffset, fit.byteLength);
  const headerSize = view.getUint8(0);
  const dataEnd = headerSize + view.getUint32(4, true);
  const out: number[] = Array.from(fit.subarray(0, headerSize));
  const locals: Array<{ globalNum: number; fields: Array<{ num: number; size: number }>; littleEndian: boolean; ordinary: number[]; compressed: number[] } | undefined> = [];
  /** Which definition each local type has in the output: the record's with or without its timestamp. */
  const written: Array<'ordinary' | 'compressed' | undefined> = [];
  let recordIndex = 0;
  let last: number | undefined;
  let p = headerSize;
  while (p < dataEnd) {
    const header = view.getUint8(p);
    if ((header & 0x80) !== 0 || (header & 0x20) !== 0) throw new Error('withCompressedTimestamps: compressed header or developer data in the input');
    const local = header & 0x0f;
    if ((header & 0x40) !== 0) {
      const littleEndian = view.getUint8(p + 2) === 0;
      const globalNum = view.getUint16(p + 3, littleEndian);
      const count = view.getUint8(p + 5);
      const fields = Array.from({ length: count }, (_, i) => ({ num: view.getUint8(p + 6 + 3 * i), size: view.getUint8(p + 7 + 3 * i), baseType: view.getUint8(p + 8 + 3 * i) }));
      const end = p + 6 + 3 * count;
      const kept = fields.filter((field) => field.num !== TIMESTAMP);
      const compressedDefinition = [...fit.subarray(p, p + 5), kept.length, ...kept.flatMap((field) => [field.num, field.size, field.baseType])];
      locals[local] = { globalNum, fields, littleEndian, ordinary: Array.from(fit.subarray(p, end)), compressed: compressedDefinition };
      if (globalNum === MESG.record) {
        if (local > 3) throw new Error('withCompressedTimestamps: a record on local type > 3');
        out.push(...compressedDefinition);
        written[local] = 'compressed';
      } else {
        out.push(...fit.subarray(p, end));
        written[local] = undefined;
      }
      p = end;
      continue;
    }
    const definition = locals[local];
    if (definition === undefined) throw new Error('withCompressedTimestamps: data without a definition');
    let at = p + 1;
    let timestamp: number | undefined;
    const bytes: number[] = [];
    for (const field of definition.fields) {
      if (field.num === TIMESTAMP) timestamp = view.getUint32(at, definition.littleEndian);
      else if (definition.globalNum === MESG.record) bytes.push(...fit.subarray(at, at + field.size));
      at += field.size;
    }
    const keepOrdinary = definition.globalNum === MESG.record && ordinaryEvery > 0 && recordIndex++ % ordinaryEvery === 0;
    if (definition.globalNum === MESG.record && written[local] !== (keepOrdinary ? 'ordinary' : 'compressed')) {
      out.push(...(keepOrdinary ? definition.ordinary : definition.compressed));
      written[local] = keepOrdinary ? 'ordinary' : 'compressed';
    }
    if (keepOrdinary) {
      out.push(...fit.subarray(p, at));
    } else if (definition.globalNum === MESG.record) {
      if (timestamp === undefined || last === undefined || timestamp - last > 31 || timestamp < last) throw new Error('withCompressedTimestamps: a record more than 31 s on');
      out.push(0x80 | (local << 5) | (timestamp & 0x1f), ...bytes);
    } else {
      out.push(...fit.subarray(p, at));
    }
    if (timestamp !== undefined) last = timestamp;
    p = at;
  }
  const result = new Uint8Array(out.length + 2);
  result.set(out);
  const outView = new DataView(result.buffer);
  outView.setUint32(4, out.length - headerSize, true);
  if (headerSize === 14) outView.setUint16(12, CrcCalculator.calculateCRC(result, 0, 12), true);
  outView.setUint16(out.length, CrcCalculator.calculateCRC(result, 0, out.length), true);
  return result;
}

/** Record fields both reads give: the SDK's `enhancedSpeed` (expanded from `speed`, 10x off in 21.217, see src/fit/records.ts) is left out. */
const COMPARED = ['timestamp', 'heartRate', 'cadence', 'speed', 'distance'] as const;
const cut = (record: unknown): Record<string, unknown> =>
  isFields(record) ? Object.fromEntries(COMPARED.flatMap((name) => (record[name] === undefined ? [] : [[name, record[name]]]))) : {};

describe('a file with compressed-timestamp headers reads as the same file with ordinary headers', () => {
  const ordinary = ordinaryRun(600);
  const compressed = withCompressedTimestamps(ordinary.bytes);

  test('the rewrite: the SDK reads the ordinary file, and stops at the first compressed header', () => {
    const sdkOrdinary = readFit(ordinary.bytes, { lean: false });
    const sdkCompressed = readFit(compressed, { lean: false });
    if (sdkOrdinary.kind !== 'read' || sdkCompressed.kind !== 'read') throw new Error('expected reads');
    expect(sdkOrdinary.problem).toBeUndefined();
    expect(listOf(sdkOrdinary.messages['recordMesgs'])).toHaveLength(600);
    expect(sdkCompressed.problem).toStrictEqual({ kind: 'compressed' });
    expect(listOf(sdkCompressed.messages['recordMesgs'])).toHaveLength(0);
    expect(compressed.byteLength).toBe(ordinary.bytes.byteLength - 600 * 4 - 3);
  });

  test('scanRecords gives the SDK\'s records of the ordinary file: timestamps rebuilt, speed and distance expanded', () => {
    const sdk = readFit(ordinary.bytes, { lean: false });
    if (sdk.kind !== 'read') throw new Error(sdk.error);
    const scanned = scanRecords(compressed);
    if (scanned === undefined) throw new Error('expected a scan');
    expect(scanned.records.map(cut)).toStrictEqual(listOf(sdk.messages['recordMesgs']).map(cut));
    // Distance wrapped at 256 m many times and kept rising.
    expect(scanned.records.at(-1)?.['distance']).toBeGreaterThan(10 * 256);
  });

  test('decodeActivity: the same result, to the byte, on either path', () => {
    const expected = decodeActivity(ordinary.bytes);
    if (!expected.ok) throw new Error(expected.error);
    expect(decodeActivity(compressed)).toStrictEqual(expected);
    expect(decodeActivityLean(compressed)).toStrictEqual(expected);
    expect(readFit(compressed).kind === 'read' && readFitLean(compressed, () => undefined)?.kind).toBe('read');
  });

  const mostly = ordinaryRun(60, { speedDistance: 'mostly' }).bytes;
  const plainSpeed = ordinaryRun(60, { speedDistance: false }).bytes;
  test.each([
    ['every third record with neither speed nor distance', mostly, withCompressedTimestamps(mostly)],
    ['every third record under an ordinary header, plain speed', plainSpeed, withCompressedTimestamps(plainSpeed, 3)],
  ])('records streamed to onRecord are the kept ones (the refilled record cleared of the last one\'s fields): %s', (_name, original, mixed) => {
    expect(decodeActivity(mixed)).toStrictEqual(decodeActivity(original));
    const kept = scanRecords(mixed);
    expect(kept?.recordCount).toBe(60);
    const handed: RecordFields[] = [];
    scanRecords(mixed, (record) => handed.push(Object.fromEntries(Object.entries(record).filter((entry): entry is [string, number] => entry[1] !== undefined))));
    expect(handed).toStrictEqual(kept?.records);
  });
});

describe('what the reader still leaves to the SDK (which stops with its compressed-timestamp error)', () => {
  const compressed = withCompressedTimestamps(ordinaryRun(100).bytes);
  const view = new DataView(compressed.buffer);
  const headerSize = view.getUint8(0);

  /** The offset of the first compressed header, found by a walk of the rewritten file's known layout. */
  function firstCompressedAt(bytes: Uint8Array): number {
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const sizes: number[] = [];
    let p = headerSize;
    for (;;) {
      const header = v.getUint8(p);
      if ((header & 0x80) !== 0) return p;
      if ((header & 0x40) !== 0) {
        const count = v.getUint8(p + 5);
        let size = 0;
        for (let i = 0; i < count; i++) size += v.getUint8(p + 7 + 3 * i);
        sizes[header & 0x0f] = size;
        p += 6 + 3 * count;
      } else {
        p += 1 + (sizes[header & 0x0f] ?? 0);
      }
    }
  }

  /** The same bytes with the timestamp of the first data message of `globalNum` set to 0xFFFFFFFF (FIT's invalid), CRC fixed. */
  function invalidTimestampIn(bytes: Uint8Array, globalNum: number): Uint8Array {
    const out = bytes.slice();
    const v = new DataView(out.buffer);
    const locals: Array<{ globalNum: number; size: number; timestampAt: number | undefined }> = [];
    let p = headerSize;
    for (;;) {
      const header = v.getUint8(p);
      if ((header & 0x40) !== 0 && (header & 0x80) === 0) {
        const count = v.getUint8(p + 5);
        let size = 0;
        let timestampAt: number | undefined;
        for (let i = 0; i < count; i++) {
          if (v.getUint8(p + 6 + 3 * i) === TIMESTAMP) timestampAt = size;
          size += v.getUint8(p + 7 + 3 * i);
        }
        locals[header & 0x0f] = { globalNum: v.getUint16(p + 3, true), size, timestampAt };
        p += 6 + 3 * count;
        continue;
      }
      const local = locals[(header & 0x80) !== 0 ? (header >> 5) & 3 : header & 0x0f];
      if (local === undefined) throw new Error('invalidTimestampIn: no definition');
      if (local.globalNum === globalNum && local.timestampAt !== undefined) {
        v.setUint32(p + 1 + local.timestampAt, 0xffffffff, true);
        return fixCrc(out);
      }
      p += 1 + local.size;
    }
  }

  test('compressed records after an invalid full timestamp (the start event\'s)', () => {
    const bytes = invalidTimestampIn(compressed, MESG.event);
    expect(scanRecords(bytes)).toBeUndefined();
    expect(readFitLean(bytes, () => undefined)).toBeUndefined();
    const result = decodeActivity(bytes);
    expect(result.ok ? 'ok' : result.error).toMatch(/compressed-timestamp records/);
  });

  test('a compressed header naming a local type whose message is not a record', () => {
    const at = firstCompressedAt(compressed);
    const bytes = compressed.slice();
    // Local type 0 is the file_id here (the Encoder numbers definitions as they come).
    bytes[at] = (bytes[at] ?? 0) & 0x9f;
    const fixed = fixCrc(bytes);
    expect(scanRecords(fixed)).toBeUndefined();
    expect(readFitLean(fixed, () => undefined)).toBeUndefined();
    const result = decodeActivity(fixed);
    expect(result.ok ? 'ok' : result.error).toMatch(/compressed-timestamp records/);
  });

  test('compressed speed/distance in a file with ordinary headers: the SDK reads it, as before', () => {
    const ordinary = ordinaryRun(100).bytes;
    expect(scanRecords(ordinary)).toBeUndefined();
    const read = readFit(ordinary);
    expect(read.kind === 'read' && [read.lean, read.compressedSpeed]).toStrictEqual([false, true]);
  });

  test('without compressed speed/distance, compressed timestamps alone read too', () => {
    const plain = ordinaryRun(100, { speedDistance: false }).bytes;
    expect(decodeActivity(withCompressedTimestamps(plain))).toStrictEqual(decodeActivity(plain));
  });
});

function fixCrc(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataEnd = bytes.byteLength - 2;
  view.setUint16(dataEnd, CrcCalculator.calculateCRC(bytes, 0, dataEnd), true);
  return bytes;
}

// ---------------------------------------------------------------------------
// The corpus's Forerunner 70 run

describe.skipIf(!corpusAvailable)('odd/compressedts_garmin-fr70_run.fit: a real FR70 run, every record compressed', () => {
  const bytes = corpusAvailable ? new Uint8Array(readFileSync(corpusPath('odd', 'compressedts_garmin-fr70_run.fit'))) : new Uint8Array(0);

  test('the SDK alone gets its session and no record; the lean reads get all 755', () => {
    const sdk = readFit(bytes, { lean: false });
    if (sdk.kind !== 'read') throw new Error(sdk.error);
    expect([sdk.problem?.kind, listOf(sdk.messages['recordMesgs']).length, listOf(sdk.messages['sessionMesgs']).length]).toStrictEqual(['compressed', 0, 1]);
    expect(scanRecords(bytes)?.recordCount).toBe(755);
    const lean = readFit(bytes);
    expect(lean.kind === 'read' && [lean.lean, listOf(lean.messages['recordMesgs']).length, lean.problem]).toStrictEqual([true, 755, undefined]);
  });

  test('both lean reads (records here, the rest by the SDK; or no SDK at all) give one result', () => {
    const sdkFree = decodeActivityLean(bytes);
    expect(sdkFree).toBeDefined();
    expect(decodeActivity(bytes)).toStrictEqual(sdkFree);
  });

  test('plausible records: time only forward, one every few seconds, a runner\'s speeds, distance only rising', () => {
    const records = scanRecords(bytes)?.records ?? [];
    const times = records.map((record) => record['timestamp']);
    expect(times.every((t) => typeof t === 'number')).toBe(true);
    const gaps = times.slice(1).map((t, i) => (t ?? 0) - (times[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThan(0);
    const sorted = gaps.slice().sort((a, b) => a - b);
    // Smart recording every 5 s, stops apart.
    expect(sorted[Math.floor(sorted.length / 2)]).toBe(5);
    expect(gaps.filter((gap) => gap > 31)).toHaveLength(1);
    const speeds = records.flatMap((record) => (record['speed'] === undefined ? [] : [record['speed']]));
    expect(speeds.length).toBe(754);
    expect(Math.max(...speeds)).toBeLessThan(6.5);
    const moving = speeds.filter((speed) => speed > 0.5).sort((a, b) => a - b);
    const median = moving[Math.floor(moving.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(2);
    expect(median).toBeLessThan(4.5);
    const distances = records.flatMap((record) => (record['distance'] === undefined ? [] : [record['distance']]));
    expect(distances.slice(1).every((d, i) => d >= (distances[i] ?? 0))).toBe(true);
    const heartRates = records.flatMap((record) => (record['heartRate'] === undefined ? [] : [record['heartRate']]));
    expect(heartRates.length).toBe(754);
    expect(Math.min(...heartRates)).toBeGreaterThan(60);
    expect(Math.max(...heartRates)).toBeLessThan(200);
  });

  test('decodes as a run: 755 records, ~63 min, ~10.2 km, heart rate present, no warning', () => {
    const result = decodeActivity(bytes);
    if (!result.ok) throw new Error(result.error);
    expect(result.warnings).toEqual([]);
    expect(result.info.recordCount).toBe(755);
    expect(result.info.productModel).toBe('fr70');
    expect(result.info.channels).toMatchObject({ hr: true, speed: true, distance: true, cadence: true, position: false });
    // The README's 63 min: the timer 62:45, elapsed 64:40.
    expect(result.info.timerMs).toBe(3_765_000);
    expect(result.info.elapsedMs).toBe(3_880_000);
    const samples = samplesOf(result.inputs);
    const distanceM = Math.max(...samples.map((s) => s.distanceM ?? 0));
    expect(distanceM).toBeGreaterThan(10_150);
    expect(distanceM).toBeLessThan(10_300);
    const hr = samples.flatMap((s) => (s.hrBpm === undefined ? [] : [s.hrBpm]));
    const meanHr = hr.reduce((sum, bpm) => sum + bpm, 0) / hr.length;
    // The README's average 170 is the device's over the timer time; the records' plain mean is a little lower (warm-up, stops).
    expect(meanHr).toBeGreaterThan(155);
    expect(meanHr).toBeLessThan(175);
    // FR70 times are seconds since the watch was set up (under 0x10000000), read as they are: the run is dated 1990.
    expect(samples[0]?.atMs).toBe(FIT_EPOCH_MS + 17217864 * 1000);
  });
});
