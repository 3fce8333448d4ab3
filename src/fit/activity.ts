/**
 * FIT bytes in, guard inputs (samples and timer events in time order) or one
 * readable error out, whichever reader read the bytes: the SDK's
 * (./decode.ts: decodeActivity, the one boundary around @garmin/fitsdk on the
 * way in) or the lean one that needs no SDK (./decode-lean.ts). The same
 * messages give the same result, to the byte.
 *
 * ```
 * bytes ──► read ──────► records ─► Sample[] (backward ones dropped)
 *                        sessions ─► spans ─► judged by the data ─► the run
 *                        timer events ─┐
 *                        gaps > 60 s ──┴────► pause / resume between samples
 * ```
 *
 * Nothing here trusts the file's sport label or session summary: the run is
 * chosen, and a ride refused, by what the records say. Nothing throws: every
 * failure, the SDK's included, comes back as `{ ok: false, error }` with a
 * one-line message a runner can act on (the caller prefixes the file name).
 *
 * Parts: sdk-read.ts (the SDK call and its failures), lean-read.ts (the same
 * without the SDK, for ordinary files), records.ts (records →
 * samples), run-choice.ts (which span is the run), timeline.ts (pauses),
 * fields.ts and format.ts (narrowing, message text); encode.ts writes files.
 *
 * @example
 * const result = decodeActivity(bytes);
 * if (!result.ok) console.error(`${file}: ${result.error}`);
 * else for (const input of result.inputs) guard.next(input);
 */
import { formatPace, speedToPace } from '../samples/pace.ts';
import type { GuardInput } from '../samples/sample.ts';
import type { InputSeries, SampleSeries } from '../samples/series.ts';
import { describeError, finite, isFields, listOf, type Fields } from './fields.ts';
import { formatDuration, plural } from './format.ts';
import { limitWarnings, runWindow } from './limits.ts';
import { sampleSink, toSamples } from './records.ts';
import { chooseRun, MOVING_SPEED_MIN_MPS, SPEED_VERDICT_MIN_SAMPLES, toSessions, toSpans, type Span, type SpanStats } from './run-choice.ts';
import { productModel, typeName } from './names.ts';
import { countChainedFiles, problemError, problemText, type ReadOutcome } from './read-outcome.ts';
import type { RecordView } from './record-scan.ts';
import { GAP_PAUSE_MS, mergeInputs, toTimerEvents, type Merged } from './timeline.ts';
import { FILE_TYPE_ACTIVITY, SPORT_GENERIC, SPORT_RUNNING } from './units.ts';

export { formatDuration } from './format.ts';
export { FAST_SHARE_MAX, MOVING_SPEED_MIN_MPS, RUNNING_SPEED_MAX_MPS, SPEED_VERDICT_MIN_SAMPLES } from './run-choice.ts';
export { GAP_PAUSE_MS } from './timeline.ts';

// ---------------------------------------------------------------------------
// Domain rules (the others live where they are used, re-exported above)

/** A median moving speed below this (9:16 /km) is a brisk walk's speed: worth a warning, not a refusal. */
export const WALKING_SPEED_MAX_MPS = 1.8;

/** Runs shorter than this (first to last sample) get a warning: too little for the guard to settle. */
export const SHORT_RUN_MS = 5 * 60_000;

// ---------------------------------------------------------------------------
// Public types

/** Which channels at least one chosen sample carries. */
export interface ActivityChannels {
  readonly hr: boolean;
  readonly speed: boolean;
  readonly distance: boolean;
  readonly position: boolean;
  readonly altitude: boolean;
  readonly cadence: boolean;
}

/** What the file says about itself, and what was read from it. */
export interface ActivityInfo {
  /** Sport label of the chosen session as the file gives it ('running', 'generic', 'cycling', or a number the SDK does not know); absent without a session. Not trusted: see `warnings`. */
  readonly sport?: string;
  readonly subSport?: string;
  /** Manufacturer name ('garmin', 'suunto') or, when the SDK does not know it, its number as text. */
  readonly manufacturer?: string;
  /** Product id from the file. */
  readonly product?: number;
  /** Model name the SDK knows for a Garmin-family product id ('fr965'). */
  readonly productModel?: string;
  /** Free-text product name written by the device or app. Arbitrary text: escape it before showing. */
  readonly productName?: string;
  /** Names of the developer fields the file declares (Connect IQ apps, sensors), in file order, each once. Arbitrary text: escape it before showing. */
  readonly developerFieldNames?: readonly string[];
  /** Time of the first input (epoch ms). */
  readonly startMs: number;
  /** Number of session messages in the file (those with a start time). */
  readonly sessionCount: number;
  /** The session read, 1-based in time order; absent when the file has no session. */
  readonly sessionNumber?: number;
  /** Records the SDK decoded from the whole file. */
  readonly recordCount: number;
  /** Samples in `inputs`. */
  readonly sampleCount: number;
  readonly channels: ActivityChannels;
  /** Time between consecutive samples with the timer running (pauses and gaps left out). */
  readonly timerMs: number;
  /** First to last sample. */
  readonly elapsedMs: number;
  /** Median of the moving speeds the run was judged by (reported, or derived from distance or position); absent when too few. */
  readonly medianMovingSpeedMps?: number;
}

export type DecodeResult =
  | {
      readonly ok: true;
      /** The run's inputs as an array, made when first read (a FIT file's samples are rows of numbers until then: ../samples/columns.ts). */
      readonly inputs: GuardInput[];
      /** The same inputs, each made as it is walked: what reads the run once (a replay) reads this and never makes the array. */
      readonly series: InputSeries;
      readonly warnings: string[];
      readonly info: ActivityInfo;
    }
  | { readonly ok: false; readonly error: string };

/** A run read: `inputs` made from `series` the first time it is read, then kept. */
export function decoded(series: InputSeries, warnings: string[], info: ActivityInfo): DecodeResult {
  let inputs: GuardInput[] | undefined;
  return {
    ok: true,
    get inputs(): GuardInput[] {
      inputs ??= series.toArray();
      return inputs;
    },
    series,
    warnings,
    info,
  };
}

// ---------------------------------------------------------------------------
// Entry point

/**
 * A reader of FIT bytes: the SDK's (./sdk-read.ts's readFit, in ./decode.ts)
 * or the lean one (./lean-read.ts, in ./decode-lean.ts), which answers
 * undefined when a file is the SDK's to read. Records may go to `onRecord`
 * as they are read (the outcome's `streamed` says so).
 */
export type FitReader = (bytes: Uint8Array, onRecord: (record: RecordView) => void) => ReadOutcome | undefined;

/**
 * Reads a FIT activity with `read`; undefined only when `read` gives the file
 * up (the caller reads it with the SDK then). Never throws.
 */
export function decodeActivityWith(bytes: Uint8Array, read: FitReader): DecodeResult | undefined {
  try {
    return decode(bytes, read);
  } catch (error) {
    // Only a bug in this module gets here; still a value, as promised.
    return fail(`could not read the file: ${describeError(error)}`);
  }
}

function decode(bytes: Uint8Array, readWith: FitReader): DecodeResult | undefined {
  if (bytes.byteLength === 0) return fail('empty file (0 bytes)');

  // Records become samples as they are read (on the lean path), so that a long file's records never all live at once.
  const sink = sampleSink(false);
  const read = readWith(bytes, sink.add);
  if (read === undefined) return undefined;
  if (read.kind === 'error') return fail(read.error);
  const { messages } = read;

  const fileIds = listOf(messages['fileIdMesgs']);
  const firstFileId = fileIds.find(isFields);
  const fileType = firstFileId?.['type'];
  if (typeof fileType === 'number' && !fileIds.some(isActivityFileId)) {
    return fail(`not an activity file: its FIT file type is ${typeName('file', fileType)}`);
  }

  const records = listOf(messages['recordMesgs']);
  // The lean path's records never carry the SDK's expanded enhancedSpeed (compressed speed gives `speed` only there, ./compressed.ts), so the sink's `false` holds for it.
  const converted = read.streamed === undefined ? toSamples(records, read.compressedSpeed) : sink.finish();
  const recordCount = read.streamed ?? records.length;
  // Bounded by ./limits.ts: at most RUN_SPAN_MAX_MS of the file's time is read.
  const window = runWindow(converted.samples);
  const samples = window.leftOut === 0 ? converted.samples : converted.samples.slice(window.lo, window.hi);
  const warnings: string[] = [];

  const problem = read.problem;
  if (problem !== undefined && recordCount === 0) return fail(problemError(problem));
  if (problem !== undefined || !read.intact) {
    const span = (samples.atMsAt(-1) ?? 0) - (samples.atMsAt(0) ?? 0);
    const where = problem?.kind === 'compressed' ? ' before the first one' : '';
    const using = `using the ${plural(recordCount, 'record')} decoded${where} (${formatDuration(span)} of data)`;
    // A truncated file or a failed data CRC is why the check fails; anything else says both.
    const crc = !read.intact && problem?.kind !== 'truncated' && problem?.kind !== 'crc';
    if (problem === undefined) warnings.push(`file fails its CRC check: ${using}`);
    else warnings.push(`${problemText(problem)}${crc ? ', and the file fails its CRC check' : ''}: ${using}`);
  }
  if (recordCount === 0) return fail('no records: the activity holds no samples');
  if (samples.length === 0) {
    return fail(recordCount === 1 ? 'its one record has no timestamp' : `none of its ${recordCount} records has a timestamp`);
  }
  if (converted.untimed > 0) warnings.push(`dropped ${plural(converted.untimed, 'record')} without a timestamp`);
  if (converted.backward > 0) {
    warnings.push(`dropped ${plural(converted.backward, 'record')} that ${converted.backward === 1 ? 'goes' : 'go'} back in time`);
  }
  warnings.push(...limitWarnings(converted.crowd, window, 'record'));
  const fileCount = countChainedFiles(bytes);
  if (fileCount > 1) warnings.push(`${fileCount} FIT files chained in one: read as one activity`);

  if (!converted.anyHr && !converted.anyPace) {
    return fail(`no heart rate and no pace data (speed, distance or position) in its ${plural(samples.length, 'record')}`);
  }

  const sessions = toSessions(listOf(messages['sessionMesgs']));
  const choice = chooseRun(samples, toSpans(samples, sessions));
  if (typeof choice === 'string') return fail(choice);
  const { span, stats } = choice;
  const merged = mergeInputs(samples, span.lo, span.hi, toTimerEvents(listOf(messages['eventMesgs'])));

  if (sessions.length > 1) {
    const label = span.sportLabel === undefined ? '' : `${span.sportLabel}, `;
    warnings.push(`${sessions.length} sessions: using session ${span.sessionNumber} (${label}${formatDuration(merged.timerMs)})`);
  }
  warnings.push(...gapWarnings(merged));
  const figures = spanFigures(samples, span, stats, merged.timerMs);
  warnings.push(...dataWarnings(span, stats, figures.elapsedMs));

  const info: ActivityInfo = {
    ...(span.sportLabel === undefined ? {} : { sport: span.sportLabel }),
    ...(span.subSportLabel === undefined ? {} : { subSport: span.subSportLabel }),
    ...deviceOf(firstFileId),
    ...developerFieldsOf(listOf(messages['fieldDescriptionMesgs'])),
    sessionCount: sessions.length,
    ...(span.sessionNumber === undefined ? {} : { sessionNumber: span.sessionNumber }),
    recordCount,
    ...figures,
  };
  return decoded(merged.inputs, warnings, info);
}

/** Recording gaps read as pauses, said once (FIT here, GPX and TCX in src/track). */
export function gapWarnings(merged: Pick<Merged, 'gapCount' | 'longestGapMs'>): string[] {
  if (merged.gapCount === 1) return [`1 gap of ${formatDuration(merged.longestGapMs)} without a timer stop was read as a pause`];
  if (merged.gapCount > 1) {
    return [
      `${merged.gapCount} gaps longer than ${GAP_PAUSE_MS / 1000} s without a timer stop were read as pauses ` +
        `(longest ${formatDuration(merged.longestGapMs)})`,
    ];
  }
  return [];
}

/** The chosen span's figures, which every reader (FIT here, GPX and TCX in src/track) reports alike. */
export function spanFigures(
  samples: SampleSeries,
  span: Span,
  stats: SpanStats,
  timerMs: number,
): Pick<ActivityInfo, 'startMs' | 'sampleCount' | 'channels' | 'timerMs' | 'elapsedMs' | 'medianMovingSpeedMps'> {
  const first = samples.at(span.lo);
  const last = span.hi > 0 ? samples.at(span.hi - 1) : undefined;
  const median = stats.medianMovingMps;
  return {
    startMs: first?.atMs ?? 0,
    sampleCount: span.hi - span.lo,
    channels: {
      hr: stats.hrCount > 0,
      speed: stats.speedCount > 0,
      distance: stats.distanceCount > 0,
      position: stats.positionCount > 0,
      altitude: stats.altitudeCount > 0,
      cadence: stats.cadenceCount > 0,
    },
    timerMs,
    elapsedMs: first !== undefined && last !== undefined ? last.atMs - first.atMs : 0,
    ...(median === undefined ? {} : { medianMovingSpeedMps: median }),
  };
}

/** What a runner should know about the chosen span's data (src/track reads GPX and TCX with the same rules). */
export function dataWarnings(span: Span, stats: SpanStats, elapsedMs: number): string[] {
  const warnings: string[] = [];
  const median = stats.medianMovingMps;
  if (span.sport !== undefined && span.sport !== SPORT_RUNNING && span.sport !== SPORT_GENERIC) {
    const sub = span.subSportLabel === undefined || span.subSportLabel === 'generic' ? '' : ` (${span.subSportLabel})`;
    const speed = median === undefined ? '' : ` (median moving speed ${median.toFixed(2)} m/s)`;
    warnings.push(`labelled ${span.sportLabel ?? ''}${sub}, but the data do not rule out a run${speed}: read as one`);
  }
  if (stats.hrCount === 0) warnings.push('no heart rate in the data: the guard can only use pace');
  if (stats.speedCount + stats.distanceCount + stats.positionCount === 0) {
    warnings.push('no pace data (speed, distance or position): the guard can only use heart rate');
  } else if (stats.movingCount === 0) {
    warnings.push(`the pace data never show movement (always below ${MOVING_SPEED_MIN_MPS} m/s)`);
  }
  if (median !== undefined && stats.movingCount >= SPEED_VERDICT_MIN_SAMPLES && median < WALKING_SPEED_MAX_MPS) {
    warnings.push(`slow for a run: median moving speed ${median.toFixed(2)} m/s (${formatPace(speedToPace(median))} /km), a walking speed`);
  }
  if (elapsedMs < SHORT_RUN_MS) warnings.push(`short: only ${formatDuration(elapsedMs)} of data`);
  return warnings;
}

// ---------------------------------------------------------------------------
// Helpers

function isActivityFileId(value: unknown): boolean {
  return isFields(value) && value['type'] === FILE_TYPE_ACTIVITY;
}

function deviceOf(fileId: Fields | undefined): Pick<ActivityInfo, 'manufacturer' | 'product' | 'productModel' | 'productName'> {
  if (fileId === undefined) return {};
  const manufacturer = finite(fileId['manufacturer']);
  const product = finite(fileId['product']);
  const productName = fileId['productName'];
  const model = manufacturer === undefined || product === undefined ? undefined : productModel(manufacturer, product);
  return {
    ...(manufacturer === undefined ? {} : { manufacturer: typeName('manufacturer', manufacturer) }),
    ...(product === undefined ? {} : { product }),
    ...(model === undefined ? {} : { productModel: model }),
    ...(typeof productName === 'string' ? { productName } : {}),
  };
}

/** A field description's name is a string, or an array of them (one per language); blanks are left out. */
function developerFieldsOf(descriptions: readonly unknown[]): Pick<ActivityInfo, 'developerFieldNames'> {
  const names = new Set<string>();
  for (const description of descriptions) {
    if (!isFields(description)) continue;
    const name = description['fieldName'];
    for (const text of Array.isArray(name) ? name : [name]) {
      if (typeof text === 'string' && text.trim() !== '') names.add(text);
    }
  }
  return names.size === 0 ? {} : { developerFieldNames: [...names] };
}

function fail(error: string): DecodeResult {
  return { ok: false, error };
}
