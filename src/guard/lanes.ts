import type { Conditioned } from './conditioned.ts';
import type { GuardConfig } from './config.ts';
import type { SampleJudgement } from './judge.ts';

/**
 * Many decisions side by side, one lane per config, stepped over the same
 * run: what `paceguard tune` needs of decide.ts for each of its settings, at
 * a fraction of the cost. A lane keeps just what moves its overshoot (the
 * two evidences, the phase and its times, not-recovery said), in flat typed
 * arrays changed in place: no state object, no event, nothing allocated per
 * sample. Each step it says whether the lane spoke a slow-down and what
 * overshoot it holds, which is all tune scores.
 *
 * What does not move an overshoot is left out: the sensors' watches
 * (signal-lost and back), time-up and the fatigue check say their events
 * beside the overshoot and never change it.
 *
 * It is decide.ts's evidence and stepPhase, step for step, on the judgement
 * judge.ts makes (shared by every lane alike in JUDGING_FIELDS and ceilings);
 * tests/tune/cache.test.ts and tests/guard/lanes.test.ts hold every lane to
 * the whole guard stepped with its config.
 */
export interface DecisionLanes {
  readonly count: number;
  // Each lane's settings: the evidence bounds and thresholds, and the phase's times.
  readonly paceThreshold: Float64Array;
  readonly hrThreshold: Float64Array;
  readonly paceBound: Float64Array;
  readonly hrBound: Float64Array;
  readonly repeatMs: Float64Array;
  readonly notRecoveryAfterMs: Float64Array;
  readonly holdUnderMs: Float64Array;
  // Each lane's state (decide.ts's DecisionState and Phase, flattened).
  readonly paceEvidence: Float64Array;
  readonly hrEvidence: Float64Array;
  /** PHASE_UNDER, PHASE_OVER or PHASE_FALLING. */
  readonly phase: Uint8Array;
  /** CAUSE_PACE, CAUSE_HR or CAUSE_BOTH while over or falling. */
  readonly cause: Uint8Array;
  readonly lastAlertAtMs: Float64Array;
  readonly sinceMs: Float64Array;
  readonly movingOverMs: Float64Array;
  readonly repeats: Float64Array;
  readonly quiet: Uint8Array;
  readonly notRecoverySent: Uint8Array;
}

export const PHASE_UNDER = 0;
export const PHASE_OVER = 1;
export const PHASE_FALLING = 2;
/** An overshoot's cause as a number: 0 none, then pace, heart rate, both (the bits of each). */
export const CAUSE_PACE = 1;
export const CAUSE_HR = 2;
export const CAUSE_BOTH = 3;

export function createLanes(configs: readonly GuardConfig[]): DecisionLanes {
  const count = configs.length;
  const of = (value: (t: GuardConfig['tuning']) => number): Float64Array => Float64Array.from(configs, (c) => value(c.tuning));
  return {
    count,
    paceThreshold: of((t) => t.paceEvidenceSecPerKmS),
    hrThreshold: of((t) => t.hrEvidenceBpmS),
    paceBound: of((t) => t.evidenceCapShare * t.paceEvidenceSecPerKmS),
    hrBound: of((t) => t.evidenceCapShare * t.hrEvidenceBpmS),
    repeatMs: of((t) => t.repeatMs),
    notRecoveryAfterMs: of((t) => t.notRecoveryAfterMs),
    holdUnderMs: of((t) => t.holdUnderMs),
    paceEvidence: new Float64Array(count),
    hrEvidence: new Float64Array(count),
    phase: new Uint8Array(count),
    cause: new Uint8Array(count),
    lastAlertAtMs: new Float64Array(count),
    sinceMs: new Float64Array(count),
    movingOverMs: new Float64Array(count),
    repeats: new Float64Array(count),
    quiet: new Uint8Array(count),
    notRecoverySent: new Uint8Array(count),
  };
}

/** What a lane's shared step (stepLaneShared) leaves to each lane's repeats. */
export const SAID_NOTHING = 0;
/** An overshoot began: every lane that moves alike says its first slow-down. */
export const SAID_ONSET = 1;
/** Still over, loud, not easing, before not-recovery: each lane says a repeat if its own interval is up. */
export const SAID_REPEAT_IF_DUE = 2;

/**
 * Equal for two lanes that move alike on the same judgements: the same
 * evidence, phase, cause, times and not-recovery, input after input. They
 * differ in their repeats alone (repeatMs), which lanesSay decides for each.
 */
export function sharedStepKey(lanes: DecisionLanes, j: number): string {
  const { paceThreshold, hrThreshold, paceBound, hrBound, notRecoveryAfterMs, holdUnderMs } = lanes;
  return [paceThreshold[j], hrThreshold[j], paceBound[j], hrBound[j], notRecoveryAfterMs[j], holdUnderMs[j]].join('/');
}

/**
 * Lane `j` after one input, decide.ts's step: `afresh` when the input starts
 * the judgement afresh (startsAfresh), `judged` the sample's judgement under
 * the lane's config when it is a moving sample (undefined otherwise).
 * Returns 1 when the lane said slow-down at this input, else 0; the
 * overshoot it holds after it is `cause[j]` while `phase[j]` is not under.
 */
export function stepLane(lanes: DecisionLanes, j: number, input: Conditioned, afresh: boolean, judged: SampleJudgement | undefined): number {
  const said = stepLaneShared(lanes, j, input, afresh, judged);
  return said === SAID_NOTHING ? 0 : laneSays(lanes, j, input.atMs, said);
}

/**
 * stepLane less the repeats: lane `j`'s evidence, phase and overshoot after
 * one input, and what is left for the repeats to say (SAID_*). Lanes alike in
 * sharedStepKey move alike here, so `paceguard tune` steps one of them and
 * asks laneSays of each.
 */
export function stepLaneShared(lanes: DecisionLanes, j: number, input: Conditioned, afresh: boolean, judged: SampleJudgement | undefined): number {
  const { paceEvidence, hrEvidence, phase } = lanes;
  if (afresh) {
    phase[j] = PHASE_UNDER;
    paceEvidence[j] = 0;
    hrEvidence[j] = 0;
    return SAID_NOTHING;
  }
  if (input.kind !== 'sample') return SAID_NOTHING;
  if (judged === undefined) {
    // Standing still or walking: the overshoot is frozen, evidence starts again.
    paceEvidence[j] = 0;
    hrEvidence[j] = 0;
    return SAID_NOTHING;
  }
  const pace = bounded((paceEvidence[j] as number) + judged.paceGain, lanes.paceBound[j] as number);
  const hr = bounded((hrEvidence[j] as number) + judged.hrGain, lanes.hrBound[j] as number);
  paceEvidence[j] = pace;
  hrEvidence[j] = hr;
  const alerting = (pace >= (lanes.paceThreshold[j] as number) ? CAUSE_PACE : 0) | (hr >= (lanes.hrThreshold[j] as number) ? CAUSE_HR : 0);
  switch (phase[j]) {
    case PHASE_UNDER:
      if (alerting === 0) return SAID_NOTHING;
      phase[j] = PHASE_OVER;
      lanes.cause[j] = alerting;
      lanes.movingOverMs[j] = 0;
      lanes.quiet[j] = lanes.notRecoverySent[j] as number;
      return SAID_ONSET;
    case PHASE_OVER: {
      const movingOverMs = (lanes.movingOverMs[j] as number) + input.dtMs;
      lanes.movingOverMs[j] = movingOverMs;
      if (judged.clear) {
        phase[j] = PHASE_FALLING;
        lanes.sinceMs[j] = input.atMs;
        return SAID_NOTHING;
      }
      if (alerting === 0) return SAID_NOTHING;
      lanes.cause[j] = alerting;
      if (lanes.quiet[j] === 1 || judged.easing) return SAID_NOTHING;
      if (movingOverMs >= (lanes.notRecoveryAfterMs[j] as number)) {
        lanes.notRecoverySent[j] = 1;
        lanes.quiet[j] = 1;
        return SAID_NOTHING;
      }
      return SAID_REPEAT_IF_DUE;
    }
    default: {
      lanes.movingOverMs[j] = (lanes.movingOverMs[j] as number) + input.dtMs;
      if (!judged.clear) {
        phase[j] = PHASE_OVER;
        return SAID_NOTHING;
      }
      if (input.atMs - (lanes.sinceMs[j] as number) < (lanes.holdUnderMs[j] as number)) return SAID_NOTHING;
      // Back under: the next overshoot has to show itself from scratch.
      phase[j] = PHASE_UNDER;
      paceEvidence[j] = 0;
      hrEvidence[j] = 0;
      return SAID_NOTHING;
    }
  }
}

/**
 * Lane `k`'s repeats on what a shared step said at `atMs` (not
 * SAID_NOTHING): 1 when it says a slow-down, else 0. An onset always
 * speaks and starts the repeats again; after it, each interval is twice the
 * one before (decide.ts's repeatIntervalMs).
 */
export function laneSays(lanes: DecisionLanes, k: number, atMs: number, said: number): number {
  if (said === SAID_ONSET) {
    lanes.lastAlertAtMs[k] = atMs;
    lanes.repeats[k] = 0;
    return 1;
  }
  const repeats = (lanes.repeats[k] as number) + 1;
  if (atMs - (lanes.lastAlertAtMs[k] as number) >= (lanes.repeatMs[k] as number) * 2 ** Math.max(0, repeats - 1)) {
    lanes.lastAlertAtMs[k] = atMs;
    lanes.repeats[k] = repeats;
    return 1;
  }
  return 0;
}

/** Evidence never below zero, and never above its bound (decide.ts's). */
function bounded(evidence: number, max: number): number {
  return Math.min(Math.max(0, evidence), max);
}
