import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync, zipSync } from 'fflate';
import { encodeActivity } from '../../src/fit/encode.ts';
import { UNPACKED_LIMIT_BYTES } from '../../src/unpack/unpack.ts';
import { corpusAvailable, CORPUS_DIR } from '../corpus.ts';
import { makeRun } from '../fit/make-run.ts';
import { TEST_BIN } from '../global-setup.ts';
import { gzipBomb } from '../support/bytes.ts';
import { tempDir } from '../support/fixtures.ts';
import { tcxActivity, toGpx, toTcx } from '../track/make-track.ts';

/**
 * `paceguard replay` on exports as Strava and Garmin Connect give them:
 * `.fit.gz`, `.gpx.gz`, `.tcx.gz` and a Garmin "Export Original" `.zip`,
 * made here from one run (tests/fit/make-run.ts: the SDK's Encoder for FIT,
 * tests/track/make-track.ts for GPX and TCX) packed with fflate. Each must
 * replay to exactly the lines of its plain file, through the bundled
 * command; a bomb ends in one line and exit 2.
 */
const dir = tempDir();
/** 20 min, a 90 s pause, 10 min more; heart rate 132 ± 8 bpm: over a 130 bpm ceiling in waves. */
const run = makeRun({ samplesBefore: 1200, samplesAfter: 600 });
const FLAGS = ['--pace-ceiling', '6:30', '--hr-ceiling', '130', '--format', 'jsonl'];

function replay(file: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [TEST_BIN, 'replay', file, ...FLAGS], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const write = (name: string, bytes: Uint8Array | string): string => {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
};

/** [plain file, packed file] pairs. */
const pairs: [string, string][] = [];

beforeAll(() => {
  const fit = encodeActivity({ inputs: run });
  const gpx = new TextEncoder().encode(toGpx(run));
  const tcx = new TextEncoder().encode(toTcx(tcxActivity(run)));
  const plain = { fit: write('run.fit', fit), gpx: write('run.gpx', gpx), tcx: write('run.tcx', tcx) };
  pairs.push(
    [plain.fit, write('run.fit.gz', gzipSync(fit))],
    [plain.gpx, write('run.gpx.gz', gzipSync(gpx))],
    [plain.tcx, write('run.tcx.gz', gzipSync(tcx))],
    // Garmin Connect's "Export Original": the zip named by the activity id, the FIT file inside as Garmin names it.
    [plain.fit, write('12345678901.zip', zipSync({ '12345678901_ACTIVITY.fit': fit }))],
    [plain.gpx, write('strava-export.zip', zipSync({ 'activities/RUN.GPX': gpx, 'README.txt': new TextEncoder().encode('hello') }))],
    // By content, whatever the name says.
    [plain.tcx, write('gzipped-but-named.tcx', gzipSync(tcx))],
  );
});

describe('paceguard replay: gzipped and zipped exports replay to exactly the plain file\'s lines', () => {
  test.each(['run.fit.gz', 'run.gpx.gz', 'run.tcx.gz', '12345678901.zip', 'strava-export.zip', 'gzipped-but-named.tcx'])('%s', (name) => {
    const pair = pairs.find(([, packed]) => path.basename(packed) === name);
    if (pair === undefined) throw new Error(`no fixture ${name}`);
    const [plainFile, packedFile] = pair;
    const plain = replay(plainFile);
    expect(plain.status, plain.stderr).toBe(0);
    const events = plain.stdout.trim().split('\n').slice(0, -1);
    // The run is judged: alerts to compare, not just a summary.
    expect(events.some((line) => line.includes('"slow-down"'))).toBe(true);
    const packed = replay(packedFile);
    // Warnings name the file given.
    expect(packed.stderr).toBe(plain.stderr.replaceAll(plainFile, packedFile));
    expect(packed.status).toBe(0);
    expect(packed.stdout).toBe(plain.stdout);
  });
});

describe('paceguard replay: what cannot be unpacked is one line and exit 2', () => {
  /** A gzip that inflates 8 MiB past the limit, made a MiB at a time. */
  function bomb(): Uint8Array {
    const header = new TextEncoder().encode('<?xml version="1.0"?><TrainingCenterDatabase>');
    return gzipBomb(UNPACKED_LIMIT_BYTES + 8 * 1024 * 1024, header, 0x20);
  }

  test.each<[string, () => Uint8Array, string]>([
    ['bomb.tcx.gz', bomb, 'inflates past 50 MB; paceguard reads activities up to 50 MB uncompressed'],
    ['two.zip', () => zipSync({ 'a.fit': encodeActivity({ inputs: run }), 'b.fit': encodeActivity({ inputs: run }) }), 'a zip with 2 activity files in it (a.fit, b.fit): paceguard reads one activity per zip; unzip it and give the one you mean'],
    ['cut.fit.gz', () => gzipSync(encodeActivity({ inputs: run })).slice(0, 500), 'gzip data cut short or damaged (unexpected EOF): expected a whole .gz file'],
  ])('%s', (name, make, message) => {
    const file = write(name, make());
    const r = replay(file);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`paceguard: ${file}: ${message}\n`);
  });
});

describe.skipIf(!corpusAvailable)('a real .TCX.gz from the corpus (trackeR, Forerunner 310XT)', () => {
  const name = 'trackeR__inst__extdata__tcx__2013-06-01-183220.TCX.gz';
  const packed = path.join(CORPUS_DIR, 'gpx_tcx', name);
  // Its plain bytes, for comparison only, in the test's own temporary folder (never in the repository).
  const plainFile = path.join(dir, name.replace(/\.gz$/, ''));
  afterAll(() => rmSync(plainFile, { force: true }));

  test('replays to exactly what its gunzipped bytes replay to', () => {
    writeFileSync(plainFile, gunzipSync(new Uint8Array(readFileSync(packed))));
    const plain = replay(plainFile);
    expect(plain.status, plain.stderr).toBe(0);
    const fromGz = replay(packed);
    expect(fromGz.status, fromGz.stderr).toBe(0);
    expect(fromGz.stdout).toBe(plain.stdout);
    expect(fromGz.stderr).toBe(plain.stderr.replaceAll(plainFile, packed));
    const summary = JSON.parse(fromGz.stdout.trim().split('\n').at(-1) ?? '{}') as { kind?: string; movingSec?: number };
    expect(summary.kind).toBe('summary');
    expect(summary.movingSec).toBeGreaterThan(10 * 60);
  });
});
