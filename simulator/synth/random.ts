/**
 * Small seeded randomness for the synthesizer. Everything here is a pure
 * function of (seed, label): the same seed gives the same run, bit for bit,
 * on every machine (only integer maths, `Math.imul` and IEEE doubles).
 *
 * Each noise model draws from its own stream (`stream(seed, 'gps-speed')`), so
 * adding or tuning one model never shifts the numbers another one sees: the
 * physical truth of a scenario stays the same whatever recording options it
 * is given.
 */

import { mulberry32, type Random } from '../../src/random/mulberry32.ts';

export { mulberry32, type Random };

/** FNV-1a of the label, mixed with the seed: one independent stream per (seed, label). */
export function streamSeed(seed: number, label: string): number {
  let hash = (0x811c9dc5 ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < label.length; i += 1) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function stream(seed: number, label: string): Random {
  return mulberry32(streamSeed(seed, label));
}

export function uniform(random: Random, lo: number, hi: number): number {
  return lo + (hi - lo) * random();
}

/** Integer in [lo, hi], both ends included. */
export function uniformInt(random: Random, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

/** Standard normal draw (Box–Muller; one of the pair is dropped to stay stateless). */
export function gaussian(random: Random): number {
  const u = 1 - random(); // (0, 1]: log is finite
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A stationary first-order autoregressive process sampled once a second: the
 * discrete Ornstein–Uhlenbeck process with standard deviation `sigma` and
 * correlation time `tauSec` (correlation between readings `k` seconds apart is
 * exp(−k / tauSec)). It starts from a stationary draw, so there is no settling.
 */
export function ar1(random: Random, sigma: number, tauSec: number): () => number {
  const keep = tauSec > 0 ? Math.exp(-1 / tauSec) : 0;
  const innovation = sigma * Math.sqrt(1 - keep * keep);
  let value = sigma * gaussian(random);
  return () => {
    value = keep * value + innovation * gaussian(random);
    return value;
  };
}

/**
 * Times of a Poisson process of `perHour` events over `durationSec` seconds,
 * as whole seconds, ascending (two events may share a second).
 */
export function poissonTimesSec(random: Random, perHour: number, durationSec: number): number[] {
  const times: number[] = [];
  if (perHour <= 0) return times;
  const meanGapSec = 3600 / perHour;
  let atSec = 0;
  for (;;) {
    atSec += -Math.log(1 - random()) * meanGapSec;
    if (atSec >= durationSec) return times;
    times.push(Math.floor(atSec));
  }
}
