import type { ActivityInfo } from '../../../../src/fit/decode.ts';
import type { GuardConfig } from '../../../../src/guard/config.ts';
import type { GuardEvent } from '../../../../src/guard/events.ts';
import { guardStep, INITIAL_GUARD_STATE, type GuardState } from '../../../../src/guard/step.ts';
import type { GuardInput } from '../../../../src/samples/sample.ts';
import { addStep, emptySummary, finishSummary, type RunSummary } from '../../../../src/summary/summary.ts';
import { addReportStep, emptyReport, finishReport, type ReportData } from '../../../../src/report/collect.ts';

/**
 * The whole run through the guard again, for one setting: what a slider move
 * costs. The same pure step `paceguard replay` folds over its inputs, in a
 * plain loop (no stream machinery: nothing here is live), with the summary
 * and the report's data (src/report/collect.ts) gathered on the way.
 */
export interface Recomputed {
  readonly events: readonly GuardEvent[];
  readonly summary: RunSummary;
  readonly report: ReportData;
}

export interface RunToTune {
  readonly file: string;
  readonly inputs: readonly GuardInput[];
  readonly info: ActivityInfo;
  readonly warnings: readonly string[];
}

export function recompute(run: RunToTune, config: GuardConfig): Recomputed {
  let state: GuardState = INITIAL_GUARD_STATE;
  let summary = emptySummary();
  const report = emptyReport();
  const events: GuardEvent[] = [];
  for (const input of run.inputs) {
    state = guardStep(state, input, config);
    const step = state.last;
    if (step === undefined) continue;
    summary = addStep(summary, step);
    addReportStep(report, step);
    for (const event of step.events) events.push(event);
  }
  const finished = finishSummary(summary, config);
  return {
    events,
    summary: finished,
    report: finishReport(report, { file: run.file, info: run.info, inputs: run.inputs, warnings: run.warnings, config, summary: finished, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }),
  };
}
