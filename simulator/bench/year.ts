/**
 * A year of running for the benchmarks, made at run time from the corpus
 * (`../shared/corpus/runs`), never stored: the corpus runs copied again and
 * again into a folder until it holds a million records (about 300 h).
 *
 * Identical copies would measure nothing: the commands skip a file whose
 * content they have already seen, and their caches are keyed by content. So
 * copy k differs from the original in the FIT header's profile-version field
 * only (two bytes, set to k; the header and file CRCs recomputed when the
 * original's were valid): every record decodes exactly as in the original.
 * Copies keep their runs' start times, so every copy is decoded and judged,
 * then one run per start time is kept: what the commands print rests on the
 * corpus's runs; the time is that of the whole year.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CrcCalculator, Decoder, Stream } from '@garmin/fitsdk';
import { FIT_NAME } from '../commands/calibrate/files.ts';

export const CORPUS_RUNS = path.resolve('../shared/corpus/runs');
/** About a year of running: a million records, at one a second some 280 h. */
export const YEAR_RECORDS = 1_000_000;

export interface CorpusFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface Year {
  readonly dir: string;
  readonly originals: readonly CorpusFile[];
  readonly copies: number;
  readonly files: number;
  readonly corpusRecords: number;
  readonly records: number;
  readonly bytes: number;
}

export function corpusAvailable(): boolean {
  return existsSync(CORPUS_RUNS);
}

/** The corpus's FIT runs (not the gzipped ones), sorted by name. */
export function corpusRuns(): CorpusFile[] {
  const names = readdirSync(CORPUS_RUNS).filter((n) => FIT_NAME.test(n) && !/\.gz$/i.test(n)).sort();
  return names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(CORPUS_RUNS, name))) }));
}

/** The SDK's own read, every option at its default: the number of records. */
export function sdkDefaultRecords(bytes: Uint8Array): number {
  const { messages } = new Decoder(Stream.fromArrayBuffer(bytes.slice().buffer)).read();
  return (messages['recordMesgs'] as unknown[] | undefined)?.length ?? 0;
}

/** Copy k: the profile version set to k, CRCs made right again if they were right. */
export function variant(bytes: Uint8Array, k: number): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  const headerSize = view.getUint8(0);
  const end = headerSize + view.getUint32(4, true);
  const crcOk = end + 2 <= copy.byteLength && view.getUint16(end, true) === CrcCalculator.calculateCRC(copy, 0, end);
  const headerCrcSet = headerSize === 14 && view.getUint16(12, true) !== 0;
  view.setUint16(2, k, true);
  if (headerCrcSet) view.setUint16(12, CrcCalculator.calculateCRC(copy, 0, 12), true);
  if (crcOk) view.setUint16(end, CrcCalculator.calculateCRC(copy, 0, end), true);
  return copy;
}

/** Writes the year into `dir` (copy-00 … copy-NN), each copy a folder of the corpus runs. */
export function writeYear(dir: string, originals: readonly CorpusFile[] = corpusRuns()): Year {
  const corpusRecords = originals.reduce((n, f) => n + sdkDefaultRecords(f.bytes), 0);
  const copies = Math.ceil(YEAR_RECORDS / corpusRecords);
  let bytes = 0;
  for (let k = 0; k < copies; k++) {
    const copyDir = path.join(dir, `copy-${String(k).padStart(2, '0')}`);
    mkdirSync(copyDir, { recursive: true });
    for (const { name, bytes: original } of originals) {
      const copy = k === 0 ? original : variant(original, k);
      writeFileSync(path.join(copyDir, name), copy);
      bytes += copy.byteLength;
    }
  }
  return { dir, originals, copies, files: originals.length * copies, corpusRecords, records: corpusRecords * copies, bytes };
}
