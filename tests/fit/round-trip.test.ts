/**
 * encodeActivity → decodeActivity gives back what went in, within FIT's
 * resolution: runs made by tests/fit/make-run.ts, plus hand-written FIT files
 * for what only real devices write (several sessions, compressed speed, heart
 * rate in hr messages, chained files).
 */
import { Decoder, Stream } from '@garmin/fitsdk';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeActivity, type DecodeResult } from '../../src/fit/decode.ts';
import { encodeActivity } from '../../src/fit/encode.ts';
import type { GuardInput, Sample } from '../../src/samples/sample.ts';
import { fitSeconds, makeRun, MESG, RUN_START_MS, samplesOf, writeFit } from './make-run.ts';

/** Half of each FIT field's step: the most a round trip may move a value. */
const TOLERANCE = {
  speedMps: 0.0005,
  distanceM: 0.005,
  /** A semicircle is 8.4e-8°. */
  deg: 1e-7,
  altitudeM: 0.1 + 1e-9,
  /** Fractional cadence is 1/128 stride = 1/64 step per minute. */
  cadenceSpm: 1 / 128 + 1e-9,
} as const;

function decodeOk(bytes: Uint8Array): Extract<DecodeResult, { ok: true }> {
  const result = decodeActivity(bytes);
  if (!result.ok) throw new Error(`expected ok, got error: ${result.error}`);
  return result;
}

function expectSameSample(got: GuardInput | undefined, expected: Sample): void {
  if (got?.kind !== 'sample') throw new Error(`expected a sample at ${expected.atMs}, got ${JSON.stringify(got)}`);
  expect(got.atMs).toBe(expected.atMs);
  expect(got.hrBpm).toBe(expected.hrBpm === undefined ? undefined : Math.round(expected.hrBpm));
  const close = (a: number | undefined, b: number | undefined, tolerance: number, name: string): void => {
    if (b === undefined) expect(a, name).toBeUndefined();
    else expect(Math.abs((a ?? NaN) - b), `${name}: ${a} vs ${b}`).toBeLessThanOrEqual(tolerance);
  };
  close(got.speedMps, expected.speedMps, TOLERANCE.speedMps, 'speedMps');
  close(got.distanceM, expected.distanceM, TOLERANCE.distanceM, 'distanceM');
  close(got.latDeg, expected.latDeg, TOLERANCE.deg, 'latDeg');
  close(got.lonDeg, expected.lonDeg, TOLERANCE.deg, 'lonDeg');
  close(got.altitudeM, expected.altitudeM, TOLERANCE.altitudeM, 'altitudeM');
  close(got.cadenceSpm, expected.cadenceSpm, TOLERANCE.cadenceSpm, 'cadenceSpm');
}

describe('encodeActivity → decodeActivity', () => {
  const inputs = makeRun();
  const bytes = encodeActivity({ inputs, manufacturer: 'garmin', product: 4315, productName: 'paceguard test rig' });
  const result = decodeOk(bytes);

  test('gives back every sample within FIT resolution, and the pause and resume in place', () => {
    expect(result.warnings).toEqual([]);
    expect(result.inputs).toHaveLength(inputs.length);
    inputs.forEach((input, i) => {
      if (input.kind === 'sample') expectSameSample(result.inputs[i], input);
      else expect(result.inputs[i]).toEqual(input);
    });
    expect(result.inputs.filter((input) => input.kind !== 'sample')).toEqual([
      { kind: 'pause', atMs: RUN_START_MS + 199_000 },
      { kind: 'resume', atMs: RUN_START_MS + 290_000 },
    ]);
  });

  test('describes the activity', () => {
    expect(result.info).toEqual({
      sport: 'running',
      subSport: 'generic',
      manufacturer: 'garmin',
      product: 4315,
      productModel: 'fr965',
      productName: 'paceguard test rig',
      startMs: RUN_START_MS,
      sessionCount: 1,
      sessionNumber: 1,
      recordCount: 380,
      sampleCount: 380,
      channels: { hr: true, speed: true, distance: true, position: true, altitude: true, cadence: true },
      // 199 s before the pause + 179 s after it; the 91 s between the last sample and the resume are paused.
      timerMs: 378_000,
      elapsedMs: 469_000,
      medianMovingSpeedMps: expect.closeTo(2.9, 1),
    });
  });

  test('the lap and session carry totals computed from the samples', () => {
    const { sessionMesgs, lapMesgs, activityMesgs } = new Decoder(Stream.fromByteArray(bytes)).read().messages;
    const samples = samplesOf(inputs);
    const hrs = samples.map((s) => s.hrBpm ?? 0);
    const expected = {
      sport: 'running',
      totalTimerTime: 378,
      totalElapsedTime: 469,
      totalDistance: expect.closeTo(samples[samples.length - 1]?.distanceM ?? NaN, 2),
      avgHeartRate: Math.round(hrs.reduce((a, b) => a + b, 0) / hrs.length),
      maxHeartRate: Math.max(...hrs),
      enhancedMaxSpeed: expect.closeTo(Math.max(...samples.map((s) => s.speedMps ?? 0)), 3),
    };
    expect(sessionMesgs).toEqual([expect.objectContaining({ ...expected, numLaps: 1 })]);
    expect(lapMesgs).toEqual([expect.objectContaining(expected)]);
    expect(activityMesgs).toEqual([expect.objectContaining({ numSessions: 1, totalTimerTime: 378 })]);
  });

  test('missing channels stay missing, never 0', () => {
    const sparse = makeRun({ channels: ['hr'], pauseSec: 0 });
    const decoded = decodeOk(encodeActivity({ inputs: sparse }));
    expect(decoded.inputs).toEqual(sparse);
    expect(decoded.info.channels).toEqual({ hr: true, speed: false, distance: false, position: false, altitude: false, cadence: false });
    expect(decoded.warnings).toEqual(['no pace data (speed, distance or position): the guard can only use heart rate']);
  });

  test('a 1-stride cadence step and a half stride survive exactly', () => {
    const inputs: GuardInput[] = [171, 172, 170.5].map((cadenceSpm, i) => ({
      kind: 'sample',
      atMs: RUN_START_MS + i * 1000,
      hrBpm: 130,
      cadenceSpm,
    }));
    expect(samplesOf(decodeOk(encodeActivity({ inputs })).inputs).map((s) => s.cadenceSpm)).toEqual([171, 172, 170.5]);
  });

  test('productName keeps arbitrary text, cut to what FIT holds', () => {
    const name = '<script>alert("x")</script> & ünïcödé 🏃‍♀️ "quoted" \\ back';
    expect(decodeOk(encodeActivity({ inputs: makeRun({ pauseSec: 0 }), productName: name })).info.productName).toBe(name);
    const long = '🏃'.repeat(100); // 400 bytes of UTF-8: cut to 63 whole runners (252 bytes)
    expect(decodeOk(encodeActivity({ inputs: makeRun({ pauseSec: 0 }), productName: long })).info.productName).toBe('🏃'.repeat(63));
    expect(decodeOk(encodeActivity({ inputs: makeRun({ pauseSec: 0 }), productName: 'a\u0000b' })).info.productName).toBe('ab');
  });

  test('values FIT cannot hold are left out, as a device would', () => {
    const inputs: GuardInput[] = [
      { kind: 'sample', atMs: RUN_START_MS, hrBpm: 300, speedMps: 3, distanceM: -1, altitudeM: 12, cadenceSpm: Number.NaN },
      { kind: 'sample', atMs: RUN_START_MS + 1000, hrBpm: 0, speedMps: Number.POSITIVE_INFINITY, latDeg: 91, lonDeg: 5 },
    ];
    expect(decodeOk(encodeActivity({ inputs })).inputs).toEqual([
      { kind: 'sample', atMs: RUN_START_MS, speedMps: 3, altitudeM: 12 },
      { kind: 'sample', atMs: RUN_START_MS + 1000 },
    ]);
  });

  test('refuses what is a caller mistake', () => {
    expect(() => encodeActivity({ inputs: [] })).toThrow('an activity needs at least one sample');
    expect(() => encodeActivity({ inputs: makeRun(), sport: 'jogging' })).toThrow('the FIT profile has no sport named "jogging"');
    expect(() => encodeActivity({ inputs: [{ kind: 'sample', atMs: 0 }] })).toThrow('does not fit');
  });

  test('any 1 Hz run survives within resolution (property)', () => {
    const sampleArb = fc.record(
      {
        hrBpm: fc.integer({ min: 30, max: 230 }),
        speedMps: fc.double({ min: 0, max: 12, noNaN: true }),
        distanceM: fc.double({ min: 0, max: 100_000, noNaN: true }),
        latDeg: fc.double({ min: -89.9, max: 89.9, noNaN: true }),
        lonDeg: fc.double({ min: -179.9, max: 179.9, noNaN: true }),
        altitudeM: fc.double({ min: -400, max: 8_000, noNaN: true }),
        cadenceSpm: fc.double({ min: 0, max: 250, noNaN: true }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(sampleArb, { minLength: 1, maxLength: 30 }), (values) => {
        const inputs: Sample[] = values.map((value, i) => {
          const { latDeg, lonDeg, ...rest } = value;
          // Position is one channel: both or neither.
          const position = latDeg !== undefined && lonDeg !== undefined ? { latDeg, lonDeg } : {};
          return { kind: 'sample', atMs: RUN_START_MS + i * 1000, ...rest, ...position };
        });
        const decoded = decodeActivity(encodeActivity({ inputs }));
        const anySignal = inputs.some((s) => s.hrBpm !== undefined || s.speedMps !== undefined || s.distanceM !== undefined || s.latDeg !== undefined);
        if (!anySignal) {
          expect(decoded).toEqual({ ok: false, error: expect.stringMatching(/^no heart rate and no pace data/) });
          return;
        }
        if (!decoded.ok) {
          // Random speeds can look like a ride: that is the only refusal allowed.
          expect(decoded.error).toMatch(/^not a run: /);
          return;
        }
        expect(decoded.inputs).toHaveLength(inputs.length);
        inputs.forEach((input, i) => expectSameSample(decoded.inputs[i], input));
      }),
      { numRuns: 40 },
    );
  });
});

describe('timing: smart recording, gaps, time jumps, records out of order', () => {
  test('smart recording (a record every 5 s) is just a run', () => {
    const result = decodeOk(encodeActivity({ inputs: makeRun({ everySec: 5, samplesBefore: 60, samplesAfter: 60, pauseSec: 0 }) }));
    expect(result.warnings).toEqual([]);
    expect(result.inputs.every((input) => input.kind === 'sample')).toBe(true);
    expect(result.info.timerMs).toBe(119 * 5_000);
  });

  test('a 52 s gap is still running; a gap over 60 s with no timer event becomes a pause', () => {
    for (const [gapSec, pauses] of [
      [52, 0],
      [60, 0],
      [61, 1],
    ] as const) {
      const inputs = makeRun({ pauseSec: 0 }).map((input, i) => (i >= 100 ? { ...input, atMs: input.atMs + (gapSec - 1) * 1000 } : input));
      const result = decodeOk(encodeActivity({ inputs }));
      const changes = result.inputs.filter((input) => input.kind !== 'sample');
      expect(changes, `gap ${gapSec} s`).toHaveLength(2 * pauses);
      if (pauses > 0) {
        expect(changes).toEqual([
          { kind: 'pause', atMs: RUN_START_MS + 99_000 },
          { kind: 'resume', atMs: RUN_START_MS + 99_000 + gapSec * 1000 },
        ]);
        expect(result.warnings).toEqual([`1 gap of 1:01 without a timer stop was read as a pause`]);
      }
    }
  });

  test('a time jump of days becomes a pause too', () => {
    const days = 8.5 * 86_400_000;
    const inputs = makeRun({ pauseSec: 0 }).map((input, i) => (i >= 300 ? { ...input, atMs: input.atMs + days } : input));
    const result = decodeOk(encodeActivity({ inputs }));
    expect(result.inputs.filter((input) => input.kind === 'pause')).toHaveLength(1);
    expect(result.warnings).toEqual(['1 gap of 8 d 12:00:01 without a timer stop was read as a pause']);
    expect(result.info.timerMs).toBe(378_000);
  });

  test('records that go back in time are dropped, and counted', () => {
    const run = makeRun({ pauseSec: 0 });
    const inputs = [...run.slice(0, 50), { kind: 'sample', atMs: RUN_START_MS + 10_000, hrBpm: 99 } as const, ...run.slice(50)];
    const result = decodeOk(encodeActivity({ inputs }));
    expect(result.inputs).toHaveLength(run.length);
    expect(result.warnings).toEqual(['dropped 1 record that goes back in time']);
  });

  test('timer events in the file are the pauses; a start while running adds nothing', () => {
    const run = makeRun({ pauseSec: 0 });
    const inputs: GuardInput[] = [
      ...run.slice(0, 100),
      { kind: 'resume', atMs: RUN_START_MS + 99_500 },
      ...run.slice(100, 200),
      { kind: 'pause', atMs: RUN_START_MS + 199_000 },
      ...run.slice(200, 210),
      { kind: 'resume', atMs: RUN_START_MS + 210_000 },
      ...run.slice(210),
    ];
    const result = decodeOk(encodeActivity({ inputs }));
    // Samples logged while paused stay, in order; they add no timer time.
    expect(result.inputs.filter((input) => input.kind !== 'sample')).toEqual([
      { kind: 'pause', atMs: RUN_START_MS + 199_000 },
      { kind: 'resume', atMs: RUN_START_MS + 210_000 },
    ]);
    expect(result.info.timerMs).toBe(379_000 - 11_000);
  });
});

describe('files only devices write', () => {
  const start = fitSeconds(RUN_START_MS);

  /** 1 Hz records at a constant speed, HR optional. */
  function records(fromSec: number, count: number, speedMps: number, hrBpm?: number): Array<Record<string, unknown> & { mesgNum: number }> {
    return Array.from({ length: count }, (_, i) => ({
      mesgNum: MESG.record,
      timestamp: fromSec + i,
      enhancedSpeed: speedMps,
      distance: i * speedMps,
      ...(hrBpm === undefined ? {} : { heartRate: hrBpm }),
    }));
  }

  test('several sessions: the run is chosen by its data, and the choice is said', () => {
    const bytes = writeFit([
      { mesgNum: MESG.fileId, type: 'activity', manufacturer: 'garmin', product: 1 },
      { mesgNum: MESG.session, timestamp: start, startTime: start, sport: 'cycling', totalElapsedTime: 600 },
      { mesgNum: MESG.session, timestamp: start + 600, startTime: start + 600, sport: 'transition', totalElapsedTime: 60 },
      { mesgNum: MESG.session, timestamp: start + 660, startTime: start + 660, sport: 'generic', totalElapsedTime: 900 },
      ...records(start, 600, 9, 140),
      ...records(start + 600, 60, 1, 140),
      ...records(start + 660, 900, 3.1, 150),
    ]);
    const result = decodeOk(bytes);
    expect(result.warnings).toEqual(['3 sessions: using session 3 (generic, 14:59)']);
    expect(result.info).toMatchObject({ sport: 'generic', sessionCount: 3, sessionNumber: 3, sampleCount: 900, recordCount: 1560 });
    expect(samplesOf(result.inputs)[0]?.atMs).toBe(RUN_START_MS + 660_000);
  });

  test('a session labelled cycling with running data is read, with a warning', () => {
    const bytes = writeFit([
      { mesgNum: MESG.fileId, type: 'activity', manufacturer: 'garmin' },
      { mesgNum: MESG.session, timestamp: start, startTime: start, sport: 'cycling', subSport: 'road' },
      ...records(start, 600, 3.2, 150),
    ]);
    expect(decodeOk(bytes).warnings).toEqual([
      'labelled cycling (road), but the data do not rule out a run (median moving speed 3.20 m/s): read as one',
    ]);
  });

  test('chained files are read as one activity', () => {
    const first = encodeActivity({ inputs: makeRun({ pauseSec: 0 }) });
    const second = encodeActivity({ inputs: makeRun({ pauseSec: 0, startMs: RUN_START_MS + 3_600_000, samplesBefore: 400 }) });
    const chained = new Uint8Array(first.byteLength + second.byteLength);
    chained.set(first);
    chained.set(second, first.byteLength);
    const result = decodeOk(chained);
    expect(result.warnings).toEqual(['2 FIT files chained in one: read as one activity', '2 sessions: using session 2 (running, 9:39)']);
    expect(result.info.sampleCount).toBe(580);
  });

  test('compressed speed/distance records are expanded (the full read)', () => {
    // speed 12 bits in 1/100 m/s, distance 12 bits in 1/16 m, rolling over every 256 m.
    const packed = (speedMps: number, distanceM: number): number[] => {
      const bits = Math.round(speedMps * 100) | ((Math.round(distanceM * 16) % 4096) << 12);
      return [bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff];
    };
    const bytes = writeFit([
      { mesgNum: MESG.fileId, type: 'activity', manufacturer: 'garmin' },
      ...Array.from({ length: 400 }, (_, i) => ({
        mesgNum: MESG.record,
        timestamp: start + i,
        heartRate: 140,
        compressedSpeedDistance: packed(3, i * 3),
      })),
    ]);
    const samples = samplesOf(decodeOk(bytes).inputs);
    expect(samples).toHaveLength(400);
    // The SDK's enhancedSpeed from this chain reads 30 m/s (21.217): `speed` is the one to trust.
    expect(samples[399]).toMatchObject({ speedMps: 3, distanceM: 1197 });
  });

  test('heart rate carried only in hr messages is merged into the records (the full read)', () => {
    // One anchor hr message, then batches of 8 beats-per-second readings.
    const hrMessages = [
      { mesgNum: MESG.hr, timestamp: start, fractionalTimestamp: 0, eventTimestamp: [0], filteredBpm: [120] },
      ...Array.from({ length: 40 }, (_, batch) => ({
        mesgNum: MESG.hr,
        eventTimestamp: Array.from({ length: 8 }, (_, k) => batch * 8 + k + 1),
        filteredBpm: Array.from({ length: 8 }, () => 120 + batch),
      })),
    ];
    const bytes = writeFit([
      { mesgNum: MESG.fileId, type: 'activity', manufacturer: 'garmin' },
      ...records(start, 320, 2.8),
      ...hrMessages,
    ]);
    const samples = samplesOf(decodeOk(bytes).inputs);
    expect(samples[20]?.hrBpm).toBe(122);
    expect(samples[300]?.hrBpm).toBe(157);
  });
});
