import type { Sample } from '../samples/sample.ts';

/**
 * What gpx.ts and tcx.ts read, before it is trusted as samples: track points
 * in file order, each with its time if it has one, grouped in parts (a TCX
 * Activity; a GPX file is one part) with the points where recording broke off
 * and began again (a new GPX track segment).
 */
/**
 * A point as the file gives it: the channels a sample has (cadence is the full
 * step rate: the readers double the strides per minute both formats write),
 * and `atMs` undefined when it has no readable time.
 */
export interface TrackPoint extends Omit<Sample, 'kind' | 'atMs'> {
  readonly atMs: number | undefined;
}

export interface TrackPart {
  /** The part's sport as the file labels it (TCX `Sport`, GPX `trk/type`): reported, never trusted. */
  readonly sportLabel?: string;
  readonly points: readonly TrackPoint[];
  /** Indices into `points` that begin a new stretch of recording after a break (GPX: each track segment after the first). */
  readonly breaks: readonly number[];
}

export interface TrackRead {
  readonly parts: readonly TrackPart[];
  /** What wrote the file (GPX `creator`, TCX `Creator/Name`). Arbitrary text: escape it before showing. */
  readonly productName?: string;
}

/** Raw values of one point, each kept only when it is a plausible reading (absent stays absent). */
export interface RawValues {
  readonly hrBpm: number | undefined;
  readonly speedMps: number | undefined;
  readonly distanceM: number | undefined;
  readonly latDeg: number | undefined;
  readonly lonDeg: number | undefined;
  readonly altitudeM: number | undefined;
  /** Strides (one foot) per minute, as both formats write it. */
  readonly stridesPerMin: number | undefined;
}

/** Builds a point with the same rules as the FIT reader (src/fit/records.ts): 0 and 255 bpm are "no reading", positions must lie on the globe. */
export function trackPoint(atMs: number | undefined, raw: RawValues): TrackPoint {
  const point: { -readonly [K in keyof TrackPoint]: TrackPoint[K] } = { atMs };
  if (raw.hrBpm !== undefined && raw.hrBpm > 0 && raw.hrBpm < 255) point.hrBpm = raw.hrBpm;
  if (raw.speedMps !== undefined && raw.speedMps >= 0) point.speedMps = raw.speedMps;
  if (raw.distanceM !== undefined && raw.distanceM >= 0) point.distanceM = raw.distanceM;
  if (raw.latDeg !== undefined && raw.lonDeg !== undefined && Math.abs(raw.latDeg) <= 90 && Math.abs(raw.lonDeg) <= 180) {
    point.latDeg = raw.latDeg;
    point.lonDeg = raw.lonDeg;
  }
  if (raw.altitudeM !== undefined) point.altitudeM = raw.altitudeM;
  if (raw.stridesPerMin !== undefined && raw.stridesPerMin >= 0) point.cadenceSpm = raw.stridesPerMin * 2;
  return point;
}
