/**
 * One history file's whole share of `tune`: FIT, GPX or TCX bytes → the run's scores
 * under every candidate, or why it was left out. Pure and never throws, so a
 * worker thread runs it unchanged.
 *
 * Whether an activity is a run is calibration's test (`classifyActivity`, its
 * extract's verdict without the stretches:
 * judged by the data; walks, rides, rowing and skiing are left out), so
 * `tune` and `calibrate` agree on what the history holds.
 */
import { classifyActivity, type SkipReason } from '../calibrate/extract.ts';
import type { GuardConfig } from '../guard/config.ts';
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
    const extract = classifyActivity(decoded.inputs);
    if (extract.kind === 'skipped') return { kind: 'skipped', reason: extract.reason, message: extract.message.replace('calibration needs', 'tuning needs') };
    return {
      kind: 'run',
      startMs: extract.facts.startMs,
      ...(damage === undefined ? {} : { damage }),
      score: scoreRunAll(decoded.inputs, plan.base, plan.candidates),
    };
  } catch (error) {
    // Only a bug of ours gets here; one odd file must not stop a history.
    return { kind: 'skipped', reason: 'internal-error', message: `could not score it (internal error: ${error instanceof Error ? error.message : String(error)})` };
  }
}
