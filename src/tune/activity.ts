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
import { DEFAULT_TUNING, type GuardConfig } from '../guard/config.ts';
import { activityFactsTracker } from '../calibrate/stretches.ts';
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
    // Whether it is a run is known only at its end: the scoring's one pass also feeds calibration's facts
    // (DEFAULT_TUNING's signals, shared when the plan's are alike), and a walk's scores are dropped.
    const facts = activityFactsTracker();
    const score = scoreRunAll(decoded.inputs, plan.base, plan.candidates, { rules: DEFAULT_TUNING, see: (input, signals) => facts.add(input, signals) });
    const verdict = runVerdict(facts.facts(decoded.inputs));
    if (verdict.kind === 'skipped') return { kind: 'skipped', reason: verdict.reason, message: verdict.message.replace('calibration needs', 'tuning needs') };
    return { kind: 'run', startMs: verdict.facts.startMs, ...(damage === undefined ? {} : { damage }), score };
  } catch (error) {
    // Only a bug of ours gets here; one odd file must not stop a history.
    return { kind: 'skipped', reason: 'internal-error', message: `could not score it (internal error: ${error instanceof Error ? error.message : String(error)})` };
  }
}
