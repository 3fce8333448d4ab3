/**
 * Alert quality on the labelled synthetic suite (`npm run bench:alerts`):
 * paceguard and two reference alerters, side by side on the same runs, scored
 * by simulator/bench/score.ts against the labels of simulator/synth/labels.ts.
 * Prints Markdown: the table, paceguard against its targets, paceguard by
 * scenario family, and each of paceguard's misses and false alarms.
 *
 * paceguard's alerts are all its slow-downs, repeats included: a repeat inside
 * an overshoot (or its 20 s tolerance) costs nothing, a repeat outside one is
 * an alert the runner hears for nothing, so it counts as a false alarm.
 *
 * `--strict`: exit 1 when paceguard misses a target.
 */
import { formatDuration } from '../../src/fit/format.ts';
import { deriveCeilings } from '../../src/ceiling/ceiling.ts';
import { DEFAULT_TUNING, type GuardConfig } from '../../src/guard/config.ts';
import type { SlowDown } from '../../src/guard/events.ts';
import { runGuard } from '../../src/guard/run.ts';
import { SUITE, type Family, type SuiteRun } from '../synth/suite.ts';
import { synthesizeRun, type SynthRun } from '../synth/synthesize.ts';
import { modelSlowDowns } from './model-alerter.ts';
import { writeDocBlock } from './write-doc.ts';
import { naiveAlerts } from './reference/naive.ts';
import { runnerUpAlerts } from './reference/runnerup.ts';
import { scoreRun, summarize, type RunScore, type Score } from './score.ts';

export const TARGETS = {
  minRecall: 0.95,
  maxMedianDelaySec: 15,
  maxP90DelaySec: 30,
  maxFalseAlarmsPerHour: 0.5,
} as const;

/** Issue #19's targets for the effort model (src/estimate/), on the same suite. */
export const MODEL_TARGETS = {
  minRecall: 0.97,
  maxMedianDelaySec: 12,
  maxP90DelaySec: 25,
  maxFalseAlarmsPerHour: 0.3,
} as const;

type Targets = typeof TARGETS | typeof MODEL_TARGETS;

interface Alerter {
  readonly name: string;
  readonly alertsMs: (run: SynthRun) => number[];
}

function guardConfig(run: SynthRun): GuardConfig {
  const { paceCeilingSecPerKm, hrCeilingBpm } = run.scenario.ceilings;
  return { ceilings: deriveCeilings({ paceCeilingSecPerKm, hrCeilingBpm }), tuning: DEFAULT_TUNING };
}

function slowDowns(run: SynthRun): SlowDown[] {
  return runGuard(run.inputs, guardConfig(run)).filter((event): event is SlowDown => event.kind === 'slow-down');
}

const ALERTERS: readonly Alerter[] = [
  { name: 'paceguard', alertsMs: (run) => slowDowns(run).map((event) => event.atMs) },
  { name: 'paceguard-model', alertsMs: (run) => modelSlowDowns(run.inputs, run.scenario.ceilings).map((event) => event.atMs) },
  { name: 'RunnerUp-like', alertsMs: (run) => runnerUpAlerts(run.inputs, run.scenario.ceilings) },
  { name: 'naive', alertsMs: (run) => naiveAlerts(run.inputs, run.scenario.ceilings) },
];

interface Scored {
  readonly suiteRun: SuiteRun;
  readonly run: SynthRun;
  readonly score: RunScore;
}

const fixed = (value: number, digits: number): string => (Number.isNaN(value) ? '–' : value.toFixed(digits));
const row = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;

function scoreRow(name: string, score: Score): string {
  return row([
    name,
    `${fixed(score.recall, 2)} (${score.detected}/${score.overshoots})`,
    fixed(score.medianDelaySec, 1),
    fixed(score.p90DelaySec, 1),
    `${fixed(score.falseAlarmsPerHour, 2)} (${score.falseAlarms})`,
    fixed(score.alertsPerHour, 1),
  ]);
}

function targetLines(score: Score, targets: Targets = TARGETS, name = 'paceguard'): { lines: string[]; allPass: boolean } {
  const checks: [string, number, boolean][] = [
    [`recall ≥ ${targets.minRecall}`, score.recall, score.recall >= targets.minRecall],
    [`median delay ≤ ${targets.maxMedianDelaySec} s`, score.medianDelaySec, score.medianDelaySec <= targets.maxMedianDelaySec],
    [`p90 delay ≤ ${targets.maxP90DelaySec} s`, score.p90DelaySec, score.p90DelaySec <= targets.maxP90DelaySec],
    [
      `false alarms ≤ ${targets.maxFalseAlarmsPerHour}/h`,
      score.falseAlarmsPerHour,
      score.falseAlarmsPerHour <= targets.maxFalseAlarmsPerHour,
    ],
  ];
  return {
    lines: [`| target | ${name} | result |`, '|---|---|---|', ...checks.map(([label, value, pass]) => row([label, fixed(value, 2), pass ? 'PASS' : 'FAIL']))],
    allPass: checks.every(([, , pass]) => pass),
  };
}

function familyLines(scored: readonly Scored[]): string[] {
  const families = [...new Set(scored.map((s) => s.suiteRun.family))];
  return [
    '| family | runs | h | overshoots | detected | median delay s | false alarms | false alarms/h |',
    '|---|---|---|---|---|---|---|---|',
    ...families.map((family: Family) => {
      const score = summarize(scored.filter((s) => s.suiteRun.family === family).map((s) => s.score));
      return row([
        family,
        score.runs,
        fixed(score.hours, 1),
        score.overshoots,
        score.detected,
        fixed(score.medianDelaySec, 1),
        score.falseAlarms,
        fixed(score.falseAlarmsPerHour, 2),
      ]);
    }),
  ];
}

/** The model's figures by family, with today's guard's p90 and false alarms beside them. */
function modelFamilyLines(model: readonly Scored[], guard: readonly Scored[]): string[] {
  const families = [...new Set(model.map((s) => s.suiteRun.family))];
  const of = (scored: readonly Scored[], family: Family): Score => summarize(scored.filter((s) => s.suiteRun.family === family).map((s) => s.score));
  return [
    '| family | overshoots | model detected | model median s | model p90 s | paceguard p90 s | model false alarms | paceguard false alarms |',
    '|---|---|---|---|---|---|---|---|',
    ...families.map((family: Family) => {
      const m = of(model, family);
      const g = of(guard, family);
      return row([family, m.overshoots, m.detected, fixed(m.medianDelaySec, 1), fixed(m.p90DelaySec, 1), fixed(g.p90DelaySec, 1), m.falseAlarms, g.falseAlarms]);
    }),
  ];
}

/** Lists of false alarms longer than this are cut, with a count of the rest. */
const MAX_LISTED_FALSE_ALARMS = 6;

function incidentLines(scored: readonly Scored[]): string[] {
  const lines: string[] = [];
  for (const { suiteRun, run, score } of scored) {
    for (const outcome of score.outcomes) {
      const { overshoot } = outcome;
      const span = `${overshoot.cause} overshoot ${formatDuration(overshoot.startMs)}–${formatDuration(overshoot.endMs)}`;
      if (outcome.detectedAtMs === undefined) {
        lines.push(`- ${suiteRun.id}: missed ${span}`);
      } else if ((outcome.delaySec ?? 0) > TARGETS.maxP90DelaySec) {
        // A false alarm just before leaves the guard already alerting: it waits for its repeat.
        const before = score.falseAlarmsMs.filter((atMs) => atMs < overshoot.startMs && overshoot.startMs - atMs < 60_000);
        const note = before.length > 0 ? ` (false alarm at ${formatDuration(before.at(-1) ?? 0)} just before)` : '';
        lines.push(`- ${suiteRun.id}: ${outcome.delaySec} s late on ${span}${note}`);
      }
    }
    if (score.falseAlarmsMs.length > 0) {
      const causes = new Map(slowDowns(run).map((event) => [event.atMs, event.cause]));
      const listed = score.falseAlarmsMs.slice(0, MAX_LISTED_FALSE_ALARMS).map((atMs) => `${formatDuration(atMs)} ${causes.get(atMs) ?? '?'}`);
      const more = score.falseAlarmsMs.length - listed.length;
      lines.push(
        `- ${suiteRun.id}: ${score.falseAlarmsMs.length} false alarm${score.falseAlarmsMs.length > 1 ? 's' : ''}: ` +
          `${listed.join(', ')}${more > 0 ? `, … ${more} more` : ''}`,
      );
    }
  }
  return lines.length > 0 ? lines : ['- none'];
}

async function main(): Promise<void> {
  const strict = process.argv.includes('--strict');
  const startedMs = performance.now();
  const runs = SUITE.map((suiteRun) => ({ suiteRun, run: synthesizeRun(suiteRun.scenario, suiteRun.seed) }));
  const synthMs = performance.now() - startedMs;

  const results = ALERTERS.map((alerter) => {
    const alerterStartMs = performance.now();
    const scored: Scored[] = runs.map(({ suiteRun, run }) => ({
      suiteRun,
      run,
      score: scoreRun(run.labels, alerter.alertsMs(run)),
    }));
    return { alerter, scored, total: summarize(scored.map((s) => s.score)), ms: performance.now() - alerterStartMs };
  });
  const guard = results[0];
  const model = results.find((r) => r.alerter.name === 'paceguard-model');
  if (guard === undefined || model === undefined) throw new Error('no alerters');

  const hours = guard.total.hours;
  const { lines: targets, allPass } = targetLines(guard.total);
  const output = [
    '## Alert quality on the synthetic suite',
    '',
    `${runs.length} runs, ${hours.toFixed(1)} h, ${guard.total.overshoots} overshoots of 30 s or more; ` +
      `${guard.total.cleanHours.toFixed(1)} h of clean time for false alarms. Delays from the moment the runner is clearly over.`,
    '',
    '| alerter | recall | median delay s | p90 delay s | false alarms/h (n) | alerts/h |',
    '|---|---|---|---|---|---|',
    ...results.map(({ alerter, total }) => scoreRow(alerter.name, total)),
    '',
    '### Targets',
    '',
    ...targets,
    '',
    '### paceguard by family',
    '',
    ...familyLines(guard.scored),
    '',
    '### paceguard: misses, late detections, false alarms',
    '',
    ...incidentLines(guard.scored),
    '',
    '### paceguard-model: issue #19\'s targets',
    '',
    ...targetLines(model.total, MODEL_TARGETS, 'paceguard-model').lines,
    '',
    '### paceguard-model by family, beside paceguard',
    '',
    ...modelFamilyLines(model.scored, guard.scored),
    '',
    `_synthesis ${(synthMs / 1000).toFixed(1)} s; ` +
      results.map(({ alerter, ms }) => `${alerter.name} ${(ms / 1000).toFixed(1)} s`).join(', ') +
      '_',
  ];
  console.log(output.join('\n'));
  // The model's figures go to its page as printed, beside today's guard's (docs/effort-model.md).
  const modelBody = [
    `${runs.length} runs, ${hours.toFixed(1)} h, ${guard.total.overshoots} overshoots; machine shared with other jobs (figures are not timings).`,
    '',
    '| alerter | recall | median delay s | p90 delay s | false alarms/h (n) | alerts/h |',
    '|---|---|---|---|---|---|',
    ...results.map(({ alerter, total }) => scoreRow(alerter.name, total)),
    '',
    ...targetLines(model.total, MODEL_TARGETS, 'paceguard-model').lines,
    '',
    ...modelFamilyLines(model.scored, guard.scored),
  ].join('\n');
  await writeDocBlock(MODEL_DOC, 'alerts-model', 'npm run bench:alerts', modelBody);
  if (strict && !allPass) process.exitCode = 1;
}

/** Where the model's figures are written. */
const MODEL_DOC = 'docs/effort-model.md';

await main();
