/**
 * decodeActivity on real recordings: the shared corpus (../shared/corpus, see
 * its README for where each file comes from). Every run in runs/ must read as
 * a run; every file in odd/ must give exactly the outcome in the table below,
 * so that a change of behaviour shows up here and is reviewed like code.
 * Skipped, with one message, when the corpus is absent.
 */
import { readFileSync } from 'node:fs';
import { Decoder, Stream } from '@garmin/fitsdk';
import { describe, expect, test } from 'vitest';
import { decodeActivity, type DecodeResult } from '../../src/fit/decode.ts';
import type { Sample } from '../../src/samples/sample.ts';
import { corpusAvailable, corpusFiles, corpusPath } from '../corpus.ts';
import { samplesOf } from './make-run.ts';

const bytesCache = new Map<string, Uint8Array>();

/** Each file is read from disk once per test file. */
function bytesOf(sub: 'runs' | 'odd', name: string): Uint8Array {
  const key = `${sub}/${name}`;
  let bytes = bytesCache.get(key);
  if (bytes === undefined) {
    bytes = new Uint8Array(readFileSync(corpusPath(sub, name)));
    bytesCache.set(key, bytes);
  }
  return bytes;
}

const resultCache = new Map<string, DecodeResult>();

function decoded(sub: 'runs' | 'odd', name: string): DecodeResult {
  const key = `${sub}/${name}`;
  let result = resultCache.get(key);
  if (result === undefined) {
    result = decodeActivity(bytesOf(sub, name));
    resultCache.set(key, result);
  }
  return result;
}

function toMs(hms: string): number {
  return hms.split(':').reduce((total, part) => total * 60 + Number(part), 0) * 1000;
}

// ---------------------------------------------------------------------------
// runs/: timer and record count from the corpus README (the device's own session totals)

interface RunExpectation {
  readonly timer: string;
  readonly records: number;
  /** Warnings, in order; none when absent. */
  readonly warnings?: readonly RegExp[];
}

const SLOW = (mps: string): RegExp => new RegExp(`^slow for a run: median moving speed ${mps.replace('.', '\\.')} m/s \\(\\d+:\\d\\d /km\\), a walking speed$`);

const RUNS: Readonly<Record<string, RunExpectation>> = {
  'fitparse_garmin-fenix2_run-01.fit': { timer: '0:47:12', records: 2809 },
  'fitparse_garmin-fr110_run-01.fit': { timer: '0:43:45', records: 590 },
  'fitparse_stryd_run-devfields.fit': { timer: '0:57:04', records: 3424 },
  'fitparserjs_garmin-fr965_run-01.fit': { timer: '1:14:48', records: 4488 },
  'gc_garmin-fr920xt_run-01.fit': { timer: '0:35:24', records: 2125 },
  'gc_garmin-vivoactivehr_run-01.fit': { timer: '0:24:01', records: 1440 },
  'gc_stryd_run-hrv.fit': { timer: '1:10:42', records: 4242 },
  // README: "labelled running but 1.6 m/s and HR 62-110: a walk".
  'gc_suunto-p34_run-01.fit': { timer: '0:24:40', records: 1473, warnings: [SLOW('1.70')] },
  'gofit_garmin-fr920xt_run-pauses-devfields.fit': { timer: '1:54:16', records: 6874 },
  'sportslib_coros-p841_run-01.fit': { timer: '0:48:42', records: 2921 },
  'sportslib_garmin-fr910xt_run-5h40.fit': { timer: '5:39:03', records: 20342, warnings: [SLOW('1.38')] },
  'sportslib_garmin-fr945_run-01.fit': { timer: '1:23:09', records: 4988 },
  'sportslib_garmin-fr945_treadmill-01.fit': { timer: '0:51:38', records: 3101 },
  'sportslib_garmin-vivoactivehr_run-01.fit': { timer: '0:47:00', records: 503, warnings: [SLOW('1.58')] },
  'sportslib_suunto-p34_trail-run-02.fit': { timer: '2:39:03', records: 9543, warnings: [SLOW('0.88')] },
  'sportstracker_garmin-fr910xt_run-01.fit': { timer: '0:50:07', records: 743 },
  'workoutizer_garmin-fr25_run-pauses.fit': { timer: '0:27:43', records: 427 },
  'workoutizer_garmin-fr645m_run-01.fit': { timer: '0:52:45', records: 1202, warnings: [SLOW('1.54')] },
  'workoutizer_garmin-fr645m_run-03.fit': { timer: '0:41:08', records: 624 },
};

describe.skipIf(!corpusAvailable)('corpus runs/: every run reads as a run', () => {
  test('the table covers every file in runs/', () => {
    expect(corpusFiles('runs')).toEqual(Object.keys(RUNS).sort());
  });

  test.each(corpusFiles('runs'))('%s', (name) => {
    const expected = RUNS[name];
    if (expected === undefined) throw new Error(`${name} is not in the table`);
    const result = decoded('runs', name);
    if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
    const { info } = result;

    expect(info.sampleCount).toBe(expected.records);
    expect(info.channels.hr).toBe(true);
    expect(info.channels.speed || info.channels.distance || info.channels.position).toBe(true);
    // The device's own timer, from its session, within 1 % or a minute.
    const timerMs = toMs(expected.timer);
    expect(Math.abs(info.timerMs - timerMs), `timer ${info.timerMs} ms vs ${expected.timer}`).toBeLessThanOrEqual(Math.max(60_000, timerMs / 100));
    expect(info.elapsedMs).toBeGreaterThanOrEqual(info.timerMs);
    expect(info.startMs).toBe(result.inputs[0]?.atMs);

    const warnings = expected.warnings ?? [];
    expect(result.warnings).toHaveLength(warnings.length);
    warnings.forEach((pattern, i) => expect(result.warnings[i]).toMatch(pattern));

    const times = result.inputs.map((input) => input.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  test('pauses come from timer events and long gaps, and alternate', () => {
    const result = decoded('runs', 'gofit_garmin-fr920xt_run-pauses-devfields.fit');
    if (!result.ok) throw new Error(result.error);
    const changes = result.inputs.filter((input) => input.kind !== 'sample').map((input) => input.kind);
    // 19 timer stops: the last ends the run, one repeats the one before (3534 s, 3582 s): 17 pauses.
    expect(changes).toHaveLength(2 * 17);
    changes.forEach((kind, i) => expect(kind).toBe(i % 2 === 0 ? 'pause' : 'resume'));
  });

  test('device and labels come through as the file gives them', () => {
    const coros = decoded('runs', 'sportslib_coros-p841_run-01.fit');
    expect(coros.ok && coros.info).toMatchObject({ manufacturer: 'coros', product: 841, productName: 'COROS APEX Pro', sport: 'running' });
    const fr965 = decoded('runs', 'fitparserjs_garmin-fr965_run-01.fit');
    expect(fr965.ok && fr965.info).toMatchObject({ manufacturer: 'garmin', product: 4315, productModel: 'fr965', subSport: 'generic' });
    const treadmill = decoded('runs', 'sportslib_garmin-fr945_treadmill-01.fit');
    expect(treadmill.ok && treadmill.info.channels).toEqual({ hr: true, speed: true, distance: true, position: false, altitude: false, cadence: true });
  });

  /**
   * The fast SDK options (no component expansion, no type names, FIT seconds)
   * must read what the SDK's defaults read: compare every record.
   */
  test.each(corpusFiles('runs'))('%s: same values as the SDK with its default options', (name) => {
    const result = decoded('runs', name);
    if (!result.ok) throw new Error(result.error);
    const bytes = bytesOf('runs', name);
    const reference = new Decoder(Stream.fromByteArray(bytes)).read().messages.recordMesgs ?? [];
    const samples = samplesOf(result.inputs);
    expect(samples).toHaveLength(reference.length);
    // Plain comparisons, one assertion: per-record expect() calls would cost seconds.
    const number = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
    const mismatches: string[] = [];
    reference.forEach((record, i) => {
      const sample: Sample | undefined = samples[i];
      const cadence = number(record.cadence);
      const lat = number(record.positionLat);
      const expected: Record<string, number | undefined> = {
        atMs: record.timestamp instanceof Date ? record.timestamp.getTime() : NaN,
        hrBpm: number(record.heartRate),
        speedMps: number(record.enhancedSpeed) ?? number(record.speed),
        distanceM: number(record.distance),
        altitudeM: number(record.enhancedAltitude) ?? number(record.altitude),
        cadenceSpm: cadence === undefined ? undefined : (cadence + (number(record.fractionalCadence) ?? 0)) * 2,
        latDeg: lat === undefined ? undefined : lat * (180 / 2 ** 31),
      };
      for (const [key, value] of Object.entries(expected)) {
        const actual: unknown = sample === undefined ? undefined : Object.getOwnPropertyDescriptor(sample, key)?.value;
        if (actual !== value && mismatches.length < 5) mismatches.push(`record ${i} ${key}: ${String(actual)} vs SDK ${String(value)}`);
      }
    });
    expect(mismatches).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// odd/: one expected outcome per file

type Expectation = { readonly ok: true; readonly warnings: readonly RegExp[] } | { readonly ok: false; readonly error: RegExp };

/** Reads with no warning at all. */
const ok: Expectation = { ok: true, warnings: [] };
/** Reads, with exactly these warnings in this order. */
const warn = (...warnings: RegExp[]): Expectation => ({ ok: true, warnings });
/** Refused with this error. */
const error = (pattern: RegExp): Expectation => ({ ok: false, error: pattern });

const NO_HR = /^no heart rate in the data: the guard can only use pace$/;
const NO_MOVEMENT = /^the pace data never show movement \(always below 0\.5 m\/s\)$/;
const SHORT = (duration: string): RegExp => new RegExp(`^short: only ${duration} of data$`);
const LABELLED = (label: string): RegExp => new RegExp(`^labelled ${label.replace(/[()]/g, '\\$&')}, but the data do not rule out a run`);
const SLOWISH = /^slow for a run: median moving speed \d\.\d\d m\/s/;
const RIDE_MEDIAN = (mps: string): RegExp => new RegExp(`^not a run: median moving speed is ${mps.replace('.', '\\.')} m/s \\(.* km/h\\), above the running limit of 6\\.5 m/s$`);
const RIDE_SHARE = (pct: number): RegExp => new RegExp(`^not a run: ${pct}% of moving samples are faster than the running limit of 6\\.5 m/s`);

const ODD: Readonly<Record<string, Expectation>> = {
  // The SDK's example activity: 14 records standing nearly still, no HR.
  'badcrc_sdk-activity.fit': warn(/^file fails its CRC check: using the 14 records decoded \(0:13 of data\)$/, NO_HR, NO_MOVEMENT, SHORT('0:13')),
  'eof_sdk-activity.fit': warn(/^file is truncated: using the 14 records decoded \(0:13 of data\)$/, NO_HR, NO_MOVEMENT, SHORT('0:13')),
  'corruptheader_chained-sdk-activity.fit': warn(
    /^file is damaged at byte 771 \(input is not a FIT file\): using the 14 records decoded \(0:13 of data\)$/,
    NO_HR,
    NO_MOVEMENT,
    SHORT('0:13'),
  ),
  'truncated-clean_sdk-activity.fit': warn(NO_HR, NO_MOVEMENT, SHORT('0:13')),
  // Swims read as (very slow) runs: nothing in their data rules a run out; the warnings say so.
  'chained_garmin-fr735xt_swim-5files.fit': warn(/^5 FIT files chained in one: read as one activity$/, LABELLED('swimming (lapSwimming)'), SLOWISH),
  'swim_garmin-fenix3_hr-from-hrm.fit': warn(LABELLED('swimming (lapSwimming)'), SLOWISH),
  // Every record under a compressed-timestamp header, which the SDK cannot read: the lean reader does (tests/fit/compressed.test.ts checks the records).
  'compressedts_garmin-fr70_run.fit': ok,
  // Its CRC fails, so the SDK reads it alone: 804 records decode before the compressed ones, a ride.
  'compressedts_lezyne_bad-endian.fit': error(RIDE_SHARE(23)),
  'cycling_coros-pace2_misaligned-fields.fit': error(RIDE_SHARE(6)),
  'cycling_garmin-edge810_power-hr.fit': error(RIDE_MEDIAN('8.9')),
  'devdata-no-appid_wahoo-elemnt-bolt.fit': error(RIDE_MEDIAN('7.2')),
  'edited_suunto-p34_trail-run-no-pause-records.fit': ok,
  'empty_0-bytes.fit': error(/^empty file \(0 bytes\)$/),
  'fileid-only.fit': warn(/^no pace data \(speed, distance or position\): the guard can only use heart rate$/, SHORT('0:00')),
  // Distance is there but never moves: HR only in effect.
  'hronly_garmin-fenix3_generic-64min.fit': warn(NO_MOVEMENT),
  'hronly_garmin-vivoactivehr_rowing-indoor.fit': warn(/^labelled fitnessEquipment \(indoorRowing\), but the data do not rule out a run: read as one$/, NO_MOVEMENT),
  'hronly_garmin-vivosmarthr_run-32s.fit': warn(SHORT('0:32')),
  'mislabel_garmin-fr10_running-at-bike-speed.fit': error(RIDE_MEDIAN('7.3')),
  'multisession_garmin-fr935_run-transition-rowing-1min.fit': warn(/^3 sessions: using session 1 \(running, 0:23\)$/, NO_MOVEMENT, SHORT('0:23')),
  // Session 1 ('generic', 2.1 m/s with HR) is the longest that looks like a run; session 7 is a ride.
  'multisport_garmin-fenix2_7-sessions.fit': warn(/^dropped 2 records that go back in time$/, /^7 sessions: using session 1 \(generic, 3:15:39\)$/),
  'multisport_garmin-fr935_triathlon.fit': warn(/^5 sessions: using session 5 \(running, 3:36:57\)$/, /^1 gap of 1:15 without a timer stop was read as a pause$/),
  'nohr_garmin-fr110_run-47min.fit': warn(NO_HR),
  'nohr_garmin-p1932_run-10k.fit': warn(NO_HR),
  'nohr_suunto-p35_run-21min.fit': warn(NO_HR),
  'notactivity_monitoring.fit': error(/^not an activity file: its FIT file type is monitoringB$/),
  'notactivity_settings.fit': error(/^not an activity file: its FIT file type is settings$/),
  'resaved_goldencheetah_run.fit': ok,
  'sdkcrash_garmin-fr255_triathlon-summary.fit': error(
    /^the FIT SDK failed on the data at byte 8479 of 214122 and could not read the rest: no records decoded$/,
  ),
  'short_garmin-fenix5_run-57s.fit': warn(SHORT('0:57')),
  'short_garmin-fenix6s_run-6min.fit': ok,
  'synthetic_bryton_100k-records.fit': error(RIDE_MEDIAN('8.3')),
  'synthetic_sdk-activity-devfields.fit': warn(LABELLED('standUpPaddleboarding'), SLOWISH),
  'timejump_garmin-edge1000_8-days.fit': error(RIDE_SHARE(13)),
  'truncated_sigma_cycling.fit': error(RIDE_MEDIAN('8.0')),
  'unterminated-strings_wahoo.fit': warn(LABELLED('cycling (indoorCycling)'), SHORT('0:32')),
  'walking_garmin-fr55_coretemp.fit': warn(LABELLED('walking'), SLOWISH),
};

describe.skipIf(!corpusAvailable)('corpus odd/: each file gives its documented outcome', () => {
  test('the table covers every file in odd/', () => {
    expect(corpusFiles('odd')).toEqual(Object.keys(ODD).sort());
  });

  test.each(corpusFiles('odd'))('%s', (name) => {
    const expected = ODD[name];
    if (expected === undefined) throw new Error(`${name} is not in the table`);
    const result = decoded('odd', name);
    if (!expected.ok) {
      expect(result.ok ? `ok, warnings: ${JSON.stringify(result.warnings)}` : result.error).toMatch(expected.error);
      return;
    }
    if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
    expect(result.warnings, JSON.stringify(result.warnings)).toHaveLength(expected.warnings.length);
    expected.warnings.forEach((pattern, i) => expect(result.warnings[i]).toMatch(pattern));
    expect(result.inputs.length).toBeGreaterThan(0);
  });

  test('heart rate carried only in hr messages is merged into the records', () => {
    const result = decoded('odd', 'swim_garmin-fenix3_hr-from-hrm.fit');
    expect(result.ok && result.info.channels.hr).toBe(true);
    expect(result.ok && samplesOf(result.inputs).filter((s) => s.hrBpm !== undefined).length).toBeGreaterThan(3000);
  });
});
