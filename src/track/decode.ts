/**
 * GPX and TCX activities → guard inputs, by the rules the FIT reader uses:
 * the same result shape (src/fit/decode.ts `DecodeResult`), the same run
 * choice judged by the data (src/fit/run-choice.ts: a ride is refused
 * whatever its label), the same pauses for gaps (src/fit/timeline.ts) and the
 * same warnings about the chosen data. Never throws.
 *
 * ```
 * bytes ─► xml.ts ─► gpx.ts / tcx.ts ─► parts of track points ─► samples (untimed and backward ones dropped)
 *                                                                 ├─► parts ─► spans ─► judged by the data ─► the run
 *                                                                 └─► segment breaks + gaps > 60 s ─► pause / resume
 * ```
 *
 * @example
 * const result = decodeTrack(bytes, 'gpx');
 * if (!result.ok) console.error(`${file}: ${result.error}`);
 */
import { dataWarnings, decoded, gapWarnings, spanFigures, type ActivityInfo, type DecodeResult } from '../fit/decode.ts';
import { describeError } from '../fit/fields.ts';
import { formatDuration, plural } from '../fit/format.ts';
import { crowdGate, limitWarnings, runWindow, type CrowdGate, type RunWindow } from '../fit/limits.ts';
import { chooseRun, type Span } from '../fit/run-choice.ts';
import { mergeInputs, type TimerChange } from '../fit/timeline.ts';
import type { Sample } from '../samples/sample.ts';
import { GPX_ROOT, readGpx } from './gpx.ts';
import type { TrackPart, TrackRead } from './points.ts';
import { readTcx, TCX_ROOT } from './tcx.ts';
import { parseXml } from './xml.ts';

export type TrackFormat = 'gpx' | 'tcx';

const FORMATS = {
  gpx: { name: 'GPX', root: GPX_ROOT, point: 'trkpt', read: readGpx },
  tcx: { name: 'TCX', root: TCX_ROOT, point: 'Trackpoint', read: readTcx },
} as const;

/**
 * Labels that say "run" (or say nothing): anything else gets the FIT
 * reader's warning that the data, not the label, decided. Strava writes its
 * activity type as a number in GPX (9: run).
 */
const RUN_LABEL = /^(running|run|9|other|generic)$/i;

/** Reads a GPX or TCX activity. Never throws. */
export function decodeTrack(bytes: Uint8Array, format: TrackFormat): DecodeResult {
  try {
    return decode(bytes, format);
  } catch (error) {
    // Only a bug in this module gets here; still a value, as promised.
    return fail(`could not read the file: ${describeError(error)}`);
  }
}

function decode(bytes: Uint8Array, format: TrackFormat): DecodeResult {
  const spec = FORMATS[format];
  if (bytes.byteLength === 0) return fail('empty file (0 bytes)');
  const document = parseXml(bytes);
  if (!document.ok) return fail(`not a ${spec.name} file: ${document.error}`);
  if (document.rootName !== spec.root) {
    return fail(`not a ${spec.name} file: its root element is <${document.rootName}>, expected <${spec.root}>`);
  }
  const read = spec.read(document.root);
  const pointCount = read.parts.reduce((n, part) => n + part.points.length, 0);
  if (pointCount === 0) return fail(`no track points: the ${spec.name} file holds no <${spec.point}>`);

  const timeline = toTimeline(read);
  const { samples } = timeline;
  const warnings: string[] = [];
  // First, as the FIT reader puts its damage first (src/calibrate/extract.ts looks for "file is").
  if (document.damage !== undefined) {
    warnings.push(`file is not well-formed XML (${document.damage}): using the ${plural(pointCount, 'track point')} read before it`);
  }
  if (samples.length === 0) {
    return fail(pointCount === 1 ? 'its one track point has no time' : `none of its ${pointCount} track points has a time`);
  }
  if (timeline.untimed > 0) warnings.push(`dropped ${plural(timeline.untimed, 'track point')} without a time`);
  if (timeline.backward > 0) {
    warnings.push(`dropped ${plural(timeline.backward, 'track point')} that ${timeline.backward === 1 ? 'goes' : 'go'} back in time`);
  }
  warnings.push(...limitWarnings(timeline.crowd, timeline.window, 'track point'));
  if (!samples.some(hasHr) && !samples.some(hasPace)) {
    return fail(`no heart rate and no pace data (speed, distance or position) in its ${plural(samples.length, 'track point')}`);
  }

  const choice = chooseRun(samples, timeline.spans);
  if (typeof choice === 'string') return fail(choice);
  const { span, stats } = choice;
  const merged = mergeInputs(samples, span.lo, span.hi, breaksIn(samples, timeline.breaks, span));

  const partCount = read.parts.length;
  if (partCount > 1) {
    const label = span.sportLabel === undefined ? '' : `${span.sportLabel}, `;
    warnings.push(`${partCount} activities: using activity ${span.sessionNumber ?? 1} (${label}${formatDuration(merged.timerMs)})`);
  }
  warnings.push(...gapWarnings(merged));
  if (span.sportLabel !== undefined && !RUN_LABEL.test(span.sportLabel)) {
    const speed = stats.medianMovingMps === undefined ? '' : ` (median moving speed ${stats.medianMovingMps.toFixed(2)} m/s)`;
    warnings.push(`labelled ${span.sportLabel}, but the data do not rule out a run${speed}: read as one`);
  }
  const figures = spanFigures(samples, span, stats, merged.timerMs);
  warnings.push(...dataWarnings(span, stats, figures.elapsedMs));

  const info: ActivityInfo = {
    ...(span.sportLabel === undefined ? {} : { sport: span.sportLabel }),
    ...(read.productName === undefined ? {} : { productName: read.productName }),
    sessionCount: format === 'tcx' ? partCount : 0,
    ...(span.sessionNumber === undefined ? {} : { sessionNumber: span.sessionNumber }),
    recordCount: pointCount,
    ...figures,
  };
  return decoded(merged.inputs, warnings, info);
}

// ---------------------------------------------------------------------------
// Track points → samples

interface Timeline {
  /** Non-decreasing in `atMs`. */
  readonly samples: Sample[];
  /** One span per part that kept a sample, in time order. */
  readonly spans: Span[];
  /** Sample indices that begin a new stretch of recording (a break before them). */
  readonly breaks: number[];
  readonly untimed: number;
  readonly backward: number;
  /** Points crowded into one second, dropped, and the part of the timeline kept (src/fit/limits.ts). */
  readonly crowd: CrowdGate;
  readonly window: RunWindow;
}

/**
 * Parts in the order they start (TCX activities are usually in order; a file
 * is not trusted to be), their points in file order; a point earlier than the
 * last one kept is dropped, as the FIT reader drops a backward record.
 */
function toTimeline(read: TrackRead): Timeline {
  const samples: Sample[] = [];
  const spans: Span[] = [];
  const breaks: number[] = [];
  let untimed = 0;
  let backward = 0;
  let lastAtMs = -Infinity;
  const crowd = crowdGate();
  const numbered = read.parts.length > 1;
  const ordered = read.parts.map((part) => ({ part, startMs: firstTimeMs(part) })).sort((a, b) => a.startMs - b.startMs);
  ordered.forEach(({ part }, k) => {
    const lo = samples.length;
    const breakIndices = new Set(part.breaks);
    let breakPending = false;
    part.points.forEach((point, p) => {
      if (breakIndices.has(p)) breakPending = true;
      const { atMs, ...values } = point;
      if (atMs === undefined) {
        untimed++;
        return;
      }
      if (atMs < lastAtMs) {
        backward++;
        return;
      }
      lastAtMs = atMs;
      if (!crowd.admit(atMs)) return;
      // A break survives dropped points: the next sample kept after it begins the new stretch.
      if (breakPending && samples.length > lo) breaks.push(samples.length);
      breakPending = false;
      samples.push({ kind: 'sample', atMs, ...values });
    });
    if (samples.length > lo) {
      spans.push({ lo, hi: samples.length, sessionNumber: numbered ? k + 1 : undefined, sport: undefined, sportLabel: part.sportLabel, subSportLabel: undefined });
    }
  });
  const window = runWindow(samples);
  if (window.leftOut === 0) return { samples, spans, breaks, untimed, backward, crowd, window };
  // Only the window is read: spans and breaks cut to it and renumbered from its first sample.
  const { lo, hi } = window;
  return {
    samples: samples.slice(lo, hi),
    spans: spans
      .map((span) => ({ ...span, lo: Math.max(span.lo, lo) - lo, hi: Math.min(span.hi, hi) - lo }))
      .filter((span) => span.hi > span.lo),
    breaks: breaks.filter((index) => index > lo && index < hi).map((index) => index - lo),
    untimed,
    backward,
    crowd,
    window,
  };
}

function firstTimeMs(part: TrackPart): number {
  for (const point of part.points) if (point.atMs !== undefined) return point.atMs;
  return Infinity;
}

/**
 * A break between segments is a pause at the last sample before it and a
 * resume at the first after it (as a watch logs a timer stop), when time
 * passed between them. Only the breaks inside the chosen span count.
 */
function breaksIn(samples: readonly Sample[], breaks: readonly number[], span: Span): TimerChange[] {
  const changes: TimerChange[] = [];
  for (const index of breaks) {
    if (index <= span.lo || index >= span.hi) continue;
    const before = samples[index - 1];
    const after = samples[index];
    if (before === undefined || after === undefined || after.atMs <= before.atMs) continue;
    changes.push({ atMs: before.atMs, pause: true }, { atMs: after.atMs, pause: false });
  }
  return changes;
}

function hasHr(sample: Sample): boolean {
  return sample.hrBpm !== undefined;
}

function hasPace(sample: Sample): boolean {
  return sample.speedMps !== undefined || sample.distanceM !== undefined || sample.latDeg !== undefined;
}

function fail(error: string): DecodeResult {
  return { ok: false, error };
}
