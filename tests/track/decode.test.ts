/**
 * decodeTrack and decodeRecording on GPX and TCX written here (make-track.ts,
 * or by hand below): namespaces, missing fields, extensions, cadence doubled,
 * segments as pauses, laps and activities, and every bad input as one line.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeActivity, type DecodeResult } from '../../src/fit/decode.ts';
import { encodeActivity } from '../../src/fit/encode.ts';
import type { GuardInput, Sample } from '../../src/samples/sample.ts';
import { decodeTrack } from '../../src/track/decode.ts';
import { decodeRecording, recordingFormat } from '../../src/track/recording.ts';
import { parseDateTimeMs } from '../../src/track/time.ts';
import { makeRun, RUN_START_MS } from '../fit/make-run.ts';
import { bytesOf, gpxPoint, tcxActivity, tcxPoint, toGpx, toTcx } from './make-track.ts';

const T0 = '2024-05-01T06:00:00Z';

function ok(result: DecodeResult): Extract<DecodeResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected inputs, got: ${result.error}`);
  return result;
}
const samplesIn = (result: DecodeResult): Sample[] => ok(result).inputs.filter((i): i is Sample => i.kind === 'sample');
const kinds = (inputs: readonly GuardInput[]): string[] => inputs.filter((i) => i.kind !== 'sample').map((i) => `${i.kind}@${(i.atMs - RUN_START_MS) / 1000}`);

/** A GPX of one track with these trkpt bodies (each given its own time, a second apart). */
function gpxWith(points: readonly string[], head = 'xmlns="http://www.topografix.com/GPX/1/1"'): Uint8Array {
  const body = points.map((inner, i) => `<trkpt lat="52.1" lon="5.1"><time>2024-05-01T06:00:${String(i).padStart(2, '0')}Z</time>${inner}</trkpt>`);
  return bytesOf(`<?xml version="1.0"?><gpx version="1.1" ${head}><trk><trkseg>${body.join('')}</trkseg></trk></gpx>`);
}

describe('GPX: what each track point gives', () => {
  test.each([
    ['gpxtpx prefix (Strava)', '<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>141</gpxtpx:hr><gpxtpx:cad>86</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions>', { hrBpm: 141, cadenceSpm: 172 }],
    ['ns3 prefix (Garmin Connect)', '<extensions><ns3:TrackPointExtension><ns3:hr>141</ns3:hr><ns3:cad>85</ns3:cad></ns3:TrackPointExtension></extensions>', { hrBpm: 141, cadenceSpm: 170 }],
    ['default namespace on the extension', '<extensions><TrackPointExtension xmlns="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><hr>139</hr></TrackPointExtension></extensions>', { hrBpm: 139 }],
    ['GPXDATA heart rate (pytrainer)', '<extensions><gpxdata:hr>120</gpxdata:hr></extensions>', { hrBpm: 120 }],
    ['Amazfit heartrate beside the extension', '<extensions><heartrate>99</heartrate><ns3:TrackPointExtension><ns3:hr>98</ns3:hr></ns3:TrackPointExtension></extensions>', { hrBpm: 98 }],
    ['TrackPointExtension v2 speed', '<extensions><gpxtpx:TrackPointExtension><gpxtpx:speed>3.1</gpxtpx:speed></gpxtpx:TrackPointExtension></extensions>', { speedMps: 3.1 }],
    ['elevation', '<ele>12.5</ele>', { altitudeM: 12.5 }],
    ['nothing but position and time', '', {}],
    ['heart rate 0 and 255 are no reading', '<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>255</gpxtpx:hr><gpxtpx:cad>0</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions>', { cadenceSpm: 0 }],
    ['text that is no number is absent', '<ele>n/a</ele><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>1e</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>', {}],
  ])('%s', (_name, inner, expected) => {
    const [first] = samplesIn(decodeTrack(gpxWith(Array.from({ length: 3 }, () => inner)), 'gpx'));
    expect(first).toEqual({ kind: 'sample', atMs: Date.parse(T0), latDeg: 52.1, lonDeg: 5.1, ...expected });
  });

  test('a position off the globe is dropped, the rest of the point kept', () => {
    const bytes = bytesOf(
      `<gpx><trk><trkseg><trkpt lat="95" lon="5"><time>${T0}</time><extensions><hr>130</hr></extensions></trkpt></trkseg></trk></gpx>`,
    );
    expect(samplesIn(decodeTrack(bytes, 'gpx'))).toEqual([{ kind: 'sample', atMs: Date.parse(T0), hrBpm: 130 }]);
  });

  test('several tracks and segments are one recording; each new segment begins after a pause', () => {
    const run = makeRun({ samplesBefore: 200, samplesAfter: 180, pauseSec: 90 });
    for (const trackPerSegment of [false, true]) {
      const decoded = ok(decodeTrack(bytesOf(toGpx(run, { trackPerSegment })), 'gpx'));
      expect(kinds(decoded.inputs)).toEqual(['pause@199', 'resume@290']);
      expect(decoded.info.timerMs).toBe((199 + 179) * 1000);
      expect(decoded.warnings).toEqual([]);
    }
  });

  test('a new segment at the same instant makes no pause, a second later it does; a gap over a minute inside one segment does', () => {
    const samples = makeRun({ pauseSec: 0 }).filter((i): i is Sample => i.kind === 'sample');
    const split = (at: number): string =>
      `<?xml version="1.0"?><gpx><trk><trkseg>${samples.slice(0, at).map((s) => gpxPoint(s)).join('')}</trkseg>` +
      `<trkseg>${samples.slice(at).map((s) => gpxPoint(s)).join('')}</trkseg></trk></gpx>`;
    const again = `<?xml version="1.0"?><gpx><trk><trkseg>${samples.slice(0, 100).map((s) => gpxPoint(s)).join('')}</trkseg><trkseg>${samples
      .slice(99)
      .map((s) => gpxPoint(s))
      .join('')}</trkseg></trk></gpx>`;
    expect(kinds(ok(decodeTrack(bytesOf(again), 'gpx')).inputs)).toEqual([]);
    expect(kinds(ok(decodeTrack(bytesOf(split(100)), 'gpx')).inputs)).toEqual(['pause@99', 'resume@100']);
    const gap = makeRun({ pauseSec: 0 }).map((i) => (i.atMs >= RUN_START_MS + 150_000 ? { ...i, atMs: i.atMs + 120_000 } : i));
    const decoded = ok(decodeTrack(bytesOf(toGpx(gap)), 'gpx'));
    expect(kinds(decoded.inputs)).toEqual(['pause@149', 'resume@270']);
    expect(decoded.warnings).toContain('1 gap of 2:01 without a timer stop was read as a pause');
  });

  test('the creator and the track type are reported; a type that is not a run is only a warning when the data say run', () => {
    const decoded = ok(decodeTrack(bytesOf(toGpx(makeRun(), { type: 'Hiking' })), 'gpx'));
    expect(decoded.info.productName).toBe('paceguard tests');
    expect(decoded.info.sport).toBe('Hiking');
    expect(decoded.warnings[0]).toMatch(/^labelled Hiking, but the data do not rule out a run \(median moving speed 2\.\d\d m\/s\): read as one$/);
    expect(ok(decodeTrack(bytesOf(toGpx(makeRun(), { type: '9' })), 'gpx')).warnings.some((w) => w.startsWith('labelled'))).toBe(false);
  });
});

describe('TCX: what each trackpoint gives', () => {
  const sample: Sample = { kind: 'sample', atMs: Date.parse(T0), hrBpm: 142, speedMps: 3.05, distanceM: 12.5, latDeg: 52.1, lonDeg: 5.1, altitudeM: 8.2, cadenceSpm: 172 };
  const decodeOne = (point: string): Sample | undefined => {
    const text = toTcx(`<Activity Sport="Running"><Lap StartTime="${T0}"><Track>${point}${point}</Track></Lap></Activity>`);
    return samplesIn(decodeTrack(bytesOf(text), 'tcx'))[0];
  };
  test.each([
    ['every field, TPX with the ns3 prefix (Garmin Connect)', tcxPoint(sample), sample],
    ['TPX with the ext prefix (SportsTracker)', tcxPoint(sample, { tpxPrefix: 'ext' }), sample],
    ['TPX in a default namespace', tcxPoint(sample, { tpxPrefix: '' }), sample],
    ['cadence in the trackpoint, strides doubled', tcxPoint(sample, { cadenceElement: true }), sample],
    ['no speed: distance alone', tcxPoint(sample, { speed: false }), { ...sample, speedMps: undefined }],
    ['time and distance only', `<Trackpoint><Time>${T0}</Time><DistanceMeters>3</DistanceMeters></Trackpoint>`, { kind: 'sample', atMs: Date.parse(T0), distanceM: 3 }],
    ['heart rate 255 is no reading (gpsbabel writes it for none)', `<Trackpoint><Time>${T0}</Time><DistanceMeters>3</DistanceMeters><HeartRateBpm><Value>255</Value></HeartRateBpm></Trackpoint>`, { kind: 'sample', atMs: Date.parse(T0), distanceM: 3 }],
  ])('%s', (_name, point, expected) => {
    expect(decodeOne(point)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  test('laps and tracks in order make one run; a new track is not a pause', () => {
    const run = makeRun({ pauseSec: 0 });
    const decoded = ok(decodeTrack(bytesOf(toTcx(tcxActivity(run, { lapSamples: 37 }))), 'tcx'));
    expect(samplesIn(decoded)).toHaveLength(380);
    expect(kinds(decoded.inputs)).toEqual([]);
    expect(decoded.info).toMatchObject({ sport: 'Running', productName: 'Forerunner 965', sessionCount: 1, recordCount: 380 });
  });

  test('several activities: the run is chosen by its data, the ride refused whatever its label', () => {
    const ride = makeRun({ pauseSec: 0, speedMps: 9 });
    const run = makeRun({ pauseSec: 0, startMs: RUN_START_MS + 3_600_000 });
    const both = toTcx([tcxActivity(ride, { sport: 'Running' }), tcxActivity(run, { sport: 'Biking' })]);
    const decoded = ok(decodeTrack(bytesOf(both), 'tcx'));
    expect(decoded.info).toMatchObject({ sport: 'Biking', sessionCount: 2, sessionNumber: 2, startMs: RUN_START_MS + 3_600_000 });
    expect(decoded.warnings.slice(0, 2)).toEqual([
      '2 activities: using activity 2 (Biking, 6:19)',
      'labelled Biking, but the data do not rule out a run (median moving speed 2.90 m/s): read as one',
    ]);
    expect(decodeTrack(bytesOf(toTcx(tcxActivity(ride))), 'tcx')).toEqual({
      ok: false,
      error: 'not a run: median moving speed is 9.0 m/s (32.4 km/h), above the running limit of 6.5 m/s',
    });
  });
});

describe('times', () => {
  test.each([
    ['2018-04-23T15:54:34.000Z', Date.UTC(2018, 3, 23, 15, 54, 34)],
    ['2018-04-23T15:54:34.25Z', Date.UTC(2018, 3, 23, 15, 54, 34, 250)],
    ['2012-01-26T18:11:00+01:00', Date.UTC(2012, 0, 26, 17, 11, 0)],
    ['2012-01-26T18:11:00-0530', Date.UTC(2012, 0, 26, 23, 41, 0)],
    ['2012-01-26T18:11:00', Date.UTC(2012, 0, 26, 18, 11, 0)],
    ['2023-02-29T10:00:00Z', undefined],
    ['yesterday', undefined],
    ['2012-01-26 18:11:00Z', undefined],
  ])('%s', (text, expected) => {
    expect(parseDateTimeMs(text)).toBe(expected);
  });
});

describe('bad input: one line, never a throw', () => {
  const run = makeRun({ pauseSec: 0 });
  const gpx = toGpx(run);
  test.each<[string, Uint8Array, 'gpx' | 'tcx', string]>([
    ['empty', new Uint8Array(0), 'gpx', 'empty file (0 bytes)'],
    ['text, not XML', bytesOf('lat,lon,time\n52.1,5.1,2024-05-01\n'), 'gpx', 'not a GPX file: not XML (it does not start with a tag)'],
    ['not UTF-8', Uint8Array.from([0x3c, 0x67, 0xff, 0xfe, 0x3e]), 'tcx', 'not a TCX file: not XML (not valid UTF-8 text)'],
    ['a TCX read as GPX', bytesOf(toTcx(tcxActivity(run))), 'gpx', 'not a GPX file: its root element is <TrainingCenterDatabase>, expected <gpx>'],
    ['KML', bytesOf('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>'), 'gpx', 'not a GPX file: its root element is <kml>, expected <gpx>'],
    ['no track points (routes only)', bytesOf('<gpx><rte><rtept lat="1" lon="2"/></rte></gpx>'), 'gpx', 'no track points: the GPX file holds no <trkpt>'],
    ['an empty TCX', bytesOf('<TrainingCenterDatabase><Activities/></TrainingCenterDatabase>'), 'tcx', 'no track points: the TCX file holds no <Trackpoint>'],
    ['no times', bytesOf(gpx.replace(/<time>[^<]*<\/time>/g, '')), 'gpx', 'none of its 380 track points has a time'],
    ['one point without a time', bytesOf('<gpx><trk><trkseg><trkpt lat="1" lon="2"/></trkseg></trk></gpx>'), 'gpx', 'its one track point has no time'],
    ['times but no data', bytesOf(`<gpx><trk><trkseg><trkpt><time>${T0}</time></trkpt></trkseg></trk></gpx>`), 'gpx', 'no heart rate and no pace data (speed, distance or position) in its 1 track point'],
  ])('%s', (_name, bytes, format, error) => {
    expect(decodeTrack(bytes, format)).toEqual({ ok: false, error });
  });

  test('XML that is neither GPX nor TCX is refused by the dispatcher, naming its root', () => {
    const kml = bytesOf('<?xml version="1.0"?>\n<!-- exported -->\n<kml:kml xmlns:kml="http://www.opengis.net/kml/2.2"/>');
    expect(decodeRecording(kml)).toEqual({ ok: false, error: 'XML, but neither GPX nor TCX (its root element is <kml>): expected <gpx> or <TrainingCenterDatabase>' });
  });

  test('a file cut short: the points before the cut, with the damage named first', () => {
    const cut = gpx.slice(0, Math.floor(gpx.length * 0.6));
    const decoded = ok(decodeTrack(bytesOf(cut), 'gpx'));
    expect(decoded.warnings[0]).toMatch(/^file is not well-formed XML \(line \d+, column \d+: .+\): using the \d+ track points read before it$/);
    expect(samplesIn(decoded).length).toBeGreaterThan(150);
    expect(samplesIn(decoded).length).toBeLessThan(380);
  });

  test('points going back in time are dropped with a warning, as FIT records are', () => {
    const samples = run.filter((i): i is Sample => i.kind === 'sample');
    const shuffled = [...samples.slice(0, 100), samples[10] as Sample, ...samples.slice(100)];
    const text = `<gpx><trk><trkseg>${shuffled.map((s) => gpxPoint(s)).join('')}</trkseg></trk></gpx>`;
    const decoded = ok(decodeTrack(bytesOf(text), 'gpx'));
    expect(decoded.warnings).toContain('dropped 1 track point that goes back in time');
    expect(samplesIn(decoded)).toHaveLength(380);
  });

  test('any bytes, and any cut or splice of a real GPX or TCX, give a value', () => {
    const tcx = toTcx(tcxActivity(run));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(), fc.nat(), fc.boolean(), (noise, at, len, which) => {
        const text = which ? gpx : tcx;
        const start = at % text.length;
        const spliced = bytesOf(text.slice(0, start) + new TextDecoder().decode(noise) + text.slice(start + (len % 400)));
        for (const bytes of [noise, spliced]) {
          const result = decodeRecording(bytes);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) expect(result.error).not.toMatch(/\n/);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('the dispatcher tells formats by content', () => {
  test.each([
    ['FIT', encodeActivity({ inputs: makeRun() }), 'fit'],
    ['GPX', bytesOf(toGpx(makeRun())), 'gpx'],
    ['GPX with a byte-order mark and white space first', bytesOf(`\uFEFF \n${toGpx(makeRun())}`), 'gpx'],
    ['TCX', bytesOf(toTcx(tcxActivity(makeRun()))), 'tcx'],
    ['text', bytesOf('hello'), 'fit'],
    ['HTML', bytesOf('<!DOCTYPE html><html></html>'), undefined],
  ])('%s', (_name, bytes, format) => {
    expect(recordingFormat(bytes)).toBe(format);
  });

  test('FIT bytes decode exactly as decodeActivity decodes them', () => {
    const bytes = encodeActivity({ inputs: makeRun() });
    expect(decodeRecording(bytes)).toEqual(decodeActivity(bytes));
    const text = bytesOf('not a FIT file, just text\n');
    expect(decodeRecording(text)).toEqual(decodeActivity(text));
  });
});
