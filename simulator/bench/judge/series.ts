/**
 * A real recording as the hindsight judge sees it: one entry a second on the
 * recording's own clock (run-relative), every value read off the WHOLE
 * recording with centred windows (the judge knows what came after; no
 * alerter may). Pure: inputs in, seconds out.
 *
 * - Distance: the distance field where the recording has one, else the path
 *   length of its positions, else integrated speed. Each step is capped at
 *   MAX_PLAUSIBLE_SPEED_MPS times its time (a GPS jump or a tunnel's
 *   catch-up is not running), and never negative. A position or speed step
 *   across a pause counts nothing (the runner may have walked off with the
 *   timer stopped).
 * - Seconds between samples are interpolated linearly, except across a pause
 *   or a gap longer than MAX_GAP_MS: those seconds have no data.
 * - Speed: distance over a centred window of ±CENTRED_HALF_WINDOW_SEC, shrunk
 *   to the seconds with data (at least MIN_SPEED_SPAN_SEC).
 * - Altitude: interpolated linearly between readings up to MAX_ALTITUDE_GAP_MS
 *   apart (sparse recordings hold one every 4–6 s), smoothed by a centred mean;
 *   grade is the rise over the distance of a centred ±GRADE_HALF_WINDOW_SEC
 *   window, when that covers GRADE_MIN_BASELINE_M, within ±MAX_GRADE_PCT.
 * - Heart rate: readings in [HR_MIN_BPM, HR_MAX_BPM] (0 and 255 are sensor
 *   glitches), interpolated over gaps up to MAX_HR_GAP_MS, centred mean of
 *   ±HR_HALF_WINDOW_SEC.
 * - Stopped: paused, no data, or centred speed under MOVING_SPEED_MIN_MPS.
 * - Timer time: time since the start with pauses and long gaps left out; the
 *   guard's warm-ups run on it.
 */
import { mad, median } from '../../../src/calibrate/stats.ts';
import { MOVING_SPEED_MIN_MPS } from '../../../src/fit/run-choice.ts';
import type { GuardInput, Sample } from '../../../src/samples/sample.ts';
import { haversineM } from '../../../src/signal/geo.ts';
import { MAX_GRADE_PCT } from '../../../src/signal/grade.ts';
import { gradeAdjustedSpeedMps } from '../../../src/signal/minetti.ts';

/** Faster than any runner holds for a second or more (the 100 m record averages 10.4 m/s). */
export const MAX_PLAUSIBLE_SPEED_MPS = 10;
/** A longer silence between samples, without a pause event, is a stop the recording did not mark. */
export const MAX_GAP_MS = 30_000;
/** Half the centred window speed is read over: short enough to keep a 30 s overshoot, long enough to quiet GPS. */
export const CENTRED_HALF_WINDOW_SEC = 10;
/** A speed needs at least this much time with data around its second. */
export const MIN_SPEED_SPAN_SEC = 6;
/**
 * Distance from positions is summed over chords between fixes at least this
 * far apart: at 1 s the fixes' own error (metres, against a 3 m step) makes
 * the path 10–25 % longer than the run on the synthetic phone recordings;
 * over 10 s chords the zigzag is a few hundredths of the step, and a chord
 * of ~30 m cuts little off a running route's bends.
 */
export const POSITION_CHORD_SEC = 10;
/** A second's distance step over this many times the median step around it is capped there (a multipath spike; strides at 1.5 times recovery speed are sprints). */
export const SPIKE_CAP_RATIO = 1.5;
/** The median step a spike is compared with is read over ± this many seconds. */
export const SPIKE_REFERENCE_HALF_SEC = 30;
/** Altitude readings further apart than this are not joined (a stop, a tunnel). */
export const MAX_ALTITUDE_GAP_MS = 60_000;
/** Altitude is smoothed by a centred mean of ± this many seconds (GPS altitude wanders by metres). */
export const ALTITUDE_HALF_WINDOW_SEC = 10;
/** Grade is read over a centred window of ± this many seconds… */
export const GRADE_HALF_WINDOW_SEC = 20;
/** …when the runner covered at least this distance in it. */
export const GRADE_MIN_BASELINE_M = 40;
/** Heart-rate readings outside this range are sensor glitches. */
export const HR_MIN_BPM = 30;
export const HR_MAX_BPM = 230;
/** A heart rate within this of the recorded step rate is the sensor reading the arm's swing (cadence lock), not the heart. */
export const CADENCE_LOCK_WITHIN_BPM = 2;

/** Cadence lock: a wrist sensor that reads the step rate. Pure; table-tested. */
export function isCadenceLocked(hrBpm: number, cadenceSpm: number | undefined): boolean {
  return cadenceSpm !== undefined && cadenceSpm > 0 && Math.abs(hrBpm - cadenceSpm) <= CADENCE_LOCK_WITHIN_BPM;
}
/** Heart rate is interpolated over gaps up to this long; longer ones are unknown. */
export const MAX_HR_GAP_MS = 10_000;
/** Heart rate is smoothed by a centred mean of ± this many seconds (optical sensors scatter by a few bpm). */
export const HR_HALF_WINDOW_SEC = 5;

export interface JudgeSecond {
  /** Run-relative: the first input is at 0. */
  readonly atMs: number;
  /** Timer time at this second: paused seconds and long gaps left out. */
  readonly timerMs: number;
  readonly stopped: boolean;
  /** Centred speed; absent without data. */
  readonly speedMps?: number;
  /** Distance covered since the start (steps capped, nothing across pauses); absent without data. */
  readonly distanceM?: number;
  readonly gradePct?: number;
  /** Grade-adjusted pace; absent when stopped. */
  readonly gapSecPerKm?: number;
  /** Actual pace; absent when stopped. */
  readonly paceSecPerKm?: number;
  readonly hrBpm?: number;
}

interface Point {
  readonly sec: number;
  readonly value: number;
}

/** `points` (ascending sec) at every whole second in [0, count), linearly; undefined across gaps longer than `maxGapSec`. */
export function interpolate(points: readonly Point[], count: number, maxGapSec: number): (number | undefined)[] {
  const out = new Array<number | undefined>(count).fill(undefined);
  for (let k = 0; k < points.length; k += 1) {
    const a = points[k];
    if (a === undefined) continue;
    const b = points[k + 1];
    const from = Math.max(0, Math.ceil(a.sec));
    if (b === undefined || b.sec - a.sec > maxGapSec || b.sec <= a.sec) {
      if (from === a.sec && from < count) out[from] = a.value;
      continue;
    }
    for (let s = from; s <= Math.min(count - 1, Math.floor(b.sec)); s += 1) {
      out[s] = a.value + ((b.value - a.value) * (s - a.sec)) / (b.sec - a.sec);
    }
  }
  return out;
}

/** Centred mean of ± `half` seconds over the defined values; undefined where the second itself is. */
export function centredMean(values: readonly (number | undefined)[], half: number): (number | undefined)[] {
  return values.map((value, i) => {
    if (value === undefined) return undefined;
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(values.length - 1, i + half); j += 1) {
      const v = values[j];
      if (v !== undefined) {
        sum += v;
        n += 1;
      }
    }
    return sum / n;
  });
}

/** Cumulative distance at each sample that has one, steps capped and never negative. */
function distancePoints(segments: readonly (readonly Sample[])[]): Point[] {
  const all = segments.flat();
  const source: 'distance' | 'positions' | 'speed' = all.some((s) => s.distanceM !== undefined)
    ? 'distance'
    : all.some((s) => s.latDeg !== undefined && s.lonDeg !== undefined)
      ? 'positions'
      : 'speed';
  const points: Point[] = [];
  let totalM = 0;
  let lastRawM: number | undefined;
  let lastPosition: Sample | undefined;
  for (const segment of segments) {
    // A position or speed step across a pause counts nothing; a distance field holds still while paused.
    lastPosition = undefined;
    let lastSpeedSec: number | undefined;
    for (const sample of segment) {
      const sec = sample.atMs / 1000;
      let stepM: number | undefined;
      if (source === 'distance') {
        if (sample.distanceM === undefined) continue;
        stepM = lastRawM === undefined ? 0 : sample.distanceM - lastRawM;
        lastRawM = sample.distanceM;
      } else if (source === 'positions') {
        if (sample.latDeg === undefined || sample.lonDeg === undefined) continue;
        // Chords of POSITION_CHORD_SEC or more (and the segment's last fix): a path through every noisy fix zigzags, and is longer than the run.
        const isLast = sample === segment.at(-1);
        if (lastPosition !== undefined && sample.atMs - lastPosition.atMs < POSITION_CHORD_SEC * 1000 && !isLast) continue;
        stepM =
          lastPosition?.latDeg === undefined || lastPosition.lonDeg === undefined
            ? 0
            : haversineM(lastPosition.latDeg, lastPosition.lonDeg, sample.latDeg, sample.lonDeg);
        lastPosition = sample;
      } else {
        if (sample.speedMps === undefined) continue;
        stepM = lastSpeedSec === undefined ? 0 : sample.speedMps * (sec - lastSpeedSec);
        lastSpeedSec = sec;
      }
      const previous = points.at(-1);
      const dtSec = previous === undefined ? 0 : sec - previous.sec;
      totalM += Math.min(Math.max(0, stepM), MAX_PLAUSIBLE_SPEED_MPS * dtSec);
      points.push({ sec, value: totalM });
    }
  }
  return points;
}

/** The recording's samples, run-relative, cut into the stretches between pauses. */
function runningSegments(inputs: readonly GuardInput[]): { segments: Sample[][]; pausedSec: Set<number>; count: number } {
  const firstMs = inputs[0]?.atMs ?? 0;
  const segments: Sample[][] = [[]];
  const pausedSec = new Set<number>();
  let pausedFromMs: number | undefined;
  let lastMs = 0;
  for (const input of inputs) {
    const atMs = input.atMs - firstMs;
    lastMs = Math.max(lastMs, atMs);
    if (input.kind === 'pause') {
      pausedFromMs ??= atMs;
    } else if (input.kind === 'resume') {
      if (pausedFromMs !== undefined) {
        for (let s = Math.ceil(pausedFromMs / 1000); s < atMs / 1000; s += 1) pausedSec.add(s);
      }
      pausedFromMs = undefined;
      segments.push([]);
    } else if (input.kind === 'sample' && pausedFromMs === undefined) {
      segments.at(-1)?.push({ ...input, atMs });
    }
  }
  return { segments: segments.filter((s) => s.length > 0), pausedSec, count: Math.floor(lastMs / 1000) + 1 };
}

export function judgeSeries(inputs: readonly GuardInput[], halfWindowSec: number = CENTRED_HALF_WINDOW_SEC): JudgeSecond[] {
  const { segments, pausedSec, count } = runningSegments(inputs);
  const maxGapSec = MAX_GAP_MS / 1000;

  // Seconds with data: inside a segment, between two samples at most MAX_GAP_MS apart (or on a sample).
  const hasData = new Array<boolean>(count).fill(false);
  for (const segment of segments) {
    segment.forEach((sample, k) => {
      const sec = sample.atMs / 1000;
      if (Number.isInteger(sec) && sec < count) hasData[sec] = true;
      const next = segment[k + 1];
      if (next === undefined || (next.atMs - sample.atMs) / 1000 > maxGapSec) return;
      for (let s = Math.ceil(sec); s <= Math.min(count - 1, Math.floor(next.atMs / 1000)); s += 1) hasData[s] = true;
    });
  }
  for (const s of pausedSec) if (s < count) hasData[s] = false;

  const distanceM = capSpikes(interpolate(distancePoints(segments), count, maxGapSec).map((d, s) => (hasData[s] ? d : undefined)));
  const speedMps = distanceM.map((_, i) => centredSpeed(distanceM, i, halfWindowSec));

  const samples = segments.flat();
  const altitudeM = centredMean(
    interpolate(
      samples.flatMap((s) => (s.altitudeM === undefined ? [] : [{ sec: s.atMs / 1000, value: s.altitudeM }])),
      count,
      MAX_ALTITUDE_GAP_MS / 1000,
    ).map((a, s) => (hasData[s] ? a : undefined)),
    ALTITUDE_HALF_WINDOW_SEC,
  );
  const hrBpm = centredMean(
    interpolate(
      samples.flatMap((s) =>
        s.hrBpm === undefined || s.hrBpm < HR_MIN_BPM || s.hrBpm > HR_MAX_BPM || isCadenceLocked(s.hrBpm, s.cadenceSpm)
          ? []
          : [{ sec: s.atMs / 1000, value: s.hrBpm }],
      ),
      count,
      MAX_HR_GAP_MS / 1000,
    ).map((h, s) => (hasData[s] ? h : undefined)),
    HR_HALF_WINDOW_SEC,
  );

  const altitudeWithDistanceM = altitudeM.map((a, s) => (a === undefined || distanceM[s] === undefined ? undefined : a));
  const seconds: JudgeSecond[] = [];
  let timerMs = 0;
  for (let i = 0; i < count; i += 1) {
    if (i > 0 && hasData[i - 1] === true) timerMs += 1000;
    const speed = speedMps[i];
    const stopped = speed === undefined || speed < MOVING_SPEED_MIN_MPS;
    const grade = gradeAt(altitudeWithDistanceM, distanceM, i);
    const hr = hrBpm[i];
    let second: JudgeSecond = { atMs: i * 1000, timerMs, stopped };
    if (speed !== undefined) second = { ...second, speedMps: speed };
    const distance = distanceM[i];
    if (distance !== undefined) second = { ...second, distanceM: distance };
    if (grade !== undefined) second = { ...second, gradePct: grade };
    if (!stopped && speed !== undefined) {
      second = {
        ...second,
        paceSecPerKm: 1000 / speed,
        gapSecPerKm: 1000 / gradeAdjustedSpeedMps(speed, grade ?? 0),
      };
    }
    if (hr !== undefined) second = { ...second, hrBpm: hr };
    seconds.push(second);
  }
  return seconds;
}

/**
 * Cumulative distance (undefined without data) with each second's step
 * capped at SPIKE_CAP_RATIO times the median step of the ± SPIKE_REFERENCE_HALF_SEC
 * around it: a multipath spike adds metres in a few seconds that the
 * recorded distance keeps, and in hindsight its neighbours show it was not
 * running. Pure; table-tested.
 */
export function capSpikes(distanceM: readonly (number | undefined)[]): (number | undefined)[] {
  const stepsM = distanceM.map((d, i) => {
    const next = distanceM[i + 1];
    return d === undefined || next === undefined ? undefined : next - d;
  });
  const out: (number | undefined)[] = [];
  let totalM = 0;
  for (let i = 0; i < distanceM.length; i += 1) {
    if (distanceM[i] === undefined) {
      out.push(undefined);
      continue;
    }
    out.push(totalM);
    const stepM = stepsM[i];
    if (stepM === undefined) continue;
    const around = stepsM
      .slice(Math.max(0, i - SPIKE_REFERENCE_HALF_SEC), i + SPIKE_REFERENCE_HALF_SEC + 1)
      .filter((x): x is number => x !== undefined);
    const medianM = median(around) ?? stepM;
    totalM += Math.min(stepM, Math.max(SPIKE_CAP_RATIO * medianM, MOVING_SPEED_MIN_MPS));
  }
  return out;
}

/** The widest window of ± up to `half` seconds around `i` with values throughout. */
function centredSpan(values: readonly (number | undefined)[], i: number, half: number): { lo: number; hi: number } | undefined {
  if (values[i] === undefined) return undefined;
  let lo = i;
  let hi = i;
  while (lo > i - half && values[lo - 1] !== undefined) lo -= 1;
  while (hi < i + half && values[hi + 1] !== undefined) hi += 1;
  return { lo, hi };
}

function centredSpeed(distanceM: readonly (number | undefined)[], i: number, halfWindowSec: number): number | undefined {
  const span = centredSpan(distanceM, i, halfWindowSec);
  if (span === undefined || span.hi - span.lo < MIN_SPEED_SPAN_SEC) return undefined;
  return ((distanceM[span.hi] ?? 0) - (distanceM[span.lo] ?? 0)) / (span.hi - span.lo);
}

/** `altitudeM`: defined only where distance is too. */
function gradeAt(altitudeM: readonly (number | undefined)[], distanceM: readonly (number | undefined)[], i: number): number | undefined {
  const span = centredSpan(altitudeM, i, GRADE_HALF_WINDOW_SEC);
  if (span === undefined) return undefined;
  const runM = (distanceM[span.hi] ?? 0) - (distanceM[span.lo] ?? 0);
  if (runM < GRADE_MIN_BASELINE_M) return undefined;
  const pct = (100 * ((altitudeM[span.hi] ?? 0) - (altitudeM[span.lo] ?? 0))) / runM;
  return Math.max(-MAX_GRADE_PCT, Math.min(MAX_GRADE_PCT, pct));
}

/** The slow reference a short window's distance speed is compared with: ± this many seconds (a runner's pace holds for minutes on a recovery run). */
export const SPREAD_REFERENCE_HALF_SEC = 120;
/** A median absolute deviation times this is a standard deviation, for Gaussian errors. */
const MAD_TO_SD = 1.4826;

/**
 * How far a distance-based speed over `windowSec` strays on this recording:
 * the robust standard deviation (MAD × 1.4826) of that speed minus the speed
 * over a centred ± SPREAD_REFERENCE_HALF_SEC around the window's middle, over
 * every window with data throughout. It holds the recording's GPS error and
 * the runner's own pace changes alike, so it is an upper bound on the error
 * (on a steady run, near the error itself). Undefined with fewer than
 * MIN_SPREAD_WINDOWS such windows. Pure; table-tested.
 */
export function distanceSpeedSpreadMps(seconds: readonly JudgeSecond[], windowSec: number): number | undefined {
  const residualsMps: number[] = [];
  const d = (i: number): number | undefined => seconds[i]?.distanceM;
  const step = Math.max(1, Math.floor(windowSec / 2));
  for (let first = 0; first + windowSec < seconds.length; first += step) {
    const last = first + windowSec;
    const middle = Math.round((first + last) / 2);
    const lo = middle - SPREAD_REFERENCE_HALF_SEC;
    const hi = middle + SPREAD_REFERENCE_HALF_SEC;
    const [a, b, refA, refB] = [d(first), d(last), d(lo), d(hi)];
    if (a === undefined || b === undefined || refA === undefined || refB === undefined) continue;
    const refSpeedMps = (refB - refA) / (hi - lo);
    if (refSpeedMps < MOVING_SPEED_MIN_MPS) continue;
    residualsMps.push((b - a) / windowSec - refSpeedMps);
  }
  if (residualsMps.length < MIN_SPREAD_WINDOWS) return undefined;
  const madMps = mad(residualsMps);
  return madMps === undefined ? undefined : MAD_TO_SD * madMps;
}

/** Fewer windows than this say nothing about a recording's spread. */
export const MIN_SPREAD_WINDOWS = 10;

