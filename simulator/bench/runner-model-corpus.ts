/**
 * `node scripts/run-ts.mjs simulator/bench/runner-model-corpus.ts`: the
 * runner model calibrate fits (src/calibrate/runner-fit.ts) on each real run
 * in ../shared/corpus/runs, one recording at a time (each is another
 * runner, so each is calibrated alone), then on the whole folder. Prints a
 * table, and writes it into docs/calibrate.md (block `runner-model-corpus`):
 * are the fitted values human?
 *
 * A field a run cannot give is "–" (the reason is printed below the table):
 * one run rarely holds the six steady stretches a heart-rate curve needs,
 * and only a run that changed pace by RESPONSE_MIN_SPEED_SPREAD_MPS shows
 * how fast the heart answers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { calibrate, type CalibrationRun } from '../../src/calibrate/calibrate.ts';
import { extractActivity } from '../../src/calibrate/extract.ts';
import { fitResponse } from '../../src/calibrate/response.ts';
import { sha256Hex } from '../commands/calibrate/cache.ts';
import { figures } from './figures.ts';

const CORPUS = path.resolve('../shared/corpus/runs');
const dash = (value: number | undefined, decimals: number): string => (value === undefined ? '–' : value.toFixed(decimals));

const runs: CalibrationRun[] = [];
const { say, sayMarkdown, write } = figures();
const rows: string[] = [];
const notes: string[] = [];
for (const name of readdirSync(CORPUS).filter((f) => /\.fit$/i.test(f)).sort()) {
  const bytes = readFileSync(path.join(CORPUS, name));
  const extract = extractActivity(bytes);
  if (extract.kind !== 'run') {
    notes.push(`${name}: skipped (${extract.message})`);
    continue;
  }
  const run: CalibrationRun = {
    file: name,
    sha256: sha256Hex(bytes),
    facts: extract.facts,
    stretches: extract.stretches,
    ...(extract.response === undefined ? {} : { response: extract.response }),
    cadenceBlocks: extract.cadenceBlocks,
  };
  runs.push(run);
  const alone = calibrate([run]);
  // The response of this run alone (a run whose pace changed too little has none: response.ts computes no grid for it).
  const own = extract.response === undefined ? undefined : fitResponse([extract.response]);
  const model = alone.ok ? alone.calibration.runnerModel.model : {};
  rows.push(
    `| ${name} | ${dash(extract.response?.speedSpreadMps, 2)} | ${dash(own?.tauSec, 0)} | ${dash(own?.delaySec, 0)} | ` +
      `${dash(model.hrGainBpmPerMps, 1)} | ${dash(model.hrAtRefBpm, 0)} | ${dash(model.hrTauSec, 0)} | ${dash(model.hrDelaySec, 0)} | ` +
      `${dash(model.cadenceAtRefSpm, 0)} | ${dash(model.cadenceSlopeSpmPerMps, 1)} |`,
  );
  if (!alone.ok) notes.push(`${name}: ${alone.error}`);
  else for (const why of alone.calibration.runnerModel.missing) notes.push(`${name}: ${why}`);
}

sayMarkdown('| run | pace spread m/s | τ alone s | delay alone s | gain bpm per m/s | HR at easy | τ s | delay s | cadence at easy | cadence per m/s |');
sayMarkdown('|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) sayMarkdown(row);
const all = calibrate(runs);
if (all.ok) {
  const { model, response, cadence } = all.calibration.runnerModel;
  say('');
  say(`all ${runs.length} runs as one history: ${JSON.stringify(model)}`);
  if (response !== undefined) say(`  response from ${response.fit.runCount} runs; τ 90 %: ${response.tauLoSec.toFixed(0)}–${response.tauHiSec.toFixed(0)} s`);
  if (cadence !== undefined) say(`  cadence from ${cadence.blockCount} minutes, ±${cadence.residualSdSpm.toFixed(1)} steps/min about the line`);
  for (const why of all.calibration.runnerModel.missing) say(`  ${why}`);
}
say('');
for (const note of notes) say(note);
await write('docs/calibrate.md', 'runner-model-corpus', 'node scripts/run-ts.mjs simulator/bench/runner-model-corpus.ts');
