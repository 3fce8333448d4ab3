/**
 * `node scripts/run-ts.mjs tests/calibrate/seed-spread.ts [SEEDS]`: the
 * runner model calibrate fits against the truth, for every runner of
 * runner-model.test.ts (anna-lag, bert, cara, dean) on seeds 1–8 (or the
 * comma-separated SEEDS): gain and τ as a share off the truth, level,
 * dead time and cadence at easy pace as differences, cadence slope as a
 * share. The test checks only some seeds (its SEEDS); this prints the whole
 * spread, which is what a change to the fit should be judged on
 * (docs/decisions/cadence-lock-evidence.md). About 4 s a history.
 */
import { calibrate } from '../../src/calibrate/calibrate.ts';
import { CADENCE_PER_MPS_SPM } from '../../simulator/synth/scenario.ts';
import { historyRuns, RUNNERS, trueHrBpm, type HistoryRunner } from './history.ts';

const seeds = (process.argv[2] ?? '1,2,3,4,5,6,7,8').split(',').map(Number);
if (!seeds.every((seed) => Number.isInteger(seed) && seed > 0)) {
  console.error(`seed-spread: SEEDS must be positive whole numbers separated by commas, got "${process.argv[2]}"`);
  process.exit(2);
}
const anna = RUNNERS.find((r) => r.name === 'anna') as HistoryRunner;
// As runner-model.test.ts: anna's heart, slower and with a dead time, in place of anna.
const WHO: readonly HistoryRunner[] = [
  { ...anna, name: 'anna-lag', runner: { ...anna.runner, hrTauSec: 60, hrDelaySec: 10 } },
  ...RUNNERS.filter((r) => r.name !== 'anna'),
];
const share = (fitted: number | undefined, truth: number): string =>
  fitted === undefined ? '     –' : `${((fitted / truth - 1) * 100).toFixed(0).padStart(5)} %`;
const off = (fitted: number | undefined, truth: number): string => (fitted === undefined ? '    –' : (fitted - truth).toFixed(1).padStart(5));

console.log('runner    seed  gain (bpm per m/s)  level bpm  τ s          delay s  cadence slope  cadence at easy');
for (const who of WHO) {
  for (const seed of seeds) {
    const result = calibrate(historyRuns(who, seed));
    if (!result.ok) {
      console.log(`${who.name.padEnd(9)} ${String(seed).padStart(4)}  ${result.error}`);
      continue;
    }
    const model = result.calibration.runnerModel.model;
    const truth = who.runner;
    const refSpeedMps = model.refSpeedMps as number;
    const cadenceTruthSpm = truth.cadenceAtEasyPaceSpm + CADENCE_PER_MPS_SPM * (refSpeedMps - 1000 / truth.easyPaceSecPerKm);
    console.log(
      `${who.name.padEnd(9)} ${String(seed).padStart(4)}  ${(model.hrGainBpmPerMps ?? NaN).toFixed(1).padStart(5)} ${share(model.hrGainBpmPerMps, truth.hrPerMpsBpm)}` +
        `       ${off(model.hrAtRefBpm, trueHrBpm(truth, refSpeedMps, 10 / 60))}  ${(model.hrTauSec ?? NaN).toFixed(0).padStart(3)} ${share(model.hrTauSec, truth.hrTauSec)}` +
        `   ${off(model.hrDelaySec, truth.hrDelaySec ?? 0)}    ${(model.cadenceSlopeSpmPerMps ?? NaN).toFixed(2)} ${share(model.cadenceSlopeSpmPerMps, CADENCE_PER_MPS_SPM)}` +
        `   ${off(model.cadenceAtRefSpm, cadenceTruthSpm)}   runs with stretches ${result.calibration.runsWithStretches}/${result.calibration.runs.length}`,
    );
  }
}
