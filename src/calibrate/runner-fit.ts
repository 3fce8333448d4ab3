/**
 * The runner's own model (src/estimate/runner-model.ts) from their history:
 * what the effort estimator reads from the profile's `runnerModel`.
 *
 * | field                          | from                                                    |
 * |--------------------------------|---------------------------------------------------------|
 * | refSpeedMps                    | the easy pace (calibrate.ts)                            |
 * | hrAtRefBpm, hrGainBpmPerMps    | the heart-rate curve on steady stretches (curve.ts), at CONSISTENCY_AT_TIMER_MIN |
 * | hrAtRefSdBpm                   | how far whole runs sit off that curve (its runResidualSdBpm), at least MIN_LEVEL_SD_BPM |
 * | hrTauSec, hrDelaySec           | the response on runs that changed pace (response.ts)    |
 * | cadenceAtRefSpm, cadenceSlope… | the cadence line on minutes on the flat (cadence.ts)    |
 *
 * A field the history cannot give (no run with a change of pace, no
 * cadence recorded), or one outside what a body can do
 * (RUNNER_MODEL_BOUNDS), is left out and said why: the estimator then
 * starts from POPULATION_PRIOR for it. Never a made-up value.
 */
import { RUNNER_MODEL_BOUNDS, type RunnerModel } from '../estimate/runner-model.ts';
import { fitCadence, type CadenceBlock, type CadenceLine } from './cadence.ts';
import { curveHrBpm, type HrCurve } from './curve.ts';
import { fitResponse, RESPONSE_MIN_SPEED_SPREAD_MPS, type ResponseFit, type RunResponse } from './response.ts';
import { quantile, resampleIndices, seededRandom } from './stats.ts';

export interface RunnerFitRun {
  readonly response?: RunResponse;
  readonly cadenceBlocks?: readonly CadenceBlock[];
}

export interface ResponseEstimate {
  readonly fit: ResponseFit;
  /** 90 % bootstrap intervals over the runs that changed pace. */
  readonly tauLoSec: number;
  readonly tauHiSec: number;
  readonly delayLoSec: number;
  readonly delayHiSec: number;
}

export interface RunnerModelEstimate {
  /** The fields the history gives; the others are absent (the estimator's prior stands). */
  readonly model: Partial<RunnerModel>;
  readonly response?: ResponseEstimate;
  readonly cadence?: CadenceLine;
  /** Why a field is absent, one line each, for the report's warnings. */
  readonly missing: readonly string[];
}

export interface RunnerFitOptions {
  readonly easySpeedMps: number;
  readonly curve?: HrCurve;
  /** Where on the curve hrAtRefBpm is read (hours into a run). */
  readonly curveAtHours: number;
  readonly bootstrapRounds: number;
  readonly bootstrapSeed: number;
}

type Field = keyof RunnerModel;

/**
 * A fitted level is never taken as known better than this, bpm: a history
 * of ten runs can show whole runs within a fraction of a beat of the curve
 * (a synthetic runner's days do not differ at all), yet a strap reads a
 * couple of beats apart from one day to the next (hrReadingNoiseBpm's
 * default, 2 bpm). Narrow, not nothing: the estimator still learns the
 * run's own level online from there.
 */
export const MIN_LEVEL_SD_BPM = 2;

/** The model from the runs; deterministic (seeded bootstrap). */
export function fitRunnerModel(runs: readonly RunnerFitRun[], options: RunnerFitOptions): RunnerModelEstimate {
  const missing: string[] = [];
  const model: Partial<Record<Field, number>> = {};
  const put = (field: Field, value: number, what: string): void => {
    const bounds = RUNNER_MODEL_BOUNDS[field];
    if (Number.isFinite(value) && value >= bounds.min && value <= bounds.max) model[field] = value;
    else missing.push(`${what} came out at ${value.toFixed(1)} ${bounds.unit}, outside the ${bounds.min}–${bounds.max} a body allows: left out`);
  };
  put('refSpeedMps', options.easySpeedMps, 'the easy speed');

  const { curve } = options;
  if (curve === undefined) missing.push('no heart-rate curve: no heart rate at easy pace and no gain for the model');
  else {
    put('hrAtRefBpm', curveHrBpm(curve, options.easySpeedMps, options.curveAtHours), 'heart rate at easy pace');
    put('hrGainBpmPerMps', curve.slopeBpmPerMps, "heart rate's gain");
    put('hrAtRefSdBpm', Math.max(MIN_LEVEL_SD_BPM, curve.runResidualSdBpm), 'the spread of your runs about heart rate at easy pace');
  }

  const responses = runs.flatMap((run) => (run.response === undefined ? [] : [run.response]));
  const response = estimateResponse(responses, options);
  if (response === undefined) {
    missing.push(
      `no run changed pace by ${RESPONSE_MIN_SPEED_SPREAD_MPS} m/s or more with heart rate (a tempo or interval session): ` +
        "how fast your heart answers is not fitted; the live estimate starts from a typical runner's",
    );
  } else if (response.fit.onEdge) {
    missing.push(
      `your heart's response came out at the edge of what a body allows (time constant ${response.fit.tauSec.toFixed(0)} s, ` +
        `dead time ${response.fit.delaySec.toFixed(0)} s): left out; a sensor with a lag of its own?`,
    );
  } else {
    put('hrTauSec', response.fit.tauSec, "heart rate's time constant");
    put('hrDelaySec', response.fit.delaySec, "heart rate's dead time");
  }

  const blocks = runs.flatMap((run) => run.cadenceBlocks ?? []);
  const cadence = fitCadence(blocks, options.easySpeedMps);
  if (!cadence.ok) missing.push(`no cadence line: ${cadence.why}`);
  else {
    put('cadenceAtRefSpm', cadence.line.cadenceAtRefSpm, 'cadence at easy pace');
    put('cadenceSlopeSpmPerMps', cadence.line.slopeSpmPerMps, "cadence's slope");
  }
  return {
    model,
    ...(response === undefined ? {} : { response }),
    ...(cadence.ok ? { cadence: cadence.line } : {}),
    missing,
  };
}

function estimateResponse(responses: readonly RunResponse[], options: RunnerFitOptions): ResponseEstimate | undefined {
  const fit = fitResponse(responses);
  if (fit === undefined) return undefined;
  const eligible = responses.map((r, i) => ({ r, i })).filter(({ r }) => r.speedSpreadMps >= RESPONSE_MIN_SPEED_SPREAD_MPS);
  const random = seededRandom(options.bootstrapSeed);
  const taus: number[] = [];
  const delays: number[] = [];
  for (let round = 0; round < options.bootstrapRounds; round++) {
    const picked = resampleIndices(random, eligible.length).map((k) => (eligible[k] as { i: number }).i);
    const again = fitResponse(responses, picked);
    if (again === undefined) continue;
    taus.push(again.tauSec);
    delays.push(again.delaySec);
  }
  const lo = (values: number[], fallback: number): number => quantile(values, 0.05) ?? fallback;
  const hi = (values: number[], fallback: number): number => quantile(values, 0.95) ?? fallback;
  return {
    fit,
    tauLoSec: lo(taus, fit.tauSec),
    tauHiSec: hi(taus, fit.tauSec),
    delayLoSec: lo(delays, fit.delaySec),
    delayHiSec: hi(delays, fit.delaySec),
  };
}
