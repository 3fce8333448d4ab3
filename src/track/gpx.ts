/**
 * GPX 1.0/1.1 → track points. Every `trk`, then every `trkseg`, then every
 * `trkpt`, in document order, read as one recording: a new segment is where
 * the receiver stopped and started again (the GPX schema's own meaning), so
 * it begins after a break (a pause). From each point: `lat`/`lon`, `ele`,
 * `time`, and in `extensions`, at any namespace prefix, Garmin's
 * TrackPointExtension (`hr`, `cad` in strides per minute as in FIT, so
 * doubled, and v2's `speed`), or `hr` / `heartrate` directly under
 * `extensions` (Cluetrust GPXDATA, Amazfit).
 *
 * @example
 * <trkpt lat="45.20" lon="5.77"><ele>216.8</ele><time>2017-03-19T16:49:30Z</time>
 *   <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>76</gpxtpx:hr><gpxtpx:cad>85</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions>
 * </trkpt>                                  → { atMs, latDeg 45.2, lonDeg 5.77, altitudeM 216.8, hrBpm 76, cadenceSpm 170 }
 */
import { trackPoint, type TrackPoint, type TrackRead } from './points.ts';
import { parseDateTimeMs } from './time.ts';
import { attributeOf, child, children, childText, numberOf, type XmlNode } from './xml.ts';

/** The root element of a GPX document. */
export const GPX_ROOT = 'gpx';

export function readGpx(root: XmlNode): TrackRead {
  const points: TrackPoint[] = [];
  const breaks: number[] = [];
  let sportLabel: string | undefined;
  for (const trk of children(root, 'trk')) {
    sportLabel ??= childText(trk, 'type');
    for (const segment of children(trk, 'trkseg')) {
      const first = points.length;
      for (const trkpt of children(segment, 'trkpt')) points.push(readPoint(trkpt));
      if (first > 0 && points.length > first) breaks.push(first);
    }
  }
  const creator = attributeOf(root, 'creator');
  return {
    parts: [{ ...(sportLabel === undefined ? {} : { sportLabel }), points, breaks }],
    ...(creator === undefined || creator === '' ? {} : { productName: creator }),
  };
}

function readPoint(trkpt: XmlNode): TrackPoint {
  const extension = extensionValues(child(trkpt, 'extensions'));
  return trackPoint(parseDateTimeMs(childText(trkpt, 'time')), {
    hrBpm: extension.hrBpm,
    speedMps: extension.speedMps,
    distanceM: undefined,
    latDeg: numberOf(attributeOf(trkpt, 'lat')),
    lonDeg: numberOf(attributeOf(trkpt, 'lon')),
    altitudeM: numberOf(childText(trkpt, 'ele')),
    stridesPerMin: extension.stridesPerMin,
  });
}

interface ExtensionValues {
  readonly hrBpm: number | undefined;
  readonly speedMps: number | undefined;
  readonly stridesPerMin: number | undefined;
}

const NO_EXTENSION: ExtensionValues = { hrBpm: undefined, speedMps: undefined, stridesPerMin: undefined };

/** TrackPointExtension first (whatever its prefix), then values directly under `extensions`. */
function extensionValues(extensions: XmlNode | undefined): ExtensionValues {
  if (extensions === undefined) return NO_EXTENSION;
  const tpx = child(extensions, 'TrackPointExtension');
  const places = tpx === undefined ? [extensions] : [tpx, extensions];
  const first = (names: readonly string[]): number | undefined => {
    for (const place of places) {
      for (const name of names) {
        const value = numberOf(childText(place, name));
        if (value !== undefined) return value;
      }
    }
    return undefined;
  };
  return { hrBpm: first(HR_NAMES), speedMps: first(SPEED_NAMES), stridesPerMin: first(CADENCE_NAMES) };
}

const HR_NAMES = ['hr', 'heartrate'] as const;
const SPEED_NAMES = ['speed'] as const;
/** `cad` only: GPXDATA's `cadence` is revolutions (cycling) in its schema, not strides. */
const CADENCE_NAMES = ['cad'] as const;

