import type { GuardInput } from '../samples/sample.ts';
import { stepCondition, type ConditionState } from './conditioned.ts';
import type { GuardConfig } from './config.ts';
import { decide } from './decide.ts';
import { silenceEvents, withLost } from './silence.ts';
import type { GuardState } from './state.ts';

// The state lives in state.ts, which silence.ts reads too: re-exported here, where callers have always found it.
export { INITIAL_GUARD_STATE, type GuardState, type GuardStep } from './state.ts';

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
 */
export function guardStepConditioned(state: GuardState, atMs: number, condition: ConditionState, config: GuardConfig): GuardState {
  // silence(state, atMs, config), without building its answer for the usual input that nothing went stale before.
  const lost = silenceEvents(state, atMs, config);
  const conditioned = condition.output;
  if (conditioned === undefined) throw new Error('stepCondition always sets output');
  const decision = decide(lost.length === 0 ? state.decision : withLost(state.decision, lost), conditioned, config);
  // Silence's events are dated before or at this input, the decision's at it: in time order.
  const events = lost.length === 0 ? decision.events : [...lost, ...decision.events];
  return {
    condition,
    decision: decision.state,
    last: { conditioned, events, overshoot: decision.overshoot },
  };
}
