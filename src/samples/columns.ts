/**
 * Samples held as numbers, not objects: a row of eight float64s a sample
 * (NaN where a channel is absent), each Sample made when it is read.
 *
 * Why: held as objects, every sample of a long file (an object and six boxed
 * numbers) outlived the young generation while the file was read, and the
 * collector copied each one twice on its way to the old heap. Rows cost it
 * nothing; the samples made from them die young. Measured whole processes
 * paired against objects (issue #21, docs/benchmarks.md): replay 0.86× the
 * CPU at 5 h and 0.75× at 20 h; calibrate and tune on a year of runs, which
 * read each file's series too, 0.86× and 0.91×.
 */
import type { Sample } from './sample.ts';
import type { SampleSeries } from './series.ts';

type MutableSample = { -readonly [K in keyof Sample]: Sample[K] };

const STRIDE = 8;
const AT_MS = 0;
const HR_BPM = 1;
const SPEED_MPS = 2;
const DISTANCE_M = 3;
const LAT_DEG = 4;
const LON_DEG = 5;
const ALTITUDE_M = 6;
const CADENCE_SPM = 7;
const INITIAL_ROWS = 1024;

export class SampleColumns implements SampleSeries {
  private rows: Float64Array;
  private count = 0;

  constructor(initialRows = INITIAL_ROWS) {
    this.rows = new Float64Array(Math.max(1, initialRows) * STRIDE);
  }

  get length(): number {
    return this.count;
  }

  /** Appends one sample; latDeg and lonDeg come both or neither. */
  push(
    atMs: number,
    hrBpm: number | undefined,
    speedMps: number | undefined,
    distanceM: number | undefined,
    latDeg: number | undefined,
    lonDeg: number | undefined,
    altitudeM: number | undefined,
    cadenceSpm: number | undefined,
  ): void {
    let rows = this.rows;
    const o = this.count * STRIDE;
    if (o + STRIDE > rows.length) {
      const grown = new Float64Array(rows.length * 2);
      grown.set(rows);
      this.rows = rows = grown;
    }
    rows[o + AT_MS] = atMs;
    rows[o + HR_BPM] = hrBpm ?? NaN;
    rows[o + SPEED_MPS] = speedMps ?? NaN;
    rows[o + DISTANCE_M] = distanceM ?? NaN;
    rows[o + LAT_DEG] = latDeg ?? NaN;
    rows[o + LON_DEG] = lonDeg ?? NaN;
    rows[o + ALTITUDE_M] = altitudeM ?? NaN;
    rows[o + CADENCE_SPM] = cadenceSpm ?? NaN;
    this.count++;
  }

  /** Sample `index`'s time, without making the sample (undefined outside the rows). */
  atMsAt(index: number): number | undefined {
    const i = index < 0 ? index + this.count : index;
    return i >= 0 && i < this.count ? this.rows[i * STRIDE + AT_MS] : undefined;
  }

  /** Sample `index`, made now (a new object on every call); negative counts back from the end. */
  at(index: number): Sample | undefined {
    const i = index < 0 ? index + this.count : index;
    if (!(i >= 0 && i < this.count)) return undefined;
    const rows = this.rows;
    const o = i * STRIDE;
    const atMs = rows[o + AT_MS] as number;
    const hrBpm = rows[o + HR_BPM] as number;
    const speedMps = rows[o + SPEED_MPS] as number;
    const distanceM = rows[o + DISTANCE_M] as number;
    const latDeg = rows[o + LAT_DEG] as number;
    const lonDeg = rows[o + LON_DEG] as number;
    const altitudeM = rows[o + ALTITUDE_M] as number;
    const cadenceSpm = rows[o + CADENCE_SPM] as number;
    // x === x: present (NaN marks absent). Every channel, as most watches record: one object made whole, keys in the order below.
    if (hrBpm === hrBpm && speedMps === speedMps && distanceM === distanceM && latDeg === latDeg && altitudeM === altitudeM && cadenceSpm === cadenceSpm) {
      return { kind: 'sample', atMs, hrBpm, speedMps, distanceM, latDeg, lonDeg, altitudeM, cadenceSpm };
    }
    const sample: MutableSample = { kind: 'sample', atMs };
    if (hrBpm === hrBpm) sample.hrBpm = hrBpm;
    if (speedMps === speedMps) sample.speedMps = speedMps;
    if (distanceM === distanceM) sample.distanceM = distanceM;
    if (latDeg === latDeg) {
      sample.latDeg = latDeg;
      sample.lonDeg = lonDeg;
    }
    if (altitudeM === altitudeM) sample.altitudeM = altitudeM;
    if (cadenceSpm === cadenceSpm) sample.cadenceSpm = cadenceSpm;
    return sample;
  }

  /** Samples [lo, hi) as their own columns (a copy). */
  slice(lo: number, hi: number): SampleColumns {
    const from = Math.max(0, Math.min(lo, this.count));
    const to = Math.max(from, Math.min(hi, this.count));
    const part = new SampleColumns(to - from);
    part.rows.set(this.rows.subarray(from * STRIDE, to * STRIDE));
    part.count = to - from;
    return part;
  }
}
