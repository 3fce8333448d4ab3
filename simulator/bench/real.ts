/**
 * Alert quality on real recordings, judged in hindsight (`npm run bench:real`):
 * every alerter of simulator/bench/alerters.ts on the FIT, GPX and TCX runs of
 * the shared corpus (../shared/corpus from the project root; skipped, with a
 * line saying so, when absent), each run with its own ceilings
 * (simulator/bench/judge/ceilings.ts) and its labels from the hindsight judge
 * (simulator/bench/judge/judge.ts), scored like the synthetic suite
 * (simulator/bench/score.ts). Prints Markdown. See docs/hindsight-judge.md.
 *
 * `--write-docs`: also rewrite the figures block of docs/hindsight-judge.md.
 */
import { formatPace } from '../../src/samples/pace.ts';
import { ALERTERS, GUARDS_UNDER_TEST } from './alerters.ts';
import { judgeRun, type JudgeCeilings } from './judge/judge.ts';
import { judgeCheck } from './judge/check.ts';
import { CORPUS_DIR, corpusRunsAvailable, FOLDERS, judgedRecordings, type JudgedRecording } from './judge/real-runs.ts';
import { scoreRun, summarize, type RunScore } from './score.ts';
import { fixed, row, scoreRow, SCORE_HEADER, targetLines } from './tables.ts';
import { writeDocBlock } from './write-doc.ts';

export const REAL_DOC = 'docs/hindsight-judge.md';

interface RealRun {
  readonly folder: JudgedRecording['folder'];
  readonly file: string;
  readonly ceilings: JudgeCeilings;
  readonly scores: ReadonlyMap<string, RunScore>;
  /** Each guard under test's false alarms: what the alert was about, and the judge's grade there. */
  readonly falseAlarms: ReadonlyMap<string, readonly FalseAlarmNote[]>;
}

interface FalseAlarmNote {
  readonly cause: string;
  readonly uphill: boolean;
}

/** A false alarm on a grade at least this steep (by the judge's grade) is counted as uphill. */
const UPHILL_FROM_PCT = 1;

/** Each alerter's score on one judged recording, with its false alarms' notes. */
function scoreRecording({ folder, file, inputs, seconds, ceilings }: JudgedRecording): RealRun {
  const labels = judgeRun(seconds, ceilings);
  const scores = new Map(ALERTERS.map((alerter) => [alerter.name, scoreRun(labels, alerter.alertsMs(inputs, ceilings))]));
  const falseAlarms = new Map(
    ALERTERS.filter((alerter) => GUARDS_UNDER_TEST.includes(alerter.name)).map((alerter) => {
      const causes = alerter.causesAt?.(inputs, ceilings) ?? new Map<number, string>();
      const notes = (scores.get(alerter.name)?.falseAlarmsMs ?? []).map((atMs): FalseAlarmNote => ({
        cause: causes.get(atMs) ?? 'unknown',
        uphill: (seconds[Math.floor(atMs / 1000)]?.gradePct ?? 0) >= UPHILL_FROM_PCT,
      }));
      return [alerter.name, notes] as const;
    }),
  );
  return { folder, file, ceilings, scores, falseAlarms };
}

const scoresOf = (runs: readonly RealRun[], name: string): RunScore[] =>
  runs.flatMap((run) => {
    const score = run.scores.get(name);
    return score === undefined ? [] : [score];
  });

function report(runs: readonly RealRun[], skipped: readonly string[]): string[] {
  const totals = ALERTERS.map((alerter) => ({ name: alerter.name, score: summarize(scoresOf(runs, alerter.name)) }));
  const reference = totals[0]?.score;
  if (reference === undefined) throw new Error('no alerters');
  const guards = GUARDS_UNDER_TEST.flatMap((name) => totals.filter((t) => t.name === name));
  const lines = [
    '## Alert quality on real recordings, judged in hindsight',
    '',
    `${runs.length} runs from ../shared/corpus (${FOLDERS.join(', ')}), ${reference.hours.toFixed(1)} h, ` +
      `${reference.overshoots} overshoots of 30 s or more by the hindsight judge; ${reference.cleanHours.toFixed(1)} h of clean time. ` +
      'Ceilings per run at its own 75th percentiles (grade-adjusted pace, heart rate).',
    '',
    SCORE_HEADER,
    '|---|---|---|---|---|---|',
    ...totals.map(({ name, score }) => scoreRow(name, score)),
    '',
    '### Targets',
    '',
    ...targetLines(guards).lines,
    '',
    '### By folder, side by side',
    '',
    `| folder | runs | h | overshoots | ${ALERTERS.map((a) => `${a.name} recall · p90 s · FA/h`).join(' | ')} |`,
    `|---|---|---|---|${ALERTERS.map(() => '---').join('|')}|`,
    ...FOLDERS.map((folder) => {
      const inFolder = runs.filter((run) => run.folder === folder);
      const first = summarize(scoresOf(inFolder, ALERTERS[0]?.name ?? ''));
      return row([
        folder,
        inFolder.length,
        fixed(first.hours, 1),
        first.overshoots,
        ...ALERTERS.map((a) => {
          const s = summarize(scoresOf(inFolder, a.name));
          return `${fixed(s.recall, 2)} · ${fixed(s.p90DelaySec, 1)} · ${fixed(s.falseAlarmsPerHour, 2)}`;
        }),
      ]);
    }),
    '',
    '### Run by run',
    '',
    `| run | h | pace ceiling | HR ceiling | overshoots | ${ALERTERS.map((a) => `${a.name} detected · false alarms`).join(' | ')} |`,
    `|---|---|---|---|---|${ALERTERS.map(() => '---').join('|')}|`,
    ...runs.map((run) => {
      const first = run.scores.get(ALERTERS[0]?.name ?? '');
      return row([
        `${run.folder}/${run.file}`,
        fixed(first?.hours ?? NaN, 2),
        formatPace(run.ceilings.paceCeilingSecPerKm),
        run.ceilings.hrCeilingBpm,
        first?.outcomes.length ?? 0,
        ...ALERTERS.map((a) => {
          const s = run.scores.get(a.name);
          const detected = s?.outcomes.filter((o) => o.detectedAtMs !== undefined).length ?? 0;
          return `${detected} · ${s?.falseAlarmsMs.length ?? 0}`;
        }),
      ]);
    }),
    '',
  ];
  for (const name of GUARDS_UNDER_TEST) {
    const outcomes = runs.flatMap((run) => run.scores.get(name)?.outcomes ?? []);
    const notes = runs.flatMap((run) => run.falseAlarms.get(name) ?? []);
    const causes = [...new Set([...outcomes.map((o) => o.overshoot.cause), ...notes.map((n) => n.cause)])].sort();
    lines.push(
      `### ${name}: episodes and false alarms by cause`,
      '',
      `| cause | episodes | detected | false alarms | of them uphill (grade ≥ ${UPHILL_FROM_PCT} %) |`,
      '|---|---|---|---|---|',
      ...causes.map((cause) => {
        const inCause = outcomes.filter((o) => o.overshoot.cause === cause);
        const alarms = notes.filter((n) => n.cause === cause);
        return row([
          cause,
          inCause.length,
          inCause.filter((o) => o.detectedAtMs !== undefined).length,
          alarms.length,
          alarms.filter((n) => n.uphill).length,
        ]);
      }),
      '',
    );
  }
  if (skipped.length > 0) lines.push('Skipped:', '', ...skipped.map((why) => `- ${why}`), '');
  return lines;
}


/**
 * The instrument checked where the truth is known: the judge reads each run
 * of the synthetic suite's recording (with the scenario's ceilings), and its
 * labels are set beside the truth's. Tells how far the judge's figures for
 * an alerter are from the true ones.
 */
function calibrationLines(): string[] {
  const check = judgeCheck();
  const pairs = check.pairs;
  const lines = [
    '### The judge checked on the synthetic suite',
    '',
    `${check.lines.join(' ')} Each alerter scored by the truth and by the judge:`,
    '',
    '| alerter | labels | recall | median delay s | p90 delay s | false alarms/h (n) | alerts/h |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const alerter of ALERTERS) {
    const alerts = pairs.map(({ run }) => alerter.alertsMs(run.inputs, run.scenario.ceilings));
    const byTruth = summarize(pairs.map(({ run }, i) => scoreRun(run.labels, alerts[i] ?? [])));
    const byJudge = summarize(pairs.map(({ judged }, i) => scoreRun(judged, alerts[i] ?? [])));
    lines.push(scoreRow(alerter.name, byTruth).replace(/^\| [^|]+ \|/, `| ${alerter.name} | truth |`));
    lines.push(scoreRow(alerter.name, byJudge).replace(/^\| [^|]+ \|/, `| ${alerter.name} | judge |`));
  }
  return [...lines, ''];
}

async function main(): Promise<void> {
  if (!corpusRunsAvailable()) {
    console.log(`bench:real: corpus not found at ${CORPUS_DIR} (needs ${FOLDERS.join(' and ')}): nothing to judge`);
    return;
  }
  const startedMs = performance.now();
  const runs: RealRun[] = [];
  const skipped: string[] = [];
  for await (const recording of judgedRecordings()) {
    if (typeof recording === 'string') skipped.push(recording);
    else runs.push(scoreRecording(recording));
  }
  const lines = [...report(runs, skipped), ...calibrationLines()];
  console.log([...lines, `_${((performance.now() - startedMs) / 1000).toFixed(1)} s wall time on a shared machine_`].join('\n'));
  if (process.argv.includes('--write-docs')) {
    // The doc has its own heading above the block: the block starts after the report's.
    await writeDocBlock(REAL_DOC, 'real', 'npm run bench:real -- --write-docs', lines.slice(2).join('\n'));
    console.error(`bench:real: figures written to ${REAL_DOC}`);
  }
}

await main();
