/**
 * GPX and TCX through the real bundled command: `calibrate` lists them in
 * folders (any case, gzipped or not) beside FIT and reads each by its
 * content; `replay` reads them too, and a TCX written from a FIT file's own
 * decoded samples replays to exactly the FIT file's events.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'fflate';
import { beforeAll, expect, test } from 'vitest';
import { decodeActivity } from '../../src/fit/decode.ts';
import { encodeActivity } from '../../src/fit/encode.ts';
import { DEFAULT_RUNNER, type Segment } from '../../simulator/synth/scenario.ts';
import { synthesizeRun } from '../../simulator/synth/synthesize.ts';
import { RUN_START_MS } from '../fit/make-run.ts';
import { TEST_BIN } from '../global-setup.ts';
import { tempDir } from '../support/fixtures.ts';
import { tcxActivity, toGpx, toTcx } from './make-track.ts';

const root = tempDir();
const history = path.join(root, 'history');
const DAY_MS = 86_400_000;

/** A synthetic run (Anna: easy 5:30), 1 Hz, on day `day`. */
function runInputs(day: number, segments: readonly Segment[]) {
  const run = synthesizeRun({ name: `day-${day}`, runner: DEFAULT_RUNNER, ceilings: { paceCeilingSecPerKm: 360, hrCeilingBpm: 140 }, segments }, 200 + day);
  return run.inputs.map((input) => ({ ...input, atMs: input.atMs + RUN_START_MS + day * DAY_MS }));
}
const at = (secPerKm: number, minutes: number): Segment => ({ kind: 'run', durationSec: minutes * 60, pace: { secPerKm } });
const easy = (day: number) => runInputs(day, [at(355, 3), at(330 + (day % 5) * 3, 22)]);

function runBin(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [TEST_BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: root, XDG_CONFIG_HOME: path.join(root, 'config'), XDG_CACHE_HOME: path.join(root, 'cache') },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  mkdirSync(path.join(history, 'strava'), { recursive: true });
  writeFileSync(path.join(history, 'day-0.fit'), encodeActivity({ inputs: easy(0) }));
  writeFileSync(path.join(history, 'day-1.fit'), encodeActivity({ inputs: easy(1) }));
  writeFileSync(path.join(history, 'strava', 'day-2.gpx'), toGpx(easy(2), { type: '9' }));
  writeFileSync(path.join(history, 'strava', 'day-3.GPX'), toGpx(easy(3), { tpxPrefix: 'ns3' }));
  writeFileSync(path.join(history, 'strava', 'day-4.tcx.gz'), gzipSync(new TextEncoder().encode(toTcx(tcxActivity(easy(4))))));
  writeFileSync(path.join(history, 'strava', 'day-5.TCX'), toTcx(tcxActivity(easy(5), { tpxPrefix: 'ext', speed: false })));
  // A walk as GPX is left out like a FIT walk; XML that is neither, and a cut-short GPX, are notes.
  writeFileSync(path.join(history, 'strava', 'walk-6.gpx'), toGpx(runInputs(6, [at(780, 25)])));
  writeFileSync(path.join(history, 'strava', 'route.gpx'), '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"/>');
  writeFileSync(path.join(history, 'strava', 'notes.txt'), 'left alone\n');
}, 60_000);

test('calibrate reads FIT, GPX and TCX side by side, by content; a GPX walk and a KML are notes', () => {
  const out = path.join(root, 'profile.json');
  const ran = runBin(['calibrate', history, '--out', out, '--no-cache', '--workers', '2', '--verbose']);
  // Six runs on one pace make rough estimates: calibrate's own warnings about that are not this test's business.
  const notes = ran.stderr.split('\n').filter((line) => line.includes(': skipped: '));
  expect(notes).toEqual([
    `paceguard: ${path.join(history, 'strava', 'route.gpx')}: skipped: XML, but neither GPX nor TCX (its root element is <kml>): expected <gpx> or <TrainingCenterDatabase>`,
    expect.stringMatching(new RegExp(`^paceguard: ${path.join(history, 'strava', 'walk-6.gpx')}: skipped: a walk or hike: median moving speed 1\\.\\d\\d m/s`)),
  ]);
  expect(ran.status).toBe(0);
  expect(ran.stdout).toMatch(/^ {2}8 files \(6 GPX\/TCX\): 6 runs, 1 not a run, 1 unreadable$/m);
  expect(ran.stdout).toMatch(/^ {2}1 other file in the folders left alone \(not \.fit, \.gpx, \.tcx or \.zip\)$/m);
  expect(ran.stdout).toMatch(/^Easy pace {5}5:[2-4]\d \/km/m);
});

test('replay reads a GPX and a TCX; a TCX of the FIT file\'s own samples replays to the same events', () => {
  const fitBytes = encodeActivity({ inputs: runInputs(8, [at(355, 5), at(300, 6), at(345, 9)]) });
  const decoded = decodeActivity(fitBytes);
  if (!decoded.ok) throw new Error(decoded.error);
  const fitFile = path.join(root, 'replay.fit');
  const tcxFile = path.join(root, 'replay.tcx');
  const gpxFile = path.join(root, 'replay.gpx');
  writeFileSync(fitFile, fitBytes);
  writeFileSync(tcxFile, toTcx(tcxActivity(decoded.inputs)));
  writeFileSync(gpxFile, toGpx(decoded.inputs));
  const replay = (file: string) => runBin(['replay', file, '--format', 'jsonl', '--easy-pace', '5:30', '--hr-ceiling', '150']);
  const fit = replay(fitFile);
  const tcx = replay(tcxFile);
  expect(fit.status).toBe(0);
  expect(tcx.status).toBe(0);
  expect(tcx.stdout).toBe(fit.stdout);
  expect(fit.stdout).toContain('"slow-down"');
  const gpx = replay(gpxFile);
  expect(gpx.status).toBe(0);
  expect(gpx.stdout.trim().split('\n').at(-1)).toMatch(/^\{"kind":"summary"/);
  expect(runBin(['replay', path.join(history, 'strava', 'route.gpx'), '--easy-pace', '5:30']).stderr).toBe(
    `paceguard: ${path.join(history, 'strava', 'route.gpx')}: XML, but neither GPX nor TCX (its root element is <kml>): expected <gpx> or <TrainingCenterDatabase>\n`,
  );
}, 60_000);
