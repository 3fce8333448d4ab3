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
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GuardInput } from '../../src/samples/sample.ts';
import { decodeRecording } from '../../src/track/recording.ts';
import { unpack } from '../../src/unpack/unpack.ts';
import { runCeilings } from './judge/ceilings.ts';
import { judgeRun } from './judge/judge.ts';
import { judgeSeries } from './judge/series.ts';
import { modelSlowDowns, settingsFromArgs } from './model-alerter.ts';
import { scoreRun, summarize, type RunScore } from './score.ts';

/** bench:real's corpus and folders (real.ts runs its report when imported, so they are restated here). */
const CORPUS_DIR = path.resolve(process.cwd(), '../shared/corpus');
const FOLDERS = ['runs', 'gpx_tcx'] as const;
const RECORDING = /\.(fit|gpx|tcx)(\.gz)?$/i;

async function main(): Promise<void> {
  const settings = settingsFromArgs(process.argv.slice(2), 'model-real');
  if (typeof settings === 'string') {
    console.error(settings);
    process.exit(2);
  }
  if (!FOLDERS.every((folder) => existsSync(path.join(CORPUS_DIR, folder)))) {
    console.error(`model-real: corpus not found at ${CORPUS_DIR} (needs ${FOLDERS.join(' and ')})`);
    process.exit(2);
  }
  const scores: RunScore[] = [];
  for (const folder of FOLDERS) {
    const files = (await readdir(path.join(CORPUS_DIR, folder))).filter((name) => RECORDING.test(name)).sort();
    for (const file of files) {
      const unpacked = unpack(new Uint8Array(await readFile(path.join(CORPUS_DIR, folder, file))));
      if (!unpacked.ok) continue;
      const decoded = decodeRecording(unpacked.bytes);
      if (!decoded.ok) continue;
      // On the run's own clock from 0, as the judge's seconds are (real.ts's relative()).
      const firstMs = decoded.inputs[0]?.atMs ?? 0;
      const inputs: GuardInput[] = decoded.inputs.map((input) => ({ ...input, atMs: input.atMs - firstMs }));
      const seconds = judgeSeries(inputs);
      const ceilings = runCeilings(seconds);
      if (ceilings === undefined) continue;
      const alerts = modelSlowDowns(inputs, ceilings, settings);
      scores.push(scoreRun(judgeRun(seconds, ceilings), alerts.map((a) => a.atMs)));
    }
  }
  const s = summarize(scores);
  console.log(
    `${scores.length} real runs: recall ${s.recall.toFixed(2)} (${s.detected}/${s.overshoots}) median ${s.medianDelaySec} ` +
      `p90 ${s.p90DelaySec.toFixed(1)} FA/h ${s.falseAlarmsPerHour.toFixed(2)} (${s.falseAlarms})`,
  );
}

await main();
