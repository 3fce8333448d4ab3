/** SDK record messages → samples: units converted, absent stays absent, backward records dropped. */
import type { Sample } from '../samples/sample.ts';
import { finite, isFields } from './fields.ts';
import { crowdGate, type CrowdGate } from './limits.ts';
import { FIT_EPOCH_MS, SEMICIRCLES_PER_DEGREE } from './units.ts';

type MutableSample = { -readonly [K in keyof Sample]: Sample[K] };

export interface Converted {
  /** Non-decreasing in `atMs`. */
  readonly samples: Sample[];
  readonly backward: number;
  readonly untimed: number;
  /** Records crowded into one second, dropped (./limits.ts). */
  readonly crowd: CrowdGate;
  readonly anyHr: boolean;
  readonly anyPace: boolean;
}

const DEGREES_PER_SEMICIRCLE = 1 / SEMICIRCLES_PER_DEGREE;

/**
 * Records → samples, one record at a time: `add` each record in file order,
 * then `finish`. One allocation per record kept (the Sample); `add` keeps
 * nothing of the record it is given, so a reader may hand it the same object
 * refilled for every record (sdk-read.ts's `onRecord`), and a long file's
 * records never all live at once. With `compressedSpeed`, `speed` is read
 * before `enhancedSpeed`: the SDK (21.217) expands compressedSpeedDistance →
 * speed → enhancedSpeed and gets the second step 10× too large.
 */
export interface SampleSink {
  readonly add: (record: unknown) => void;
  readonly finish: () => Converted;
}

export function sampleSink(compressedSpeed: boolean): SampleSink {
  const samples: Sample[] = [];
  let lastAtMs = -Infinity;
  let backward = 0;
  let untimed = 0;
  const crowd = crowdGate();
  let anyHr = false;
  let anyPace = false;
  const add = (record: unknown): void => {
    if (!isFields(record)) return;
    const timestamp = record['timestamp'];
    if (typeof timestamp !== 'number') {
      untimed++;
      return;
    }
    const atMs = FIT_EPOCH_MS + timestamp * 1000;
    if (atMs < lastAtMs) {
      backward++;
      return;
    }
    lastAtMs = atMs;
    if (!crowd.admit(atMs)) return;
    const hr = record['heartRate'];
    // 0 and 255 are what straps send for "no reading".
    const hrBpm = typeof hr === 'number' && hr > 0 && hr < 255 ? hr : undefined;
    const speed = compressedSpeed
      ? (finite(record['speed']) ?? finite(record['enhancedSpeed']))
      : (finite(record['enhancedSpeed']) ?? finite(record['speed']));
    const speedMps = speed !== undefined && speed >= 0 ? speed : undefined;
    const distance = finite(record['distance']);
    const distanceM = distance !== undefined && distance >= 0 ? distance : undefined;
    const lat = record['positionLat'];
    const lon = record['positionLong'];
    let latDeg: number | undefined;
    let lonDeg: number | undefined;
    if (typeof lat === 'number' && typeof lon === 'number') {
      const latOf = lat * DEGREES_PER_SEMICIRCLE;
      const lonOf = lon * DEGREES_PER_SEMICIRCLE;
      if (Math.abs(latOf) <= 90 && Math.abs(lonOf) <= 180) {
        latDeg = latOf;
        lonDeg = lonOf;
      }
    }
    const altitudeM = finite(record['enhancedAltitude']) ?? finite(record['altitude']);
    // FIT cadence is strides (one foot) per minute; cadence256 is the older spelling of the same.
    const strides = finite(record['cadence']) ?? finite(record['cadence256']);
    const cadenceSpm = strides !== undefined && strides >= 0 ? (strides + (finite(record['fractionalCadence']) ?? 0)) * 2 : undefined;
    if (hrBpm !== undefined) anyHr = true;
    if (speedMps !== undefined || distanceM !== undefined || latDeg !== undefined) anyPace = true;

    if (
      hrBpm !== undefined &&
      speedMps !== undefined &&
      distanceM !== undefined &&
      latDeg !== undefined &&
      lonDeg !== undefined &&
      altitudeM !== undefined &&
      cadenceSpm !== undefined
    ) {
      // Every channel, as most watches record: one object made whole, the same keys in the same order as below.
      // Added one by one, each sample's properties outgrew the object and were copied as it grew: most of a
      // long file's conversion time and much of its garbage.
      samples.push({ kind: 'sample', atMs, hrBpm, speedMps, distanceM, latDeg, lonDeg, altitudeM, cadenceSpm });
      return;
    }
    const sample: MutableSample = { kind: 'sample', atMs };
    if (hrBpm !== undefined) sample.hrBpm = hrBpm;
    if (speedMps !== undefined) sample.speedMps = speedMps;
    if (distanceM !== undefined) sample.distanceM = distanceM;
    if (latDeg !== undefined && lonDeg !== undefined) {
      sample.latDeg = latDeg;
      sample.lonDeg = lonDeg;
    }
    if (altitudeM !== undefined) sample.altitudeM = altitudeM;
    if (cadenceSpm !== undefined) sample.cadenceSpm = cadenceSpm;
    samples.push(sample);
  };
  return { add, finish: () => ({ samples, backward, untimed, crowd, anyHr, anyPace }) };
}

/** All of a list of records at once (see {@link sampleSink}). */
export function toSamples(records: readonly unknown[], compressedSpeed: boolean): Converted {
  const sink = sampleSink(compressedSpeed);
  for (const record of records) sink.add(record);
  return sink.finish();
}
