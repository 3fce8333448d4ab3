/**
 * The SDK call itself: bytes in, the SDK's messages (untyped) and what went
 * wrong on the way out, classified. Never throws. Only this module,
 * encode.ts import @garmin/fitsdk (record-scan.ts and lean-read.ts read its
 * profile through fit-profile.ts, generated from it).
 *
 * Records take a lean path when they can: for an intact file that
 * record-scan.ts understands, it decodes the records (the fields records.ts
 * reads, with the SDK's values) and the SDK reads the rest of the file, so
 * the SDK's per-field allocations are spent on a few hundred messages, not on
 * every record. Anything else (damaged files, hr messages, compressed speed
 * under ordinary headers, chained files, any error in the rest) takes the plain
 * SDK read, unchanged. tests/fit/record-scan.test.ts holds the two paths
 * equal on the corpus and on Encoder-made fixtures.
 * Measured (Node 20, one thread, the 72k records of corpus runs/, best of
 * 9 alternating rounds, twice): readFit 1.05 µs/record lean against 5.2
 * SDK-only (×5); all of decodeActivity 1.45. What is left: the integrity
 * check's CRC over the whole file ~0.24, the scan (with the rest's CRC)
 * ~0.22, the SDK reading the rest (12 % of the bytes) ~0.36.
 * `npm run bench:calibrate` prints the same comparison.
 */
import { Decoder, Stream } from '@garmin/fitsdk';
import type { DecoderOptions, MesgDefinition } from '@garmin/fitsdk';
import { isFields, listOf, type Fields } from './fields.ts';
import { developerFieldsReadable, RECORD_MESGS_KEY, scanRecords, type RecordView } from './record-scan.ts';
import { problemError, type ReadOutcome, type ReadProblem } from './read-outcome.ts';
import { FIELD_NUM_COMPRESSED_SPEED_DISTANCE, MESG_NUM_HR, MESG_NUM_RECORD } from './units.ts';

// What a read gives, and the names of enum values: SDK-free (./read-outcome.ts, ./names.ts), re-exported for the callers of this module.
export { countChainedFiles, problemError, problemText, type ReadOutcome, type ReadProblem } from './read-outcome.ts';
export { productModel, typeName } from './names.ts';

/**
 * Options for the common read. Measured with throwaway scripts (Node 20):
 * on 158k records of four large corpus files, SDK defaults 5.9 µs/record,
 * these 3.9 (-33 %); on the 72k records of corpus runs/ (many fields and
 * developer fields), 5.9 → 4.5 (-23 %), and all of decodeActivity 5.2.
 * The SDK is ~90 % of decodeActivity's time, its allocations most of that.
 * - `expandComponents: false` is most of the gain (-25 %): it only derives
 *   fields this reader can do without (`enhancedSpeed` from `speed`,
 *   `enhancedAltitude` from `altitude`: read as `enhancedX ?? x`). It would
 *   lose `compressedSpeedDistance` and hr-message merging, so files with those
 *   are read again with {@link FULL_READ}.
 * - `mergeHeartRates` must be off with it (the SDK refuses the combination).
 * - `expandSubFields`, `convertTypesToStrings`, `convertDateTimesToDates`: no
 *   reader needs them (timestamps stay FIT seconds, enums stay numbers and are
 *   named here for the few summary fields); each saves 3–8 %.
 * - `includeUnknownData`, `decodeMemoGlobs` stay off (the defaults).
 * - `applyScaleAndOffset` stays on: values arrive in SI units.
 */
const FAST_READ = {
  expandSubFields: false,
  expandComponents: false,
  applyScaleAndOffset: true,
  convertTypesToStrings: false,
  convertDateTimesToDates: false,
  includeUnknownData: false,
  mergeHeartRates: false,
  decodeMemoGlobs: false,
} as const satisfies DecoderOptions;

/**
 * The read for files that carry hr messages (HR only there, e.g. swims with a
 * strap) or compressed speed/distance (old Forerunners). The fast read stops
 * at the first such definition (its listener throws) and this one starts over.
 */
const FULL_READ = { ...FAST_READ, expandComponents: true, mergeHeartRates: true } as const satisfies DecoderOptions;

/** Thrown from a definition listener to stop a fast read that cannot serve this file. */
const NEEDS_FULL_READ = new Error('paceguard: needs a full read');

export interface ReadOptions {
  /** `false` forces the plain SDK read (no record-scan.ts): for the differential test and the benchmark. Default true. */
  readonly lean?: boolean;
  /**
   * On the lean path, each record is handed here as it is read (one object
   * refilled for every record: record-scan.ts's RecordView) instead of being
   * kept in `messages`, where its list stays as the SDK read it from the
   * rest (empty). See `streamed` in the outcome: when the lean path is given
   * up part-way, the records sent so far are to be dropped.
   */
  readonly onRecord?: (record: RecordView) => void;
}

export function readFit(bytes: Uint8Array, options: ReadOptions = {}): ReadOutcome {
  const buffer = ownArrayBuffer(bytes);
  let needsFull = false;
  const fast: DecoderOptions = {
    ...FAST_READ,
    mesgDefinitionListener: (definition: MesgDefinition) => {
      if (definition.globalMessageNumber === MESG_NUM_HR || hasCompressedSpeed(definition)) {
        needsFull = true;
        throw NEEDS_FULL_READ;
      }
    },
  };

  let intact: boolean;
  let result: { messages: unknown; errors: unknown[] };
  let stream = Stream.fromArrayBuffer(buffer);
  try {
    const decoder = new Decoder(stream);
    if (!decoder.isFIT()) return { kind: 'error', error: 'not a FIT file (no FIT file header)' };
    // Before read(): the check starts at the stream's position.
    intact = decoder.checkIntegrity();
    const lean = intact && options.lean !== false ? leanRead(bytes, options.onRecord) : undefined;
    if (lean !== undefined) return lean;
    result = decoder.read(fast);
    if (needsFull) {
      stream = Stream.fromArrayBuffer(buffer);
      result = new Decoder(stream).read(FULL_READ);
    }
  } catch (error) {
    // read() is documented never to throw; this is the belt to its braces.
    return { kind: 'error', error: problemError({ kind: 'sdk', atByte: stream.position, ofBytes: bytes.byteLength }) };
  }

  const messages = isFields(result.messages) ? result.messages : {};
  const firstError = result.errors[0];
  // Only after a full read can records hold compressed speed (the fast read stops at its definition).
  const compressedSpeed =
    needsFull && listOf(messages['recordMesgs']).some((record) => isFields(record) && record['compressedSpeedDistance'] != null);
  const problem = firstError === undefined ? undefined : classify(firstError, { atByte: stream.position, ofBytes: bytes.byteLength });
  return { kind: 'read', messages, intact, problem, compressedSpeed, lean: false, streamed: undefined };
}

/**
 * Records from record-scan.ts, everything else from the SDK reading the file
 * without them; undefined when the plain read must decide. An error in the
 * rest sends the file to the plain read, which knows how many records came
 * before it.
 */
function leanRead(bytes: Uint8Array, onRecord: ((record: RecordView) => void) | undefined): ReadOutcome | undefined {
  const scanned = scanRecords(bytes, onRecord);
  if (scanned === undefined) return undefined;
  try {
    const result = new Decoder(Stream.fromArrayBuffer(ownArrayBuffer(scanned.rest))).read(FAST_READ);
    if (result.errors.length > 0 || !isFields(result.messages)) return undefined;
    const messages: Fields = result.messages;
    if (scanned.recordDeveloperFields && !developerFieldsReadable(listOf(messages['fieldDescriptionMesgs']))) return undefined;
    // The rest keeps the record definitions, so the SDK made the (empty) list exactly when it would have.
    if (onRecord !== undefined) {
      return { kind: 'read', messages, intact: true, problem: undefined, compressedSpeed: false, lean: true, streamed: scanned.recordCount };
    }
    const withRecords = RECORD_MESGS_KEY in messages ? { ...messages, [RECORD_MESGS_KEY]: scanned.records } : messages;
    return { kind: 'read', messages: withRecords, intact: true, problem: undefined, compressedSpeed: false, lean: true, streamed: undefined };
  } catch {
    return undefined;
  }
}

function hasCompressedSpeed(definition: MesgDefinition): boolean {
  return (
    definition.globalMessageNumber === MESG_NUM_RECORD &&
    definition.fieldDefinitions.some((field) => field.fieldDefinitionNumber === FIELD_NUM_COMPRESSED_SPEED_DISTANCE)
  );
}

/** The SDK reads an ArrayBuffer; hand it the caller's without a copy when the view covers all of it. */
function ownArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const { buffer } = bytes;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return buffer;
  return bytes.slice().buffer;
}

const SDK_RUNTIME_ERROR = /^FIT Runtime Error(?: at byte (\d+))?\s*(.*)$/;
const DATAVIEW_OUT_OF_BOUNDS = /outside the bounds/;

function classify(error: unknown, where: { readonly atByte: number; readonly ofBytes: number }): ReadProblem {
  const message = error instanceof Error ? error.message : String(error);
  // A file cut at a message boundary makes the SDK peek past the end of its DataView.
  if (error instanceof RangeError && DATAVIEW_OUT_OF_BOUNDS.test(message)) return { kind: 'truncated' };
  const match = SDK_RUNTIME_ERROR.exec(message);
  // Errors the SDK raises on purpose start "FIT Runtime Error"; anything else is an exception inside it.
  // Its text (a TypeError's "reading '0'") tells a runner nothing: where it stopped does.
  if (match === null) return { kind: 'sdk', ...where };
  const reason = match[2] ?? '';
  if (reason.includes('compressed timestamp')) return { kind: 'compressed' };
  if (reason.startsWith('end of stream')) return { kind: 'truncated' };
  if (reason === 'CRC error') return { kind: 'crc' };
  const atByte = match[1] === undefined ? undefined : Number(match[1]);
  return { kind: 'damaged', atByte, reason: reason === '' ? 'unreadable data' : reason };
}
