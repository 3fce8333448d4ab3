import { holdPace, runAt } from '../../simulator/synth/segments.ts';
import { describe, expect, test } from 'vitest';
import type { GuardInput, Sample } from '../../src/samples/sample.ts';
import { labelTruth } from '../../simulator/synth/labels.ts';
import { simulateTruth, speedForEffortMps, type TruthSecond } from '../../simulator/synth/physics.ts';
import { gradeAdjustedSpeedMps } from '../../src/signal/minetti.ts';
import { ar1, mulberry32, stream } from '../../simulator/synth/random.ts';
import { DEFAULT_RUNNER, durationSecOf, type Scenario, type Segment } from '../../simulator/synth/scenario.ts';
import { SUITE } from '../../simulator/synth/suite.ts';
import { synthesizeRun } from '../../simulator/synth/synthesize.ts';

// Anna: easy 5:30, so steady heart rate is about 129 at 6:10 and 141 at 5:20.
const CEILINGS = { paceCeilingSecPerKm: 360, hrCeilingBpm: 140 };
/** Heart rate out of the way, for tests about pace alone. */
const PACE_ONLY = { paceCeilingSecPerKm: 360, hrCeilingBpm: 170 };

const easy = (durationSec: number, offset = 10, gradePct = 0): Segment => runAt(durationSec, offset, gradePct);
const held = holdPace;

function scenario(segments: readonly Segment[], extra: Partial<Scenario> = {}): Scenario {
  return { name: 'test', runner: DEFAULT_RUNNER, ceilings: CEILINGS, segments, ...extra };
}

const samples = (inputs: readonly GuardInput[]): Sample[] => inputs.flatMap((i) => (i.kind === 'sample' ? [i] : []));
const between = (list: readonly Sample[], fromSec: number, toSec: number): Sample[] =>
  list.filter((s) => s.atMs >= fromSec * 1000 && s.atMs < toSec * 1000);

/** Ten minutes, everything on: a fair amount of every channel. */
const BUSY = scenario([easy(240), easy(120, -40), easy(240)], {
  recording: { hrSensor: 'optical' },
  noise: { multipathPerHour: 30, hrGlitchesPerHour: 30 },
});

describe('random', () => {
  test('mulberry32 is deterministic and uniform in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((x, y) => x + y, 0) / draws.length).toBeCloseTo(0.5, 1);
  });

  test('streams with different labels differ', () => {
    expect(stream(1, 'gps-speed')()).not.toBe(stream(1, 'hr')());
  });

  test('ar1 has about the asked standard deviation', () => {
    const next = ar1(mulberry32(7), 2, 10);
    const values = Array.from({ length: 20_000 }, next);
    const sd = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
    expect(sd).toBeGreaterThan(1.8);
    expect(sd).toBeLessThan(2.2);
  });
});

describe('determinism', () => {
  test('same scenario and seed give identical runs', () => {
    expect(synthesizeRun(BUSY, 3)).toEqual(synthesizeRun(BUSY, 3));
  });

  test('another seed gives another recording and another truth', () => {
    const a = synthesizeRun(BUSY, 3);
    const b = synthesizeRun(BUSY, 4);
    expect(a.inputs).not.toEqual(b.inputs);
    expect(a.truth).not.toEqual(b.truth);
  });

  test('recording options do not change the truth', () => {
    const plain = synthesizeRun(scenario(BUSY.segments), 3);
    expect(plain.truth).toEqual(synthesizeRun(BUSY, 3).truth);
  });
});

describe('physics', () => {
  test.each([-8, -3, 0, 2, 6])('speed for effort inverts the grade adjustment at %d %%', (gradePct) => {
    expect(gradeAdjustedSpeedMps(speedForEffortMps(2.8, gradePct), gradePct)).toBeCloseTo(2.8, 9);
  });

  test('a run holding easy effort slows uphill and keeps its grade-adjusted pace', () => {
    const truth = simulateTruth(scenario([easy(120, 10, 0), easy(120, 10, 4)]), 1);
    const flat = truth[100];
    const hill = truth[220];
    expect(hill?.speedMps).toBeLessThan((flat?.speedMps ?? 0) * 0.85);
    // Same effort, give or take the runner's own wander.
    expect(Math.abs((hill?.gapSecPerKm ?? 0) - (flat?.gapSecPerKm ?? 0))).toBeLessThan(10);
    const climbM = (hill?.altitudeM ?? 0) - (truth[119]?.altitudeM ?? 0);
    const runM = (hill?.distanceM ?? 0) - (truth[119]?.distanceM ?? 0);
    expect(climbM).toBeCloseTo(0.04 * runM, 6);
  });

  test('heart rate follows effort with a lag and drifts up', () => {
    const truth = simulateTruth(scenario([easy(600, 10)], { runner: { ...DEFAULT_RUNNER, driftBpmPerHour: 12 } }), 1);
    const at = (sec: number): number => truth[sec]?.hrBpm ?? NaN;
    expect(at(10)).toBeLessThan(at(60));
    expect(at(599) - at(300)).toBeGreaterThan(0.5);
    expect(at(300)).toBeGreaterThan(125);
    expect(at(300)).toBeLessThan(134);
  });
});

describe('recording', () => {
  test('1 Hz by default, every field present', () => {
    const run = synthesizeRun(scenario([easy(60)]), 1);
    const list = samples(run.inputs);
    expect(list).toHaveLength(60);
    expect(list[30]).toEqual({
      kind: 'sample',
      atMs: 30_000,
      hrBpm: expect.any(Number),
      speedMps: expect.any(Number),
      distanceM: expect.any(Number),
      latDeg: expect.any(Number),
      lonDeg: expect.any(Number),
      altitudeM: expect.any(Number),
      cadenceSpm: expect.any(Number),
    });
  });

  test('smart recording writes a sample every 4–6 s', () => {
    const list = samples(synthesizeRun(scenario([easy(600)], { recording: { rate: 'smart' } }), 1).inputs);
    const gapsSec = list.slice(1).map((s, i) => (s.atMs - (list[i]?.atMs ?? 0)) / 1000);
    expect(Math.min(...gapsSec)).toBe(4);
    expect(Math.max(...gapsSec)).toBe(6);
  });

  test('positions-only has positions and no speed or distance', () => {
    const list = samples(synthesizeRun(scenario([easy(120)], { recording: { fields: 'positions-only' } }), 1).inputs);
    expect(list.every((s) => s.latDeg !== undefined && s.lonDeg !== undefined)).toBe(true);
    expect(list.some((s) => 'speedMps' in s || 'distanceM' in s)).toBe(false);
  });

  test.each(['missing', 'zero'] as const)('a tunnel (speed %s) freezes distance, drops positions, then catches up in one jump', (speed) => {
    const run = synthesizeRun(scenario([easy(300)], { noise: { tunnels: [{ atSec: 100, durationSec: 60, speed }] } }), 1);
    const list = samples(run.inputs);
    const inside = between(list, 100, 160);
    expect(new Set(inside.map((s) => s.distanceM)).size).toBe(1);
    expect(inside.every((s) => s.latDeg === undefined && s.lonDeg === undefined)).toBe(true);
    expect(inside.every((s) => (speed === 'zero' ? s.speedMps === 0 : !('speedMps' in s)))).toBe(true);
    const before = list.find((s) => s.atMs === 99_000)?.distanceM ?? NaN;
    const after = list.find((s) => s.atMs === 160_000)?.distanceM ?? NaN;
    const trueM = (run.truth[160]?.distanceM ?? 0) - (run.truth[99]?.distanceM ?? 0);
    expect(after - before).toBeGreaterThan(0.9 * trueM);
    expect(after - before).toBeLessThan(1.1 * trueM);
  });

  test('cadence lock makes heart rate read the step rate, only in its stretch', () => {
    const run = synthesizeRun(
      scenario([easy(300)], { recording: { hrSensor: 'optical' }, noise: { cadenceLocks: [{ atSec: 120, durationSec: 90 }] } }),
      1,
    );
    const list = samples(run.inputs);
    expect(between(list, 120, 210).every((s) => s.hrBpm === s.cadenceSpm)).toBe(true);
    expect(between(list, 210, 300).every((s) => (s.hrBpm ?? 0) < 150)).toBe(true);
    expect(between(list, 120, 210).every((s) => (s.hrBpm ?? 0) > 160)).toBe(true);
  });

  test('a 5 s recording writes a sample every 5 s exactly', () => {
    const list = samples(synthesizeRun(scenario([easy(600)], { recording: { rate: '5s' } }), 1).inputs);
    const gapsSec = new Set(list.slice(1).map((s, i) => (s.atMs - (list[i]?.atMs ?? 0)) / 1000));
    expect([...gapsSec]).toEqual([5]);
  });

  test('a cadence lock with no cadence field recorded still reads the step rate', () => {
    const run = synthesizeRun(
      scenario([easy(300)], {
        recording: { hrSensor: 'optical', cadence: false },
        noise: { cadenceLocks: [{ atSec: 120, durationSec: 90 }] },
      }),
      1,
    );
    const list = samples(run.inputs);
    expect(list.some((s) => 'cadenceSpm' in s)).toBe(false);
    const locked = between(list, 120, 210);
    expect(locked.every((s) => Math.abs((s.hrBpm ?? 0) - (run.truth[s.atMs / 1000]?.cadenceSpm ?? 0)) <= 6)).toBe(true);
    expect(between(list, 210, 300).every((s) => (s.hrBpm ?? 0) < 150)).toBe(true);
  });

  test.each([20, 30])('a speed field %i s late reads the speed of then, while distance keeps up', (lagSec) => {
    const segments = [easy(200, 30), easy(200, -40)];
    const plain = samples(synthesizeRun(scenario(segments), 1).inputs);
    const lagged = samples(synthesizeRun(scenario(segments, { noise: { speedLagSec: lagSec } }), 1).inputs);
    lagged.forEach((s, i) => {
      expect(s.distanceM).toBe(plain[i]?.distanceM);
      expect(s.speedMps).toBe(plain[Math.max(0, i - lagSec)]?.speedMps);
    });
  });

  test.each([
    ['at the start', 0, 30],
    ['half way through the fade', 150, 15],
    ['after the fade', 300, 0],
    ['long after', 500, 0],
  ])('a strap reading 30 bpm high, fading over 5 min: %s (%i s) it reads %i bpm high', (_name, atSec, biasBpm) => {
    const segments = [easy(600)];
    const plain = samples(synthesizeRun(scenario(segments), 1).inputs);
    const biased = samples(synthesizeRun(scenario(segments, { noise: { hrStartBiasBpm: 30, hrStartBiasSec: 300 } }), 1).inputs);
    const at = (list: readonly Sample[]): number => list.find((s) => s.atMs === atSec * 1000)?.hrBpm ?? NaN;
    expect(at(biased) - at(plain)).toBeCloseTo(biasBpm, 0);
  });

  test('the new recording faults at their defaults leave a run exactly as it was', () => {
    const defaults = { noise: { ...BUSY.noise, speedLagSec: 0, hrStartBiasBpm: 0, hrStartBiasSec: 0 } };
    expect(synthesizeRun({ ...BUSY, ...defaults }, 3).inputs).toEqual(synthesizeRun(BUSY, 3).inputs);
  });

  test('heart-rate dropouts leave the field missing; glitches read 0 or 255', () => {
    const run = synthesizeRun(
      scenario([easy(1200)], { noise: { hrDropouts: [{ atSec: 100, durationSec: 30 }], hrGlitchesPerHour: 60 } }),
      1,
    );
    const list = samples(run.inputs);
    expect(between(list, 100, 130).every((s) => !('hrBpm' in s))).toBe(true);
    expect(between(list, 130, 1200).every((s) => s.hrBpm !== undefined)).toBe(true);
    const glitches = list.filter((s) => s.hrBpm === 0 || s.hrBpm === 255);
    expect(glitches.length).toBeGreaterThan(5);
  });

  test('multipath spikes read at least 1.5 m/s over the true speed, for 2–5 s', () => {
    // 30 spikes an hour of 3.5 s on average: about 100 spiked seconds.
    const run = synthesizeRun(scenario([easy(3600)], { noise: { multipathPerHour: 30 } }), 1);
    const spiked = samples(run.inputs).filter((s) => (s.speedMps ?? 0) > (run.truth[s.atMs / 1000]?.speedMps ?? 0) + 1.2);
    expect(spiked.length).toBeGreaterThan(50);
    expect(spiked.length).toBeLessThan(200);
  });

  test('GPS speed noise has about the asked size and is autocorrelated', () => {
    const run = synthesizeRun(scenario([easy(1800)], { noise: { gpsSpeedSigmaMps: 0.3, gpsSpeedTauSec: 10 } }), 1);
    const errors = samples(run.inputs).map((s) => (s.speedMps ?? 0) - (run.truth[s.atMs / 1000]?.speedMps ?? 0));
    const sd = Math.sqrt(errors.reduce((sum, e) => sum + e * e, 0) / errors.length);
    const lag1 = errors.slice(1).reduce((sum, e, i) => sum + e * (errors[i] ?? 0), 0) / errors.length / sd ** 2;
    expect(sd).toBeGreaterThan(0.2);
    expect(sd).toBeLessThan(0.4);
    expect(lag1).toBeGreaterThan(0.8);
  });

  test('an auto-paused stop pauses, records nothing, and resumes', () => {
    const run = synthesizeRun(scenario([easy(120), { kind: 'stop', durationSec: 60, timer: 'auto-pause' }, easy(60)]), 1);
    const timer = run.inputs.filter((i) => i.kind !== 'sample');
    expect(timer.map((i) => i.kind)).toEqual(['pause', 'resume']);
    const [pause, resume] = timer;
    expect(resume?.atMs).toBe(180_000);
    expect(samples(run.inputs).some((s) => s.atMs > (pause?.atMs ?? 0) && s.atMs < 180_000)).toBe(false);
  });

  test('a stop with the timer running keeps recording, near zero speed', () => {
    const run = synthesizeRun(scenario([easy(120), { kind: 'stop', durationSec: 60 }, easy(60)]), 1);
    const standing = between(samples(run.inputs), 140, 180);
    expect(standing).toHaveLength(40);
    expect(standing.every((s) => (s.speedMps ?? 9) < 0.6)).toBe(true);
  });
});

describe('labels', () => {
  const labelsOf = (segments: Segment[], ceilings = PACE_ONLY) =>
    synthesizeRun(scenario(segments, { ceilings }), 1).labels;

  test('a 2-minute surge 40 s/km faster than the ceiling is one pace overshoot', () => {
    const { overshoots } = labelsOf([easy(240), easy(120, -40), easy(240)]);
    expect(overshoots).toHaveLength(1);
    const [o] = overshoots;
    expect(o?.cause).toBe('pace');
    expect(o?.startMs).toBeGreaterThanOrEqual(239_000);
    expect(o?.startMs).toBeLessThanOrEqual(241_000);
    expect(o?.clearlyOverMs).toBeLessThanOrEqual(243_000);
    expect(o?.endMs).toBeGreaterThanOrEqual(359_000);
    expect(o?.endMs).toBeLessThanOrEqual(366_000);
  });

  test('with heart rate judged too, the same surge takes heart rate over: cause both', () => {
    expect(labelsOf([easy(240), easy(120, -40), easy(240)], CEILINGS).overshoots.map((o) => o.cause)).toEqual(['both']);
  });

  test('a 10 s surge is no overshoot', () => {
    expect(labelsOf([easy(240), easy(10, -40), easy(240)]).overshoots).toEqual([]);
  });

  test('downhill faster than the ceiling at easy effort is no overshoot', () => {
    const run = synthesizeRun(scenario([easy(240), held(240, -20, -4), easy(120)]), 1);
    expect(run.labels.overshoots).toEqual([]);
    expect(run.truth[400]?.speedMps).toBeGreaterThan(1000 / 350);
  });

  test('uphill at ceiling pace is one overshoot, over by effort', () => {
    const run = synthesizeRun(scenario([easy(240), held(180, 0, 3), easy(240)], { ceilings: PACE_ONLY }), 1);
    expect(run.labels.overshoots).toHaveLength(1);
    expect(run.labels.overshoots[0]?.cause).toBe('pace');
    expect(run.truth[300]?.gapSecPerKm).toBeLessThan(320);
  });

  test('cardiac drift over the heart-rate ceiling is an hr overshoot, clearly over 3 bpm above', () => {
    const runner = { ...DEFAULT_RUNNER, hrAtEasyPaceBpm: 142, driftBpmPerHour: 30 };
    const run = synthesizeRun(scenario([easy(1800, 12)], { runner }), 1);
    expect(run.labels.overshoots).toHaveLength(1);
    const [o] = run.labels.overshoots;
    expect(o?.cause).toBe('hr');
    expect(run.truth[(o?.startMs ?? 0) / 1000]?.hrBpm).toBeGreaterThan(140);
    expect(run.truth[(o?.clearlyOverMs ?? 0) / 1000]?.hrBpm).toBeGreaterThanOrEqual(143);
    expect(run.truth[(o?.clearlyOverMs ?? 0) / 1000 - 1]?.hrBpm).toBeLessThan(143);
  });

  const second = (atSec: number, gapSecPerKm: number | undefined, hrBpm: number): TruthSecond => ({
    atMs: atSec * 1000,
    segment: 0,
    speedMps: 2.7,
    distanceM: 0,
    gradePct: 0,
    hrBpm,
    cadenceSpm: 170,
    eastM: 0,
    northM: 0,
    altitudeM: 0,
    ...(gapSecPerKm === undefined ? {} : { gapSecPerKm }),
  });
  /** Seconds of (GAP, HR) given as runs: [seconds, gap, hr]. */
  const truthOf = (runs: [number, number | undefined, number][]): TruthSecond[] => {
    const truth: TruthSecond[] = [];
    for (const [count, gap, hr] of runs) for (let i = 0; i < count; i += 1) truth.push(second(truth.length, gap, hr));
    return truth;
  };

  test.each<[string, [number, number | undefined, number][], number[], number]>([
    ['clearly under all along', [[100, 380, 120]], [], 0],
    ['30 s clearly over is an overshoot', [[60, 380, 120], [30, 340, 120], [60, 380, 120]], [60], 0],
    ['29 s clearly over is not, and not grey', [[60, 380, 120], [29, 340, 120], [60, 380, 120]], [], 0],
    ['45 s over by 2 s/km is marginal: grey, no overshoot', [[60, 380, 120], [45, 358, 120], [60, 380, 120]], [], 45],
    ['near the ceiling, under it: grey', [[60, 380, 120], [20, 362, 120], [60, 380, 120]], [], 20],
    ['heart rate 2 bpm under its ceiling: grey', [[60, 380, 120], [20, 380, 138], [60, 380, 120]], [], 20],
    ['two overshoots 10 s apart are one', [[60, 380, 120], [40, 340, 120], [10, 380, 120], [40, 340, 120], [60, 380, 120]], [60], 0],
    ['two overshoots 25 s apart are two', [[60, 380, 120], [40, 340, 120], [25, 380, 120], [40, 340, 120], [60, 380, 120]], [60, 125], 0],
    ['standing with a high heart rate: over by heart rate', [[60, 380, 120], [40, undefined, 150], [60, 380, 120]], [60], 0],
  ])('%s', (_name, runs, starts, greySec) => {
    const labels = labelTruth(truthOf(runs), CEILINGS);
    expect(labels.overshoots.map((o) => o.startMs / 1000)).toEqual(starts);
    expect(labels.grey.reduce((sum, g) => sum + g.endMs - g.startMs, 0) / 1000).toBe(greySec);
  });

  test('clearlyOverMs is the first clearly-over second, not the first over one', () => {
    const labels = labelTruth(truthOf([[60, 380, 120], [10, 355, 120], [40, 340, 120], [60, 380, 120]]), CEILINGS);
    expect(labels.overshoots).toEqual([{ startMs: 60_000, clearlyOverMs: 70_000, endMs: 110_000, cause: 'pace' }]);
  });

  test('a run over from its first steps is clearly over, for the delay, from the end of the quiet first minute', () => {
    const labels = labelTruth(truthOf([[90, 340, 120], [60, 380, 120]]), CEILINGS);
    expect(labels.overshoots).toEqual([{ startMs: 0, clearlyOverMs: 60_000, endMs: 90_000, cause: 'pace' }]);
  });
});

describe('suite', () => {
  test('ids are unique and every family has runs with and without overshoot-making segments', () => {
    expect(new Set(SUITE.map((r) => r.id)).size).toBe(SUITE.length);
    expect(new Set(SUITE.map((r) => r.family)).size).toBe(20);
  });

  test('20–60 h in all, each run 30–75 min', () => {
    const minutes = SUITE.map((r) => durationSecOf(r.scenario) / 60);
    expect(minutes.every((m) => m >= 30 && m <= 75)).toBe(true);
    const hours = minutes.reduce((a, b) => a + b, 0) / 60;
    expect(hours).toBeGreaterThan(20);
    expect(hours).toBeLessThan(60);
  });

  test('every run but those about the start warms up under the ceiling for at least 3 minutes', () => {
    for (const { scenario: s } of SUITE.filter((r) => r.family !== 'early-overshoot')) {
      const [first] = s.segments;
      expect(first?.kind).toBe('run');
      if (first?.kind !== 'run') continue;
      expect(first.durationSec).toBeGreaterThanOrEqual(180);
      expect('ceilingOffsetSecPerKm' in first.pace && first.pace.ceilingOffsetSecPerKm).toBeGreaterThanOrEqual(20);
    }
  });

  test('scenarios are plain data: JSON round-trips them', () => {
    const [run] = SUITE;
    expect(JSON.parse(JSON.stringify(run?.scenario))).toEqual(run?.scenario);
  });
});
