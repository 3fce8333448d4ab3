/** SDK record messages → samples: units converted, absent stays absent, backward records dropped. */
import { SampleColumns } from '../samples/columns.ts';
import { finite, isFields } from './fields.ts';
import { crowdGate, type CrowdGate } from './limits.ts';
import { FIT_EPOCH_MS, SEMICIRCLES_PER_DEGREE } from './units.ts';

export interface Converted {
  /** Non-decreasing in `atMs`; held as rows of numbers (../samples/columns.ts says why). */
  readonly samples: SampleColumns;
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
 * then `finish`. No object is kept per record (the samples are rows of
 * numbers, ../samples/columns.ts); `add` keeps nothing of the record it is
 * given, so a reader may hand it the same object refilled for every record
 * (sdk-read.ts's `onRecord`), and a long file's records never all live at
 * once. With `compressedSpeed`, `speed` is read
 * before `enhancedSpeed`: the SDK (21.217) expands compressedSpeedDistance →
 * speed → enhancedSpeed and gets the second step 10× too large.
 */
export interface SampleSink {
  readonly add: (record: unknown) => void;
  readonly finish: () => Converted;
}

export function sampleSink(compressedSpeed: boolean): SampleSink {
  const samples = new SampleColumns();
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

    samples.push(atMs, hrBpm, speedMps, distanceM, latDeg, lonDeg, altitudeM, cadenceSpm);
  };
  // The rows copied to their exact size, so that two reads of the same records compare equal whatever room was left to grow.
  return { add, finish: () => ({ samples: samples.slice(0, samples.length), backward, untimed, crowd, anyHr, anyPace }) };
}

/** All of a list of records at once (see {@link sampleSink}). */
export function toSamples(records: readonly unknown[], compressedSpeed: boolean): Converted {
  const sink = sampleSink(compressedSpeed);
  for (const record of records) sink.add(record);
  return sink.finish();
}
