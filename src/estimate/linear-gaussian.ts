/**
 * The two moves of a linear-Gaussian filter on a small dense state. Nothing
 * here knows what the state means: dynamic/ says how it moves, observation/
 * what a sensor sees of it.
 *
 * Built for a step a second on a watch: predict visits only the non-zero
 * entries of the transition (kept sparse, row by row, when the transition is
 * made), so it costs n·nnz instead of n³; a correction is done in place on a
 * belief its caller owns. The sums run over the same terms in the same order
 * as the textbook dense products (a zero term adds nothing), so the results
 * are those of the dense formulas to the last bit for finite values
 * (tests/estimate/linear-gaussian.test.ts checks it against them).
 *
 * Vectors and matrices are plain arrays (row-major), not typed ones: a pure
 * step makes a new belief each time, and V8 allocates a small plain array an
 * order of magnitude faster than a Float64Array.
 */

/** A vector of n zeros (packed: it grows as doubles without holes). */
export function zeros(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(0);
  return out;
}

/** A Gaussian belief: mean and row-major covariance (n × n). */
export interface Belief {
  readonly mean: number[];
  readonly cov: number[];
}

/**
 * How the state moves over one interval: x' = F x + u, with added covariance
 * Q. F is kept by rows of its non-zero entries: row i's are at
 * rowStart[i] ≤ p < rowStart[i + 1], column cols[p], value values[p], columns
 * ascending. Make one with `transition`.
 */
export interface Transition {
  readonly n: number;
  readonly rowStart: readonly number[];
  readonly cols: readonly number[];
  readonly values: readonly number[];
  readonly u: readonly number[];
  /** Added covariance, dense row-major n × n. */
  readonly q: readonly number[];
  /** Row i of F is its diagonal entry alone (a state that only keeps a share of itself)… */
  readonly onlyDiagonal: readonly boolean[];
  /** …and that entry (F's diagonal, 0 where absent). */
  readonly diagonal: readonly number[];
}

/** A transition from dense F (row-major n × n), u and Q: F's zeros are dropped once here, not visited each step. */
export function transition(f: readonly number[], u: readonly number[], q: readonly number[]): Transition {
  const n = u.length;
  if (f.length !== n * n || q.length !== n * n) throw new Error(`transition: F and Q must be ${n} × ${n} for a state of ${n}`);
  const rowStart: number[] = [0];
  const cols: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const value = f[i * n + k] as number;
      if (value === 0) continue;
      cols.push(k);
      values.push(value);
    }
    rowStart.push(cols.length);
  }
  const onlyDiagonal: boolean[] = [];
  const diagonal: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = rowStart[i] as number;
    onlyDiagonal.push((rowStart[i + 1] as number) - start === 1 && cols[start] === i);
    diagonal.push(f[i * n + i] as number);
  }
  return { n, rowStart, cols, values, u: [...u], q: [...q], onlyDiagonal, diagonal };
}

/** F's entry (i, j): 0 where F has none. */
export function transitionEntry(t: Transition, i: number, j: number): number {
  const end = t.rowStart[i + 1] as number;
  for (let p = t.rowStart[i] as number; p < end; p++) if (t.cols[p] === j) return t.values[p] as number;
  return 0;
}

/** The same transition with Q's entries (i, j) and (j, i) set to `value`: F and u shared, nothing else remade. */
export function withAddedCovariance(t: Transition, i: number, j: number, value: number): Transition {
  const q = t.q.slice();
  q[i * t.n + j] = value;
  q[j * t.n + i] = value;
  return { n: t.n, rowStart: t.rowStart, cols: t.cols, values: t.values, u: t.u, q, onlyDiagonal: t.onlyDiagonal, diagonal: t.diagonal };
}

/** What one scalar reading sees: z = h·x + noise of variance r. */
export interface ScalarObservation {
  readonly h: readonly number[];
  readonly z: number;
  readonly r: number;
}

/**
 * Workspace of the moves below (one row of F·P; P·h), reused from call to
 * call so that a step allocates nothing but the belief it returns. It never
 * carries anything from one call to the next: each call writes what it reads.
 */
let work: number[] = zeros(8);
function workspace(n: number): number[] {
  if (work.length < n) work = zeros(n);
  return work;
}

/** Indices of a reading's non-zero h entries, ascending, as nonZeroOf last found them (a workspace too). */
const nonZero: number[] = [];
/** Writes h's non-zero indices to nonZero and returns how many there are. */
function nonZeroOf(h: readonly number[]): number {
  let seen = 0;
  for (let i = 0; i < h.length; i++) {
    if (h[i] === 0) continue;
    nonZero[seen] = i;
    seen++;
  }
  return seen;
}

/** Predict: the belief carried through the transition (a new one; the one given is untouched). */
export function predict(belief: Belief, t: Transition): Belief {
  const next = { mean: belief.mean.slice(), cov: belief.cov.slice() };
  predictInto(next, belief, t);
  return next;
}

/**
 * Predict into `out` (its arrays of the right size, not those of `belief`):
 * mean F·x + u, covariance (F·P)·Fᵀ + Q, upper triangle mirrored.
 */
export function predictInto(out: Belief, belief: Belief, t: Transition): void {
  const { n, rowStart, cols, values, u, q, onlyDiagonal, diagonal } = t;
  const { mean, cov } = belief;
  const nextMean = out.mean;
  const nextCov = out.cov;
  if (nextMean === mean || nextCov === cov) throw new Error('predictInto: out must not share arrays with the belief it reads');
  for (let i = 0; i < n; i++) {
    let sum = u[i] as number;
    const end = rowStart[i + 1] as number;
    for (let p = rowStart[i] as number; p < end; p++) sum += (values[p] as number) * (mean[cols[p] as number] as number);
    nextMean[i] = sum;
  }
  // Row i of F·P (each entry summed over k ascending, as the dense product
  // does), then that row times Fᵀ for columns j ≥ i. Where F's row i is its
  // diagonal alone (most rows: a state that only keeps a share of itself),
  // that row of F·P is f_ii·P's row i, taken entry by entry as needed.
  const fpRow = workspace(n);
  for (let i = 0; i < n; i++) {
    if (onlyDiagonal[i] === true) {
      const fii = diagonal[i] as number;
      const rowI = i * n;
      for (let j = i; j < n; j++) {
        let sum = q[rowI + j] as number;
        if (onlyDiagonal[j] === true) {
          // Both rows diagonal: the one term, (f_ii·P_ij)·f_jj.
          sum += fii * (cov[rowI + j] as number) * (diagonal[j] as number);
        } else {
          const endJ = rowStart[j + 1] as number;
          for (let p = rowStart[j] as number; p < endJ; p++) sum += fii * (cov[rowI + (cols[p] as number)] as number) * (values[p] as number);
        }
        nextCov[rowI + j] = sum;
        nextCov[j * n + i] = sum;
      }
      continue;
    }
    for (let j = 0; j < n; j++) fpRow[j] = 0;
    const end = rowStart[i + 1] as number;
    for (let p = rowStart[i] as number; p < end; p++) {
      const fik = values[p] as number;
      const row = (cols[p] as number) * n;
      for (let j = 0; j < n; j++) fpRow[j] = (fpRow[j] as number) + fik * (cov[row + j] as number);
    }
    for (let j = i; j < n; j++) {
      let sum = q[i * n + j] as number;
      const endJ = rowStart[j + 1] as number;
      for (let p = rowStart[j] as number; p < endJ; p++) sum += (fpRow[cols[p] as number] as number) * (values[p] as number);
      nextCov[i * n + j] = sum;
      nextCov[j * n + i] = sum;
    }
  }
}

/** What the belief expects the reading to be: h·x. */
export function predictedReading(belief: Belief, h: readonly number[]): number {
  const { mean } = belief;
  let predicted = 0;
  for (let i = 0; i < h.length; i++) {
    const hi = h[i] as number;
    if (hi !== 0) predicted += hi * (mean[i] as number);
  }
  return predicted;
}

/** The reading's variance explained by the belief's own spread: h·P·hᵀ (add r for the innovation's variance). */
export function beliefVarianceAlong(belief: Belief, h: readonly number[]): number {
  const { cov } = belief;
  const n = h.length;
  const seen = nonZeroOf(h);
  let hph = 0;
  for (let a = 0; a < seen; a++) {
    const i = nonZero[a] as number;
    const hi = h[i] as number;
    for (let b = 0; b < seen; b++) {
      const j = nonZero[b] as number;
      hph += hi * (cov[i * n + j] as number) * (h[j] as number);
    }
  }
  return hph;
}

/** The innovation of a reading against a belief: its residual and the residual's predicted variance. */
export function innovation(belief: Belief, obs: ScalarObservation): { readonly residual: number; readonly variance: number } {
  return { residual: obs.z - predictedReading(belief, obs.h), variance: beliefVarianceAlong(belief, obs.h) + obs.r };
}

/** Correct: the belief after one scalar reading (Kalman update, covariance kept symmetric); a new one, the one given untouched. */
export function correct(belief: Belief, obs: ScalarObservation): Belief {
  const { residual, variance } = innovation(belief, obs);
  if (!(variance > 0)) return belief;
  const next = { mean: belief.mean.slice(), cov: belief.cov.slice() };
  correctInPlace(next, obs.h, residual, variance);
  return next;
}

/**
 * Correct `belief` in place (its caller owns it) with a reading along h whose
 * residual and innovation variance are given (see innovation; the variance
 * may be widened, as a robust correction does). No change unless the variance
 * is positive.
 */
export function correctInPlace(belief: Belief, h: readonly number[], residual: number, variance: number): void {
  if (!(variance > 0)) return;
  const { mean, cov } = belief;
  const n = h.length;
  const seen = nonZeroOf(h);
  const ph = workspace(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let a = 0; a < seen; a++) {
      const j = nonZero[a] as number;
      sum += (cov[i * n + j] as number) * (h[j] as number);
    }
    ph[i] = sum;
  }
  for (let i = 0; i < n; i++) {
    const phi = ph[i] as number;
    // A state the reading's prediction does not covary with keeps its mean and its row.
    if (phi === 0) continue;
    mean[i] = (mean[i] as number) + (phi / variance) * residual;
    for (let j = i; j < n; j++) {
      const value = (cov[i * n + j] as number) - (phi * (ph[j] as number)) / variance;
      cov[i * n + j] = value;
      cov[j * n + i] = value;
    }
  }
}
