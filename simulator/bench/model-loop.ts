/**
 * A quick loop for tuning the effort model: only the model alerter on the
 * synthetic suite, overall and by family, with settings overridden from the
 * command line (`name=value …`). The figures to quote come from
 * `npm run bench:alerts`; this is for iteration.
 *
 *   node scripts/run-ts.mjs simulator/bench/model-loop.ts falseAlarmsPerHour=1
 */
import { SUITE } from '../synth/suite.ts';
import { synthesizeRun } from '../synth/synthesize.ts';
import { modelSlowDowns, settingsFromArgs } from './model-alerter.ts';
import { scoreRun, summarize } from './score.ts';
import { formatDuration } from '../../src/fit/format.ts';

function main(): void {
  const settings = settingsFromArgs(process.argv.slice(2), 'model-loop');
  if (typeof settings === 'string') {
    console.error(settings);
    process.exit(2);
  }
  const verbose = process.env['MODEL_LOOP_VERBOSE'] === '1';
  const scored = SUITE.map((suiteRun) => {
    const run = synthesizeRun(suiteRun.scenario, suiteRun.seed);
    const alerts = modelSlowDowns(run.inputs, run.scenario.ceilings, settings);
    const score = scoreRun(run.labels, alerts.map((a) => a.atMs));
    if (verbose) {
      for (const o of score.outcomes) {
        if (o.detectedAtMs === undefined) console.log(`${suiteRun.id}: missed ${o.overshoot.cause} ${formatDuration(o.overshoot.startMs)}`);
        else if ((o.delaySec ?? 0) > 25) console.log(`${suiteRun.id}: ${o.delaySec} s late ${o.overshoot.cause} ${formatDuration(o.overshoot.startMs)}`);
      }
      const causes = new Map(alerts.map((a) => [a.atMs, a.cause]));
      if (score.falseAlarmsMs.length > 0) console.log(`${suiteRun.id}: FA ${score.falseAlarmsMs.map((t) => `${formatDuration(t)} ${causes.get(t)}`).join(', ')}`);
    }
    return { family: suiteRun.family, score };
  });
  const total = summarize(scored.map((s) => s.score));
  const f = (x: number): string => x.toFixed(2);
  console.log(`overall recall ${f(total.recall)} (${total.detected}/${total.overshoots}) median ${total.medianDelaySec} p90 ${f(total.p90DelaySec)} FA/h ${f(total.falseAlarmsPerHour)} (${total.falseAlarms})`);
  for (const family of [...new Set(scored.map((s) => s.family))]) {
    const s = summarize(scored.filter((x) => x.family === family).map((x) => x.score));
    console.log(`  ${family.padEnd(16)} ${s.detected}/${s.overshoots} median ${f(s.medianDelaySec)} p90 ${f(s.p90DelaySec)} FA ${s.falseAlarms}`);
  }
}

main();
