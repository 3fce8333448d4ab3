import type { GuardInput } from '../samples/sample.ts';
import { INITIAL_CONDITION_STATE, stepCondition, type Conditioned, type ConditionState } from '../signal/condition.ts';
import type { GuardConfig } from './config.ts';
import { decide, INITIAL_DECISION_STATE, type DecisionState } from './decide.ts';
import type { GuardEvent, OverCause } from './events.ts';
import { silence } from './silence.ts';

/** What one input did: the conditioned values, any events, and the overshoot the guard holds, if any. */
export interface GuardStep {
  readonly conditioned: Conditioned;
  readonly events: readonly GuardEvent[];
  readonly overshoot: OverCause | undefined;
}

export interface GuardState {
  readonly condition: ConditionState;
  readonly decision: DecisionState;
  readonly last?: GuardStep;
}

export const INITIAL_GUARD_STATE: GuardState = {
  condition: INITIAL_CONDITION_STATE,
  decision: INITIAL_DECISION_STATE,
};

/**
 * The whole guard as one pure step: what the silence since the last input
 * says (silence.ts: the sensors gone stale in it, dated when they went), then
 * the input conditioned and decided.
 */
export function guardStep(state: GuardState, input: GuardInput, config: GuardConfig): GuardState {
  return guardStepConditioned(state, input.atMs, stepCondition(state.condition, input, config.tuning), config);
}

/**
 * guardStep's decision half, for an input already conditioned: `condition` is
 * stepCondition(state.condition, input, config.tuning), taken elsewhere.
 * Conditioning reads a few settings only, so `paceguard tune` conditions a
 * run once for all the settings that differ in decision rules alone
 * (src/tune/score.ts) and decides here, to the same step as guardStep's.
 */
export function guardStepConditioned(state: GuardState, atMs: number, condition: ConditionState, config: GuardConfig): GuardState {
  const quiet = silence(state, atMs, config);
  const conditioned = condition.output;
  if (conditioned === undefined) throw new Error('stepCondition always sets output');
  const decision = decide(quiet.state.decision, conditioned, config);
  // Silence's events are dated before or at this input, the decision's at it: in time order.
  const events = quiet.events.length === 0 ? decision.events : [...quiet.events, ...decision.events];
  return {
    condition,
    decision: decision.state,
    last: { conditioned, events, overshoot: decision.overshoot },
  };
}
