/**
 * The hindsight judge checked where the truth is known: it reads each run of
 * the synthetic suite's recording (with the scenario's ceilings), and its
 * episodes are set beside the truth's. Precision: the share of its episodes
 * that overlap a true overshoot; recall: the share of true overshoots that
 * one of its episodes overlaps. Targets in docs/hindsight-judge.md.
 */
import type { RunLabels } from '../../synth/labels.ts';
import { SUITE } from '../../synth/suite.ts';
import { synthesizeRun, type SynthRun } from '../../synth/synthesize.ts';
import { judgeRun } from './judge.ts';
import { judgeSeries } from './series.ts';

/** The instrument's targets on the synthetic suite (docs/hindsight-judge.md). */
export const JUDGE_PRECISION_TARGET = 0.8;
export const JUDGE_RECALL_TARGET = 0.95;

export interface JudgedPair {
  readonly run: SynthRun;
  readonly judged: RunLabels;
}

export interface JudgeCheck {
  readonly pairs: readonly JudgedPair[];
  readonly trueFound: number;
  readonly trueCount: number;
  readonly judgedMatched: number;
  readonly judgedCount: number;
  /** Judge episodes overlapping no true overshoot, by the judge's cause. */
  readonly unmatchedByCause: Readonly<Record<string, number>>;
  readonly lines: readonly string[];
}

const overlaps = (a: { startMs: number; endMs: number }, b: { startMs: number; endMs: number }): boolean =>
  a.startMs < b.endMs && b.startMs < a.endMs;

export function judgeCheck(): JudgeCheck {
  const pairs = SUITE.map((suiteRun): JudgedPair => {
    const run = synthesizeRun(suiteRun.scenario, suiteRun.seed);
    return { run, judged: judgeRun(judgeSeries(run.inputs), run.scenario.ceilings) };
  });
  const found = pairs.flatMap(({ run, judged }) => run.labels.overshoots.map((o) => judged.overshoots.some((j) => overlaps(o, j))));
  const matched = pairs.flatMap(({ run, judged }) =>
    judged.overshoots.map((j) => ({ cause: j.cause, matched: run.labels.overshoots.some((o) => overlaps(o, j)) })),
  );
  const unmatchedByCause: Record<string, number> = {};
  for (const m of matched) if (!m.matched) unmatchedByCause[m.cause] = (unmatchedByCause[m.cause] ?? 0) + 1;
  const trueFound = found.filter(Boolean).length;
  const judgedMatched = matched.filter((m) => m.matched).length;
  const precision = matched.length === 0 ? 0 : judgedMatched / matched.length;
  const recall = found.length === 0 ? 0 : trueFound / found.length;
  const verdict = (value: number, target: number): string => `${value.toFixed(2)} (target ≥ ${target}: ${value >= target ? 'met' : 'MISSED'})`;
  const lines = [
    `On the ${pairs.length} synthetic runs, whose truth is known, the judge reading only the recordings (with the scenarios' ceilings) ` +
      `finds ${trueFound} of the ${found.length} true overshoots (recall ${verdict(recall, JUDGE_RECALL_TARGET)}), and ` +
      `${judgedMatched} of its ${matched.length} episodes overlap one (precision ${verdict(precision, JUDGE_PRECISION_TARGET)}). ` +
      `Episodes overlapping none, by cause: ${['pace', 'hr', 'both'].map((c) => `${c} ${unmatchedByCause[c] ?? 0}`).join(', ')}.`,
  ];
  return { pairs, trueFound, trueCount: found.length, judgedMatched, judgedCount: matched.length, unmatchedByCause, lines };
}
