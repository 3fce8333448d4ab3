/**
 * Lanes (src/guard/lanes.ts): many decisions side by side, stepped in place,
 * must say at every input what the whole guard says with each lane's config:
 * whether it spoke a slow-down, and the overshoot it holds. Arbitrary runs
 * (gaps, pauses, dropouts, cadence), seeded; settings that make every branch
 * of the phase work (short not-recovery, long holds, quick repeats).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { GuardConfig } from '../../src/guard/config.ts';
import { startsAfresh } from '../../src/guard/decide.ts';
import { judgeSample } from '../../src/guard/judge.ts';
import { CAUSE_BOTH, CAUSE_HR, CAUSE_PACE, createLanes, PHASE_UNDER, stepLane } from '../../src/guard/lanes.ts';
import { guardStep, INITIAL_GUARD_STATE, type GuardState } from '../../src/guard/step.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { runArb } from '../support/arbitrary-runs.ts';
import { testConfig } from '../support/runs.ts';

const base = testConfig({ pace: 360, hr: 140 });
const withTuning = (tuning: Partial<GuardConfig['tuning']>): GuardConfig => ({ ...base, tuning: { ...base.tuning, ...tuning } });

const CONFIGS: readonly { readonly name: string; readonly config: GuardConfig }[] = [
  { name: 'the defaults', config: base },
  { name: 'quick evidence, quick repeats', config: withTuning({ paceEvidenceSecPerKmS: 10, hrEvidenceBpmS: 5, repeatMs: 10_000 }) },
  { name: 'slow evidence, long warm-ups', config: withTuning({ paceEvidenceSecPerKmS: 300, paceWarmupMs: 120_000, hrWarmupMs: 300_000 }) },
  { name: 'not-recovery after a minute, a long hold', config: withTuning({ notRecoveryAfterMs: 60_000, holdUnderMs: 60_000, paceEvidenceSecPerKmS: 20 }) },
  { name: 'no hold, tight bounds', config: withTuning({ holdUnderMs: 0, evidenceCapShare: 1, hrEvidenceBpmS: 10 }) },
];

const CAUSE_OF = { pace: CAUSE_PACE, hr: CAUSE_HR, both: CAUSE_BOTH } as const;

/** Per input: [slow-downs said, overshoot as a cause number (0: none)], by the whole guard. */
function byGuard(inputs: readonly GuardInput[], config: GuardConfig): [number, number][] {
  let state: GuardState = INITIAL_GUARD_STATE;
  return inputs.map((input) => {
    state = guardStep(state, input, config);
    const step = state.last as NonNullable<GuardState['last']>;
    const overshoot = step.overshoot === undefined ? 0 : CAUSE_OF[step.overshoot];
    return [step.events.filter((e) => e.kind === 'slow-down').length, overshoot];
  });
}

/** The same, by lanes: one lane per config, each judging on its own conditioning. */
function byLanes(inputs: readonly GuardInput[], configs: readonly GuardConfig[]): [number, number][][] {
  const lanes = createLanes(configs);
  const states = configs.map(() => INITIAL_GUARD_STATE);
  const out: [number, number][][] = configs.map(() => []);
  let lastAtMs: number | undefined;
  for (const input of inputs) {
    let gapMs = 0;
    configs.forEach((config, j) => {
      // The guard's own conditioning, for the lane's input; the decision is the lane's.
      const state = guardStep(states[j] as GuardState, input, config);
      states[j] = state;
      const c = (state.last as NonNullable<GuardState['last']>).conditioned;
      gapMs = lastAtMs === undefined ? 0 : c.atMs - lastAtMs;
      const afresh = startsAfresh(c, gapMs, config.tuning.staleMs);
      const judged = !afresh && c.kind === 'sample' && c.moving ? judgeSample(c, gapMs, config) : undefined;
      const said = stepLane(lanes, j, c, afresh, judged);
      (out[j] as [number, number][]).push([said, lanes.phase[j] === PHASE_UNDER ? 0 : (lanes.cause[j] as number)]);
    });
    lastAtMs = (states[0] as GuardState).last?.conditioned.atMs;
  }
  return out;
}

describe('lanes decide as the whole guard does, input by input', () => {
  const anyPace = fc.integer({ min: 240, max: 600 });
  const anyHr = fc.integer({ min: 100, max: 175 });
  const anyCadence = fc.integer({ min: 100, max: 190 });

  test.each(CONFIGS)('$name, beside the others', ({ config }) => {
    const index = CONFIGS.findIndex((c) => c.config === config);
    fc.assert(
      fc.property(runArb(anyPace, anyHr, anyCadence), (inputs) => {
        const lanes = byLanes(inputs, CONFIGS.map((c) => c.config));
        expect(lanes[index]).toEqual(byGuard(inputs, config));
      }),
      { numRuns: 40, seed: 2026_12_06 },
    );
  });

  test('the draws do reach overshoots, repeats and back-unders (a test that cannot fail is no test)', () => {
    let slowDowns = 0;
    let repeats = 0;
    let backUnders = 0;
    fc.assert(
      fc.property(runArb(anyPace, anyHr, anyCadence), (inputs) => {
        for (const cfg of CONFIGS) {
          const said = byGuard(inputs, cfg.config);
          said.forEach(([n, cause], i) => {
            slowDowns += n;
            if (n > 0 && i > 0 && (said[i - 1] as [number, number])[1] !== 0) repeats++;
            if (cause === 0 && i > 0 && (said[i - 1] as [number, number])[1] !== 0) backUnders++;
          });
        }
      }),
      { numRuns: 40, seed: 2026_12_06 },
    );
    expect(slowDowns).toBeGreaterThan(20);
    expect(repeats).toBeGreaterThan(0);
    expect(backUnders).toBeGreaterThan(0);
  });
});
