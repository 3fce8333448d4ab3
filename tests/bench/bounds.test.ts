// The bounds bench's what-ifs (simulator/bench/bounds.ts): each changes a
// run's inputs and nothing else (times, pauses, labels), and the oracle calls
// exactly when the truth has been clearly over for its hold. Runs come from
// the suite's own seeded scenarios.
import { describe, expect, test } from 'vitest';
import type { GuardInput, Sample } from '../../src/samples/sample.ts';
import { DEFAULT_ESTIMATE_SETTINGS } from '../../src/estimate/settings.ts';
import { gpsWhite, heartRateTruth, oracleAlertsMs, truthInputs, WHAT_IFS } from '../../simulator/bench/bounds.ts';
import type { TruthSecond } from '../../simulator/synth/physics.ts';
import { suiteRun } from '../../simulator/synth/suite.ts';
import { synthesizeRun, type SynthRun } from '../../simulator/synth/synthesize.ts';

function run(id: string): SynthRun {
  const found = suiteRun(id);
  if (found === undefined) throw new Error(`no suite run ${id}`);
  return synthesizeRun(found.scenario, found.seed);
}

const samples = (inputs: readonly GuardInput[]): Sample[] => inputs.flatMap((i) => (i.kind === 'sample' ? [i] : []));
const timers = (inputs: readonly GuardInput[]): GuardInput[] => inputs.filter((i) => i.kind !== 'sample');

const PAUSED = run('stops-bert-autopause');
const PHONE = run('positions-anna-clean');

describe('oracleAlertsMs: a call once the truth has been clearly over for the hold, once a stretch', () => {
  // Pace ceiling 360 s/km, heart-rate ceiling 140: 350 s/km is clearly over (10 s/km), 143 bpm too (3 bpm).
  const second = (atSec: number, gapSecPerKm: number, hrBpm = 120): TruthSecond => ({
    atMs: atSec * 1000,
    segment: 0,
    speedMps: 1000 / gapSecPerKm,
    distanceM: 0,
    gradePct: 0,
    gapSecPerKm,
    hrBpm,
    cadenceSpm: 170,
    eastM: 0,
    northM: 0,
    altitudeM: 0,
  });
  const paces = [...Array<number>(10).fill(370), ...Array<number>(5).fill(350), ...Array<number>(5).fill(355), ...Array<number>(20).fill(340)];
  const truth = [...paces.map((pace, i) => second(i, pace)), ...[143, 143, 143].map((hr, i) => second(40 + i, 370, hr))];
  const fake = { ...PAUSED, truth, scenario: { ...PAUSED.scenario, ceilings: { paceCeilingSecPerKm: 360, hrCeilingBpm: 140 } } };
  test.each([
    { holdSec: 1, alertsSec: [10, 20] },
    { holdSec: 5, alertsSec: [14, 24] },
    { holdSec: 6, alertsSec: [25] },
    { holdSec: 20, alertsSec: [39] },
    { holdSec: 23, alertsSec: [42] },
    { holdSec: 24, alertsSec: [] },
  ])('hold $holdSec s: calls at $alertsSec s', ({ holdSec, alertsSec }) => {
    expect(oracleAlertsMs(fake, holdSec)).toEqual(alertsSec.map((s) => s * 1000));
  });
});

describe('truthInputs: the truth every running second, the recording’s pauses kept', () => {
  test.each(['flat', 'graded'] as const)('%s: pauses at their times, no sample while paused, one a second otherwise', (ground) => {
    const inputs = truthInputs(PAUSED, ground);
    expect(timers(inputs)).toEqual(timers(PAUSED.inputs));
    expect(timers(inputs).length).toBeGreaterThan(0);
    let paused = false;
    let lastSampleMs: number | undefined;
    for (const input of inputs) {
      if (input.kind === 'pause') paused = true;
      else if (input.kind === 'resume') {
        paused = false;
        lastSampleMs = undefined;
      } else {
        expect(paused).toBe(false);
        if (lastSampleMs !== undefined) expect(input.atMs - lastSampleMs).toBe(1000);
        lastSampleMs = input.atMs;
      }
    }
  });

  test('flat: the true grade-adjusted speed and no altitude; graded: the true speed and altitude', () => {
    const truthOf = (sample: Sample): TruthSecond => PAUSED.truth[sample.atMs / 1000] as TruthSecond;
    for (const sample of samples(truthInputs(PAUSED, 'flat'))) {
      const truth = truthOf(sample);
      expect(sample.altitudeM).toBeUndefined();
      expect(sample.hrBpm).toBe(truth.hrBpm);
      if (truth.gapSecPerKm !== undefined) expect(sample.speedMps).toBeCloseTo(1000 / truth.gapSecPerKm, 9);
    }
    for (const sample of samples(truthInputs(PAUSED, 'graded'))) {
      const truth = truthOf(sample);
      expect([sample.speedMps, sample.altitudeM, sample.hrBpm]).toEqual([truth.speedMps, truth.altitudeM, truth.hrBpm]);
    }
  });
});

describe('what-ifs on the recorded inputs change only what they say', () => {
  test('heart rate truth: every sample reads the true heart rate, all else as recorded', () => {
    const changed = samples(heartRateTruth(PAUSED));
    const recorded = samples(PAUSED.inputs);
    expect(changed.length).toBe(recorded.length);
    changed.forEach((sample, i) => {
      expect(sample.hrBpm).toBe(PAUSED.truth[sample.atMs / 1000]?.hrBpm);
      expect({ ...sample, hrBpm: undefined }).toEqual({ ...recorded[i], hrBpm: undefined });
    });
  });

  test('GPS error white: same times, pauses and heart rate; speed off the truth by white noise only; seeded', () => {
    const white = gpsWhite(PAUSED);
    expect(white).toEqual(gpsWhite(PAUSED));
    expect(white.map((i) => [i.kind, i.atMs])).toEqual(PAUSED.inputs.map((i) => [i.kind, i.atMs]));
    const errors = samples(white).flatMap((s) => {
      const truth = PAUSED.truth[s.atMs / 1000];
      return s.speedMps === undefined || truth === undefined || truth.speedMps < 1 ? [] : [s.speedMps - truth.speedMps];
    });
    const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
    const sd = Math.sqrt(errors.reduce((a, b) => a + (b - mean) ** 2, 0) / errors.length);
    // The run's GPS error: AR(1) 0.1 m/s plus 0.03 m/s white, so about 0.104 m/s in all.
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(sd).toBeGreaterThan(0.095);
    expect(sd).toBeLessThan(0.115);
    // Consecutive errors are independent (the recording's are correlated over 5 s).
    const lagged = errors.slice(1).reduce((sum, e, i) => sum + (e - mean) * ((errors[i] as number) - mean), 0) / (errors.length - 1);
    expect(Math.abs(lagged / (sd * sd))).toBeLessThan(0.1);
    expect(samples(white).map((s) => s.hrBpm)).toEqual(samples(PAUSED.inputs).map((s) => s.hrBpm));
  });

  test('GPS error white on a positions-only track: positions moved, no speed field added', () => {
    const white = samples(gpsWhite(PHONE));
    expect(white.some((s) => s.speedMps !== undefined)).toBe(false);
    expect(white.map((s) => s.latDeg)).not.toEqual(samples(PHONE.inputs).map((s) => s.latDeg));
  });

  test('the baseline is the recording itself with the default settings: bench:alerts’s row', () => {
    const baseline = WHAT_IFS.find((w) => w.key === 'e');
    const given = baseline?.given(PAUSED, DEFAULT_ESTIMATE_SETTINGS);
    expect(given?.inputs).toBe(PAUSED.inputs);
    expect(given?.settings).toBe(DEFAULT_ESTIMATE_SETTINGS);
    expect(given?.adjust).toBeUndefined();
  });
});
