/**
 * Alert quality on the labelled synthetic suite (`npm run bench:alerts`):
 * every alerter of simulator/bench/alerters.ts side by side on the same runs,
 * scored by simulator/bench/score.ts against the labels of
 * simulator/synth/labels.ts. Prints Markdown: the overall table, each guard
 * under test (GUARDS_UNDER_TEST) against both sets of targets, every alerter
 * by scenario family, and each guard's misses and false alarms.
 *
 * An alerter's alerts are all its slow-downs, repeats included: a repeat inside
 * an overshoot (or its 20 s tolerance) costs nothing, a repeat outside one is
 * an alert the runner hears for nothing, so it counts as a false alarm.
 *
 * `--strict`: exit 1 when a guard under test misses one of issue #19's targets.
 * `--write-docs`: also rewrite the figures block of docs/alert-quality.md
 * (simulator/bench/write-doc.ts), so no figure there is typed by hand.
 */
import { formatDuration } from '../../src/fit/format.ts';
import { SUITE, type SuiteRun } from '../synth/suite.ts';
import { synthesizeRun, type SynthRun } from '../synth/synthesize.ts';
import { ALERTERS, GUARDS_UNDER_TEST, PACEGUARD, type Alerter } from './alerters.ts';
import { scoreRun, summarize, type RunScore, type Score } from './score.ts';
import { fixed, row, scoreRow, SCORE_HEADER, targetLines } from './tables.ts';
import { writeDocBlock } from './write-doc.ts';
import { compareWithReference, MIN_DELAYS_FOR_P90, NOISE_SDS } from './compare.ts';

export { ISSUE_19_TARGETS, GUARD_TARGETS } from './tables.ts';

/** The doc whose figures block this benchmark owns, from the project root. */
export const ALERTS_DOC = 'docs/alert-quality.md';

interface Scored {
  readonly suiteRun: SuiteRun;
  readonly run: SynthRun;
  readonly score: RunScore;
}

interface AlerterResult {
  readonly alerter: Alerter;
  readonly scored: readonly Scored[];
  readonly total: Score;
  readonly ms: number;
}

const familiesOf = (scored: readonly Scored[]): string[] => [...new Set(scored.map((s) => s.suiteRun.family))];
const familyScore = (scored: readonly Scored[], family: string): Score =>
  summarize(scored.filter((s) => s.suiteRun.family === family).map((s) => s.score));

function familyLines(scored: readonly Scored[]): string[] {
  return [
    '| family | runs | h | overshoots | detected | median delay s | p90 delay s | false alarms | false alarms/h |',
    '|---|---|---|---|---|---|---|---|---|',
    ...familiesOf(scored).map((family) => {
      const score = familyScore(scored, family);
      return row([
        family,
        score.runs,
        fixed(score.hours, 1),
        score.overshoots,
        score.detected,
        fixed(score.medianDelaySec, 1),
        fixed(score.p90DelaySec, 1),
        score.falseAlarms,
        fixed(score.falseAlarmsPerHour, 2),
      ]);
    }),
  ];
}

/** p90 delay and false alarms an hour of every alerter, family by family. */
function sideBySideLines(results: readonly AlerterResult[]): string[] {
  const first = results[0];
  if (first === undefined) return [];
  return [
    `| family | ${results.map(({ alerter }) => `${alerter.name} p90 s · FA/h (n)`).join(' | ')} |`,
    `|---|${results.map(() => '---').join('|')}|`,
    ...familiesOf(first.scored).map((family) =>
      row([
        family,
        ...results.map(({ scored }) => {
          const score = familyScore(scored, family);
          return `${fixed(score.p90DelaySec, 1)} · ${fixed(score.falseAlarmsPerHour, 2)} (${score.falseAlarms})`;
        }),
      ]),
    ),
  ];
}

/** A guard under test against the reference, family by family: worse by more than noise (simulator/bench/compare.ts)? */
function againstReferenceLines(reference: AlerterResult, guard: AlerterResult): string[] {
  const name = guard.alerter.name;
  const ref = reference.alerter.name;
  return [
    `### ${name} against ${ref}, family by family`,
    '',
    `Worse: more false alarms, or a later p90, than ${ref} by more than ${NOISE_SDS} standard deviations ` +
      `(Poisson counts; bootstrapped p90s, compared only with ${MIN_DELAYS_FOR_P90} or more delays on each side).`,
    '',
    `| family | false alarms ${ref} → ${name} | p90 s ${ref} → ${name} | worse by more than noise |`,
    '|---|---|---|---|',
    ...familiesOf(reference.scored).map((family) => {
      const a = familyScore(reference.scored, family);
      const b = familyScore(guard.scored, family);
      const { worseOnFalseAlarms, worseOnP90, p90Judged } = compareWithReference(a, b);
      const worse = [worseOnFalseAlarms ? 'false alarms' : '', worseOnP90 ? 'p90' : ''].filter((x) => x !== '').join(', ');
      const p90 = `${fixed(a.p90DelaySec, 1)} → ${fixed(b.p90DelaySec, 1)}${p90Judged ? '' : ' (too few to tell)'}`;
      return row([family, `${a.falseAlarms} → ${b.falseAlarms}`, p90, worse === '' ? 'no' : `**${worse}**`]);
    }),
    '',
  ];
}

/** Lists of false alarms longer than this are cut, with a count of the rest. */
const MAX_LISTED_FALSE_ALARMS = 6;
/** Detections later than this are listed as late (the older p90 target). */
const LATE_DELAY_SEC = 30;

function incidentLines(alerter: Alerter, scored: readonly Scored[]): string[] {
  const lines: string[] = [];
  for (const { suiteRun, run, score } of scored) {
    for (const outcome of score.outcomes) {
      const { overshoot } = outcome;
      const span = `${overshoot.cause} overshoot ${formatDuration(overshoot.startMs)}–${formatDuration(overshoot.endMs)}`;
      if (outcome.detectedAtMs === undefined) {
        lines.push(`- ${suiteRun.id}: missed ${span}`);
      } else if ((outcome.delaySec ?? 0) > LATE_DELAY_SEC) {
        // A false alarm just before leaves the guard already alerting: it waits for its repeat.
        const before = score.falseAlarmsMs.filter((atMs) => atMs < overshoot.startMs && overshoot.startMs - atMs < 60_000);
        const note = before.length > 0 ? ` (false alarm at ${formatDuration(before.at(-1) ?? 0)} just before)` : '';
        lines.push(`- ${suiteRun.id}: ${outcome.delaySec} s late on ${span}${note}`);
      }
    }
    if (score.falseAlarmsMs.length > 0) {
      const causes = alerter.causesAt?.(run.inputs, run.scenario.ceilings) ?? new Map<number, string>();
      const listed = score.falseAlarmsMs
        .slice(0, MAX_LISTED_FALSE_ALARMS)
        .map((atMs) => `${formatDuration(atMs)}${causes.has(atMs) ? ` ${causes.get(atMs)}` : ''}`);
      const more = score.falseAlarmsMs.length - listed.length;
      lines.push(
        `- ${suiteRun.id}: ${score.falseAlarmsMs.length} false alarm${score.falseAlarmsMs.length > 1 ? 's' : ''}: ` +
          `${listed.join(', ')}${more > 0 ? `, … ${more} more` : ''}`,
      );
    }
  }
  return lines.length > 0 ? lines : ['- none'];
}

function guardsUnderTest(results: readonly AlerterResult[]): AlerterResult[] {
  return GUARDS_UNDER_TEST.map((name) => {
    const result = results.find((r) => r.alerter.name === name);
    if (result === undefined) throw new Error(`GUARDS_UNDER_TEST names '${name}', which is not in ALERTERS`);
    return result;
  });
}

function report(results: readonly AlerterResult[], runCount: number): { lines: string[]; allPass: boolean } {
  const guards = guardsUnderTest(results);
  // Today's guard is the reference every other guard is set against.
  const reference = results.find((r) => r.alerter.name === PACEGUARD.name) ?? results[0];
  if (reference === undefined) throw new Error('no alerters');
  const { total } = reference;
  const targets = targetLines(guards.map(({ alerter, total: score }) => ({ name: alerter.name, score })));
  const lines = [
    '## Alert quality on the synthetic suite',
    '',
    `${runCount} runs, ${total.hours.toFixed(1)} h, ${total.overshoots} overshoots of 30 s or more; ` +
      `${total.cleanHours.toFixed(1)} h of clean time for false alarms. Delays from the moment the runner is clearly over.`,
    '',
    SCORE_HEADER,
    '|---|---|---|---|---|---|',
    ...results.map(({ alerter, total: score }) => scoreRow(alerter.name, score)),
    '',
    '### Targets',
    '',
    ...targets.lines,
    '',
    '### By family, side by side',
    '',
    ...sideBySideLines(results),
    '',
  ];
  for (const guard of guards) {
    const { alerter, scored } = guard;
    if (guard !== reference) lines.push(...againstReferenceLines(reference, guard));
    lines.push(`### ${alerter.name} by family`, '', ...familyLines(scored), '');
    lines.push(`### ${alerter.name}: misses, detections over ${LATE_DELAY_SEC} s, false alarms`, '', ...incidentLines(alerter, scored), '');
  }
  return { lines, allPass: targets.allPass19 };
}

async function main(): Promise<void> {
  const strict = process.argv.includes('--strict');
  const writeDocs = process.argv.includes('--write-docs');
  const startedMs = performance.now();
  const runs = SUITE.map((suiteRun) => ({ suiteRun, run: synthesizeRun(suiteRun.scenario, suiteRun.seed) }));
  const synthMs = performance.now() - startedMs;

  const results: AlerterResult[] = ALERTERS.map((alerter) => {
    const alerterStartMs = performance.now();
    const scored: Scored[] = runs.map(({ suiteRun, run }) => ({
      suiteRun,
      run,
      score: scoreRun(run.labels, alerter.alertsMs(run.inputs, run.scenario.ceilings)),
    }));
    return { alerter, scored, total: summarize(scored.map((s) => s.score)), ms: performance.now() - alerterStartMs };
  });

  const { lines, allPass } = report(results, runs.length);
  // Timings stay out of the doc: they depend on the machine and its load (other work shares its cores).
  const timing =
    `_synthesis ${(synthMs / 1000).toFixed(1)} s; ` +
    results.map(({ alerter, ms }) => `${alerter.name} ${(ms / 1000).toFixed(1)} s`).join(', ') +
    ' (wall time on a shared machine)_';
  console.log([...lines, timing].join('\n'));
  if (writeDocs) {
    // The doc has its own heading above the block: the block starts after the report's.
    await writeDocBlock(ALERTS_DOC, 'alerts', 'npm run bench:alerts -- --write-docs', lines.slice(2).join('\n'));
    console.error(`bench:alerts: figures written to ${ALERTS_DOC}`);
  }
  if (strict && !allPass) process.exitCode = 1;
}

await main();
