/**
 * What a read of a FIT file gives (./sdk-read.ts through the SDK,
 * ./lean-read.ts without it), and the words for what went wrong. No SDK here:
 * a replay of an ordinary file never loads it.
 */
import type { Fields } from './fields.ts';

/** Why the SDK stopped early, when it did. */
export type ReadProblem =
  | { readonly kind: 'compressed' }
  | { readonly kind: 'truncated' }
  | { readonly kind: 'crc' }
  | { readonly kind: 'damaged'; readonly atByte: number | undefined; readonly reason: string }
  /** An exception inside the SDK (a TypeError, not one of its own errors): where its stream stood, of how many bytes. */
  | { readonly kind: 'sdk'; readonly atByte: number; readonly ofBytes: number };

export type ReadOutcome =
  | { readonly kind: 'error'; readonly error: string }
  | {
      readonly kind: 'read';
      readonly messages: Fields;
      readonly intact: boolean;
      readonly problem: ReadProblem | undefined;
      /** Records carry `compressedSpeedDistance`. */
      readonly compressedSpeed: boolean;
      /** Records came from record-scan.ts (cut to the fields records.ts reads), the rest from the SDK. */
      readonly lean: boolean;
      /**
       * How many records went to `onRecord` (the lean path, asked for them
       * that way); undefined when the records are in `messages` instead, and
       * whatever `onRecord` was sent before is to be dropped.
       */
      readonly streamed: number | undefined;
    };

export function problemText(problem: ReadProblem): string {
  switch (problem.kind) {
    case 'compressed':
      return 'the FIT SDK cannot read compressed-timestamp records';
    case 'truncated':
      return 'file is truncated';
    case 'crc':
      return 'file fails its CRC check';
    case 'damaged':
      return `file is damaged${problem.atByte === undefined ? '' : ` at byte ${problem.atByte}`} (${problem.reason})`;
    case 'sdk':
      return `the FIT SDK failed on the data at byte ${problem.atByte} of ${problem.ofBytes} and could not read the rest`;
  }
}

export function problemError(problem: ReadProblem): string {
  switch (problem.kind) {
    case 'compressed':
      return 'the FIT SDK cannot read compressed-timestamp records: 0 records decoded';
    default:
      return `${problemText(problem)}: no records decoded`;
  }
}

/**
 * How many FIT files follow each other in the bytes (chained files: several
 * headers, each followed by its data and CRC). Stops at the first bad header;
 * the SDK reports that one.
 */
export function countChainedFiles(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  let position = 0;
  while (position + 12 <= bytes.byteLength) {
    const headerSize = view.getUint8(position);
    const isFit =
      (headerSize === 12 || headerSize === 14) &&
      view.getUint32(position + 8, false) === FIT_DATA_TYPE_TAG;
    if (!isFit) break;
    count++;
    position += headerSize + view.getUint32(position + 4, true) + 2;
  }
  return count;
}

/** ".FIT" read as a big-endian 32-bit number: the tag at byte 8 of every FIT header. */
const FIT_DATA_TYPE_TAG = 0x2e464954;
