/**
 * How fast the runner's heart answers a change of effort: the time constant
 * `hrTauSec` and dead time `hrDelaySec` of a first-order-plus-dead-time
 * response of heart rate to grade-adjusted speed (src/estimate/runner-model.ts),
 * identified from a run's 1 Hz series wherever its pace changes.
 *
 * ```
 * gap speed ──┐      ┌──────────        heart rate      ╭────────
 *             └──────┘                  ───────╮ delay ╱ τ
 *                                              ╰──────╯
 * ```
 *
 * For each (τ, delay) on a grid, the speed series goes through the response
 * with unit gain (x), and heart rate is fitted as a line in it by least
 * squares: hr ≈ level + gain·x + drift·hours + Σ transient_s·e^(−t_s/τ). The
 * transient column per segment is exact for a first-order system: it absorbs
 * whatever heart rate the segment starts at (a warm-up from rest, a
 * restart after a stop), so no burn-in is thrown away. Gain and level are
 * nuisances here (the steady curve, curve.ts, measures them on steady
 * stretches); what the grid keeps is the residual sum of squares.
 *
 * Runs are combined by profile likelihood: Σ_runs (n/2)·log(SSR(τ, d)/n).
 * A run at one steady pace has a flat SSR over τ and adds nothing; a tempo
 * or interval session has a sharp one and decides. So each run's extract
 * only keeps its grid of log(SSR/n) and n (a few hundred numbers), and any
 * set of runs can be combined (and resampled, for the interval) later.
 *
 * Artefacts: heart rate arrives believed (stretches.ts: faults, jumps and
 * cadence lock dropped by the guard's conditioning); what is left of a
 * sensor reading high for minutes is trimmed: seconds more than
 * TRIM_SCALES robust SDs off the fit at the prior are left out, and again at
 * the best cell, then the grid is read once more.
 *
 * Method: the "variable projection" of Golub & Pereyra (1973): linear
 * parameters solved exactly inside a search over the nonlinear ones. The
 * model form: Hunt et al., "Heart rate dynamics during running", BioMed Eng
 * Online 2015 (first order, τ about 55 s).
 */
import { MAD_TO_SD, median, quantile } from './stats.ts';

// ---------------------------------------------------------------------------
// Rules

/**
 * Time constants tried, seconds: geometric from 10 to 180 (the bounds a body
 * allows, RUNNER_MODEL_BOUNDS), 12 % apart; the best is refined between
 * grid points by a parabola in log τ.
 */
export const TAU_GRID_SEC: readonly number[] = geometricGrid(10, 180, 1.12);
/** Dead times tried, seconds: 0 to 30 (RUNNER_MODEL_BOUNDS) every 3 s, refined by a parabola. */
export const DELAY_GRID_SEC: readonly number[] = Array.from({ length: 11 }, (_, i) => i * 3);
/** The cell the trimming starts from: the population prior (runner-model.ts: τ 55 s, delay 5 s), nearest grid point. */
const PRIOR_TAU_SEC = 55;
const PRIOR_DELAY_SEC = 5;
/**
 * A segment is a stretch of running without a stop or a gap in speed longer
 * than MAX_GAP_SEC; shorter than this (5 min) it holds too few changes of
 * pace for its own transient and is left out.
 */
export const MIN_SEGMENT_SEC = 300;
/** Speed missing for longer than this (a stop, a tunnel) ends a segment; smart recording writes every 4–6 s. */
export const MAX_GAP_SEC = 10;
/**
 * The loss reads every fifth second. Heart-rate noise is correlated over
 * 10–15 s (a strap's beat-to-beat averaging, a wrist sensor's filter), so
 * neighbouring seconds add little, and the grid costs a fifth.
 */
export const LOSS_STEP_SEC = 5;
/** Seconds further off the fit than this many robust SDs are trimmed (a sensor reading high, a missed stop). */
export const TRIM_SCALES = 3;
/** The speed series is a centred median over this many seconds before it goes through the response (centredMedian). */
export const SPEED_MEDIAN_SEC = 121;
/** A residual scale below this is quantisation (whole beats), not fit. */
const MIN_SCALE_BPM = 1;
/** Fewer loss seconds than this in a run: no response from it (10 min at LOSS_STEP_SEC). */
export const MIN_LOSS_POINTS = 120;
/**
 * Runs whose pace changed less than this (10th to 90th percentile of the
 * smoothed grade-adjusted speed, 0.5 m/s ≈ 40 s/km at 5:30) are left out of
 * the combined fit. An easy run's only changes are GPS noise and the
 * runner's wander, and noise in the speed biases τ long (a longer τ smooths
 * it away: +30 % on synthetic easy runs with a 0.1 m/s GPS error); a tempo
 * or interval session's steps dwarf it (within 10 %).
 */
export const RESPONSE_MIN_SPEED_SPREAD_MPS = 0.5;
/** Ridge on the normal equations, relative to their diagonal: keeps a short segment's transient column from making them singular. */
const RIDGE = 1e-9;

// ---------------------------------------------------------------------------
// Types

/** One segment of running, at 1 Hz: grade-adjusted speed always known, heart rate NaN where not believed. */
export interface ResponseSegment {
  /** Timer time of the first second (drift is linear in it). */
  readonly startTimerSec: number;
  readonly gapSpeedMps: Float64Array;
  readonly hrBpm: Float64Array;
}

/** What one run says about the response: its grid of log(SSR/n), τ-major (TAU_GRID_SEC × DELAY_GRID_SEC). */
export interface RunResponse {
  /** Loss seconds that counted (after trimming). */
  readonly points: number;
  /**
   * How much the run's pace changed: the 10th to 90th percentile of its
   * smoothed grade-adjusted speed. fitResponse uses the runs that changed
   * pace enough (RESPONSE_MIN_SPEED_SPREAD_MPS).
   */
  readonly speedSpreadMps: number;
  readonly logMse: readonly number[];
}

export interface ResponseFit {
  readonly tauSec: number;
  readonly delaySec: number;
  /** Runs combined, and how many loss seconds. */
  readonly runCount: number;
  readonly points: number;
  /** Whether the best τ or delay sits on the grid's edge (the truth may lie beyond). */
  readonly onEdge: boolean;
}

// ---------------------------------------------------------------------------
// The response

/**
 * The unit-gain response to `input` at 1 Hz: after `delaySec` of dead time,
 * first order with time constant `tauSec`, starting at rest at input[0]
 * (before the first second the input is taken as input[0]). The same
 * discretisation as the synthetic heart (simulator/synth/physics.ts).
 */
export function firstOrderResponse(input: ArrayLike<number>, tauSec: number, delaySec: number): Float64Array {
  const n = input.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const keep = 1 - Math.exp(-1 / tauSec);
  const d = Math.round(delaySec);
  let x = input[0] as number;
  for (let k = 0; k < n; k++) {
    const u = input[Math.max(0, k - d)] as number;
    x += (u - x) * keep;
    out[k] = x;
  }
  return out;
}

/**
 * The running median of `values` over a window of `windowSec` seconds
 * centred on each second (shrunk at the ends). Zero-phase, so it adds no lag
 * of its own, and edge-preserving: a change of pace stays a step, while a
 * multipath spike of a few seconds and most GPS wander are gone. (Noise in
 * the speed, left in, makes a longer τ look better: it smooths the noise
 * away, and the fit then explains more of heart rate with less.)
 */
export function centredMedian(values: ArrayLike<number>, windowSec: number): Float64Array {
  const n = values.length;
  const half = Math.floor(windowSec / 2);
  const out = new Float64Array(n);
  // The window, kept sorted as it slides: one insertion and one removal a second (binary search, then a shift).
  const sorted = new Float64Array(2 * half + 1);
  let size = 0;
  const position = (value: number): number => {
    let lo = 0;
    let hi = size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const insert = (value: number): void => {
    const at = position(value);
    sorted.copyWithin(at + 1, at, size);
    sorted[at] = value;
    size++;
  };
  const remove = (value: number): void => {
    const at = position(value);
    sorted.copyWithin(at, at + 1, size);
    size--;
  };
  for (let i = 0; i < Math.min(n, half); i++) insert(values[i] as number);
  for (let k = 0; k < n; k++) {
    if (k - half - 1 >= 0) remove(values[k - half - 1] as number);
    if (k + half < n) insert(values[k + half] as number);
    out[k] = size % 2 === 1 ? (sorted[(size - 1) / 2] as number) : ((sorted[size / 2 - 1] as number) + (sorted[size / 2] as number)) / 2;
  }
  return out;
}

// ---------------------------------------------------------------------------
// One run

/**
 * A run's grid of losses, or undefined when it has too little heart rate
 * and running (MIN_LOSS_POINTS), or too little change of pace
 * (RESPONSE_MIN_SPEED_SPREAD_MPS), to say anything.
 */
export function runResponse(segments: readonly ResponseSegment[]): RunResponse | undefined {
  const kept = segments
    .filter((s) => s.gapSpeedMps.length >= MIN_SEGMENT_SEC)
    .map((s) => ({ ...s, gapSpeedMps: centredMedian(s.gapSpeedMps, SPEED_MEDIAN_SEC) }));
  if (kept.length === 0) return undefined;
  const data = lossPoints(kept);
  if (data.count < MIN_LOSS_POINTS) return undefined;
  // A run that did not change pace says nothing of the response (fitResponse leaves it out): its grid is not worth computing.
  if (spreadOf(kept, data, new Float64Array(data.count).fill(1)) < RESPONSE_MIN_SPEED_SPREAD_MPS) return undefined;
  const tauIndex = nearestIndex(TAU_GRID_SEC, PRIOR_TAU_SEC);
  const delayIndex = nearestIndex(DELAY_GRID_SEC, PRIOR_DELAY_SEC);
  // Trim at the prior (twice: the first fit is pulled by what it trims), then at the best cell.
  let weights: Float64Array = new Float64Array(data.count).fill(1);
  for (let pass = 0; pass < 2; pass++) weights = trimmed(kept, data, weights, tauIndex, delayIndex);
  let grid = lossGrid(kept, data, weights);
  const best = argmin(grid.mse);
  weights = trimmed(kept, data, weights, Math.floor(best / DELAY_GRID_SEC.length), best % DELAY_GRID_SEC.length);
  grid = lossGrid(kept, data, weights);
  if (grid.points < MIN_LOSS_POINTS) return undefined;
  const speedSpreadMps = spreadOf(kept, data, weights);
  return { points: grid.points, speedSpreadMps, logMse: grid.mse.map((mse) => Math.log(Math.max(mse, 1e-12))) };
}

/** 10th to 90th percentile of the (smoothed) speed at the loss points that count. */
function spreadOf(segments: readonly ResponseSegment[], data: LossPoints, weights: Float64Array): number {
  const speeds: number[] = [];
  for (let i = 0; i < data.count; i++) {
    if ((weights[i] as number) > 0) speeds.push((segments[data.segment[i] as number] as ResponseSegment).gapSpeedMps[data.index[i] as number] as number);
  }
  return (quantile(speeds, 0.9) ?? 0) - (quantile(speeds, 0.1) ?? 0);
}

/** The seconds the loss reads: every LOSS_STEP_SEC-th with a heart rate, as (segment, index, hr, hours). */
interface LossPoints {
  readonly count: number;
  readonly segment: Int32Array;
  readonly index: Int32Array;
  readonly hrBpm: Float64Array;
  readonly hours: Float64Array;
}

function lossPoints(segments: readonly ResponseSegment[]): LossPoints {
  const segment: number[] = [];
  const index: number[] = [];
  const hr: number[] = [];
  const hours: number[] = [];
  segments.forEach((s, si) => {
    for (let k = 0; k < s.hrBpm.length; k += LOSS_STEP_SEC) {
      const bpm = s.hrBpm[k] as number;
      if (Number.isNaN(bpm)) continue;
      segment.push(si);
      index.push(k);
      hr.push(bpm);
      hours.push((s.startTimerSec + k) / 3600);
    }
  });
  return { count: hr.length, segment: Int32Array.from(segment), index: Int32Array.from(index), hrBpm: Float64Array.from(hr), hours: Float64Array.from(hours) };
}

/**
 * The columns for one τ: the unit-gain response without delay per segment
 * (a delay d reads it d seconds earlier: the response starts at rest, so
 * x_d(k) = x_0(k − d), and input[0] before that), and the fixed columns'
 * normal equations, which do not depend on the delay: [1, hours, one
 * transient e^(−t/τ) per segment].
 */
interface TauColumns {
  readonly tauSec: number;
  readonly x0: readonly Float64Array[];
  readonly transient: Float64Array;
  /** Fixed columns' Gram matrix (q×q, row-major) and their products with heart rate. */
  readonly gram: Float64Array;
  readonly gramY: Float64Array;
  readonly yy: number;
  readonly weight: number;
}

/** Heart rate and hours are centred (weighted), so that the normal equations lose no digits to a level of 150 bpm. */
interface Centred {
  readonly y: Float64Array;
  readonly hours: Float64Array;
}

function centred(data: LossPoints, weights: Float64Array): Centred {
  const hrMean = mean(data.hrBpm, weights);
  const hoursMean = mean(data.hours, weights);
  return { y: data.hrBpm.map((v) => v - hrMean), hours: data.hours.map((v) => v - hoursMean) };
}

function tauColumns(segments: readonly ResponseSegment[], data: LossPoints, c: Centred, weights: Float64Array, tauSec: number): TauColumns {
  const q = 2 + segments.length;
  const x0 = segments.map((s) => firstOrderResponse(s.gapSpeedMps, tauSec, 0));
  const transient = new Float64Array(data.count);
  const gram = new Float64Array(q * q);
  const gramY = new Float64Array(q);
  let yy = 0;
  let weight = 0;
  for (let i = 0; i < data.count; i++) {
    const w = weights[i] as number;
    const e = Math.exp(-(data.index[i] as number) / tauSec);
    transient[i] = e;
    if (w === 0) continue;
    const h = c.hours[i] as number;
    const y = c.y[i] as number;
    const t = 2 + (data.segment[i] as number);
    yy += w * y * y;
    weight += w;
    gram[0] = (gram[0] as number) + w;
    gram[1] = (gram[1] as number) + w * h;
    gram[q + 1] = (gram[q + 1] as number) + w * h * h;
    gram[t] = (gram[t] as number) + w * e;
    gram[q + t] = (gram[q + t] as number) + w * h * e;
    gram[t * q + t] = (gram[t * q + t] as number) + w * e * e;
    gramY[0] = (gramY[0] as number) + w * y;
    gramY[1] = (gramY[1] as number) + w * h * y;
    gramY[t] = (gramY[t] as number) + w * e * y;
  }
  for (let a = 0; a < q; a++) for (let b = 0; b < a; b++) gram[a * q + b] = gram[b * q + a] as number;
  return { tauSec, x0, transient, gram, gramY, yy, weight };
}

/** The response at loss point i for delay d. */
function xAt(columns: TauColumns, segments: readonly ResponseSegment[], data: LossPoints, i: number, delaySec: number): number {
  const s = data.segment[i] as number;
  const k = (data.index[i] as number) - delaySec;
  return k >= 0 ? ((columns.x0[s] as Float64Array)[k] as number) : ((segments[s] as ResponseSegment).gapSpeedMps[0] as number);
}

/**
 * Weighted least squares of heart rate on [1, hours, transients, x] for
 * one delay: the coefficients (fixed columns first, x last) and the
 * residual sum of squares.
 */
function solveCell(columns: TauColumns, segments: readonly ResponseSegment[], data: LossPoints, weights: Float64Array, c: Centred, delaySec: number, work: CellWork) {
  const q = 2 + segments.length;
  const p = q + 1;
  const gx = work.gx.fill(0);
  let xx = 0;
  let xy = 0;
  for (let i = 0; i < data.count; i++) {
    const w = weights[i] as number;
    if (w === 0) continue;
    const x = xAt(columns, segments, data, i, delaySec);
    const wx = w * x;
    gx[0] = (gx[0] as number) + wx;
    gx[1] = (gx[1] as number) + wx * (c.hours[i] as number);
    const t = 2 + (data.segment[i] as number);
    gx[t] = (gx[t] as number) + wx * (columns.transient[i] as number);
    xx += wx * x;
    xy += wx * (c.y[i] as number);
  }
  const { matrix, rhs } = work;
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) matrix[a * p + b] = columns.gram[a * q + b] as number;
    matrix[a * p + q] = gx[a] as number;
    matrix[q * p + a] = gx[a] as number;
    rhs[a] = columns.gramY[a] as number;
  }
  matrix[q * p + q] = xx;
  rhs[q] = xy;
  const beta = solveSymmetric(matrix, rhs, p);
  let explained = 0;
  for (let a = 0; a < p; a++) explained += (beta[a] as number) * (rhs[a] as number);
  return { beta, sse: Math.max(0, columns.yy - explained) };
}

/**
 * The arrays one cell's sums go in, made once per grid and reused for
 * each of its hundreds of cells: a fresh set per cell would make garbage
 * collection most of the cost.
 */
interface CellWork {
  readonly gx: Float64Array;
  readonly matrix: Float64Array;
  readonly rhs: Float64Array;
}

function cellWork(segmentCount: number): CellWork {
  const p = 3 + segmentCount;
  return { gx: new Float64Array(p - 1), matrix: new Float64Array(p * p), rhs: new Float64Array(p) };
}

function mean(values: Float64Array, weights: Float64Array): number {
  let sum = 0;
  let weight = 0;
  for (let i = 0; i < values.length; i++) {
    sum += (weights[i] as number) * (values[i] as number);
    weight += weights[i] as number;
  }
  return weight > 0 ? sum / weight : 0;
}

/** Weights 0/1: the seconds within TRIM_SCALES robust SDs of the fit at the cell (fitted on the current weights' seconds). */
function trimmed(segments: readonly ResponseSegment[], data: LossPoints, weights: Float64Array, tauIndex: number, delayIndex: number): Float64Array {
  const c = centred(data, weights);
  const columns = tauColumns(segments, data, c, weights, TAU_GRID_SEC[tauIndex] as number);
  const delaySec = DELAY_GRID_SEC[delayIndex] as number;
  const { beta } = solveCell(columns, segments, data, weights, c, delaySec, cellWork(segments.length));
  const residuals = new Float64Array(data.count);
  for (let i = 0; i < data.count; i++) {
    const predicted =
      (beta[0] as number) +
      (beta[1] as number) * (c.hours[i] as number) +
      (beta[2 + (data.segment[i] as number)] as number) * (columns.transient[i] as number) +
      (beta[2 + segments.length] as number) * xAt(columns, segments, data, i, delaySec);
    residuals[i] = (c.y[i] as number) - predicted;
  }
  const kept: number[] = [];
  for (let i = 0; i < data.count; i++) if ((weights[i] as number) > 0) kept.push(residuals[i] as number);
  const centre = median(kept) ?? 0;
  const scale = Math.max(MIN_SCALE_BPM, MAD_TO_SD * (median(kept.map((r) => Math.abs(r - centre))) ?? 0));
  const out = new Float64Array(data.count);
  for (let i = 0; i < data.count; i++) out[i] = Math.abs((residuals[i] as number) - centre) <= TRIM_SCALES * scale ? 1 : 0;
  return out;
}

function lossGrid(segments: readonly ResponseSegment[], data: LossPoints, weights: Float64Array): { mse: number[]; points: number } {
  const mse: number[] = [];
  const c = centred(data, weights);
  const work = cellWork(segments.length);
  let points = 0;
  for (const tauSec of TAU_GRID_SEC) {
    const columns = tauColumns(segments, data, c, weights, tauSec);
    points = columns.weight;
    for (const delaySec of DELAY_GRID_SEC) {
      const { sse } = solveCell(columns, segments, data, weights, c, delaySec, work);
      mse.push(columns.weight > 0 ? sse / columns.weight : Number.POSITIVE_INFINITY);
    }
  }
  return { mse, points };
}

// ---------------------------------------------------------------------------
// Many runs

/**
 * The response that best explains the runs together (profile likelihood),
 * refined between grid points; `picked` chooses runs by index, with
 * repeats (a bootstrap resample). Undefined without runs.
 */
export function fitResponse(runs: readonly RunResponse[], picked: readonly number[] = runs.map((_, i) => i)): ResponseFit | undefined {
  picked = picked.filter((i) => (runs[i] as RunResponse).speedSpreadMps >= RESPONSE_MIN_SPEED_SPREAD_MPS);
  if (picked.length === 0) return undefined;
  const total = combinedLoss(runs, picked);
  const best = argmin(total);
  const nd = DELAY_GRID_SEC.length;
  const ti = Math.floor(best / nd);
  const di = best % nd;
  const logTaus = TAU_GRID_SEC.map(Math.log);
  const loss = (i: number, j: number): number => total[i * nd + j] as number;
  // τ and delay trade off (a longer lag reads much like a later start), so the minimum is refined in both at once where it can be.
  const both = refine2d(loss, ti, di);
  const logTau = both === undefined ? refine(logTaus, (i) => loss(i, di), ti) : interpolate(logTaus, ti, both.u);
  const delaySec = both === undefined ? refine(DELAY_GRID_SEC, (j) => loss(ti, j), di) : interpolate(DELAY_GRID_SEC, di, both.v);
  return {
    tauSec: Math.exp(logTau),
    delaySec,
    runCount: picked.length,
    points: picked.reduce((n, i) => n + (runs[i] as RunResponse).points, 0),
    onEdge: ti === 0 || ti === TAU_GRID_SEC.length - 1 || di === nd - 1,
  };
}

/** Σ over the picked runs of (n/2)·log(SSR/n), up to a constant. */
export function combinedLoss(runs: readonly RunResponse[], picked: readonly number[]): number[] {
  const total = new Array<number>(TAU_GRID_SEC.length * DELAY_GRID_SEC.length).fill(0);
  for (const i of picked) {
    const run = runs[i] as RunResponse;
    run.logMse.forEach((value, cell) => {
      total[cell] = (total[cell] as number) + (run.points / 2) * value;
    });
  }
  return total;
}

/**
 * The minimum of the quadratic surface fitted (least squares) to the 3×3
 * cells around grid cell (ti, di), in cell units (−1…1 each way);
 * undefined at the grid's edge or where the surface has no minimum.
 */
function refine2d(loss: (i: number, j: number) => number, ti: number, di: number): { u: number; v: number } | undefined {
  if (ti === 0 || ti === TAU_GRID_SEC.length - 1 || di === 0 || di === DELAY_GRID_SEC.length - 1) return undefined;
  const p = 6;
  const ata = new Float64Array(p * p);
  const aty = new Float64Array(p);
  const centre = loss(ti, di);
  for (let u = -1; u <= 1; u++) {
    for (let v = -1; v <= 1; v++) {
      const row = [1, u, v, u * u, v * v, u * v];
      const z = loss(ti + u, di + v) - centre;
      for (let a = 0; a < p; a++) {
        aty[a] = (aty[a] as number) + (row[a] as number) * z;
        for (let b = 0; b < p; b++) ata[a * p + b] = (ata[a * p + b] as number) + (row[a] as number) * (row[b] as number);
      }
    }
  }
  const [, bu, bv, duu, dvv, duv] = solveSymmetric(ata, aty, p) as unknown as [number, number, number, number, number, number];
  // Gradient zero: [2duu duv; duv 2dvv]·[u v] = −[bu bv]; a minimum needs the matrix positive definite.
  const determinant = 4 * duu * dvv - duv * duv;
  if (!(duu > 0 && determinant > 0)) return undefined;
  const u = (-2 * dvv * bu + duv * bv) / determinant;
  const v = (duv * bu - 2 * duu * bv) / determinant;
  return { u: Math.max(-1, Math.min(1, u)), v: Math.max(-1, Math.min(1, v)) };
}

/** The grid value `offset` cells from index i (−1…1), linearly between neighbours. */
function interpolate(xs: readonly number[], i: number, offset: number): number {
  const x = xs[i] as number;
  const next = (offset >= 0 ? xs[i + 1] : xs[i - 1]) as number;
  return x + Math.abs(offset) * (next - x);
}

/** The vertex of the parabola through the minimum and its neighbours on axis `xs`, kept within them. */
function refine(xs: readonly number[], loss: (i: number) => number, i: number): number {
  const x = xs[i] as number;
  if (i === 0 || i === xs.length - 1) return x;
  const x0 = xs[i - 1] as number;
  const x2 = xs[i + 1] as number;
  const y0 = loss(i - 1);
  const y1 = loss(i);
  const y2 = loss(i + 1);
  const denominator = (x0 - x) * (y0 - y2) - (x0 - x2) * (y0 - y1);
  if (!(Math.abs(denominator) > 0)) return x;
  const vertex = x - 0.5 * (((x0 - x) ** 2) * (y0 - y2) - (x0 - x2) ** 2 * (y0 - y1)) / denominator;
  return Math.min(x2, Math.max(x0, vertex));
}

// ---------------------------------------------------------------------------
// Small helpers

function geometricGrid(from: number, to: number, ratio: number): number[] {
  const count = Math.round(Math.log(to / from) / Math.log(ratio)) + 1;
  const step = Math.pow(to / from, 1 / (count - 1));
  return Array.from({ length: count }, (_, i) => Math.round(from * step ** i * 10) / 10);
}

function nearestIndex(values: readonly number[], target: number): number {
  let best = 0;
  values.forEach((v, i) => {
    if (Math.abs(v - target) < Math.abs((values[best] as number) - target)) best = i;
  });
  return best;
}

function argmin(values: readonly number[]): number {
  let best = 0;
  values.forEach((v, i) => {
    if (v < (values[best] as number)) best = i;
  });
  return best;
}

/** Solves the p×p symmetric system (row-major) by Gaussian elimination with partial pivoting and a tiny ridge. */
function solveSymmetric(matrix: Float64Array, rhs: Float64Array, p: number): Float64Array {
  const a = Float64Array.from(matrix);
  const b = Float64Array.from(rhs);
  for (let i = 0; i < p; i++) a[i * p + i] = (a[i * p + i] as number) * (1 + RIDGE) + RIDGE;
  for (let col = 0; col < p; col++) {
    let pivot = col;
    for (let r = col + 1; r < p; r++) if (Math.abs(a[r * p + col] as number) > Math.abs(a[pivot * p + col] as number)) pivot = r;
    if (pivot !== col) {
      for (let c = 0; c < p; c++) {
        const t = a[col * p + c] as number;
        a[col * p + c] = a[pivot * p + c] as number;
        a[pivot * p + c] = t;
      }
      const t = b[col] as number;
      b[col] = b[pivot] as number;
      b[pivot] = t;
    }
    const diagonal = a[col * p + col] as number;
    if (diagonal === 0) continue;
    for (let r = col + 1; r < p; r++) {
      const factor = (a[r * p + col] as number) / diagonal;
      if (factor === 0) continue;
      for (let c = col; c < p; c++) a[r * p + c] = (a[r * p + c] as number) - factor * (a[col * p + c] as number);
      b[r] = (b[r] as number) - factor * (b[col] as number);
    }
  }
  const x = new Float64Array(p);
  for (let r = p - 1; r >= 0; r--) {
    let sum = b[r] as number;
    for (let c = r + 1; c < p; c++) sum -= (a[r * p + c] as number) * (x[c] as number);
    const diagonal = a[r * p + r] as number;
    x[r] = diagonal === 0 ? 0 : sum / diagonal;
  }
  return x;
}
