/**
 * Arbitrary runs for the guards' property tests (today's guard,
 * tests/guard/properties.test.ts; the effort model,
 * tests/estimate/properties.test.ts): stretches of any pace and heart rate,
 * missing channels, irregular sampling, gaps and pauses. Cadence only when
 * asked for: without it the draws are the ones today's guard was always
 * tested on.
 */
import fc from 'fast-check';
import type { GuardInput } from '../../src/samples/sample.ts';
import { START_MS } from './runs.ts';

interface Piece {
  readonly seconds: number;
  readonly stepMs: number;
  readonly paceSecPerKm: number | null;
  readonly hrBpm: number | null;
  readonly cadenceSpm?: number | null;
  readonly gapAfterMs: number;
  readonly pausedAfter: boolean;
}

export function runArb(pace: fc.Arbitrary<number>, hr: fc.Arbitrary<number>, cadence?: fc.Arbitrary<number>): fc.Arbitrary<GuardInput[]> {
  const common = {
    seconds: fc.integer({ min: 1, max: 240 }),
    stepMs: fc.constantFrom(1000, 1000, 1000, 4000, 5000),
    paceSecPerKm: fc.option(pace, { nil: null }),
    hrBpm: fc.option(hr, { nil: null }),
  };
  const after = {
    gapAfterMs: fc.constantFrom(0, 0, 0, 8_000, 45_000),
    pausedAfter: fc.constantFrom(false, false, false, true),
  };
  // Key order is draw order: the cadence sits where the model's tests always drew it.
  const piece: fc.Arbitrary<Piece> =
    cadence === undefined ? fc.record({ ...common, ...after }) : fc.record({ ...common, cadenceSpm: fc.option(cadence, { nil: null }), ...after });
  return fc.array(piece, { minLength: 1, maxLength: 12 }).map(toInputs);
}

function toInputs(pieces: readonly Piece[]): GuardInput[] {
  const inputs: GuardInput[] = [];
  let t = START_MS;
  for (const p of pieces) {
    for (let elapsed = 0; elapsed < p.seconds * 1000; elapsed += p.stepMs) {
      inputs.push({
        kind: 'sample',
        atMs: t,
        ...(p.paceSecPerKm !== null ? { speedMps: 1000 / p.paceSecPerKm } : {}),
        ...(p.hrBpm !== null ? { hrBpm: p.hrBpm } : {}),
        ...(p.cadenceSpm !== undefined && p.cadenceSpm !== null ? { cadenceSpm: p.cadenceSpm } : {}),
      });
      t += p.stepMs;
    }
    if (p.pausedAfter) {
      inputs.push({ kind: 'pause', atMs: t });
      t += p.gapAfterMs + 60_000;
      inputs.push({ kind: 'resume', atMs: t });
    } else {
      t += p.gapAfterMs;
    }
  }
  return inputs;
}

/** Inputs cut into consecutive chunks of the given sizes, taken in turn (as a Bluetooth queue hands them over). */
export function chunksOf<T>(inputs: readonly T[], sizes: readonly number[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0, k = 0; i < inputs.length; k++) {
    const size = sizes[k % sizes.length] ?? 1;
    chunks.push(inputs.slice(i, i + size));
    i += size;
  }
  return chunks;
}
