/**
 * Real GPX and TCX exports: every file of ../shared/corpus/gpx_tcx (45 runs
 * from sports-lib, trackeR, sweatpy, pytrainer, SportsTracker and gpsbabel;
 * its README and manifest.tsv say where each came from) is read in place,
 * never copied. Each decodes to inputs or to one clear line, never a throw,
 * and `paceguard calibrate` on the folder (the bundled command) completes or
 * says "no usable runs" in one line. Skipped with one message where the
 * corpus is absent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { extractActivity } from '../../src/calibrate/extract.ts';
import { decodeRecording } from '../../src/track/recording.ts';
import { unpack } from '../../src/unpack/unpack.ts';
import { CORPUS_DIR } from '../corpus.ts';
import { TEST_BIN } from '../global-setup.ts';
import { tempDir } from '../support/fixtures.ts';

const DIR = path.join(CORPUS_DIR, 'gpx_tcx');
const available = existsSync(DIR);
if (!available) console.warn(`corpus folder not found at ${DIR}: the GPX/TCX corpus tests are skipped`);
const names = available ? readdirSync(DIR).filter((name) => /\.(gpx|tcx)(\.gz)?$/i.test(name)).sort() : [];

/** The trackeR files are `.TCX.gz`: unpacked as the commands unpack them (src/unpack). */
const bytesOf = (name: string): Uint8Array => {
  const unpacked = unpack(new Uint8Array(readFileSync(path.join(DIR, name))));
  if (!unpacked.ok) throw new Error(`${name}: ${unpacked.error}`);
  return unpacked.bytes;
};

describe.skipIf(!available)('corpus gpx_tcx', () => {
  test('the folder holds the GPX and TCX files its README lists', () => {
    expect(names.length).toBe(45);
  });

  test.each(names)('%s decodes to inputs or one clear line', (name) => {
    const bytes = bytesOf(name);
    const decoded = decodeRecording(bytes);
    if (decoded.ok) {
      const samples = decoded.inputs.filter((input) => input.kind === 'sample');
      expect(samples.length).toBeGreaterThan(100);
      // In time order, as the guard needs them.
      decoded.inputs.forEach((input, i) => expect(input.atMs).toBeGreaterThanOrEqual(decoded.inputs[i - 1]?.atMs ?? -Infinity));
      for (const warning of decoded.warnings) expect(warning).not.toMatch(/\n/);
    } else {
      expect(decoded.error).toMatch(/^[^\n]+$/);
    }
    const extract = extractActivity(bytes);
    if (extract.kind === 'skipped') {
      expect(extract.reason).not.toBe('internal-error');
      expect(extract.message).toMatch(/^[^\n]+$/);
    }
  });

  test('paceguard calibrate on the folder completes, or says "no usable runs" in one line', () => {
    const home = tempDir();
    const out = path.join(home, 'profile.json');
    const ran = spawnSync(process.execPath, [TEST_BIN, 'calibrate', DIR, '--out', out, '--no-cache', '--verbose'], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') },
    });
    const errors = ran.stderr.split('\n').filter((line) => line !== '' && !/^paceguard: .+: (skipped|warning): [^\n]+$/.test(line) && !/^paceguard: warning: /.test(line) && !/^paceguard: skipped \d+ files?: /.test(line));
    if (ran.status === 0) {
      expect(errors).toEqual([]);
      expect(ran.stdout).toMatch(/^ {2}45 GPX\/TCX files: \d+ runs/m);
      expect(ran.stdout).toContain(`Profile written to ${out}`);
      expect(existsSync(out)).toBe(true);
    } else {
      expect(ran.status).toBe(2);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^paceguard: calibrate: no usable runs \(.*\): .*; nothing written$/);
    }
  });
});
