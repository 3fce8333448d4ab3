/**
 * A small synthetic history for `tune`, made with the project's own
 * generator (simulator/synth) and written with the SDK's Encoder, so that
 * which runs overshoot is known: Anna (easy 5:30, DEFAULT_RUNNER), recorded
 * with smart recording (a record every 4–6 s, as most watches do; it also
 * keeps the test fast).
 *
 * - 6 recovery runs, 20–25 min at 6:08–6:20 /km: under the profile's pace
 *   ceiling (5:30 + 30 s = 6:00) and heart-rate ceiling (145), throughout.
 * - 4 runs with a sustained overshoot: 5 min at 6:10, 12 min at 5:10 (50 s/km
 *   over the ceiling), 5 min at 6:10.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_RUNNER, type Noise, type Scenario, type Segment } from '../../simulator/synth/scenario.ts';
import { synthesizeRun } from '../../simulator/synth/synthesize.ts';
import { encodeActivity } from '../../src/fit/encode.ts';
import { RUN_START_MS } from '../fit/make-run.ts';

const DAY_MS = 86_400_000;

/** The profile the history is judged with. */
export const TUNE_PROFILE = { easyPace: '5:30', hrCeilingBpm: 145 } as const;

export const EASY_RUNS = 6;
export const OVERSHOOT_RUNS = 4;

const at = (secPerKm: number, minutes: number): Segment => ({ kind: 'run', durationSec: Math.round(minutes * 60), pace: { secPerKm } });

export function runBytes(day: number, segments: readonly Segment[], noise: Partial<Noise> = {}): Uint8Array {
  const scenario: Scenario = {
    name: `tune-day-${day}`,
    runner: DEFAULT_RUNNER,
    ceilings: { paceCeilingSecPerKm: 360, hrCeilingBpm: 145 },
    segments,
    recording: { rate: 'smart' },
    noise,
  };
  const startMs = RUN_START_MS + day * DAY_MS;
  const run = synthesizeRun(scenario, 300 + day);
  return encodeActivity({ inputs: run.inputs.map((input) => ({ ...input, atMs: input.atMs + startMs })) });
}

export const easyRun = (day: number): Uint8Array => runBytes(day, [at(368 + (day % 3) * 6, 20 + (day % 6))]);
export const overshootRun = (day: number): Uint8Array => runBytes(day, [at(370, 5), at(310, 12), at(370, 5)]);

/** Writes the history into `dir`; returns the file names, easy runs first. */
export function writeTuneHistory(dir: string): string[] {
  const files: string[] = [];
  for (let i = 0; i < EASY_RUNS; i++) {
    const file = path.join(dir, `easy-${i}.fit`);
    writeFileSync(file, easyRun(i * 2));
    files.push(file);
  }
  for (let i = 0; i < OVERSHOOT_RUNS; i++) {
    const file = path.join(dir, `overshoot-${i}.fit`);
    writeFileSync(file, overshootRun(i * 2 + 1));
    files.push(file);
  }
  return files;
}
