/**
 * The one boundary around @garmin/fitsdk on the way out: guard inputs in, a
 * FIT activity file out, shaped like a watch's (file id, device info, timer
 * events, records, one lap, one session, the activity). Used for fixtures and
 * the simulator's examples; `decodeActivity` (./decode.ts) reads it back.
 *
 * ```
 * inputs:  S S S S pause S S resume S S S      (S = sample, Tick ignored)
 * file:    fileId deviceInfo start R R R R stopAll R R start R R R stopAll lap session activity
 * ```
 *
 * FIT resolution, so what a round trip keeps: time 1 s, heart rate 1 bpm,
 * speed 0.001 m/s, distance 0.01 m, position ~1 cm (semicircles), altitude
 * 0.2 m, cadence 1/64 step/min. A value FIT cannot hold (heart rate 300,
 * negative distance, NaN) is left out of its record, as a device would.
 *
 * Throws only for a caller's mistake: no sample, a time outside FIT's range,
 * a sport or manufacturer name the FIT profile does not know.
 *
 * @example
 * const bytes = encodeActivity({ inputs, productName: 'paceguard test' });
 * decodeActivity(bytes); // → { ok: true, inputs: [...same samples...], … }
 */
import { Encoder, Profile } from '@garmin/fitsdk';
import type {
  ActivityMesg,
  DeviceInfoMesg,
  Encodable,
  EventMesg,
  FileIdMesg,
  LapMesg,
  RecordMesg,
  SessionMesg,
  DeveloperDataIdMesg,
  FieldDescriptionMesg,
} from '@garmin/fitsdk';
import type { GuardInput, Sample } from '../samples/sample.ts';
import { FILE_TYPE_ACTIVITY, FIT_EPOCH_MS, FIT_STRING_MAX_BYTES, SEMICIRCLES_PER_DEGREE, SPORT_RUNNING } from './units.ts';

export interface ActivityToEncode {
  /** Samples and timer events in time order. */
  readonly inputs: readonly GuardInput[];
  /** Session sport: a FIT profile name ('running', the default; 'cycling') or its number as text. */
  readonly sport?: string;
  /** A FIT profile manufacturer name ('garmin'; default 'development') or its number as text. */
  readonly manufacturer?: string;
  readonly product?: number;
  /**
   * Free text for fileId and deviceInfo. FIT strings end at NUL and hold at
   * most 254 bytes of UTF-8, so NULs are dropped and longer text is cut at a
   * character boundary; anything else is kept as given.
   */
  readonly productName?: string;
  /**
   * Developer fields to declare (a developer data id and one field
   * description each, no values), named as given, cut like productName: what
   * a Connect IQ app writes, for readers that show the names.
   */
  readonly developerFieldNames?: readonly string[];
}

/** Writes a FIT activity file. */
export function encodeActivity(activity: ActivityToEncode): Uint8Array {
  const samples = activity.inputs.filter(isSample);
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (first === undefined || last === undefined) throw new RangeError('encodeActivity: an activity needs at least one sample');

  const sport = activity.sport === undefined ? SPORT_RUNNING : enumValue('sport', activity.sport);
  const manufacturer = enumValue('manufacturer', activity.manufacturer ?? 'development');
  const productName = activity.productName === undefined ? '' : toFitString(activity.productName);
  const startTime = fitTime(first.atMs);
  const endTime = fitTime(last.atMs);
  const totals = totalsOf(activity.inputs);

  const encoder = new Encoder();

  const fileId: Encodable<FileIdMesg> = {
    mesgNum: MESG.FILE_ID,
    type: FILE_TYPE_ACTIVITY,
    manufacturer,
    timeCreated: startTime,
  };
  const deviceInfo: Encodable<DeviceInfoMesg> = {
    mesgNum: MESG.DEVICE_INFO,
    timestamp: startTime,
    deviceIndex: DEVICE_INDEX_CREATOR,
    manufacturer,
  };
  if (activity.product !== undefined) {
    fileId.product = inRange(activity.product, 0, UINT16_MAX) ?? invalid('product', activity.product);
    deviceInfo.product = fileId.product;
  }
  if (productName !== '') {
    fileId.productName = productName;
    deviceInfo.productName = productName;
  }
  encoder.writeMesg(fileId);
  encoder.writeMesg(deviceInfo);
  const developerFieldNames = activity.developerFieldNames ?? [];
  if (developerFieldNames.length > 0) {
    encoder.writeMesg(developerDataId());
    developerFieldNames.forEach((name, i) => encoder.writeMesg(fieldDescription(i, toFitString(name))));
  }

  encoder.writeMesg(timerEvent(startTime, EVENT_TYPE.start));
  for (const input of activity.inputs) {
    switch (input.kind) {
      case 'sample':
        encoder.writeMesg(toRecord(input));
        break;
      case 'pause':
        encoder.writeMesg(timerEvent(fitTime(input.atMs), EVENT_TYPE.stopAll));
        break;
      case 'resume':
        encoder.writeMesg(timerEvent(fitTime(input.atMs), EVENT_TYPE.start));
        break;
    }
  }
  encoder.writeMesg(timerEvent(endTime, EVENT_TYPE.stopAll));

  const elapsedSec = endTime - startTime;
  const startLat = totals.startLatDeg === undefined ? undefined : semicircles(totals.startLatDeg, 90);
  const startLon = totals.startLonDeg === undefined ? undefined : semicircles(totals.startLonDeg, 180);
  const summary = {
    timestamp: endTime,
    startTime,
    totalElapsedTime: elapsedSec,
    totalTimerTime: totals.timerSec,
    sport,
    subSport: SUB_SPORT_GENERIC,
    eventType: EVENT_TYPE.stop,
    ...(totals.distanceM === undefined ? {} : { totalDistance: totals.distanceM }),
    ...(totals.avgHrBpm === undefined ? {} : { avgHeartRate: Math.round(totals.avgHrBpm) }),
    ...(totals.maxHrBpm === undefined ? {} : { maxHeartRate: totals.maxHrBpm }),
    ...(totals.avgSpeedMps === undefined ? {} : speedFields('avg', totals.avgSpeedMps)),
    ...(totals.maxSpeedMps === undefined ? {} : speedFields('max', totals.maxSpeedMps)),
    ...(startLat === undefined || startLon === undefined ? {} : { startPositionLat: startLat, startPositionLong: startLon }),
  };
  const lap: Encodable<LapMesg> = {
    mesgNum: MESG.LAP,
    ...summary,
    event: EVENT.lap,
    lapTrigger: LAP_TRIGGER_SESSION_END,
    messageIndex: 0,
  };
  const session: Encodable<SessionMesg> = {
    mesgNum: MESG.SESSION,
    ...summary,
    event: EVENT.session,
    trigger: SESSION_TRIGGER_ACTIVITY_END,
    firstLapIndex: 0,
    numLaps: 1,
    messageIndex: 0,
  };
  const activityMesg: Encodable<ActivityMesg> = {
    mesgNum: MESG.ACTIVITY,
    timestamp: endTime,
    totalTimerTime: totals.timerSec,
    numSessions: 1,
    type: ACTIVITY_MANUAL,
    event: EVENT.activity,
    eventType: EVENT_TYPE.stop,
  };
  encoder.writeMesg(lap);
  encoder.writeMesg(session);
  encoder.writeMesg(activityMesg);
  return encoder.close();
}

// ---------------------------------------------------------------------------
// Profile values, looked up by name so the code reads like the FIT profile

function enumValue(type: string, name: string): number {
  if (/^\d+$/.test(name)) return Number(name);
  const values = Profile.types[type] ?? {};
  for (const key in values) {
    if (values[Number(key)] === name) return Number(key);
  }
  throw new RangeError(`encodeActivity: the FIT profile has no ${type} named "${name}"`);
}

function mesgNum(name: string): number {
  const num = Profile.MesgNum[name];
  if (num === undefined) throw new Error(`FIT profile has no message ${name}`);
  return num;
}

const MESG = {
  FILE_ID: mesgNum('FILE_ID'),
  DEVICE_INFO: mesgNum('DEVICE_INFO'),
  EVENT: mesgNum('EVENT'),
  RECORD: mesgNum('RECORD'),
  LAP: mesgNum('LAP'),
  SESSION: mesgNum('SESSION'),
  ACTIVITY: mesgNum('ACTIVITY'),
  DEVELOPER_DATA_ID: mesgNum('DEVELOPER_DATA_ID'),
  FIELD_DESCRIPTION: mesgNum('FIELD_DESCRIPTION'),
} as const;

const EVENT = {
  timer: enumValue('event', 'timer'),
  lap: enumValue('event', 'lap'),
  session: enumValue('event', 'session'),
  activity: enumValue('event', 'activity'),
} as const;

const EVENT_TYPE = {
  start: enumValue('eventType', 'start'),
  stop: enumValue('eventType', 'stop'),
  stopAll: enumValue('eventType', 'stopAll'),
} as const;

const SUB_SPORT_GENERIC = enumValue('subSport', 'generic');
const LAP_TRIGGER_SESSION_END = enumValue('lapTrigger', 'sessionEnd');
const SESSION_TRIGGER_ACTIVITY_END = enumValue('sessionTrigger', 'activityEnd');
const ACTIVITY_MANUAL = enumValue('activity', 'manual');
const DEVICE_INDEX_CREATOR = 0;

// ---------------------------------------------------------------------------
// Field ranges (base type limits after scale and offset; the top value of each is FIT's "invalid")

const UINT8_MAX = 0xfe;
const UINT16_MAX = 0xfffe;
const UINT32_MAX = 0xfffffffe;
const SPEED_SCALE = 1000;
const DISTANCE_SCALE = 100;
const ALTITUDE_SCALE = 5;
const ALTITUDE_OFFSET_M = 500;
const FRACTIONAL_CADENCE_SCALE = 128;

/** The value if it is finite and inside [min, max], else undefined. */
function inRange(value: number | undefined, min: number, max: number): number | undefined {
  return value !== undefined && Number.isFinite(value) && value >= min && value <= max ? value : undefined;
}

function invalid(field: string, value: number): never {
  throw new RangeError(`encodeActivity: ${field} ${value} does not fit its FIT field`);
}

/** Seconds since the FIT epoch, rounded to FIT's 1 s resolution. */
function fitTime(atMs: number): number {
  const seconds = Math.round((atMs - FIT_EPOCH_MS) / 1000);
  return inRange(seconds, 0, UINT32_MAX) ?? invalid('time (ms)', atMs);
}

function semicircles(degrees: number, limit: number): number | undefined {
  if (inRange(degrees, -limit, limit) === undefined) return undefined;
  const value = Math.round(degrees * SEMICIRCLES_PER_DEGREE);
  // +180° is 2^31, one past sint32: it is the same meridian as -180°.
  return value >= 2 ** 31 ? value - 2 ** 32 : value;
}

function speedFields(which: 'avg' | 'max', speedMps: number): Partial<SessionMesg> {
  const enhanced = inRange(speedMps, 0, UINT32_MAX / SPEED_SCALE);
  const plain = inRange(speedMps, 0, UINT16_MAX / SPEED_SCALE);
  return which === 'avg'
    ? { ...(enhanced === undefined ? {} : { enhancedAvgSpeed: enhanced }), ...(plain === undefined ? {} : { avgSpeed: plain }) }
    : { ...(enhanced === undefined ? {} : { enhancedMaxSpeed: enhanced }), ...(plain === undefined ? {} : { maxSpeed: plain }) };
}

// ---------------------------------------------------------------------------
// Messages

function isSample(input: GuardInput): input is Sample {
  return input.kind === 'sample';
}

const DEVELOPER_DATA_INDEX = 0;
const FIT_BASE_TYPE_UINT8 = 2;
/** Made-up application id (16 bytes): these fields belong to no real app. */
const DEVELOPER_APPLICATION_ID = Array.from({ length: 16 }, (_, i) => i);

function developerDataId(): Encodable<DeveloperDataIdMesg> {
  return { mesgNum: MESG.DEVELOPER_DATA_ID, developerDataIndex: DEVELOPER_DATA_INDEX, applicationId: DEVELOPER_APPLICATION_ID };
}

function fieldDescription(fieldNumber: number, fieldName: string): Encodable<FieldDescriptionMesg> {
  return {
    mesgNum: MESG.FIELD_DESCRIPTION,
    developerDataIndex: DEVELOPER_DATA_INDEX,
    fieldDefinitionNumber: inRange(fieldNumber, 0, UINT8_MAX) ?? invalid('developer field number', fieldNumber),
    fitBaseTypeId: FIT_BASE_TYPE_UINT8,
    fieldName,
  };
}

function timerEvent(timestamp: number, eventType: number): Encodable<EventMesg> {
  return { mesgNum: MESG.EVENT, timestamp, event: EVENT.timer, eventType, eventGroup: 0 };
}

function toRecord(sample: Sample): Encodable<RecordMesg> {
  const record: Encodable<RecordMesg> = { mesgNum: MESG.RECORD, timestamp: fitTime(sample.atMs) };
  const hr = inRange(sample.hrBpm === undefined ? undefined : Math.round(sample.hrBpm), 1, UINT8_MAX);
  if (hr !== undefined) record.heartRate = hr;
  // Both spellings, as older watches write them: readers that know only `speed` still get it.
  const enhancedSpeed = inRange(sample.speedMps, 0, UINT32_MAX / SPEED_SCALE);
  if (enhancedSpeed !== undefined) record.enhancedSpeed = enhancedSpeed;
  const speed = inRange(sample.speedMps, 0, UINT16_MAX / SPEED_SCALE);
  if (speed !== undefined) record.speed = speed;
  const distance = inRange(sample.distanceM, 0, UINT32_MAX / DISTANCE_SCALE);
  if (distance !== undefined) record.distance = distance;
  if (sample.latDeg !== undefined && sample.lonDeg !== undefined) {
    const lat = semicircles(sample.latDeg, 90);
    const lon = semicircles(sample.lonDeg, 180);
    if (lat !== undefined && lon !== undefined) {
      record.positionLat = lat;
      record.positionLong = lon;
    }
  }
  const altitude = inRange(sample.altitudeM, -ALTITUDE_OFFSET_M, UINT32_MAX / ALTITUDE_SCALE - ALTITUDE_OFFSET_M);
  if (altitude !== undefined) record.enhancedAltitude = altitude;
  const cadence = sample.cadenceSpm === undefined ? undefined : strideCadence(sample.cadenceSpm);
  if (cadence !== undefined) {
    record.cadence = cadence.strides;
    record.fractionalCadence = cadence.fraction;
  }
  return record;
}

/** Steps/min → FIT's whole strides/min plus a fraction in 1/128ths. */
function strideCadence(stepsPerMin: number): { strides: number; fraction: number } | undefined {
  const strides128 = Math.round((stepsPerMin / 2) * FRACTIONAL_CADENCE_SCALE);
  const strides = Math.floor(strides128 / FRACTIONAL_CADENCE_SCALE);
  if (inRange(strides, 0, UINT8_MAX) === undefined) return undefined;
  return { strides, fraction: (strides128 - strides * FRACTIONAL_CADENCE_SCALE) / FRACTIONAL_CADENCE_SCALE };
}

/** Cuts text to what a FIT string field holds: no NUL, at most 254 UTF-8 bytes, whole characters. */
function toFitString(text: string): string {
  let bytes = 0;
  let end = 0;
  const clean = text.replaceAll('\u0000', '');
  for (const char of clean) {
    const code = char.codePointAt(0) ?? 0;
    // A lone surrogate is written as U+FFFD: 3 bytes.
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > FIT_STRING_MAX_BYTES - 1) break;
    bytes += size;
    end += char.length;
  }
  return clean.slice(0, end);
}

// ---------------------------------------------------------------------------
// Session totals, computed from the inputs

interface Totals {
  readonly timerSec: number;
  readonly distanceM: number | undefined;
  readonly avgHrBpm: number | undefined;
  readonly maxHrBpm: number | undefined;
  readonly avgSpeedMps: number | undefined;
  readonly maxSpeedMps: number | undefined;
  readonly startLatDeg: number | undefined;
  readonly startLonDeg: number | undefined;
}

function totalsOf(inputs: readonly GuardInput[]): Totals {
  let timerSec = 0;
  let paused = false;
  let pausedSincePrev = false;
  let prevAtMs: number | undefined;
  let hrSum = 0;
  let hrCount = 0;
  let maxHrBpm: number | undefined;
  let speedSum = 0;
  let speedCount = 0;
  let maxSpeedMps: number | undefined;
  let distanceM: number | undefined;
  let startLatDeg: number | undefined;
  let startLonDeg: number | undefined;
  for (const input of inputs) {
    if (input.kind === 'pause') {
      paused = true;
      pausedSincePrev = true;
      continue;
    }
    if (input.kind === 'resume') {
      paused = false;
      continue;
    }
    if (input.kind !== 'sample') continue;
    if (prevAtMs !== undefined && !paused && !pausedSincePrev) timerSec += Math.max(0, (input.atMs - prevAtMs) / 1000);
    prevAtMs = input.atMs;
    pausedSincePrev = paused;
    const hr = inRange(input.hrBpm, 1, UINT8_MAX);
    if (hr !== undefined) {
      hrSum += hr;
      hrCount++;
      maxHrBpm = Math.max(maxHrBpm ?? 0, Math.round(hr));
    }
    const speed = inRange(input.speedMps, 0, UINT32_MAX / SPEED_SCALE);
    if (speed !== undefined) {
      speedSum += speed;
      speedCount++;
      maxSpeedMps = Math.max(maxSpeedMps ?? 0, speed);
    }
    const distance = inRange(input.distanceM, 0, UINT32_MAX / DISTANCE_SCALE);
    if (distance !== undefined) distanceM = Math.max(distanceM ?? 0, distance);
    if (startLatDeg === undefined && input.latDeg !== undefined && input.lonDeg !== undefined) {
      startLatDeg = input.latDeg;
      startLonDeg = input.lonDeg;
    }
  }
  const avgSpeedMps =
    distanceM !== undefined && timerSec > 0 ? distanceM / timerSec : speedCount > 0 ? speedSum / speedCount : undefined;
  return {
    timerSec: Math.round(timerSec),
    distanceM,
    avgHrBpm: hrCount > 0 ? hrSum / hrCount : undefined,
    maxHrBpm,
    avgSpeedMps,
    maxSpeedMps,
    startLatDeg,
    startLonDeg,
  };
}
