/**
 * The quick loop on real runs: only the model alerter on the corpus's runs
 * (../shared/corpus, FIT and GPX/TCX), judged in hindsight and scored exactly
 * as `npm run bench:real` does, with settings overridden from the command line
 * (`name=value …`, as model-loop.ts). About 40 s where bench:real, with every
 * alerter and the judge's own checks, takes minutes. The figures to quote
 * come from `npm run bench:real`; this is for iteration.
 *
 *   node scripts/run-ts.mjs simulator/bench/model-real.ts falseAlarmsPerHour=1
 */
import { judgeRun } from './judge/judge.ts';
import { CORPUS_DIR, corpusRunsAvailable, FOLDERS, judgedRecordings } from './judge/real-runs.ts';
import { modelSlowDowns, settingsFromArgs } from './model-alerter.ts';
import { scoreRun, summarize, type RunScore } from './score.ts';

async function main(): Promise<void> {
  const settings = settingsFromArgs(process.argv.slice(2), 'model-real');
  if (typeof settings === 'string') {
    console.error(settings);
    process.exit(2);
  }
  if (!corpusRunsAvailable()) {
    console.error(`model-real: corpus not found at ${CORPUS_DIR} (needs ${FOLDERS.join(' and ')})`);
    process.exit(2);
  }
  const scores: RunScore[] = [];
  for await (const recording of judgedRecordings()) {
    if (typeof recording === 'string') continue;
    const alerts = modelSlowDowns(recording.inputs, recording.ceilings, settings);
    scores.push(scoreRun(judgeRun(recording.seconds, recording.ceilings), alerts.map((a) => a.atMs)));
  }
  const s = summarize(scores);
  console.log(
    `${scores.length} real runs: recall ${s.recall.toFixed(2)} (${s.detected}/${s.overshoots}) median ${s.medianDelaySec} ` +
      `p90 ${s.p90DelaySec.toFixed(1)} FA/h ${s.falseAlarmsPerHour.toFixed(2)} (${s.falseAlarms})`,
  );
}

await main();
