/**
 * GPX and TCX fixtures, written here from guard inputs (a synthetic run from
 * simulator/synth, or a hand-made list) the way exporters write them: GPX as
 * Garmin Connect and Strava do (positions, elevation, time, and Garmin's
 * TrackPointExtension with heart rate and cadence in strides per minute; a
 * new track segment after each pause), TCX as Garmin Connect does (laps of
 * tracks of trackpoints, cumulative distance, and the ActivityExtension's
 * TPX with speed and run cadence in strides). Nothing here reads the
 * project's decoder: the strings are what the decoder must understand.
 */
import type { GuardInput, Sample } from '../../src/samples/sample.ts';

export interface GpxOptions {
  /** Prefix of the TrackPointExtension namespace ('gpxtpx' as Strava, 'ns3' as Garmin Connect; '' for a default namespace on the element). */
  readonly tpxPrefix?: string;
  /** trk/type, as Strava ('9') or Garmin ('running') write it; absent: no type. */
  readonly type?: string;
  /** Leave out positions (a treadmill GPX has none). */
  readonly positions?: boolean;
  /** Put each segment in a track of its own instead of one track of several segments. */
  readonly trackPerSegment?: boolean;
}

const iso = (atMs: number): string => new Date(atMs).toISOString();
const samplesOf = (inputs: readonly GuardInput[]): Sample[] => inputs.filter((input): input is Sample => input.kind === 'sample');

/** Samples split where the timer was paused: each pause ends a segment, the next sample begins one. */
function segments(inputs: readonly GuardInput[]): Sample[][] {
  const out: Sample[][] = [[]];
  for (const input of inputs) {
    if (input.kind === 'pause' && (out.at(-1)?.length ?? 0) > 0) out.push([]);
    if (input.kind === 'sample') out.at(-1)?.push(input);
  }
  return out.filter((segment) => segment.length > 0);
}

export function gpxPoint(sample: Sample, options: GpxOptions = {}): string {
  const p = options.tpxPrefix ?? 'gpxtpx';
  const tag = (name: string): string => (p === '' ? name : `${p}:${name}`);
  const ns = p === '' ? ' xmlns="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"' : '';
  const position = options.positions === false || sample.latDeg === undefined || sample.lonDeg === undefined ? '' : ` lat="${sample.latDeg.toFixed(7)}" lon="${sample.lonDeg.toFixed(7)}"`;
  const ext: string[] = [];
  if (sample.hrBpm !== undefined) ext.push(`<${tag('hr')}>${Math.round(sample.hrBpm)}</${tag('hr')}>`);
  if (sample.cadenceSpm !== undefined) ext.push(`<${tag('cad')}>${Math.round(sample.cadenceSpm / 2)}</${tag('cad')}>`);
  return [
    `<trkpt${position}>`,
    sample.altitudeM === undefined ? '' : `<ele>${sample.altitudeM.toFixed(1)}</ele>`,
    `<time>${iso(sample.atMs)}</time>`,
    ext.length === 0 ? '' : `<extensions><${tag('TrackPointExtension')}${ns}>${ext.join('')}</${tag('TrackPointExtension')}></extensions>`,
    '</trkpt>',
  ].join('');
}

export function toGpx(inputs: readonly GuardInput[], options: GpxOptions = {}): string {
  const p = options.tpxPrefix ?? 'gpxtpx';
  const nsDecl = p === '' ? '' : ` xmlns:${p}="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"`;
  const type = options.type === undefined ? '' : `<type>${options.type}</type>`;
  const segs = segments(inputs).map((segment) => `<trkseg>\n${segment.map((s) => gpxPoint(s, options)).join('\n')}\n</trkseg>`);
  const tracks = options.trackPerSegment === true ? segs.map((seg) => `<trk>${type}${seg}</trk>`) : [`<trk><name>Morning Run</name>${type}${segs.join('\n')}</trk>`];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<gpx creator="paceguard tests" version="1.1" xmlns="http://www.topografix.com/GPX/1/1"${nsDecl}>`,
    `<metadata><time>${iso(inputs[0]?.atMs ?? 0)}</time></metadata>`,
    ...tracks,
    '</gpx>',
    '',
  ].join('\n');
}

export interface TcxOptions {
  /** Prefix of the ActivityExtension namespace ('ns3' as Garmin Connect, 'ext', '' for a default namespace on TPX). */
  readonly tpxPrefix?: string;
  readonly sport?: string;
  /** Samples per lap (Garmin: one per km; any split does). */
  readonly lapSamples?: number;
  /** Cadence as the trackpoint's own `Cadence` element instead of TPX `RunCadence`. */
  readonly cadenceElement?: boolean;
  /** Leave the TPX `Speed` out (distance only, as many exporters). */
  readonly speed?: boolean;
}

export function tcxPoint(sample: Sample, options: TcxOptions = {}): string {
  const p = options.tpxPrefix ?? 'ns3';
  const tag = (name: string): string => (p === '' ? name : `${p}:${name}`);
  const ns = p === '' ? ' xmlns="http://www.garmin.com/xmlschemas/ActivityExtension/v2"' : '';
  const tpx: string[] = [];
  if (options.speed !== false && sample.speedMps !== undefined) tpx.push(`<${tag('Speed')}>${sample.speedMps}</${tag('Speed')}>`);
  if (options.cadenceElement !== true && sample.cadenceSpm !== undefined) tpx.push(`<${tag('RunCadence')}>${sample.cadenceSpm / 2}</${tag('RunCadence')}>`);
  return [
    '<Trackpoint>',
    `<Time>${iso(sample.atMs)}</Time>`,
    sample.latDeg === undefined || sample.lonDeg === undefined
      ? ''
      : `<Position><LatitudeDegrees>${sample.latDeg}</LatitudeDegrees><LongitudeDegrees>${sample.lonDeg}</LongitudeDegrees></Position>`,
    sample.altitudeM === undefined ? '' : `<AltitudeMeters>${sample.altitudeM}</AltitudeMeters>`,
    sample.distanceM === undefined ? '' : `<DistanceMeters>${sample.distanceM}</DistanceMeters>`,
    sample.hrBpm === undefined ? '' : `<HeartRateBpm><Value>${sample.hrBpm}</Value></HeartRateBpm>`,
    options.cadenceElement === true && sample.cadenceSpm !== undefined ? `<Cadence>${sample.cadenceSpm / 2}</Cadence>` : '',
    tpx.length === 0 ? '' : `<Extensions><${tag('TPX')}${ns}>${tpx.join('')}</${tag('TPX')}></Extensions>`,
    '</Trackpoint>',
  ].join('');
}

/** One TCX Activity element (several make a multi-activity file). */
export function tcxActivity(inputs: readonly GuardInput[], options: TcxOptions = {}): string {
  const samples = samplesOf(inputs);
  const lapSamples = options.lapSamples ?? 300;
  const laps: string[] = [];
  for (let i = 0; i < samples.length; i += lapSamples) {
    const lap = samples.slice(i, i + lapSamples);
    laps.push(`<Lap StartTime="${iso(lap[0]?.atMs ?? 0)}"><Intensity>Active</Intensity><TriggerMethod>Distance</TriggerMethod><Track>\n${lap.map((s) => tcxPoint(s, options)).join('\n')}\n</Track></Lap>`);
  }
  return [
    `<Activity Sport="${options.sport ?? 'Running'}">`,
    `<Id>${iso(samples[0]?.atMs ?? 0)}</Id>`,
    ...laps,
    '<Creator xsi:type="Device_t"><Name>Forerunner 965</Name></Creator>',
    '</Activity>',
  ].join('\n');
}

export function toTcx(activities: string | readonly string[]): string {
  const list = typeof activities === 'string' ? [activities] : activities;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2" xmlns:ext="http://www.garmin.com/xmlschemas/ActivityExtension/v2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `<Activities>\n${list.join('\n')}\n</Activities>`,
    '</TrainingCenterDatabase>',
    '',
  ].join('\n');
}

export const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);
