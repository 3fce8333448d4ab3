import { INITIAL_CONDITION_STATE, type Conditioned, type ConditionState } from './conditioned.ts';
import { INITIAL_DECISION_STATE, type DecisionState } from './decide.ts';
import type { GuardEvent, OverCause } from './events.ts';

// The guard's state, apart from its step (step.ts) so that what the step calls (silence.ts) can read it without a cycle.

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
