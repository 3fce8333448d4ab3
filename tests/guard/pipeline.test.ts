import { describe, expect, test } from 'vitest';
import { map, take } from 'rxjs';
import { paceGuard } from '../../src/guard/pipeline.ts';
import { runGuard } from '../../src/guard/run.ts';
import type { GuardInput, Sample } from '../../src/samples/sample.ts';
import type { GuardEvent } from '../../src/guard/events.ts';
import { pacedInputs } from '../../simulator/io/paced.ts';
import { marbles } from '../support/marbles.ts';
import { testConfig } from '../support/runs.ts';

// Short holds and no warm-up, so a diagram of a few samples shows a whole overshoot.
const config = testConfig({
  pace: 360,
  // 40 s/km over, capped at 22, less the 8 allowance: 14 a second, so 42 takes three samples.
  // No heart rate or cadence in these samples: pace has no witness to ask and counts in full.
  tuning: { paceWindowMs: 1_000, paceEvidenceSecPerKmS: 42, holdUnderMs: 2_000, repeatMs: 10_000, paceWarmupMs: 0, hrWarmupMs: 0 },
});
const at = (s: number, speedMps: number): Sample => ({ kind: 'sample', atMs: s * 1000, speedMps });
const OVER = 1000 / 320;
const UNDER = 1000 / 400;

describe('paceGuard (marbles)', () => {
  test('an overshoot held for 2 s alerts; 2 s back under says so; events leave with the sample that caused them', () => {
    marbles(({ cold, expectObservable }) => {
      const input$ = cold<GuardInput>('abcdefg|', {
        a: at(0, UNDER), b: at(1, OVER), c: at(2, OVER), d: at(3, OVER), e: at(4, UNDER), f: at(5, UNDER), g: at(6, UNDER),
      });
      expectObservable(input$.pipe(paceGuard(config), map((e) => e.kind))).toBe('---s--b|', { s: 'slow-down', b: 'back-under' });
    });
  });

  test('errors from the source pass downstream; nothing is swallowed', () => {
    marbles(({ cold, expectObservable }) => {
      const input$ = cold<GuardInput>('a#', { a: at(0, UNDER) }, new Error('sensor stream broke'));
      expectObservable(input$.pipe(paceGuard(config))).toBe('-#', undefined, new Error('sensor stream broke'));
    });
  });
});

describe('live staleness (marbles)', () => {
  test('live, a heart-rate strap that falls silent is reported lost at the same moment a replay would report it', () => {
    const hr = (s: number): Sample => ({ kind: 'sample', atMs: s * 1000, hrBpm: 120 });
    const live = testConfig({ hr: 150 });
    // Replay: the gap is only visible when the next sample arrives, 40 s later.
    const replayed = runGuard([hr(0), hr(1), hr(41)], live).filter((e) => e.kind === 'signal-lost');
    marbles(({ cold, expectObservable }, scheduler) => {
      // Live: no next sample at all (yet); the probe speaks when the strap has been silent 30 s.
      const input$ = cold<GuardInput>('a 999ms b', { a: hr(0), b: hr(1) });
      const lost$ = input$.pipe(paceGuard(live, { scheduler }), take(1));
      expectObservable(lost$).toBe('1s 30s (l|)', { l: replayed[0] as GuardEvent });
    });
    expect(replayed).toEqual([{ kind: 'signal-lost', atMs: 31_000, sensor: 'hr', reason: 'no-data' }]);
  });

  test('the probe says it once: the input that shows the silence does not say it again; no probe after the source ends', () => {
    const hr = (s: number): Sample => ({ kind: 'sample', atMs: s * 1000, hrBpm: 120 });
    const live = testConfig({ hr: 150 });
    marbles(({ cold, expectObservable }, scheduler) => {
      const input$ = cold<GuardInput>('a 39999ms b 999ms |', { a: hr(0), b: hr(40) });
      expectObservable(input$.pipe(paceGuard(live, { scheduler }))).toBe('30s l 9999ms b 999ms |', {
        l: { kind: 'signal-lost', atMs: 30_000, sensor: 'hr', reason: 'no-data' },
        b: { kind: 'signal-back', atMs: 40_000, sensor: 'hr' },
      });
    });
  });
});

describe('pacedInputs (marbles)', () => {
  const inputs = [at(0, UNDER), at(1, UNDER), at(3, UNDER)];
  test.each([
    [1, 'a 999ms b 1999ms (c|)'],
    [10, 'a 99ms b 199ms (c|)'],
  ])('speed %s releases each sample when its timestamp comes due', (speed, diagram) => {
    marbles(({ expectObservable }, scheduler) => {
      expectObservable(pacedInputs(inputs, speed, scheduler)).toBe(diagram, { a: inputs[0], b: inputs[1], c: inputs[2] });
    });
  });
});
