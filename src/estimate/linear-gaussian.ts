/**
 * The two moves of a linear-Gaussian filter on a small dense state, as pure
 * functions on plain arrays (row-major covariance). Nothing here knows what
 * the state means: dynamic/ says how it moves, observation/ what a sensor
 * sees of it.
 */

/** A vector of n zeros. Plain arrays, not typed ones: a step makes a dozen small ones, and V8 makes plain arrays far faster. */
export function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

/** A Gaussian belief: mean and row-major covariance (n × n). */
export interface Belief {
  readonly mean: number[];
  readonly cov: number[];
}

/** How the state moves over one interval: x' = F x + u, with added covariance Q. */
export interface Transition {
  readonly f: number[];
  readonly u: number[];
  readonly q: number[];
}

/** What one scalar reading sees: z = h·x + noise of variance r. */
export interface ScalarObservation {
  readonly h: number[];
  readonly z: number;
  readonly r: number;
}

/** Predict: the belief carried through the transition. */
export function predict(belief: Belief, t: Transition): Belief {
  const n = belief.mean.length;
  const { mean, cov } = belief;
  const nextMean = zeros(n);
  for (let i = 0; i < n; i++) {
    let sum = t.u[i] as number;
    for (let k = 0; k < n; k++) sum += (t.f[i * n + k] as number) * (mean[k] as number);
    nextMean[i] = sum;
  }
  // FP, then (FP)Fᵀ + Q.
  const fp = zeros(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const fik = t.f[i * n + k] as number;
      if (fik === 0) continue;
      for (let j = 0; j < n; j++) fp[i * n + j] = (fp[i * n + j] as number) + fik * (cov[k * n + j] as number);
    }
  }
  const nextCov = zeros(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = t.q[i * n + j] as number;
      for (let k = 0; k < n; k++) sum += (fp[i * n + k] as number) * (t.f[j * n + k] as number);
      nextCov[i * n + j] = sum;
      nextCov[j * n + i] = sum;
    }
  }
  return { mean: nextMean, cov: nextCov };
}

/** The innovation of a reading against a belief: its residual and the residual's predicted variance. */
export function innovation(belief: Belief, obs: ScalarObservation): { readonly residual: number; readonly variance: number } {
  const n = belief.mean.length;
  let predicted = 0;
  let hph = 0;
  for (let i = 0; i < n; i++) {
    const hi = obs.h[i] as number;
    if (hi === 0) continue;
    predicted += hi * (belief.mean[i] as number);
    for (let j = 0; j < n; j++) hph += hi * (belief.cov[i * n + j] as number) * (obs.h[j] as number);
  }
  return { residual: obs.z - predicted, variance: hph + obs.r };
}

/** Correct: the belief after one scalar reading (Kalman update, covariance kept symmetric). */
export function correct(belief: Belief, obs: ScalarObservation): Belief {
  const n = belief.mean.length;
  const { mean, cov } = belief;
  const ph = zeros(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += (cov[i * n + j] as number) * (obs.h[j] as number);
    ph[i] = sum;
  }
  const { residual, variance } = innovation(belief, obs);
  if (!(variance > 0)) return belief;
  const nextMean = zeros(n);
  for (let i = 0; i < n; i++) nextMean[i] = (mean[i] as number) + ((ph[i] as number) / variance) * residual;
  const nextCov = zeros(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const value = (cov[i * n + j] as number) - ((ph[i] as number) * (ph[j] as number)) / variance;
      nextCov[i * n + j] = value;
      nextCov[j * n + i] = value;
    }
  }
  return { mean: nextMean, cov: nextCov };
}

