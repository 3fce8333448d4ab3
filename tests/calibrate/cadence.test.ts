/**
 * The cadence line (src/calibrate/cadence.ts), with tables: a known line is
 * recovered from seeded minutes with GPS noise in their speeds (within
 * ±1 step a minute per m/s of the slope (about 2.5 standard errors with 200 minutes), ±1 step a minute at easy pace), a few minutes of
 * walking or a footpod drop-out do not move it, and a history that cannot
 * give a line says why.
 */
import { describe, expect, test } from 'vitest';
import { CADENCE_MIN_BLOCKS, fitCadence, type CadenceBlock } from '../../src/calibrate/cadence.ts';
import { seededRandom } from '../../src/calibrate/stats.ts';

function gauss2(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.sin(2 * Math.PI * random());
}

/** Minutes mostly at easy speed, a quarter at tempo: cadence = at + slope · (speed − 3), whole strides; speeds seen with noise. */
function minutes(count: number, slopeSpmPerMps: number, atRefSpm: number, speedNoiseMps: number, seed: number): CadenceBlock[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, k) => {
    const speedMps = (k % 4 === 3 ? 3.7 : 3) + 0.1 * (random() - 0.5);
    const gauss = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return {
      speedMps: speedMps + speedNoiseMps * gauss,
      speedSeMps: speedNoiseMps,
      // A minute's step rate varies by a step or two about the line (which dithers the whole strides).
      cadenceSpm: 2 * Math.round((atRefSpm + slopeSpmPerMps * (speedMps - 3) + 1.5 * gauss2(random)) / 2),
    };
  });
}

describe('fitCadence recovers a known line', () => {
  test.each([
    // [slope spm per m/s, cadence at 3 m/s, speed noise m/s, seed]
    [8, 170, 0, 1],
    [8, 170, 0.05, 2],
    [12, 160, 0.1, 3],
    [4, 178, 0.05, 4],
    [20, 165, 0.1, 5],
  ])('slope %d, %d at easy, speed noise %d m/s (seed %d)', (slope, atRef, noise, seed) => {
    const fit = fitCadence(minutes(200, slope, atRef, noise, seed), 3);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(Math.abs(fit.line.slopeSpmPerMps - slope)).toBeLessThanOrEqual(1);
    expect(Math.abs(fit.line.cadenceAtRefSpm - atRef)).toBeLessThanOrEqual(1);
  });

  test('minutes of walking and a footpod drop-out (a tenth of them) do not move it', () => {
    const blocks = minutes(200, 8, 170, 0.05, 6).map((b, k) => (k % 10 === 5 ? { ...b, cadenceSpm: k % 20 === 5 ? 110 : 90 } : b));
    const fit = fitCadence(blocks, 3);
    expect(fit.ok).toBe(true);
    if (fit.ok) expect(fit.line.slopeSpmPerMps).toBeCloseTo(8, -0.3);
  });
});

describe('fitCadence says why there is no line', () => {
  test.each([
    ['too few minutes', minutes(CADENCE_MIN_BLOCKS - 1, 8, 170, 0, 7), `9 minutes of running with a cadence, fewer than the ${CADENCE_MIN_BLOCKS} a cadence line needs`],
    ['all at one pace', minutes(100, 8, 170, 0, 8).map((b) => ({ ...b, speedMps: 3 + (b.speedMps - 3) / 10 })), 'the minutes with a cadence are all at about one pace'],
  ])('%s', (_name, blocks, why) => {
    const fit = fitCadence(blocks, 3);
    expect(fit.ok).toBe(false);
    if (!fit.ok) expect(fit.why).toContain(why);
  });
});
