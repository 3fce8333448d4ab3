/**
 * Which part of a file is the run, judged by its data: sessions cut the
 * samples into spans, each span's speeds are measured, and the longest span
 * that nothing rules out as a run is chosen. The sport label is only reported.
 */
import { haversineM } from '../signal/geo.ts';
import type { Sample } from '../samples/sample.ts';
import type { SampleSeries } from '../samples/series.ts';
import { finite, isFields } from './fields.ts';
import { typeName } from './names.ts';
import { GAP_PAUSE_MS } from './timeline.ts';
import { FIT_EPOCH_MS } from './units.ts';

/** Slower than this counts as standing still when judging the speed of a run. */
export const MOVING_SPEED_MIN_MPS = 0.5;

/**
 * Runs stay below this speed (6.5 m/s = 2:34 /km, faster than a world-record
 * marathon); rides spend much of their moving time above it.
 */
export const RUNNING_SPEED_MAX_MPS = 6.5;

/**
 * Share of moving samples allowed above {@link RUNNING_SPEED_MAX_MPS} before a
 * span is refused as a ride. No sample of the corpus runs/ goes above it; rides
 * with a slow median (a city ride at 2.4 m/s, a ride with an 8-day time jump at
 * 4.8 m/s) have 6 % and 13 % of their moving samples there.
 */
export const FAST_SHARE_MAX = 0.02;

/** Fewer moving samples than this are too few to call a span a ride. */
export const SPEED_VERDICT_MIN_SAMPLES = 20;

export interface SessionInfo {
  readonly startMs: number;
  readonly sport: number | undefined;
  readonly subSport: number | undefined;
}

export interface Span {
  /** Sample index range [lo, hi). */
  readonly lo: number;
  readonly hi: number;
  /** 1-based in time order; undefined when the file has no session. */
  readonly sessionNumber: number | undefined;
  readonly sport: number | undefined;
  readonly sportLabel: string | undefined;
  readonly subSportLabel: string | undefined;
}

export function toSessions(messages: readonly unknown[]): SessionInfo[] {
  const sessions: SessionInfo[] = [];
  for (const message of messages) {
    if (!isFields(message)) continue;
    const start = finite(message['startTime']) ?? finite(message['timestamp']);
    if (start === undefined) continue;
    sessions.push({
      startMs: FIT_EPOCH_MS + start * 1000,
      sport: finite(message['sport']),
      subSport: finite(message['subSport']),
    });
  }
  return sessions.sort((a, b) => a.startMs - b.startMs);
}

/**
 * Sessions partition the samples by start time: session k holds the samples
 * from its start to the next session's start, and the first also holds any
 * samples before it. Summaries' end times are left out: they are missing or
 * wrong too often (corpus README).
 */
export function toSpans(samples: SampleSeries, sessions: readonly SessionInfo[]): Span[] {
  if (sessions.length === 0) {
    return [{ lo: 0, hi: samples.length, sessionNumber: undefined, sport: undefined, sportLabel: undefined, subSportLabel: undefined }];
  }
  return sessions.map((session, k) => {
    const next = sessions[k + 1];
    const lo = k === 0 || sessions.length === 1 ? 0 : lowerBound(samples, session.startMs);
    const hi = next === undefined ? samples.length : lowerBound(samples, next.startMs);
    return {
      lo,
      hi,
      sessionNumber: k + 1,
      sport: session.sport,
      sportLabel: session.sport === undefined ? undefined : typeName('sport', session.sport),
      subSportLabel: session.subSport === undefined ? undefined : typeName('subSport', session.subSport),
    };
  });
}

/** First index whose sample is at or after `atMs` (samples are non-decreasing). */
function lowerBound(samples: SampleSeries, atMs: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((samples.at(mid)?.atMs ?? Infinity) < atMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface SpanStats {
  readonly count: number;
  readonly hrCount: number;
  readonly speedCount: number;
  readonly distanceCount: number;
  readonly positionCount: number;
  readonly altitudeCount: number;
  readonly cadenceCount: number;
  /** Sum of sample intervals up to {@link GAP_PAUSE_MS}: how long the span was recording. */
  readonly activeMs: number;
  readonly movingCount: number;
  readonly medianMovingMps: number | undefined;
  /** Share of moving samples above {@link RUNNING_SPEED_MAX_MPS}. */
  readonly fastShare: number;
}


export function measure(samples: SampleSeries, lo: number, hi: number): SpanStats {
  let hrCount = 0;
  let speedCount = 0;
  let distanceCount = 0;
  let positionCount = 0;
  let altitudeCount = 0;
  let cadenceCount = 0;
  let activeMs = 0;
  // samples[i - 1], kept from the last turn (a series may make each sample as it is read).
  let prev: Sample | undefined;
  for (let i = lo; i < hi; i++) {
    const s = samples.at(i);
    if (s === undefined) {
      prev = undefined;
      continue;
    }
    if (s.hrBpm !== undefined) hrCount++;
    if (s.speedMps !== undefined) speedCount++;
    if (s.distanceM !== undefined) distanceCount++;
    if (s.latDeg !== undefined) positionCount++;
    if (s.altitudeM !== undefined) altitudeCount++;
    if (s.cadenceSpm !== undefined) cadenceCount++;
    if (prev !== undefined && s.atMs - prev.atMs <= GAP_PAUSE_MS) activeMs += s.atMs - prev.atMs;
    prev = s;
  }

  // Judge by the speed the device reported; without it, by distance, then by position.
  const source = speedCount > 0 ? 'speed' : distanceCount > 0 ? 'distance' : positionCount > 0 ? 'position' : undefined;
  const moving = new Float64Array(source === undefined ? 0 : hi - lo);
  let movingCount = 0;
  let fastCount = 0;
  let prevAtMs = NaN;
  let prevA = NaN;
  let prevB = NaN;
  for (let i = lo; i < hi && source !== undefined; i++) {
    const s = samples.at(i);
    if (s === undefined) continue;
    let speed: number | undefined;
    if (source === 'speed') {
      speed = s.speedMps;
    } else if (source === 'distance') {
      if (s.distanceM === undefined) continue;
      const dtMs = s.atMs - prevAtMs;
      if (dtMs > 0 && dtMs <= GAP_PAUSE_MS) speed = ((s.distanceM - prevA) * 1000) / dtMs;
      prevAtMs = s.atMs;
      prevA = s.distanceM;
    } else {
      if (s.latDeg === undefined || s.lonDeg === undefined) continue;
      const dtMs = s.atMs - prevAtMs;
      if (dtMs > 0 && dtMs <= GAP_PAUSE_MS) {
        speed = (haversineM(prevA, prevB, s.latDeg, s.lonDeg) * 1000) / dtMs;
      }
      prevAtMs = s.atMs;
      prevA = s.latDeg;
      prevB = s.lonDeg;
    }
    if (speed === undefined || !(speed >= MOVING_SPEED_MIN_MPS)) continue;
    moving[movingCount++] = speed;
    if (speed > RUNNING_SPEED_MAX_MPS) fastCount++;
  }
  let medianMovingMps: number | undefined;
  if (movingCount > 0) {
    const sorted = moving.subarray(0, movingCount).sort();
    const mid = movingCount >>> 1;
    medianMovingMps = movingCount % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  }
  return {
    count: hi - lo,
    hrCount,
    speedCount,
    distanceCount,
    positionCount,
    altitudeCount,
    cadenceCount,
    activeMs,
    movingCount,
    medianMovingMps,
    fastShare: movingCount === 0 ? 0 : fastCount / movingCount,
  };
}

/** Why a span is not a run, or undefined when nothing in its data rules a run out. */
export function verdict(stats: SpanStats): string | undefined {
  if (stats.count === 0) return 'no samples';
  if (stats.hrCount + stats.speedCount + stats.distanceCount + stats.positionCount === 0) {
    return 'no heart rate and no pace data';
  }
  if (stats.movingCount < SPEED_VERDICT_MIN_SAMPLES) return undefined;
  const median = stats.medianMovingMps ?? 0;
  if (median > RUNNING_SPEED_MAX_MPS) {
    return `median moving speed is ${median.toFixed(1)} m/s (${(median * 3.6).toFixed(1)} km/h), above the running limit of ${RUNNING_SPEED_MAX_MPS} m/s`;
  }
  if (stats.fastShare > FAST_SHARE_MAX) {
    return `${Math.round(stats.fastShare * 100)}% of moving samples are faster than the running limit of ${RUNNING_SPEED_MAX_MPS} m/s (runs stay under ${FAST_SHARE_MAX * 100}%)`;
  }
  return undefined;
}

/**
 * The run is the longest span (by recording time) whose data do not rule a
 * run out; the label does not count. Returns the error when there is none.
 */
export function chooseRun(samples: SampleSeries, spans: readonly Span[]): { span: Span; stats: SpanStats } | string {
  let chosen: { span: Span; stats: SpanStats } | undefined;
  let longest: { span: Span; stats: SpanStats; reason: string } | undefined;
  for (const span of spans) {
    const stats = measure(samples, span.lo, span.hi);
    const reason = verdict(stats);
    if (reason === undefined) {
      if (chosen === undefined || stats.activeMs > chosen.stats.activeMs) chosen = { span, stats };
    } else if (longest === undefined || stats.activeMs > longest.stats.activeMs) {
      longest = { span, stats, reason };
    }
  }
  if (chosen !== undefined) return chosen;
  if (longest === undefined) return 'not a run: no samples';
  if (spans.length === 1) return `not a run: ${longest.reason}`;
  return `not a run: none of the ${spans.length} sessions looks like one (the longest, ${longest.span.sportLabel ?? 'unlabelled'}: ${longest.reason})`;
}
