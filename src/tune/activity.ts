/**
 * One history file's whole share of `tune`: FIT, GPX or TCX bytes → the run's scores
 * under every candidate, or why it was left out. Pure and never throws, so a
 * worker thread runs it unchanged.
 *
 * Whether an activity is a run is calibration's test (`runVerdict` on the
 * facts its extract would hold:
 * judged by the data; walks, rides, rowing and skiing are left out), so
 * `tune` and `calibrate` agree on what the history holds.
 */
import { runVerdict, type SkipReason } from '../calibrate/extract.ts';
import { WALKING_SPEED_MAX_MPS } from '../fit/activity.ts';
import { DEFAULT_TUNING, type GuardConfig } from '../guard/config.ts';
import { activityFactsTracker, readingsShowSpeedBelow, type ActivityFacts } from '../calibrate/stretches.ts';
import { newSignals, newSignalState, stepSignalsInto } from '../signal/condition.ts';
import type { InputSeries } from '../samples/series.ts';
import { decodeRecording } from '../track/recording.ts';
import { scoreRunAll, type RunScore } from './score.ts';

export interface TunePlan {
  /** The profile as it is: the reference every run is judged against. */
  readonly base: GuardConfig;
  readonly candidates: readonly GuardConfig[];
}

export type ActivityOutcome =
  | { readonly kind: 'run'; readonly startMs: number; readonly damage?: string; readonly score: RunScore }
  | { readonly kind: 'skipped'; readonly reason: SkipReason; readonly message: string };

export function tuneActivity(bytes: Uint8Array, plan: TunePlan): ActivityOutcome {
  try {
    const decoded = decodeRecording(bytes);
    if (!decoded.ok) {
      return { kind: 'skipped', reason: decoded.error.startsWith('not a run') ? 'not-a-run' : 'unreadable', message: decoded.error };
    }
    const damage = decoded.warnings.find((w) => /^(file is|file fails|the FIT SDK)/.test(w));
    // A walk its own speed readings show needs no replay, its scores would be dropped (on bench:tune's year, 5 of
    // the 19 corpus files, about two fifths of the CPU): its facts alone give the verdict, and its exact words.
    if (readingsShowSpeedBelow(decoded.series, WALKING_SPEED_MAX_MPS)) {
      const verdict = runVerdict(factsAlone(decoded.series));
      if (verdict.kind === 'skipped') return skippedOutcome(verdict);
    }
    // Whether it is a run is known only at its end: the scoring's one pass also feeds calibration's facts
    // (DEFAULT_TUNING's signals, shared when the plan's are alike), and a walk's scores are dropped.
    const facts = activityFactsTracker();
    const score = scoreRunAll(decoded.series, plan.base, plan.candidates, { rules: DEFAULT_TUNING, see: (input, signals) => facts.add(input, signals) });
    const verdict = runVerdict(facts.facts(decoded.series.firstAtMs));
    if (verdict.kind === 'skipped') return skippedOutcome(verdict);
    return { kind: 'run', startMs: verdict.facts.startMs, ...(damage === undefined ? {} : { damage }), score };
  } catch (error) {
    // Only a bug of ours gets here; one odd file must not stop a history.
    return { kind: 'skipped', reason: 'internal-error', message: `could not score it (internal error: ${error instanceof Error ? error.message : String(error)})` };
  }
}

/** Calibration's verdict that an activity is no run, in tune's words. */
function skippedOutcome(verdict: { readonly reason: SkipReason; readonly message: string }): ActivityOutcome {
  return { kind: 'skipped', reason: verdict.reason, message: verdict.message.replace('calibration needs', 'tuning needs') };
}

/**
 * The facts alone, as scoreRunAll's watch gathers them: DEFAULT_TUNING's
 * signals, written in place input after input (nothing kept per input).
 */
function factsAlone(inputs: InputSeries): ActivityFacts {
  const state = newSignalState();
  const signals = newSignals();
  const facts = activityFactsTracker();
  for (const input of inputs) {
    stepSignalsInto(state, signals, state, input, DEFAULT_TUNING);
    facts.add(input, signals);
  }
  return facts.facts(inputs.firstAtMs);
}
