/**
 * The corpus's real runs as the hindsight judge sees them, for `bench:real`
 * (../real.ts) and the model's quick loop on real runs (../model-real.ts):
 * each FIT, GPX or TCX recording of ../shared/corpus's run folders read,
 * put on its own clock from 0 (the judge's seconds), judged into seconds,
 * and given its own ceilings.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GuardInput } from '../../../src/samples/sample.ts';
import { decodeRecording } from '../../../src/track/recording.ts';
import { unpack } from '../../../src/unpack/unpack.ts';
import { runCeilings } from './ceilings.ts';
import type { JudgeCeilings } from './judge.ts';
import { judgeSeries, type JudgeSecond } from './series.ts';

/** The corpus beside the project: `../shared/corpus` from its root (where npm runs scripts). */
export const CORPUS_DIR = path.resolve(process.cwd(), '../shared/corpus');
/** The corpus folders with runs: FIT runs, and GPX/TCX runs (some gzipped). */
export const FOLDERS = ['runs', 'gpx_tcx'] as const;
const RECORDING = /\.(fit|gpx|tcx)(\.gz)?$/i;

export interface JudgedRecording {
  readonly folder: (typeof FOLDERS)[number];
  readonly file: string;
  /** On the run's own clock from 0, as the judge's seconds are. */
  readonly inputs: readonly GuardInput[];
  readonly seconds: readonly JudgeSecond[];
  readonly ceilings: JudgeCeilings;
}

/** True when every run folder is there; otherwise a bench says so and judges nothing. */
export function corpusRunsAvailable(): boolean {
  return FOLDERS.every((folder) => existsSync(path.join(CORPUS_DIR, folder)));
}

/** Every recording of the run folders, in name order: judged, or why not (`folder/file: reason`). */
export async function* judgedRecordings(): AsyncGenerator<JudgedRecording | string> {
  for (const folder of FOLDERS) {
    const files = (await readdir(path.join(CORPUS_DIR, folder))).filter((name) => RECORDING.test(name)).sort();
    for (const file of files) yield readRecording(folder, file);
  }
}

async function readRecording(folder: JudgedRecording['folder'], file: string): Promise<JudgedRecording | string> {
  const unpacked = unpack(new Uint8Array(await readFile(path.join(CORPUS_DIR, folder, file))));
  if (!unpacked.ok) return `${folder}/${file}: ${unpacked.error}`;
  const decoded = decodeRecording(unpacked.bytes);
  if (!decoded.ok) return `${folder}/${file}: ${decoded.error}`;
  const firstMs = decoded.inputs[0]?.atMs ?? 0;
  const inputs = decoded.inputs.map((input) => ({ ...input, atMs: input.atMs - firstMs }));
  const seconds = judgeSeries(inputs);
  const ceilings = runCeilings(seconds);
  if (ceilings === undefined) return `${folder}/${file}: no moving pace or no heart rate after the warm-ups`;
  return { folder, file, inputs, seconds, ceilings };
}
