/**
 * A walk that `tune` knows from its samples' own speed readings
 * (readingsShowSpeedBelow) is left out before the replay: the verdict must be
 * the one the facts give at the end, in the same words. Arbitrary runs at
 * walking and running paces, with speed missing in stretches (where the
 * conditioned speed stands in, the bound's worst case), seeded; and the
 * corpus's walks against calibrate's own verdict on the same bytes.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { extractActivity } from '../../src/calibrate/extract.ts';
import { activityFacts, readingsShowSpeedBelow } from '../../src/calibrate/stretches.ts';
import { WALKING_SPEED_MAX_MPS } from '../../src/fit/decode.ts';
import { configFromProfile, Profile } from '../../src/profile/profile.ts';
import { candidateConfig, tuneGrid } from '../../src/profile/tune-candidates.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { tuneActivity } from '../../src/tune/activity.ts';
import { decodeRecording } from '../../src/track/recording.ts';
import { corpusAvailable, corpusFiles, corpusPath } from '../corpus.ts';
import { runArb } from '../support/arbitrary-runs.ts';
import { TUNE_PROFILE } from './history.ts';

/** Paces from a stroll (15:00 /km, 1.1 m/s) to a run (4:00 /km): the walking bound (1.8 m/s, 9:16 /km) in the middle. */
const anyPace = fc.integer({ min: 240, max: 900 });
const anyHr = fc.integer({ min: 90, max: 170 });

describe('readingsShowSpeedBelow: a true answer is the facts\' own', () => {
  test('whenever it says under, the facts\' median moving speed is under', () => {
    let shown = 0;
    fc.assert(
      fc.property(runArb(anyPace, anyHr), (inputs) => {
        if (!readingsShowSpeedBelow(inputs, WALKING_SPEED_MAX_MPS)) return;
        shown++;
        expect(activityFacts(inputs).medianMovingSpeedMps).toBeLessThan(WALKING_SPEED_MAX_MPS);
      }),
      { numRuns: 300, seed: 2026_12_06 },
    );
    // A test that cannot fail is no test: the draws do include walks it shows.
    expect(shown).toBeGreaterThan(20);
  });

  const at = (second: number, speedMps: number | undefined): GuardInput => ({
    kind: 'sample',
    atMs: 1_700_000_000_000 + second * 1000,
    hrBpm: 120,
    ...(speedMps === undefined ? {} : { speedMps }),
  });
  const run = (speeds: readonly (number | undefined)[]): GuardInput[] => speeds.map((s, i) => at(i, s));
  test.each([
    { name: 'every reading a walk', speeds: [1.2, 1.3, 1.4, 1.2, 1.3], shown: true },
    { name: 'every reading a run', speeds: [2.8, 3.0, 3.1, 2.9, 3.0], shown: false },
    { name: 'a walk with one reading missing (it might stand in fast)', speeds: [1.2, undefined, 1.4, 1.2, 1.3], shown: true },
    { name: 'half the readings missing: they might make it a run', speeds: [1.2, undefined, 1.4, undefined, undefined], shown: false },
    { name: 'two of four under: the median is the mean of a walk and a run', speeds: [1.2, 1.3, 3.0, 3.1], shown: false },
    { name: 'standing still is not moving (left out of the median)', speeds: [0, 0, 0, 3.0], shown: false },
    { name: 'no reading at all', speeds: [undefined, undefined], shown: false },
  ])('$name: $shown', ({ speeds, shown }) => {
    expect(readingsShowSpeedBelow(run(speeds), WALKING_SPEED_MAX_MPS)).toBe(shown);
  });
});

describe.runIf(corpusAvailable)('the corpus: tune leaves out what calibrate leaves out, in its words', () => {
  const profile = Profile.parse(TUNE_PROFILE);
  const base = configFromProfile(profile);
  if (!base.ok) throw new Error(base.error);
  const plan = { base: base.config, candidates: tuneGrid(profile).map((c) => candidateConfig(profile, c)) };
  const names = corpusFiles('runs').filter((name) => /\.fit$/i.test(name));
  test('some corpus files are walks its readings show (a test that cannot fail is no test)', () => {
    const walks = names.filter((name) => {
      const decoded = decodeRecording(new Uint8Array(readFileSync(corpusPath('runs', name))));
      return decoded.ok && readingsShowSpeedBelow(decoded.inputs, WALKING_SPEED_MAX_MPS);
    });
    expect(walks.length).toBeGreaterThanOrEqual(3);
  });
  test.each(names)('%s', (name) => {
    const bytes = new Uint8Array(readFileSync(corpusPath('runs', name)));
    const tuned = tuneActivity(bytes, plan);
    const extracted = extractActivity(bytes);
    expect(tuned.kind).toBe(extracted.kind);
    if (tuned.kind === 'skipped' && extracted.kind === 'skipped') {
      expect(tuned).toEqual({ ...extracted, message: extracted.message.replace('calibration needs', 'tuning needs') });
    }
  });
});
