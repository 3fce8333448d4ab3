/**
 * What a runner sees for broken or wrong files, each built from encoder output
 * (made here, not recorded). The messages are asserted in full: they are the
 * user interface of the reader (the CLI prefixes the file name).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeActivity, type DecodeResult } from '../../src/fit/decode.ts';
import { encodeActivity } from '../../src/fit/encode.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { appendToData, fitSeconds, makeRun, MESG, RUN_START_MS, writeFit } from './make-run.ts';

const run = makeRun(); // 380 samples, 7:49 from first to last
const good = encodeActivity({ inputs: run, productName: 'paceguard test rig' });

function errorOf(result: DecodeResult): string {
  if (result.ok) throw new Error(`expected an error, got ok with warnings ${JSON.stringify(result.warnings)}`);
  return result.error;
}

function warningsOf(result: DecodeResult): string[] {
  if (!result.ok) throw new Error(`expected ok, got error: ${result.error}`);
  return result.warnings;
}


/** A compressed-timestamp record header: top bit set, local message 0, time offset 5. */
const COMPRESSED_TIMESTAMP_HEADER = 0x80 | 5;

describe('not an activity at all', () => {
  test.each([
    ['0 bytes', new Uint8Array(0), 'empty file (0 bytes)'],
    ['a GPX file', new TextEncoder().encode('<?xml version="1.0"?>\n<gpx version="1.1"><trk></trk></gpx>\n'), 'not a FIT file (no FIT file header)'],
    ['the first 10 bytes of a FIT file', good.slice(0, 10), 'not a FIT file (no FIT file header)'],
    ['a FIT file cut inside its first message', good.slice(0, 20), 'file is truncated: no records decoded'],
  ])('%s', (_name, bytes, message) => {
    expect(errorOf(decodeActivity(bytes))).toBe(message);
  });

  test('a settings file says its type', () => {
    const settings = writeFit([{ mesgNum: MESG.fileId, type: 'settings', manufacturer: 'garmin' }]);
    expect(errorOf(decodeActivity(settings))).toBe('not an activity file: its FIT file type is settings');
  });

  test('an activity without records', () => {
    const empty = writeFit([
      { mesgNum: MESG.fileId, type: 'activity', manufacturer: 'garmin' },
      { mesgNum: MESG.session, timestamp: fitSeconds(RUN_START_MS), startTime: fitSeconds(RUN_START_MS), sport: 'running' },
    ]);
    expect(errorOf(decodeActivity(empty))).toBe('no records: the activity holds no samples');
  });

  test('records with neither heart rate nor pace', () => {
    const bytes = encodeActivity({ inputs: makeRun({ channels: ['altitude', 'cadence'] }) });
    expect(errorOf(decodeActivity(bytes))).toBe('no heart rate and no pace data (speed, distance or position) in its 380 records');
  });
});

describe('damaged files: what decoded is used, and the warning says how much', () => {
  test('truncated in the middle of a message', () => {
    const result = decodeActivity(good.slice(0, Math.floor(good.byteLength * 0.6) + 1));
    const [first, ...rest] = warningsOf(result);
    const match = /^file is truncated: using the (\d+) records decoded \((\d+):(\d\d) of data\)$/.exec(first ?? '');
    expect(match, first).not.toBeNull();
    expect(Number(match?.[1])).toBe(result.ok ? result.info.sampleCount : NaN);
    expect(rest).toEqual([]);
  });

  test('truncated at a message boundary', () => {
    // 20 records in, cut just before the 21st.
    const short = encodeActivity({ inputs: makeRun({ pauseSec: 0, samplesBefore: 400, samplesAfter: 0 }) });
    const full = decodeActivity(short);
    expect(full.ok).toBe(true);
    const cut = short.slice(0, findRecordBoundary(short, 20));
    expect(warningsOf(decodeActivity(cut))).toEqual(['file is truncated: using the 20 records decoded (0:19 of data)', 'short: only 0:19 of data']);
  });

  test('a flipped byte in the file CRC', () => {
    const flipped = good.slice();
    flipped[flipped.byteLength - 1] = (flipped[flipped.byteLength - 1] ?? 0) ^ 0xff;
    expect(warningsOf(decodeActivity(flipped))).toEqual(['file fails its CRC check: using the 380 records decoded (7:49 of data)']);
  });

  test('a flipped byte in the data (a letter of the product name)', () => {
    const at = indexOfBytes(good, new TextEncoder().encode('paceguard'));
    const flipped = good.slice();
    flipped[at] = 'P'.charCodeAt(0);
    const result = decodeActivity(flipped);
    expect(warningsOf(result)).toEqual(['file fails its CRC check: using the 380 records decoded (7:49 of data)']);
    expect(result.ok && result.info.productName).toBe('Paceguard test rig');
  });

  test('a chained file whose second header is damaged', () => {
    const garbage = new TextEncoder().encode('\u000c\u0010junk.GIT and then some');
    const bytes = new Uint8Array(good.byteLength + garbage.byteLength);
    bytes.set(good);
    bytes.set(garbage, good.byteLength);
    expect(warningsOf(decodeActivity(bytes))).toEqual([
      `file is damaged at byte ${good.byteLength} (input is not a FIT file): using the 380 records decoded (7:49 of data)`,
    ]);
  });

  test('compressed-timestamp records after some normal ones', () => {
    const bytes = appendToData(good, [COMPRESSED_TIMESTAMP_HEADER, 0, 0, 0]);
    expect(warningsOf(decodeActivity(bytes))).toEqual([
      'the FIT SDK cannot read compressed-timestamp records: using the 380 records decoded before the first one (7:49 of data)',
    ]);
  });

  test('compressed-timestamp records in a file that also fails its CRC: one line says both', () => {
    const bytes = appendToData(good, [COMPRESSED_TIMESTAMP_HEADER, 0, 0, 0]);
    bytes[bytes.byteLength - 1] = (bytes[bytes.byteLength - 1] ?? 0) ^ 0xff;
    expect(warningsOf(decodeActivity(bytes))).toEqual([
      'the FIT SDK cannot read compressed-timestamp records, and the file fails its CRC check: ' +
        'using the 380 records decoded before the first one (7:49 of data)',
    ]);
  });

  test('compressed-timestamp records from the start', () => {
    const fileIdOnly = writeFit([{ mesgNum: MESG.fileId, type: 'activity', manufacturer: 'garmin' }]);
    const bytes = appendToData(fileIdOnly, [COMPRESSED_TIMESTAMP_HEADER, 0, 0, 0]);
    expect(errorOf(decodeActivity(bytes))).toBe('the FIT SDK cannot read compressed-timestamp records: 0 records decoded');
  });

  // The SDK (21.217) throws a TypeError in #setAccumulatedField for a record
  // holding both compressedSpeedDistance and distance (distance accumulates).
  const crashingRecord = { mesgNum: MESG.record, timestamp: fitSeconds(RUN_START_MS) + 500, compressedSpeedDistance: [44, 1, 0], distance: 10 };

  test('an exception inside the SDK, before any record', () => {
    const bytes = writeFit([{ mesgNum: MESG.fileId, type: 'activity', manufacturer: 'garmin' }, crashingRecord]);
    expect(errorOf(decodeActivity(bytes))).toMatch(/^the FIT SDK failed on the data at byte \d+ of \d+ and could not read the rest: no records decoded$/);
  });

  test('an exception inside the SDK, part-way', () => {
    const before = Array.from({ length: 400 }, (_, i) => ({
      mesgNum: MESG.record,
      timestamp: fitSeconds(RUN_START_MS) + i,
      heartRate: 130,
      speed: 3,
    }));
    const bytes = writeFit([{ mesgNum: MESG.fileId, type: 'activity', manufacturer: 'garmin' }, ...before, crashingRecord]);
    const warnings = warningsOf(decodeActivity(bytes));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^the FIT SDK failed on the data at byte \d+ of \d+ and could not read the rest: using the 400 records decoded \(6:39 of data\)$/);
  });
});

describe('not a run', () => {
  test('a session labelled running at bike speed', () => {
    const ride = encodeActivity({ inputs: makeRun({ speedMps: 8 }), sport: 'running' });
    expect(errorOf(decodeActivity(ride))).toBe('not a run: median moving speed is 8.0 m/s (28.8 km/h), above the running limit of 6.5 m/s');
  });

  test('a slow ride with fast stretches', () => {
    // 90 % at 2.4 m/s (a city ride's median), 10 % downhill at 9 m/s.
    const inputs: GuardInput[] = makeRun({ pauseSec: 0 }).map((input, i) =>
      input.kind === 'sample' ? { ...input, speedMps: i % 10 === 0 ? 9 : 2.4 } : input,
    );
    expect(errorOf(decodeActivity(encodeActivity({ inputs })))).toBe(
      'not a run: 10% of moving samples are faster than the running limit of 6.5 m/s (runs stay under 2%)',
    );
  });

  test('a slow run or a walk is still read, with a warning', () => {
    const walk = makeRun().map((input) => (input.kind === 'sample' ? { ...input, speedMps: 1.2 } : input));
    expect(warningsOf(decodeActivity(encodeActivity({ inputs: walk })))).toEqual([
      'slow for a run: median moving speed 1.20 m/s (13:53 /km), a walking speed',
    ]);
  });

  test('no sample at all moving', () => {
    expect(warningsOf(decodeActivity(encodeActivity({ inputs: makeRun({ speedMps: 0.2 }) })))).toEqual([
      'the pace data never show movement (always below 0.5 m/s)',
    ]);
  });
});

describe('never throws', () => {
  const small = encodeActivity({ inputs: makeRun({ samplesBefore: 30, samplesAfter: 10, pauseSec: 20 }) });

  test('any damage to a file gives a result, and an error is one plain line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat({ max: small.byteLength - 1 }), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat({ max: small.byteLength }), { nil: undefined }),
        (changes, cutAt) => {
          const bytes = small.slice(0, cutAt ?? small.byteLength);
          for (const { at, value } of changes) if (at < bytes.byteLength) bytes[at] = value;
          const result = decodeActivity(bytes);
          if (!result.ok) {
            expect(result.error).not.toMatch(/\n|FIT Runtime Error|^\s|\s$/);
            expect(result.error.length).toBeGreaterThan(0);
          } else {
            for (const warning of result.warnings) expect(warning).not.toMatch(/\n|FIT Runtime Error/);
            const times = result.inputs.map((input) => input.atMs);
            expect(times).toEqual([...times].sort((a, b) => a - b));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Byte offset just after the `count`-th record message (records written back to back after one definition). */
function findRecordBoundary(fit: Uint8Array, count: number): number {
  // Re-encode the same run with `count` samples and take its data length up to the records' end:
  // both files share their prefix (fileId, deviceInfo, timer start, record definition, records).
  const prefix = encodeActivity({ inputs: makeRun({ pauseSec: 0, samplesBefore: count, samplesAfter: 0 }) });
  let at = 14; // past the headers, which differ in data size and CRC
  while (at < prefix.byteLength && prefix[at] === fit[at]) at++;
  return at;
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error('needle not found');
}
