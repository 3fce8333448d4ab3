/**
 * One activity's guard inputs → what calibration needs from it: its steady
 * stretches (minutes of steady grade-adjusted pace, each with the heart rate
 * they cost), its highest sustained heart rate, and the facts that say
 * whether it was a run at all. Raw samples stay behind: the result is small
 * enough to cache per file.
 *
 * ```
 * timer  0 ─────── 8 min ──┬──1──┬──2──┬──3──┬──4──┬──5──┬──6──┬── …  one-minute blocks
 *         HR settles        │ steady: 3 to 10 blocks that agree │  ✗  │ steady …
 *                           pace: mean of block medians; HR: median after the first block
 * ```
 *
 * Two passes. The first conditions the samples as the guard does
 * (`stepSignals`, conditioning without the warm-ups, which calibration does
 * not read): it decides what is believed (heart rate without faults,
 * jumps or cadence lock; plausible speed), what is moving, what is paused.
 * The second, which a live guard cannot do, looks both ways: grade is the
 * rise over a baseline *centred* on each sample, so it neither lags the
 * terrain nor leans to one side (the guard's trailing grade leans downhill on
 * purpose, and its smoothed speed is a lower median: both are the cautious
 * side for alerts, and both would bias a calibration slow). Speed is the
 * recorded reading itself; a block's median of readings ignores the seconds
 * a multipath spike lasts.
 */
import { WALKING_SPEED_MAX_MPS } from '../fit/activity.ts';
import { DEFAULT_TUNING } from '../guard/config.ts';
import type { GuardInput } from '../samples/sample.ts';
import { INITIAL_SIGNAL_STATE, stepSignals, type Signals } from '../signal/condition.ts';
import { MAX_GRADE_PCT, ROUGH_ALTITUDE_M, ROUGH_GRADE_BASELINE_M, SMOOTH_GRADE_BASELINE_M } from '../signal/grade.ts';
import { gradeAdjustedSpeedMps } from '../signal/minetti.ts';
import { MAX_PLAUSIBLE_SPEED_MPS, RUNNING_CADENCE_SPM } from '../signal/pace.ts';
import type { CadenceBlock } from './cadence.ts';
import { MAX_GAP_SEC, runResponse, type ResponseSegment, type RunResponse } from './response.ts';
import { MAD_TO_SD, median } from './stats.ts';

// ---------------------------------------------------------------------------
// Rules

/**
 * Steady stretches start after this much timer time: heart rate follows a
 * change of effort within a minute or two, but the warm-up (blood volume
 * shifts, temperature) moves it for longer; issue #3 asks for 8–10 min.
 */
export const HR_SETTLE_MS = 8 * 60_000;
/** Stretches are built from blocks of this much timer time. */
export const BLOCK_MS = 60_000;
/** A steady stretch is at least this many consecutive blocks (3 min)… */
export const MIN_STRETCH_BLOCKS = 3;
/**
 * …and at most this many (10 min). Longer stretches average GPS noise out
 * (a speed error of 0.25 m/s correlated over 10 s averages to about 0.05 m/s
 * over 10 min), which keeps the fitted slope from being diluted; shorter
 * ones keep the time resolution cardiac drift needs.
 */
export const MAX_STRETCH_BLOCKS = 10;
/**
 * Heart rate of a stretch is read after its first block: after a change of
 * pace the heart needs a minute (time constant 30–60 s) to follow.
 */
export const STRETCH_HR_SKIP_BLOCKS = 1;
/** A block counts when at least this share of its time is usable running (no stop, no lost sensor). */
export const BLOCK_MIN_COVERAGE = 0.8;
/**
 * Steady effort: each block's grade-adjusted speed within this fraction of
 * the stretch's (±6 %: about ±20 s/km at 5:30; tempo changes and surges are
 * 10 % and more, GPS noise on a minute's median a few percent).
 */
export const STEADY_GAP_TOLERANCE = 0.06;
/**
 * Steady response: each block's median heart rate (after the first) within
 * this many bpm of the stretch's. Heart rate drifts a few bpm an hour at a
 * steady effort; a bigger change is a change of effort GPS missed, or the
 * sensor.
 */
export const STEADY_HR_TOLERANCE_BPM = 4;
/**
 * Settled heart: the first two blocks whose heart rate a stretch reads
 * (after STRETCH_HR_SKIP_BLOCKS) agree within this many bpm. A heart still
 * answering a change of pace moves by more from one minute to the next (a
 * 30 bpm change with a time constant of 90 s: 7 bpm between the second and
 * third minute, 2 between the fourth and fifth); a heart at its steady state
 * moves by its drift (at most 0.25 bpm a minute) and a median's noise.
 * Without it a slow heart's stretches right after a tempo or an interval
 * session read its climb or its fall, and flatten the curve
 * (docs/decisions/cadence-lock-evidence.md).
 */
export const HR_SETTLED_BPM = 2;
/** Slower than this (grade-adjusted) is walking, not running: the decoder's walking bound, one number for both. */
export const RUNNING_GAP_MIN_MPS = WALKING_SPEED_MAX_MPS;
/**
 * Steeper than this the seconds are left out: Minetti's cost is least
 * certain there, heart rate lags the change of effort over a crest, and
 * steady effort on steep ground is rare anyway.
 */
export const STRETCH_MAX_ABS_GRADE_PCT = 4;
/** A heart-rate value older than this is not a reading of the current second. */
export const HR_FRESH_MS = 5_000;
/**
 * The highest heart rate of a run is the highest level held this long
 * (every believed reading in the window at or above it): a spike or a
 * confirmed jump that lasts only seconds cannot set it.
 */
export const PEAK_HR_HOLD_MS = 20_000;
/** Believed readings further apart than this break a held level (smart recording writes every 4–6 s). */
export const PEAK_HR_MAX_GAP_MS = 10_000;
/**
 * The effort behind a held peak is the fastest grade-adjusted pace (the
 * guard's smoothed speed, which a multipath spike cannot move) from this long
 * before the hold began to its end: heart rate lags a change of effort by a
 * minute (time constant 30–60 s), so the end of a hard repeat is still held
 * high while the runner jogs or stands after it.
 */
export const PEAK_EFFORT_LEAD_MS = 60_000;
/** Seconds steeper than this are left out of the cadence line's blocks (cadence.ts). */
export const CADENCE_MAX_ABS_GRADE_PCT = 2;
/** Below this a sample is standing still, for the activity's median speed (decode's bound). */
export const STANDING_SPEED_MPS = 0.5;

// ---------------------------------------------------------------------------
// Types

export interface Stretch {
  /** Timer time at the middle of the stretch, from the run's first input (pauses left out). */
  readonly atTimerMs: number;
  readonly durationMs: number;
  /** Grade-adjusted speed: the mean of the blocks' median readings. */
  readonly gapSpeedMps: number;
  /**
   * Standard error of gapSpeedMps: the run's minute-to-minute noise over
   * √blocks (see `blockNoiseMps`). The curve fit corrects its slope for it.
   */
  readonly gapSeMps: number;
  /** Median believed heart rate over the stretch after its first block. */
  readonly hrBpm: number;
  /** Median grade; absent without altitude. */
  readonly gradePct?: number;
}

/** What one activity says about itself, measured from its data. */
export interface ActivityFacts {
  /** Time of the first input (epoch ms from a FIT file). */
  readonly startMs: number;
  readonly timerMs: number;
  /** Timer time spent moving (the guard's notion: running speed or running cadence). */
  readonly movingMs: number;
  /** Median recorded speed of samples faster than standing. */
  readonly medianMovingSpeedMps?: number;
  /** Median step rate of moving samples, when at least half of them carry one. */
  readonly medianCadenceSpm?: number;
  /** Timer time with a believed heart rate. */
  readonly hrMs: number;
  /** Highest level held for PEAK_HR_HOLD_MS; absent when none was. */
  readonly peakHrBpm?: number;
  /**
   * The effort it was held at: the fastest grade-adjusted speed from
   * PEAK_EFFORT_LEAD_MS before the hold to its end; absent without a speed
   * then. Calibration believes a peak that the runner's curve puts at that
   * speed, or that other runs reach too (calibrate.ts).
   */
  readonly peakGapSpeedMps?: number;
  /** Timer time at the end of the hold (the curve's drift depends on it). */
  readonly peakAtTimerMs?: number;
}

export interface StretchExtract {
  readonly facts: ActivityFacts;
  readonly stretches: Stretch[];
  /** What the run says about how fast heart rate answers effort (response.ts); absent when too little of it. */
  readonly response?: RunResponse;
  /** One-minute blocks on the flat with a recorded cadence, for the cadence line (cadence.ts). */
  readonly cadenceBlocks: CadenceBlock[];
}

// ---------------------------------------------------------------------------
// Extraction

/**
 * The samples after the first pass, as columns (one entry per sample, NaN or
 * -1 where a value is missing): what the second pass needs. Columns rather
 * than an object per sample: a year of running is a million samples, and
 * calibration's time is mostly allocation.
 */
interface Seconds {
  /** Block index, -1 before HR_SETTLE_MS. */
  readonly block: number[];
  readonly dtMs: number[];
  /** 1: moving at running pace and cadence, with a believed heart rate: may count for a stretch. */
  readonly usable: number[];
  readonly hrBpm: number[];
  /** The speed reading (recorded, else the guard's), NaN when implausible or missing. */
  readonly speedMps: number[];
  readonly odometerM: number[];
  readonly altitudeM: number[];
  /** Real time and timer time of the sample: a pause is where the first moves and the second does not. */
  readonly atMs: number[];
  readonly timerMs: number[];
  /** 1: moving at running pace with a speed reading, heart rate or not: the response's input is known. */
  readonly running: number[];
  /** Step rate, NaN when not recorded (or 0). */
  readonly cadenceSpm: number[];
  /**
   * The sample's own heart-rate reading when the conditioning accepted it
   * (not the guard's 5 s median, whose lag of a few seconds would read as
   * the heart's dead time), NaN otherwise: the response fit's output.
   */
  readonly readingHrBpm: number[];
}

interface Block {
  readonly gap: number[];
  /** Speed readings and step rates of the usable seconds on the flat with a cadence. */
  readonly cadenceSpeed: number[];
  readonly cadence: number[];
  readonly hr: number[];
  readonly grade: number[];
  goodMs: number;
  dirty: boolean;
  /** Medians of gap and hr, taken once the block is complete (stretch finding asks for them again and again). */
  gapMedian: number;
  hrMedian: number;
}

/** Pure: inputs in time order (as decodeActivity gives them), read once → stretches and facts. */
export function extractStretches(inputs: Iterable<GuardInput>): StretchExtract {
  let state = INITIAL_SIGNAL_STATE;
  const seconds: Seconds = { block: [], dtMs: [], usable: [], hrBpm: [], speedMps: [], odometerM: [], altitudeM: [], atMs: [], timerMs: [], running: [], cadenceSpm: [], readingHrBpm: [] };
  const dirtyBlocks = new Set<number>();
  const facts = activityFactsTracker();
  let odometerM = 0;
  let startMs: number | undefined;

  for (const input of inputs) {
    startMs ??= input.atMs;
    state = stepSignals(state, input, DEFAULT_TUNING);
    const c = state.output;
    if (c === undefined) continue;
    const block = c.timerMs >= HR_SETTLE_MS ? Math.floor((c.timerMs - HR_SETTLE_MS) / BLOCK_MS) : -1;
    if (input.kind !== 'sample') {
      if (input.kind === 'pause' && block >= 0) dirtyBlocks.add(block);
      continue;
    }
    facts.add(input, c);
    const speedMps = speedReading(input.speedMps ?? c.speedMps, input.cadenceSpm);
    const hrBpm = believedHr(c);
    if (c.paused) continue;
    odometerM += ((speedMps ?? 0) * c.dtMs) / 1000;
    const running = input.cadenceSpm === undefined || input.cadenceSpm === 0 || input.cadenceSpm >= RUNNING_CADENCE_SPM;
    const usable = c.moving && running && hrBpm !== undefined && c.gapSpeedMps !== undefined && c.gapSpeedMps >= RUNNING_GAP_MIN_MPS;
    seconds.block.push(block);
    seconds.dtMs.push(c.dtMs);
    seconds.usable.push(usable ? 1 : 0);
    seconds.hrBpm.push(hrBpm ?? NaN);
    seconds.speedMps.push(speedMps ?? NaN);
    seconds.odometerM.push(odometerM);
    seconds.altitudeM.push(input.altitudeM ?? NaN);
    seconds.atMs.push(c.atMs);
    seconds.timerMs.push(c.timerMs);
    seconds.running.push(c.moving && running && speedMps !== undefined && c.gapSpeedMps !== undefined && c.gapSpeedMps >= RUNNING_GAP_MIN_MPS ? 1 : 0);
    seconds.cadenceSpm.push(input.cadenceSpm !== undefined && input.cadenceSpm > 0 ? input.cadenceSpm : NaN);
    const accepted = hrBpm !== undefined && c.hrLastAtMs === c.atMs && input.hrBpm !== undefined;
    seconds.readingHrBpm.push(accepted ? (input.hrBpm as number) : NaN);
  }

  const grades = gradesAlong(seconds.odometerM, seconds.altitudeM);
  const blocks = toBlocks(seconds, grades, dirtyBlocks);
  const response = runResponse(responseSegments(seconds, grades));
  return {
    facts: facts.facts(startMs),
    stretches: steadyStretches(blocks),
    ...(response === undefined ? {} : { response }),
    cadenceBlocks: cadenceBlocksOf(blocks),
  };
}

/**
 * The facts alone, without the stretches, the response or the cadence
 * blocks: what says whether an activity is a run (extract.ts's
 * classifyActivity), at a fraction of the cost. The same facts as
 * extractStretches', by the same tracker.
 */
export function activityFacts(inputs: readonly GuardInput[]): ActivityFacts {
  let state = INITIAL_SIGNAL_STATE;
  const facts = activityFactsTracker();
  for (const input of inputs) {
    state = stepSignals(state, input, DEFAULT_TUNING);
    facts.add(input, state.output as Signals);
  }
  return facts.facts(inputs[0]?.atMs);
}

/**
 * Whether the samples' own speed readings, before any conditioning, already
 * show the facts' median moving speed under `belowMps` (what `paceguard
 * tune` asks first: is it a walk?). The tracker takes a sample's speed
 * reading when it has one, and the conditioned speed only when it has none:
 * a sample without a reading is counted as if it stood in at or over
 * `belowMps`, the worst case, so a true answer holds whatever the
 * conditioning makes of it. A count, no sort: a run costs little.
 */
export function readingsShowSpeedBelow(inputs: Iterable<GuardInput>, belowMps: number): boolean {
  let count = 0;
  let below = 0;
  for (const input of inputs) {
    if (input.kind !== 'sample') continue;
    if (input.speedMps === undefined) {
      count++;
      continue;
    }
    const speedMps = speedReading(input.speedMps, input.cadenceSpm);
    if (speedMps === undefined || speedMps < STANDING_SPEED_MPS) continue;
    count++;
    if (speedMps < belowMps) below++;
  }
  // quantileSorted's median of `count` speeds lies between those ranked floor((count - 1) / 2) and the next:
  // under belowMps when both are. Fewer speeds (a stand-in left out) only lower those ranks.
  const hi = Math.min(count - 1, Math.floor((count - 1) / 2) + 1);
  return count > 0 && below > hi;
}

/** The facts as a run goes by, fed each input's signals as calibration takes them (DEFAULT_TUNING's), read at the end. */
export interface ActivityFactsTracker {
  add(input: GuardInput, c: Signals): void;
  /** `startMs`: the run's first input's time (undefined: none, read as 0). */
  facts(startMs: number | undefined): ActivityFacts;
}

/**
 * A facts tracker: extractStretches and activityFacts feed one, and so does
 * `paceguard tune` from the signals its scoring takes anyway (src/tune/score.ts).
 */
export function activityFactsTracker(): ActivityFactsTracker {
  const movingSpeeds: number[] = [];
  const cadences: number[] = [];
  let movingSamples = 0;
  let movingMs = 0;
  let hrMs = 0;
  let timerMs = 0;
  const peak = peakTracker();
  return {
    add(input: GuardInput, c: Signals): void {
      timerMs = c.timerMs;
      if (input.kind !== 'sample') return;
      const speedMps = speedReading(input.speedMps ?? c.speedMps, input.cadenceSpm);
      if (speedMps !== undefined && speedMps >= STANDING_SPEED_MPS) movingSpeeds.push(speedMps);
      if (c.paused) return;
      if (c.moving) {
        movingMs += c.dtMs;
        movingSamples++;
        // A step rate of 0 while moving is a missing sensor (devices write 0), not a rhythm.
        if (input.cadenceSpm !== undefined && input.cadenceSpm > 0) cadences.push(input.cadenceSpm);
      }
      peak.effort(c.atMs, c.gapSpeedMps);
      const hrBpm = believedHr(c);
      if (hrBpm !== undefined) {
        hrMs += c.dtMs;
        peak.push(c.atMs, c.timerMs, hrBpm);
      }
    },
    facts(startMs: number | undefined): ActivityFacts {
      const medianSpeed = median(movingSpeeds);
      const medianCadence = cadences.length * 2 >= movingSamples && cadences.length > 0 ? median(cadences) : undefined;
      const { peakHrBpm, peakGapSpeedMps, peakAtTimerMs } = peak.peak();
      return {
        startMs: startMs ?? 0,
        timerMs,
        movingMs,
        ...(medianSpeed === undefined ? {} : { medianMovingSpeedMps: medianSpeed }),
        ...(medianCadence === undefined ? {} : { medianCadenceSpm: medianCadence }),
        hrMs,
        ...(peakHrBpm === undefined ? {} : { peakHrBpm }),
        ...(peakGapSpeedMps === undefined ? {} : { peakGapSpeedMps }),
        ...(peakAtTimerMs === undefined ? {} : { peakAtTimerMs }),
      };
    },
  };
}

/**
 * The run as 1 Hz segments of running for the response fit: grade-adjusted
 * speed (the centred grade, as the stretches use) held from one reading to
 * the next, heart rate where believed. A pause, or running speed missing
 * for more than MAX_GAP_SEC, ends a segment.
 */
function responseSegments(seconds: Seconds, grades: Float64Array): ResponseSegment[] {
  const segments: ResponseSegment[] = [];
  let gap: number[] = [];
  let hr: number[] = [];
  let startAtMs = 0;
  let startTimerSec = 0;
  let lastAtMs = -Infinity;
  let lastTimerMs = 0;
  const close = (): void => {
    if (gap.length > 0) segments.push({ startTimerSec, gapSpeedMps: Float64Array.from(gap), hrBpm: Float64Array.from(hr) });
    gap = [];
    hr = [];
  };
  const n = seconds.atMs.length;
  for (let i = 0; i < n; i++) {
    if (seconds.running[i] !== 1) continue;
    const atMs = seconds.atMs[i] as number;
    const timerMs = seconds.timerMs[i] as number;
    const paused = atMs - lastAtMs - (timerMs - lastTimerMs) > 2_000;
    if (atMs - lastAtMs > MAX_GAP_SEC * 1000 || paused) {
      close();
      startAtMs = atMs;
      startTimerSec = timerMs / 1000;
    }
    lastAtMs = atMs;
    lastTimerMs = timerMs;
    const speedMps = seconds.speedMps[i] as number;
    const gradePct = grades[i] as number;
    const gapMps = Number.isNaN(gradePct) ? speedMps : gradeAdjustedSpeedMps(speedMps, gradePct);
    const second = Math.floor((atMs - startAtMs) / 1000);
    // Hold the previous reading up to this second (sparse recordings), then this one.
    const previousGap = gap[gap.length - 1] ?? gapMps;
    const previousHr = hr[hr.length - 1] ?? NaN;
    while (gap.length < second) {
      gap.push(previousGap);
      hr.push(previousHr);
    }
    if (gap.length === second) {
      gap.push(gapMps);
      hr.push(seconds.readingHrBpm[i] as number);
    }
  }
  close();
  return segments;
}

/** Blocks with a cadence for most of their usable time: median speed and step rate. */
function cadenceBlocksOf(blocks: ReadonlyMap<number, Block>): CadenceBlock[] {
  const usable = (index: number): Block | undefined => {
    const block = blocks.get(index);
    return block === undefined || block.dirty || block.goodMs < BLOCK_MIN_COVERAGE * BLOCK_MS ? undefined : block;
  };
  // A block's speed carries the run's minute-to-minute noise: the cadence fit corrects its slope for it, as the curve does.
  const noiseMps = blockNoiseMps(usable, Math.max(-1, ...blocks.keys())) ?? 0;
  const out: CadenceBlock[] = [];
  for (const [index, block] of blocks) {
    if (usable(index) === undefined || block.cadence.length * 2 < block.gap.length) continue;
    out.push({ speedMps: median(block.cadenceSpeed) as number, speedSeMps: noiseMps, cadenceSpm: median(block.cadence) as number });
  }
  return out;
}

/**
 * A speed reading as the guard would believe it (src/signal/pace.ts): not
 * beyond a runner's speed (multipath), and not "stopped" at a running step
 * rate (GPS lost in a tunnel). Undefined otherwise.
 */
function speedReading(reading: number | undefined, cadenceSpm: number | undefined): number | undefined {
  if (reading === undefined || !(reading >= 0) || reading > MAX_PLAUSIBLE_SPEED_MPS) return undefined;
  const running = cadenceSpm !== undefined && cadenceSpm >= RUNNING_CADENCE_SPM;
  return running && reading < DEFAULT_TUNING.minMovingSpeedMps ? undefined : reading;
}

/** The conditioned heart rate when it is a current, believed reading. */
function believedHr(c: Signals): number | undefined {
  if (c.hrBpm === undefined || c.hrLastAtMs === undefined || c.hrCadenceLocked) return undefined;
  return c.atMs - c.hrLastAtMs <= HR_FRESH_MS ? c.hrBpm : undefined;
}

/**
 * Grade at each sample: the rise over a baseline of distance centred on it,
 * the guard's baselines (80 m for a smooth altimeter, 400 m for a rough one,
 * judged as the guard judges: the typical second difference of readings).
 * Undefined without altitude or where the baseline runs off either end.
 */
export function centredGrades(seconds: readonly { readonly odometerM: number; readonly altitudeM: number | undefined }[]): (number | undefined)[] {
  const grades = gradesAlong(
    seconds.map((s) => s.odometerM),
    seconds.map((s) => s.altitudeM ?? NaN),
  );
  return Array.from(grades, (g) => (Number.isNaN(g) ? undefined : g));
}

/**
 * centredGrades on columns (NaN: no altitude; NaN out where there is no
 * grade). The odometer never decreases, so both ends of every baseline move
 * forward only: windows slide instead of being searched for, and nothing is
 * allocated per sample.
 */
function gradesAlong(odometerM: readonly number[], altitudeM: readonly number[]): Float64Array {
  const n = odometerM.length;
  const grades = new Float64Array(n).fill(NaN);
  const points = altitudePoints(odometerM, altitudeM);
  const count = points.m.length;
  if (count < 3) return grades;
  const secondDiffs: number[] = [];
  for (let i = 2; i < count; i++) secondDiffs.push(Math.abs((points.alt[i] as number) - 2 * (points.alt[i - 1] as number) + (points.alt[i - 2] as number)));
  const rough = (median(secondDiffs) ?? 0) > ROUGH_ALTITUDE_M;
  const halfM = (rough ? ROUGH_GRADE_BASELINE_M : SMOOTH_GRADE_BASELINE_M) / 2;
  const firstM = points.m[0] as number;
  const lastM = points.m[count - 1] as number;
  // The whole baseline, with the readings averaged at its ends, must lie inside the data.
  const reachM = halfM + ALTITUDE_AVERAGE_M;
  const ahead = slidingAverage(points);
  const behind = slidingAverage(points);
  for (let i = 0; i < n; i++) {
    const atM = odometerM[i] as number;
    if (Number.isNaN(altitudeM[i] as number) || atM - reachM < firstM || atM + reachM > lastM) continue;
    ahead.moveTo(atM + halfM);
    behind.moveTo(atM - halfM);
    if (ahead.m - behind.m < halfM) continue;
    const gradePct = ((ahead.alt - behind.alt) / (ahead.m - behind.m)) * 100;
    grades[i] = Math.max(-MAX_GRADE_PCT, Math.min(MAX_GRADE_PCT, gradePct));
  }
  return grades;
}

interface AltitudePoints {
  /** Odometer of each altitude reading, non-decreasing. */
  readonly m: Float64Array;
  readonly alt: Float64Array;
}

function altitudePoints(odometerM: readonly number[], altitudeM: readonly number[]): AltitudePoints {
  let count = 0;
  for (const alt of altitudeM) if (!Number.isNaN(alt)) count++;
  const m = new Float64Array(count);
  const alt = new Float64Array(count);
  let k = 0;
  altitudeM.forEach((a, i) => {
    if (Number.isNaN(a)) return;
    m[k] = odometerM[i] as number;
    alt[k] = a;
    k++;
  });
  return { m, alt };
}

/**
 * The mean of the points within ALTITUDE_AVERAGE_M of a position (one
 * reading carries its 0.2 m step and its noise), as a point: mean distance
 * and mean altitude, so that rise over run is exact on a straight slope
 * however the readings fall. Positions must be asked for in non-decreasing
 * order. Sums run up from the first point at or past the position, then down
 * from the one before it, always in the same order, so the result does not
 * depend on how the position was reached.
 */
function slidingAverage(points: AltitudePoints) {
  const count = points.m.length;
  /** First point at or past the position. */
  let at = 0;
  const cursor = {
    m: 0,
    alt: 0,
    moveTo(atM: number): void {
      while (at < count && (points.m[at] as number) < atM) at++;
      let m = 0;
      let alt = 0;
      let n = 0;
      for (let i = at; i < count && (points.m[i] as number) <= atM + ALTITUDE_AVERAGE_M; i++) {
        m += points.m[i] as number;
        alt += points.alt[i] as number;
        n++;
      }
      for (let i = at - 1; i >= 0 && (points.m[i] as number) >= atM - ALTITUDE_AVERAGE_M; i--) {
        m += points.m[i] as number;
        alt += points.alt[i] as number;
        n++;
      }
      if (n === 0) {
        const nearest = Math.min(at, count - 1);
        cursor.m = points.m[nearest] as number;
        cursor.alt = points.alt[nearest] as number;
        return;
      }
      cursor.m = m / n;
      cursor.alt = alt / n;
    },
  };
  return cursor;
}

/** Altitude readings within this many metres of a baseline's end are averaged (about 10 s of running). */
const ALTITUDE_AVERAGE_M = 15;

function toBlocks(seconds: Seconds, grades: Float64Array, dirty: ReadonlySet<number>): Map<number, Block> {
  const blocks = new Map<number, Block>();
  const n = seconds.block.length;
  for (let i = 0; i < n; i++) {
    const index = seconds.block[i] as number;
    if (index < 0) continue;
    let block = blocks.get(index);
    if (block === undefined) {
      block = { gap: [], cadenceSpeed: [], cadence: [], hr: [], grade: [], goodMs: 0, dirty: dirty.has(index), gapMedian: NaN, hrMedian: NaN };
      blocks.set(index, block);
    }
    const gradePct = grades[i] as number;
    const hasGrade = !Number.isNaN(gradePct);
    const flatEnough = !hasGrade || Math.abs(gradePct) <= STRETCH_MAX_ABS_GRADE_PCT;
    const speedMps = seconds.speedMps[i] as number;
    const hrBpm = seconds.hrBpm[i] as number;
    if (seconds.usable[i] !== 1 || !flatEnough || Number.isNaN(speedMps) || Number.isNaN(hrBpm)) continue;
    block.gap.push(hasGrade ? gradeAdjustedSpeedMps(speedMps, gradePct) : speedMps);
    block.hr.push(hrBpm);
    if (hasGrade) block.grade.push(gradePct);
    const cadenceSpm = seconds.cadenceSpm[i] as number;
    // The cadence line is read on the flat only (cadence.ts): a climb shortens the stride at the same step rate.
    if (!Number.isNaN(cadenceSpm) && (!hasGrade || Math.abs(gradePct) <= CADENCE_MAX_ABS_GRADE_PCT)) {
      block.cadenceSpeed.push(speedMps);
      block.cadence.push(cadenceSpm);
    }
    block.goodMs += seconds.dtMs[i] as number;
  }
  for (const block of blocks.values()) {
    block.gapMedian = median(block.gap) ?? NaN;
    block.hrMedian = median(block.hr) ?? NaN;
  }
  return blocks;
}

/**
 * Greedy, left to right: a stretch grows block by block while every block
 * agrees with it (pace and heart rate), up to MAX_STRETCH_BLOCKS; with at
 * least MIN_STRETCH_BLOCKS it is kept and the next one starts after it.
 */
function steadyStretches(blocks: ReadonlyMap<number, Block>): Stretch[] {
  const stretches: Stretch[] = [];
  const last = Math.max(-1, ...blocks.keys());
  const usable = (index: number): Block | undefined => {
    const block = blocks.get(index);
    return block === undefined || block.dirty || block.goodMs < BLOCK_MIN_COVERAGE * BLOCK_MS ? undefined : block;
  };
  const noiseMps = blockNoiseMps(usable, last);
  for (let first = 0; first <= last; ) {
    const group: Block[] = [];
    for (let next = usable(first); next !== undefined && group.length < MAX_STRETCH_BLOCKS; next = usable(first + group.length)) {
      if (!isSteady([...group, next])) break;
      group.push(next);
    }
    if (group.length < MIN_STRETCH_BLOCKS) {
      first++;
      continue;
    }
    stretches.push(stretchOf(group, first, noiseMps));
    first += group.length;
  }
  return stretches;
}

function isSteady(group: readonly Block[]): boolean {
  const mean = meanGap(group);
  if (!group.every((block) => Math.abs(block.gapMedian / mean - 1) <= STEADY_GAP_TOLERANCE)) return false;
  const hrMedians = group.slice(STRETCH_HR_SKIP_BLOCKS).map((block) => block.hrMedian);
  const [firstBpm, secondBpm] = hrMedians;
  if (firstBpm !== undefined && secondBpm !== undefined && Math.abs(secondBpm - firstBpm) > HR_SETTLED_BPM) return false;
  const centre = median(hrMedians);
  return centre === undefined || hrMedians.every((bpm) => Math.abs(bpm - centre) <= STEADY_HR_TOLERANCE_BPM);
}

/** Mean of the blocks' medians, weighted by their usable time. */
function meanGap(group: readonly Block[]): number {
  let sum = 0;
  let weight = 0;
  for (const block of group) {
    sum += block.gapMedian * block.goodMs;
    weight += block.goodMs;
  }
  return sum / weight;
}

/** Fewer consecutive usable block pairs than this (changes of pace left out): the noise is read from the stretch itself. */
const NOISE_MIN_PAIRS = 5;

/**
 * Two consecutive blocks further apart than this share of their mean
 * grade-adjusted speed are a change of pace, not noise: twice
 * STEADY_GAP_TOLERANCE, the most two blocks of one steady stretch can differ.
 */
export const NOISE_MAX_PAIR_CHANGE = 2 * STEADY_GAP_TOLERANCE;

/**
 * The run's minute-to-minute noise in grade-adjusted speed: from the
 * differences between consecutive usable blocks, robustly: σ = 1.4826 ·
 * median |d| / √2. Read over the whole run rather than within a stretch,
 * because a stretch is chosen for blocks that agree, which hides the noise.
 * Pairs further apart than NOISE_MAX_PAIR_CHANGE are a change of pace and
 * left out: a median ignores a tempo's two, not an interval session's, where
 * most pairs straddle a repeat and its recovery (σ read 0.2–0.3 m/s against
 * 0.03 on the same runner's other runs, and the slopes corrected for that
 * much noise read 38–46 % steep: docs/decisions/cadence-lock-evidence.md).
 * The price: with a noisy GPS (σ 0.15 m/s on a minute at 2.4 m/s) the cut
 * also drops the noise's own tail, and σ reads about a sixth low.
 */
function blockNoiseMps(usable: (index: number) => Block | undefined, last: number): number | undefined {
  const differences: number[] = [];
  for (let index = 0; index < last; index++) {
    const a = usable(index);
    const b = usable(index + 1);
    if (a === undefined || b === undefined) continue;
    const differenceMps = Math.abs(b.gapMedian - a.gapMedian);
    if (differenceMps <= NOISE_MAX_PAIR_CHANGE * ((a.gapMedian + b.gapMedian) / 2)) differences.push(differenceMps);
  }
  if (differences.length < NOISE_MIN_PAIRS) return undefined;
  return (MAD_TO_SD * (median(differences) as number)) / Math.SQRT2;
}

function stretchOf(group: readonly Block[], first: number, noiseMps: number | undefined): Stretch {
  const gradePct = median(group.flatMap((block) => block.grade));
  const gapSpeedMps = meanGap(group);
  const medians = group.map((block) => block.gapMedian);
  const ownSd = Math.sqrt(medians.reduce((sum, m) => sum + (m - gapSpeedMps) ** 2, 0) / (medians.length - 1));
  return {
    atTimerMs: HR_SETTLE_MS + (first + group.length / 2) * BLOCK_MS,
    durationMs: group.length * BLOCK_MS,
    gapSpeedMps,
    gapSeMps: Math.max(noiseMps ?? 0, ownSd) / Math.sqrt(medians.length),
    hrBpm: median(group.slice(STRETCH_HR_SKIP_BLOCKS).flatMap((block) => block.hr)) as number,
    ...(gradePct === undefined ? {} : { gradePct }),
  };
}

/**
 * The highest level held for PEAK_HR_HOLD_MS: the maximum, over time, of the
 * minimum believed reading in the trailing window (a monotonic deque); and
 * the effort it was held at (PEAK_EFFORT_LEAD_MS).
 */
/** The peak tracker cuts its passed-over speeds off once this many have gathered (and they are at least half the array). */
const SPEEDS_COMPACT_AT = 256;

function peakTracker() {
  // The held window of heart rates, oldest first, as two arrays of numbers (no object per reading: tune feeds a year through this).
  let windowAtMs: number[] = [];
  let windowBpm: number[] = [];
  let heldSinceMs: number | undefined;
  let lastAtMs: number | undefined;
  let best: number | undefined;
  let bestSpeedMps: number | undefined;
  let bestAtTimerMs: number | undefined;
  /**
   * Recent grade-adjusted speeds and their times, oldest first: those from
   * `head` on reach back to PEAK_HR_HOLD_MS + PEAK_EFFORT_LEAD_MS. Times
   * never run back (conditioning's clock), so the stale ones are a prefix:
   * passed over, and cut off now and then, rather than the arrays copied at
   * every sample.
   */
  let speedsAtMs: number[] = [];
  let speedsMps: number[] = [];
  let head = 0;
  return {
    effort(atMs: number, gapSpeedMps: number | undefined): void {
      if (gapSpeedMps !== undefined) {
        speedsAtMs.push(atMs);
        speedsMps.push(gapSpeedMps);
      }
      const fromMs = atMs - PEAK_HR_HOLD_MS - PEAK_EFFORT_LEAD_MS;
      while (head < speedsAtMs.length && (speedsAtMs[head] as number) < fromMs) head++;
      if (head >= SPEEDS_COMPACT_AT && head * 2 >= speedsAtMs.length) {
        speedsAtMs = speedsAtMs.slice(head);
        speedsMps = speedsMps.slice(head);
        head = 0;
      }
    },
    push(atMs: number, timerMs: number, bpm: number): void {
      // A silence (no believed reading) longer than the gap limit breaks the hold.
      if (lastAtMs === undefined || atMs - lastAtMs > PEAK_HR_MAX_GAP_MS) {
        windowAtMs = [];
        windowBpm = [];
        heldSinceMs = atMs;
      }
      lastAtMs = atMs;
      while (windowBpm.length > 0 && (windowBpm[windowBpm.length - 1] as number) >= bpm) {
        windowBpm.pop();
        windowAtMs.pop();
      }
      windowAtMs.push(atMs);
      windowBpm.push(bpm);
      while (windowAtMs.length > 0 && (windowAtMs[0] as number) < atMs - PEAK_HR_HOLD_MS) {
        windowAtMs.shift();
        windowBpm.shift();
      }
      if (heldSinceMs !== undefined && atMs - heldSinceMs >= PEAK_HR_HOLD_MS) {
        const held = windowBpm[0] as number;
        if (best === undefined || held > best) {
          best = held;
          bestAtTimerMs = timerMs;
          bestSpeedMps = undefined;
          for (let k = head; k < speedsMps.length; k++) bestSpeedMps = Math.max(bestSpeedMps ?? -Infinity, speedsMps[k] as number);
        }
      }
    },
    peak: (): { peakHrBpm?: number; peakGapSpeedMps?: number; peakAtTimerMs?: number } => ({
      ...(best === undefined ? {} : { peakHrBpm: best }),
      ...(bestSpeedMps === undefined ? {} : { peakGapSpeedMps: bestSpeedMps }),
      ...(bestAtTimerMs === undefined ? {} : { peakAtTimerMs: bestAtTimerMs }),
    }),
  };
}
