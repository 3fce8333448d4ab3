import { describe, expect, test } from 'vitest';
import { gzipSync, zipSync, type Zippable } from 'fflate';
import { encodeActivity } from '../../src/fit/encode.ts';
import { packingOf, unpack, UNPACKED_LIMIT_BYTES, type Unpacked } from '../../src/unpack/unpack.ts';
import { makeRun } from '../fit/make-run.ts';
import { gzipBomb } from '../support/bytes.ts';
import { bytesOf, toGpx } from '../track/make-track.ts';

/**
 * src/unpack on fixtures made here: a FIT run (tests/fit/make-run.ts, the
 * SDK's Encoder) and a GPX run (tests/track/make-track.ts), packed with
 * fflate's gzipSync / zipSync; bombs made with fflate's streaming Gzip so
 * that the test itself never holds their inflated size.
 */
const fit = encodeActivity({ inputs: makeRun() });
const gpx = bytesOf(toGpx(makeRun()));

/** A gzip of `totalBytes` zeros, made 1 MiB at a time (about 1 KB per MiB compressed). */
const zipOf = (files: Zippable): Uint8Array => zipSync(files, { level: 6 });
const okBytes = (r: Unpacked): Uint8Array => {
  if (!r.ok) throw new Error(r.error);
  return r.bytes;
};

describe('unpack: bytes in, the activity\'s plain bytes out, by content', () => {
  test.each<[string, Uint8Array, Uint8Array, string, string | undefined]>([
    ['plain FIT passes through', fit, fit, 'plain', undefined],
    ['plain GPX passes through', gpx, gpx, 'plain', undefined],
    ['gzipped FIT', gzipSync(fit), fit, 'gzip', undefined],
    ['gzipped GPX', gzipSync(gpx), gpx, 'gzip', undefined],
    ['two gzip members, concatenated', new Uint8Array([...gzipSync(gpx.subarray(0, 1000)), ...gzipSync(gpx.subarray(1000))]), gpx, 'gzip', undefined],
    ['Garmin zip: one FIT, named as Garmin names it', zipOf({ '12345678901_ACTIVITY.fit': fit }), fit, 'zip', '12345678901_ACTIVITY.fit'],
    ['zip: any case, in a folder, beside other files and macOS forks', zipOf({ 'export/RUN.GPX': gpx, 'export/notes.txt': bytesOf('hello'), '__MACOSX/export/._RUN.GPX': bytesOf('fork') }), gpx, 'zip', 'export/RUN.GPX'],
    ['zip: a stored (uncompressed) entry', zipSync({ 'a.fit': [fit, { level: 0 }] }), fit, 'zip', 'a.fit'],
    ['empty file passes through (the reader says what it is)', new Uint8Array(0), new Uint8Array(0), 'plain', undefined],
  ])('%s', (_name, input, expected, packing, entry) => {
    const r = unpack(input);
    expect(okBytes(r)).toEqual(expected);
    expect(r).toMatchObject({ packing, ...(entry === undefined ? {} : { entry }) });
  });

  test('told apart by content, not name: gzip magic 1f 8b, zip PK 03 04', () => {
    expect(packingOf(gzipSync(fit))).toBe('gzip');
    expect(packingOf(zipOf({ 'a.fit': fit }))).toBe('zip');
    expect(packingOf(fit)).toBe('plain');
    expect(packingOf(new Uint8Array([0x1f]))).toBe('plain');
  });

  test.each<[string, Uint8Array, string, RegExp]>([
    ['zip with two activities: names them', zipOf({ 'a.fit': fit, 'b.gpx': gpx }), 'zip-contents', /^a zip with 2 activity files in it \(a\.fit, b\.gpx\): paceguard reads one activity per zip/],
    ['zip with none: says what it holds', zipOf({ 'photo.jpg': bytesOf('jpg'), 'notes.json': bytesOf('{}') }), 'zip-contents', /^a zip with no FIT, GPX or TCX file in it \(it holds photo\.jpg, notes\.json\)$/],
    ['empty zip', zipOf({}), 'zip-contents', /^an empty zip: expected one FIT, GPX or TCX file in it$/],
    ['truncated gzip', gzipSync(gpx).subarray(0, 2000), 'damaged', /^gzip data cut short or damaged \(.+\): expected a whole \.gz file$/],
    ['truncated zip (no central directory)', zipOf({ 'a.fit': fit }).subarray(0, 3000), 'damaged', /^a zip file cut short or damaged/],
    ['gzip inside gzip: one level only', gzipSync(gzipSync(fit)), 'nested', /^the gzip file is itself gzipped: paceguard unpacks one level only/],
    ['a .fit.gz inside a zip: one level only', zipOf({ 'run.fit.gz': [gzipSync(fit), { level: 0 }] }), 'nested', /^run\.fit\.gz in the zip is itself gzipped/],
    ['a zip inside gzip', gzipSync(zipOf({ 'a.fit': fit })), 'nested', /^the gzip file is itself a zip/],
  ])('%s', (_name, input, problem, message) => {
    const r = unpack(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toBe(problem);
    expect(r.error).toMatch(message);
    expect(r.error).not.toContain('\n');
  });
});

describe('unpack: the bound on inflation', () => {
  test('a gzip bomb is stopped at the limit, not inflated whole', () => {
    const limitBytes = 1024 * 1024;
    const bomb = gzipBomb(64 * 1024 * 1024); // 64 MiB of zeros in about 64 KB
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const r = unpack(bomb, { limitBytes });
    expect(r).toMatchObject({ ok: false, problem: 'too-large', error: 'inflates past 1 MB; paceguard reads activities up to 1 MB uncompressed' });
    // Stopped within one step of the limit (8 KB of input, ~8 MB out at most), far short of 64 MiB.
    expect(r.ok ? 0 : (r.stoppedAtBytes ?? 0)).toBeGreaterThan(limitBytes);
    expect(r.ok ? Infinity : (r.stoppedAtBytes ?? Infinity)).toBeLessThan(limitBytes + 9 * 1024 * 1024);
  });

  test('a zip bomb: the same bound, whatever the entry declares', () => {
    const limitBytes = 1024 * 1024;
    const zip = zipOf({ 'big.fit': new Uint8Array(8 * 1024 * 1024) });
    const honest = unpack(zip, { limitBytes });
    expect(honest).toMatchObject({ ok: false, problem: 'too-large', stoppedAtBytes: 0 });
    // The same zip claiming its entry inflates to 100 bytes (both headers): inflation still stops at the limit.
    const lying = zip.slice();
    const view = new DataView(lying.buffer);
    view.setUint32(22, 100, true);
    let central = lying.length - 4;
    while (view.getUint32(central, true) !== 0x02014b50) central--;
    view.setUint32(central + 24, 100, true);
    const r = unpack(lying, { limitBytes });
    expect(r).toMatchObject({ ok: false, problem: 'too-large' });
    expect(r.ok ? Infinity : (r.stoppedAtBytes ?? Infinity)).toBeLessThan(limitBytes + 9 * 1024 * 1024);
  });

  test('at the real limit: just under it is read, just over it is refused', () => {
    const under = unpack(gzipBomb(UNPACKED_LIMIT_BYTES));
    expect(under.ok && under.bytes.length).toBe(UNPACKED_LIMIT_BYTES);
    const over = unpack(gzipBomb(UNPACKED_LIMIT_BYTES + 1));
    expect(over).toMatchObject({ ok: false, problem: 'too-large', error: 'inflates past 50 MB; paceguard reads activities up to 50 MB uncompressed' });
  });
});
