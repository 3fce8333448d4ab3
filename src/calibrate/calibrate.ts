/**
 * A history of runs (their extracts) → the runner's own numbers: easy pace,
 * highest heart rate, heart-rate curve, and the recovery ceiling, each with
 * what it rests on and how sure it is. Pure and deterministic: the bootstrap
 * is seeded, times come from the runs.
 *
 * Methods (each constant below says why):
 *
 * - **Highest heart rate**: each run's highest level held for 20 s
 *   (stretches.ts: after the fault, jump and cadence-lock filters, a spike
 *   cannot be held that long); the highest of those over all runs. Most
 *   histories hold one or two hard efforts, so the highest run is the
 *   information, not an outlier to trim, but only when it is believable:
 *   where the runner's own curve puts such a heart rate at the pace it was
 *   held, or where another run reaches it too (`believedMaxHr`); a strap that
 *   reads 215 at an easy pace is set aside, and said so. It is taken for the runner's
 *   maximum only when most steady running sits in the aerobic band below it;
 *   otherwise the history has no hard effort, and the profile's own maxHrBpm
 *   (if any) is used instead.
 * - **Easy pace**: the pace the runner's runs settle at. Per run, the median
 *   grade-adjusted pace of its steady stretches in the aerobic band (a
 *   tempo's fast stretches are left out, its warm-up is not); over runs, the
 *   median of those, each run counting once. A 90 % interval comes from
 *   resampling the runs (bootstrap).
 * - **Curve**: curve.ts, on the steady stretches of every run (tempo runs
 *   included: they show where the curve goes) up to 90 % of the maximum.
 * - **Ceiling**: pace = easy + the recovery margin (30 s/km, as `replay`);
 *   heart rate by the documented zone-1 rule (ceiling.ts: 70 % of reserve
 *   with resting heart rate, else 76 % of max). Then the consistency rule
 *   (`chooseCeilings`).
 */
import { deriveCeilings, RECOVERY_MARGIN_SEC_PER_KM } from '../ceiling/ceiling.ts';
import { formatPace, paceToSpeed, speedToPace } from '../samples/pace.ts';
import { curveHrBpm, curveSpeedMps, fitHrCurve, type CurvePoint, type HrCurve } from './curve.ts';
import type { CadenceBlock } from './cadence.ts';
import type { RunResponse } from './response.ts';
import { fitRunnerModel, type RunnerModelEstimate } from './runner-fit.ts';
import { HR_SETTLE_MS, type ActivityFacts, type Stretch } from './stretches.ts';
import { median, quantile, resampleIndices, seededRandom } from './stats.ts';

// ---------------------------------------------------------------------------
// Rules

/**
 * Top of the aerobic band, as a fraction of max heart rate. Pfitzinger &
 * Douglas, "Advanced Marathoning", put general aerobic runs at 70–81 % of
 * HRmax and lactate-threshold (tempo) runs at 82–91 %; the top is set at 85 %,
 * between the two, because a steady easy run drifts up a few percent over an
 * hour (a stretch's heart rate is read after minute 8, drift included). A
 * stretch above it is a tempo or race effort, not easy running.
 */
export const AEROBIC_BAND_TOP_HRMAX_FRACTION = 0.85;
/**
 * The band is applied only when it keeps at least this share of the
 * stretches. Most of a runner's running is easy; when the band leaves out
 * most of it, the highest heart rate seen is below the runner's true maximum
 * (they never ran all-out in this history) and the band would mislead.
 */
export const AEROBIC_BAND_MIN_KEPT_SHARE = 0.5;
/**
 * The curve is fitted on stretches up to this fraction of the maximum.
 * Heart rate rises in line with speed through the aerobic range; toward its
 * maximum it flattens (it cannot pass it), and a "steady" stretch up there
 * is an interval repeat more often than not. 90 % is about the top of
 * lactate-threshold running (Pfitzinger & Douglas: 82–91 %).
 */
export const CURVE_TOP_HRMAX_FRACTION = 0.9;
/** Fewer runs with steady stretches than this: the estimates are rough, and the report says so. */
export const FEW_RUNS = 10;
/**
 * Whole runs sitting further off the curve than this (robust SD, bpm) is more
 * than one runner's day-to-day variation (a few bpm): different runners,
 * sensors or conditions mixed; the report says the curve is a rough guide.
 */
export const WIDE_RUN_SPREAD_BPM = 6;
/**
 * A run's highest heart rate is believed when it is at most this far above
 * the runner's curve at the effort it was held at (stretches.ts:
 * peakGapSpeedMps, with the curve's drift at that time)… A real maximum sits
 * at or under the curve there: the curve is a line and heart rate flattens
 * toward its maximum (synthetic histories: 1 to 25 bpm under). The slack is
 * for a curve read beyond the paces it was fitted on.
 */
export const PEAK_ABOVE_CURVE_BPM = 10;
/**
 * …plus this many times how far whole runs sit off the curve
 * (runResidualSdBpm): a hot day or another sensor moves a whole run, its
 * peak too. On a history of several runners (the shared corpus: ±10.5 bpm)
 * this is wide, and still sets a faulty strap's 215 bpm aside (44 bpm over).
 */
export const PEAK_RUN_SPREAD_MULTIPLE = 3;
/**
 * A peak that another run reaches within this many bpm is believed whatever
 * the curve says: one sensor fault does not repeat itself at the same level
 * on another day.
 */
export const PEAK_RECURS_WITHIN_BPM = 3;
/** Bootstrap: rounds, seed, and the interval reported (5th to 95th percentile: 90 %). */
export const BOOTSTRAP_ROUNDS = 300;
export const BOOTSTRAP_SEED = 0x5eed;
export const INTERVAL_LO = 0.05;
export const INTERVAL_HI = 0.95;
/**
 * Where the two ceilings are compared on the curve: 10 min into a run, when
 * heart rate has settled (the fatigue check of issue #3 looks at minutes 6–15).
 */
export const CONSISTENCY_AT_TIMER_MIN = 10;
/**
 * The pace ceiling's heart rate on the curve within this of the heart-rate
 * ceiling, either side, counts as agreeing: the curve itself is known to
 * about a beat or two there (its bootstrap interval), so a smaller
 * disagreement is no reason to move a ceiling.
 */
export const AGREE_WITHIN_BPM = 2;
/**
 * The heart-rate ceiling this far or more above the curve's heart rate at the
 * pace ceiling only catches drift, heat or fatigue of at least as much: the
 * report says so. (No change: the pace ceiling does the daily work.)
 */
export const HR_LOOSE_BPM = 10;
/**
 * The consistency rule slows the pace ceiling by at most this. Needing more
 * means the curve or the highest heart rate seen is off (a history without
 * one hard effort): the ceilings are then left as the rules give them, with
 * a warning.
 */
export const MAX_PACE_SLOWDOWN_SEC_PER_KM = 60;

// ---------------------------------------------------------------------------
// Types

export interface CalibrationRun {
  /** How the report names the run (a file path). */
  readonly file: string;
  /** SHA-256 of the file (hex), recorded in the profile: which runs, exactly. */
  readonly sha256: string;
  readonly facts: ActivityFacts;
  readonly stretches: readonly Stretch[];
  /** How fast heart rate answered effort on this run, and its minutes with a cadence: for the runner model (runner-fit.ts). */
  readonly response?: RunResponse;
  readonly cadenceBlocks?: readonly CadenceBlock[];
}

export interface CalibrateOptions {
  readonly restHrBpm?: number;
  readonly recoveryMarginSecPerKm?: number;
  /**
   * A maximum the runner already gave (their profile's maxHrBpm): used for the
   * ceiling when the history shows no maximum of its own (see `MaxHrForCeiling`).
   */
  readonly knownMaxHrBpm?: number;
}

export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

export interface EasyPaceEstimate {
  readonly secPerKm: number;
  /** 90 % bootstrap interval over runs (seconds per km). */
  readonly interval: Interval;
  /** Runs it rests on (with steady stretches in the band when it applies) and those stretches. */
  readonly runCount: number;
  readonly stretchCount: number;
  /** Stretches above the aerobic band (left out when the band applies). */
  readonly aboveBandStretches: number;
  /** `applied`, `not-applied` (it would leave out most runs), or `no-max-hr`. */
  readonly band: 'applied' | 'not-applied' | 'no-max-hr';
}

export interface MaxHrEstimate {
  readonly bpm: number;
  /** The run it was held on. */
  readonly file: string;
  readonly startMs: number;
  readonly runCount: number;
}

/** A run's highest heart rate that was not believed, and why. */
export interface SetAsidePeak {
  readonly bpm: number;
  readonly file: string;
  readonly startMs: number;
  /** The effort it was held at (grade-adjusted), and what the curve gives there. */
  readonly gapSpeedMps: number;
  readonly curveHrBpm: number;
  /** How far above the curve a peak may sit in this history (PEAK_ABOVE_CURVE_BPM + PEAK_RUN_SPREAD_MULTIPLE × run spread). */
  readonly allowedAboveBpm: number;
}

export interface CurveEstimate {
  readonly curve: HrCurve;
  /** 90 % bootstrap intervals over runs. */
  readonly slopeInterval: Interval;
  readonly hrAtEasyInterval: Interval;
}

export type Consistency =
  | { readonly verdict: 'unchecked'; readonly why: string }
  | {
      readonly verdict: 'consistent' | 'hr-loose' | 'pace-slowed' | 'conflict';
      /** The curve's heart rate at the pace ceiling the margin gives, at CONSISTENCY_AT_TIMER_MIN. */
      readonly curveHrAtPaceCeilingBpm: number;
      /** HR ceiling − that: negative when the pace ceiling allows paces over the HR ceiling. */
      readonly disagreementBpm: number;
      /** The pace the curve gives at the HR ceiling. */
      readonly curvePaceAtHrCeilingSecPerKm: number;
    };

export interface CeilingChoice {
  readonly paceCeilingSecPerKm: number;
  readonly paceSource: 'easy-pace' | 'curve';
  readonly recoveryMarginSecPerKm: number;
  readonly hrCeilingBpm?: number;
  readonly hrSource: 'hr-reserve' | 'hr-max' | 'none';
  readonly consistency: Consistency;
}

export interface Calibration {
  readonly runs: readonly CalibrationRun[];
  /** Runs with at least one steady stretch. */
  readonly runsWithStretches: number;
  readonly stretchCount: number;
  readonly firstStartMs: number;
  readonly lastStartMs: number;
  readonly easyPace: EasyPaceEstimate;
  /** The highest heart rate seen and believed (see `believedMaxHr`). */
  readonly maxHr?: MaxHrEstimate;
  /** Higher peaks than maxHr that were set aside, highest first. */
  readonly maxHrSetAside: readonly SetAsidePeak[];
  /** The maximum the heart-rate ceiling is derived from, and where it came from; absent: no heart-rate ceiling. */
  readonly ceilingMaxHr?: { readonly bpm: number; readonly source: 'history' | 'profile' };
  readonly restHrBpm?: number;
  readonly curve?: CurveEstimate;
  /** Why there is no curve. */
  readonly curveMissing?: string;
  readonly ceiling: CeilingChoice;
  /** The runner's own model for the effort estimator (runner-fit.ts): the fields the history gives. */
  readonly runnerModel: RunnerModelEstimate;
  /** What a runner should know about how firm all this is. */
  readonly warnings: readonly string[];
}

export type CalibrateResult = { readonly ok: true; readonly calibration: Calibration } | { readonly ok: false; readonly error: string };

// ---------------------------------------------------------------------------
// Entry point

export function calibrate(runs: readonly CalibrationRun[], options: CalibrateOptions = {}): CalibrateResult {
  const steady = runs.filter((run) => run.stretches.length > 0);
  if (steady.length === 0) {
    return {
      ok: false,
      error:
        runs.length === 0
          ? 'no runs to calibrate from'
          : `none of the ${runs.length} runs has a steady stretch (3 min of steady running after minute ${HR_SETTLE_MS / 60_000}, with heart rate)`,
    };
  }
  const warnings: string[] = [];
  // The highest peak is checked against the curve it gives (fitted once,
  // without the bootstrap); then everything that rests on the maximum is
  // estimated from the one believed.
  const first = estimateAround(steady, estimateMaxHr(runs), options, 0);
  const believed = believedMaxHr(runs, first.fitted.ok ? first.fitted.estimate.curve : undefined);
  const { maxHr, easyPace, ceilingMaxHr, fitted } = estimateAround(steady, believed.maxHr, options, BOOTSTRAP_ROUNDS);
  for (const peak of believed.setAside) {
    warnings.push(
      `highest heart rate ${peak.bpm} in ${baseName(peak.file)} set aside: ${Math.round(peak.bpm - peak.curveHrBpm)} bpm over your curve ` +
        `at the pace it was held (${formatPace(speedToPace(peak.gapSpeedMps))} /km: ${Math.round(peak.curveHrBpm)} bpm), ` +
        `more than the ${Math.round(peak.allowedAboveBpm)} a real maximum sits, and no other run comes within ${PEAK_RECURS_WITHIN_BPM} bpm of it: a sensor fault?`,
    );
  }
  if (maxHr !== undefined && easyPace.band === 'not-applied') {
    warnings.push(
      `the highest heart rate seen (${maxHr.bpm}) is no maximum: ${easyPace.aboveBandStretches} of ${stretchCountOf(steady)} steady stretches ` +
        `sit above ${Math.round(AEROBIC_BAND_TOP_HRMAX_FRACTION * 100)} % of it, more than easy running does. ` +
        (ceilingMaxHr === undefined
          ? 'No heart-rate ceiling from it: put your maxHrBpm in the profile, or calibrate with a history that holds a hard effort'
          : `Using maxHrBpm ${ceilingMaxHr.bpm} from the profile instead`),
    );
  }
  const stretchCount = stretchCountOf(steady);
  if (steady.length < FEW_RUNS) {
    warnings.push(
      `only ${steady.length} ${steady.length === 1 ? 'run' : 'runs'} with steady running (${stretchCount} ${stretchCount === 1 ? 'stretch' : 'stretches'}): ` +
        `the estimates are rough; ${FEW_RUNS} or more runs make them firm`,
    );
  }

  if (!fitted.ok) warnings.push(`no heart-rate curve: ${fitted.why}`);
  const curve = fitted.ok ? fitted.estimate : undefined;
  if (curve !== undefined && curve.curve.runResidualSdBpm > WIDE_RUN_SPREAD_BPM) {
    warnings.push(
      `whole runs sit ±${curve.curve.runResidualSdBpm.toFixed(0)} bpm off the curve (one runner's days differ by a few): ` +
        'different runners, heart-rate sensors or conditions in one history? The curve is a rough guide',
    );
  }

  let restHrBpm = options.restHrBpm;
  if (restHrBpm !== undefined && ceilingMaxHr !== undefined && restHrBpm >= ceilingMaxHr.bpm) {
    warnings.push(`resting heart rate ${restHrBpm} is not below the maximum (${ceilingMaxHr.bpm}): not used`);
    restHrBpm = undefined;
  }
  const ceiling = chooseCeilings(easyPace.secPerKm, ceilingMaxHr?.bpm, restHrBpm, options.recoveryMarginSecPerKm, curve?.curve);
  if (ceiling.consistency.verdict === 'conflict') {
    warnings.push(
      `your curve puts the pace ceiling ${Math.round(-ceiling.consistency.disagreementBpm)} bpm over the heart-rate ceiling, more than a ` +
        `${MAX_PACE_SLOWDOWN_SEC_PER_KM} s/km slower pace ceiling can fix: check the highest heart rate (a history without one hard effort shows less than your true maximum)`,
    );
  }
  if (maxHr === undefined && believed.setAside.length === 0) warnings.push('no heart rate was held for 20 s in any run: no highest heart rate');
  // Every run, not only those with steady stretches: an interval session has none, and it is what shows the heart's response.
  const runnerModel = fitRunnerModel(runs, {
    easySpeedMps: paceToSpeed(easyPace.secPerKm),
    ...(curve === undefined ? {} : { curve: curve.curve }),
    curveAtHours: CONSISTENCY_AT_TIMER_MIN / 60,
    bootstrapRounds: BOOTSTRAP_ROUNDS,
    bootstrapSeed: BOOTSTRAP_SEED,
  });
  // The curve's absence is warned about above already.
  for (const why of runnerModel.missing) if (curve !== undefined || !why.startsWith('no heart-rate curve')) warnings.push(`runner model: ${why}`);

  const starts = runs.map((run) => run.facts.startMs);
  return {
    ok: true,
    calibration: {
      runs,
      runsWithStretches: steady.length,
      stretchCount,
      firstStartMs: Math.min(...starts),
      lastStartMs: Math.max(...starts),
      easyPace,
      ...(maxHr === undefined ? {} : { maxHr }),
      maxHrSetAside: believed.setAside,
      ...(ceilingMaxHr === undefined ? {} : { ceilingMaxHr }),
      ...(restHrBpm === undefined ? {} : { restHrBpm }),
      ...(curve === undefined ? {} : { curve }),
      ...(fitted.ok ? {} : { curveMissing: fitted.why }),
      ceiling,
      runnerModel,
      warnings,
    },
  };
}

// ---------------------------------------------------------------------------
// Highest heart rate

export function estimateMaxHr(runs: readonly CalibrationRun[]): MaxHrEstimate | undefined {
  let best: CalibrationRun | undefined;
  let runCount = 0;
  for (const run of runs) {
    const peak = run.facts.peakHrBpm;
    if (peak === undefined) continue;
    runCount++;
    if (best === undefined || peak > (best.facts.peakHrBpm as number)) best = run;
  }
  if (best === undefined) return undefined;
  return { bpm: Math.round(best.facts.peakHrBpm as number), file: best.file, startMs: best.facts.startMs, runCount };
}

/**
 * The highest peak that is believable: one the runner's curve puts at the
 * effort it was held at (within PEAK_ABOVE_CURVE_BPM + PEAK_RUN_SPREAD_MULTIPLE
 * × the run spread), or one another run reaches within
 * PEAK_RECURS_WITHIN_BPM. Higher peaks that are neither are set aside.
 * Without a curve, or without a pace at the peak, nothing can disagree: the
 * peak is believed, as before there was a check.
 */
export function believedMaxHr(
  runs: readonly CalibrationRun[],
  curve: HrCurve | undefined,
): { readonly maxHr: MaxHrEstimate | undefined; readonly setAside: readonly SetAsidePeak[] } {
  const peaks = runs
    .map((run, index) => ({ run, index, bpm: run.facts.peakHrBpm }))
    .filter((p): p is { run: CalibrationRun; index: number; bpm: number } => p.bpm !== undefined)
    .sort((a, b) => b.bpm - a.bpm || a.index - b.index);
  const setAside: SetAsidePeak[] = [];
  const allowedAboveBpm = curve === undefined ? Infinity : PEAK_ABOVE_CURVE_BPM + PEAK_RUN_SPREAD_MULTIPLE * curve.runResidualSdBpm;
  for (const peak of peaks) {
    const { facts } = peak.run;
    const recurs = peaks.some((other) => other !== peak && Math.abs(other.bpm - peak.bpm) <= PEAK_RECURS_WITHIN_BPM);
    const speed = facts.peakGapSpeedMps;
    if (curve === undefined || speed === undefined || recurs) return { maxHr: maxHrOf(peak.run, peaks.length), setAside };
    const expected = curveHrBpm(curve, speed, (facts.peakAtTimerMs ?? 0) / 3_600_000);
    if (peak.bpm <= expected + allowedAboveBpm) return { maxHr: maxHrOf(peak.run, peaks.length), setAside };
    setAside.push({ bpm: Math.round(peak.bpm), file: peak.run.file, startMs: facts.startMs, gapSpeedMps: speed, curveHrBpm: expected, allowedAboveBpm });
  }
  return { maxHr: undefined, setAside };
}

function maxHrOf(run: CalibrationRun, runCount: number): MaxHrEstimate {
  return { bpm: Math.round(run.facts.peakHrBpm as number), file: run.file, startMs: run.facts.startMs, runCount };
}

/** What rests on the maximum: easy pace (its aerobic band), the maximum the ceiling uses, the curve. */
function estimateAround(steady: readonly CalibrationRun[], maxHr: MaxHrEstimate | undefined, options: CalibrateOptions, curveRounds: number) {
  const easyPace = estimateEasyPace(steady, maxHr?.bpm);
  // Most steady running above the aerobic band's top means the highest heart
  // rate seen is no maximum (no hard effort in this history): a ceiling at
  // 76 % of it would nag at every easy run.
  const ceilingMaxHr =
    maxHr !== undefined && easyPace.band === 'applied'
      ? { bpm: maxHr.bpm, source: 'history' as const }
      : options.knownMaxHrBpm !== undefined
        ? { bpm: options.knownMaxHrBpm, source: 'profile' as const }
        : undefined;
  const fitted = estimateCurve(steady, paceToSpeed(easyPace.secPerKm), ceilingMaxHr?.bpm, curveRounds);
  return { maxHr, easyPace, ceilingMaxHr, fitted };
}

/** The last part of a path, either separator (src/ has no node:path). */
function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

// ---------------------------------------------------------------------------
// Easy pace

function stretchCountOf(runs: readonly CalibrationRun[]): number {
  return runs.reduce((n, run) => n + run.stretches.length, 0);
}

export function estimateEasyPace(steady: readonly CalibrationRun[], maxHrBpm: number | undefined): EasyPaceEstimate {
  const total = stretchCountOf(steady);
  const top = maxHrBpm === undefined ? Infinity : AEROBIC_BAND_TOP_HRMAX_FRACTION * maxHrBpm;
  const aboveBandStretches = steady.reduce((n, run) => n + run.stretches.filter((s) => s.hrBpm > top).length, 0);
  const band: EasyPaceEstimate['band'] =
    maxHrBpm === undefined ? 'no-max-hr' : total - aboveBandStretches >= AEROBIC_BAND_MIN_KEPT_SHARE * total ? 'applied' : 'not-applied';
  const limit = band === 'applied' ? top : Infinity;
  const perRun = steady
    .map((run) => run.stretches.filter((s) => s.hrBpm <= limit).map((s) => speedToPace(s.gapSpeedMps)))
    .filter((paces) => paces.length > 0);
  const paces = perRun.map((list) => median(list) as number);
  return {
    secPerKm: median(paces) as number,
    interval: bootstrapInterval(paces.length, (picked) => median(picked.map((i) => paces[i] as number)) as number),
    runCount: paces.length,
    stretchCount: perRun.reduce((n, list) => n + list.length, 0),
    aboveBandStretches,
    band,
  };
}

/** 90 % interval of `statistic` over resamples of n items (indices with replacement). */
function bootstrapInterval(n: number, statistic: (picked: readonly number[]) => number): Interval {
  const random = seededRandom(BOOTSTRAP_SEED);
  const values: number[] = [];
  for (let round = 0; round < BOOTSTRAP_ROUNDS; round++) {
    const value = statistic(resampleIndices(random, n));
    if (Number.isFinite(value)) values.push(value);
  }
  return { lo: quantile(values, INTERVAL_LO) ?? Number.NaN, hi: quantile(values, INTERVAL_HI) ?? Number.NaN };
}

// ---------------------------------------------------------------------------
// Curve

function curvePoints(runs: readonly CalibrationRun[], picked: readonly number[], maxHrBpm: number): CurvePoint[] {
  const points: CurvePoint[] = [];
  picked.forEach((runIndex, k) => {
    for (const s of (runs[runIndex] as CalibrationRun).stretches) {
      if (s.hrBpm > maxHrBpm) continue;
      points.push({ gapSpeedMps: s.gapSpeedMps, gapSeMps: s.gapSeMps, hrBpm: s.hrBpm, timerHours: s.atTimerMs / 3_600_000, run: k });
    }
  });
  return points;
}

/**
 * The curve from all steady stretches up to CURVE_TOP_HRMAX_FRACTION of the
 * maximum (all of them without one), with `rounds` of bootstrap for its
 * intervals (0: the fit alone, intervals NaN).
 */
function estimateCurve(
  steady: readonly CalibrationRun[],
  easySpeedMps: number,
  maxHrBpm: number | undefined,
  rounds: number,
): { readonly ok: true; readonly estimate: CurveEstimate } | { readonly ok: false; readonly why: string } {
  const top = maxHrBpm === undefined ? Infinity : CURVE_TOP_HRMAX_FRACTION * maxHrBpm;
  const everyRun = steady.map((_, i) => i);
  const fit = fitHrCurve(curvePoints(steady, everyRun, top), easySpeedMps);
  if (!fit.ok) return fit;
  const curve = fit.curve;
  const random = seededRandom(BOOTSTRAP_SEED);
  const slopes: number[] = [];
  const levels: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const again = fitHrCurve(curvePoints(steady, resampleIndices(random, steady.length), top), easySpeedMps, curve);
    if (!again.ok) continue;
    slopes.push(again.curve.slopeBpmPerMps);
    levels.push(curveHrBpm(again.curve, easySpeedMps, CONSISTENCY_AT_TIMER_MIN / 60));
  }
  const interval = (values: number[]): Interval => ({ lo: quantile(values, INTERVAL_LO) ?? Number.NaN, hi: quantile(values, INTERVAL_HI) ?? Number.NaN });
  return { ok: true, estimate: { curve, slopeInterval: interval(slopes), hrAtEasyInterval: interval(levels) } };
}

// ---------------------------------------------------------------------------
// Ceilings

/**
 * The consistency rule. The heart-rate ceiling is a physiological bound (the
 * top of zone 1) and is never raised. The pace ceiling is a habit (easy pace
 * plus a margin): when the runner's own curve puts it over the heart-rate
 * ceiling, holding the pace ceiling would break the heart-rate ceiling every
 * run, so the pace ceiling is slowed to the pace the curve gives at the
 * heart-rate ceiling (rounded up to the second, at most
 * MAX_PACE_SLOWDOWN_SEC_PER_KM). Within AGREE_WITHIN_BPM the two agree. The other way round (the heart-rate ceiling
 * well above the curve at the pace ceiling) is reported, not changed: the
 * heart-rate ceiling then catches drift, heat and fatigue only.
 */
export function chooseCeilings(
  easyPaceSecPerKm: number,
  maxHrBpm: number | undefined,
  restHrBpm: number | undefined,
  recoveryMarginSecPerKm: number | undefined,
  curve: HrCurve | undefined,
): CeilingChoice {
  const margin = recoveryMarginSecPerKm ?? RECOVERY_MARGIN_SEC_PER_KM;
  const derived = deriveCeilings({
    easyPaceSecPerKm: Math.round(easyPaceSecPerKm),
    recoveryMarginSecPerKm: margin,
    ...(maxHrBpm === undefined ? {} : { maxHrBpm }),
    ...(restHrBpm === undefined ? {} : { restHrBpm }),
  });
  const paceCeilingSecPerKm = derived.paceCeilingSecPerKm as number;
  const hrSource: CeilingChoice['hrSource'] = derived.hrSource === 'hr-reserve' || derived.hrSource === 'hr-max' ? derived.hrSource : 'none';
  const base = {
    paceCeilingSecPerKm,
    paceSource: 'easy-pace' as const,
    recoveryMarginSecPerKm: margin,
    ...(derived.hrCeilingBpm === undefined ? {} : { hrCeilingBpm: derived.hrCeilingBpm }),
    hrSource,
  };
  const hrCeilingBpm = derived.hrCeilingBpm;
  if (curve === undefined) return { ...base, consistency: { verdict: 'unchecked', why: 'no heart-rate curve' } };
  if (hrCeilingBpm === undefined) return { ...base, consistency: { verdict: 'unchecked', why: 'no heart-rate ceiling' } };

  const atHours = CONSISTENCY_AT_TIMER_MIN / 60;
  const curveHrAtPaceCeilingBpm = curveHrBpm(curve, paceToSpeed(paceCeilingSecPerKm), atHours);
  const disagreementBpm = hrCeilingBpm - curveHrAtPaceCeilingBpm;
  const curvePaceAtHrCeilingSecPerKm = speedToPace(curveSpeedMps(curve, hrCeilingBpm, atHours));
  const measured = { curveHrAtPaceCeilingBpm, disagreementBpm, curvePaceAtHrCeilingSecPerKm };
  if (disagreementBpm >= -AGREE_WITHIN_BPM) {
    return { ...base, consistency: { verdict: disagreementBpm >= HR_LOOSE_BPM ? 'hr-loose' : 'consistent', ...measured } };
  }
  const slowed = Math.ceil(curvePaceAtHrCeilingSecPerKm);
  if (!Number.isFinite(slowed) || slowed - paceCeilingSecPerKm > MAX_PACE_SLOWDOWN_SEC_PER_KM) {
    return { ...base, consistency: { verdict: 'conflict', ...measured } };
  }
  return { ...base, paceCeilingSecPerKm: slowed, paceSource: 'curve', consistency: { verdict: 'pace-slowed', ...measured } };
}
