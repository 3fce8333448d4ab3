/** The "is this a run?" rule, one case per row: spans of 1 Hz samples made here. */
import { describe, expect, test } from 'vitest';
import { chooseRun, measure, verdict, type Span } from '../../src/fit/run-choice.ts';
import type { Sample } from '../../src/samples/sample.ts';

const T0 = Date.UTC(2024, 4, 1, 6);

type Channel = 'speed' | 'distance' | 'position' | 'hr';

/** 1 Hz samples at the given speeds, carried on one channel. */
function span(speedsMps: readonly number[], channel: Channel): Sample[] {
  let distanceM = 0;
  return speedsMps.map((speedMps, i) => {
    distanceM += i === 0 ? 0 : speedMps;
    const atMs = T0 + i * 1000;
    switch (channel) {
      case 'speed':
        return { kind: 'sample', atMs, speedMps };
      case 'distance':
        return { kind: 'sample', atMs, distanceM };
      case 'position':
        return { kind: 'sample', atMs, latDeg: 45 + distanceM / 111_195, lonDeg: 7 };
      case 'hr':
        return { kind: 'sample', atMs, hrBpm: 140 };
    }
  });
}

const repeat = (count: number, speedMps: number): number[] => Array.from({ length: count }, () => speedMps);

describe('verdict: what rules a span out as a run', () => {
  test.each<[string, Sample[], RegExp | undefined]>([
    ['no samples', [], /^no samples$/],
    ['heart rate only: nothing to judge speed by', span(repeat(600, 0), 'hr'), undefined],
    ['an easy run at 2.9 m/s', span(repeat(600, 2.9), 'speed'), undefined],
    ['a trail run with walking, 0.9 m/s', span(repeat(600, 0.9), 'speed'), undefined],
    ['a ride at 8 m/s', span(repeat(600, 8), 'speed'), /^median moving speed is 8\.0 m\/s \(28\.8 km\/h\), above the running limit of 6\.5 m\/s$/],
    ['a ride at 8 m/s, known only from distance', span(repeat(600, 8), 'distance'), /^median moving speed is 8\.0 m\/s/],
    ['a ride at 8 m/s, known only from position', span(repeat(600, 8), 'position'), /^median moving speed is 8\.0 m\/s/],
    ['too few moving samples to call it a ride', span([...repeat(19, 9), ...repeat(300, 0)], 'speed'), undefined],
    ['a slow ride: 3 % of samples above 6.5 m/s', span([...repeat(582, 2.4), ...repeat(18, 9)], 'speed'), /^3% of moving samples are faster/],
    ['a run with a few GPS spikes: 1 %', span([...repeat(594, 3), ...repeat(6, 9)], 'speed'), undefined],
    ['standing still is not counted', span([...repeat(500, 0), ...repeat(100, 3)], 'speed'), undefined],
  ])('%s', (_name, samples, expected) => {
    const reason = verdict(measure(samples, 0, samples.length));
    if (expected === undefined) expect(reason).toBeUndefined();
    else expect(reason).toMatch(expected);
  });

  test('the median is of moving samples only', () => {
    const samples = span([...repeat(500, 0.1), ...repeat(101, 3), ...repeat(100, 2)], 'speed');
    expect(measure(samples, 0, samples.length).medianMovingMps).toBe(3);
  });
});

describe('chooseRun: the longest span nothing rules out', () => {
  const ride = span(repeat(900, 9), 'speed');
  const run = span(repeat(600, 3), 'speed').map((s) => ({ ...s, atMs: s.atMs + 1_000_000 }));
  const samples = [...ride, ...run];
  const spans: Span[] = [
    { lo: 0, hi: 900, sessionNumber: 1, sport: 2, sportLabel: 'cycling', subSportLabel: undefined },
    { lo: 900, hi: 1500, sessionNumber: 2, sport: 0, sportLabel: 'generic', subSportLabel: undefined },
  ];

  test('skips the longer ride for the run', () => {
    const choice = chooseRun(samples, spans);
    expect(typeof choice === 'string' ? choice : choice.span.sessionNumber).toBe(2);
  });

  test('says why when nothing is a run', () => {
    const [first] = spans;
    expect(chooseRun(ride, first === undefined ? [] : [first, { ...first, lo: 900, hi: 900, sessionNumber: 2 }])).toBe(
      'not a run: none of the 2 sessions looks like one (the longest, cycling: median moving speed is 9.0 m/s (32.4 km/h), above the running limit of 6.5 m/s)',
    );
  });
});
