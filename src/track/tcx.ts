/**
 * TCX (Garmin Training Center Database v2) → track points. Each `Activity`
 * under `Activities` is a part (like a FIT session), with its `Sport`
 * attribute as the label; its `Lap`s and their `Track`s are read in document
 * order. A new `Track` is not a pause: exporters start one per lap as often
 * as after a stop, so pauses come from the time gaps between points, as in
 * FIT. From each `Trackpoint`: `Time`, `Position` (`LatitudeDegrees`,
 * `LongitudeDegrees`), `AltitudeMeters`, `DistanceMeters`,
 * `HeartRateBpm/Value`, and the ActivityExtension's `TPX` (any prefix):
 * `Speed` in m/s, `RunCadence` in strides per minute (doubled), else the
 * point's own `Cadence` (strides, as running files write it).
 *
 * @example
 * <Trackpoint><Time>2016-09-12T11:19:56.000Z</Time><DistanceMeters>2.3</DistanceMeters>
 *   <HeartRateBpm><Value>85</Value></HeartRateBpm><Extensions><ns3:TPX><ns3:RunCadence>80</ns3:RunCadence></ns3:TPX></Extensions>
 * </Trackpoint>                             → { atMs, distanceM 2.3, hrBpm 85, cadenceSpm 160 }
 */
import { trackPoint, type TrackPart, type TrackPoint, type TrackRead } from './points.ts';
import { parseDateTimeMs } from './time.ts';
import { attributeOf, child, children, childText, numberOf, textOf, type XmlNode } from './xml.ts';

/** The root element of a TCX document. */
export const TCX_ROOT = 'TrainingCenterDatabase';

export function readTcx(root: XmlNode): TrackRead {
  const parts: TrackPart[] = [];
  let productName: string | undefined;
  for (const activities of children(root, 'Activities')) {
    for (const activity of children(activities, 'Activity')) {
      productName ??= childText(child(activity, 'Creator') ?? {}, 'Name');
      const points: TrackPoint[] = [];
      for (const lap of children(activity, 'Lap')) {
        for (const track of children(lap, 'Track')) {
          for (const trackpoint of children(track, 'Trackpoint')) points.push(readPoint(trackpoint));
        }
      }
      const sportLabel = attributeOf(activity, 'Sport');
      parts.push({ ...(sportLabel === undefined || sportLabel === '' ? {} : { sportLabel }), points, breaks: [] });
    }
  }
  return { parts, ...(productName === undefined ? {} : { productName }) };
}

function readPoint(trackpoint: XmlNode): TrackPoint {
  const position = child(trackpoint, 'Position');
  const tpx = child(child(trackpoint, 'Extensions') ?? {}, 'TPX');
  const tpxNumber = (name: string): number | undefined => (tpx === undefined ? undefined : numberOf(childText(tpx, name)));
  return trackPoint(parseDateTimeMs(childText(trackpoint, 'Time')), {
    hrBpm: numberOf(textOf(child(child(trackpoint, 'HeartRateBpm') ?? {}, 'Value'))),
    speedMps: tpxNumber('Speed'),
    distanceM: numberOf(childText(trackpoint, 'DistanceMeters')),
    latDeg: position === undefined ? undefined : numberOf(childText(position, 'LatitudeDegrees')),
    lonDeg: position === undefined ? undefined : numberOf(childText(position, 'LongitudeDegrees')),
    altitudeM: numberOf(childText(trackpoint, 'AltitudeMeters')),
    stridesPerMin: tpxNumber('RunCadence') ?? numberOf(childText(trackpoint, 'Cadence')),
  });
}
