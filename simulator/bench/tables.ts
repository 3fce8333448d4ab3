/**
 * Markdown pieces shared by the alert benchmarks (bench:alerts on the
 * synthetic suite, bench:real on real recordings judged in hindsight): the
 * score row and the targets, both sets side by side.
 */
import type { Score } from './score.ts';

export interface Targets {
  readonly minRecall: number;
  readonly maxMedianDelaySec: number;
  readonly maxP90DelaySec: number;
  readonly maxFalseAlarmsPerHour: number;
}

/** Issue #19's targets for the model-based guard: what a new guard must reach. */
export const ISSUE_19_TARGETS: Targets = {
  minRecall: 0.97,
  maxMedianDelaySec: 12,
  maxP90DelaySec: 25,
  maxFalseAlarmsPerHour: 0.3,
};

/** The older targets today's guard (paceguard) was tuned against. */
export const GUARD_TARGETS: Targets = {
  minRecall: 0.95,
  maxMedianDelaySec: 15,
  maxP90DelaySec: 30,
  maxFalseAlarmsPerHour: 0.5,
};

export const fixed = (value: number, digits: number): string => (Number.isNaN(value) ? '–' : value.toFixed(digits));
export const row = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;

export const SCORE_HEADER = '| alerter | recall | median delay s | p90 delay s | false alarms/h (n) | alerts/h |';

export function scoreRow(name: string, score: Score): string {
  return row([
    name,
    `${fixed(score.recall, 2)} (${score.detected}/${score.overshoots})`,
    fixed(score.medianDelaySec, 1),
    fixed(score.p90DelaySec, 1),
    `${fixed(score.falseAlarmsPerHour, 2)} (${score.falseAlarms})`,
    fixed(score.alertsPerHour, 1),
  ]);
}

interface Check {
  readonly name: string;
  readonly value: (score: Score) => number;
  readonly pass: (score: Score) => boolean;
}

function checksOf(label: string, targets: Targets): Check[] {
  return [
    { name: `${label}: recall ≥ ${targets.minRecall}`, value: (s) => s.recall, pass: (s) => s.recall >= targets.minRecall },
    {
      name: `${label}: median delay ≤ ${targets.maxMedianDelaySec} s`,
      value: (s) => s.medianDelaySec,
      pass: (s) => s.medianDelaySec <= targets.maxMedianDelaySec,
    },
    {
      name: `${label}: p90 delay ≤ ${targets.maxP90DelaySec} s`,
      value: (s) => s.p90DelaySec,
      pass: (s) => s.p90DelaySec <= targets.maxP90DelaySec,
    },
    {
      name: `${label}: false alarms ≤ ${targets.maxFalseAlarmsPerHour}/h`,
      value: (s) => s.falseAlarmsPerHour,
      pass: (s) => s.falseAlarmsPerHour <= targets.maxFalseAlarmsPerHour,
    },
  ];
}

/**
 * One row per target (issue #19's first, then the older ones), one column
 * per guard: its figure and PASS or FAIL. `allPass19`: every guard meets
 * every #19 target.
 */
export function targetLines(guards: readonly { name: string; score: Score }[]): { lines: string[]; allPass19: boolean } {
  const issue19 = checksOf('#19', ISSUE_19_TARGETS);
  const older = checksOf("older (today's guard's)", GUARD_TARGETS);
  const line = (check: Check): string =>
    row([check.name, ...guards.map(({ score }) => `${fixed(check.value(score), 2)} ${check.pass(score) ? 'PASS' : 'FAIL'}`)]);
  return {
    lines: [
      `| target | ${guards.map((g) => g.name).join(' | ')} |`,
      `|---|${guards.map(() => '---').join('|')}|`,
      ...issue19.map(line),
      ...older.map(line),
    ],
    allPass19: guards.every(({ score }) => issue19.every((check) => check.pass(score))),
  };
}
