/**
 * Robust line fitting for data with artefacts (wrist heart rate that locks on
 * too high, a stretch misjudged by GPS): Theil–Sen for a start that ignores
 * up to 29 % wild points, then Huber's M-estimator by iteratively reweighted
 * least squares, which keeps least squares' efficiency on clean data and
 * gives a wild point only a bounded pull.
 *
 * ```
 * y │      ×  (artefact: weight k·s/|r| < 1)
 *   │   ·  ·
 *   │ · ·        Huber: points within k·s of the line count fully,
 *   │·  ·        farther ones with weight k·s/|r|.
 *   └──────── x
 * ```
 *
 * References: Theil 1950 and Sen 1968 (slope = median of pairwise slopes);
 * Huber 1964, "Robust estimation of a location parameter", Ann Math Stat 35:73;
 * Holland & Welsch 1977, "Robust regression using iteratively reweighted
 * least-squares", Commun Stat 6:813 (k = 1.345: 95 % efficiency at the normal).
 */
import { MAD_TO_SD, median } from './stats.ts';

/** Huber's tuning constant in units of the residual scale: 95 % efficient on normal errors. */
export const HUBER_K = 1.345;

/** Theil–Sen looks at every pair; above this many points it uses an evenly spread subset (n² pairs). */
export const THEIL_SEN_MAX_POINTS = 400;

export interface Line {
  readonly slope: number;
  readonly intercept: number;
}

/**
 * Theil–Sen: the slope is the median of the slopes between all pairs of
 * points whose x differ by at least `minDx` (near-vertical pairs say nothing
 * about a slope but noise), the intercept the median of y − slope·x.
 * Undefined when no pair qualifies.
 */
export function theilSen(xs: readonly number[], ys: readonly number[], minDx = 0): Line | undefined {
  if (xs.length !== ys.length) throw new RangeError('theilSen: xs and ys differ in length');
  const picked = spreadSubset(xs.length, THEIL_SEN_MAX_POINTS, xs);
  const slopes: number[] = [];
  for (let a = 0; a < picked.length; a++) {
    const i = picked[a] as number;
    for (let b = a + 1; b < picked.length; b++) {
      const j = picked[b] as number;
      const dx = (xs[j] as number) - (xs[i] as number);
      if (Math.abs(dx) < minDx || dx === 0) continue;
      slopes.push(((ys[j] as number) - (ys[i] as number)) / dx);
    }
  }
  const slope = median(slopes);
  if (slope === undefined) return undefined;
  const intercept = median(xs.map((x, i) => (ys[i] as number) - slope * x));
  return intercept === undefined ? undefined : { slope, intercept };
}

/** Indices of at most `max` points spread evenly over x (all of them when there are few). */
function spreadSubset(n: number, max: number, xs: readonly number[]): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= max) return all;
  all.sort((a, b) => (xs[a] as number) - (xs[b] as number));
  return Array.from({ length: max }, (_, k) => all[Math.floor((k * (n - 1)) / (max - 1))] as number);
}

export interface RobustFit {
  /** One per column, in the columns' order. */
  readonly coefficients: readonly number[];
  readonly residuals: readonly number[];
  /** Robust residual scale (MAD × 1.4826, floored at `minScale`). */
  readonly scale: number;
  /** Final Huber weights, 1 for points that count fully. */
  readonly weights: readonly number[];
  readonly iterations: number;
  readonly converged: boolean;
}

export interface HuberOptions {
  readonly k?: number;
  readonly maxIterations?: number;
  /** Stop when no coefficient moves more than this. */
  readonly tolerance?: number;
  /**
   * Smallest residual scale: readings quantised to whole units (bpm) can make
   * the MAD zero, and a zero scale would give every imperfect point no weight.
   */
  readonly minScale?: number;
  /**
   * Measurement-error variance of each point's value in a column (undefined
   * for a column measured exactly). Noise in a predictor flattens a
   * least-squares slope toward zero (attenuation, regression dilution); the
   * corrected normal equations subtract Σ wᵢ·σᵢ² from that column's diagonal
   * (Fuller 1987, "Measurement Error Models", §1.2, method of moments).
   */
  readonly errorVariances?: readonly (readonly number[] | undefined)[];
  /**
   * The correction removes at most this share of a diagonal (0.5: a slope is
   * at most doubled): beyond, the noise swamps the spread and no correction
   * can be trusted.
   */
  readonly maxCorrectionShare?: number;
}

/**
 * Huber regression y ≈ Σ βⱼ·columnⱼ by IRLS, started from `start` (use a
 * Theil–Sen fit). The scale is re-estimated from the residuals each round.
 * Undefined when the columns are collinear for the weighted points (the
 * normal equations cannot be solved).
 */
export function huberRegression(
  columns: readonly (readonly number[])[],
  y: readonly number[],
  start: readonly number[],
  options: HuberOptions = {},
): RobustFit | undefined {
  const k = options.k ?? HUBER_K;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-6;
  const minScale = options.minScale ?? 1e-9;
  if (start.length !== columns.length) throw new RangeError('huberRegression: one start value per column');
  for (const column of columns) if (column.length !== y.length) throw new RangeError('huberRegression: columns and y differ in length');

  let beta = [...start];
  let residuals = residualsOf(columns, y, beta);
  let scale = scaleOf(residuals, minScale);
  let weights = huberWeights(residuals, k * scale);
  const correction = { errorVariances: options.errorVariances ?? [], maxShare: options.maxCorrectionShare ?? 0.5 };
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const next = weightedLeastSquares(columns, y, weights, correction);
    if (next === undefined) return undefined;
    const moved = Math.max(...next.map((b, j) => Math.abs(b - (beta[j] as number))));
    beta = next;
    residuals = residualsOf(columns, y, beta);
    scale = scaleOf(residuals, minScale);
    weights = huberWeights(residuals, k * scale);
    if (moved <= tolerance) return { coefficients: beta, residuals, scale, weights, iterations: iteration, converged: true };
  }
  return { coefficients: beta, residuals, scale, weights, iterations: maxIterations, converged: false };
}

function residualsOf(columns: readonly (readonly number[])[], y: readonly number[], beta: readonly number[]): number[] {
  return y.map((yi, i) => yi - columns.reduce((sum, column, j) => sum + (beta[j] as number) * (column[i] as number), 0));
}

function scaleOf(residuals: readonly number[], minScale: number): number {
  return Math.max(minScale, MAD_TO_SD * (median(residuals.map(Math.abs)) ?? 0));
}

function huberWeights(residuals: readonly number[], threshold: number): number[] {
  return residuals.map((r) => (Math.abs(r) <= threshold ? 1 : threshold / Math.abs(r)));
}

/** Solves (XᵀWX − D)β = XᵀWy, D the error-variance correction (none by default); undefined when singular. */
export function weightedLeastSquares(
  columns: readonly (readonly number[])[],
  y: readonly number[],
  weights: readonly number[],
  correction: { readonly errorVariances: readonly (readonly number[] | undefined)[]; readonly maxShare: number } = { errorVariances: [], maxShare: 0 },
): number[] | undefined {
  const p = columns.length;
  const a = Array.from({ length: p }, () => new Array<number>(p + 1).fill(0));
  for (let i = 0; i < y.length; i++) {
    const w = weights[i] as number;
    if (w === 0) continue;
    for (let r = 0; r < p; r++) {
      const xr = (columns[r] as readonly number[])[i] as number;
      const row = a[r] as number[];
      for (let c = 0; c < p; c++) row[c] = (row[c] as number) + w * xr * ((columns[c] as readonly number[])[i] as number);
      row[p] = (row[p] as number) + w * xr * (y[i] as number);
    }
  }
  correction.errorVariances.forEach((variances, r) => {
    const row = a[r];
    if (variances === undefined || row === undefined) return;
    const removed = variances.reduce((sum, v, i) => sum + (weights[i] as number) * v, 0);
    row[r] = (row[r] as number) - Math.min(removed, correction.maxShare * (row[r] as number));
  });
  return solve(a);
}

/** Gaussian elimination with partial pivoting on an augmented p × (p+1) matrix (modified in place). */
function solve(a: number[][]): number[] | undefined {
  const p = a.length;
  const scale = Math.max(1, ...a.map((row) => Math.max(...row.slice(0, p).map(Math.abs))));
  for (let col = 0; col < p; col++) {
    let pivot = col;
    for (let r = col + 1; r < p; r++) if (Math.abs((a[r] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number)) pivot = r;
    if (Math.abs((a[pivot] as number[])[col] as number) <= 1e-12 * scale) return undefined;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const head = a[col] as number[];
    for (let r = col + 1; r < p; r++) {
      const row = a[r] as number[];
      const factor = (row[col] as number) / (head[col] as number);
      for (let c = col; c <= p; c++) row[c] = (row[c] as number) - factor * (head[c] as number);
    }
  }
  const beta = new Array<number>(p).fill(0);
  for (let r = p - 1; r >= 0; r--) {
    const row = a[r] as number[];
    let sum = row[p] as number;
    for (let c = r + 1; c < p; c++) sum -= (row[c] as number) * (beta[c] as number);
    beta[r] = sum / (row[r] as number);
  }
  return beta;
}
