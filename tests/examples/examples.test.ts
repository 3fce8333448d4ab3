/**
 * The files in examples/ are made by the project's own code
 * (simulator/synth/examples/make-examples.ts), never by hand: each committed file is
 * exactly what the generator makes today. When this fails after a change to
 * the synthesizer or the FIT writer, run `npm run make:examples`, look at what
 * changed (`npm start`, tests/golden) and commit the files with the change.
 */
import { Decoder, Stream } from '@garmin/fitsdk';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { configFromProfile, describeIssue, Profile } from '../../src/profile/profile.ts';
import { decodeActivity } from '../../src/fit/decode.ts';
import {
  EXAMPLE_START_MS,
  EXAMPLES,
  makeExamples,
  PROFILE_FILE,
  RUNNER_PROFILE,
  SYNTH_PRODUCT_NAME,
} from '../../simulator/synth/examples/make-examples.ts';
import { synthesizeRun } from '../../simulator/synth/synthesize.ts';

const EXAMPLES_DIR = 'examples';
const made = makeExamples();
const committed = (file: string): Buffer => readFileSync(path.join(EXAMPLES_DIR, file));

describe('examples/ is what make-examples.ts makes', () => {
  test.each(made.map((example) => [example.file, example.bytes] as const))('%s: same bytes', (file, bytes) => {
    const shipped = committed(file);
    expect(shipped.length, `examples/${file}: size (run npm run make:examples)`).toBe(bytes.length);
    expect(shipped.equals(bytes), `examples/${file}: bytes differ (run npm run make:examples)`).toBe(true);
  });

  test('every file in examples/ comes from the generator', () => {
    // Folders are not generated: examples/scenarios/ holds hand-written scenario
    // files for `paceguard simulate` (checked by tests/simulator/simulate*.test.ts).
    const files = readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.map((entry) => entry.name).sort()).toEqual(made.map((example) => example.file).sort());
  });

  test('generating twice gives the same bytes (no clock, no unseeded randomness)', () => {
    const again = makeExamples();
    expect(again.map((example) => Buffer.from(example.bytes).toString('base64'))).toEqual(
      made.map((example) => Buffer.from(example.bytes).toString('base64')),
    );
  });

  test('the examples stay small enough to ship', () => {
    const totalBytes = made.reduce((sum, example) => sum + example.bytes.length, 0);
    expect(totalBytes).toBeLessThan(1_500_000);
  });
});

describe('examples/runner.json', () => {
  const json: unknown = JSON.parse(committed(PROFILE_FILE).toString('utf8'));

  test('validates as a Profile and says what make-examples.ts says', () => {
    const parsed = Profile.safeParse(json);
    expect(parsed.success ? 'valid' : describeIssue(parsed.error)).toBe('valid');
    expect(json).toEqual(RUNNER_PROFILE);
  });

  test('gives the ceilings the scenarios are judged against, and a plan longer than any example', () => {
    const built = configFromProfile(Profile.parse(json));
    if (!built.ok) throw new Error(built.error);
    for (const { scenario } of EXAMPLES) {
      expect(built.config.ceilings).toMatchObject(scenario.ceilings);
    }
    const longestMs = Math.max(...EXAMPLES.map(({ scenario }) => scenario.segments.reduce((sum, s) => sum + s.durationSec, 0) * 1000));
    expect(built.config.plannedMs).toBeGreaterThan(longestMs);
  });
});

describe('the example FIT files', () => {
  test.each(EXAMPLES.map((example) => [example.file] as const))('%s reads back cleanly, dated by its own start', (file) => {
    const bytes = committed(file);
    const decoded = decodeActivity(new Uint8Array(bytes));
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.warnings).toEqual([]);
    expect(decoded.info.startMs).toBe(EXAMPLE_START_MS);
    expect(decoded.info.productName).toBe(SYNTH_PRODUCT_NAME);
    const { fileIdMesgs } = new Decoder(Stream.fromByteArray(new Uint8Array(bytes))).read().messages;
    const timeCreated = fileIdMesgs?.[0]?.timeCreated;
    expect(timeCreated instanceof Date ? timeCreated.getTime() : timeCreated).toBe(EXAMPLE_START_MS);
  });

  // The truth the scenarios were designed to have (see make-examples.ts): if the
  // synthesizer changes under them, the examples may no longer show what their
  // documentation promises.
  const labelsOf = (file: string) => {
    const example = EXAMPLES.find((e) => e.file === file);
    if (example === undefined) throw new Error(`no example ${file}`);
    return synthesizeRun(example.scenario, example.seed).labels;
  };
  const min = (m: number, s = 0): number => (m * 60 + s) * 1000;

  test('recovery-run: exactly one overshoot, the 2:30 drift at 16:30, over on pace', () => {
    const { overshoots, durationMs } = labelsOf('recovery-run.fit');
    expect(durationMs).toBe(min(35));
    expect(overshoots).toHaveLength(1);
    expect(overshoots[0]?.cause).toBe('pace');
    expect(overshoots[0]?.startMs).toBeGreaterThanOrEqual(min(16, 30));
    expect(overshoots[0]?.endMs).toBeLessThanOrEqual(min(19, 15));
  });

  test('hilly-run: one overshoot, the held climb at 25:00; the easy climb and fast descent are not over', () => {
    const { overshoots } = labelsOf('hilly-run.fit');
    expect(overshoots).toHaveLength(1);
    expect(overshoots[0]?.startMs).toBeGreaterThanOrEqual(min(25));
    expect(overshoots[0]?.endMs).toBeLessThanOrEqual(min(28, 30));
  });

  test('bad-signal-run: no overshoot at all', () => {
    expect(labelsOf('bad-signal-run.fit').overshoots).toEqual([]);
  });
});
