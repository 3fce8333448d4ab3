/**
 * Where is the limit of the effort model's accuracy? (issue #19.) The model
 * guard (`paceguard-model`, ./model-alerter.ts) on the synthetic suite, scored
 * exactly as `npm run bench:alerts` scores it (./score.ts), under what-ifs
 * that each change the run's INPUTS, or what the model is told, never the
 * labels or the scorer. The generator knows each run's truth
 * (simulator/synth/physics.ts) and its noise (simulator/synth/record.ts), so
 * each what-if takes away one thing the sensors carry:
 *
 * - truth: speed and heart rate as they were, every second (1 Hz whatever the
 *   recording's rate), no dropouts, glitches, locks, lag or GPS error;
 * - GPS error white: the true speed plus white noise as large as the run's
 *   whole GPS speed error (correlated and white), no multipath, no lag;
 * - told: the model given the generator's GPS error size and correlation
 *   instead of measuring the size online (ModelGuard.gpsErrorSdToldMps);
 * - heart rate truth, speed truth: one sensor perfect, the other as recorded;
 * - recorded: the baseline, bench:alerts's paceguard-model row;
 * - some of these with the test's z capped at 1 (a hold against short surges);
 * - not the model: an oracle on the truth, to show what the labels allow any guard.
 *
 * The what-ifs and the oracle are ./bounds.ts. Settings may be overridden
 * (`name=value`, as ./model-loop.ts) for every what-if at once; `--only=KEY,…`
 * runs only those what-ifs (keys as in the table); `--write-docs` writes the
 * block into docs/effort-model-bounds.md (./write-doc.ts).
 *
 *   node scripts/run-ts.mjs simulator/bench/model-bounds.ts [--write-docs] [--only=e,a′] [name=value …]
 */
import { SUITE } from '../synth/suite.ts';
import { synthesizeRun } from '../synth/synthesize.ts';
import {
  familiesOf,
  familyScore,
  lateLines,
  LISTED_LATE_SEC,
  mark,
  missesFalseAlarms,
  missesP90,
  missingFamilies,
  ORACLE_HOLDS_SEC,
  oracleAlertsMs,
  scoreWhatIf,
  T,
  WHAT_IFS,
} from './bounds.ts';
import { settingsFromArgs } from './model-alerter.ts';
import { scoreRun, summarize } from './score.ts';
import { fixed, row } from './tables.ts';
import { writeDocBlock } from './write-doc.ts';

/** The doc whose block this bench owns, from the project root. */
export const BOUNDS_DOC = 'docs/effort-model-bounds.md';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const writeDocs = args.includes('--write-docs');
  const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  const overrides = args.filter((a) => !a.startsWith('--'));
  const settings = settingsFromArgs(overrides, 'model-bounds');
  const unknownFlag = args.find((a) => a.startsWith('--') && a !== '--write-docs' && !a.startsWith('--only='));
  const unknownKey = only?.find((key) => !WHAT_IFS.some((w) => w.key === key));
  const problem =
    typeof settings === 'string'
      ? settings
      : unknownFlag !== undefined
        ? `model-bounds: '${unknownFlag}' is not a flag (--write-docs, --only=KEY,…)`
        : unknownKey !== undefined
          ? `model-bounds: --only names '${unknownKey}', not a what-if (${WHAT_IFS.map((w) => w.key).join(', ')})`
          : undefined;
  if (problem !== undefined || typeof settings === 'string') {
    console.error(problem);
    process.exit(2);
  }
  const runs = SUITE.map((suiteRun) => ({ suiteRun, run: synthesizeRun(suiteRun.scenario, suiteRun.seed) }));
  const results = WHAT_IFS.filter((w) => only === undefined || only.includes(w.key)).map((whatIf) => {
    const scored = scoreWhatIf(whatIf, runs, settings);
    return { whatIf, scored, total: summarize(scored.map((s) => s.score)) };
  });

  const first = results[0];
  if (first === undefined) throw new Error('no what-ifs');
  const lines = [
    `${runs.length} runs, ${first.total.hours.toFixed(1)} h, ${first.total.overshoots} overshoots; the model guard (paceguard-model), ` +
      `scored as bench:alerts scores it. Targets (#19): recall ≥ ${T.minRecall}, median ≤ ${T.maxMedianDelaySec} s, ` +
      `p90 ≤ ${T.maxP90DelaySec} s, ≤ ${T.maxFalseAlarmsPerHour} false alarms an hour; a miss in bold. ` +
      `Settings: ${overrides.join(' ') || 'the defaults'}.`,
    '',
    '| | what-if | recall | median s | p90 s | false alarms/h (n) | families missing p90 or false alarms |',
    '|---|---|---|---|---|---|---|',
    ...results.map(({ whatIf, scored, total: s }) =>
      row([
        whatIf.key,
        whatIf.name,
        mark(`${fixed(s.recall, 2)} (${s.detected}/${s.overshoots})`, s.recall < T.minRecall),
        mark(fixed(s.medianDelaySec, 1), s.medianDelaySec > T.maxMedianDelaySec),
        mark(fixed(s.p90DelaySec, 1), missesP90(s)),
        mark(`${fixed(s.falseAlarmsPerHour, 2)} (${s.falseAlarms})`, missesFalseAlarms(s)),
        missingFamilies(scored),
      ]),
    ),
    '',
    'By family: p90 delay s · false alarms (n).',
    '',
    `| family | ${results.map(({ whatIf }) => whatIf.key).join(' | ')} |`,
    `|---|${results.map(() => '---').join('|')}|`,
    ...familiesOf(first.scored).map((family) =>
      row([
        family,
        ...results.map(({ scored }) => {
          const s = familyScore(scored, family);
          return `${mark(fixed(s.p90DelaySec, 0), missesP90(s))} · ${mark(String(s.falseAlarms), missesFalseAlarms(s))}`;
        }),
      ]),
    ),
    '',
    'Not the model: an oracle on the truth that calls once a run has been clearly over (the labels\' rule) for a hold of so many seconds running, scored the same way.',
    '',
    '| hold s | recall | median s | p90 s | false alarms/h (n) | families with false alarms |',
    '|---|---|---|---|---|---|',
    ...ORACLE_HOLDS_SEC.map((holdSec) => {
      const scored = runs.map(({ suiteRun, run }) => ({ suiteRun, score: scoreRun(run.labels, oracleAlertsMs(run, holdSec)) }));
      const s = summarize(scored.map((x) => x.score));
      const withFalseAlarms = familiesOf(scored)
        .map((family) => [family, familyScore(scored, family).falseAlarms] as const)
        .filter(([, n]) => n > 0)
        .map(([family, n]) => `${family} (${n})`);
      return row([
        holdSec,
        mark(`${fixed(s.recall, 2)} (${s.detected}/${s.overshoots})`, s.recall < T.minRecall),
        mark(fixed(s.medianDelaySec, 1), s.medianDelaySec > T.maxMedianDelaySec),
        mark(fixed(s.p90DelaySec, 1), missesP90(s)),
        mark(`${fixed(s.falseAlarmsPerHour, 2)} (${s.falseAlarms})`, missesFalseAlarms(s)),
        withFalseAlarms.length === 0 ? 'none' : withFalseAlarms.join(', '),
      ]);
    }),
    '',
    `With perfect inputs, detections over ${LISTED_LATE_SEC} s, misses and false alarms:`,
    '',
    ...results.filter(({ whatIf }) => whatIf.key.startsWith('a') && !whatIf.key.includes('z')).flatMap(({ whatIf, scored }) => lateLines(whatIf.key, scored)),
  ];
  console.log(lines.join('\n'));
  if (writeDocs) {
    await writeDocBlock(BOUNDS_DOC, 'model-bounds', 'node scripts/run-ts.mjs simulator/bench/model-bounds.ts --write-docs', lines.join('\n'));
    console.error(`model-bounds: figures written to ${BOUNDS_DOC}`);
  }
}

await main();
